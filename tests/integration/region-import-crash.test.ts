// What a killed region import leaves, on a real seeds folder: a staging folder (killed while writing
// or checking) is never listed as a region; an import killed between the two renames of a --force
// swap leaves the old region readable under its id, and the next import puts it back before it
// swaps; and during a --force swap every rename leaves the region listed and loadable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listRegions, loadWorld } from '../../server/scenario/load-world.ts';
import { writeRegionAtomically } from '../../server/geo/import/write-region.ts';
import { makeSeedsDir } from '../fixtures/import-fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let seeds: string;
let regions: string;

beforeEach(() => {
  seeds = makeSeedsDir(fs.mkdtempSync(path.join(os.tmpdir(), 'region-crash-')), ROOT);
  regions = path.join(seeds, 'regions');
  fs.cpSync(path.join(ROOT, 'seeds', 'regions', 'demo-county'), path.join(regions, 'demo-county'), { recursive: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(path.dirname(seeds), { recursive: true, force: true });
});

/** The demo county's files under another name: what a --force re-import writes. */
const renamed = (name: string) => ({
  write(dir: string) {
    const region = JSON.parse(fs.readFileSync(path.join(ROOT, 'seeds', 'regions', 'demo-county', 'region.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'region.json'), JSON.stringify({ ...region, name }));
  },
  verify() {},
});

const nameOf = (): string => loadWorld({ seedsDir: seeds, regionId: 'demo-county', roads: false }).region.name;

describe('a killed region import', () => {
  it('leaves its staging folder unlisted: no region appears, the others load as before', () => {
    const before = nameOf();
    fs.cpSync(path.join(regions, 'demo-county'), path.join(regions, '.pbf-town.importing-4242-abc'), { recursive: true });
    fs.cpSync(path.join(regions, 'demo-county'), path.join(regions, '.demo-county.importing-4243-abd'), { recursive: true });
    expect(listRegions(seeds)).toEqual(['demo-county']);
    expect(() => loadWorld({ seedsDir: seeds, regionId: 'pbf-town', roads: false })).toThrow(/unknown region "pbf-town" \(expected one of: demo-county\)/);
    expect(nameOf()).toBe(before);
  });

  it('killed between the two renames of --force: the old region is still the region, and the next import puts it back before swapping', () => {
    const before = nameOf();
    fs.renameSync(path.join(regions, 'demo-county'), path.join(regions, '.demo-county.replaced-4242-abc'));
    expect(listRegions(seeds)).toEqual(['demo-county']);
    expect(nameOf()).toBe(before);
    writeRegionAtomically(path.join(regions, 'demo-county'), true, renamed('Re-imported county'));
    expect(nameOf()).toBe('Re-imported county');
    expect(fs.readdirSync(regions)).toEqual(['demo-county']); // nothing left aside
  });

  it('a --force import never leaves a moment without the region: after every rename it is listed and loads', () => {
    const seen: string[] = [];
    const rename = fs.renameSync.bind(fs);
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      rename(from, to);
      expect(listRegions(seeds)).toEqual(['demo-county']);
      seen.push(nameOf());
    });
    const before = nameOf();
    writeRegionAtomically(path.join(regions, 'demo-county'), true, renamed('Re-imported county'));
    expect(seen).toEqual([before, 'Re-imported county']); // old aside (still read), new in place
    expect(nameOf()).toBe('Re-imported county');
  });
});
