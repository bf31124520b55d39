// `sim batch` in a child process: worker threads give exactly the replications of the in-process
// batch and of `sim run` on the same seeds (log hashes), a variant is compared pair by pair, and a
// broken variant file is reported at its line with exit code 2.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sim } from '../fixtures/run-sim.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'batch-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const variant = path.join(dir, 'slow-turnout.yaml');
// Every force kind turns out slower than any doctrine figure, so whoever goes first is slower.
const KINDS = ['special-service', 'class-1', 'class-2', 'small', 'logistics', 'specialist-team', 'city-fulltime', 'enterprise', 'forest', 'township-1', 'township-2', 'volunteer', 'micro'];
writeFileSync(variant, `name: Slow turnout\nnameZh: 出动慢\nchanges:\n${KINDS.map((k) => `  - turnout: { kind: ${k}, day: 900, night: 900 }\n`).join('')}`);

describe('sim batch', () => {
  it('two worker threads, in-process and sim run agree replication by replication; the variant is paired', async () => {
    const args = ['batch', 'scenarios/normal-day.yaml', '--runs', '3', '--seed-base', '5', '--variant', variant, '--targets', 'nfpa-1710', '--json'];
    const [threads, inProcess, ...runs] = await Promise.all([
      sim(...args, '--workers', '2'),
      sim(...args, '--workers', '0'),
      ...[5, 6, 7].map((s) => sim('run', 'scenarios/normal-day.yaml', '--seed', String(s), '--json')),
    ]);
    expect(threads.stderr).toBe('');
    expect(threads.code).toBe(0);
    const a = JSON.parse(threads.stdout);
    const b = JSON.parse(inProcess.stdout);
    expect(a.baseline.seeds).toEqual([5, 6, 7]);
    // The same replications: the digest of the log hashes, and every figure derived from them.
    const digest = createHash('sha256');
    runs.forEach((r, i) => digest.update(`${5 + i}:${JSON.parse(r.stdout).logHash}\n`));
    expect(a.baseline.runsDigest).toBe(digest.digest('hex'));
    expect(b.baseline).toEqual(a.baseline);
    expect(b.variants).toEqual(a.variants);

    const incidents = runs.map((r) => JSON.parse(r.stdout).incidents as number);
    const mean = incidents.reduce((x, y) => x + y, 0) / 3;
    expect(a.baseline.metrics.incidents.mean).toBeCloseTo(mean, 12);
    expect(a.baseline.metrics.incidents.n).toBe(3);
    expect(a.baseline.metrics.incidents.ci95[0]).toBeLessThanOrEqual(mean);
    expect(a.baseline.segments.totalResponse.p95).toBeGreaterThanOrEqual(a.baseline.segments.totalResponse.p90);
    expect(a.baseline.targets.targets.map((t: { id: string }) => t.id)).toContain('first-engine-travel');
    expect(Object.keys(a.baseline.breakdowns)).toEqual(['tier', 'station', 'jurisdiction', 'type', 'grade', 'hour', 'dayNight']);

    expect(a.variants).toHaveLength(1);
    const v = a.variants[0];
    expect(v.name).toBe('Slow turnout');
    // Same seeds, same calls (common random numbers); every first unit turns out later.
    expect(v.summary.seeds).toEqual([5, 6, 7]);
    expect(v.differences['turnout.mean'].mean).toBeGreaterThan(0);
    expect(v.differences['turnout.mean'].n).toBe(3);
  }, 900_000);

  it('text by default, CSV with --csv; a broken variant is reported at its line, exit code 2', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: Bad\nchanges:\n  - removeStation: { id: no-such-station }\n');
    const [csv, broken] = await Promise.all([
      sim('batch', 'scenarios/normal-day.yaml', '--runs', '2', '--workers', '0', '--csv', '--variant', variant, '--targets', 'china', '--report', path.join(dir, 'report.html')),
      sim('batch', 'scenarios/normal-day.yaml', '--runs', '2', '--variant', bad),
    ]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('config,metric,mean,sd,ci_low,ci_high,n,significant');
    expect(csv.stdout).toMatch(/^baseline,incidents,/m);
    expect(csv.stdout).toMatch(/^Slow turnout - baseline,turnout\.mean,/m);
    // The report: both languages, charts as inline SVG, no script.
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('批量推演报告');
    expect(html).toContain('Batch report');
    expect(html).toContain('出动慢');
    expect(html.match(/<svg/g)!.length).toBeGreaterThanOrEqual(4);
    expect(html).not.toMatch(/<script/i);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/bad\.yaml:3:\d+: changes\.0\.removeStation\.id: unknown station "no-such-station"/);
    expect(broken.stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 900_000);
});
