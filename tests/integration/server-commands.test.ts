/* eslint-disable @typescript-eslint/no-explicit-any -- replies are checked by assertions, not types */
// Commands against a real server (sockets and REST, a real SQLite file): a command id is applied
// once, also after a restart; two commanders racing for one unit: one wins, the other is told who;
// bounded fields refused with the field named and nothing stored; a commander limited to one
// jurisdiction cannot get out of it (a call not yet existing, a triage moving the call, a unit of
// another station, the recommendation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, ask, connected, createExercise, liveClient, testServer, until, type Recorder, type TestServer } from './server-kit.ts';

let s: TestServer;
const clients: Recorder[] = [];
// Generous command budgets here: the jurisdiction test fires a command every few ms on purpose.
beforeAll(async () => { s = await testServer({ timing: { flushMs: 50, commandBurst: 10_000, commandsPerSecond: 10_000 } }); });
afterAll(async () => {
  for (const c of clients) c.close();
  await s?.close();
});

const PLAZA: [number, number] = [24.6225, 110.54195];
const DAXU: [number, number] = [24.72375, 110.45689];

async function join(base: string, code: string, name?: string): Promise<Recorder> {
  const r = liveClient(base, { code, ...(name ? { name } : {}) });
  clients.push(r);
  await connected(r);
  return r;
}

const eventsOf = async (base: string, id: string, code: string): Promise<any[]> =>
  (await api(base, `/api/exercises/${id}/events?after=0&limit=10000`, { code })).body.events;

/** A commander joins and takes a call that makes an incident: the commander and the command's result. */
async function firstCall(base: string, code: string, call: Record<string, unknown>): Promise<{ cmd: Recorder; result: any }> {
  const cmd = await join(base, code, 'Li');
  const a = await ask(cmd.client, 'command', call);
  expect(a).toMatchObject({ ok: true, value: { incidentId: expect.any(String) } });
  return { cmd, result: (a as any).value };
}

