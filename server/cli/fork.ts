// `sim fork <exercise-id> --at <time>`: a counterfactual run of a recorded exercise from moment T,
// with the same random streams, playing the changed commands of a JSON file (what is done
// differently) and the original's later commands; prints the side-by-side comparison (JSON) and
// writes the fork's report with the comparison on top (--report out.html|.json).
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { z } from 'zod';
import { InvalidArgumentError, type Command } from 'commander';
import { CommandSchema, ACTOR_ROLES } from '../../shared/commands.ts';
import { ScenarioSchema, type Mode } from '../../shared/schemas/scenario.ts';
import { parseDurationMs } from '../../shared/schemas/duration.ts';
import { openDatabase, DEFAULT_DB_FILE } from '../store/open-database.ts';
import { createExerciseStore } from '../store/exercise-store.ts';
import { parseDataText } from '../files/read-data-file.ts';
import { loadWorld } from '../scenario/load-world.ts';
import { loadCoverageConfig } from '../scenario/load-coverage-config.ts';
import { engineConfigFor } from '../scenario/engine-config.ts';
import { forkRun, type ForkCommand } from '../report/counterfactual-fork.ts';
import { compareRuns } from '../report/run-comparison.ts';
import { reportFromLog } from '../report/build-report.ts';
import { reportHtml } from '../report/report-output.ts';

const Time = z.union([z.number().int().min(0), z.string().transform((s, ctx) => {
  const ms = parseDurationMs(s);
  if (ms === undefined) ctx.addIssue({ code: 'custom', message: 'expected a time like 26m, 1h10m or 00:26:00' });
  return ms ?? 0;
})]);
const ForkCommandsSchema = z.array(z.strictObject({
  at: Time,
  command: CommandSchema,
  by: z.strictObject({ role: z.enum(ACTOR_ROLES), id: z.string().optional() }).default({ role: 'commander', id: 'fork' }),
}));

interface ForkCliOptions { at: number; until?: number; commands?: string; dropLater?: boolean; db: string; seedsDir: string; report?: string; lang: 'zh' | 'en' }

const duration = (v: string): number => {
  const ms = parseDurationMs(v);
  if (ms === undefined) throw new InvalidArgumentError('expected a time from the start, e.g. 26m, 1h10m or 00:26:00.');
  return ms;
};

function readCommands(file: string): ForkCommand[] {
  const parsed = ForkCommandsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new InvalidArgumentError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.map((c) => ({ at: c.at, command: c.command, by: c.by.id ? { role: c.by.role, id: c.by.id } : { role: c.by.role } }));
}

async function forkCommand(exerciseId: string, opts: ForkCliOptions): Promise<void> {
  const db = openDatabase(opts.db);
  try {
    const store = createExerciseStore(db);
    const r = store.get(exerciseId);
    if (!r) throw new InvalidArgumentError(`no exercise ${exerciseId} in ${opts.db}`);
    const scenario = parseDataText(r.scenarioSource || readFileSync(r.scenarioId, 'utf8'), r.scenarioSource ? `${r.scenarioId}.yaml` : r.scenarioId, ScenarioSchema).data;
    const world = loadWorld({ seedsDir: opts.seedsDir, regionId: r.regionId });
    const mode = r.mode as Mode;
    const original = store.events.read(exerciseId);
    const fork = forkRun(engineConfigFor(world, scenario, { seed: r.seed, mode }), original, {
      at: opts.at, ...(opts.commands ? { commands: readCommands(opts.commands) } : {}), keepLaterCommands: !opts.dropLater,
      until: opts.until ?? Math.max(original.at(-1)?.t ?? 0, r.simTime), reaches: Math.max(original.at(-1)?.t ?? 0, r.simTime),
    });
    const comparison = compareRuns(original, fork.events);
    process.stdout.write(`${JSON.stringify({ exerciseId, forkAt: opts.at, sharedSeq: fork.sharedSeq, events: fork.events.length, refused: fork.refused, comparison }, null, 2)}\n`);
    if (!opts.report) return;
    const ext = extname(opts.report).toLowerCase();
    let body: string;
    if (ext === '.json') body = `${JSON.stringify({ comparison, refused: fork.refused }, null, 2)}\n`;
    else if (ext === '.html') {
      const built = reportFromLog({ world, scenario, seed: r.seed, mode, events: fork.events, coverageConfig: loadCoverageConfig(opts.seedsDir), exerciseId: `${exerciseId} fork @${opts.at / 1000}s`, participants: store.sessionsOf(exerciseId) });
      built.model.comparison = { originalId: exerciseId, forkAt: opts.at, runs: comparison };
      body = reportHtml(built.model, built.map, opts.lang);
    } else throw new InvalidArgumentError(`--report ${opts.report}: .html or .json`);
    const tmp = `${opts.report}.part-${process.pid}`;
    try { writeFileSync(tmp, body); renameSync(tmp, opts.report); } catch (err) { rmSync(tmp, { force: true }); throw err; }
  } finally {
    db.close();
  }
}

export function registerForkCommand(program: Command): void {
  program
    .command('fork')
    .description('counterfactual run of a recorded exercise from moment T with the same random streams; compares it with the original')
    .argument('<exercise-id>', 'exercise id in the database')
    .requiredOption('--at <time>', 'fork time from the start, e.g. 1h10m', duration)
    .option('--commands <file.json>', 'what is done differently: [{"at": "1h16m", "command": {"type": "DISPATCH_UNITS", …}, "by": {"role": "commander"}}]')
    .option('--drop-later', "do not replay the original's commands after T")
    .option('--until <time>', 'stop the fork here (default: where the original log ends)', duration)
    .option('--report <file>', 'write the fork report with the comparison: .html or .json')
    .option('--lang <lang>', 'zh or en', 'zh')
    .option('--db <file>', 'SQLite file of the exercise server', DEFAULT_DB_FILE)
    .option('--seeds-dir <dir>', 'directory of the world data', 'seeds')
    .action((id: string, opts: ForkCliOptions) => forkCommand(id, opts));
}
