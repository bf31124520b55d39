// 断网: while a station's communications are cut, its units' own status reports do not reach the
// centre. The unit goes on in the hidden truth (the log's UNIT_ARRIVED etc. marked `unreported`,
// withheld from players), the players' board keeps its last reported status and shows it as
// "no contact"; when contact returns the held reports are delivered in order (delayed, the default)
// or are gone (lost), and the station's report (COMMS_RESYNCED) catches the board up. Shown on the
// demo county: a fire whose first unit arrives while its station is cut off; replay and snapshot
// restore give the same log bit for bit.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { replay } from '../../server/engine/replay.ts';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import { applyEvent, createBoardState, type BoardState } from '../../shared/board-state.ts';
import { eventsFor, visibleEvent } from '../../server/api/redact.ts';
import { UNIT_REPORT_TYPES, type CommsReports, type DomainEvent, type EventOf, type UnitReport } from '../../shared/events.ts';
import type { Engine, EngineConfig } from '../../server/engine/types.ts';
import type { EngineSnapshot } from '../../server/engine/snapshot.ts';

const world = loadWorld({});
const MIN = 60_000;
const controller = { role: 'controller' as const, id: 'trainer' };
const CUT_AT = 7 * MIN;
const CUT_FOR = 25 * MIN;
const seeds = world.region.stations.flatMap((s) => s.units.map((u) => ({ id: u.id, stationId: s.id, type: u.type, home: s.location })));

const config: EngineConfig = {
  world,
  scenario: ScenarioSchema.parse({
    name: 'comms reports', region: 'demo-county', seed: 4, start: '2026-06-01T10:00:00+08:00', duration: '1h', mode: 'auto',
    background: { enabled: false },
    injects: [{ id: 'fire', at: 'T+5:00', kind: 'call', type: 'building-fire', location: 'Xingfu Community', reportedGrade: 1 }],
  }),
};

const of = <T extends DomainEvent['type']>(log: readonly DomainEvent[], type: T) => log.filter((e): e is EventOf<T> => e.type === type);

/** At CUT_AT the controller cuts the station of the first unit sent to the fire (it is on its way then). */
function drive(engine: Engine, reports: CommsReports | undefined, snapAt?: number): { log: DomainEvent[]; snap?: EngineSnapshot } {
  const log = engine.start();
  let snap: EngineSnapshot | undefined;
  for (let t = MIN; t <= engine.endsAt; t += MIN) {
    log.push(...engine.advanceTo(t));
    if (t === CUT_AT) {
      const first = of(log, 'UNIT_DISPATCHED')[0]!;
      const stationId = seeds.find((u) => u.id === first.unitId)!.stationId;
      log.push(...engine.apply({ type: 'SET_COMMS_OUTAGE', stationId, on: true, note: 'base station flooded', durationMs: CUT_FOR, ...(reports ? { reports } : {}) }, controller).events);
    }
    if (t === snapAt) snap = JSON.parse(JSON.stringify(engine.snapshot())) as EngineSnapshot;
  }
  return { log, ...(snap ? { snap } : {}) };
}

/** The board folded from what `role` receives, up to and including sim time t. */
function boardAt(log: readonly DomainEvent[], role: 'commander' | 'controller', t: number): BoardState {
  const b = createBoardState(seeds, 'auto');
  for (const e of eventsFor(role, log.filter((x) => x.t <= t))) applyEvent(b, e);
  return b;
}

