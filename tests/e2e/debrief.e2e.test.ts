// The debrief page in a real browser: a drill with a call, a bridge down (and reopened) and a
// chlorine release is played on the real exercise server (SQLite, REST on 127.0.0.1) to 45 minutes
// and stopped; an observer opens `?debrief=<id>` and scrubs. The board's own map and panels must
// show the exercise as it was at each moment: the call and its units, the closure, the log, the
// units' positions on the map; scrubbing back gives the same picture again, down to the incident
// detail and the hidden truth (as a page opened fresh at that moment shows it); playback moves on
// and says so on the clock, and nothing rings while the replay passes a call.
// Then the controller forks it live at 10 minutes from the scrubber and opens the fork's board.
// Screenshots go to test-artifacts/e2e/debrief-*.png.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BoardState } from '../../shared/board-state.ts';
import { ENDED_INCIDENT_STATUSES } from '../../shared/domain/status.ts';
import { startServer, type RunningServer } from '../../server/api/start-server.ts';
import { ARTIFACTS, buildBoard, joinBoard, launchBrowser } from './e2e-browser.ts';

/**
 * Auto mode (the centre dispatches by itself), no background calls. Worked out from the log of this
 * scenario and seed: bridge closed at 1:00; the call at 2:00, graded and dispatched at 2:51.5 (five
 * units, the micro station's first on scene at 4:48); chlorine released at 5:00 (for 20 minutes, its
 * zones clear at 38:41); under control at 11:22; the bridge reopened at 30:00; closed at 36:22.
 */
const SCENARIO = `name: E2E debrief drill
nameZh: 端到端复盘演练
region: demo-county
seed: 4
start: 2026-06-12T10:00:00+08:00
duration: 1h
mode: auto
background: { enabled: false }
weather:
  - { at: 0, wind: { fromDeg: 90, speedMS: 3 }, stability: D }
hazards:
  - kind: chemical-release
    id: cl2-leak
    at: 5m
    substance: chlorine
    source: { kind: continuous, rateKgS: 1, duration: 20m }
    site: { kind: fixed, location: Hedong Chemical Park }
injects:
  - { id: bridge, at: T+01:00, kind: bridge-down, bridge: Qingshui Bridge, closureId: bridge, description: 清水大桥桥面断裂 }
  - { id: fire, at: T+02:00, kind: call, type: building-fire, location: Qingshui Old Town, words: "老城区民房起火 / a house on fire in the old town", reportedGrade: 1, truth: { trapped: 0 } }
  - { id: reopen, at: T+30:00, kind: road-reopen, closureId: bridge }
`;

const MIN = 60_000;
const MICRO = 'micro-old-town-MICRO-1';
let dir: string;
let server: RunningServer;
let browser: Browser;
let exerciseId: string;
let codes: { controller: string; commander: string; observer: string };
const serverLog: string[] = [];

async function post(path: string, code: string | undefined, body: unknown): Promise<unknown> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(code ? { 'x-join-code': code } : {}) }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as unknown;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'debrief-e2e-'));
  mkdirSync(join(dir, 'scenarios'));
  writeFileSync(join(dir, 'scenarios', 'e2e-debrief.yaml'), SCENARIO);
  await buildBoard(join(dir, 'dist'));
  server = await startServer({ port: 0, dbFile: join(dir, 'fire-sim.db'), scenariosDir: join(dir, 'scenarios'), clientDist: join(dir, 'dist'), demo: false, log: (l) => serverLog.push(l) });
  const created = (await post('/api/exercises', undefined, { scenario: 'e2e-debrief' })) as { id: string; codes: typeof codes };
  exerciseId = created.id;
  codes = created.codes;
  await post(`/api/exercises/${exerciseId}/control`, codes.controller, { action: 'step', ms: 45 * MIN });
  await post(`/api/exercises/${exerciseId}/control`, codes.controller, { action: 'stop' });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What the debrief's board panels and map show, read from the DOM and the map's debug hook. */
