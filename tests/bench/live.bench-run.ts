// Live bench: the exercise server in a child process (so the clients' work does not load its event
// loop), 10 exercises of the normal day at once at 60× in auto mode, each with a controller client
// injecting calls like a busy drill, and 200 socket.io clients on the first one. Prints one JSON
// object: delta delivery lag (server flush → client, from the delta's clock.wallAt) p50/p99, event
// age (when the event was due in sim time → client) p50/p99, the server's event-loop delay p50/p99
// and RSS per exercise. Every process and socket it starts is closed before it returns.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { io as connect } from 'socket.io-client';
import type { BoardDelta } from '../../shared/live.ts';
import { percentile, post, type Client } from './bench-client.ts';
import type { WorkStats } from '../../server/api/loop-work.ts';

/** Garbage collections in the server since the last reset: count, total and longest pause. */
export interface GcStats { count: number; totalMs: number; maxMs: number; over50: number }

const SELF = fileURLToPath(import.meta.url);
const MB = 1024 * 1024;
const LOOP_RESOLUTION_MS = 10;
const round = (v: number, d = 1): number => Number(v.toFixed(d));

type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'stats'; loopP50Ms: number; loopP99Ms: number; loopMaxMs: number; rssMB: number; heapUsedMB: number; externalMB: number; cpuMs: number; work: Record<string, WorkStats>; gc: GcStats }
  | { type: 'heap-snapshot-written'; file: string };

// ---- the server side (child process) ---------------------------------------------------------

async function child(db: string): Promise<void> {
  const { startServer } = await import('../../server/api/start-server.ts');
  const server = await startServer({
    port: 0, dbFile: db, demo: false, clientDist: join(db, '..', 'no-client'), log: () => {},
    joinRateLimit: { maxAttempts: 10_000, maxFailures: 10 },
  });
  const { loopWorkStats, resetLoopWork } = await import('../../server/api/loop-work.ts');
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  // GC pauses hold the loop too: counted beside the server's own work (loop-work.ts).
  let gc: GcStats = { count: 0, totalMs: 0, maxMs: 0, over50: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.totalMs += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
      if (e.duration > 50) gc.over50++;
    }
  }).observe({ entryTypes: ['gc'] });
  // The histogram holds whole timer intervals: the lag is what exceeds the resolution.
  const lag = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
  // CPU the server used (user + system): a cost figure that a loaded machine distorts less than lag.
  const cpuMs = (): number => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
  const rss = (): number => {
    (globalThis as { gc?: () => void }).gc?.(); // settle garbage first, so RSS compares like with like
    return process.memoryUsage().rss / MB;
  };
  process.on('message', (m: { type: string; file?: string }) => {
    if (m.type === 'reset') {
      loop.reset();
      resetLoopWork();
      gc = { count: 0, totalMs: 0, maxMs: 0, over50: 0 };
    }
    if (m.type === 'stats') {
      const rssMB = rss();
      const mem = process.memoryUsage();
      process.send!({ type: 'stats', loopP50Ms: lag(loop.percentile(50)), loopP99Ms: lag(loop.percentile(99)), loopMaxMs: lag(loop.max), rssMB, heapUsedMB: mem.heapUsed / MB, externalMB: mem.external / MB, cpuMs: cpuMs(), work: loopWorkStats(), gc: { ...gc, totalMs: round(gc.totalMs), maxMs: round(gc.maxMs) } } satisfies ChildMessage);
    }
    // For finding what grows (the soak's --heap-dir): a V8 heap snapshot, opened in Chrome's devtools.
    if (m.type === 'heap-snapshot' && m.file) process.send!({ type: 'heap-snapshot-written', file: writeHeapSnapshot(m.file) } satisfies ChildMessage);
    if (m.type === 'stop') void server.close().then(() => process.exit(0));
  });
  process.send!({ type: 'ready', url: server.url } satisfies ChildMessage);
}

// ---- the bench (parent) ----------------------------------------------------------------------