describe.each([['delayed', undefined], ['lost', 'lost']] as const)('comms outage, reports %s', (mode, reports) => {
  const { log } = drive(createEngine(config), reports);
  const unitId = of(log, 'UNIT_DISPATCHED')[0]!.unitId;
  const stationId = seeds.find((u) => u.id === unitId)!.stationId;
  const arrived = of(log, 'UNIT_ARRIVED').find((e) => e.unitId === unitId)!;
  const ended = of(log, 'COMMS_OUTAGE_ENDED').find((e) => e.stationId === stationId)!;
  const resync = of(log, 'COMMS_RESYNCED').find((e) => e.stationId === stationId)!;

  it('the unit really arrives while cut off: the log keeps it as the hidden truth, players do not get it', () => {
    expect(of(log, 'COMMS_OUTAGE_STARTED')[0]).toMatchObject({ stationId, t: CUT_AT, reports: mode, until: CUT_AT + CUT_FOR });
    expect(arrived.t).toBeGreaterThan(CUT_AT);
    expect(arrived.t).toBeLessThan(ended.t);
    expect(arrived.unreported).toBe(true);
    expect(visibleEvent('player', arrived)).toBeUndefined();
    expect(visibleEvent('controller', arrived)).toBe(arrived);
    // Every report of the station's units between the cut and its end is hidden; none before or after.
    const reportsOf = log.filter((e): e is UnitReport => (UNIT_REPORT_TYPES as readonly string[]).includes(e.type));
    expect(reportsOf.filter((e) => e.unreported).length).toBeGreaterThan(0);
    for (const e of reportsOf) {
      const cut = seeds.find((u) => u.id === e.unitId)!.stationId === stationId && e.t >= CUT_AT && e.seq < ended.seq;
      expect(e.unreported === true, `${e.type} ${e.unitId} at ${e.t / MIN}`).toBe(cut);
    }
  });

  it('the players\' board keeps the last reported status, shown as no contact; the controller\'s shows the truth', () => {
    const mid = ended.t - MIN;
    const players = boardAt(log, 'commander', mid);
    expect(players.commsOut).toEqual([stationId]);
    expect(players.units[unitId]!.status).toBe('enRoute');
    expect(['onScene', 'working']).toContain(boardAt(log, 'controller', mid).units[unitId]!.status);
  });

  it('when contact returns the centre is caught up: the reports delivered in order (delayed) or only the station\'s report (lost)', () => {
    const delivered = of(log, 'UNIT_REPORT_DELIVERED').filter((e) => e.stationId === stationId);
    const held = log.filter((e) => 'unreported' in e && e.unreported && seeds.find((u) => u.id === (e as { unitId: string }).unitId)!.stationId === stationId);
    expect(held.length).toBeGreaterThan(0);
    if (mode === 'delayed') {
      // The very reports, in the order they were made, each at the reconnection's time.
      expect(delivered.map((e) => e.report)).toEqual(held);
      expect(delivered.every((e) => e.t === ended.t && e.seq > ended.seq && e.seq < resync.seq)).toBe(true);
      expect(resync).toMatchObject({ delivered: held.length, lost: 0 });
    } else {
      expect(delivered).toEqual([]);
      expect(resync).toMatchObject({ delivered: 0, lost: held.length });
    }
    // Players see the arrival only as delivered (delayed), never as such when lost.
    const seen = eventsFor('commander', log);
    const arrivalSeen = seen.filter((e) => (e.type === 'UNIT_ARRIVED' && e.unitId === unitId) || (e.type === 'UNIT_REPORT_DELIVERED' && e.report.type === 'UNIT_ARRIVED' && e.report.unitId === unitId));
    expect(arrivalSeen.map((e) => e.t)).toEqual(mode === 'delayed' ? [ended.t] : []);
    // From the reconnection on, the players' board shows the unit as the truth has it; when the
    // reports were delivered, it does already before the station's own report.
    const truth = boardAt(log, 'controller', ended.t).units[unitId]!;
    if (mode === 'delayed') expect(boardAt(log, 'commander', delivered.at(-1)!.t).units[unitId]!.status).toBe(truth.status);
    const beforeResync = createBoardState(seeds, 'auto');
    for (const e of eventsFor('commander', log.filter((x) => x.seq < resync.seq))) applyEvent(beforeResync, e);
    expect(beforeResync.units[unitId]!.status).toBe(mode === 'delayed' ? truth.status : 'enRoute');
    const after = boardAt(log, 'commander', ended.t);
    expect(after.seesHidden).toBeUndefined();
    expect(after.commsOut).toEqual([]);
    expect(after.units[unitId]).toMatchObject({ status: truth.status, at: truth.at });
    expect(resync.units.find((u) => u.unitId === unitId)?.status).toBe(truth.status);
  });

  it('replay and snapshot restore reproduce the log bit for bit, held reports included', () => {
    expect(JSON.stringify(replay(config, log).events)).toBe(JSON.stringify(log));
    // A snapshot in the middle of the outage, with reports held, resumes to the same log.
    const snapAt = arrived.t + 3 * MIN - ((arrived.t + 3 * MIN) % MIN);
    const { snap } = drive(createEngine(config), reports, snapAt);
    const resumed = createEngine({ ...config, restore: snap! });
    const rest: DomainEvent[] = [];
    for (let t = snapAt + MIN; t <= resumed.endsAt; t += MIN) rest.push(...resumed.advanceTo(t));
    expect(JSON.stringify(rest)).toBe(JSON.stringify(log.filter((e) => e.seq > snap!.seq)));
  });
});
