// How fast this machine runs plain JavaScript at the moment of a measurement. The machine is a
// shared VM whose speed swings by half within an hour (other tenants: `/proc/pressure/cpu` shows
// the time runnable threads waited for a CPU); the same commit measured 4.7 s and 7.2 s an hour apart.
// A bench prints this beside its figures so two runs can be told apart by the machine's speed and
// not mistaken for a change in the code.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface MachineSpeed {
  /**
   * Nanoseconds per step of a fixed loop (a multiply, an add, a compare and a store over a small
   * array that stays in the L1 cache): the median of seven rounds. Lower is faster; on an idle core
   * of this VM's kind it was ~2.3 ns, a modern desktop core takes ~0.5 ns.
   */
  referenceStepNs: number;
  /** Share of the last 10 s in which some runnable thread waited for a CPU (Linux PSI), or null where not available. */
  cpuPressureSomeAvg10: number | null;
}

const ROUNDS = 7;
const STEPS = 2_000_000;

/** One round of the reference loop; returns its result so the work cannot be optimised away. */
function referenceRound(data: Float64Array): number {
  let best = 0;
  for (let i = 0; i < STEPS; i++) {
    const k = i & 1023;
    const d = data[k]! * 1.0001 - 0.5;
    if (d > best) best = d;
    data[k] = d * 0.9999 + 0.5;
  }
  return best;
}

function cpuPressure(): number | null {
  try {
    const line = readFileSync('/proc/pressure/cpu', 'utf8').split('\n').find((l) => l.startsWith('some'));
    const m = line && /avg10=([\d.]+)/.exec(line);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export function machineSpeed(): MachineSpeed {
  const data = new Float64Array(1024).map((_, i) => Math.sin(i));
  let sink = 0;
  const ns: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    sink += referenceRound(data);
    ns.push(((performance.now() - t0) * 1e6) / STEPS);
  }
  if (Number.isNaN(sink)) throw new Error('machine speed: reference loop gave NaN');
  ns.sort((a, b) => a - b);
  return { referenceStepNs: Number(ns[ROUNDS >> 1]!.toFixed(2)), cpuPressureSomeAvg10: cpuPressure() };
}
