// The seconds from the hubs read side by side (hub-seconds.ts), which answer the ETA questions of
// recommendations from stations, must be the hub trees' own bit for bit: whatever the table answers
// (NaN: not settled that far yet, the tree answers) equals the complete tree's seconds, while the
// trees are settled bit by bit in a scattered order and once every node has been asked; and the road model's
// seconds-only answers from a station equal its drives' (travel(), read off the tree) at any hour,
// to places no road leads to, and with closures (whose models keep no station trees).
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { generateDemoRoads, mulberry32 } from '../../server/geo/generate-roads.ts';
import { completeTree, edgeSecondsOf, shapePoints } from '../../server/geo/router.ts';
import { JunctionTree, junctionGraph, pieceSeconds } from '../../server/geo/junction-tree.ts';
import { HubSeconds } from '../../server/geo/hub-seconds.ts';
import { buildRoadNetwork, nodeLatLon } from '../../server/geo/road-network.ts';
import { roadTravel } from '../../server/geo/road-travel.ts';
import type { SpeedClass } from '../../shared/domain/forces.ts';

const world = loadWorld({});

describe('HubSeconds', () => {
  const net = generateDemoRoads(world.region);
  const interior = shapePoints(net);
  const rush = new Float64Array(net.classes.length).fill(1);
  net.classes.forEach((c, i) => { if (c === 'arterial' || c === 'local') rush[i] = 0.8; });
  // Hubs: a junction and two shape points of roads (made junctions of the graph, as stations are).
  const hubs = [interior.findIndex((x) => x === 0), interior.findIndex((x, v) => x === 1 && v > net.nodeCount / 2), interior.findIndex((x, v) => x === 1 && v > net.nodeCount / 3)];

  for (const factors of [undefined, rush]) {
    it(`answers only what the trees have settled, and then as the complete trees do (${factors ? 'rush hour' : 'free flow'})`, () => {
      const graph = junctionGraph(net, net.out, hubs);
      const table = new HubSeconds(graph, pieceSeconds(graph, edgeSecondsOf(net, net.out, factors)), hubs.length);
      const trees = hubs.map((h) => new JunctionTree(net, graph, h, factors));
      const full = hubs.map((h) => completeTree(net, h, false, factors).seconds);
      const rand = mulberry32(hubs.length + (factors ? 1 : 0));
      const wrong: string[] = [];
      let answered = 0;
      for (let q = 0; q < 3000; q++) {
        const c = Math.floor(rand() * hubs.length);
        const node = Math.floor(rand() * net.nodeCount);
        // The second hub's tree settles a while before the table follows it (it copies what is settled so far).
        if (c !== 1 || q > 1000) table.follow(c, trees[c]!);
        const got = table.secondsTo(node, c);
        if (!Number.isNaN(got)) {
          answered++;
          if (got !== full[c]![node]) wrong.push(`hub ${c}, node ${node}: ${got} s, complete tree ${full[c]![node]}`);
        }
        trees[c]!.settleTo(node);
      }
      // Every node asked of every tree: the table knows all but the last few (final, not settled yet).
      let unknown = 0;
      for (let c = 0; c < hubs.length; c++) {
        for (let v = 0; v < net.nodeCount; v++) trees[c]!.settleTo(v);
        for (let v = 0; v < net.nodeCount; v++) {
          const got = table.secondsTo(v, c);
          if (Number.isNaN(got)) unknown++;
          else if (got !== full[c]![v]) wrong.push(`settled, hub ${c}, node ${v}: ${got} s, complete tree ${full[c]![v]}`);
        }
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(unknown).toBeLessThan(hubs.length * net.nodeCount * 0.01);
      // Most questions find their answer already settled (the point of the table).
      expect(answered).toBeGreaterThan(1500);
    });
  }

  it('a tree of another graph (another hub list numbers the junctions otherwise) is not followed', () => {
    const graph = junctionGraph(net, net.out, hubs);
    const table = new HubSeconds(graph, pieceSeconds(graph, edgeSecondsOf(net, net.out, undefined)), hubs.length);
    const tree = new JunctionTree(net, junctionGraph(net, net.out, [hubs[0]!]), hubs[0]!);
    tree.settleTo(hubs[1]!);
    table.follow(0, tree);
    expect(table.secondsTo(hubs[0]!, 0)).toBeNaN();
  });
});

describe('road travel: seconds from a station', () => {
  const net = world.roads!;
  const stations = world.region.stations.map((s) => s.location);
  const noonStart = 12 * 3_600_000;
  const classes: SpeedClass[] = ['light', 'medium', 'heavy', 'trailer', 'on-foot'];

  it('equal the drive read off the station tree, in a scattered order at every hour', () => {
    const model = roadTravel(net, world.doctrine, { startLocalMs: noonStart, hubs: stations });
    const rand = mulberry32(20_261_207);
    const wrong: string[] = [];
    for (let q = 0; q < 2000; q++) {
      const from = stations[Math.floor(rand() * stations.length)]!;
      const to = nodeLatLon(net, Math.floor(rand() * net.nodeCount));
      const sc = classes[Math.floor(rand() * classes.length)]!;
      const t = Math.floor(rand() * 24) * 3_600_000;
      // Asked first (the table may not know yet, the tree answers), then again (the table knows).
      const first = model.travelSeconds(from, to, sc, t);
      const again = model.travelSeconds(from, to, sc, t);
      const want = model.travel(from, to, sc, t).seconds;
      if (first !== want || again !== want) wrong.push(`${q}: ${first} s then ${again} s, drive ${want} s`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('are Infinity to a place no road leads to, as the drive is', () => {
    // A road 0-1-2-3 both ways, and 5 → 4 → 3 one way only: 4 and 5 cannot be reached from 0.
    const lat = Float64Array.from([0, 0.001, 0.002, 0.003, 0.004, 0.005]);
    const lon = new Float64Array(6);
    const ways = [[0, 1], [1, 0], [1, 2], [2, 1], [2, 3], [3, 2], [4, 3], [5, 4]];
    const from = Int32Array.from(ways.map(([a]) => a!));
    const to = Int32Array.from(ways.map(([, b]) => b!));
    const line = buildRoadNetwork(lat, lon, from, to, new Float32Array(ways.length).fill(111), new Uint8Array(ways.length));
    const hub = nodeLatLon(line, 0);
    const model = roadTravel(line, world.doctrine, { startLocalMs: noonStart, hubs: [hub] });
    for (let v = 0; v < line.nodeCount; v++) {
      const place = nodeLatLon(line, v);
      for (let i = 0; i < 2; i++) expect(model.travelSeconds(hub, place, 'medium', 0)).toBe(model.travel(hub, place, 'medium', 0).seconds);
    }
    expect(model.travelSeconds(hub, nodeLatLon(line, 5), 'medium', 0)).toBe(Infinity);
    expect(model.travelSeconds(hub, nodeLatLon(line, 3), 'medium', 0)).toBeLessThan(Infinity);
  });

  it('with closures follow the closed roads, not the open roads the stations\' seconds were read on', () => {
    const open = roadTravel(net, world.doctrine, { startLocalMs: noonStart, hubs: stations });
    const from = stations[0]!;
    const rand = mulberry32(7);
    const places = Array.from({ length: 60 }, () => nodeLatLon(net, Math.floor(rand() * net.nodeCount)));
    for (const p of places) open.travelSeconds(from, p, 'medium', 0);
    // Closed: the roads within 600 m of the station, which then reaches nothing, and of the first place.
    const closed = open.withClosedEdges([...open.edgesIn({ kind: 'circle', center: from, radiusM: 600 }), ...open.edgesIn({ kind: 'circle', center: places[0]!, radiusM: 600 })]);
    let changed = 0;
    for (const p of places) {
      const s = closed.travelSeconds!(p, places[0]!, 'medium', 0);
      expect(s).toBe(closed.travel(p, places[0]!, 'medium', 0).seconds);
      const fromStation = closed.travelSeconds!(from, p, 'medium', 0);
      expect(fromStation).toBe(closed.travel(from, p, 'medium', 0).seconds);
      if (fromStation !== open.travelSeconds(from, p, 'medium', 0)) changed++;
    }
    expect(changed).toBeGreaterThan(0);
  });
});
