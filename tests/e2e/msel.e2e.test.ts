// The controller's MSEL timeline in a real browser (issue 11 §4): the built board against the real
// exercise server, Debian's chromium through playwright-core. The controller sees every inject of
// the script with its time and status (pending, held, contingency with its condition), releases a
// held inject, postpones the rest of the exercise (times move, spacing kept), and writes a new inject
// that then fires; the commander's board shows no script. Screenshot: test-artifacts/e2e/msel.png.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/api/start-server.ts';
import { ARTIFACTS, buildBoard, launchBrowser } from './e2e-browser.ts';

const SCENARIO = `name: MSEL drill
nameZh: 导调脚本演练
region: demo-county
seed: 5
start: 2026-06-12T10:00:00+08:00
duration: 3h
mode: manual
background: { enabled: false }
injects:
  - { id: fire, at: T+20:00, kind: call, type: building-fire, location: Qingshui Old Town, words: 老城区民房起火 }
  - { id: press, at: T+40:00, kind: message, source: media, text: { zh: 记者到场, en: The press is here } }
  - { id: vip, held: true, kind: message, source: vip, text: { zh: 县长来电, en: The mayor calls } }
  - id: c-where
    at: T+30:00
    kind: message
    source: higher-command
    text: { zh: 首车到场了吗, en: Is the first unit there? }
    contingency: { when: { not: { onScene: { incident: fire } } } }
`;

let dir: string;
let server: RunningServer;
let browser: Browser;
let codes: { controller: string; commander: string; observer: string };
const log: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'msel-e2e-'));
  mkdirSync(join(dir, 'scenarios'));
  writeFileSync(join(dir, 'scenarios', 'msel-drill.yaml'), SCENARIO);
  await buildBoard(join(dir, 'dist'));
  server = await startServer({ port: 0, dbFile: join(dir, 'fire-sim.db'), scenariosDir: join(dir, 'scenarios'), clientDist: join(dir, 'dist'), demo: false, log: (l) => log.push(l) });
  // At 1x the clock stays far from T+20:00 while the test runs: only the controller moves the script.
  const res = await fetch(`${server.url}/api/exercises`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'msel-drill', speed: 1 }) });
  expect(res.status, await res.clone().text()).toBe(201);
  codes = ((await res.json()) as { codes: typeof codes }).codes;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(code: string, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
  context.setDefaultTimeout(90_000); // a loaded 2-core machine can take many seconds per step
  const page = await context.newPage();
  page.on('pageerror', (err) => log.push(`page error (${name}): ${err.message}`));
  await page.goto(server.url);
  await page.fill('input[name=code]', code);
  await page.fill('input[name=name]', name);
  await page.click('[data-testid=join-submit]');
  await page.waitForSelector('[data-testid=board][data-link=live]');
  return page;
}

const row = (page: Page, id: string) => page.locator(`[data-testid=msel-row][data-id="${id}"]`);
const statusOf = (page: Page, id: string) => row(page, id).getAttribute('data-status');
async function waitStatus(page: Page, id: string, status: string): Promise<void> {
  await page.waitForSelector(`[data-testid=msel-row][data-id="${id}"][data-status="${status}"]`);
}

