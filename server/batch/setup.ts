// What a batch runs, as plain data a worker thread or a queue job can carry (files, not objects), and
// how a worker turns it into ready replication contexts: the world loaded once, the scenario, each
// variant applied to copies of both. Contexts are cached per setup in the process that built them, so
// every later seed reuses the world, its road network, the route trees and the coverage reach.
import type { Scenario } from '../../shared/schemas/scenario.ts';
import type { World } from '../engine/types.ts';
import { loadWorld } from '../scenario/load-world.ts';
import { loadScenario } from '../scenario/load-scenario.ts';
import { loadCoverageConfig } from '../scenario/load-coverage-config.ts';
import { applyVariant, loadVariant } from './variants.ts';
import { prepareReplication, runReplication, type ReplicationContext, type ReplicationResult } from './replication.ts';

export interface BatchSetup {
  scenarioFile: string;
  seedsDir: string;
  /** Variant files, compared with the baseline on the same seeds. */
  variantFiles: string[];
  /** Sample coverage over time (needs the road network). */
  coverage: boolean;
  /** Replaces the scenario's duration (sim ms), e.g. a week of a normal-day scenario. */
  durationMs?: number;
  /** Leave out the scenario's scripted calls (background load only). */
  backgroundOnly?: boolean;
}

export interface BatchConfig {
  /** 'baseline' or the variant's name. */
  name: string;
  nameZh?: string;
  file?: string;
  world: World;
  scenario: Scenario;
  context: ReplicationContext;
}

/** Baseline first, then each variant in the order given. */
export function buildConfigs(setup: BatchSetup): BatchConfig[] {
  const bare = loadScenario(setup.scenarioFile);
  const world = loadWorld({ seedsDir: setup.seedsDir, regionId: bare.region });
  let scenario = loadScenario(setup.scenarioFile, world);
  if (setup.durationMs !== undefined) scenario = { ...scenario, duration: setup.durationMs };
  if (setup.backgroundOnly) scenario = { ...scenario, calls: [] };
  const coverage = setup.coverage && world.roads ? loadCoverageConfig(setup.seedsDir) : undefined;
  const ctx = (w: World, s: Scenario) => prepareReplication(w, s, coverage ? { coverage } : {});
  const configs: BatchConfig[] = [{ name: 'baseline', nameZh: '现状', world, scenario, context: ctx(world, scenario) }];
  for (const file of setup.variantFiles) {
    const loaded = loadVariant(file);
    const v = applyVariant(world, scenario, loaded);
    configs.push({ name: loaded.variant.name, ...(loaded.variant.nameZh ? { nameZh: loaded.variant.nameZh } : {}), file, world: v.world, scenario: v.scenario, context: ctx(v.world, v.scenario) });
  }
  return configs;
}

const cache = new Map<string, BatchConfig[]>();

/** The configs of a setup, built on first use in this process and kept. */
export function configsFor(setup: BatchSetup): BatchConfig[] {
  const key = JSON.stringify(setup);
  let c = cache.get(key);
  if (!c) cache.set(key, (c = buildConfigs(setup)));
  return c;
}

/** One seed under every configuration (baseline first): the unit of work of a worker or a queue job. */
export function runSeed(setup: BatchSetup, seed: number): ReplicationResult[] {
  return configsFor(setup).map((c) => runReplication(c.context, seed));
}
