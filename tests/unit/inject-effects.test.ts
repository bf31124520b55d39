// Injects that change the simulated world, not only the log: reinforcements whose units come into
// service and get dispatched (scripted, or written by the controller during the drill), a power cut that slows call handling and leaves hydrants dry, reduced
// staffing and crew injuries that change the firefighters the centre counts. Each is shown against
// the same scenario without the inject (same seed, same calls: common random numbers).
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { ScenarioSchema, type ScenarioInput } from '../../shared/schemas/scenario.ts';
import type { DomainEvent, EventOf } from '../../shared/events.ts';
import type { Engine } from '../../server/engine/types.ts';
import { replay } from '../../server/engine/replay.ts';
import { applyEvent, createBoardState } from '../../shared/board-state.ts';
import { visibleEvent } from '../../server/api/redact.ts';

const world = loadWorld({});
const MIN = 60_000;
const controller = { role: 'controller' as const, id: 'trainer' };
const typeOf = (unitId: string) => world.region.stations.flatMap((s) => s.units).find((u) => u.id === unitId)?.type;

function scenario(extra: Partial<ScenarioInput>): ReturnType<typeof ScenarioSchema.parse> {
  return ScenarioSchema.parse({
    name: 'effects test', region: 'demo-county', seed: 4, start: '2026-06-01T10:00:00+08:00', duration: '2h', mode: 'auto',
    background: { enabled: false }, ...extra,
  });
}

function run(engine: Engine, until: number): DomainEvent[] {
  const log = engine.start();
  for (let t = MIN; t <= until; t += MIN) log.push(...engine.advanceTo(t));
  return log;
}

const of = <T extends DomainEvent['type']>(log: DomainEvent[], type: T) => log.filter((e): e is EventOf<T> => e.type === type);
const incidentOf = (log: DomainEvent[], inject: string) => of(log, 'INJECT_FIRED').find((e) => e.injectId === inject)!.incidentId!;
const dispatchedTo = (log: DomainEvent[], incidentId: string) => of(log, 'UNIT_DISPATCHED').filter((e) => e.incidentId === incidentId).map((e) => e.unitId);

describe('reinforcements', () => {
  const team = { id: 'prov', kind: 'reinforcements' as const, source: 'provincial' as const, team: { zh: '省机动支队', en: 'Provincial mobile team' }, stagingAt: 'Xingfu Community', units: [{ id: 'prov-m-SG-1', type: 'SG' }, { id: 'prov-m-JY-1', type: 'JY', crew: 6 }] };
  const calls = [
    { id: 'before', at: 'T+10:00', kind: 'call', type: 'building-fire', location: 'Xingfu Community', reportedGrade: 1 },
    { id: 'after', at: 'T+40:00', kind: 'call', type: 'building-fire', location: 'Xingfu Community', reportedGrade: 1 },
  ] as const;
  const s = scenario({ injects: [...calls, { ...team, at: 'T+30:00' }] });
  const log = run(createEngine({ world, scenario: s }), 60 * MIN);

  it('are out of service until they arrive, then in service at their staging place and dispatched like local units', () => {
    const ids = ['prov-m-SG-1', 'prov-m-JY-1'];
    expect(of(log, 'UNIT_OUT_OF_SERVICE').filter((e) => ids.includes(e.unitId)).map((e) => [e.unitId, e.t])).toEqual([['prov-m-SG-1', 0], ['prov-m-JY-1', 0]]);
    expect(of(log, 'REINFORCEMENTS_ARRIVED')[0]).toMatchObject({ t: 30 * MIN, source: 'provincial' });
    expect(of(log, 'UNIT_BACK_IN_SERVICE').filter((e) => ids.includes(e.unitId)).map((e) => e.t)).toEqual([30 * MIN, 30 * MIN]);
    // The declared crew of 6 is what the centre counts (JY's type rides with 4).
    expect(of(log, 'CREW_CHANGED').find((e) => e.unitId === 'prov-m-JY-1')).toMatchObject({ crew: 6, t: 0 });
    // A fire at their staging place before they arrive gets none of them; after, they are the nearest.
    expect(dispatchedTo(log, incidentOf(log, 'before')).filter((u) => ids.includes(u))).toEqual([]);
    expect(dispatchedTo(log, incidentOf(log, 'after'))).toContain('prov-m-SG-1');
  });

  it('held reinforcements never fired stay out of service until the controller fires them', () => {
    const engine = createEngine({ world, scenario: scenario({ injects: [...calls, { ...team, held: true }] }) });
    const held = run(engine, 60 * MIN);
    expect(of(held, 'UNIT_DISPATCHED').some((e) => e.unitId.startsWith('prov-m-'))).toBe(false);
    expect(engine.view().units.find((u) => u.id === 'prov-m-JY-1')?.status).toBe('outOfService');
    expect(engine.apply({ type: 'FIRE_INJECT', injectId: 'prov' }, controller).events.some((e) => e.type === 'UNIT_BACK_IN_SERVICE' && e.unitId === 'prov-m-SG-1')).toBe(true);
  });
});

