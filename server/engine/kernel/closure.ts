// A road closure in force (domain/road-closures.ts makes and lifts them): plain data in the state.
import type { ClosureArea, ClosureReason } from '../../../shared/events.ts';
import type { Capability } from '../../../shared/domain/forces.ts';
import type { LatLon } from '../../../shared/geo.ts';

export interface Closure {
  id: string;
  reason: ClosureReason;
  area: ClosureArea;
  note: string;
  closedAt: number;
  /** Forward edge ids of the road network, ascending. */
  edges: number[];
  /** Sim ms at which it reopens by itself (a 'reopen' timer); absent: until reopened. */
  until?: number;
  /**
   * Units with one of these capabilities are not bound by it (a hazard zone: protected hazmat and
   * decontamination crews may enter a plume, boats go through flood water). Omitted: binds everyone.
   */
  exempt?: Capability[];
  /** The closed road segments themselves, when the area only bounds them (a flood): what the map draws. */
  roads?: [LatLon, LatLon][];
}
