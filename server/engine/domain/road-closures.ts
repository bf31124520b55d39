// Road closures (断路) in the engine: closing and reopening roads, and what follows at once.
// - The travel model in force becomes the base model minus the closed edges, so ETAs,
//   recommendations and new drives change immediately.
// - A unit driving (en route, returning, available on the road) whose road ahead is closed finishes
//   its current stretch to the next junction and takes a new route from there (UNIT_REROUTED; its
//   old arrival timer goes stale). If no road leads to its destination any more it stops where it
//   is (PLACE_UNREACHABLE with its unitId) and keeps its destination.
// - On reopening, driving units whose route from their next junction is now faster take it, and
//   stopped units whose destination can be reached again drive on (UNIT_REROUTED naming the
//   reopened closure). A re-route keeps the traffic factors of the time the drive was planned.
// - An open incident that no road reaches from the rest of the network is reported cut off
//   (PLACE_UNREACHABLE without unitId) and reachable again (PLACE_REACHABLE) when a road reopens;
//   in auto mode incidents waiting for units are served again after a reopening.
//   Reopening is told upward as `capacityReturned`.
// - A closure may exempt units by capability (hazard zones: protected crews, boats): such a unit
//   plans on the base model minus only the closures that bind it (`travelFor`; one model per set of
//   binding closures, rebuilt when the closures change). Without exemptions it is `sim.travel`.
// - A closure that moves (a hazard's flooded roads or plume zone changing) is replaced in one step
//   (`replaceClosure`): the old one reopens and the new one closes with one rebuild of the travel
//   model and one pass over units and incidents, so roads in both stay closed throughout (no unit is
//   sent through the water between the two, no place flips reachable and back).
// Imports: the kernel, driving and call-handling.
import type { Actor } from '../../../shared/commands.ts';
import { aheadOf, edgesAhead, joinCourses } from '../kernel/course.ts';
import { MOVING, unitStatus, type UnitState } from '../kernel/state.ts';
import type { Simulation } from '../kernel/simulation.ts';
import type { Closure } from '../kernel/closure.ts';
import type { TravelTimeModel } from '../kernel/ports.ts';
import { forgetUnitTravel, travelFor } from '../kernel/unit-travel.ts';
import { follow, origin, reportStopped } from './driving.ts';
import { checkCutOff } from './call-handling.ts';

export type { Closure } from '../kernel/closure.ts';

/** A re-route on reopening must gain at least this much (seconds), so rounding noise moves no one. */
const REOPEN_GAIN_SEC = 1;

/** The id a new closure gets when the command names none. */
export function nextClosureId(sim: Simulation): string {
  let id: string;
  do id = `closure-${++sim.closureCounter}`; while (sim.closures.has(id));
  return id;
}

/** Applies the closures in force to the travel model (also used when restoring a snapshot). */
export function refreshModel(sim: Simulation): void {
  forgetUnitTravel(sim);
  const edges = new Set<number>();
  for (const c of sim.closures.values()) for (const e of c.edges) edges.add(e);
  sim.travel = edges.size > 0 && sim.baseTravel.withClosedEdges ? sim.baseTravel.withClosedEdges(edges) : sim.baseTravel;
}

/** Closes roads; with `c.until` they reopen by themselves then (by 'system'). */
export function closeRoad(sim: Simulation, c: Omit<Closure, 'closedAt'>, by: Actor['role']): void {
  sim.closures.set(c.id, { ...c, closedAt: sim.now });
  refreshModel(sim);
  announceClosed(sim, c, by);
  for (const u of sim.units.values()) {
    if (!u.leg || !u.course || !u.destination || !MOVING.has(unitStatus(u))) continue;
    if (closedAhead(u, travelFor(sim, u), (sim.now - u.leg.departAt) / 1000)) reroute(sim, u, c.id);
  }
  for (const inc of sim.incidents.values()) checkCutOff(sim, inc);
}

/** ROAD_CLOSED for a closure just put in force, and its end on the timer when it has one. */
function announceClosed(sim: Simulation, c: Omit<Closure, 'closedAt'>, by: Actor['role']): void {
  sim.emit({ type: 'ROAD_CLOSED', closureId: c.id, reason: c.reason, area: c.area, note: c.note, closedEdges: c.edges.length, by, ...(c.until === undefined ? {} : { until: c.until }), ...(c.exempt ? { exempt: c.exempt } : {}), ...(c.roads ? { roads: c.roads } : {}) });
  if (c.until !== undefined) sim.schedule(c.until, { kind: 'reopen', closureId: c.id });
}

/** Whether a driving unit's road ahead (`elapsed` s into its course) has a closed edge on `travel`. */
function closedAhead(u: UnitState, travel: TravelTimeModel, elapsed: number): boolean {
  for (const e of edgesAhead(u.course!, elapsed)) if (travel.isClosed?.(e)) return true;
  return false;
}

