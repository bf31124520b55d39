// The three shipped hazard scenarios (issue 10 §6) run headless to their end, and what a controller
// would see in the log happens: zones form and move, roads close and reopen, the right specialists
// go, unprotected crews stop outside the zones, people are hurt, an evacuation saves people.
import { describe, expect, it } from 'vitest';
import type { DomainEvent, EventOf } from '../../shared/events.ts';
import type { Actor, CommandInput } from '../../shared/commands.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { CommandSchema } from '../../shared/commands.ts';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import { visibleEvent } from '../../server/api/redact.ts';

const world = loadWorld({});
const MIN = 60_000;
const of = <T extends DomainEvent['type']>(events: DomainEvent[], type: T): EventOf<T>[] => events.filter((e): e is EventOf<T> => e.type === type);
const chemical = (events: DomainEvent[]) => of(events, 'ZONES_UPDATED').flatMap((e) => (e.zones.kind === 'chemical-release' ? [{ t: e.t, z: e.zones }] : []));
const centroid = (ring: LatLon[]): LatLon => [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
const unitType = (id: string) => world.region.stations.flatMap((s) => s.units).find((u) => u.id === id)!.type;

/** Runs a shipped scenario to its end, giving commands at their times. */
function play(file: string, commands: { at: number; cmd: CommandInput; by: Actor }[] = []): DomainEvent[] {
  const engine = createEngine(engineConfigFor(world, loadScenario(file, world)));
  const events = [...engine.start()];
  for (const c of commands) {
    events.push(...engine.advanceTo(c.at));
    const r = engine.apply(CommandSchema.parse(c.cmd), c.by);
    if (!r.result.ok) throw new Error(`${c.cmd.type} refused: ${r.result.error.message}`);
    events.push(...r.events);
  }
  events.push(...engine.advanceTo(engine.endsAt));
  return events;
}

describe('chlorine leak in the chemical park', () => {
  const FILE = 'scenarios/hazard-chlorine-park.yaml';
  const PARK: LatLon = [24.6135, 110.65085]; // the East Tank Farm of Hedong Chemical Park
  const events = play(FILE);
  const zones = chemical(events);

  it('forms threat zones at the leak and swings them north with the wind shift at T+30', () => {
    expect(zones[0]!.t).toBe(2 * MIN);
    expect(zones[0]!.z.threat.map((z) => z.level)).toEqual([3, 2, 1]);
    expect(zones[0]!.z.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['dense-gas', 'near-source', 'no-terrain-steering']));
    const before = centroid(zones[0]!.z.threat[1]!.ring);
    const after = centroid(zones.find((z) => z.t === 30 * MIN)!.z.threat[1]!.ring);
    expect(before[1]).toBeGreaterThan(PARK[1]); // west wind: the plume lies east
    expect(after[0]).toBeGreaterThan(PARK[0]); // south wind: north
    expect(Math.abs(after[1] - PARK[1])).toBeLessThan(0.002);
  });

  it('closes the hot and warm zones to crews without protection, moves the closure with the wind and reopens when the gas is gone', () => {
    const closed = of(events, 'ROAD_CLOSED');
    expect(closed.map((c) => [c.t, c.reason])).toEqual([[2 * MIN, 'plume'], [30 * MIN, 'plume']]);
    expect(closed[0]!.exempt).toEqual(['hazmat', 'decon']);
    const reopened = of(events, 'ROAD_REOPENED');
    expect(reopened.map((r) => r.closureId)).toEqual([closed[0]!.closureId, closed[1]!.closureId]);
    const cleared = of(events, 'HAZARD_CHANGED').find((e) => e.change === 'cleared')!;
    expect(reopened[1]!.t).toBe(cleared.t);
  });

  it('sends hazmat and decontamination into the zone and stops the other crews upwind of it', () => {
    const leak = of(events, 'INJECT_FIRED').find((e) => e.injectId === 'leak')!.incidentId!;
    const legs = of(events, 'UNIT_EN_ROUTE').filter((e) => e.incidentId === leak && e.t < 30 * MIN);
    const hazmat = legs.filter((l) => ['HJ', 'XX'].includes(unitType(l.unitId)));
    expect(new Set(hazmat.map((l) => unitType(l.unitId)))).toEqual(new Set(['HJ', 'XX']));
    for (const l of hazmat) expect(haversineM(l.leg.to, PARK)).toBeLessThan(1);
    // Crews from outside the zones (the tank farm's own micro station stands inside the circle).
    const others = legs.filter((l) => !['HJ', 'XX'].includes(unitType(l.unitId)) && haversineM(l.leg.from, PARK) > 800);
    expect(others.length).toBeGreaterThan(0);
    // The park brigade's station is 1.48 km west of the leak, upwind, outside the 600 m circle: its
    // unprotected crews drive out to the staging point too.
    const brigade = world.region.stations.find((st) => st.id === 'hd-park-brigade')!;
    expect(haversineM(brigade.location, PARK)).toBeGreaterThan(800);
    expect(others.some((l) => brigade.units.some((u) => u.id === l.unitId))).toBe(true);
    for (const l of others) {
      // ERG 2016 Table 3 isolation for a large chlorine spill: 600 m, + 200 m staging margin, west (upwind).
      expect(haversineM(l.leg.to, PARK)).toBeGreaterThan(790);
      expect(l.leg.to[1]).toBeLessThan(PARK[1]);
    }
  });

  it('hurts people left in the zones: casualty calls come in', () => {
    const hurt = of(events, 'EXPOSURE_CASUALTIES');
    expect(hurt.length).toBeGreaterThan(0);
    for (const h of hurt) expect(of(events, 'CALL_RECEIVED').find((c) => c.incidentId === h.incidentId)!.reportedTrapped).toBe(h.people);
    // Every 5 casualties call; fewer than 5 left when the gas has gone are found then, in one call.
    expect(hurt.slice(0, -1).every((h) => h.people === 5)).toBe(true);
    expect(hurt.at(-1)!.t).toBeLessThanOrEqual(of(events, 'HAZARD_CHANGED').find((e) => e.change === 'cleared')!.t);
  });

  it('an evacuation of the park ordered at T+10 is done after its time and spares those people', () => {
    const commander: Actor = { role: 'commander', id: 'test' };
    const evacuated = play(FILE, [{ at: 10 * MIN, cmd: { type: 'EVACUATE_AREA', area: { kind: 'circle', center: PARK, radiusM: 1000 } }, by: commander }]);
    const ordered = of(evacuated, 'EVACUATION_ORDERED')[0]!;
    const done = of(evacuated, 'AREA_EVACUATED')[0]!;
    expect(done.t).toBe(ordered.doneAt);
    // seeds/evacuation.yaml: 10 min set-up + people / (60 per firefighter-hour × max(10, crews there)).
    expect(done.t - ordered.t).toBeGreaterThanOrEqual(10 * MIN);
    expect(done.t - ordered.t).toBeLessThanOrEqual(10 * MIN + Math.ceil(((done.people + 0.5) / 600) * 60 * MIN) + 1);
    expect(done.people).toBeGreaterThan(0);
    const total = (ev: DomainEvent[]) => of(ev, 'EXPOSURE_CASUALTIES').at(-1)?.total ?? 0;
    expect(total(evacuated)).toBeLessThan(total(events));
    expect(of(evacuated, 'EXPECTED_ACTION_MET').map((e) => e.expectedId)).toContain('ea-evacuate');
  });
});

