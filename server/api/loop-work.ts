// What the exercise server's event loop spends its time on, by kind of work (an engine advance, a
// store write, a broadcast, a snapshot, a command): for the soak bench to say which work stalls the
// loop (and so delays deltas), not only that it stalls. Two clock reads per piece of work.
import { performance } from 'node:perf_hooks';

export interface WorkStats {
  count: number;
  totalMs: number;
  maxMs: number;
  /** Pieces that held the loop longer than STALL_MS. */
  stalls: number;
}

/** A piece of work this long holds every delta due meanwhile (the soak's delta-lag goal is 100 ms). */
export const STALL_MS = 50;

const byKind = new Map<string, WorkStats>();

/** Runs `work`, counting its wall time under `kind`. */
export function timed<T>(kind: string, work: () => T): T {
  const t0 = performance.now();
  try {
    return work();
  } finally {
    const ms = performance.now() - t0;
    let s = byKind.get(kind);
    if (!s) byKind.set(kind, (s = { count: 0, totalMs: 0, maxMs: 0, stalls: 0 }));
    s.count++;
    s.totalMs += ms;
    if (ms > s.maxMs) s.maxMs = ms;
    if (ms > STALL_MS) s.stalls++;
  }
}

/** The counts so far, by kind (rounded to 0.1 ms). */
export function loopWorkStats(): Record<string, WorkStats> {
  const out: Record<string, WorkStats> = {};
  for (const [k, s] of byKind) out[k] = { count: s.count, totalMs: Math.round(s.totalMs * 10) / 10, maxMs: Math.round(s.maxMs * 10) / 10, stalls: s.stalls };
  return out;
}

export function resetLoopWork(): void {
  byKind.clear();
}
