// End to end in a real browser: the coverage layer of the built board against the real exercise
// server. An observer joins, turns on "Coverage" and "Coverage gaps", chooses a station from the
// panel's list: the map draws its five isochrone bands (3/5/8/10/15 min) and the region's gaps, the
// panel shows the 5-minute figure the server computed and says turnout is not included; a click on
// another station's marker draws that station instead; a gap's tooltip names its people and nearest
// station. Screenshot: test-artifacts/e2e/coverage.png.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/api/start-server.ts';
import type { CoverageFigures } from '../../shared/schemas/coverage.ts';
import type { RegionMap } from '../../shared/map-data.ts';
import { ARTIFACTS, buildBoard, joinBoard, launchBrowser } from './e2e-browser.ts';

/** An exercise to join; nothing happens in it (no calls): the coverage layer is a planning view. */
const SCENARIO = `name: E2E coverage layer
nameZh: 覆盖范围端到端测试
region: demo-county
seed: 1
start: 2026-06-12T10:00:00+08:00
duration: 1h
mode: manual
background:
  enabled: false
calls: []
`;

let dir: string;
let server: RunningServer;
let browser: Browser;
let observerCode: string;
const log: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'coverage-e2e-'));
  mkdirSync(join(dir, 'scenarios'));
  writeFileSync(join(dir, 'scenarios', 'e2e-coverage.yaml'), SCENARIO);
  await buildBoard(join(dir, 'dist'));
  server = await startServer({ port: 0, dbFile: join(dir, 'fire-sim.db'), scenariosDir: join(dir, 'scenarios'), clientDist: join(dir, 'dist'), demo: false, log: (l) => log.push(l) });
  const res = await fetch(`${server.url}/api/exercises`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'e2e-coverage', speed: 1 }) });
  expect(res.status, await res.clone().text()).toBe(201);
  observerCode = ((await res.json()) as { codes: { observer: string } }).codes.observer;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const mapAttr = (page: Page, name: string): Promise<string | null> => page.getAttribute('[data-testid=board-map]', name);

async function waitForAttr(page: Page, name: string, value: string, timeout = 30_000): Promise<void> {
  await page.waitForSelector(`[data-testid=board-map][${name}="${value}"]`, { timeout }).catch(async (err: unknown) => {
    throw new Error(`${name} is ${await mapAttr(page, name)}, expected ${value}; ${String(err)}\n${log.slice(-10).join('\n')}`);
  });
}