describe('people shown in the zones leave with an evacuation', () => {
  const PARK: LatLon = [24.6135, 110.65085]; // the East Tank Farm of Hedong Chemical Park
  const commander: Actor = { role: 'commander', id: 'test' };
  // 5 km around the park (the zones reach 3.9 km), ordered at T+10: people leave evenly from the end of the set-up to doneAt.
  const events = play('scenarios/hazard-chlorine-park.yaml', [{ at: 10 * MIN, cmd: { type: 'EVACUATE_AREA', area: { kind: 'circle', center: PARK, radiusM: 5000 } }, by: commander }]);
  const ordered = of(events, 'EVACUATION_ORDERED')[0]!;
  const shown = chemical(events).filter((z) => z.t > ordered.t);
  const unevacuated = chemical(play('scenarios/hazard-chlorine-park.yaml'));

  it('each showing counts only the share still inside: people × (1 − (t − movingAt) / (doneAt − movingAt))', () => {
    // seeds/evacuation.yaml: people start to leave after the 10 min set-up.
    const movingAt = ordered.t + 10 * MIN;
    const later = shown.filter((z) => z.t > movingAt);
    expect(later.length).toBeGreaterThan(2);
    for (const { t, z } of later) {
      // The same zones without the evacuation (the wind shift at T+30 moves them).
      const before = unevacuated.filter((u) => u.t <= t).at(-1)!.z.peopleByLevel;
      const share = Math.max(0, 1 - (t - movingAt) / (ordered.doneAt! - movingAt));
      // The shown counts are rounded (before: ± 0.5; now: ± 0.5).
      for (const k of ['level1', 'level2', 'level3'] as const) expect(Math.abs(z.peopleByLevel[k] - before[k] * share)).toBeLessThanOrEqual(0.5 + 0.5 * share + 1e-9);
    }
    expect(later.at(-1)!.z.peopleByLevel.level1).toBeLessThan(unevacuated.filter((u) => u.t <= later.at(-1)!.t).at(-1)!.z.peopleByLevel.level1);
  });
});

