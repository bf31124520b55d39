// Everything of an imported region that is not in the roads or the roster: the population grid
// over the road extent, each cell's land use (an ESTIMATE from road density) and population (from
// --population, or an ESTIMATE from residential street length), the station districts
// (jurisdictions, by travel time from each national station), and who supervises township teams.
import type { LatLon } from '../../../shared/geo.ts';
import type { ForceKind } from '../../../shared/domain/forces.ts';
import type { Cell, Grid, Jurisdiction, LandUse, Station } from '../../../shared/schemas/region.ts';
import type { RoadNetwork } from '../road-network.ts';
import { snap } from '../router.ts';
import type { ImportedRoads } from './build-graph.ts';
import { nearestSourceByTravel } from './district-voronoi.ts';
import { ImportError, type ImportIssue } from './import-error.ts';
import type { RawPlace } from './raw-roads.ts';
import type { PopulationInput } from './read-population.ts';
import { OUTSIDE_JURISDICTIONS, type RosterStation } from './read-roster.ts';

/** National stations that have a district of their own (logistics stations and specialist teams do not). */
export const DISTRICT_KINDS: ReadonlySet<ForceKind> = new Set(['special-service', 'class-1', 'class-2', 'small']);
const SUPERVISED_KINDS: ReadonlySet<ForceKind> = new Set(['township-1', 'township-2', 'volunteer', 'micro']);

/**
 * The estimates, stated once (assumptions, not standards). Land use from km of road per km² of cell;
 * people per km of residential street by land use. Dense Chinese urban blocks carry 15-25 km of
 * mapped streets per km² and 10-25 thousand people per km², villages a few km and a few hundred.
 */
export const ESTIMATES = {
  landUseByRoadKmPerKm2: [[18, 'urban'], [9, 'suburban'], [3, 'village'], [0, 'rural']] as [number, LandUse][],
  peoplePerResidentialKm: { urban: 1500, suburban: 800, village: 300, rural: 80 } as Partial<Record<LandUse, number>>,
};

const M_PER_DEG_LAT = 111_195;
const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

/** 1 km cells, or smaller so a small area still gets about ten cells across. */
export function chooseCellM(extentM: number): number {
  if (extentM >= 10_000) return 1000;
  return Math.max(100, Math.ceil(extentM / 10 / 50) * 50);
}

export interface DeriveInput {
  net: RoadNetwork;
  roads: ImportedRoads;
  roster: RosterStation[];
  rosterFile: string;
  places: RawPlace[];
  population: PopulationInput | undefined;
  cellM: number | undefined;
}

export interface StationSnap { id: string; node: number; offRoadM: number; inArea: boolean }

export interface Derived {
  grid: Grid;
  cells: Cell[];
  jurisdictions: Jurisdiction[];
  stations: Station[];
  snaps: StationSnap[];
  cellM: number;
  population: { total: number; estimated: boolean; pointsOutside: number };
  landUseCells: Partial<Record<LandUse, number>>;
}

