// How an incident ends, and what the first arrival finds: size-up (an unfounded call is cancelled
// on the spot), closing after overhaul, cancelling, and falling back to graded when the last unit
// leaves. Each end releases the units still assigned and is told upward as `incidentEnded`.
// Imports: the kernel, evolution, incident-progress and assignment.
import type { Grade } from '../../../shared/domain/grades.ts';
import { MINUTE_MS } from '../../../shared/local-time.ts';
import { gradeOf, reassess, trappedCount } from './evolution.ts';
import { incidentStatus, round1, type IncidentState } from '../kernel/state.ts';
import type { Simulation } from '../kernel/simulation.ts';
import { reassessIncident } from './incident-progress.ts';
import { releaseUnit } from './assignment.ts';

/** The first unit on scene reports the true size and trapped; an unfounded call is cancelled. */
export function sizeUp(sim: Simulation, inc: IncidentState): void {
  inc.sizedUp = true;
  const model = sim.index.model(inc.trueType);
  const t = inc.truth;
  reassess(t, model, sim.now, t.output);
  const g = Math.max(t.trueGrade, gradeOf(model, t.size, trappedCount(t))) as Grade;
  t.trueGrade = g;
  inc.knownSize = round1(t.size);
  inc.knownTrapped = trappedCount(t);
  sim.emit({ type: 'SIZE_UP_REPORTED', incidentId: inc.id, size: inc.knownSize, trapped: inc.knownTrapped, trueGrade: g, unfounded: t.unfounded });
  if (t.unfounded) {
    sim.stepIncident(inc, { type: 'FALSE_ALARM' });
    sim.emit({ type: 'INCIDENT_CANCELLED', incidentId: inc.id, reason: 'unfounded' });
    for (const id of [...inc.units]) releaseUnit(sim, sim.units.get(id)!, 'incident-cancelled');
    sim.happen.incidentEnded(inc);
    return;
  }
  reassessIncident(sim, inc);
  sim.happen.trueGradeRose(inc, g, `size-up on arrival: ${inc.knownSize} ${model.sizeUnit}, ${inc.knownTrapped} trapped`);
  if (inc.knownTrapped === 0) sim.happen.rescueDone(inc);
}

export function closeIncident(sim: Simulation, inc: IncidentState): void {
  if (!sim.stepIncident(inc, { type: 'CLOSE' })) return;
  inc.closeTimerVersion++;
  sim.emit({ type: 'INCIDENT_CLOSED', incidentId: inc.id, finalSize: round1(inc.truth.size), rescued: inc.rescued, dead: inc.dead });
  for (const id of [...inc.units]) releaseUnit(sim, sim.units.get(id)!, 'incident-closed');
  sim.happen.incidentEnded(inc);
}

/**
 * Overhaul done, unless people are still trapped alive (look again in 5 minutes). In auto mode the
 * centre closes the incident. In manual mode closing is the players' decision, as on a real fire
 * ground (the commander releases the crews): the scene reports overhaul done and the incident stays
 * open with its units until the players close it or release them.
 */
export function onCloseTimer(sim: Simulation, inc: IncidentState): void {
  if (trappedCount(inc.truth) > 0) { sim.schedule(sim.now + 5 * MINUTE_MS, { kind: 'close', incidentId: inc.id, version: inc.closeTimerVersion }); return; }
  if (sim.mode === 'auto') { closeIncident(sim, inc); return; }
  if (inc.overhaulDone || incidentStatus(inc) !== 'underControl') return;
  inc.overhaulDone = true;
  sim.emit({ type: 'OVERHAUL_COMPLETED', incidentId: inc.id });
}

export function cancelIncident(sim: Simulation, inc: IncidentState, reason: 'cancelled-by-caller' | 'duplicate' | 'false-alarm'): void {
  sim.stepIncident(inc, reason === 'false-alarm' ? { type: 'FALSE_ALARM' } : { type: 'CANCEL' });
  inc.closeTimerVersion++;
  inc.growthTimerVersion++;
  sim.emit({ type: 'INCIDENT_CANCELLED', incidentId: inc.id, reason });
  for (const id of [...inc.units]) releaseUnit(sim, sim.units.get(id)!, 'incident-cancelled');
  sim.happen.incidentEnded(inc);
}

/** After units left an incident: back to graded if nobody is left on an open incident. */
export function afterUnitsLeft(sim: Simulation, inc: IncidentState): void {
  if (inc.units.length > 0) return;
  const s = incidentStatus(inc);
  // An incident under control closes with its last unit, unless people are still trapped there.
  if (s === 'underControl') { if (trappedCount(inc.truth) === 0) closeIncident(sim, inc); }
  else sim.stepIncident(inc, { type: 'UNITS_WITHDRAWN' });
}