/** Whether a driving unit would arrive sooner, by more than REOPEN_GAIN_SEC, on a new route from its next junction. */
function fasterWayNow(sim: Simulation, u: UnitState, travel: TravelTimeModel, elapsed: number): boolean {
  const course = u.course!;
  const lead = aheadOf(course, elapsed, sim.unitPosition(u));
  const at = lead.path[lead.path.length - 1]!;
  const faster = lead.seconds + travel.travel(at, u.destination!.to, u.info.type.speedClass, u.trafficAt ?? sim.now).seconds;
  return faster < course.seconds - elapsed - REOPEN_GAIN_SEC;
}

/** A timed closure's end: reopens it unless it was reopened (or closed again with another end) since. */
export function onReopenTimer(sim: Simulation, closureId: string): void {
  if (sim.closures.get(closureId)?.until === sim.now) reopenRoad(sim, closureId, 'system');
}

export function reopenRoad(sim: Simulation, id: string, by: Actor['role']): void {
  sim.closures.delete(id);
  refreshModel(sim);
  sim.emit({ type: 'ROAD_REOPENED', closureId: id, by });
  for (const u of sim.units.values()) {
    if (!u.destination || !MOVING.has(unitStatus(u))) continue;
    if (!u.leg) {
      // Stopped on the way: drive on if a road leads there now (a new drive, with the traffic of now).
      reroute(sim, u, id, sim.now);
      continue;
    }
    if (!u.course) continue;
    if (fasterWayNow(sim, u, travelFor(sim, u), (sim.now - u.leg.departAt) / 1000)) reroute(sim, u, id);
  }
  for (const inc of sim.incidents.values()) checkCutOff(sim, inc, id);
  sim.happen.capacityReturned();
}

/**
 * Replaces closure `oldId` (absent or unknown: none) by `next` (null: none), as one change: the same
 * events as reopening the old and closing the new (ROAD_REOPENED, then ROAD_CLOSED), then units whose
 * road ahead is closed now are re-routed; if some road of the old one is open again, stopped units
 * drive on where they can and driving units take a faster way; incidents are checked once for being
 * cut off, and capacity is told returned only when some road opened.
 */
export function replaceClosure(sim: Simulation, oldId: string | null, next: Omit<Closure, 'closedAt'> | null, by: Actor['role']): void {
  const old = oldId === null ? undefined : sim.closures.get(oldId);
  if (!old) {
    if (next) closeRoad(sim, next, by);
    return;
  }
  if (!next) {
    reopenRoad(sim, old.id, by);
    return;
  }
  sim.closures.delete(old.id);
  sim.closures.set(next.id, { ...next, closedAt: sim.now });
  refreshModel(sim);
  sim.emit({ type: 'ROAD_REOPENED', closureId: old.id, by });
  announceClosed(sim, next, by);
  const opened = old.edges.some((e) => !sim.travel.isClosed?.(e));
  for (const u of sim.units.values()) {
    if (!u.destination || !MOVING.has(unitStatus(u))) continue;
    if (!u.leg) {
      if (opened) reroute(sim, u, old.id, sim.now);
      continue;
    }
    if (!u.course) continue;
    const travel = travelFor(sim, u);
    const elapsed = (sim.now - u.leg.departAt) / 1000;
    if (closedAhead(u, travel, elapsed)) reroute(sim, u, next.id);
    else if (opened && fasterWayNow(sim, u, travel, elapsed)) reroute(sim, u, old.id);
  }
  for (const inc of sim.incidents.values()) checkCutOff(sim, inc, opened ? old.id : undefined);
  if (opened) sim.happen.capacityReturned();
}

/**
 * A new route for a driving unit from its next junction to its destination, keeping the traffic of
 * its drive. A stopped unit (`restartAt`: the time of its new drive) that still cannot get there
 * stays stopped without a new report.
 */
function reroute(sim: Simulation, u: UnitState, closureId: string, restartAt?: number): void {
  const dest = u.destination!;
  const o = origin(sim, u);
  const trafficAt = restartAt ?? u.trafficAt ?? sim.now;
  const course = joinCourses(o.lead, travelFor(sim, u).route(o.at, dest.to, u.info.type.speedClass, trafficAt));
  if (!Number.isFinite(course.seconds) && restartAt !== undefined) return;
  u.trafficAt = trafficAt;
  u.position = sim.unitPosition(u);
  const leg = follow(sim, u, course);
  const incidentId = dest.step === 'arrive' ? u.incidentId : undefined;
  if (leg) sim.emit({ type: 'UNIT_REROUTED', unitId: u.info.id, ...(incidentId ? { incidentId } : {}), leg, closureId });
  else reportStopped(sim, u);
}
