// The "一张图" map: a Leaflet map (EPSG:3857, no tile layer unless the user sets one) with the
// region's vector base layers on a canvas renderer, and one canvas overlay for the live picture:
// hazards and routes, units (redrawn every animation frame at their interpolated positions), and
// incidents. Reads the live store directly in its frame loop, so React does not re-render per frame.
// The coverage layer (a station's isochrone bands, the coverage gaps) goes on the base canvas.
import { useEffect, useRef, type ReactNode } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { LatLon } from '../../../shared/geo.ts';
import type { RegionMap } from '../../../shared/map-data.ts';
import type { BoardStore } from '../live/board-store.ts';
import { simNow } from '../live/sim-clock.ts';
import { BASE_LAYER_KEYS, buildBaseLayers, type BaseLayerKey, type StationLabels } from './base-layers.ts';
import { CanvasOverlay } from './canvas-overlay.ts';
import { drawHazards, drawHazardZones, drawIncidents, drawRoutes, drawUnits, hitTest, type DrawnClosure } from './draw-dynamic.ts';
import { drawHazardExtras, type EvacuationDrawn } from './draw-hazard-zones.ts';
import { ADD_CENTRE_CORNER, draftClick, type AreaDraft } from './area-draft.ts';
import { DraftLayer } from './draft-layer.ts';
import type { BoardEvacuation } from '../../../shared/hazard-board.ts';
import { buildBandsLayer, buildGapsLayer } from './coverage-layers.ts';
import { buildLabels, layoutLabels, type PlacedLabel } from './place-labels.ts';
import { homeBounds } from './home-view.ts';
import type { CoverageGap, StationIsochrones } from '../../../shared/schemas/coverage.ts';

export const LIVE_LAYER_KEYS = ['units', 'incidents', 'routes', 'hazards'] as const;
/** Off by default: they ask the server for computed answers, and they are a planning view, not the live picture. */
export const COVERAGE_LAYER_KEYS = ['coverage', 'coverageGaps'] as const;
export type CoverageLayerKey = (typeof COVERAGE_LAYER_KEYS)[number];
export type LayerKey = BaseLayerKey | (typeof LIVE_LAYER_KEYS)[number] | CoverageLayerKey;
export const LAYER_KEYS: readonly LayerKey[] = [...BASE_LAYER_KEYS, ...LIVE_LAYER_KEYS, ...COVERAGE_LAYER_KEYS];
/** Hydrants are thousands of dots: shown from street level only (zoom 13 ≈ 1:70,000). */
const MIN_ZOOM: Partial<Record<BaseLayerKey, number>> = { waterPoints: 13 };

export interface BoardMapProps {
  data: RegionMap;
  store: BoardStore;
  layers: Record<LayerKey, boolean>;
  lang: string;
  stationLabels: StationLabels;
  selectedIncidentId?: string;
  selectedUnitId?: string;
  /** While set, a click on the map picks a point instead of selecting. */
  picking: boolean;
  onPick(p: LatLon): void;
  onSelect(sel: { incidentId?: string; unitId?: string }): void;
  tileUrl?: string;
  /** The coverage layer's answers to draw (undefined = layer off or nothing loaded). */
  coverage?: { isochrones?: StationIsochrones; gaps?: CoverageGap[] };
  describeGap?(gap: CoverageGap): string;
  onStationClick?(stationId: string): void;
  /** An area being drawn (the evacuation tool): map clicks add its corners instead of selecting. */
  draft?: AreaDraft;
  onDraft?(d: AreaDraft): void;
  /** The words drawn beside an evacuation's area (its progress, in the board's language and role). */
  evacuationLabel?(ev: BoardEvacuation, now: number): string;
}

/** What the canvas drew last frame: for tests and the bench to read, since a canvas has no DOM. */
export interface BoardDebug {
  frames: number;
  /** Time spent drawing since the map opened: units every frame, the other overlays on change. */
  timing: { unitsMs: number; overlaysMs: number };
  drawnUnits(): Record<string, [number, number]>;
  /** The road closures and hazard areas drawn last, with their cause (flood, plume…). */
  drawnClosures(): DrawnClosure[];
  /** Where a point is on the map element, in CSS pixels (for tests that click or hover map features). */
  containerPoint(lat: number, lon: number): [number, number];
  /** The place and feature labels shown after the last layout (the others are hidden: low rank or overlapping). */
  labels(): string[];
  zoom(): number;
  /**
   * Whether the map is still: no zoom or pan animation running (a fly-to, the glide after a drag).
   * A press on the map while it zooms is not a drag in Leaflet, so tests that drag wait for this.
   */
  atRest(): boolean;
  /** The hazard zones drawn last (`<hazard>:L<level>`, `<hazard>:erg`). */
  hazardZones(): string[];
  /** The evacuation areas drawn last, with the label beside each. */
  evacuations(): EvacuationDrawn[];
}
declare global {
  interface Window { __board?: BoardDebug }
}

