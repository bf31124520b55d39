// `sim batch`: replications of a scenario on worker threads (or on machines through a queue), with
// 95 % confidence intervals, pooled percentiles, breakdowns, target compliance and variants compared
// with the baseline on the same seeds. Text by default, one JSON object with --json, CSV with --csv,
// an HTML report with --report. A progress bar goes to a terminal's stderr (never with --json).
import fs from 'node:fs';
import path from 'node:path';
import type { Command} from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { parseDurationMs } from '../../shared/schemas/duration.ts';
import { TargetSetSchema, type TargetSet } from '../../shared/schemas/targets.ts';
import { loadWorld } from '../scenario/load-world.ts';
import { loadScenario } from '../scenario/load-scenario.ts';
import { loadDataFile } from '../files/read-data-file.ts';
import { applyVariant, loadVariant } from '../batch/variants.ts';
import { runBatch, seedsFrom, type BatchProgress, type BatchRun } from '../batch/run-batch.ts';
import { aggregate, compare, type BatchSummary, type VariantComparison } from '../batch/aggregate.ts';
import type { BatchSetup } from '../batch/setup.ts';
import { formatBatchText, formatBatchCsv } from '../batch/format-batch.ts';
import type { World } from '../engine/types.ts';

export interface BatchOptions {
  runs: number;
  seedBase: number;
  variant: string[];
  workers?: number;
  targets?: string;
  json?: boolean;
  csv?: boolean;
  report?: string;
  seedsDir: string;
  duration?: number;
  backgroundOnly?: boolean;
  coverage: boolean;
  queue?: string;
}

export interface BatchOutput {
  scenario: string;
  scenarioFile: string;
  runs: number;
  seedBase: number;
  workers: number | null;
  wallSeconds: number;
  replicationsPerSecond: number;
  baseline: BatchSummary;
  variants: (VariantComparison & { nameZh?: string; file: string })[];
}

const positiveInt = (what: string) => (v: string): number => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`expected ${what}, a whole number ≥ 1.`);
  return n;
};
const wholeNumber = (v: string): number => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number ≥ 0.');
  return n;
};
const duration = (v: string): number => {
  const ms = parseDurationMs(v);
  if (ms === undefined) throw new InvalidArgumentError('expected a duration, e.g. 24h or 7d.');
  return ms;
};
const collectList = (v: string, prev: string[]): string[] => [...prev, v];

/** A target set by name (seeds/targets/<name>.yaml) or by file. */
export function loadTargets(nameOrFile: string, seedsDir: string): TargetSet {
  const file = /\.(ya?ml|json)$/i.test(nameOrFile) ? nameOrFile : path.join(seedsDir, 'targets', `${nameOrFile}.yaml`);
  if (!fs.existsSync(file) && !/\.(ya?ml|json)$/i.test(nameOrFile)) {
    const dir = path.join(seedsDir, 'targets');
    const known = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)) : [];
    throw new Error(`unknown target set "${nameOrFile}" (expected one of: ${known.join(', ') || 'none found'}, or a .yaml file)`);
  }
  return loadDataFile(file, TargetSetSchema).data;
}

