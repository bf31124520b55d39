// `sim scenario export-msel <file.yaml>` prints the drill's MSEL as CSV (UTF-8 with a BOM);
// `sim scenario import-msel msel.csv --into <file.yaml>` replaces the file's inject timeline with it,
// after checking the result (nothing is written when it does not validate).
import fs from 'node:fs';
import type { Command } from 'commander';
import { exportMsel, importMsel } from '../scenario/msel.ts';
import { parseScenarioText } from '../scenario/load-scenario.ts';
import { registerScenarioNew } from './scenario-new.ts';

export function registerScenarioCommands(program: Command): void {
  const scenario = program.command('scenario').description('drill scripts: new from a template, MSEL spreadsheets');
  registerScenarioNew(scenario);
  scenario
    .command('export-msel')
    .argument('<file>', 'scenario file')
    .description('print the inject timeline as an HSEEP MSEL (CSV, UTF-8 with BOM)')
    .action((file: string) => {
      process.stdout.write(exportMsel(fs.readFileSync(file, 'utf8')));
    });
  scenario
    .command('import-msel')
    .argument('<csv>', 'MSEL CSV file')
    .requiredOption('--into <file>', 'scenario file whose injects it replaces')
    .description('replace a scenario\'s inject timeline with an MSEL (checked before it is written)')
    .action((csv: string, opts: { into: string }) => {
      const text = importMsel(fs.readFileSync(opts.into, 'utf8'), fs.readFileSync(csv, 'utf8'));
      parseScenarioText(text, opts.into); // throws DataFileError: nothing written
      fs.writeFileSync(opts.into, text);
      process.stdout.write(`${opts.into}: inject timeline replaced from ${csv}\n`);
    });
}
