// The area being drawn (area-draft.ts) on the map: the corners, the outline so far, and a dashed line
// from the last corner to the pointer and back to the first, so the user sees the polygon the next
// click makes. The layer sits on its own pane above the live canvas and takes no clicks: the map's
// click handler decides (board-map.tsx), so a click on the first corner closes the area wherever
// Leaflet routed it.
import L from 'leaflet';
import { CLOSE_PX, emptyDraft, type AreaDraft } from './area-draft.ts';

const COLOUR = '#2fbf71';

/** The draft on the map: call `show` on every change, `remove` when done. */
export class DraftLayer {
  private readonly group: L.LayerGroup;
  private readonly renderer: L.Renderer;
  private draft: AreaDraft = emptyDraft();
  private cursor: L.LatLng | undefined;
  private readonly band: L.Polyline;

  constructor(private readonly map: L.Map) {
    const pane = map.getPane('area-draft') ?? map.createPane('area-draft');
    pane.style.zIndex = '450';
    pane.style.pointerEvents = 'none';
    this.renderer = L.svg({ pane: 'area-draft' });
    this.group = L.layerGroup().addTo(map);
    this.band = L.polyline([], { renderer: this.renderer, color: COLOUR, weight: 2, dashArray: '4 6', interactive: false });
    map.on('mousemove', this.onMove, this);
  }

  private readonly onMove = (e: L.LeafletMouseEvent): void => {
    this.cursor = e.latlng;
    this.drawBand();
  };

  private drawBand(): void {
    const pts = this.draft.points;
    if (this.draft.closed || pts.length === 0 || !this.cursor) {
      this.band.setLatLngs([]);
      return;
    }
    const last = pts[pts.length - 1]!;
    this.band.setLatLngs(pts.length >= 2 ? [last, this.cursor, pts[0]!] : [last, this.cursor]);
  }

  show(d: AreaDraft): void {
    this.draft = d;
    this.group.clearLayers();
    const r = this.renderer;
    if (d.points.length >= 2) {
      const shape = d.closed
        ? L.polygon(d.points, { renderer: r, color: COLOUR, weight: 3, fillColor: COLOUR, fillOpacity: 0.18, interactive: false })
        : L.polyline(d.points, { renderer: r, color: COLOUR, weight: 3, interactive: false });
      this.group.addLayer(shape);
    }
    d.points.forEach((p, i) => {
      this.group.addLayer(L.circleMarker(p, { renderer: r, radius: i === 0 ? 7 : 5, color: '#0b3d22', weight: 2, fillColor: i === 0 ? '#ffffff' : COLOUR, fillOpacity: 1, interactive: false }));
    });
    this.group.addLayer(this.band);
    this.drawBand();
  }

  /** Whether a container point (CSS px) is on the first corner. */
  nearFirst(x: number, y: number): boolean {
    const first = this.draft.points[0];
    if (!first) return false;
    const q = this.map.latLngToContainerPoint(first);
    return Math.hypot(q.x - x, q.y - y) <= CLOSE_PX;
  }

  remove(): void {
    this.map.off('mousemove', this.onMove, this);
    this.group.remove();
  }
}
