// Evacuating an area (EVACUATE_AREA): who is inside and how long it takes.
// - People: the population of the 250 m sub-cells of the flood terrain whose centre lies in the
//   area (circle: within the radius; polygon: even-odd ray test; a segment holds nobody).
// - Time: set-up, then the people at a pace of `peoplePerHourPerFirefighter` per firefighter of the
//   crews on scene inside the area, counting at least `minFirefighters` (seeds/evacuation.yaml):
//   T = setupMin + people / (pace × max(minFirefighters, firefighters)) hours.
// - While it runs, people leave at an even rate: the share still inside falls linearly from 1 at the
//   end of the set-up to 0 at the end (remainingShare).
import { haversineM, type LatLon } from '../../shared/geo.ts';
import type { ClosureArea } from '../../shared/events.ts';
import type { EvacuationRules } from '../../shared/schemas/evacuation.ts';
import { subcellCentre, type FloodTerrain } from './flood-terrain.ts';

export function insideArea(area: ClosureArea, p: LatLon): boolean {
  switch (area.kind) {
    case 'circle':
      return haversineM(area.center, p) <= area.radiusM;
    case 'polygon': {
      let inside = false;
      const ring = area.ring;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [yi, xi] = ring[i]!;
        const [yj, xj] = ring[j]!;
        if (yi > p[0] !== yj > p[0] && p[1] < ((xj - xi) * (p[0] - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    }
    case 'segment':
      return false;
  }
}

/** Sub-cells (ascending) with people whose centre lies in the area, and their people. */
export function peopleIn(t: FloodTerrain, area: ClosureArea): { subcells: number[]; people: number } {
  const subcells: number[] = [];
  let people = 0;
  for (let i = 0; i < t.people.length; i++) {
    const p = t.people[i]!;
    if (p <= 0 || !insideArea(area, subcellCentre(t, i))) continue;
    subcells.push(i);
    people += p;
  }
  return { subcells, people };
}

/** Minutes to evacuate `people` with `firefighters` working on it. */
export function evacuationMinutes(people: number, firefighters: number, rules: Pick<EvacuationRules, 'setupMin' | 'peoplePerHourPerFirefighter' | 'minFirefighters'>): number {
  const pace = rules.peoplePerHourPerFirefighter * Math.max(rules.minFirefighters, firefighters);
  return rules.setupMin + (people / pace) * 60;
}

/** Share of the people still inside at `t` of an evacuation ordered at `orderedAt`, set-up until `movingAt`, done at `doneAt` (ms). */
export function remainingShare(t: number, ev: { movingAt: number; doneAt: number }): number {
  if (t <= ev.movingAt) return 1;
  if (t >= ev.doneAt) return 0;
  return 1 - (t - ev.movingAt) / (ev.doneAt - ev.movingAt);
}
