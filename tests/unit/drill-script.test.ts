// The drill script played by the engine on the demo county (roads and all): timed, chained, held
// and contingency injects, postponing, injects written during the drill, the initial force state,
// and expected actions found in the log as it is written. Each assertion is what a controller or
// an evaluator would see in the event log.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { ScenarioSchema, type ScenarioInput } from '../../shared/schemas/scenario.ts';
import type { DomainEvent, EventOf } from '../../shared/events.ts';
import type { Engine } from '../../server/engine/types.ts';

const world = loadWorld({});
const MIN = 60_000;
const controller = { role: 'controller' as const, id: 'trainer' };

function scenario(extra: Partial<ScenarioInput>): ReturnType<typeof ScenarioSchema.parse> {
  return ScenarioSchema.parse({
    name: 'script test', region: 'demo-county', seed: 3, start: '2026-06-01T10:00:00+08:00', duration: '3h', mode: 'auto',
    background: { enabled: false }, ...extra,
  });
}

function run(engine: Engine, until: number, log: DomainEvent[] = []): DomainEvent[] {
  log.push(...engine.start());
  for (let t = MIN; t <= until; t += MIN) log.push(...engine.advanceTo(t));
  return log;
}

const of = <T extends DomainEvent['type']>(log: DomainEvent[], type: T) => log.filter((e): e is EventOf<T> => e.type === type);

describe('contingency injects', () => {
  const leak = scenario({
    injects: [
      { id: 'leak', at: 'T+05:00', kind: 'call', type: 'hazmat', location: 'Hedong Chemical Park', words: '储罐区阀门泄漏', reportedGrade: 2 },
      // Cannot hold: no unit can be on scene one minute after the call; must fire.
      { id: 'c-early', at: 'T+06:00', kind: 'message', text: { zh: '询问危化力量', en: 'Where is the hazmat unit?' }, contingency: { when: { not: { onScene: { incident: 'leak', capability: 'hazmat' } } } } },
      // The automatic centre has the park's hazmat unit there long before T+1h: must be skipped.
      { id: 'c-late', at: 'T+1:00:00', kind: 'message', text: { zh: '上级追问', en: 'Higher command asks' }, contingency: { when: { not: { onScene: { incident: 'leak', capability: 'hazmat' } } } } },
      // Watched: fires at the moment the first hazmat unit arrives.
      { id: 'c-watch', at: 'T+05:00', kind: 'message', text: { zh: '到场', en: 'On scene' }, contingency: { when: { onScene: { incident: 'leak', capability: 'hazmat' } }, until: 'T+1:00:00' } },
      // Watched, never holds (nobody dies at a small leak with no one trapped): skipped at its end.
      { id: 'c-never', at: 'T+05:00', kind: 'message', text: { zh: 'x', en: 'y' }, contingency: { when: { died: { incident: 'leak' } }, until: 'T+30:00' } },
    ],
    expected: [
      { id: 'ea-hazmat', description: { zh: '危化车20分钟内到场', en: 'hazmat on scene within 20 min' }, check: { onScene: { incident: 'leak', capability: 'hazmat' } }, within: '20m' },
      { id: 'ea-home', description: { zh: '辖区站首批出动', en: 'home station in the first dispatch' }, check: { homeStationFirst: { incident: 'leak' } } },
      { id: 'ea-grade5', description: { zh: 'x', en: 'y' }, check: { grade: { incident: 'leak', atLeast: 5 } }, by: 'T+15:00' },
    ],
  });
  const log = run(createEngine({ world, scenario: leak }), 2 * 60 * MIN);

  it('fires a contingency whose condition holds at its time and skips one whose condition does not', () => {
    const fired = of(log, 'INJECT_FIRED').map((e) => e.injectId);
    expect(fired).toContain('c-early');
    expect(fired).not.toContain('c-late');
    expect(of(log, 'INJECT_SKIPPED').find((e) => e.injectId === 'c-late')).toMatchObject({ t: 60 * MIN, by: 'system', reason: 'condition-false' });
    expect(of(log, 'MESSAGE_SENT').map((e) => e.injectId)).toEqual(expect.arrayContaining(['c-early', 'c-watch']));
  });

  it('fires a watched contingency at the time its condition comes true, and skips one that never held at the end of its watch', () => {
    const arrival = of(log, 'UNIT_ARRIVED').find((e) => world.region.stations.some((s) => s.units.some((u) => u.id === e.unitId && ['HJ'].includes(u.type))));
    expect(arrival).toBeDefined();
    const watch = of(log, 'INJECT_FIRED').find((e) => e.injectId === 'c-watch')!;
    expect(watch.t).toBe(arrival!.t);
    expect(watch.seq).toBeGreaterThan(arrival!.seq);
    expect(of(log, 'INJECT_SKIPPED').find((e) => e.injectId === 'c-never')).toMatchObject({ t: 30 * MIN, reason: 'condition-never-held' });
  });

  it('writes EXPECTED_ACTION_MET right after the event that met it, with its deadline and who did it', () => {
    const met = of(log, 'EXPECTED_ACTION_MET');
    expect(met.map((e) => e.expectedId).sort()).toEqual(['ea-hazmat', 'ea-home']);
    const call = of(log, 'CALL_RECEIVED')[0]!;
    const hazmat = met.find((e) => e.expectedId === 'ea-hazmat')!;
    expect(hazmat).toMatchObject({ incidentId: call.incidentId, by: 'system', deadlineAt: call.t + 20 * MIN });
    expect(hazmat.onTime).toBe(hazmat.t <= call.t + 20 * MIN);
    const before = log[log.indexOf(hazmat) - 1]!;
    expect(before).toMatchObject({ type: 'UNIT_ARRIVED', incidentId: call.incidentId });
    const home = met.find((e) => e.expectedId === 'ea-home')!;
    const firstDispatch = of(log, 'UNIT_DISPATCHED').filter((e) => e.incidentId === call.incidentId);
    expect(home.t).toBe(firstDispatch[0]!.t);
  });

  it('plays the same log twice', () => {
    const again = run(createEngine({ world, scenario: leak }), 2 * 60 * MIN);
    expect(JSON.stringify(again)).toBe(JSON.stringify(log));
  });
});

