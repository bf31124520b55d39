// End to end in a real browser: the built board against the real exercise server (SQLite, REST,
// socket.io on 127.0.0.1), driven by Debian's chromium through playwright-core. A controller and a
// commander join in two browser contexts; the controller starts the exercise; the scripted call
// arrives on both boards; the commander triages, grades and dispatches the recommended units; the
// units move on the map; the grade is raised (confirmed); they arrive; at every step both boards show the same
// thing. Screenshots go to test-artifacts/e2e/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/api/start-server.ts';
import { ARTIFACTS, buildBoard, joinBoard as joinBoardAs, launchBrowser } from './e2e-browser.ts';

/** One scripted call a minute in, no background calls, players dispatch (manual). */
const SCENARIO = `name: E2E board drill
nameZh: 端到端测试演练
region: demo-county
seed: 3
start: 2026-06-12T10:00:00+08:00
duration: 2h
mode: manual
background:
  enabled: false
calls:
  - at: 00:01:00
    type: building-fire
    location: Qingshui Old Town
    description: 老城区民房起火 / a house on fire in the old town
    size: 20
    trapped: 0
    reportedGrade: 1
`;

let dir: string;
let server: RunningServer;
let browser: Browser;
let codes: { controller: string; commander: string; observer: string };
const serverLog: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'board-e2e-'));
  mkdirSync(join(dir, 'scenarios'));
  writeFileSync(join(dir, 'scenarios', 'e2e-board.yaml'), SCENARIO);
  await buildBoard(join(dir, 'dist'));
  server = await startServer({ port: 0, dbFile: join(dir, 'fire-sim.db'), scenariosDir: join(dir, 'scenarios'), clientDist: join(dir, 'dist'), demo: false, log: (l) => serverLog.push(l) });
  const res = await fetch(`${server.url}/api/exercises`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: 'e2e-board', speed: 20 }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  codes = ((await res.json()) as { codes: typeof codes }).codes;
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Every board page reports its uncaught errors into the log: a test that passes with one is not a pass.
afterEach(() => {
  expect(serverLog.filter((l) => l.startsWith('page error'))).toEqual([]);
});

const joinBoard = (code: string, name: string): Promise<Page> => joinBoardAs(browser, server.url, code, name, serverLog);

/** What a board shows about the exercise, read from its DOM: the things both boards must agree on. */
async function picture(page: Page): Promise<{ clock: string | null; calls: string[]; incidents: string[]; assigned: string[] }> {
  return page.evaluate(() => {
    const attrs = (sel: string, ...names: string[]): string[] =>
      Array.from(document.querySelectorAll(sel)).map((el) => names.map((n) => el.getAttribute(n) ?? '').join(':')).sort();
    return {
      clock: document.querySelector('[data-testid=clock]')?.getAttribute('data-status') ?? null,
      calls: attrs('[data-testid=call-row]', 'data-id'),
      incidents: attrs('[data-testid=incident-row]', 'data-id', 'data-status', 'data-grade'),
      assigned: attrs('[data-testid=assigned-unit]', 'data-id', 'data-status'),
    };
  });
}

