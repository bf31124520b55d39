// Data files: a user who makes a mistake in a seed or scenario file is told where (file:line:col),
// which field, and what was expected; correct files load. Fixture seed directories are copies of
// the real seeds/ with one file altered.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument, isMap, isScalar, isSeq } from 'yaml';
import { loadWorld, listRegions } from '../../server/scenario/load-world.ts';
import { loadScenario, resolveCallLocation } from '../../server/scenario/load-scenario.ts';
import { loadDataFile } from '../../server/files/read-data-file.ts';
import { DataFileError } from '../../server/files/data-file-error.ts';
import { applyVariant, loadVariant } from '../../server/batch/variants.ts';
import { indexRegion } from '../../shared/region-lookup.ts';
import { CallProfileSchema } from '../../shared/schemas/scenario.ts';
import type { Region } from '../../shared/schemas/region.ts';

const REPO = process.cwd();
const SEEDS = path.join(REPO, 'seeds');
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'data-files-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

let counter = 0;
function tmpDir(): string {
  const dir = path.join(tmpRoot, `case-${++counter}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function writeTmp(name: string, text: string): string {
  const file = path.join(tmpDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

/** A copy of the real seeds/ in a fresh directory (so one file can be altered). */
function copySeeds(): string {
  const dir = path.join(tmpDir(), 'seeds');
  fs.cpSync(SEEDS, dir, { recursive: true });
  return dir;
}

function errorOf(fn: () => unknown): DataFileError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DataFileError) return err;
    throw err;
  }
  throw new Error('expected a DataFileError, but the file loaded');
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; col: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  expect(line, `"${needle}" in the fixture`).toBeGreaterThanOrEqual(0);
  return { line: line + 1, col: lines[line]!.indexOf(needle) + 1 };
}

const world = loadWorld();
const places = [...new Set(world.region.cells.flatMap((c) => (c.place ? [c.place] : [])))];
const somePlace = places[0] ?? world.region.stations[0]!.id;

function scenarioText(calls: string): string {
  return [
    'name: Test',
    'region: demo-county',
    'start: 2026-06-01T00:00:00+08:00',
    'duration: 24h',
    'calls:',
    calls,
  ].join('\n');
}

describe('scenario files', () => {
  it('names file:line:col, the field path and the expected values for an unknown incident type', () => {
    const text = scenarioText(`  - at: 10m\n    type: house-fire\n    location: ${JSON.stringify(somePlace)}\n`);
    const file = writeTmp('bad-type.yaml', text);
    const err = errorOf(() => loadScenario(file));
    const { line, col } = positionOf(text, 'house-fire');
    expect(err.message).toContain(`${file}:${line}:${col}: calls.0.type: unknown incident type "house-fire"; expected one of: building-fire,`);
    expect(err.issues).toEqual([expect.objectContaining({ file, line, col, path: 'calls.0.type' })]);
  });

  it('rejects a duration it cannot read, saying which forms it accepts', () => {
    const text = scenarioText('  []').replace('duration: 24h', 'duration: 3 days');
    const file = writeTmp('bad-duration.yaml', text);
    const err = errorOf(() => loadScenario(file));
    const { line, col } = positionOf(text, '3 days');
    expect(err.message).toContain(`${file}:${line}:${col}: duration: not a duration: "3 days" (expected e.g. "90s", "45m", "24h", "365d", "00:05:00" or seconds)`);
  });

  it('reports a missing required field at its parent, with the expected type', () => {
    const text = scenarioText(`  - at: 10m\n    type: building-fire\n    location: ${JSON.stringify(somePlace)}\n  - at: 20m\n    location: [0, 0]\n`);
    const file = writeTmp('missing-type.yaml', text);
    const err = errorOf(() => loadScenario(file));
    const { line, col } = positionOf(text, 'at: 20m');
    expect(err.message).toContain(`${file}:${line}:${col}: calls.1.type: missing required field "type" (expected one of: building-fire,`);
  });

  it('gives file:line for a YAML syntax error', () => {
    const text = scenarioText(`  - at: 10m\n    type: [building-fire\n    location: x\n`);
    const file = writeTmp('syntax.yaml', text);
    const err = errorOf(() => loadScenario(file));
    expect(err.issues.length).toBeGreaterThan(0);
    const issue = err.issues[0]!;
    expect(issue.file).toBe(file);
    expect(issue.line).toBeGreaterThanOrEqual(positionOf(text, '[building-fire').line);
    expect(err.message).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: YAML syntax error: `));
  });

  it('lists every problem of a file at once, in file order', () => {
    const text = scenarioText('  - at: 1x\n    type: fire\n    location: 5\n').replace('name: Test', 'name: ""');
    const file = writeTmp('many.yaml', text);
    const err = errorOf(() => loadScenario(file));
    expect(err.issues.map((i) => i.path)).toEqual(['name', 'calls.0.at', 'calls.0.type', 'calls.0.location']);
    expect(err.message.split('\n')[0]).toBe(`4 problems in ${file}:`);
  });

  it('rejects an unknown place name in the loaded region, suggesting close names', () => {
    const text = scenarioText(`  - at: 10m\n    type: building-fire\n    location: Atlantis Square\n`);
    const file = writeTmp('unknown-place.yaml', text);
    const err = errorOf(() => loadScenario(file, world));
    const { line, col } = positionOf(text, 'Atlantis Square');
    expect(err.message).toContain(`${file}:${line}:${col}: calls.0.location: unknown place "Atlantis Square" in region demo-county (expected `);
    // A typo of a real place name is met with the right name.
    const typo = somePlace.length > 4 ? somePlace.slice(0, -1) + (somePlace.endsWith('x') ? 'y' : 'x') : `${somePlace}x`;
    const typoFile = writeTmp('typo.yaml', scenarioText(`  - at: 10m\n    type: building-fire\n    location: ${JSON.stringify(typo)}\n`));
    expect(errorOf(() => loadScenario(typoFile, world)).message).toContain(`did you mean ${JSON.stringify(somePlace)}`);
  });

  it('rejects coordinates outside the region grid and a scenario made for another region', () => {
    const text = scenarioText(`  - at: 10m\n    type: building-fire\n    location: [10.5, 20.5]\n`);
    const file = writeTmp('outside.yaml', text);
    const { line } = positionOf(text, '[10.5, 20.5]');
    expect(errorOf(() => loadScenario(file, world)).message).toContain(`${file}:${line}:15: calls.0.location: [10.5, 20.5] is outside region demo-county (expected lat `);
    const other = writeTmp('other-region.yaml', text.replace('region: demo-county', 'region: elsewhere'));
    expect(errorOf(() => loadScenario(other, world)).message).toContain(`${other}:2:9: region: scenario is for region "elsewhere" but the loaded region is "demo-county" (expected "demo-county")`);
  });

  it('loads every shipped scenario against the demo county, with places resolved to points in the region', () => {
    const index = indexRegion(world.region);
    const files = fs.readdirSync(path.join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(expect.arrayContaining(['normal-day.yaml', 'normal-year.yaml', 'tabletop-highrise.yaml']));
    for (const f of files) {
      const scenario = loadScenario(path.join('scenarios', f), world);
      expect(scenario.region).toBe('demo-county');
      for (const call of scenario.calls) {
        const p = resolveCallLocation(index, call.location);
        expect(p, `${f}: ${JSON.stringify(call.location)}`).toBeDefined();
        expect(index.cellAt(p!)).toBeDefined();
      }
    }
    const day = loadScenario('scenarios/normal-day.yaml', world);
    expect(day.duration).toBe(24 * 3_600_000);
    expect(day.calls.length).toBeGreaterThanOrEqual(2);
    const tabletop = loadScenario('scenarios/tabletop-highrise.yaml', world);
    expect(tabletop.mode).toBe('manual');
    expect(tabletop.calls[0]).toMatchObject({ at: 5 * 60_000, type: 'high-rise-fire' });
    expect(tabletop.calls[0]!.trapped).toBeGreaterThan(0);
  });

  it('applies every shipped what-if variant (scenarios/variants) to the demo county', () => {
    const day = loadScenario('scenarios/normal-day.yaml', world);
    const files = fs.readdirSync(path.join(REPO, 'scenarios', 'variants')).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(expect.arrayContaining(['new-station-wenchang.yaml', 'township-24h-watch.yaml']));
    for (const f of files) expect(() => applyVariant(world, day, loadVariant(path.join('scenarios', 'variants', f))), f).not.toThrow();
    const wenchang = applyVariant(world, day, loadVariant('scenarios/variants/new-station-wenchang.yaml')).world;
    const station = wenchang.region.stations.find((s) => s.id === 'qs-wenchang')!;
    expect(station.units.map((u) => u.type)).toEqual(['SG', 'SG']);
    expect(world.region.jurisdictions.map((j) => j.id)).toContain(station.jurisdictionId); // it stands inside the county
    const watch = applyVariant(world, day, loadVariant('scenarios/variants/township-24h-watch.yaml')).world;
    expect(watch.doctrine.turnoutSeconds['township-1']).toEqual({ day: 60, night: 90 });
    expect(watch.doctrine.turnoutSeconds['township-2']).toEqual({ day: 60, night: 90 });
  });
});

