// Calls and what the centre makes of them: a call coming in (the incident's hidden truth drawn
// from its model, what the caller reports), triage to a type, place and jurisdiction, grading and
// raising the grade, and whether the closures in force cut the place off from the road network.
// A new call is told upward as `callReceived`.
// Imports: the kernel, evolution and incident-progress.
import type { LatLon } from '../../../shared/geo.ts';
import type { CallSource } from '../../../shared/events.ts';
import type { Grade } from '../../../shared/domain/grades.ts';
import type { IncidentType } from '../../../shared/domain/incident-types.ts';
import type { Actor } from '../../../shared/commands.ts';
import { MINUTE_MS as MIN } from '../../../shared/local-time.ts';
import { gradeOf, newTruth } from './evolution.ts';
import { incidentGrade, isFinal, round1, type IncidentState } from '../kernel/state.ts';
import { incidentStepper, type Simulation } from '../kernel/simulation.ts';
import { STREAM } from '../kernel/rng.ts';
import type { Rng } from '../kernel/ports.ts';
import { reassessIncident } from './incident-progress.ts';

export interface CallSpec {
  source: CallSource;
  type: IncidentType;
  location: LatLon;
  description: string;
  size?: number;
  trapped?: number;
  /**
   * The trapped shelter in a safe refuge (a hazard says so: people cut off by flood water in
   * buildings it does not threaten): they wait for rescue without a survival deadline.
   */
  sheltered?: boolean;
  reportedGrade?: Grade;
  /**
   * Names this call's random numbers (its truth, answer and processing times): its place in its own
   * source — the 17th background call, an inject's id — so calls added or skipped elsewhere do not
   * move them. Default: the incident id.
   */
  streamKey?: string;
}

/** The deadline of someone sheltering safely (never reached; a finite number so snapshots keep it). */
const NO_DEADLINE = Number.MAX_SAFE_INTEGER;

/** How many trapped people the caller reports: each known with `knownShare`; one where none is, now and then. */
function callerTrappedReport(rng: Rng, trapped: number, caller: { knownShare: number; falseReportShare: number }): number {
  if (trapped === 0) return rng.next() < caller.falseReportShare ? 1 : 0;
  let known = 0;
  for (let i = 0; i < trapped; i++) if (rng.next() < caller.knownShare) known++;
  return known;
}

/**
 * The survival deadlines in sim ms (never reached for people sheltering safely). A loop into an
 * array literal, not `map` with a closure: the literal's allocation site keeps one elements kind for
 * every call, with people trapped or not, so newTruth's loop stays on one map (the first call with a
 * deadline deoptimized receiveCall).
 */
function deadlinesAt(now: number, deadlinesMin: readonly number[], sheltered: boolean): number[] {
  const at: number[] = [];
  for (let i = 0; i < deadlinesMin.length; i++) at.push(sheltered ? NO_DEADLINE : now + deadlinesMin[i]! * MIN);
  return at;
}

