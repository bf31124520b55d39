// Generates seeds/regions/demo-county/region.json: the FICTIONAL demo county 清水县 "Qingshui County"
// (hilly south-China terrain, ~600,000 people): an irregular county outline on a 1 km grid, a river,
// a city of ~380,000 split into station districts, 12 townships, a chemical park, and the forces of
// every tier (national stations, specialist teams, full-time, enterprise and forest teams, township
// teams, volunteers, micro stations), plus three neighbouring counties and a provincial base as the
// reinforcement echelons. On top of that (no PRNG, so the above is unchanged): terrain heights and the
// floodplain (demo-county-terrain.ts), water points (demo-county-water-points.ts) and named features —
// river, expressway, interchanges, service area, bridges, park, forests (demo-county-features.ts).
//
// Deterministic: a seeded mulberry32 PRNG, no Math.random, no clock. The region is validated with
// RegionSchema and cross-checked against seeds/unit-types.yaml and seeds/run-cards.yaml (every run
// card must be satisfiable by the region's units) before the file is written (temp file + rename).
//
// Run: npx tsx seeds/generate-demo-county.ts        (or: npm run seed:region)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { RegionSchema } from '../shared/schemas/region.ts';
import type { Cell, Jurisdiction, LandUse, Region, Station, UnitSpec } from '../shared/schemas/region.ts';
import { UnitTypeCatalogueSchema } from '../shared/schemas/unit-types.ts';
import type { UnitType, UnitTypeCatalogue } from '../shared/schemas/unit-types.ts';
import { RunCardsFileSchema } from '../shared/schemas/run-cards.ts';
import type { RunCard, RunCardNeed, RunCardsFile } from '../shared/schemas/run-cards.ts';
import { KIND_TIER } from '../shared/domain/forces.ts';
import type { Capability, ForceKind, Tier } from '../shared/domain/forces.ts';
import { INCIDENT_TYPES } from '../shared/domain/incident-types.ts';
import { haversineM } from '../shared/geo.ts';
import type { LatLon } from '../shared/geo.ts';
import { GRID, KM_PER_COL, KM_PER_ROW, RESERVOIR, RIVER, cellCentre, clamp, key, km, kmToPolyline, mulberry32, round5, toLatLon } from './demo-county-geo.ts';
import type { Pt } from './demo-county-geo.ts';
import { computeTerrain } from './demo-county-terrain.ts';
import { demoCountyFeatures, type NamedPlace } from './demo-county-features.ts';
import { demoCountyWaterPoints } from './demo-county-water-points.ts';
import { generateDemoRoads } from '../server/geo/generate-roads.ts';

const SEEDS_DIR = path.dirname(fileURLToPath(import.meta.url));
const OUT_FILE = path.join(SEEDS_DIR, 'regions', 'demo-county', 'region.json');
const SEED = 20_250_601;

// ---- geography ------------------------------------------------------------------------------------

const COUNTY_CENTRE: Pt = { r: 30, c: 33 };
const COUNTY_RADII = { r: 24.5, c: 27 }; // km; ≈ 2,000 km² before the wobble
const CITY_CENTRE: Pt = { r: 31.5, c: 31 };
/** Hill masses that push the terrain up (forest): west (Gaoling), south-west (Maling), north-east (Yunshan). */
const HILLS: readonly { at: Pt; sigmaKm: number; lift: number }[] = [
  { at: { r: 34, c: 7 }, sigmaKm: 9, lift: 0.35 },
  { at: { r: 11, c: 15 }, sigmaKm: 8, lift: 0.3 },
  { at: { r: 48, c: 49 }, sigmaKm: 9, lift: 0.4 },
  { at: { r: 6, c: 44 }, sigmaKm: 6, lift: 0.2 },
];
/** City: anisotropic distance, long axis along the river (NW–SE). */
const CITY_URBAN_KM = 3.4;
const CITY_LIMIT_KM = 6.0;
/** Hedong Chemical Park (河东化工园区): 6 cells east of the city, on the east bank. */
const PARK_CELLS: readonly [number, number][] = [[30, 39], [30, 40], [30, 41], [31, 39], [31, 40], [31, 41]];

const POPULATION_TOTAL = 600_000;
const CITY_URBAN_POP = 332_000;
const CITY_SUBURBAN_POP = 48_000;
const FOREST_SHARE = 0.68; // of the countryside cells (Guangxi forest cover is ~60-65 %)

type TeamKind = 'township-1' | 'township-2' | 'none';
interface TownDef {
  id: string; name: string; zh: string; cell: [number, number]; team: TeamKind; centrePop: number;
  villages: { name: string; zh: string }[];
}
const TOWNS: readonly TownDef[] = [
  { id: 'daxu', name: 'Daxu', zh: '大圩镇', cell: [45, 23], team: 'township-1', centrePop: 14_000, villages: [{ name: 'Hejiao Village', zh: '河角村' }, { name: 'Shangxu Village', zh: '上圩村' }] },
  { id: 'baisha', name: 'Baisha', zh: '白沙镇', cell: [38, 45], team: 'township-1', centrePop: 11_000, villages: [{ name: 'Shatang Village', zh: '沙塘村' }] },
  { id: 'longjiang', name: 'Longjiang', zh: '龙江乡', cell: [15, 51], team: 'township-1', centrePop: 9_500, villages: [{ name: 'Dutou Village', zh: '渡头村' }] },
  { id: 'shimen', name: 'Shimen', zh: '石门镇', cell: [19, 24], team: 'township-1', centrePop: 12_000, villages: [{ name: 'Shiqiao Village', zh: '石桥村' }, { name: 'Xiawan Village', zh: '下湾村' }] },
  { id: 'huangping', name: 'Huangping', zh: '黄坪乡', cell: [48, 33], team: 'township-2', centrePop: 6_500, villages: [{ name: 'Tangkou Village', zh: '塘口村' }] },
  { id: 'gaoling', name: 'Gaoling', zh: '高岭镇', cell: [33, 10], team: 'township-2', centrePop: 5_200, villages: [{ name: 'Laoshan Village', zh: '老山村' }] },
  { id: 'xincun', name: 'Xincun', zh: '新村乡', cell: [25, 55], team: 'township-2', centrePop: 4_800, villages: [{ name: 'Zhangjia Village', zh: '张家村' }] },
  { id: 'qiaotou', name: 'Qiaotou', zh: '桥头镇', cell: [10, 36], team: 'township-2', centrePop: 7_800, villages: [{ name: 'Lijia Village', zh: '李家村' }, { name: 'Niutou Village', zh: '牛头村' }] },
  { id: 'liantang', name: 'Liantang', zh: '莲塘镇', cell: [34, 53], team: 'township-2', centrePop: 6_000, villages: [{ name: 'Hetang Village', zh: '荷塘村' }] },
  { id: 'maling', name: 'Maling', zh: '马岭乡', cell: [14, 18], team: 'township-2', centrePop: 4_300, villages: [{ name: 'Mawei Village', zh: '马尾村' }] },
  // Two towns with no fire force of their own (the seed plans count "towns with no force"):
  { id: 'yunshan', name: 'Yunshan', zh: '云山乡', cell: [46, 45], team: 'none', centrePop: 3_200, villages: [{ name: 'Shangping Village', zh: '上坪村' }] },
  { id: 'pingshi', name: 'Pingshi', zh: '坪石乡', cell: [22, 37], team: 'none', centrePop: 3_600, villages: [{ name: 'Xiaohe Village', zh: '小河村' }] },
];
/** Volunteer teams (志愿消防队): in the first village of these townships. */
const VOLUNTEER_TOWNS = ['yunshan', 'pingshi', 'gaoling', 'huangping', 'qiaotou', 'xincun'] as const;

