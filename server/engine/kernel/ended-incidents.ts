// The compact records of ended incidents nothing refers to any more (Simulation.endedIncidents),
// with the part of a Map's interface the engine uses. A metropolitan year retires ~21,600 of them
// and keeps every one; in a Map each took a hash-table entry and a record object that outlive
// every scavenge and a table that is copied as it grows (an insert cost 2-5 µs in a profiled year,
// 40-100 ms in all). Incident ids are the engine's own `INC-00042` (kernel/incident-ids.ts), so
// the records live in arrays by that number, and a record object is made only when one is asked
// for (a command naming an ended incident, a snapshot). An id of any other form goes to a Map.
import type { AnyMachineSnapshot } from 'xstate';
import type { LatLon } from '../../../shared/geo.ts';
import type { IncidentType } from '../../../shared/domain/incident-types.ts';
import type { EndedIncident } from './state.ts';
import { incidentIdOf, incidentNumberOf } from './incident-ids.ts';

export class EndedIncidents {
  /** By incident number: the record's machine state (undefined: no ended record of that number). */
  private readonly snaps: (AnyMachineSnapshot | undefined)[] = [];
  private readonly trueTypes: (IncidentType | undefined)[] = [];
  private readonly locations: (LatLon | undefined)[] = [];
  private readonly others = new Map<string, EndedIncident>();
  private count = 0;

  get size(): number {
    return this.count + this.others.size;
  }

  has(id: string): boolean {
    const n = incidentNumberOf(id);
    return n < 0 ? this.others.has(id) : this.snaps[n] !== undefined;
  }

  get(id: string): EndedIncident | undefined {
    const n = incidentNumberOf(id);
    if (n < 0) return this.others.get(id);
    const snap = this.snaps[n];
    return snap === undefined ? undefined : { id, snap, trueType: this.trueTypes[n]!, location: this.locations[n]! };
  }

  set(id: string, record: EndedIncident): this {
    const n = incidentNumberOf(id);
    if (n < 0) { this.others.set(id, record); return this; }
    if (this.snaps[n] === undefined) this.count++;
    this.snaps[n] = record.snap;
    this.trueTypes[n] = record.trueType;
    this.locations[n] = record.location;
    return this;
  }

  clear(): void {
    this.snaps.length = 0;
    this.trueTypes.length = 0;
    this.locations.length = 0;
    this.others.clear();
    this.count = 0;
  }

  /** The ids of the records: the engine's own in number order, then any others in insertion order. */
  *keys(): IterableIterator<string> {
    for (let n = 0; n < this.snaps.length; n++) if (this.snaps[n] !== undefined) yield incidentIdOf(n);
    yield* this.others.keys();
  }
}
