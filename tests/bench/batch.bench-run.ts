// Batch bench: replications per second of one simulated week of normal load on the demo county
// (normal-day.yaml over 7 days, background calls only, coverage sampled hourly), on 1 worker thread
// and on 2, each thread warmed first (world loaded, route trees built by a few replications that are
// not counted). Prints one JSON object: replicationsPerSecond per worker count, speedup, the V8 heap of
// a worker thread and the process RSS, and the load average of the machine at the time.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import type { BatchSetup } from '../../server/batch/setup.ts';
import type { SeedResult, SeedTask } from '../../server/batch/thread-worker.ts';

const WEEK_MS = 7 * 24 * 3_600_000;
const MB = 1024 * 1024;
const round = (v: number, d = 2): number => Number(v.toFixed(d));

interface Measure { workers: number; runs: number; wallSeconds: number; replicationsPerSecond: number; startupSeconds: number; workerHeapMB: number; incidentsPerRun: number }

async function measure(setup: BatchSetup, workers: number, runs: number, warmRuns: number): Promise<Measure> {
  const t0 = performance.now();
  const pool = new Piscina<SeedTask | { setup: BatchSetup; warm: true }, SeedResult>({
    filename: new URL('../../server/batch/thread-worker.ts', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
  });
  try {
    // Warm every thread: load the world, then a few replications to build the route trees.
    await Promise.all(Array.from({ length: workers }, () => pool.run({ setup, warm: true })));
    await Promise.all(Array.from({ length: warmRuns * workers }, (_, i) => pool.run({ setup, seed: 1_000_000 + i })));
    const startupSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    let heap = 0;
    let incidents = 0;
    await Promise.all(Array.from({ length: runs }, async (_, i) => {
      const r = await pool.run({ setup, seed: i + 1 });
      heap = Math.max(heap, r.heapUsedMB);
      incidents += r.results[0]!.summary.incidents;
    }));
    const wall = (performance.now() - t1) / 1000;
    return { workers, runs, wallSeconds: round(wall), replicationsPerSecond: round(runs / wall), startupSeconds: round(startupSeconds), workerHeapMB: round(heap, 0), incidentsPerRun: round(incidents / runs, 1) };
  } finally {
    await pool.destroy();
  }
}

export async function runBatchBench(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { runs: { type: 'string', default: '60' }, 'no-coverage': { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  const setup: BatchSetup = { scenarioFile: 'scenarios/normal-day.yaml', seedsDir: 'seeds', variantFiles: [], coverage: !values['no-coverage'], durationMs: WEEK_MS, backgroundOnly: true };
  const loadBefore = loadavg();
  const one = await measure(setup, 1, Math.max(4, Math.round(runs / 2)), 3);
  const two = await measure(setup, 2, runs, 3);
  const result = {
    bench: 'batch',
    scenario: 'normal-day.yaml over 7 days, background load only',
    coverageSampled: setup.coverage,
    oneWorker: one,
    twoWorkers: two,
    replicationsPerSecond: two.replicationsPerSecond,
    speedup: round(two.replicationsPerSecond / one.replicationsPerSecond),
    workerHeapMB: Math.max(one.workerHeapMB, two.workerHeapMB),
    processRssMB: round(process.memoryUsage().rss / MB, 0),
    goal: { replicationsPerSecond: 20, speedup: 1.6 },
    loadAverage: { before: loadBefore.map((v) => round(v)), after: loadavg().map((v) => round(v)) },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