// ---- forces ---------------------------------------------------------------------------------------

type UnitList = readonly (readonly [code: string, count: number])[];
interface StationDef {
  id: string; name: string; zh: string; short: string; kind: ForceKind; at: Pt; staff: number;
  units: UnitList; specialties?: Capability[];
  /** City station districts: the name of its urban-district jurisdiction. */
  district?: { id: string; name: string; zh: string };
}

/** Stations and teams of the city (all districts get cells by nearest district station). */
const CITY_STATIONS: readonly StationDef[] = [
  { id: 'qs-special', name: 'Qingshui Special-Service Station', zh: '清水特勤消防救援站', short: '特勤', kind: 'special-service', at: { r: 29.3, c: 30.3 }, staff: 52,
    units: [['SG', 2], ['PM', 1], ['DG-54', 1], ['JP', 1], ['JY', 1], ['HJ', 1], ['XX', 1], ['TX', 1], ['ZT', 1], ['SJ', 1]], specialties: ['water-rescue', 'hazmat', 'search'],
    district: { id: 'qs-city-central', name: 'Chengzhong (Central) Station District', zh: '城中站辖区' } },
  { id: 'qs-chengdong', name: 'Chengdong Fire-Rescue Station', zh: '城东消防救援站', short: '城东', kind: 'class-1', at: { r: 32.5, c: 35.5 }, staff: 38,
    units: [['SG', 3], ['PM', 1], ['DG-32', 1], ['JY', 1], ['CAFS', 1]],
    district: { id: 'qs-city-chengdong', name: 'Chengdong Station District', zh: '城东站辖区' } },
  { id: 'qs-chengbei', name: 'Chengbei Fire-Rescue Station', zh: '城北消防救援站', short: '城北', kind: 'class-1', at: { r: 34.2, c: 29.5 }, staff: 36,
    units: [['SG', 2], ['PM', 1], ['YT', 1], ['JY', 1], ['PY', 1], ['TX', 1]],
    district: { id: 'qs-city-chengbei', name: 'Chengbei Station District', zh: '城北站辖区' } },
  { id: 'qs-chengnan', name: 'Chengnan Fire-Rescue Station', zh: '城南消防救援站', short: '城南', kind: 'class-1', at: { r: 26.8, c: 31.4 }, staff: 34,
    units: [['SG', 3], ['PM', 1], ['DG-32', 1], ['JY', 1], ['PY', 1]],
    district: { id: 'qs-city-chengnan', name: 'Chengnan Station District', zh: '城南站辖区' } },
  { id: 'qs-chengxi', name: 'Chengxi Fire-Rescue Station', zh: '城西消防救援站', short: '城西', kind: 'class-2', at: { r: 31.2, c: 27.8 }, staff: 20,
    units: [['SG', 2], ['JY', 1], ['GQ', 1]],
    district: { id: 'qs-city-chengxi', name: 'Chengxi Station District', zh: '城西站辖区' } },
  { id: 'qs-xincheng', name: 'Xincheng Fire-Rescue Station', zh: '新城消防救援站', short: '新城', kind: 'class-2', at: { r: 36.0, c: 32.6 }, staff: 18,
    units: [['SG', 2], ['PM', 1], ['JY', 1]],
    district: { id: 'qs-city-xincheng', name: 'Xincheng Station District', zh: '新城站辖区' } },
  { id: 'qs-gucheng', name: 'Gucheng (Old Town) Small Station', zh: '古城小型消防救援站', short: '古城', kind: 'small', at: { r: 31.7, c: 31.3 }, staff: 15,
    units: [['SG', 1], ['JY', 1]],
    district: { id: 'qs-city-gucheng', name: 'Old Town Station District', zh: '古城站辖区' } },
  { id: 'qs-ft-nanjiao', name: 'Nanjiao City Full-time Fire Team', zh: '南郊政府专职消防队', short: '南郊', kind: 'city-fulltime', at: { r: 27.6, c: 34.2 }, staff: 15,
    units: [['SG', 2], ['JY', 1]],
    district: { id: 'qs-city-nanjiao', name: 'Nanjiao District (full-time team)', zh: '南郊专职队辖区' } },
  { id: 'qs-ft-beijiao', name: 'Beijiao City Full-time Fire Team', zh: '北郊政府专职消防队', short: '北郊', kind: 'city-fulltime', at: { r: 35.6, c: 26.2 }, staff: 12,
    units: [['SG', 2], ['XSG', 1]],
    district: { id: 'qs-city-beijiao', name: 'Beijiao District (full-time team)', zh: '北郊专职队辖区' } },
  // No district of their own:
  { id: 'qs-logistics', name: 'Qingshui Logistics Support Station', zh: '清水战勤保障消防救援站', short: '战保', kind: 'logistics', at: { r: 28.0, c: 26.5 }, staff: 24,
    units: [['ZQ', 2], ['QC', 1], ['GQ', 1], ['YCGS', 1], ['PL', 2], ['PY', 1], ['ZM', 1]], specialties: ['long-distance-water', 'logistics'] },
  { id: 'qs-water-team', name: 'Qingshui Water-Rescue & Flood Specialist Team', zh: '清水水域救援抗洪排涝专业队', short: '水域', kind: 'specialist-team', at: { r: 29.4, c: 30.45 }, staff: 16,
    units: [['ZT', 2], ['PL', 2], ['ZM', 1]], specialties: ['water-rescue', 'pumping'] },
  { id: 'qs-quake-team', name: 'Qingshui Earthquake (Light) Rescue Specialist Team', zh: '清水地震(轻型)救援专业队', short: '地震', kind: 'specialist-team', at: { r: 34.3, c: 29.65 }, staff: 14,
    units: [['JY', 1], ['SJ', 1], ['ZX', 1]], specialties: ['search', 'rescue', 'heavy-machinery'] },
];
const DISTRICT_STATIONS = CITY_STATIONS.filter((s) => s.district);
/** National stations that can supervise townships and micro stations (the small station does not). */
const SUPERVISORS = CITY_STATIONS.filter((s) => s.kind === 'special-service' || s.kind === 'class-1' || s.kind === 'class-2');