/** Waits until both boards show the same picture and it passes `check`; returns it. */
async function agree(a: Page, b: Page, check: (p: Awaited<ReturnType<typeof picture>>) => boolean, timeout = 20_000): Promise<Awaited<ReturnType<typeof picture>>> {
  let last: [unknown, unknown] = [undefined, undefined];
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const [pa, pb] = await Promise.all([picture(a), picture(b)]);
    last = [pa, pb];
    if (JSON.stringify(pa) === JSON.stringify(pb) && check(pa)) return pa;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the two boards did not agree in time:\ncontroller ${JSON.stringify(last[0])}\ncommander  ${JSON.stringify(last[1])}\n${serverLog.slice(-10).join('\n')}`);
}

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: `${ARTIFACTS}/${name}.png` });

describe('command board end to end (chromium)', () => {
  it('controller and commander run a call from start to a raised grade and see the same thing', async () => {
    const controller = await joinBoard(codes.controller, 'Trainer');
    const commander = await joinBoard(codes.commander, 'Duty commander');
    try {
      await drill(controller, commander);
    } catch (err) {
      // What each board showed when it went wrong, next to the step screenshots.
      await Promise.all([shot(controller, 'failure-controller'), shot(commander, 'failure-commander')]).catch(() => undefined);
      throw err;
    }
  }, 180_000);
});

async function drill(controller: Page, commander: Page): Promise<void> {
  {
    expect(await controller.getAttribute('[data-testid=board]', 'data-role')).toBe('controller');
    expect(await commander.getAttribute('[data-testid=board]', 'data-role')).toBe('commander');
    // The role decides what is offered: only the controller has the console.
    expect(await controller.locator('[data-testid=controller-console]').count()).toBe(1);
    expect(await commander.locator('[data-testid=controller-console]').count()).toBe(0);
    await agree(controller, commander, (p) => p.clock === 'created');
    await shot(controller, '01-joined-controller');

    // Start: both clocks run; the scripted call arrives a sim minute later (3 s at 20×).
    await controller.click('[data-testid=control-start]');
    await agree(controller, commander, (p) => p.clock === 'running');
    const withCall = await agree(controller, commander, (p) => p.calls.length === 1);
    const incidentId = withCall.calls[0]!;
    await commander.waitForSelector('[data-testid=call-alert]');
    await controller.waitForSelector('[data-testid=call-alert]');
    await shot(commander, '02-call-arrived-commander');

    // The commander takes the call (shortcut A), triages it as reported and grades it.
    await commander.locator('body').press('a');
    await commander.waitForSelector('[data-testid=triage-form]');
    await commander.selectOption('[data-testid=triage-grade]', '1');
    await commander.click('[data-testid=triage-submit]');
    await agree(controller, commander, (p) => p.calls.length === 0 && p.incidents.includes(`${incidentId}:graded:1`));
    // The controller opens the same incident to follow it.
    await controller.click(`[data-testid=incident-row][data-id="${incidentId}"] button`);

    // The recommendation is shown with ETA and reason; dispatch it.
    await commander.waitForSelector('[data-testid=rec-row]');
    const recommended = (await commander.locator('[data-testid=rec-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')!))).sort();
    expect(recommended.length).toBeGreaterThan(0);
    await shot(commander, '03-recommendation-commander');
    await commander.click('[data-testid=dispatch-recommended]');
    const dispatched = await agree(controller, commander, (p) => p.assigned.length === recommended.length);
    expect(dispatched.assigned.map((a) => a.split(':')[0]).sort()).toEqual(recommended);

    // Raise the grade right after the dispatch (shortcut R on the selected incident, then its
    // confirmation: a raise cannot be undone): both boards show Level 2. Done before the units arrive:
    // on a loaded machine a small fire may be under control soon after, and then the grade is final.
    await commander.locator('body').press('r');
    await commander.click('[data-testid=confirm-raise-yes]');
    await agree(controller, commander, (p) => p.incidents.some((i) => i.startsWith(`${incidentId}:`) && i.endsWith(':2')));
    expect(await commander.getAttribute('[data-testid=incident-detail]', 'data-grade')).toBe('2');
    expect(await controller.getAttribute('[data-testid=incident-detail]', 'data-grade')).toBe('2');
    await shot(commander, '04-grade-raised-commander');

    // Units move on the map: a unit en route is drawn at two different places a second apart.
    await agree(controller, commander, (p) => p.assigned.some((a) => a.endsWith(':enRoute')));
    const drawn = (page: Page): Promise<Record<string, [number, number]>> => page.evaluate(() => window.__board!.drawnUnits());
    const before = await drawn(commander);
    await new Promise((r) => setTimeout(r, 1200));
    const after = await drawn(commander);
    const moved = recommended.filter((id) => before[id] && after[id] && (before[id]![0] !== after[id]![0] || before[id]![1] !== after[id]![1]));
    expect(moved.length, `positions before ${JSON.stringify(before)} after ${JSON.stringify(after)}`).toBeGreaterThan(0);
    await shot(commander, '05-units-moving-commander');
    await shot(controller, '05-units-moving-controller');

    // Wait until every dispatched unit is on scene (or working) on both boards; then the controller
    // pauses (shortcut Space).
    const arrived = await agree(controller, commander, (p) => p.assigned.length >= recommended.length && recommended.every((id) => p.assigned.some((a) => a.startsWith(`${id}:`) && /:(onScene|working)$/.test(a))), 60_000);
    expect(arrived.incidents.find((i) => i.startsWith(`${incidentId}:`))).toMatch(/:(onScene|underControl):2$/);
    await controller.locator('body').press(' ');
    await agree(controller, commander, (p) => p.clock === 'paused');
    await shot(commander, '06-arrived-commander');
    await shot(controller, '06-arrived-controller');
  }
}
