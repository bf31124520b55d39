// The simulation core: clock, queue, PRNG, units and incidents, and the mechanics that move them
// (dispatch, turnout, travel, arrival, work, release, evolution, rescue, closure). Commands and the
// automatic policy call into it; every change goes out as a domain event. No I/O, no wall clock.
import type { LatLon } from '../../shared/geo.ts';
import type { DomainEvent, Leg, CallSource } from '../../shared/events.ts';
import { positionOnLeg } from '../../shared/leg-position.ts';
import type { Grade } from '../../shared/domain/grades.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import type { Actor } from '../../shared/commands.ts';
import type { Mode } from '../../shared/schemas/scenario.ts';
import { EventQueue } from './event-queue.ts';
import { createRng } from './rng.ts';
import { memoStepper } from './machines/memo-transition.ts';
import { unitMachine, unitEventKey, type UnitMachineEvent } from './machines/unit-machine.ts';
import { incidentMachine, incidentEventKey, type IncidentMachineEvent } from './machines/incident-machine.ts';
import { gradeOf, newTruth, nextToRescue, reassess, trappedCount } from './evolution.ts';
import { recommendUnits } from './dispatch/recommend.ts';
import type { WorldIndex } from './world-index.ts';
import type { RunCard } from '../../shared/schemas/run-cards.ts';
import type { IncidentModel } from '../../shared/schemas/incident-models.ts';
import type { BackgroundCallSource, Course, Recommendation, RecommendedUnit, Rng, TravelTimeModel } from './types.ts';
import { incidentGrade, incidentStatus, isFinal, MOVING, unitStatus, type IncidentState, type Timer, type UnitState } from './state.ts';
import { aheadOf, joinCourses, legOf } from './course.ts';
import type { Closure } from './road-closures.ts';
import type { InjectState } from './injects.ts';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type NewEvent = DistributiveOmit<DomainEvent, 'seq' | 't'>;

const MIN = 60_000;
export const OPEN_FOR_DISPATCH: ReadonlySet<string> = new Set(['graded', 'dispatching', 'unitsEnRoute', 'onScene']);
const DAY = 86_400_000;
/** Sizes and minutes are reported to one decimal, as a commander would read them. */
const round1 = (x: number) => Math.round(x * 10) / 10;
const unitStepper = memoStepper<UnitMachineEvent>(unitMachine, unitEventKey);
const incidentStepper = memoStepper<IncidentMachineEvent>(incidentMachine, incidentEventKey);

export interface CallSpec {
  source: CallSource;
  type: IncidentType;
  location: LatLon;
  description: string;
  size?: number;
  trapped?: number;
  reportedGrade?: Grade;
}