/** Micro stations at key sites and dense communities of the city (place name → cell). */
const CITY_SITES: readonly { id: string; name: string; zh: string; at: Pt }[] = [
  { id: 'old-town', name: 'Qingshui Old Town', zh: '清水古城', at: { r: 31.6, c: 32.4 } },
  { id: 'hospital', name: "County People's Hospital", zh: '县人民医院', at: { r: 30.6, c: 29.4 } },
  { id: 'no1-school', name: 'Qingshui No.1 Middle School', zh: '清水一中', at: { r: 33.2, c: 29.8 } },
  { id: 'plaza', name: 'Qingshui Plaza', zh: '清水广场', at: { r: 32.4, c: 30.6 } },
  { id: 'railway', name: 'Qingshui Railway Station', zh: '清水火车站', at: { r: 28.4, c: 27.6 } },
];
const COMMUNITIES: readonly { id: string; name: string; zh: string }[] = [
  { id: 'binjiang', name: 'Binjiang Community', zh: '滨江社区' },
  { id: 'xinhua', name: 'Xinhua Street', zh: '新华街' },
  { id: 'renmin', name: 'Renmin Road', zh: '人民路' },
  { id: 'gulou', name: 'Gulou Community', zh: '鼓楼社区' },
  { id: 'jiefang', name: 'Jiefang Road', zh: '解放路' },
  { id: 'zhongshan', name: 'Zhongshan Road', zh: '中山路' },
  { id: 'wenchang', name: 'Wenchang Community', zh: '文昌社区' },
  { id: 'dongmen', name: 'Dongmen Community', zh: '东门社区' },
  { id: 'ximen', name: 'Ximen Community', zh: '西门社区' },
  { id: 'xingfu', name: 'Xingfu Community', zh: '幸福社区' },
  { id: 'heping', name: 'Heping Community', zh: '和平社区' },
];
/** More named places for the board and for scripted calls. */
const LANDMARKS: readonly { name: string; zh: string; at: Pt }[] = [
  { name: 'Chengdong New District', zh: '城东新区', at: { r: 32.5, c: 35.5 } },
  { name: 'Qingshui Bus Station', zh: '清水汽车站', at: { r: 34.5, c: 26.5 } },
  { name: 'Chengnan Industrial Zone', zh: '城南工业区', at: { r: 26.5, c: 29.5 } },
];
/** Chinese names of the other named cells (the site names match the features' and micro stations' names). */
const SITE_ZH: Readonly<Record<string, string>> = {
  'Qingshui City Centre': '清水城区中心',
  'Hedong Chemical Park': '河东化工园区',
  'Hedong Chemical Park East Tank Farm': '河东化工园区东罐区',
  'Qingshui Bridge': '清水大桥',
  'Binjiang Park Riverside': '滨江公园沿江',
  'Qingshui Reservoir': '清水水库',
  'Longjiang Ferry': '龙江渡口',
  'Gaoling Forest Farm': '高岭林场',
  'Maling Forest Farm': '马岭林场',
  'Yunshan Scenic Area': '云山风景区',
};

/** English place name → Chinese (placeZh): towns ("Daxu Town" ↔ 大圩镇), villages, city sites, communities, landmarks. */
function placeZhTable(): Map<string, string> {
  const table = new Map<string, string>(Object.entries(SITE_ZH));
  for (const t of TOWNS) {
    table.set(`${t.name} Town`, t.zh);
    for (const v of t.villages) table.set(v.name, v.zh);
  }
  for (const s of [...CITY_SITES, ...COMMUNITIES, ...LANDMARKS]) table.set(s.name, s.zh);
  return table;
}

// Reinforcement echelons outside the county (locations in lat/lon; distances from the city centre).
interface OutsideDef {
  jurisdiction: { id: string; name: string; zh: string; kind: 'neighbour' | 'province'; population: number };
  station: { id: string; name: string; zh: string; short: string; kind: ForceKind; staff: number; units: UnitList; specialties?: Capability[] };
  offset: { dLat: number; dLon: number };
}
const OUTSIDE: readonly OutsideDef[] = [
  { jurisdiction: { id: 'nb-beishan', name: 'Beishan County (fictional neighbour)', zh: '北山县(虚构邻县)', kind: 'neighbour', population: 420_000 },
    station: { id: 'nb-beishan-1', name: 'Beishan County Class 1 Station', zh: '北山县一级消防救援站', short: '北山', kind: 'class-1', staff: 36,
      units: [['SG', 3], ['PM', 1], ['DG-32', 1], ['JY', 1], ['HJ', 1]] },
    offset: { dLat: 0.4, dLon: -0.05 } },
  { jurisdiction: { id: 'nb-xiling', name: 'Xiling County (fictional neighbour)', zh: '西岭县(虚构邻县)', kind: 'neighbour', population: 510_000 },
    station: { id: 'nb-xiling-1', name: 'Xiling County Class 1 Station', zh: '西岭县一级消防救援站', short: '西岭', kind: 'class-1', staff: 38,
      units: [['SG', 3], ['PM', 1], ['DG-32', 1], ['JY', 1], ['ZT', 1]] },
    offset: { dLat: 0.05, dLon: -0.54 } },
  { jurisdiction: { id: 'nb-nanhe', name: 'Nanhe County (fictional neighbour)', zh: '南河县(虚构邻县)', kind: 'neighbour', population: 380_000 },
    station: { id: 'nb-nanhe-1', name: 'Nanhe County Class 1 Station', zh: '南河县一级消防救援站', short: '南河', kind: 'class-1', staff: 34,
      units: [['SG', 3], ['PM', 1], ['DG-32', 1], ['JY', 1]] },
    offset: { dLat: -0.4, dLon: 0.47 } },
  { jurisdiction: { id: 'prov-reinforcement', name: 'Provincial Reinforcement (fictional)', zh: '省总队跨区域增援(虚构)', kind: 'province', population: 0 },
    station: { id: 'prov-base', name: 'Provincial Corps Reinforcement Base', zh: '省消防救援总队跨区域增援基地', short: '省增援', kind: 'special-service', staff: 120,
      units: [['SG', 4], ['PM', 2], ['JP', 1], ['DG-54', 1], ['JY', 2], ['HJ', 2], ['XX', 1], ['SJ', 2], ['ZX', 2], ['ZT', 2], ['PL', 2], ['YCGS', 1], ['TX', 1], ['ZQ', 1], ['PY', 1], ['GQ', 1], ['ZM', 1]],
      specialties: ['hazmat', 'water-rescue', 'search', 'heavy-machinery', 'pumping', 'long-distance-water'] },
    offset: { dLat: -1.0635, dLon: -0.997 } },
];

/** Short Chinese type names for callsigns (e.g. 城东水罐2). */
const CALLSIGN_TYPE: Record<string, string> = {
  SG: '水罐', XSG: '水罐', PM: '泡沫', GF: '干粉', CAFS: '压缩泡沫', SL: '森林', 'DG-32': '登高', 'DG-54': '登高', YT: '云梯', JP: '举喷',
  JY: '抢险', HJ: '化救', XX: '洗消', PY: '排烟', ZT: '舟艇', PL: '排涝', SJ: '搜救', ZX: '工程', TX: '通信', GQ: '供气', QC: '器材',
  ZM: '照明', YCGS: '远程供水', ZQ: '保障', MICRO: '微站',
};

function makeUnits(stationId: string, short: string, list: UnitList): UnitSpec[] {
  const out: UnitSpec[] = [];
  for (const [code, count] of list) {
    for (let i = 1; i <= count; i++) out.push({ id: `${stationId}-${code}-${i}`, type: code, callsign: `${short}${CALLSIGN_TYPE[code] ?? code}${i}` });
  }
  return out;
}

// ---- the generator --------------------------------------------------------------------------------

interface CellWork {
  r: number; c: number; p: Pt; elev: number;
  zone: 'city' | 'park' | 'town';
  landUse: LandUse; population: number; jurisdictionId: string; place?: string;
  townId?: string; fixed: boolean;
}

