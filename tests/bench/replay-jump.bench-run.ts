// Replay scrubber bench: a day-long exercise (the normal day with its background load scaled up, so
// the log is as long as a busy county's day), its board timeline index built once, then jumps to
// seeded random moments: the wall time of each jump (goal ≤ 300 ms) and of the index.
import { performance } from 'node:perf_hooks';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { unitSeeds } from '../../server/metrics/unit-timeline.ts';
import { BoardTimeline, CHECKPOINT_EVENTS } from '../../server/report/board-timeline.ts';
import { percentileOfSorted, sortedAscending } from '../../server/metrics/percentiles.ts';

export async function runReplayJumpBench(args: string[]): Promise<void> {
  const scale = Number(args[0] ?? 40);
  const world = loadWorld({});
  const base = loadScenario('scenarios/normal-day.yaml', world);
  const scenario = { ...base, background: { ...base.background, enabled: true, scale } };
  const engine = createEngine(engineConfigFor(world, scenario));
  const events = engine.start();
  events.push(...engine.advanceTo(engine.endsAt));
  let t0 = performance.now();
  const tl = new BoardTimeline(unitSeeds(world), scenario.mode, events);
  const indexMs = performance.now() - t0;
  let seed = 12345;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const jumps: number[] = [];
  for (let i = 0; i < 100; i++) {
    const at = Math.floor(rand() * tl.endsAt);
    t0 = performance.now();
    const s = tl.stateAt(at);
    jumps.push(performance.now() - t0);
    if (s.now < 0) throw new Error('unreachable');
  }
  const sorted = sortedAscending(jumps);
  const r = (x: number | undefined): number => Math.round((x ?? 0) * 10) / 10;
  process.stdout.write(`${JSON.stringify({
    bench: 'replay-jump', backgroundScale: scale, events: events.length, incidents: events.filter((e) => e.type === 'CALL_RECEIVED').length,
    simulatedHours: Math.round(tl.endsAt / 360_000) / 10, checkpointEvery: CHECKPOINT_EVENTS, indexBuildMs: r(indexMs),
    jumps: jumps.length, jumpMsP50: r(percentileOfSorted(sorted, 50)), jumpMsP99: r(percentileOfSorted(sorted, 99)), jumpMsMax: r(sorted.at(-1)), goalMs: 300,
  })}\n`);
}
