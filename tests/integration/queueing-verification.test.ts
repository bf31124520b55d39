// The real engine against queueing theory (DOMAIN.md §13) on verification worlds built in code: one
// station with c identical units, Poisson calls, exponential service, no turnout or travel, against
// Erlang C at three loads; and Larson & Odoni's three-unit hypercube example against its exact
// workloads. The figures also print, with the batch-means standard error of each estimate.
import { describe, expect, it } from 'vitest';
import { checkErlangC, checkHypercube } from '../../server/batch/verify.ts';

describe('the engine agrees with queueing theory', () => {
  // λ per hour for a mean service of 10 minutes: ρ = λ·(10/60)/c.
  const cases = [
    { rho: 0.3, units: 1, lambdaPerHour: 1.8, calls: 50_000 },
    { rho: 0.6, units: 2, lambdaPerHour: 7.2, calls: 50_000 },
    // Near saturation the waits are strongly correlated: over 50,000 calls the mean wait's standard
    // error is ~6-8 % and P(wait)'s ~0.008 (batch means, printed below), the size of the tolerance
    // itself, so this load runs 300,000 calls (standard errors ~4-5 % and ~0.003).
    { rho: 0.85, units: 1, lambdaPerHour: 5.1, calls: 300_000 },
  ];
  for (const c of cases) {
    it(`Erlang C, ρ = ${c.rho}, ${c.units} unit(s), ${c.calls} calls: P(wait) within 0.01 and mean wait within 5 % (or 3 standard errors when those are wider)`, () => {
      const r = checkErlangC(c.lambdaPerHour, 10, c.units, c.calls);
      console.log(`ρ=${c.rho} c=${c.units}: P(wait) ${r.simulated.pWait.toFixed(4)} ± ${r.simulated.pWaitSE.toFixed(4)} (Erlang C ${r.theory.pWait.toFixed(4)}), mean wait ${r.simulated.meanWaitMinutes.toFixed(3)} ± ${r.simulated.meanWaitSE.toFixed(3)} min (${r.theory.meanWaitMinutes.toFixed(3)})`);
      expect(r.theory.utilisation).toBeCloseTo(c.rho, 10);
      expect(r.simulated.calls).toBe(c.calls);
      // The stated tolerances (0.01, 5 %), widened to three standard errors where the run's own noise
      // is larger than they are (only near saturation): a closer check would test the seed, not the engine.
      expect(Math.abs(r.simulated.pWait - r.theory.pWait)).toBeLessThan(Math.max(0.01, 3 * r.simulated.pWaitSE));
      expect(Math.abs(r.simulated.meanWaitMinutes - r.theory.meanWaitMinutes)).toBeLessThan(Math.max(0.05 * r.theory.meanWaitMinutes, 3 * r.simulated.meanWaitSE));
    }, 600_000);
  }

  it("Larson's hypercube, 3 units, λ = 1.5, μ = 1: workloads within 2 % of the exact 0.5574 / 0.4734 / 0.4693", () => {
    const r = checkHypercube(50_000);
    console.log(`hypercube workloads ${r.simulated.workloads.map((w) => w.toFixed(4)).join(' / ')} (exact ${r.theory.workloads.map((w) => w.toFixed(4)).join(' / ')})`);
    r.theory.workloads.forEach((w, i) => expect(Math.abs(r.simulated.workloads[i]! / w - 1)).toBeLessThan(0.02));
  }, 600_000);
});
