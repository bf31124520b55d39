// The demo county's forces placed on its grid (demo-county-cells.ts), tier by tier: the city's
// stations and teams, the park's enterprise brigade and the forest teams, township teams with their
// market micro stations, volunteer teams, the city's micro stations, and the neighbours and the
// provincial base outside; then the jurisdictions with their home and supervising stations.
import type { Jurisdiction, Station } from '../shared/schemas/region.ts';
import { KIND_TIER } from '../shared/domain/forces.ts';
import { haversineM, type LatLon } from '../shared/geo.ts';
import { km, round5, toLatLon, type Pt } from './demo-county-geo.ts';
import { cellAt, mustCell, nameCell, parkCell, type CellWork, type County, type NamedSites } from './demo-county-cells.ts';
import {
  CITY_CENTRE, CITY_SITES, CITY_STATIONS, COMMUNITIES, DISTRICT_STATIONS, OUTSIDE, SUPERVISORS, TOWNS, TOWN_STAFF, TOWN_UNITS,
  VOLUNTEER_TOWNS, makeUnits, type StationDef,
} from './demo-county-plan.ts';

type Rng = () => number;

/** A micro station's site: a named city site, a dense community, the park or the scenic area. */
export interface MicroSite { id: string; name: string; zh: string; short: string; shortEn: string; cell: CellWork }

/** What the stations leave for the jurisdictions, the features and the water points. */
export interface Forces {
  stations: Station[];
  /** Township jurisdiction id → its supervising national station, and → its home station. */
  townshipSupervisor: Map<string, string>;
  townshipHome: Map<string, string>;
  parkSupervisor: string;
  microSites: MicroSite[];
  outsideJurisdictions: Jurisdiction[];
}

function inCountyStation(def: StationDef, jurisdictionId: string, supervisingStationId?: string): Station {
  return {
    id: def.id, name: def.name, nameZh: def.zh, kind: def.kind, jurisdictionId,
    location: toLatLon(def.at), staffOnDuty: def.staff,
    ...(supervisingStationId ? { supervisingStationId } : {}),
    specialties: def.specialties ?? [],
    units: makeUnits(def.id, { zh: def.short, en: def.shortEn }, def.units),
  };
}

function nearest<T extends { at: Pt }>(p: Pt, list: readonly T[]): T {
  let best = list[0]!;
  for (const s of list) if (km(p, s.at) < km(p, best.at)) best = s;
  return best;
}

const supervisorOf = (p: Pt): string => nearest(p, SUPERVISORS).id;

/** The district's own national station when it has one (not the small station), else the nearest supervisor. */
function nationalSupervisorOfCell(cell: CellWork): string {
  const home = DISTRICT_STATIONS.find((s) => s.district!.id === cell.jurisdictionId);
  return home && KIND_TIER[home.kind] === 'national' && home.kind !== 'small' ? home.id : supervisorOf(cell.p);
}

/** Enterprise team in the park; forest teams at the forest farms. Returns the park's supervisor. */
function parkAndForestTeams(county: County, sites: NamedSites, stations: Station[]): string {
  const parkCentre: Pt = { r: 30.8, c: 40.2 };
  const parkSupervisor = supervisorOf(parkCentre);
  stations.push(inCountyStation({ id: 'hd-park-brigade', name: 'Hedong Chemical Park Enterprise Fire Brigade', zh: '河东化工园区企业专职消防队', short: '园区', shortEn: 'Park Brigade', kind: 'enterprise',
    at: parkCentre, staff: 24, units: [['PM', 2], ['GF', 1], ['HJ', 1], ['SG', 1]] }, mustCell(county, parkCentre, 'park brigade').jurisdictionId, parkSupervisor));
  for (const [farm, id, nm, zh, short, shortEn, staff] of [
    [sites.gaolingFarm, 'forest-gaoling', 'Gaoling Forest Fire Team', '高岭森林消防专业队', '高岭森消', 'Gaoling Forest', 24],
    [sites.malingFarm, 'forest-maling', 'Maling Forest Fire Semi-professional Team', '马岭森林消防半专业队', '马岭森消', 'Maling Forest', 20],
  ] as const) {
    const at: Pt = { r: farm.r + 0.45, c: farm.c + 0.55 };
    stations.push(inCountyStation({ id, name: nm, zh, short, shortEn, kind: 'forest', at, staff, units: [['SL', 2], ['ZQ', 1]] }, farm.jurisdictionId, supervisorOf(at)));
  }
  return parkSupervisor;
}