export function generateRegion(): Region {
  const rng = mulberry32(SEED);

  // County outline: an ellipse whose radius wobbles with a few harmonics of random phase.
  const harmonics = [2, 3, 4, 5, 6, 7].map((k, i) => ({ k, amp: [0.07, 0.06, 0.045, 0.03, 0.02, 0.015][i]!, phase: rng() * 2 * Math.PI }));
  const inCounty = (p: Pt) => {
    const y = ((p.r - COUNTY_CENTRE.r) * KM_PER_ROW) / COUNTY_RADII.r;
    const x = ((p.c - COUNTY_CENTRE.c) * KM_PER_COL) / COUNTY_RADII.c;
    const theta = Math.atan2(y, x);
    const wobble = 1 + harmonics.reduce((s, h) => s + h.amp * Math.sin(h.k * theta + h.phase), 0);
    return Math.hypot(x, y) <= wobble;
  };

  // Terrain: two octaves of value noise, hills, higher away from the river and towards the border.
  const lattice = (step: number) => {
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
  };
  const coarse = lattice(9);
  const fine = lattice(3.5);
  const townCentres = TOWNS.map((t) => cellCentre(t.cell[0], t.cell[1]));
  const elevation = (p: Pt) => {
    const riverKm = kmToPolyline(p, RIVER);
    const y = ((p.r - COUNTY_CENTRE.r) * KM_PER_ROW) / COUNTY_RADII.r;
    const x = ((p.c - COUNTY_CENTRE.c) * KM_PER_COL) / COUNTY_RADII.c;
    const nearestTown = Math.min(...townCentres.map((t) => km(p, t)));
    let e = 0.45 * coarse(p) + 0.25 * fine(p) + 0.3 * clamp(riverKm / 12, 0, 1) + 0.25 * Math.min(1, x * x + y * y);
    for (const h of HILLS) e += h.lift * Math.exp(-((km(p, h.at) / h.sigmaKm) ** 2));
    e -= 0.3 * Math.exp(-((nearestTown / 3) ** 2));
    return e;
  };

  // River band: walk the polyline in small steps and mark every cell it passes through.
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

  const cityDistance = (p: Pt) => {
    const dy = (p.r - CITY_CENTRE.r) * KM_PER_ROW, dx = (p.c - CITY_CENTRE.c) * KM_PER_COL;
    const u = (dx - dy) / Math.SQRT2; // along the NW–SE axis
    const v = (dx + dy) / Math.SQRT2;
    return Math.hypot(u / 1.2, v / 0.88);
  };
  const parkKeys = new Set(PARK_CELLS.map(([r, c]) => key(r, c)));

  // Cells of the county.
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
  const cellAt = (p: Pt) => byKey.get(key(Math.floor(p.r), Math.floor(p.c)));
  const mustCell = (p: Pt, what: string) => {
    const cell = cellAt(p);
    if (!cell) throw new Error(`${what} at row ${p.r}, col ${p.c} is outside the county outline`);
    if (waterCells.has(key(cell.r, cell.c))) throw new Error(`${what} at row ${p.r}, col ${p.c} falls in a water cell`);
    return cell;
  };
  const nearest = <T extends { at: Pt }>(p: Pt, list: readonly T[]): T => {
    let best = list[0]!;
    for (const s of list) if (km(p, s.at) < km(p, best.at)) best = s;
    return best;
  };

  // Jurisdictions: city districts by nearest district station, the park, townships by nearest town
  // centre (with a little smooth noise so borders are not straight lines).
  const borderNoise = lattice(4);
  const townOf = (p: Pt): TownDef => {
    let best = TOWNS[0]!, bestD = Infinity;
    for (const [i, t] of TOWNS.entries()) {
      const d = km(p, townCentres[i]!) + 3 * (borderNoise({ r: p.r + i * 7, c: p.c + i * 5 }) - 0.5);
      if (d < bestD) { bestD = d; best = t; }
    }
    return best;
  };
  // City districts: nearest station, distances divided by a reach per kind so that district sizes
  // follow the standard (class 1 ≤7 km², class 2 ≤4 km², small ≤2 km²; suburban up to 15 km²).
  const REACH: Partial<Record<ForceKind, number>> = { 'special-service': 1.2, 'class-1': 1.2, 'class-2': 0.9, small: 0.5, 'city-fulltime': 1 };
  const districtOf = (p: Pt) => {
    let best = DISTRICT_STATIONS[0]!, bestD = Infinity;
    for (const s of DISTRICT_STATIONS) { const d = km(p, s.at) / (REACH[s.kind] ?? 1); if (d < bestD) { bestD = d; best = s; } }
    return best.district!;
  };
  for (const cell of cells) {
    if (cell.zone === 'park') cell.jurisdictionId = 'qs-park-hedong';
    else if (cell.zone === 'city') cell.jurisdictionId = districtOf(cell.p).id;
    else { const t = townOf(cell.p); cell.townId = t.id; cell.jurisdictionId = `qs-twp-${t.id}`; }
  }

  // ---- land use and population ----
  let cityUrbanRaw = 0, citySuburbanRaw = 0;
  const raw = new Map<CellWork, number>();
  for (const cell of cells) {
    if (waterCells.has(key(cell.r, cell.c))) { cell.landUse = 'water'; cell.fixed = true; continue; }
    if (cell.zone === 'park') { cell.landUse = 'industrial'; cell.population = Math.floor(20 + rng() * 120); cell.fixed = true; continue; }
    if (cell.zone === 'city') {
      const d = cityDistance(cell.p);
      if (d <= CITY_URBAN_KM) { cell.landUse = 'urban'; const w = 1 - 0.55 * (d / CITY_URBAN_KM) ** 1.4 + 0.1 * rng(); raw.set(cell, w); cityUrbanRaw += w; }
      else { cell.landUse = 'suburban'; const w = 0.15 + Math.exp(-(d - CITY_URBAN_KM) / 0.9) + 0.1 * rng(); raw.set(cell, w); citySuburbanRaw += w; }
    }
  }
  for (const cell of cells) {
    const w = raw.get(cell);
    if (w === undefined) continue;
    if (cell.landUse === 'urban') cell.population = Math.round(clamp((w / cityUrbanRaw) * CITY_URBAN_POP, 8_000, 20_000));
    else cell.population = Math.round(clamp((w / citySuburbanRaw) * CITY_SUBURBAN_POP, 250, 4_500));
    cell.fixed = true;
  }

  // Towns: the centre cell, a ring of large villages around class-1 towns, and outlying villages.
  const places = new Map<string, CellWork>();
  const name = (cell: CellWork, place: string) => {
    if (places.has(place)) throw new Error(`place name "${place}" used twice`);
    if (cell.place) throw new Error(`cell ${cell.r},${cell.c} already named "${cell.place}", cannot also be "${place}"`);
    cell.place = place;
    places.set(place, cell);
  };
  const villageCells = new Map<string, CellWork[]>(); // town id → its outlying village cells, in order
  for (const [i, t] of TOWNS.entries()) {
    const centre = mustCell(townCentres[i]!, `town centre ${t.name}`);
    if (centre.townId !== t.id) throw new Error(`town centre ${t.name} falls in the area of ${centre.townId ?? centre.jurisdictionId}`);
    centre.landUse = t.centrePop >= 8_000 ? 'suburban' : 'village';
    centre.population = t.centrePop;
    centre.fixed = true;
    name(centre, `${t.name} Town`);
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
      name(c, v.name);
      chosen.push(c);
    }
    villageCells.set(t.id, chosen);
  }

  // Countryside: the highest FOREST_SHARE of the remaining cells are forest, the rest farmland.
  const countryside = cells.filter((c) => !c.fixed).sort((a, b) => b.elev - a.elev || a.r - b.r || a.c - b.c);
  const forestCount = Math.round(countryside.length * FOREST_SHARE);
  const rural: CellWork[] = [];
  countryside.forEach((cell, i) => {
    if (i < forestCount) { cell.landUse = 'forest'; cell.population = Math.floor(rng() * 21); }
    else { cell.landUse = 'rural'; rural.push(cell); }
  });
  // Farmland population: denser in the valleys; scaled so that the county totals POPULATION_TOTAL.
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

  // ---- named places ----
  const cityCentreCell = mustCell(CITY_CENTRE, 'city centre');
  name(cityCentreCell, 'Qingshui City Centre');
  for (const s of CITY_SITES) name(mustCell(s.at, s.name), s.name);
  for (const l of LANDMARKS) name(mustCell(l.at, l.name), l.name);
  name(byKey.get(key(PARK_CELLS[0]![0], PARK_CELLS[0]![1]))!, 'Hedong Chemical Park');
  name(byKey.get(key(PARK_CELLS[5]![0], PARK_CELLS[5]![1]))!, 'Hedong Chemical Park East Tank Farm');
  // A river cell in the city: the bridge; the reservoir; the ferry at Longjiang.
  const riverCity = cells.filter((c) => c.landUse === 'water' && c.zone === 'city').sort((a, b) => km(a.p, CITY_CENTRE) - km(b.p, CITY_CENTRE));
  name(riverCity[0]!, 'Qingshui Bridge');
  name(riverCity[riverCity.length - 1]!, 'Binjiang Park Riverside');
  const reservoir = cells.filter((c) => reservoirCells.has(key(c.r, c.c))).sort((a, b) => km(a.p, RESERVOIR.centre) - km(b.p, RESERVOIR.centre));
  name(reservoir[0]!, 'Qingshui Reservoir');
  const longjiang = townCentres[TOWNS.findIndex((t) => t.id === 'longjiang')]!;
  const ferry = cells.filter((c) => c.landUse === 'water' && c.zone === 'town').sort((a, b) => km(a.p, longjiang) - km(b.p, longjiang));
  name(ferry[0]!, 'Longjiang Ferry');
  // Forest farms (the forest teams' bases) and the Yunshan scenic area: forest cells 2-5 km from town.
  const forestSite = (townId: string, target: number) => {
    const centre = townCentres[TOWNS.findIndex((t) => t.id === townId)]!;
    const list = cells.filter((c) => c.townId === townId && c.landUse === 'forest' && !c.place && km(c.p, centre) >= 2 && km(c.p, centre) <= 6)
      .sort((a, b) => Math.abs(km(a.p, centre) - target) - Math.abs(km(b.p, centre) - target) || a.r - b.r || a.c - b.c);
    if (!list[0]) throw new Error(`no forest cell near ${townId}`);
    return list[0];
  };
  const gaolingFarm = forestSite('gaoling', 3);
  name(gaolingFarm, 'Gaoling Forest Farm');
  const malingFarm = forestSite('maling', 3);
  name(malingFarm, 'Maling Forest Farm');
  const scenic = forestSite('yunshan', 4.5);
  name(scenic, 'Yunshan Scenic Area');

  // ---- stations ----
  const stations: Station[] = [];
  const inCountyStation = (def: StationDef, jurisdictionId: string, supervisingStationId?: string): Station => ({
    id: def.id, name: def.name, nameZh: def.zh, kind: def.kind, jurisdictionId,
    location: toLatLon(def.at), staffOnDuty: def.staff,
    ...(supervisingStationId ? { supervisingStationId } : {}),
    specialties: def.specialties ?? [],
    units: makeUnits(def.id, def.short, def.units),
  });
  for (const def of CITY_STATIONS) {
    const cell = mustCell(def.at, def.name);
    stations.push(inCountyStation(def, def.district?.id ?? cell.jurisdictionId));
  }
  const supervisorOf = (p: Pt) => nearest(p, SUPERVISORS).id;
  const nationalSupervisorOfCell = (cell: CellWork): string => {
    const home = DISTRICT_STATIONS.find((s) => s.district!.id === cell.jurisdictionId);
    return home && KIND_TIER[home.kind] === 'national' && home.kind !== 'small' ? home.id : supervisorOf(cell.p);
  };

  // Enterprise team in the park; forest teams at the forest farms.
  const parkCentre: Pt = { r: 30.8, c: 40.2 };
  const parkSupervisor = supervisorOf(parkCentre);
  stations.push(inCountyStation({ id: 'hd-park-brigade', name: 'Hedong Chemical Park Enterprise Fire Brigade', zh: '河东化工园区企业专职消防队', short: '园区', kind: 'enterprise',
    at: parkCentre, staff: 24, units: [['PM', 2], ['GF', 1], ['HJ', 1], ['SG', 1]] }, mustCell(parkCentre, 'park brigade').jurisdictionId, parkSupervisor));
  for (const [farm, id, nm, zh, short, staff] of [
    [gaolingFarm, 'forest-gaoling', 'Gaoling Forest Fire Team', '高岭森林消防专业队', '高岭森消', 24],
    [malingFarm, 'forest-maling', 'Maling Forest Fire Semi-professional Team', '马岭森林消防半专业队', '马岭森消', 20],
  ] as const) {
    const at: Pt = { r: farm.r + 0.45, c: farm.c + 0.55 };
    stations.push(inCountyStation({ id, name: nm, zh, short, kind: 'forest', at, staff, units: [['SL', 2], ['ZQ', 1]] }, farm.jurisdictionId, supervisorOf(at)));
  }

  // Township teams, volunteer teams and the micro stations of the towns.
  const townshipSupervisor = new Map<string, string>();
  const townshipHome = new Map<string, string>();
  const townStaff: Record<string, number> = { daxu: 18, baisha: 16, longjiang: 17, shimen: 16, huangping: 11, gaoling: 10, xincun: 10, qiaotou: 12, liantang: 11, maling: 10 };
  const townUnits: Record<string, UnitList> = {
    daxu: [['XSG', 2], ['JY', 1]], baisha: [['XSG', 1], ['JY', 1]], longjiang: [['XSG', 2], ['ZT', 1]], shimen: [['XSG', 2]],
    huangping: [['XSG', 1]], gaoling: [['XSG', 1]], xincun: [['XSG', 1]], qiaotou: [['XSG', 1], ['SG', 1]], liantang: [['XSG', 1]], maling: [['XSG', 1]],
  };
  for (const [i, t] of TOWNS.entries()) {
    const centre = townCentres[i]!;
    const jid = `qs-twp-${t.id}`;
    const supervisor = supervisorOf(centre);
    townshipSupervisor.set(jid, supervisor);
    if (t.team !== 'none') {
      const id = `tw-${t.id}`;
      const at: Pt = { r: centre.r - 0.2, c: centre.c + 0.2 };
      stations.push(inCountyStation({ id, name: `${t.name} Township Full-time Fire Team`, zh: `${t.zh}政府专职消防队`, short: t.zh.slice(0, 2), kind: t.team,
        at, staff: townStaff[t.id] ?? 10, units: townUnits[t.id] ?? [['XSG', 1]] }, jid, supervisor));
      townshipHome.set(jid, id);
    } else {
      townshipHome.set(jid, supervisor);
    }
    const microAt: Pt = { r: centre.r + 0.25, c: centre.c - 0.25 };
    stations.push(inCountyStation({ id: `micro-${t.id}-market`, name: `${t.name} Market Micro Fire Station`, zh: `${t.zh}集贸市场微型消防站`, short: `${t.zh.slice(0, 2)}市场`, kind: 'micro',
      at: microAt, staff: 6, units: [['MICRO', 1]] }, mustCell(microAt, `${t.name} micro station`).jurisdictionId, supervisor));
  }
  for (const townId of VOLUNTEER_TOWNS) {
    const t = TOWNS.find((x) => x.id === townId)!;
    const village = villageCells.get(townId)?.[0];
    if (!village) throw new Error(`no village for the volunteer team of ${townId}`);
    const v = t.villages[0]!;
    const at: Pt = { r: village.r + 0.5, c: village.c + 0.5 };
    stations.push(inCountyStation({ id: `vol-${townId}`, name: `${v.name} Volunteer Fire Team`, zh: `${v.zh}志愿消防队`, short: v.zh.slice(0, 2), kind: 'volunteer',
      at, staff: 8, units: [['XSG', 1]] }, village.jurisdictionId, townshipSupervisor.get(village.jurisdictionId)));
  }

  // City micro stations: key sites, then the densest urban cells (one micro station per cell).
  const micro: { id: string; name: string; zh: string; cell: CellWork }[] = CITY_SITES.map((s) => ({ ...s, cell: cellAt(s.at)! }));
  const dense = cells.filter((c) => c.landUse === 'urban').sort((a, b) => b.population - a.population || a.r - b.r || a.c - b.c);
  for (const comm of COMMUNITIES) {
    const cell = dense.find((c) => micro.every((m) => m.cell !== c));
    if (!cell) throw new Error(`no dense cell left for micro station ${comm.name}`);
    if (!cell.place) name(cell, comm.name);
    micro.push({ ...comm, cell });
  }
  micro.push({ id: 'park-west', name: 'Hedong Chemical Park Plant Gate', zh: '河东化工园区企业', cell: byKey.get(key(PARK_CELLS[0]![0], PARK_CELLS[0]![1]))! });
  micro.push({ id: 'park-tank-farm', name: 'Hedong Tank Farm', zh: '河东化工园区罐区', cell: byKey.get(key(PARK_CELLS[5]![0], PARK_CELLS[5]![1]))! });
  micro.push({ id: 'yunshan-scenic', name: 'Yunshan Scenic Area', zh: '云山风景区', cell: scenic });
  for (const m of micro) {
    const at: Pt = { r: m.cell.r + 0.4, c: m.cell.c + 0.6 };
    const supervisor = m.cell.zone === 'park' ? parkSupervisor : m.cell.zone === 'town' ? townshipSupervisor.get(m.cell.jurisdictionId) : nationalSupervisorOfCell(m.cell);
    stations.push(inCountyStation({ id: `micro-${m.id}`, name: `${m.name} Micro Fire Station`, zh: `${m.zh}微型消防站`, short: m.zh.slice(0, 2), kind: 'micro',
      at, staff: 6 + Math.floor(rng() * 3), units: [['MICRO', 1]] }, m.cell.jurisdictionId, supervisor));
  }

  // Neighbours and the provincial base.
  const cityLatLon = toLatLon(CITY_CENTRE);
  const outsideJurisdictions: Jurisdiction[] = [];
  for (const o of OUTSIDE) {
    const loc: LatLon = [round5(cityLatLon[0] + o.offset.dLat), round5(cityLatLon[1] + o.offset.dLon)];
    const { jurisdiction: j, station: s } = o;
    const distKm = haversineM(cityLatLon, loc) / 1000;
    const [lo, hi] = j.kind === 'neighbour' ? [35, 70] : [120, 200];
    if (distKm < lo || distKm > hi) throw new Error(`${s.id} is ${distKm.toFixed(0)} km from the city centre (expected ${lo}-${hi} km)`);
    outsideJurisdictions.push({ id: j.id, name: j.name, nameZh: j.zh, kind: j.kind, homeStationId: s.id, population: j.population, center: loc });
    stations.push({ id: s.id, name: s.name, nameZh: s.zh, kind: s.kind, jurisdictionId: j.id, location: loc, staffOnDuty: s.staff,
      specialties: s.specialties ?? [], units: makeUnits(s.id, s.short, s.units) });
  }

  // ---- jurisdictions ----
  const centroid = (list: CellWork[]): LatLon => toLatLon({
    r: list.reduce((s, c) => s + c.p.r, 0) / list.length,
    c: list.reduce((s, c) => s + c.p.c, 0) / list.length,
  });
  const cellsOf = (jid: string) => cells.filter((c) => c.jurisdictionId === jid);
  const popOf = (list: CellWork[]) => list.reduce((s, c) => s + c.population, 0);
  const jurisdictions: Jurisdiction[] = [];
  for (const s of DISTRICT_STATIONS) {
    const d = s.district!;
    const list = cellsOf(d.id);
    if (list.length === 0) throw new Error(`district ${d.id} has no cells`);
    jurisdictions.push({ id: d.id, name: d.name, nameZh: d.zh, kind: 'urban-district', homeStationId: s.id, population: popOf(list), center: centroid(list) });
  }
  for (const t of TOWNS) {
    const jid = `qs-twp-${t.id}`;
    const list = cellsOf(jid);
    jurisdictions.push({ id: jid, name: `${t.name} Township${t.team === 'none' ? ' (no fire team)' : ''}`, nameZh: t.zh, kind: 'township',
      homeStationId: townshipHome.get(jid)!, supervisingStationId: townshipSupervisor.get(jid)!, population: popOf(list), center: centroid(list) });
  }
  const parkList = cellsOf('qs-park-hedong');
  jurisdictions.push({ id: 'qs-park-hedong', name: 'Hedong Chemical Park', nameZh: '河东化工园区', kind: 'industrial-park', homeStationId: 'hd-park-brigade',
    supervisingStationId: parkSupervisor, population: popOf(parkList), center: centroid(parkList) });
  jurisdictions.push(...outsideJurisdictions);

  // ---- terrain, water points, named features (no PRNG: everything above stays as it was) ----
  const terrain = computeTerrain(cells);
  const zhTable = placeZhTable();
  const placeZh = (place: string): string => {
    const zh = zhTable.get(place);
    if (!zh) throw new Error(`place "${place}" has no Chinese name (add it to SITE_ZH in seeds/generate-demo-county.ts)`);
    return zh;
  };
  const outCells: Cell[] = cells.map((c) => {
    const t = terrain.get(c)!;
    return {
      r: c.r, c: c.c, population: c.population, landUse: c.landUse, jurisdictionId: c.jurisdictionId, ...(c.place ? { place: c.place, placeZh: placeZh(c.place) } : {}),
      elevationM: t.elevationM, ...(t.waterLevelM !== undefined ? { waterLevelM: t.waterLevelM } : {}), ...(t.floodplain ? { floodplain: true } : {}),
    };
  });
  const namedPlaces: NamedPlace[] = TOWNS.flatMap((t, i) => {
    const centre = cellAt(townCentres[i]!)!;
    const villages = (villageCells.get(t.id) ?? []).map((v, j) => ({ name: t.villages[j]!.name, zh: t.villages[j]!.zh, r: v.r, c: v.c }));
    return [{ name: `${t.name} Town`, zh: t.zh, r: centre.r, c: centre.c }, ...villages];
  });
  const districtStems = new Map(DISTRICT_STATIONS.map((s) => {
    const d = s.district!;
    return [d.id, { en: d.name.startsWith('Old Town') ? 'Gucheng' : d.name.split(/[ (]/)[0]!, zh: d.zh.slice(0, 2) }] as const;
  }));
  const features = demoCountyFeatures(GRID, outCells, namedPlaces, districtStems);
  // Intakes and tanks are named after the nearest town, village or city site / community.
  const cityPlaces: NamedPlace[] = micro.filter((m) => m.cell.zone === 'city').map((m) => ({ name: m.name, zh: m.zh, r: m.cell.r, c: m.cell.c }));
  const waterPoints = demoCountyWaterPoints(outCells, [...namedPlaces, ...cityPlaces]);

  return RegionSchema.parse({
    id: 'demo-county',
    name: 'Qingshui County (fictional demo)',
    nameZh: '清水县(虚构演示县)',
    fictional: true,
    note:
      'FICTIONAL demo county for training and testing. Qingshui County, its towns, villages, stations, units and population ' +
      'are made up (generated by seeds/generate-demo-county.ts); only the general shape follows national standards and the ' +
      'seed fire-service plans. Neighbouring counties and the provincial base are fictional too; their population is the ' +
      'neighbour county total (0 for the provincial base, not modelled). Terrain heights and the floodplain, the water points ' +
      '(hydrants, river and reservoir intakes, village tanks), the expressway with its interchanges and service area, the bridges ' +
      'and all their names are synthetic too (seeds/demo-county-*.ts); the roads are generated from this file at load.',
    utcOffsetHours: 8,
    jurisdictions,
    stations,
    grid: { ...GRID },
    cells: outCells,
    waterPoints,
    features,
  });
}

