// A drill in three roles in a real browser (issue 12): the built board against the real exercise
// server, Debian's chromium through playwright-core. The map stays in its cell after a map-click tool
// and a zoom; a closure is listed and reopened from the console; the controller sees the hidden truth;
// a reloaded controller board shows the same history as the observer's and keeps its fired inject;
// a premature close is refused and the refusal is in the log; after Stop every board says the drill
// ended and takes no more calls, the debrief button opens the after-action report of this drill and the
// replay link its debrief page; an uploaded flood drill is created, started and closes roads on the map;
// a new exercise is created from
// the join page; and at 1366×768, in English and Chinese, nothing in the header wraps and no console
// control spills out of its panel. Screenshots go to test-artifacts/e2e/drill-*.png.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/api/start-server.ts';
import { ARTIFACTS, buildBoard, launchBrowser } from './e2e-browser.ts';

/** Two scripted calls (the second far later, so it is still pending), players dispatch. */
const SCENARIO = `name: E2E drill
nameZh: 端到端演练
region: demo-county
seed: 5
start: 2026-06-12T10:00:00+08:00
duration: 3h
mode: manual
background:
  enabled: false
calls:
  - at: 00:00:30
    type: building-fire
    location: Qingshui Old Town
    description: 老城区民房起火,有人被困 / a house on fire in the old town, people inside
    size: 30
    trapped: 2
    reportedGrade: 1
  - at: 02:30:00
    type: traffic-accident
    location: Qingshui Plaza
    description: 广场路口两车相撞 / two cars collided at the plaza
    reportedGrade: 1
`;

/** The shipped flood drill (洪), uploaded from a file as a trainer would: the Qing River rises 3 m in three hours. */
const FLOOD = readFileSync('scenarios/drill-urban-flood.yaml', 'utf8');

let dir: string;
let server: RunningServer;
let browser: Browser;
let codes: { controller: string; commander: string; observer: string };
/** A second exercise, left running, for the layout checks (the first one is stopped by the drill). */
let layoutCodes: typeof codes;
const log: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'drill-e2e-'));
  mkdirSync(join(dir, 'scenarios'));
  writeFileSync(join(dir, 'scenarios', 'e2e-drill.yaml'), SCENARIO);
  await buildBoard(join(dir, 'dist'));
  server = await startServer({ port: 0, dbFile: join(dir, 'fire-sim.db'), scenariosDir: join(dir, 'scenarios'), clientDist: join(dir, 'dist'), demo: false, log: (l) => log.push(l) });
  const res = await fetch(`${server.url}/api/exercises`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'e2e-drill', speed: 30 }) });
  expect(res.status, await res.clone().text()).toBe(201);
  codes = ((await res.json()) as { codes: typeof codes }).codes;
  const res2 = await fetch(`${server.url}/api/exercises`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'e2e-drill', speed: 30 }) });
  layoutCodes = ((await res2.json()) as { codes: typeof codes }).codes;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(code: string, name: string, viewport = { width: 1600, height: 1000 }, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ viewport, locale });
  // A loaded 2-core machine (eight helpers' tests at once) can take many seconds per step.
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => log.push(`page error (${name}): ${err.message}`));
  await page.goto(server.url);
  await page.fill('input[name=code]', code);
  await page.fill('input[name=name]', name);
  await page.click('[data-testid=join-submit]');
  await page.waitForSelector('[data-testid=board][data-link=live]', { timeout: 90_000 });
  return page;
}

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: `${ARTIFACTS}/drill-${name}.png` });

/** Polls `read` until `ok` holds (state, not time: the machine may be slow). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeout = 90_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}\n${log.slice(-10).join('\n')}`);
}

/** The map element and where its cell is: the map must stay inside, and the tabs below stay clickable. */
async function mapContained(page: Page): Promise<{ leafletClass: boolean; tabOnTop: boolean; paneInside: boolean }> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid=board-map]')!;
    const cell = document.querySelector('.board__map')!.getBoundingClientRect();
    const tab = Array.from(document.querySelectorAll('.tabs button'))[1] as HTMLElement;
    const r = tab.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    const header = document.querySelector('.board__header')!.getBoundingClientRect();
    const topHit = document.elementFromPoint(header.x + header.width - 20, header.y + header.height / 2);
    return {
      leafletClass: el.classList.contains('leaflet-container'),
      tabOnTop: hit === tab || tab.contains(hit),
      paneInside: cell.width > 0 && !!topHit && !!topHit.closest('.board__header'),
    };
  });
}

