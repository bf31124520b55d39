// Evacuations on the board: a fold of EVACUATION_ORDERED (of EVACUATE_AREA: with an id, an area, the
// people the population data puts inside and its end), EVACUATION_PROGRESS (the controller's board
// only: the people still inside, the hidden truth) and AREA_EVACUATED into the board state's optional
// `evacuations` (absent until the first one, so boards of drills without them are unchanged). The
// hazards themselves are folded in board-state.ts (BoardHazard).
import type { ClosureArea, DomainEvent } from './events.ts';

export interface BoardEvacuation {
  id: string;
  area: ClosureArea;
  orderedAt: number;
  /** When it will be (or was) complete, sim ms. */
  doneAt?: number;
  done: boolean;
  /** People inside when ordered (the population estimate), then those moved out when done. */
  people?: number;
  /** Firefighters on scene inside the area when ordered (they set the pace). */
  firefighters?: number;
  /** Controller's board only (EVACUATION_PROGRESS): people still inside, as of `insideAt` (sim ms). */
  peopleInside?: number;
  insideAt?: number;
}

export interface EvacuationBoardPart {
  evacuations?: Record<string, BoardEvacuation>;
}

export type EvacuationEvent = Extract<DomainEvent, { type: 'EVACUATION_ORDERED' | 'AREA_EVACUATED' | 'EVACUATION_PROGRESS' }>;

export function foldEvacuation(state: EvacuationBoardPart, e: EvacuationEvent): void {
  if (e.type === 'EVACUATION_ORDERED') {
    // Only evacuations of an area with a known end (EVACUATE_AREA) are tracked on the map.
    if (!e.evacuationId || !e.area) return;
    (state.evacuations ??= {})[e.evacuationId] = {
      id: e.evacuationId, area: e.area, orderedAt: e.t, done: false,
      ...(e.doneAt === undefined ? {} : { doneAt: e.doneAt }),
      ...(e.people === undefined ? {} : { people: e.people }),
      ...(e.firefighters === undefined ? {} : { firefighters: e.firefighters }),
    };
    return;
  }
  if (e.type === 'EVACUATION_PROGRESS') {
    const ev = state.evacuations?.[e.evacuationId];
    if (ev && !ev.done && (ev.insideAt === undefined || ev.insideAt <= e.t)) {
      ev.peopleInside = e.peopleInside;
      ev.insideAt = e.t;
    }
    return;
  }
  const ev = ((state.evacuations ??= {})[e.evacuationId] ??= { id: e.evacuationId, area: e.area, orderedAt: e.orderedAt, done: false });
  ev.done = true;
  ev.doneAt = e.t;
  ev.people = e.people;
  // Only a board that was told the people inside (the controller's) shows that none are left.
  if (ev.peopleInside !== undefined) {
    ev.peopleInside = 0;
    ev.insideAt = e.t;
  }
}
