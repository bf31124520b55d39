// Hazards as an engine model (registered on the plug-in point only when a scenario has hazards, so
// runs without hazards keep their logs): chemical releases and floods in the event log.
// - Chemical release: at its start (HAZARD_STARTED), at every wind change (weather timeline or a
//   wind-shift inject: HAZARD_CHANGED) and when the release stops, the zones are recomputed by the
//   hazard models it is handed (ZONES_UPDATED: threat zones, ERG circle and square, people by level,
//   warnings). The zones show the steady plume at once and re-orient instantly on a wind shift (no
//   transition). After a stop (or a puff) they clear when the gas has had time to travel the
//   length of the level 1 zone (HAZARD_CHANGED cleared, ZONES_UPDATED cleared).
// - Flood: the water level (gauge series or rain, shifted by water-level injects) is re-evaluated
//   every `updateEveryMs`; when it moved the bathtub fill is redone (ZONES_UPDATED). Roads deeper
//   than the closure depth are closed through the engine's own closures (domain/road-closures.ts:
//   ROAD_CLOSED reason flood, moving units re-routed, places cut off reported), one closure per
//   flood replaced when the set of flooded roads changes. People stranded in flooded ground call
//   for rescue: each time the expected number of stranded people (flood rules) has grown by
//   `strandedPeoplePerCall`, a flood-rescue call comes from a flooded 250 m sub-cell drawn with the
//   engine's PRNG in proportion to the stranded people there (at most `maxStrandedCallsPerUpdate`).
//   Where the water's class does not threaten buildings (below the flood rules' `lifeThreat`
//   classes, AIDR 7-3: H5 and H6) the stranded shelter there: their trapped have no survival
//   deadline (CallSpec `sheltered`); elsewhere the flood-rescue model's survival times apply.
//   Pumped-away water (drainage) and people who have left (evacuations) count in everything the
//   flood does: depth per sub-cell, classes, people, stranded, closed roads. The flood is re-evaluated
//   when the level moved, when the pumps lowered the water and while an evacuation runs.
// - Roads in a release's hot and warm zones (level 2 footprint or worse, ERG isolation circle) are
//   closed to crews without protection (ROAD_CLOSED reason plume, `exempt`: the protected
//   capabilities of the substance file); flood closures exempt boats (water rescue). A crew without
//   protection sent to a place in the hot or warm zone drives to a staging point outside it, upwind
//   of the source or crosswind of the plume (`approachPoint`); one already on its way keeps its
//   staging point when the wind turns.
// - Exposure: every `exposure.stepMin` while a release's zones stand, the people of the level 2 / 3
//   sub-cells not yet evacuated become casualties at the substance file's hourly shares; every
//   `peoplePerCall` of them call (a hazmat call with them as victims, EXPOSURE_CASUALTIES), from a
//   sub-cell drawn with the engine's PRNG in proportion to the step's casualties there. When the zones
//   clear, the exposure up to then is counted and the whole casualties not yet called in (fewer than
//   `peoplePerCall`) are found by the crews going in: one last call for them.
// - EVACUATE_AREA (commander, controller): the people of the area leave over setup + people / pace
//   (seeds/evacuation.yaml), evenly after the set-up (exposure falls with them); EVACUATION_ORDERED
//   at once (with the people the population data puts inside), AREA_EVACUATED at the end. The
//   controller is told the people still inside at the order and then in steps until the end
//   (EVACUATION_PROGRESS, controller only: the hidden truth; every `progressEveryMin`, or a quarter
//   of the leaving time when shorter). The people the zones show are those still inside: while an
//   evacuation runs, each exposure step shows the zones again if that number changed.
// - Drainage: each flood update, a pumping unit working at an incident in flooded ground lowers the
//   water of the sub-cell it stands in by pumpM3H × hours / areaM2 (the incident stops needing flood
//   units when it is dry, its roads reopen below the closure depth, fewer people are stranded there;
//   the fill of the river itself is not changed).
// Hazard injects are timed by the drill script (models/injects.ts: at a time, `after` another
// inject, held for the controller, contingent on a condition, or written during the drill): this
// model reads their INJECT_FIRED in the log and applies the payload on a timer at that same time
// (`inject:<id>`; a reaction must not change the world itself).
// The engine never imports the formulas: it is handed a HazardModels (server/hazards/models.ts).
import type { LatLon } from '../../../shared/geo.ts';
import type { ClosureArea, HazardZonesView } from '../../../shared/events.ts';
import type { Capability } from '../../../shared/domain/forces.ts';
import type { IncidentType } from '../../../shared/domain/incident-types.ts';
import type { EvacuationRules } from '../../../shared/schemas/evacuation.ts';
import type { ZoneEffects } from '../../hazards/zone-effects.ts';
import { refuse } from '../kernel/model.ts';
import { unitStatus } from '../kernel/state.ts';
import type { ErgContainer, HazardInject, ReleaseSource, Stability, WaterLevel, Wind } from '../../../shared/schemas/hazard.ts';
import type { HazardModels } from '../../hazards/models.ts';
import type { RunCardNeed } from '../../../shared/schemas/run-cards.ts';
import type { FloodFill } from '../../hazards/flood-fill.ts';
import type { ChemicalZones } from '../../hazards/chemical-zones.ts';
import type { Terrain } from '../../hazards/dispersion.ts';
import type { EngineModel, ModelContext } from '../kernel/model.ts';
import { nextClosureId, replaceClosure } from '../domain/road-closures.ts';
import { receiveCall } from '../domain/call-handling.ts';
import { STREAM } from '../kernel/rng.ts';
import { INJECTS_MODEL, type InjectsState } from './injects.ts';

