// Look-up tables built once from the world: stations, unit types, tiers, jurisdictions, echelons
// and each unit's output per capability. Everything the hot paths need without searching arrays.
import type { Capability, Tier } from '../../../shared/domain/forces.ts';
import { KIND_TIER } from '../../../shared/domain/forces.ts';
import type { Jurisdiction, Station } from '../../../shared/schemas/region.ts';
import type { UnitType } from '../../../shared/schemas/unit-types.ts';
import type { IncidentType } from '../../../shared/domain/incident-types.ts';
import type { Grade } from '../../../shared/domain/grades.ts';
import type { RunCard } from '../../../shared/schemas/run-cards.ts';
import type { IncidentModel } from '../../../shared/schemas/incident-models.ts';
import { indexRegion, type RegionIndex } from '../../../shared/region-lookup.ts';
import type { World } from './ports.ts';

/** Capabilities measured by flow (L/min); all others count one per unit. */
const FLOW_CAPABILITIES: ReadonlySet<Capability> = new Set(['water', 'foam', 'forest', 'long-distance-water']);

export interface UnitInfo {
  id: string;
  /** Dense index 0..n-1 (id order), for per-call scratch arrays on hot paths. */
  n: number;
  station: Station;
  stationTier: Tier;
  type: UnitType;
  /** 1 local, 2 neighbouring jurisdiction, 3 province. */
  echelon: 1 | 2 | 3;
  isMicro: boolean;
  /** Specialist for a capability: its type is a specialist vehicle or its station is a specialist team for it. */
  specialistFor: ReadonlySet<Capability>;
}

export interface WorldIndex {
  world: World;
  region: RegionIndex;
  stations: Map<string, Station>;
  jurisdictions: Map<string, Jurisdiction>;
  units: Map<string, UnitInfo>;
  unitIds: string[];
  microUnits: UnitInfo[];
  /** Units of each station, in id order. */
  unitsAt: Map<string, UnitInfo[]>;
  /** Units that have a capability (any tier), in id order. */
  unitsWith: Map<Capability, UnitInfo[]>;
  card(type: IncidentType, grade: Grade): RunCard;
  model(type: IncidentType): IncidentModel;
  output(unit: UnitInfo, capability: Capability): number;
  /** What each unit brings to an incident of this model when at work (by its dense number). */
  atWork(model: IncidentModel): WorkRates;
}

/**
 * Per unit (by dense number), for one incident model: its best output over the model's primary
 * capabilities (as `output` gives it, 0 for none), and 1 if it has the capability that rescues the
 * model's trapped. Asked for each unit at work every time an incident's units change (~700,000 times
 * in a metropolitan year): looking through the unit's capabilities each time was ~1 % of the year.
 */
export interface WorkRates {
  output: Float64Array;
  rescues: Uint8Array;
}

/**
 * Copies of world records with one hidden class: every key any of them has, in one order, absent
 * ones undefined (read the same; JSON leaves them out). The schemas leave optional fields out, so
 * unit types with and without an aerial height, and stations with and without a supervising
 * station, had different maps: the hot paths reading `u.type` and `u.station` were polymorphic, and
 * optimized code deoptimized when a unit of a shape it had not met came its way weeks into a year.
 */
function oneShape<T extends object>(records: readonly T[]): Map<T, T> {
  const keys: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  const copies = new Map<T, T>();
  for (const r of records) {
    const copy: Record<string, unknown> = {};
    for (const k of keys) copy[k] = (r as Record<string, unknown>)[k];
    copies.set(r, copy as T);
  }
  return copies;
}

/** The units of a station as the index knows them (dense index n not yet given). */
function unitInfos(station: Station, types: ReadonlyMap<string, UnitType>, jurisdictions: ReadonlyMap<string, Jurisdiction>): UnitInfo[] {
  const jk = jurisdictions.get(station.jurisdictionId)?.kind;
  const echelon = jk === 'neighbour' ? 2 : jk === 'province' ? 3 : 1;
  return station.units.map((spec) => {
    const type = types.get(spec.type);
    if (!type) throw new Error(`unit ${spec.id} of station ${station.id} has unknown type ${spec.type}`);
    const specialistFor = new Set<Capability>();
    for (const c of type.capabilities) if (type.specialist || station.specialties.includes(c)) specialistFor.add(c);
    return { id: spec.id, n: -1, station, stationTier: KIND_TIER[station.kind], type, echelon, isMicro: station.kind === 'micro', specialistFor };
  });
}