export async function runLiveBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      clients: { type: 'string', default: '200' },
      exercises: { type: 'string', default: '10' },
      speed: { type: 'string', default: '60' },
      seconds: { type: 'string', default: '40' },
      'call-every-ms': { type: 'string', default: '2000' },
      // Scenarios of the exercises, by name, cycled over them (e.g. hazard drills: `npm run bench -- hazards-live`).
      scenario: { type: 'string', default: 'normal-day' },
      // Extra node flags for the server child, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its loop stalls.
      'server-node-args': { type: 'string', default: '' },
    },
  });
  const nClients = Number(values.clients);
  const nExercises = Number(values.exercises);
  const speed = Number(values.speed);
  const seconds = Number(values.seconds);
  const callEvery = Number(values['call-every-ms']);

  const dir = mkdtempSync(join(tmpdir(), 'fire-sim-live-bench-'));
  const server: ChildProcess = fork(SELF, ['--child', join(dir, 'bench.db')], { execArgv: ['--import', 'tsx', '--expose-gc', ...values['server-node-args'].split(' ').filter(Boolean)], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const sockets: Client[] = [];
  const timers: NodeJS.Timeout[] = [];
  const say = (s: string): void => void process.stderr.write(`live bench: ${s}\n`);
  const ask = (type: 'stats'): Promise<Extract<ChildMessage, { type: 'stats' }>> => new Promise((ok) => {
    const on = (m: ChildMessage): void => {
      if (m.type === type) { server.off('message', on); ok(m); }
    };
    server.on('message', on);
    server.send({ type });
  });
  try {
    const url = await new Promise<string>((ok, fail) => {
      server.once('message', (m: ChildMessage) => (m.type === 'ready' ? ok(m.url) : fail(new Error('unexpected message'))));
      server.once('exit', (c) => fail(new Error(`server exited with ${c}`)));
    });
    await fetch(`${url}/api/regions`); // loads the shared world, so what follows is per exercise
    const rssStart = (await ask('stats')).rssMB;

    const exercises: { id: string; codes: Record<string, string> }[] = [];
    const scenarios = values.scenario.split(',').map((s) => s.trim()).filter(Boolean);
    for (let i = 0; i < nExercises; i++) exercises.push(await post(url, '/api/exercises', { scenario: scenarios[i % scenarios.length], seed: i + 1, speed, mode: 'auto' }));
    const rssCreated = (await ask('stats')).rssMB;
    say(`server up, ${nExercises} exercises created; connecting ${nClients} clients to the first`);

    const deltaLag: number[] = [];
    const eventAge: number[] = [];
    let deltas = 0;
    let events = 0;
    const firstLag: number[] = [];
    const open = (code: string, measure: boolean): Promise<Client> => new Promise((ok, fail) => {
      const isFirst = sockets.length === 0;
      const s: Client = connect(url, { transports: ['websocket'], auth: { code, name: 'bench' }, reconnection: false, forceNew: true });
      sockets.push(s);
      if (measure) {
        s.on('delta', (d: BoardDelta) => {
          const now = Date.now();
          deltas++;
          deltaLag.push(now - d.clock.wallAt);
          if (isFirst) firstLag.push(now - d.clock.wallAt);
          for (const e of d.events) {
            events++;
            eventAge.push(now - (d.clock.wallAt - (d.clock.simTime - e.t) / d.clock.speed));
          }
        });
      }
      s.once('snapshot', () => ok(s));
      s.once('connect_error', (e) => fail(e));
    });
    const [first, ...others] = exercises;
    const roles = ['observer', 'commander'];
    for (let i = 0; i < nClients; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, nClients - i) }, (_, j) => open(first!.codes[roles[(i + j) % 2]!]!, true)));
    }
    const controllers = await Promise.all(exercises.map((x) => open(x.codes.controller!, false)));
    for (const x of others) await open(x.codes.observer!, false);

    // Start every exercise, then inject a call into each every `callEvery` ms (staggered).
    for (const x of exercises) await post(url, `/api/exercises/${x.id}/control`, { action: 'start' }, x.codes.controller);
    server.send({ type: 'reset' });
    let acked = 0;
    controllers.forEach((c, i) => {
      let n = 0;
      const start = setTimeout(() => {
        timers.push(setInterval(() => {
          n++;
          const location: [number, number] = [24.58 + ((n * 7 + i) % 10) * 0.006, 110.5 + ((n * 3 + i) % 10) * 0.008];
          c.emit('command', { type: 'RECEIVE_CALL', location, incidentType: n % 3 === 0 ? 'vehicle-fire' : 'building-fire' }, (r) => { if (r.ok) acked++; });
        }, callEvery));
      }, (i * callEvery) / exercises.length);
      timers.push(start);
    });
    say(`running ${seconds} s at ${speed}×`);
    const cpuStart = (await ask('stats')).cpuMs;
    const wallStart = Date.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const stats = await ask('stats');

    process.stdout.write(`${JSON.stringify({
      deltaLagP50Ms: round(percentile(deltaLag, 50)),
      deltaLagP99Ms: round(percentile(deltaLag, 99)),
      firstClientLagP99Ms: round(percentile(firstLag, 99)),
      eventAgeP50Ms: round(percentile(eventAge, 50)),
      eventAgeP99Ms: round(percentile(eventAge, 99)),
      eventLoopLagP50Ms: round(stats.loopP50Ms),
      eventLoopLagP99Ms: round(stats.loopP99Ms),
      eventLoopLagMaxMs: round(stats.loopMaxMs),
      rssMBPerExercise: round((stats.rssMB - rssStart) / nExercises),
      rssMBPerExerciseBeforeClients: round((rssCreated - rssStart) / nExercises),
      serverRssMB: round(stats.rssMB),
      serverCpuPct: round(((stats.cpuMs - cpuStart) / (Date.now() - wallStart)) * 100),
      clients: nClients,
      exercises: nExercises,
      scenarios,
      speed,
      seconds,
      commandsAcked: acked,
      deltasReceived: deltas,
      eventsReceived: events,
      targets: { deltaLagP99Ms: 100, eventLoopLagP99Ms: 50 },
    }, null, 2)}\n`);
  } finally {
    for (const t of timers) clearInterval(t);
    for (const s of sockets) s.close();
    if (server.connected) server.send({ type: 'stop' });
    await new Promise((ok) => {
      const kill = setTimeout(() => server.kill('SIGKILL'), 5000);
      if (server.exitCode !== null || server.signalCode !== null) { clearTimeout(kill); ok(null); return; }
      server.once('exit', () => { clearTimeout(kill); ok(null); });
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child' && process.argv[1] === SELF) await child(process.argv[3]!);
