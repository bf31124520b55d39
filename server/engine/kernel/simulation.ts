// The simulation core: clock, queue, PRNG, units and incidents with their state machines, the
// event log being written, the travel model in force, the registered models and the happenings
// wiring. The mechanics live above it as plain functions over this state (domain/), the timer
// dispatch, command handlers and the Engine facade on top. No I/O, no wall clock.
import type { LatLon } from '../../../shared/geo.ts';
import { UNIT_REPORT_TYPES, type DomainEvent, type UnitReport } from '../../../shared/events.ts';
import { positionOnLeg } from '../../../shared/leg-position.ts';
import { isNightHour, localHourAt } from '../../../shared/local-time.ts';
import type { Mode } from '../../../shared/schemas/scenario.ts';
import type { Recommendation } from '../../../shared/recommendation.ts';
import { EventQueue } from './event-queue.ts';
import { deriveRng } from './rng.ts';
import { memoStepper } from './machines/memo-transition.ts';
import { unitMachine, unitEventKey, type UnitMachineEvent } from './machines/unit-machine.ts';
import { incidentMachine, incidentEventKey, type IncidentMachineEvent } from './machines/incident-machine.ts';
import { addStationToIndex, type UnitInfo, type WorldIndex } from './world-index.ts';
import type { Station } from '../../../shared/schemas/region.ts';
import type { Rng, TravelTimeModel } from './ports.ts';
import { isFinal, type IncidentState, type Timer, type UnitState } from './state.ts';
import { EndedIncidents } from './ended-incidents.ts';
import { incidentIdOf } from './incident-ids.ts';
import type { Scheduled } from './event-queue.ts';
import type { Closure } from './closure.ts';
import { IGNORE_HAPPENINGS, type Happenings } from './happenings.ts';
import { ModelRegistry } from './model.ts';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type NewEvent = DistributiveOmit<DomainEvent, 'seq' | 't'>;
const UNIT_REPORTS: ReadonlySet<string> = new Set(UNIT_REPORT_TYPES);

export const unitStepper = memoStepper<UnitMachineEvent>(unitMachine, unitEventKey);
export const incidentStepper = memoStepper<IncidentMachineEvent>(incidentMachine, incidentEventKey);

/** A unit as it enters the world: in its station. */
function newUnitState(info: UnitInfo, position: LatLon): UnitState {
  return { info, snap: unitStepper.initial, position, timerVersion: 0 };
}

/**
 * The incident a timer names, if it names one. Read as a property, not tested with \`in\`: timers
 * come in a dozen shapes, and \`'incidentId' in timer\` on every push and pop was a megamorphic
 * has-property look-up (~150 M instructions in a roads year under callgrind) before the same
 * megamorphic read of the id.
 */
const incidentOf = (timer: Timer): string | undefined => (timer as { incidentId?: string }).incidentId;

export class Simulation {
  now = 0;
  seq = 0;
  mode: Mode;
  ended = false;
  /**
   * Long-lived PRNG streams by purpose (kernel/rng.ts STREAM), created on first use from (seed,
   * purpose); their states are part of the engine state and of snapshots.
   */
  readonly streams = new Map<string, Rng>();
  readonly queue = new EventQueue<Timer>();
  readonly units = new Map<string, UnitState>();
  /**
   * The same units by their dense number (UnitInfo.n): the hot paths (a recommendation looks at
   * ~70 units, retireEnded at all of them every step) index an array instead of hashing ids.
   */
  readonly unitsByN: UnitState[] = [];
  /** Incidents open, and ended ones still referred to (by a unit, a timer, the waiting list). */
  readonly incidents = new Map<string, IncidentState>();
  /** Ended incidents nothing refers to any more, compactly (retireEnded moves them here). */
  readonly endedIncidents = new EndedIncidents();
  /** Timers on the queue naming each incident (an ended incident leaves only when none is left). */
  private readonly incidentTimers = new Map<string, number>();
  /** Calls received so far (the number in the last incident id); part of a snapshot. */
  incidentCounter = 0;
  /** Auto mode: incidents whose run card is not met yet, with what is missing (oldest first). */
  readonly waiting = new Map<string, Recommendation['unmet']>();
  /** Road closures in force, in the order they were made (their edges are closed in `travel`). */
  readonly closures = new Map<string, Closure>();
  closureCounter = 0;
  /** The travel model in force: the base model with the closed roads taken out. */
  travel: TravelTimeModel;
  /** Models that change the world over time (inject schedule, background calls, comms outages, hazards). */
  readonly models: ModelRegistry;
  /** Upward calls from the domain modules, wired by the facade. */
  happen: Happenings = IGNORE_HAPPENINGS;
  private out: DomainEvent[] = [];