/** Township full-time teams and the market micro station of every town; fills the township maps. */
function townshipTeams(county: County, stations: Station[], townshipSupervisor: Map<string, string>, townshipHome: Map<string, string>): void {
  for (const [i, t] of TOWNS.entries()) {
    const centre = county.townCentres[i]!;
    const jid = `qs-twp-${t.id}`;
    const supervisor = supervisorOf(centre);
    townshipSupervisor.set(jid, supervisor);
    if (t.team !== 'none') {
      const id = `tw-${t.id}`;
      const at: Pt = { r: centre.r - 0.2, c: centre.c + 0.2 };
      stations.push(inCountyStation({ id, name: `${t.name} Township Full-time Fire Team`, zh: `${t.zh}政府专职消防队`, short: t.zh.slice(0, 2), shortEn: t.name, kind: t.team,
        at, staff: TOWN_STAFF[t.id] ?? 10, units: TOWN_UNITS[t.id] ?? [['XSG', 1]] }, jid, supervisor));
      townshipHome.set(jid, id);
    } else {
      townshipHome.set(jid, supervisor);
    }
    const microAt: Pt = { r: centre.r + 0.25, c: centre.c - 0.25 };
    stations.push(inCountyStation({ id: `micro-${t.id}-market`, name: `${t.name} Market Micro Fire Station`, zh: `${t.zh}集贸市场微型消防站`, short: `${t.zh.slice(0, 2)}市场`, shortEn: `${t.name} Market`, kind: 'micro',
      at: microAt, staff: 6, units: [['MICRO', 1]] }, mustCell(county, microAt, `${t.name} micro station`).jurisdictionId, supervisor));
  }
}

/** Volunteer teams in the first village of their townships. */
function volunteerTeams(villageCells: ReadonlyMap<string, CellWork[]>, stations: Station[], townshipSupervisor: ReadonlyMap<string, string>): void {
  for (const townId of VOLUNTEER_TOWNS) {
    const t = TOWNS.find((x) => x.id === townId)!;
    const village = villageCells.get(townId)?.[0];
    if (!village) throw new Error(`no village for the volunteer team of ${townId}`);
    const v = t.villages[0]!;
    const at: Pt = { r: village.r + 0.5, c: village.c + 0.5 };
    stations.push(inCountyStation({ id: `vol-${townId}`, name: `${v.name} Volunteer Fire Team`, zh: `${v.zh}志愿消防队`, short: v.zh.slice(0, 2), shortEn: v.name.replace(/ Village$/, ''), kind: 'volunteer',
      at, staff: 8, units: [['XSG', 1]] }, village.jurisdictionId, townshipSupervisor.get(village.jurisdictionId)));
  }
}

/** City micro stations: key sites, then the densest urban cells (one per cell), the park and the scenic area. */
function microSitesOf(county: County, sites: NamedSites): MicroSite[] {
  const micro: MicroSite[] = CITY_SITES.map((s) => ({ ...s, cell: cellAt(county, s.at)! }));
  const dense = county.cells.filter((c) => c.landUse === 'urban').sort((a, b) => b.population - a.population || a.r - b.r || a.c - b.c);
  for (const comm of COMMUNITIES) {
    const cell = dense.find((c) => micro.every((m) => m.cell !== c));
    if (!cell) throw new Error(`no dense cell left for micro station ${comm.name}`);
    if (!cell.place) nameCell(county, cell, comm.name);
    micro.push({ ...comm, short: comm.zh.slice(0, 2), shortEn: comm.name.split(' ')[0]!, cell });
  }
  micro.push({ id: 'park-west', name: 'Hedong Chemical Park Plant Gate', zh: '河东化工园区企业', short: '河东厂区', shortEn: 'Park Gate', cell: parkCell(county, 0) });
  micro.push({ id: 'park-tank-farm', name: 'Hedong Tank Farm', zh: '河东化工园区罐区', short: '河东罐区', shortEn: 'Tank Farm', cell: parkCell(county, 5) });
  micro.push({ id: 'yunshan-scenic', name: 'Yunshan Scenic Area', zh: '云山风景区', short: '云山', shortEn: 'Yunshan Scenic', cell: sites.scenic });
  return micro;
}