export function BoardMap(props: BoardMapProps): ReactNode {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | undefined>(undefined);
  const propsRef = useRef(props);
  propsRef.current = props;
  const layerRef = useRef<Partial<Record<LayerKey, L.Layer>>>({});
  const overlaysRef = useRef<{ live: CanvasOverlay; markLayers(): void } | undefined>(undefined);
  const rendererRef = useRef<L.Renderer | undefined>(undefined);
  const fittedStationRef = useRef<string | undefined>(undefined);
  const layoutRef = useRef<(() => void) | undefined>(undefined);
  const draftRef = useRef<DraftLayer | undefined>(undefined);

  // The map and its layers: built once per region map and language (labels).
  useEffect(() => {
    const host = el.current;
    if (!host) return;
    const map = L.map(host, { preferCanvas: true, zoomControl: false, attributionControl: false, minZoom: 8, maxZoom: 18, zoomSnap: 0.5 });
    // Leaflet's own zoom buttons say "Zoom in" to screen readers: in the board's language here.
    const zh = props.lang.startsWith('zh');
    L.control.zoom({ zoomInTitle: zh ? '放大' : 'Zoom in', zoomOutTitle: zh ? '缩小' : 'Zoom out' }).addTo(map);
    mapRef.current = map;
    // Open on the county, to the quarter zoom level (the half-level snap would leave it much smaller).
    const home = homeBounds(props.data);
    let homing = false;
    let userMoved = false;
    const fitHome = (): void => {
      homing = true;
      map.options.zoomSnap = 0.25;
      map.fitBounds(home, { padding: [8, 8], animate: false });
      map.options.zoomSnap = 0.5;
      homing = false;
    };
    fitHome();
    // Any other move (a drag, the wheel, the zoom buttons, a fly-to) means the user has taken the map.
    map.on('movestart', () => { if (!homing) userMoved = true; });
    map.createPane('live-units').style.zIndex = '420';
    const renderer = L.canvas({ padding: 0.1 });
    rendererRef.current = renderer;
    const placeLabels = buildLabels(props.data, props.lang);
    const allLabels: PlacedLabel[] = [...placeLabels.places, ...placeLabels.features];
    const base = buildBaseLayers(props.data, renderer, props.stationLabels, props.lang, placeLabels, (id) => propsRef.current.onStationClick?.(id));
    // Labels are laid out again after each zoom or pan (not during: the DOM labels move with the map).
    let shownLabels: string[] = [];
    const layout = (): void => { shownLabels = layoutLabels(map, allLabels); };
    layoutRef.current = layout;
    map.on('zoomend moveend resize', layout);
    // The board's panels settle after the map is made: until the user moves the map, keep it on the county.
    const resized = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => {
      map.invalidateSize({ pan: false });
      if (!userMoved) fitHome();
      layout();
    });
    resized?.observe(host);
    let drawn = new Map<string, [number, number, number, number]>();
    let frames = 0;
    let layersChanged = false;
    const timing = { unitsMs: 0, overlaysMs: 0 };
    const view = (): { width: number; height: number; zoom: number } => ({ width: map.getSize().x, height: map.getSize().y, zoom: map.getZoom() });
    // One canvas for the live picture (one layer to composite: software rendering pays per layer).
    // Hazards, routes and incidents change at the delta rate, so they are drawn into two cached
    // canvases (below and above the units) and copied in; units are drawn fresh every frame.
    const dpr = globalThis.devicePixelRatio || 1;
    const below = document.createElement('canvas');
    const above = document.createElement('canvas');
    let zonesDrawn: string[] = [];
    let cachedVersion = -1;
    let cachedSelection: string | undefined;
    let closuresDrawn: DrawnClosure[] = [];
    let evacuationsDrawn: EvacuationDrawn[] = [];
    let cachedMinute = -1;
    const live = new CanvasOverlay((ctx, to, _map, moved) => {
      const s = props.store.getState();
      const p = propsRef.current;
      if (!s.board) return;
      const v = view();
      const t = simNow(s.clock, Date.now(), s.frozenAt);
      // An evacuation under way shows its progress: its label is redrawn each sim minute too.
      const running = Object.values(s.board.evacuations ?? {}).some((ev) => !ev.done);
      const minute = running ? Math.floor(t / 60_000) : -1;
      if (moved || s.version !== cachedVersion || minute !== cachedMinute || `${p.selectedIncidentId}|${p.selectedUnitId}` !== cachedSelection || layersChanged) {
        cachedVersion = s.version;
        cachedMinute = minute;
        cachedSelection = `${p.selectedIncidentId}|${p.selectedUnitId}`;
        layersChanged = false;
        for (const c of [below, above]) {
          c.width = Math.round(v.width * dpr);
          c.height = Math.round(v.height * dpr);
        }
        const b = below.getContext('2d')!;
        const a = above.getContext('2d')!;
        b.setTransform(dpr, 0, 0, dpr, 0, 0);
        a.setTransform(dpr, 0, 0, dpr, 0, 0);
        const t0 = performance.now();
        zonesDrawn = p.layers.hazards ? drawHazardZones(b, to, s.board) : [];
        evacuationsDrawn = p.layers.hazards ? drawHazardExtras(b, to, s.board, { now: t, ...(p.evacuationLabel ? { label: p.evacuationLabel } : {}) }).evacuations : [];
        closuresDrawn = p.layers.hazards ? drawHazards(b, to, s.board) : [];
        if (p.layers.routes) drawRoutes(b, to, s.board, p.selectedIncidentId, p.selectedUnitId);
        if (p.layers.incidents) drawIncidents(a, to, s.board, v, p.selectedIncidentId);
        timing.overlaysMs += performance.now() - t0;
      }
      const t1 = performance.now();
      ctx.drawImage(below, 0, 0, v.width, v.height);
      drawn = p.layers.units ? drawUnits(ctx, to, s.board, t, v, p.selectedUnitId) : new Map();
      ctx.drawImage(above, 0, 0, v.width, v.height);
      timing.unitsMs += performance.now() - t1;
    }, 'live-units');
    live.addTo(map);
    overlaysRef.current = { live, markLayers: () => { layersChanged = true; } };
    layerRef.current = { ...base };

    const draftLayer = new DraftLayer(map);
    draftRef.current = draftLayer;
    map.on('click', (e: L.LeafletMouseEvent) => {
      const p = propsRef.current;
      if (p.draft && !p.draft.closed) {
        p.onDraft?.(draftClick(p.draft, [e.latlng.lat, e.latlng.lng], draftLayer.nearFirst(e.containerPoint.x, e.containerPoint.y)));
        return;
      }
      if (p.picking) {
        p.onPick([Math.round(e.latlng.lat * 1e5) / 1e5, Math.round(e.latlng.lng * 1e5) / 1e5]);
        return;
      }
      const { board } = props.store.getState();
      if (!board) return;
      const origin = map.containerPointToLayerPoint([0, 0]);
      const to = (lat: number, lon: number): [number, number] => {
        const q = map.latLngToLayerPoint([lat, lon]);
        return [q.x - origin.x, q.y - origin.y];
      };
      const hit = hitTest(e.containerPoint.x, e.containerPoint.y, to, board, drawn);
      if (hit.incidentId || hit.unitId) p.onSelect(hit);
    });

    // One frame loop: the live canvas every frame (it redraws its cached layers only on change).
    let raf = 0;
    const frame = (): void => {
      frames++;
      live.redraw();
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    window.__board = {
      get frames() { return frames; },
      timing,
      drawnUnits: () => Object.fromEntries([...drawn].map(([id, [, , lat, lon]]) => [id, [lat, lon]])),
      drawnClosures: () => [...closuresDrawn],
      containerPoint: (lat, lon) => {
        const q = map.latLngToContainerPoint([lat, lon]);
        return [q.x, q.y];
      },
      labels: () => [...shownLabels],
      zoom: () => map.getZoom(),
      // Leaflet has no public "is animating" question: these are its own flags for the two animations.
      atRest: () => {
        const m = map as unknown as { _animatingZoom?: boolean; _panAnim?: { _inProgress?: boolean } };
        return !m._animatingZoom && !m._panAnim?._inProgress;
      },
      hazardZones: () => [...zonesDrawn],
      evacuations: () => evacuationsDrawn.map((x) => ({ ...x })),
    };
    const onFly = (e: Event): void => {
      const p = (e as CustomEvent<LatLon>).detail;
      map.setView(p, Math.max(map.getZoom(), 14));
    };
    window.addEventListener('board:fly-to', onFly);
    // The keyboard way to draw: the arrow keys pan the map, and this adds the corner under the cross.
    const onCentre = (): void => {
      const p = propsRef.current;
      const c = map.getCenter();
      if (p.draft && !p.draft.closed) p.onDraft?.(draftClick(p.draft, [c.lat, c.lng], draftLayer.nearFirst(map.getSize().x / 2, map.getSize().y / 2)));
    };
    window.addEventListener(ADD_CENTRE_CORNER, onCentre);
    return () => {
      window.removeEventListener('board:fly-to', onFly);
      window.removeEventListener(ADD_CENTRE_CORNER, onCentre);
      draftLayer.remove();
      draftRef.current = undefined;
      resized?.disconnect();
      layoutRef.current = undefined;
      cancelAnimationFrame(raf);
      map.remove();
      mapRef.current = undefined;
      overlaysRef.current = undefined;
      rendererRef.current = undefined;
      fittedStationRef.current = undefined;
      layerRef.current = {};
      delete window.__board;
    };
    // The map is rebuilt only for a new region or language; other props are read through propsRef.
  }, [props.data, props.lang]);

  // Layer visibility: the toggles, and a minimum zoom for layers that are clutter from afar.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const apply = (): void => {
      for (const key of BASE_LAYER_KEYS) {
        const layer = layerRef.current[key];
        if (!layer) continue;
        const show = propsRef.current.layers[key] && map.getZoom() >= (MIN_ZOOM[key] ?? 0);
        if (show && !map.hasLayer(layer)) layer.addTo(map);
        if (!show && map.hasLayer(layer)) map.removeLayer(layer);
      }
      layoutRef.current?.();
    };
    apply();
    map.on('zoomend', apply);
    overlaysRef.current?.markLayers();
    return () => void map.off('zoomend', apply);
  }, [props.layers, props.data, props.lang]);

  // Coverage: isochrone bands and gaps on the shared canvas, above the base layers (so rebuilt after
  // a base layer is toggled back on), with the stations brought back on top so they stay clickable.
  // The number of bands drawn is written on the map element for tests (a canvas has no DOM).
  const isochrones = props.coverage?.isochrones;
  const gaps = props.coverage?.gaps;
  useEffect(() => {
    const map = mapRef.current;
    const renderer = rendererRef.current;
    const host = el.current;
    if (!map || !renderer || !host) return;
    const added: L.Layer[] = [];
    let drawn = 0;
    if (isochrones) {
      const bands = buildBandsLayer(isochrones, renderer);
      bands.layer.addTo(map);
      added.push(bands.layer);
      drawn = bands.drawn;
      // Frame the whole reach (15 min) of a newly chosen station; not again on a day/night or turnout switch.
      if (fittedStationRef.current !== isochrones.stationId && drawn > 0) {
        fittedStationRef.current = isochrones.stationId;
        const bounds = bands.layer.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], animate: false });
      }
    }
    if (gaps) {
      const describe = propsRef.current.describeGap ?? ((g: CoverageGap) => `${g.population}`);
      added.push(buildGapsLayer(gaps, renderer, describe).addTo(map));
    }
    const stations = layerRef.current.stations;
    if (added.length > 0 && stations && map.hasLayer(stations)) (stations as L.LayerGroup).eachLayer((l) => (l as L.Path).bringToFront());
    host.dataset.coverageBands = String(drawn);
    host.dataset.coverageGaps = String(gaps?.length ?? 0);
    return () => {
      for (const l of added) l.remove();
      host.dataset.coverageBands = '0';
      host.dataset.coverageGaps = '0';
    };
  }, [isochrones, gaps, props.layers, props.data, props.lang]);

  // Optional tiles under the vector layers.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !props.tileUrl) return;
    const tiles = L.tileLayer(props.tileUrl, { maxZoom: 19 }).addTo(map);
    tiles.bringToBack();
    return () => void tiles.remove();
  }, [props.tileUrl, props.data, props.lang]);

  // The picking cursor is a class toggled on the element: a React className would replace the whole
  // attribute on every change and wipe Leaflet's own classes (leaflet-container, its zoom-animation
  // class), after which the map's panes escape the container and draw over the whole board.
  useEffect(() => {
    el.current?.classList.toggle('board-map--picking', props.picking || (props.draft !== undefined && !props.draft.closed));
  }, [props.picking, props.draft]);

  // The area being drawn; while corners are added a double click must not zoom (two quick corners).
  const draft = props.draft;
  useEffect(() => {
    const map = mapRef.current;
    const drawing = draft !== undefined && !draft.closed;
    draftRef.current?.show(draft ?? { points: [], closed: false });
    el.current?.classList.toggle('board-map--drawing', drawing);
    if (!map) return;
    if (drawing) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
  }, [draft, props.data, props.lang]);

  return <div ref={el} className="board-map" data-testid="board-map" />;
}

/** Pan the map to a point (used by place search). */
export function flyTo(p: LatLon): void {
  window.dispatchEvent(new CustomEvent('board:fly-to', { detail: p }));
}
