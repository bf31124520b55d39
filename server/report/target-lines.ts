// The target lines drawn on the response-time charts: the county's own targets from its data files
// (doctrine: 5-minute rule and micro stations' 3 minutes; coverage: the township teams' target), and
// the NFPA 1710 lines when that target set is chosen (DOMAIN.md §6; measured here from the dispatch
// order, so turnout is added to the travel figures).
import type { TargetLine } from '../../shared/charts/chart-types.ts';
import type { CoverageConfig } from '../../shared/schemas/coverage.ts';
import type { World } from '../engine/types.ts';

export const TARGET_SETS = ['county', 'nfpa'] as const;
export type TargetSet = (typeof TARGET_SETS)[number];

/** NFPA 1710 (2020): turnout 80 s (fire), first engine travel 240 s, full first alarm travel 480 s, all at the 90th percentile. */
const NFPA_1710 = { turnoutSeconds: 80, firstEngineTravelSeconds: 240, fullAlarmTravelSeconds: 480 };

export function targetLines(world: Pick<World, 'doctrine'>, coverage: CoverageConfig, set: TargetSet = 'county'): TargetLine[] {
  const t = world.doctrine.targets;
  const lines: TargetLine[] = [
    { id: 'micro', minutes: t.microArrivalSeconds / 60, zh: '微型站到场', en: 'micro station', source: 'seeds/doctrine.yaml targets.microArrivalSeconds (seed: 1-3-5)' },
    { id: 'station', minutes: t.firstArrivalSeconds / 60, zh: '5分钟到场', en: '5-minute rule', source: 'seeds/doctrine.yaml targets.firstArrivalSeconds (建标152-2017)' },
    { id: 'township', minutes: coverage.measures.township.targetMinutes, zh: '乡镇队目标', en: 'township target', source: 'seeds/coverage.yaml measures.township.targetMinutes' },
  ];
  if (set === 'nfpa') {
    lines.push(
      { id: 'nfpa-first-engine', minutes: (NFPA_1710.turnoutSeconds + NFPA_1710.firstEngineTravelSeconds) / 60, zh: 'NFPA 1710 首车', en: 'NFPA 1710 first engine', source: 'NFPA 1710: turnout 80 s + travel 240 s, 90th percentile' },
      { id: 'nfpa-full-alarm', minutes: (NFPA_1710.turnoutSeconds + NFPA_1710.fullAlarmTravelSeconds) / 60, zh: 'NFPA 1710 首批全部', en: 'NFPA 1710 full first alarm', source: 'NFPA 1710: turnout 80 s + travel 480 s, 90th percentile' },
    );
  }
  return lines.sort((a, b) => a.minutes - b.minutes);
}
