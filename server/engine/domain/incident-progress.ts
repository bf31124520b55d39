// How an incident runs while units work on it: the fire's growth and control under the output of
// the units at work (evolution.ts holds the model; here are its timers), rescues and deaths of
// trapped people, and the step to "under control" that starts the overhaul (closing is
// incident-end.ts's). Growth past a grade threshold goes up as the `trueGradeRose` happening.
// Imports: the kernel and evolution.ts.
import type { IncidentModel } from '../../../shared/schemas/incident-models.ts';
import { MINUTE_MS } from '../../../shared/local-time.ts';
import { gradeOf, nextToRescue, reassess, trappedCount } from './evolution.ts';
import { isFinal, round1, unitStatus, type IncidentState } from '../kernel/state.ts';
import type { Simulation } from '../kernel/simulation.ts';

function workingOutput(sim: Simulation, inc: IncidentState): { output: number; rescuers: number } {
  const rates = sim.index.atWork(sim.index.model(inc.trueType));
  let output = 0;
  let rescuers = 0;
  for (const id of inc.units) {
    const u = sim.units.get(id)!;
    if (unitStatus(u) !== 'working') continue;
    output += rates.output[u.info.n]!;
    // A crew short of its type's (reduced staffing, an injury) rescues at its share of the pace.
    if (rates.rescues[u.info.n] === 1) rescuers += crewShare(sim, u.info.id, u.info.type.crew);
  }
  return { output, rescuers };
}

function crewShare(sim: Simulation, unitId: string, typeCrew: number): number {
  const crew = sim.models.crewOf(unitId);
  return crew === undefined || typeCrew <= 0 ? 1 : Math.min(1, crew / typeCrew);
}

/** The units at work changed (or the incident ended): rescue and fire timers follow. */
export function reassessIncident(sim: Simulation, inc: IncidentState): void {
  const final = isFinal(inc);
  const model = sim.index.model(inc.trueType);
  const { output, rescuers } = final ? { output: 0, rescuers: 0 } : workingOutput(sim, inc);
  // Rescue goes on while rescuers work, also after the fire is under control; it stops when they leave.
  if (rescuers !== inc.rescuers) {
    inc.rescuers = rescuers;
    inc.rescueTimerVersion++;
    scheduleRescue(sim, inc, model);
  }
  if (final || inc.truth.phase === 'controlled') return;
  evolve(sim, inc, model, output);
}

/** Next rescue by the rescuers at work, while anyone is still trapped. */
function scheduleRescue(sim: Simulation, inc: IncidentState, model: IncidentModel): void {
  if (inc.rescuers > 0 && trappedCount(inc.truth) > 0) {
    sim.schedule(sim.now + Math.round((model.trapped.minutesPerPerson * MINUTE_MS) / inc.rescuers), { kind: 'rescue', incidentId: inc.id, version: inc.rescueTimerVersion });
  }
}

/** Bring the truth up to now with this output; earlier evolve/control timers become stale. */
function evolve(sim: Simulation, inc: IncidentState, model: IncidentModel, output: number): void {
  const next = reassess(inc.truth, model, sim.now, output);
  inc.growthTimerVersion++;
  if (next.checkAt !== undefined) sim.schedule(next.checkAt, { kind: 'evolve', incidentId: inc.id, version: inc.growthTimerVersion });
  if (next.controlAt !== undefined) sim.schedule(next.controlAt, { kind: 'control', incidentId: inc.id, version: inc.growthTimerVersion });
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
      sim.happen.trueGradeRose(inc, g, `grew to ${inc.knownSize} ${model.sizeUnit}`);
    }
  }
}

export function onControl(sim: Simulation, inc: IncidentState): void {
  if (!sim.stepIncident(inc, { type: 'CONTROLLED' })) return;
  const model = sim.index.model(inc.trueType);
  inc.truth.phase = 'controlled';
  inc.knownSize = round1(inc.truth.size);
  sim.emit({ type: 'INCIDENT_UNDER_CONTROL', incidentId: inc.id, size: inc.knownSize });
  inc.closeTimerVersion++;
  sim.schedule(sim.now + model.overhaulMinutes * MINUTE_MS, { kind: 'close', incidentId: inc.id, version: inc.closeTimerVersion });
}

export function onRescue(sim: Simulation, inc: IncidentState): void {
  const i = nextToRescue(inc.truth);
  if (i < 0 || isFinal(inc) || inc.rescuers === 0) return;
  inc.truth.people[i]!.status = 'rescued';
  inc.rescued++;
  const remaining = trappedCount(inc.truth);
  inc.knownTrapped = remaining;
  sim.emit({ type: 'PERSON_RESCUED', incidentId: inc.id, remaining });
  scheduleRescue(sim, inc, sim.index.model(inc.trueType));
  if (remaining === 0) sim.happen.rescueDone(inc);
}

export function onDeath(sim: Simulation, inc: IncidentState, person: number): void {
  const p = inc.truth.people[person];
  if (!p || p.status !== 'trapped') return;
  p.status = 'dead';
  inc.dead++;
  inc.knownTrapped = trappedCount(inc.truth);
  sim.emit({ type: 'PERSON_DIED', incidentId: inc.id, remaining: inc.knownTrapped });
  if (inc.knownTrapped === 0 && inc.sizedUp) sim.happen.rescueDone(inc);
}
