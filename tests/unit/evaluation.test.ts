// The drill evaluation on a crafted log, every result worked out by hand below.
//
// Script: two calls (inj-1 at T+1m = 60 s, inj-2 at T+10m = 600 s), two objectives, four actions:
//   a-grade   grade ≥ 2 on inj-1 within 2m          → deadline 60 + 120 = 180 s; met at 90 s   → met
//   a-aerial  aerial dispatched to inj-1 within 5m  → deadline 60 + 300 = 360 s; met at 420 s  → late
//   a-bridge  unit on scene at inj-2 by T+30m       → deadline 1800 s; never met, drill ended  → missed
//   a-reinf   reinforcement for inj-1 by T+20m      → deadline 1200 s; met at 600 s            → met
// Objectives:
//   o-first   (a-grade, a-aerial), default rule: credit (1 + ½) / 2 = 75 % ≥ S 75 %, < P 100 %  → S
//   o-echelon (a-bridge critical, a-reinf), rule P 100 %, S 50 %: credit (0 + 1) / 2 = 50 % → S,
//             but the critical a-bridge was missed → M
// Decisions (commanders c1 and c2; call inj-1 = INC-1 at 60 s, inj-2 = INC-2 at 600 s):
//   seq 10  c1 GRADE_INCIDENT INC-1 at 90 s              → no recommendation, 30 s after the call
//   seq 12  c1 DISPATCH_UNITS INC-1 [u1, u2], rec [u1, u3] at 150 s → changed (+u2 −u3), 90 s
//   seq 20  c2 DISPATCH_UNITS INC-1 [DG1] at 420 s, rec [u4]        → ignored, 360 s
//   seq 25  c2 REQUEST_REINFORCEMENT INC-1 at 600 s       → no recommendation, 540 s
//   seq 30  c1 DISPATCH_RECOMMENDED INC-2 at 660 s, rec [u5, u6]    → as recommended, 60 s
// Score cards:
//   drill: 5 commands; 1 as recommended, 1 changed, 1 ignored; dispatch call→decision times
//          90, 360, 60 → sorted 60, 90, 360 → median (nearest rank, 50 %: rank ⌈1.5⌉ = 2) 90 s;
//          actions met 2, late 1, missed 1 → (2 + ½) / 4 = 62.5
//   c1: 3 commands (1 changed, 1 as recommended), dispatch times 90, 60 → median rank ⌈1⌉ = 1 → 60 s;
//       met a-grade (the last command on INC-1 by a commander before 90 s was c1's) → 1 met → 100
//   c2: 2 commands (1 ignored), dispatch time 360 s; met a-aerial (late, c2 sent DG1) and a-reinf → (½ + 1) / 2 = 75
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { Command } from '../../shared/commands.ts';
import { evaluateDrill } from '../../server/metrics/evaluation.ts';

const scenario = ScenarioSchema.parse({
  name: 'crafted', region: 'demo-county', start: '2026-06-12T19:30:00+08:00', duration: '1h', mode: 'manual',
  objectives: [
    { id: 'o-first', title: { zh: '首批力量', en: 'First dispatch' }, capability: 'Operational Coordination', targets: ['graded within 2 min'] },
    { id: 'o-echelon', title: { zh: '梯次增援', en: 'Echelons' }, capability: 'Operational Coordination', targets: ['bridge reached'], rating: { P: 1, S: 0.5, M: 0.25, critical: ['a-bridge'] } },
  ],
  expected: [
    { id: 'a-grade', objective: 'o-first', description: { zh: '定级', en: 'grade 2+' }, check: { grade: { incident: 'inj-1', atLeast: 2 } }, within: '2m' },
    { id: 'a-aerial', objective: 'o-first', description: { zh: '登高车', en: 'aerial sent' }, check: { dispatched: { incident: 'inj-1', capability: 'aerial' } }, within: '5m' },
    { id: 'a-bridge', objective: 'o-echelon', description: { zh: '桥上到场', en: 'on scene at the bridge' }, check: { onScene: { incident: 'inj-2' } }, by: 'T+30:00' },
    { id: 'a-reinf', objective: 'o-echelon', description: { zh: '请求增援', en: 'reinforcement' }, check: { reinforcementRequested: { incident: 'inj-1' } }, by: 'T+20:00' },
  ],
});

