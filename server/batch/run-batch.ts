// Runs the seeds of a batch, each under the baseline and every variant: on a pool of worker threads
// (piscina; each thread loads the world once), or in this process with workers = 0. Results come back
// in any order and are put in seed order; progress is reported as seeds finish.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { runSeed, type BatchSetup } from './setup.ts';
import type { ReplicationResult } from './replication.ts';
import type { SeedResult, SeedTask } from './thread-worker.ts';

export interface BatchProgress {
  done: number;
  total: number;
  elapsedMs: number;
}

export interface RunBatchOptions {
  /** Worker threads; 0 runs in this process. Default: the machine's cores. */
  workers?: number;
  onProgress?: (p: BatchProgress) => void;
}

export interface BatchRun {
  /** results[c][i]: configuration c (0 = baseline) on seeds[i]. */
  results: ReplicationResult[][];
  seeds: number[];
  wallMs: number;
  /** Largest V8 heap seen in a worker thread (MB); null in process. */
  workerHeapMB: number | null;
}

export function seedsFrom(base: number, runs: number): number[] {
  return Array.from({ length: runs }, (_, i) => base + i);
}

export function collect(seeds: readonly number[], bySeed: Map<number, ReplicationResult[]>): ReplicationResult[][] {
  const configs = bySeed.get(seeds[0]!)?.length ?? 0;
  return Array.from({ length: configs }, (_, c) => seeds.map((s) => bySeed.get(s)![c]!));
}

export async function runBatch(setup: BatchSetup, seeds: readonly number[], opts: RunBatchOptions = {}): Promise<BatchRun> {
  const workers = opts.workers ?? availableParallelism();
  const t0 = performance.now();
  const bySeed = new Map<number, ReplicationResult[]>();
  const progress = () => opts.onProgress?.({ done: bySeed.size, total: seeds.length, elapsedMs: performance.now() - t0 });
  if (workers <= 0) {
    for (const seed of seeds) {
      bySeed.set(seed, runSeed(setup, seed));
      progress();
    }
    return { results: collect(seeds, bySeed), seeds: [...seeds], wallMs: performance.now() - t0, workerHeapMB: null };
  }
  const pool = new Piscina<SeedTask, SeedResult>({
    filename: new URL('./thread-worker.ts', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
  });
  let heap = 0;
  try {
    await Promise.all(
      seeds.map(async (seed) => {
        const r = await pool.run({ setup, seed });
        heap = Math.max(heap, r.heapUsedMB);
        bySeed.set(seed, r.results);
        progress();
      }),
    );
  } finally {
    await pool.destroy();
  }
  return { results: collect(seeds, bySeed), seeds: [...seeds], wallMs: performance.now() - t0, workerHeapMB: heap };
}
