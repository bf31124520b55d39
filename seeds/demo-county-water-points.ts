// Fire-fighting water sources of the FICTIONAL demo county 清水县: street hydrants (市政消火栓), drafting
// points on the Qing River and the reservoir (天然水源取水点), and fire water tanks (消防水池) in the
// villages. Placed on the street lattice the road generator lays (server/geo/generate-roads.ts:
// arterials on the 1 km cell borders, local streets every 200 m on urban / suburban / industrial
// cells; a 250 m street grid centred on each village cell), so each one stands beside a street.
//
// Hydrant density (documented choice): GB 50974-2014 §7.2.5 asks for municipal hydrants at most
// 120 m apart along a road and a protection radius of at most 150 m. The dense city core (urban and
// industrial cells, and the centres of the larger towns) gets one at every junction of the 200 m
// street grid — every point of a block is within 141 m of one — plus one mid-block on the arterials,
// so arterials have one every 100 m. The suburban fringe is under-provisioned, as in many county
// towns: one every 400 m along its arterials only. Village-sized town centres get four, on their
// small street grid. Flows (GB 50974 §7.2.8: ≥15 L/s): 15 L/s in the core, 10 L/s on weaker mains.
import type { LandUse, WaterPoint } from '../shared/schemas/region.ts';
import { RESERVOIR, RIVER, cellCentre, km, kmToPolyline, round5, GRID } from './demo-county-geo.ts';
import type { Pt } from './demo-county-geo.ts';
import { riverChainageKm } from './demo-county-terrain.ts';

/** Street-lattice steps per cell (must match the road generator's default streetsPerCell). */
const K = 5;
/** Hydrants stand at the kerb, ~6 m off the street centre line (in cells: 1 cell ≈ 1 km). */
const KERB = 0.006;
const FLOW_CORE_LPS = 15;
const FLOW_WEAK_LPS = 10;
/** Drafting from open water: what an engine's pump takes through its suction hoses. */
const FLOW_INTAKE_LPS = 40;
/** River drafting points: the most-populated bank cells, at least this far apart along the river. */
const INTAKE_SPACING_KM = 4;
/** Intakes sit on the bank, ~30 m inside the land cell from the water's edge. */
const BANK_INSET = 0.03;
const TANK_VOLUME_M3 = 100;

export interface WaterCell { r: number; c: number; landUse: LandUse; population: number; place?: string }
export interface WaterPlace { name: string; zh: string; r: number; c: number }

const GRID_USES: ReadonlySet<LandUse> = new Set(['urban', 'suburban', 'industrial']);
const latLon = (x: number, y: number): [number, number] => [round5(GRID.south + y * GRID.cellLat), round5(GRID.west + x * GRID.cellLon)];
const stem = (s: string) => s.replace(/ (Town|Village)$/, '');
const isReservoirCell = (c: { r: number; c: number; landUse: LandUse }) =>
  c.landUse === 'water' && km(cellCentre(c.r, c.c), RESERVOIR.centre) <= RESERVOIR.radiusKm;