  constructor(
    readonly index: WorldIndex,
    /** Travel without closures. */
    readonly baseTravel: TravelTimeModel,
    readonly seed: number,
    mode: Mode,
    readonly endsAt: number,
    /** ms since local midnight at t = 0 (sets day and night). */
    readonly startLocalMs: number,
  ) {
    this.mode = mode;
    this.travel = baseTravel;
    this.models = new ModelRegistry(this);
    for (const id of index.unitIds) {
      const info = index.units.get(id)!;
      const u = newUnitState(info, info.station.location);
      this.units.set(id, u);
      this.unitsByN[info.n] = u;
    }
  }

  // ---- events and time -------------------------------------------------------------------------

  /**
   * Appends the event to the log, stamping its sequence number and sim time. The object handed in
   * is stamped in place (no copy: callers pass fresh literals); seq and t come last, as always.
   */
  emit(e: NewEvent): void {
    const stamped = e as DomainEvent;
    // 断网: a unit's own status report made while its station is cut off does not reach the centre.
    // It is logged as the hidden truth (`unreported`); the comms-outage model delivers or drops it.
    if (UNIT_REPORTS.has(e.type) && this.models.cutsStation(this.units.get((e as UnitReport).unitId)!.info.station.id)) (stamped as UnitReport).unreported = true;
    stamped.seq = ++this.seq;
    stamped.t = this.now;
    this.out.push(stamped);
    this.happen.eventEmitted(stamped);
  }

