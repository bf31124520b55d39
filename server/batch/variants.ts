// Applies a variant file (shared/schemas/variant.ts) to a loaded world and scenario: stations added,
// moved or removed, staffing and units, turnout, run cards, doctrine targets and the call rate. The
// inputs are never changed (copies all the way down to what changes), so the baseline and every
// variant share the road network and its cached route trees. A change that does not fit the world
// (an unknown station, a duplicate id, a unit type not in the catalogue) is reported at its line.
import type { Region, Station } from '../../shared/schemas/region.ts';
import type { Scenario } from '../../shared/schemas/scenario.ts';
import { VariantSchema, type Variant } from '../../shared/schemas/variant.ts';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import type { World } from '../engine/types.ts';
import { loadDataFile, type DataSource } from '../files/read-data-file.ts';
import { DataFileError, type DataIssue } from '../files/data-file-error.ts';
import { STATION_KINDS } from '../metrics/incident-records.ts';

export interface LoadedVariant {
  variant: Variant;
  source: DataSource;
}

export function loadVariant(file: string): LoadedVariant {
  const { data, source } = loadDataFile(file, VariantSchema);
  return { variant: data, source };
}

function jurisdictionAt(region: Region, p: LatLon): string | undefined {
  const { grid } = region;
  const r = Math.floor((p[0] - grid.south) / grid.cellLat);
  const c = Math.floor((p[1] - grid.west) / grid.cellLon);
  return region.cells.find((cell) => cell.r === r && cell.c === c)?.jurisdictionId;
}

function nearestStation(stations: readonly Station[], p: LatLon): Station | undefined {
  let best: Station | undefined;
  let bestM = Infinity;
  for (const s of stations) {
    if (!STATION_KINDS.has(s.kind)) continue;
    const d = haversineM(p, s.location);
    if (d < bestM) { bestM = d; best = s; }
  }
  return best;
}

