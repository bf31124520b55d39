// `sim hazard plume|flood` in a child process, as a user runs them: the JSON carries the centreline
// at the six distances (checked against the hand-computed Gaussian value at 1 km), the threat
// zones nested by level, the flood's area, classes, stranded people and closed roads; mistakes are
// one line on stderr with exit code 2.
import { describe, expect, it } from 'vitest';
import { sim } from '../fixtures/run-sim.ts';

describe('sim hazard', () => {
  it('plume --json: centreline at 100 … 5000 m and three nested threat zones', async () => {
    const out = await sim('hazard', 'plume', '--substance', 'chlorine', '--rate-kg-s', '1', '--wind-m-s', '3', '--stability', 'D', '--json');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as { centreline: { distanceM: number; ppm: number; mgM3: number }[]; zones: { level: number; lengthM: number; widthM: number }[]; terrain: string; warnings: { code: string }[] };
    expect(json.centreline.map((c) => c.distanceM)).toEqual([100, 200, 500, 1000, 2000, 5000]);
    // 1 km, rural D, u = 3: C = 1e6/(π·3·76.2770·37.9473) = 36.657 mg/m³ = 36.657 × 24.45/70.90 = 12.641 ppm
    const at1k = json.centreline[3]!;
    expect(Math.abs(at1k.mgM3 - 36.657) / 36.657).toBeLessThan(0.005);
    expect(Math.abs(at1k.ppm - 12.641) / 12.641).toBeLessThan(0.005);
    // Concentration falls with distance; zones nest and widen with lower levels.
    for (let i = 1; i < json.centreline.length; i++) expect(json.centreline[i]!.ppm).toBeLessThan(json.centreline[i - 1]!.ppm);
    expect(json.zones.map((z) => z.level)).toEqual([3, 2, 1]);
    expect(json.zones[0]!.lengthM).toBeLessThan(json.zones[1]!.lengthM);
    expect(json.zones[1]!.widthM).toBeLessThan(json.zones[2]!.widthM);
    expect(json.terrain).toBe('rural');
    expect(json.warnings.map((w) => w.code)).toContain('dense-gas');
    // --urban: the urban curves spread the gas more: lower concentration at 1 km.
    const urban = JSON.parse((await sim('hazard', 'plume', '--substance', 'chlorine', '--rate-kg-s', '1', '--wind-m-s', '3', '--stability', 'D', '--urban', '--json')).stdout) as typeof json;
    expect(urban.terrain).toBe('urban');
    expect(urban.centreline[3]!.ppm).toBeLessThan(at1k.ppm);
  }, 240_000);

  it('flood --json: a higher level floods more, closes more road and strands more people', async () => {
    // Three processes at once: each loads the world (slow on a loaded machine).
    const [low, high, zero] = await Promise.all([
      sim('hazard', 'flood', '--level-m', '1', '--json'),
      sim('hazard', 'flood', '--level-m', '3', '--json'),
      sim('hazard', 'flood', '--level-m', '0', '--json'),
    ]);
    expect(low.code).toBe(0);
    expect(high.code).toBe(0);
    type Flood = { floodedAreaKm2: number; peopleByClass: Record<string, number>; closedRoadKm: number; closedSegments: { from: number[]; to: number[]; depthM: number }[]; peopleStranded: number };
    const a = JSON.parse(low.stdout) as Flood;
    const b = JSON.parse(high.stdout) as Flood;
    expect(Object.keys(b.peopleByClass)).toEqual(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
    expect(b.floodedAreaKm2).toBeGreaterThan(a.floodedAreaKm2);
    expect(a.floodedAreaKm2).toBeGreaterThan(0);
    expect(b.closedRoadKm).toBeGreaterThan(a.closedRoadKm);
    expect(b.peopleStranded).toBeGreaterThan(a.peopleStranded);
    expect(b.closedSegments.length).toBeGreaterThan(0);
    for (const s of b.closedSegments) expect(s.depthM).toBeGreaterThanOrEqual(0.3); // deeper than 0.3 m, shown to 1 mm
    // Road ends to 1e-5° (about 1 m), without float noise (24.581999999999997).
    for (const s of b.closedSegments) for (const v of [...s.from, ...s.to]) expect(Math.round(v * 1e5) / 1e5).toBe(v);
    const none = JSON.parse(zero.stdout) as Flood;
    expect(none.floodedAreaKm2).toBe(0);
    expect(none.closedRoadKm).toBe(0);
  }, 240_000);

  it('reports mistakes in one line with exit code 2', async () => {
    const bad = await sim('hazard', 'plume', '--substance', 'chlorin', '--rate-kg-s', '1', '--wind-m-s', '3', '--stability', 'D');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown substance "chlorin" \(expected one of: chlorine, ammonia/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const cls = await sim('hazard', 'plume', '--substance', 'chlorine', '--rate-kg-s', '1', '--wind-m-s', '3', '--stability', 'G');
    expect(cls.code).toBe(2);
    expect(cls.stderr).toMatch(/expected a Pasquill-Gifford class/);
  }, 240_000);
});