export function deriveRegion(input: DeriveInput): Derived {
  const { net, roads, roster } = input;
  // ---- grid over the road extent
  let south = Infinity, north = -Infinity, west = Infinity, east = -Infinity;
  for (let v = 0; v < net.nodeCount; v++) {
    south = Math.min(south, net.lat[v]!); north = Math.max(north, net.lat[v]!);
    west = Math.min(west, net.lon[v]!); east = Math.max(east, net.lon[v]!);
  }
  const cosLat = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const extentM = Math.max((north - south) * M_PER_DEG_LAT, (east - west) * M_PER_DEG_LAT * cosLat);
  const cellM = input.cellM ?? chooseCellM(extentM);
  const cellLat = round(cellM / M_PER_DEG_LAT, 7);
  const cellLon = round(cellM / (M_PER_DEG_LAT * cosLat), 7);
  const g0 = { south: Math.floor(south * 1e5) / 1e5, west: Math.floor(west * 1e5) / 1e5 };
  const grid: Grid = {
    ...g0, cellLat, cellLon,
    rows: Math.floor((north - g0.south) / cellLat) + 1,
    cols: Math.floor((east - g0.west) / cellLon) + 1,
  };
  const cellIndex = (lat: number, lon: number): number => {
    const r = Math.floor((lat - grid.south) / cellLat);
    const c = Math.floor((lon - grid.west) / cellLon);
    return r < 0 || c < 0 || r >= grid.rows || c >= grid.cols ? -1 : r * grid.cols + c;
  };
  const centerOf = (k: number): LatLon => [grid.south + (Math.floor(k / grid.cols) + 0.5) * cellLat, grid.west + ((k % grid.cols) + 0.5) * cellLon];

  // ---- road length per cell (segments cut into quarter-cell pieces so long lines spread right)
  const total = grid.rows * grid.cols;
  const roadM = new Float64Array(total);
  const residentialM = new Float64Array(total);
  const { a, b, lengthM, residential } = roads.segments;
  for (let s = 0; s < a.length; s++) {
    const len = lengthM[s]!;
    const pieces = Math.max(1, Math.ceil(len / (cellM / 4)));
    for (let k = 0; k < pieces; k++) {
      const t = (k + 0.5) / pieces;
      const i = cellIndex(net.lat[a[s]!]! * (1 - t) + net.lat[b[s]!]! * t, net.lon[a[s]!]! * (1 - t) + net.lon[b[s]!]! * t);
      if (i < 0) continue;
      roadM[i]! += len / pieces;
      if (residential[s]) residentialM[i]! += len / pieces;
    }
  }
  const cellKm2 = (cellM / 1000) ** 2;
  const landUseOf = (k: number): LandUse => {
    const density = roadM[k]! / 1000 / cellKm2;
    return ESTIMATES.landUseByRoadKmPerKm2.find(([min]) => density >= min)![1];
  };

  // ---- population
  const people = new Float64Array(total);
  let pointsOutside = 0;
  const pop = input.population;
  if (pop?.kind === 'points') {
    for (const p of pop.points) {
      const i = cellIndex(p.lat, p.lon);
      if (i < 0) pointsOutside++;
      else people[i]! += p.people;
    }
  } else {
    const weight = new Float64Array(total);
    for (let k = 0; k < total; k++) if (roadM[k]! > 0) weight[k] = (residentialM[k]! / 1000) * (ESTIMATES.peoplePerResidentialKm[landUseOf(k)] ?? 0);
    if (pop?.kind === 'total') {
      // Spread the given total ∝ the estimate (∝ road length when there are no residential streets).
      let sum = weight.reduce((x, y) => x + y, 0);
      if (!(sum > 0)) { weight.set(roadM); sum = weight.reduce((x, y) => x + y, 0); }
      apportion(weight, sum, pop.people, people);
    } else for (let k = 0; k < total; k++) people[k] = Math.round(weight[k]!);
  }

  // ---- districts by travel time from the national stations
  const districtStations = roster.filter((s) => DISTRICT_KINDS.has(s.kind) && (s.jurisdiction === undefined || s.jurisdiction === s.id));
  if (districtStations.length === 0) {
    throw new ImportError([{ file: input.rosterFile, message: `no national station with a district of its own (kind ${[...DISTRICT_KINDS].join(', ')}, no jurisdiction column or its own id): every area needs a home station (辖区站)` }]);
  }
  const districtIds = new Set(districtStations.map((s) => s.id));
  const issues: ImportIssue[] = [];
  for (const s of roster) {
    if (s.jurisdiction === undefined || s.jurisdiction === s.id) continue;
    if (!districtIds.has(s.jurisdiction) && !(OUTSIDE_JURISDICTIONS as readonly string[]).includes(s.jurisdiction)) {
      issues.push(s.at('jurisdiction', `"${s.jurisdiction}" is not a national station with a district (expected one of: ${[...districtIds, ...OUTSIDE_JURISDICTIONS].join(', ')})`));
    }
  }
  if (issues.length > 0) throw new ImportError(issues);
  const snaps = roster.map((s) => ({ s, snap: snap(net, s.location) }));
  const snapOf = new Map(snaps.map(({ s, snap: p }) => [s.id, p]));
  const sources = districtStations.map((s) => ({ node: snapOf.get(s.id)!.node, startSec: snapOf.get(s.id)!.offRoadSec }));
  const { owner } = nearestSourceByTravel(net, sources);
  const nearestByLine = (p: LatLon): number => {
    let best = 0, bestD = Infinity;
    districtStations.forEach((s, i) => {
      const d = (s.location[0] - p[0]) ** 2 + ((s.location[1] - p[1]) * cosLat) ** 2;
      if (d < bestD) { bestD = d; best = i; }
    });
    return best;
  };
  const districtOf = (p: LatLon): number => {
    const o = owner[snap(net, p).node]!;
    return o >= 0 ? o : nearestByLine(p);
  };
  const districtId = (stationId: string): string => `${stationId}-district`;

  // ---- cells: every cell with a road (or people from the population file)
  const cells: Cell[] = [];
  const kept = (k: number): boolean => roadM[k]! > 0 || people[k]! > 0;
  const placeOf = namePlaces(input.places, grid, kept);
  const landUseCells: Partial<Record<LandUse, number>> = {};
  const byDistrict = districtStations.map(() => ({ people: 0, urbanPeople: 0, lat: 0, lon: 0 }));
  for (let k = 0; k < total; k++) {
    if (!kept(k)) continue;
    const center = centerOf(k);
    const d = districtOf(center);
    const landUse = landUseOf(k);
    const n = Math.round(people[k]!);
    const acc = byDistrict[d]!;
    acc.people += n; acc.lat += center[0] * n; acc.lon += center[1] * n;
    if (landUse === 'urban' || landUse === 'suburban') acc.urbanPeople += n;
    landUseCells[landUse] = (landUseCells[landUse] ?? 0) + 1;
    const place = placeOf.get(k);
    cells.push({ r: Math.floor(k / grid.cols), c: k % grid.cols, population: n, landUse, jurisdictionId: districtId(districtStations[d]!.id), ...(place ? { place } : {}) });
  }

  // ---- jurisdictions
  const jurisdictions: Jurisdiction[] = districtStations.map((s, i) => {
    const acc = byDistrict[i]!;
    return {
      id: districtId(s.id),
      name: `${s.name} district`,
      nameZh: `${s.nameZh}辖区`,
      kind: acc.people > 0 && acc.urbanPeople / acc.people >= 0.5 ? 'urban-district' : 'township',
      homeStationId: s.id,
      population: acc.people,
      center: acc.people > 0 ? [round(acc.lat / acc.people, 5), round(acc.lon / acc.people, 5)] : [round(s.location[0], 5), round(s.location[1], 5)],
    };
  });
  for (const outside of OUTSIDE_JURISDICTIONS) {
    const members = roster.filter((s) => s.jurisdiction === outside);
    if (members.length === 0) continue;
    const mean = (f: (s: RosterStation) => number): number => round(members.reduce((x, s) => x + f(s), 0) / members.length, 5);
    jurisdictions.push({
      id: outside,
      name: outside === 'neighbour' ? 'Neighbouring forces (outside the imported area)' : 'Provincial reinforcement',
      nameZh: outside === 'neighbour' ? '邻近地区增援力量' : '省级增援力量',
      kind: outside,
      homeStationId: members[0]!.id,
      population: 0,
      center: [mean((s) => s.location[0]), mean((s) => s.location[1])],
    });
  }

  // ---- stations
  const stations: Station[] = roster.map((s) => {
    const own = districtOf(s.location);
    const explicit = s.jurisdiction !== undefined && s.jurisdiction !== s.id ? s.jurisdiction : undefined;
    const jurisdictionId = districtIds.has(s.id) && !explicit ? districtId(s.id)
      : explicit === undefined ? districtId(districtStations[own]!.id)
      : districtIds.has(explicit) ? districtId(explicit) : explicit;
    // A township team is supervised by the national station of the district it sits in.
    const supervisor = explicit !== undefined && districtIds.has(explicit) ? explicit : districtStations[own]!.id;
    const numbered = new Map<string, number>(); // "SG:1;SG:2" numbers on: SG-1, SG-2, SG-3
    const units = s.units.flatMap((u) => Array.from({ length: u.count }, () => {
      const k = (numbered.get(u.type) ?? 0) + 1;
      numbered.set(u.type, k);
      return { id: `${s.id}-${u.type}-${k}`, type: u.type };
    }));
    return {
      id: s.id, name: s.name, nameZh: s.nameZh, kind: s.kind, jurisdictionId,
      location: [round(s.location[0], 6), round(s.location[1], 6)],
      staffOnDuty: s.staff,
      ...(SUPERVISED_KINDS.has(s.kind) ? { supervisingStationId: supervisor } : {}),
      specialties: s.specialties,
      units,
    };
  });
  const totalPeople = cells.reduce((x, c) => x + c.population, 0);
  return {
    grid, cells, jurisdictions, stations, cellM,
    snaps: snaps.map(({ s, snap: p }) => ({ id: s.id, node: p.node, offRoadM: Math.round(p.offRoadM), inArea: !(OUTSIDE_JURISDICTIONS as readonly string[]).includes(s.jurisdiction ?? '') })),
    population: { total: totalPeople, estimated: pop === undefined || pop.kind === 'total', pointsOutside },
    landUseCells,
  };
}

