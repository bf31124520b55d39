// Reinforcements a drill script brings in (kind: reinforcements): their units are part of the world
// from the start, each team as a staging "station" at its staging place; the injects model keeps
// them out of service until their inject fires (then they come into service where they stand).
// A team the controller writes during the drill joins the world when it is written (the same
// staging station, teamStation below, added to the running simulation), waits out of service the
// same way, and is added again before a snapshot is restored. A team takes
// the jurisdiction of its staging place: once arrived it is at the disposal of the local command.
// Pure: the world in, a world with the extra stations out (the same object when there are none).
import type { Station } from '../../../shared/schemas/region.ts';
import type { UnitType } from '../../../shared/schemas/unit-types.ts';
import type { ScriptInject } from '../../../shared/schemas/scenario.ts';
import type { RegionIndex } from '../../../shared/region-lookup.ts';
import type { World } from '../kernel/ports.ts';
import { stagingStationId, TEAM_SOURCE_KIND } from '../../../shared/drill/teams.ts';

export type Reinforcements = Extract<ScriptInject, { kind: 'reinforcements' }>;

/** The kind of force a team of each source counts as (which run-card tiers it may fill). */
const SOURCE_KIND = TEAM_SOURCE_KIND;

/** The staging station of a reinforcements inject (named in shared/drill/teams.ts, which conditions read too). */
export { stagingStationId };

/** The reinforcements injects of a script whose units can be added (their staging place resolves, ids are new). */
export function arrivingTeams(injects: readonly ScriptInject[]): Reinforcements[] {
  return injects.filter((j): j is Reinforcements => j.kind === 'reinforcements');
}

export function withArrivingUnits(world: World, injects: readonly ScriptInject[], regionIndex: () => RegionIndex): World {
  const teams = arrivingTeams(injects);
  if (teams.length === 0) return world;
  const region = regionIndex();
  const known = new Set(world.region.stations.flatMap((s) => s.units.map((u) => u.id)));
  const extra: Station[] = [];
  for (const inj of teams) {
    const station = teamStation(inj, region, world.unitTypes.unitTypes, known);
    if (!station) continue; // the cross-checks report why; the inject is then only announced
    for (const u of station.units) known.add(u.id);
    extra.push(station);
  }
  if (extra.length === 0) return world;
  return { ...world, region: { ...world.region, stations: [...world.region.stations, ...extra] } };
}

/**
 * The staging "station" of a team: its units (those with a new id and a known type) at the staging
 * place, in the jurisdiction there. Undefined when the place is not in the region or no unit is left.
 */
export function teamStation(inj: Reinforcements, region: RegionIndex, unitTypes: readonly UnitType[], known: ReadonlySet<string>): Station | undefined {
  const at = typeof inj.stagingAt === 'string' ? region.placeLocation(inj.stagingAt) : ([inj.stagingAt[0], inj.stagingAt[1]] as [number, number]);
  const cell = at ? region.cellAt(at) : undefined;
  if (!at || !cell) return undefined;
  const types = new Map(unitTypes.map((t) => [t.code, t]));
  const units = inj.units.filter((u) => !known.has(u.id) && types.has(u.type));
  if (units.length === 0) return undefined;
  const crew = units.reduce((n, u) => n + (u.crew ?? types.get(u.type)!.crew), 0);
  return {
    id: stagingStationId(inj.id), name: inj.team.en, nameZh: inj.team.zh, kind: SOURCE_KIND[inj.source],
    jurisdictionId: cell.jurisdictionId, location: at, staffOnDuty: Math.max(1, crew), specialties: [],
    units: units.map((u) => ({ id: u.id, type: u.type })),
  };
}
