// What a commander is shown before ordering an evacuation (EVACUATE_AREA): the people the region's
// population data puts inside the drawn area, counted exactly as the engine will count them
// (evacuation.ts peopleIn on the 250 m sub-cells), and how long it takes at most (the pace of the
// minimum crew, seeds/evacuation.yaml; crews on scene inside make it shorter). Population is public
// planning data (the coverage layer shows it to everyone): no hidden truth of the drill is used.
import type { ClosureArea } from '../../shared/events.ts';
import type { Region } from '../../shared/schemas/region.ts';
import type { EvacuationRules } from '../../shared/schemas/evacuation.ts';
import { evacuationMinutes, peopleIn } from './evacuation.ts';
import { floodTerrain, type FloodTerrain } from './flood-terrain.ts';

export interface EvacuationEstimate {
  /** People inside (rounded, as EVACUATION_ORDERED will say). */
  people: number;
  /** Minutes with no crew on scene inside the area (at least `minFirefighters`' pace). */
  minutesAtMost: number;
}

// One 250 m terrain per region and refinement (~0.2 s to build), kept while the region is.
const terrains = new WeakMap<Region, Map<number, FloodTerrain>>();

function terrainOf(region: Region, refine: number): FloodTerrain {
  let byRefine = terrains.get(region);
  if (!byRefine) terrains.set(region, (byRefine = new Map()));
  let t = byRefine.get(refine);
  if (!t) byRefine.set(refine, (t = floodTerrain(region, refine)));
  return t;
}

export function evacuationEstimate(region: Region, refine: number, rules: EvacuationRules, area: ClosureArea): EvacuationEstimate {
  const people = Math.round(peopleIn(terrainOf(region, refine), area).people);
  return { people, minutesAtMost: Math.ceil(evacuationMinutes(people, 0, rules)) };
}
