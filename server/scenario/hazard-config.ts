// The hazards model of a scenario run (server/engine/models/hazards.ts), built from the scenario's
// `hazards:`, its weather timeline and its hazard injects with a time, on the world's region and
// roads, with the substance catalogue and flood rules of the seeds directory. None when the
// scenario has no hazards (runs without hazards register nothing: their logs do not change).
// Hazard injects are handed over by id only: the drill script (models/injects.ts) times them all.
import type { LatLon } from '../../shared/geo.ts';
import type { Scenario } from '../../shared/schemas/scenario.ts';
import { offsetOf } from '../../shared/schemas/scenario-time.ts';
import { indexRegion } from '../../shared/region-lookup.ts';
import type { EngineModel, World } from '../engine/types.ts';
import { hazardsModel, type HazardsState } from '../engine/models/hazards.ts';
import { createHazardModels } from '../hazards/models.ts';
import { loadEvacuationRules, loadFloodHazardRules, loadSubstances } from './load-hazard-data.ts';
import { resolveCallLocation } from './load-scenario.ts';

export function hazardsModelFor(world: World, scenario: Scenario, seedsDir = 'seeds'): EngineModel<HazardsState> | undefined {
  if (scenario.hazards.length === 0) return undefined;
  const substances = loadSubstances(seedsDir).data;
  const rules = loadFloodHazardRules(seedsDir).data;
  const models = createHazardModels(world.region, substances, rules, world.roads);
  // Built now, with the exercise, not in the tick the hazard starts (the 250 m terrain and, for a
  // flood, where each road is sampled: ~0.2 s the live loop would otherwise stall for). Caches only.
  void models.floodTerrain;
  if (scenario.hazards.some((h) => h.kind === 'flood')) models.flood(0);
  const index = indexRegion(world.region);
  const place = (loc: LatLon | string, what: string): LatLon => {
    const p = resolveCallLocation(index, loc);
    if (!p) throw new Error(`scenario ${scenario.name}: ${what}: unknown place ${JSON.stringify(loc)}`);
    return p;
  };
  const chemicals = scenario.hazards.flatMap((h) => {
    if (h.kind !== 'chemical-release') return [];
    if (!models.substance(h.substance)) throw new Error(`scenario ${scenario.name}: hazard ${h.id}: unknown substance "${h.substance}" (expected one of: ${substances.substances.map((s) => s.id).join(', ')})`);
    const origin = place(h.site.location, `hazard ${h.id}`);
    return [{
      id: h.id, substance: h.substance, source: h.source, origin, spill: h.spill,
      terrain: h.terrain === 'auto' ? models.terrainAt(origin) : h.terrain,
      ...(h.at === undefined ? {} : { at: offsetOf(h.at, scenario.start) }),
      ...(h.site.kind === 'vehicle' ? { container: h.site.container } : {}),
      ...(h.wind ? { wind: h.wind } : {}),
      ...(h.stability === undefined ? {} : { stability: h.stability }),
    }];
  });
  const floods = scenario.hazards.flatMap((h) => (h.kind === 'flood' ? [{ id: h.id, at: h.at === undefined ? 0 : offsetOf(h.at, scenario.start), level: h.level, roadClosureDepthM: h.roadClosureDepthM, waters: h.waters }] : []));
  const weather = scenario.weather.map((w) => ({ at: offsetOf(w.at, scenario.start), wind: w.wind, ...(w.stability === undefined ? {} : { stability: w.stability }) }));
  const ids = scenario.injects.map((j, i) => j.id ?? `inj-${scenario.calls.length + i + 1}`);
  const injects = scenario.injects.flatMap((j, i) => (j.kind === 'hazard' ? [{ id: ids[i]!, inject: j.hazard }] : []));
  return hazardsModel({
    models, chemicals, floods, weather, injects,
    updateEveryMs: rules.updateEveryMin * 60_000,
    endsAt: scenario.duration,
    strandedPeoplePerCall: rules.strandedPeoplePerCall,
    maxStrandedCallsPerUpdate: rules.maxStrandedCallsPerUpdate,
    chemicalNeeds: substances.responseNeeds,
    floodNeeds: rules.responseNeeds,
    protectedCapabilities: substances.protectedCapabilities,
    stagingMarginM: substances.stagingMarginM,
    exposure: substances.exposure,
    boatCapabilities: rules.boatCapabilities,
    drainage: rules.drainage,
    evacuation: loadEvacuationRules(seedsDir).data,
  });
}
