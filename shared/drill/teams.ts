// Teams a drill script can name: a station of the region, or a reinforcements inject whose units
// stand at a staging "station" of their own (`staging-<inject id>`, added to the world by the
// engine). One place for that naming, read by the engine, the board's fold and the condition
// language's `team`.
import type { ForceKind } from '../domain/forces.ts';

/** Where reinforcements come from (a reinforcements inject's `source`). */
export type TeamSource = 'provincial' | 'neighbour-county' | 'militia' | 'social-rescue';

/** The kind of force a team of each source counts as (which run-card tiers it may fill). */
export const TEAM_SOURCE_KIND: Record<TeamSource, ForceKind> = {
  provincial: 'special-service',
  'neighbour-county': 'class-1',
  militia: 'volunteer',
  'social-rescue': 'volunteer',
};

/** The staging station of a reinforcements inject. */
export const stagingStationId = (injectId: string): string => `staging-${injectId}`;

/** A unit of this station belongs to the team named in a script (a station id or a reinforcements inject id). */
export function inTeam(stationId: string | undefined, team: string): boolean {
  return stationId !== undefined && (stationId === team || stationId === stagingStationId(team));
}
