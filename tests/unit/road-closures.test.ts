// Units drive the demo county's roads, and the controller closes and reopens them (断路): what a
// commander sees in the log and the view. Legs follow the roads and arrive when the ETA said;
// closures change ETAs and re-route units on the way (later, still on the roads); a place cut off
// is reported, units heading there stop and drive on when the road reopens; recommendations skip
// units that cannot get there; replaying a log with closures rebuilds the same state.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { replay } from '../../server/engine/replay.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';
import { createBackgroundCalls } from '../../server/scenario/call-generator.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import type { Engine, EngineConfig } from '../../server/engine/types.ts';
import { CommandSchema, type Actor, type CommandInput } from '../../shared/commands.ts';
import type { DomainEvent, EventOf, Leg } from '../../shared/events.ts';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import { positionOnLeg } from '../../shared/leg-position.ts';
import { legVertices } from '../../shared/leg-track.ts';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import { roadTravel } from '../../server/geo/road-travel.ts';
import { applyEvent, createBoardState } from '../../shared/board-state.ts';

const world = loadWorld({});
const net = world.roads!;
const controller: Actor = { role: 'controller' };
const commander: Actor = { role: 'commander' };
const MIN = 60_000;
/** A village west of 大圩 (Daxu), ~16 km by road from the city's 城北 (Chengbei) station. */
const SITE: LatLon = [24.73, 110.48];
const CITY_UNIT = 'qs-chengbei-SG-1';

function drill(): { engine: Engine; log: DomainEvent[]; config: EngineConfig } {
  const scenario = ScenarioSchema.parse({ name: 'roads drill', region: 'demo-county', start: '2026-06-01T10:00:00+08:00', duration: '6h', mode: 'manual', background: { enabled: false } });
  const config: EngineConfig = { world, scenario };
  const engine = createEngine(config);
  return { engine, log: [...engine.start()], config };
}

function accept(d: { engine: Engine; log: DomainEvent[] }, input: CommandInput, by: Actor = controller): { events: DomainEvent[]; incidentId?: string } {
  const { result, events } = d.engine.apply(CommandSchema.parse(input), by);
  if (!result.ok) throw new Error(`${input.type} refused: ${result.error.message}`);
  d.log.push(...events);
  return { events, ...(result.incidentId ? { incidentId: result.incidentId } : {}) };
}

function advance(d: { engine: Engine; log: DomainEvent[] }, t: number): DomainEvent[] {
  const events = d.engine.advanceTo(t);
  d.log.push(...events);
  return events;
}

const ofType = <T extends DomainEvent['type']>(events: readonly DomainEvent[], type: T) => events.filter((e): e is EventOf<T> => e.type === type);

/** A graded call at `at`, returned with its incident id. */
function call(d: { engine: Engine; log: DomainEvent[] }, at: LatLon): string {
  const id = accept(d, { type: 'RECEIVE_CALL', location: at, incidentType: 'building-fire' }).incidentId!;
  accept(d, { type: 'TRIAGE_CALL', incidentId: id, incidentType: 'building-fire', grade: 1 }, commander);
  return id;
}

/** Distance from p to the nearest road segment of the network (metres). */
function distanceToRoadM(p: LatLon): number {
  const ky = 111_195;
  const kx = ky * Math.cos((p[0] * Math.PI) / 180);
  let best = Infinity;
  for (let u = 0; u < net.nodeCount; u++) {
    if (Math.abs(net.lat[u]! - p[0]) > 0.02 || Math.abs(net.lon[u]! - p[1]) > 0.02) continue;
    const ax = (net.lon[u]! - p[1]) * kx, ay = (net.lat[u]! - p[0]) * ky;
    for (let e = net.out.offsets[u]!; e < net.out.offsets[u + 1]!; e++) {
      const v = net.out.targets[e]!;
      const bx = (net.lon[v]! - p[1]) * kx, by = (net.lat[v]! - p[0]) * ky;
      const dx = bx - ax, dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const f = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
      best = Math.min(best, Math.hypot(ax + f * dx, ay + f * dy));
    }
  }
  return best;
}

