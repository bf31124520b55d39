// The JSON Schema of scenario files, generated from the zod schema (shared/schemas/scenario.ts) so
// editors with the YAML language server autocomplete and check drills as they are typed. Shipped
// scenarios point at scenarios/scenario.schema.json (`npm run sim -- schema > scenarios/scenario.schema.json`).
import { z } from 'zod';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';

export const SCENARIO_SCHEMA_FILE = 'scenarios/scenario.schema.json';

/** The schema of what authors write (the input side: durations as text, defaults optional). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7', reused: 'ref' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://fire-dispatch-sim.example/scenario.schema.json',
    title: 'Fire-rescue drill scenario (消防救援推演脚本)',
    description: 'A scenario file of scenarios/*.yaml; see scenarios/README.md.',
  };
}

/** The text written to scenario.schema.json (stable key order, trailing newline). */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
