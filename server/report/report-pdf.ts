// The report as PDF: the HTML page printed on A4 by headless chromium (playwright-core drives the
// browser Debian ships; $CHROMIUM_PATH, else chromium or chromium-browser on the PATH). The CJK font
// comes from the system (fonts-wqy-microhei), named first in the page's font list.
// playwright-core is loaded on the first PDF only: it takes over a second to load, and every command
// of the CLI (and the server's start) would pay it otherwise.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export class ChromiumMissingError extends Error {}

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const ok = (p: string): boolean => { try { accessSync(p, constants.X_OK); return true; } catch { return false; } };
  if (env.CHROMIUM_PATH) {
    if (ok(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new ChromiumMissingError(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`);
  }
  for (const name of ['chromium', 'chromium-browser']) {
    for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) if (ok(join(dir, name))) return join(dir, name);
  }
  throw new ChromiumMissingError('a PDF needs chromium: set CHROMIUM_PATH or put chromium on the PATH (Debian: apt-get install chromium fonts-wqy-microhei)');
}

export async function htmlToPdf(html: string): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