export const HAZARDS_MODEL = 'hazards';
const DEFAULT_WIND: Wind = { fromDeg: 0, speedMS: 3 };

export interface ChemicalDefinition {
  id: string;
  at?: number;
  substance: string;
  source: ReleaseSource;
  origin: LatLon;
  spill: 'small' | 'large';
  container?: ErgContainer;
  terrain: Terrain;
  wind?: Wind;
  stability?: Stability;
}

export interface FloodDefinition {
  id: string;
  at: number;
  level: WaterLevel;
  roadClosureDepthM: number;
  waters: 'river' | 'all';
}

export interface HazardsConfig {
  models: HazardModels;
  chemicals: ChemicalDefinition[];
  floods: FloodDefinition[];
  weather: { at: number; wind: Wind; stability?: Stability }[];
  /** The scenario's hazard injects by id, whatever their timing (the drill script fires them). */
  injects: { id: string; inject: HazardInject }[];
  /** How often a flood's level is re-evaluated (sim ms). */
  updateEveryMs: number;
  /** The scenario's end: no flood updates after it. */
  endsAt: number;
  strandedPeoplePerCall: number;
  maxStrandedCallsPerUpdate: number;
  /** Needs added to incidents inside a release's zones / in flooded ground (seeds data). */
  chemicalNeeds: RunCardNeed[];
  floodNeeds: RunCardNeed[];
  /** Crews plume closures do not bind, and how far outside the zones the others stage (m). */
  protectedCapabilities: Capability[];
  stagingMarginM: number;
  exposure: { level2PerHour: number; level3PerHour: number; peoplePerCall: number; maxCallsPerUpdate: number; stepMin: number; callType: IncidentType };
  /** Crews flood closures do not bind (boats). */
  boatCapabilities: Capability[];
  drainage: { capability: Capability; areaM2: number };
  evacuation: EvacuationRules;
}

interface Evacuation {
  id: string;
  area: ClosureArea;
  subcells: number[];
  people: number;
  orderedAt: number;
  /** When people start to leave (after the set-up) and when the last has left (sim ms). */
  movingAt: number;
  doneAt: number;
  done: boolean;
}

interface HazardRecord {
  id: string;
  kind: 'chemical-release' | 'flood';
  started: boolean;
  cleared: boolean;
  /** Chemical: the release is going on (continuous) / the wind the zones use now. */
  releasing: boolean;
  source: ReleaseSource | null;
  wind: Wind | null;
  /** Flood: shift of the series by water-level injects, the level shown last, closure in force, calls made. */
  deltaM: number;
  levelM: number | null;
  closureId: string | null;
  closedKey: string;
  strandedCalls: number;
  /** When the gas of a stopped release or puff is gone (sim ms), or null. */
  clearAt: number | null;
  /** Chemical: expected casualties of exposure so far, calls made for them, time of the last exposure step. */
  casualties: number;
  casualtyCalls: number;
  exposedAt: number | null;
  /** Casualties found when the zones cleared (fewer than a call's worth, counted then), people. */
  foundPeople: number;
  /** Flood: water pumped away locally, [sub-cell, metres], ascending by sub-cell. */
  drained: [number, number][];
  /** What the last ZONES_UPDATED showed of the people (chemical: by level; flood: drainage and evacuations it counted). */
  shown: string;
}

export interface HazardsState {
  wind: Wind | null;
  stability: Stability | null;
  hazards: HazardRecord[];
  evacuations: Evacuation[];
}

const r1 = (v: number): number => Math.round(v * 10) / 10;
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

