// `sim worker --queue redis://host:port`: runs batch replications from the BullMQ queue on this
// machine until Ctrl-C (or SIGTERM), one per worker thread. Start it from the same checkout as the
// batch: jobs name scenario and seeds files by their relative paths.
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, type Command } from 'commander';

interface WorkerOptions { queue: string; threads?: number; lockSeconds: number }

const positive = (v: string): number => {
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('expected a positive number.');
  return n;
};

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run batch replications from a BullMQ queue on Redis (sim batch … --queue) until stopped')
    .requiredOption('--queue <url>', 'the Redis of the queue, e.g. redis://127.0.0.1:6379')
    .option('--threads <k>', 'replications at once (default: the cores)', (v) => Math.max(1, Math.floor(positive(v))))
    .option('--lock-seconds <s>', 'a job whose worker stops renewing its lock this long is given to another worker', positive, 30)
    .action(async (opts: WorkerOptions) => {
      const { startQueueWorker } = await import('../batch/queue.ts');
      const lockMs = Math.round(opts.lockSeconds * 1000);
      const w = await startQueueWorker(opts.queue, {
        threads: opts.threads ?? availableParallelism(),
        lockMs,
        stalledIntervalMs: Math.max(1000, Math.round(lockMs / 2)),
        log: (line) => process.stdout.write(`${line}\n`),
      });
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void w.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
