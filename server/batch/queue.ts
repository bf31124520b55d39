// A batch spread over machines with BullMQ on Redis. `sim batch … --queue redis://host:port` adds one
// job per seed (the setup as files, the seed) and gathers the results as they complete; `sim worker
// --queue redis://…` runs jobs on any number of machines, each replication on a worker thread so the
// process keeps renewing its job locks while the world loads and runs. A worker that dies mid-job
// stops renewing its lock; BullMQ's stalled-job check puts the job back and another worker runs it
// (a replication is deterministic, so a second run gives the same result). Every machine needs the
// same checkout: jobs carry file paths relative to the working directory, not the files.
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { createClient } from 'redis';
import { Piscina } from 'piscina';
import type { BatchSetup } from './setup.ts';
import type { ReplicationResult } from './replication.ts';
import { collect, type BatchRun, type BatchProgress } from './run-batch.ts';
import type { SeedResult, SeedTask } from './thread-worker.ts';

export const QUEUE_NAME = 'fire-sim-replications';

/** Checks a --queue URL: redis:// or rediss:// only. */
export function checkQueueUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--queue: "${url}" is not a URL (expected redis://host:port)`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`--queue: "${url}" is not a redis:// URL (expected redis://host:port)`);
  return url;
}

/**
 * A connected node-redis client for BullMQ (it adapts node-redis clients itself, so the optional
 * ioredis package is not needed). Each queue, worker and event stream gets its own.
 */
async function connect(url: string): Promise<ReturnType<typeof createClient>> {
  const client = createClient({ url: checkQueueUrl(url) });
  client.on('error', () => {}); // reconnects by itself; a lost job is retried by the lock rules
  await client.connect();
  return client;
}

export interface QueueBatchOptions {
  onProgress?: (p: BatchProgress) => void;
}

/** Enqueues one job per seed and waits for all of them; results in seed order, as runBatch gives them. */
export async function runBatchOnQueue(url: string, setup: BatchSetup, seeds: readonly number[], opts: QueueBatchOptions = {}): Promise<BatchRun> {
  const clients = [await connect(url), await connect(url)];
  const queue = new Queue<SeedTask, ReplicationResult[]>(QUEUE_NAME, { connection: clients[0]! });
  const events = new QueueEvents(QUEUE_NAME, { connection: clients[1]! });
  const t0 = performance.now();
  const bySeed = new Map<number, ReplicationResult[]>();
  try {
    await events.waitUntilReady();
    const batchId = randomUUID();
    const jobs = await queue.addBulk(seeds.map((seed) => ({
      name: 'replication',
      data: { setup, seed },
      opts: { jobId: `${batchId}-seed-${seed}`, attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 } },
    })));
    await Promise.all(jobs.map(async (job: Job<SeedTask, ReplicationResult[]>) => {
      const results = await job.waitUntilFinished(events);
      bySeed.set(job.data.seed, results);
      opts.onProgress?.({ done: bySeed.size, total: seeds.length, elapsedMs: performance.now() - t0 });
    }));
  } finally {
    await events.close();
    await queue.close();
    for (const c of clients) if (c.isOpen) await c.quit().catch(() => undefined);
  }
  return { results: collect(seeds, bySeed), seeds: [...seeds], wallMs: performance.now() - t0, workerHeapMB: null };
}

export interface QueueWorkerOptions {
  /** Replications at once (worker threads). */
  threads: number;
  /** How long a job's lock lasts without renewal before another worker may take it over (ms). */
  lockMs?: number;
  /** How often stalled jobs are looked for (ms). */
  stalledIntervalMs?: number;
  log?: (line: string) => void;
}

/** A worker process: takes jobs until closed. */
export async function startQueueWorker(url: string, opts: QueueWorkerOptions): Promise<{ close(): Promise<void> }> {
  const connection = await connect(url);
  const pool = new Piscina<SeedTask, SeedResult>({
    filename: new URL('./thread-worker.ts', import.meta.url).href,
    minThreads: opts.threads,
    maxThreads: opts.threads,
    idleTimeout: 60_000,
  });
  const log = opts.log ?? (() => {});
  const worker = new Worker<SeedTask, ReplicationResult[]>(
    QUEUE_NAME,
    async (job) => {
      log(`job ${job.id} seed ${job.data.seed} started`);
      const r = await pool.run(job.data);
      log(`job ${job.id} seed ${job.data.seed} done`);
      return r.results;
    },
    {
      connection,
      concurrency: opts.threads,
      lockDuration: opts.lockMs ?? 30_000,
      stalledInterval: opts.stalledIntervalMs ?? 30_000,
      maxStalledCount: 5,
    },
  );
  worker.on('failed', (job, err) => log(`job ${job?.id ?? '?'} failed: ${err.message}`));
  await worker.waitUntilReady();
  log(`worker ready on ${QUEUE_NAME} (${opts.threads} thread${opts.threads === 1 ? '' : 's'})`);
  return {
    async close() {
      await worker.close();
      await pool.destroy();
      if (connection.isOpen) await connection.quit().catch(() => undefined);
    },
  };
}