export function hazardsModel(cfg: HazardsConfig): EngineModel<HazardsState> {
  const chem = new Map(cfg.chemicals.map((c) => [c.id, c]));
  const floods = new Map(cfg.floods.map((f) => [f.id, f]));
  const injects = new Map(cfg.injects.map((j) => [j.id, j]));
  const weatherAt = new Map(cfg.weather.map((w) => [String(w.at), w]));
  const rec = (state: HazardsState, id: string): HazardRecord | undefined => state.hazards.find((h) => h.id === id);

  type Ctx = ModelContext<HazardsState>;

  // Derived, recomputable caches for the recommendation's question (state → zones / fill).
  const zoneCache = new Map<string, ChemicalZones>();
  const fillCache = new Map<number, FloodFill>();
  const zonesOf = (h: HazardRecord, def: ChemicalDefinition, stability: Stability | null): ChemicalZones => {
    const key = JSON.stringify([h.id, h.wind, h.source, stability]);
    let z = zoneCache.get(key);
    if (!z) {
      if (zoneCache.size > 64) zoneCache.clear();
      z = cfg.models.chemicalZones({
        substance: cfg.models.substance(def.substance)!, source: h.source!, origin: def.origin, wind: h.wind ?? DEFAULT_WIND,
        stability: def.stability ?? stability ?? 'D', terrain: def.terrain, spill: def.spill, ...(def.container ? { container: def.container } : {}), night: false,
      });
      zoneCache.set(key, z);
    }
    return z;
  };
  const fillAt = (levelM: number, def: FloodDefinition): FloodFill => {
    let f = fillCache.get(levelM);
    if (!f) {
      if (fillCache.size > 16) fillCache.clear();
      f = cfg.models.flood(levelM, { waters: def.waters }).fill;
      fillCache.set(levelM, f);
    }
    return f;
  };

  const fxCache = new WeakMap<ChemicalZones, ZoneEffects>();
  const effectsOf = (zones: ChemicalZones): ZoneEffects => {
    let fx = fxCache.get(zones);
    if (!fx) fxCache.set(zones, (fx = cfg.models.zoneEffects(zones)));
    return fx;
  };
  const stagingCache = new Map<string, LatLon | null>();

  /** People still inside each level's footprint (evacuated people left out), as the zones show them. */
  const peopleView = (fx: ZoneEffects, remaining: (i: number) => number): { level1: number; level2: number; level3: number } => {
    const by = cfg.models.peopleByLevelLeft(fx, remaining);
    return { level1: Math.round(by[1]), level2: Math.round(by[2]), level3: Math.round(by[3]) };
  };

  /** Replaces the hazard's road closure when the set of closed edges changed (none: reopened). */
  function setClosure(ctx: Ctx, h: HazardRecord, edges: number[], reason: 'plume' | 'flood', area: () => ClosureArea, note: () => string, exempt: Capability[], roads?: () => [LatLon, LatLon][]): void {
    const sim = ctx.sim;
    const key = edges.join(',');
    if (key === h.closedKey) return;
    const old = h.closureId;
    h.closedKey = key;
    h.closureId = edges.length === 0 ? null : nextClosureId(sim);
    // One change (road-closures.ts): the roads closed in both stay closed throughout.
    replaceClosure(sim, old, h.closureId === null ? null : { id: h.closureId, reason, area: area(), note: note(), edges, exempt: [...exempt], ...(roads ? { roads: roads() } : {}) }, 'system');
  }

  function chemicalView(ctx: Ctx, h: HazardRecord, def: ChemicalDefinition): { view: HazardZonesView; zones: ChemicalZones; fx: ZoneEffects } {
    const m = cfg.models;
    const substance = m.substance(def.substance)!;
    const wind = h.wind ?? DEFAULT_WIND;
    const zones = m.chemicalZones({
      substance, source: h.source!, origin: def.origin, wind,
      stability: def.stability ?? ctx.state.stability ?? 'D',
      terrain: def.terrain, spill: def.spill, ...(def.container ? { container: def.container } : {}), night: ctx.sim.isNight(),
    });
    const fx = effectsOf(zones);
    const view: HazardZonesView = {
      kind: 'chemical-release',
      windFromDeg: wind.fromDeg,
      windMS: wind.speedMS,
      stability: zones.stability,
      terrain: zones.terrain,
      threat: zones.threat.map((z) => ({ level: z.level, basis: z.basis, ppm: z.ppm, lengthM: r1(z.lengthM), widthM: r1(z.widthM), ring: z.ring })),
      erg: { edition: zones.erg.edition, basis: zones.erg.basis, center: def.origin, isolationM: zones.erg.isolation.radiusM, protectiveAction: zones.erg.protectiveAction },
      peopleByLevel: peopleView(fx, remainingAt(ctx.state, ctx.sim.now)),
      warnings: zones.warnings,
    };
    return { view, zones, fx };
  }

  /** Shows a release's zones (ZONES_UPDATED) with the people still inside them. */
  function showChemical(ctx: Ctx, h: HazardRecord, def: ChemicalDefinition): { zones: ChemicalZones; fx: ZoneEffects } {
    const { view, zones, fx } = chemicalView(ctx, h, def);
    if (view.kind === 'chemical-release') h.shown = JSON.stringify(view.peopleByLevel);
    ctx.sim.emit({ type: 'ZONES_UPDATED', hazardId: h.id, zones: view });
    return { zones, fx };
  }

  /** While an evacuation runs (or has just ended), shows the zones again if people have left them since last shown. */
  function reshowPeople(ctx: Ctx, h: HazardRecord): void {
    const now = ctx.sim.now;
    if (!ctx.state.evacuations.some((ev) => ev.orderedAt <= now && now <= ev.doneAt + exposureStepMs)) return;
    const def = chem.get(h.id)!;
    const { view } = chemicalView(ctx, h, def);
    if (view.kind === 'chemical-release' && JSON.stringify(view.peopleByLevel) !== h.shown) {
      h.shown = JSON.stringify(view.peopleByLevel);
      ctx.sim.emit({ type: 'ZONES_UPDATED', hazardId: h.id, zones: view });
    }
  }

  function updateChemical(ctx: Ctx, h: HazardRecord): void {
    const def = chem.get(h.id)!;
    const { zones, fx } = showChemical(ctx, h, def);
    const warm = zones.threat.find((z) => z.level === 2)?.ring ?? zones.erg.isolation.ring;
    setClosure(ctx, h, fx.closedEdges, 'plume', () => ({ kind: 'polygon', ring: warm }),
      () => `${def.substance} release ${h.id}: hot and warm zones closed to crews without protection (${cfg.protectedCapabilities.join(', ')} may enter)`, cfg.protectedCapabilities);
    // A puff, or a release that stopped: the gas is gone once it has travelled the longest zone.
    if (!h.releasing) {
      const longest = Math.max(0, ...zones.threat.map((z) => z.lengthM));
      h.clearAt = ctx.sim.now + Math.ceil((longest / zones.modelWindMS) * 1000) + 1;
      ctx.schedule(h.clearAt, `clear:${h.id}`);
    } else {
      h.clearAt = null;
    }
  }

  function startChemical(ctx: Ctx, id: string, source?: ReleaseSource): void {
    const def = chem.get(id);
    const h = rec(ctx.state, id);
    if (!def || !h) return;
    const first = !h.started;
    h.started = true;
    h.cleared = false;
    h.source = source ?? def.source;
    h.releasing = h.source.kind === 'continuous';
    h.wind = h.wind ?? def.wind ?? ctx.state.wind ?? DEFAULT_WIND;
    if (first) ctx.sim.emit({ type: 'HAZARD_STARTED', hazardId: id, kind: 'chemical-release', location: def.origin, substanceId: def.substance, note: describeSource(h.source) });
    else ctx.sim.emit({ type: 'HAZARD_CHANGED', hazardId: id, change: 'release-started', by: 'scenario' });
    updateChemical(ctx, h);
    if (h.exposedAt === null) {
      h.exposedAt = ctx.sim.now;
      ctx.schedule(ctx.sim.now + exposureStepMs, `expose:${id}`);
    }
    if (h.source.kind === 'continuous' && h.source.duration !== undefined) ctx.schedule(ctx.sim.now + h.source.duration, `stop:${id}:${ctx.sim.now}`);
  }

  function stopChemical(ctx: Ctx, id: string, by: 'scenario' | 'system'): void {
    const h = rec(ctx.state, id);
    if (!h?.started || !h.releasing) return;
    h.releasing = false;
    ctx.sim.emit({ type: 'HAZARD_CHANGED', hazardId: id, change: 'release-stopped', by });
    updateChemical(ctx, h);
  }

  function setWind(ctx: Ctx, wind: Wind, stability: Stability | undefined): void {
    ctx.state.wind = wind;
    if (stability !== undefined) ctx.state.stability = stability;
    for (const h of ctx.state.hazards) {
      if (h.kind !== 'chemical-release' || !h.started || h.cleared) continue;
      h.wind = wind;
      ctx.sim.emit({ type: 'HAZARD_CHANGED', hazardId: h.id, change: 'wind', wind, by: 'scenario' });
      updateChemical(ctx, h);
    }
  }

  function floodLevel(h: HazardRecord, def: FloodDefinition, t: number): number {
    return cfg.models.waterLevelAt(def.level, t) + h.deltaM;
  }

  function updateFlood(ctx: Ctx, h: HazardRecord, force: boolean): void {
    const def = floods.get(h.id)!;
    const sim = ctx.sim;
    const levelM = r3(floodLevel(h, def, sim.now));
    // Drainage and evacuations change what the water does even when the level holds.
    const evacuating = ctx.state.evacuations.some((ev) => ev.orderedAt <= sim.now && sim.now <= ev.doneAt + cfg.updateEveryMs);
    const shown = `${JSON.stringify(h.drained)}|${ctx.state.evacuations.filter((ev) => ev.done).length}`;
    if (!force && h.levelM !== null && Math.abs(levelM - h.levelM) < 0.02 && shown === h.shown && !evacuating) return;
    h.levelM = levelM;
    h.shown = shown;
    const lowered = new Map(h.drained);
    const remaining = remainingAt(ctx.state, sim.now);
    const { fill, impact } = cfg.models.flood(levelM, { waters: def.waters, roadClosureDepthM: def.roadClosureDepthM, lowered, remaining });
    // Roads: one closure per flood, replaced when the flooded roads change; boats go through.
    setClosure(ctx, h, impact.closedEdges, 'flood', () => ({ kind: 'polygon', ring: boundingRing(impact.closedSegments.flatMap((s) => [s.from, s.to])) }),
      () => `flood ${h.id}: water deeper than ${def.roadClosureDepthM} m on ${impact.closedSegments.length} road segments (${r1(impact.closedRoadKm)} km)`, cfg.boatCapabilities,
      // The box only bounds the flooded roads (it covers dry streets too): the map draws the roads.
      () => impact.closedSegments.map((s): [LatLon, LatLon] => [roundLatLon(s.from), roundLatLon(s.to)]));
    const t0 = cfg.models.floodTerrain;
    const region = sim.index.world.region;
    sim.emit({
      type: 'ZONES_UPDATED',
      hazardId: h.id,
      zones: {
        kind: 'flood',
        levelM,
        floodedAreaKm2: r3(impact.floodedAreaKm2),
        boatOnlyAreaKm2: r3(impact.boatOnlyAreaKm2),
        peopleByClass: Object.fromEntries(Object.entries(impact.peopleByClass).map(([k, v]) => [k, Math.round(v)])),
        stranded: Math.round(impact.stranded),
        closedRoadKm: r3(impact.closedRoadKm),
        grid: { south: region.grid.south, west: region.grid.west, cellLat: region.grid.cellLat, cellLon: region.grid.cellLon },
        cells: impact.cells.map((c) => {
          const cell = region.cells[c.cellIndex]!;
          return { r: cell.r, c: cell.c, share: r3(c.floodedFraction), maxDepthM: r3(c.maxDepthM), hazardClass: c.hazardClass };
        }),
        ...(h.drained.length > 0 ? { drained: h.drained.map(([i, m]) => ({ at: roundLatLon(subcellCentreOf(t0, i)), loweredM: r3(m) })) } : {}),
      },
    });
    // Stranded people call for rescue as their expected number grows.
    const due = Math.floor(impact.stranded / cfg.strandedPeoplePerCall) - h.strandedCalls;
    const calls = Math.min(Math.max(0, due), cfg.maxStrandedCallsPerUpdate);
    if (calls === 0) return;
    const t = cfg.models.floodTerrain;
    const share = cfg.models.floodRules.strandedShare;
    const weights: { i: number; w: number }[] = [];
    let total = 0;
    for (let k = 0; k < fill.floodedCount; k++) {
      const i = fill.flooded[k]!;
      const d = fill.depth[i]! - (lowered.get(i) ?? 0);
      if (d <= 0) continue;
      const w = t.people[i]! * remaining(i) * (share[cfg.models.hazardClass(d)] ?? 0);
      if (w > 0) { weights.push({ i, w }); total += w; }
    }
    if (total <= 0) return;
    for (let n = 0; n < calls; n++) {
      let x = sim.streamFor(STREAM.evolution, `stranded:${h.id}:${h.strandedCalls}`).next() * total;
      let pick = weights[weights.length - 1]!.i;
      for (const { i, w } of weights) {
        x -= w;
        if (x < 0) { pick = i; break; }
      }
      h.strandedCalls++;
      const r = Math.floor(pick / t.cols);
      const c = pick - r * t.cols;
      const location: LatLon = [Math.round((t.south + (r + 0.5) * t.subLat) * 1e5) / 1e5, Math.round((t.west + (c + 0.5) * t.subLon) * 1e5) / 1e5];
      const depth = fill.depth[pick]! - (lowered.get(pick) ?? 0);
      // Below the classes that threaten buildings the stranded shelter there and wait for the boats.
      const sheltered = !cfg.models.floodRules.lifeThreat.classes.includes(cfg.models.hazardClass(depth));
      // The caller's words in both languages (the board shows its language's half); a caller does not
      // know the flood's id (the call's place and the hazards panel tell which flood it is).
      receiveCall(sim, {
        source: 'scripted', type: 'flood-rescue', location, trapped: cfg.strandedPeoplePerCall, ...(sheltered ? { sheltered } : {}),
        description: `被洪水围困(水深 ${r1(depth)} 米,${sheltered ? '在楼内避险' : '所在建筑有危险'}) / people cut off by flood water (${r1(depth)} m deep${sheltered ? ', sheltering in their building' : ', their building at risk'})`,
      });
    }
  }

  function startFlood(ctx: Ctx, id: string): void {
    const def = floods.get(id);
    const h = rec(ctx.state, id);
    if (!def || !h || h.started) return;
    h.started = true;
    ctx.sim.emit({ type: 'HAZARD_STARTED', hazardId: id, kind: 'flood', note: def.level.kind === 'gauge' ? `river gauge series of ${def.level.readings.length} readings` : `rain series of ${def.level.rain.length} steps` });
    updateFlood(ctx, h, true);
    ctx.schedule(ctx.sim.now + cfg.updateEveryMs, `tick:${id}`);
  }

  const exposureStepMs = Math.round(cfg.exposure.stepMin * 60_000);

  /** Share of sub-cell i's people still inside at `t` (evacuations covering it, the latest-moving counts). */
  function remainingAt(state: HazardsState, t: number): (i: number) => number {
    if (state.evacuations.length === 0) return () => 1;
    const share = new Map<number, number>();
    for (const ev of state.evacuations) {
      if (ev.orderedAt > t) continue;
      const s = cfg.models.remainingShare(t, ev);
      for (const i of ev.subcells) share.set(i, Math.min(share.get(i) ?? 1, s));
    }
    return (i) => share.get(i) ?? 1;
  }

  const progressEveryMs = Math.round(cfg.evacuation.progressEveryMin * 60_000);

  /**
   * Tells the controller the people still inside an evacuation's area (EVACUATION_PROGRESS), and
   * schedules the next report while people are still leaving before its end.
   */
  function reportInside(ctx: Ctx, ev: Evacuation): void {
    const now = ctx.sim.now;
    const left = remainingAt(ctx.state, now);
    const people = cfg.models.floodTerrain.people;
    let inside = 0;
    for (const i of ev.subcells) inside += people[i]! * left(i);
    ctx.sim.emit({ type: 'EVACUATION_PROGRESS', evacuationId: ev.id, peopleInside: Math.round(inside) });
    // Then after the set-up, every step until the end (AREA_EVACUATED says 0): `progressEveryMin`, or
    // a quarter of the time people take to leave when that is shorter (not under a minute), so even a
    // quick evacuation is seen going down.
    const step = Math.max(60_000, Math.min(progressEveryMs, Math.floor((ev.doneAt - ev.movingAt) / 4)));
    const next = now < ev.movingAt ? ev.movingAt + step : now + step;
    if (next < ev.doneAt) ctx.schedule(next, `evacstep:${ev.id}`);
  }

  /** One exposure step of a release: casualties of the people left in its level 2 / 3 zones, and their calls. */
  function expose(ctx: Ctx, h: HazardRecord): void {
    const sim = ctx.sim;
    const def = chem.get(h.id)!;
    const hours = (sim.now - h.exposedAt!) / 3_600_000;
    h.exposedAt = sim.now;
    const fx = effectsOf(zonesOf(h, def, ctx.state.stability));
    // People leaving the zones: the zones are shown again with the people still inside.
    reshowPeople(ctx, h);
    const step = cfg.models.exposureStep(fx.exposedSubcells, remainingAt(ctx.state, sim.now - (hours * 3_600_000) / 2), cfg.exposure, hours);
    h.casualties = Math.round((h.casualties + step.total) * 1e6) / 1e6;
    const x = cfg.exposure;
    const calls = Math.min(Math.max(0, Math.floor((h.casualties - h.foundPeople) / x.peoplePerCall) - h.casualtyCalls), x.maxCallsPerUpdate);
    if (calls === 0 || step.total <= 0) return;
    const t = cfg.models.floodTerrain;
    const levelOf = new Map(fx.exposedSubcells.map((s) => [s.index, s.level]));
    for (let n = 0; n < calls; n++) {
      let r = sim.streamFor(STREAM.evolution, `exposure:${h.id}:${h.casualtyCalls}`).next() * step.total;
      let pick = step.bySubcell[step.bySubcell.length - 1]!.index;
      for (const s of step.bySubcell) {
        r -= s.casualties;
        if (r < 0) { pick = s.index; break; }
      }
      h.casualtyCalls++;
      const level = levelOf.get(pick) ?? 2;
      const inc = receiveCall(sim, {
        source: 'scripted', type: x.callType, location: roundLatLon(subcellCentreOf(t, pick)), trapped: x.peoplePerCall, reportedGrade: 1,
        streamKey: `exposure:${h.id}:${h.casualtyCalls}`,
        description: `people overcome by ${def.substance} (level ${level} zone of release ${h.id}): ${x.peoplePerCall} casualties`,
      });
      sim.emit({ type: 'EXPOSURE_CASUALTIES', hazardId: h.id, incidentId: inc.id, people: x.peoplePerCall, total: h.casualtyCalls * x.peoplePerCall + h.foundPeople, level });
    }
  }

  /**
   * When the zones clear: the exposure up to now is counted, and whole casualties not yet called in
   * (fewer than a call's worth) are found by the crews going in: one call for them, from a sub-cell
   * drawn in proportion to where people were hurt.
   */
  function findRemaining(ctx: Ctx, h: HazardRecord): void {
    const sim = ctx.sim;
    if (h.exposedAt !== null && sim.now > h.exposedAt) expose(ctx, h);
    h.exposedAt = null;
    const x = cfg.exposure;
    const people = Math.floor(h.casualties + 1e-9) - h.casualtyCalls * x.peoplePerCall - h.foundPeople;
    if (people < 1) return;
    const def = chem.get(h.id)!;
    const fx = effectsOf(zonesOf(h, def, ctx.state.stability));
    const where = cfg.models.exposureStep(fx.exposedSubcells, () => 1, x, 1);
    if (where.total <= 0) return;
    let r = sim.streamFor(STREAM.evolution, `exposure-found:${h.id}:${h.foundPeople}`).next() * where.total;
    let pick = where.bySubcell[where.bySubcell.length - 1]!.index;
    for (const c of where.bySubcell) {
      r -= c.casualties;
      if (r < 0) { pick = c.index; break; }
    }
    const level = fx.exposedSubcells.find((c) => c.index === pick)?.level ?? 2;
    h.foundPeople += people;
    const inc = receiveCall(sim, {
      source: 'scripted', type: x.callType, location: roundLatLon(subcellCentreOf(cfg.models.floodTerrain, pick)), trapped: people, reportedGrade: 1,
      streamKey: `exposure-found:${h.id}:${h.foundPeople}`,
      description: `people overcome by ${def.substance} found as the zones of release ${h.id} clear (level ${level} zone): ${people} casualties`,
    });
    sim.emit({ type: 'EXPOSURE_CASUALTIES', hazardId: h.id, incidentId: inc.id, people, total: h.casualtyCalls * x.peoplePerCall + h.foundPeople, level });
  }

  /** Pumping units working in flooded ground lower the water where they stand (one flood update's worth). */
  function drain(ctx: Ctx, h: HazardRecord, def: FloodDefinition, hours: number): void {
    if (h.levelM === null) return;
    const fill = fillAt(h.levelM, def);
    const lowered = new Map(h.drained);
    for (const u of ctx.sim.units.values()) {
      const type = u.info.type;
      if (!type.pumpM3H || !type.capabilities.includes(cfg.drainage.capability) || unitStatus(u) !== 'working') continue;
      const p = ctx.sim.unitPosition(u);
      const i = cfg.models.subcellAt(p);
      if (i < 0) continue;
      const depth = cfg.models.depthAt(fill, p);
      const before = lowered.get(i) ?? 0;
      if (depth <= before) continue;
      lowered.set(i, Math.min(depth, before + (type.pumpM3H * hours) / cfg.drainage.areaM2));
    }
    h.drained = [...lowered].sort((a, b) => a[0] - b[0]).map(([i, m]) => [i, r3(m)] as [number, number]);
  }

  function drainedAt(h: HazardRecord, p: LatLon): number {
    if (h.drained.length === 0) return 0;
    const i = cfg.models.subcellAt(p);
    return h.drained.find(([k]) => k === i)?.[1] ?? 0;
  }

  /** A hazard inject's payload: from the scenario, or written during the drill (ADD_INJECT). */
  function hazardInjectOf(ctx: Ctx, id: string): HazardInject | undefined {
    const scripted = injects.get(id);
    if (scripted) return scripted.inject;
    const added = ctx.sim.models.stateOf<InjectsState>(INJECTS_MODEL)?.added.find((j) => j.id === id);
    return added?.kind === 'hazard' ? added.hazard : undefined;
  }

  function applyInject(ctx: Ctx, inj: HazardInject): void {
    switch (inj.action) {
      case 'wind-shift':
        setWind(ctx, inj.wind, inj.stability);
        return;
      case 'release-start':
        startChemical(ctx, inj.hazardId, inj.source);
        return;
      case 'release-stop':
        stopChemical(ctx, inj.hazardId, 'scenario');
        return;
      case 'water-level': {
        const h = rec(ctx.state, inj.hazardId);
        const def = floods.get(inj.hazardId);
        if (!h || !def) return;
        if (inj.deltaM !== undefined) h.deltaM += inj.deltaM;
        else h.deltaM = inj.levelM! - cfg.models.waterLevelAt(def.level, ctx.sim.now);
        ctx.sim.emit({ type: 'HAZARD_CHANGED', hazardId: h.id, change: 'water-level', levelM: r3(floodLevel(h, def, ctx.sim.now)), by: 'scenario' });
        if (h.started) updateFlood(ctx, h, true);
      }
    }
  }

  return {
    id: HAZARDS_MODEL,
    extraNeeds(state, inc) {
      for (const h of state.hazards) {
        if (!h.started || h.cleared) continue;
        if (h.kind === 'chemical-release') {
          const def = chem.get(h.id)!;
          if (cfg.models.zoneLevelAt(zonesOf(h, def, state.stability), inc.location) > 0) {
            return { needs: cfg.chemicalNeeds, reason: `inside the ${def.substance} zones of release ${h.id}: hazmat and decontamination` };
          }
        } else if (h.levelM !== null) {
          const def = floods.get(h.id)!;
          const d = cfg.models.depthAt(fillAt(h.levelM, def), inc.location) - drainedAt(h, inc.location);
          if (d > 0) return { needs: cfg.floodNeeds, reason: `in flooded ground (${r1(d)} m of water, flood ${h.id}): water rescue, boats and drainage` };
        }
      }
      return undefined;
    },
    approachPoint(state, capabilities, to) {
      if (cfg.protectedCapabilities.some((c) => capabilities.includes(c))) return undefined;
      for (const h of state.hazards) {
        if (h.kind !== 'chemical-release' || !h.started || h.cleared) continue;
        const zones = zonesOf(h, chem.get(h.id)!, state.stability);
        const key = `${zones.windFromDeg}|${zones.windMS}|${zones.stability}|${h.id}|${JSON.stringify(h.source)}|${to[0]},${to[1]}`;
        let p = stagingCache.get(key);
        if (p === undefined) {
          if (stagingCache.size > 4096) stagingCache.clear();
          const s = cfg.models.stagingPoint(zones, to, cfg.stagingMarginM);
          p = s ? roundLatLon(s) : null;
          stagingCache.set(key, p);
        }
        if (p) return p;
      }
      return undefined;
    },
    commands: {
      EVACUATE_AREA(ctx, cmd, by) {
        if (by.role === 'observer') return refuse('forbidden', 'an observer may not order an evacuation');
        if (cmd.area.kind === 'segment') return refuse('invalid', 'area: expected a circle or a polygon to evacuate (a line holds nobody)');
        const { subcells, people } = cfg.models.peopleIn(cmd.area);
        return () => {
          const sim = ctx.sim;
          let firefighters = 0;
          for (const u of sim.units.values()) {
            const s = unitStatus(u);
            if ((s === 'onScene' || s === 'working') && cfg.models.insideArea(cmd.area, sim.unitPosition(u))) firefighters += sim.models.crewOf(u.info.id) ?? u.info.type.crew;
          }
          const minutes = cfg.models.evacuationMinutes(people, firefighters, cfg.evacuation);
          const id = `evac-${ctx.state.evacuations.length + 1}`;
          const ev: Evacuation = {
            id, area: cmd.area, subcells, people: Math.round(people), orderedAt: sim.now,
            movingAt: sim.now + Math.round(cfg.evacuation.setupMin * 60_000), doneAt: sim.now + Math.max(1, Math.round(minutes * 60_000)), done: false,
          };
          ctx.state.evacuations.push(ev);
          sim.emit({ type: 'EVACUATION_ORDERED', area: cmd.area, note: cmd.note, by: by.role, evacuationId: id, doneAt: ev.doneAt, people: ev.people, firefighters });
          reportInside(ctx, ev);
          ctx.schedule(ev.doneAt, `evac:${id}`);
        };
      },
    },
    reactions: {
      eventEmitted(ctx, e) {
        if (e.type === 'INJECT_FIRED' && hazardInjectOf(ctx, e.injectId)) ctx.schedule(ctx.sim.now, `inject:${e.injectId}`);
      },
    },
    initialState: () => ({
      wind: null,
      stability: null,
      hazards: [
        ...cfg.chemicals.map((c) => record(c.id, 'chemical-release')),
        ...cfg.floods.map((f) => record(f.id, 'flood')),
      ],
      evacuations: [],
    }),
    start(ctx) {
      for (const w of cfg.weather) ctx.schedule(w.at, `weather:${w.at}`);
      for (const c of cfg.chemicals) if (c.at !== undefined) ctx.schedule(c.at, `start:${c.id}`);
      for (const f of cfg.floods) ctx.schedule(f.at, `start:${f.id}`);
    },
    onTimer(ctx, name) {
      const [what, id] = name.split(':') as [string, string];
      switch (what) {
        case 'weather': {
          const w = weatherAt.get(id);
          if (w) setWind(ctx, w.wind, w.stability);
          return;
        }
        case 'start':
          if (chem.has(id)) startChemical(ctx, id);
          else startFlood(ctx, id);
          return;
        case 'inject': {
          const inject = hazardInjectOf(ctx, id);
          if (inject) applyInject(ctx, inject);
          return;
        }
        case 'stop':
          stopChemical(ctx, id, 'system');
          return;
        case 'clear': {
          const h = rec(ctx.state, id);
          // Only the clearing set by the latest change counts (a restart or a wind change sets a new one).
          if (!h || h.releasing || h.cleared || h.clearAt !== ctx.sim.now) return;
          findRemaining(ctx, h);
          h.cleared = true;
          ctx.sim.emit({ type: 'HAZARD_CHANGED', hazardId: id, change: 'cleared', by: 'system' });
          ctx.sim.emit({ type: 'ZONES_UPDATED', hazardId: id, zones: { kind: 'cleared' } });
          setClosure(ctx, h, [], 'plume', () => ({ kind: 'polygon', ring: [] }), () => '', []);
          return;
        }
        case 'expose': {
          const h = rec(ctx.state, id);
          if (!h?.started || h.exposedAt === null || ctx.sim.now !== h.exposedAt + exposureStepMs) return; // a newer run of steps stands
          if (h.cleared) { h.exposedAt = null; return; }
          expose(ctx, h);
          if (ctx.sim.now + exposureStepMs <= cfg.endsAt) ctx.schedule(ctx.sim.now + exposureStepMs, `expose:${id}`);
          return;
        }
        case 'evacstep': {
          const ev = ctx.state.evacuations.find((x) => x.id === id);
          if (ev && !ev.done) reportInside(ctx, ev);
          return;
        }
        case 'evac': {
          const ev = ctx.state.evacuations.find((x) => x.id === id);
          if (!ev || ev.done) return;
          ev.done = true;
          ctx.sim.emit({ type: 'AREA_EVACUATED', evacuationId: ev.id, area: ev.area, people: ev.people, orderedAt: ev.orderedAt });
          for (const h of ctx.state.hazards) {
            if (!h.started || h.cleared) continue;
            if (h.kind === 'flood') updateFlood(ctx, h, true);
            else reshowPeople(ctx, h);
          }
          return;
        }
        case 'tick': {
          const h = rec(ctx.state, id);
          if (!h?.started) return;
          drain(ctx, h, floods.get(id)!, cfg.updateEveryMs / 3_600_000);
          updateFlood(ctx, h, false);
          const next = ctx.sim.now + cfg.updateEveryMs;
          if (next <= cfg.endsAt) ctx.schedule(next, `tick:${id}`);
        }
      }
    },
  };
}

