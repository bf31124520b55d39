// Named map features of the FICTIONAL demo county 清水县: the Qing River and the reservoir, the
// expressway (清水高速) with its interchanges (互通) and service area (服务区), the bridges over the
// river, the chemical park and the forest areas. The road generator builds the expressway,
// interchanges, service area and road bridges from these features, so map labels and roads agree;
// the bridges are the ones the road generator would plan for this grid (planDemoBridges), named here.
import type { Feature, Grid, LandUse } from '../shared/schemas/region.ts';
import { planDemoBridges, type PlannedBridge } from '../server/geo/generate-roads.ts';
import { RESERVOIR, RIVER, cellCentre, km, toLatLon } from './demo-county-geo.ts';
import type { Pt } from './demo-county-geo.ts';

/** The expressway (fictional 清水高速) across the county south of the city, west → east, in grid units. */
const EXPRESSWAY: readonly Pt[] = [
  { r: 27.5, c: 3.5 }, { r: 25.63, c: 25.6 }, { r: 25.63, c: 34.6 }, { r: 29.63, c: 42.6 }, { r: 32.5, c: 57.5 },
];
/** Interchanges (by column along the expressway, 7-11 km apart) and the service area. */
const INTERCHANGES: readonly { id: string; name: string; zh: string; c: number }[] = [
  { id: 'ic-gaoling', name: 'Gaoling Interchange', zh: '高岭互通', c: 9 },
  { id: 'ic-shimen', name: 'Shimen Interchange', zh: '石门互通', c: 20 },
  { id: 'ic-qingshui-west', name: 'Qingshui West Interchange', zh: '清水西互通', c: 27.5 },
  { id: 'ic-qingshui-east', name: 'Qingshui East Interchange', zh: '清水东互通', c: 35 },
  { id: 'ic-hedong', name: 'Hedong Interchange', zh: '河东互通', c: 41.5 },
  { id: 'ic-liantang', name: 'Liantang Interchange', zh: '莲塘互通', c: 52 },
];
/** The service area sits beside the carriageway (south side), between the Gaoling and Shimen interchanges. */
const SERVICE_AREA = { id: 'sa-qingshui', name: 'Qingshui Service Area', zh: '清水服务区', c: 14.5, offsetRows: -0.15 };

export interface FeatureCell { r: number; c: number; landUse: LandUse; place?: string; jurisdictionId: string }
/** A named town or village (English place name as on its cell, Chinese name, cell). */
export interface NamedPlace { name: string; zh: string; r: number; c: number }
/** City districts: English and Chinese stems for naming bridges (e.g. Chengdong / 城东). */
export type DistrictStems = ReadonlyMap<string, { en: string; zh: string }>;

/** Row of the expressway at column c (its line runs west → east). */
function expresswayRowAt(c: number): number {
  for (let i = 1; i < EXPRESSWAY.length; i++) {
    const a = EXPRESSWAY[i - 1]!, b = EXPRESSWAY[i]!;
    if (c >= a.c && c <= b.c) return a.r + ((b.r - a.r) * (c - a.c)) / (b.c - a.c);
  }
  throw new Error(`column ${c} is beyond the expressway`);
}

const stem = (s: string) => s.replace(/ (Town|Village)$/, '');
const stemZh = (s: string) => s.replace(/[镇乡村]$/, '');

