// How an incident runs once units are on it: size-up on the first arrival, the fire's growth and
// control under the output of the units at work (evolution.ts holds the model; here are its
// timers), rescues and deaths of trapped people, and the end: closing after overhaul, cancelling,
// and falling back to graded when the last unit leaves.
import type { Grade } from '../../shared/domain/grades.ts';
import type { IncidentModel } from '../../shared/schemas/incident-models.ts';
import { gradeOf, nextToRescue, reassess, trappedCount } from './evolution.ts';
import { incidentStatus, isFinal, unitStatus, type IncidentState } from './state.ts';
import { MIN, round1, type Simulation } from './simulation.ts';
import { releaseUnit } from './assignment.ts';
import { autoEscalate } from './auto-centre.ts';

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
    return;
  }
  reassessIncident(sim, inc);
  autoEscalate(sim, inc, g, `size-up on arrival: ${inc.knownSize} ${model.sizeUnit}, ${inc.knownTrapped} trapped`);
}

function workingOutput(sim: Simulation, inc: IncidentState): { output: number; rescuers: number } {
  const model = sim.index.model(inc.trueType);
  let output = 0;
  let rescuers = 0;
  for (const id of inc.units) {
    const u = sim.units.get(id)!;
    if (unitStatus(u) !== 'working') continue;
    let best = 0;
    for (const c of model.primary) best = Math.max(best, sim.index.output(u.info, c));
    output += best;
    if (u.info.type.capabilities.includes(model.trapped.capability)) rescuers++;
  }
  return { output, rescuers };
}

/** The units at work changed (or the incident ended): rescue and fire timers follow. */
export function reassessIncident(sim: Simulation, inc: IncidentState): void {
  const final = isFinal(inc);
  const model = sim.index.model(inc.trueType);
  const { output, rescuers } = final ? { output: 0, rescuers: 0 } : workingOutput(sim, inc);
  // Rescue goes on while rescuers work, also after the fire is under control; it stops when they leave.
  if (rescuers !== inc.rescuers) {
    inc.rescuers = rescuers;
    inc.rv++;
    scheduleRescue(sim, inc, model);
  }
  if (final || inc.truth.phase === 'controlled') return;
  evolve(sim, inc, model, output);
}

/** Next rescue by the rescuers at work, while anyone is still trapped. */
function scheduleRescue(sim: Simulation, inc: IncidentState, model: IncidentModel): void {
  if (inc.rescuers > 0 && trappedCount(inc.truth) > 0) {
    sim.schedule(sim.now + Math.round((model.trapped.minutesPerPerson * MIN) / inc.rescuers), { k: 'rescue', inc: inc.id, v: inc.rv });
  }
}

/** Bring the truth up to now with this output; earlier evolve/control timers become stale. */
function evolve(sim: Simulation, inc: IncidentState, model: IncidentModel, output: number): void {
  const next = reassess(inc.truth, model, sim.now, output);
  inc.fv++;
  if (next.checkAt !== undefined) sim.schedule(next.checkAt, { k: 'evolve', inc: inc.id, v: inc.fv });
  if (next.controlAt !== undefined) sim.schedule(next.controlAt, { k: 'control', inc: inc.id, v: inc.fv });
}

export function onEvolve(sim: Simulation, inc: IncidentState): void {
  const model = sim.index.model(inc.trueType);
  const t = inc.truth;
  evolve(sim, inc, model, t.output);
  const g = gradeOf(model, t.size, trappedCount(t));
  if (g > t.trueGrade) {
    t.trueGrade = g;
    if (inc.sizedUp) {
      inc.knownSize = round1(t.size);
      sim.emit({ type: 'INCIDENT_GREW', incidentId: inc.id, size: inc.knownSize, trueGrade: g });
      autoEscalate(sim, inc, g, `grew to ${inc.knownSize} ${model.sizeUnit}`);
    }
  }
}

export function onControl(sim: Simulation, inc: IncidentState): void {
  if (!sim.stepIncident(inc, { type: 'CONTROLLED' })) return;
  const model = sim.index.model(inc.trueType);
  inc.truth.phase = 'controlled';
  inc.knownSize = round1(inc.truth.size);
  sim.emit({ type: 'INCIDENT_UNDER_CONTROL', incidentId: inc.id, size: inc.knownSize });
  inc.cv++;
  sim.schedule(sim.now + model.overhaulMinutes * MIN, { k: 'close', inc: inc.id, v: inc.cv });
}

export function onRescue(sim: Simulation, inc: IncidentState): void {
  const i = nextToRescue(inc.truth);
  if (i < 0 || isFinal(inc) || inc.rescuers === 0) return;
  inc.truth.people[i]!.fate = 1;
  inc.rescued++;
  const remaining = trappedCount(inc.truth);
  inc.knownTrapped = remaining;
  sim.emit({ type: 'PERSON_RESCUED', incidentId: inc.id, remaining });
  scheduleRescue(sim, inc, sim.index.model(inc.trueType));
}

export function onDeath(sim: Simulation, inc: IncidentState, p: number): void {
  const person = inc.truth.people[p];
  if (!person || person.fate !== 0) return;
  person.fate = 2;
  inc.dead++;
  inc.knownTrapped = trappedCount(inc.truth);
  sim.emit({ type: 'PERSON_DIED', incidentId: inc.id, remaining: inc.knownTrapped });
}

export function closeIncident(sim: Simulation, inc: IncidentState): void {
  if (!sim.stepIncident(inc, { type: 'CLOSE' })) return;
  inc.cv++;
  sim.emit({ type: 'INCIDENT_CLOSED', incidentId: inc.id, finalSize: round1(inc.truth.size), rescued: inc.rescued, dead: inc.dead });
  for (const id of [...inc.units]) releaseUnit(sim, sim.units.get(id)!, 'incident-closed');
}

export function onCloseTimer(sim: Simulation, inc: IncidentState): void {
  // Nobody leaves while people are still trapped alive.
  if (trappedCount(inc.truth) > 0) { sim.schedule(sim.now + 5 * MIN, { k: 'close', inc: inc.id, v: inc.cv }); return; }
  closeIncident(sim, inc);
}

export function cancelIncident(sim: Simulation, inc: IncidentState, reason: 'cancelled-by-caller' | 'duplicate' | 'false-alarm'): void {
  sim.stepIncident(inc, reason === 'false-alarm' ? { type: 'FALSE_ALARM' } : { type: 'CANCEL' });
  inc.cv++;
  inc.fv++;
  sim.emit({ type: 'INCIDENT_CANCELLED', incidentId: inc.id, reason });
  for (const id of [...inc.units]) releaseUnit(sim, sim.units.get(id)!, 'incident-cancelled');
}

/** After units left an incident: back to graded if nobody is left on an open incident. */
export function afterUnitsLeft(sim: Simulation, inc: IncidentState): void {
  if (inc.units.length > 0) return;
  const s = incidentStatus(inc);
  // An incident under control closes with its last unit, unless people are still trapped there.
  if (s === 'underControl') { if (trappedCount(inc.truth) === 0) closeIncident(sim, inc); }
  else sim.stepIncident(inc, { type: 'UNITS_WITHDRAWN' });
}
