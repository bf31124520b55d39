// Chemical-release models against values worked out by hand from the published formulas
// (DOMAIN.md §11): Pasquill table, Briggs (1973) curves rural and urban, Gaussian plume with ground
// reflection, Gaussian puff, ppm conversion, threat-zone half-widths and lengths, ERG zones.
// Every expected value below is computed in its comment from the formula, not taken from the code.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { pasquillClass } from '../../server/hazards/stability.ts';
import { briggsSigmas } from '../../server/hazards/dispersion.ts';
import { gaussianDispersion, plumeMgM3, puffMgM3 } from '../../server/hazards/gaussian.ts';
import { mgM3ToPpm, ppmToMgM3 } from '../../server/hazards/units.ts';
import { chemicalZones, insideFootprint } from '../../server/hazards/chemical-zones.ts';
import { halfWidthM } from '../../server/hazards/threat-zones.ts';
import { haversineM } from '../../shared/geo.ts';
import { loadSubstances } from '../../server/scenario/load-hazard-data.ts';

const within = (actual: number, expected: number, rel = 0.005): void => {
  expect(Math.abs(actual - expected) / Math.abs(expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
};
const Q1 = { kind: 'continuous' as const, rateKgS: 1 };
const { data: catalogue } = loadSubstances(path.join(process.cwd(), 'seeds'));
const chlorine = catalogue.substances.find((s) => s.id === 'chlorine')!;

describe('Pasquill-Gifford class (Pasquill 1961 table, NOAA READY)', () => {
  it('reads each column of the table at the band edges', () => {
    // < 2 m/s: A, A-B, B / E, F
    expect(pasquillClass({ period: 'day', insolation: 'strong', overcast: false }, 1.9)).toBe('A');
    expect(pasquillClass({ period: 'day', insolation: 'moderate', overcast: false }, 1.9)).toBe('A-B');
    expect(pasquillClass({ period: 'night', cloudOktas: 5 }, 1.9)).toBe('E');
    expect(pasquillClass({ period: 'night', cloudOktas: 4 }, 1.9)).toBe('F');
    // 2-3 m/s: A-B, B, C / E, F (2.0 belongs to this band)
    expect(pasquillClass({ period: 'day', insolation: 'strong', overcast: false }, 2)).toBe('A-B');
    expect(pasquillClass({ period: 'day', insolation: 'slight', overcast: false }, 2.5)).toBe('C');
    // 3-5: B, B-C, C / D, E
    expect(pasquillClass({ period: 'day', insolation: 'moderate', overcast: false }, 3)).toBe('B-C');
    expect(pasquillClass({ period: 'night', cloudOktas: 2 }, 4.9)).toBe('E');
    // 5-6: C, C-D, D / D, D ; > 6: C, D, D / D, D
    expect(pasquillClass({ period: 'day', insolation: 'moderate', overcast: false }, 6)).toBe('C-D');
    expect(pasquillClass({ period: 'day', insolation: 'moderate', overcast: false }, 6.1)).toBe('D');
    expect(pasquillClass({ period: 'day', insolation: 'strong', overcast: false }, 8)).toBe('C');
    // Overcast day or night and twilight: D; explicit classes pass through.
    expect(pasquillClass({ period: 'day', overcast: true }, 1)).toBe('D');
    expect(pasquillClass({ period: 'night', cloudOktas: 8 }, 1)).toBe('D');
    expect(pasquillClass({ period: 'twilight' }, 1)).toBe('D');
    expect(pasquillClass('F', 10)).toBe('F');
  });
});

describe('Briggs sigmas', () => {
  it('open country D and F, urban D, A and E at their published forms', () => {
    // Rural D, x = 1000: σy = 0.08·1000·(1+0.1)^-½ = 80/1.048809 = 76.2770; σz = 0.06·1000·(1+1.5)^-½ = 60/1.581139 = 37.9473
    let s = briggsSigmas(1000, 'D', 'rural');
    within(s.sigmaY, 76.2770);
    within(s.sigmaZ, 37.9473);
    // Rural F, x = 2000: σy = 0.04·2000·(1.2)^-½ = 80/1.095445 = 73.0297; σz = 0.016·2000/(1+0.6) = 32/1.6 = 20
    s = briggsSigmas(2000, 'F', 'rural');
    within(s.sigmaY, 73.0297);
    within(s.sigmaZ, 20);
    // Urban D, x = 500: σy = 0.16·500·(1+0.2)^-½ = 80/1.095445 = 73.0297; σz = 0.14·500·(1+0.15)^-½ = 70/1.072381 = 65.2753
    s = briggsSigmas(500, 'D', 'urban');
    within(s.sigmaY, 73.0297);
    within(s.sigmaZ, 65.2753);
    // Urban A (A-B row), x = 1000: σy = 0.32·1000·(1.4)^-½ = 320/1.183216 = 270.449; σz = 0.24·1000·(1+1)^½ = 339.411
    s = briggsSigmas(1000, 'A', 'urban');
    within(s.sigmaY, 270.449);
    within(s.sigmaZ, 339.411);
    // Urban E (E-F row), x = 5000: σy = 0.11·5000·(1+2)^-½ = 550/1.732051 = 317.543; σz = 0.08·5000·(1+7.5)^-½ = 400/2.915476 = 137.199
    s = briggsSigmas(5000, 'E', 'urban');
    within(s.sigmaY, 317.543);
    within(s.sigmaZ, 137.199);
  });

  it('a split class averages its two classes (Turner 1970)', () => {
    // Rural C-D, x = 1000: σy C = 110/1.048809 = 104.881, D = 76.277 → 90.579;
    // σz C = 0.08·1000·(1.2)^-½ = 73.0297, D = 37.9473 → 55.4885
    const s = briggsSigmas(1000, 'C-D', 'rural');
    within(s.sigmaY, 90.579);
    within(s.sigmaZ, 55.4885);
  });
});

describe('Gaussian plume with ground reflection', () => {
  it('ground centreline, rural D, 1 kg/s chlorine at 3 m/s, 1 km: 36.66 mg/m³ = 12.64 ppm', () => {
    // C = 2Q/(2π u σy σz) = 1e6 mg/s / (π·3·76.2770·37.9473) = 1e6 / 27280.1 = 36.657 mg/m³
    // ppm = 36.657 × 24.45 / 70.90 = 12.641
    const m = gaussianDispersion({ emission: Q1, heightM: 0, windMS: 3, stability: 'D', terrain: 'rural' });
    within(m.centrelineMgM3(1000), 36.657);
    within(mgM3ToPpm(m.centrelineMgM3(1000), 70.9), 12.641);
  });

  it('several classes, distances, urban and rural', () => {
    // Urban D, 500 m, u = 3: C = 1e6/(π·3·73.0297·65.2753) = 1e6/44928.3 = 22.258 mg/m³
    within(gaussianDispersion({ emission: Q1, heightM: 0, windMS: 3, stability: 'D', terrain: 'urban' }).centrelineMgM3(500), 22.258);
    // Rural B, 200 m, u = 3: σy = 32/(1.02)^½ = 31.6847, σz = 24; C = 1e6/(π·3·31.6847·24) = 1e6/7166.8 = 139.530
    within(gaussianDispersion({ emission: Q1, heightM: 0, windMS: 3, stability: 'B', terrain: 'rural' }).centrelineMgM3(200), 139.53);
    // Urban E, 5 km, u = 3: C = 1e6/(π·3·317.543·137.199) = 1e6/410,598 = 2.4354 mg/m³
    within(gaussianDispersion({ emission: Q1, heightM: 0, windMS: 3, stability: 'E', terrain: 'urban' }).centrelineMgM3(5000), 2.4354);
    // Urban A, 1 km, u = 3: C = 1e6/(π·3·270.449·339.411) = 1e6/865,130 = 1.1559 mg/m³
    within(gaussianDispersion({ emission: Q1, heightM: 0, windMS: 3, stability: 'A', terrain: 'urban' }).centrelineMgM3(1000), 1.1559);
    // Rural C-D, 1 km, u = 3: C = 1e6/(π·3·90.579·55.4885) = 1e6/47369.6 = 21.1105 mg/m³
    within(gaussianDispersion({ emission: Q1, heightM: 0, windMS: 3, stability: 'C-D', terrain: 'rural' }).centrelineMgM3(1000), 21.1105);
  });

  it('an elevated source: rural F, H = 10 m, u = 2, 2 km', () => {
    // Ground centreline: C = Q/(π u σy σz)·exp(−H²/2σz²) = 1e6/(π·2·73.0297·20)·exp(−100/800)
    //   = (1e6/9177.1)·0.882497 = 108.967·0.882497 = 96.162 mg/m³
    const c = { emission: Q1, heightM: 10, windMS: 2, stability: 'F' as const, terrain: 'rural' as const };
    within(gaussianDispersion(c).centrelineMgM3(2000), 96.162);
    within(plumeMgM3(c, 2000, 0, 0), 96.162);
  });

  it('off the axis and above the ground, both reflection terms', () => {
    // Rural D, H = 5, u = 3, x = 1000, y = 100, z = 2:
    // Q/(2π u σy σz) = 1e6/(2π·3·76.2770·37.9473) = 18.3284;
    // exp(−100²/(2·76.2770²)) = exp(−0.859375) = 0.423430;
    // exp(−(2−5)²/(2·37.9473²)) + exp(−(2+5)²/(2·37.9473²)) = exp(−0.003125) + exp(−0.0170139) = 0.996880 + 0.983130 = 1.980010
    // C = 18.3284 × 0.423430 × 1.980010 = 15.3663 mg/m³
    within(plumeMgM3({ emission: Q1, heightM: 5, windMS: 3, stability: 'D', terrain: 'rural' }, 1000, 100, 2), 15.3663);
  });

  it('converts ppm and mg/m³ at 25 °C', () => {
    // 2 ppm chlorine = 2 × 70.90 / 24.45 = 5.79959 mg/m³; 100 mg/m³ ammonia = 100 × 24.45 / 17.03 = 143.570 ppm
    within(ppmToMgM3(2, 70.9), 5.79959);
    within(mgM3ToPpm(100, 17.03), 143.57);
  });
});

describe('Gaussian puff (instantaneous release)', () => {
  const puff = { emission: { kind: 'instantaneous' as const, massKg: 1000 }, heightM: 0, windMS: 3, stability: 'D' as const, terrain: 'rural' as const };
  it('peak at 1 km as the 1 t puff passes: 575.16 mg/m³', () => {
    // Peak (t = x/u, σx = σy): C = 2M/((2π)^{3/2} σy² σz) = 2e9 / (15.749610 · 5818.18 · 37.9473)
    //   = 2e9 / 3,477,232 = 575.164 mg/m³
    within(gaussianDispersion(puff).centrelineMgM3(1000), 575.164);
    within(puffMgM3(puff, 1000, 0, 0, 1000 / 3), 575.164);
  });
  it('off the puff centre at an earlier time', () => {
    // t = 300 s: centre at u t = 900 m; σy = σx = 0.08·900·(1.09)^-½ = 72/1.044031 = 68.9635; σz = 0.06·900·(2.35)^-½ = 54/1.532971 = 35.2257
    // at x = 1000, y = 50, z = 0: M/((2π)^{3/2} σx σy σz) = 1e9/(15.749610·4755.96·35.2257) = 379.003
    //   × exp(−100²/(2·4755.96)) = exp(−1.051313) = 0.349487
    //   × exp(−50²/(2·4755.96)) = exp(−0.262828) = 0.768848 × 2 (reflection, H = 0) → 203.675 mg/m³
    within(puffMgM3(puff, 1000, 50, 0, 300), 203.675);
  });
});

describe('threat zones', () => {
  const scene = {
    substance: chlorine,
    ergWindClasses: catalogue.ergWindClasses,
    source: { kind: 'continuous' as const, rateKgS: 1, heightM: 0 },
    origin: [24.6, 110.55] as [number, number],
    wind: { fromDeg: 270, speedMS: 3 },
    stability: 'D' as const,
    terrain: 'rural' as const,
    spill: 'large' as const,
    night: false,
  };
  it('AEGL-2 half-width at 1 km equals the analytic solution σy·sqrt(2 ln(C0/L))', () => {
    // L = 2 ppm = 5.79959 mg/m³; C0(1000) = 36.657 → ln(36.657/5.79959) = 1.84381;
    // w = 76.2770 · sqrt(2 · 1.84381) = 76.2770 · 1.920317 = 146.476 m
    const z = chemicalZones(scene);
    const aegl2 = z.threat.find((t) => t.level === 2)!;
    within(halfWidthM(z.model, 1000, aegl2.mgM3), 146.476);
    // The polygon's edge passes through that half-width: a point 1 m inside is in, 1 m outside is out.
    expect(insideFootprint(z, aegl2, z.frame.toLatLon(1000, 145.4))).toBe(true);
    expect(insideFootprint(z, aegl2, z.frame.toLatLon(1000, 147.5))).toBe(false);
  });
  it('AEGL-2 length lies where C0 crosses 2 ppm; width is twice the largest half-width', () => {
    // C0(3200) = 1e6/(3π·222.819·79.7237) = 5.9729 > 5.79959 > C0(3300) = 1e6/(3π·228.917·81.1721) = 5.7101
    const z = chemicalZones(scene);
    const aegl2 = z.threat.find((t) => t.level === 2)!;
    expect(aegl2.lengthM).toBeGreaterThan(3200);
    expect(aegl2.lengthM).toBeLessThan(3300);
    // w(1800) = 132.5627·sqrt(2·ln(14.25557/5.79959)) = 132.5627·sqrt(2·0.899360) = 177.788;
    // w(1900) = 139.3382·sqrt(2·ln(13.10643/5.79959)) = 139.3382·sqrt(2·0.815315) = 177.929;
    // the maximum lies between them and the curve is flat there: width ≈ 2 × 177.93 = 355.9 m
    within(aegl2.widthM, 2 * 177.929);
    expect(aegl2.widthM / 2).toBeGreaterThanOrEqual(177.929);
    // Zones nest: AEGL-3 inside AEGL-2 inside AEGL-1.
    const [l3, l2, l1] = z.threat;
    expect([l3!.level, l2!.level, l1!.level]).toEqual([3, 2, 1]);
    expect(l3!.lengthM).toBeLessThan(l2!.lengthM);
    expect(l2!.lengthM).toBeLessThan(l1!.lengthM);
  });
  it('is oriented by the wind: a west wind (from 270°) carries the zone east', () => {
    const z = chemicalZones(scene);
    const tip = z.frame.toLatLon(1000, 0);
    expect(tip[0]).toBeCloseTo(24.6, 6);
    expect(tip[1]).toBeGreaterThan(110.55);
    within(haversineM(scene.origin, tip), 1000, 0.002);
    const shifted = chemicalZones({ ...scene, wind: { fromDeg: 0, speedMS: 3 } }); // from the north: goes south
    expect(shifted.frame.toLatLon(1000, 0)[0]).toBeLessThan(24.6);
  });
  it('warns of its limits: dense gas, low wind, stable class, near source, flat ground', () => {
    const z = chemicalZones({ ...scene, wind: { fromDeg: 90, speedMS: 0.8 }, stability: 'F' });
    const codes = z.warnings.map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['dense-gas', 'low-wind', 'stable-class', 'near-source', 'no-terrain-steering']));
    expect(z.modelWindMS).toBe(1);
    expect(chemicalZones(scene).warnings.map((w) => w.code)).not.toContain('low-wind');
  });
  it('hot zone = AEGL-3 footprint + ERG isolation circle; warm = AEGL-2 footprint', () => {
    const z = chemicalZones(scene);
    expect(z.hot).toHaveLength(2);
    expect(z.warm).toHaveLength(1);
    expect(z.hot[1]).toBe(z.threat[0]!.ring);
  });
});

