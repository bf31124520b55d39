// What the evaluation of a drill says (DOMAIN.md §12, HSEEP): each expected action met, late or
// missed; each objective rated P / S / M / U; the decision log (every player command against the
// recommendation at that moment); a score card for the drill and per commander.

export type ActionVerdict = 'met' | 'late' | 'missed' | 'pending';
/** P performed without challenges, S with some challenges, M with major challenges, U unable to be performed. */
export type HseepRating = 'P' | 'S' | 'M' | 'U';

export interface Bilingual { zh: string; en: string }

export interface ExpectedActionResult {
  id: string;
  description: Bilingual;
  objectiveId?: string;
  /** Sim ms; undefined when the action has no deadline (or its anchor never happened). */
  deadlineAt?: number;
  metAt?: number;
  /** Who did it: participant id when known, else the role. */
  by?: string;
  verdict: ActionVerdict;
}

export interface ObjectiveResult {
  id: string;
  title: Bilingual;
  rating: HseepRating;
  /** Which rule gave the rating, in words (English). */
  why: string;
  /** The same in both report languages. */
  whyText: Bilingual;
  actionIds: string[];
  met: number;
  late: number;
  missed: number;
}

export type DecisionVerdict = 'as-recommended' | 'changed' | 'ignored' | 'no-recommendation';

export interface Decision {
  seq: number;
  t: number;
  role: string;
  participant?: string;
  command: string;
  incidentId?: string;
  /** The call this decision answers (its CALL_RECEIVED time) and the time from it, seconds. */
  callAt?: number;
  sinceCallSec?: number;
  /** Unit ids the recommendation held at that moment (dispatch decisions). */
  recommended?: string[];
  /** Unit ids the command sent. */
  chosen?: string[];
  added?: string[];
  left?: string[];
  verdict: DecisionVerdict;
}

export interface ScoreCard {
  /** 'drill' for the whole drill, else the participant id (or role when the log has no ids). */
  who: string;
  role?: string;
  commands: number;
  asRecommended: number;
  changed: number;
  ignored: number;
  /** Median time from call to decision over dispatch decisions, seconds. */
  medianCallToDecisionSec?: number;
  actionsMet: number;
  actionsLate: number;
  actionsMissed: number;
  /** 0..100: met actions count 1, late ½, missed 0, over all actions credited to this card. */
  actionScore?: number;
}

export interface Evaluation {
  actions: ExpectedActionResult[];
  objectives: ObjectiveResult[];
  decisions: Decision[];
  drill: ScoreCard;
  commanders: ScoreCard[];
  /** Where the expected actions were read from, e.g. "scenario" or "EXPECTED_ACTION_MET events". */
  source: string;
}
