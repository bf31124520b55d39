// Puts an imported region in place without ever leaving half of one behind: the files are written
// to a staging folder beside the target (same file system, so the final rename is atomic), checked
// there by a caller-supplied verification, and only then renamed into seeds/regions/<id>. A region
// that exists is replaced only when asked (--force), and the old one is removed after the swap;
// between the two renames of that swap readers take the old copy (region-folder.ts), so there is no
// moment without the region, and a staging folder left by a killed import is hidden (never listed).
import fs from 'node:fs';
import path from 'node:path';
import type { Region } from '../../../shared/schemas/region.ts';

/** region.json with one jurisdiction, station or cell per line: diffable and readable, still compact. */
export function formatRegionJson(region: Region): string {
  const lines: string[] = ['{'];
  const entries = Object.entries(region);
  entries.forEach(([key, value], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    if (Array.isArray(value)) {
      lines.push(`  ${JSON.stringify(key)}: [`);
      value.forEach((item, k) => lines.push(`    ${JSON.stringify(item)}${k < value.length - 1 ? ',' : ''}`));
      lines.push(`  ]${comma}`);
    } else lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export interface StagedWrite {
  /** Writes the region's files into `dir` (an empty folder). */
  write(dir: string): void;
  /** Throws when the staged region is not usable; nothing is then left behind. */
  verify(dir: string): void;
}

/**
 * An import killed between its two renames left the old region aside (`.<id>.replaced-…`) and no
 * `<id>`: readers use the old copy meanwhile (region-folder.ts); the next import puts it back first.
 */
function rollBackKilledSwap(parent: string, base: string): void {
  if (fs.existsSync(path.join(parent, base))) return;
  const old = fs.readdirSync(parent).filter((n) => n.startsWith(`.${base}.replaced-`)).sort().at(-1);
  if (old) fs.renameSync(path.join(parent, old), path.join(parent, base));
}

/** Writes, verifies and renames into `target`; on any failure removes the staging folder and rethrows. */
export function writeRegionAtomically(target: string, force: boolean, staged: StagedWrite): void {
  const parent = path.dirname(target);
  const base = path.basename(target);
  fs.mkdirSync(parent, { recursive: true });
  rollBackKilledSwap(parent, base);
  if (fs.existsSync(target) && !force) throw new Error(`region folder ${target} already exists (add --force to replace it)`);
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const staging = path.join(parent, `.${base}.importing-${stamp}`);
  const old = path.join(parent, `.${base}.replaced-${stamp}`);
  fs.mkdirSync(staging);
  try {
    staged.write(staging);
    staged.verify(staging);
    if (fs.existsSync(target)) {
      fs.renameSync(target, old);
      try {
        fs.renameSync(staging, target);
      } catch (err) {
        fs.renameSync(old, target); // put the old region back
        throw err;
      }
      fs.rmSync(old, { recursive: true, force: true });
    } else fs.renameSync(staging, target);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
