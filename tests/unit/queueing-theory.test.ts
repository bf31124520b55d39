// The formulas the engine is verified against, checked by hand and against the book: Erlang C for
// small cases worked out below, and the exact hypercube model against Larson & Odoni's published
// workloads, with a second solver written here (the full chain with a truncated queue, solved by
// repeated uniformised steps) so the reference does not rest on one implementation.
import { describe, expect, it } from 'vitest';
import { erlangC, hypercubeWorkloads, fcfsWaits } from '../../server/batch/queueing-theory.ts';
import { LARSON_ODONI_EXAMPLE } from '../../server/batch/verify.ts';

describe('Erlang C', () => {
  it('c = 1 is M/M/1: P(wait) = ρ and Wq = ρ / (μ − λ): λ = 0.6, μ = 1 → 0.6 and 1.5', () => {
    const r = erlangC(0.6, 1, 1);
    expect(r.pWait).toBeCloseTo(0.6, 12);
    expect(r.meanWait).toBeCloseTo(1.5, 12);
  });

  it('c = 2, a = 1: P(wait) = [1²/2! · 2/(2 − 1)] / [1 + 1 + 1] = 1/3, Wq = (1/3)/(2·1 − 1) = 1/3', () => {
    const r = erlangC(1, 1, 2);
    expect(r.pWait).toBeCloseTo(1 / 3, 12);
    expect(r.meanWait).toBeCloseTo(1 / 3, 12);
  });

  it('c = 3, a = 1.8 (ρ = 0.6): P(wait) = 2.43/(4.42 + 2.43) = 0.354745, Wq = P/(3 − 1.8) = 0.295620', () => {
    // a³/3! · 3/(3 − a) = 5.832/6 · 3/1.2 = 2.43; Σ_{k<3} aᵏ/k! = 1 + 1.8 + 1.62 = 4.42 → 2.43 / 6.85 = 0.354745
    const r = erlangC(1.8, 1, 3);
    expect(r.pWait).toBeCloseTo(2.43 / 6.85, 10);
    expect(r.meanWait).toBeCloseTo(2.43 / 6.85 / 1.2, 10);
    expect(() => erlangC(3, 1, 3)).toThrow(/unstable/);
  });
});

/** An independent solver: the whole chain (busy sets and queue lengths up to K), by uniformised power steps. */
function hypercubeByIteration(demands: { rate: number; preference: number[] }[], mu: number, units: number, K = 60): number[] {
  const sets = 1 << units;
  const full = sets - 1;
  const lambda = demands.reduce((s, d) => s + d.rate, 0);
  const n = sets + K; // index sets + k − 1: all busy with k queued
  const step = 1 / (lambda + units * mu);
  let p = new Float64Array(n).fill(1 / n);
  for (let it = 0; it < 20_000; it++) {
    const next = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      const mass = p[s]!;
      if (mass === 0) continue;
      let out = 0;
      const move = (to: number, rate: number) => { next[to]! += mass * rate * step; out += rate; };
      if (s < sets) {
        const m = s;
        if (m !== full) for (const d of demands) { const u = d.preference.find((k) => (m & (1 << k)) === 0)!; move(m | (1 << u), d.rate); }
        else move(sets, lambda);
        for (let u = 0; u < units; u++) if (m & (1 << u)) move(m & ~(1 << u), mu);
      } else {
        const k = s - sets + 1;
        if (k < K) move(s + 1, lambda);
        move(k === 1 ? full : s - 1, units * mu);
      }
      next[s]! += mass * (1 - out * step);
    }
    p = next;
  }
  return Array.from({ length: units }, (_, u) => {
    let busy = 0;
    for (let s = 0; s < n; s++) if (s >= sets || s & (1 << u)) busy += p[s]!;
    return busy;
  });
}

describe("Larson's hypercube", () => {
  it("the example's exact workloads 0.5574 / 0.4734 / 0.4693 (Urban Operations Research §5.5.3), by two solvers", () => {
    const exact = hypercubeWorkloads(LARSON_ODONI_EXAMPLE, 1, 3);
    expect(exact.map((w) => Number(w.toFixed(4)))).toEqual([0.5574, 0.4734, 0.4693]);
    const iterated = hypercubeByIteration(LARSON_ODONI_EXAMPLE, 1, 3);
    iterated.forEach((w, i) => expect(w).toBeCloseTo(exact[i]!, 6));
    // With an infinite queue every call is served: the workloads add up to λ/μ = 1.5.
    expect(exact.reduce((a, b) => a + b, 0)).toBeCloseTo(1.5, 10);
  });

  it('a symmetric system (equal areas, each backed up the same way round) has equal workloads λ/(3μ) = 0.4', () => {
    const sym = hypercubeWorkloads([0, 1, 2].map((u) => ({ rate: 0.4, preference: [u, (u + 1) % 3, (u + 2) % 3] })), 1, 3);
    sym.forEach((w) => expect(w).toBeCloseTo(0.4, 10));
  });
});

describe('fcfsWaits (Kiefer–Wolfowitz recursion)', () => {
  it('one server: each call waits for the one before it to finish (Lindley)', () => {
    // Arrivals 0, 1, 2, 10; services 3, 3, 1, 1. Starts: 0, 3 (waits 2), 6 (waits 4), 10 (free since 7).
    expect(fcfsWaits([0, 1, 2, 10], [3, 3, 1, 1], 1)).toEqual([0, 2, 4, 0]);
  });
  it('two servers: a call takes whichever frees first', () => {
    // Servers free at 5 (call 0) and 2 (call 1); call 2 at 1 waits for 2 (1), ends 6; call 3 at 3 waits for 5 (2).
    expect(fcfsWaits([0, 0, 1, 3], [5, 2, 4, 1], 2)).toEqual([0, 0, 1, 2]);
  });
});
