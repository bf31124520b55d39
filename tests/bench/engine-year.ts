// One metropolitan year on one travel model, driven as `sim run` drives it (an hour at a time),
// folded into the run summary and the log hash: the engine bench's measurement, with the time inside
// the engine and the time folding and hashing its output taken apart.
import { performance } from 'node:perf_hooks';
import type { DomainEvent } from '../../shared/events.ts';
import type { Scenario } from '../../shared/schemas/scenario.ts';
import type { World } from '../../server/engine/types.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { greatCircleTravel } from '../../server/engine/kernel/great-circle-travel.ts';
import { createBackgroundCalls } from '../../server/scenario/call-generator.ts';
import { createRunSummary } from '../../server/metrics/summary.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';

export type Travel = 'roads' | 'great-circle';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A progress line on stderr every 30 sim days, so a slow run shows it is moving (stdout stays one JSON object). */
const PROGRESS_EVERY_MS = 30 * DAY_MS;

const cpuSecondsOf = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1e6;

export interface YearFigures {
  incidents: number;
  events: number;
  simulatedSeconds: number;
  /** Making the engine (its state, and the travel model's tables for the world when first made): before the year. */
  setupSeconds: number;
  wallSeconds: number;
  cpuSeconds: number;
  /** Wall time spent in the fold and the hasher (the rest is the engine's). */
  foldWallSeconds: number;
  /** Their CPU time: each simulated day's CPU by the fold's share of the day's wall time. */
  foldCpuSeconds: number;
  logHash: string;
  vehiclesPerDispatch: number | null;
  firstArrivalWithin5min: number | null;
}

export function runYear(world: World, scenario: Scenario, seed: number, travel: Travel): YearFigures {
  const setupStart = performance.now();
  const engine = createEngine({
    world, scenario, seed, background: createBackgroundCalls(world, scenario),
    ...(travel === 'great-circle' ? { travel: greatCircleTravel(world.doctrine) } : {}),
  });
  const setupSeconds = (performance.now() - setupStart) / 1000;
  const fold = createRunSummary(world);
  const hasher = createLogHasher();
  // The fold and the hasher take each hour's events as soon as the engine gives them, as `sim run`
  // does. Their share of the CPU: the wall clock (performance.now, no system call) is read around
  // each hour's fold, the CPU clock once a simulated day, and each day's CPU is split between the
  // engine and the fold by their shares of that day's wall time. Reading the CPU clock around every
  // hour's fold instead (17,520 getrusage calls a year) was exact but not free: 0.1-0.7 s of CPU a
  // great-circle year in A/B runs at load 5-10 (the same run without the reads), and an hourly window
  // folding nothing measured 0.8-1.0 s at load 12-15 — a system call is where the scheduler
  // preempts, and the thread comes back to cold caches. On a loaded machine a preemption lands in
  // the engine or the fold in proportion to the time each runs, so the split stays fair. Holding a
  // day's events to fold them at once was tried and undone: events that outlive a scavenge get V8 to
  // allocate them in the old generation (roads year peak RSS ~222 -> ~340 MB).
  let foldWallMs = 0;
  let foldCpuSeconds = 0;
  let dayFoldWallMs = 0;
  let dayStart = 0;
  let dayCpu = process.cpuUsage();
  /** Closes a day's CPU reading: the fold's share of it by wall time. */
  const closeDay = (): void => {
    const now = performance.now();
    const cpu = cpuSecondsOf(process.cpuUsage(dayCpu));
    const dayWallMs = now - dayStart;
    if (dayWallMs > 0) foldCpuSeconds += cpu * Math.min(1, dayFoldWallMs / dayWallMs);
    dayStart = now;
    dayCpu = process.cpuUsage();
    dayFoldWallMs = 0;
  };
  const timedFold = <T>(work: () => T): T => {
    const w0 = performance.now();
    const out = work();
    const ms = performance.now() - w0;
    foldWallMs += ms;
    dayFoldWallMs += ms;
    return out;
  };
  const feed = (events: DomainEvent[]): void => {
    if (events.length === 0) return;
    timedFold(() => {
      hasher.addAll(events);
      for (const e of events) fold.add(e);
    });
  };

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  dayStart = t0;
  dayCpu = cpu0;
  feed(engine.start());
  const end = engine.endsAt;
  for (let t = Math.min(HOUR_MS, end); ; t = Math.min(t + HOUR_MS, end)) {
    feed(engine.advanceTo(t));
    if (t % DAY_MS === 0) closeDay();
    if (t % PROGRESS_EVERY_MS === 0 && t < end) {
      process.stderr.write(`engine bench: day ${t / DAY_MS}, ${hasher.count} events, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    }
    if (t >= end) break;
  }
  const { logHash, s } = timedFold(() => ({ logHash: hasher.hex(), s: fold.result(engine.now) }));
  closeDay();
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSecondsOf(process.cpuUsage(cpu0));
  return {
    incidents: s.incidents,
    events: s.events,
    simulatedSeconds: s.simulatedSeconds,
    setupSeconds,
    wallSeconds,
    cpuSeconds,
    foldWallSeconds: foldWallMs / 1000,
    foldCpuSeconds,
    logHash,
    vehiclesPerDispatch: s.vehiclesPerDispatch,
    firstArrivalWithin5min: s.firstArrivalWithin5min,
  };
}
