// The plan of the FICTIONAL demo county 清水县: where its centre, hills, city, chemical park and
// towns lie, how many people live there, and its forces (stations, teams, units and callsigns),
// including the neighbours and the provincial base. Data only, read by the generator
// (seeds/generate-demo-county.ts) and its cell and station modules.
import type { UnitSpec } from '../shared/schemas/region.ts';
import type { Capability, ForceKind } from '../shared/domain/forces.ts';
import type { Pt } from './demo-county-geo.ts';

// ---- geography ------------------------------------------------------------------------------------

export const COUNTY_CENTRE: Pt = { r: 30, c: 33 };
export const COUNTY_RADII = { r: 24.5, c: 27 }; // km; ≈ 2,000 km² before the wobble
export const CITY_CENTRE: Pt = { r: 31.5, c: 31 };
/** Hill masses that push the terrain up (forest): west (Gaoling), south-west (Maling), north-east (Yunshan). */
export const HILLS: readonly { at: Pt; sigmaKm: number; lift: number }[] = [
  { at: { r: 34, c: 7 }, sigmaKm: 9, lift: 0.35 },
  { at: { r: 11, c: 15 }, sigmaKm: 8, lift: 0.3 },
  { at: { r: 48, c: 49 }, sigmaKm: 9, lift: 0.4 },
  { at: { r: 6, c: 44 }, sigmaKm: 6, lift: 0.2 },
];
/** City: anisotropic distance, long axis along the river (NW–SE). */
export const CITY_URBAN_KM = 3.4;
export const CITY_LIMIT_KM = 6.0;
/** Hedong Chemical Park (河东化工园区): 6 cells east of the city, on the east bank. */
export const PARK_CELLS: readonly [number, number][] = [[30, 39], [30, 40], [30, 41], [31, 39], [31, 40], [31, 41]];

export const POPULATION_TOTAL = 600_000;
export const CITY_URBAN_POP = 332_000;
export const CITY_SUBURBAN_POP = 48_000;
export const FOREST_SHARE = 0.68; // of the countryside cells (Guangxi forest cover is ~60-65 %)

