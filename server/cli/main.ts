// The command line: `run` a scenario headless and report (text or one JSON object), `validate` data
// files, `serve` the exercise server (server/cli/serve.ts; `npm start`), and `feed` a live terminal feed.
// Usage: npm run sim -- run scenarios/normal-day.yaml --seed 3 --json
// Data errors and command errors print a clear message (no stack) and exit with code 2.
import { openDatabase, DEFAULT_DB_FILE } from '../store/open-database.ts';
import { createEventStore } from '../store/event-store.ts';
import { basename, extname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { parseDurationMs } from '../../shared/schemas/duration.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { Scenario } from '../../shared/schemas/scenario.ts';
import { createEngine } from '../engine/engine.ts';
import type { Engine, World } from '../engine/types.ts';
import { loadWorld, listRegions } from '../scenario/load-world.ts';
import { loadScenario, scenarioRegionOf } from '../scenario/load-scenario.ts';
import { engineConfigFor } from '../scenario/engine-config.ts';
import { DataFileError } from '../files/data-file-error.ts';
import { createRunSummary, type RunSummary } from '../metrics/summary.ts';
import { createLogHasher } from '../metrics/log-hash.ts';
import { formatDurationMs, formatEventLine, formatSimClock, formatSummary } from '../metrics/format-summary.ts';
import { addServeCommand } from './serve.ts';
import { registerCoverageCommand } from './coverage.ts';
import { registerImportRegion } from './import-region.ts';
import { registerReportCommand, writeRunReport } from './report.ts';
import { registerForkCommand } from './fork.ts';
import { registerSchemaCommand } from './schema.ts';
import { registerScenarioCommands } from './scenario-msel.ts';
import { registerHazardCommand } from './hazard.ts';
import { registerBatchCommand } from './batch.ts';
import { slugOf } from '../../shared/slug.ts';
import { registerWorkerCommand } from './worker.ts';
import { registerVerifyCommand } from './verify.ts';

const HOUR_MS = 3_600_000;
const DEFAULT_SEEDS_DIR = 'seeds';
const SERVE_SCENARIO = 'scenarios/normal-day.yaml';

/** A mistake in how a command was used or what it was given; shown as one line, no stack. */
class CliError extends Error {}

// ---- argument parsers -------------------------------------------------------------------------

function parseSeed(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number ≥ 0, e.g. 42.');
  return n;
}

function parseDuration(v: string): number {
  const ms = parseDurationMs(v);
  if (ms === undefined) throw new InvalidArgumentError('expected a duration, e.g. 90s, 45m, 6h, 7d, 1h30m or 00:05:00.');
  return ms;
}

function parseSpeed(v: string): number {
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('expected a positive speed factor, e.g. 60.');
  return n;
}

// ---- loading and running ----------------------------------------------------------------------

/** The scenario and the world of its region, cross-checked. */
function loadRun(file: string, seedsDir: string, roads = true): { world: World; scenario: Scenario } {
  const region = scenarioRegionOf(file) ?? loadScenario(file).region; // which world to load; all of the file is checked against it below
  const world = loadWorld({ seedsDir, regionId: region, roads });
  return { world, scenario: loadScenario(file, world) };
}

function engineFor(world: World, scenario: Scenario, seed?: number): Engine {
  return createEngine(engineConfigFor(world, scenario, seed === undefined ? {} : { seed }));
}

/** Starts the engine and advances it to `until` an hour at a time, handing each batch of events on. */
function drive(engine: Engine, until: number, onEvents: (events: DomainEvent[]) => void): void {
  const end = Math.min(until, engine.endsAt);
  onEvents(engine.start());
  for (let t = Math.min(engine.now + HOUR_MS, end); ; t = Math.min(t + HOUR_MS, end)) {
    onEvents(engine.advanceTo(t));
    if (t >= end) break;
  }
}

interface RunOutcome {
  summary: RunSummary;
  logHash: string;
  seed: number;
  untilMs: number;
}

function runHeadless(world: World, scenario: Scenario, seed: number | undefined, untilMs: number | undefined, keep?: DomainEvent[]): RunOutcome {
  const engine = engineFor(world, scenario, seed);
  const fold = createRunSummary(world);
  const hasher = createLogHasher();
  const until = Math.min(untilMs ?? Number.POSITIVE_INFINITY, engine.endsAt);
  drive(engine, until, (events) => {
    hasher.addAll(events);
    for (const e of events) fold.add(e);
    keep?.push(...events);
  });
  return { summary: fold.result(engine.now), logHash: hasher.hex(), seed: engine.seed, untilMs: until };
}

// ---- commands ---------------------------------------------------------------------------------

interface RunOptions { seed?: number; until?: number; json?: boolean; seedsDir: string; travel: 'roads' | 'great-circle'; report?: string }

function parseTravel(v: string): 'roads' | 'great-circle' {
  if (v !== 'roads' && v !== 'great-circle') throw new InvalidArgumentError('expected roads or great-circle.');
  return v;
}

async function runCommand(file: string, opts: RunOptions): Promise<void> {
  const { world, scenario } = loadRun(file, opts.seedsDir, opts.travel === 'roads');
  const kept: DomainEvent[] | undefined = opts.report ? [] : undefined;
  const out = runHeadless(world, scenario, opts.seed, opts.until, kept);
  if (opts.report) await writeRunReport(opts.report, { world, scenario, seed: out.seed, events: kept!, seedsDir: opts.seedsDir });
  if (opts.json) {
    // The log hash first, then the whole summary (segments, byType, byGrade, …) in its own order.
    const json = { logHash: out.logHash, ...out.summary, seed: out.seed, scenario: scenario.name, scenarioFile: file };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${formatSummary(out.summary)}\n日志指纹 Log hash (SHA-256 of the event log): ${out.logHash}\n`);
}

interface ValidateOptions { seeds?: boolean; seedsDir: string }

/** Validates scenario files against their schema and the world of their region; exit code 1 on problems. */
function validateCommand(files: string[], opts: ValidateOptions): void {
  if (files.length === 0 && !opts.seeds) throw new CliError('nothing to validate: give scenario files and/or --seeds');
  let problems = 0;
  const reported = new Set<DataFileError>();
  const fail = (err: unknown): void => {
    if (!(err instanceof DataFileError)) throw err;
    if (reported.has(err)) return; // a broken world shared by several scenarios: once is enough
    reported.add(err);
    problems += err.issues.length;
    process.stderr.write(`${err.message}\n`);
  };
  const worlds = new Map<string, World | DataFileError>();
  const worldOf = (regionId: string): World | DataFileError => {
    let w = worlds.get(regionId);
    if (!w) {
      try {
        w = loadWorld({ seedsDir: opts.seedsDir, regionId });
      } catch (err) {
        if (!(err instanceof DataFileError)) throw err;
        w = err;
      }
      worlds.set(regionId, w);
    }
    return w;
  };

  if (opts.seeds) {
    const regions = listRegions(opts.seedsDir);
    if (regions.length === 0) regions.push('demo-county'); // loadWorld then says what is missing
    for (const regionId of regions) {
      const w = worldOf(regionId);
      if (w instanceof DataFileError) fail(w);
      else {
        const units = w.region.stations.reduce((n, s) => n + s.units.length, 0);
        process.stdout.write(`OK  ${opts.seedsDir} (region ${regionId}: ${w.region.stations.length} stations, ${units} units, ${w.unitTypes.unitTypes.length} unit types)\n`);
      }
    }
  }
  for (const file of files) {
    try {
      const regionId = scenarioRegionOf(file) ?? loadScenario(file).region; // no region: the schema says so
      const w = worldOf(regionId);
      if (w instanceof DataFileError) {
        loadScenario(file); // the file's own problems first
        process.stderr.write(`${file}: cannot check against region "${regionId}": its world data does not load${reported.has(w) ? ' (see above)' : ':'}\n`);
        fail(w);
        continue;
      }
      const s = loadScenario(file, w);
      const more = `${s.injects.length ? `, ${s.injects.length} injects` : ''}${s.expected.length ? `, ${s.expected.length} expected actions` : ''}`;
      process.stdout.write(`OK  ${file} (${s.name}, region ${s.region}, ${formatDurationMs(s.duration)} long, ${s.calls.length} scripted calls${more})\n`);
    } catch (err) {
      fail(err);
    }
  }
  if (problems > 0) {
    process.stderr.write(`${problems} problem${problems === 1 ? '' : 's'} found\n`);
    process.exitCode = 1;
  }
}

interface ServeOptions { speed: number; seed?: number; scenario: string; seedsDir: string; db: string }

/** A live terminal feed: the sim in real time × speed, one line per event (stored in SQLite), until Ctrl-C. */
async function serveCommand(opts: ServeOptions): Promise<void> {
  const { world, scenario } = loadRun(opts.scenario, opts.seedsDir);
  const engine = engineFor(world, scenario, opts.seed);
  const fold = createRunSummary(world);
  const offset = world.region.utcOffsetHours;
  const db = openDatabase(opts.db);
  const store = createEventStore(db);
  const slug = slugOf(scenario.name) || slugOf(basename(opts.scenario, extname(opts.scenario))) || 'scenario';
  const exerciseId = store.createNumberedExercise(`ex-${slug}-${engine.seed}`, {
    scenarioId: opts.scenario, regionId: world.region.id, seed: engine.seed, mode: scenario.mode, status: 'running',
  });
  const print = (events: DomainEvent[]): void => {
    // Stored before shown: what the terminal shows is already in the log.
    store.append(exerciseId, events);
    for (const e of events) {
      fold.add(e);
      process.stdout.write(`${formatEventLine(e, scenario.start, offset)}\n`);
    }
  };
  process.stdout.write(
    `Live terminal feed of ${opts.scenario} at ${opts.speed}× real time (the web board: npm start). Ctrl-C to stop.\n` +
      `Event log: exercise ${exerciseId} in ${opts.db} (SQLite).\n`,
  );
  print(engine.start());
  const wallStart = performance.now();
  await new Promise<void>((resolve, reject) => {
    const finish = (): void => {
      clearInterval(timer);
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
    };
    const stop = (why: string): void => {
      finish();
      store.setStatus(exerciseId, why === 'stopped' ? 'stopped' : 'ended', engine.now);
      process.stdout.write(`\n— ${why} at ${formatSimClock(engine.now, scenario.start, offset)} —\n${formatSummary(fold.result(engine.now))}`);
      process.stdout.write(`Event log: ${store.lastSeq(exerciseId)} events of exercise ${exerciseId} stored in ${opts.db}\n`);
      db.close();
      resolve();
    };
    const onSigint = (): void => stop('stopped');
    const timer = setInterval(() => {
      try {
        const simT = Math.min(engine.endsAt, Math.floor((performance.now() - wallStart) * opts.speed)); // whole ms: the log stays integer
        print(engine.advanceTo(simT));
        if (simT >= engine.endsAt) stop('end of scenario');
      } catch (err) {
        // The log keeps what was stored before the failure; the exercise says it did not end normally.
        finish();
        try {
          store.setStatus(exerciseId, 'failed', engine.now);
        } finally {
          db.close();
        }
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    }, 200);
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigint);
  });
}

// ---- program ----------------------------------------------------------------------------------

function buildProgram(): Command {
  const program = new Command('sim')
    .description('Fire-rescue dispatch and command simulator (消防救援调度指挥推演)')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');

  program
    .command('run')
    .description('run a scenario headless and report the response figures')
    .argument('<scenario>', 'scenario file, e.g. scenarios/normal-day.yaml')
    .option('--seed <n>', "random seed (default: the scenario's)", parseSeed)
    .option('--until <duration>', 'stop after this much sim time, e.g. 6h (default: the whole scenario)', parseDuration)
    .option('--json', 'print one JSON object instead of the text report')
    .option('--seeds-dir <dir>', 'directory of the world data', DEFAULT_SEEDS_DIR)
    .option('--travel <model>', 'travel model: roads (the region\'s road network) or great-circle (straight line × detour factor, for comparison)', parseTravel, 'roads')
    .option('--report <file>', 'also write the after-action report: .html, .pdf, .csv or .json')
    .action((file: string, opts: RunOptions) => runCommand(file, opts));

  program
    .command('validate')
    .description('check scenario files (and with --seeds the world data); exit code 1 on problems')
    .argument('[files...]', 'scenario files')
    .option('--seeds', 'also validate the seeds directory (every region in it)')
    .option('--seeds-dir <dir>', 'directory of the world data', DEFAULT_SEEDS_DIR)
    .action((files: string[], opts: ValidateOptions) => validateCommand(files, opts));

  program
    .command('feed')
    .description(`live terminal feed of ${SERVE_SCENARIO} in real time (the web board: serve)`)
    .option('--speed <factor>', 'sim seconds per wall-clock second', parseSpeed, 60)
    .option('--seed <n>', "random seed (default: the scenario's)", parseSeed)
    .option('--scenario <file>', 'scenario to play', SERVE_SCENARIO)
    .option('--seeds-dir <dir>', 'directory of the world data', DEFAULT_SEEDS_DIR)
    .option('--db <file>', 'SQLite file for the event log', DEFAULT_DB_FILE)
    .action((opts: ServeOptions) => serveCommand(opts));

  addServeCommand(program);
  registerCoverageCommand(program);
  registerImportRegion(program);
  registerReportCommand(program);
  registerForkCommand(program);
  registerSchemaCommand(program);
  registerScenarioCommands(program);
  registerHazardCommand(program);
  registerBatchCommand(program);
  registerWorkerCommand(program);
  registerVerifyCommand(program);

  return program;
}

/** Message and exit code for anything a command threw: 0 for help, else 2. */
function reportError(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2; // commander printed it already
  if (err instanceof DataFileError) process.stderr.write(`${err.message}\n`);
  else {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (!(err instanceof CliError) && process.env.DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  }
  return 2;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportError(err);
}