async function picture(page: Page) {
  return page.evaluate(() => {
    const rows = (sel: string, ...names: string[]): string[] =>
      Array.from(document.querySelectorAll(sel)).map((el) => names.map((n) => el.getAttribute(n) ?? '').join(':')).sort();
    return {
      at: document.querySelector('[data-testid=debrief]')?.getAttribute('data-at') ?? '',
      clockMs: Number(document.querySelector('[data-testid=clock]')?.getAttribute('data-sim-ms') ?? -1),
      calls: rows('[data-testid=call-row]', 'data-id'),
      incidents: rows('[data-testid=incident-row]', 'data-id', 'data-status'),
      closures: rows('[data-testid=closure-row]', 'data-id'),
      logCount: Number(document.querySelector('[data-testid=event-log]')?.getAttribute('data-count') ?? -1),
      units: window.__board?.drawnUnits() ?? {},
      zones: (window.__board?.hazardZones() ?? []).sort(),
    };
  });
}

/** What the server's fold of the log says the board was at `ms` (GET …/replay, as the observer may see it). */
async function serverState(ms: number): Promise<{ incidents: string[]; unitsOut: string[]; closures: string[]; zones: string[] }> {
  const res = await fetch(`${server.url}/api/exercises/${exerciseId}/replay?at=${ms}&recent=0`, { headers: { 'x-join-code': codes.observer } });
  const body = (await res.json()) as { state: BoardState };
  return {
    // The incident list shows the active ones (not calls waiting, nor ended ones unless asked).
    incidents: Object.values(body.state.incidents).filter((i) => i.status !== 'callReceived' && !ENDED_INCIDENT_STATUSES.has(i.status)).map((i) => `${i.id}:${i.status}`).sort(),
    unitsOut: Object.values(body.state.units).filter((u) => u.status !== 'inStation').map((u) => u.id).sort(),
    closures: Object.keys(body.state.closures).sort(),
    // A chemical release in force: its threat footprints and the ERG isolation circle.
    zones: Object.values(body.state.hazards ?? {}).flatMap((h) => (h.zones?.kind === 'chemical-release' ? [...h.zones.threat.map((z) => `${h.id}:L${z.level}`), `${h.id}:erg`] : [])).sort(),
  };
}

/**
 * Scrubs the slider to `ms`, waits until the board shows that moment, and checks that its panels and
 * map show exactly the server's state at that moment: the incidents with their status, the closures,
 * a unit drawn on the map for every unit out of its station, and the zones of a chemical release in force.
 */
async function scrubTo(page: Page, ms: number): Promise<Awaited<ReturnType<typeof picture>>> {
  await page.locator('[data-testid=replay-slider]').fill(String(ms));
  await page.waitForSelector(`[data-testid=debrief][data-at="${ms}"]`, { timeout: 30_000 });
  // The map and panels redraw on the next frames after the store changes.
  await page.waitForFunction((t) => Number(document.querySelector('[data-testid=clock]')?.getAttribute('data-sim-ms')) === t, ms, { timeout: 10_000 });
  await page.waitForFunction(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))));
  const shown = await picture(page);
  const truth = await serverState(ms);
  expect({ incidents: shown.incidents, closures: shown.closures, unitsOut: Object.keys(shown.units).sort(), zones: shown.zones }).toEqual(truth);
  return shown;
}

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: `${ARTIFACTS}/debrief-${name}.png` });

/** Counts the tones the page starts: every AudioContext made (chromium's own, wrapped; it still plays). */
async function countTones(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { AudioContext: typeof AudioContext; __tones: number };
    const Real = w.AudioContext;
    w.__tones = 0;
    w.AudioContext = class extends Real {
      constructor(...args: ConstructorParameters<typeof AudioContext>) {
        super(...args);
        w.__tones++;
      }
    };
  });
}
const tones = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __tones: number }).__tones);

/** What the incident detail, the calls and the event log show (text), for comparing two pages. */
async function detailPicture(page: Page) {
  await page.click('[data-testid=tab-log]');
  return page.evaluate(() => ({
    detail: document.querySelector('[data-testid=incident-detail]')?.textContent ?? '',
    truth: document.querySelector('[data-testid=hidden-truth]')?.textContent ?? '',
    calls: document.querySelector('[data-testid=calls-queue]')?.textContent ?? '',
    log: Array.from(document.querySelectorAll('[data-testid=event-log] li')).map((li) => li.textContent ?? ''),
    clock: document.querySelector('[data-testid=clock]')?.textContent ?? '',
  }));
}

