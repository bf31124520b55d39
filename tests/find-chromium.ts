// Where the browser tests and benches find chromium: $CHROMIUM_PATH when set, else the first of
// chromium / chromium-browser on the PATH (Debian and Ubuntu name it differently). Throws with what
// was tried, so a machine without it fails with a sentence instead of a launch error.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.CHROMIUM_PATH;
  if (given) {
    if (executable(given)) return given;
    throw new Error(`CHROMIUM_PATH=${given} is not an executable file`);
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of NAMES) {
    for (const dir of dirs) {
      const p = join(dir, name);
      if (executable(p)) return p;
    }
  }
  throw new Error(`chromium not found: set CHROMIUM_PATH or put ${NAMES.join(' or ')} on the PATH (Debian: apt-get install chromium)`);
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
