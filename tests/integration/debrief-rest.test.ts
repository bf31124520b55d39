/* eslint-disable @typescript-eslint/no-explicit-any -- replies are checked by assertions, not types */
// The debrief over real HTTP on a real server and SQLite file: the tabletop is stepped 40 minutes
// with one commander dispatch; the report opens for the controller and the observer at once, for the
// commander only after the drill is stopped; the replay scrubber gives the board at a past moment;
// a fork from T with nothing changed compares equal to the original.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createExercise, testServer, tmpDir, type Created, type TestServer } from './server-kit.ts';
import { join } from 'node:path';

const MIN = 60_000;
let s: TestServer;
let ex: Created;
let fire: string;

beforeAll(async () => {
  s = await testServer({ dbFile: join(tmpDir(), 'debrief.db') });
  ex = await createExercise(s.url, { scenario: 'tabletop-highrise', seed: 7 });
  const step = (ms: number) => api(s.url, `/api/exercises/${ex.id}/control`, { method: 'POST', code: ex.codes.controller, body: { action: 'step', ms } });
  expect((await step(7 * MIN)).status).toBe(200);
  const view = await api(s.url, `/api/exercises/${ex.id}/snapshot`, { code: ex.codes.commander });
  fire = Object.keys(view.body.board.incidents)[0]!;
  const cmd = (command: unknown) => api(s.url, `/api/exercises/${ex.id}/commands`, { method: 'POST', code: ex.codes.commander, body: command });
  expect((await cmd({ type: 'TRIAGE_CALL', incidentId: fire, incidentType: 'high-rise-fire', grade: 2 })).status).toBe(200);
  expect((await cmd({ type: 'DISPATCH_RECOMMENDED', incidentId: fire })).status).toBe(200);
  expect((await step(33 * MIN)).status).toBe(200);
});

afterAll(async () => { await s?.close(); });

describe('debrief routes', () => {
  it('serves the report to the controller and observer during the drill, to commanders after it', async () => {
    const html = await api(s.url, `/api/exercises/${ex.id}/report?format=html&lang=en`, { code: ex.codes.observer });
    expect(html.status).toBe(200);
    expect(String(html.body)).toContain('After-action report');
    expect(String(html.body)).toContain('data-chart="response-histogram"');
    const early = await api(s.url, `/api/exercises/${ex.id}/report?format=json`, { code: ex.codes.commander });
    expect(early.status).toBe(403);
    expect(early.body.error.message).toMatch(/once the drill is over/);
    expect((await api(s.url, `/api/exercises/${ex.id}/control`, { method: 'POST', code: ex.codes.controller, body: { action: 'stop' } })).status).toBe(200);
    const late = await api(s.url, `/api/exercises/${ex.id}/report?format=json`, { code: ex.codes.commander });
    expect(late.status).toBe(200);
    const dispatch = late.body.evaluation.decisions.find((d: any) => d.command === 'DISPATCH_RECOMMENDED');
    expect(dispatch).toMatchObject({ incidentId: fire, verdict: 'as-recommended', role: 'commander' });
    expect(dispatch.recommended.length).toBeGreaterThan(0);
  });

  it('scrubs: the board at 6 minutes has the call and no unit dispatched yet; at 30 minutes units are out', async () => {
    const at6 = await api(s.url, `/api/exercises/${ex.id}/replay?at=${6 * MIN}`, { code: ex.codes.observer });
    expect(at6.status).toBe(200);
    expect(at6.body.state.incidents[fire]).toMatchObject({ status: 'callReceived' });
    expect(Object.values(at6.body.state.units).every((u: any) => u.status === 'inStation' || u.incidentId !== fire)).toBe(true);
    const at30 = await api(s.url, `/api/exercises/${ex.id}/replay?at=${30 * MIN}`, { code: ex.codes.observer });
    expect(at30.body.state.incidents[fire].unitIds.length).toBeGreaterThan(0);
    expect(at30.body.recent.at(-1).t).toBeLessThanOrEqual(30 * MIN);
  });

  it('forks from T with nothing changed: the same figures side by side; refused for a commander', async () => {
    const fork = await api(s.url, `/api/exercises/${ex.id}/fork`, { method: 'POST', code: ex.codes.controller, body: { at: 10 * MIN } });
    expect(fork.status).toBe(200);
    expect(fork.body.refused).toEqual([]);
    const inj = fork.body.comparison.incidents.find((i: any) => i.a?.incidentId === fire);
    expect(inj.b).toEqual(inj.a);
    expect((await api(s.url, `/api/exercises/${ex.id}/fork`, { method: 'POST', code: ex.codes.commander, body: { at: 0 } })).status).toBe(403);
  });
});