describe('reinforcements written during the drill', () => {
  const team = { kind: 'reinforcements' as const, source: 'provincial' as const, team: { zh: '省机动支队', en: 'Provincial mobile team' }, stagingAt: 'Xingfu Community', units: [{ id: 'late-SG-1', type: 'SG' }, { id: 'late-JY-1', type: 'JY', crew: 6 }] };
  const ids = ['late-SG-1', 'late-JY-1'];
  const calls = [
    { id: 'before', at: 'T+10:00', kind: 'call', type: 'building-fire', location: 'Xingfu Community', reportedGrade: 1 },
    { id: 'after', at: 'T+40:00', kind: 'call', type: 'building-fire', location: 'Xingfu Community', reportedGrade: 1 },
  ] as const;
  const s = scenario({ injects: [...calls] });
  /** Runs to T+20, writes the team (timed for T+30), runs on to T+60; a snapshot is taken at T+25. */
  function live(inject: Record<string, unknown>) {
    const engine = createEngine({ world, scenario: s });
    const log = run(engine, 20 * MIN);
    const added = engine.apply({ type: 'ADD_INJECT', inject }, controller);
    log.push(...added.events);
    for (let t = 21 * MIN; t <= 25 * MIN; t += MIN) log.push(...engine.advanceTo(t));
    const snapshot = JSON.parse(JSON.stringify(engine.snapshot()));
    const seqAtSnapshot = log.at(-1)!.seq;
    for (let t = 26 * MIN; t <= 60 * MIN; t += MIN) log.push(...engine.advanceTo(t));
    return { engine, log, added, snapshot, seqAtSnapshot };
  }

  it('join the world when written, wait out of service, come into service at their staging place when their inject fires, and are dispatched like local units', () => {
    const { log, added } = live({ ...team, id: 'late', at: 'T+30:00' });
    expect(added.result.ok).toBe(true);
    expect(added.events.filter((e) => e.type === 'UNIT_OUT_OF_SERVICE').map((e) => [e.type === 'UNIT_OUT_OF_SERVICE' && e.unitId, e.t])).toEqual([['late-SG-1', 20 * MIN], ['late-JY-1', 20 * MIN]]);
    expect(of(log, 'CREW_CHANGED').find((e) => e.unitId === 'late-JY-1')).toMatchObject({ crew: 6, t: 20 * MIN });
    expect(of(log, 'REINFORCEMENTS_ARRIVED')[0]).toMatchObject({ injectId: 'late', t: 30 * MIN, stationId: 'staging-late', units: [{ id: 'late-SG-1', type: 'SG' }, { id: 'late-JY-1', type: 'JY', crew: 6 }] });
    expect(of(log, 'UNIT_BACK_IN_SERVICE').filter((e) => ids.includes(e.unitId)).map((e) => e.t)).toEqual([30 * MIN, 30 * MIN]);
    // Before they arrive a fire at their staging place gets none of them; after, they are the nearest.
    expect(dispatchedTo(log, incidentOf(log, 'before')).filter((u) => ids.includes(u))).toEqual([]);
    expect(dispatchedTo(log, incidentOf(log, 'after'))).toContain('late-SG-1');
  });

  it('a held team written live waits until the controller fires it; a contingent one fires when its condition holds', () => {
    const held = live({ ...team, id: 'late', held: true });
    expect(of(held.log, 'UNIT_DISPATCHED').some((e) => ids.includes(e.unitId))).toBe(false);
    expect(held.engine.view().script.find((x) => x.id === 'late')).toMatchObject({ kind: 'reinforcements', status: 'held', adHoc: true });
    const fired = held.engine.apply({ type: 'FIRE_INJECT', injectId: 'late' }, controller);
    expect(fired.events.filter((e) => e.type === 'UNIT_BACK_IN_SERVICE').map((e) => e.type === 'UNIT_BACK_IN_SERVICE' && e.unitId)).toEqual(ids);
    // Watched from T+30 to T+50: the team comes when the second call rings (T+40).
    const contingent = live({ ...team, id: 'late', at: 'T+30:00', contingency: { when: { called: { incident: 'after' } }, until: 'T+50:00' } });
    expect(of(contingent.log, 'REINFORCEMENTS_ARRIVED').map((e) => e.t)).toEqual([40 * MIN]);
    expect(of(contingent.log, 'UNIT_BACK_IN_SERVICE').filter((e) => ids.includes(e.unitId)).map((e) => e.t)).toEqual([40 * MIN, 40 * MIN]);
  });

  it('in a drill played by people (manual mode) a contingency written live sees what happened before it was written', () => {
    const manual = scenario({ injects: [...calls], mode: 'manual' });
    const engine = createEngine({ world, scenario: manual });
    const log = run(engine, 20 * MIN);
    // The first call rang at T+10, before the team was written at T+20.
    log.push(...engine.apply({ type: 'ADD_INJECT', inject: { ...team, id: 'late', at: 'T+30:00', contingency: { when: { called: { incident: 'before' } } } } }, controller).events);
    for (let t = 21 * MIN; t <= 35 * MIN; t += MIN) log.push(...engine.advanceTo(t));
    expect(of(log, 'REINFORCEMENTS_ARRIVED').map((e) => e.t)).toEqual([30 * MIN]);
    expect(engine.view().script.find((x) => x.id === 'late')).toMatchObject({ status: 'fired', contingency: { holds: true } });
  });

  it('are the same after a replay of the log and after a restore from a snapshot taken while they wait', () => {
    const { log, snapshot, seqAtSnapshot } = live({ ...team, id: 'late', at: 'T+30:00' });
    const replayed = replay({ world, scenario: s }, log, 60 * MIN);
    expect(replayed.events).toEqual(log);
    const restored = createEngine({ world, scenario: s, restore: snapshot });
    const after: DomainEvent[] = [];
    for (let t = 26 * MIN; t <= 60 * MIN; t += MIN) after.push(...restored.advanceTo(t));
    expect(after).toEqual(log.filter((e) => e.seq > seqAtSnapshot));
    expect(restored.view().units.find((u) => u.id === 'late-SG-1')?.stationId).toBe('staging-late');
  });

  it('appear on the board (controller and players) with their team when they arrive, and not before', () => {
    const { log } = live({ ...team, id: 'late', at: 'T+30:00' });
    const seeds = world.region.stations.flatMap((st) => st.units.map((u) => ({ id: u.id, stationId: st.id, type: u.type, home: st.location })));
    const arrival = of(log, 'REINFORCEMENTS_ARRIVED')[0]!;
    for (const audience of ['controller', 'player'] as const) {
      const board = createBoardState(seeds, 'auto');
      let appearedAt: number | undefined;
      let sentTo: string | undefined;
      for (const e of log) {
        const shown = visibleEvent(audience, e);
        if (shown) applyEvent(board, shown);
        const u = board.units['late-SG-1'];
        if (u && appearedAt === undefined) appearedAt = e.seq;
        sentTo ??= u?.incidentId;
      }
      expect(appearedAt, audience).toBe(arrival.seq);
      expect(board.teams?.['staging-late'], audience).toMatchObject({ name: 'Provincial mobile team', nameZh: '省机动支队', tier: 'national' });
      expect(board.units['late-JY-1'], audience).toMatchObject({ stationId: 'staging-late', type: 'JY' });
      expect(sentTo, audience).toBe(incidentOf(log, 'after')); // dispatched to the second fire, as the engine says
    }
  });

  it('refuses a team whose units are not new or whose types are unknown, saying which', () => {
    const engine = createEngine({ world, scenario: s });
    engine.start();
    const refusal = (inject: Record<string, unknown>) => {
      const r = engine.apply({ type: 'ADD_INJECT', inject }, controller).result;
      return r.ok ? 'accepted' : r.error.message;
    };
    expect(refusal({ ...team, id: 'a', at: 'T+30:00', units: [{ id: 'qs-chengdong-SG-1', type: 'SG' }] })).toMatch(/unit id qs-chengdong-SG-1 is already a unit of the exercise/);
    expect(refusal({ ...team, id: 'b', at: 'T+30:00', units: [{ id: 'x-1', type: 'TANK' }] })).toMatch(/unknown unit type TANK of unit x-1/);
    expect(refusal({ ...team, id: 'c', at: 'T+30:00', units: [{ id: 'x-1', type: 'SG' }, { id: 'x-1', type: 'JY' }] })).toMatch(/unit id x-1 is listed twice/);
    expect(refusal({ ...team, id: 'd', at: 'T+30:00' })).toBe('accepted');
    expect(refusal({ ...team, id: 'e', at: 'T+30:00' })).toMatch(/unit id late-SG-1 is already a unit of the exercise/); // d brought it in
  });
});

