// travelWithin, the bounded question a recommendation asks about a unit on the road ("can it beat
// the best ETA so far?"): the same seconds as travel() when the drive fits the bound (ties included),
// undefined when it does not, whether the answer comes from a bounded search or, with station trees
// built, from the landmark bound that skips the search (road-travel.ts provenBeyond).
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { mulberry32 } from '../../server/geo/generate-roads.ts';
import { nodeLatLon } from '../../server/geo/road-network.ts';
import { snap } from '../../server/geo/router.ts';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import { roadTravel } from '../../server/geo/road-travel.ts';
import type { SpeedClass } from '../../shared/domain/forces.ts';

const world = loadWorld({});
const net = world.roads!;
const stations = world.region.stations.map((s) => s.location);
const noonStart = 12 * 3_600_000;
const rand = mulberry32(20_261_207);
const pick = () => nodeLatLon(net, Math.floor(rand() * net.nodeCount));

describe('road travel: travelWithin', () => {
  const cases: { sc: SpeedClass; t: number }[] = [
    { sc: 'medium', t: 0 }, // noon
    { sc: 'heavy', t: -4 * 3_600_000 }, // 08:00, morning rush
    { sc: 'light', t: 11 * 3_600_000 }, // 23:00, night
  ];
  const pairs = Array.from({ length: 40 }, () => [pick(), pick()] as const);

  it('answers as travel() does within the bound and nothing beyond it, with and without station trees built', () => {
    const hubbed = roadTravel(net, world.doctrine, { startLocalMs: noonStart, hubs: stations });
    let checked = 0;
    for (const c of cases) {
      for (const [round, [from, to]] of pairs.entries()) {
        // Half the pairs before the station trees of this hour exist, half after (landmarks in use).
        if (round === pairs.length / 2) for (const s of stations) hubbed.travel(s, to, c.sc, c.t);
        // The model's own unbounded answer (a place that snaps to a station is answered from its tree).
        const want = hubbed.travel(from, to, c.sc, c.t).seconds;
        expect(Number.isFinite(want)).toBe(true);
        for (const max of [want / 2, want - 1e-3, want, want + 1e-3, want * 2]) {
          expect(hubbed.travelWithin(from, to, c.sc, c.t, max)).toBe(want <= max ? want : undefined);
          checked++;
        }
      }
    }
    expect(checked).toBe(3 * 40 * 5);
  });

  it('with station trees built, a drive far beyond the bound is refused without a search', () => {
    // From the junction next to a station (not a station itself, which its own tree would answer) to
    // a place across the county: that station's tree bounds the drive almost exactly.
    const nextTo = (p: LatLon): LatLon => nodeLatLon(net, net.out.targets[net.out.offsets[snap(net, p).node]!]!);
    const from = nextTo(stations[0]!);
    const to = nextTo(stations.reduce((a, b) => (haversineM(from, b) > haversineM(from, a) ? b : a)));
    const hubNodes = new Set(stations.map((p) => snap(net, p).node));
    expect(hubNodes.has(snap(net, from).node) || hubNodes.has(snap(net, to).node)).toBe(false);
    const far = roadTravel(net, world.doctrine, { startLocalMs: noonStart, hubs: stations });
    const want = far.travel(from, to, 'medium', 0).seconds;
    for (const s of stations) far.travel(s, from, 'medium', 0);
    const searches = far.stats.hits + far.stats.misses;
    expect(far.travelWithin(from, to, 'medium', 0, want / 2)).toBeUndefined();
    expect(far.stats.hits + far.stats.misses).toBe(searches);
    expect(far.travelWithin(from, to, 'medium', 0, want)).toBe(want);
  });
});
