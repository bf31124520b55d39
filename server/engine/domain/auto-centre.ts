// The automatic centre (auto mode): answers and processes calls (triage, grade, dispatch the run
// card), escalates when size-up or growth shows a higher grade, and keeps a waiting list of
// incidents whose run card is not met, served as units come free, roads reopen or comms return.
// Switching modes hands calls and incidents over to it, or clears its list. The facade wires the
// happenings `unitFreed`, `trueGradeRose` and `capacityReturned` to it.
// Imports: the kernel, assignment, call-handling and incident-end.
import type { Grade } from '../../../shared/domain/grades.ts';
import type { Mode } from '../../../shared/schemas/scenario.ts';
import type { Recommendation } from '../../../shared/recommendation.ts';
import { incidentGrade, incidentStatus, isFinal, OPEN_FOR_DISPATCH, type IncidentState, type UnitState } from '../kernel/state.ts';
import type { Simulation } from '../kernel/simulation.ts';
import { STREAM } from '../kernel/rng.ts';
import { dispatchRecommendation, dispatchUnits, nobodyLeftToRescue, recommend, releaseUnit, rescueOnly } from './assignment.ts';
import { gradeIncident, raiseGrade, triageCall } from './call-handling.ts';
import { afterUnitsLeft, closeIncident } from './incident-end.ts';
import { microCovers } from './dispatch/needs.ts';

/** A unit became available: in auto mode, the oldest waiting incident it can help gets served. */
export function unitFreed(sim: Simulation, u: UnitState): void {
  if (sim.mode === 'auto' && sim.waiting.size > 0) sim.schedule(sim.now, { kind: 'serve', unitId: u.info.id });
}

/**
 * The waiting list in the order it is served: 救人第一 (lives first), so incidents whose callers
 * report people trapped and not sheltering safely come before the others; each group oldest first.
 * Without it a boat freed from one rescue goes to people safe in their houses who called earlier
 * while old people stand in rising water elsewhere. Doctrine `waitingOrder: call-order` serves oldest
 * first only (the queueing verification worlds).
 */
function waitingInOrder(sim: Simulation): [string, Recommendation['unmet']][] {
  // Loops over the map, no closures: a freed unit's serve timer asks for the list (under tsx, which
  // keeps names, each closure made per call also costs a defineProperty).
  const order: [string, Recommendation['unmet']][] = [];
  if (sim.index.world.doctrine.waitingOrder === 'call-order') {
    for (const entry of sim.waiting) order.push(entry);
    return order;
  }
  // One pass: each waiting incident looked up once (this runs whenever a unit is freed).
  const later: [string, Recommendation['unmet']][] = [];
  for (const entry of sim.waiting) (atRisk(sim, entry[0]) ? order : later).push(entry);
  for (let i = 0; i < later.length; i++) order.push(later[i]!);
  return order;
}

/** The caller reports people trapped who are not sheltering safely. */
function atRisk(sim: Simulation, id: string): boolean {
  const inc = sim.incidents.get(id)!;
  return inc.knownTrapped > 0 && !inc.sheltered;
}

/** Some of what the incident misses is something the unit brings (water stands for firefighters and stations). */
function bringsSomeOf(unmet: Recommendation['unmet'], caps: readonly string[], water: boolean): boolean {
  for (let i = 0; i < unmet.length; i++) {
    const m = unmet[i]!.capability;
    if (m === 'firefighters' || m === 'stations' ? water : caps.includes(m)) return true;
  }
  return false;
}

/** Auto mode, after roads reopen or comms return: waiting incidents get what can now reach them. */
export function serveWaiting(sim: Simulation): void {
  if (sim.mode !== 'auto') return;
  for (const [id] of waitingInOrder(sim)) {
    const inc = sim.incidents.get(id)!;
    if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc))) { sim.waiting.delete(id); continue; }
    const rec = recommend(sim, inc);
    if (rec.unmet.length === 0) sim.waiting.delete(id); else sim.waiting.set(id, rec.unmet);
    if (rec.units.length > 0) dispatchUnits(sim, inc, rec.units, 'system');
  }
}

/**
 * The serve timer of a freed unit: the first waiting incident that needs what it has is served. A
 * micro station fills no need of a run card (dispatch/needs.ts `fits`): it goes only as the first
 * response to a site it covers (needs.ts `microCovers`, first dispatch only), so it is offered only to
 * waiting incidents there that no unit has been sent to yet. (Offered to every incident short of
 * water, a freed micro station had each of them planned again in vain: 9,000 of a metropolitan
 * roads year's 13,500 serve recommendations, a quarter of all the year's recommendations, found no
 * unit to send; 46 sent other units that were free at that moment.)
 */