/** The world and scenario with the variant's changes applied in order; throws DataFileError listing every misfit. */
export function applyVariant(world: World, scenario: Scenario, loaded: LoadedVariant): { world: World; scenario: Scenario } {
  const { variant, source } = loaded;
  const issues: DataIssue[] = [];
  let region: Region = { ...world.region, stations: [...world.region.stations], jurisdictions: [...world.region.jurisdictions] };
  let doctrine = world.doctrine;
  let runCards = world.runCards;
  let sc = scenario;
  const unitTypes = new Set(world.unitTypes.unitTypes.map((t) => t.code));
  const jurisdictionIds = new Set(region.jurisdictions.map((j) => j.id));
  const stationIndex = (id: string) => region.stations.findIndex((s) => s.id === id);
  const checkUnits = (units: readonly { id: string; type: string }[], at: PropertyKey[], ignoreStation?: string): void => {
    const taken = new Set(region.stations.filter((s) => s.id !== ignoreStation).flatMap((s) => s.units.map((u) => u.id)));
    units.forEach((u, k) => {
      if (!unitTypes.has(u.type)) issues.push(source.issue([...at, k, 'type'], `unknown unit type "${u.type}" (expected a code of unit-types.yaml: ${[...unitTypes].join(', ')})`));
      if (taken.has(u.id)) issues.push(source.issue([...at, k, 'id'], `unit id "${u.id}" is already used (expected a new id)`));
      taken.add(u.id);
    });
  };

  variant.changes.forEach((ch, i) => {
    const at: PropertyKey[] = ['changes', i];
    if ('addStation' in ch) {
      const a = ch.addStation;
      if (stationIndex(a.id) >= 0) { issues.push(source.issue([...at, 'addStation', 'id'], `a station "${a.id}" already exists (expected a new id)`)); return; }
      const jurisdictionId = a.jurisdictionId ?? jurisdictionAt(region, a.location);
      if (!jurisdictionId || !jurisdictionIds.has(jurisdictionId)) {
        issues.push(source.issue([...at, 'addStation', a.jurisdictionId ? 'jurisdictionId' : 'location'], a.jurisdictionId ? `unknown jurisdiction "${a.jurisdictionId}"` : `[${a.location.join(', ')}] is outside the region's grid (expected a place inside the region)`));
        return;
      }
      if (a.supervisingStationId !== undefined && stationIndex(a.supervisingStationId) < 0) issues.push(source.issue([...at, 'addStation', 'supervisingStationId'], `unknown station "${a.supervisingStationId}"`));
      checkUnits(a.units, [...at, 'addStation', 'units']);
      region.stations.push({
        id: a.id, name: a.name, nameZh: a.nameZh ?? a.name, kind: a.kind, jurisdictionId, location: a.location,
        staffOnDuty: a.staffOnDuty, ...(a.supervisingStationId ? { supervisingStationId: a.supervisingStationId } : {}), specialties: [], units: a.units,
      });
    } else if ('moveStation' in ch) {
      const k = stationIndex(ch.moveStation.id);
      if (k < 0) { issues.push(source.issue([...at, 'moveStation', 'id'], `unknown station "${ch.moveStation.id}"`)); return; }
      if (!jurisdictionAt(region, ch.moveStation.location)) { issues.push(source.issue([...at, 'moveStation', 'location'], `[${ch.moveStation.location.join(', ')}] is outside the region's grid`)); return; }
      region.stations[k] = { ...region.stations[k]!, location: ch.moveStation.location };
    } else if ('removeStation' in ch) {
      const id = ch.removeStation.id;
      if (stationIndex(id) < 0) { issues.push(source.issue([...at, 'removeStation', 'id'], `unknown station "${id}"`)); return; }
      const stations = region.stations.filter((s) => s.id !== id);
      const removed = region.stations[stationIndex(id)]!;
      const replacement = nearestStation(stations, removed.location);
      if (!replacement) { issues.push(source.issue([...at, 'removeStation', 'id'], `removing "${id}" leaves no national or professional station`)); return; }
      region = {
        ...region,
        stations: stations.map((s) => (s.supervisingStationId === id ? { ...s, supervisingStationId: replacement.id } : s)),
        jurisdictions: region.jurisdictions.map((j) => ({
          ...j,
          ...(j.homeStationId === id ? { homeStationId: replacement.id } : {}),
          ...(j.supervisingStationId === id ? { supervisingStationId: replacement.id } : {}),
        })),
      };
    } else if ('staffing' in ch) {
      const k = stationIndex(ch.staffing.station);
      if (k < 0) { issues.push(source.issue([...at, 'staffing', 'station'], `unknown station "${ch.staffing.station}"`)); return; }
      const s = region.stations[k]!;
      if (ch.staffing.units) checkUnits(ch.staffing.units, [...at, 'staffing', 'units'], s.id);
      region.stations[k] = { ...s, ...(ch.staffing.staffOnDuty !== undefined ? { staffOnDuty: ch.staffing.staffOnDuty } : {}), ...(ch.staffing.units ? { units: ch.staffing.units } : {}) };
    } else if ('turnout' in ch) {
      const t = ch.turnout;
      const old = doctrine.turnoutSeconds[t.kind];
      doctrine = { ...doctrine, turnoutSeconds: { ...doctrine.turnoutSeconds, [t.kind]: { day: t.day ?? old.day, night: t.night ?? old.night } } };
    } else if ('runCard' in ch) {
      const { type, grade, card } = ch.runCard;
      runCards = { ...runCards, cards: { ...runCards.cards, [type]: { ...runCards.cards[type], [`${grade}`]: card } } };
    } else if ('targets' in ch) {
      const t = Object.fromEntries(Object.entries(ch.targets).filter(([, v]) => v !== undefined));
      doctrine = { ...doctrine, targets: { ...doctrine.targets, ...t } };
    } else {
      const { scale, callsPerYear } = ch.callRate;
      sc = { ...sc, background: { ...sc.background, ...(scale !== undefined ? { scale: sc.background.scale * scale } : {}), ...(callsPerYear !== undefined ? { callsPerYear } : {}) } };
    }
  });
  if (issues.length > 0) throw new DataFileError(issues);
  return { world: { ...world, region, doctrine, runCards }, scenario: sc };
}
