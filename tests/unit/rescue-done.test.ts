// 救援完毕即归建: once nobody is left to rescue at an incident, the automatic centre releases the
// units that can only rescue (seeds/doctrine.yaml `releaseWhenRescueDone`: boats, water-rescue and
// search teams) to the next rescue, while the units still needed there stay until it closes. Shown
// on the demo county with one flood call, against the same drill under a doctrine with an empty
// list (the old behaviour: boats stand by until the incident closes), and in manual mode (the
// players decide; the recommendation stops asking for boats there).
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import type { DomainEvent, EventOf } from '../../shared/events.ts';
import type { Engine, World } from '../../server/engine/types.ts';
import type { Mode } from '../../shared/schemas/scenario.ts';

const world = loadWorld({});
const MIN = 60_000;
const commander = { role: 'commander' as const, id: 'cmd' };
const typeOf = new Map(world.region.stations.flatMap((s) => s.units.map((u) => [u.id, u.type] as const)));
const capsOf = (unitId: string) => world.unitTypes.unitTypes.find((t) => t.code === typeOf.get(unitId))!.capabilities;
const boat = (unitId: string) => capsOf(unitId).every((c) => c === 'water-rescue');

function flood(mode: Mode, trapped: number, reportedGrade: 1 | 2) {
  return ScenarioSchema.parse({
    name: 'rescue done', region: 'demo-county', seed: 7, start: '2026-07-21T10:00:00+08:00', duration: '4h', mode,
    background: { enabled: false },
    injects: [{ id: 'park', at: 'T+5:00', kind: 'call', type: 'flood-rescue', location: 'Binjiang Park Riverside', reportedGrade, truth: { trapped } }],
  });
}

function run(engine: Engine, step?: (engine: Engine, t: number) => DomainEvent[]): DomainEvent[] {
  const log = engine.start();
  for (let t = MIN; t <= engine.endsAt; t += MIN) {
    log.push(...engine.advanceTo(t));
    if (step) log.push(...step(engine, t));
  }
  return log;
}

const of = <T extends DomainEvent['type']>(log: DomainEvent[], type: T) => log.filter((e): e is EventOf<T> => e.type === type);
const lastRescueAt = (log: DomainEvent[]) => of(log, 'PERSON_RESCUED').find((e) => e.remaining === 0)!.t;
const closedAt = (log: DomainEvent[]) => of(log, 'INCIDENT_CLOSED')[0]!.t;

describe('rescue done: rescue-only units move on (auto mode)', () => {
  const log = run(createEngine({ world, scenario: flood('auto', 3, 2) }));
  const released = of(log, 'UNIT_RELEASED');
  const boatsSent = of(log, 'UNIT_DISPATCHED').filter((e) => boat(e.unitId)).map((e) => e.unitId);

  it('every boat is released when the last person is out, with the reason; the others stay until the incident closes', () => {
    expect(of(log, 'PERSON_RESCUED').map((e) => e.remaining)).toEqual([2, 1, 0]);
    expect(boatsSent.length).toBeGreaterThanOrEqual(2);
    const freed = released.filter((e) => e.reason === 'rescue-done');
    expect(freed.map((e) => e.unitId).sort()).toEqual([...boatsSent].sort());
    for (const e of freed) expect(e.t).toBe(lastRescueAt(log));
    // Drainage (pumping) and the rescue tenders work on until the close, and leave with it.
    const stayed = released.filter((e) => e.reason === 'incident-closed');
    expect(stayed.length).toBeGreaterThan(0);
    expect(stayed.some((e) => capsOf(e.unitId).includes('pumping'))).toBe(true);
    for (const e of stayed) expect(e.t).toBe(closedAt(log));
    expect(lastRescueAt(log)).toBeLessThan(closedAt(log));
  });

  it('is the doctrine file\'s rule: with an empty list the boats stand by until the incident closes', () => {
    const oldWorld: World = { ...world, doctrine: { ...world.doctrine, releaseWhenRescueDone: [] } };
    const old = run(createEngine({ world: oldWorld, scenario: flood('auto', 3, 2) }));
    expect(of(old, 'UNIT_RELEASED').some((e) => e.reason === 'rescue-done')).toBe(false);
    const boatsOld = of(old, 'UNIT_RELEASED').filter((e) => boat(e.unitId));
    expect(boatsOld.length).toBeGreaterThan(0);
    for (const e of boatsOld) expect(e).toMatchObject({ reason: 'incident-closed', t: closedAt(old) });
  });

  it('nobody trapped and no one else able to work the flood: the boat is still needed and stays', () => {
    // Grade 1 card: one boat and one rescue tender. The tender cannot work the water (flood-rescue's
    // primary capabilities are water-rescue and pumping), so the boat stays until the close.
    const small = run(createEngine({ world, scenario: flood('auto', 0, 1) }));
    expect(of(small, 'SIZE_UP_REPORTED')[0]).toMatchObject({ trapped: 0 });
    expect(of(small, 'UNIT_RELEASED').some((e) => e.reason === 'rescue-done')).toBe(false);
    expect(of(small, 'UNIT_RELEASED').filter((e) => boat(e.unitId)).map((e) => e.reason)).toEqual(['incident-closed']);
  });
});

describe('rescue done in manual mode: the players decide', () => {
  let after: ReturnType<Engine['recommend']>;
  let before: ReturnType<Engine['recommend']>;
  const log = run(createEngine({ world, scenario: flood('manual', 3, 2) }), (engine, t) => {
    const out: DomainEvent[] = [];
    for (const inc of engine.view().incidents) {
      if (inc.status === 'callReceived' && t - inc.receivedAt >= MIN) {
        out.push(...engine.apply({ type: 'TRIAGE_CALL', incidentId: inc.id, incidentType: inc.type, grade: 2 }, commander).events);
        before = engine.recommend(inc.id);
        out.push(...engine.apply({ type: 'DISPATCH_RECOMMENDED', incidentId: inc.id }, commander).events);
      }
      if (inc.rescued === 3 && !after) {
        // The commander releases the boats, then asks what the incident still needs.
        for (const id of inc.unitIds.filter(boat)) out.push(...engine.apply({ type: 'RELEASE_UNIT', unitId: id }, commander).events);
        after = engine.recommend(inc.id);
      }
    }
    return out;
  });

  it('nothing is released automatically; once everyone is out and the boats are released, none is asked for again', () => {
    expect(of(log, 'PERSON_RESCUED').map((e) => e.remaining)).toEqual([2, 1, 0]);
    expect(of(log, 'UNIT_RELEASED').some((e) => e.reason === 'rescue-done')).toBe(false);
    const byCommander = of(log, 'UNIT_RELEASED').filter((e) => e.reason === 'commander');
    expect(byCommander.length).toBeGreaterThan(0);
    expect(byCommander.every((e) => boat(e.unitId))).toBe(true);
    expect(before!.units.some((u) => boat(u.unitId))).toBe(true);
    expect(after!.units.filter((u) => boat(u.unitId))).toEqual([]);
    expect(after!.unmet.filter((m) => m.capability === 'water-rescue')).toEqual([]);
  });
});
