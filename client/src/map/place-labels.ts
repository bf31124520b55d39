// Place-name and feature labels on the map: one Leaflet marker per label (DOM text, crisp at any
// zoom), in the board's language, and a layout pass after every zoom or pan that shows only the
// labels worth showing there: by rank and minimum zoom, without overlaps (label-layout.ts).
import L from 'leaflet';
import type { MapFeature, MapPlace, RegionMap } from '../../../shared/map-data.ts';
import { declutterLabels, estimateTextWidth, featureRank, placeRank, type LabelBox } from './label-layout.ts';

const FONT_FAMILY = 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

/** Font per label kind (inline on the label, so the width measured here is the width drawn). */
const FONT: Record<string, { px: number; weight: number }> = {
  town: { px: 13, weight: 700 },
  jurisdiction: { px: 12, weight: 600 },
  place: { px: 11, weight: 400 },
  feature: { px: 11, weight: 400 },
};

export interface PlacedLabel {
  marker: L.Marker;
  id: string;
  text: string;
  rank: number;
  minZoom: number;
  /** Size in CSS pixels and where the anchor point sits in it (centre for places, the ◆ for features). */
  width: number;
  height: number;
  anchorX: number;
  /** From the box's top down to the point (negative: the text sits below the point, clear of a station there). */
  anchorY: number;
}

let measureCtx: CanvasRenderingContext2D | null | undefined;
function textWidth(text: string, px: number, weight: number): number {
  if (measureCtx === undefined) {
    try {
      measureCtx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    } catch {
      measureCtx = null;
    }
  }
  if (measureCtx && typeof measureCtx.measureText === 'function') {
    measureCtx.font = `${weight} ${px}px ${FONT_FAMILY}`;
    const w = measureCtx.measureText(text).width;
    if (w > 0) return w;
  }
  return estimateTextWidth(text, px);
}

type Placement = 'centre' | 'feature' | 'below';

function label(id: string, text: string, at: [number, number], kind: string, rank: { rank: number; minZoom: number }, placement: Placement): PlacedLabel {
  const feature = placement === 'feature';
  const font = FONT[kind] ?? FONT.place!;
  const shown = feature ? `◆ ${text}` : text;
  const width = Math.ceil(textWidth(shown, font.px, font.weight)) + 2;
  const height = Math.ceil(font.px * 1.3);
  const anchorX = feature ? Math.round(font.px * 0.4) : width / 2;
  const anchorY = placement === 'below' ? -8 : height / 2;
  const html = `<span style="font-size:${font.px}px;font-weight:${font.weight};left:${-anchorX}px;top:${-anchorY}px">${escapeHtml(shown)}</span>`;
  const marker = L.marker(at, {
    interactive: false,
    keyboard: false,
    icon: L.divIcon({ className: `map-label map-label--${kind}`, html, iconSize: [0, 0] }),
  });
  return { marker, id, text, width, height, anchorX, anchorY, ...rank };
}

/** The labels of the region's places (towns, villages, sites, jurisdictions) and features, in `lang`. */
export function buildLabels(data: RegionMap, lang: string): { places: PlacedLabel[]; features: PlacedLabel[] } {
  const zh = lang.startsWith('zh');
  const name = (x: MapPlace | MapFeature): string => (zh && x.nameZh ? x.nameZh : x.name);
  const hasTowns = data.places.some((p) => p.kind === 'town');
  return {
    places: data.places.map((p, i) => {
      const rank = placeRank(p, hasTowns);
      // The city centre ranks with the towns, so it is drawn like one. An outside echelon's label
      // goes under its point: its station is right there.
      const outside = p.jurisdictionKind === 'neighbour' || p.jurisdictionKind === 'province';
      return label(`place-${i}`, name(p), p.at, p.kind === 'place' && rank.rank === 1 ? 'town' : p.kind, rank, outside ? 'below' : 'centre');
    }),
    features: data.features.map((f) => label(`feature-${f.id}`, name(f), f.at, 'feature', featureRank(f), 'feature')),
  };
}

/**
 * Shows the labels that fit at the current view and hides the rest; returns the texts shown (for
 * tests). Only labels whose layer is on the map take part, so a hidden layer frees its space.
 */
export function layoutLabels(map: L.Map, labels: readonly PlacedLabel[]): string[] {
  const zoom = map.getZoom();
  const size = map.getSize();
  const boxes: LabelBox[] = [];
  const active: PlacedLabel[] = [];
  for (const l of labels) {
    if (!map.hasLayer(l.marker)) continue;
    active.push(l);
    if (zoom < l.minZoom) continue;
    const p = map.latLngToContainerPoint(l.marker.getLatLng());
    const x0 = p.x - l.anchorX;
    const y0 = p.y - l.anchorY;
    boxes.push({ id: l.id, rank: l.rank, text: l.text, x0, y0, x1: x0 + l.width, y1: y0 + l.height });
  }
  const shown = declutterLabels(boxes, { width: size.x, height: size.y, gap: 3 });
  const texts: string[] = [];
  for (const l of active) {
    const el = l.marker.getElement();
    const on = shown.has(l.id);
    if (el) el.style.display = on ? '' : 'none';
    if (on) texts.push(l.text);
  }
  return texts;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