// ---- cross-checks -----------------------------------------------------------------------------------

const IN_COUNTY = new Set(['urban-district', 'township', 'industrial-park']);

/** References, unit types, crews against staff, and where things are. Returns the problems found. */
export function checkRegion(region: Region, catalogue: UnitTypeCatalogue): string[] {
  const problems: string[] = [];
  const types = new Map(catalogue.unitTypes.map((t) => [t.code, t]));
  const stations = new Map(region.stations.map((s) => [s.id, s]));
  const jurisdictions = new Map(region.jurisdictions.map((j) => [j.id, j]));
  const unitIds = new Set<string>();
  const national = (id: string | undefined) => id !== undefined && KIND_TIER[stations.get(id)?.kind ?? 'micro'] === 'national';
  if (stations.size !== region.stations.length) problems.push('duplicate station ids');
  if (jurisdictions.size !== region.jurisdictions.length) problems.push('duplicate jurisdiction ids');
  for (const j of region.jurisdictions) {
    if (!stations.has(j.homeStationId)) problems.push(`jurisdiction ${j.id}: unknown home station ${j.homeStationId}`);
    if (j.supervisingStationId !== undefined && !national(j.supervisingStationId)) problems.push(`jurisdiction ${j.id}: supervising station ${j.supervisingStationId} is not a national station`);
    if (j.kind === 'township' && !j.supervisingStationId) problems.push(`township ${j.id} has no supervising station`);
  }
  for (const s of region.stations) {
    if (!jurisdictions.has(s.jurisdictionId)) problems.push(`station ${s.id}: unknown jurisdiction ${s.jurisdictionId}`);
    if (s.supervisingStationId !== undefined && !national(s.supervisingStationId)) problems.push(`station ${s.id}: supervising station ${s.supervisingStationId} is not a national station`);
    if ((s.kind === 'micro' || s.kind.startsWith('township')) && !s.supervisingStationId) problems.push(`station ${s.id} (${s.kind}) has no supervising station`);
    let crew = 0;
    for (const u of s.units) {
      if (unitIds.has(u.id)) problems.push(`duplicate unit id ${u.id}`);
      unitIds.add(u.id);
      const t = types.get(u.type);
      if (!t) problems.push(`unit ${u.id}: unknown type ${u.type}`);
      else crew += t.crew;
    }
    if (crew > s.staffOnDuty) problems.push(`station ${s.id}: its units need ${crew} crew but only ${s.staffOnDuty} are on duty`);
    if (s.units.length === 0) problems.push(`station ${s.id} has no units`);
  }
  for (const c of region.cells) {
    const j = jurisdictions.get(c.jurisdictionId);
    if (!j || !IN_COUNTY.has(j.kind)) problems.push(`cell ${c.r},${c.c}: jurisdiction ${c.jurisdictionId} is not in the county`);
  }
  return problems;
}

