// The browser tests find chromium on the PATH under either Debian's or Ubuntu's name, or where
// CHROMIUM_PATH says, and say what they tried when there is none.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../find-chromium.ts';

const dir = mkdtempSync(join(tmpdir(), 'find-chromium-'));
const empty = mkdtempSync(join(tmpdir(), 'find-chromium-empty-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); rmSync(empty, { recursive: true, force: true }); });

function fakeBrowser(name: string, mode = 0o755): string {
  const p = join(dir, name);
  writeFileSync(p, '#!/bin/sh\n');
  chmodSync(p, mode);
  return p;
}

describe('findChromium', () => {
  it('finds chromium-browser on the PATH when there is no chromium', () => {
    const p = fakeBrowser('chromium-browser');
    expect(findChromium({ PATH: [empty, dir].join(delimiter) })).toBe(p);
  });

  it('prefers CHROMIUM_PATH, and refuses one that is not executable', () => {
    const p = fakeBrowser('my-chrome');
    expect(findChromium({ PATH: dir, CHROMIUM_PATH: p })).toBe(p);
    const q = fakeBrowser('not-exec', 0o644);
    expect(() => findChromium({ PATH: dir, CHROMIUM_PATH: q })).toThrow(/CHROMIUM_PATH=.*not-exec is not an executable file/);
  });

  it('says what it tried when there is none', () => {
    expect(() => findChromium({ PATH: empty })).toThrow(/chromium not found: set CHROMIUM_PATH or put chromium or chromium-browser on the PATH/);
  });
});