/** How far (in cells) a named place may be from the nearest cell with roads to name it. */
const PLACE_SEARCH_CELLS = 3;

/**
 * Cell index → place name. A place names the cell it is in, or when that cell has no roads (a
 * village node in a field) or is named already, the nearest kept unnamed cell within a few cells.
 */
function namePlaces(places: RawPlace[], grid: Grid, kept: (k: number) => boolean): Map<number, string> {
  const placeOf = new Map<number, string>();
  for (const p of places) {
    const y = (p.lat - grid.south) / grid.cellLat - 0.5;
    const x = (p.lon - grid.west) / grid.cellLon - 0.5;
    let best = -1, bestD = Infinity;
    for (let r = Math.round(y) - PLACE_SEARCH_CELLS; r <= Math.round(y) + PLACE_SEARCH_CELLS; r++) {
      for (let c = Math.round(x) - PLACE_SEARCH_CELLS; c <= Math.round(x) + PLACE_SEARCH_CELLS; c++) {
        if (r < 0 || c < 0 || r >= grid.rows || c >= grid.cols) continue;
        const k = r * grid.cols + c;
        const d = (r - y) ** 2 + (c - x) ** 2;
        if (kept(k) && !placeOf.has(k) && d < bestD) { best = k; bestD = d; }
      }
    }
    if (best >= 0) placeOf.set(best, p.name);
  }
  return placeOf;
}

/** Whole numbers ∝ weight summing exactly to `total` (largest remainder). */
function apportion(weight: Float64Array, sum: number, total: number, out: Float64Array): void {
  const rema: { k: number; r: number }[] = [];
  let given = 0;
  for (let k = 0; k < weight.length; k++) {
    if (!(weight[k]! > 0)) continue;
    const exact = (weight[k]! / sum) * total;
    out[k] = Math.floor(exact);
    given += out[k]!;
    rema.push({ k, r: exact - out[k]! });
  }
  rema.sort((x, y) => y.r - x.r || x.k - y.k);
  for (let i = 0; i < total - given && i < rema.length; i++) out[rema[i]!.k]! += 1;
}
