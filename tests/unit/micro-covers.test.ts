// A micro station covers a site within the doctrine's radius of it (dispatch/needs.ts microCovers).
// It tells most stations apart by latitude alone, before the haversine: that shortcut may never give
// another answer than the haversine itself, near the edge of the radius above all.
import { describe, expect, it } from 'vitest';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import { microCovers } from '../../server/engine/domain/dispatch/needs.ts';
import type { UnitInfo } from '../../server/engine/kernel/world-index.ts';
import { prng } from '../fixtures/prng.ts';

/** A micro unit as microCovers reads it: its station's place. */
const unitAt = (location: LatLon): UnitInfo => ({ station: { location } }) as unknown as UnitInfo;

describe('microCovers', () => {
  it('answers as the haversine does, far, near and at the edge of the radius', () => {
    const r = prng(5);
    const metresPerDegree = (6_371_008.8 * Math.PI) / 180;
    let covered = 0;
    let edge = 0;
    for (let i = 0; i < 20_000; i++) {
      const station: LatLon = [-60 + r() * 120, -180 + r() * 360];
      const radiusM = [300, 1_000, 2_500][i % 3]!;
      // Sites a latitude apart of about the radius (the shortcut's edge), some with a longitude apart
      // too, and some anywhere within a few radii.
      const dLat = (radiusM / metresPerDegree) * (i % 2 === 0 ? 1 + (r() - 0.5) * 1e-6 : 4 * (r() - 0.5));
      const dLon = i % 4 < 2 ? 0 : (radiusM / metresPerDegree) * 2 * (r() - 0.5);
      const site: LatLon = [station[0] + (r() < 0.5 ? dLat : -dLat), station[1] + dLon];
      const want = haversineM(station, site) <= radiusM;
      expect(microCovers(unitAt(station), site, radiusM), `station ${station}, site ${site}, radius ${radiusM}`).toBe(want);
      if (want) covered++;
      if (Math.abs(haversineM(station, site) - radiusM) < 0.01) edge++;
    }
    // The cases reach both answers and the edge itself.
    expect(covered).toBeGreaterThan(2_000);
    expect(edge).toBeGreaterThan(1_000);
  });
});
