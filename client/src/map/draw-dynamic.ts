// Canvas drawing of the live picture: units (every frame, at their interpolated positions), and
// incidents, routes and hazard areas (on every board change). Plain 2D canvas calls, culled to the
// view, so 2,000 units and 500 incidents stay smooth in software rendering.
import type { BoardIncident, BoardState, BoardUnit } from '../../../shared/board-state.ts';
import { unitPosition } from '../../../shared/board-state.ts';
import type { ClosureArea } from '../../../shared/events.ts';
import { legVertices } from '../../../shared/leg-track.ts';
import { ENDED_INCIDENT_STATUSES } from '../../../shared/domain/status.ts';
import { INCIDENT_GLYPH, STATUS_COLOURS, gradeHex } from '../domain-view.ts';

type ToCanvas = (lat: number, lon: number) => [number, number];

export interface View { width: number; height: number; zoom: number }

const M_PER_DEG_LAT = 111_320;
const inView = (x: number, y: number, v: View, pad = 20): boolean => x > -pad && y > -pad && x < v.width + pad && y < v.height + pad;

/** A small pre-drawn disc per status and size: copying a sprite is much cheaper than filling an arc in software rendering. */
const sprites = new Map<string, HTMLCanvasElement>();
function unitSprite(status: BoardUnit['status'], r: number, dpr: number): HTMLCanvasElement {
  const key = `${status}|${r}|${dpr}`;
  let c = sprites.get(key);
  if (!c) {
    const size = Math.ceil((r + 2) * 2 * dpr);
    c = document.createElement('canvas');
    c.width = size;
    c.height = size;
    const g = c.getContext('2d')!;
    g.scale(dpr, dpr);
    g.beginPath();
    g.arc(r + 2, r + 2, r, 0, Math.PI * 2);
    g.fillStyle = STATUS_COLOURS[status];
    g.fill();
    g.lineWidth = 1.2;
    g.strokeStyle = '#0b0e13';
    g.stroke();
    sprites.set(key, c);
  }
  return c;
}

/** Units away from their station (in-station units are shown by their station). Returns where each was drawn. */
export function drawUnits(ctx: CanvasRenderingContext2D, to: ToCanvas, board: BoardState, t: number, v: View, selectedUnitId?: string): Map<string, [number, number, number, number]> {
  const drawn = new Map<string, [number, number, number, number]>();
  const labels = v.zoom >= 14;
  const r = v.zoom >= 13 ? 6 : 4.5;
  const dpr = globalThis.devicePixelRatio || 1;
  const half = r + 2;
  if (labels) {
    ctx.font = '600 10px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = '#e8edf3';
  }
  for (const id in board.units) {
    const u = board.units[id]!;
    if (u.status === 'inStation') continue;
    const [lat, lon] = unitPosition(u, t);
    const [x, y] = to(lat, lon);
    drawn.set(u.id, [x, y, lat, lon]);
    if (!inView(x, y, v)) continue;
    ctx.drawImage(unitSprite(u.status, r, dpr), x - half, y - half, half * 2, half * 2);
    if (labels) ctx.fillText(u.type, x + r + 2, y);
  }
  const sel = selectedUnitId ? drawn.get(selectedUnitId) : undefined;
  if (sel) {
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(sel[0], sel[1], r + 4, 0, Math.PI * 2);
    ctx.stroke();
  }
  return drawn;
}

