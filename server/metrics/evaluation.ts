// The evaluation of a drill (DOMAIN.md §12), a fold over its event log and the scenario's script:
// - expected actions: met (EXPECTED_ACTION_MET at or before the deadline), late (after it), missed
//   (not met and the deadline passed, or the drill ended), pending (neither yet). Deadlines are the
//   script's `by`, or `within` counted from the call of the incident the check names;
// - objectives rated P / S / M / U by their rule (shared/schemas/objective-rating.ts);
// - the decision log: every player command with its role and participant, its incident's call time,
//   and against the recommendation at that moment (given by the caller: see decision-recommendations);
// - score cards for the drill and per commander.
import type { DomainEvent } from '../../shared/events.ts';
import type { Command } from '../../shared/commands.ts';
import type { Scenario } from '../../shared/schemas/scenario.ts';
import { scriptExpected } from '../../shared/schemas/scenario.ts';
import { factsOf, incidentOfFact, type IncidentRef } from '../../shared/schemas/drill-condition.ts';
import { DEFAULT_OBJECTIVE_RATING, type ObjectiveRating } from '../../shared/schemas/objective-rating.ts';
import { percentileOfSorted, sortedAscending } from './percentiles.ts';
import type { ActionVerdict, Decision, Evaluation, ExpectedActionResult, HseepRating, ObjectiveResult, ScoreCard } from './evaluation-types.ts';

export interface EvaluationInput {
  scenario: Pick<Scenario, 'start' | 'objectives' | 'expected'>;
  events: readonly DomainEvent[];
  /**
   * The unit ids the recommendation held just before each dispatch command, by the command's
   * COMMAND_ACCEPTED seq. Absent entries: the decision is judged without a recommendation.
   */
  recommendations?: ReadonlyMap<number, readonly string[]>;
  /**
   * The name each participant id joined with (the exercise server's sessions). A player who
   * reconnects gets a new id under the same name: decisions, actions met and score cards go by name.
   */
  participantNames?: ReadonlyMap<string, string>;
}

const PLAYER_ROLES = new Set(['commander', 'controller', 'observer']);
/** Commands that decide what is sent; judged against the recommendation. */
const DISPATCH_COMMANDS = new Set<Command['type']>(['DISPATCH_UNITS', 'DISPATCH_RECOMMENDED']);

interface Facts {
  callAt: Map<string, number>;
  firstCallOfType: Map<string, string>;
  firstCall?: string;
  injectIncident: Map<string, string>;
  met: Map<string, Extract<DomainEvent, { type: 'EXPECTED_ACTION_MET' }>>;
  /** Participant id of the last accepted command per role and incident ('' = any incident). */
  lastActor: Map<string, string>;
  metBy: Map<string, string>;
  /** Who set each incident's grade last (the role in INCIDENT_GRADED / GRADE_RAISED). */
  gradedBy: Map<string, string>;
  ended: boolean;
  lastT: number;
  decisions: Decision[];
}

function incidentOfCommand(c: Command): string | undefined {
  return 'incidentId' in c && typeof c.incidentId === 'string' ? c.incidentId : undefined;
}

function foldLog(input: EvaluationInput): Facts {
  const names = input.participantNames;
  const person = (id: string): string => names?.get(id) ?? id;
  const f: Facts = { callAt: new Map(), firstCallOfType: new Map(), injectIncident: new Map(), met: new Map(), lastActor: new Map(), metBy: new Map(), gradedBy: new Map(), ended: false, lastT: 0, decisions: [] };
  // Logs written before the engine credited a grade check to whoever set the grade say 'system':
  // the player whose triage or raise set that grade (the event just before the MET) met it.
  const gradeChecks = new Set(scriptExpected(input.scenario as Scenario).filter((x) => factsOf(x.check).every((fact) => 'grade' in fact)).map((x) => x.id));
  for (const e of input.events) {
    f.lastT = e.t;
    switch (e.type) {
      case 'CALL_RECEIVED':
        f.callAt.set(e.incidentId, e.t);
        f.firstCall ??= e.incidentId;
        if (!f.firstCallOfType.has(e.reportedType)) f.firstCallOfType.set(e.reportedType, e.incidentId);
        break;
      case 'INCIDENT_TRIAGED':
        if (!f.firstCallOfType.has(e.incidentType)) f.firstCallOfType.set(e.incidentType, e.incidentId);
        break;
      case 'INJECT_FIRED':
        if (e.incidentId) f.injectIncident.set(e.injectId, e.incidentId);
        break;
      case 'INCIDENT_GRADED':
        f.gradedBy.set(e.incidentId, e.by);
        break;
      case 'GRADE_RAISED':
        f.gradedBy.set(e.incidentId, e.by);
        break;
      case 'EXPECTED_ACTION_MET':
        if (!f.met.has(e.expectedId)) {
          f.met.set(e.expectedId, e);
          const role = e.by === 'system' && e.incidentId && gradeChecks.has(e.expectedId) ? (f.gradedBy.get(e.incidentId) ?? e.by) : e.by;
          const who = f.lastActor.get(`${role}|${e.incidentId ?? ''}`) ?? f.lastActor.get(`${role}|`);
          f.metBy.set(e.expectedId, who ?? role);
        }
        break;
      case 'SIMULATION_ENDED':
        f.ended = true;
        break;
      case 'COMMAND_ACCEPTED': {
        if (!PLAYER_ROLES.has(e.by.role)) break;
        const incidentId = incidentOfCommand(e.command);
        if (e.by.id) {
          f.lastActor.set(`${e.by.role}|${incidentId ?? ''}`, person(e.by.id));
          f.lastActor.set(`${e.by.role}|`, person(e.by.id));
        }
        f.decisions.push(decisionOf(e, incidentId, f.callAt, input.recommendations, person));
        break;
      }
      default:
        break;
    }
  }
  return f;
}