function record(id: string, kind: HazardRecord['kind']): HazardRecord {
  return { id, kind, started: false, cleared: false, releasing: false, source: null, wind: null, deltaM: 0, levelM: null, closureId: null, closedKey: '', strandedCalls: 0, clearAt: null, casualties: 0, casualtyCalls: 0, exposedAt: null, drained: [], shown: '', foundPeople: 0 };
}

const roundLatLon = (p: LatLon): LatLon => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];

function subcellCentreOf(t: { south: number; west: number; subLat: number; subLon: number; cols: number }, i: number): LatLon {
  const r = Math.floor(i / t.cols);
  return [t.south + (r + 0.5) * t.subLat, t.west + (i - r * t.cols + 0.5) * t.subLon];
}

function describeSource(s: ReleaseSource): string {
  return s.kind === 'continuous' ? `continuous release ${s.rateKgS} kg/s at ${s.heightM} m` : `instantaneous release of ${s.massKg} kg at ${s.heightM} m`;
}

/** A rectangle around points (the closure's area as the board draws it). */
function boundingRing(points: LatLon[]): LatLon[] {
  let s = 90, w = 180, n = -90, e = -180;
  for (const [lat, lon] of points) {
    s = Math.min(s, lat); n = Math.max(n, lat); w = Math.min(w, lon); e = Math.max(e, lon);
  }
  return [[s, w], [s, e], [n, e], [n, w]];
}
