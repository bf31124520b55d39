// The demo county's 1-km grid, built step by step from the plan (demo-county-plan.ts): the outline,
// the terrain noise, the river and reservoir, the jurisdiction of every cell, land use and
// population (city, towns and villages, countryside) and the named places.
//
// Every step that draws from the PRNG takes it as an argument, and generateRegion calls them in one
// fixed order: moving a draw from one step to another changes the whole county.
import type { LandUse } from '../shared/schemas/region.ts';
import { GRID, KM_PER_COL, KM_PER_ROW, RESERVOIR, RIVER, cellCentre, clamp, key, km, kmToPolyline } from './demo-county-geo.ts';
import type { Pt } from './demo-county-geo.ts';
import {
  CITY_CENTRE, CITY_LIMIT_KM, CITY_SUBURBAN_POP, CITY_URBAN_KM, CITY_URBAN_POP, COUNTY_CENTRE, COUNTY_RADII, DISTRICT_REACH,
  DISTRICT_STATIONS, FOREST_SHARE, HILLS, LANDMARKS, CITY_SITES, PARK_CELLS, POPULATION_TOTAL, TOWNS, type TownDef,
} from './demo-county-plan.ts';

type Rng = () => number;

export interface CellWork {
  r: number; c: number; p: Pt; elev: number;
  zone: 'city' | 'park' | 'town';
  landUse: LandUse; population: number; jurisdictionId: string; place?: string;
  townId?: string; fixed: boolean;
}

/** The county's cells and the lookups every later step uses. */
export interface County {
  cells: CellWork[];
  byKey: Map<number, CellWork>;
  waterCells: Set<number>;
  reservoirCells: Set<number>;
  /** Centre point of each town, in TOWNS order. */
  townCentres: Pt[];
  /** Place name → its cell (each name once, each cell at most one name). */
  places: Map<string, CellWork>;
}

export const cellAt = (county: County, p: Pt): CellWork | undefined => county.byKey.get(key(Math.floor(p.r), Math.floor(p.c)));

/** The land cell at p; a station or a site outside the county or in the water is a mistake in the plan. */
export function mustCell(county: County, p: Pt, what: string): CellWork {
  const cell = cellAt(county, p);
  if (!cell) throw new Error(`${what} at row ${p.r}, col ${p.c} is outside the county outline`);
  if (county.waterCells.has(key(cell.r, cell.c))) throw new Error(`${what} at row ${p.r}, col ${p.c} falls in a water cell`);
  return cell;
}

export function nameCell(county: County, cell: CellWork, place: string): void {
  if (county.places.has(place)) throw new Error(`place name "${place}" used twice`);
  if (cell.place) throw new Error(`cell ${cell.r},${cell.c} already named "${cell.place}", cannot also be "${place}"`);
  cell.place = place;
  county.places.set(place, cell);
}

export const parkCell = (county: County, i: number): CellWork => county.byKey.get(key(PARK_CELLS[i]![0], PARK_CELLS[i]![1]))!;

export const townCentreOf = (county: County, townId: string): Pt => county.townCentres[TOWNS.findIndex((t) => t.id === townId)]!;

// ---- shape and terrain ------------------------------------------------------------------------------

/** County outline: an ellipse whose radius wobbles with a few harmonics of random phase. */
function countyOutline(rng: Rng): (p: Pt) => boolean {
  const harmonics = [2, 3, 4, 5, 6, 7].map((k, i) => ({ k, amp: [0.07, 0.06, 0.045, 0.03, 0.02, 0.015][i]!, phase: rng() * 2 * Math.PI }));
  return (p: Pt) => {
    const y = ((p.r - COUNTY_CENTRE.r) * KM_PER_ROW) / COUNTY_RADII.r;
    const x = ((p.c - COUNTY_CENTRE.c) * KM_PER_COL) / COUNTY_RADII.c;
    const theta = Math.atan2(y, x);
    const wobble = 1 + harmonics.reduce((s, h) => s + h.amp * Math.sin(h.k * theta + h.phase), 0);
    return Math.hypot(x, y) <= wobble;
  };
}

