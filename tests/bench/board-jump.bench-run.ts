// Board jump bench: the replay scrubber's "jump to any point of a day-long exercise in ≤ 300 ms" as
// the user sees it, in the browser. The real exercise server (SQLite in a temporary directory, REST
// and Socket.IO on 127.0.0.1) records the busy day the replay-jump bench folds (the normal day with
// its background load scaled up, 40× by default) by stepping it to its end; Debian's chromium opens
// the built board as controller at `?debrief=<id>`, and the bench moves the slider the user drives to
// seeded random moments. Each jump is timed in the page from the slider's input event to the frame
// after the debrief page marks that moment as shown (`data-shown-at`: the panels and log rendered with
// the state at that moment; the map draws it in the frame loop, whose callback runs before ours).
// The first jump after opening fetches the whole log for the event log panel and is a warm-up, not
// a sample. Prints one JSON object: p50, p95, max, every jump (with its replay fetch from the
// browser's resource timing, when the page asked the server), the goal, whether it is met (max and
// p95), and the load average before and after.
// Flags: --jumps N (30), --seed N, --scale N (background scale, 40), --profile (a CPU profile of the
// page over the jumps, test-artifacts/bench/board-jump.cpuprofile).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { findChromium } from '../find-chromium.ts';
import { buildBoard, CHROMIUM_ARGS, joinBoard } from '../e2e/e2e-browser.ts';
import { prng } from '../fixtures/prng.ts';
import { startServer } from '../../server/api/start-server.ts';
import { percentileOfSorted, sortedAscending } from '../../server/metrics/percentiles.ts';
import { post } from './bench-client.ts';

const GOAL_MS = 300;
const SLIDER_STEP_MS = 1_000;
const PROFILE_DIR = 'test-artifacts/bench';

interface Jump { to: number; ms: number; fetchMs?: number }

/** One slider move in the page (a string: the bench runs under tsx, whose helpers do not exist there). */
function jumpScript(to: number): string {
  return `new Promise((done, fail) => {
    const slider = document.querySelector('[data-testid=replay-slider]');
    const root = document.querySelector('[data-testid=debrief]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const timer = setTimeout(() => { seen.disconnect(); fail(new Error('no board at ${to} within 30 s')); }, 30000);
    let t0 = 0;
    const seen = new MutationObserver(() => {
      if (root.getAttribute('data-shown-at') !== '${to}') return;
      seen.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => {
        const ms = performance.now() - t0;
        const fetches = performance.getEntriesByType('resource').filter((r) => r.name.includes('/replay?at=${to}&'));
        const f = fetches.at(-1);
        done({ ms, fetchMs: f ? f.responseEnd - f.startTime : undefined });
      });
    });
    seen.observe(root, { attributes: true, attributeFilter: ['data-shown-at'] });
    t0 = performance.now();
    setValue.call(slider, '${to}');
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  })`;
}