const truth = { size: 1, trapped: 0, deadlinesMin: [], unfounded: false };
const call = (seq: number, t: number, incidentId: string): DomainEvent => ({
  seq, t, type: 'CALL_RECEIVED', incidentId, source: 'scripted', location: [24.6, 110.5], reportedType: 'building-fire', description: '', reportedSize: 1, reportedTrapped: 0, reportedGrade: 1, truth,
});
const cmd = (seq: number, t: number, id: string, command: Command): DomainEvent => ({ seq, t, type: 'COMMAND_ACCEPTED', command, by: { role: 'commander', id } });
const met = (seq: number, t: number, expectedId: string, incidentId?: string): DomainEvent => ({
  seq, t, type: 'EXPECTED_ACTION_MET', expectedId, by: 'commander', onTime: true, ...(incidentId ? { incidentId } : {}),
});

const log: DomainEvent[] = [
  { seq: 1, t: 0, type: 'SIMULATION_STARTED', seed: 1, scenario: 'crafted', region: 'demo-county', mode: 'manual', startIso: scenario.start },
  { seq: 2, t: 60_000, type: 'INJECT_FIRED', injectId: 'inj-1', early: false, incidentId: 'INC-1' },
  call(3, 60_000, 'INC-1'),
  cmd(10, 90_000, 'c1', { type: 'GRADE_INCIDENT', incidentId: 'INC-1', grade: 2 }),
  met(11, 90_000, 'a-grade', 'INC-1'),
  cmd(12, 150_000, 'c1', { type: 'DISPATCH_UNITS', incidentId: 'INC-1', unitIds: ['u1', 'u2'] }),
  cmd(20, 420_000, 'c2', { type: 'DISPATCH_UNITS', incidentId: 'INC-1', unitIds: ['DG1'] }),
  met(21, 420_000, 'a-aerial', 'INC-1'),
  cmd(25, 600_000, 'c2', { type: 'REQUEST_REINFORCEMENT', incidentId: 'INC-1', needs: [] }),
  met(26, 600_000, 'a-reinf', 'INC-1'),
  { seq: 27, t: 600_000, type: 'INJECT_FIRED', injectId: 'inj-2', early: false, incidentId: 'INC-2' },
  call(28, 600_000, 'INC-2'),
  cmd(30, 660_000, 'c1', { type: 'DISPATCH_RECOMMENDED', incidentId: 'INC-2' }),
  { seq: 40, t: 3_600_000, type: 'SIMULATION_ENDED' },
];
const recommendations = new Map<number, string[]>([[12, ['u1', 'u3']], [20, ['u4']], [30, ['u5', 'u6']]]);

