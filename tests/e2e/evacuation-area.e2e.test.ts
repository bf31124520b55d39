// End to end in a real browser (issue 10 §4): in the shipped chlorine leak drill a commander draws an
// evacuation area over the plume on the map, corner by corner, closes it on its first corner, is
// shown the people the population data puts inside, and orders it. The order goes out with its
// command id; EVACUATION_ORDERED and, at its end, AREA_EVACUATED reach the commander, whose map draws
// the area with its progress; the controller's board shows the people still inside (the hidden
// truth, never sent to the commander) falling to none. Screenshots at 1600×1000 and 1366×768, in
// English and Chinese, go to test-artifacts/e2e/evac-*.png.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/api/start-server.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadEvacuationRules, loadFloodHazardRules } from '../../server/scenario/load-hazard-data.ts';
import { evacuationEstimate } from '../../server/hazards/evacuation-estimate.ts';
import type { DomainEvent, EventOf } from '../../shared/events.ts';
import type { LatLon } from '../../shared/geo.ts';
import { ARTIFACTS, buildBoard, joinBoard, launchBrowser } from './e2e-browser.ts';

let dir: string;
let server: RunningServer;
let browser: Browser;
let exerciseId: string;
let codes: { controller: string; commander: string; observer: string };
const log: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'evac-e2e-'));
  mkdirSync(join(dir, 'scenarios'));
  copyFileSync('scenarios/hazard-chlorine-park.yaml', join(dir, 'scenarios', 'hazard-chlorine-park.yaml'));
  await buildBoard(join(dir, 'dist'));
  server = await startServer({ port: 0, dbFile: join(dir, 'fire-sim.db'), scenariosDir: join(dir, 'scenarios'), clientDist: join(dir, 'dist'), demo: false, log: (l) => log.push(l) });
  const res = await fetch(`${server.url}/api/exercises`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'hazard-chlorine-park', speed: 60 }) });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as { id: string; codes: typeof codes };
  exerciseId = body.id;
  codes = body.codes;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function joinAs(code: string, name: string, lang: 'en' | 'zh-CN', viewport: { width: number; height: number }): Promise<Page> {
  return joinBoard(browser, server.url, code, name, log, { viewport, locale: lang === 'en' ? 'en-US' : 'zh-CN', timeoutMs: 20_000 });
}

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: `${ARTIFACTS}/evac-${name}.png` });

/** Clicks the map at a place, as a user does (the board's debug hook says where the place is drawn). */
async function clickMap(page: Page, p: LatLon): Promise<void> {
  const box = (await page.locator('[data-testid=board-map]').boundingBox())!;
  const [x, y] = await page.evaluate(([lat, lon]) => window.__board!.containerPoint(lat, lon), p);
  expect(x > 0 && y > 0 && x < box.width && y < box.height, `(${p.join(', ')}) is on the map`).toBe(true);
  // What the user sees at that spot is the map itself, not a panel or control lying over it.
  const over = await page.evaluate(([cx, cy]) => {
    const el = document.elementFromPoint(cx, cy);
    return el?.closest('[data-testid=board-map]') && !el.closest('.leaflet-control') ? '' : `${el?.tagName}.${String(el?.className)}`;
  }, [box.x + x, box.y + y] as const);
  expect(over, `(${p.join(', ')}) is not covered`).toBe('');
  await page.mouse.click(box.x + x, box.y + y);
}

async function events(code: string): Promise<DomainEvent[]> {
  const res = await fetch(`${server.url}/api/exercises/${exerciseId}/events?limit=10000`, { headers: { 'x-join-code': code } });
  return ((await res.json()) as { events: DomainEvent[] }).events;
}
const of = <T extends DomainEvent['type']>(evs: DomainEvent[], type: T): EventOf<T>[] => evs.filter((e): e is EventOf<T> => e.type === type);

