/* eslint-disable @typescript-eslint/no-explicit-any -- payloads are checked by assertions, not types */
// Live streaming with real socket.io clients (websocket transport) against a real server: welcome,
// snapshot, then coalesced deltas whose seq chain has no gap; players get redacted events; a command
// is acknowledged only once its events are in the SQLite file; a client that reconnects or resyncs
// catches up from its last seq (or gets a fresh snapshot when too far behind); malformed messages
// and wrong codes are refused with a reason; join attempts are rate-limited per address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { applyEvent, type BoardState } from '../../shared/board-state.ts';
import { api, ask, connected, connectError, createExercise, liveClient, testServer, until, uploadBusyDay, type Recorder, type TestServer } from './server-kit.ts';

let s: TestServer;
const clients: Recorder[] = [];
const open = (auth: Record<string, unknown>): Recorder => {
  const r = liveClient(s.url, auth);
  clients.push(r);
  return r;
};
beforeAll(async () => {
  s = await testServer({ timing: { flushMs: 100, ringSize: 200, catchUpMax: 400 } });
  await uploadBusyDay(s.url);
});
afterAll(async () => {
  for (const c of clients) c.close();
  await s.close();
});

/** Checks a client's stream: one snapshot first, then deltas chained seq by seq; returns the events seen. */
function checkChain(got: [string, any][]): { snapshotSeq: number; events: any[]; deltas: number } {
  const kinds = got.map(([e]) => e).filter((e) => e === 'welcome' || e === 'snapshot' || e === 'delta');
  expect(kinds[0]).toBe('welcome');
  expect(kinds[1]).toBe('snapshot');
  const snapshot = got.find(([e]) => e === 'snapshot')![1];
  let seq = snapshot.seq;
  const events: any[] = [];
  let deltas = 0;
  for (const [e, d] of got) {
    if (e !== 'delta') continue;
    deltas++;
    expect(d.fromSeq).toBe(seq);
    expect(d.events.map((x: any) => x.seq)).toEqual(Array.from({ length: d.toSeq - d.fromSeq }, (_, i) => d.fromSeq + 1 + i));
    seq = d.toSeq;
    events.push(...d.events);
  }
  return { snapshotSeq: snapshot.seq, events, deltas };
}

describe('snapshot then deltas', () => {
  it('streams a running exercise to every role in order, redacted for players, coalesced into deltas', async () => {
    const ex = await createExercise(s.url, { scenario: 'busy-day', speed: 120 });
    const ctl = open({ code: ex.codes.controller, name: '导调 A' });
    const obs = open({ code: ex.codes.observer, name: 'Observer' });
    await Promise.all([connected(ctl), connected(obs)]);
    await until(() => obs.got.some(([e]) => e === 'snapshot') && ctl.got.some(([e]) => e === 'snapshot'), 5000, 'snapshots');
    const welcome = obs.got.find(([e]) => e === 'welcome')![1];
    expect(welcome).toMatchObject({ exerciseId: ex.id, role: 'observer', regionId: 'demo-county', participantId: expect.any(String) });
    const snap = obs.got.find(([e]) => e === 'snapshot')![1];
    expect(snap).toMatchObject({ exerciseId: ex.id, seq: 1, clock: { status: 'created', speed: 120 } });
    expect(Object.keys(snap.board.units)).toHaveLength(177);
    const started = await ask(ctl.client, 'control', { action: 'start' });
    expect(started).toMatchObject({ ok: true, value: { status: 'running', speed: 120 } });
    // 120× for ~2.5 s is 5 sim minutes; a step ahead makes the stream carry calls, dispatches, arrivals.
    await new Promise((r) => setTimeout(r, 1200));
    expect(await ask(ctl.client, 'control', { action: 'pause' })).toMatchObject({ ok: true });
    expect(await ask(ctl.client, 'control', { action: 'step', ms: 2 * 3_600_000 })).toMatchObject({ ok: true, value: { status: 'paused' } });
    expect(await ask(ctl.client, 'control', { action: 'resume' })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 1300));
    const last = (await api(s.url, `/api/exercises/${ex.id}`, { code: ex.codes.controller })).body.seq;
    await until(() => ctl.got.some(([e, d]) => e === 'delta' && d.toSeq >= last) && obs.got.some(([e, d]) => e === 'delta' && d.toSeq >= last), 5000, 'last delta');
    const c = checkChain(ctl.got);
    const o = checkChain(obs.got);
    expect(c.events.at(-1).seq).toBeGreaterThanOrEqual(last);
    expect(o.events.map((e) => e.seq)).toEqual(c.events.map((e) => e.seq));
    expect(c.events.some((e) => e.type === 'CALL_RECEIVED' && e.truth)).toBe(true);
    expect(JSON.stringify(o.events)).not.toMatch(/"(truth|trueGrade|unfounded)":/);
    // Coalesced: fewer deltas than events (the delta rate against the wall clock is the live bench's
    // figure, not a timed assertion here).
    expect(c.events.length).toBeGreaterThan(30);
    expect(c.deltas).toBeLessThan(c.events.length);
    expect(ctl.got.some(([e, d]) => e === 'clock' && d.status === 'running')).toBe(true);
    expect(ctl.got.some(([e, d]) => e === 'participants' && d.length === 2 && d.some((p: any) => p.name === '导调 A'))).toBe(true);
    // Paused, the log stands still: the observer's snapshot with every delta folded onto it is the
    // server's board at the same seq, field for field.
    expect(await ask(ctl.client, 'control', { action: 'pause' })).toMatchObject({ ok: true });
    const server = (await api(s.url, `/api/exercises/${ex.id}/snapshot`, { code: ex.codes.observer })).body;
    await until(() => obs.got.some(([e, d]) => e === 'delta' && d.toSeq >= server.seq), 5000, 'deltas up to the paused seq');
    const board: BoardState = obs.got.find(([e]) => e === 'snapshot')![1].board;
    for (const e of checkChain(obs.got).events) applyEvent(board, e);
    expect(board.seq).toBe(server.seq);
    expect(JSON.stringify(board)).toBe(JSON.stringify(server.board));
    await ask(ctl.client, 'control', { action: 'stop' });
  });
});