describe('ERG zones (ERG 2016, DOMAIN.md §11)', () => {
  const base = { ergWindClasses: catalogue.ergWindClasses, source: { kind: 'continuous' as const, rateKgS: 1, heightM: 0 }, origin: [24.6, 110.55] as [number, number], stability: 'D' as const, terrain: 'rural' as const };
  it('small chlorine spill: isolate 60 m, protect 0.3 km by day and 1.1 km at night', () => {
    const day = chemicalZones({ ...base, substance: chlorine, wind: { fromDeg: 270, speedMS: 3 }, spill: 'small', night: false });
    expect(day.erg.isolation.radiusM).toBe(60);
    expect(day.erg.protectiveAction!.distanceM).toBe(300);
    const night = chemicalZones({ ...base, substance: chlorine, wind: { fromDeg: 270, speedMS: 3 }, spill: 'small', night: true });
    expect(night.erg.protectiveAction!.distanceM).toBe(1100);
    expect(night.erg.edition).toBe('ERG2016');
    // The square: side 1.1 km downwind (east) of the spill, the spill in the middle of its upwind side.
    const ring = night.erg.protectiveAction!.ring;
    within(haversineM(ring[0]!, ring[3]!), 1100, 0.002);
    within(haversineM(ring[0]!, ring[1]!), 1100, 0.002);
    expect(Math.min(...ring.map((p) => p[1]))).toBeCloseTo(110.55, 5);
  });
  it('large chlorine tank truck by wind class: 3 m/s = 10.8 km/h is moderate → 3.4 km day, 5.0 km night; isolate 600 m', () => {
    const z = chemicalZones({ ...base, substance: chlorine, wind: { fromDeg: 270, speedMS: 3 }, spill: 'large', night: false });
    expect(z.erg.isolation.radiusM).toBe(600);
    expect(z.erg.protectiveAction!.distanceM).toBe(3400);
    // 2 m/s = 7.2 km/h < 10: low → 6.7 km at night; 6 m/s = 21.6 km/h > 20: high → 2.9 km by day
    expect(chemicalZones({ ...base, substance: chlorine, wind: { fromDeg: 270, speedMS: 2 }, spill: 'large', night: true }).erg.protectiveAction!.distanceM).toBe(6700);
    expect(chemicalZones({ ...base, substance: chlorine, wind: { fromDeg: 270, speedMS: 6 }, spill: 'large', night: false }).erg.protectiveAction!.distanceM).toBe(2900);
  });
  it('hydrogen cyanide: isolation only, and the zone says the distances are missing', () => {
    const hcn = catalogue.substances.find((s) => s.id === 'hydrogen-cyanide')!;
    const z = chemicalZones({ ...base, substance: hcn, wind: { fromDeg: 270, speedMS: 3 }, spill: 'large', night: false });
    expect(z.erg.protectiveAction).toBeNull();
    expect(z.warnings.map((w) => w.code)).toContain('erg-no-protective-distance');
  });
});
