// A routed leg's track (shared/leg-track.ts): encoded and decoded back it gives exactly the path and
// times it was made of; a unit is where it was on the [lat, lon] pairs logs carried before; the
// engine's legs decode to paths on 1e-5° from their start to their destination.
import { describe, expect, it } from 'vitest';
import type { Leg } from '../../shared/events.ts';
import type { LatLon } from '../../shared/geo.ts';
import { encodeTrack, legVertices, toTrackUnits } from '../../shared/leg-track.ts';
import { positionOnLeg } from '../../shared/leg-position.ts';
import { legOf } from '../../server/engine/kernel/course.ts';

const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;

/** A leg as logs carried it before tracks, and the same leg as a track. */
function bothForms(path: LatLon[], times: number[]): { pairs: Leg; track: Leg } {
  const base = { from: path[0]!, to: path[path.length - 1]!, departAt: times[0]!, arriveAt: times[times.length - 1]!, distanceM: 1000 };
  const track = encodeTrack(path.map((p) => toTrackUnits(p[0])), path.map((p) => toTrackUnits(p[1])), times, path.length, base.departAt);
  return { pairs: { ...base, path, times }, track: { ...base, track } };
}

describe('leg tracks', () => {
  it('worked by hand: three vertices become nine whole numbers, each the change from the one before', () => {
    // 24.6° = 2,460,000 units, 110.5° = 11,050,000; 24.60512 − 24.6 = 0.00512° = 512 units; 110.51003 − 110.5 = 1003.
    const { track } = bothForms([[24.6, 110.5], [24.60512, 110.51003], [24.61, 110.52]], [5_000_000, 5_150_000, 5_300_000]);
    expect(track.track).toEqual([2_460_000, 11_050_000, 0, 512, 1003, 150_000, 488, 997, 150_000]);
    expect(legVertices(track)).toEqual({ path: [[24.6, 110.5], [24.60512, 110.51003], [24.61, 110.52]], times: [5_000_000, 5_150_000, 5_300_000] });
  });

  it('round trip: any path on 1e-5° decodes to the same numbers bit for bit', () => {
    let seed = 7;
    const next = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 50; run++) {
      const n = 2 + Math.floor(next() * 200);
      const path: LatLon[] = [];
      const times: number[] = [];
      let lat = 24 + next(), lon = 110 + next(), t = Math.floor(next() * 3e10);
      for (let i = 0; i < n; i++) {
        lat += (next() - 0.5) * 0.01; lon += (next() - 0.5) * 0.01; t += Math.floor(next() * 60_000) * (next() < 0.1 ? 0 : 1);
        path.push([round5(lat), round5(lon)]);
        times.push(t);
      }
      const { pairs, track } = bothForms(path, times);
      const decoded = legVertices(track)!;
      expect(decoded.times).toEqual(times);
      // Object.is: -0 and +0 apart, every bit the same.
      expect(decoded.path.every((p, i) => Object.is(p[0], path[i]![0]) && Object.is(p[1], path[i]![1]))).toBe(true);
      expect(legVertices(pairs)).toEqual({ path, times });
    }
  });

  it('a unit is where it was on the pairs: before, at and between vertices, on repeated times, after arrival', () => {
    const path: LatLon[] = [[24.6, 110.5], [24.601, 110.5], [24.601, 110.5], [24.601, 110.502], [24.605, 110.51]];
    const times = [1000, 61_000, 61_000, 90_000, 200_000];
    const { pairs, track } = bothForms(path, times);
    for (const t of [0, 1000, 1001, 30_000, 60_999, 61_000, 61_001, 89_999, 90_000, 150_000, 199_999, 200_000, 10_000_000]) {
      expect(positionOnLeg(track, t)).toEqual(positionOnLeg(pairs, t));
    }
    // Half-way between the first two vertices: half of 0.001° north.
    expect(positionOnLeg(track, 31_000)[0]).toBeCloseTo(24.6005, 9);
  });

  it('a leg without a track is straight: from → to in proportion to the time', () => {
    const leg: Leg = { from: [24.6, 110.5], to: [24.61, 110.5], departAt: 0, arriveAt: 100_000, distanceM: 1112 };
    expect(legVertices(leg)).toBeUndefined();
    expect(positionOnLeg(leg, 25_000)[0]).toBeCloseTo(24.6025, 9);
  });

  it('the engine\'s leg of a course: simplified, on 1e-5°, from the start to the destination, arriving when the course does', () => {
    // From the yard 30 m east to the street, 222 m north along it, 303 m east, and off the road to
    // the site. In metres from the start (x east = Δlon × 111,195 × cos 24.6° ≈ Δlon × 101,100,
    // y north = Δlat × 111,195): (30.3, 0), (30.3, 111.2), (30.3, 222.4), (333.6, 222.4), (334.2, 245.0).
    // Douglas–Peucker at 10 m: the line start → site (414 m long) is furthest from the corner at
    // (30.3, 222.4), 161 m: kept. Start → corner: the yard exit (30.3, 0) is 30 m off it: kept; the
    // vertex half-way up the street is on the line yard exit → corner: dropped. Corner → site: the
    // second corner is 22.5 m off it: kept.
    const path: LatLon[] = [[24.6, 110.5], [24.6, 110.5003], [24.601, 110.5003], [24.602, 110.5003], [24.602, 110.5033], [24.602203, 110.503306]];
    const offsets = [0, 3, 14, 25, 53, 55.4];
    const leg = legOf({ seconds: 55.4, distanceM: 480, path, offsets }, path[0]!, path[5]!, 7_000);
    const v = legVertices(leg)!;
    // The site rounds to 1e-5°: 24.602203 → 24.6022, 110.503306 → 110.50331.
    expect(v.path).toEqual([[24.6, 110.5], [24.6, 110.5003], [24.602, 110.5003], [24.602, 110.5033], [24.6022, 110.50331]]);
    // departAt + offset × 1000; the last is the arrival: 7,000 + 55,400.
    expect(v.times).toEqual([7_000, 10_000, 32_000, 60_000, 62_400]);
    expect(leg.arriveAt).toBe(62_400);
  });
});