describe('the MSEL timeline on the controller console', () => {
  it('lists the script with times and statuses; release, postpone and a new inject change it as the controller sees', async () => {
    const page = await open(codes.controller, 'Trainer');
    await page.waitForSelector('[data-testid=msel-row][data-id=vip]');
    // Time order: timed injects by time, the held one after them.
    expect(await page.locator('[data-testid=msel-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(['fire', 'c-where', 'press', 'vip']);
    expect(await statusOf(page, 'fire')).toBe('pending');
    expect(await statusOf(page, 'vip')).toBe('held');
    expect(await row(page, 'fire').textContent()).toContain('T+00:20:00');
    expect(await row(page, 'press').textContent()).toContain('The press is here');
    const condition = row(page, 'c-where').locator('[data-testid=msel-condition]');
    expect(await condition.textContent()).toMatch(/¬onScene\(fire\).*holds now/);

    await page.click('[data-testid=control-start]');
    await page.waitForSelector('[data-testid=control-pause]');

    // Release the held inject: it fires now and the players get its message.
    await row(page, 'vip').locator('[data-testid=msel-fire]').click();
    await waitStatus(page, 'vip', 'fired');
    expect(await row(page, 'vip').textContent()).toMatch(/^T\+00:0\d:\d\d vip/); // held: shown at the time it was released

    // Postpone the rest by 10 minutes: every pending timed inject moves, spacing kept.
    await page.selectOption('[data-testid=msel-postpone-by]', '10');
    await page.click('[data-testid=msel-postpone]');
    await waitStatus(page, 'fire', 'postponed');
    expect(await statusOf(page, 'press')).toBe('postponed');
    expect(await row(page, 'fire').textContent()).toContain('T+00:30:00');
    expect(await row(page, 'press').textContent()).toContain('T+00:50:00');
    expect(await row(page, 'c-where').textContent()).toContain('T+00:40:00');

    // Write a new inject: a message held for later, then released.
    await page.click('[data-testid=msel-add-open]');
    await page.fill('[data-testid=msel-add-id]', 'adhoc-rain');
    await page.selectOption('[data-testid=msel-add-when]', 'held');
    await page.fill('[data-testid=msel-add-zh]', '开始下大雨');
    await page.fill('[data-testid=msel-add-en]', 'Heavy rain begins');
    await page.click('[data-testid=msel-add-submit]');
    await waitStatus(page, 'adhoc-rain', 'held');
    expect(await row(page, 'adhoc-rain').textContent()).toMatch(/Heavy rain begins.*|written during the drill/);
    await row(page, 'adhoc-rain').locator('[data-testid=msel-fire]').click();
    await waitStatus(page, 'adhoc-rain', 'fired');

    // Write a reinforcements team during the drill (any kind as JSON), held, then release it: its
    // units join the exercise and the unit board lists the team with them, for the commander too.
    await page.click('[data-testid=msel-add-open]');
    await page.selectOption('[data-testid=msel-add-kind]', 'json');
    await page.fill('[data-testid=msel-add-id]', 'late-team');
    await page.selectOption('[data-testid=msel-add-when]', 'held');
    await page.fill('[data-testid=msel-add-json]', JSON.stringify({ kind: 'reinforcements', source: 'neighbour-county', team: { zh: '邻县增援队', en: 'Neighbour county group' }, stagingAt: 'Qingshui Old Town', units: [{ id: 'late-SG-1', type: 'SG' }, { id: 'late-JY-1', type: 'JY' }] }));
    await page.click('[data-testid=msel-add-submit]');
    await waitStatus(page, 'late-team', 'held');
    await row(page, 'late-team').locator('[data-testid=msel-fire]').click();
    await waitStatus(page, 'late-team', 'fired');
    await page.waitForSelector('[data-testid=station-group][data-id="staging-late-team"]');
    await page.locator('[data-testid=station-group][data-id="staging-late-team"] .station-head').click();
    expect(await page.locator('[data-testid=station-group][data-id="staging-late-team"] [data-testid=unit-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(['late-SG-1', 'late-JY-1']);
    expect(await page.locator('[data-testid=station-group][data-id="staging-late-team"]').textContent()).toContain('Neighbour county group');

    // Skip one: it stays listed as skipped.
    await row(page, 'press').locator('[data-testid=msel-skip]').click();
    await waitStatus(page, 'press', 'skipped');
    await page.locator('[data-testid=msel-timeline]').screenshot({ path: join(ARTIFACTS, 'msel.png') });

    // The commander sees no script at all.
    const commander = await open(codes.commander, 'Commander');
    await commander.waitForSelector('[data-testid=board]');
    expect(await commander.locator('[data-testid=msel-timeline]').count()).toBe(0);
    await commander.waitForSelector('[data-testid=station-group][data-id="staging-late-team"]');
    expect(log.filter((l) => l.startsWith('page error'))).toEqual([]);
  }, 600_000);
});