describe('commands', () => {
  it('acknowledges a command only after its events are in the database file', async () => {
    const ex = await createExercise(s.url, { scenario: 'tabletop-highrise' });
    const cmd = open({ code: ex.codes.commander });
    await connected(cmd);
    const reader = new Database(s.dbFile, { readonly: true });
    try {
      const stored = reader.prepare('SELECT seq, type, payload FROM events WHERE exercise_id = ? AND seq BETWEEN ? AND ? ORDER BY seq');
      const call = await ask(cmd.client, 'command', { type: 'RECEIVE_CALL', location: [24.6225, 110.54195], incidentType: 'building-fire', description: 'kitchen fire' });
      expect(call.ok).toBe(true);
      if (!call.ok) return;
      const { seqFrom, seqTo, incidentId } = call.value;
      // Read through another connection the moment the ack arrives: the events are already there.
      const rows = stored.all(ex.id, seqFrom, seqTo) as { seq: number; type: string; payload: string }[];
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: seqTo - seqFrom + 1 }, (_, i) => seqFrom + i));
      expect(rows[0]!.type).toBe('COMMAND_ACCEPTED');
      expect(JSON.parse(rows[0]!.payload)).toMatchObject({ command: { type: 'RECEIVE_CALL' }, by: { role: 'commander' } });
      expect(rows.some((r) => r.type === 'CALL_RECEIVED' && JSON.parse(r.payload).incidentId === incidentId)).toBe(true);
      // A refused command says why; the log keeps only the refusal itself (COMMAND_REFUSED), nothing of its effects.
      const before = (reader.prepare('SELECT MAX(seq) AS m FROM events WHERE exercise_id = ?').get(ex.id) as { m: number }).m;
      const refused = await ask(cmd.client, 'command', { type: 'GRADE_INCIDENT', incidentId: 'INC-99999', grade: 2 });
      expect(refused).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('INC-99999') } });
      const added = reader.prepare('SELECT type, payload FROM events WHERE exercise_id = ? AND seq > ? ORDER BY seq').all(ex.id, before) as { type: string; payload: string }[];
      expect(added.map((r) => r.type)).toEqual(['COMMAND_REFUSED']);
      expect(JSON.parse(added[0]!.payload)).toMatchObject({ command: { type: 'GRADE_INCIDENT', incidentId: 'INC-99999' }, by: { role: 'commander' }, error: { code: 'not-found' } });
    } finally {
      reader.close();
    }
  });

  it('refuses malformed messages with the reason and keeps serving the client', async () => {
    const ex = await createExercise(s.url, { scenario: 'tabletop-highrise' });
    const ctl = open({ code: ex.codes.controller });
    await connected(ctl);
    const bad = await ask(ctl.client, 'command', { type: 'DISPATCH_UNITS', incidentId: 'INC-00001', unitIds: [] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/unitIds/) } });
    expect((bad as any).error.details).toEqual([expect.objectContaining({ path: 'unitIds' })]);
    expect(await ask(ctl.client, 'command', 'RECEIVE_CALL')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await ask(ctl.client, 'command', { type: 'LAUNCH_ROCKET' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await ask(ctl.client, 'control', { action: 'speed', speed: 1000 })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/speed/) } });
    expect(await ask(ctl.client, 'control', { action: 'warp' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await ask(ctl.client, 'resync', { fromSeq: -3 })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await ask(ctl.client, 'recommend', { incident: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    ctl.client.emit('command', { type: 'RECEIVE_CALL' } as never, undefined as never); // no ack function: ignored
    (ctl.client.emit as (...a: unknown[]) => void)('no-such-event', 1, 2, 3);
    const still = await ask(ctl.client, 'command', { type: 'RECEIVE_CALL', location: [24.6225, 110.54195], incidentType: 'vehicle-fire' });
    expect(still.ok).toBe(true);
    expect(ctl.client.connected).toBe(true);
  });
});

describe('joining and catching up', () => {
  it('refuses a missing, malformed or unknown code with a reason', async () => {
    const none = await connectError(open({}));
    expect(none.data).toMatchObject({ code: 'invalid', message: expect.stringMatching(/code/) });
    const unknown = await connectError(open({ code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' }));
    expect(unknown.data).toMatchObject({ code: 'forbidden', message: 'unknown join code' });
  });

  it('a client that reconnects with its last seq gets the missing deltas; one too far behind gets a snapshot', async () => {
    const ex = await createExercise(s.url, { scenario: 'busy-day', speed: 120 });
    const ctl = open({ code: ex.codes.controller });
    await connected(ctl);
    await ask(ctl.client, 'control', { action: 'step', ms: 2 * 3_600_000 });
    const first = open({ code: ex.codes.observer });
    await until(() => first.got.some(([e]) => e === 'snapshot'), 5000, 'snapshot');
    const lastSeq = first.got.find(([e]) => e === 'snapshot')![1].seq;
    first.close();
    await ask(ctl.client, 'control', { action: 'step', ms: 30 * 60_000 }); // events the client missed
    const seqNow = (await api(s.url, `/api/exercises/${ex.id}`, { code: ex.codes.controller })).body.seq;
    expect(seqNow).toBeGreaterThan(lastSeq);
    const back = open({ code: ex.codes.observer, lastSeq });
    await until(() => back.got.some(([e]) => e === 'delta'), 5000, 'catch-up delta');
    expect(back.got.map(([e]) => e).filter((e) => e !== 'participants' && e !== 'clock').slice(0, 2)).toEqual(['welcome', 'delta']);
    const catchUp = back.got.find(([e]) => e === 'delta')![1];
    expect(catchUp.fromSeq).toBe(lastSeq);
    expect(catchUp.toSeq).toBe(seqNow);
    expect(catchUp.events.map((e: any) => e.seq)).toEqual(Array.from({ length: seqNow - lastSeq }, (_, i) => lastSeq + 1 + i));
    expect(JSON.stringify(catchUp.events)).not.toContain('"truth"');
    // resync over the open socket: recent → deltas (older than the ring → read back from SQLite), far behind → snapshot.
    await ask(ctl.client, 'control', { action: 'step', ms: 6 * 3_600_000 });
    const total = (await api(s.url, `/api/exercises/${ex.id}`, { code: ex.codes.controller })).body.seq;
    expect(total - 1).toBeGreaterThan(400); // more than catchUpMax behind from seq 1
    const recent = await ask(back.client, 'resync', { fromSeq: total - 250 }); // beyond the 200-event ring
    expect(recent).toEqual({ ok: true, value: { mode: 'deltas' } });
    await until(() => back.got.some(([e, d]) => e === 'delta' && d.fromSeq === total - 250 && d.toSeq === total), 5000, 'resync delta');
    const far = await ask(back.client, 'resync', { fromSeq: 1 });
    expect(far).toEqual({ ok: true, value: { mode: 'snapshot' } });
    await until(() => back.got.some(([e, d]) => e === 'snapshot' && d.seq === total), 5000, 'fresh snapshot');
  });
});

describe('join rate limit', () => {
  it('after 10 wrong codes a guessing address is slowed to one checked attempt per interval; a right code still gets in', async () => {
    // The limiter's own timing is tested on a stepped clock (tests/unit/join-rate-limit.test.ts); here
    // the transports: a refused attempt says rate-limited, and the right code is not locked out.
    let now = 1_000_000; // the limiter's clock, stepped by the test
    const local = await testServer({ joinRateLimit: { windowMs: 60_000, maxFailures: 10, slowMs: 1000 }, joinRateClock: () => now });
    const mine: Recorder[] = [];
    try {
      const ex = await createExercise(local.url, { scenario: 'tabletop-highrise' });
      for (let i = 0; i < 10; i++) {
        const r = liveClient(local.url, { code: `WRNG-CODE-${String(i).padStart(4, '0')}-ABCD` });
        mine.push(r);
        expect((await connectError(r)).data.code).toBe('forbidden');
      }
      // Straight after, the next guess is refused unchecked…
      const rushed = liveClient(local.url, { code: 'WRNG-CODE-0099-ABCD' });
      mine.push(rushed);
      expect((await connectError(rushed)).data).toMatchObject({ code: 'rate-limited', message: expect.stringMatching(/too many join attempts.*try again in \d+ s/) });
      const rest = await api(local.url, `/api/exercises/${ex.id}/join`, { body: { code: 'WRNG-CODE-0098-ABCD' } });
      expect(rest.status).toBe(429);
      expect(rest.body.error.code).toBe('rate-limited');
      // …but the right code, tried after the interval, gets in over the socket and over REST.
      now += 1100;
      const right = liveClient(local.url, { code: ex.codes.controller });
      mine.push(right);
      await connected(right);
      now += 1100;
      expect((await api(local.url, `/api/exercises/${ex.id}/join`, { body: { code: ex.codes.observer } })).body.role).toBe('observer');
    } finally {
      for (const r of mine) r.close();
      await local.close();
    }
  });
});
