// The real command line in a child process: the same scenario and seed give the same event log
// (same hash), another seed another log, and a broken scenario file is reported at its line with
// exit code 2 and no stack.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sim } from '../fixtures/run-sim.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { createRunSummary } from '../../server/metrics/summary.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';

interface RunJson {
  logHash: string;
  seed: number;
  scenario: string;
  events: number;
  incidents: number;
  dispatches: number;
  vehiclesPerDispatch: number | null;
  personnelPerDispatch: number | null;
  firstArrivalWithin5min: number | null;
  escalations: number;
  segments: Record<string, { count: number; p50: number | null; p90: number | null }>;
  byType: Record<string, number>;
  byGrade: Record<string, number>;
}

async function runJson(seed: number): Promise<RunJson> {
  const out = await sim('run', 'scenarios/normal-day.yaml', '--seed', String(seed), '--json');
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout) as RunJson;
}

// Seed 1's day as the command line printed it, kept for the test that compares it with this process's run.
let seedOne: Promise<RunJson> | undefined;

describe('sim run', () => {
  it('gives the same log hash for the same seed and another for another seed', async () => {
    seedOne = runJson(1);
    const [a, b, c] = await Promise.all([seedOne, runJson(1), runJson(2)]);
    expect(a.logHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.logHash).toBe(a.logHash);
    expect(b).toEqual(a);
    expect(c.logHash).not.toBe(a.logHash);
    expect(a.seed).toBe(1);
    expect(c.seed).toBe(2);
  });

  it('prints exactly the summary of the same day run in this process, and one that makes sense', async () => {
    const r = await (seedOne ?? runJson(1));
    // The same scenario and seed in this process, the whole day at once (the command line advances an
    // hour at a time): the same log, so the same figures to the last digit.
    const world = loadWorld();
    const scenario = loadScenario('scenarios/normal-day.yaml', world);
    const engine = createEngine(engineConfigFor(world, scenario, { seed: 1 }));
    const fold = createRunSummary(world);
    const hasher = createLogHasher();
    for (const e of [...engine.start(), ...engine.advanceTo(engine.endsAt)]) { fold.add(e); hasher.add(e); }
    const here = JSON.parse(JSON.stringify(fold.result(engine.now)));
    expect(r).toEqual({ logHash: hasher.hex(), ...here, seed: 1, scenario: scenario.name, scenarioFile: 'scenarios/normal-day.yaml' });
    // And the figures a user would check first hold together.
    expect(r.incidents).toBeGreaterThan(0);
    expect(r.events).toBeGreaterThan(r.incidents);
    expect(r.dispatches).toBeGreaterThan(0);
    expect(r.dispatches).toBeLessThanOrEqual(r.incidents);
    expect(r.vehiclesPerDispatch).toBeGreaterThanOrEqual(1);
    expect(r.personnelPerDispatch).toBeGreaterThan(r.vehiclesPerDispatch!);
    expect(Object.values(r.byType).reduce((a, b) => a + b, 0)).toBe(r.incidents);
    expect(Object.values(r.byGrade).reduce((a, b) => a + b, 0)).toBe(r.incidents);
    expect(r.segments.dispatchToFirstArrival!.count).toBeGreaterThan(0);
  });

  it('prints the text report without --json', async () => {
    const out = await sim('run', 'scenarios/normal-day.yaml', '--seed', '1', '--until', '6h');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('调派至首车到场 Dispatch → first arrival');
    expect(out.stdout).toMatch(/Log hash \(SHA-256 of the event log\): [0-9a-f]{64}/);
  });
});

describe('bad input', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sim-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 with file:line of each problem in a scenario file, and no stack', async () => {
    const file = path.join(dir, 'broken.yaml');
    writeFileSync(file, ['name: Broken', 'region: demo-county', 'start: yesterday', 'duration: forever', ''].join('\n'));
    const out = await sim('run', file, '--seed', '1', '--json');
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/broken\.yaml:3:\d+: start/);
    expect(out.stderr).toMatch(/broken\.yaml:4:\d+: duration/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a bad option value', async () => {
    const out = await sim('run', 'scenarios/normal-day.yaml', '--until', 'soon');
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--until');
  });

  it('validate exits 1 and names the line; 0 for a good file', async () => {
    const file = path.join(dir, 'bad-place.yaml');
    writeFileSync(file, ['name: Bad place', 'region: demo-county', 'start: 2026-06-01T08:00:00+08:00', 'duration: 2h', 'calls:',
      '  - at: 10m', '    type: building-fire', '    location: Nowhere-in-particular', ''].join('\n'));
    const bad = await sim('validate', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad-place\.yaml:8:\d+: calls\.0\.location/);
    const good = await sim('validate', 'scenarios/normal-day.yaml');
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^OK {2}scenarios\/normal-day\.yaml/);
  });
});