export function demoCountyWaterPoints(cells: readonly WaterCell[], places: readonly WaterPlace[]): WaterPoint[] {
  const byKey = new Map(cells.map((c) => [c.r * GRID.cols + c.c, c]));
  const useAt = (x: number, y: number) => byKey.get(Math.floor(y) * GRID.cols + Math.floor(x))?.landUse;
  const nearestPlace = (p: Pt) => [...places].sort((a, b) => km(p, cellCentre(a.r, a.c)) - km(p, cellCentre(b.r, b.c)) || a.name.localeCompare(b.name))[0]!;

  // ---- hydrants ----
  // Keyed by lattice position (in 1/(2K) cell so mid-blocks fit), so shared borders count once.
  const hydrants = new Map<number, { x: number; y: number; flow: number }>();
  const put = (x2: number, y2: number, flow: number, dx: number, dy: number) => {
    const key = y2 * 10_000 + x2;
    const prev = hydrants.get(key);
    if (prev && prev.flow >= flow) return;
    // Kerbside, on land: try the preferred side of the street, then the other.
    for (const s of [1, -1]) {
      const x = x2 / (2 * K) + s * dx, y = y2 / (2 * K) + s * dy;
      const u = useAt(x, y);
      if (u !== undefined && u !== 'water') { hydrants.set(key, { x, y, flow }); return; }
    }
  };
  const isTownCentre = (c: WaterCell) => c.place !== undefined && / Town$/.test(c.place);
  for (const cell of cells) {
    if (!GRID_USES.has(cell.landUse)) continue;
    const core = cell.landUse !== 'suburban' || isTownCentre(cell);
    const X = cell.c * K, Y = cell.r * K;
    if (core) {
      for (let j = 0; j <= K; j++) for (let i = 0; i <= K; i++) put(2 * (X + i), 2 * (Y + j), FLOW_CORE_LPS, KERB, KERB);
      for (let s = 0; s < K; s++) {
        for (const J of [Y, Y + K]) put(2 * (X + s) + 1, 2 * J, FLOW_CORE_LPS, 0, KERB); // horizontal arterials
        for (const I of [X, X + K]) put(2 * I, 2 * (Y + s) + 1, FLOW_CORE_LPS, KERB, 0); // vertical arterials
      }
    } else {
      for (let s = 0; s <= K; s++) {
        if ((X + s) % 2 === 0) for (const J of [Y, Y + K]) put(2 * (X + s), 2 * J, FLOW_WEAK_LPS, KERB, KERB);
        if ((Y + s) % 2 === 0) for (const I of [X, X + K]) put(2 * I, 2 * (Y + s), FLOW_WEAK_LPS, KERB, KERB);
      }
    }
  }
  // Village-sized town centres: four on the quarter-cell street grid (the centre holds the tank).
  for (const cell of cells) {
    if (cell.landUse !== 'village' || !isTownCentre(cell)) continue;
    for (const [i, j] of [[1, 1], [3, 1], [1, 3], [3, 3]] as const) {
      put(2 * K * cell.c + (i * 2 * K) / 4, 2 * K * cell.r + (j * 2 * K) / 4, FLOW_WEAK_LPS, KERB, KERB);
    }
  }
  const out: WaterPoint[] = [...hydrants.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, h], i) => ({ id: `hydrant-${String(i + 1).padStart(4, '0')}`, kind: 'hydrant', location: latLon(h.x, h.y), flowLps: h.flow }));

  // ---- drafting points on the river and the reservoir banks ----
  const names = new Map<string, number>();
  /** How many times a name has been given so far (1 for the first). */
  const nth = (name: string): number => { const n = (names.get(name) ?? 0) + 1; names.set(name, n); return n; };
  const bankPoint = (cell: WaterCell, water: (n: WaterCell) => boolean): Pt | undefined => {
    for (const [dr, dc] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
      const n = byKey.get((cell.r + dr) * GRID.cols + cell.c + dc);
      if (!n || !water(n)) continue;
      // The middle of the shared cell edge, moved a little into the land cell.
      return { r: cell.r + 0.5 + dr * (0.5 - BANK_INSET), c: cell.c + 0.5 + dc * (0.5 - BANK_INSET) };
    }
    return undefined;
  };
  /** what: [English name, Chinese water body, Chinese kind], e.g. 清水河 + 取水点 → 清水河2号取水点(大圩镇). */
  const intake = (kind: 'natural-intake' | 'reservoir-intake', cell: WaterCell, at: Pt, what: [string, string, string]) => {
    const place = nearestPlace(at);
    const n = nth(`${what[0]} ${place.name}`);
    const [en, zh] = n > 1
      ? [`${what[0]} No. ${n} (${stem(place.name)})`, `${what[1]}${n}号${what[2]}(${place.zh})`]
      : [`${what[0]} (${stem(place.name)})`, `${what[1]}${what[2]}(${place.zh})`];
    out.push({ id: `${kind === 'natural-intake' ? 'river' : 'reservoir'}-intake-${cell.r}-${cell.c}`, kind, location: latLon(at.c, at.r), flowLps: FLOW_INTAKE_LPS, name: en, nameZh: zh });
  };
  const riverWater = (n: WaterCell) => n.landUse === 'water' && !isReservoirCell(n);
  const riverBanks = cells
    .filter((c) => c.landUse !== 'water' && bankPoint(c, riverWater) && kmToPolyline(cellCentre(c.r, c.c), RIVER) < 2)
    .map((c) => ({ c, s: riverChainageKm(cellCentre(c.r, c.c)) }));
  // Greedy: the most-populated bank cells first, each at least INTAKE_SPACING_KM along the river from the others.
  riverBanks.sort((a, b) => b.c.population - a.c.population || a.s - b.s);
  const picked: typeof riverBanks = [];
  for (const b of riverBanks) if (picked.every((o) => Math.abs(o.s - b.s) >= INTAKE_SPACING_KM)) picked.push(b);
  for (const b of picked.sort((x, y) => x.s - y.s)) intake('natural-intake', b.c, bankPoint(b.c, riverWater)!, ['Qing River Intake', '清水河', '取水点']);
  // Reservoir: the most-populated shore cell, and the shore cell farthest from it (the opposite shore).
  const shores = cells.filter((c) => c.landUse !== 'water' && bankPoint(c, isReservoirCell)).sort((a, b) => b.population - a.population || a.r - b.r || a.c - b.c);
  const first = shores[0];
  if (!first) throw new Error('water points: the reservoir has no land shore');
  const far = [...shores].sort((a, b) => km(cellCentre(b.r, b.c), cellCentre(first.r, first.c)) - km(cellCentre(a.r, a.c), cellCentre(first.r, first.c)))[0]!;
  for (const c of [first, far]) intake('reservoir-intake', c, bankPoint(c, isReservoirCell)!, ['Qingshui Reservoir Intake', '清水水库', '取水点']);

  // ---- village fire water tanks: at the centre junction of each village cell's street grid ----
  for (const cell of cells) {
    if (cell.landUse !== 'village') continue;
    const at: Pt = { r: cell.r + 0.5 + KERB, c: cell.c + 0.5 + KERB };
    const named = cell.place ? places.find((p) => p.name === cell.place) : undefined;
    const near = named ?? nearestPlace(at);
    const n = named ? 1 : nth(`tank near ${near.name}`);
    const [en, zh] = named ? [`${named.name} Fire Water Tank`, `${named.zh}消防水池`]
      : [`Fire Water Tank${n > 1 ? ` No. ${n}` : ''} near ${near.name}`, `${near.zh}附近${n > 1 ? `${n}号` : ''}消防水池`];
    out.push({ id: `tank-${cell.r}-${cell.c}`, kind: 'water-tank', location: latLon(at.c, at.r), volumeM3: TANK_VOLUME_M3, name: en, nameZh: zh });
  }
  return out;
}