export function demoCountyFeatures(grid: Grid, cells: readonly FeatureCell[], places: readonly NamedPlace[], districts: DistrictStems): Feature[] {
  const byKey = new Map(cells.map((c) => [c.r * grid.cols + c.c, c]));
  const cellAt = (p: Pt) => byKey.get(Math.floor(p.r) * grid.cols + Math.floor(p.c));
  const placeCell = (name: string) => {
    const c = cells.find((x) => x.place === name);
    if (!c) throw new Error(`feature: no cell named "${name}"`);
    return c;
  };
  const centreOf = (c: { r: number; c: number }) => toLatLon(cellCentre(c.r, c.c));
  const features: Feature[] = [];

  features.push({ id: 'river-qing', kind: 'river', name: 'Qing River', nameZh: '清水河', location: toLatLon(RIVER[6]!), line: RIVER.map(toLatLon) });
  features.push({ id: 'reservoir-qingshui', kind: 'reservoir', name: 'Qingshui Reservoir', nameZh: '清水水库', location: toLatLon(RESERVOIR.centre) });

  // Expressway, interchanges, service area, and the expressway's bridge over the river.
  features.push({ id: 'expressway-qingshui', kind: 'expressway', name: 'Qingshui Expressway (fictional)', nameZh: '清水高速公路(虚构)',
    location: toLatLon({ r: expresswayRowAt(30), c: 30 }), line: EXPRESSWAY.map(toLatLon) });
  for (const ic of INTERCHANGES) {
    features.push({ id: ic.id, kind: 'expressway-interchange', name: ic.name, nameZh: ic.zh, location: toLatLon({ r: expresswayRowAt(ic.c), c: ic.c }) });
  }
  features.push({ id: SERVICE_AREA.id, kind: 'service-area', name: SERVICE_AREA.name, nameZh: SERVICE_AREA.zh,
    location: toLatLon({ r: expresswayRowAt(SERVICE_AREA.c) + SERVICE_AREA.offsetRows, c: SERVICE_AREA.c }) });
  const crossing = expresswayRiverCrossing(cellAt);
  if (crossing) {
    features.push({ id: 'bridge-expressway-qing', kind: 'bridge', name: 'Qing River Expressway Bridge', nameZh: '清水河高速公路大桥',
      location: toLatLon({ r: (crossing[0].r + crossing[1].r) / 2, c: (crossing[0].c + crossing[1].c) / 2 }), line: crossing.map(toLatLon), roadClass: 'expressway' });
  }

  // Road bridges: named after the city district or the nearest town / village.
  const used = new Map<string, number>();
  const bridgeCell = placeCell('Qingshui Bridge');
  for (const b of planDemoBridges({ grid, cells }).sort((x, y) => x.r - y.r || x.c - y.c)) {
    const from = { r: b.r, c: b.c }, to = { r: b.r + b.dr * b.span, c: b.c + b.dc * b.span };
    const crossesNamedBridge = crossed(b).some((w) => w.r === bridgeCell.r && w.c === bridgeCell.c);
    const district = districts.get(byKey.get(b.r * grid.cols + b.c)?.jurisdictionId ?? '');
    let en: string, zh: string;
    if (crossesNamedBridge) { en = 'Qingshui'; zh = '清水'; }
    else if (district) { en = district.en; zh = district.zh; }
    else {
      const mid = { r: (from.r + to.r) / 2 + 0.5, c: (from.c + to.c) / 2 + 0.5 };
      const near = [...places].sort((x, y) => km(mid, cellCentre(x.r, x.c)) - km(mid, cellCentre(y.r, y.c)))[0]!;
      en = stem(near.name); zh = stemZh(near.zh);
    }
    const n = (used.get(en) ?? 0) + 1;
    used.set(en, n);
    features.push({
      id: `bridge-${en.toLowerCase().replace(/[^a-z]+/g, '-')}${n > 1 ? `-${n}` : ''}`, kind: 'bridge',
      name: n > 1 ? `${en} Bridge No. ${n}` : `${en} Bridge`, nameZh: n > 1 ? `${zh}${'一二三四五'[n - 1] ?? n}桥` : `${zh}大桥`,
      location: toLatLon({ r: (from.r + to.r) / 2 + 0.5, c: (from.c + to.c) / 2 + 0.5 }), line: [centreOf(from), centreOf(to)], roadClass: b.roadClass ?? 'rural',
    });
  }

  // Areas: the chemical park and the forest areas (the forest teams' farms, the scenic area).
  const park = cells.filter((c) => c.landUse === 'industrial');
  features.push({ id: 'park-hedong', kind: 'industrial-park', name: 'Hedong Chemical Park', nameZh: '河东化工园区',
    location: toLatLon({ r: park.reduce((s, c) => s + c.r + 0.5, 0) / park.length, c: park.reduce((s, c) => s + c.c + 0.5, 0) / park.length }) });
  for (const [id, place, zh] of [
    ['forest-gaoling', 'Gaoling Forest Farm', '高岭林场'], ['forest-maling', 'Maling Forest Farm', '马岭林场'], ['forest-yunshan', 'Yunshan Scenic Area', '云山风景区'],
  ] as const) {
    features.push({ id, kind: 'forest-area', name: place, nameZh: zh, location: centreOf(placeCell(place)) });
  }
  return features;
}

/** The water cells a bridge spans. */
const crossed = (b: PlannedBridge) => Array.from({ length: b.span - 1 }, (_, i) => ({ r: b.r + b.dr * (i + 1), c: b.c + b.dc * (i + 1) }));

/** Where the expressway crosses the river: the last land point before and the first after the water, or undefined. */
function expresswayRiverCrossing(cellAt: (p: Pt) => { landUse: LandUse } | undefined): [Pt, Pt] | undefined {
  const samples: Pt[] = [];
  for (let i = 1; i < EXPRESSWAY.length; i++) {
    const a = EXPRESSWAY[i - 1]!, b = EXPRESSWAY[i]!;
    const n = Math.ceil(km(a, b) / 0.02);
    for (let s = 0; s < n; s++) samples.push({ r: a.r + ((b.r - a.r) * s) / n, c: a.c + ((b.c - a.c) * s) / n });
  }
  const wet = samples.map((p) => cellAt(p)?.landUse === 'water');
  const first = wet.indexOf(true);
  if (first <= 0) return undefined;
  let last = first;
  while (last + 1 < wet.length && wet[last + 1]) last++;
  return [samples[first - 1]!, samples[Math.min(samples.length - 1, last + 1)]!];
}
