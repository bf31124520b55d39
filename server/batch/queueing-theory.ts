// Queueing theory the simulator is checked against (DOMAIN.md §13): Erlang C for M/M/c, and the exact
// hypercube model of Larson (Urban Operations Research, §5.4) for N distinguishable units with fixed
// dispatch preferences and an infinite FCFS queue.

export interface ErlangC {
  /** Offered load a = λ/μ and utilisation ρ = a/c. */
  offeredLoad: number;
  utilisation: number;
  pWait: number;
  /** Mean wait in queue, in the time unit of 1/λ and 1/μ. */
  meanWait: number;
}

/**
 * Erlang C: P(wait) = [aᶜ/c! · c/(c−a)] / [Σₖ₌₀ᶜ⁻¹ aᵏ/k! + aᶜ/c! · c/(c−a)], Wq = P(wait) / (cμ − λ).
 * Terms are built by recurrence (aᵏ/k! from aᵏ⁻¹/(k−1)!) so large c does not overflow.
 */
export function erlangC(lambda: number, mu: number, c: number): ErlangC {
  const a = lambda / mu;
  if (!(a < c)) throw new RangeError(`the queue is unstable: offered load ${a} ≥ ${c} units`);
  let term = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term = (term * a) / (k + 1);
  }
  const last = (term * c) / (c - a); // aᶜ/c! · c/(c−a)
  const pWait = last / (sum + last);
  return { offeredLoad: a, utilisation: a / c, pWait, meanWait: pWait / (c * mu - lambda) };
}

/** One class of calls of the hypercube: its arrival rate and the order in which units are preferred. */
export interface HypercubeDemand {
  rate: number;
  /** Unit indices, most preferred first; every unit appears once. */
  preference: number[];
}

/**
 * Exact hypercube workloads (fraction of time each unit is busy) with an infinite FCFS queue and equal
 * service rates μ. States are the 2ᴺ busy/free sets; while all are busy, calls queue and the queue
 * length is geometric with ratio λ/(Nμ), so P(all busy, k queued) = P(all busy, none queued)·rᵏ and the
 * 2ᴺ balance equations close on themselves. Solved by Gaussian elimination.
 */
export function hypercubeWorkloads(demands: readonly HypercubeDemand[], mu: number, units: number): number[] {
  const n = 1 << units;
  const full = n - 1;
  const lambda = demands.reduce((s, d) => s + d.rate, 0);
  const r = lambda / (units * mu);
  if (!(r < 1)) throw new RangeError(`the queue is unstable: λ/(Nμ) = ${r}`);
  // Generator over busy sets; the full state's arrivals (to the queue) and the queue's returns cancel.
  const q: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let m = 0; m < n; m++) {
    if (m !== full) {
      for (const d of demands) {
        const u = d.preference.find((k) => (m & (1 << k)) === 0);
        if (u !== undefined) q[m]![m | (1 << u)]! += d.rate;
      }
    }
    for (let u = 0; u < units; u++) if (m & (1 << u)) q[m]![m & ~(1 << u)]! += mu;
  }
  for (let m = 0; m < n; m++) q[m]![m] = -q[m]!.reduce((s, v, j) => (j === m ? s : s + v), 0);
  // Solve πQ = 0 with Σπ = 1 (replace the last equation by the normalisation).
  const A: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (j === n ? 0 : q[j]![i]!)));
  A[n - 1] = new Array<number>(n + 1).fill(1);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let i = col + 1; i < n; i++) if (Math.abs(A[i]![col]!) > Math.abs(A[piv]![col]!)) piv = i;
    [A[col], A[piv]] = [A[piv]!, A[col]!];
    for (let i = 0; i < n; i++) {
      if (i === col) continue;
      const f = A[i]![col]! / A[col]![col]!;
      if (f === 0) continue;
      for (let j = col; j <= n; j++) A[i]![j]! -= f * A[col]![j]!;
    }
  }
  const pi = A.map((row, i) => row[n]! / row[i]!);
  // Add the queue states: each is "all busy"; their mass is π_full · r/(1 − r). Renormalise.
  const queued = (pi[full]! * r) / (1 - r);
  const total = 1 + queued;
  return Array.from({ length: units }, (_, u) => {
    let busy = queued;
    for (let m = 0; m < n; m++) if (m & (1 << u)) busy += pi[m]!;
    return busy / total;
  });
}

/**
 * The waits of a first-come-first-served queue with c identical servers, given each customer's arrival
 * time and service time in arrival order (Kiefer & Wolfowitz's recursion, Lindley's for c = 1): a
 * customer starts when it arrives or when the earliest server frees, whichever is later.
 */
export function fcfsWaits(arrivals: readonly number[], services: readonly number[], c: number): number[] {
  const free = new Array<number>(c).fill(Number.NEGATIVE_INFINITY);
  return arrivals.map((a, n) => {
    let k = 0;
    for (let j = 1; j < c; j++) if (free[j]! < free[k]!) k = j;
    const start = Math.max(a, free[k]!);
    free[k] = start + services[n]!;
    return start - a;
  });
}
