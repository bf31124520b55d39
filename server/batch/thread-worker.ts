// The piscina worker thread of a batch: runs one seed under every configuration of a setup. The
// setup's world and contexts are built on the first task and kept for the thread's life.
import { getHeapStatistics } from 'node:v8';
import { runSeed, configsFor, type BatchSetup } from './setup.ts';
import type { ReplicationResult } from './replication.ts';

export interface SeedTask {
  setup: BatchSetup;
  seed: number;
}

export interface SeedResult {
  seed: number;
  results: ReplicationResult[];
  /** This thread's V8 heap in use after the task (MB). */
  heapUsedMB: number;
}

export default function run(task: SeedTask | { setup: BatchSetup; warm: true }): SeedResult | { heapUsedMB: number } {
  if ('warm' in task) {
    configsFor(task.setup);
    return { heapUsedMB: getHeapStatistics().used_heap_size / 1e6 };
  }
  const results = runSeed(task.setup, task.seed);
  return { seed: task.seed, results, heapUsedMB: getHeapStatistics().used_heap_size / 1e6 };
}