/** Smooth value noise in [0, 1) on a lattice of `step` cells. */
function valueNoise(rng: Rng, step: number): (p: Pt) => number {
  const rows = Math.ceil(GRID.rows / step) + 2, cols = Math.ceil(GRID.cols / step) + 2;
  const v = Array.from({ length: rows * cols }, () => rng());
  const at = (i: number, j: number) => v[i * cols + j] ?? 0;
  const smooth = (t: number) => t * t * (3 - 2 * t);
  return (p: Pt) => {
    const y = p.r / step, x = p.c / step;
    const i = Math.floor(y), j = Math.floor(x);
    const fy = smooth(y - i), fx = smooth(x - j);
    const top = at(i + 1, j) * (1 - fx) + at(i + 1, j + 1) * fx;
    const bottom = at(i, j) * (1 - fx) + at(i, j + 1) * fx;
    return bottom * (1 - fy) + top * fy;
  };
}

/** Terrain: two octaves of value noise, hills, higher away from the river and towards the border, lower at towns. */
function elevationModel(rng: Rng, townCentres: readonly Pt[]): (p: Pt) => number {
  const coarse = valueNoise(rng, 9);
  const fine = valueNoise(rng, 3.5);
  return (p: Pt) => {
    const riverKm = kmToPolyline(p, RIVER);
    const y = ((p.r - COUNTY_CENTRE.r) * KM_PER_ROW) / COUNTY_RADII.r;
    const x = ((p.c - COUNTY_CENTRE.c) * KM_PER_COL) / COUNTY_RADII.c;
    const nearestTown = Math.min(...townCentres.map((t) => km(p, t)));
    let e = 0.45 * coarse(p) + 0.25 * fine(p) + 0.3 * clamp(riverKm / 12, 0, 1) + 0.25 * Math.min(1, x * x + y * y);
    for (const h of HILLS) e += h.lift * Math.exp(-((km(p, h.at) / h.sigmaKm) ** 2));
    e -= 0.3 * Math.exp(-((nearestTown / 3) ** 2));
    return e;
  };
}

/** River band (every cell the polyline passes through, walked in small steps) and the reservoir. */
function waterBodies(): { waterCells: Set<number>; reservoirCells: Set<number> } {
  const waterCells = new Set<number>();
  for (let i = 1; i < RIVER.length; i++) {
    const a = RIVER[i - 1]!, b = RIVER[i]!;
    const steps = Math.ceil(Math.hypot(b.r - a.r, b.c - a.c) / 0.05);
    for (let s = 0; s <= steps; s++) {
      const r = Math.floor(a.r + ((b.r - a.r) * s) / steps), c = Math.floor(a.c + ((b.c - a.c) * s) / steps);
      if (r >= 0 && c >= 0 && r < GRID.rows && c < GRID.cols) waterCells.add(key(r, c));
    }
  }
  const reservoirCells = new Set<number>();
  for (let r = 0; r < GRID.rows; r++) for (let c = 0; c < GRID.cols; c++) {
    if (km(cellCentre(r, c), RESERVOIR.centre) <= RESERVOIR.radiusKm) { waterCells.add(key(r, c)); reservoirCells.add(key(r, c)); }
  }
  return { waterCells, reservoirCells };
}

/** City: anisotropic distance from the centre, long axis along the river (NW–SE). */
function cityDistance(p: Pt): number {
  const dy = (p.r - CITY_CENTRE.r) * KM_PER_ROW, dx = (p.c - CITY_CENTRE.c) * KM_PER_COL;
  const u = (dx - dy) / Math.SQRT2; // along the NW–SE axis
  const v = (dx + dy) / Math.SQRT2;
  return Math.hypot(u / 1.2, v / 0.88);
}

