// Board bench: the built command board in headless chromium (Debian's, software rendering with
// --disable-gpu) against a SYNTHETIC live server run by this script: it serves client/dist built
// for the bench, the real vector map of the demo county (buildRegionMap) and speaks the shared socket
// contract (welcome, snapshot, deltas at ~7 Hz, clock at 1 Hz) with a board of 2,000 units all moving
// on their legs and 500 active incidents, folded with the shared applyEvent. The real exercise server
// is not used because its engine cannot hold 2,000 units in the demo county.
// Prints one JSON object: firstLoadMs (navigation start → board live, map drawn, panels rendered;
// median of 3 fresh loads) and fps (requestAnimationFrame callbacks per second over 5 s while the
// units move), plus the map's own frame count and the setup.
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { Server } from 'socket.io';
import { chromium } from 'playwright-core';
import { findChromium } from '../find-chromium.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadRoadNetwork } from '../../server/geo/region-roads.ts';
import { buildRegionMap } from '../../server/geo/region-map.ts';
import { mulberry32 } from '../../server/geo/generate-roads.ts';
import { applyEvent, createBoardState, unitPosition, type BoardState } from '../../shared/board-state.ts';
import type { DomainEvent, Leg } from '../../shared/events.ts';
import type { BoardSnapshot, ClockState, Welcome } from '../../shared/live.ts';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import { encodeTrack, toTrackUnits } from '../../shared/leg-track.ts';
import { INCIDENT_TYPES } from '../../shared/domain/incident-types.ts';
import { ALL_ROUTES_LIMIT } from '../../client/src/map/draw-dynamic.ts';
import type { Grade } from '../../shared/domain/grades.ts';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
const DELTA_MS = 150;
const REROUTES_PER_DELTA = 10;
const SPEED_MPS = 40 / 3.6;
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

interface Synthetic { board: BoardState; seq: number }
/** An event before it gets its seq (distributes over the union, unlike Omit). */
type Unsequenced = DomainEvent extends infer E ? (E extends DomainEvent ? Omit<E, 'seq'> : never) : never;

/** A leg along two sides of a rectangle (a routed path with three vertices), at 40 km/h from t0. */
function legBetween(from: LatLon, to: LatLon, t0: number): Leg {
  const corner: LatLon = [from[0], to[1]];
  const d1 = haversineM(from, corner);
  const d2 = haversineM(corner, to);
  const t1 = t0 + Math.round((d1 / SPEED_MPS) * 1000);
  const t2 = t1 + Math.round((d2 / SPEED_MPS) * 1000) + 1;
  const path = [from, corner, to];
  const track = encodeTrack(path.map((p) => toTrackUnits(p[0])), path.map((p) => toTrackUnits(p[1])), [t0, t1, t2], 3, t0);
  return { from, to, departAt: t0, arriveAt: t2, distanceM: d1 + d2, track };
}