describe('seed files', () => {
  it('loads the real seeds into a world of the demo county', () => {
    expect(listRegions()).toContain('demo-county');
    expect(world.region.id).toBe('demo-county');
    expect(world.unitTypes.unitTypes.length).toBeGreaterThan(5);
    expect(Object.keys(world.runCards.cards)).toContain('high-rise-fire');
    expect(world.callProfile.hourOfDay).toHaveLength(24);
  });

  it('reports a run card no force in the region could ever satisfy, at the line of the need', () => {
    const seeds = copySeeds();
    const file = path.join(seeds, 'run-cards.yaml');
    const doc = parseDocument(fs.readFileSync(file, 'utf8'));
    const needs = yamlPath(doc.contents, ['cards', 'hazmat', '3', 'needs']);
    if (!isSeq(needs) || needs.items.length === 0) throw new Error('fixture: cards.hazmat.3.needs is not a list');
    const index = Math.min(1, needs.items.length - 1);
    needs.items[index] = doc.createNode({ capability: 'hazmat', vehicles: 99, tiers: ['national'] });
    const text = doc.toString();
    fs.writeFileSync(file, text);
    const have = world.region.stations
      .filter((s) => ['special-service', 'class-1', 'class-2', 'small', 'logistics', 'specialist-team'].includes(s.kind))
      .flatMap((s) => s.units)
      .filter((u) => world.unitTypes.unitTypes.find((t) => t.code === u.type)?.capabilities.includes('hazmat')).length;

    // Messages name files relative to the working directory, as a user typed them.
    const cwd = process.cwd();
    process.chdir(path.dirname(seeds));
    let err: DataFileError;
    try {
      err = errorOf(() => loadWorld({ seedsDir: 'seeds' }));
    } finally {
      process.chdir(cwd);
    }
    const vehiclesLine = positionOf(text, 'vehicles: 99').line;
    expect(err.issues).toHaveLength(1);
    const issue = err.issues[0]!;
    expect([vehiclesLine - 1, vehiclesLine]).toContain(issue.line);
    expect(text.split('\n')[issue.line - 1]).toContain('capability: hazmat');
    expect(err.message).toContain(
      `seeds/run-cards.yaml:${issue.line}:${issue.col}: cards.hazmat.3.needs.${index}: needs 99 vehicles with capability hazmat from tiers national, ` +
        `but the region demo-county has only ${have} such unit${have === 1 ? '' : 's'} — no force could ever satisfy this run card`,
    );
  });

  it('reports a unit whose type is not in the catalogue, at its line in region.json', () => {
    const seeds = copySeeds();
    const file = path.join(seeds, 'regions', 'demo-county', 'region.json');
    const region = JSON.parse(fs.readFileSync(file, 'utf8')) as Region;
    const k = region.stations.findIndex((s) => s.units.length > 0);
    region.stations[k]!.units[0]!.type = 'XYZ-99';
    const text = JSON.stringify(region, null, 1);
    fs.writeFileSync(file, text);
    const err = errorOf(() => loadWorld({ seedsDir: seeds }));
    const { line, col } = positionOf(text, '"XYZ-99"');
    expect(err.issues).toHaveLength(1);
    expect(err.message).toContain(`${file}:${line}:${col}: stations.${k}.units.0.type: unknown unit type "XYZ-99" (expected a code of ${path.join(seeds, 'unit-types.yaml')}: SG,`);
  });

  it('reports broken references and duplicate ids in the region, each at its own line', () => {
    const seeds = copySeeds();
    const file = path.join(seeds, 'regions', 'demo-county', 'region.json');
    const region = JSON.parse(fs.readFileSync(file, 'utf8')) as Region;
    region.stations[0]!.jurisdictionId = 'no-such-place';
    region.jurisdictions[0]!.homeStationId = 'no-such-station';
    region.stations[1]!.id = region.stations[0]!.id;
    const text = JSON.stringify(region, null, 1);
    fs.writeFileSync(file, text);
    const err = errorOf(() => loadWorld({ seedsDir: seeds }));
    const byPath = new Map(err.issues.map((i) => [i.path, i]));
    expect(byPath.get('stations.0.jurisdictionId')).toMatchObject({ line: positionOf(text, '"no-such-place"').line, message: expect.stringContaining('unknown jurisdiction "no-such-place" (expected one of: ') });
    expect(byPath.get('jurisdictions.0.homeStationId')).toMatchObject({ line: positionOf(text, '"no-such-station"').line, message: expect.stringContaining('home station "no-such-station" is not a station of this region') });
    expect(byPath.get('stations.1.id')?.message).toContain(`duplicate station id "${region.stations[0]!.id}"`);
  });

  it('gives line and column of a JSON syntax error in the region', () => {
    const seeds = copySeeds();
    const file = path.join(seeds, 'regions', 'demo-county', 'region.json');
    fs.writeFileSync(file, '{\n  "id": "demo-county",\n  "name" "Demo"\n}\n');
    const err = errorOf(() => loadWorld({ seedsDir: seeds }));
    expect(err.issues).toEqual([expect.objectContaining({ file, line: 3, col: 10, path: '' })]);
    expect(err.message).toContain(`${file}:3:10: JSON syntax error`);
  });

  it('rejects land uses the region does not know in the call profile', () => {
    const text = fs.readFileSync(path.join(SEEDS, 'call-profile.yaml'), 'utf8').replace(/^ {2}water:/m, '  swamp:');
    const seeds = copySeeds();
    const file = path.join(seeds, 'call-profile.yaml');
    fs.writeFileSync(file, text);
    const err = errorOf(() => loadWorld({ seedsDir: seeds }));
    const { line, col } = positionOf(text, 'swamp:');
    expect(err.message).toContain(`${file}:${line}:${col}: landUseWeight.swamp: unknown land use "swamp" (expected one of: urban, suburban, village, rural, forest, industrial, water, default)`);
  });

  it('reports an unknown region with the regions that exist', () => {
    const err = errorOf(() => loadWorld({ regionId: 'atlantis' }));
    expect(err.message).toContain('unknown region "atlantis" (expected one of: demo-county');
  });

  it('validates a single data file by its schema with the offending value located', () => {
    const file = writeTmp('profile.yaml', 'callsPerYearPer10k: -3\nhourOfDay: [1, 2]\nlandUseWeight: {}\ntypeMix: {}\n');
    const err = errorOf(() => loadDataFile(file, CallProfileSchema));
    expect(err.message).toContain(`${file}:1:21: callsPerYearPer10k: Too small: expected number to be >0`);
    expect(err.message).toContain(`${file}:2:12: hourOfDay: Too small: expected array to have exactly 24 items`);
  });
});

/** Node at a path of map keys (compared as strings, so `3:` matches '3'). */
function yamlPath(node: unknown, keys: string[]): unknown {
  let cur = node;
  for (const k of keys) {
    if (!isMap(cur)) return undefined;
    cur = cur.items.find((p) => isScalar(p.key) && String(p.key.value) === k)?.value;
  }
  return cur;
}
