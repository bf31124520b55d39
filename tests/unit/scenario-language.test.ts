// The drill script language (shared/schemas/scenario.ts): a trainer who misspells a key or a
// section is told where and what was expected, instead of having it silently dropped; the short
// `calls:` form keeps loading; the JSON Schema editors use is the one the code generates.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataText } from '../../server/files/read-data-file.ts';
import { DataFileError } from '../../server/files/data-file-error.ts';
import { ScenarioSchema, scriptExpected, scriptInjects } from '../../shared/schemas/scenario.ts';
import { scenarioJsonSchemaText, SCENARIO_SCHEMA_FILE } from '../../server/scenario/scenario-json-schema.ts';

const HEAD = `name: Flood drill
nameZh: 城市内涝演练
region: demo-county
start: 2026-07-01T08:00:00+08:00
duration: 3h
`;

function problems(text: string): string[] {
  try {
    parseDataText(text, 'drill.yaml', ScenarioSchema);
  } catch (err) {
    if (err instanceof DataFileError) return err.issues.map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('unknown keys are refused everywhere', () => {
  it('reports the four sections a flood drill used to lose silently, each at its line', () => {
    const text = `${HEAD}closures: []\nhazards: []\ncommsOutages: []\nexpected: []\n`;
    // hazards and expected are sections of the language now; closures and commsOutages are not.
    const p = problems(text);
    expect(p).toEqual([
      expect.stringMatching(/^6:1: closures: unknown key "closures" \(expected one of: .*injects.*\)$/),
      expect.stringMatching(/^8:1: commsOutages: unknown key "commsOutages"/),
    ]);
  });

  it('reports a misspelt field of a call, a misplaced field of an inject, an unknown fact and a bad capability in one pass', () => {
    const text = `${HEAD}calls:
  - at: 5m
    type: flood-rescue
    location: Xingfu Community
    trappd: 3
injects:
  - id: rain
    at: T+10:00
    kind: message
    text: { zh: 暴雨红色预警, en: Red rainstorm warning }
    wind: 3
  - id: late-boats
    at: T+30:00
    kind: message
    text: { zh: 群众被困, en: People stranded }
    contingency:
      when: { not: { onScen: { incident: inj-1 } } }
  - id: no-boats
    at: T+30:00
    kind: message
    text: { zh: a, en: b }
    contingency:
      when: { not: { onScene: { incident: inj-1, capability: boats } } }
`;
    const p = problems(text);
    expect(p).toHaveLength(4);
    expect(p[0]).toMatch(/^10:5: calls\.0\.trappd: unknown key "trappd" \(expected one of: .*trapped/);
    expect(p[1]).toMatch(/^16:5: injects\.0\.wind: unknown key "wind" \(expected one of: .*text/);
    expect(p[2]).toMatch(/^22:22: injects\.1\.contingency\.when\.not\.onScen: unknown key "onScen" \(expected one of: .*onScene/);
    expect(p[3]).toMatch(/^28:62: injects\.2\.contingency\.when\.not\.onScene\.capability: unknown capability "boats"/);
  });

  it('names the inject kinds when a kind is unknown and asks for a time when there is none', () => {
    const p = problems(`${HEAD}injects:\n  - id: a\n    kind: flood\n  - id: b\n    kind: message\n    text: { zh: a, en: b }\n`);
    expect(p[0]).toMatch(/^8:11: injects\.0\.kind: unknown inject kind "flood" \(expected kind: one of call, hazard, road-closure/);
    expect(p[1]).toMatch(/^9:5: injects\.1\.at: missing time \(expected `at: T\+mm:ss`, `after: <inject id>` with `delay:`, or `held: true`\)/);
  });

  it('refuses two ids for one inject, counting the default ids of the short form', () => {
    const p = problems(`${HEAD}calls:\n  - { at: 5m, type: building-fire, location: Xingfu Community }\ninjects:\n  - { id: inj-1, at: T+06:00, kind: message, text: { zh: a, en: b } }\n`);
    expect(p).toEqual([expect.stringMatching(/injects\.0\.id: inject id "inj-1" is already used by scripted call 1/)]);
  });
});

describe('the timeline', () => {
  it('reads T+mm:ss, durations, date-times and `after` chains, and keeps the short form as call injects first', () => {
    const { data } = parseDataText(`${HEAD}calls:
  - { at: 00:05:00, type: building-fire, location: Xingfu Community, trapped: 2, description: 浓烟 }
injects:
  - { id: warn, at: T+12:30, kind: message, text: { zh: a, en: b } }
  - { id: later, after: warn, delay: 5m, kind: message, text: { zh: c, en: d } }
  - { id: clock, at: "2026-07-01T09:00:00+08:00", kind: unit-breakdown, unit: qs-special-SG-1 }
  - { id: held, held: true, kind: message, text: { zh: e, en: f } }
expected:
  - id: ea-1
    description: { zh: 危化车20分钟内到场, en: hazmat unit on scene within 20 min }
    check: { onScene: { incident: inj-1, capability: hazmat } }
    by: T+20m
`, 'drill.yaml', ScenarioSchema);
    const injects = scriptInjects(data);
    expect(injects.map((j) => [j.id, j.kind, j.at])).toEqual([
      ['inj-1', 'call', 5 * 60_000],
      ['warn', 'message', 12.5 * 60_000],
      ['later', 'message', undefined],
      ['clock', 'unit-breakdown', 3_600_000],
      ['held', 'message', undefined],
    ]);
    expect(injects[0]).toMatchObject({ words: '浓烟', truth: { trapped: 2 }, origin: { list: 'calls', index: 0 } });
    expect(injects[2]).toMatchObject({ after: 'warn', delay: 5 * 60_000 });
    expect(scriptExpected(data)[0]).toMatchObject({ id: 'ea-1', by: 20 * 60_000, check: { onScene: { incident: 'inj-1', capability: 'hazmat', count: 1 } } });
  });
});

describe('the JSON Schema for editors', () => {
  it('is the one the code generates, and every shipped scenario points at it', () => {
    expect(fs.readFileSync(SCENARIO_SCHEMA_FILE, 'utf8')).toBe(scenarioJsonSchemaText());
    for (const f of fs.readdirSync('scenarios').filter((n) => n.endsWith('.yaml'))) {
      expect(fs.readFileSync(`scenarios/${f}`, 'utf8').split('\n')[0], f).toBe('# yaml-language-server: $schema=./scenario.schema.json');
    }
  });
});
