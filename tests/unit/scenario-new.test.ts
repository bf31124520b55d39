// `sim scenario new <template> <file>` as a trainer runs it: a new drill from the library's template
// of a formation, in manual mode with its own title and seed, the same script as the template, the
// schema line pointing at the real schema; an existing file is not overwritten, an unknown template
// is refused with the list of templates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sim, ROOT } from '../fixtures/run-sim.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-new-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const world = loadWorld({ roads: false });

describe('sim scenario new', () => {
  it('scaffolds a valid drill from a formation\'s template, then refuses to overwrite it', async () => {
    const file = path.join(dir, 'my-quake.yaml');
    const made = await sim('scenario', 'new', 'earthquake', file, '--name', 'Quake drill, B shift', '--seed', '17');
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/new earthquake drill from scenarios\/drill-earthquake\.yaml \(manual mode, 8 injects, 2 expected actions\)/);
    const s = loadScenario(file, world);
    const template = loadScenario(path.join(ROOT, 'scenarios/drill-earthquake.yaml'), world);
    expect(s).toMatchObject({ name: 'Quake drill, B shift', nameZh: '地震多点坍塌及桥梁损毁(新建)', seed: 17, mode: 'manual', formation: 'earthquake' });
    expect(s.injects).toEqual(template.injects);
    expect(s.expected).toEqual(template.expected);
    const text = fs.readFileSync(file, 'utf8');
    const schemaRef = /^# yaml-language-server: \$schema=(.+)$/m.exec(text)![1]!;
    expect(path.resolve(dir, schemaRef)).toBe(path.join(ROOT, 'scenarios', 'scenario.schema.json'));
    expect(text).toContain('# 震: an earthquake'); // the template's comments are kept

    const again = await sim('scenario', 'new', 'high-rise', file);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/my-quake\.yaml exists \(expected a new file name, or --force to overwrite it\)/);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });

  it('refuses an unknown template and names the ten there are', async () => {
    const out = await sim('scenario', 'new', 'volcano', path.join(dir, 'v.yaml'));
    expect(out.code).not.toBe(0);
    const names = /expected one of: ([^)]+)\)/.exec(out.stderr)![1]!.split(', ').sort();
    expect(names).toEqual(['chemical', 'cross-region', 'earthquake', 'everyday', 'flood', 'forest', 'high-rise', 'large-complex', 'traffic', 'underground']);
    expect(fs.existsSync(path.join(dir, 'v.yaml'))).toBe(false);
  });
});
