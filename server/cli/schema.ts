// The `schema` command: prints the JSON Schema of scenario files (for editors and other tools).
// Usage: npm run sim -- schema > scenarios/scenario.schema.json
import type { Command } from 'commander';
import { scenarioJsonSchemaText } from '../scenario/scenario-json-schema.ts';

export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (npm run sim -- schema > scenarios/scenario.schema.json)')
    .action(() => {
      process.stdout.write(scenarioJsonSchemaText());
    });
}