/** The cells inside the outline, each with its elevation and zone (city, park or township). */
export function layOutCounty(rng: Rng): County {
  const inCounty = countyOutline(rng);
  const townCentres = TOWNS.map((t) => cellCentre(t.cell[0], t.cell[1]));
  const elevation = elevationModel(rng, townCentres);
  const { waterCells, reservoirCells } = waterBodies();
  const parkKeys = new Set(PARK_CELLS.map(([r, c]) => key(r, c)));
  const cells: CellWork[] = [];
  const byKey = new Map<number, CellWork>();
  for (let r = 0; r < GRID.rows; r++) for (let c = 0; c < GRID.cols; c++) {
    const p = cellCentre(r, c);
    if (!inCounty(p)) continue;
    const zone: CellWork['zone'] = parkKeys.has(key(r, c)) ? 'park' : cityDistance(p) <= CITY_LIMIT_KM ? 'city' : 'town';
    const cell: CellWork = { r, c, p, elev: elevation(p), zone, landUse: 'rural', population: 0, jurisdictionId: '', fixed: false };
    cells.push(cell);
    byKey.set(key(r, c), cell);
  }
  return { cells, byKey, waterCells, reservoirCells, townCentres, places: new Map() };
}

// ---- jurisdictions ----------------------------------------------------------------------------------

/**
 * City cells go to the district of the nearest district station (scaled by its reach), park cells to
 * the park, the rest to the nearest town centre (with a little smooth noise so borders are not
 * straight lines).
 */
export function assignJurisdictions(county: County, rng: Rng): void {
  const borderNoise = valueNoise(rng, 4);
  const townOf = (p: Pt): TownDef => {
    let best = TOWNS[0]!, bestD = Infinity;
    for (const [i, t] of TOWNS.entries()) {
      const d = km(p, county.townCentres[i]!) + 3 * (borderNoise({ r: p.r + i * 7, c: p.c + i * 5 }) - 0.5);
      if (d < bestD) { bestD = d; best = t; }
    }
    return best;
  };
  const districtOf = (p: Pt) => {
    let best = DISTRICT_STATIONS[0]!, bestD = Infinity;
    for (const s of DISTRICT_STATIONS) { const d = km(p, s.at) / (DISTRICT_REACH[s.kind] ?? 1); if (d < bestD) { bestD = d; best = s; } }
    return best.district!;
  };
  for (const cell of county.cells) {
    if (cell.zone === 'park') cell.jurisdictionId = 'qs-park-hedong';
    else if (cell.zone === 'city') cell.jurisdictionId = districtOf(cell.p).id;
    else { const t = townOf(cell.p); cell.townId = t.id; cell.jurisdictionId = `qs-twp-${t.id}`; }
  }
}

// ---- land use and population ------------------------------------------------------------------------

/** Water, the chemical park, and the city's urban core and suburbs scaled to their population totals. */
export function settleCity(county: County, rng: Rng): void {
  let cityUrbanRaw = 0, citySuburbanRaw = 0;
  const raw = new Map<CellWork, number>();
  for (const cell of county.cells) {
    if (county.waterCells.has(key(cell.r, cell.c))) { cell.landUse = 'water'; cell.fixed = true; continue; }
    if (cell.zone === 'park') { cell.landUse = 'industrial'; cell.population = Math.floor(20 + rng() * 120); cell.fixed = true; continue; }
    if (cell.zone === 'city') {
      const d = cityDistance(cell.p);
      if (d <= CITY_URBAN_KM) { cell.landUse = 'urban'; const w = 1 - 0.55 * (d / CITY_URBAN_KM) ** 1.4 + 0.1 * rng(); raw.set(cell, w); cityUrbanRaw += w; }
      else { cell.landUse = 'suburban'; const w = 0.15 + Math.exp(-(d - CITY_URBAN_KM) / 0.9) + 0.1 * rng(); raw.set(cell, w); citySuburbanRaw += w; }
    }
  }
  for (const cell of county.cells) {
    const w = raw.get(cell);
    if (w === undefined) continue;
    if (cell.landUse === 'urban') cell.population = Math.round(clamp((w / cityUrbanRaw) * CITY_URBAN_POP, 8_000, 20_000));
    else cell.population = Math.round(clamp((w / citySuburbanRaw) * CITY_SUBURBAN_POP, 250, 4_500));
    cell.fixed = true;
  }
}