interface PoolUnit { id: string; stationId: string; type: UnitType; tier: Tier; inCounty: boolean }

/**
 * Can every run card be met? Conservative: needs are filled one after another in order of scarcity
 * (as the dispatcher does), and each need must still find enough fitting units after every earlier
 * need has (in the worst case) used up units this need could have used. Micro stations never fill a
 * need. The firefighter minimum must be reachable with the remaining water units, and there must be
 * enough stations with units. `countyOnly` leaves out the neighbours and the province.
 */
export function checkRunCards(region: Region, catalogue: UnitTypeCatalogue, runCards: RunCardsFile, countyOnly: boolean, grades: readonly number[]): { problems: string[]; summary: string[] } {
  const types = new Map(catalogue.unitTypes.map((t) => [t.code, t]));
  const jkind = new Map(region.jurisdictions.map((j) => [j.id, j.kind]));
  const all: PoolUnit[] = [];
  const scarcity = new Map<Capability, number>();
  for (const s of region.stations) {
    const inCounty = IN_COUNTY.has(jkind.get(s.jurisdictionId) ?? '');
    for (const u of s.units) {
      const type = types.get(u.type);
      if (!type) continue;
      for (const cap of type.capabilities) scarcity.set(cap, (scarcity.get(cap) ?? 0) + 1);
      if (s.kind === 'micro' || (countyOnly && !inCounty)) continue;
      all.push({ id: u.id, stationId: s.id, type, tier: KIND_TIER[s.kind], inCounty });
    }
  }
  const fits = (u: PoolUnit, n: RunCardNeed) =>
    u.type.capabilities.includes(n.capability) && n.tiers.includes(u.tier) && (n.minAerialM === undefined || (u.type.aerialHeightM ?? 0) >= n.minAerialM);
  const problems: string[] = [];
  const summary: string[] = [];
  for (const incidentType of INCIDENT_TYPES) {
    for (const g of grades) {
      const card: RunCard | undefined = runCards.cards[incidentType]?.[String(g) as '1'];
      const where = `${incidentType} grade ${g}${countyOnly ? ' (county forces only)' : ''}`;
      if (!card) { problems.push(`${where}: no run card`); continue; }
      const needs = card.needs.map((n, order) => ({ n, order })).sort((a, b) => (scarcity.get(a.n.capability) ?? 0) - (scarcity.get(b.n.capability) ?? 0) || a.order - b.order);
      // Worst-case bound.
      for (const [i, { n }] of needs.entries()) {
        const fit = all.filter((u) => fits(u, n));
        let usedByEarlier = 0;
        for (const { n: m } of needs.slice(0, i)) usedByEarlier += Math.min(m.vehicles, fit.filter((u) => fits(u, m)).length);
        if (fit.length < n.vehicles + usedByEarlier) {
          problems.push(`${where}: need ${n.vehicles} × ${n.capability}${n.minAerialM ? ` ≥${n.minAerialM} m` : ''} [${n.tiers.join(',')}] — only ${fit.length} fitting units, of which earlier needs may take ${usedByEarlier}`);
        }
      }
      // A typical fill: greedy in scarcity order, then water units (largest crews first) for the firefighters.
      const taken = new Set<string>();
      let crew = 0;
      const stationsIn = new Set<string>();
      for (const { n } of needs) {
        for (let k = 0; k < n.vehicles; k++) {
          const u = all.find((x) => !taken.has(x.id) && fits(x, n));
          if (!u) break;
          taken.add(u.id); crew += u.type.crew; stationsIn.add(u.stationId);
        }
      }
      const vehiclesForNeeds = taken.size;
      const water = all.filter((u) => !taken.has(u.id) && u.type.capabilities.includes('water')).sort((a, b) => b.type.crew - a.type.crew || (a.id < b.id ? -1 : 1));
      while (crew < card.minFirefighters && water.length > 0) { const u = water.shift()!; taken.add(u.id); crew += u.type.crew; stationsIn.add(u.stationId); }
      if (crew < card.minFirefighters) problems.push(`${where}: needs ${card.minFirefighters} firefighters, can reach only ${crew}`);
      const stationCount = new Set(all.map((u) => u.stationId)).size;
      if (stationCount < card.minStations) problems.push(`${where}: needs ${card.minStations} stations, only ${stationCount} have units`);
      summary.push(`${incidentType.padEnd(20)} g${g}: needs ${String(vehiclesForNeeds).padStart(2)} vehicles (${card.needs.reduce((s, n) => s + n.vehicles, 0)} asked), ${String(taken.size).padStart(2)} with firefighter top-up, crew ${crew} (min ${card.minFirefighters}), stations ≥${card.minStations}${card.microFirst ? ', micro first' : ''}`);
    }
  }
  return { problems, summary };
}

