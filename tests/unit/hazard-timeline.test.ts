// The report's hazard fold (server/report/hazard-timeline.ts) on a crafted log, with the areas worked
// out by hand, and the chart options drawn from it (shared/charts/hazard-charts.ts).
import { describe, expect, it } from 'vitest';
import type { DomainEvent, HazardZonesView } from '../../shared/events.ts';
import type { LatLon } from '../../shared/geo.ts';
import { hazardTimelines, ringAreaKm2 } from '../../server/report/hazard-timeline.ts';
import { chemicalZonesOptions, floodLevelOptions, type HazardSeries } from '../../shared/charts/hazard-charts.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

/*
 * A 0.009° × 0.010° rectangle at 24.6° N. Mean latitude 24.6045°, cos = 0.909203.
 * North-south: 0.009 × 111,195 m = 1,000.755 m; east-west: 0.010 × 111,195 × 0.909203 = 1,010.989 m.
 * Area = 1,000.755 × 1,010.989 = 1,011,752 m² = 1.01175 km².
 */
const RECT: LatLon[] = [[24.6, 110.55], [24.609, 110.55], [24.609, 110.56], [24.6, 110.56]];
/* Twice as wide (0.020° of longitude): 2.02350 km². */
const WIDE: LatLon[] = [[24.6, 110.55], [24.609, 110.55], [24.609, 110.57], [24.6, 110.57]];
/*
 * A right triangle with legs 0.018° north and 0.020° east from (24.6, 110.55). Mean latitude
 * (24.6 + 24.6 + 24.618) / 3 = 24.606°, cos = 0.909190. Legs 0.018 × 111,195 = 2,001.51 m and
 * 0.020 × 111,195 × 0.909190 = 2,021.94 m; area = ½ × 2,001.51 × 2,021.94 = 2,023,465 m² = 2.02347 km².
 */
const TRIANGLE: LatLon[] = [[24.6, 110.55], [24.6, 110.57], [24.618, 110.55]];

const zone = (level: 1 | 2 | 3, ring: LatLon[]) => ({ level, basis: `AEGL-${level}`, ppm: 1, lengthM: 1000, widthM: 500, ring });
const chemical = (threat: ReturnType<typeof zone>[], people: [number, number, number]): HazardZonesView => ({
  kind: 'chemical-release', windFromDeg: 90, windMS: 3, stability: 'D', terrain: 'rural', threat,
  erg: { edition: 'ERG2024', basis: 'test', center: [24.6, 110.55], isolationM: 100, protectiveAction: null },
  peopleByLevel: { level1: people[0], level2: people[1], level3: people[2] }, warnings: [],
});
const flood = (levelM: number, floodedAreaKm2: number, boatOnlyAreaKm2: number, stranded: number): HazardZonesView => ({
  kind: 'flood', levelM, floodedAreaKm2, boatOnlyAreaKm2, peopleByClass: {}, stranded, closedRoadKm: 2 * levelM, cells: [],
});

const LOG = [
  { seq: 1, t: 0, type: 'HAZARD_STARTED', hazardId: 'fl', kind: 'flood', note: '' },
  { seq: 2, t: 5 * MIN, type: 'HAZARD_STARTED', hazardId: 'cl2', kind: 'chemical-release', substanceId: 'chlorine', location: [24.6, 110.55], note: '' },
  { seq: 3, t: 5 * MIN, type: 'ZONES_UPDATED', hazardId: 'cl2', zones: chemical([zone(3, RECT), zone(2, WIDE), zone(1, TRIANGLE)], [40, 12, 3]) },
  { seq: 4, t: 10 * MIN, type: 'ZONES_UPDATED', hazardId: 'fl', zones: flood(1.2, 3.4, 0.5, 10) },
  { seq: 5, t: 20 * MIN, type: 'ZONES_UPDATED', hazardId: 'fl', zones: flood(2, 8.1, 2.2, 35) },
  { seq: 6, t: 30 * MIN, type: 'HAZARD_CHANGED', hazardId: 'cl2', change: 'cleared', by: 'system' },
  { seq: 7, t: 30 * MIN, type: 'ZONES_UPDATED', hazardId: 'cl2', zones: { kind: 'cleared' } },
] as unknown as DomainEvent[];

describe('hazards over time', () => {
  it('measures zone rings in km² (worked out by hand above)', () => {
    expect(ringAreaKm2(RECT)).toBeCloseTo(1.01175, 4);
    expect(ringAreaKm2(WIDE)).toBeCloseTo(2.0235, 3);
    expect(ringAreaKm2(TRIANGLE)).toBeCloseTo(2.02347, 4);
    // Orientation does not matter; fewer than three points is no area.
    expect(ringAreaKm2([...RECT].reverse())).toBeCloseTo(1.01175, 4);
    expect(ringAreaKm2(RECT.slice(0, 2))).toBe(0);
  });

  it('folds each hazard into its series: zone areas and people, water level and areas, cleared', () => {
    const [fl, cl2] = hazardTimelines(LOG);
    expect(cl2).toEqual({
      kind: 'chemical-release', id: 'cl2', substanceId: 'chlorine', startedAt: 5 * MIN, clearedAt: 30 * MIN,
      points: [
        { t: 5 * MIN, level3Km2: 1.012, level2Km2: 2.024, level1Km2: 2.023, people: { level1: 40, level2: 12, level3: 3 } },
        { t: 30 * MIN, level3Km2: 0, level2Km2: 0, level1Km2: 0, people: { level1: 0, level2: 0, level3: 0 } },
      ],
    });
    expect(fl).toEqual({
      kind: 'flood', id: 'fl', startedAt: 0,
      points: [
        { t: 10 * MIN, levelM: 1.2, floodedKm2: 3.4, boatOnlyKm2: 0.5, stranded: 10, closedRoadKm: 2.4 },
        { t: 20 * MIN, levelM: 2, floodedKm2: 8.1, boatOnlyKm2: 2.2, stranded: 35, closedRoadKm: 4 },
      ],
    });
  });

  it('draws step lines in hours held to the end of the drill, one per threat level', () => {
    const series = hazardTimelines(LOG);
    const chem = chemicalZonesOptions({ hazards: series.filter((h): h is Extract<HazardSeries, { kind: 'chemical-release' }> => h.kind === 'chemical-release'), endsAt: HOUR }, 'en') as { series: { name: string; step: string; data: number[][] }[]; xAxis: { max: number } };
    expect(chem.xAxis.max).toBe(1);
    expect(chem.series.map((s) => s.name)).toEqual(['AEGL-3', 'AEGL-2', 'AEGL-1']);
    expect(chem.series.every((s) => s.step === 'end')).toBe(true);
    // 5 min = 0.0833 h: 1.012 km² until 30 min = 0.5 h, then nothing to the end (1 h).
    expect(chem.series[0]!.data).toEqual([[5 / 60, 1.012], [0.5, 0], [1, 0]]);
    const fl = floodLevelOptions({ hazards: series.filter((h): h is Extract<HazardSeries, { kind: 'flood' }> => h.kind === 'flood'), endsAt: HOUR }, 'zh') as { series: { name: string; yAxisIndex?: number; data: number[][] }[] };
    expect(fl.series.map((s) => s.name)).toEqual(['水位', '淹没面积', '仅可舟艇通行(>0.6 m)']);
    expect(fl.series[0]!.data).toEqual([[10 / 60, 1.2], [20 / 60, 2], [1, 2]]);
    expect(fl.series[1]!.yAxisIndex).toBe(1);
  });
});
