// The pure pieces behind evacuation, exposure and staging (server/hazards/evacuation.ts,
// exposure.ts, staging.ts), against arithmetic done by hand.
import { describe, expect, it } from 'vitest';
import { evacuationMinutes, insideArea, remainingShare } from '../../server/hazards/evacuation.ts';
import { exposureStep } from '../../server/hazards/exposure.ts';
import { stagingPoint } from '../../server/hazards/staging.ts';
import { levelAt } from '../../server/hazards/zone-effects.ts';
import { chemicalZones } from '../../server/hazards/chemical-zones.ts';
import { loadSubstances } from '../../server/scenario/load-hazard-data.ts';

const rules = { setupMin: 10, peoplePerHourPerFirefighter: 60, minFirefighters: 10, source: 'test' };

describe('evacuation time', () => {
  it('is set-up plus people over the pace of the crews there', () => {
    // 1,200 people, 20 firefighters: 1,200 / (60 × 20) = 1 h → 10 + 60 = 70 min.
    expect(evacuationMinutes(1200, 20, rules)).toBeCloseTo(70, 9);
    // No crew there: at least 10 firefighters' pace, 1,200 / 600 = 2 h → 130 min.
    expect(evacuationMinutes(1200, 0, rules)).toBeCloseTo(130, 9);
    expect(evacuationMinutes(0, 0, rules)).toBe(10);
  });

  it('people leave evenly after the set-up', () => {
    const ev = { movingAt: 10 * 60_000, doneAt: 70 * 60_000 };
    expect(remainingShare(5 * 60_000, ev)).toBe(1);
    expect(remainingShare(40 * 60_000, ev)).toBeCloseTo(0.5, 12); // half-way through 10..70 min
    expect(remainingShare(70 * 60_000, ev)).toBe(0);
  });

  it('knows what lies in a circle or a polygon', () => {
    expect(insideArea({ kind: 'circle', center: [24.6, 110.55], radiusM: 500 }, [24.603, 110.55])).toBe(true); // 334 m north
    expect(insideArea({ kind: 'circle', center: [24.6, 110.55], radiusM: 300 }, [24.603, 110.55])).toBe(false);
    const square: [number, number][] = [[24.5, 110.5], [24.5, 110.6], [24.6, 110.6], [24.6, 110.5]];
    expect(insideArea({ kind: 'polygon', ring: square }, [24.55, 110.55])).toBe(true);
    expect(insideArea({ kind: 'polygon', ring: square }, [24.65, 110.55])).toBe(false);
  });
});

describe('exposure casualties', () => {
  it('are people × share still inside × hourly rate × hours', () => {
    const exposed = [{ index: 1, level: 3 as const, people: 400 }, { index: 2, level: 2 as const, people: 1000 }];
    const step = exposureStep(exposed, (i) => (i === 1 ? 0.5 : 1), { level2PerHour: 0.005, level3PerHour: 0.05 }, 5 / 60);
    // level 3: 400 × 0.5 × 0.05 × 5/60 = 0.8333…; level 2: 1000 × 1 × 0.005 × 5/60 = 0.41666…
    expect(step.bySubcell[0]!.casualties).toBeCloseTo(0.833333, 5);
    expect(step.bySubcell[1]!.casualties).toBeCloseTo(0.416667, 5);
    expect(step.total).toBeCloseTo(1.25, 9);
    expect(exposureStep(exposed, () => 0, { level2PerHour: 0.005, level3PerHour: 0.05 }, 1).total).toBe(0); // evacuated: nobody
  });
});

describe('staging point of an unprotected crew', () => {
  const cat = loadSubstances().data;
  const zones = chemicalZones({
    substance: cat.substances.find((s) => s.id === 'chlorine')!, ergWindClasses: cat.ergWindClasses,
    source: { kind: 'continuous', rateKgS: 1, heightM: 0 }, origin: [24.6, 110.55], wind: { fromDeg: 270, speedMS: 3 },
    stability: 'D', terrain: 'rural', spill: 'large', container: 'highway-tank-truck', night: false,
  });

  it('at the source: upwind, isolation radius + margin against the wind', () => {
    const p = stagingPoint(zones, [24.6, 110.55], 200)!;
    const [x, y] = zones.frame.toLocal(p);
    expect(x).toBeCloseTo(-(600 + 200), 0); // chlorine tank truck, ERG 2016 Table 3: isolate 600 m
    expect(y).toBeCloseTo(0, 0);
    expect(p[1]).toBeLessThan(110.55); // a west wind: upwind is west
    expect(levelAt(zones, p)).toBe(0);
  });

  it('far downwind: crosswind, beyond the warm zone on the side the place lies', () => {
    const inside = zones.frame.toLatLon(2000, 50);
    expect(levelAt(zones, inside)).toBeGreaterThanOrEqual(2);
    const p = stagingPoint(zones, inside, 200)!;
    const [x, y] = zones.frame.toLocal(p);
    expect(x).toBeCloseTo(2000, 0);
    expect(y).toBeGreaterThan(200);
    expect(levelAt(zones, zones.frame.toLatLon(x, y - 200))).toBeLessThan(2); // the warm edge is within the margin
    expect(levelAt(zones, zones.frame.toLatLon(x, y - 200 - 10))).toBeGreaterThanOrEqual(2); // and 10 m inside it is still warm
  });

  it('outside the hot and warm zones: no staging', () => {
    expect(stagingPoint(zones, zones.frame.toLatLon(-3000, 0), 200)).toBeUndefined();
  });
});
