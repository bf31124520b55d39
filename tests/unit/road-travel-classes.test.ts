// Imported road networks extend the six road classes with speed slots ("arterial at 60 km/h",
// road-file.ts networkFromSlots): edges on those slots must get the doctrine's time-of-day traffic
// factors of their road class, in travel times and in the choice of route, and the model's lower
// bound must stay a number.
import { describe, expect, it } from 'vitest';
import { networkFromSlots, type SpeedSlot } from '../../server/geo/road-file.ts';
import { ROAD_CLASSES } from '../../server/geo/road-network.ts';
import { roadTravel } from '../../server/geo/road-travel.ts';
import type { LatLon } from '../../shared/geo.ts';
import { miniWorld } from '../fixtures/mini-world.ts';

// The doctrine's default traffic: 07:30-09:00 arterial and local roads at 0.8, 22:00-06:00 all at 1.1.
const doctrine = miniWorld().doctrine;
const HOUR_MS = 3_600_000;

/**
 * A (0) → B (1) two ways: via node 2 on 1,000 m of "arterial at 60 km/h" (slot 6, beyond the six
 * classes), or via node 3 on 850 m of rural road at its default 45 km/h (slot 3). Free-flowing the
 * arterial wins (60 s against 68 s); in the morning rush it runs at 48 km/h (75 s) and the rural road wins.
 */
function twoRoutes() {
  const slots: SpeedSlot[] = [...ROAD_CLASSES.map((cls) => ({ cls, speedKmh: undefined })), { cls: 'arterial', speedKmh: 60 }];
  const lat = Float64Array.from([30, 30, 30.001, 29.999]);
  const lon = Float64Array.from([120, 120.01, 120.005, 120.005]);
  const segments: [number, number, number, number][] = [[0, 2, 500, 6], [2, 1, 500, 6], [0, 3, 425, 3], [3, 1, 425, 3]];
  const both = segments.flatMap(([a, b, len, slot]) => [[a, b, len, slot], [b, a, len, slot]] as const);
  const net = networkFromSlots({
    lat,
    lon,
    from: Int32Array.from(both, (s) => s[0]),
    to: Int32Array.from(both, (s) => s[1]),
    lengthM: Float32Array.from(both, (s) => s[2]),
    slot: Uint8Array.from(both, (s) => s[3]),
    slots,
  });
  const at = (v: number): LatLon => [lat[v]!, lon[v]!];
  return { net, a: at(0), b: at(1) };
}

describe('road travel on a network with extra speed slots', () => {
  const { net, a, b } = twoRoutes();

  it('the network has a seventh edge class, an arterial at 60 km/h', () => {
    expect(net.classes).toHaveLength(7);
    expect(net.classes[6]).toBe('arterial');
    expect(net.speedMps[6]).toBeCloseTo(60 / 3.6, 12);
  });

  // Medium vehicles drive at the road speed (factor 1); the points sit on nodes (no off-road leg).
  for (const [label, hubs] of [['reverse trees', []], ['station hub trees', [a]]] as const) {
    describe(`through ${label}`, () => {
      const model = roadTravel(net, doctrine, { startLocalMs: 0, hubs });

      it('at noon the 60 km/h arterial is taken: 60 s', () => {
        const r = model.route(a, b, 'medium', 12 * HOUR_MS);
        expect(r.seconds).toBeCloseTo(60, 9);
        expect(r.distanceM).toBeCloseTo(1000, 3);
        expect(r.path).toContainEqual([30.001, 120.005]);
      });

      it('in the morning rush the arterial slows to 48 km/h, so the rural road is quicker: 68 s', () => {
        const r = model.route(a, b, 'medium', 8 * HOUR_MS);
        expect(r.seconds).toBeCloseTo(68, 9);
        expect(r.distanceM).toBeCloseTo(850, 3);
        expect(r.path).toContainEqual([29.999, 120.005]);
        expect(model.travel(a, b, 'medium', 8 * HOUR_MS).seconds).toBeCloseTo(68, 9);
      });

      it('at night every class, the extra slot too, is 10 % faster', () => {
        expect(model.travel(a, b, 'medium', 23 * HOUR_MS).seconds).toBeCloseTo(60 / 1.1, 9);
      });

      it('the lower bound is a number no larger than any drive', () => {
        const min = model.minSeconds!(a, b, 'medium');
        expect(Number.isFinite(min)).toBe(true);
        expect(min).toBeLessThanOrEqual(60 / 1.1);
      });
    });
  }
});
