// Where a region's files are read from. A --force import swaps a region folder with two renames
// (the old one aside as `.<id>.replaced-…`, then the new one in place); in the moment between them,
// or after an import killed in that moment, the old copy is the region.
import fs from 'node:fs';
import path from 'node:path';

/** The folder region `regionId` is read from: its own, or the old copy while a --force import swaps it. */
export function regionFolder(seedsDir: string, regionId: string): string {
  const dir = path.join(seedsDir, 'regions');
  const own = path.join(dir, regionId);
  if (fs.existsSync(path.join(own, 'region.json')) || !fs.existsSync(dir)) return own;
  const old = fs.readdirSync(dir).filter((n) => n.startsWith(`.${regionId}.replaced-`) && fs.existsSync(path.join(dir, n, 'region.json'))).sort().at(-1);
  return old ? path.join(dir, old) : own;
}