function syntheticBoard(units: number, incidents: number): { state: Synthetic; map: ReturnType<typeof buildRegionMap> } {
  const world = loadWorld({});
  const map = buildRegionMap(world, loadRoadNetwork('seeds', world.region));
  const [[s, w], [n, e]] = map.bounds;
  const inside = map.stations.filter((st) => st.location[0] > s && st.location[0] < n && st.location[1] > w && st.location[1] < e);
  // The region's own units, then more at the in-county stations (round robin) up to `units`.
  const seeds = map.stations.flatMap((st) => st.units.map((u) => ({ id: u.id, stationId: st.id, type: u.type, home: st.location })));
  const types = ['SG', 'PM', 'JY', 'SG', 'DG-32'];
  for (let i = seeds.length; i < units; i++) {
    const st = inside[i % inside.length]!;
    seeds.push({ id: `bench-${st.id}-${i}`, stationId: st.id, type: types[i % types.length]!, home: st.location });
  }
  const board = createBoardState(seeds.slice(0, units), 'manual');
  const rnd = mulberry32(20_260_612);
  const land = world.region.cells.filter((c) => c.landUse !== 'water' && c.landUse !== 'forest');
  const { grid } = world.region;
  let seq = 0;
  const push = (ev: Unsequenced): void => applyEvent(board, { ...ev, seq: ++seq } as DomainEvent);
  const unitIds = Object.keys(board.units);
  for (let k = 0; k < incidents; k++) {
    const cell = land[Math.floor(rnd() * land.length)]!;
    const at: LatLon = [grid.south + (cell.r + rnd()) * grid.cellLat, grid.west + (cell.c + rnd()) * grid.cellLon];
    const incidentId = `INC-${String(k + 1).padStart(5, '0')}`;
    const type = INCIDENT_TYPES[k % (INCIDENT_TYPES.length - 1)]!;
    const grade = (1 + (k % 5)) as Grade;
    push({ type: 'CALL_RECEIVED', t: 0, incidentId, source: 'background', location: at, reportedType: type, description: '', reportedSize: 10, reportedTrapped: 0, reportedGrade: grade, truth: { size: 10, trapped: 0, deadlinesMin: [], unfounded: false } });
    push({ type: 'INCIDENT_TRIAGED', t: 0, incidentId, incidentType: type, location: at, jurisdictionId: cell.jurisdictionId, homeStationId: inside[0]!.id, by: 'system' });
    push({ type: 'INCIDENT_GRADED', t: 0, incidentId, grade, by: 'system' });
  }
  // Every unit dispatched to an incident (4 per incident) and en route on its leg.
  unitIds.forEach((unitId, i) => {
    const incidentId = `INC-${String((i % incidents) + 1).padStart(5, '0')}`;
    const u = board.units[unitId]!;
    const inc = board.incidents[incidentId]!;
    push({ type: 'UNIT_DISPATCHED', t: 0, unitId, incidentId, reason: { need: 'water', echelon: 1, note: '' }, etaSec: 600, by: 'system' });
    push({ type: 'UNIT_EN_ROUTE', t: 0, unitId, incidentId, leg: legBetween(u.home, inc.location, 0) });
  });
  return { state: { board, seq }, map };
}

function serveStatic(dist: string, mapJson: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/regions/demo-county/map') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(mapJson);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not-found","message":"bench server"}}');
      return;
    }
    const file = normalize(join(dist, url.pathname === '/' ? 'index.html' : url.pathname));
    const path = file.startsWith(dist) && existsSync(file) && !file.endsWith('/') ? file : join(dist, 'index.html');
    res.writeHead(200, { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  };
}

