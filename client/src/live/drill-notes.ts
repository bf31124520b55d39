// What the board learns from the events beyond the shared board fold: the hidden truth of each call
// (size, trapped people, unfounded, true grade), which only the controller's events carry, and why a
// unit's ETA grew (a closure re-routed it). Folded from every event seen, live or fetched as history,
// in any order (each entry keeps the seq it came from), and independent of the bounded event log.
import type { Grade } from '../../../shared/domain/grades.ts';
import type { DomainEvent } from '../../../shared/events.ts';

export interface IncidentTruth {
  /** The true size when the call came in, then as the size-ups and growth reports tell it. */
  size: number;
  /** Trapped people when the call came in. */
  trapped: number;
  unfounded: boolean;
  /** The grade the true situation calls for (from the latest size-up or growth report). */
  trueGrade?: Grade;
  seq: number;
}

export interface EtaGrowth {
  /** Arrival the dispatch order announced and the arrival of the current route (sim ms). */
  announcedAt: number;
  arriveAt: number;
  closureId: string;
}

export class DrillNotes {
  readonly truth = new Map<string, IncidentTruth>();
  private readonly dispatched = new Map<string, { arriveAt: number; seq: number }>();
  private readonly rerouted = new Map<string, { arriveAt: number; closureId: string; seq: number }>();

  add(e: DomainEvent): void {
    switch (e.type) {
      case 'CALL_RECEIVED': {
        // Redacted (players') events have no truth: nothing to note.
        if (!('truth' in e) || !e.truth) return;
        const had = this.truth.get(e.incidentId);
        this.truth.set(e.incidentId, { size: had && had.seq > e.seq ? had.size : e.truth.size, trapped: e.truth.trapped, unfounded: e.truth.unfounded, ...(had?.trueGrade ? { trueGrade: had.trueGrade } : {}), seq: Math.max(had?.seq ?? 0, e.seq) });
        return;
      }
      case 'SIZE_UP_REPORTED': case 'INCIDENT_GREW': {
        if (!('trueGrade' in e) || e.trueGrade === undefined) return;
        const had = this.truth.get(e.incidentId);
        if (had && had.seq > e.seq) return;
        this.truth.set(e.incidentId, { size: e.size, trapped: had?.trapped ?? 0, unfounded: e.type === 'SIZE_UP_REPORTED' ? e.unfounded : (had?.unfounded ?? false), trueGrade: e.trueGrade, seq: e.seq });
        return;
      }
      case 'UNIT_DISPATCHED': {
        const had = this.dispatched.get(e.unitId);
        if (!had || had.seq < e.seq) this.dispatched.set(e.unitId, { arriveAt: e.t + e.etaSec * 1000, seq: e.seq });
        return;
      }
      case 'UNIT_REROUTED': {
        const had = this.rerouted.get(e.unitId);
        if (!had || had.seq < e.seq) this.rerouted.set(e.unitId, { arriveAt: e.leg.arriveAt, closureId: e.closureId, seq: e.seq });
        return;
      }
      default:
        return;
    }
  }

  /** The unit's route to its incident got longer after the dispatch order (a closure re-routed it). */
  etaGrowth(unitId: string): EtaGrowth | undefined {
    const d = this.dispatched.get(unitId);
    const r = this.rerouted.get(unitId);
    if (!d || !r || r.seq < d.seq || r.arriveAt <= d.arriveAt + 30_000) return undefined;
    return { announcedAt: d.arriveAt, arriveAt: r.arriveAt, closureId: r.closureId };
  }
}
