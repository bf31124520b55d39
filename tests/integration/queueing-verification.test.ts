// The real engine against queueing theory (DOMAIN.md §13) on verification worlds built in code: one
// station with c identical units, Poisson calls, exponential service, no turnout or travel, against
// Erlang C at three loads; and Larson & Odoni's three-unit hypercube example against its exact
// workloads. The figures also print, with the batch-means standard error of each estimate.
import { describe, expect, it } from 'vitest';
import { checkErlangC, checkHypercube, runVerification } from '../../server/batch/verify.ts';
import { fcfsWaits } from '../../server/batch/queueing-theory.ts';

describe('the engine agrees with queueing theory', () => {
  // Before any statistics: the engine's queue is an FCFS queue with c servers, call by call. Fed the
  // arrivals and busy periods the run itself produced, the recursion gives every call's wait to the
  // millisecond; any difference (a call served out of turn, a free unit left idle, a unit freed late)
  // would show here, where the statistical checks below could only see it as noise.
  for (const units of [1, 3]) {
    it(`${units} unit(s) at ρ = 0.85: every call waits exactly as long as in a first-come-first-served queue fed the same arrivals and services`, () => {
      const calls = 20_000;
      const r = runVerification({
        stations: [{ id: 'station', x: 0.2, units }],
        districts: [{ id: 'district', homeStationId: 'station', columns: [0, 1] }],
        atoms: [{ x: 0.8, ratePerHour: 5.1 * units }],
        serviceMinutes: 10,
        calls,
      }, 7);
      // The calls whose unit got home before the run stopped (all but the last few).
      const done = r.path.busy.findIndex((b) => b === undefined);
      const n = done === -1 ? r.path.busy.length : done;
      expect(n).toBeGreaterThan(calls - 200);
      const expected = fcfsWaits(r.path.arrivals.slice(0, n), r.path.busy.slice(0, n), units);
      const queued = expected.filter((w) => w > 0).length;
      expect(queued / n).toBeGreaterThan(0.5); // the queue was really exercised
      expect(r.path.waits.slice(0, n)).toEqual(expected);
    }, 120_000);
  }

  // λ per hour for a mean service of 10 minutes: ρ = λ·(10/60)/c.
  const cases = [
    { rho: 0.3, units: 1, lambdaPerHour: 1.8, calls: 50_000 },
    { rho: 0.6, units: 2, lambdaPerHour: 7.2, calls: 50_000 },
    // Near saturation the waits are strongly correlated: over 50,000 calls the mean wait's standard
    // error is ~6-8 % of it (batch means, printed below), more than the tolerance, so this load runs
    // 300,000 calls (standard error ~3.5 %: the 5 % bound is then about 1.5 standard errors).
    { rho: 0.85, units: 1, lambdaPerHour: 5.1, calls: 300_000 },
  ];
  for (const c of cases) {
    it(`Erlang C, ρ = ${c.rho}, ${c.units} unit(s), ${c.calls} calls: P(wait) within 0.01 and mean wait within 5 %`, () => {
      const r = checkErlangC(c.lambdaPerHour, 10, c.units, c.calls);
      console.log(`ρ=${c.rho} c=${c.units}: P(wait) ${r.simulated.pWait.toFixed(4)} ± ${r.simulated.pWaitSE.toFixed(4)} (Erlang C ${r.theory.pWait.toFixed(4)}), mean wait ${r.simulated.meanWaitMinutes.toFixed(3)} ± ${r.simulated.meanWaitSE.toFixed(3)} min (${r.theory.meanWaitMinutes.toFixed(3)})`);
      expect(r.theory.utilisation).toBeCloseTo(c.rho, 10);
      expect(r.simulated.calls).toBe(c.calls);
      expect(Math.abs(r.simulated.pWait - r.theory.pWait)).toBeLessThan(0.01);
      expect(Math.abs(r.simulated.meanWaitMinutes / r.theory.meanWaitMinutes - 1)).toBeLessThan(0.05);
    }, 600_000);
  }

  it("Larson's hypercube, 3 units, λ = 1.5, μ = 1: 200,000 calls: workloads within 2 % of the exact 0.5574 / 0.4734 / 0.4693", () => {
    // 200,000 calls: over 50,000 the realised offered load alone (mean service × call rate) has a
    // standard error of ~0.6 %, and seed 1 draws both 1–2 standard errors high (+1.9 % in all).
    const r = checkHypercube(200_000);
    console.log(`hypercube workloads ${r.simulated.workloads.map((w) => w.toFixed(4)).join(' / ')} (exact ${r.theory.workloads.map((w) => w.toFixed(4)).join(' / ')})`);
    r.theory.workloads.forEach((w, i) => expect(Math.abs(r.simulated.workloads[i]! / w - 1)).toBeLessThan(0.02));
  }, 600_000);
});