  drain(): DomainEvent[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  schedule(at: number, timer: Timer): void {
    this.queue.push(Math.max(at, this.now), timer);
    const id = incidentOf(timer);
    if (id !== undefined) this.incidentTimers.set(id, (this.incidentTimers.get(id) ?? 0) + 1);
  }

  /** Takes the next timer off the queue when it is due by `until`. */
  popDue(until: number): Scheduled<Timer> | undefined {
    const next = this.queue.peek();
    if (!next || next.at > until) return undefined;
    this.queue.pop();
    const id = incidentOf(next.payload);
    if (id !== undefined) {
      const left = this.incidentTimers.get(id)! - 1;
      if (left > 0) this.incidentTimers.set(id, left); else this.incidentTimers.delete(id);
    }
    return next;
  }

  /** Replaces the queue (engine restore) and counts the timers naming each incident again. */
  loadQueue(items: readonly Scheduled<Timer>[], nextOrder: number): void {
    this.queue.load(items, nextOrder);
    this.incidentTimers.clear();
    for (const { payload } of items) {
      const id = incidentOf(payload);
      if (id !== undefined) this.incidentTimers.set(id, (this.incidentTimers.get(id) ?? 0) + 1);
    }
  }

  isNight(t = this.now): boolean {
    return isNightHour(localHourAt(this.startLocalMs, t), this.index.world.doctrine.night);
  }

  /** The long-lived stream of a purpose (e.g. background arrivals). */
  stream(purpose: string): Rng {
    let r = this.streams.get(purpose);
    if (!r) this.streams.set(purpose, (r = deriveRng(this.seed, purpose)));
    return r;
  }

  /**
   * The stream of one purpose for one thing (an incident id): the same numbers whatever else the run
   * drew, so two configurations see the same calls with the same hidden truth. Derived afresh on
   * each call (use it within one step: it keeps no state).
   */
  streamFor(purpose: string, id: string): Rng {
    return deriveRng(this.seed, purpose, id);
  }

  // ---- units -----------------------------------------------------------------------------------

  /**
   * A station that joins during the run (a reinforcements team written during a drill): its units
   * enter the world in station, after every unit already there (the order the state lists them).
   */
  addStation(station: Station): UnitState[] {
    return addStationToIndex(this.index, station).map((info) => {
      const u = newUnitState(info, station.location);
      this.units.set(info.id, u);
      this.unitsByN[info.n] = u;
      return u;
    });
  }

    unitPosition(u: UnitState, t = this.now): LatLon {
    return u.leg ? positionOnLeg(u.leg, t) : u.position;
  }

  stepUnit(u: UnitState, e: UnitMachineEvent): boolean {
    const r = unitStepper.step(u.snap, e);
    if (r.accepted) u.snap = r.next;
    return r.accepted;
  }

  /** The machine's DISPATCH event, carrying the doctrine's rule on returning units. */
  get dispatchEvent(): UnitMachineEvent {
    const returningDispatchable = this.index.world.doctrine.dispatch.returningDispatchable;
    // One object while the rule stands (asked for every dispatch and every freed unit).
    if (this.dispatchEv?.returningDispatchable !== returningDispatchable) this.dispatchEv = { type: 'DISPATCH', returningDispatchable };
    return this.dispatchEv;
  }

  private dispatchEv: Extract<UnitMachineEvent, { type: 'DISPATCH' }> | undefined;

  /** Orders can reach the station (no registered model cuts it off, e.g. a comms outage). */
  stationOrderable(stationId: string): boolean {
    return !this.models.cutsStation(stationId);
  }

  /** The unit's state allows a dispatch and its station can be reached with the order. */
  canDispatchUnit(u: UnitState): boolean {
    return this.stationOrderable(u.info.station.id) && unitStepper.step(u.snap, this.dispatchEvent).accepted;
  }

  // ---- incidents -------------------------------------------------------------------------------

  stepIncident(inc: IncidentState, e: IncidentMachineEvent): boolean {
    const r = incidentStepper.step(inc.snap, e);
    if (r.accepted) inc.snap = r.next;
    return r.accepted;
  }

  canIncident(inc: IncidentState, e: IncidentMachineEvent): boolean {
    return incidentStepper.step(inc.snap, e).accepted;
  }

  /** An incident by id, open or ended (ended ones by their compact record). */
  knowsIncident(id: string): boolean {
    return this.incidents.has(id) || this.endedIncidents.has(id);
  }

  /**
   * Moves ended incidents that nothing can refer to again out of the live state: final, not reported
   * cut off (a closure change would report it reachable), no timer on the queue naming it, not on the
   * waiting list, no unit assigned. Run after every engine step, so at every point between steps no
   * live incident is retirable: the live set is a function of the state, whatever the step sizes
   * (a replay and the live run agree at every command and snapshot).
   */
  retireEnded(): void {
    let candidates: (IncidentState | undefined)[] | undefined;
    for (const inc of this.incidents.values()) {
      if (!isFinal(inc) || inc.cutOff || inc.units.length > 0 || this.incidentTimers.has(inc.id) || this.waiting.has(inc.id)) continue;
      (candidates ??= []).push(inc);
    }
    if (!candidates) return;
    // A unit may still name an incident it has left the list of (driving home from it): one pass over
    // the units (an array, no set built) for all candidates, a few at most, named ones crossed out.
    // It runs after every step, so at least once a simulated hour.
    const units = this.unitsByN;
    for (let i = 0; i < units.length; i++) {
      const named = units[i]!.incidentId;
      if (named === undefined) continue;
      for (let c = 0; c < candidates.length; c++) if (candidates[c]?.id === named) candidates[c] = undefined;
    }
    for (const inc of candidates) {
      if (!inc) continue;
      this.incidents.delete(inc.id);
      this.endedIncidents.set(inc.id, { id: inc.id, snap: inc.snap, trueType: inc.trueType, location: inc.location });
    }
  }

  /** The id the next call will get. */
  peekIncidentId(): string {
    return incidentIdOf(this.incidentCounter + 1);
  }

  /** Takes the id for a new call (the one peekIncidentId showed). */
  takeIncidentId(): string {
    const id = this.peekIncidentId();
    this.incidentCounter++;
    return id;
  }
}