async function until<T>(what: string, read: () => Promise<T | undefined>, timeout = 60_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await read();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not in time\n${log.slice(-10).join('\n')}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('evacuation area drawn on the map (chromium)', () => {
  it('a commander draws an area over the plume, confirms it on the estimate, and both boards follow it to its end', async () => {
    const commander = await joinAs(codes.commander, 'Duty commander', 'en', { width: 1600, height: 1000 });
    const controller = await joinAs(codes.controller, '导调员', 'zh-CN', { width: 1366, height: 768 });
    try {
      await controller.click('[data-testid=control-start]');
      // The leak's zones form at T+2 and its call comes at T+3: the commander opens it, the map flies there.
      await commander.waitForSelector('[data-testid=hazard-row][data-id=cl2-park]', { timeout: 30_000 });
      const leak = commander.locator('[data-testid=incident-row]').first();
      await leak.waitFor({ timeout: 30_000 });
      await leak.locator('button').click();
      await until('map zoomed to the leak', async () => ((await commander.evaluate(() => window.__board!.zoom())) >= 14 ? true : undefined));
      await until('threat zones drawn', async () => ((await commander.evaluate(() => window.__board!.hazardZones())).includes('cl2-park:L2') ? true : undefined));

      // The hazards panel lies over the east of the map, where the plume goes: drag the map west, once
      // the fly-to has ended (Leaflet takes no drag while it zooms, and the east would stay covered).
      await until('map at rest after the fly-to', async () => ((await commander.evaluate(() => window.__board!.atRest())) ? true : undefined));
      const box = (await commander.locator('[data-testid=board-map]').boundingBox())!;
      const [px, py] = await commander.evaluate(() => window.__board!.containerPoint(24.6135, 110.65085));
      await commander.mouse.move(box.x + px, box.y + py);
      await commander.mouse.down();
      await commander.mouse.move(box.x + px - 150, box.y + py + 20, { steps: 8 });
      await commander.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.5, { steps: 8 });
      // Hold still before letting go, as a user placing the map does: released in mid-move, the map
      // glides on (Leaflet's inertia) for seconds on a fast machine, the drawing below then starts
      // while it moves, and the corners are clicked where the map no longer is (or under the panel).
      await new Promise((r) => setTimeout(r, 150));
      await commander.mouse.up();
      await until('map at rest after the drag', async () => ((await commander.evaluate(() => window.__board!.atRest())) ? true : undefined));
      const [dx, dy] = await commander.evaluate(() => window.__board!.containerPoint(24.6135, 110.65085));
      expect([Math.round(dx), Math.round(dy)], 'the drag moved the map').toEqual([Math.round(box.width * 0.25), Math.round(box.height * 0.5)]);

      // Draw: four corners around the level 2 footprint east of the tank farm, a stray fifth corner
      // taken back with Undo, then a click on the first corner closes the area.
      await commander.click('[data-testid=evac-draw]');
      const corners: LatLon[] = [[24.605, 110.648], [24.605, 110.675], [24.622, 110.675], [24.622, 110.648]];
      for (const c of corners) await clickMap(commander, c);
      await clickMap(commander, [24.63, 110.66]);
      expect(await commander.getAttribute('[data-testid=evac-draft]', 'data-corners')).toBe('5');
      await commander.click('[data-testid=evac-undo]');
      expect(await commander.getAttribute('[data-testid=evac-draft]', 'data-corners')).toBe('4');
      await shot(commander, 'drawing-en-1600');
      await clickMap(commander, corners[0]!);
      expect(await commander.getAttribute('[data-testid=evac-draft]', 'data-closed')).toBe('true');

      // The confirmation: the people the population data puts inside (as the server counts the drawn ring).
      const shown = Number(await until('estimate shown', async () => (await commander.getAttribute('[data-testid=evac-estimate]', 'data-people')) ?? undefined));
      const world = loadWorld({});
      const expected = (ring: LatLon[]) => evacuationEstimate(world.region, loadFloodHazardRules().data.refine, loadEvacuationRules().data, { kind: 'polygon', ring }).people;
      expect(shown).toBeGreaterThan(50);
      expect(Math.abs(shown - expected(corners))).toBeLessThanOrEqual(Math.max(3, shown * 0.05)); // corners land on whole pixels
      expect(await commander.textContent('[data-testid=evac-estimate]')).toContain(`About ${shown} people`);
      await shot(commander, 'confirm-en-1600');
      expect(of(await events(codes.controller), 'EVACUATION_ORDERED')).toEqual([]); // nothing ordered yet
      await commander.click('[data-testid=evac-confirm]');

      // The order: with its command id, the drawn polygon and the estimate the commander confirmed.
      const ordered = await until('EVACUATION_ORDERED', async () => of(await events(codes.commander), 'EVACUATION_ORDERED')[0]);
      expect(ordered.area?.kind).toBe('polygon');
      expect(ordered.people).toBe(shown);
      expect(ordered.by).toBe('commander');
      const accepted = of(await events(codes.controller), 'COMMAND_ACCEPTED').find((e) => e.command.type === 'EVACUATE_AREA')!;
      expect(accepted.command.commandId).toMatch(/^[A-Za-z0-9_.:-]{8,64}$/);
      if (ordered.area?.kind === 'polygon') expect(expected(ordered.area.ring)).toBe(shown);

      // Commander: the area on the map with its progress by time; never the people still inside.
      await commander.waitForSelector('[data-testid=evacuation-row][data-id=evac-1]');
      const drawn = await until('area drawn with its progress', async () => {
        const d = (await commander.evaluate(() => window.__board!.evacuations())).find((x) => x.id === 'evac-1');
        return d && /Evacuating · \d+% · done by T\+/.test(d.label) ? d : undefined;
      });
      expect(drawn.done).toBe(false);
      expect(await commander.locator('[data-testid=evacuation-inside]').count()).toBe(0);
      expect(await commander.getAttribute('[data-testid=evacuation-row]', 'data-people-inside')).toBeNull();
      await shot(commander, 'progress-en-1600');

      // Controller: the people still inside, falling as people leave (after the 10 min set-up).
      const first = Number(await until('people inside shown', async () => (await controller.getAttribute('[data-testid=evacuation-row][data-id=evac-1]', 'data-people-inside')) ?? undefined));
      expect(first).toBe(shown);
      expect((await controller.evaluate(() => window.__board!.evacuations()))[0]?.label).toContain('区内尚有');
      expect(await controller.textContent('[data-testid=evacuation-inside]')).toContain('区内尚有');
      // On the small screen the hazard details fold away, and the map shows again.
      await controller.click('[data-testid=hazard-fold]');
      expect(await controller.locator('[data-testid=hazard-row]').count()).toBe(0);
      await shot(controller, 'inside-zh-1366');
      const fewer = await until('people inside fall', async () => {
        const v = Number(await controller.getAttribute('[data-testid=evacuation-row][data-id=evac-1]', 'data-people-inside'));
        return v > 0 && v < first ? v : undefined;
      });
      expect(fewer).toBeLessThan(first);
      await shot(controller, 'falling-zh-1366');

      // The end: AREA_EVACUATED on both boards, the area drawn as done, none inside.
      await until('done on the commander board', async () => ((await commander.getAttribute('[data-testid=evacuation-row][data-id=evac-1]', 'data-done')) === 'true' ? true : undefined));
      const done = of(await events(codes.commander), 'AREA_EVACUATED')[0]!;
      expect(done).toMatchObject({ evacuationId: 'evac-1', people: shown, orderedAt: ordered.t });
      expect(done.t).toBe(ordered.doneAt);
      await until('done on the controller board', async () => ((await controller.getAttribute('[data-testid=evacuation-row][data-id=evac-1]', 'data-done')) === 'true' ? true : undefined));
      expect(await controller.getAttribute('[data-testid=evacuation-row][data-id=evac-1]', 'data-people-inside')).toBe('0');
      expect((await commander.evaluate(() => window.__board!.evacuations()))[0]).toMatchObject({ done: true, label: `Evacuated · ${shown} people` });

      // The hidden truth stayed with the controller: the commander's events have none of it.
      const controllerProgress = of(await events(codes.controller), 'EVACUATION_PROGRESS').map((e) => e.peopleInside);
      expect(controllerProgress[0]).toBe(shown);
      expect(controllerProgress.at(-1)!).toBeLessThan(shown);
      expect(of(await events(codes.commander), 'EVACUATION_PROGRESS')).toEqual([]);
      // The commander's log says it in words.
      await commander.click('.board__bottom .tabs button:nth-child(2)');
      await commander.waitForSelector(`[data-testid=event-log] >> text=Evacuation complete: ${shown} people moved out`);

      // Observers may not ask for the estimate (nor order).
      const refused = await fetch(`${server.url}/api/exercises/${exerciseId}/evacuation-estimate`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-join-code': codes.observer }, body: JSON.stringify({ area: { kind: 'polygon', ring: corners } }) });
      expect(refused.status).toBe(403);

      // The other sizes and languages, for a look.
      await commander.setViewportSize({ width: 1366, height: 768 });
      await commander.click('[data-testid=lang-switch]');
      await commander.click('.board__bottom .tabs button:nth-child(1)');
      await commander.waitForSelector('text=绘制疏散区域');
      await shot(commander, 'done-zh-1366');
      await commander.click('[data-testid=evac-draw]');
      await shot(commander, 'draw-hint-zh-1366');
      await commander.keyboard.press('Escape');
      expect(await commander.locator('[data-testid=evac-draft]').count()).toBe(0);
      await controller.setViewportSize({ width: 1600, height: 1000 });
      await controller.click('[data-testid=lang-switch]');
      await controller.waitForSelector('text=Draw evacuation area');
      await shot(controller, 'done-en-1600');
      expect(log.filter((l) => l.startsWith('page error'))).toEqual([]);
    } catch (err) {
      await Promise.all([shot(commander, 'failure-commander'), shot(controller, 'failure-controller')]).catch(() => undefined);
      throw err;
    }
  }, 300_000);
});