function decisionOf(e: Extract<DomainEvent, { type: 'COMMAND_ACCEPTED' }>, incidentId: string | undefined, callAt: ReadonlyMap<string, number>, recs: EvaluationInput['recommendations'], person: (id: string) => string): Decision {
  const c = e.command;
  const call = incidentId === undefined ? undefined : callAt.get(incidentId);
  const d: Decision = {
    seq: e.seq, t: e.t, role: e.by.role, ...(e.by.id ? { participant: person(e.by.id) } : {}), command: c.type,
    ...(incidentId ? { incidentId } : {}),
    ...(call !== undefined ? { callAt: call, sinceCallSec: (e.t - call) / 1000 } : {}),
    verdict: 'no-recommendation',
  };
  if (!DISPATCH_COMMANDS.has(c.type)) return d;
  const rec = recs?.get(e.seq);
  if (c.type === 'DISPATCH_RECOMMENDED') {
    // Sending the recommendation is taking it, whatever it held.
    return { ...d, ...(rec ? { recommended: [...rec], chosen: [...rec] } : {}), verdict: 'as-recommended' };
  }
  const chosen = c.type === 'DISPATCH_UNITS' ? c.unitIds : [];
  if (!rec || rec.length === 0) return { ...d, chosen: [...chosen] };
  const recSet = new Set(rec);
  const chosenSet = new Set(chosen);
  const added = chosen.filter((u) => !recSet.has(u));
  const left = rec.filter((u) => !chosenSet.has(u));
  const verdict = added.length === 0 && left.length === 0 ? 'as-recommended' : added.length === chosen.length ? 'ignored' : 'changed';
  return { ...d, recommended: [...rec], chosen: [...chosen], ...(verdict === 'changed' ? { added, left } : {}), verdict };
}

function resolveIncident(ref: IncidentRef | undefined, f: Facts): string | undefined {
  if (ref === undefined || ref === 'any') return f.firstCall;
  if (typeof ref === 'string') return f.injectIncident.get(ref);
  return f.firstCallOfType.get(ref.firstOfType);
}

function actionResults(input: EvaluationInput, f: Facts): ExpectedActionResult[] {
  return scriptExpected(input.scenario as Scenario).map((x) => {
    const metEvent = f.met.get(x.id);
    let deadlineAt: number | undefined = x.by;
    if (deadlineAt === undefined && x.within !== undefined) {
      const ref = factsOf(x.check).map(incidentOfFact).find((r) => r !== undefined);
      const incident = metEvent?.incidentId ?? resolveIncident(ref, f);
      const call = incident === undefined ? undefined : f.callAt.get(incident);
      if (call !== undefined) deadlineAt = call + x.within;
    }
    deadlineAt ??= metEvent?.deadlineAt;
    let verdict: ActionVerdict;
    if (metEvent) verdict = deadlineAt === undefined || metEvent.t <= deadlineAt ? 'met' : 'late';
    else if (f.ended || (deadlineAt !== undefined && f.lastT > deadlineAt)) verdict = 'missed';
    else verdict = 'pending';
    return {
      id: x.id, description: x.description, ...(x.objective ? { objectiveId: x.objective } : {}),
      ...(deadlineAt !== undefined ? { deadlineAt } : {}),
      ...(metEvent ? { metAt: metEvent.t, by: f.metBy.get(x.id) ?? metEvent.by } : {}),
      verdict,
    };
  });
}

