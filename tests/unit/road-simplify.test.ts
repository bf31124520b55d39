// A network's roads simplified once, between junctions (server/geo/road-course.ts nodeKept), as every
// leg on them draws them: every junction is marked as one, and along each road a point is left out only when
// it lies within SIMPLIFY_M of the line through the kept points either side of it on that road
// (Douglas–Peucker's promise). On a small network made here by hand, and on the demo county's roads
// with two-way and with one-way streets.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { buildRoadNetwork, type RoadNetwork } from '../../server/geo/road-network.ts';
import { onward, shapePoints } from '../../server/geo/router.ts';
import { nodeKept } from '../../server/geo/road-course.ts';
import { NODE_DRAWN, SIMPLIFY_M } from '../../shared/leg-track.ts';
import { withOneWays } from '../fixtures/one-way-network.ts';

const M_PER_DEG = 111_195;

/** Metres from point p to the line through a and b (to a when they coincide), in a projection at a's latitude. */
function offLine(net: RoadNetwork, p: number, a: number, b: number): number {
  const kx = M_PER_DEG * Math.cos((net.lat[a]! * Math.PI) / 180);
  const x = (v: number): number => net.lon[v]! * kx, y = (v: number): number => net.lat[v]! * M_PER_DEG;
  const dx = x(b) - x(a), dy = y(b) - y(a);
  const px = x(p) - x(a), py = y(p) - y(a);
  const len = Math.hypot(dx, dy);
  return len > 0 ? Math.abs(dy * px - dx * py) / len : Math.hypot(px, py);
}

/** Every road of the network walked from a junction along its direction: its nodes, junction to end. */
function roads(net: RoadNetwork): number[][] {
  const interior = shapePoints(net);
  const out: number[][] = [];
  for (let u = 0; u < net.nodeCount; u++) {
    if (interior[u]) continue;
    for (let e = net.out.offsets[u]!; e < net.out.offsets[u + 1]!; e++) {
      const road = [u];
      let prev = u, w = net.out.targets[e]!;
      for (let guard = 0; guard < net.nodeCount; guard++) {
        road.push(w);
        if (!interior[w]) break;
        const f = onward(net.out, w, prev);
        if (f < 0) break;
        prev = w;
        w = net.out.targets[f]!;
      }
      out.push(road);
    }
  }
  return out;
}

/** Checks the promise on every road; returns how many shape points were kept and left out. */
function checkRoads(net: RoadNetwork): { kept: number; dropped: number } {
  const kept = nodeKept(net);
  const interior = shapePoints(net);
  for (let v = 0; v < net.nodeCount; v++) if (!interior[v]) expect(kept[v], `junction ${v}`).toBe(NODE_DRAWN.junction);
  for (const road of roads(net)) {
    // A road starts at a junction, and ends at one or where a one-way road leads no further: that
    // point may be left out when the road was simplified from its other end, since a drive can only
    // stop there (and a leg keeps its last road node).
    expect(kept[road[0]!]).toBe(NODE_DRAWN.junction);
    let a = 0;
    for (let i = 1; i < road.length; i++) {
      if (!kept[road[i]!]) continue;
      for (let k = a + 1; k < i; k++) expect(offLine(net, road[k]!, road[a]!, road[i]!)).toBeLessThanOrEqual(SIMPLIFY_M * (1 + 1e-3));
      a = i;
    }
  }
  let k = 0, d = 0;
  for (let v = 0; v < net.nodeCount; v++) if (interior[v]) { if (kept[v]) k++; else d++; }
  return { kept: k, dropped: d };
}

describe('roads simplified between junctions', () => {
  it('a hand-made road: a point 3 m off the line is left out, a corner and a point 20 m off are kept', () => {
    // A two-way road east 200 m, then north 200 m, its ends junctions (dead ends), in metres east and
    // north of 24.6° N, 110° E: 0 (0, 0) — 1 (100, 3) — 2 (200, 0), the corner — 3 (220, 100) — 4 (200, 200).
    const kx = M_PER_DEG * Math.cos((24.6 * Math.PI) / 180);
    const at = [[0, 0], [100, 3], [200, 0], [220, 100], [200, 200]] as const;
    const lat = Float64Array.from(at.map(([, y]) => 24.6 + y / M_PER_DEG));
    const lon = Float64Array.from(at.map(([x]) => 110 + x / kx));
    const from = [0, 1, 1, 2, 2, 3, 3, 4], to = [1, 0, 2, 1, 3, 2, 4, 3];
    const net = buildRoadNetwork(lat, lon, Int32Array.from(from), Int32Array.from(to), Float32Array.from(from.map(() => 100)), Uint8Array.from(from.map(() => 2)));
    expect([...shapePoints(net)]).toEqual([0, 1, 1, 1, 0]);
    expect([...nodeKept(net)]).toEqual([NODE_DRAWN.junction, NODE_DRAWN.leftOut, NODE_DRAWN.kept, NODE_DRAWN.kept, NODE_DRAWN.junction]);
    checkRoads(net);
  });

  for (const [name, net] of [['two-way streets', loadWorld({}).roads!], ['one-way streets', withOneWays(loadWorld({}).roads!)]] as const) {
    it(`the demo county, ${name}: junctions kept, every point left out within the tolerance of its road's line`, () => {
      const { kept, dropped } = checkRoads(net);
      // The county's roads bend: some points are kept, and straight stretches lose theirs.
      expect(kept).toBeGreaterThan(1000);
      expect(dropped).toBeGreaterThan(1000);
    });
  }
});