describe('power outage', () => {
  const calls = [
    { id: 'dark', at: 'T+10:00', kind: 'call', type: 'building-fire', location: 'Qingshui Old Town', reportedGrade: 1 },
    { id: 'lit', at: 'T+1:20:00', kind: 'call', type: 'traffic-accident', location: 'Qingshui Old Town', reportedGrade: 1 },
  ] as const;
  const power = { id: 'cut', at: 'T+05:00', kind: 'power-outage', centreHandlingFactor: 3, lasts: '1h', hydrantsArea: { circle: { center: 'Qingshui Old Town', radiusM: 800 } } } as const;
  const normal = run(createEngine({ world, scenario: scenario({ injects: [...calls] }) }), 100 * MIN);
  const cut = run(createEngine({ world, scenario: scenario({ injects: [...calls, power] }) }), 100 * MIN);
  const handling = (log: DomainEvent[], inject: string) => {
    const id = incidentOf(log, inject);
    const t = (type: DomainEvent['type']) => log.find((e) => e.type === type && 'incidentId' in e && e.incidentId === id)!.t;
    return { answer: t('CALL_ANSWERED') - t('CALL_RECEIVED'), process: t('INCIDENT_TRIAGED') - t('CALL_ANSWERED') };
  };

  it('makes the centre answer and process calls 3x slower while it lasts, and no slower after', () => {
    const a = handling(normal, 'dark');
    const b = handling(cut, 'dark');
    // Same call, same drawn handling times (its own PRNG stream): only the factor differs (±1 ms rounding).
    expect(Math.abs(b.answer - 3 * a.answer)).toBeLessThanOrEqual(2);
    expect(Math.abs(b.process - 3 * a.process)).toBeLessThanOrEqual(2);
    expect(a.answer).toBeGreaterThan(0);
    expect(of(cut, 'POWER_OUTAGE_ENDED')[0]?.t).toBe(65 * MIN);
    expect(handling(cut, 'lit')).toEqual(handling(normal, 'lit'));
  });

  it('leaves the hydrants of its area dry: a fire there gets long-distance water supply, which it does not without the cut', () => {
    const supply = (log: DomainEvent[]) => dispatchedTo(log, incidentOf(log, 'dark')).filter((u) => typeOf(u) === 'YCGS');
    expect(supply(normal)).toEqual([]);
    expect(supply(cut)).toHaveLength(1);
    const reason = of(cut, 'UNIT_DISPATCHED').find((e) => typeOf(e.unitId) === 'YCGS')!.reason;
    expect(reason.note).toMatch(/hydrants without pressure/);
  });
});

