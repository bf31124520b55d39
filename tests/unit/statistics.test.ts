// Replication statistics: Student's t against values worked out by hand from closed forms, and the
// interval of a small sample computed step by step.
import { describe, expect, it } from 'vitest';
import { estimate, pairedDifference, studentTCdf, studentTQuantile, unpairedDifference } from '../../server/metrics/statistics.ts';

describe("Student's t", () => {
  it('df = 1 is the Cauchy distribution: cdf(1) = 1/2 + atan(1)/π = 0.75, t₀.₉₇₅ = tan(0.475π) = 12.7062', () => {
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 8);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 4);
  });

  it('df = 2 has cdf(t) = 1/2 + t / (2√(2 + t²)), so t_p = (2p − 1)·√(2 / (4p(1 − p))) = 0.95·√(2/0.0975) = 4.3027', () => {
    expect(studentTCdf(1, 2)).toBeCloseTo(0.5 + 1 / (2 * Math.sqrt(3)), 12);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(0.95 * Math.sqrt(2 / (4 * 0.975 * 0.025)), 9);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.3027, 4);
  });

  it('df = 4: cdf(t) = 1/2 + (3/4)·s·(1 − s²/3) with s = t/√(4 + t²); at t = 2.776445 that is 0.975', () => {
    const t = 2.776445;
    const s = t / Math.sqrt(4 + t * t);
    expect(studentTCdf(t, 4)).toBeCloseTo(0.5 + 0.75 * s * (1 - (s * s) / 3), 12);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776445, 5);
  });

  it('printed tables agree: df 10 → 2.2281, 30 → 2.0423, 120 → 1.9799, and a huge df tends to z = 1.95996', () => {
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281, 4);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0423, 4);
    expect(studentTQuantile(0.975, 120)).toBeCloseTo(1.9799, 4);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.95996, 4);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.2281, 4);
  });
});

describe('estimates over replications', () => {
  it('1…5: mean 3, sd √2.5 = 1.58114, half-width 2.776445·1.58114/√5 = 1.96324', () => {
    const e = estimate([1, 2, 3, 4, 5]);
    expect(e.n).toBe(5);
    expect(e.mean).toBe(3);
    expect(e.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(e.ci95![0]).toBeCloseTo(3 - 1.96324, 4);
    expect(e.ci95![1]).toBeCloseTo(3 + 1.96324, 4);
  });

  it('one value has a mean but no interval; none has nothing; missing values are skipped', () => {
    expect(estimate([7])).toEqual({ mean: 7, sd: null, ci95: null, n: 1 });
    expect(estimate([])).toEqual({ mean: null, sd: null, ci95: null, n: 0 });
    expect(estimate([1, null, 3, undefined]).n).toBe(2);
  });

  it('a paired difference sees through a large common noise that hides it unpaired', () => {
    // Each seed adds the same large swing to both configurations; the variant is 1 lower every time.
    const swing = [10, -8, 15, -12, 3, 20, -5, 0, 7, -14];
    const base = swing.map((s) => 100 + s);
    const variant = swing.map((s) => 99 + s + (s % 2 === 0 ? 0.1 : -0.1));
    const paired = pairedDifference(base, variant);
    expect(paired.mean).toBeCloseTo(-1, 1);
    expect(paired.significant).toBe(true);
    const unpaired = unpairedDifference(base, variant);
    expect(unpaired.mean).toBeCloseTo(-1, 1);
    expect(unpaired.significant).toBe(false);
  });
});