/**
 * Positions along the road part of a leg every `stepMs` (between its second and second-last
 * vertices: the first and last stretches join the station yard and the site to the road).
 */
function samples(leg: Leg, stepMs: number): LatLon[] {
  const { times } = legVertices(leg)!;
  const out: LatLon[] = [];
  for (let t = times[1]!; t <= times[times.length - 2]!; t += stepMs) out.push(positionOnLeg(leg, t));
  return out;
}

/** Legs are simplified to ~10 m and rounded to ~1 m: a unit is never further than this from a road. */
const ON_ROAD_M = 15;

describe('units drive along the roads', () => {
  it('a leg carries the road path with a time at each vertex, arrives at the ETA, and the view follows it', () => {
    const d = drill();
    const inc = call(d, SITE);
    const dispatched = ofType(accept(d, { type: 'DISPATCH_UNITS', incidentId: inc, unitIds: [CITY_UNIT] }, commander).events, 'UNIT_DISPATCHED')[0]!;
    const leg = ofType(advance(d, d.engine.now + 5 * MIN), 'UNIT_EN_ROUTE')[0]!.leg;
    // Arrival = dispatch + the ETA the dispatcher was shown (turnout + travel), to the rounding of a second.
    expect(Math.abs(leg.arriveAt - (dispatched.t + dispatched.etaSec * 1000))).toBeLessThanOrEqual(500);
    const { path, times } = legVertices(leg)!;
    expect(path.length).toBeGreaterThan(10);
    expect(times.length).toBe(path.length);
    expect(times[0]).toBe(leg.departAt);
    expect(times[times.length - 1]).toBe(leg.arriveAt);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
    for (const [lat, lon] of path) {
      expect(Math.round(lat * 1e5) / 1e5).toBe(lat);
      expect(Math.round(lon * 1e5) / 1e5).toBe(lon);
    }
    // Simplified but not straight: the road is longer than the crow flies, and stays on the roads.
    expect(leg.distanceM).toBeGreaterThan(haversineM(leg.from, leg.to) * 1.05);
    const onTheWay = samples(leg, 20_000);
    expect(onTheWay.length).toBeGreaterThan(30);
    for (const p of onTheWay) expect(distanceToRoadM(p)).toBeLessThan(ON_ROAD_M);
    // The engine's view puts the unit where the leg says.
    const t = leg.departAt + Math.round((leg.arriveAt - leg.departAt) / 3);
    advance(d, t);
    expect(d.engine.view().units.find((u) => u.id === CITY_UNIT)!.position).toEqual(positionOnLeg(leg, t));
    const arrived = ofType(advance(d, leg.arriveAt), 'UNIT_ARRIVED');
    expect(arrived.map((e) => [e.unitId, e.t])).toEqual([[CITY_UNIT, leg.arriveAt]]);
  });

  it('ETAs on UNIT_DISPATCHED match the legs of a whole automatic day (roads, traffic hours)', () => {
    const scenario = loadScenario('scenarios/normal-day.yaml', world);
    const engine = createEngine({ world, scenario, background: createBackgroundCalls(world, scenario) });
    const log = [...engine.start()];
    for (let t = 0; t <= engine.endsAt; t += 3_600_000) log.push(...engine.advanceTo(t));
    const dispatched = new Map<string, EventOf<'UNIT_DISPATCHED'>>();
    let checked = 0;
    for (const e of log) {
      if (e.type === 'UNIT_DISPATCHED') dispatched.set(e.unitId, e);
      if (e.type === 'UNIT_EN_ROUTE') {
        const dsp = dispatched.get(e.unitId)!;
        expect(Math.abs(e.leg.arriveAt - (dsp.t + dsp.etaSec * 1000)), `${e.unitId} to ${e.incidentId}`).toBeLessThanOrEqual(500);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('road closures', () => {
  it('re-route a unit on the way: it takes another road from where it is, arrives later, and never at the old time', () => {
    const d = drill();
    const inc = call(d, SITE);
    accept(d, { type: 'DISPATCH_UNITS', incidentId: inc, unitIds: [CITY_UNIT] }, commander);
    const old = ofType(advance(d, d.engine.now + 5 * MIN), 'UNIT_EN_ROUTE')[0]!.leg;
    advance(d, old.departAt + Math.round((old.arriveAt - old.departAt) / 4));
    const here = d.engine.view().units.find((u) => u.id === CITY_UNIT)!.position;
    // Close the road at a junction 60 % of the way (a flood).
    const oldPath = legVertices(old)!.path;
    const block = oldPath[Math.floor(oldPath.length * 0.6)]!;
    const closed = accept(d, { type: 'CLOSE_ROAD', area: { kind: 'circle', center: block, radiusM: 60 }, reason: 'flood', note: 'river over the road' });
    const roadClosed = ofType(closed.events, 'ROAD_CLOSED')[0]!;
    expect(roadClosed.closedEdges).toBeGreaterThan(0);
    expect(roadClosed.closureId).toBe('closure-1');
    const rerouted = ofType(closed.events, 'UNIT_REROUTED');
    expect(rerouted.map((e) => [e.unitId, e.incidentId, e.closureId])).toEqual([[CITY_UNIT, inc, 'closure-1']]);
    const leg = rerouted[0]!.leg;
    expect(leg.departAt).toBe(d.engine.now);
    expect(haversineM(legVertices(leg)!.path[0]!, here)).toBeLessThan(2); // it goes on from where it is
    expect(leg.arriveAt).toBeGreaterThan(old.arriveAt);
    // The new way keeps to open roads, away from the flooded junction.
    for (const p of samples(leg, 10_000)) {
      expect(distanceToRoadM(p)).toBeLessThan(ON_ROAD_M);
      expect(haversineM(p, block)).toBeGreaterThan(30);
    }
    expect(d.engine.view().closures.map((c) => [c.id, c.reason, c.closedEdges])).toEqual([['closure-1', 'flood', roadClosed.closedEdges]]);
    // The old arrival timer is stale: nothing at the old time, arrival at the new one.
    expect(ofType(advance(d, old.arriveAt), 'UNIT_ARRIVED')).toEqual([]);
    expect(ofType(advance(d, leg.arriveAt), 'UNIT_ARRIVED').map((e) => e.t)).toEqual([leg.arriveAt]);
  });

  it('change the ETA of the next dispatch at once, and reopening restores it exactly', () => {
    const sg = world.region.stations.find((s) => s.id === 'qs-chengbei')!;
    const eta = (d: ReturnType<typeof drill>, inc: string, unit: string) =>
      ofType(accept(d, { type: 'DISPATCH_UNITS', incidentId: inc, unitIds: [unit] }, commander).events, 'UNIT_DISPATCHED')[0]!.etaSec;
    const open = drill();
    const plain = eta(open, call(open, SITE), CITY_UNIT);
    // A flood on the unit's road (found with the same road model the engine uses) that costs at
    // least half a minute: the county's grid often has a near-equal way round a small one.
    const model = roadTravel(net, world.doctrine, { startLocalMs: 10 * 3_600_000 });
    const t = open.engine.now + 60_000; // the drive starts after the turnout
    const base = model.travel(sg.location, SITE, 'medium', t).seconds;
    let flood: { center: LatLon; radiusM: number; delay: number } | undefined;
    const way = model.route(sg.location, SITE, 'medium', t).path;
    for (const radiusM of [150, 300, 600]) {
      for (const center of way.slice(3, -3)) {
        const delay = model.withClosedEdges(model.edgesIn({ kind: 'circle', center, radiusM })).travel(sg.location, SITE, 'medium', t).seconds - base;
        if (delay >= 30 && Number.isFinite(delay)) { flood = { center, radiusM, delay }; break; }
      }
      if (flood) break;
    }
    expect(flood).toBeDefined();
    const d = drill();
    const inc = call(d, SITE);
    accept(d, { type: 'CLOSE_ROAD', area: { kind: 'circle', center: flood!.center, radiusM: flood!.radiusM }, reason: 'flood', closureId: 'flood-1' });
    expect(Math.abs(eta(d, inc, CITY_UNIT) - (plain + flood!.delay))).toBeLessThanOrEqual(1);
    accept(d, { type: 'REOPEN_ROAD', closureId: 'flood-1' });
    expect(eta(d, inc, 'qs-chengbei-SG-2')).toBe(plain); // same type, same station: the road is open again
    expect(d.engine.view().closures).toEqual([]);
  });

  it('a place cut off: reported, not recommended, dispatch refused; a unit heading there stops and drives on when the road reopens', () => {
    const d = drill();
    const inc = call(d, SITE);
    accept(d, { type: 'DISPATCH_UNITS', incidentId: inc, unitIds: [CITY_UNIT] }, commander);
    const old = ofType(advance(d, d.engine.now + 5 * MIN), 'UNIT_EN_ROUTE')[0]!.leg;
    advance(d, old.departAt + Math.round((old.arriveAt - old.departAt) / 3));
    const closed = accept(d, { type: 'CLOSE_ROAD', area: { kind: 'circle', center: SITE, radiusM: 400 }, reason: 'collapse', closureId: 'landslide' }).events;
    // The incident is cut off, and the unit on its way stops where it is.
    expect(ofType(closed, 'PLACE_UNREACHABLE').map((e) => [e.unitId ?? null, e.incidentId, e.closureIds])).toEqual([
      [CITY_UNIT, inc, ['landslide']],
      [null, inc, ['landslide']],
    ]);
    expect(d.engine.view().incidents.find((i) => i.id === inc)!.unreachable).toBe(true);
    const stoppedAt = d.engine.view().units.find((u) => u.id === CITY_UNIT)!;
    expect(stoppedAt.status).toBe('enRoute');
    expect(stoppedAt.leg).toBeUndefined();
    // The board folds the same picture from the events.
    const board = createBoardState(world.region.stations.flatMap((s) => s.units.map((u) => ({ id: u.id, stationId: s.id, type: u.type, home: s.location }))), 'manual');
    for (const e of d.log) applyEvent(board, e);
    expect(board.incidents[inc]!.unreachable).toBe(true);
    expect(board.units[CITY_UNIT]!.at).toEqual(stoppedAt.position);
    // Nobody is recommended, and the shortfall says why.
    const rec = d.engine.recommend(inc)!;
    expect(rec.units).toEqual([]);
    expect(rec.unmet.length).toBeGreaterThan(0);
    for (const m of rec.unmet) expect(m.note).toMatch(/cannot reach the site: roads closed/);
    const refused = d.engine.apply(CommandSchema.parse({ type: 'DISPATCH_UNITS', incidentId: inc, unitIds: ['tw-daxu-XSG-1'] }), commander);
    expect(refused.result.ok).toBe(false);
    if (!refused.result.ok) expect(refused.result.error.message).toMatch(/cannot reach incident .*no open road.*landslide/);
    // Stopped means stopped: later it is still there, and its old arrival never comes.
    expect(ofType(advance(d, old.arriveAt + MIN), 'UNIT_ARRIVED')).toEqual([]);
    expect(d.engine.view().units.find((u) => u.id === CITY_UNIT)!.position).toEqual(stoppedAt.position);
    // Reopened: the incident is reachable, the unit drives on and arrives.
    const reopened = accept(d, { type: 'REOPEN_ROAD', closureId: 'landslide' }).events;
    expect(ofType(reopened, 'PLACE_REACHABLE').map((e) => [e.incidentId, e.closureId])).toEqual([[inc, 'landslide']]);
    const onAgain = ofType(reopened, 'UNIT_REROUTED');
    expect(onAgain.map((e) => [e.unitId, e.incidentId, e.closureId])).toEqual([[CITY_UNIT, inc, 'landslide']]);
    expect(haversineM(legVertices(onAgain[0]!.leg)!.path[0]!, stoppedAt.position)).toBeLessThan(2);
    expect(ofType(advance(d, onAgain[0]!.leg.arriveAt), 'UNIT_ARRIVED').map((e) => e.unitId)).toEqual([CITY_UNIT]);
    applyEvent(board, ofType(reopened, 'PLACE_REACHABLE')[0]!);
    expect(board.incidents[inc]!.unreachable).toBe(false);
    expect(d.engine.recommend(inc)!.units.length).toBeGreaterThan(0);
  });

  it('are the controller\'s: a commander may not close roads; unknown closures and empty areas are refused', () => {
    const d = drill();
    const closeAt = { type: 'CLOSE_ROAD' as const, area: { kind: 'circle' as const, center: SITE, radiusM: 300 } };
    const denied = d.engine.apply(CommandSchema.parse(closeAt), commander);
    expect(denied.result.ok ? '' : denied.result.error.code).toBe('forbidden');
    const none = d.engine.apply(CommandSchema.parse({ type: 'REOPEN_ROAD', closureId: 'nope' }), controller);
    expect(none.result.ok ? '' : none.result.error.message).toMatch(/no road closure nope in force/);
    const empty = d.engine.apply(CommandSchema.parse({ ...closeAt, area: { kind: 'circle', center: [24.9, 111.5], radiusM: 50 } }), controller);
    expect(empty.result.ok ? '' : empty.result.error.code).toBe('invalid');
    // A line drawn along a road closes that road both ways; a polygon closes what has a junction inside.
    const alongA = net.out.targets[net.out.offsets[100]!]!;
    const line = accept(d, { type: 'CLOSE_ROAD', area: { kind: 'segment', from: [net.lat[100]!, net.lon[100]!], to: [net.lat[alongA]!, net.lon[alongA]!] } }).events;
    expect(ofType(line, 'ROAD_CLOSED')[0]!.closedEdges).toBeGreaterThanOrEqual(2);
    const poly = accept(d, { type: 'CLOSE_ROAD', area: { kind: 'polygon', ring: [[24.72, 110.47], [24.72, 110.49], [24.74, 110.49], [24.74, 110.47]] } }).events;
    expect(ofType(poly, 'ROAD_CLOSED')[0]!.closedEdges).toBeGreaterThan(10);
    expect(d.engine.view().closures.map((c) => c.id)).toEqual(['closure-1', 'closure-2']);
  });

  it('a closure with a duration reopens by itself on time (an engine timer, in the log), also after a snapshot; one reopened by hand is not reopened again', () => {
    const d = drill();
    const area = { kind: 'circle' as const, center: SITE, radiusM: 300 };
    advance(d, 5 * MIN);
    const closed = ofType(accept(d, { type: 'CLOSE_ROAD', area, reason: 'flood', closureId: 'flood-30', durationMs: 30 * MIN }).events, 'ROAD_CLOSED');
    // Closed at T+5 min for 30 min: it ends at T+35 min.
    expect(closed.map((e) => [e.closureId, e.t, e.until])).toEqual([['flood-30', 5 * MIN, 35 * MIN]]);
    accept(d, { type: 'CLOSE_ROAD', area, reason: 'accident', closureId: 'crash', durationMs: 20 * MIN });
    accept(d, { type: 'REOPEN_ROAD', closureId: 'crash' }, controller);
    // Nothing ends before its time; the board folds the end it will have.
    expect(ofType(advance(d, 35 * MIN - 1), 'ROAD_REOPENED').map((e) => e.by)).toEqual([]);
    const board = createBoardState([], 'manual');
    for (const e of d.log) applyEvent(board, e);
    expect(Object.values(board.closures).map((c) => [c.id, c.until])).toEqual([['flood-30', 35 * MIN]]);
    // A snapshot taken now carries the timer: the restored engine ends the closure at the same moment.
    const restored = createEngine({ ...d.config, restore: d.engine.snapshot() });
    const ended = advance(d, 60 * MIN);
    expect(ofType(ended, 'ROAD_REOPENED').map((e) => [e.closureId, e.t, e.by])).toEqual([['flood-30', 35 * MIN, 'system']]);
    expect(d.engine.view().closures).toEqual([]);
    expect(restored.advanceTo(60 * MIN)).toEqual(ended);
    // The crash closure, reopened by hand at T+5 min, is not reopened again at T+25 min.
    expect(ofType(d.log, 'ROAD_REOPENED').map((e) => [e.closureId, e.by])).toEqual([['crash', 'controller'], ['flood-30', 'system']]);
    // Replaying the log (the closing command with its duration) gives the same events.
    const again = replay(d.config, d.log, 60 * MIN);
    expect(again.events).toEqual(d.log);
    expect(again.engine.digest()).toBe(d.engine.digest());
  });

  it('a world without roads (great-circle travel) refuses closures', () => {
    const bare = loadWorld({ roads: false });
    const scenario = ScenarioSchema.parse({ name: 'no roads', region: 'demo-county', start: '2026-06-01T10:00:00+08:00', duration: '1h', background: { enabled: false } });
    const engine = createEngine({ world: bare, scenario });
    engine.start();
    const r = engine.apply(CommandSchema.parse({ type: 'CLOSE_ROAD', area: { kind: 'circle', center: SITE, radiusM: 300 } }), controller);
    expect(r.result.ok ? '' : r.result.error.message).toMatch(/has no road network/);
  });
});

describe('determinism with closures', () => {
  /**
   * A busy automatic day: from the second hour the controller floods the road ahead of the first
   * unit found driving, closes a line in the city an hour later, and reopens the flood after four.
   */
  function floodDay(): { log: DomainEvent[]; engine: Engine; config: EngineConfig; hash: string } {
    const scenario = { ...loadScenario('scenarios/normal-day.yaml', world), background: { enabled: true, scale: 6 } };
    const config: EngineConfig = { world, scenario, background: createBackgroundCalls(world, scenario) };
    const engine = createEngine(config);
    const log = [...engine.start()];
    const hasher = createLogHasher();
    const run = (input: CommandInput) => {
      const { result, events } = engine.apply(CommandSchema.parse(input), controller);
      expect(result.ok).toBe(true);
      log.push(...events);
    };
    let floodedAt: number | undefined;
    for (let t = 0; t <= engine.endsAt; t += 5 * MIN) {
      log.push(...engine.advanceTo(t));
      const driving = engine.view().units.find((u) => u.status === 'enRoute' && u.leg && (legVertices(u.leg)?.path.length ?? 0) > 6);
      if (floodedAt === undefined && t >= 60 * MIN && driving) {
        const path = legVertices(driving.leg!)!.path;
        run({ type: 'CLOSE_ROAD', area: { kind: 'circle', center: path[Math.floor(path.length * 0.7)]!, radiusM: 80 }, reason: 'flood', note: 'river over the road' });
        floodedAt = t;
      }
      if (floodedAt !== undefined && t === floodedAt + 60 * MIN) run({ type: 'CLOSE_ROAD', area: { kind: 'segment', from: [24.62, 110.52], to: [24.62, 110.56] }, reason: 'collapse' });
      if (floodedAt !== undefined && t === floodedAt + 240 * MIN) run({ type: 'REOPEN_ROAD', closureId: 'closure-1' });
    }
    for (const e of log) hasher.add(e);
    return { log, engine, config, hash: hasher.hex() };
  }

  it('the same seed and commands give the same log; replaying it rebuilds the same state', () => {
    const a = floodDay();
    const b = floodDay();
    expect(b.hash).toBe(a.hash);
    expect(b.engine.digest()).toBe(a.engine.digest());
    expect(a.log.some((e) => e.type === 'UNIT_REROUTED')).toBe(true);
    const again = replay(a.config, a.log, a.engine.now);
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(a.log));
    expect(again.engine.digest()).toBe(a.engine.digest());
  });
});
