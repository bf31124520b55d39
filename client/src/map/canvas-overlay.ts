// A Leaflet layer that is one canvas over the map, redrawn by a callback: used for what changes too
// often or is too numerous for one Leaflet object each (2,000 moving units, 500 incidents, routes).
// Drawing uses layer points relative to the canvas origin, so a redraw in the middle of a pan stays
// aligned; the canvas is re-placed after every move and hidden during zoom animations.
import L from 'leaflet';

/** `moved` is true on the first draw after the view moved, zoomed or resized (cached layers must be redrawn). */
export type Draw = (ctx: CanvasRenderingContext2D, toCanvas: (lat: number, lon: number) => [number, number], map: L.Map, moved: boolean) => void;

export class CanvasOverlay extends L.Layer {
  private canvas?: HTMLCanvasElement;
  private origin = L.point(0, 0);
  private size = L.point(0, 0);
  private moved = true;

  constructor(private readonly draw: Draw, private readonly pane = 'overlayPane') {
    super();
  }

  override onAdd(map: L.Map): this {
    const canvas = L.DomUtil.create('canvas', 'leaflet-zoom-hide board-canvas-overlay');
    canvas.style.pointerEvents = 'none';
    map.getPane(this.pane)!.appendChild(canvas);
    this.canvas = canvas;
    map.on('moveend zoomend resize viewreset', this.reset, this);
    this.reset();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend zoomend resize viewreset', this.reset, this);
    this.canvas?.remove();
    this.canvas = undefined;
    return this;
  }

  private reset(): void {
    const map = this._map;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const size = map.getSize();
    const dpr = globalThis.devicePixelRatio || 1;
    this.size = size;
    this.origin = map.containerPointToLayerPoint([0, 0]);
    L.DomUtil.setPosition(canvas, this.origin);
    canvas.width = Math.round(size.x * dpr);
    canvas.height = Math.round(size.y * dpr);
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    this.moved = true;
    this.redraw();
  }

  redraw(): void {
    const map = this._map;
    const ctx = this.canvas?.getContext('2d');
    if (!map || !ctx) return;
    const dpr = globalThis.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, this.size.x, this.size.y);
    const o = this.origin;
    const toCanvas = (lat: number, lon: number): [number, number] => {
      const p = map.latLngToLayerPoint([lat, lon]);
      return [p.x - o.x, p.y - o.y];
    };
    const moved = this.moved;
    this.moved = false;
    this.draw(ctx, toCanvas, map, moved);
  }

  /** Canvas size in CSS pixels, for culling. */
  get width(): number { return this.size.x; }
  get height(): number { return this.size.y; }
}
