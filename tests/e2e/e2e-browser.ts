// What the browser end-to-end tests share: chromium (found on the PATH) through playwright-core with the flags
// a headless CI box needs, where screenshots go, the board built with vite into a directory of the
// test's own (each test file builds its own copy, so files running side by side do not race on one
// output directory), and joining an exercise with a code the way a user does.
import { mkdirSync } from 'node:fs';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from '../find-chromium.ts';

export const ARTIFACTS = 'test-artifacts/e2e';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

/** Builds the board (client/vite.config.ts) into `outDir`. */
export async function buildBoard(outDir: string): Promise<void> {
  await build({ configFile: 'client/vite.config.ts', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}

export interface BoardWindow { viewport?: { width: number; height: number }; locale?: string; timeoutMs?: number }

/** Opens the board in a fresh context, joins with `code` and waits until the link is live. */
export async function joinBoard(browser: Browser, url: string, code: string, name: string, log: string[], window: BoardWindow = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: window.viewport ?? { width: 1600, height: 950 }, locale: window.locale ?? 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (err) => log.push(`page error (${name}): ${err.message}`));
  await page.goto(url);
  await page.fill('input[name=code]', code);
  await page.fill('input[name=name]', name);
  await page.click('[data-testid=join-submit]');
  await page.waitForSelector('[data-testid=board][data-link=live]', { timeout: window.timeoutMs ?? 15_000 });
  return page;
}
