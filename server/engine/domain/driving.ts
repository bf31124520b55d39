// Units on the road: where a new route begins, driving times and ETAs (turnout included), setting
// off, following a course, stopping where no road leads on. Legs in the log come from
// kernel/course.ts; re-routing around closures (road-closures.ts) reuses origin/follow/reportStopped;
// the unit's own timers (turnout done, arrival, work, home) are unit-steps.ts's.
// Imports: the kernel only.
import type { LatLon } from '../../../shared/geo.ts';
import type { Leg } from '../../../shared/events.ts';
import type { SpeedClass } from '../../../shared/domain/forces.ts';
import type { Course, TravelTimeModel } from '../kernel/ports.ts';
import { MOVING, unitStatus, type IncidentState, type UnitState } from '../kernel/state.ts';
import { aheadOf, joinCourses, legOf } from '../kernel/course.ts';
import type { Simulation } from '../kernel/simulation.ts';
import { travelFor } from '../kernel/unit-travel.ts';

/**
 * Where a new route of the unit begins: a driving unit first finishes its stretch of road to the
 * next junction (`lead`), anyone else starts where it stands.
 */
export function origin(sim: Simulation, u: UnitState): { lead: Course; at: LatLon } {
  const here = sim.unitPosition(u);
  if (!u.leg || !u.course || !MOVING.has(unitStatus(u))) return { lead: { seconds: 0, distanceM: 0, path: [here], offsets: [0] }, at: here };
  const lead = aheadOf(u.course, (sim.now - u.leg.departAt) / 1000, here);
  return { lead, at: lead.path[lead.path.length - 1]! };
}

/** Seconds of a drive: the model's seconds-only answer when it has one (no distance, nothing allocated). */
const driveSeconds = (travel: TravelTimeModel, from: LatLon, to: LatLon, sc: SpeedClass, t: number): number =>
  travel.travelSeconds ? travel.travelSeconds(from, to, sc, t) : travel.travel(from, to, sc, t).seconds;

/** Driving time from where the unit is to `to`, setting off at `t` (Infinity if no road leads there). */
export function travelSeconds(sim: Simulation, u: UnitState, to: LatLon, t: number): number {
  to = sim.models.approachPoint(u.info.type.capabilities, to);
  const travel = travelFor(sim, u);
  if (!u.leg) return driveSeconds(travel, u.position, to, u.info.type.speedClass, t); // standing: the common case
  const o = origin(sim, u);
  return o.lead.seconds + driveSeconds(travel, o.at, to, u.info.type.speedClass, t);
}

/** travelSeconds if at most `maxSeconds`, else undefined (further, or no road leads there). */
export function travelSecondsWithin(sim: Simulation, u: UnitState, to: LatLon, t: number, maxSeconds: number): number | undefined {
  to = sim.models.approachPoint(u.info.type.capabilities, to);
  const within = travelFor(sim, u).travelWithin;
  if (!within) { const s = travelSeconds(sim, u, to, t); return s <= maxSeconds ? s : undefined; }
  if (!u.leg) return within(u.position, to, u.info.type.speedClass, t, maxSeconds);
  const o = origin(sim, u);
  const rest = within(o.at, to, u.info.type.speedClass, t, maxSeconds - o.lead.seconds);
  return rest === undefined ? undefined : o.lead.seconds + rest;
}

export function turnoutSeconds(sim: Simulation, u: UnitState): number {
  return sim.index.world.doctrine.turnoutSeconds[u.info.station.kind][sim.isNight() ? 'night' : 'day'];
}

/**
 * Turnout (from the station only) plus travel from where the unit is now, setting off when the
 * turnout ends: the figure the leg's arrival will show. Infinity if no road leads there.
 */
export function etaSeconds(sim: Simulation, u: UnitState, to: LatLon): number {
  const turnout = unitStatus(u) === 'inStation' ? turnoutSeconds(sim, u) : 0;
  return turnout + travelSeconds(sim, u, to, sim.now + turnout * 1000);
}

/**
 * Sets the unit driving to `to` from where it is now. Returns its leg, or undefined when no road
 * leads there: the unit then stops where it is, keeping its destination, until a road reopens.
 */
export function driveTo(sim: Simulation, u: UnitState, to: LatLon, step: 'arrive' | 'home'): Leg | undefined {
  if (step === 'arrive') to = sim.models.approachPoint(u.info.type.capabilities, to);
  const o = origin(sim, u);
  u.position = sim.unitPosition(u);
  u.destination = { to, step };
  u.trafficAt = sim.now;
  const course = joinCourses(o.lead, travelFor(sim, u).route(o.at, to, u.info.type.speedClass, sim.now));
  return follow(sim, u, course);
}

/** Puts the unit on a course from its current position (now); undefined (and stopped) if it is unreachable. */
export function follow(sim: Simulation, u: UnitState, course: Course): Leg | undefined {
  u.timerVersion++;
  if (!u.destination || !Number.isFinite(course.seconds)) {
    stopAt(u, u.position, true);
    return undefined;
  }
  const leg = legOf(course, u.position, u.destination.to, sim.now);
  u.leg = leg;
  u.course = course;
  sim.schedule(leg.arriveAt, { kind: 'unit', unitId: u.info.id, version: u.timerVersion, step: u.destination.step });
  return leg;
}

/** Stops the unit at p; `keepDest` when it is stopped on its way (no road leads on). */
export function stopAt(u: UnitState, p: LatLon, keepDest = false): void {
  u.position = p;
  u.leg = undefined;
  u.course = undefined;
  if (!keepDest) { u.destination = undefined; u.trafficAt = undefined; }
}

/** A leg that goes nowhere, for the log when a unit sets off but no road leads to its destination. */
export function standingLeg(sim: Simulation, u: UnitState): Leg {
  return { from: u.position, to: u.position, departAt: sim.now, arriveAt: sim.now, distanceM: 0 };
}

/** The unit cannot reach its destination: it stops where it is (reported with the closures in force). */
export function reportStopped(sim: Simulation, u: UnitState): void {
  sim.emit({ type: 'PLACE_UNREACHABLE', location: u.destination?.to ?? u.position, unitId: u.info.id, ...(u.incidentId && u.destination?.step === 'arrive' ? { incidentId: u.incidentId } : {}), closureIds: [...sim.closures.keys()] });
}

/** The unit leaves for its incident (after turnout, or at once when dispatched on the road). */
export function setOff(sim: Simulation, u: UnitState, inc: IncidentState): void {
  const leg = driveTo(sim, u, inc.location, 'arrive');
  sim.emit({ type: 'UNIT_EN_ROUTE', unitId: u.info.id, incidentId: inc.id, leg: leg ?? standingLeg(sim, u) });
  if (!leg) reportStopped(sim, u);
  sim.stepIncident(inc, { type: 'UNIT_EN_ROUTE' });
}

