// A dispatch recommendation: which units to send to an incident, with ETA and the reason for each,
// and what no available unit can fill. The engine computes it; the board shows it.
import type { Grade } from './domain/grades.ts';
import type { Capability } from './domain/forces.ts';
import type { DispatchReason } from './events.ts';

export interface RecommendedUnit {
  unitId: string;
  stationId: string;
  type: string;
  etaSec: number;
  reason: DispatchReason;
}

export interface Recommendation {
  incidentId: string;
  grade: Grade;
  units: RecommendedUnit[];
  /** Needs no available unit can fill; `note` says why when it is not plain shortage (e.g. roads closed). */
  unmet: { capability: Capability | 'firefighters' | 'stations'; missing: number; note?: string }[];
}
