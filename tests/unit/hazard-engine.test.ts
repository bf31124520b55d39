// Hazards inside the engine (server/engine/models/hazards.ts on the plug-in point): a chlorine
// release whose zones form, turn with a wind shift and clear after the release stops; a river flood
// that rises and recedes, closing roads by depth and reopening them, with stranded people calling
// for rescue; the same scenario and seed give the same log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DomainEvent, EventOf } from '../../shared/events.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hazard-engine-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const world = loadWorld({});

function run(name: string, text: string): DomainEvent[] {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  const engine = createEngine(engineConfigFor(world, loadScenario(file, world)));
  return [...engine.start(), ...engine.advanceTo(engine.endsAt)];
}
const of = <T extends DomainEvent['type']>(events: DomainEvent[], type: T): EventOf<T>[] => events.filter((e): e is EventOf<T> => e.type === type);

const CHLORINE = `name: chlorine leak test
region: demo-county
start: 2026-07-20T10:00:00+08:00
duration: 3h
mode: auto
background: { enabled: false }
weather:
  - { at: 0, wind: { fromDeg: 90, speedMS: 3 }, stability: D }
  - { at: 30m, wind: { fromDeg: 180, speedMS: 3 } }
hazards:
  - kind: chemical-release
    id: cl2
    at: 5m
    substance: chlorine
    source: { kind: continuous, rateKgS: 2, duration: 1h }
    site: { kind: fixed, location: [24.60, 110.55] }
calls:
  - { at: 10m, type: building-fire, location: [24.60, 110.545] }   # 500 m downwind (west) of the leak
`;