describe('an evacuation area drawn freely (a polygon the commander draws)', () => {
  const commander: Actor = { role: 'commander', id: 'test' };
  // The park's 1-km cell row 30, col 40 of the demo grid (south 24.33, west 110.24, 0.009° × 0.0099°),
  // drawn as a quadrilateral just inside its edges (inset 1/16 of a cell): its 4 × 4 sub-cell centres
  // (at 1/8, 3/8, 5/8, 7/8 of the cell) all lie inside, nothing of the neighbours does.
  const s = 24.33 + 30 * 0.009, w = 110.24 + 40 * 0.0099, dLat = 0.009 / 16, dLon = 0.0099 / 16;
  const ring: LatLon[] = [[s + dLat, w + dLon], [s + dLat, w + 0.0099 - dLon], [s + 0.009 - dLat, w + 0.0099 - dLon], [s + 0.009 - dLat, w + dLon]];
  const cell = world.region.cells.find((c) => c.r === 30 && c.c === 40)!;
  const events = play('scenarios/hazard-chlorine-park.yaml', [{ at: 10 * MIN, cmd: { type: 'EVACUATE_AREA', area: { kind: 'polygon', ring } }, by: commander }]);

  it("evacuates the people of the cell it covers, in set-up + people / (60 per firefighter-hour × 10) minutes", () => {
    const ordered = of(events, 'EVACUATION_ORDERED')[0]!;
    expect(ordered.area).toEqual({ kind: 'polygon', ring });
    const done = of(events, 'AREA_EVACUATED')[0]!;
    // People spread evenly over the cell's 16 sub-cells, all inside: the cell's population.
    expect(done.people).toBe(Math.round(cell.population));
    // No crew on scene inside at T+10 (at least 10 firefighters' pace): 10 min + population / 600 h.
    expect(done.t - ordered.t).toBe(Math.max(1, Math.round((10 + (cell.population / 600) * 60) * MIN)));
    // The order carries the estimate the commander was shown (the population data) and the crews there.
    expect(ordered).toMatchObject({ people: Math.round(cell.population), firefighters: 0, note: '' });
  });

  it('tells the controller the people still inside: all of them through the set-up, then falling evenly to the end', () => {
    const ordered = of(events, 'EVACUATION_ORDERED')[0]!;
    const progress = of(events, 'EVACUATION_PROGRESS');
    const movingAt = ordered.t + 10 * MIN; // seeds/evacuation.yaml: 10 min set-up
    // At the order, then every 5 min after the set-up (seeds/evacuation.yaml progressEveryMin), or a
    // quarter of the leaving time when shorter (at least a minute), before the end.
    const step = Math.max(MIN, Math.min(5 * MIN, Math.floor((ordered.doneAt! - movingAt) / 4)));
    const times = [ordered.t];
    for (let t = movingAt + step; t < ordered.doneAt!; t += step) times.push(t);
    expect(times.length).toBeGreaterThan(2);
    expect(progress.map((p) => p.t)).toEqual(times);
    expect(progress[0]!.peopleInside).toBe(Math.round(cell.population));
    // Linear after the set-up: population × (1 − (t − movingAt) / (doneAt − movingAt)), rounded.
    for (const p of progress.slice(1)) {
      expect(p.peopleInside).toBe(Math.round(cell.population * (1 - (p.t - movingAt) / (ordered.doneAt! - movingAt))));
    }
    expect(progress.at(-1)!.peopleInside).toBeLessThan(progress[0]!.peopleInside);
    // The hidden truth: the players (commanders, observers) never get it.
    expect(progress.every((p) => visibleEvent('player', p) === undefined)).toBe(true);
    expect(visibleEvent('player', ordered)).toEqual(ordered);
  });
});

