// What exercises are made of: the regions of the seeds directory (their worlds loaded once and
// shared by every exercise), the scenarios (files under scenarios/ and uploads kept in SQLite), the
// road network and vector map of a region (built once per region, on first request).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Scenario } from '../../shared/schemas/scenario.ts';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import type { World } from '../engine/types.ts';
import { listRegions, loadWorld } from '../scenario/load-world.ts';
import { loadScenario, parseScenarioText } from '../scenario/load-scenario.ts';
import { parseDataText } from '../files/read-data-file.ts';
import { loadRoadNetwork } from '../geo/region-roads.ts';
import { buildRegionMap } from '../geo/region-map.ts';
import type { RegionMap } from '../../shared/map-data.ts';
import type { RoadNetwork } from '../geo/road-network.ts';
import type { ExerciseStore } from '../store/exercise-store.ts';
import { ApiError } from './errors.ts';
import { slugOf } from '../../shared/slug.ts';

export interface ScenarioInfo {
  id: string;
  name: string;
  nameZh?: string;
  description: string;
  region: string;
  seed: number;
  mode: string;
  durationMs: number;
  scriptedCalls: number;
  origin: 'file' | 'upload';
}

const info = (id: string, s: Scenario, origin: ScenarioInfo['origin']): ScenarioInfo => ({
  id, name: s.name, ...(s.nameZh ? { nameZh: s.nameZh } : {}), description: s.description, region: s.region, seed: s.seed,
  mode: s.mode, durationMs: s.duration, scriptedCalls: s.calls.length, origin,
});

export class Catalog {
  private readonly worlds = new Map<string, World>();
  private readonly maps = new Map<string, RegionMap>();

  constructor(readonly seedsDir: string, readonly scenariosDir: string, private readonly store: ExerciseStore) {}

  regionIds(): string[] {
    return listRegions(this.seedsDir);
  }

  world(regionId: string): World {
    let w = this.worlds.get(regionId);
    if (!w) {
      if (!this.regionIds().includes(regionId)) throw new ApiError('not-found', `no region ${regionId} (expected one of: ${this.regionIds().join(', ') || 'none'})`);
      w = loadWorld({ seedsDir: this.seedsDir, regionId });
      this.worlds.set(regionId, w);
    }
    return w;
  }

  /** The region's roads: loadWorld attaches them (the engine drives on them); built here only if it did not. */
  roadNetwork(regionId: string): RoadNetwork {
    const world = this.world(regionId);
    world.roads ??= loadRoadNetwork(this.seedsDir, world.region);
    return world.roads;
  }

  /** The region's vector map (server/geo/region-map.ts builds it), cached per region. */
  regionMap(regionId: string): RegionMap {
    let m = this.maps.get(regionId);
    if (!m) {
      m = buildRegionMap(this.world(regionId), this.roadNetwork(regionId));
      this.maps.set(regionId, m);
    }
    return m;
  }

  private scenarioFiles(): string[] {
    try {
      return readdirSync(this.scenariosDir).filter((f) => /\.ya?ml$/i.test(f)).sort();
    } catch {
      return [];
    }
  }

  listScenarios(): { scenarios: ScenarioInfo[]; problems: { id: string; message: string }[] } {
    const scenarios: ScenarioInfo[] = [];
    const problems: { id: string; message: string }[] = [];
    for (const f of this.scenarioFiles()) {
      const id = basename(f, extname(f));
      try {
        scenarios.push(info(id, loadScenario(join(this.scenariosDir, f)), 'file'));
      } catch (err) {
        problems.push({ id, message: err instanceof Error ? err.message : String(err) });
      }
    }
    for (const s of this.store.listScenarios()) {
      try {
        scenarios.push(info(s.id, parseDataText(s.source, `${s.id}.yaml`, ScenarioSchema).data, 'upload'));
      } catch (err) {
        problems.push({ id: s.id, message: err instanceof Error ? err.message : String(err) });
      }
    }
    return { scenarios, problems };
  }

  /** The text of a scenario by id (a file under scenarios/ first, then an upload). */
  scenarioSource(id: string): string {
    const file = this.scenarioFiles().find((f) => basename(f, extname(f)) === id);
    if (file) return readFileSync(join(this.scenariosDir, file), 'utf8');
    const stored = this.store.getScenario(id);
    if (stored) return stored.source;
    throw new ApiError('not-found', `no scenario ${id} (expected one of: ${this.listScenarios().scenarios.map((s) => s.id).join(', ')})`);
  }

  /**
   * Validates scenario text as a file called `name` would be, in one pass: schema errors and the
   * checks against the world of its region (places, coordinates, units, times) together, each as
   * name:line:col. Problems come back as one DataFileError.
   */
  checkScenario(text: string, name: string): { scenario: Scenario; world: World } {
    const scenario = parseScenarioText(text, name, (regionId) => this.world(regionId), this.regionIds());
    return { scenario, world: this.world(scenario.region) };
  }

  /** Keeps an uploaded scenario (after the same checks as validation); ids of files cannot be reused. */
  uploadScenario(text: string, wantedId?: string): ScenarioInfo {
    const { scenario } = this.checkScenario(text, `${wantedId ?? 'upload'}.yaml`);
    const id = slugOf(wantedId ?? scenario.name) || 'scenario';
    if (this.scenarioFiles().some((f) => basename(f, extname(f)) === id)) {
      throw new ApiError('conflict', `scenario id ${id} is a shipped scenario file; choose another id`);
    }
    this.store.saveScenario({ id, name: scenario.name, regionId: scenario.region, source: text });
    return info(id, scenario, 'upload');
  }
}