describe('chemical release in the engine', () => {
  const events = run('chlorine.yaml', CHLORINE);
  const zones = of(events, 'ZONES_UPDATED');

  it('starts at T+5 min with three threat zones and the ERG circle', () => {
    const started = of(events, 'HAZARD_STARTED');
    expect(started).toHaveLength(1);
    expect(started[0]!.t).toBe(5 * 60_000);
    const first = zones[0]!.zones;
    if (first.kind !== 'chemical-release') throw new Error('expected chemical zones');
    expect(first.threat.map((z) => z.level)).toEqual([3, 2, 1]);
    expect(first.erg.isolationM).toBe(600); // chlorine, large spill, tank-truck row (ERG 2016 Table 3)
    expect(first.warnings.map((w) => w.code)).toContain('dense-gas');
  });

  it('turns with the wind shift at T+30 min: an east wind carries it west, a south wind north', () => {
    const centroid = (ring: [number, number][]): [number, number] => [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
    const [before, after] = zones.map((z) => z.zones);
    if (before?.kind !== 'chemical-release' || after?.kind !== 'chemical-release') throw new Error('expected chemical zones');
    const b = centroid(before.threat[1]!.ring);
    const a = centroid(after.threat[1]!.ring);
    expect(b[1]).toBeLessThan(110.55); // west of the source
    expect(Math.abs(b[0] - 24.6)).toBeLessThan(0.002);
    expect(a[0]).toBeGreaterThan(24.6); // north of the source
    expect(Math.abs(a[1] - 110.55)).toBeLessThan(0.002);
    expect(of(events, 'HAZARD_CHANGED').map((e) => e.change)).toEqual(['wind', 'release-stopped', 'cleared']);
    expect(zones[1]!.t).toBe(30 * 60_000);
  });

  it('clears after the release stops, once the gas has travelled the level 1 zone', () => {
    const stop = of(events, 'HAZARD_CHANGED').find((e) => e.change === 'release-stopped')!;
    expect(stop.t).toBe(65 * 60_000);
    const last = zones[zones.length - 1]!;
    expect(last.zones.kind).toBe('cleared');
    const lastChem = zones.filter((z) => z.zones.kind === 'chemical-release').at(-1)!.zones;
    if (lastChem.kind !== 'chemical-release') throw new Error('expected chemical zones');
    // level 1 length / 3 m/s after the stop (+1 ms)
    expect(last.t - stop.t).toBeGreaterThan(lastChem.threat[2]!.lengthM / 3 * 1000 - 100);
    expect(last.t - stop.t).toBeLessThan(lastChem.threat[2]!.lengthM / 3 * 1000 + 100);
  });

  it('an incident inside the zones gets hazmat and decontamination units, and the reason says why', () => {
    const call = of(events, 'CALL_RECEIVED').find((c) => c.reportedType === 'building-fire')!;
    const sent = of(events, 'UNIT_DISPATCHED').filter((d) => d.incidentId === call.incidentId);
    // A building fire's card has neither: the hazard adds them. The decontamination unit may come
    // as the home station's unit that fills the need ("fills decon").
    const needs = sent.map((d) => d.reason.need);
    expect(needs).toContain('hazmat');
    expect(sent.some((d) => d.reason.need === 'decon' || /fills decon/.test(d.reason.note))).toBe(true);
    for (const d of sent.filter((x) => x.reason.need === 'hazmat' || x.reason.need === 'decon')) expect(d.reason.note).toMatch(/inside the chlorine zones of release cl2/);
  });

  it('is deterministic: the same scenario gives the same log', () => {
    expect(JSON.stringify(run('chlorine-again.yaml', CHLORINE))).toBe(JSON.stringify(events));
  });
});

describe('flood in the engine', () => {
  const events = run('flood.yaml', `name: river flood test
region: demo-county
start: 2026-07-20T08:00:00+08:00
duration: 7h
mode: auto
background: { enabled: false }
hazards:
  - kind: flood
    id: fl-qing
    level:
      kind: gauge
      readings: [{ at: 0, levelM: 0 }, { at: 3h, levelM: 3 }, { at: 5h, levelM: 1 }]
      recessionMPerH: 1
`);
  const floods = of(events, 'ZONES_UPDATED').map((e) => ({ t: e.t, z: e.zones })).filter((x): x is { t: number; z: Extract<typeof x.z, { kind: 'flood' }> } => x.z.kind === 'flood');

  it('the water rises to 3 m at T+3 h and recedes; the flooded area follows it', () => {
    const peak = floods.reduce((m, f) => (f.z.levelM > m.z.levelM ? f : m));
    expect(peak.t).toBe(3 * 3_600_000);
    expect(peak.z.levelM).toBe(3);
    expect(peak.z.floodedAreaKm2).toBeGreaterThan(10);
    expect(floods.at(-1)!.z.floodedAreaKm2).toBeLessThan(peak.z.floodedAreaKm2);
    expect(Object.keys(peak.z.peopleByClass)).toEqual(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
  });

  it('closes flooded roads (reason flood) and reopens them as the water goes down', () => {
    const closed = of(events, 'ROAD_CLOSED');
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((c) => c.reason === 'flood' && c.by === 'system')).toBe(true);
    const reopened = of(events, 'ROAD_REOPENED');
    expect(reopened.length).toBeGreaterThan(0);
    // At the end the water (level ≤ 0 after 6 h) closes nothing: every closure has been reopened.
    const open = new Set(closed.map((c) => c.closureId));
    for (const r of reopened) open.delete(r.closureId);
    expect(floods.at(-1)!.z.closedRoadKm).toBe(0);
    expect(open.size).toBe(0);
  });

  it('stranded people call for water rescue from flooded ground', () => {
    const calls = of(events, 'CALL_RECEIVED').filter((c) => c.reportedType === 'flood-rescue' || c.truth.trapped === 4);
    expect(calls.length).toBeGreaterThan(0);
    // The caller says what the water does to them (not the flood model's id, which a caller cannot know).
    expect(calls.every((c) => c.description.includes('people cut off by flood water'))).toBe(true);
    // Water-rescue teams and drainage go (the flood-rescue card already asks for them, so the
    // flood adds nothing to it here).
    const sent = of(events, 'UNIT_DISPATCHED').filter((d) => calls.some((c) => c.incidentId === d.incidentId));
    expect(sent.some((d) => d.reason.need === 'water-rescue')).toBe(true);
    expect(sent.some((d) => d.reason.need === 'pumping')).toBe(true);
  });
});
