// `sim report <exercise-id>`: the after-action report of a recorded exercise, from the database, as
// HTML, PDF, CSV (incidents or unit timelines) or JSON; and the `--report <file>` of `sim run`
// (format from the file's extension). Written to a temporary file and renamed, never half-written.
import { renameSync, writeFileSync, rmSync } from 'node:fs';
import { extname } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { DomainEvent } from '../../shared/events.ts';
import type { Scenario } from '../../shared/schemas/scenario.ts';
import type { ReportLang } from '../../shared/charts/chart-types.ts';
import type { World } from '../engine/types.ts';
import { openDatabase, DEFAULT_DB_FILE } from '../store/open-database.ts';
import { createExerciseStore } from '../store/exercise-store.ts';
import { loadWorld } from '../scenario/load-world.ts';
import { loadCoverageConfig } from '../scenario/load-coverage-config.ts';
import { reportFromLog, reportFromStore, type BuiltReport } from '../report/build-report.ts';
import { CSV_TABLES, REPORT_FORMATS, renderReport, type CsvTable, type ReportFormat } from '../report/report-output.ts';
import { TARGET_SETS, type TargetSet } from '../report/target-lines.ts';

const oneOf = <T extends string>(list: readonly T[], what: string) => (v: string): T => {
  if (!(list as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected ${what}: one of ${list.join(', ')}.`);
  return v as T;
};

interface ReportOptions { format: ReportFormat; lang: ReportLang; table: CsvTable; targets: TargetSet; out?: string; db: string; seedsDir: string }

async function emit(built: BuiltReport, opts: { format: ReportFormat; lang: ReportLang; table?: CsvTable; out?: string }): Promise<void> {
  const body = await renderReport(built.model, built.map, opts);
  if (!opts.out) {
    process.stdout.write(body);
    return;
  }
  const tmp = `${opts.out}.part-${process.pid}`;
  try {
    writeFileSync(tmp, body);
    renameSync(tmp, opts.out);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

async function reportCommand(exerciseId: string, opts: ReportOptions): Promise<void> {
  if (opts.format === 'pdf' && !opts.out) throw new InvalidArgumentError('a PDF goes to a file: add --out report.pdf');
  const db = openDatabase(opts.db);
  try {
    const store = createExerciseStore(db);
    const worlds = new Map<string, World>();
    const worldOf = (regionId: string): World => {
      let w = worlds.get(regionId);
      if (!w) worlds.set(regionId, (w = loadWorld({ seedsDir: opts.seedsDir, regionId })));
      return w;
    };
    const built = reportFromStore(store, exerciseId, worldOf, loadCoverageConfig(opts.seedsDir), { targetSet: opts.targets });
    await emit(built, { format: opts.format, lang: opts.lang, table: opts.table, ...(opts.out ? { out: opts.out } : {}) });
  } finally {
    db.close();
  }
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('after-action report of a recorded exercise (from the database): html, pdf, csv or json')
    .argument('<exercise-id>', 'exercise id, e.g. ex-tabletop-highrise-7-1')
    .option('--format <format>', `one of ${REPORT_FORMATS.join(', ')}`, oneOf(REPORT_FORMATS, 'a format'), 'html')
    .option('--lang <lang>', 'zh or en', oneOf(['zh', 'en'] as const, 'a language'), 'zh')
    .option('--table <table>', `for csv: ${CSV_TABLES.join(' or ')}`, oneOf(CSV_TABLES, 'a table'), 'incidents')
    .option('--targets <set>', `target lines: ${TARGET_SETS.join(' or ')} (NFPA 1710 lines added)`, oneOf(TARGET_SETS, 'a target set'), 'county')
    .option('--out <file>', 'write to this file instead of standard output (required for pdf)')
    .option('--db <file>', 'SQLite file of the exercise server', DEFAULT_DB_FILE)
    .option('--seeds-dir <dir>', 'directory of the world data', 'seeds')
    .action((id: string, opts: ReportOptions) => reportCommand(id, opts));
}

/** `sim run … --report out.html`: the headless run's report, format from the extension (.html .pdf .csv .json). */
export async function writeRunReport(file: string, run: { world: World; scenario: Scenario; seed: number; events: readonly DomainEvent[]; seedsDir: string; lang?: ReportLang }): Promise<void> {
  const ext = extname(file).slice(1).toLowerCase();
  const format = (REPORT_FORMATS as readonly string[]).includes(ext) ? (ext as ReportFormat) : undefined;
  if (!format) throw new InvalidArgumentError(`--report ${file}: the extension says the format, one of .${REPORT_FORMATS.join(', .')}`);
  const built = reportFromLog({ world: run.world, scenario: run.scenario, seed: run.seed, mode: run.scenario.mode, events: run.events, coverageConfig: loadCoverageConfig(run.seedsDir) });
  await emit(built, { format, lang: run.lang ?? 'zh', out: file });
}
