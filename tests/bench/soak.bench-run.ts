// Soak bench: the exercise server in a child process (the live bench's, tests/bench/live.bench-run.ts)
// for `--minutes` (30 by default): 10 exercises of a normal year at 60× in auto mode, a controller on
// each giving a command every 2 s (`--command-every-ms`): a call every 4 s (`--call-every-ms`, one
// every 4 sim minutes, 15 an hour in a few stations' area, which the county serves in steady state:
// ~10 incidents open at any time) and in between a far station's unit put out of service and back;
// and 200 socket.io clients on the first. (A call every 2 s, 30 an hour there, is more than the
// county can serve: its waiting list then grows by ~23 open incidents an hour, all live state that
// the engine and the boards must keep, so memory grows with the backlog, not with a leak; at 20 an
// hour it still holds steady.) Samples the server's RSS
// and heap (after a gc) every `--sample-s`; after the warm-up (the first fifth, at least one sample)
// reports memory growth (goal < 10 %), event-loop lag p99 (goal ≤ 50 ms), delta lag p99 measured
// from when each event was due (its sim time mapped to the wall clock, not from the flush; goal ≤
// 100 ms), and errors (refused commands, disconnects, connect errors; goal 0). Prints one JSON object.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io as connect } from 'socket.io-client';
import type { BoardDelta, BoardSnapshot } from '../../shared/live.ts';
import { percentile, post, type Client } from './bench-client.ts';
import type { WorkStats } from '../../server/api/loop-work.ts';
import type { GcStats } from './live.bench-run.ts';

/** Where the injected calls fall (a few stations' area near the county seat). */
const CALL_AREA: [number, number] = [24.61, 110.54];
type CommandAck = { ok: true } | { ok: false; error: { code: string; message: string } };

const LIVE_CHILD = fileURLToPath(new URL('./live.bench-run.ts', import.meta.url));
const round = (v: number, d = 1): number => Number(v.toFixed(d));

type Stats = { type: 'stats'; loopP50Ms: number; loopP99Ms: number; loopMaxMs: number; rssMB: number; heapUsedMB: number; externalMB: number; cpuMs: number; work: Record<string, WorkStats>; gc: GcStats };