function microStations(micro: readonly MicroSite[], rng: Rng, stations: Station[], supervisors: { park: string; township: ReadonlyMap<string, string> }): void {
  for (const m of micro) {
    const at: Pt = { r: m.cell.r + 0.4, c: m.cell.c + 0.6 };
    const supervisor = m.cell.zone === 'park' ? supervisors.park : m.cell.zone === 'town' ? supervisors.township.get(m.cell.jurisdictionId) : nationalSupervisorOfCell(m.cell);
    stations.push(inCountyStation({ id: `micro-${m.id}`, name: `${m.name} Micro Fire Station`, zh: `${m.zh}微型消防站`, short: m.short, shortEn: m.shortEn, kind: 'micro',
      at, staff: 6 + Math.floor(rng() * 3), units: [['MICRO', 1]] }, m.cell.jurisdictionId, supervisor));
  }
}

/** Neighbours and the provincial base, at their offsets from the city centre (checked against the expected distances). */
function outsideForces(stations: Station[]): Jurisdiction[] {
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
      specialties: s.specialties ?? [], units: makeUnits(s.id, { zh: s.short, en: s.shortEn }, s.units) });
  }
  return outsideJurisdictions;
}

/** Every station in the order of the region file: city, park and forest, townships, volunteers, micro, outside. */
export function placeForces(county: County, villageCells: ReadonlyMap<string, CellWork[]>, sites: NamedSites, rng: Rng): Forces {
  const stations: Station[] = [];
  for (const def of CITY_STATIONS) {
    const cell = mustCell(county, def.at, def.name);
    stations.push(inCountyStation(def, def.district?.id ?? cell.jurisdictionId));
  }
  const parkSupervisor = parkAndForestTeams(county, sites, stations);
  const townshipSupervisor = new Map<string, string>();
  const townshipHome = new Map<string, string>();
  townshipTeams(county, stations, townshipSupervisor, townshipHome);
  volunteerTeams(villageCells, stations, townshipSupervisor);
  const microSites = microSitesOf(county, sites);
  microStations(microSites, rng, stations, { park: parkSupervisor, township: townshipSupervisor });
  const outsideJurisdictions = outsideForces(stations);
  return { stations, townshipSupervisor, townshipHome, parkSupervisor, microSites, outsideJurisdictions };
}

/** The county's jurisdictions (city districts, townships, the park) with population and centroid, then the outside ones. */
export function jurisdictionsOf(county: County, forces: Forces): Jurisdiction[] {
  const centroid = (list: CellWork[]): LatLon => toLatLon({
    r: list.reduce((s, c) => s + c.p.r, 0) / list.length,
    c: list.reduce((s, c) => s + c.p.c, 0) / list.length,
  });
  const cellsOf = (jid: string) => county.cells.filter((c) => c.jurisdictionId === jid);
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
      homeStationId: forces.townshipHome.get(jid)!, supervisingStationId: forces.townshipSupervisor.get(jid)!, population: popOf(list), center: centroid(list) });
  }
  const parkList = cellsOf('qs-park-hedong');
  jurisdictions.push({ id: 'qs-park-hedong', name: 'Hedong Chemical Park', nameZh: '河东化工园区', kind: 'industrial-park', homeStationId: 'hd-park-brigade',
    supervisingStationId: forces.parkSupervisor, population: popOf(parkList), center: centroid(parkList) });
  jurisdictions.push(...forces.outsideJurisdictions);
  return jurisdictions;
}