describe('ammonia tanker crash on the expressway', () => {
  const events = play('scenarios/hazard-ammonia-tanker.yaml');
  const zones = chemical(events);

  it('starts from the truck with the ERG tank-truck circle and closes the zone until the gas has gone', () => {
    expect(of(events, 'HAZARD_STARTED')[0]).toMatchObject({ substanceId: 'ammonia', location: [24.5625, 110.5865] });
    expect(zones[0]!.z.erg.isolationM).toBe(150); // ERG 2016 Table 3, ammonia highway tank truck
    expect(zones[0]!.z.threat.length).toBe(3);
    const closed = of(events, 'ROAD_CLOSED');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.reason).toBe('plume');
    expect(of(events, 'ROAD_REOPENED')[0]!.closureId).toBe(closed[0]!.closureId);
  });

  it('gets hazmat and decontamination units, and counts the people hurt downwind', () => {
    const crash = of(events, 'INJECT_FIRED').find((e) => e.injectId === 'crash')!.incidentId!;
    const sent = of(events, 'UNIT_DISPATCHED').filter((d) => d.incidentId === crash).map((d) => unitType(d.unitId));
    expect(sent).toContain('HJ');
    expect(sent).toContain('XX');
    expect(of(events, 'EXPOSURE_CASUALTIES').length).toBeGreaterThan(0);
  });
});

