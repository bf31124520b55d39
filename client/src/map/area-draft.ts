// An area drawn on the map corner by corner (the commander's evacuation area, EVACUATE_AREA): the
// draft's rules (add a corner, undo the last, close it once it has three). Drawn by draft-layer.ts.
import type { LatLon } from '../../../shared/geo.ts';

export interface AreaDraft {
  points: LatLon[];
  /** Closed: the outline is finished and waits for the order to be confirmed. */
  closed: boolean;
}

/** EVACUATE_AREA takes 3 to 500 corners. */
export const MIN_CORNERS = 3;
export const MAX_CORNERS = 500;
/** A click this close to the first corner (CSS px) closes the area. */
export const CLOSE_PX = 12;

const round = (p: LatLon): LatLon => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];

export const emptyDraft = (): AreaDraft => ({ points: [], closed: false });

/** A click on the map while drawing: closes the area at its first corner, otherwise adds a corner. */
export function draftClick(d: AreaDraft, p: LatLon, nearFirst: boolean): AreaDraft {
  if (d.closed) return d;
  if (nearFirst && d.points.length >= MIN_CORNERS) return { points: d.points, closed: true };
  if (d.points.length >= MAX_CORNERS) return d;
  return { points: [...d.points, round(p)], closed: false };
}

export function draftUndo(d: AreaDraft): AreaDraft {
  return { points: d.closed ? d.points : d.points.slice(0, -1), closed: false };
}

export function draftClose(d: AreaDraft): AreaDraft {
  return d.points.length >= MIN_CORNERS ? { points: d.points, closed: true } : d;
}

/** Window event: add a corner to the area being drawn at the centre of the map (keyboard drawing). */
export const ADD_CENTRE_CORNER = 'board:add-centre-corner';