export async function runBoardBench(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { units: { type: 'string', default: '2000' }, incidents: { type: 'string', default: '500' }, seconds: { type: 'string', default: '5' } } });
  const nUnits = Number(values.units);
  const nIncidents = Number(values.incidents);
  const seconds = Number(values.seconds);
  const dir = mkdtempSync(join(tmpdir(), 'board-bench-'));
  const dist = join(dir, 'dist');
  const progress = (line: string): boolean => process.stderr.write(`board bench: ${line}\n`);
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  try {
    progress('building the client…');
    await build({ configFile: 'client/vite.config.ts', logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
    progress(`synthetic board: ${nUnits} units, ${nIncidents} incidents`);
    const { state, map } = syntheticBoard(nUnits, nIncidents);
    const mapJson = JSON.stringify(map);
    const startedWall = Date.now();
    const clock = (): ClockState => ({ status: 'running', simTime: Date.now() - startedWall, wallAt: Date.now(), speed: 1, endsAt: 86_400_000, startIso: '2026-06-12T10:00:00+08:00' });

    const http = createServer(serveStatic(dist, mapJson));
    const io = new Server(http, { transports: ['websocket'], serveClient: false, maxHttpBufferSize: 1e7 });
    io.on('connection', (socket) => {
      const welcome: Welcome = { exerciseId: 'bench', exerciseName: 'Board bench (synthetic)', regionId: 'demo-county', role: 'observer', participantId: socket.id };
      socket.emit('welcome', welcome);
      const snapshot: BoardSnapshot = { exerciseId: 'bench', seq: state.seq, board: state.board, clock: clock() };
      socket.emit('snapshot', snapshot);
      socket.join('bench');
      socket.on('resync', (_req: unknown, ack: (r: unknown) => void) => {
        socket.emit('snapshot', { exerciseId: 'bench', seq: state.seq, board: state.board, clock: clock() });
        ack({ ok: true, value: { mode: 'snapshot' } });
      });
    });
    // Deltas: a few units re-routed to another incident each time, as a busy exercise does.
    const rnd = mulberry32(7);
    const ids = Object.keys(state.board.units);
    const incidentIds = Object.keys(state.board.incidents);
    const timer = setInterval(() => {
      const t = Date.now() - startedWall;
      const fromSeq = state.seq;
      const events: DomainEvent[] = [];
      for (let i = 0; i < REROUTES_PER_DELTA; i++) {
        const unitId = ids[Math.floor(rnd() * ids.length)]!;
        const u = state.board.units[unitId]!;
        const target = state.board.incidents[incidentIds[Math.floor(rnd() * incidentIds.length)]!]!;
        const ev = { type: 'UNIT_REROUTED', seq: ++state.seq, t, unitId, incidentId: u.incidentId, leg: legBetween(unitPosition(u, t), target.location, t), closureId: 'bench' } as DomainEvent;
        applyEvent(state.board, ev);
        events.push(ev);
      }
      io.to('bench').emit('delta', { exerciseId: 'bench', fromSeq, toSeq: state.seq, events, clock: clock() });
    }, DELTA_MS);
    cleanups.push(() => clearInterval(timer), () => new Promise<void>((ok) => void io.close(() => ok())));
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;

    const browser = await chromium.launch({ executablePath: findChromium(), args: ARGS });
    cleanups.push(() => browser.close());
    const loads: number[] = [];
    let fps = 0;
    let mapFps = 0;
    let drawMs = { units: 0, overlays: 0 };
    for (let run = 0; run < 3; run++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 950 }, locale: 'en-US' });
      await context.addInitScript(() => sessionStorage.setItem('fire-sim.code', 'BENCH'));
      const page = await context.newPage();
      await page.goto(url);
      // Ready: live, the map has drawn a frame with the units, and the panels are on screen.
      const ready = await page.waitForFunction(
        (n) => {
          const b = window.__board;
          const live = document.querySelector('[data-testid=board][data-link=live]');
          const panels = document.querySelector('[data-testid=unit-count]') && document.querySelector('[data-testid=incident-list]');
          return live && panels && b && b.frames > 0 && Object.keys(b.drawnUnits()).length >= n ? performance.now() : false;
        },
        nUnits,
        { polling: 'raf', timeout: 60_000 },
      );
      loads.push(Math.round((await ready.jsonValue()) as number));
      progress(`load ${run + 1}: ${loads.at(-1)} ms`);
      if (run === 2) {
        // A string, not a function: the bench runs under tsx, whose helpers would not exist in the page.
        const measured = (await page.evaluate(`new Promise((done) => {
          const f0 = window.__board.frames;
          const u0 = window.__board.timing.unitsMs, o0 = window.__board.timing.overlaysMs;
          const t0 = performance.now();
          let n = 0;
          const tick = () => {
            n++;
            if (performance.now() - t0 < ${seconds * 1000}) requestAnimationFrame(tick);
            else { const s = (performance.now() - t0) / 1000; const frames = window.__board.frames - f0; done({ fps: n / s, mapFps: frames / s, unitsMsPerFrame: (window.__board.timing.unitsMs - u0) / frames, overlaysMsPerFrame: (window.__board.timing.overlaysMs - o0) / frames }); }
          };
          requestAnimationFrame(tick);
        })`)) as { fps: number; mapFps: number; unitsMsPerFrame: number; overlaysMsPerFrame: number };
        fps = measured.fps;
        drawMs = { units: measured.unitsMsPerFrame, overlays: measured.overlaysMsPerFrame };
        mapFps = measured.mapFps;
      }
      await context.close();
    }
    const sorted = [...loads].sort((a, b) => a - b);
    process.stdout.write(`${JSON.stringify({
      firstLoadMs: sorted[1],
      firstLoadRunsMs: loads,
      fps: Math.round(fps * 10) / 10,
      mapFramesPerSecond: Math.round(mapFps * 10) / 10,
      unitsDrawMsPerFrame: Math.round(drawMs.units * 10) / 10,
      overlaysDrawMsPerFrame: Math.round(drawMs.overlays * 10) / 10,
      units: nUnits,
      movingUnits: nUnits,
      incidents: nIncidents,
      deltaHz: Math.round(1000 / DELTA_MS),
      reroutesPerDelta: REROUTES_PER_DELTA,
      measureSeconds: seconds,
      viewport: '1600x950, whole county in view',
      mapJsonBytes: mapJson.length,
      server: 'synthetic socket.io server in the bench process (shared contract), not the exercise server',
      browser: `${browser.version()} headless, --disable-gpu (software rendering)`,
      routes: `only the selected incident's while more than ${ALL_ROUTES_LIMIT} units are en route (none selected here)`,
    })}\n`);
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}
