/* eslint-disable @typescript-eslint/no-explicit-any -- replies are checked by assertions, not types */
// A live counterfactual fork over real HTTP and sockets on a real server and SQLite file: the
// tabletop is played for 40 minutes with a commander's dispatch at 7 minutes and stopped; the
// controller forks it live at 10 minutes. The fork is a new exercise, paused at 10:00, whose log is
// the original's up to there (byte for byte); its commander joins over a socket and gets that board;
// its controller steps it on to 15:00, where it still equals the original; the commander then takes
// another decision (a grade raise), and from there the fork differs. The original is untouched, and
// the fork's report sets it beside the original; after a server restart the fork comes back paused
// where it stood.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { api, ask, connected, createExercise, liveClient, testServer, tmpDir, until, type Created, type Recorder, type TestServer } from './server-kit.ts';

const MIN = 60_000;
let s: TestServer;
let dbFile: string;
let ex: Created;
let fire: string;
let originalEvents: any[];
const clients: Recorder[] = [];

const events = async (base: string, id: string, code: string): Promise<any[]> => (await api(base, `/api/exercises/${id}/events?after=0&limit=10000`, { code })).body.events;
const joinLive = (base: string, code: string, name: string): Recorder => {
  const r = liveClient(base, { code, name });
  clients.push(r);
  return r;
};

beforeAll(async () => {
  dbFile = join(tmpDir(), 'fork.db');
  s = await testServer({ dbFile });
  ex = await createExercise(s.url, { scenario: 'tabletop-highrise', seed: 7 });
  const step = (ms: number) => api(s.url, `/api/exercises/${ex.id}/control`, { method: 'POST', code: ex.codes.controller, body: { action: 'step', ms } });
  expect((await step(7 * MIN)).status).toBe(200);
  fire = Object.keys((await api(s.url, `/api/exercises/${ex.id}/snapshot`, { code: ex.codes.commander })).body.board.incidents)[0]!;
  const cmd = (command: unknown) => api(s.url, `/api/exercises/${ex.id}/commands`, { method: 'POST', code: ex.codes.commander, body: command });
  expect((await cmd({ type: 'TRIAGE_CALL', incidentId: fire, incidentType: 'high-rise-fire', grade: 2 })).status).toBe(200);
  expect((await cmd({ type: 'DISPATCH_RECOMMENDED', incidentId: fire })).status).toBe(200);
  expect((await step(33 * MIN)).status).toBe(200);
  expect((await api(s.url, `/api/exercises/${ex.id}/control`, { method: 'POST', code: ex.codes.controller, body: { action: 'stop' } })).status).toBe(200);
  originalEvents = await events(s.url, ex.id, ex.codes.controller);
});

afterAll(async () => {
  for (const c of clients) c.close();
  await s?.close();
});