/** Incident markers: a square in the grade colour with the type glyph; ended incidents are not drawn. */
export function drawIncidents(ctx: CanvasRenderingContext2D, to: ToCanvas, board: BoardState, v: View, selectedId?: string): void {
  const s = v.zoom >= 12 ? 11 : 8;
  // Batched by colour (one fill per grade); glyphs only when they can be read and are not too many.
  const byColour = new Map<string, [number, number, BoardIncident][]>();
  const waiting: [number, number][] = [];
  let selected: [number, number] | undefined;
  let shown = 0;
  for (const id in board.incidents) {
    const inc = board.incidents[id]!;
    if (ENDED_INCIDENT_STATUSES.has(inc.status)) continue;
    const [x, y] = to(inc.location[0], inc.location[1]);
    if (!inView(x, y, v)) continue;
    shown++;
    const isWaiting = inc.status === 'callReceived';
    const colour = gradeHex(inc.grade ?? (isWaiting ? undefined : inc.reportedGrade));
    let list = byColour.get(colour);
    if (!list) byColour.set(colour, (list = []));
    list.push([x, y, inc]);
    if (isWaiting) waiting.push([x, y]);
    if (id === selectedId) selected = [x, y];
  }
  ctx.strokeStyle = '#0b0e13';
  ctx.lineWidth = 1.5;
  for (const [colour, list] of byColour) {
    ctx.fillStyle = colour;
    ctx.beginPath();
    for (const [x, y] of list) ctx.rect(x - s, y - s, 2 * s, 2 * s);
    ctx.fill();
    ctx.stroke();
  }
  if (waiting.length > 0) {
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (const [x, y] of waiting) ctx.rect(x - s, y - s, 2 * s, 2 * s);
    ctx.stroke();
  }
  if (shown <= 200 || v.zoom >= 13) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = `700 ${s === 11 ? 12 : 9}px system-ui, sans-serif`;
    for (const list of byColour.values()) {
      for (const [x, y, inc] of list) {
        ctx.fillStyle = inc.grade === 3 ? '#1a1a1a' : '#ffffff';
        ctx.fillText(INCIDENT_GLYPH[inc.type], x, y + 0.5);
      }
    }
  }
  if (selected) {
    const [x, y] = selected;
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 3]);
    ctx.strokeRect(x - s - 5, y - s - 5, 2 * s + 10, 2 * s + 10);
    ctx.setLineDash([]);
  }
}

/** Above this many units en route only the selected incident's routes are drawn (more is clutter, and slow). */
export const ALL_ROUTES_LIMIT = 150;