describe('the timeline', () => {
  const s = scenario({
    forces: { outOfService: [{ unit: 'qs-chengbei-YT-1', reason: '保养', until: 'T+30:00' }], away: [{ station: 'qs-quake-team' }] },
    injects: [
      { id: 'a', at: 'T+10:00', kind: 'message', text: { zh: 'a', en: 'a' } },
      { id: 'b', after: 'a', delay: '5m', kind: 'message', text: { zh: 'b', en: 'b' } },
      { id: 'c', after: 'b', delay: '5m', kind: 'unit-breakdown', unit: 'qs-chengdong-SG-1', lasts: '20m' },
      { id: 'h', held: true, kind: 'message', text: { zh: 'h', en: 'h' } },
      { id: 'late', at: 'T+1:00:00', kind: 'message', text: { zh: 'l', en: 'l' } },
      { id: 'later', at: 'T+1:30:00', kind: 'comms-outage', station: 'qs-chengnan', lasts: '10m' },
    ],
  });

  it('fires `after` chains, holds held injects, and postpones the rest keeping the spacing', () => {
    const engine = createEngine({ world, scenario: s });
    const log = engine.start();
    expect(of(log, 'UNIT_OUT_OF_SERVICE').map((e) => e.unitId).sort()).toEqual(['qs-chengbei-YT-1', ...world.region.stations.find((x) => x.id === 'qs-quake-team')!.units.map((u) => u.id)].sort());
    for (let t = MIN; t <= 40 * MIN; t += MIN) log.push(...engine.advanceTo(t));
    expect(of(log, 'INJECT_FIRED').map((e) => [e.injectId, e.t / MIN])).toEqual([['a', 10], ['b', 15], ['c', 20]]);
    expect(of(log, 'UNIT_OUT_OF_SERVICE').find((e) => e.unitId === 'qs-chengdong-SG-1')?.t).toBe(20 * MIN);
    expect(of(log, 'UNIT_BACK_IN_SERVICE').map((e) => [e.unitId, e.t / MIN])).toEqual([['qs-chengbei-YT-1', 30], ['qs-chengdong-SG-1', 40]]);
    expect(engine.view().script.find((x) => x.id === 'h')).toMatchObject({ status: 'held' });

    const postponed = engine.apply({ type: 'POSTPONE_INJECTS', byMs: 15 * MIN }, controller);
    expect(postponed.result.ok).toBe(true);
    expect(postponed.events.find((e) => e.type === 'INJECTS_POSTPONED')).toMatchObject({ byMs: 15 * MIN, injectIds: ['late', 'later'] });
    expect(engine.apply({ type: 'FIRE_INJECT', injectId: 'h' }, controller).result.ok).toBe(true);
    expect(engine.apply({ type: 'POSTPONE_INJECTS', byMs: MIN }, { role: 'commander' }).result.ok).toBe(false);
    for (let t = 41 * MIN; t <= 3 * 60 * MIN; t += MIN) log.push(...engine.advanceTo(t));
    expect(of(log, 'INJECT_FIRED').filter((e) => ['late', 'later'].includes(e.injectId)).map((e) => [e.injectId, e.t / MIN])).toEqual([['late', 75], ['later', 105]]);
    expect(of(log, 'COMMS_OUTAGE_STARTED').map((e) => [e.stationId, e.t / MIN])).toEqual([['qs-chengnan', 105]]);
    expect(of(log, 'COMMS_OUTAGE_ENDED').map((e) => [e.stationId, e.t / MIN])).toEqual([['qs-chengnan', 115]]);
  });

  it('takes an inject written during the drill and refuses one naming an unknown place', () => {
    const engine = createEngine({ world, scenario: s });
    engine.start();
    engine.advanceTo(5 * MIN);
    const bad = engine.apply({ type: 'ADD_INJECT', inject: { kind: 'call', at: 'T+08:00', type: 'building-fire', location: 'Nowhere Town' } }, controller);
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/unknown place "Nowhere Town"/) } });
    const good = engine.apply({ type: 'ADD_INJECT', inject: { id: 'new-fire', kind: 'call', at: 'T+08:00', type: 'building-fire', location: 'Xingfu Community', truth: { trapped: 1 } } }, controller);
    expect(good.result.ok).toBe(true);
    expect(good.events.find((e) => e.type === 'INJECT_ADDED')).toMatchObject({ injectId: 'new-fire', kind: 'call', at: 8 * MIN });
    const later = engine.advanceTo(9 * MIN);
    expect(of(later, 'INJECT_FIRED').map((e) => e.injectId)).toEqual(['new-fire']);
    expect(of(later, 'CALL_RECEIVED')[0]).toMatchObject({ source: 'scripted', reportedType: 'building-fire' });
  });

  it('restores a snapshot taken in the middle of a watched contingency and continues bit for bit', () => {
    const leak = scenario({
      injects: [
        { id: 'leak', at: 'T+05:00', kind: 'call', type: 'hazmat', location: 'Hedong Chemical Park', reportedGrade: 2 },
        { id: 'w', at: 'T+05:00', kind: 'message', text: { zh: 'w', en: 'w' }, contingency: { when: { onScene: { incident: 'leak', capability: 'hazmat' } }, until: 'T+1:00:00' } },
      ],
      expected: [{ id: 'ea', description: { zh: 'a', en: 'b' }, check: { onScene: { incident: 'leak', capability: 'hazmat' } } }],
    });
    const a = createEngine({ world, scenario: leak });
    const first = a.start();
    first.push(...a.advanceTo(6 * MIN));
    const snap = JSON.parse(JSON.stringify(a.snapshot()));
    const rest = a.advanceTo(90 * MIN);
    const b = createEngine({ world, scenario: leak, restore: snap });
    expect(JSON.stringify(b.advanceTo(90 * MIN))).toBe(JSON.stringify(rest));
    expect(rest.some((e) => e.type === 'EXPECTED_ACTION_MET')).toBe(true);
  });
});