describe('debrief page (chromium)', () => {
  it('scrubbing drives the board map and panels to the state at each moment', async () => {
    const page = await joinBoard(browser, server.url, codes.observer, 'Evaluator', serverLog);
    try {
      await countTones(page);
      await page.goto(`${server.url}/?debrief=${encodeURIComponent(exerciseId)}`);
      await page.waitForSelector('[data-testid=debrief] [data-testid=board-map]', { timeout: 30_000 });
      // The slider spans the whole recorded drill (stopped at 45 minutes).
      await page.waitForSelector('[data-testid=replay-bar][data-ends-at="2700000"]', { timeout: 30_000 });

      // 0:30: nothing has happened yet; every unit is in its station (the map draws none on the road).
      const start = await scrubTo(page, 30_000);
      expect(start).toMatchObject({ calls: [], incidents: [], closures: [], units: {}, zones: [] });
      await shot(page, '01-start');

      // 1:30: the bridge is down (closure in force), no call yet.
      const closed = await scrubTo(page, 90_000);
      expect(closed).toMatchObject({ calls: [], incidents: [], closures: ['bridge'] });

      // 2:20: the call is in the queue, not dispatched yet.
      const called = await scrubTo(page, 140_000);
      expect(called.calls).toEqual(['INC-00001']);
      expect(called.incidents).toEqual([]);
      // A replay passing a call lists it without the live board's alert and tone.
      expect(await page.locator('[data-testid=call-alert]').count()).toBe(0);
      expect(await tones(page)).toBe(0);

      // 12:00: the chlorine released at 5:00 has its threat zones on the map, with the isolation circle.
      const gas = await scrubTo(page, 12 * MIN);
      expect(gas.zones).toContain('cl2-leak:erg');
      expect(gas.zones.filter((z) => /:L[123]$/.test(z)).length).toBeGreaterThan(0);
      await shot(page, '02b-chlorine');

      // 3:30: dispatched at 2:51.5; its five units are turning out, drawn on the map at their stations;
      // at 4:00 the micro station's unit is drawn elsewhere: on its way.
      const on = await scrubTo(page, 240_000);
      const out = await scrubTo(page, 210_000);
      expect(out.calls).toEqual([]);
      expect(out.incidents).toEqual(['INC-00001:dispatching']);
      expect(out.closures).toEqual(['bridge']);
      expect(Object.keys(out.units)).toHaveLength(5);
      expect(out.units[MICRO]).toBeDefined();
      expect(on.units[MICRO]).toBeDefined();
      expect(on.units[MICRO]).not.toEqual(out.units[MICRO]);
      await page.click('[data-testid=incident-row][data-id="INC-00001"] button');
      const assigned = await page.locator('[data-testid=assigned-unit]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-id')}:${e.getAttribute('data-status')}`).sort());
      expect(assigned).toHaveLength(5);
      expect(assigned.every((a) => a.endsWith(':turningOut'))).toBe(true);
      await shot(page, '02-dispatched');

      // 32:00: the bridge is open again; the fire is under control with the micro unit on scene or working;
      // the release stopped at 25:00 but its gas has not cleared yet.
      const late = await scrubTo(page, 32 * MIN);
      // (Roads the plume closes are closures too: only the bridge's reopening is asserted here.)
      expect(late.closures).not.toContain('bridge');
      expect(late.zones).toEqual(gas.zones);
      expect(late.incidents).toEqual(['INC-00001:underControl']);
      const lateAssigned = await page.locator('[data-testid=assigned-unit]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
      expect(lateAssigned.length).toBeGreaterThan(0);
      expect(lateAssigned.every((s) => s === 'onScene' || s === 'working')).toBe(true);
      await shot(page, '03-under-control');

      // The event log ends at the moment: its newest line is the bridge reopened at 30:00.
      await page.click('[data-testid=tab-log]');
      const newest = async (): Promise<string> => (await page.locator('[data-testid=event-log] li').first().textContent()) ?? '';
      expect(await newest()).toMatch(/^#\d+ T\+00:30:00 .*bridge/);
      const lateLog = (await picture(page)).logCount;

      // 40:00: the zones have cleared (at 38:41).
      expect((await scrubTo(page, 40 * MIN)).zones).toEqual([]);

      // Back to 3:30: the same picture as before (the state is the log's, not what was last shown),
      // and the log holds only what had happened by then.
      const again = await scrubTo(page, 210_000);
      expect({ ...again, units: again.units[MICRO], logCount: 0 }).toEqual({ ...out, units: out.units[MICRO], logCount: 0 });
      expect(again.logCount).toBeGreaterThan(0);
      expect(again.logCount).toBeLessThan(lateLog);
      expect(await newest()).toMatch(/^#\d+ T\+00:02:51/);

      // The next-event button jumps to the first event after 3:30, the previous-event one back before it.
      const { nextAt } = (await (await fetch(`${server.url}/api/exercises/${exerciseId}/replay?at=210000&recent=0`, { headers: { 'x-join-code': codes.observer } })).json()) as { nextAt: number };
      expect(nextAt).toBeGreaterThan(210_000);
      await page.click('[data-testid=replay-next]');
      await page.waitForSelector(`[data-testid=debrief][data-at="${nextAt}"]`, { timeout: 30_000 });
      await page.click('[data-testid=replay-prev]');
      await page.waitForFunction((t) => Number(document.querySelector('[data-testid=debrief]')?.getAttribute('data-at')) < t, nextAt, { timeout: 30_000 });

      // Playback at 600×: the moment moves on by itself.
      await page.selectOption('[data-testid=replay-speed]', '600');
      await page.click('[data-testid=replay-play]');
      // The clock says playback (never "Running") and shows the moment replayed at the playback speed.
      await page.waitForSelector('[data-testid=clock][data-status=playback]', { timeout: 10_000 });
      const playingClock = (await page.textContent('[data-testid=clock]')) ?? '';
      expect(playingClock).toMatch(/Playback/);
      expect(playingClock).not.toMatch(/Running/);
      expect(playingClock).toMatch(/2026-06-12 1\d:\d\d:\d\d.*T\+00:\d\d:\d\d.*×600/);
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=debrief]')?.getAttribute('data-at')) > 10 * 60_000, undefined, { timeout: 30_000 });
      await page.click('[data-testid=replay-play]');
      await page.waitForSelector('[data-testid=clock][data-status=paused]', { timeout: 10_000 });
      expect(await page.textContent('[data-testid=clock]')).toMatch(/Replay \(paused\)/);
      // Scrubbing over the call and playing past it rang nothing.
      expect(await tones(page)).toBe(0);

      // The report tab shows the server's after-action report.
      await page.click('[data-testid=debrief-view-report]');
      const frame = page.frameLocator('[data-testid=report-frame]');
      await expect.poll(async () => frame.locator('h1').first().textContent(), { timeout: 60_000 }).toMatch(/After-action report/);
      await shot(page, '04-report');
    } catch (err) {
      await shot(page, 'failure').catch(() => undefined);
      throw err;
    }
  }, 240_000);

  it('a moment scrubbed back to looks as when opened fresh at it: incident detail, hidden truth, calls, log', async () => {
    const page = await joinBoard(browser, server.url, codes.controller, 'Trainer', serverLog);
    const fresh = await joinBoard(browser, server.url, codes.controller, 'Trainer 2', serverLog);
    try {
      await page.goto(`${server.url}/?debrief=${encodeURIComponent(exerciseId)}`);
      await page.waitForSelector('[data-testid=debrief] [data-testid=board-map]', { timeout: 30_000 });
      // 3:30: dispatched, nobody on scene yet; the controller opens the fire's detail with its hidden truth.
      await scrubTo(page, 210_000);
      await page.click('[data-testid=incident-row][data-id="INC-00001"] button');
      const before = await detailPicture(page);
      expect(before.truth).not.toBe('');
      // On to 40:00 (under control, the size-ups reported), the detail still open; then back to 3:30.
      await scrubTo(page, 40 * MIN);
      const later = await detailPicture(page);
      expect(later.detail).not.toEqual(before.detail);
      // The size-up at 4:48 told the controller the true size (6.2 m² against 5.3 m² at the call).
      expect(later.truth).not.toEqual(before.truth);
      await scrubTo(page, 210_000);
      const back = await detailPicture(page);
      await shot(page, '07-scrubbed-back');

      // The same moment opened fresh from its address.
      await fresh.goto(`${server.url}/?debrief=${encodeURIComponent(exerciseId)}&at=210000`);
      await fresh.waitForSelector('[data-testid=debrief][data-at="210000"]', { timeout: 30_000 });
      await fresh.waitForFunction(() => Number(document.querySelector('[data-testid=clock]')?.getAttribute('data-sim-ms')) === 210_000, undefined, { timeout: 10_000 });
      await fresh.click('[data-testid=incident-row][data-id="INC-00001"] button');
      const opened = await detailPicture(fresh);
      await shot(fresh, '08-opened-at');
      expect(back).toEqual(opened);
      expect(back).toEqual(before);
      // The address keeps the moment shown.
      expect(new URL(page.url()).searchParams.get('at')).toBe('210000');
    } catch (err) {
      await shot(page, 'moment-failure').catch(() => undefined);
      throw err;
    } finally {
      await fresh.context().close();
      await page.context().close();
    }
  }, 240_000);

  it('forks live from the moment on the scrubber: the controller opens the fork paused there and runs it on', async () => {
    const page = await joinBoard(browser, server.url, codes.controller, 'Trainer', serverLog);
    try {
      await page.goto(`${server.url}/?debrief=${encodeURIComponent(exerciseId)}`);
      await page.waitForSelector('[data-testid=debrief] [data-testid=board-map]', { timeout: 30_000 });
      const at10 = await scrubTo(page, 10 * MIN);
      expect(at10.incidents).toHaveLength(1);
      await page.click('[data-testid=fork-open-dialog]');
      await page.click('[data-testid=fork-create]');
      await page.waitForSelector('[data-testid=fork-made]', { timeout: 60_000 });
      const forkId = await page.getAttribute('[data-testid=fork-made]', 'data-id');
      expect(forkId).toBe(`${exerciseId}-fork-1`);
      const commanderCode = await page.textContent('[data-testid=fork-code-commander]');
      const forkController = await page.textContent('[data-testid=fork-code-controller]');
      expect(commanderCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      await shot(page, '05-fork-made');

      // Open it as its controller: the live board of the fork, paused at 10:00, showing what the debrief showed.
      await page.click('[data-testid=fork-open]');
      await page.waitForSelector('[data-testid=board][data-link=live][data-role=controller]', { timeout: 30_000 });
      await page.waitForSelector('[data-testid=clock][data-status=paused]');
      expect(Number(await page.getAttribute('[data-testid=clock]', 'data-sim-ms'))).toBe(10 * MIN);
      const incidents = await page.locator('[data-testid=incident-row]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-id')}:${e.getAttribute('data-status')}`).sort());
      expect(incidents).toEqual(at10.incidents);
      const fork = (await (await fetch(`${server.url}/api/exercises/${forkId}/events?after=0`, { headers: { 'x-join-code': commanderCode! } })).json()) as { events: { t: number }[] };
      expect(fork.events.every((e) => e.t <= 10 * MIN)).toBe(true);

      // The controller runs it on: the clock moves from 10:00.
      await page.click('[data-testid=control-resume]');
      await page.waitForSelector('[data-testid=clock][data-status=running]', { timeout: 15_000 });
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=clock]')?.getAttribute('data-sim-ms')) > 10 * 60_000, undefined, { timeout: 15_000 });
      await shot(page, '06-fork-running');

      // The controller's scrubber over the running fork: the slider's end follows the drill's clock
      // by itself (it used to move only when the user sought).
      await page.goto(`${server.url}/?debrief=${encodeURIComponent(forkId!)}`);
      await page.waitForSelector('[data-testid=debrief] [data-testid=replay-bar]', { timeout: 30_000 });
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=replay-bar]')?.getAttribute('data-ends-at')) > 10 * 60_000, undefined, { timeout: 15_000 });
      const endNow = async (): Promise<number> => Number(await page.getAttribute('[data-testid=replay-bar]', 'data-ends-at'));
      const first = await endNow();
      await page.waitForFunction((e) => Number(document.querySelector('[data-testid=replay-bar]')?.getAttribute('data-ends-at')) >= e + 2_000, first, { timeout: 20_000 });
      const later = await endNow();
      expect(Number(await page.getAttribute('[data-testid=replay-slider]', 'max'))).toBeGreaterThanOrEqual(later);
      await post(`/api/exercises/${forkId}/control`, forkController!, { action: 'pause' });
    } catch (err) {
      await shot(page, 'fork-failure').catch(() => undefined);
      throw err;
    }
  }, 240_000);
});