export async function runBoardJumpBench(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: {
    jumps: { type: 'string', default: '30' },
    seed: { type: 'string', default: '20261207' },
    scale: { type: 'string', default: '40' },
    profile: { type: 'boolean', default: false },
  } });
  const nJumps = Number(values.jumps);
  const scale = Number(values.scale);
  const progress = (line: string): void => void process.stderr.write(`board-jump: ${line}\n`);
  const loadBefore = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'board-jump-'));
  let close: (() => Promise<void>) | undefined;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    // The busy day: the shipped normal day with its background load scaled (as the replay-jump bench).
    const day = readFileSync('scenarios/normal-day.yaml', 'utf8');
    const busy = day.replace(/^(\s+scale:) 1\b.*$/m, `$1 ${scale}`);
    if (busy === day) throw new Error('scenarios/normal-day.yaml: no "scale: 1" line under background to scale');
    mkdirSync(join(dir, 'scenarios'));
    writeFileSync(join(dir, 'scenarios', 'busy-day.yaml'), busy);
    progress('building the board');
    // Profiled: unminified, so the profile names the board's own functions.
    if (values.profile) await build({ configFile: 'client/vite.config.ts', logLevel: 'warn', build: { outDir: join(dir, 'dist'), emptyOutDir: true, minify: false } });
    else await buildBoard(join(dir, 'dist'));
    const server = await startServer({ port: 0, host: '127.0.0.1', dbFile: join(dir, 'fire-sim.db'), scenariosDir: join(dir, 'scenarios'), clientDist: join(dir, 'dist'), demo: false, log: () => undefined });
    close = server.close;
    const created = (await post(server.url, '/api/exercises', { scenario: 'busy-day' })) as { id: string; codes: { controller: string } };
    const { id, codes } = created;
    progress(`recording the day (background ×${scale}) through the server`);
    let t0 = performance.now();
    await post(server.url, `/api/exercises/${id}/control`, { action: 'step', ms: 24 * 3_600_000 }, codes.controller);
    await post(server.url, `/api/exercises/${id}/control`, { action: 'stop' }, codes.controller).catch(() => undefined);
    const recordMs = performance.now() - t0;
    const end = (await (await fetch(`${server.url}/api/exercises/${id}/replay?at=${86_400_000}&recent=0`, { headers: { 'x-join-code': codes.controller } })).json()) as { endsAt: number; state: { seq: number; incidents: Record<string, unknown> } };
    progress(`${end.state.seq} events, ${Object.keys(end.state.incidents).length} incidents, ends at ${end.endsAt} ms`);

    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    const page = await joinBoard(browser, server.url, codes.controller, 'Bench', []);
    t0 = performance.now();
    await page.goto(`${server.url}/?debrief=${encodeURIComponent(id)}`);
    await page.waitForSelector('[data-testid=debrief][data-shown-at="0"] [data-testid=board-map]', { timeout: 120_000 });
    const openMs = performance.now() - t0;
    // Warm-up: the first moment after opening fetches the whole log (the event log panel's source).
    t0 = performance.now();
    await page.evaluate(jumpScript(end.endsAt - (end.endsAt % SLIDER_STEP_MS)));
    const warmUpMs = performance.now() - t0;

    const rnd = prng(Number(values.seed));
    const jumps: Jump[] = [];
    let at = end.endsAt - (end.endsAt % SLIDER_STEP_MS);
    // --profile: a sampling CPU profile of the page over the jumps (open it in Chrome DevTools).
    const cdp = values.profile ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    for (let i = 0; i < nJumps; i++) {
      let to = at;
      while (to === at) to = Math.floor((rnd() * end.endsAt) / SLIDER_STEP_MS) * SLIDER_STEP_MS;
      const r = (await page.evaluate(jumpScript(to))) as { ms: number; fetchMs?: number };
      jumps.push({ to, ms: Math.round(r.ms * 10) / 10, ...(r.fetchMs === undefined ? {} : { fetchMs: Math.round(r.fetchMs * 10) / 10 }) });
      at = to;
    }
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(PROFILE_DIR, { recursive: true });
      writeFileSync(join(PROFILE_DIR, 'board-jump.cpuprofile'), JSON.stringify(profile));
      progress(`CPU profile written to ${PROFILE_DIR}/board-jump.cpuprofile`);
    }
    const sorted = sortedAscending(jumps.map((j) => j.ms));
    const fetches = sortedAscending(jumps.flatMap((j) => (j.fetchMs === undefined ? [] : [j.fetchMs])));
    const r1 = (x: number | undefined): number => Math.round((x ?? Number.NaN) * 10) / 10;
    const p95 = r1(percentileOfSorted(sorted, 95));
    const max = r1(sorted.at(-1));
    const la = (l: number[]): number[] => l.map((x) => Math.round(x * 100) / 100);
    process.stdout.write(`${JSON.stringify({
      bench: 'board-jump', backgroundScale: scale, events: end.state.seq, incidents: Object.keys(end.state.incidents).length,
      simulatedHours: Math.round(end.endsAt / 360_000) / 10, recordMs: Math.round(recordMs), openMs: Math.round(openMs), warmUpJumpMs: Math.round(warmUpMs),
      jumps: jumps.length, seed: Number(values.seed), p50: r1(percentileOfSorted(sorted, 50)), p95, max,
      // Jumps that asked the server (the others were folded in the page from the log it holds).
      serverFetches: fetches.length, ...(fetches.length > 0 ? { fetchMsP50: r1(percentileOfSorted(fetches, 50)), fetchMsMax: r1(fetches.at(-1)) } : {}),
      goalMs: GOAL_MS, met: max <= GOAL_MS, metP95: p95 <= GOAL_MS,
      loadAverage: { before: la(loadBefore), after: la(loadavg()) }, each: jumps,
    })}\n`);
  } finally {
    await browser?.close();
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  }
}