export function onServe(sim: Simulation, u: UnitState): void {
  if (sim.mode !== 'auto' || !sim.canDispatchUnit(u)) return;
  const caps = u.info.type.capabilities;
  const micro = u.info.isMicro;
  const water = !micro && caps.includes('water');
  const coverM = sim.index.world.doctrine.dispatch.microCoverageRadiusM;
  for (const [id, unmet] of waitingInOrder(sim)) {
    const inc = sim.incidents.get(id)!;
    if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc))) { sim.waiting.delete(id); continue; }
    if (!bringsSomeOf(unmet, caps, water)) continue;
    if (micro && (inc.dispatchedOnce || !microCovers(u.info, inc.location, coverM))) continue;
    const rec = recommend(sim, inc);
    if (rec.unmet.length === 0) sim.waiting.delete(id); else sim.waiting.set(id, rec.unmet);
    if (rec.units.length > 0) { dispatchUnits(sim, inc, rec.units, 'system'); return; }
  }
}

/**
 * Nobody is left to rescue at the incident: boats, water-rescue and search teams (doctrine
 * `releaseWhenRescueDone`) are released to the next rescue, as a commander on the scene releases
 * them, instead of standing by until the incident closes while people elsewhere wait for a boat.
 * The units still needed there (drainage, water, command) stay; where no other unit can work the
 * incident itself (a small flood call with boats and a rescue tender only), the boats stay too.
 * In manual mode the players decide.
 */
export function releaseRescueTeams(sim: Simulation, inc: IncidentState): void {
  if (sim.mode !== 'auto' || isFinal(inc)) return;
  const only: readonly string[] = sim.index.world.doctrine.releaseWhenRescueDone;
  const unmet = sim.waiting.get(inc.id)?.filter((m) => !only.includes(m.capability));
  if (unmet?.length) sim.waiting.set(inc.id, unmet); else sim.waiting.delete(inc.id);
  const units = inc.units.map((id) => sim.units.get(id)!);
  const done = units.filter((u) => rescueOnly(sim, u));
  const primary = sim.index.model(inc.trueType).primary;
  const othersWork = units.some((u) => !rescueOnly(sim, u) && primary.some((c) => sim.index.output(u.info, c) > 0));
  if (done.length === 0 || !othersWork) return;
  for (const u of done) releaseUnit(sim, u, 'rescue-done');
  afterUnitsLeft(sim, inc);
}

export function autoEscalate(sim: Simulation, inc: IncidentState, trueGrade: Grade, reason: string): void {
  if (sim.mode !== 'auto' || trueGrade <= incidentGrade(inc)) return;
  raiseGrade(sim, inc, trueGrade, 'system', reason);
  dispatchRecommendation(sim, inc, recommend(sim, inc), 'system');
}

export function onAnswer(sim: Simulation, inc: IncidentState): void {
  if (incidentStatus(inc) !== 'callReceived') return;
  inc.answered = true;
  sim.emit({ type: 'CALL_ANSWERED', incidentId: inc.id });
  if (sim.mode === 'auto') {
    const { processSeconds } = sim.index.world.doctrine.callHandling;
    const processIn = processSeconds.min + (processSeconds.max - processSeconds.min) * sim.streamFor(STREAM.processTime, inc.streamKey).next();
    sim.schedule(sim.now + Math.round(processIn * sim.models.callHandlingFactor() * 1000), { kind: 'process', incidentId: inc.id });
  }
}

export function onProcess(sim: Simulation, inc: IncidentState): void {
  if (sim.mode !== 'auto') return;
  if (incidentStatus(inc) === 'callReceived' && inc.answered) triageCall(sim, inc, inc.reportedType, inc.location, 'system');
  if (incidentStatus(inc) === 'triaged') gradeIncident(sim, inc, inc.reportedGrade, 'system');
  if (incidentStatus(inc) === 'graded') dispatchRecommendation(sim, inc, recommend(sim, inc), 'system');
}

/** Switching to auto mode: the automatic centre takes over calls and incidents left waiting. */
export function setMode(sim: Simulation, mode: Mode): void {
  sim.mode = mode;
  sim.emit({ type: 'MODE_CHANGED', mode });
  if (mode !== 'auto') { sim.waiting.clear(); return; }
  for (const inc of sim.incidents.values()) {
    const s = incidentStatus(inc);
    // Overhaul reported done while the players had the incidents: the centre closes them now.
    if (s === 'underControl' && inc.overhaulDone) { closeIncident(sim, inc); continue; }
    if (nobodyLeftToRescue(inc)) releaseRescueTeams(sim, inc);
    if ((s === 'callReceived' && inc.answered) || s === 'triaged' || (s === 'graded' && inc.units.length === 0)) sim.schedule(sim.now, { kind: 'process', incidentId: inc.id });
  }
}
