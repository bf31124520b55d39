// Incident evolution: each incident has a hidden true situation that changes with time and with the
// forces working on it. The model (parameters per type in seeds/incident-models.yaml):
//
// - size (m² burning, vehicles involved, …) grows exponentially at growthPerMin while nothing
//   fights it, up to maxSize;
// - units working on scene deliver output for the type's primary capabilities (L/min of water or
//   foam; one per unit for rescue, hazmat, …). Demand is demandPerSize × size;
// - output ≥ demand: the incident is being brought under control; full control takes
//   (base + perSize × size) minutes × clamp(demand / output, 0.5, 1), and progress is kept when
//   forces come and go;
// - output < demand: a growing incident keeps growing at growthPerMin × (1 − output / demand), and
//   control progress is lost; a non-growing one is worked on slowly (time × demand / output, ≤ 4×);
// - trapped people each have a survival deadline; working units with the rescue capability take
//   them out one per minutesPerPerson each, the most urgent first;
// - the true grade is the highest grade whose size or trapped threshold is reached.
// So a late or thin dispatch lets a fire grow past the next grade threshold (escalation), and
// people die whose deadline passes before rescuers work. Pure functions over plain data.
import type { Grade } from '../../../shared/domain/grades.ts';
import type { IncidentModel } from '../../../shared/schemas/incident-models.ts';
import { MINUTE_MS as MIN } from '../../../shared/local-time.ts';
import type { Truth } from '../kernel/truth.ts';

export type { Truth, TrappedPerson } from '../kernel/truth.ts';

export function gradeOf(model: IncidentModel, size: number, trapped: number): Grade {
  let g = 1;
  for (let k = 1; k < 5; k++) {
    if (size >= model.gradeBySize[k]! && model.gradeBySize[k]! > 0) g = Math.max(g, k + 1);
    if (trapped >= model.gradeByTrapped[k]! && model.gradeByTrapped[k]! > 0) g = Math.max(g, k + 1);
  }
  return g as Grade;
}

export function sizeAt(truth: Truth, model: IncidentModel, t: number): number {
  if (truth.growth <= 0) return truth.size;
  return Math.min(model.maxSize, truth.size * Math.exp((truth.growth * (t - truth.sizeAt)) / MIN));
}

export function trappedCount(truth: Truth): number {
  let n = 0;
  for (const p of truth.people) if (p.status === 'trapped') n++;
  return n;
}

export function newTruth(model: IncidentModel, t: number, size: number, deadlines: number[], unfounded: boolean): Truth {
  const truth: Truth = {
    unfounded,
    size,
    sizeAt: t,
    growth: unfounded ? 0 : model.growthPerMin,
    output: 0,
    phase: 'growing',
    progress: 0,
    progressAt: t,
    rate: 0,
    trueGrade: 1,
    people: [],
  };
  // A loop, no closure per call; the literal's allocation site gives every list of people one elements kind.
  for (let i = 0; i < deadlines.length; i++) truth.people.push({ deadline: deadlines[i]!, status: 'trapped' });
  truth.trueGrade = gradeOf(model, size, deadlines.length);
  return truth;
}

/**
 * Bring the truth to time t with a (possibly new) output and return when to look again: `checkAt`
 * when the size will cross the next threshold, `controlAt` when control will be reached.
 */
export function reassess(truth: Truth, model: IncidentModel, t: number, output: number): { checkAt?: number; controlAt?: number } {
  if (truth.phase === 'controlled' || truth.unfounded) return {};
  truth.size = sizeAt(truth, model, t);
  truth.sizeAt = t;
  truth.progress = Math.min(1, truth.progress + (t - truth.progressAt) * truth.rate);
  truth.progressAt = t;
  truth.output = output;
  const demand = model.demandPerSize * truth.size;
  const workMin = model.controlMinutes.base + model.controlMinutes.perSize * truth.size;

  if (output > 0 && output >= demand) {
    truth.phase = 'controlling';
    truth.growth = 0;
    truth.rate = 1 / (workMin * MIN * Math.min(1, Math.max(0.5, demand / output)));
    return { controlAt: t + Math.ceil((1 - truth.progress) / truth.rate) };
  }
  if (model.growthPerMin <= 0 || truth.size >= model.maxSize) {
    truth.growth = 0;
    if (output <= 0) { truth.phase = 'growing'; truth.rate = 0; return {}; }
    // Not spreading: insufficient forces only slow the work down.
    truth.phase = 'controlling';
    truth.rate = 1 / (workMin * MIN * Math.min(4, demand / output));
    return { controlAt: t + Math.ceil((1 - truth.progress) / truth.rate) };
  }
  truth.phase = 'growing';
  truth.progress = 0;
  truth.rate = 0;
  truth.growth = model.growthPerMin * (1 - output / demand);
  // Look again at the next grade threshold, at 1.5× the size (growth speeds up as output falls
  // behind), or at maxSize, whichever comes first.
  let target = Math.min(model.maxSize, truth.size * 1.5);
  for (const th of model.gradeBySize) if (th > truth.size && th < target) target = th;
  return { checkAt: t + Math.max(1000, Math.ceil((Math.log(target / truth.size) / truth.growth) * MIN)) };
}

/** The trapped person to take out next (earliest deadline still alive), or -1. */
export function nextToRescue(truth: Truth): number {
  let best = -1;
  truth.people.forEach((p, i) => {
    if (p.status === 'trapped' && (best < 0 || p.deadline < truth.people[best]!.deadline)) best = i;
  });
  return best;
}
