// Happenings: what the domain modules tell the layers above them, without importing them. A domain
// module calls `sim.happen.unitFreed(u)`; the Engine facade (engine.ts) wires each happening to the
// automatic centre and to every registered model's reaction, in a fixed order. This is the only
// way calls go upward: the imports themselves point down only.
import type { Grade } from '../../../shared/domain/grades.ts';
import type { IncidentState, UnitState } from './state.ts';
import type { DomainEvent } from '../../../shared/events.ts';

export interface Happenings {
  /** A unit became available for orders (back in station, released, back in service). */
  unitFreed(unit: UnitState): void;
  /** Size-up or growth showed a true grade above the incident's grade. */
  trueGradeRose(incident: IncidentState, trueGrade: Grade, reason: string): void;
  /** Roads reopened or communications returned: incidents waiting for units may be served now. */
  capacityReturned(): void;
  /** A call came in: its incident exists, its CALL_RECEIVED is in the log. */
  callReceived(incident: IncidentState): void;
  /** An incident reached a final status (closed, cancelled, false alarm). */
  incidentEnded(incident: IncidentState): void;
  /** Nobody is left to rescue at an incident (the last trapped person out or dead, or none found at size-up). */
  rescueDone(incident: IncidentState): void;
  /**
   * An event was written to the log (it is already in it, with its seq and time). For models that
   * read the log as it is written (the drill script: contingencies, expected actions). A reaction
   * may emit events of its own but must not change the world here: schedule a timer at `now`.
   */
  eventEmitted(event: DomainEvent): void;
}

export type HappeningName = keyof Happenings;

/** Happenings nobody listens to (a simulation before the facade wires it). */
export const IGNORE_HAPPENINGS: Happenings = {
  unitFreed: () => {},
  trueGradeRose: () => {},
  capacityReturned: () => {},
  callReceived: () => {},
  incidentEnded: () => {},
  rescueDone: () => {},
  eventEmitted: () => {},
};