export async function runSoakBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      minutes: { type: 'string', default: '30' },
      clients: { type: 'string', default: '200' },
      exercises: { type: 'string', default: '10' },
      speed: { type: 'string', default: '60' },
      'call-every-ms': { type: 'string', default: '4000' },
      'command-every-ms': { type: 'string', default: '2000' },
      'sample-s': { type: 'string', default: '30' },
      // A folder for two V8 heap snapshots of the server (end of warm-up, end of run), to see what grows.
      // Diagnosis only: the server stalls while it writes one (~100 s under load, clients time out).
      'heap-dir': { type: 'string' },
    },
  });
  const minutes = Number(values.minutes);
  const nClients = Number(values.clients);
  const nExercises = Number(values.exercises);
  const speed = Number(values.speed);
  const callEvery = Number(values['call-every-ms']);
  const commandEvery = Number(values['command-every-ms']);
  const sampleMs = Math.min(Number(values['sample-s']) * 1000, (minutes * 60_000) / 5);

  const loadAtStart = loadavg().map((x) => round(x, 2));
  const dir = mkdtempSync(join(tmpdir(), 'fire-sim-soak-'));
  const server: ChildProcess = fork(LIVE_CHILD, ['--child', join(dir, 'soak.db')], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const sockets: Client[] = [];
  const timers: NodeJS.Timeout[] = [];
  const say = (s: string): void => void process.stderr.write(`soak bench: ${s}\n`);
  const stats = (): Promise<Stats> => new Promise((ok) => {
    const on = (m: Stats): void => { if (m.type === 'stats') { server.off('message', on); ok(m); } };
    server.on('message', on);
    server.send({ type: 'stats' });
  });
  const heapSnapshot = (name: string): Promise<void> => new Promise((ok) => {
    if (!values['heap-dir']) return ok();
    const on = (m: { type: string; file: string }): void => {
      if (m.type === 'heap-snapshot-written') { server.off('message', on); say(`heap snapshot ${m.file}`); ok(); }
    };
    server.on('message', on);
    server.send({ type: 'heap-snapshot', file: join(values['heap-dir'], `${name}.heapsnapshot`) });
  });
  let stopping = false;
  const errors = { commandsRefused: 0, disconnects: 0, connectErrors: 0, examples: [] as string[] };
  const note = (kind: keyof Omit<typeof errors, 'examples'>, what: string): void => {
    errors[kind]++;
    if (errors.examples.length < 5) errors.examples.push(`${kind}: ${what}`);
  };
  try {
    const url = await new Promise<string>((ok, fail) => {
      server.once('message', (m: { type: string; url: string }) => (m.type === 'ready' ? ok(m.url) : fail(new Error('unexpected message'))));
      server.once('exit', (c) => fail(new Error(`server exited with ${c}`)));
    });
    await fetch(`${url}/api/regions`);
    const exercises: { id: string; codes: Record<string, string> }[] = [];
    for (let i = 0; i < nExercises; i++) exercises.push(await post(url, '/api/exercises', { scenario: 'normal-year', seed: i + 1, speed, mode: 'auto' }));

    let measuring = false;
    const eventAge: number[] = [];
    let events = 0;
    const snapshots = new Map<Client, BoardSnapshot>();
    const open = (code: string, measure: boolean): Promise<Client> => new Promise((ok, fail) => {
      const s: Client = connect(url, { transports: ['websocket'], auth: { code, name: 'soak' }, reconnection: false, forceNew: true });
      sockets.push(s);
      if (measure) {
        s.on('delta', (d: BoardDelta) => {
          if (!measuring) return;
          const now = Date.now();
          for (const e of d.events) {
            events++;
            eventAge.push(now - (d.clock.wallAt - (d.clock.simTime - e.t) / d.clock.speed));
          }
        });
      }
      s.on('disconnect', (why) => { if (!stopping) note('disconnects', why); });
      s.once('snapshot', (snap) => { snapshots.set(s, snap); ok(s); });
      s.once('connect_error', (e) => { note('connectErrors', e.message); fail(e); });
    });
    const [first, ...others] = exercises;
    for (let i = 0; i < nClients; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, nClients - i) }, (_, j) => open(first!.codes[(i + j) % 2 ? 'commander' : 'observer']!, true)));
    }
    const controllers = await Promise.all(exercises.map((x) => open(x.codes.controller!, false)));
    for (const x of others) await open(x.codes.observer!, false);
    for (const x of exercises) await post(url, `/api/exercises/${x.id}/control`, { action: 'start' }, x.codes.controller);

    let acked = 0;
    const give = (c: Client, command: Parameters<Client['emit']>[1]): void => {
      c.emit('command', command as never, (r: CommandAck) => {
        if (r.ok) acked++;
        else note('commandsRefused', `${r.error.code}: ${r.error.message}`);
      });
    };
    // The unit toggled between calls: the first of the station farthest from where the calls are.
    const spareUnit = (c: Client): string => {
      const units = Object.values(snapshots.get(c)!.board.units);
      const far = (u: (typeof units)[number]): number => Math.hypot(u.home[0] - CALL_AREA[0], u.home[1] - CALL_AREA[1]);
      return units.reduce((a, b) => (far(b) > far(a) ? b : a)).id;
    };
    controllers.forEach((c, i) => {
      let calls = 0;
      let toggles = 0;
      const unitId = spareUnit(c);
      timers.push(setTimeout(() => {
        timers.push(setInterval(() => {
          calls++;
          const location: [number, number] = [24.58 + ((calls * 7 + i) % 10) * 0.006, 110.5 + ((calls * 3 + i) % 10) * 0.008];
          give(c, { type: 'RECEIVE_CALL', location, incidentType: calls % 3 === 0 ? 'vehicle-fire' : 'building-fire' });
        }, callEvery));
      }, (i * callEvery) / exercises.length));
      if (commandEvery > 0) {
        timers.push(setTimeout(() => {
          timers.push(setInterval(() => {
            toggles++;
            give(c, toggles % 2 ? { type: 'SET_UNIT_OUT_OF_SERVICE', unitId, reason: 'soak: breakdown' } : { type: 'SET_UNIT_IN_SERVICE', unitId });
          }, commandEvery));
        }, (i * commandEvery) / exercises.length + commandEvery / 2));
      }
    });

    const endAt = Date.now() + minutes * 60_000;
    const warmUntil = Date.now() + Math.max(sampleMs, (minutes * 60_000) / 5);
    const samples: { atS: number; rssMB: number; heapUsedMB: number; externalMB: number }[] = [];
    const t0 = Date.now();
    let measuredFrom = { cpuMs: 0, wall: t0 };
    say(`${nExercises} exercises at ${speed}×, ${nClients} clients on one, for ${minutes} min (warm-up ${round((warmUntil - t0) / 1000, 0)} s)`);
    while (Date.now() < endAt) {
      await new Promise((r) => setTimeout(r, Math.min(sampleMs, Math.max(0, endAt - Date.now()))));
      const s = await stats();
      samples.push({ atS: round((Date.now() - t0) / 1000, 0), rssMB: round(s.rssMB), heapUsedMB: round(s.heapUsedMB), externalMB: round(s.externalMB) });
      if (!measuring && Date.now() >= warmUntil) {
        await heapSnapshot('after-warm-up');
        measuring = true;
        measuredFrom = { cpuMs: (await stats()).cpuMs, wall: Date.now() };
        server.send({ type: 'reset' }); // the loop histogram counts from the end of the warm-up
      }
      say(`${samples.at(-1)!.atS} s: RSS ${samples.at(-1)!.rssMB} MB, heap ${samples.at(-1)!.heapUsedMB} MB, external ${samples.at(-1)!.externalMB} MB`);
    }
    const final = await stats();
    const finalAt = Date.now();
    stopping = true;
    await heapSnapshot('end');
    const afterWarm = samples.find((s) => s.atS * 1000 >= warmUntil - t0) ?? samples[0]!;
    const last = samples.at(-1)!;
    process.stdout.write(`${JSON.stringify({
      minutes,
      memoryGrowthPct: round(((last.rssMB - afterWarm.rssMB) / afterWarm.rssMB) * 100),
      rssAfterWarmUpMB: afterWarm.rssMB,
      rssEndMB: last.rssMB,
      heapGrowthPct: round(((last.heapUsedMB - afterWarm.heapUsedMB) / afterWarm.heapUsedMB) * 100),
      serverCpuPct: round(((final.cpuMs - measuredFrom.cpuMs) / (finalAt - measuredFrom.wall)) * 100),
      eventLoopLagP99Ms: round(final.loopP99Ms),
      eventLoopLagMaxMs: round(final.loopMaxMs),
      // What held the server's loop after the warm-up, by kind of work: count, total, longest, and
      // how many pieces took over 50 ms (each holds every delta due meanwhile); and GC pauses.
      loopWork: final.work,
      gcPauses: final.gc,
      deltaLagFromEventP50Ms: round(percentile(eventAge, 50)),
      deltaLagFromEventP99Ms: round(percentile(eventAge, 99)),
      errors: errors.commandsRefused + errors.disconnects + errors.connectErrors,
      errorDetail: errors,
      commandsAcked: acked,
      eventsMeasured: events,
      clients: nClients,
      exercises: nExercises,
      speed,
      callEveryMs: callEvery,
      commandEveryMs: commandEvery,
      // The machine's 1, 5 and 15 minute load averages at the start and end: lag figures taken under load are noisy.
      loadAverage: { start: loadAtStart, end: loadavg().map((x) => round(x, 2)) },
      samples,
      goals: { memoryGrowthPct: 10, eventLoopLagP99Ms: 50, deltaLagFromEventP99Ms: 100, errors: 0 },
    }, null, 2)}\n`);
  } finally {
    stopping = true;
    for (const t of timers) { clearInterval(t); clearTimeout(t); }
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
