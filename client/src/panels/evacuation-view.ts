// How an evacuation under way is told on the board, on the map and in the hazards panel. Everyone sees
// the order, its estimate and its end, and how far through its time it is; only the controller's
// board holds the people still inside (EVACUATION_PROGRESS, the hidden truth), so only it shows them.
import type { TFunction } from 'i18next';
import type { BoardEvacuation } from '../../../shared/hazard-board.ts';
import { formatElapsed } from '../live/sim-clock.ts';

/** Share of the evacuation's time gone by at `now` (0 at the order, 1 at its end). */
export function evacuationTimeShare(ev: BoardEvacuation, now: number): number {
  if (ev.done) return 1;
  if (ev.doneAt === undefined || ev.doneAt <= ev.orderedAt) return 0;
  return Math.min(1, Math.max(0, (now - ev.orderedAt) / (ev.doneAt - ev.orderedAt)));
}

/** The label beside an evacuation's area on the map. */
export function evacuationMapLabel(ev: BoardEvacuation, now: number, t: TFunction): string {
  if (ev.done) return t('hazard.mapDone', { people: ev.people ?? 0 });
  if (ev.peopleInside !== undefined) return t('hazard.mapInside', { inside: ev.peopleInside, people: ev.people ?? '?' });
  return t('hazard.mapEvacuating', { percent: Math.round(evacuationTimeShare(ev, now) * 100), until: ev.doneAt === undefined ? '?' : formatElapsed(ev.doneAt) });
}