describe('live fork', () => {
  let fork: { id: string; codes: Created['codes']; sharedSeq: number };

  it('is refused to a commander, past the recording, and with commands', async () => {
    const post = (code: string, body: unknown) => api(s.url, `/api/exercises/${ex.id}/fork`, { method: 'POST', code, body });
    expect((await post(ex.codes.commander, { at: 10 * MIN, live: true })).status).toBe(403);
    const late = await post(ex.codes.controller, { at: 41 * MIN, live: true });
    expect(late.status).toBe(400);
    expect(late.body.error.message).toMatch(/reaches 2400 s; cannot fork at 2460 s/);
    const withCommands = await post(ex.codes.controller, { at: 10 * MIN, live: true, commands: [{ at: 11 * MIN, command: { type: 'RAISE_GRADE', incidentId: fire, grade: 3 } }] });
    expect(withCommands.status).toBe(400);
  });

  it('starts a new exercise paused at T whose log is the original up to T', async () => {
    const made = await api(s.url, `/api/exercises/${ex.id}/fork`, { method: 'POST', code: ex.codes.controller, body: { at: 10 * MIN, live: true } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ id: `${ex.id}-fork-1`, forkOf: ex.id, at: 10 * MIN, status: 'paused', clock: { status: 'paused', simTime: 10 * MIN } });
    fork = made.body;
    const shared = originalEvents.filter((e) => e.t <= 10 * MIN);
    expect(fork.sharedSeq).toBe(shared.at(-1).seq);
    expect(JSON.stringify(await events(s.url, fork.id, fork.codes.controller))).toBe(JSON.stringify(shared));
    // The original's codes do not open the fork, and the original is untouched.
    expect((await api(s.url, `/api/exercises/${fork.id}`, { code: ex.codes.controller })).status).toBe(403);
    expect(JSON.stringify(await events(s.url, ex.id, ex.codes.controller))).toBe(JSON.stringify(originalEvents));
  });

  it('is played on over sockets: equal to the original until a different decision, different after it', async () => {
    const commander = joinLive(s.url, fork.codes.commander, '指挥 B');
    const controller = joinLive(s.url, fork.codes.controller, '导调 B');
    await Promise.all([connected(commander), connected(controller)]);
    await until(() => commander.got.some(([e]) => e === 'snapshot') && controller.got.some(([e]) => e === 'snapshot'), 10_000, 'snapshots');
    expect(commander.got.find(([e]) => e === 'welcome')![1]).toMatchObject({ exerciseId: fork.id, role: 'commander' });
    const snap = commander.got.find(([e]) => e === 'snapshot')![1];
    expect(snap).toMatchObject({ exerciseId: fork.id, seq: fork.sharedSeq, clock: { status: 'paused', simTime: 10 * MIN } });
    // The commander's board is the original's board at 10:00 (as the original's replay gives it).
    const then = (await api(s.url, `/api/exercises/${ex.id}/replay?at=${10 * MIN}&recent=0`, { code: ex.codes.commander })).body.state;
    expect(snap.board.units).toEqual(then.units);
    expect(snap.board.incidents).toEqual(then.incidents);
    expect(snap.board.incidents[fire].unitIds.length).toBeGreaterThan(0);

    // Nothing done differently up to 15:00: the fork's log is still the original's.
    expect(await ask(controller.client, 'control', { action: 'step', ms: 5 * MIN })).toMatchObject({ ok: true, value: { status: 'paused', simTime: 15 * MIN } });
    const to15 = originalEvents.filter((e) => e.t <= 15 * MIN);
    expect(JSON.stringify(await events(s.url, fork.id, fork.codes.controller))).toBe(JSON.stringify(to15));

    // The different decision: raise the grade at 15:00. It is in the fork's log, not in the original's.
    const raised = await ask(commander.client, 'command', { type: 'RAISE_GRADE', incidentId: fire, grade: 3, reason: 'what if we had raised it' });
    expect(raised).toMatchObject({ ok: true, value: { ok: true } });
    await until(() => commander.got.some(([e, d]) => e === 'delta' && d.events.some((x: any) => x.type === 'GRADE_RAISED' && x.incidentId === fire)), 10_000, 'the raise on the board');
    expect(await ask(controller.client, 'control', { action: 'step', ms: 5 * MIN })).toMatchObject({ ok: true });
    const forked = await events(s.url, fork.id, fork.codes.controller);
    const first = forked.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(originalEvents[i]));
    expect(first).toBe(to15.length);
    expect(forked[first]).toMatchObject({ type: 'COMMAND_ACCEPTED', t: 15 * MIN, command: { type: 'RAISE_GRADE', grade: 3 } });
    expect(originalEvents.some((e) => e.type === 'COMMAND_ACCEPTED' && e.command.type === 'RAISE_GRADE')).toBe(false);
    expect(JSON.stringify(await events(s.url, ex.id, ex.codes.controller))).toBe(JSON.stringify(originalEvents));
  });

  it("reports the fork beside its original: the raised grade against the original's", async () => {
    const json = await api(s.url, `/api/exercises/${fork.id}/report?format=json`, { code: fork.codes.controller });
    expect(json.status).toBe(200);
    // The two logs part at the raise (15:00): the last shared event is at or before it.
    expect(json.body.comparison.originalId).toBe(ex.id);
    expect(json.body.comparison.forkAt).toBeLessThanOrEqual(15 * MIN);
    expect(json.body.comparison.forkAt).toBeGreaterThanOrEqual(10 * MIN);
    const inc = json.body.comparison.runs.incidents.find((i: any) => i.a?.incidentId === fire);
    expect(inc.a.finalGrade).toBe(2);
    expect(inc.b.finalGrade).toBe(3);
    const html = await api(s.url, `/api/exercises/${fork.id}/report?format=html&lang=en`, { code: fork.codes.observer });
    expect(String(html.body)).toContain('<section id="comparison">');
    expect(String(html.body)).toContain(`original ${ex.id}`);
    // The original's own report has no comparison.
    expect(String((await api(s.url, `/api/exercises/${ex.id}/report?format=html`, { code: ex.codes.observer })).body)).not.toContain('id="comparison"');
  });

  it('comes back after a restart, paused where it stood, with its own log', async () => {
    const before = await events(s.url, fork.id, fork.codes.controller);
    for (const c of clients) c.close();
    await s.close();
    s = await testServer({ dbFile });
    const view = await api(s.url, `/api/exercises/${fork.id}`, { code: fork.codes.controller });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ id: fork.id, status: 'paused', simTime: 20 * MIN });
    expect(JSON.stringify(await events(s.url, fork.id, fork.codes.controller))).toBe(JSON.stringify(before));
    expect(s.logs.some((l) => /could not be recovered/.test(l))).toBe(false);
  });
});