describe('urban flood after typhoon rain', () => {
  const events = play('scenarios/hazard-typhoon-flood.yaml');
  const floods = of(events, 'ZONES_UPDATED').flatMap((e) => (e.zones.kind === 'flood' ? [{ t: e.t, z: e.zones }] : []));

  it('the river rises about 3 m over 6 hours and then recedes, the flooded area with it', () => {
    const peak = floods.reduce((a, b) => (b.z.levelM > a.z.levelM ? b : a));
    expect(peak.z.levelM).toBeCloseTo(3.1, 3);
    expect(peak.t).toBe(6 * 60 * MIN);
    expect(floods.at(-1)!.z.levelM).toBeLessThan(peak.z.levelM - 2);
    expect(floods.at(-1)!.z.floodedAreaKm2).toBeLessThan(peak.z.floodedAreaKm2);
  });

  it('closes flooded roads to everyone but boats and reopens them as the water goes down', () => {
    const closed = of(events, 'ROAD_CLOSED');
    expect(closed.length).toBeGreaterThan(1);
    for (const c of closed) expect([c.reason, c.exempt]).toEqual(['flood', ['water-rescue']]);
    expect(of(events, 'ROAD_REOPENED').length).toBe(closed.length); // the last closure reopened once the water fell below the roads
  });

  it('people cut off call for rescue, and boats and drainage units reach them', () => {
    const rescue = new Set(of(events, 'CALL_RECEIVED').filter((c) => c.reportedType === 'flood-rescue').map((c) => c.incidentId));
    expect(rescue.size).toBeGreaterThan(5);
    const arrived = of(events, 'UNIT_ARRIVED').filter((a) => rescue.has(a.incidentId)).map((a) => unitType(a.unitId));
    expect(arrived).toContain('ZT');
    expect(arrived).toContain('PL');
    expect(of(events, 'PERSON_RESCUED').filter((r) => rescue.has(r.incidentId)).length).toBeGreaterThan(0);
    expect(floods.some((f) => (f.z.drained ?? []).some((d) => d.loweredM > 0))).toBe(true);
  });

  it('people cut off in ground that does not threaten buildings (AIDR H1-H4) shelter there: their calls carry no deadline and nobody dies', () => {
    const rescue = of(events, 'CALL_RECEIVED').filter((c) => c.reportedType === 'flood-rescue');
    // The peak (3.1 m) floods up to H4 (≤ 2 m of still water): every stranded call is sheltered.
    expect(Math.max(...floods.map((f) => f.z.peopleByClass.H5 ?? 0))).toBe(0);
    expect(rescue.length).toBeGreaterThan(5);
    for (const c of rescue.filter((r) => !r.truth.unfounded)) expect([c.truth.sheltered, c.truth.deadlinesMin, c.truth.trapped]).toEqual([true, [], 4]);
    // The caller's words, in both languages, as a caller says them: no hazard id at the end.
    for (const c of rescue) expect(c.description).toMatch(/^被洪水围困\(水深 [\d.]+ 米,在楼内避险\) \/ people cut off by flood water \([\d.]+ m deep, sheltering in their building\)$/);
    expect(of(events, 'PERSON_DIED')).toEqual([]);
    expect(of(events, 'PERSON_RESCUED').length).toBeGreaterThan(0);
  });

  it('evacuating the low ground before the water comes leaves fewer people stranded (the calls are capped per update either way)', () => {
    const commander: Actor = { role: 'commander', id: 'test' };
    const deepest = floods.reduce((a, b) => (b.z.levelM > a.z.levelM ? b : a)).z;
    const cell = deepest.cells.reduce((a, b) => (b.maxDepthM > a.maxDepthM ? b : a));
    const grid = deepest.grid!;
    const centre: LatLon = [grid.south + (cell.r + 0.5) * grid.cellLat, grid.west + (cell.c + 0.5) * grid.cellLon];
    const evacuated = play('scenarios/hazard-typhoon-flood.yaml', [{ at: 30 * MIN, cmd: { type: 'EVACUATE_AREA', area: { kind: 'circle', center: centre, radiusM: 1500 } }, by: commander }]);
    const peak = (ev: DomainEvent[]) => Math.max(...of(ev, 'ZONES_UPDATED').flatMap((e) => (e.zones.kind === 'flood' ? [e.zones.stranded] : [])));
    const calls = (ev: DomainEvent[]) => of(ev, 'CALL_RECEIVED').filter((c) => c.reportedType === 'flood-rescue').length;
    expect(of(evacuated, 'AREA_EVACUATED')).toHaveLength(1);
    expect(peak(evacuated)).toBeLessThan(peak(events));
    expect(calls(evacuated)).toBeLessThanOrEqual(calls(events));
  });

  it('a moving flood closure is one change: no place flips reachable and back, no unit is re-routed twice at one moment', () => {
    const flips = new Map<string, string[]>();
    for (const e of events) {
      if (e.type !== 'PLACE_REACHABLE' && e.type !== 'PLACE_UNREACHABLE') continue;
      if (e.type === 'PLACE_UNREACHABLE' && e.unitId) continue; // a unit stopping on its way, not the place
      const key = `${e.t}|${e.incidentId ?? e.location.join(',')}`;
      flips.set(key, [...(flips.get(key) ?? []), e.type]);
    }
    expect([...flips.values()].filter((v) => v.length > 1)).toEqual([]);
    const rerouted = of(events, 'UNIT_REROUTED').map((e) => `${e.t}|${e.unitId}`);
    expect(new Set(rerouted).size).toBe(rerouted.length);
    // Each replacement reopens the old closure and closes the new at the same moment.
    for (const c of of(events, 'ROAD_CLOSED').slice(1)) expect(of(events, 'ROAD_REOPENED').some((r) => r.t === c.t)).toBe(true);
  });
});
