// Teams a drill script can name: a station of the region, or a reinforcements inject whose units
// stand at a staging "station" of their own (`staging-<inject id>`, added to the world by the
// engine). One place for that naming, read by the engine and by the condition language's `team`.

/** The staging station of a reinforcements inject. */
export const stagingStationId = (injectId: string): string => `staging-${injectId}`;

/** A unit of this station belongs to the team named in a script (a station id or a reinforcements inject id). */
export function inTeam(stationId: string | undefined, team: string): boolean {
  return stationId !== undefined && (stationId === team || stationId === stagingStationId(team));
}