// ---- output -----------------------------------------------------------------------------------------

/** Diff-friendly JSON: one jurisdiction, unit and cell per line. */
export function formatRegion(region: Region): string {
  const { jurisdictions, stations, grid, cells, waterPoints, features, ...head } = region;
  const lines: string[] = ['{'];
  for (const [k, v] of Object.entries(head)) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const list = (name: string, items: string[], last = false) => {
    lines.push(`  ${JSON.stringify(name)}: [`);
    items.forEach((s, i) => lines.push(`    ${s}${i < items.length - 1 ? ',' : ''}`));
    lines.push(`  ]${last ? '' : ','}`);
  };
  list('jurisdictions', jurisdictions.map((j) => JSON.stringify(j)));
  list('stations', stations.map((s) => {
    const { units, ...rest } = s;
    const headText = JSON.stringify(rest).slice(0, -1);
    return `${headText}, "units": [\n${units.map((u) => `      ${JSON.stringify(u)}`).join(',\n')}\n    ]}`;
  }));
  lines.push(`  "grid": ${JSON.stringify(grid)},`);
  const tail = [waterPoints && (() => list('waterPoints', waterPoints.map((w) => JSON.stringify(w)), !features)), features && (() => list('features', features.map((f) => JSON.stringify(f)), true))];
  list('cells', cells.map((c) => JSON.stringify(c)), !tail.some(Boolean));
  for (const write of tail) write?.();
  lines.push('}');
  return lines.join('\n') + '\n';
}