export function rateObjective(actions: readonly ExpectedActionResult[], rule: ObjectiveRating = DEFAULT_OBJECTIVE_RATING): { rating: HseepRating; why: string; whyText: { zh: string; en: string } } {
  const rated = (rating: HseepRating, whyText: { zh: string; en: string }) => ({ rating, why: whyText.en, whyText });
  if (actions.length === 0) return rated('U', { en: 'no expected action is tied to this objective', zh: '本目标未关联预期行动' });
  const credit = actions.reduce((s, a) => s + (a.verdict === 'met' ? 1 : a.verdict === 'late' ? rule.lateCredit : 0), 0);
  const share = credit / actions.length;
  const pct = `${Math.round(share * 1000) / 10} %`;
  let rating: HseepRating = share >= rule.P ? 'P' : share >= rule.S ? 'S' : share >= rule.M ? 'M' : 'U';
  const missedCritical = actions.filter((a) => a.verdict === 'missed' && rule.critical.includes(a.id)).map((a) => a.id);
  if (missedCritical.length > 0 && (rating === 'P' || rating === 'S')) {
    rating = 'M';
    return rated(rating, { en: `credit ${pct}; critical action missed: ${missedCritical.join(', ')} (M at best)`, zh: `得分率 ${pct};关键行动未完成:${missedCritical.join('、')}(至多评 M)` });
  }
  const bands = `P ≥ ${rule.P * 100} %, S ≥ ${rule.S * 100} %, M ≥ ${rule.M * 100} %`;
  return rated(rating, { en: `credit ${pct} (${bands})`, zh: `得分率 ${pct}(${bands})` });
}

function scoreCard(who: string, role: string | undefined, decisions: readonly Decision[], actions: readonly ExpectedActionResult[]): ScoreCard {
  const times = sortedAscending(decisions.filter((d) => DISPATCH_COMMANDS.has(d.command as Command['type']) && d.sinceCallSec !== undefined).map((d) => d.sinceCallSec!));
  const median = percentileOfSorted(times, 50);
  const met = actions.filter((a) => a.verdict === 'met').length;
  const late = actions.filter((a) => a.verdict === 'late').length;
  const missed = actions.filter((a) => a.verdict === 'missed').length;
  const judged = met + late + missed;
  return {
    who, ...(role ? { role } : {}), commands: decisions.length,
    asRecommended: decisions.filter((d) => d.verdict === 'as-recommended').length,
    changed: decisions.filter((d) => d.verdict === 'changed').length,
    ignored: decisions.filter((d) => d.verdict === 'ignored').length,
    ...(median !== undefined ? { medianCallToDecisionSec: median } : {}),
    actionsMet: met, actionsLate: late, actionsMissed: missed,
    ...(judged > 0 ? { actionScore: Math.round(((met + 0.5 * late) / judged) * 1000) / 10 } : {}),
  };
}

export function evaluateDrill(input: EvaluationInput): Evaluation {
  const f = foldLog(input);
  const actions = actionResults(input, f);
  const objectives: ObjectiveResult[] = input.scenario.objectives.map((o) => {
    const mine = actions.filter((a) => a.objectiveId === o.id);
    const { rating, why, whyText } = rateObjective(mine, { ...DEFAULT_OBJECTIVE_RATING, ...(o.rating ?? {}) });
    return {
      id: o.id, title: o.title, rating, why, whyText, actionIds: mine.map((a) => a.id),
      met: mine.filter((a) => a.verdict === 'met').length, late: mine.filter((a) => a.verdict === 'late').length, missed: mine.filter((a) => a.verdict === 'missed').length,
    };
  });
  // Per commander: the decisions they made, and the actions they met (missed actions belong to the drill).
  const commanders = new Map<string, { role: string; decisions: Decision[] }>();
  for (const d of f.decisions) {
    if (d.role !== 'commander') continue;
    const who = d.participant ?? d.role;
    if (!commanders.has(who)) commanders.set(who, { role: d.role, decisions: [] });
    commanders.get(who)!.decisions.push(d);
  }
  return {
    actions, objectives, decisions: f.decisions,
    drill: scoreCard('drill', undefined, f.decisions, actions),
    commanders: [...commanders].map(([who, c]) => scoreCard(who, c.role, c.decisions, actions.filter((a) => a.by === who))),
    source: 'scenario expected actions and EXPECTED_ACTION_MET events',
  };
}
