// What the hazards layer of the board (issue 10 §4) draws on top of the threat footprints and the
// ERG circle (draw-dynamic.ts drawHazardZones), under the routes on the live canvas:
// - a chemical release: the ERG downwind protective-action square (dashed purple) and a wind arrow
//   at the source pointing downwind with its speed and stability class;
// - a flood: its flooded 1-km cells shaded by the deepest water (darker = deeper; cells deeper than
//   the boat-only depth, AIDR H4 or worse, cross-hatched: boats only) and where drainage units lowered it;
// - evacuations of EVACUATE_AREA: a light green fill with a dashed outline while they run, solid when
//   done, and a label with their progress (the words come from the board: its language, and for the
//   controller the people still inside).
// Reads the board's folded hazards and evacuations; nothing when the drill has none. Returns what it
// drew (`<hazard>:wind`, `<hazard>:pa`, `<hazard>:cells`, `evac:<id>`) and each evacuation's label,
// for tests and the debug hook.
import type { BoardState } from '../../../shared/board-state.ts';
import type { LatLon } from '../../../shared/geo.ts';
import type { HazardZonesView } from '../../../shared/events.ts';
import type { BoardEvacuation } from '../../../shared/hazard-board.ts';

export interface EvacuationDrawn { id: string; done: boolean; label: string }

type ToCanvas = (lat: number, lon: number) => [number, number];
const M_PER_DEG_LAT = 111_320;
/** As draw-dynamic.ts draws the threat footprints (the panel's legend). */
export const ZONE_COLOURS: Record<1 | 2 | 3, string> = { 1: '#e8c400', 2: '#ee7b18', 3: '#d42a2a' };
const ERG_COLOUR = '#9b4dff';
const EVAC_COLOUR = '#2fbf71';
/** AIDR 7-3 classes in which vehicles and people are unsafe: boats only. */
const BOAT_ONLY = new Set(['H4', 'H5', 'H6']);

function ringPath(ctx: CanvasRenderingContext2D, to: ToCanvas, ring: readonly LatLon[]): void {
  ring.forEach(([lat, lon], i) => {
    const [x, y] = to(lat, lon);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.closePath();
}

function circlePath(ctx: CanvasRenderingContext2D, to: ToCanvas, center: LatLon, radiusM: number): void {
  const [x, y] = to(center[0], center[1]);
  const [, y2] = to(center[0] + radiusM / M_PER_DEG_LAT, center[1]);
  ctx.arc(x, y, Math.max(3, Math.abs(y - y2)), 0, Math.PI * 2);
}

function drawChemical(ctx: CanvasRenderingContext2D, to: ToCanvas, z: Extract<HazardZonesView, { kind: 'chemical-release' }>): void {
  ctx.save();
  ctx.setLineDash([6, 4]);
  ctx.strokeStyle = ERG_COLOUR;
  ctx.lineWidth = 2;
  if (z.erg.protectiveAction) {
    ctx.beginPath();
    ringPath(ctx, to, z.erg.protectiveAction.ring);
    ctx.stroke();
  }
  ctx.restore();
  // Wind arrow: from the source, downwind (the wind blows from windFromDeg). Light with a dark halo:
  // the board's base map is dark, and a dark arrow was lost on it.
  const [x, y] = to(z.erg.center[0], z.erg.center[1]);
  const down = ((z.windFromDeg + 180) * Math.PI) / 180;
  const len = 46;
  const ex = x + Math.sin(down) * len;
  const ey = y - Math.cos(down) * len;
  const head = (): void => {
    ctx.beginPath();
    ctx.moveTo(ex, ey);
    ctx.lineTo(ex - Math.sin(down - 0.45) * 11, ey + Math.cos(down - 0.45) * 11);
    ctx.lineTo(ex - Math.sin(down + 0.45) * 11, ey + Math.cos(down + 0.45) * 11);
    ctx.closePath();
  };
  for (const [colour, width] of [['#101418', 6], ['#f4f7fa', 2.5]] as const) {
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(ex, ey);
    ctx.stroke();
    head();
    ctx.fill();
    if (width > 3) ctx.stroke();
  }
  ctx.font = 'bold 12px sans-serif';
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#101418';
  ctx.strokeText(`${z.windMS} m/s ${z.stability}`, ex + 6, ey);
  ctx.fillStyle = '#f4f7fa';
  ctx.fillText(`${z.windMS} m/s ${z.stability}`, ex + 6, ey);
}

function drawFlood(ctx: CanvasRenderingContext2D, to: ToCanvas, z: Extract<HazardZonesView, { kind: 'flood' }>): void {
  const g = z.grid;
  if (!g) return;
  for (const cell of z.cells) {
    const [x1, y1] = to(g.south + cell.r * g.cellLat, g.west + cell.c * g.cellLon);
    const [x2, y2] = to(g.south + (cell.r + 1) * g.cellLat, g.west + (cell.c + 1) * g.cellLon);
    const alpha = Math.min(0.85, 0.15 + 0.5 * cell.share + 0.1 * Math.min(cell.maxDepthM, 2));
    ctx.fillStyle = `rgba(30, 110, 230, ${alpha.toFixed(2)})`;
    const [x, y, w, h] = [Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1)];
    ctx.fillRect(x, y, w, h);
    if (BOAT_ONLY.has(cell.hazardClass)) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(x, y, w, h);
      ctx.clip();
      ctx.strokeStyle = 'rgba(10, 30, 90, 0.7)';
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (let d = -h; d < w; d += 6) {
        ctx.moveTo(x + d, y + h);
        ctx.lineTo(x + d + h, y);
      }
      ctx.stroke();
      ctx.restore();
    }
  }
  for (const d of z.drained ?? []) {
    const [x, y] = to(d.at[0], d.at[1]);
    ctx.beginPath();
    ctx.arc(x, y, 5, 0, Math.PI * 2);
    ctx.fillStyle = '#ffffff';
    ctx.strokeStyle = '#1e6ee6';
    ctx.fill();
    ctx.stroke();
  }
}

