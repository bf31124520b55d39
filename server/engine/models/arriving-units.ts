// Reinforcements a drill script brings in (kind: reinforcements): their units are part of the world
// from the start, each team as a staging "station" at its staging place, so the unit set, the
// dispatch index and snapshots stay fixed for the whole run; the injects model keeps them out of
// service until their inject fires (then they come into service where they stand). A team takes
// the jurisdiction of its staging place: once arrived it is at the disposal of the local command.
// Pure: the world in, a world with the extra stations out (the same object when there are none).
import type { ForceKind } from '../../../shared/domain/forces.ts';
import type { Station } from '../../../shared/schemas/region.ts';
import type { ScriptInject } from '../../../shared/schemas/scenario.ts';
import type { RegionIndex } from '../../../shared/region-lookup.ts';
import type { World } from '../kernel/ports.ts';
import { stagingStationId } from '../../../shared/drill/teams.ts';

type Reinforcements = Extract<ScriptInject, { kind: 'reinforcements' }>;

/** The kind of force a team of each source counts as (which run-card tiers it may fill). */
const SOURCE_KIND: Record<Reinforcements['source'], ForceKind> = {
  provincial: 'special-service',
  'neighbour-county': 'class-1',
  militia: 'volunteer',
  'social-rescue': 'volunteer',
};

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
  const types = new Set(world.unitTypes.unitTypes.map((t) => t.code));
  const extra: Station[] = [];
  for (const inj of teams) {
    const at = typeof inj.stagingAt === 'string' ? region.placeLocation(inj.stagingAt) : ([inj.stagingAt[0], inj.stagingAt[1]] as [number, number]);
    const cell = at ? region.cellAt(at) : undefined;
    if (!at || !cell) continue; // the cross-checks report it; the inject is then only announced
    const units = inj.units.filter((u) => !known.has(u.id) && types.has(u.type));
    if (units.length === 0) continue;
    for (const u of units) known.add(u.id);
    const crew = units.reduce((n, u) => n + (u.crew ?? world.unitTypes.unitTypes.find((t) => t.code === u.type)!.crew), 0);
    extra.push({
      id: stagingStationId(inj.id), name: inj.team.en, nameZh: inj.team.zh, kind: SOURCE_KIND[inj.source],
      jurisdictionId: cell.jurisdictionId, location: at, staffOnDuty: Math.max(1, crew), specialties: [],
      units: units.map((u) => ({ id: u.id, type: u.type })),
    });
  }
  if (extra.length === 0) return world;
  return { ...world, region: { ...world.region, stations: [...world.region.stations, ...extra] } };
}