function loadYaml(file: string): unknown {
  return parseYaml(fs.readFileSync(path.join(SEEDS_DIR, file), 'utf8'));
}

function main(): void {
  const region = generateRegion();
  const catalogue = UnitTypeCatalogueSchema.parse(loadYaml('unit-types.yaml'));
  const runCards = RunCardsFileSchema.parse(loadYaml('run-cards.yaml'));

  const problems = checkRegion(region, catalogue);
  const everything = checkRunCards(region, catalogue, runCards, false, [1, 2, 3, 4, 5]);
  // The county handles grades 1-2 on its own (DOMAIN §5): those cards must be met without outside help.
  const county = checkRunCards(region, catalogue, runCards, true, [1, 2]);
  problems.push(...everything.problems, ...county.problems);

  // The roads are generated from this file at load: its bridges, expressway, interchanges, service area
  // and intakes must fit the grid (generateDemoRoads names the feature that does not).
  try {
    const roads = generateDemoRoads(region);
    if (roads.edgeCount < 50_000) problems.push(`the road network has only ${roads.edgeCount} directed edges (expected ≥50,000)`);
  } catch (err) {
    problems.push(`roads: ${err instanceof Error ? err.message : String(err)}`);
  }

  const text = formatRegion(region);
  if (JSON.stringify(RegionSchema.parse(JSON.parse(text))) !== JSON.stringify(region)) problems.push('formatted JSON does not round-trip');

  const verbose = process.argv.includes('--verbose');
  if (verbose) for (const line of everything.summary) console.log(line);
  if (problems.length > 0) {
    console.error(`demo county NOT written: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }

  fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  const tmp = `${OUT_FILE}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, OUT_FILE);

  const inCounty = region.jurisdictions.filter((j) => IN_COUNTY.has(j.kind)).map((j) => j.id);
  const inCountySet = new Set(inCounty);
  const countyStations = region.stations.filter((s) => inCountySet.has(s.jurisdictionId));
  const population = region.cells.reduce((s, c) => s + c.population, 0);
  const units = countyStations.reduce((s, st) => s + st.units.length, 0);
  const outside = region.stations.length - countyStations.length;
  console.log(`wrote ${path.relative(process.cwd(), OUT_FILE)} (${(text.length / 1024).toFixed(0)} KiB): ${region.cells.length} cells, population ${population.toLocaleString('en')}, ` +
    `${inCounty.length} in-county jurisdictions, ${countyStations.length} county stations with ${units} units, ${outside} outside stations`);
  const kinds = (list: readonly { kind: string }[]) => {
    const n = new Map<string, number>();
    for (const x of list) n.set(x.kind, (n.get(x.kind) ?? 0) + 1);
    return [...n].map(([k, v]) => `${v} ${k}`).join(', ');
  };
  console.log(`  water points: ${kinds(region.waterPoints ?? [])}; floodplain cells: ${region.cells.filter((c) => c.floodplain).length}; ` +
    `features: ${kinds(region.features ?? [])}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