/**
 * Towns: the centre cell, a ring of large villages around class-1 towns, and outlying villages.
 * Returns each town's village cells in the order of its `villages`.
 */
export function settleTowns(county: County, rng: Rng): Map<string, CellWork[]> {
  const { cells } = county;
  const villageCells = new Map<string, CellWork[]>();
  for (const [i, t] of TOWNS.entries()) {
    const centre = mustCell(county, county.townCentres[i]!, `town centre ${t.name}`);
    if (centre.townId !== t.id) throw new Error(`town centre ${t.name} falls in the area of ${centre.townId ?? centre.jurisdictionId}`);
    centre.landUse = t.centrePop >= 8_000 ? 'suburban' : 'village';
    centre.population = t.centrePop;
    centre.fixed = true;
    nameCell(county, centre, `${t.name} Town`);
    const ringSize = t.team === 'township-1' ? 2 : 1;
    const ring = cells
      .filter((c) => !c.fixed && c.townId === t.id && Math.abs(c.r - centre.r) <= 1 && Math.abs(c.c - centre.c) <= 1)
      .sort((a, b) => a.elev - b.elev)
      .slice(0, ringSize);
    for (const c of ring) { c.landUse = 'village'; c.population = Math.round(900 + rng() * 900); c.fixed = true; }
    const chosen: CellWork[] = [];
    const candidates = cells
      .filter((c) => !c.fixed && c.townId === t.id && km(c.p, centre.p) >= 3 && km(c.p, centre.p) <= 7.5)
      .sort((a, b) => a.elev - b.elev || a.r - b.r || a.c - b.c);
    for (const v of t.villages) {
      const c = candidates.find((x) => !x.fixed && chosen.every((o) => km(o.p, x.p) >= 2.5));
      if (!c) throw new Error(`no cell for village ${v.name} of ${t.name}`);
      c.landUse = 'village'; c.population = Math.round(600 + rng() * 800); c.fixed = true;
      nameCell(county, c, v.name);
      chosen.push(c);
    }
    villageCells.set(t.id, chosen);
  }
  return villageCells;
}

/**
 * Countryside: the highest FOREST_SHARE of the remaining cells are forest, the rest farmland, denser
 * in the valleys and scaled so that the county totals exactly POPULATION_TOTAL.
 */
export function settleCountryside(county: County, rng: Rng): void {
  const { cells } = county;
  const countryside = cells.filter((c) => !c.fixed).sort((a, b) => b.elev - a.elev || a.r - b.r || a.c - b.c);
  const forestCount = Math.round(countryside.length * FOREST_SHARE);
  const rural: CellWork[] = [];
  countryside.forEach((cell, i) => {
    if (i < forestCount) { cell.landUse = 'forest'; cell.population = Math.floor(rng() * 21); }
    else { cell.landUse = 'rural'; rural.push(cell); }
  });
  const fixedPop = cells.reduce((s, c) => s + (c.landUse === 'rural' ? 0 : c.population), 0);
  const ruralTarget = POPULATION_TOTAL - fixedPop;
  const emin = Math.min(...rural.map((c) => c.elev)), emax = Math.max(...rural.map((c) => c.elev));
  const weights = rural.map((c) => 0.35 + 2 * (1 - (c.elev - emin) / (emax - emin)) ** 3 + 0.15 * rng());
  let scale = ruralTarget / weights.reduce((a, b) => a + b, 0);
  for (let iter = 0; iter < 50; iter++) {
    const sum = weights.reduce((s, w) => s + clamp(Math.round(w * scale), 100, 800), 0);
    if (sum === ruralTarget) break;
    scale *= ruralTarget / sum;
  }
  rural.forEach((c, i) => { c.population = clamp(Math.round(weights[i]! * scale), 100, 800); });
  // Exact total: spread the rounding residue one person at a time over farmland cells.
  let residue = POPULATION_TOTAL - cells.reduce((s, c) => s + c.population, 0);
  for (let i = 0; residue !== 0 && i < rural.length * 10; i++) {
    const c = rural[i % rural.length]!;
    const step = Math.sign(residue);
    if (c.population + step >= 100 && c.population + step <= 800) { c.population += step; residue -= step; }
  }
  if (residue !== 0) throw new Error(`could not reach the population total (residue ${residue})`);
}