/** Where an area's label goes: above its northernmost point (a circle: its top). */
function labelAnchor(to: ToCanvas, ev: BoardEvacuation): [number, number] | undefined {
  const a = ev.area;
  if (a.kind === 'circle') return to(a.center[0] + a.radiusM / M_PER_DEG_LAT, a.center[1]);
  if (a.kind !== 'polygon' || a.ring.length === 0) return undefined;
  const top = a.ring.reduce((n, p) => (p[0] > n[0] ? p : n));
  return to(top[0], top[1]);
}

function drawLabel(ctx: CanvasRenderingContext2D, x: number, y: number, text: string): void {
  ctx.font = 'bold 12px sans-serif';
  const w = ctx.measureText(text).width;
  ctx.fillStyle = 'rgba(8, 40, 22, 0.85)';
  ctx.fillRect(x - w / 2 - 5, y - 24, w + 10, 18);
  ctx.fillStyle = '#e9fff1';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x, y - 15);
  ctx.textAlign = 'start';
  ctx.textBaseline = 'alphabetic';
}

export function drawHazardExtras(ctx: CanvasRenderingContext2D, to: ToCanvas, board: BoardState, opts: { now?: number; label?(ev: BoardEvacuation, now: number): string } = {}): { drawn: string[]; evacuations: EvacuationDrawn[] } {
  const drawn: string[] = [];
  const evacuations: EvacuationDrawn[] = [];
  for (const h of Object.values(board.hazards ?? {})) {
    const z = h.zones;
    if (z?.kind === 'chemical-release') {
      drawChemical(ctx, to, z);
      drawn.push(`${h.id}:wind`, ...(z.erg.protectiveAction ? [`${h.id}:pa`] : []));
    } else if (z?.kind === 'flood' && z.grid) {
      drawFlood(ctx, to, z);
      drawn.push(`${h.id}:cells`);
    }
  }
  for (const ev of Object.values(board.evacuations ?? {})) {
    ctx.save();
    if (!ev.done) ctx.setLineDash([8, 5]);
    ctx.strokeStyle = EVAC_COLOUR;
    ctx.fillStyle = 'rgba(47, 191, 113, 0.12)';
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    if (ev.area.kind === 'circle') circlePath(ctx, to, ev.area.center, ev.area.radiusM);
    else if (ev.area.kind === 'polygon') ringPath(ctx, to, ev.area.ring);
    if (!ev.done) ctx.fill();
    ctx.stroke();
    ctx.restore();
    drawn.push(`evac:${ev.id}`);
    const label = opts.label?.(ev, opts.now ?? board.now) ?? '';
    const at = label ? labelAnchor(to, ev) : undefined;
    if (at) drawLabel(ctx, at[0], at[1], label);
    evacuations.push({ id: ev.id, done: ev.done, label });
  }
  return { drawn, evacuations };
}