function progressBar(): { update(p: BatchProgress): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return {
    update(p) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && p.done < p.total) return;
      last = now;
      const width = 30;
      const filled = Math.round((p.done / p.total) * width);
      const rate = p.elapsedMs > 0 ? (p.done * 1000) / p.elapsedMs : 0;
      const eta = rate > 0 ? (p.total - p.done) / rate : Infinity;
      const etaText = Number.isFinite(eta) ? `${eta.toFixed(0)} s` : '…';
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} runs  ${rate.toFixed(1)} runs/s  ETA ${etaText}   `);
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

/** Loads and checks everything in this process first (bad files fail here, with their line), then runs. */
export async function batchCommand(file: string, opts: BatchOptions): Promise<void> {
  const bare = loadScenario(file);
  const world = loadWorld({ seedsDir: opts.seedsDir, regionId: bare.region, roads: false });
  const scenario = loadScenario(file, world);
  const worlds: World[] = [world];
  const names: { name: string; nameZh?: string; file: string }[] = [];
  for (const v of opts.variant) {
    const loaded = loadVariant(v);
    worlds.push(applyVariant(world, scenario, loaded).world);
    names.push({ name: loaded.variant.name, ...(loaded.variant.nameZh ? { nameZh: loaded.variant.nameZh } : {}), file: v });
  }
  const targets = opts.targets ? loadTargets(opts.targets, opts.seedsDir) : undefined;
  const setup: BatchSetup = {
    scenarioFile: file,
    seedsDir: opts.seedsDir,
    variantFiles: opts.variant,
    coverage: opts.coverage,
    ...(opts.duration !== undefined ? { durationMs: opts.duration } : {}),
    ...(opts.backgroundOnly ? { backgroundOnly: true } : {}),
  };
  const seeds = seedsFrom(opts.seedBase, opts.runs);
  const bar = opts.json ? undefined : progressBar();
  const onProgress = bar ? { onProgress: bar.update } : {};
  let run: BatchRun;
  if (opts.queue) {
    const { runBatchOnQueue } = await import('../batch/queue.ts');
    run = await runBatchOnQueue(opts.queue, setup, seeds, onProgress);
  } else {
    run = await runBatch(setup, seeds, { ...(opts.workers !== undefined ? { workers: opts.workers } : {}), ...onProgress });
  }
  bar?.done();
  const output = summarise(file, scenario.name, opts, run, worlds, names, targets);
  if (opts.report) {
    const { writeBatchReport } = await import('../batch/report.ts');
    const stationNames = new Map(worlds.flatMap((w) => w.region.stations.map((s) => [s.id, { zh: s.nameZh, en: s.name }] as const)));
    writeBatchReport(opts.report, output, { results: run.results, ...(targets ? { targets } : {}), firstArrivalTargetSeconds: world.doctrine.targets.firstArrivalSeconds, stationNames });
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  else if (opts.csv) process.stdout.write(formatBatchCsv(output));
  else process.stdout.write(formatBatchText(output));
}

export function summarise(file: string, scenarioName: string, opts: Pick<BatchOptions, 'seedBase' | 'workers' | 'queue'>, run: BatchRun, worlds: World[], names: { name: string; nameZh?: string; file: string }[], targets?: TargetSet): BatchOutput {
  const baseline = aggregate(worlds[0]!, scenarioName, run.results[0]!, targets);
  const variants = names.map((n, i) => ({
    name: n.name,
    ...(n.nameZh ? { nameZh: n.nameZh } : {}),
    file: n.file,
    summary: aggregate(worlds[i + 1]!, scenarioName, run.results[i + 1]!, targets),
    differences: compare(run.results[0]!, run.results[i + 1]!),
  }));
  return {
    scenario: scenarioName,
    scenarioFile: file,
    runs: run.seeds.length,
    seedBase: opts.seedBase,
    workers: opts.queue ? null : (opts.workers ?? null),
    wallSeconds: run.wallMs / 1000,
    replicationsPerSecond: run.wallMs > 0 ? (run.seeds.length * worlds.length * 1000) / run.wallMs : 0,
    baseline,
    variants,
  };
}

export function registerBatchCommand(program: Command, seedsDirDefault = 'seeds'): void {
  program
    .command('batch')
    .description('replications of a scenario with confidence intervals, breakdowns, targets and paired variants')
    .argument('<scenario>', 'scenario file, e.g. scenarios/normal-day.yaml')
    .requiredOption('--runs <n>', 'replications (seeds seed-base … seed-base + n − 1)', positiveInt('a number of runs'))
    .option('--seed-base <s>', 'first seed', wholeNumber, 1)
    .option('--variant <file>', 'a variant (YAML of changes) compared with the baseline on the same seeds; repeatable', collectList, [] as string[])
    .option('--workers <k>', 'worker threads (default: the cores; 0 = in this process)', wholeNumber)
    .option('--targets <set>', 'target set: china, nfpa-1710, nfpa-1720 (seeds/targets/) or a .yaml file')
    .addOption(new Option('--json', 'print one JSON object').conflicts('csv'))
    .option('--csv', 'print the estimates and differences as CSV')
    .option('--report <file>', 'write an HTML report (zh and en) with charts')
    .option('--duration <d>', "replace the scenario's duration, e.g. 7d", duration)
    .option('--background-only', "leave out the scenario's scripted calls")
    .option('--no-coverage', 'skip the coverage-over-time samples')
    .option('--queue <url>', 'run the replications on BullMQ workers (sim worker --queue …) over Redis, e.g. redis://127.0.0.1:6379')
    .option('--seeds-dir <dir>', 'directory of the world data', seedsDirDefault)
    .action((file: string, opts: BatchOptions) => batchCommand(file, opts));
}
