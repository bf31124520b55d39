// Places cut off by closures (road-travel.ts `isolated`): fewer than half the road nodes can drive
// there. The model answers from one search out of the network's main component; this checks it
// against the definition (a plain count of the nodes that reach each place) on closures that cut off
// pockets (rings of closed roads around places) and on one that closes most of the county.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { roadTravel } from '../../server/geo/road-travel.ts';
import { ShortestPathTree, snap } from '../../server/geo/router.ts';
import { nodeLatLon, reverseEdgeIndex } from '../../server/geo/road-network.ts';
import type { LatLon } from '../../shared/geo.ts';

const world = loadWorld({});
const net = world.roads!;
const hubs = world.region.stations.map((s) => s.location);

/** The definition: count the nodes that can drive to the place's node with these edges closed. */
function reference(closed: Set<number>): (p: LatLon) => boolean {
  // Reversed CSR position p holds forward edge map[p].
  const map = reverseEdgeIndex(net);
  const rev = Uint8Array.from(map, (e) => (closed.has(e) ? 1 : 0));
  const ones = new Float64Array(net.classes.length).fill(1);
  return (p) => new ShortestPathTree(net, snap(net, p).node, true, ones, rev).settleAll() < net.nodeCount / 2;
}

describe('places cut off by closures', () => {
  const model = roadTravel(net, world.doctrine, { hubs });
  // Places: every 401st road node, plus the stations.
  const places: LatLon[] = [...hubs];
  for (let v = 0; v < net.nodeCount; v += 401) places.push(nodeLatLon(net, v));

  it('a ring of closed roads cuts off what lies inside it, as the node count says', () => {
    const centre = hubs[0]!;
    // An annulus 600-900 m around a station: the roads crossing it are closed.
    const ring = new Set(model.edgesIn({ kind: 'circle', center: centre, radiusM: 900 }));
    for (const e of model.edgesIn({ kind: 'circle', center: centre, radiusM: 600 })) ring.delete(e);
    const closed = model.withClosedEdges(ring);
    const cutOff = reference(ring);
    let cut = 0;
    for (const p of places) {
      const expected = cutOff(p);
      expect(closed.isolated(p)).toBe(expected);
      if (expected) cut++;
    }
    expect(closed.isolated(centre)).toBe(true);
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(places.length);
  });

  it('closing most of the county: places are still judged by the count', () => {
    const most = new Set(model.edgesIn({ kind: 'circle', center: hubs[0]!, radiusM: 15_000 }));
    const closed = model.withClosedEdges(most);
    const cutOff = reference(most);
    for (const p of places.slice(0, 40)) expect(closed.isolated(p)).toBe(cutOff(p));
  });
});