describe('a command id is applied once', () => {
  it('a duplicated call over the socket and over REST gets the first result back, also after a restart', async () => {
    const first = await testServer({ timing: { flushMs: 50 } });
    const ex = await createExercise(first.url, { scenario: 'tabletop-highrise' });
    const call = { type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire', description: 'smoke on the 9th floor', commandId: 'board-7f3a-0001' };
    let firstResult: any;
    try {
      const { cmd, result } = await firstCall(first.url, ex.codes.commander, call);
      firstResult = result;
      // The same id again (a retry after a lost answer): the first result, nothing new stored.
      expect(await ask(cmd.client, 'command', call)).toEqual({ ok: true, value: firstResult });
      const rest = await api(first.url, `/api/exercises/${ex.id}/commands`, { body: call, code: ex.codes.commander });
      expect(rest).toEqual({ status: 200, body: firstResult });
      // A refused command keeps its refusal too; another id is another command.
      const bad = { type: 'CLOSE_INCIDENT', incidentId: firstResult.incidentId, commandId: 'board-7f3a-0002' };
      const refusal = await ask(cmd.client, 'command', bad);
      expect(refusal).toMatchObject({ ok: false, error: { code: 'not-allowed-in-state' } });
      expect(await ask(cmd.client, 'command', bad)).toEqual(refusal);
      const other = await ask(cmd.client, 'command', { ...call, commandId: 'board-7f3a-0003' });
      expect(other).toMatchObject({ ok: true });
      expect((other as any).value.incidentId).not.toBe(firstResult.incidentId);
    } finally {
      await first.close();
    }
    const events = await (async () => {
      const second = await testServer({ dbFile: first.dbFile });
      try {
        const again = await api(second.url, `/api/exercises/${ex.id}/commands`, { body: call, code: ex.codes.commander });
        expect(again).toEqual({ status: 200, body: firstResult });
        return await eventsOf(second.url, ex.id, ex.codes.controller);
      } finally {
        await second.close();
      }
    })();
    const calls = events.filter((e) => e.type === 'CALL_RECEIVED');
    expect(calls.map((e) => e.description)).toEqual(['smoke on the 9th floor', 'smoke on the 9th floor']);
    // The id is in the log with the command.
    expect(events.filter((e) => e.type === 'COMMAND_ACCEPTED').map((e) => e.command.commandId)).toEqual(['board-7f3a-0001', 'board-7f3a-0003']);
    // The refusal is in the log once (the retry got the stored answer), and the restart replayed it.
    expect(events.filter((e) => e.type === 'COMMAND_REFUSED').map((e) => [e.command.type, e.command.commandId, e.by.role, e.error.code])).toEqual([['CLOSE_INCIDENT', 'board-7f3a-0002', 'commander', 'not-allowed-in-state']]);
  });
});

describe('an old command id is applied once', () => {
  it('a retry of a command given 600 commands earlier gets its first result, also after a restart (the ids are answered from the database, not from memory)', async () => {
    const first = await testServer({ timing: { flushMs: 50, commandBurst: 10_000, commandsPerSecond: 10_000 } });
    const ex = await createExercise(first.url, { scenario: 'tabletop-highrise' });
    const call = { type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire', description: 'the first call', commandId: 'old-0001' };
    let firstResult: any;
    try {
      const { cmd, result } = await firstCall(first.url, ex.codes.commander, call);
      firstResult = result;
      // More commands since than the server keeps of its recent writes (500 batches).
      for (let n = 0; n < 600; n++) {
        const r = await ask(cmd.client, 'command', { type: 'RAISE_GRADE', incidentId: firstResult.incidentId, grade: 5, reason: 'soak', commandId: `later-${String(n).padStart(4, '0')}` });
        // The call is not triaged yet (manual mode): each is refused by the engine, and logged.
        expect(r).toMatchObject({ ok: false, error: { code: 'not-allowed-in-state' } });
      }
      expect(await ask(cmd.client, 'command', call)).toEqual({ ok: true, value: firstResult });
    } finally {
      await first.close();
    }
    const second = await testServer({ dbFile: first.dbFile });
    try {
      expect(await api(second.url, `/api/exercises/${ex.id}/commands`, { body: call, code: ex.codes.commander })).toEqual({ status: 200, body: firstResult });
      const events = await eventsOf(second.url, ex.id, ex.codes.controller);
      expect(events.filter((e) => e.type === 'CALL_RECEIVED').map((e) => e.description)).toEqual(['the first call']);
      expect(events.filter((e) => e.type === 'COMMAND_ACCEPTED' && e.command.commandId === 'old-0001')).toHaveLength(1);
      // Each later id is in the log once: 600 commands, accepted or refused.
      expect(events.filter((e) => (e.type === 'COMMAND_ACCEPTED' || e.type === 'COMMAND_REFUSED') && String(e.command.commandId).startsWith('later-'))).toHaveLength(600);
    } finally {
      await second.close();
    }
  });
});

describe('refused commands are in the log (COMMAND_REFUSED)', () => {
  it('a commander\'s refusal reaches the players\' boards and the debrief log; the controller\'s stays with the controller', async () => {
    const ex = await createExercise(s.url, { scenario: 'tabletop-highrise' });
    const ctl = await join(s.url, ex.codes.controller);
    const cmd = await join(s.url, ex.codes.commander, 'Wang');
    const obs = await join(s.url, ex.codes.observer);
    const r = await ask(ctl.client, 'command', { type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire', description: 'smoke' });
    const incidentId = (r as any).value.incidentId as string;
    const tooSoon = await ask(cmd.client, 'command', { type: 'CLOSE_INCIDENT', incidentId });
    expect(tooSoon).toMatchObject({ ok: false, error: { code: 'not-allowed-in-state', message: expect.stringContaining(`cannot close incident ${incidentId}`) } });
    expect(await ask(ctl.client, 'command', { type: 'REOPEN_ROAD', closureId: 'no-such-closure' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const refusals = (events: any[]) => events.filter((e) => e.type === 'COMMAND_REFUSED').map((e) => [e.command.type, e.by.role, e.by.role === 'commander' ? e.by.name : '']);
    // Everyone's live board gets the commander's refusal as a delta; only the controller's gets its own.
    const deltaRefusals = (rec: Recorder) => refusals(rec.got.filter(([ev]) => ev === 'delta').flatMap(([, d]) => d.events));
    await until(() => deltaRefusals(ctl).length === 2, 15_000, 'the refusals in the controller\'s deltas');
    await until(() => deltaRefusals(obs).length === 1, 15_000, 'the refusal in the observer\'s deltas');
    expect(deltaRefusals(ctl)).toEqual([['CLOSE_INCIDENT', 'commander', 'Wang'], ['REOPEN_ROAD', 'controller', '']]);
    expect(deltaRefusals(obs)).toEqual([['CLOSE_INCIDENT', 'commander', 'Wang']]);
    expect(deltaRefusals(cmd)).toEqual([['CLOSE_INCIDENT', 'commander', 'Wang']]);
    // The stored log as each role reads it.
    expect(refusals(await eventsOf(s.url, ex.id, ex.codes.controller))).toEqual([['CLOSE_INCIDENT', 'commander', 'Wang'], ['REOPEN_ROAD', 'controller', '']]);
    expect(refusals(await eventsOf(s.url, ex.id, ex.codes.observer))).toEqual([['CLOSE_INCIDENT', 'commander', 'Wang']]);
  });

  it('two commanders dispatching the same unit at once: exactly one succeeds, the other is told who took it (sockets and REST)', async () => {
    const ex = await createExercise(s.url, { scenario: 'tabletop-highrise' });
    const ctl = await join(s.url, ex.codes.controller);
    const newIncident = async (): Promise<string> => {
      const r = await ask(ctl.client, 'command', { type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire' });
      const id = (r as any).value.incidentId as string;
      expect(await ask(ctl.client, 'command', { type: 'TRIAGE_CALL', incidentId: id, incidentType: 'building-fire', grade: 1 })).toMatchObject({ ok: true });
      return id;
    };
    const stations = (await api(s.url, `/api/exercises/${ex.id}/stations`, { code: ex.codes.commander })).body.stations as any[];
    const units = stations.filter((x) => x.kind !== 'micro').flatMap((x: any) => x.units.map((u: any) => u.id as string));

    const zhang = await join(s.url, ex.codes.commander, 'Zhang');
    const wang = await join(s.url, ex.codes.commander, 'Wang');
    const [one, two] = [await newIncident(), await newIncident()];
    const unit = units[0]!;
    const replies = await Promise.all([
      ask(zhang.client, 'command', { type: 'DISPATCH_UNITS', incidentId: one, unitIds: [unit] }),
      ask(wang.client, 'command', { type: 'DISPATCH_UNITS', incidentId: two, unitIds: [unit] }),
    ]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    const lost = replies.find((r) => !r.ok) as any;
    const winner = replies[0]!.ok ? { name: 'Zhang', incident: one } : { name: 'Wang', incident: two };
    expect(lost.error).toMatchObject({ code: 'unit-unavailable', message: expect.stringContaining(`${unit} was taken by commander ${winner.name} for incident ${winner.incident}`) });

    // The same race over REST.
    const unit2 = units[1]!;
    const [r1, r2] = await Promise.all([
      fetch(`${s.url}/api/exercises/${ex.id}/commands`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-join-code': ex.codes.commander, 'x-participant-name': 'Zhao' }, body: JSON.stringify({ type: 'DISPATCH_UNITS', incidentId: one, unitIds: [unit2] }) }),
      fetch(`${s.url}/api/exercises/${ex.id}/commands`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-join-code': ex.codes.commander, 'x-participant-name': 'Qian' }, body: JSON.stringify({ type: 'DISPATCH_UNITS', incidentId: two, unitIds: [unit2] }) }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const loser = (r1.status === 409 ? await r1.json() : await r2.json()) as any;
    const restWinner = r1.status === 200 ? { name: 'Zhao', incident: one } : { name: 'Qian', incident: two };
    expect(loser.error.message).toContain(`${unit2} was taken by commander ${restWinner.name} for incident ${restWinner.incident}`);
    const dispatched = (await eventsOf(s.url, ex.id, ex.codes.controller)).filter((e) => e.type === 'UNIT_DISPATCHED');
    expect(dispatched.map((e) => e.unitId)).toEqual([unit, unit2]);
  });
});

describe('bounded command fields', () => {
  it('refuses a huge trapped count, a huge description and an endless unit list with the field named; nothing is stored', async () => {
    const ex = await createExercise(s.url, { scenario: 'tabletop-highrise' });
    const code = ex.codes.controller;
    const before = (await api(s.url, `/api/exercises/${ex.id}`, { code })).body.seq;
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire', trapped: 4_294_967_296 }, 'trapped'],
      [{ type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire', trapped: 200_000 }, 'trapped'],
      [{ type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire', size: 1e12 }, 'size'],
      [{ type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire', description: 'x'.repeat(1_900_000) }, 'description'],
      [{ type: 'DISPATCH_UNITS', incidentId: 'INC-00001', unitIds: Array.from({ length: 5000 }, (_, i) => `u${i}`) }, 'unitIds'],
      [{ type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire', commandId: 'x' }, 'commandId'],
    ];
    for (const [body, field] of cases) {
      const r = await api(s.url, `/api/exercises/${ex.id}/commands`, { body, code });
      expect(r.status, field).toBe(400);
      expect(r.body.error, field).toMatchObject({ code: 'invalid', message: expect.stringContaining(`at ${field}`) });
    }
    expect((await api(s.url, `/api/exercises/${ex.id}`, { code })).body.seq).toBe(before);
  });
});

describe('what no client may send', () => {
  it('commands faster than a person can are refused as rate-limited per participant, and not stored', async () => {
    const local = await testServer({ timing: { commandBurst: 20, commandsPerSecond: 5 } });
    try {
      const ex = await createExercise(local.url, { scenario: 'tabletop-highrise' });
      const fast = await join(local.url, ex.codes.commander, 'Script');
      const calm = await join(local.url, ex.codes.commander, 'Person');
      const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => ask(fast.client, 'command', { type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire', description: `flood ${i}` })));
      const accepted = replies.filter((r) => r.ok).length;
      expect(accepted).toBeGreaterThanOrEqual(20);
      expect(accepted).toBeLessThan(40); // the burst, plus what refilled while they arrived
      expect(replies.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'rate-limited', message: expect.stringMatching(/too many commands from Script: at most 20 at once and 5 a second; try again in \d+ ms/) } });
      // Another participant is not held back by the first.
      expect(await ask(calm.client, 'command', { type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire' })).toMatchObject({ ok: true });
      const calls = (await eventsOf(local.url, ex.id, ex.codes.controller)).filter((e) => e.type === 'CALL_RECEIVED');
      expect(calls).toHaveLength(accepted + 1);
    } finally {
      await local.close();
    }
  });

  it('a body in a wrong charset or falsely gzip-encoded is refused as the client\'s mistake (415/400), not a 500', async () => {
    const ex = await createExercise(s.url, { scenario: 'tabletop-highrise' });
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${s.url}/api/exercises/${ex.id}/commands`, { method: 'POST', headers: { 'x-join-code': ex.codes.controller, ...headers }, body });
    const charset = await post({ 'content-type': 'application/json; charset=koi8-r' }, '{"type":"SET_MODE","mode":"auto"}');
    expect(charset.status).toBe(415);
    expect(((await charset.json()) as any).error).toMatchObject({ code: 'unsupported-media-type', message: expect.stringContaining('KOI8-R') });
    const gzip = await post({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, '{"type":"SET_MODE","mode":"auto"}');
    expect(gzip.status).toBe(400);
    expect(((await gzip.json()) as any).error).toMatchObject({ code: 'invalid', message: expect.stringContaining('cannot be read') });
    const unknown = await post({ 'content-type': 'application/json', 'content-encoding': 'br2' }, '{}');
    expect(unknown.status).toBe(415);
    expect((await api(s.url, `/api/exercises/${ex.id}/events?after=0`, { code: ex.codes.controller })).body.events.filter((e: any) => e.type === 'COMMAND_ACCEPTED')).toEqual([]);
  });
});

describe('a commander limited to one jurisdiction cannot get out of it', () => {
  it('not through a call that does not exist yet, a triage that moves the call, a unit of another station, or the recommendation', async () => {
    const ex = await createExercise(s.url, { scenario: 'tabletop-highrise', speed: 120 });
    const ctl = await join(s.url, ex.codes.controller);
    const code = (await api(s.url, `/api/exercises/${ex.id}/codes`, { body: { role: 'commander', jurisdictionId: 'qs-twp-daxu' }, code: ex.codes.controller })).body.code;
    const daxu = await join(s.url, code, 'Daxu commander');

    // (a) The scripted call at 00:05:00 (Qingshui Plaza, in the city) will be INC-00001: aimed at it
    // before and while it rings, a triage is refused every time (it is checked once it exists).
    expect(await ask(ctl.client, 'control', { action: 'start' })).toMatchObject({ ok: true });
    const replies: any[] = [];
    const t0 = Date.now();
    while (Date.now() - t0 < 3500) {
      replies.push(await ask(daxu.client, 'command', { type: 'TRIAGE_CALL', incidentId: 'INC-00001', incidentType: 'building-fire', grade: 1 }));
      await new Promise((res) => setTimeout(res, 15));
    }
    expect(await ask(ctl.client, 'control', { action: 'pause' })).toMatchObject({ ok: true });
    expect(replies.length).toBeGreaterThan(20);
    expect(replies.filter((r) => r.ok)).toEqual([]);
    expect(new Set(replies.map((r) => r.error.code))).toEqual(new Set(['not-found', 'forbidden']));
    const log = await eventsOf(s.url, ex.id, ex.codes.controller);
    expect(log.filter((e) => e.type === 'INCIDENT_TRIAGED')).toEqual([]);
    expect(log.find((e) => e.type === 'CALL_RECEIVED')).toMatchObject({ incidentId: 'INC-00001' });

    // (b) Its own call, triaged to a place in another jurisdiction.
    const own = ((await ask(daxu.client, 'command', { type: 'RECEIVE_CALL', location: DAXU, incidentType: 'building-fire' })) as any).value.incidentId;
    expect(await ask(daxu.client, 'command', { type: 'TRIAGE_CALL', incidentId: own, incidentType: 'building-fire', location: PLAZA, grade: 1 }))
      .toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('qs-city-chengbei') } });
    expect(await ask(daxu.client, 'command', { type: 'TRIAGE_CALL', incidentId: own, incidentType: 'building-fire', grade: 1 })).toMatchObject({ ok: true });

    // (c) A city unit it dispatched to its own incident stays the city's to put out of service.
    const stations = (await api(s.url, `/api/exercises/${ex.id}/stations`, { code })).body.stations as any[];
    const city = stations.find((x) => x.jurisdictionId === 'qs-city-chengbei' && x.kind !== 'micro')!;
    const cityUnit = city.units[0].id;
    expect(await ask(daxu.client, 'command', { type: 'DISPATCH_UNITS', incidentId: own, unitIds: [cityUnit] })).toMatchObject({ ok: true });
    expect(await ask(daxu.client, 'command', { type: 'SET_UNIT_OUT_OF_SERVICE', unitId: cityUnit, reason: 'pump' }))
      .toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(`station ${city.id}`) } });
    // Releasing it from its own incident is its call.
    expect(await ask(daxu.client, 'command', { type: 'RELEASE_UNIT', unitId: cityUnit })).toMatchObject({ ok: true });

    // The recommendation: its own incident only.
    expect(await ask(daxu.client, 'recommend', { incidentId: own })).toMatchObject({ ok: true });
    expect(await ask(daxu.client, 'recommend', { incidentId: 'INC-00001' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const rest = await api(s.url, `/api/exercises/${ex.id}/incidents/INC-00001/recommendation`, { code });
    expect(rest.status).toBe(403);
  });
});