// ---- named places -----------------------------------------------------------------------------------

/** The forest cells the forest teams and the scenic area's micro station stand on. */
export interface NamedSites { gaolingFarm: CellWork; malingFarm: CellWork; scenic: CellWork }

/** A forest cell 2–6 km from the town centre, as close to `target` km as there is. */
function forestSite(county: County, townId: string, target: number): CellWork {
  const centre = townCentreOf(county, townId);
  const list = county.cells.filter((c) => c.townId === townId && c.landUse === 'forest' && !c.place && km(c.p, centre) >= 2 && km(c.p, centre) <= 6)
    .sort((a, b) => Math.abs(km(a.p, centre) - target) - Math.abs(km(b.p, centre) - target) || a.r - b.r || a.c - b.c);
  if (!list[0]) throw new Error(`no forest cell near ${townId}`);
  return list[0];
}

/** City centre, sites and landmarks, the park, the bridge and riverside, the reservoir, the ferry, forest farms, the scenic area. */
export function nameSites(county: County): NamedSites {
  const { cells } = county;
  nameCell(county, mustCell(county, CITY_CENTRE, 'city centre'), 'Qingshui City Centre');
  for (const s of CITY_SITES) nameCell(county, mustCell(county, s.at, s.name), s.name);
  for (const l of LANDMARKS) nameCell(county, mustCell(county, l.at, l.name), l.name);
  nameCell(county, parkCell(county, 0), 'Hedong Chemical Park');
  nameCell(county, parkCell(county, 5), 'Hedong Chemical Park East Tank Farm');
  // A river cell in the city: the bridge; the reservoir; the ferry at Longjiang.
  const riverCity = cells.filter((c) => c.landUse === 'water' && c.zone === 'city').sort((a, b) => km(a.p, CITY_CENTRE) - km(b.p, CITY_CENTRE));
  nameCell(county, riverCity[0]!, 'Qingshui Bridge');
  nameCell(county, riverCity[riverCity.length - 1]!, 'Binjiang Park Riverside');
  const reservoir = cells.filter((c) => county.reservoirCells.has(key(c.r, c.c))).sort((a, b) => km(a.p, RESERVOIR.centre) - km(b.p, RESERVOIR.centre));
  nameCell(county, reservoir[0]!, 'Qingshui Reservoir');
  const longjiang = townCentreOf(county, 'longjiang');
  const ferry = cells.filter((c) => c.landUse === 'water' && c.zone === 'town').sort((a, b) => km(a.p, longjiang) - km(b.p, longjiang));
  nameCell(county, ferry[0]!, 'Longjiang Ferry');
  // Forest farms (the forest teams' bases) and the Yunshan scenic area: forest cells 2-6 km from town.
  const gaolingFarm = forestSite(county, 'gaoling', 3);
  nameCell(county, gaolingFarm, 'Gaoling Forest Farm');
  const malingFarm = forestSite(county, 'maling', 3);
  nameCell(county, malingFarm, 'Maling Forest Farm');
  const scenic = forestSite(county, 'yunshan', 4.5);
  nameCell(county, scenic, 'Yunshan Scenic Area');
  return { gaolingFarm, malingFarm, scenic };
}