export type TeamKind = 'township-1' | 'township-2' | 'none';
export interface TownDef {
  id: string; name: string; zh: string; cell: [number, number]; team: TeamKind; centrePop: number;
  villages: { name: string; zh: string }[];
}
export const TOWNS: readonly TownDef[] = [
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
export const VOLUNTEER_TOWNS = ['yunshan', 'pingshi', 'gaoling', 'huangping', 'qiaotou', 'xincun'] as const;

// ---- forces ---------------------------------------------------------------------------------------

export type UnitList = readonly (readonly [code: string, count: number])[];
export interface StationDef {
  /** `short` / `shortEn` begin the callsigns of its units (城东水罐2, Chengdong Tender 2). */
  id: string; name: string; zh: string; short: string; shortEn: string; kind: ForceKind; at: Pt; staff: number;
  units: UnitList; specialties?: Capability[];
  /** City station districts: the name of its urban-district jurisdiction. */
  district?: { id: string; name: string; zh: string };
}

/** Stations and teams of the city (all districts get cells by nearest district station). */
export const CITY_STATIONS: readonly StationDef[] = [
  { id: 'qs-special', name: 'Qingshui Special-Service Station', zh: '清水特勤消防救援站', short: '特勤', shortEn: 'Special', kind: 'special-service', at: { r: 29.3, c: 30.3 }, staff: 52,
    units: [['SG', 2], ['PM', 1], ['DG-54', 1], ['JP', 1], ['JY', 1], ['HJ', 1], ['XX', 1], ['TX', 1], ['ZT', 1], ['SJ', 1]], specialties: ['water-rescue', 'hazmat', 'search'],
    district: { id: 'qs-city-central', name: 'Chengzhong (Central) Station District', zh: '城中站辖区' } },
  { id: 'qs-chengdong', name: 'Chengdong Fire-Rescue Station', zh: '城东消防救援站', short: '城东', shortEn: 'Chengdong', kind: 'class-1', at: { r: 32.5, c: 35.5 }, staff: 38,
    units: [['SG', 3], ['PM', 1], ['DG-32', 1], ['JY', 1], ['CAFS', 1]],
    district: { id: 'qs-city-chengdong', name: 'Chengdong Station District', zh: '城东站辖区' } },
  { id: 'qs-chengbei', name: 'Chengbei Fire-Rescue Station', zh: '城北消防救援站', short: '城北', shortEn: 'Chengbei', kind: 'class-1', at: { r: 34.2, c: 29.5 }, staff: 36,
    units: [['SG', 2], ['PM', 1], ['YT', 1], ['JY', 1], ['PY', 1], ['TX', 1]],
    district: { id: 'qs-city-chengbei', name: 'Chengbei Station District', zh: '城北站辖区' } },
  { id: 'qs-chengnan', name: 'Chengnan Fire-Rescue Station', zh: '城南消防救援站', short: '城南', shortEn: 'Chengnan', kind: 'class-1', at: { r: 26.8, c: 31.4 }, staff: 34,
    units: [['SG', 3], ['PM', 1], ['DG-32', 1], ['JY', 1], ['PY', 1]],
    district: { id: 'qs-city-chengnan', name: 'Chengnan Station District', zh: '城南站辖区' } },
  { id: 'qs-chengxi', name: 'Chengxi Fire-Rescue Station', zh: '城西消防救援站', short: '城西', shortEn: 'Chengxi', kind: 'class-2', at: { r: 31.2, c: 27.8 }, staff: 20,
    units: [['SG', 2], ['JY', 1], ['GQ', 1]],
    district: { id: 'qs-city-chengxi', name: 'Chengxi Station District', zh: '城西站辖区' } },
  { id: 'qs-xincheng', name: 'Xincheng Fire-Rescue Station', zh: '新城消防救援站', short: '新城', shortEn: 'Xincheng', kind: 'class-2', at: { r: 36.0, c: 32.6 }, staff: 18,
    units: [['SG', 2], ['PM', 1], ['JY', 1]],
    district: { id: 'qs-city-xincheng', name: 'Xincheng Station District', zh: '新城站辖区' } },
  { id: 'qs-gucheng', name: 'Gucheng (Old Town) Small Station', zh: '古城小型消防救援站', short: '古城', shortEn: 'Gucheng', kind: 'small', at: { r: 31.7, c: 31.3 }, staff: 15,
    units: [['SG', 1], ['JY', 1]],
    district: { id: 'qs-city-gucheng', name: 'Old Town Station District', zh: '古城站辖区' } },
  { id: 'qs-ft-nanjiao', name: 'Nanjiao City Full-time Fire Team', zh: '南郊政府专职消防队', short: '南郊', shortEn: 'Nanjiao', kind: 'city-fulltime', at: { r: 27.6, c: 34.2 }, staff: 15,
    units: [['SG', 2], ['JY', 1]],
    district: { id: 'qs-city-nanjiao', name: 'Nanjiao District (full-time team)', zh: '南郊专职队辖区' } },
  { id: 'qs-ft-beijiao', name: 'Beijiao City Full-time Fire Team', zh: '北郊政府专职消防队', short: '北郊', shortEn: 'Beijiao', kind: 'city-fulltime', at: { r: 35.6, c: 26.2 }, staff: 12,
    units: [['SG', 2], ['XSG', 1]],
    district: { id: 'qs-city-beijiao', name: 'Beijiao District (full-time team)', zh: '北郊专职队辖区' } },
  // No district of their own:
  { id: 'qs-logistics', name: 'Qingshui Logistics Support Station', zh: '清水战勤保障消防救援站', short: '战保', shortEn: 'Logistics', kind: 'logistics', at: { r: 28.0, c: 26.5 }, staff: 24,
    units: [['ZQ', 2], ['QC', 1], ['GQ', 1], ['YCGS', 1], ['PL', 2], ['PY', 1], ['ZM', 1]], specialties: ['long-distance-water', 'logistics'] },
  { id: 'qs-water-team', name: 'Qingshui Water-Rescue & Flood Specialist Team', zh: '清水水域救援抗洪排涝专业队', short: '水域', shortEn: 'Water Team', kind: 'specialist-team', at: { r: 29.4, c: 30.45 }, staff: 16,
    units: [['ZT', 2], ['PL', 2], ['ZM', 1]], specialties: ['water-rescue', 'pumping'] },
  { id: 'qs-quake-team', name: 'Qingshui Earthquake (Light) Rescue Specialist Team', zh: '清水地震(轻型)救援专业队', short: '地震', shortEn: 'Quake Team', kind: 'specialist-team', at: { r: 34.3, c: 29.65 }, staff: 14,
    units: [['JY', 1], ['SJ', 1], ['ZX', 1]], specialties: ['search', 'rescue', 'heavy-machinery'] },
];
export const DISTRICT_STATIONS = CITY_STATIONS.filter((s) => s.district);
/** National stations that can supervise townships and micro stations (the small station does not). */
export const SUPERVISORS = CITY_STATIONS.filter((s) => s.kind === 'special-service' || s.kind === 'class-1' || s.kind === 'class-2');

/** Micro stations at key sites and dense communities of the city (place name → cell). */
/** `short` / `shortEn` begin the callsign of the site's micro station (一中微站1, No.1 School Micro 1). */
export const CITY_SITES: readonly { id: string; name: string; zh: string; short: string; shortEn: string; at: Pt }[] = [
  { id: 'old-town', name: 'Qingshui Old Town', zh: '清水古城', short: '老城', shortEn: 'Old Town', at: { r: 31.6, c: 32.4 } },
  { id: 'hospital', name: "County People's Hospital", zh: '县人民医院', short: '县医院', shortEn: 'Hospital', at: { r: 30.6, c: 29.4 } },
  { id: 'no1-school', name: 'Qingshui No.1 Middle School', zh: '清水一中', short: '一中', shortEn: 'No.1 School', at: { r: 33.2, c: 29.8 } },
  { id: 'plaza', name: 'Qingshui Plaza', zh: '清水广场', short: '广场', shortEn: 'Plaza', at: { r: 32.4, c: 30.6 } },
  { id: 'railway', name: 'Qingshui Railway Station', zh: '清水火车站', short: '火车站', shortEn: 'Railway', at: { r: 28.4, c: 27.6 } },
];
export const COMMUNITIES: readonly { id: string; name: string; zh: string }[] = [
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
export const LANDMARKS: readonly { name: string; zh: string; at: Pt }[] = [
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
export function placeZhTable(): Map<string, string> {
  const table = new Map<string, string>(Object.entries(SITE_ZH));
  for (const t of TOWNS) {
    table.set(`${t.name} Town`, t.zh);
    for (const v of t.villages) table.set(v.name, v.zh);
  }
  for (const s of [...CITY_SITES, ...COMMUNITIES, ...LANDMARKS]) table.set(s.name, s.zh);
  return table;
}

// Reinforcement echelons outside the county (locations in lat/lon; distances from the city centre).
export interface OutsideDef {
  jurisdiction: { id: string; name: string; zh: string; kind: 'neighbour' | 'province'; population: number };
  station: { id: string; name: string; zh: string; short: string; shortEn: string; kind: ForceKind; staff: number; units: UnitList; specialties?: Capability[] };
  offset: { dLat: number; dLon: number };
}
export const OUTSIDE: readonly OutsideDef[] = [
  { jurisdiction: { id: 'nb-beishan', name: 'Beishan County (fictional neighbour)', zh: '北山县(虚构邻县)', kind: 'neighbour', population: 420_000 },
    station: { id: 'nb-beishan-1', name: 'Beishan County Class 1 Station', zh: '北山县一级消防救援站', short: '北山', shortEn: 'Beishan', kind: 'class-1', staff: 36,
      units: [['SG', 3], ['PM', 1], ['DG-32', 1], ['JY', 1], ['HJ', 1]] },
    offset: { dLat: 0.4, dLon: -0.05 } },
  { jurisdiction: { id: 'nb-xiling', name: 'Xiling County (fictional neighbour)', zh: '西岭县(虚构邻县)', kind: 'neighbour', population: 510_000 },
    station: { id: 'nb-xiling-1', name: 'Xiling County Class 1 Station', zh: '西岭县一级消防救援站', short: '西岭', shortEn: 'Xiling', kind: 'class-1', staff: 38,
      units: [['SG', 3], ['PM', 1], ['DG-32', 1], ['JY', 1], ['ZT', 1]] },
    offset: { dLat: 0.05, dLon: -0.54 } },
  { jurisdiction: { id: 'nb-nanhe', name: 'Nanhe County (fictional neighbour)', zh: '南河县(虚构邻县)', kind: 'neighbour', population: 380_000 },
    station: { id: 'nb-nanhe-1', name: 'Nanhe County Class 1 Station', zh: '南河县一级消防救援站', short: '南河', shortEn: 'Nanhe', kind: 'class-1', staff: 34,
      units: [['SG', 3], ['PM', 1], ['DG-32', 1], ['JY', 1]] },
    offset: { dLat: -0.4, dLon: 0.47 } },
  { jurisdiction: { id: 'prov-reinforcement', name: 'Provincial Reinforcement (fictional)', zh: '省总队跨区域增援(虚构)', kind: 'province', population: 0 },
    station: { id: 'prov-base', name: 'Provincial Corps Reinforcement Base', zh: '省消防救援总队跨区域增援基地', short: '省增援', shortEn: 'Province', kind: 'special-service', staff: 120,
      units: [['SG', 4], ['PM', 2], ['JP', 1], ['DG-54', 1], ['JY', 2], ['HJ', 2], ['XX', 1], ['SJ', 2], ['ZX', 2], ['ZT', 2], ['PL', 2], ['YCGS', 1], ['TX', 1], ['ZQ', 1], ['PY', 1], ['GQ', 1], ['ZM', 1]],
      specialties: ['hazmat', 'water-rescue', 'search', 'heavy-machinery', 'pumping', 'long-distance-water'] },
    offset: { dLat: -1.0635, dLon: -0.997 } },
];

/**
 * The type word of a callsign (城东水罐2 / Chengdong Tender 2). Types that share a word share the
 * numbering at a station (two SG and an XSG are 水罐1-3), so no two units of a station share a callsign.
 */
const CALLSIGN_WORD: Readonly<Record<string, { zh: string; en: string }>> = {
  SG: { zh: '水罐', en: 'Tender' }, XSG: { zh: '水罐', en: 'Tender' }, PM: { zh: '泡沫', en: 'Foam' }, GF: { zh: '干粉', en: 'Powder' },
  CAFS: { zh: '压缩泡沫', en: 'CAFS' }, SL: { zh: '森林', en: 'Brush' }, 'DG-32': { zh: '登高', en: 'Aerial' }, 'DG-54': { zh: '登高', en: 'Aerial' },
  YT: { zh: '云梯', en: 'Ladder' }, JP: { zh: '举喷', en: 'Water Tower' }, JY: { zh: '抢险', en: 'Rescue' }, HJ: { zh: '化救', en: 'Hazmat' },
  XX: { zh: '洗消', en: 'Decon' }, PY: { zh: '排烟', en: 'Smoke' }, ZT: { zh: '舟艇', en: 'Boat' }, PL: { zh: '排涝', en: 'Pump' },
  SJ: { zh: '搜救', en: 'Search' }, ZX: { zh: '工程', en: 'Engineering' }, TX: { zh: '通信', en: 'Comms' }, GQ: { zh: '供气', en: 'Air' },
  QC: { zh: '器材', en: 'Equipment' }, ZM: { zh: '照明', en: 'Lighting' }, YCGS: { zh: '远程供水', en: 'Water Relay' }, ZQ: { zh: '保障', en: 'Supply' },
  MICRO: { zh: '微站', en: 'Micro' },
};

/** Unit ids count per type code (qs-ft-beijiao-XSG-1); callsigns count per type word (北郊水罐3). */
export function makeUnits(stationId: string, short: { zh: string; en: string }, list: UnitList): UnitSpec[] {
  const out: UnitSpec[] = [];
  const perWord = new Map<string, number>();
  for (const [code, count] of list) {
    const word = CALLSIGN_WORD[code] ?? { zh: code, en: code };
    for (let i = 1; i <= count; i++) {
      const n = (perWord.get(word.zh) ?? 0) + 1;
      perWord.set(word.zh, n);
      out.push({ id: `${stationId}-${code}-${i}`, type: code, callsign: `${short.zh}${word.zh}${n}`, callsignEn: `${short.en} ${word.en} ${n}` });
    }
  }
  return out;
}

/** City districts go to the nearest district station, distances divided by a reach per kind so
 * that district sizes follow the standard (class 1 ≤7 km², class 2 ≤4 km², small ≤2 km²; suburban up to 15 km²). */
export const DISTRICT_REACH: Partial<Record<ForceKind, number>> = { 'special-service': 1.2, 'class-1': 1.2, 'class-2': 0.9, small: 0.5, 'city-fulltime': 1 };

/** Staff on duty and units of the township full-time teams. */
export const TOWN_STAFF: Readonly<Record<string, number>> = { daxu: 18, baisha: 16, longjiang: 17, shimen: 16, huangping: 11, gaoling: 10, xincun: 10, qiaotou: 12, liantang: 11, maling: 10 };
export const TOWN_UNITS: Readonly<Record<string, UnitList>> = {
  daxu: [['XSG', 2], ['JY', 1]], baisha: [['XSG', 1], ['JY', 1]], longjiang: [['XSG', 2], ['ZT', 1]], shimen: [['XSG', 2]],
  huangping: [['XSG', 1]], gaoling: [['XSG', 1]], xincun: [['XSG', 1]], qiaotou: [['XSG', 1], ['SG', 1]], liantang: [['XSG', 1]], maling: [['XSG', 1]],
};
