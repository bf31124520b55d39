// MSEL spreadsheets: a drill exported to CSV (UTF-8 with BOM, the HSEEP columns plus a payload)
// and imported back gives an equal scenario; the CLI writes nothing when the sheet is wrong.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exportMsel, importMsel, MSEL_COLUMNS } from '../../server/scenario/msel.ts';
import { parseScenarioText } from '../../server/scenario/load-scenario.ts';
import { scriptInjects, type Scenario } from '../../shared/schemas/scenario.ts';

const timeline = (s: Scenario) => scriptInjects(s).map(({ origin: _o, ...j }) => j);

describe('MSEL round trip', () => {
  // Every drill of the library (all inject kinds: hazards, reinforcements with units, contingencies, held ones) and the short-form tabletop.
  const library = fs.readdirSync('scenarios').filter((f) => /^drill-.*\.yaml$/.test(f)).map((f) => f.replace(/\.yaml$/, ''));
  for (const file of [...library, 'tabletop-highrise']) {
    it(`${file}: export then import gives the same inject timeline and the rest of the file untouched`, () => {
      const text = fs.readFileSync(`scenarios/${file}.yaml`, 'utf8');
      const csv = exportMsel(text);
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv.slice(1).split('\r\n')[0]).toBe(MSEL_COLUMNS.join(','));
      const back = importMsel(text, csv);
      const a = parseScenarioText(text, `${file}.yaml`);
      const b = parseScenarioText(back, `${file}.yaml`);
      expect(timeline(b)).toEqual(timeline(a));
      const { calls: _c1, injects: _i1, ...restA } = a;
      const { calls: _c2, injects: _i2, ...restB } = b;
      expect(restB).toEqual(restA);
      expect(back.split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
    });
  }

  it('the CLI refuses a sheet with an unknown inject kind and leaves the file as it was', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msel-'));
    const target = path.join(dir, 'drill.yaml');
    fs.copyFileSync('scenarios/drill-chemical-leak.yaml', target);
    const before = fs.readFileSync(target, 'utf8');
    const csv = path.join(dir, 'msel.csv');
    fs.writeFileSync(csv, `\uFEFF${MSEL_COLUMNS.join(',')}\r\nx1,T+05:00,flood,,,,,,,\r\n`);
    let failed = false;
    try {
      execFileSync('npx', ['tsx', 'server/cli/main.ts', 'scenario', 'import-msel', csv, '--into', target], { stdio: 'pipe' });
    } catch (err) {
      failed = true;
      expect(String((err as { stderr: Buffer }).stderr)).toMatch(/injects\.0\.kind: unknown inject kind "flood"/);
    }
    expect(failed).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe(before);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
