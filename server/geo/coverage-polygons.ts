// A set of lattice squares (coverage samples, region cells) → a GeoJSON MultiPolygon with holes:
// the exact union of the squares, no smoothing (what a map shows is what was computed). Boundary
// sides are oriented with their square on the left, so outer rings run counter-clockwise and holes
// clockwise (RFC 7946). Where two squares touch only at a corner the walk turns left, which keeps
// each ring around one edge-connected group of squares: that group names the polygon a hole belongs
// to, with no point-in-polygon tests.
import type { MultiPolygon, Position } from '../../shared/schemas/coverage.ts';

export interface LatticeFrame {
  rows: number;
  cols: number;
  south: number;
  west: number;
  dLat: number;
  dLon: number;
}

// Directions of a boundary side: east, north, west, south (counter-clockwise order, so +1 is a left turn).
const DR = [0, 1, 0, -1] as const;
const DC = [1, 0, -1, 0] as const;

/** The union of the squares whose mask entry (row × cols + col) is non-zero. */
export function squaresToMultiPolygon(frame: LatticeFrame, mask: Uint8Array): MultiPolygon {
  const { rows, cols } = frame;
  const W = cols + 1;
  const filled = (r: number, c: number): boolean => r >= 0 && c >= 0 && r < rows && c < cols && mask[r * cols + c] !== 0;
  const group = edgeConnectedGroups(frame, mask);

  // Outgoing boundary sides per lattice corner, as a 4-bit set of directions.
  const out = new Uint8Array((rows + 1) * W);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!filled(r, c)) continue;
      if (!filled(r - 1, c)) out[r * W + c]! |= 1 << 0; // bottom side, eastward
      if (!filled(r, c + 1)) out[r * W + c + 1]! |= 1 << 1; // right side, northward
      if (!filled(r + 1, c)) out[(r + 1) * W + c + 1]! |= 1 << 2; // top side, westward
      if (!filled(r, c - 1)) out[(r + 1) * W + c]! |= 1 << 3; // left side, southward
    }
  }
  const used = new Uint8Array(out.length);
  const polygons = new Map<number, { outer: Position[] | null; holes: Position[][] }>();
  for (let v = 0; v < out.length; v++) {
    for (let d0 = 0; d0 < 4; d0++) {
      if (!(out[v]! & (1 << d0)) || used[v]! & (1 << d0)) continue;
      const corners: number[] = [];
      let at = v;
      let d = d0;
      do {
        used[at]! |= 1 << d;
        corners.push(at);
        at += DR[d]! * W + DC[d]!;
        d = nextDirection(out[at]!, d);
      } while (at !== v || d !== d0);
      const r0 = Math.floor(v / W);
      const c0 = v % W;
      // The square on the left of the first side.
      const sq = d0 === 0 ? [r0, c0] : d0 === 1 ? [r0, c0 - 1] : d0 === 2 ? [r0 - 1, c0 - 1] : [r0 - 1, c0];
      const g = group[sq[0]! * cols + sq[1]!]!;
      const ring = toRing(frame, collapseStraight(corners, W), W);
      let poly = polygons.get(g);
      if (!poly) polygons.set(g, (poly = { outer: null, holes: [] }));
      if (signedArea(ring) > 0) poly.outer = ring;
      else poly.holes.push(ring);
    }
  }
  const coordinates: Position[][][] = [];
  for (const p of polygons.values()) if (p.outer) coordinates.push([p.outer, ...p.holes]);
  return { type: 'MultiPolygon', coordinates };
}

/** Left turn if that side exists, else straight on, else right (a corner always has one). */
function nextDirection(outSet: number, incoming: number): number {
  for (const turn of [1, 0, 3]) {
    const d = (incoming + turn) % 4;
    if (outSet & (1 << d)) return d;
  }
  throw new Error('coverage-polygons: open boundary (bug)');
}

/** Labels the edge-connected groups of filled squares (-1 for empty squares). */
function edgeConnectedGroups(frame: LatticeFrame, mask: Uint8Array): Int32Array {
  const { rows, cols } = frame;
  const label = new Int32Array(rows * cols).fill(-1);
  const stack: number[] = [];
  let next = 0;
  for (let s = 0; s < label.length; s++) {
    if (!mask[s] || label[s] !== -1) continue;
    label[s] = next;
    stack.push(s);
    while (stack.length > 0) {
      const q = stack.pop()!;
      const r = Math.floor(q / cols);
      const c = q % cols;
      const visit = (rr: number, cc: number): void => {
        if (rr < 0 || cc < 0 || rr >= rows || cc >= cols) return;
        const t = rr * cols + cc;
        if (mask[t] && label[t] === -1) {
          label[t] = next;
          stack.push(t);
        }
      };
      visit(r - 1, c);
      visit(r + 1, c);
      visit(r, c - 1);
      visit(r, c + 1);
    }
    next++;
  }
  return label;
}

function collapseStraight(ring: number[], W: number): number[] {
  const n = ring.length;
  return ring.filter((v, i) => {
    const p = ring[(i - 1 + n) % n]!;
    const q = ring[(i + 1) % n]!;
    const pr = Math.floor(p / W), r = Math.floor(v / W), qr = Math.floor(q / W);
    const pc = p % W, c = v % W, qc = q % W;
    return !((pr === r && r === qr) || (pc === c && c === qc));
  });
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Corners → closed ring of [lon, lat]. */
function toRing(frame: LatticeFrame, corners: number[], W: number): Position[] {
  const ring = corners.map((v): Position => [round6(frame.west + (v % W) * frame.dLon), round6(frame.south + Math.floor(v / W) * frame.dLat)]);
  ring.push(ring[0]!);
  return ring;
}

/** Shoelace area in degrees² (positive when counter-clockwise). */
export function signedArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a / 2;
}