export function receiveCall(sim: Simulation, spec: CallSpec): IncidentState {
  const model = sim.index.model(spec.type);
  const id = sim.takeIncidentId();
  // The incident's own stream: the same call gets the same truth in every configuration.
  const streamKey = spec.streamKey ?? id;
  const rng = sim.streamFor(STREAM.callDetails, streamKey);
  const unfounded = rng.next() < model.unfoundedShare;
  const drawn = Math.min(model.maxSize, Math.max(model.initialSize.median / 20, rng.logNormal(model.initialSize.median, model.initialSize.sigma)));
  const size = spec.size ?? drawn;
  const trapped = unfounded ? 0 : spec.trapped ?? (rng.next() < model.trapped.probability ? 1 + rng.poisson(Math.max(0, model.trapped.mean - 1)) : 0);
  // Each trapped person survives a log-normal time around the model's median, at least 5 minutes.
  // A loop, not Array.from({ length }): that generic path cost more than the draws (nobody is trapped in most calls).
  const deadlinesMin: number[] = [];
  for (let i = 0; i < trapped; i++) deadlinesMin.push(round1(Math.max(5, rng.logNormal(model.trapped.survivalMinutes, 0.5))));
  const reportedSize = round1(size * rng.logNormal(model.callerSizeFactor.median, model.callerSizeFactor.sigma));
  // What the caller knows of the trapped (drawn last, so the draws above stay where they were); a
  // count the scenario fixes is reported as scripted.
  const reportedTrapped = spec.trapped !== undefined ? trapped : callerTrappedReport(rng, trapped, model.callerTrapped);
  const reportedGrade = spec.reportedGrade ?? gradeOf(model, reportedSize, reportedTrapped);
  const reportedType = model.reportedAs ?? spec.type;
  const cell = sim.index.region.cellAt(spec.location);
  const j = cell ? sim.index.jurisdictions.get(cell.jurisdictionId) : undefined;
  const inc: IncidentState = {
    id,
    snap: incidentStepper.initial,
    source: spec.source,
    streamKey,
    reportedType,
    type: reportedType,
    trueType: spec.type,
    location: spec.location,
    jurisdictionId: j?.id,
    homeStationId: j?.homeStationId,
    supervisingStationId: j?.supervisingStationId,
    receivedAt: sim.now,
    description: spec.description,
    reportedGrade,
    units: [],
    knownSize: reportedSize,
    knownTrapped: reportedTrapped,
    ...(spec.sheltered && trapped > 0 ? { sheltered: true as const } : {}),
    rescued: 0,
    dead: 0,
    sizedUp: false,
    overhaulDone: false,
    answered: false,
    dispatchedOnce: false,
    rescuers: 0,
    cutOff: false,
    truth: newTruth(model, sim.now, unfounded ? 0 : size, deadlinesAt(sim.now, deadlinesMin, spec.sheltered === true), unfounded),
    growthTimerVersion: 0,
    rescueTimerVersion: 0,
    closeTimerVersion: 0,
  };
  sim.incidents.set(id, inc);
  sim.emit({
    type: 'CALL_RECEIVED', incidentId: id, source: spec.source, location: spec.location, reportedType,
    description: spec.description, reportedSize, reportedTrapped, reportedGrade,
    truth: { size: round1(size), trapped, deadlinesMin: spec.sheltered ? [] : deadlinesMin, unfounded, ...(spec.sheltered && trapped > 0 ? { sheltered: true } : {}) },
  });
  checkCutOff(sim, inc);
  const people = inc.truth.people;
  for (let i = 0; i < people.length; i++) {
    const deadline = people[i]!.deadline;
    if (deadline !== NO_DEADLINE) sim.schedule(deadline, { kind: 'death', incidentId: id, person: i });
  }
  reassessIncident(sim, inc);
  const { answerSeconds } = sim.index.world.doctrine.callHandling;
  const answerIn = answerSeconds.min + (answerSeconds.max - answerSeconds.min) * sim.streamFor(STREAM.answerTime, streamKey).next();
  // The centre on backup power (a model's callHandlingFactor) answers more slowly.
  sim.schedule(sim.now + Math.round(answerIn * sim.models.callHandlingFactor() * 1000), { kind: 'answer', incidentId: id });
  sim.happen.callReceived(inc);
  return inc;
}

export function triageCall(sim: Simulation, inc: IncidentState, type: IncidentType, location: LatLon, by: Actor['role']): void {
  sim.stepIncident(inc, { type: 'TRIAGE' });
  inc.type = type;
  inc.location = location;
  const cell = sim.index.region.cellAt(location);
  const j = cell ? sim.index.jurisdictions.get(cell.jurisdictionId) : undefined;
  inc.jurisdictionId = j?.id;
  inc.homeStationId = j?.homeStationId;
  inc.supervisingStationId = j?.supervisingStationId;
  sim.emit({ type: 'INCIDENT_TRIAGED', incidentId: inc.id, incidentType: type, location, jurisdictionId: j?.id ?? '', homeStationId: j?.homeStationId ?? '', by });
  checkCutOff(sim, inc);
}

/** Reports an open incident cut off by the closures in force, or reachable again. */
export function checkCutOff(sim: Simulation, inc: IncidentState, reopenedId?: string): void {
  const cut = !isFinal(inc) && sim.closures.size > 0 && (sim.travel.isolated?.(inc.location) ?? false);
  if (cut === inc.cutOff) return;
  inc.cutOff = cut;
  if (cut) sim.emit({ type: 'PLACE_UNREACHABLE', location: inc.location, incidentId: inc.id, closureIds: [...sim.closures.keys()] });
  else sim.emit({ type: 'PLACE_REACHABLE', location: inc.location, incidentId: inc.id, ...(reopenedId ? { closureId: reopenedId } : {}) });
}

export function gradeIncident(sim: Simulation, inc: IncidentState, grade: Grade, by: Actor['role']): void {
  sim.stepIncident(inc, { type: 'GRADE', grade });
  sim.emit({ type: 'INCIDENT_GRADED', incidentId: inc.id, grade, by });
}

export function raiseGrade(sim: Simulation, inc: IncidentState, to: Grade, by: Actor['role'], reason: string): void {
  const from = incidentGrade(inc) as Grade;
  if (!sim.stepIncident(inc, { type: 'RAISE_GRADE', grade: to })) return;
  sim.emit({ type: 'GRADE_RAISED', incidentId: inc.id, from, to, by, reason });
}
