// `sim import-region` as a user runs it, in a child process: a PBF extract and a CSV roster become
// a region in a temp seeds folder, which `validate` accepts and `run` simulates (a tiny scenario on
// the new region); a bad roster exits with code 2, names the line, and leaves no folder behind.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, makeSeedsDir, osmPbf, PLACE, ROSTER, rosterCsv, writeFixture } from '../fixtures/import-fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');

interface Outcome { code: number; stdout: string; stderr: string }

function sim(...args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(TSX, ['server/cli/main.ts', ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

let tmp: string;
let seeds: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'import-region-cli-'));
  seeds = makeSeedsDir(tmp, ROOT);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('sim import-region', () => {
  it('imports a PBF extract with a CSV roster; validate and run then work on the new region', async () => {
    const pbf = writeFixture(tmp, 'town.osm.pbf', osmPbf());
    const roster = writeFixture(tmp, 'stations.csv', rosterCsv());
    const out = await sim('import-region', pbf, '--name', 'Pbf Town', '--name-zh', '皮镇', '--roster', roster, '--seeds-dir', seeds);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Imported region pbf-town');
    expect(out.stdout).toMatch(/17 nodes, 36 directed edges, 7 one-way segments/);
    expect(out.stdout).toMatch(/2 smaller parts with 3 nodes dropped/);
    expect(out.stdout).toMatch(/land use \(ESTIMATE from road density\)/);
    expect(fs.readdirSync(path.join(seeds, 'regions', 'pbf-town')).sort()).toEqual(['region.json', 'roads.bin']);

    const scenario = writeFixture(tmp, 'drill.yaml', [
      'name: Pbf town drill', 'region: pbf-town', 'seed: 2', 'start: 2026-06-01T20:00:00+08:00', 'duration: 4h', 'mode: auto',
      'background: { enabled: true, callsPerYear: 2000 }',
      'calls:',
      `  - { at: 00:05:00, type: building-fire, location: ${PLACE.name}, reportedGrade: 2 }`,
      `  - { at: 00:40:00, type: vehicle-fire, location: [${at(950, 50).join(', ')}] }`,
    ].join('\n'));
    const validate = await sim('validate', scenario, '--seeds', '--seeds-dir', seeds);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('OK  ' + seeds + ' (region pbf-town: 8 stations, 96 units');
    expect(validate.stdout).toContain('(Pbf town drill, region pbf-town, 4h long, 2 scripted calls)');

    const run = await sim('run', scenario, '--seeds-dir', seeds, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { region: string; incidents: number; dispatches: number; logHash: string };
    expect(summary.region).toBe('pbf-town');
    expect(summary.incidents).toBeGreaterThanOrEqual(2);
    expect(summary.dispatches).toBeGreaterThanOrEqual(2);
    expect(summary.logHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exits with code 2 on a bad roster, names the line, and writes no folder', async () => {
    const osm = writeFixture(tmp, 'town.osm.pbf', osmPbf());
    const bad = writeFixture(tmp, 'roster.csv', rosterCsv(ROSTER.map((s, i) => (i === 5 ? { ...s, kind: 'stationx' } : s))));
    const before = fs.readdirSync(path.join(seeds, 'regions'));
    const out = await sim('import-region', osm, '--name', 'Bad Town', '--roster', bad, '--seeds-dir', seeds);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/roster\.csv:7: column kind: "stationx" is not a force kind \(expected one of: special-service, /);
    expect(out.stderr).not.toMatch(/\n\s+at /); // no stack
    expect(fs.readdirSync(path.join(seeds, 'regions'))).toEqual(before);
  });

  it('refuses to run without a roster, and to overwrite a region without --force', async () => {
    const osm = writeFixture(tmp, 'town2.osm.pbf', osmPbf());
    const noRoster = await sim('import-region', osm, '--name', 'Pbf Town', '--seeds-dir', seeds);
    expect(noRoster.code).toBe(2);
    expect(noRoster.stderr).toMatch(/^error: a region needs its stations to dispatch from: give --roster/);
    const again = await sim('import-region', osm, '--name', 'Pbf Town', '--roster', writeFixture(tmp, 'r2.csv', rosterCsv()), '--seeds-dir', seeds);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/region "pbf-town" already exists in .* \(add --force to replace it\)/);
  });
});
