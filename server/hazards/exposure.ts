// Exposure casualties of a chemical release: people in the level 2 and level 3 footprints who have
// not left become casualties at an hourly share per level (seeds/substances.yaml `exposure`, a drill
// assumption). Over a step of `hours` with `remaining(i)` of sub-cell i's people still inside
// (evacuation), the expected casualties of sub-cell i are
//   people_i × remaining_i × rate(level_i) × hours.
// The engine adds these up per release and turns every `peoplePerCall` of them into a call.
import type { ConcernLevel } from './chemical-zones.ts';

export interface ExposureRates { level2PerHour: number; level3PerHour: number }

export function exposureStep(
  exposed: readonly { index: number; level: ConcernLevel; people: number }[],
  remaining: (index: number) => number,
  rates: ExposureRates,
  hours: number,
): { total: number; bySubcell: { index: number; casualties: number }[] } {
  let total = 0;
  const bySubcell: { index: number; casualties: number }[] = [];
  for (const s of exposed) {
    const rate = s.level === 3 ? rates.level3PerHour : s.level === 2 ? rates.level2PerHour : 0;
    const c = s.people * remaining(s.index) * rate * hours;
    if (c <= 0) continue;
    total += c;
    bySubcell.push({ index: s.index, casualties: c });
  }
  return { total, bySubcell };
}