describe('a drill in three roles (chromium)', () => {
  it('runs from a closure to the debrief link, across a reload, in both languages', async () => {
    const controller = await open(codes.controller, 'Trainer');
    const commander = await open(codes.commander, 'Duty commander');
    const observer = await open(codes.observer, 'Evaluator');
    try {
      // 1. A map-click tool, then zoom: the map stays in its cell, the Event log tab stays clickable.
      await controller.selectOption('[aria-label="Cause of the closure"]', 'flood');
      await controller.click('[data-testid=adhoc-closure]');
      const box = (await controller.locator('[data-testid=board-map]').boundingBox())!;
      const [x, y] = await controller.evaluate(() => window.__board!.containerPoint(24.63, 110.6));
      await controller.mouse.click(box.x + x, box.y + y);
      const closure = controller.locator('[data-testid=closure-row]');
      await closure.waitFor({ timeout: 90_000 });
      expect(await closure.textContent()).toContain('flood');
      await controller.click('.leaflet-control-zoom-in');
      await controller.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await controller.mouse.wheel(0, -400);
      await until(() => controller.evaluate(() => window.__board!.zoom()), (z) => z >= 11, 'the map to zoom in');
      const contained = await mapContained(controller);
      await shot(controller, '01-after-pick-and-zoom');
      expect(contained).toEqual({ leafletClass: true, tabOnTop: true, paneInside: true });
      // Reopened from the console (not only through REST).
      await controller.click('[data-testid=reopen-road]');
      await until(() => controller.locator('[data-testid=closure-row]').count(), (n) => n === 0, 'the closure to be reopened');

      // 2. Start; the call comes in; the commander triages it; the controller sees the hidden truth.
      await controller.click('[data-testid=control-start]');
      await commander.waitForSelector('[data-testid=call-row]', { timeout: 90_000 });
      await commander.locator('body').press('a');
      await commander.selectOption('[data-testid=triage-grade]', '1');
      await commander.click('[data-testid=triage-submit]');
      const row = controller.locator('[data-testid=incident-row]').first();
      await row.waitFor({ timeout: 90_000 });
      await row.locator('button').click();
      const truth = controller.locator('[data-testid=hidden-truth]');
      await truth.waitFor();
      expect(await truth.textContent()).toContain('2 trapped at the call');
      await observer.locator('[data-testid=incident-row] button').first().click();
      expect(await observer.locator('[data-testid=hidden-truth]').count()).toBe(0);
      // A premature close is refused: the commander is told why, and the refusal is in the log for
      // the controller and for the commander's side (item 15).
      await commander.click('[data-testid=close-incident]');
      expect(await commander.textContent('[data-testid=command-error]')).toMatch(/^Refused: Cannot close incident INC-\d+: it is graded \(only an incident under control can be closed\)/);
      for (const p of [controller, commander, observer]) await p.click('.tabs button:nth-child(2)');
      for (const p of [controller, commander, observer]) {
        const line = p.locator('[data-testid=event-log] li[data-type=COMMAND_REFUSED]');
        await line.first().waitFor({ timeout: 90_000 });
        expect(await line.first().textContent()).toMatch(/Refused: close the incident by the commander: Cannot close incident INC-\d+: it is graded/);
      }
      await shot(commander, '02-refused-close-commander');
      for (const p of [controller, commander, observer]) await p.click('.tabs button:nth-child(1)');
      await commander.click('[data-testid=dispatch-recommended]');
      await until(() => observer.locator('[data-testid=assigned-unit]').count(), (n) => n > 0, 'units on the observer board');
      await shot(controller, '02-hidden-truth-controller');
      await shot(commander, '02-incident-commander');

      // 3. Reload the controller: its log is rebuilt from the server and matches the observer's; the fired inject stays.
      for (const p of [controller, observer]) await p.click('.tabs button:nth-child(2)');
      // Lines both roles see (the controller also sees its scripted injects fire).
      const shared = (p: Page): Promise<number> => p.locator('[data-testid=event-log] li:not([data-type^=INJECT_])').count();
      const observerCount = (): Promise<number> => shared(observer);
      await until(observerCount, (n) => n > 8, 'events on the observer log');
      await controller.click('[data-testid=control-pause]');
      await until(() => observer.getAttribute('[data-testid=clock]', 'data-status'), (s) => s === 'paused', 'the pause to reach the observer');
      await controller.reload();
      await controller.waitForSelector('[data-testid=board][data-link=live]', { timeout: 90_000 });
      await controller.click('.tabs button:nth-child(2)');
      const counts = await until(async () => [await shared(controller), await observerCount()] as const,
        ([c, o]) => c === o && c > 8, 'the reloaded controller log to match the observer');
      expect(counts[0]).toBe(counts[1]);
      expect(await controller.getAttribute('[data-testid=inject-row][data-id="inj-1"]', 'data-state')).toBe('fired');
      expect(await controller.getAttribute('[data-testid=inject-row][data-id="inj-2"]', 'data-state')).toBe('pending');
      await shot(controller, '03-reloaded-controller');

      // 4. Stop (with its confirmation): every board says the drill ended and where its debrief is.
      await controller.click('[data-testid=control-stop]');
      await controller.click('[data-testid=confirm-stop-yes]');
      for (const p of [controller, commander, observer]) {
        await p.waitForSelector('[data-testid=drill-ended]', { timeout: 90_000 });
        expect(await p.textContent('[data-testid=calls-count]')).toBe('0');
        expect(await p.getAttribute('[data-testid=debrief-link]', 'data-report')).toMatch(/^\/api\/exercises\/.+\/report\?lang=(en|zh)$/);
      }
      // Read-only after the end: the commander is offered no dispatch any more.
      await until(() => commander.locator('[data-testid=dispatch-recommended]').count(), (n) => n === 0, 'the dispatch buttons to go');
      await shot(commander, '04-ended-commander');

      // 5. The commander presses "debrief": the after-action report opens in a new tab, about this
      // drill: its name, the incident with its dispatch, and the refused close in the timeline.
      const [report] = await Promise.all([commander.context().waitForEvent('page'), commander.click('[data-testid=debrief-link]')]);
      await report.waitForFunction(() => /After-action report/.test(document.querySelector('h1')?.textContent ?? ''), undefined, { timeout: 90_000 });
      expect(await report.textContent('h1')).toBe('After-action report · E2E drill');
      const incidentRows = await report.locator('#incidents tbody tr').allTextContents();
      expect(incidentRows).toHaveLength(1);
      expect(incidentRows[0]).toMatch(/^INC-\d+/);
      const timeline = (await report.textContent('#timeline'))!;
      expect(timeline).toMatch(/dispatched to INC-\d+/);
      expect(timeline).toMatch(/Refused \(close the incident\): Cannot close incident INC-\d+: it is \w+/);
      await report.screenshot({ path: `${ARTIFACTS}/drill-05-report.png`, fullPage: false });
      await report.close();
      expect(await commander.locator('[data-testid=drill-ended] .error').count()).toBe(0);

      // 6. The observer opens the replay beside it: the debrief page of this exercise, its scrubber
      // spanning the drill; at the end the incident is on the board and the refusal in its log.
      await observer.click('[data-testid=replay-link]');
      await observer.waitForSelector('[data-testid=debrief] [data-testid=board-map]', { timeout: 90_000 });
      expect(await observer.textContent('[data-testid=debrief] .board__exercise')).toContain('E2E drill');
      const endsAt = Number(await observer.getAttribute('[data-testid=replay-bar]', 'data-ends-at'));
      expect(endsAt).toBeGreaterThan(60_000);
      const last = Math.floor(endsAt / 1000) * 1000; // the slider moves in whole seconds
      await observer.locator('[data-testid=replay-slider]').fill(String(last));
      await observer.waitForSelector(`[data-testid=debrief][data-at="${last}"]`, { timeout: 90_000 });
      await observer.waitForSelector('[data-testid=incident-row]', { timeout: 90_000 });
      await observer.click('[data-testid=tab-log]');
      await observer.waitForSelector('[data-testid=event-log] li[data-type=COMMAND_REFUSED]', { timeout: 90_000 });
      await shot(observer, '06-debrief-observer');
    } catch (err) {
      await Promise.all([shot(controller, 'failure-controller'), shot(commander, 'failure-commander'), shot(observer, 'failure-observer')]).catch(() => undefined);
      throw err;
    } finally {
      await Promise.all([controller, commander, observer].map((p) => p.context().close()));
    }
  }, 600_000);

  it('uploads a scenario file on the join page: a bad one is reported with its line, a good one is offered', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    context.setDefaultTimeout(90_000);
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await page.click('[data-testid=new-exercise-open]');
      await page.waitForSelector('[data-testid=new-scenario] option[value="e2e-drill"]', { state: 'attached' });
      await page.setInputFiles('[data-testid=new-upload]', { name: 'broken-drill.yaml', mimeType: 'text/yaml', buffer: Buffer.from(SCENARIO.replace('duration: 3h', 'duration: soon')) });
      const error = await page.waitForSelector('[data-testid=new-error]');
      expect(await error.textContent()).toMatch(/broken-drill\.yaml:\d+:\d+/);
      await page.setInputFiles('[data-testid=new-upload]', { name: 'flood-drill.yaml', mimeType: 'text/yaml', buffer: Buffer.from(SCENARIO.replace('name: E2E drill', 'name: Uploaded flood drill')) });
      await until(() => page.inputValue('[data-testid=new-scenario]'), (v) => v === 'flood-drill', 'the uploaded scenario to be chosen');
      expect(await page.textContent('[data-testid=new-scenario] option[value="flood-drill"]')).toContain('Uploaded flood drill · uploaded');
      await page.click('[data-testid=new-create]');
      await page.waitForSelector('[data-testid=new-codes]');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('runs an uploaded flood drill: uploaded and created on the join page, started by its controller, the flood closes roads on the map', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
    context.setDefaultTimeout(90_000);
    const page = await context.newPage();
    page.on('pageerror', (err) => log.push(`page error (flood): ${err.message}`));
    expect(FLOOD).toMatch(/kind: flood/);
    try {
      await page.goto(server.url);
      await page.click('[data-testid=new-exercise-open]');
      await page.waitForSelector('[data-testid=new-scenario] option[value="e2e-drill"]', { state: 'attached' });
      await page.setInputFiles('[data-testid=new-upload]', { name: 'urban-flood.yaml', mimeType: 'text/yaml', buffer: Buffer.from(FLOOD) });
      await until(() => page.inputValue('[data-testid=new-scenario]'), (v) => v === 'urban-flood', 'the uploaded flood drill to be chosen');
      await page.click('[data-testid=new-create]');
      await page.waitForSelector('[data-testid=new-codes]');
      // Join as its controller with the code the dialog hands over.
      await page.click('[data-testid=new-codes] tr[data-role=controller] button');
      await page.fill('input[name=name]', 'Flood trainer');
      await page.click('[data-testid=join-submit]');
      await page.waitForSelector('[data-testid=board][data-link=live]', { timeout: 90_000 });
      expect(await page.textContent('.board__header')).toContain('Urban flood after a night of rain');
      // Start at 120×: the river rises from 0.5 m, and at T+40 min (about 1.2 m) the first roads
      // along it go under and close (cause: flood, by the flood model).
      await page.selectOption('[data-testid=control-speed]', '120');
      await page.click('[data-testid=control-start]');
      const row = page.locator('[data-testid=closure-row]').first();
      await row.waitFor({ timeout: 120_000 });
      expect(await row.textContent()).toMatch(/Road closure closure-\d+: flood/);
      await page.click('[data-testid=control-pause]');
      const drawn = await until(() => page.evaluate(() => window.__board!.drawnClosures()), (d) => d.length > 0, 'the flood closure to be drawn on the map');
      expect(drawn.every((c) => c.reason === 'flood')).toBe(true);
      // Drawn as the roads under water, not as the box around them (which covered the dry centre).
      expect(drawn.every((c) => c.shape === 'roads' && (c.roads ?? 0) > 0)).toBe(true);
      // The power cut fired at T+30 min: the inject list names it, not by its id.
      const power = page.locator('[data-testid=inject-row][data-id=power]');
      await until(() => power.textContent(), (s) => /Power cut · mains power lost/.test(s ?? ''), 'the power cut to be listed by its title');
      // The event log says who closed them: the flood, not a person.
      await page.click('.tabs button:nth-child(2)');
      const closed = page.locator('[data-testid=event-log] li[data-type=ROAD_CLOSED]').first();
      await closed.waitFor();
      expect(await closed.textContent()).toMatch(/Road closure closure-\d+ \(flood\)/);
      await shot(page, '07-flood-drill');
    } catch (err) {
      await shot(page, 'failure-flood').catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  }, 300_000);

  it('creates an exercise from a shipped scenario on the join page', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    context.setDefaultTimeout(90_000);
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await page.click('[data-testid=new-exercise-open]');
      await page.waitForSelector('[data-testid=new-scenario] option[value="e2e-drill"]', { state: 'attached' });
      await page.selectOption('[data-testid=new-scenario]', 'e2e-drill');
      // The scenario's region by its name, not its id.
      await until(() => page.textContent('[data-testid=new-exercise]'), (s) => /Region Qingshui County \(fictional demo\)/.test(s ?? ''), 'the region named');
      await page.click('[data-testid=new-create]');
      await page.waitForSelector('[data-testid=new-codes]');
      const code = (await page.textContent('[data-testid=code-controller]'))!.trim();
      expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      await shot(page, '05-new-exercise');
      await page.click('[data-testid=new-codes] tr[data-role=controller] button');
      expect(await page.inputValue('input[name=code]')).toBe(code);
    } finally {
      await context.close();
    }
  }, 180_000);

  for (const [lang, locale] of [['en', 'en-US'], ['zh', 'zh-CN']] as const) {
    it(`fits 1366×768 in ${lang}: header on one line, console controls inside their panel`, async () => {
      const pages = await Promise.all([
        open(layoutCodes.controller, 'Trainer', { width: 1366, height: 768 }, locale),
        open(layoutCodes.commander, 'Commander', { width: 1366, height: 768 }, locale),
        open(layoutCodes.observer, 'Observer', { width: 1366, height: 768 }, locale),
      ]);
      try {
        for (const [i, page] of pages.entries()) {
          const layout = await page.evaluate(() => {
            const header = document.querySelector('.board__header') as HTMLElement;
            const buttons = Array.from(header.querySelectorAll('button')).map((b) => ({ text: b.textContent, h: b.getBoundingClientRect().height }));
            const panel = document.querySelector('.board__left') as HTMLElement;
            const right = panel.getBoundingClientRect().right;
            const spill = Array.from(panel.querySelectorAll('select, input, button')).filter((el) => el.getBoundingClientRect().right > right + 1).map((el) => el.outerHTML.slice(0, 80));
            return { buttons, headerOverflow: header.scrollWidth - header.clientWidth, spill };
          });
          const lineHeight = Math.min(...layout.buttons.map((b) => b.h));
          expect(layout.buttons.filter((b) => b.h > lineHeight + 2), JSON.stringify(layout.buttons)).toEqual([]);
          expect(layout.headerOverflow).toBeLessThanOrEqual(0);
          expect(layout.spill).toEqual([]);
          await shot(page, `06-1366-${lang}-${['controller', 'commander', 'observer'][i]}`);
        }
      } finally {
        await Promise.all(pages.map((p) => p.context().close()));
      }
    }, 300_000);
  }
});