/**
 * Adds a station that joins during a run (reinforcements written by the controller during a drill):
 * its units get the next dense indexes (after every unit of the world) and take their place, in id
 * order, in the capability lists. Returns their infos. Throws on a station or unit id already known.
 */
export function addStationToIndex(index: WorldIndex, station: Station): UnitInfo[] {
  if (index.stations.has(station.id)) throw new Error(`station ${station.id} is already in the world`);
  // The types as the index's units have them (one shape), any other from the world.
  const types = new Map<string, UnitType>();
  for (const u of index.units.values()) types.set(u.type.code, u.type);
  for (const t of index.world.unitTypes.unitTypes) if (!types.has(t.code)) types.set(t.code, t);
  const infos = unitInfos(oneShape([station]).get(station)!, types, index.jurisdictions);
  for (const info of infos) if (index.units.has(info.id)) throw new Error(`unit ${info.id} is already in the world`);
  index.stations.set(station.id, station);
  for (const info of infos) {
    info.n = index.unitIds.length;
    index.unitIds.push(info.id);
    index.units.set(info.id, info);
    if (info.isMicro) index.microUnits.push(info);
    for (const c of info.type.capabilities) {
      let list = index.unitsWith.get(c);
      if (!list) index.unitsWith.set(c, (list = []));
      const at = list.findIndex((u) => u.id > info.id);
      list.splice(at < 0 ? list.length : at, 0, info);
    }
  }
  index.unitsAt.set(station.id, infos);
  return infos;
}

export function indexWorld(world: World): WorldIndex {
  const types = new Map([...oneShape(world.unitTypes.unitTypes).values()].map((t) => [t.code, t]));
  const jurisdictions = new Map(world.region.jurisdictions.map((j) => [j.id, j]));
  const stations = new Map(world.region.stations.map((s) => [s.id, s]));
  const stationCopies = oneShape(world.region.stations);
  const units = new Map<string, UnitInfo>();
  const unitsWith = new Map<Capability, UnitInfo[]>();
  for (const station of world.region.stations) {
    for (const info of unitInfos(stationCopies.get(station)!, types, jurisdictions)) {
      units.set(info.id, info);
      for (const c of info.type.capabilities) {
        let list = unitsWith.get(c);
        if (!list) unitsWith.set(c, (list = []));
        list.push(info);
      }
    }
  }
  const unitIds = [...units.keys()].sort();
  unitIds.forEach((id, n) => { units.get(id)!.n = n; });
  for (const list of unitsWith.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const output = (unit: UnitInfo, capability: Capability): number => {
    if (!unit.type.capabilities.includes(capability)) return 0;
    return FLOW_CAPABILITIES.has(capability) ? unit.type.flowLpm : 1;
  };
  const workRates = new Map<IncidentModel, WorkRates>();
  return {
    world,
    region: indexRegion(world.region),
    stations,
    jurisdictions,
    units,
    unitIds,
    microUnits: unitIds.map((id) => units.get(id)!).filter((u) => u.isMicro),
    unitsAt: new Map(world.region.stations.map((s) => [s.id, s.units.map((spec) => units.get(spec.id)!)])),
    unitsWith,
    card(type, grade) {
      const c = world.runCards.cards[type]?.[String(grade) as '1'];
      if (!c) throw new Error(`no run card for ${type} grade ${grade}`);
      return c;
    },
    model(type) {
      const m = world.models.models[type];
      if (!m) throw new Error(`no incident model for ${type}`);
      return m;
    },
    output,
    atWork(model) {
      let rates = workRates.get(model);
      // Made again when units joined the world since (reinforcements written during a drill).
      if (!rates || rates.output.length !== this.unitIds.length) {
        rates = { output: new Float64Array(this.unitIds.length), rescues: new Uint8Array(this.unitIds.length) };
        for (const u of this.units.values()) {
          let best = 0;
          for (const c of model.primary) best = Math.max(best, output(u, c));
          rates.output[u.n] = best;
          rates.rescues[u.n] = u.type.capabilities.includes(model.trapped.capability) ? 1 : 0;
        }
        workRates.set(model, rates);
      }
      return rates;
    },
  };
}
