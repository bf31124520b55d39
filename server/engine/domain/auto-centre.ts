// The automatic centre (auto mode): answers and processes calls (triage, grade, dispatch the run
// card), escalates when size-up or growth shows a higher grade, and keeps a waiting list of
// incidents whose run card is not met, served as units come free, roads reopen or comms return.
// Switching modes hands calls and incidents over to it, or clears its list. The facade wires the
// happenings `unitFreed`, `trueGradeRose` and `capacityReturned` to it.
// Imports: the kernel, assignment, call-handling and incident-end.
import type { Grade } from '../../../shared/domain/grades.ts';
import type { Mode } from '../../../shared/schemas/scenario.ts';
import { incidentGrade, incidentStatus, OPEN_FOR_DISPATCH, type IncidentState, type UnitState } from '../kernel/state.ts';
import type { Simulation } from '../kernel/simulation.ts';
import { STREAM } from '../kernel/rng.ts';
import { dispatchRecommendation, dispatchUnits, recommend } from './assignment.ts';
import { gradeIncident, raiseGrade, triageCall } from './call-handling.ts';
import { closeIncident } from './incident-end.ts';

/** A unit became available: in auto mode, the oldest waiting incident it can help gets served. */
export function unitFreed(sim: Simulation, u: UnitState): void {
  if (sim.mode === 'auto' && sim.waiting.size > 0) sim.schedule(sim.now, { kind: 'serve', unitId: u.info.id });
}

/** Auto mode, after roads reopen or comms return: waiting incidents get what can now reach them. */
export function serveWaiting(sim: Simulation): void {
  if (sim.mode !== 'auto') return;
  for (const [id] of [...sim.waiting]) {
    const inc = sim.incidents.get(id)!;
    if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc))) { sim.waiting.delete(id); continue; }
    const rec = recommend(sim, inc);
    if (rec.unmet.length === 0) sim.waiting.delete(id); else sim.waiting.set(id, rec.unmet);
    if (rec.units.length > 0) dispatchUnits(sim, inc, rec.units, 'system');
  }
}

/** The serve timer of a freed unit: the first waiting incident that needs what it has is served. */
export function onServe(sim: Simulation, u: UnitState): void {
  if (sim.mode !== 'auto' || !sim.canDispatchUnit(u)) return;
  const caps = u.info.type.capabilities;
  const water = !u.info.isMicro && caps.includes('water');
  for (const [id, unmet] of sim.waiting) {
    const inc = sim.incidents.get(id)!;
    if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc))) { sim.waiting.delete(id); continue; }
    if (!unmet.some((m) => (m.capability === 'firefighters' || m.capability === 'stations' ? water : caps.includes(m.capability)))) continue;
    const rec = recommend(sim, inc);
    if (rec.unmet.length === 0) sim.waiting.delete(id); else sim.waiting.set(id, rec.unmet);
    if (rec.units.length > 0) { dispatchUnits(sim, inc, rec.units, 'system'); return; }
  }
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
    if ((s === 'callReceived' && inc.answered) || s === 'triaged' || (s === 'graded' && inc.units.length === 0)) sim.schedule(sim.now, { kind: 'process', incidentId: inc.id });
  }
}