export class Simulation {
  now = 0;
  seq = 0;
  mode: Mode;
  ended = false;
  readonly rng: Rng;
  readonly queue = new EventQueue<Timer>();
  readonly units = new Map<string, UnitState>();
  readonly incidents = new Map<string, IncidentState>();
  private incidentCounter = 0;
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
  readonly live = {
    status: (id: string) => unitStatus(this.units.get(id)!),
    orderable: (id: string) => !this.commsOut.has(this.units.get(id)!.info.station.id),
    travelSeconds: (id: string, to: LatLon, t: number) => this.travelSeconds(this.units.get(id)!, to, t),
    travelSecondsWithin: (id: string, to: LatLon, t: number, maxSeconds: number) => this.travelSecondsWithin(this.units.get(id)!, to, t, maxSeconds),
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

  /**
   * Where a new route of the unit begins: a driving unit first finishes its stretch of road to the
   * next junction (`lead`), anyone else starts where it stands.
   */
  origin(u: UnitState): { lead: Course; at: LatLon } {
    const here = this.unitPosition(u);
    if (!u.leg || !u.course || !MOVING.has(unitStatus(u))) return { lead: { seconds: 0, distanceM: 0, path: [here], offsets: [0] }, at: here };
    const lead = aheadOf(u.course, (this.now - u.leg.departAt) / 1000, here);
    return { lead, at: lead.path[lead.path.length - 1]! };
  }

  /** Driving time from where the unit is to `to`, setting off at `t` (Infinity if no road leads there). */
  travelSeconds(u: UnitState, to: LatLon, t: number): number {
    if (!u.leg) return this.travel.travel(u.pos, to, u.info.type.speedClass, t).seconds; // standing: the common case
    const o = this.origin(u);
    return o.lead.seconds + this.travel.travel(o.at, to, u.info.type.speedClass, t).seconds;
  }

  /** travelSeconds if at most `maxSeconds`, else undefined (further, or no road leads there). */
  travelSecondsWithin(u: UnitState, to: LatLon, t: number, maxSeconds: number): number | undefined {
    const within = this.travel.travelWithin;
    if (!within) { const s = this.travelSeconds(u, to, t); return s <= maxSeconds ? s : undefined; }
    if (!u.leg) return within(u.pos, to, u.info.type.speedClass, t, maxSeconds);
    const o = this.origin(u);
    const rest = within(o.at, to, u.info.type.speedClass, t, maxSeconds - o.lead.seconds);
    return rest === undefined ? undefined : o.lead.seconds + rest;
  }

  stepUnit(u: UnitState, e: UnitMachineEvent): boolean {
    const r = unitStepper.step(u.snap, e);
    if (r.accepted) u.snap = r.next;
    return r.accepted;
  }

  /** The machine's DISPATCH event, carrying the doctrine's rule on returning units. */
  private get dispatchEvent(): UnitMachineEvent {
    return { type: 'DISPATCH', returningDispatchable: this.index.world.doctrine.dispatch.returningDispatchable };
  }

  /** The unit's state allows a dispatch and its station can be reached with the order. */
  canDispatchUnit(u: UnitState): boolean {
    return !this.commsOut.has(u.info.station.id) && unitStepper.step(u.snap, this.dispatchEvent).accepted;
  }

  turnoutSeconds(u: UnitState): number {
    return this.index.world.doctrine.turnoutSeconds[u.info.station.kind][this.isNight() ? 'night' : 'day'];
  }

  /**
   * Turnout (from the station only) plus travel from where the unit is now, setting off when the
   * turnout ends: the figure the leg's arrival will show. Infinity if no road leads there.
   */
  etaSeconds(u: UnitState, to: LatLon): number {
    const turnout = unitStatus(u) === 'inStation' ? this.turnoutSeconds(u) : 0;
    return turnout + this.travelSeconds(u, to, this.now + turnout * 1000);
  }

  /**
   * Sets the unit driving to `to` from where it is now. Returns its leg, or undefined when no road
   * leads there: the unit then stops where it is, keeping its destination, until a road reopens.
   */
  private driveTo(u: UnitState, to: LatLon, step: 'arrive' | 'home'): Leg | undefined {
    const o = this.origin(u);
    u.pos = this.unitPosition(u);
    u.dest = { to, step };
    u.trafficAt = this.now;
    const course = joinCourses(o.lead, this.travel.route(o.at, to, u.info.type.speedClass, this.now));
    return this.follow(u, course);
  }

  /** Puts the unit on a course from its current position (now); undefined (and stopped) if it is unreachable. */
  follow(u: UnitState, course: Course): Leg | undefined {
    u.v++;
    if (!u.dest || !Number.isFinite(course.seconds)) {
      this.stopAt(u, u.pos, true);
      return undefined;
    }
    const leg = legOf(course, u.pos, u.dest.to, this.now);
    u.leg = leg;
    u.course = course;
    this.schedule(leg.arriveAt, { k: 'unit', u: u.info.id, v: u.v, step: u.dest.step });
    return leg;
  }

  /** Stops the unit at p; `keepDest` when it is stopped on its way (no road leads on). */
  stopAt(u: UnitState, p: LatLon, keepDest = false): void {
    u.pos = p;
    u.leg = undefined;
    u.course = undefined;
    if (!keepDest) { u.dest = undefined; u.trafficAt = undefined; }
  }

  /** A leg that goes nowhere, for the log when a unit sets off but no road leads to its destination. */
  private standingLeg(u: UnitState): Leg {
    return { from: u.pos, to: u.pos, departAt: this.now, arriveAt: this.now, distanceM: 0 };
  }

  /** The unit cannot reach its destination: it stops where it is (reported with the closures in force). */
  reportStopped(u: UnitState): void {
    this.emit({ type: 'PLACE_UNREACHABLE', location: u.dest?.to ?? u.pos, unitId: u.info.id, ...(u.incidentId && u.dest?.step === 'arrive' ? { incidentId: u.incidentId } : {}), closureIds: [...this.closures.keys()] });
  }

  dispatch(inc: IncidentState, recs: readonly RecommendedUnit[], by: Actor['role']): void {
    for (const r of recs) {
      const u = this.units.get(r.unitId)!;
      const fromStation = unitStatus(u) === 'inStation';
      this.stepUnit(u, this.dispatchEvent);
      this.stepIncident(inc, { type: 'DISPATCH' });
      u.incidentId = inc.id;
      inc.units.push(u.info.id);
      inc.dispatchedOnce = true;
      this.emit({ type: 'UNIT_DISPATCHED', unitId: u.info.id, incidentId: inc.id, reason: r.reason, etaSec: r.etaSec, by });
      if (fromStation) {
        u.v++;
        this.schedule(this.now + this.turnoutSeconds(u) * 1000, { k: 'unit', u: u.info.id, v: u.v, step: 'turnout' });
      } else {
        this.setOff(u, inc);
      }
    }
  }

  private setOff(u: UnitState, inc: IncidentState): void {
    const leg = this.driveTo(u, inc.location, 'arrive');
    this.emit({ type: 'UNIT_EN_ROUTE', unitId: u.info.id, incidentId: inc.id, leg: leg ?? this.standingLeg(u) });
    if (!leg) this.reportStopped(u);
    this.stepIncident(inc, { type: 'UNIT_EN_ROUTE' });
  }

  /** Release a unit from its incident (recall on the way, or release from the scene). */
  release(u: UnitState, reason: 'incident-closed' | 'commander' | 'recalled' | 'incident-cancelled'): void {
    const inc = u.incidentId ? this.incidents.get(u.incidentId) : undefined;
    const status = unitStatus(u);
    const wasWorking = status === 'working';
    if (!this.stepUnit(u, { type: 'RELEASE' })) return;
    u.incidentId = undefined;
    if (inc) inc.units = inc.units.filter((id) => id !== u.info.id);
    const why = status === 'turningOut' || status === 'enRoute' ? (reason === 'commander' ? 'recalled' : reason) : reason;
    this.emit({ type: 'UNIT_RELEASED', unitId: u.info.id, incidentId: inc?.id ?? '', reason: why });
    if (status === 'turningOut') {
      u.v++;
      this.emit({ type: 'UNIT_IN_STATION', unitId: u.info.id });
    } else {
      const leg = this.driveTo(u, u.info.station.location, 'home');
      const available = unitStatus(u) === 'availableOnRoad' || this.index.world.doctrine.dispatch.returningDispatchable;
      this.emit({ type: 'UNIT_RETURNING', unitId: u.info.id, leg: leg ?? this.standingLeg(u), available });
      if (!leg) this.reportStopped(u);
    }
    if (inc && wasWorking) this.reassessIncident(inc);
    if (this.canDispatchUnit(u)) this.unitFreed(u);
  }

  /** Take a unit out of service (breakdown, maintenance, comms loss); it leaves its incident. */
  outOfService(u: UnitState, reason: string): void {
    const inc = u.incidentId ? this.incidents.get(u.incidentId) : undefined;
    const wasWorking = unitStatus(u) === 'working';
    this.stopAt(u, this.unitPosition(u));
    this.stepUnit(u, { type: 'OUT_OF_SERVICE' });
    u.v++;
    u.incidentId = undefined;
    if (inc) inc.units = inc.units.filter((id) => id !== u.info.id);
    this.emit({ type: 'UNIT_OUT_OF_SERVICE', unitId: u.info.id, reason, ...(inc ? { incidentId: inc.id } : {}) });
    if (inc) {
      if (wasWorking) this.reassessIncident(inc);
      this.afterUnitsLeft(inc);
    }
  }

  backInService(u: UnitState): void {
    const home = u.info.station.location;
    const atStation = u.pos[0] === home[0] && u.pos[1] === home[1];
    this.stepUnit(u, { type: 'BACK_IN_SERVICE', atStation });
    this.emit({ type: 'UNIT_BACK_IN_SERVICE', unitId: u.info.id });
    if (!atStation) {
      const leg = this.driveTo(u, home, 'home');
      this.emit({ type: 'UNIT_RETURNING', unitId: u.info.id, leg: leg ?? this.standingLeg(u), available: true });
      if (!leg) this.reportStopped(u);
    }
    this.unitFreed(u);
  }

  onUnitStep(u: UnitState, step: 'turnout' | 'arrive' | 'work' | 'home'): void {
    const inc = u.incidentId ? this.incidents.get(u.incidentId) : undefined;
    switch (step) {
      case 'turnout':
        if (inc && this.stepUnit(u, { type: 'TURNOUT_DONE' })) this.setOff(u, inc);
        return;
      case 'arrive':
        if (!inc || !this.stepUnit(u, { type: 'ARRIVE' })) return;
        this.stopAt(u, inc.location);
        this.emit({ type: 'UNIT_ARRIVED', unitId: u.info.id, incidentId: inc.id });
        this.stepIncident(inc, { type: 'UNIT_ARRIVED' });
        if (!inc.sizedUp) this.sizeUp(inc);
        if (u.incidentId === inc.id) {
          u.v++;
          this.schedule(this.now + this.index.world.doctrine.setupSeconds * 1000, { k: 'unit', u: u.info.id, v: u.v, step: 'work' });
        }
        return;
      case 'work':
        if (!inc || !this.stepUnit(u, { type: 'START_WORK' })) return;
        this.emit({ type: 'UNIT_WORKING', unitId: u.info.id, incidentId: inc.id });
        this.reassessIncident(inc);
        return;
      case 'home':
        if (!this.stepUnit(u, { type: 'REACH_STATION' })) return;
        this.stopAt(u, u.info.station.location);
        this.emit({ type: 'UNIT_IN_STATION', unitId: u.info.id });
        this.unitFreed(u);
        return;
    }
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

  receiveCall(spec: CallSpec): IncidentState {
    const model = this.index.model(spec.type);
    const { rng } = this;
    const unfounded = rng.next() < model.unfoundedShare;
    const drawn = Math.min(model.maxSize, Math.max(model.initialSize.median / 20, rng.logNormal(model.initialSize.median, model.initialSize.sigma)));
    const size = spec.size ?? drawn;
    const trapped = unfounded ? 0 : spec.trapped ?? (rng.next() < model.trapped.probability ? 1 + rng.poisson(Math.max(0, model.trapped.mean - 1)) : 0);
    // Each trapped person survives a log-normal time around the model's median, at least 5 minutes.
    const deadlinesMin = Array.from({ length: trapped }, () => round1(Math.max(5, rng.logNormal(model.trapped.survivalMinutes, 0.5))));
    const reportedSize = round1(size * rng.logNormal(model.callerSizeFactor.median, model.callerSizeFactor.sigma));
    const reportedGrade = spec.reportedGrade ?? gradeOf(model, reportedSize, trapped);
    const id = this.peekIncidentId();
    this.incidentCounter++;
    const reportedType = model.reportedAs ?? spec.type;
    const cell = this.index.region.cellAt(spec.location);
    const j = cell ? this.index.jurisdictions.get(cell.jurisdictionId) : undefined;
    const inc: IncidentState = {
      id,
      snap: incidentStepper.initial,
      source: spec.source,
      reportedType,
      type: reportedType,
      trueType: spec.type,
      location: spec.location,
      jurisdictionId: j?.id,
      homeStationId: j?.homeStationId,
      supervisingStationId: j?.supervisingStationId,
      receivedAt: this.now,
      description: spec.description,
      reportedGrade,
      units: [],
      knownSize: reportedSize,
      knownTrapped: trapped,
      rescued: 0,
      dead: 0,
      sizedUp: false,
      answered: false,
      dispatchedOnce: false,
      rescuers: 0,
      cutOff: false,
      truth: newTruth(model, this.now, unfounded ? 0 : size, deadlinesMin.map((m) => this.now + m * MIN), unfounded),
      fv: 0,
      rv: 0,
      cv: 0,
    };
    this.incidents.set(id, inc);
    this.emit({
      type: 'CALL_RECEIVED', incidentId: id, source: spec.source, location: spec.location, reportedType,
      description: spec.description, reportedSize, reportedTrapped: trapped, reportedGrade,
      truth: { size: round1(size), trapped, deadlinesMin, unfounded },
    });
    this.checkCutOff(inc);
    inc.truth.people.forEach((p, i) => this.schedule(p.deadline, { k: 'death', inc: id, p: i }));
    this.reassessIncident(inc);
    const { answerSeconds } = this.index.world.doctrine.callHandling;
    this.schedule(this.now + Math.round(this.uniform(answerSeconds.min, answerSeconds.max) * 1000), { k: 'answer', inc: id });
    return inc;
  }

  triage(inc: IncidentState, type: IncidentType, location: LatLon, by: Actor['role']): void {
    this.stepIncident(inc, { type: 'TRIAGE' });
    inc.type = type;
    inc.location = location;
    const cell = this.index.region.cellAt(location);
    const j = cell ? this.index.jurisdictions.get(cell.jurisdictionId) : undefined;
    inc.jurisdictionId = j?.id;
    inc.homeStationId = j?.homeStationId;
    inc.supervisingStationId = j?.supervisingStationId;
    this.emit({ type: 'INCIDENT_TRIAGED', incidentId: inc.id, incidentType: type, location, jurisdictionId: j?.id ?? '', homeStationId: j?.homeStationId ?? '', by });
    this.checkCutOff(inc);
  }

  /** Reports an open incident cut off by the closures in force, or reachable again. */
  checkCutOff(inc: IncidentState, reopenedId?: string): void {
    const cut = !isFinal(inc) && this.closures.size > 0 && (this.travel.isolated?.(inc.location) ?? false);
    if (cut === inc.cutOff) return;
    inc.cutOff = cut;
    if (cut) this.emit({ type: 'PLACE_UNREACHABLE', location: inc.location, incidentId: inc.id, closureIds: [...this.closures.keys()] });
    else this.emit({ type: 'PLACE_REACHABLE', location: inc.location, incidentId: inc.id, ...(reopenedId ? { closureId: reopenedId } : {}) });
  }

  grade(inc: IncidentState, grade: Grade, by: Actor['role']): void {
    this.stepIncident(inc, { type: 'GRADE', grade });
    this.emit({ type: 'INCIDENT_GRADED', incidentId: inc.id, grade, by });
  }

  raiseGrade(inc: IncidentState, to: Grade, by: Actor['role'], reason: string): void {
    const from = incidentGrade(inc) as Grade;
    if (!this.stepIncident(inc, { type: 'RAISE_GRADE', grade: to })) return;
    this.emit({ type: 'GRADE_RAISED', incidentId: inc.id, from, to, by, reason });
  }

  /**
   * What the run card of the incident's current grade still needs. A reinforcement passes its own
   * card: explicit needs on top of what is assigned (`countAssigned: false`), or the next grade's
   * card against what is assigned; it is never a first dispatch (no micro-first, home-station or
   * strengthening rules).
   */
  recommend(inc: IncidentState, reinforcement?: { card: RunCard; countAssigned: boolean }): Recommendation {
    const grade = (incidentGrade(inc) || inc.reportedGrade) as Grade;
    return recommendUnits(this.index, this.live, {
      now: this.now,
      night: this.isNight(),
      incidentId: inc.id,
      grade,
      location: inc.location,
      homeStationId: inc.homeStationId,
      supervisingStationId: inc.supervisingStationId,
      assigned: inc.units,
      countAssigned: reinforcement?.countAssigned ?? true,
      firstDispatch: !reinforcement && !inc.dispatchedOnce,
      card: reinforcement?.card ?? this.index.card(inc.type, grade),
    });
  }

  /** Dispatch a recommendation and report what it could not fill. */
  dispatchRecommendation(inc: IncidentState, rec: Recommendation, by: Actor['role']): void {
    this.dispatch(inc, rec.units, by);
    if (rec.unmet.length > 0) {
      this.emit({ type: 'DISPATCH_SHORTFALL', incidentId: inc.id, unmet: rec.unmet });
      // The automatic centre keeps the shortfall on its list and fills it as units come free.
      if (this.mode === 'auto') this.waiting.set(inc.id, rec.unmet);
    } else {
      this.waiting.delete(inc.id);
    }
  }

  /** A unit became available: in auto mode, the oldest waiting incident it can help gets served. */
  unitFreed(u: UnitState): void {
    if (this.mode === 'auto' && this.waiting.size > 0) this.schedule(this.now, { k: 'serve', u: u.info.id });
  }

  /** Auto mode, after roads reopen or comms return: waiting incidents get what can now reach them. */
  serveWaiting(): void {
    if (this.mode !== 'auto') return;
    for (const [id] of [...this.waiting]) {
      const inc = this.incidents.get(id)!;
      if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc))) { this.waiting.delete(id); continue; }
      const rec = this.recommend(inc);
      if (rec.unmet.length === 0) this.waiting.delete(id); else this.waiting.set(id, rec.unmet);
      if (rec.units.length > 0) this.dispatch(inc, rec.units, 'system');
    }
  }

  onServe(u: UnitState): void {
    if (this.mode !== 'auto' || !this.canDispatchUnit(u)) return;
    const caps = u.info.type.capabilities;
    const water = !u.info.isMicro && caps.includes('water');
    for (const [id, unmet] of this.waiting) {
      const inc = this.incidents.get(id)!;
      if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc))) { this.waiting.delete(id); continue; }
      if (!unmet.some((m) => (m.capability === 'firefighters' || m.capability === 'stations' ? water : caps.includes(m.capability)))) continue;
      const rec = this.recommend(inc);
      if (rec.unmet.length === 0) this.waiting.delete(id); else this.waiting.set(id, rec.unmet);
      if (rec.units.length > 0) { this.dispatch(inc, rec.units, 'system'); return; }
    }
  }

  private sizeUp(inc: IncidentState): void {
    inc.sizedUp = true;
    const model = this.index.model(inc.trueType);
    const t = inc.truth;
    reassess(t, model, this.now, t.output);
    const g = Math.max(t.trueGrade, gradeOf(model, t.size, trappedCount(t))) as Grade;
    t.trueGrade = g;
    inc.knownSize = round1(t.size);
    inc.knownTrapped = trappedCount(t);
    this.emit({ type: 'SIZE_UP_REPORTED', incidentId: inc.id, size: inc.knownSize, trapped: inc.knownTrapped, trueGrade: g, unfounded: t.unfounded });
    if (t.unfounded) {
      this.stepIncident(inc, { type: 'FALSE_ALARM' });
      this.emit({ type: 'INCIDENT_CANCELLED', incidentId: inc.id, reason: 'unfounded' });
      for (const id of [...inc.units]) this.release(this.units.get(id)!, 'incident-cancelled');
      return;
    }
    this.reassessIncident(inc);
    this.autoEscalate(inc, g, `size-up on arrival: ${inc.knownSize} ${model.sizeUnit}, ${inc.knownTrapped} trapped`);
  }

  autoEscalate(inc: IncidentState, trueGrade: Grade, reason: string): void {
    if (this.mode !== 'auto' || trueGrade <= incidentGrade(inc)) return;
    this.raiseGrade(inc, trueGrade, 'system', reason);
    this.dispatchRecommendation(inc, this.recommend(inc), 'system');
  }

  private workingOutput(inc: IncidentState): { output: number; rescuers: number } {
    const model = this.index.model(inc.trueType);
    let output = 0;
    let rescuers = 0;
    for (const id of inc.units) {
      const u = this.units.get(id)!;
      if (unitStatus(u) !== 'working') continue;
      let best = 0;
      for (const c of model.primary) best = Math.max(best, this.index.output(u.info, c));
      output += best;
      if (u.info.type.capabilities.includes(model.trapped.capability)) rescuers++;
    }
    return { output, rescuers };
  }

  reassessIncident(inc: IncidentState): void {
    const final = isFinal(inc);
    const model = this.index.model(inc.trueType);
    const { output, rescuers } = final ? { output: 0, rescuers: 0 } : this.workingOutput(inc);
    // Rescue goes on while rescuers work, also after the fire is under control; it stops when they leave.
    if (rescuers !== inc.rescuers) {
      inc.rescuers = rescuers;
      inc.rv++;
      this.scheduleRescue(inc, model);
    }
    if (final || inc.truth.phase === 'controlled') return;
    this.evolve(inc, model, output);
  }

  /** Next rescue by the rescuers at work, while anyone is still trapped. */
  private scheduleRescue(inc: IncidentState, model: IncidentModel): void {
    if (inc.rescuers > 0 && trappedCount(inc.truth) > 0) {
      this.schedule(this.now + Math.round((model.trapped.minutesPerPerson * MIN) / inc.rescuers), { k: 'rescue', inc: inc.id, v: inc.rv });
    }
  }

  /** Bring the truth up to now with this output; earlier evolve/control timers become stale. */
  private evolve(inc: IncidentState, model: IncidentModel, output: number): void {
    const next = reassess(inc.truth, model, this.now, output);
    inc.fv++;
    if (next.checkAt !== undefined) this.schedule(next.checkAt, { k: 'evolve', inc: inc.id, v: inc.fv });
    if (next.controlAt !== undefined) this.schedule(next.controlAt, { k: 'control', inc: inc.id, v: inc.fv });
  }

  onEvolve(inc: IncidentState): void {
    const model = this.index.model(inc.trueType);
    const t = inc.truth;
    this.evolve(inc, model, t.output);
    const g = gradeOf(model, t.size, trappedCount(t));
    if (g > t.trueGrade) {
      t.trueGrade = g;
      if (inc.sizedUp) {
        inc.knownSize = round1(t.size);
        this.emit({ type: 'INCIDENT_GREW', incidentId: inc.id, size: inc.knownSize, trueGrade: g });
        this.autoEscalate(inc, g, `grew to ${inc.knownSize} ${model.sizeUnit}`);
      }
    }
  }

  onControl(inc: IncidentState): void {
    if (!this.stepIncident(inc, { type: 'CONTROLLED' })) return;
    const model = this.index.model(inc.trueType);
    inc.truth.phase = 'controlled';
    inc.knownSize = round1(inc.truth.size);
    this.emit({ type: 'INCIDENT_UNDER_CONTROL', incidentId: inc.id, size: inc.knownSize });
    inc.cv++;
    this.schedule(this.now + model.overhaulMinutes * MIN, { k: 'close', inc: inc.id, v: inc.cv });
  }

  onRescue(inc: IncidentState): void {
    const i = nextToRescue(inc.truth);
    if (i < 0 || isFinal(inc) || inc.rescuers === 0) return;
    inc.truth.people[i]!.fate = 1;
    inc.rescued++;
    const remaining = trappedCount(inc.truth);
    inc.knownTrapped = remaining;
    this.emit({ type: 'PERSON_RESCUED', incidentId: inc.id, remaining });
    this.scheduleRescue(inc, this.index.model(inc.trueType));
  }

  onDeath(inc: IncidentState, p: number): void {
    const person = inc.truth.people[p];
    if (!person || person.fate !== 0) return;
    person.fate = 2;
    inc.dead++;
    inc.knownTrapped = trappedCount(inc.truth);
    this.emit({ type: 'PERSON_DIED', incidentId: inc.id, remaining: inc.knownTrapped });
  }

  close(inc: IncidentState): void {
    if (!this.stepIncident(inc, { type: 'CLOSE' })) return;
    inc.cv++;
    this.emit({ type: 'INCIDENT_CLOSED', incidentId: inc.id, finalSize: round1(inc.truth.size), rescued: inc.rescued, dead: inc.dead });
    for (const id of [...inc.units]) this.release(this.units.get(id)!, 'incident-closed');
  }

  onCloseTimer(inc: IncidentState): void {
    // Nobody leaves while people are still trapped alive.
    if (trappedCount(inc.truth) > 0) { this.schedule(this.now + 5 * MIN, { k: 'close', inc: inc.id, v: inc.cv }); return; }
    this.close(inc);
  }

  cancel(inc: IncidentState, reason: 'cancelled-by-caller' | 'duplicate' | 'false-alarm'): void {
    this.stepIncident(inc, reason === 'false-alarm' ? { type: 'FALSE_ALARM' } : { type: 'CANCEL' });
    inc.cv++;
    inc.fv++;
    this.emit({ type: 'INCIDENT_CANCELLED', incidentId: inc.id, reason });
    for (const id of [...inc.units]) this.release(this.units.get(id)!, 'incident-cancelled');
  }

  /** After units left an incident: back to graded if nobody is left on an open incident. */
  afterUnitsLeft(inc: IncidentState): void {
    if (inc.units.length > 0) return;
    const s = incidentStatus(inc);
    // An incident under control closes with its last unit, unless people are still trapped there.
    if (s === 'underControl') { if (trappedCount(inc.truth) === 0) this.close(inc); }
    else this.stepIncident(inc, { type: 'UNITS_WITHDRAWN' });
  }

  // ---- the automatic centre --------------------------------------------------------------------

  onAnswer(inc: IncidentState): void {
    if (incidentStatus(inc) !== 'callReceived') return;
    inc.answered = true;
    this.emit({ type: 'CALL_ANSWERED', incidentId: inc.id });
    if (this.mode === 'auto') {
      const { processSeconds } = this.index.world.doctrine.callHandling;
      this.schedule(this.now + Math.round(this.uniform(processSeconds.min, processSeconds.max) * 1000), { k: 'process', inc: inc.id });
    }
  }

  onProcess(inc: IncidentState): void {
    if (this.mode !== 'auto') return;
    if (incidentStatus(inc) === 'callReceived' && inc.answered) this.triage(inc, inc.reportedType, inc.location, 'system');
    if (incidentStatus(inc) === 'triaged') this.grade(inc, inc.reportedGrade, 'system');
    if (incidentStatus(inc) === 'graded') this.dispatchRecommendation(inc, this.recommend(inc), 'system');
  }

  /** Switching to auto mode: the automatic centre takes over calls and incidents left waiting. */
  setMode(mode: Mode): void {
    this.mode = mode;
    this.emit({ type: 'MODE_CHANGED', mode });
    if (mode !== 'auto') { this.waiting.clear(); return; }
    for (const inc of this.incidents.values()) {
      const s = incidentStatus(inc);
      if ((s === 'callReceived' && inc.answered) || s === 'triaged' || (s === 'graded' && inc.units.length === 0)) this.schedule(this.now, { k: 'process', inc: inc.id });
    }
  }

}