describe('coverage layer end to end (chromium)', () => {
  it('an observer draws a station\'s five bands and the gaps, with the 5-minute figure and the turnout statement', async () => {
    const figures = (await (await fetch(`${server.url}/api/regions/demo-county/coverage?time=day`)).json()) as CoverageFigures;
    const map = (await (await fetch(`${server.url}/api/regions/demo-county/map`)).json()) as RegionMap;
    const page = await joinBoard(browser, server.url, observerCode, 'Evaluator', log);
    try {
      expect(await page.getAttribute('[data-testid=board]', 'data-role')).toBe('observer');
      // Off by default: no panel, nothing drawn.
      expect(await page.locator('[data-testid=coverage-panel]').count()).toBe(0);
      await page.click('[data-testid=layer-panel] > button');
      await page.check('input[data-layer=coverage]');
      await page.check('input[data-layer=coverageGaps]');
      await page.click('[data-testid=layer-panel] > button'); // fold the layer list away again
      await page.waitForSelector('[data-testid=coverage-panel]');

      // Choose a station from the list: five bands drawn, the statement, the figures.
      await page.selectOption('[data-testid=coverage-station]', 'qs-gucheng');
      await waitForAttr(page, 'data-coverage-bands', '5');
      await waitForAttr(page, 'data-coverage-gaps', String(figures.gaps.length));
      await page.waitForSelector('[data-testid=coverage-pop5]');
      expect(await page.textContent('[data-testid=coverage-pop5]')).toBe(`${(figures.populationWithin5min * 100).toFixed(1)}%`);
      expect(await page.textContent('[data-testid=coverage-turnout]')).toBe('Travel time only: turnout (出动时间) is NOT included.');
      expect(await page.getAttribute('[data-testid=coverage-legend]', 'data-count')).toBe('5');

      // A click on another station's marker draws that station's bands instead. The station must be
      // alone where it is drawn (a specialist team sits next to its base station) and in view beside the panel.
      const box = (await page.locator('[data-testid=board-map]').boundingBox())!;
      const panel = (await page.locator('[data-testid=coverage-panel]').boundingBox())!;
      const points = await page.evaluate((list) => list.map(([id, lat, lon]) => [id, ...window.__board!.containerPoint(lat, lon)] as [string, number, number]),
        map.stations.map((s): [string, number, number] => [s.id, s.location[0], s.location[1]]));
      const target = points
        .filter(([id]) => id !== 'qs-gucheng' && map.stations.find((s) => s.id === id)!.kind !== 'micro')
        .filter(([id, x, y]) => points.every(([other, ox, oy]) => other === id || Math.hypot(ox - x, oy - y) > 16))
        .map(([id, x, y]) => ({ id, x: box.x + x, y: box.y + y }))
        .find(({ x, y }) => x > box.x + 20 && y > box.y + 20 && x < box.x + box.width - 20 && y < box.y + box.height - 20
          && !(x > panel.x - 20 && x < panel.x + panel.width + 20 && y > panel.y - 20 && y < panel.y + panel.height + 20));
      expect(target, 'a station in view').toBeDefined();
      await page.mouse.click(target!.x, target!.y);
      await page.waitForFunction((id) => (document.querySelector('[data-testid=coverage-station]') as HTMLSelectElement | null)?.value === id, target!.id, { timeout: 10_000 })
        .catch(async (err: unknown) => { throw new Error(`clicked ${JSON.stringify(target)}, selected ${await page.inputValue('[data-testid=coverage-station]')}: ${String(err)}`); });
      await waitForAttr(page, 'data-coverage-bands', '5');

      // Turnout on: the statement says what is added.
      await page.check('[data-testid=coverage-turnout-switch]');
      await page.waitForSelector('[data-testid=coverage-turnout][data-included=true]', { timeout: 30_000 });
      expect(await page.textContent('[data-testid=coverage-turnout]')).toMatch(/^Times count from the dispatch order: turnout \(出动时间\) of \d+ s is included\.$/);
      await waitForAttr(page, 'data-coverage-bands', '5');

      // The largest gap's tooltip.
      const gap = figures.gaps[0]!;
      const [gx, gy] = await page.evaluate(([lat, lon]) => window.__board!.containerPoint(lat, lon), [gap.lat, gap.lon] as [number, number]);
      // A station marker may sit on the gap's centre (stations are drawn on top, and keep their own
      // tooltip): hover around the centre, inside the gap's ring, until the gap's tooltip shows.
      const wanted = `${gap.population.toLocaleString('en')} people outside the circle`;
      let tipText = '';
      for (const [dx, dy] of [[0, 0], [12, 0], [-12, 0], [0, 12], [0, -12], [9, 9], [-9, -9], [9, -9], [-9, 9]] as const) {
        await page.mouse.move(box.x + gx + dx, box.y + gy + dy);
        await page.waitForTimeout(150);
        tipText = (await page.textContent('.leaflet-tooltip').catch(() => null)) ?? '';
        if (tipText.includes(wanted)) break;
      }
      expect(tipText).toContain(wanted);
      await page.screenshot({ path: `${ARTIFACTS}/coverage.png` });
      expect(log.filter((l) => l.startsWith('page error'))).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: `${ARTIFACTS}/coverage-failure.png` }).catch(() => undefined);
      throw err;
    }
  }, 120_000);
});