describe('crews', () => {
  const chengdong = ['qs-chengdong-SG-1', 'qs-chengdong-SG-2', 'qs-chengdong-SG-3', 'qs-chengdong-JY-1', 'qs-chengdong-PM-1', 'qs-chengdong-CAFS-1'];
  const fire = { id: 'fire', at: 'T+05:00', kind: 'call', type: 'building-fire', location: 'Chengdong New District', reportedGrade: 1, truth: { trapped: 4 } } as const;

  it('reduced staffing at the start makes the centre send more units to reach the firefighters the run card asks for', () => {
    const full = run(createEngine({ world, scenario: scenario({ injects: [fire] }) }), 20 * MIN);
    const thin = run(createEngine({ world, scenario: scenario({ injects: [fire], forces: { reducedStaffing: chengdong.map((unit) => ({ unit, crew: 2 })) } }) }), 20 * MIN);
    expect(of(thin, 'CREW_CHANGED').filter((e) => e.t === 0).map((e) => [e.unitId, e.crew])).toEqual(chengdong.map((u) => [u, 2]));
    const first = (log: DomainEvent[]) => { const id = incidentOf(log, 'fire'); const d = of(log, 'UNIT_DISPATCHED').filter((e) => e.incidentId === id); return d.filter((e) => e.t === d[0]!.t).length; };
    expect(first(thin)).toBeGreaterThan(first(full));
  });

  it('an injury leaves a unit at work with fewer firefighters; one that leaves fewer than half its crew withdraws it', () => {
    const s = scenario({
      injects: [
        fire,
        { id: 'hurt-1', at: 'T+25:00', kind: 'crew-injury', unit: 'qs-chengdong-SG-1', injured: 1 },
        { id: 'hurt-2', at: 'T+26:00', kind: 'crew-injury', unit: 'qs-chengdong-SG-1', injured: 2 },
      ],
    });
    const log = run(createEngine({ world, scenario: s }), 40 * MIN);
    const id = incidentOf(log, 'fire');
    expect(dispatchedTo(log, id)).toContain('qs-chengdong-SG-1');
    expect(of(log, 'CREW_CHANGED').map((e) => [e.t, e.unitId, e.crew, e.injured])).toEqual([[25 * MIN, 'qs-chengdong-SG-1', 3, 1], [26 * MIN, 'qs-chengdong-SG-1', 1, 2]]);
    const oos = of(log, 'UNIT_OUT_OF_SERVICE').filter((e) => e.unitId === 'qs-chengdong-SG-1');
    expect(oos.map((e) => e.t)).toEqual([26 * MIN]); // not at the first injury (3 of 4 left), at the second (1 left)
  });
});
