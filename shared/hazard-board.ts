// Evacuations on the board: a fold of EVACUATION_ORDERED (of EVACUATE_AREA: with an id, an area and
// its end) and AREA_EVACUATED into the board state's optional `evacuations` (absent until the first
// one, so boards of drills without them are unchanged). The hazards themselves are folded in
// board-state.ts (BoardHazard).
import type { ClosureArea, DomainEvent } from './events.ts';

export interface BoardEvacuation {
  id: string;
  area: ClosureArea;
  orderedAt: number;
  /** When it will be (or was) complete, sim ms. */
  doneAt?: number;
  done: boolean;
  people?: number;
}

export interface EvacuationBoardPart {
  evacuations?: Record<string, BoardEvacuation>;
}

export type EvacuationEvent = Extract<DomainEvent, { type: 'EVACUATION_ORDERED' | 'AREA_EVACUATED' }>;

export function foldEvacuation(state: EvacuationBoardPart, e: EvacuationEvent): void {
  if (e.type === 'EVACUATION_ORDERED') {
    // Only evacuations of an area with a known end (EVACUATE_AREA) are tracked on the map.
    if (!e.evacuationId || !e.area) return;
    (state.evacuations ??= {})[e.evacuationId] = { id: e.evacuationId, area: e.area, orderedAt: e.t, done: false, ...(e.doneAt === undefined ? {} : { doneAt: e.doneAt }) };
    return;
  }
  const ev = ((state.evacuations ??= {})[e.evacuationId] ??= { id: e.evacuationId, area: e.area, orderedAt: e.orderedAt, done: false });
  ev.done = true;
  ev.doneAt = e.t;
  ev.people = e.people;
}
