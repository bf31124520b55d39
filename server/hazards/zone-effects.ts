// What a chemical release's zones cover on the ground: the road edges inside the zones closed to
// unprotected units (hot and warm: the level 2 footprint or worse, and the ERG isolation circle),
// and the people by the worst level of concern reaching them (people spread over the 250 m
// sub-cells of the flood terrain, each counted at its centre). A point is inside a level's
// footprint when the model's ground concentration there reaches the level (the same analytic test
// the polygon outlines), which is cheaper and exact compared with a point-in-polygon test.
import type { LatLon } from '../../shared/geo.ts';
import type { RoadNetwork } from '../geo/road-network.ts';
import type { ChemicalZones, ConcernLevel } from './chemical-zones.ts';
import { subcellCentre, type FloodTerrain } from './flood-terrain.ts';

export interface ZoneEffects {
  /** Forward edge ids with an end in the hot or warm zone, ascending. */
  closedEdges: number[];
  /** People whose worst exposure is level 1, 2, 3 (index 1..3; index 0 unused). */
  peopleByLevel: [number, number, number, number];
  /** Sub-cells at level 2 or worse (for exposure and evacuation), with their level. */
  exposedSubcells: { index: number; level: ConcernLevel; people: number }[];
  /** Every sub-cell with people inside a zone (level 1 or worse), ascending (people still there after evacuations). */
  subcells: { index: number; level: ConcernLevel; people: number }[];
}

/** People by worst level (index 1..3) with only `remaining(i)` of sub-cell i's people still there (evacuation). */
export function peopleByLevelLeft(fx: ZoneEffects, remaining: (subcell: number) => number): ZoneEffects['peopleByLevel'] {
  const by: ZoneEffects['peopleByLevel'] = [0, 0, 0, 0];
  for (const s of fx.subcells) by[s.level] += s.people * remaining(s.index);
  return by;
}

/** The worst level at a point: 0 outside every zone, 3 inside the AEGL-3 footprint or the isolation circle. */
export function levelAt(zones: ChemicalZones, p: LatLon): 0 | ConcernLevel {
  const [x, y] = zones.frame.toLocal(p);
  if (x * x + y * y <= zones.erg.isolation.radiusM ** 2) return 3;
  return levelAtLocal(zones, x, y);
}

function levelAtLocal(zones: ChemicalZones, x: number, y: number): 0 | ConcernLevel {
  const widest = zones.threat[zones.threat.length - 1];
  if (!widest || x <= 0) return 0;
  if (x < widest.startM || x > widest.lengthM || Math.abs(y) > widest.widthM / 2) return 0;
  const c = zones.model.groundMgM3(x, y);
  for (const z of zones.threat) {
    if (x >= z.startM && x <= z.lengthM && c >= z.mgM3) return z.level;
  }
  return 0;
}

export function chemicalZoneEffects(zones: ChemicalZones, opts: { roads?: RoadNetwork; terrain?: FloodTerrain } = {}): ZoneEffects {
  const closedEdges: number[] = [];
  const net = opts.roads;
  if (net) {
    const hotOrWarm = new Uint8Array(net.nodeCount);
    const r2 = zones.erg.isolation.radiusM ** 2;
    for (let v = 0; v < net.nodeCount; v++) {
      const [x, y] = zones.frame.toLocal([net.lat[v]!, net.lon[v]!]);
      if (x * x + y * y <= r2 || levelAtLocal(zones, x, y) >= 2) hotOrWarm[v] = 1;
    }
    const { offsets, targets } = net.out;
    for (let u = 0; u < net.nodeCount; u++) {
      for (let e = offsets[u]!; e < offsets[u + 1]!; e++) if (hotOrWarm[u] || hotOrWarm[targets[e]!]) closedEdges.push(e);
    }
  }
  const peopleByLevel: ZoneEffects['peopleByLevel'] = [0, 0, 0, 0];
  const exposedSubcells: ZoneEffects['exposedSubcells'] = [];
  const subcells: ZoneEffects['subcells'] = [];
  const t = opts.terrain;
  if (t) {
    for (let i = 0; i < t.people.length; i++) {
      const p = t.people[i]!;
      if (p <= 0) continue;
      const level = levelAt(zones, subcellCentre(t, i));
      if (level === 0) continue;
      peopleByLevel[level] += p;
      subcells.push({ index: i, level, people: p });
      if (level >= 2) exposedSubcells.push({ index: i, level, people: p });
    }
  }
  return { closedEdges, peopleByLevel, exposedSubcells, subcells };
}