describe('drill evaluation on a crafted log', () => {
  const ev = evaluateDrill({ scenario, events: log, recommendations });

  it('rates each expected action met, late or missed against its deadline', () => {
    const byId = Object.fromEntries(ev.actions.map((a) => [a.id, a]));
    expect(byId['a-grade']).toMatchObject({ verdict: 'met', deadlineAt: 180_000, metAt: 90_000, by: 'c1' });
    expect(byId['a-aerial']).toMatchObject({ verdict: 'late', deadlineAt: 360_000, metAt: 420_000, by: 'c2' });
    expect(byId['a-bridge']).toMatchObject({ verdict: 'missed', deadlineAt: 1_800_000 });
    expect(byId['a-bridge']!.metAt).toBeUndefined();
    expect(byId['a-reinf']).toMatchObject({ verdict: 'met', deadlineAt: 1_200_000, metAt: 600_000, by: 'c2' });
  });

  it('rates objectives P/S/M/U by their rules, a missed critical action capping at M', () => {
    expect(ev.objectives.map((o) => [o.id, o.rating, o.met, o.late, o.missed])).toEqual([
      ['o-first', 'S', 1, 1, 0],
      ['o-echelon', 'M', 1, 0, 1],
    ]);
    expect(ev.objectives[1]!.why).toMatch(/critical action missed: a-bridge/);
    // In both report languages: o-first (1 + ½) / 2 = 75 % under the default bands; o-echelon 50 %, capped.
    expect(ev.objectives.map((o) => o.whyText)).toEqual([
      { en: 'credit 75 % (P ≥ 100 %, S ≥ 75 %, M ≥ 25 %)', zh: '得分率 75 %(P ≥ 100 %, S ≥ 75 %, M ≥ 25 %)' },
      { en: 'credit 50 %; critical action missed: a-bridge (M at best)', zh: '得分率 50 %;关键行动未完成:a-bridge(至多评 M)' },
    ]);
  });

  it('logs every decision against the recommendation of its moment', () => {
    expect(ev.decisions.map((d) => [d.seq, d.participant, d.command, d.verdict, d.sinceCallSec])).toEqual([
      [10, 'c1', 'GRADE_INCIDENT', 'no-recommendation', 30],
      [12, 'c1', 'DISPATCH_UNITS', 'changed', 90],
      [20, 'c2', 'DISPATCH_UNITS', 'ignored', 360],
      [25, 'c2', 'REQUEST_REINFORCEMENT', 'no-recommendation', 540],
      [30, 'c1', 'DISPATCH_RECOMMENDED', 'as-recommended', 60],
    ]);
    expect(ev.decisions[1]).toMatchObject({ recommended: ['u1', 'u3'], chosen: ['u1', 'u2'], added: ['u2'], left: ['u3'] });
  });

  it('scores the drill and each commander', () => {
    expect(ev.drill).toMatchObject({ commands: 5, asRecommended: 1, changed: 1, ignored: 1, medianCallToDecisionSec: 90, actionsMet: 2, actionsLate: 1, actionsMissed: 1, actionScore: 62.5 });
    const c1 = ev.commanders.find((c) => c.who === 'c1')!;
    const c2 = ev.commanders.find((c) => c.who === 'c2')!;
    expect(c1).toMatchObject({ commands: 3, asRecommended: 1, changed: 1, ignored: 0, medianCallToDecisionSec: 60, actionsMet: 1, actionsLate: 0, actionScore: 100 });
    expect(c2).toMatchObject({ commands: 2, ignored: 1, medianCallToDecisionSec: 360, actionsMet: 1, actionsLate: 1, actionScore: 75 });
  });

  it('goes by the names participants joined with: two sessions of one person are one commander', () => {
    // 王 reconnected before the last command (a reconnect gives a new id, c3); c2 is 李.
    const events = log.map((e) => (e.seq === 30 && e.type === 'COMMAND_ACCEPTED' ? { ...e, by: { role: 'commander' as const, id: 'c3' } } : e));
    const named = evaluateDrill({ scenario, events, recommendations, participantNames: new Map([['c1', '王'], ['c3', '王'], ['c2', '李']]) });
    expect(named.decisions.map((d) => d.participant)).toEqual(['王', '王', '李', '李', '王']);
    expect(named.actions.filter((a) => a.by !== undefined).map((a) => [a.id, a.by])).toEqual([['a-grade', '王'], ['a-aerial', '李'], ['a-reinf', '李']]);
    // The same cards as c1 and c2 above, under their names.
    expect(named.commanders.map((c) => [c.who, c.commands, c.actionScore])).toEqual([['王', 3, 100], ['李', 2, 75]]);
  });

  it('credits a grade check to the player whose command set the grade (the engine says system)', () => {
    // As the engine logs it: c1's grade command, the grade, then the check met "by system".
    const graded = (by: 'commander' | 'system'): DomainEvent[] => log.flatMap((e): DomainEvent[] => (e.seq === 11
      ? [{ seq: 11, t: 90_000, type: 'INCIDENT_GRADED', incidentId: 'INC-1', grade: 2, by }, { ...(e as Extract<DomainEvent, { type: 'EXPECTED_ACTION_MET' }>), seq: 11.5, by: 'system' }]
      : [e]));
    expect(evaluateDrill({ scenario, events: graded('commander'), recommendations }).actions.find((a) => a.id === 'a-grade')).toMatchObject({ verdict: 'met', by: 'c1' });
    // Graded by the automatic centre: the system met it.
    expect(evaluateDrill({ scenario, events: graded('system'), recommendations }).actions.find((a) => a.id === 'a-grade')).toMatchObject({ verdict: 'met', by: 'system' });
  });

  it('leaves an action pending while its deadline is ahead and the drill runs on', () => {
    const early = evaluateDrill({ scenario, events: log.slice(0, 5), recommendations });
    expect(early.actions.find((a) => a.id === 'a-bridge')!.verdict).toBe('pending');
    expect(early.actions.find((a) => a.id === 'a-grade')!.verdict).toBe('met');
  });
});
