// Benchmark dispatcher: `npm run bench -- <name> [args…]`. Each bench prints ONE JSON object of
// figures on stdout; none of them fails on a slow machine. Benches load lazily so one that needs a
// piece not built yet does not stop the others.
interface Bench {
  description: string;
  run(args: string[]): Promise<void>;
}

const BENCHES: Record<string, Bench> = {
  engine: {
    description: 'a simulated year of ≥20,000 incidents in-process: events/s, incidents/s, peak RSS, log hash',
    run: async (args) => (await import('./engine.bench-run.ts')).runEngineBench(args),
  },
  board: {
    description: 'the built board in headless chromium with 2,000 moving units and 500 incidents (synthetic live server): firstLoadMs, fps',
    run: async (args) => (await import('./board.bench-run.ts')).runBoardBench(args),
  },
  routing: {
    description: 'dispatch query as the engine answers it (station route trees), the raw reverse Dijkstra and ngraph.path A* side by side, and 2,000 moving units sampled at 10 Hz',
    run: async (args) => (await import('./routing.bench-run.ts')).runRoutingBench(args),
  },
  live: {
    description: 'exercise server: 200 socket.io clients on one exercise, 10 exercises at 60×: delta lag p50/p99, event-loop lag p99, RSS per exercise',
    run: async (args) => (await import('./live.bench-run.ts')).runLiveBench(args),
  },
  soak: {
    description: 'exercise server for --minutes (30): 10 normal-year exercises at 60×, 200 clients on one, a call every 2 s into each: memory growth after warm-up, event-loop lag p99, delta lag p99 from the event, errors',
    run: async (args) => (await import('./soak.bench-run.ts')).runSoakBench(args),
  },
  hazards: {
    description: 'demo county: chlorine plume zones and what they cover after a wind shift, flood fill and impact at a new level: wall ms (goal ≤ 50 ms each)',
    run: async (args) => (await import('./hazards.bench-run.ts')).runHazardsBench(args),
  },
  'hazards-live': {
    description: 'the live bench with hazards running: exercises of the shipped flood and chlorine drills (zones, closures, casualty and rescue calls) at 60× with 200 clients: event-loop lag p99 (goal ≤ 50 ms), delta lag',
    run: async (args) => (await import('./live.bench-run.ts')).runLiveBench(['--scenario', 'hazard-typhoon-flood,hazard-chlorine-park,hazard-ammonia-tanker', ...args]),
  },
  batch: {
    description: 'batch replications of one simulated week on 1 and 2 worker threads: replicationsPerSecond, speedup, worker heap',
    run: async (args) => (await import('./batch.bench-run.ts')).runBatchBench(args),
  },
  'replay-jump': {
    description: 'replay scrubber: board state at random moments of a day-long exercise (checkpointed fold): jump ms p50/p99/max (goal ≤ 300 ms), index build ms',
    run: async (args) => (await import('./replay-jump.bench-run.ts')).runReplayJumpBench(args),
  },
  'board-jump': {
    description: 'replay scrubber in the browser: the real server with a recorded busy day, the board in chromium as controller, seeded slider jumps timed from the input event to the frame showing that moment: p50/p95/max (goal ≤ 300 ms), load average',
    run: async (args) => (await import('./board-jump.bench-run.ts')).runBoardJumpBench(args),
  },
  coverage: {
    description: 'coverage figures of the whole demo county (cold and warm), a what-if, isochrones per station: wall ms',
    run: async (args) => (await import('./coverage.bench-run.ts')).runCoverageBench(args),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(BENCHES).map((n) => n.length));
  const lines = Object.entries(BENCHES).map(([name, b]) => `  ${name.padEnd(width)}  ${b.description}`);
  return `usage: npm run bench -- <name>\n\nbenches:\n${lines.join('\n')}\n`;
}

const [name, ...args] = process.argv.slice(2);
const bench = name === undefined ? undefined : BENCHES[name];
if (!bench) {
  process.stderr.write(`${name === undefined ? 'which bench?' : `unknown bench "${name}"`}\n${usage()}`);
  process.exitCode = 2;
} else {
  try {
    await bench.run(args);
  } catch (err) {
    // Data errors (DataFileError) carry their own file:line message; a stack only helps for bugs.
    const text = err instanceof Error ? (err.name === 'DataFileError' ? err.message : (err.stack ?? err.message)) : String(err);
    process.stderr.write(`bench ${name} failed: ${text}\n`);
    process.exitCode = 1;
  }
}
