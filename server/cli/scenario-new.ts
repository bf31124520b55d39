// `sim scenario new <template> <file>`: a new drill from a template of the library (one per
// formation), checked against its region before it is written; `sim scenario templates` lists them.
import fs from 'node:fs';
import type { Command } from 'commander';
import { findTemplate, listTemplates, scaffoldDrill } from '../scenario/scaffold.ts';
import { parseScenarioText } from '../scenario/load-scenario.ts';
import { listRegions, loadWorld } from '../scenario/load-world.ts';

const DEFAULT_SCENARIOS_DIR = 'scenarios';

interface NewOptions { name?: string; nameZh?: string; seed?: string; mode?: string; force?: boolean; scenariosDir: string; seedsDir: string }

export function registerScenarioNew(scenario: Command): void {
  scenario
    .command('templates')
    .option('--scenarios-dir <dir>', 'where the drill library is', DEFAULT_SCENARIOS_DIR)
    .description('list the drill templates (one per formation)')
    .action((opts: { scenariosDir: string }) => {
      for (const t of listTemplates(opts.scenariosDir)) process.stdout.write(`${t.name.padEnd(16)} ${t.file}  ${t.title}\n`);
    });
  scenario
    .command('new')
    .argument('<template>', 'a formation (high-rise, underground, large-complex, chemical, forest, earthquake, flood, traffic, everyday, cross-region) or a drill file name')
    .argument('<file>', 'the new scenario file')
    .option('--name <title>', 'English title')
    .option('--name-zh <title>', 'Chinese title')
    .option('--seed <n>', 'random seed')
    .option('--mode <mode>', 'manual (players dispatch; default) or auto')
    .option('--force', 'overwrite the file if it exists')
    .option('--scenarios-dir <dir>', 'where the drill library is', DEFAULT_SCENARIOS_DIR)
    .option('--seeds-dir <dir>', 'directory of the world data', 'seeds')
    .description('scaffold a drill from a template of the library, checked before it is written')
    .action((wanted: string, file: string, opts: NewOptions) => {
      const templates = listTemplates(opts.scenariosDir);
      const t = findTemplate(templates, wanted);
      if (!t) throw new Error(`no drill template "${wanted}" (expected one of: ${templates.map((x) => x.name).join(', ') || `none in ${opts.scenariosDir}`})`);
      if (fs.existsSync(file) && !opts.force) throw new Error(`${file} exists (expected a new file name, or --force to overwrite it)`);
      const seed = opts.seed === undefined ? undefined : Number(opts.seed);
      if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) throw new Error(`--seed ${opts.seed}: expected a whole number ≥ 0`);
      if (opts.mode !== undefined && opts.mode !== 'manual' && opts.mode !== 'auto') throw new Error(`--mode ${opts.mode}: expected manual or auto`);
      const text = scaffoldDrill(fs.readFileSync(t.file, 'utf8'), t.file, {
        target: file, scenariosDir: opts.scenariosDir,
        ...(opts.name ? { name: opts.name } : {}), ...(opts.nameZh ? { nameZh: opts.nameZh } : {}),
        ...(seed !== undefined ? { seed } : {}), ...(opts.mode ? { mode: opts.mode as 'manual' | 'auto' } : {}),
      });
      // Checked against the world of its region before anything is written (DataFileError: nothing written).
      const regions = listRegions(opts.seedsDir);
      const scenario = parseScenarioText(text, file, (regionId) => loadWorld({ seedsDir: opts.seedsDir, regionId, roads: false }), regions);
      fs.writeFileSync(file, text);
      process.stdout.write(`${file}: new ${t.name} drill from ${t.file} (${scenario.mode} mode, ${scenario.injects.length} injects, ${scenario.expected.length} expected actions); check it with: npm run sim -- validate ${file}\n`);
    });
}
