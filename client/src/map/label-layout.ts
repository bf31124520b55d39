// Which map labels to show at a zoom: each label has a rank (towns and district names before
// villages, sites and minor features) and a minimum zoom, and labels are placed greedily in rank
// order, dropping any whose screen box overlaps one already placed or repeats its text. Pure
// functions over screen boxes (no Leaflet, no DOM), so they are cheap per redraw and testable.
import type { MapFeature, MapPlace } from '../../../shared/map-data.ts';

/** A label's box on screen, CSS pixels (x0,y0 top-left; x1,y1 bottom-right). */
export interface LabelBox {
  id: string;
  /** Lower is more important; ties keep the input order. */
  rank: number;
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LabelView {
  width: number;
  height: number;
  /** Free space kept around each placed label, pixels. */
  gap?: number;
}

/**
 * The ids of the labels to show: most important first, each placed only if its box is wholly on
 * screen, overlaps no label placed before it (gap included), and does not repeat a placed label's
 * text (a town and its township share a Chinese name). A coarse grid of buckets keeps it near-linear.
 */
export function declutterLabels(boxes: readonly LabelBox[], view: LabelView): Set<string> {
  const gap = view.gap ?? 2;
  const order = boxes.map((b, i) => [b, i] as const).sort((a, b) => a[0].rank - b[0].rank || a[1] - b[1]);
  const CELL = 64;
  const buckets = new Map<number, LabelBox[]>();
  const keys = (b: LabelBox): number[] => {
    const out: number[] = [];
    for (let gx = Math.floor((b.x0 - gap) / CELL); gx <= Math.floor((b.x1 + gap) / CELL); gx++) {
      for (let gy = Math.floor((b.y0 - gap) / CELL); gy <= Math.floor((b.y1 + gap) / CELL); gy++) out.push(gx * 100_003 + gy);
    }
    return out;
  };
  const overlaps = (a: LabelBox, b: LabelBox): boolean =>
    a.x0 - gap < b.x1 && b.x0 - gap < a.x1 && a.y0 - gap < b.y1 && b.y0 - gap < a.y1;
  const shown = new Set<string>();
  const texts = new Set<string>();
  for (const [box] of order) {
    // Only labels wholly on screen: one cut by the edge reads as a different name.
    if (box.x0 < 0 || box.y0 < 0 || box.x1 > view.width || box.y1 > view.height) continue;
    if (texts.has(box.text)) continue;
    const ks = keys(box);
    if (ks.some((k) => buckets.get(k)?.some((o) => overlaps(box, o)))) continue;
    for (const k of ks) {
      const list = buckets.get(k);
      if (list) list.push(box);
      else buckets.set(k, [box]);
    }
    shown.add(box.id);
    texts.add(box.text);
  }
  return shown;
}

/** How important a label is and from which zoom it is worth showing. */
export interface LabelRank { rank: number; minZoom: number }

/**
 * Towns, the city centre and the outside echelons first (every zoom); big features and the park
 * from the county view; city districts once the city is big enough to hold them; villages, sites
 * and minor features closer in; township names last (the town label already names the area).
 * `regionHasTowns`: false for an imported region (its OpenStreetMap places are not told apart),
 * whose places then show at every zoom, as the collision check allows.
 */
export function placeRank(p: MapPlace, regionHasTowns = true): LabelRank {
  if (p.kind === 'town') return { rank: 1, minZoom: 0 };
  if (p.kind === 'jurisdiction') {
    switch (p.jurisdictionKind) {
      case 'neighbour':
      case 'province': return { rank: 1, minZoom: 0 };
      case 'industrial-park': return { rank: 2, minZoom: 10.5 };
      case 'urban-district': return { rank: 2, minZoom: 11.5 };
      default: return { rank: 4, minZoom: 13 };
    }
  }
  if (/City Centre$/.test(p.name)) return { rank: 1, minZoom: 0 };
  return { rank: 3, minZoom: regionHasTowns ? 12 : 0 };
}

const MAJOR_FEATURES = new Set(['river', 'reservoir', 'expressway', 'industrial-park']);

export function featureRank(f: MapFeature): LabelRank {
  return MAJOR_FEATURES.has(f.kind) ? { rank: 2, minZoom: 10 } : { rank: 3, minZoom: 12 };
}

/** Rough text width when no canvas can measure it: CJK glyphs are square, Latin about 0.58 em. */
export function estimateTextWidth(text: string, fontPx: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? fontPx : fontPx * 0.58;
  return w;
}
