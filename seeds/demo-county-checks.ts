// Cross-checks of the generated demo county before it is written: references between stations and
// jurisdictions, unit types and crews against staff on duty, and whether every run card can be met
// by the county's units (and, for grades 1-2, without help from outside).
import type { Region } from '../shared/schemas/region.ts';
import type { UnitType, UnitTypeCatalogue } from '../shared/schemas/unit-types.ts';
import type { RunCard, RunCardNeed, RunCardsFile } from '../shared/schemas/run-cards.ts';
import { KIND_TIER } from '../shared/domain/forces.ts';
import type { Capability, Tier } from '../shared/domain/forces.ts';
import { INCIDENT_TYPES } from '../shared/domain/incident-types.ts';

export const IN_COUNTY = new Set(['urban-district', 'township', 'industrial-park']);

/** References, unit types, crews against staff, and where things are. Returns the problems found. */
export function checkRegion(region: Region, catalogue: UnitTypeCatalogue): string[] {
  const problems: string[] = [];
  const types = new Map(catalogue.unitTypes.map((t) => [t.code, t]));
  const stations = new Map(region.stations.map((s) => [s.id, s]));
  const jurisdictions = new Map(region.jurisdictions.map((j) => [j.id, j]));
  const unitIds = new Set<string>();
  const callsigns = new Set<string>();
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
      // Two units with one name cannot be told apart on the board or over the radio.
      for (const name of [u.callsign, u.callsignEn]) {
        if (name === undefined) problems.push(`unit ${u.id} has no callsign in both languages`);
        else if (callsigns.has(name)) problems.push(`callsign ${name} (unit ${u.id}) is used by another unit`);
        else callsigns.add(name);
      }
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
