// The simulation core: clock, queue, PRNG, units and incidents with their state machines, and the
// event log being written. The mechanics live beside it as plain functions over this state:
// driving.ts (turnout, travel, arrival, return), assignment.ts (dispatch, release, service),
// call-handling.ts (calls, triage, grades, cut-off places), incident-progress.ts (size-up, growth,
// rescue, closing) and auto-centre.ts (the automatic centre). No I/O, no wall clock.
import type { LatLon } from '../../shared/geo.ts';
import type { DomainEvent } from '../../shared/events.ts';
import { positionOnLeg } from '../../shared/leg-position.ts';
import type { Mode } from '../../shared/schemas/scenario.ts';
import { EventQueue } from './event-queue.ts';
import { createRng } from './rng.ts';
import { memoStepper } from './machines/memo-transition.ts';
import { unitMachine, unitEventKey, type UnitMachineEvent } from './machines/unit-machine.ts';
import { incidentMachine, incidentEventKey, type IncidentMachineEvent } from './machines/incident-machine.ts';
import type { WorldIndex } from './world-index.ts';
import type { BackgroundCallSource, Recommendation, Rng, TravelTimeModel } from './types.ts';
import { unitStatus, type IncidentState, type Timer, type UnitState } from './state.ts';
import type { Closure } from './road-closures.ts';
import type { InjectState } from './injects.ts';
import { travelSeconds, travelSecondsWithin } from './driving.ts';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type NewEvent = DistributiveOmit<DomainEvent, 'seq' | 't'>;

export const MIN = 60_000;
export const OPEN_FOR_DISPATCH: ReadonlySet<string> = new Set(['graded', 'dispatching', 'unitsEnRoute', 'onScene']);
const DAY = 86_400_000;
/** Sizes and minutes are reported to one decimal, as a commander would read them. */
export const round1 = (x: number) => Math.round(x * 10) / 10;
export const unitStepper = memoStepper<UnitMachineEvent>(unitMachine, unitEventKey);
export const incidentStepper = memoStepper<IncidentMachineEvent>(incidentMachine, incidentEventKey);

export class Simulation {
  now = 0;
  seq = 0;
  mode: Mode;
  ended = false;
  /** Replaced only when a snapshot is restored. */
  rng: Rng;
  readonly queue = new EventQueue<Timer>();
  readonly units = new Map<string, UnitState>();
  readonly incidents = new Map<string, IncidentState>();
  /** Calls received so far (the number in the last incident id); part of a snapshot. */
  incidentCounter = 0;
  /** Auto mode: incidents whose run card is not met yet, with what is missing (oldest first). */
  readonly waiting = new Map<string, Recommendation['unmet']>();
  private out: DomainEvent[] = [];
  /** Road closures in force, in the order they were made (their edges are closed in `travel`). */
  readonly closures = new Map<string, Closure>();
  closureCounter = 0;
  /** Stations whose communications are cut: their units cannot be given dispatch orders. */
  readonly commsOut = new Set<string>();
  /** The scenario's scripted calls (injects) by id, in file order. */
  readonly injects = new Map<string, InjectState>();
  /** The travel model in force: the base model with the closed roads taken out. */
  travel: TravelTimeModel;
  /** What the dispatch policy may ask about units, as they are now. */
  readonly live = {
    status: (id: string) => unitStatus(this.units.get(id)!),
    orderable: (id: string) => !this.commsOut.has(this.units.get(id)!.info.station.id),
    travelSeconds: (id: string, to: LatLon, t: number) => travelSeconds(this, this.units.get(id)!, to, t),
    travelSecondsWithin: (id: string, to: LatLon, t: number, maxSeconds: number) => travelSecondsWithin(this, this.units.get(id)!, to, t, maxSeconds),
    minTravelSeconds: (id: string, to: LatLon) => {
      const u = this.units.get(id)!;
      return this.travel.minSeconds?.(this.unitPosition(u), to, u.info.type.speedClass) ?? 0;
    },
  };

  constructor(
    readonly index: WorldIndex,
    /** Travel without closures. */
    readonly baseTravel: TravelTimeModel,
    readonly background: BackgroundCallSource | undefined,
    readonly seed: number,
    mode: Mode,
    readonly endsAt: number,
    /** ms since local midnight at t = 0 (sets day and night). */
    readonly startLocalMs: number,
  ) {
    this.mode = mode;
    this.travel = baseTravel;
    this.rng = createRng(seed);
    for (const id of index.unitIds) {
      const info = index.units.get(id)!;
      this.units.set(id, { info, snap: unitStepper.initial, pos: info.station.location, v: 0 });
    }
  }

  // ---- events and time -------------------------------------------------------------------------

  emit(e: NewEvent): void {
    this.out.push({ ...e, seq: ++this.seq, t: this.now } as DomainEvent);
  }

  drain(): DomainEvent[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  schedule(at: number, timer: Timer): void {
    this.queue.push(Math.max(at, this.now), timer);
  }

  isNight(t = this.now): boolean {
    const hour = Math.floor((((this.startLocalMs + t) % DAY) + DAY) % DAY / 3_600_000);
    const { fromHour, toHour } = this.index.world.doctrine.night;
    return fromHour > toHour ? hour >= fromHour || hour < toHour : hour >= fromHour && hour < toHour;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.rng.next();
  }

  // ---- units -----------------------------------------------------------------------------------

  unitPosition(u: UnitState, t = this.now): LatLon {
    return u.leg ? positionOnLeg(u.leg, t) : u.pos;
  }

  stepUnit(u: UnitState, e: UnitMachineEvent): boolean {
    const r = unitStepper.step(u.snap, e);
    if (r.accepted) u.snap = r.next;
    return r.accepted;
  }

  /** The machine's DISPATCH event, carrying the doctrine's rule on returning units. */
  get dispatchEvent(): UnitMachineEvent {
    return { type: 'DISPATCH', returningDispatchable: this.index.world.doctrine.dispatch.returningDispatchable };
  }

  /** The unit's state allows a dispatch and its station can be reached with the order. */
  canDispatchUnit(u: UnitState): boolean {
    return !this.commsOut.has(u.info.station.id) && unitStepper.step(u.snap, this.dispatchEvent).accepted;
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

  /** The id the next call will get. */
  peekIncidentId(): string {
    return `INC-${String(this.incidentCounter + 1).padStart(5, '0')}`;
  }

  /** Takes the id for a new call (the one peekIncidentId showed). */
  takeIncidentId(): string {
    const id = this.peekIncidentId();
    this.incidentCounter++;
    return id;
  }
}