/** Routes of units en route (their routed leg): a batched thin path, the selected incident's or unit's brighter on top. */
export function drawRoutes(ctx: CanvasRenderingContext2D, to: ToCanvas, board: BoardState, selectedId?: string, selectedUnitId?: string): void {
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const enRoute: BoardUnit[] = [];
  for (const id in board.units) {
    const u = board.units[id]!;
    if (u.status === 'enRoute' && u.leg) enRoute.push(u);
  }
  const mine = (u: BoardUnit): boolean => (selectedId !== undefined && u.incidentId === selectedId) || u.id === selectedUnitId;
  const trace = (units: BoardUnit[]): void => {
    ctx.beginPath();
    for (const u of units) {
      const path = legVertices(u.leg!)?.path ?? [u.leg!.from, u.leg!.to];
      path.forEach(([lat, lon], i) => {
        const [x, y] = to(lat, lon);
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
    }
  };
  if (enRoute.length <= ALL_ROUTES_LIMIT) {
    trace(enRoute.filter((u) => !mine(u)));
    ctx.strokeStyle = 'rgba(255, 159, 28, 0.45)';
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
  const selected = enRoute.filter(mine);
  if (selected.length > 0) {
    trace(selected);
    ctx.strokeStyle = 'rgba(255, 200, 80, 0.95)';
    ctx.lineWidth = 3;
    ctx.stroke();
  }
}

/** Threat zones of a chemical release: AEGL-1 / 2 / 3 in yellow, orange and red (level 3 on top). */
const ZONE_COLOURS: Record<1 | 2 | 3, string> = { 1: '#e8c400', 2: '#ee7b18', 3: '#d42a2a' };

/**
 * The zones of each chemical release in force: its threat footprints (level 1 under 2 under 3) and
 * the ERG isolation circle, dashed. Returns what it drew (`<hazard>:L<level>`, `<hazard>:erg`), for
 * tests and the debug hook, since a canvas has no DOM. A flood shows through the roads it closes.
 */
export function drawHazardZones(ctx: CanvasRenderingContext2D, to: ToCanvas, board: BoardState): string[] {
  const drawn: string[] = [];
  for (const h of Object.values(board.hazards ?? {})) {
    const z = h.zones;
    if (!z || z.kind !== 'chemical-release') continue;
    for (const zone of [...z.threat].sort((a, b) => a.level - b.level)) {
      if (zone.ring.length < 3) continue;
      const colour = ZONE_COLOURS[zone.level];
      ctx.beginPath();
      zone.ring.forEach(([lat, lon], i) => {
        const [x, y] = to(lat, lon);
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.closePath();
      ctx.fillStyle = `${colour}38`;
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5;
      ctx.fill();
      ctx.stroke();
      drawn.push(`${h.id}:L${zone.level}`);
    }
    const [x, y] = to(z.erg.center[0], z.erg.center[1]);
    const [, y2] = to(z.erg.center[0] + z.erg.isolationM / M_PER_DEG_LAT, z.erg.center[1]);
    ctx.beginPath();
    ctx.arc(x, y, Math.max(3, Math.abs(y - y2)), 0, Math.PI * 2);
    ctx.setLineDash([5, 4]);
    ctx.strokeStyle = ZONE_COLOURS[3];
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.setLineDash([]);
    drawn.push(`${h.id}:erg`);
  }
  return drawn;
}

const HAZARD_COLOURS: Record<string, string> = { flood: '#2f86ff', plume: '#b3e03a', collapse: '#c07a3a', accident: '#ff5a5a', other: '#ff5a5a' };

/** What the map drew for a closure: its closed roads, or its area's shape. */
export interface DrawnClosure { id: string; reason: string; shape: 'roads' | ClosureArea['kind']; roads?: number }

/**
 * Road closures and hazard areas (flood, plume…): a closure that lists its closed roads (a flood) as
 * those roads, since its area only bounds them and would cover dry streets; the others as their own
 * areas. Returns what it drew.
 */
export function drawHazards(ctx: CanvasRenderingContext2D, to: ToCanvas, board: BoardState): DrawnClosure[] {
  const drawn: DrawnClosure[] = [];
  for (const c of Object.values(board.closures)) {
    const colour = HAZARD_COLOURS[c.reason] ?? '#ff5a5a';
    ctx.strokeStyle = colour;
    ctx.fillStyle = `${colour}44`;
    ctx.lineWidth = 2;
    const a = c.area;
    ctx.beginPath();
    if (c.roads) {
      drawn.push({ id: c.id, reason: c.reason, shape: 'roads', roads: c.roads.length });
      for (const [from, to2] of c.roads) {
        const [x1, y1] = to(from[0], from[1]);
        const [x2, y2] = to(to2[0], to2[1]);
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
      }
      // A light casing under the cause's colour: a flooded road stays visible over the flood's own blue.
      ctx.lineCap = 'round';
      ctx.strokeStyle = '#f4f7ffdd';
      ctx.lineWidth = 7;
      ctx.stroke();
      ctx.strokeStyle = colour;
      ctx.lineWidth = 4;
      ctx.stroke();
      ctx.lineCap = 'butt';
      continue;
    }
    drawn.push({ id: c.id, reason: c.reason, shape: a.kind });
    if (a.kind === 'circle') {
      const [x, y] = to(a.center[0], a.center[1]);
      const [, y2] = to(a.center[0] + a.radiusM / M_PER_DEG_LAT, a.center[1]);
      ctx.arc(x, y, Math.max(3, Math.abs(y - y2)), 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    } else if (a.kind === 'polygon') {
      a.ring.forEach(([lat, lon], i) => {
        const [x, y] = to(lat, lon);
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    } else {
      const [x1, y1] = to(a.from[0], a.from[1]);
      const [x2, y2] = to(a.to[0], a.to[1]);
      ctx.lineWidth = 5;
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
    }
  }
  return drawn;
}

/** The nearest drawn thing to a click, within a few pixels. */
export function hitTest(
  x: number,
  y: number,
  to: ToCanvas,
  board: BoardState,
  drawnUnits: ReadonlyMap<string, [number, number, number, number]>,
): { incidentId?: string; unitId?: string } {
  let best: { incidentId?: string; unitId?: string } = {};
  let bestD = 14;
  for (const inc of Object.values(board.incidents)) {
    if (ENDED_INCIDENT_STATUSES.has(inc.status)) continue;
    const [ix, iy] = to(inc.location[0], inc.location[1]);
    const d = Math.hypot(ix - x, iy - y);
    if (d < bestD) { bestD = d; best = { incidentId: inc.id }; }
  }
  if (best.incidentId) return best;
  bestD = 9;
  for (const [id, [ux, uy]] of drawnUnits) {
    const d = Math.hypot(ux - x, uy - y);
    if (d < bestD) { bestD = d; best = { unitId: id }; }
  }
  return best;
}
