// Compliance with a target set (seeds/targets/*.yaml): for each target, the incidents it applies to,
// the share of them within the limit, and the value at the target's percentile (nearest rank). A
// target holds when that value is within the limit ("240 s at the 90th percentile"). Incidents that
// never reached the measure (no micro station came, the call was cancelled) are left out; a crew
// that never assembled the required staff on an incident that was not cancelled counts as missed.
import type { Target, TargetSet } from '../../shared/schemas/targets.ts';
import type { JURISDICTION_KINDS } from '../../shared/schemas/region.ts';

type JurisdictionKind = (typeof JURISDICTION_KINDS)[number];
import { percentileOfSorted } from './percentiles.ts';
import { staffAssembledSeconds, type IncidentRecord } from './incident-records.ts';

export interface TargetTally {
  id: string;
  /** Incidents the target applies to that reached the measure. */
  n: number;
  /** Of those, within the limit. */
  within: number;
  share: number | null;
  /** Seconds at the target's percentile (Infinity when the staff never assembled). */
  atPercentile: number | null;
  met: boolean | null;
}

/** The measure of one incident for a target: seconds, Infinity (never, counts as missed) or undefined (left out). */
export function targetValue(rec: IncidentRecord, target: Target): number | undefined {
  switch (target.measure) {
    case 'staffAssembly': {
      const s = staffAssembledSeconds(rec, target.staff ?? 0);
      if (s !== undefined) return s;
      return rec.cancelled || rec.crewArrivals.length === 0 ? undefined : Infinity;
    }
    case 'firstStationArrival':
    case 'firstMicroArrival':
    case 'firstTownshipArrival':
    case 'firstEngineTravel':
    case 'callToDispatch':
      return rec.derived[target.measure];
    default:
      return rec.segments[target.measure];
  }
}

export function targetApplies(rec: IncidentRecord, target: Target, jurisdictionKind: (id: string) => JurisdictionKind | undefined): boolean {
  const w = target.where;
  if (w.incidentTypes && !w.incidentTypes.includes(rec.type)) return false;
  if (w.landUses && (rec.landUse === null || !(w.landUses as readonly string[]).includes(rec.landUse))) return false;
  if (w.jurisdictionKinds) {
    const k = rec.jurisdictionId === null ? undefined : jurisdictionKind(rec.jurisdictionId);
    if (k === undefined || !w.jurisdictionKinds.includes(k)) return false;
  }
  if (w.minPeoplePerKm2 !== undefined && (rec.peoplePerKm2 === null || rec.peoplePerKm2 < w.minPeoplePerKm2)) return false;
  if (w.maxPeoplePerKm2 !== undefined && (rec.peoplePerKm2 === null || rec.peoplePerKm2 >= w.maxPeoplePerKm2)) return false;
  return true;
}

/** The values of every incident a target applies to (sorted ascending). */
export function targetValues(records: readonly IncidentRecord[], target: Target, jurisdictionKind: (id: string) => JurisdictionKind | undefined): Float64Array {
  const out: number[] = [];
  for (const r of records) {
    if (!targetApplies(r, target, jurisdictionKind)) continue;
    const v = targetValue(r, target);
    if (v !== undefined) out.push(v);
  }
  return Float64Array.from(out).sort();
}

export function tallyValues(target: Target, sorted: Float64Array): TargetTally {
  let within = 0;
  for (const v of sorted) if (v <= target.seconds + 1e-9) within++;
  const at = percentileOfSorted(sorted, target.percentile);
  return {
    id: target.id,
    n: sorted.length,
    within,
    share: sorted.length === 0 ? null : within / sorted.length,
    atPercentile: at ?? null,
    met: at === undefined ? null : at <= target.seconds + 1e-9,
  };
}

/** Tallies of every target of a set over the incidents of one run (or of many runs pooled). */
export function tallyTargets(set: TargetSet, records: readonly IncidentRecord[], jurisdictionKind: (id: string) => JurisdictionKind | undefined): TargetTally[] {
  return set.targets.map((t) => tallyValues(t, targetValues(records, t, jurisdictionKind)));
}
