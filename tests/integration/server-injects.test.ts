/* eslint-disable @typescript-eslint/no-explicit-any -- replies are checked by assertions, not types */
// The controller's inject timeline over real HTTP and sockets: GET /api/exercises/:id lists the
// scenario's pending scripted calls to the controller only (the script is its secret: commanders
// and observers get an empty list), firing one early and skipping another over the socket empties
// the list, the log holds INJECT_FIRED (early) and INJECT_SKIPPED, and a restarted server still
// lists what was pending when it stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, ask, connected, createExercise, liveClient, testServer, type Recorder, type TestServer } from './server-kit.ts';

let s: TestServer;
const clients: Recorder[] = [];
beforeAll(async () => { s = await testServer({ timing: { flushMs: 50 } }); });
afterAll(async () => {
  for (const c of clients) c.close();
  await s.close();
});

const exercise = (base: string, id: string, code: string) => api(base, `/api/exercises/${id}`, { code });

describe('scripted injects on the exercise record', () => {
  it('lists the tabletop script to the controller only; fire early and skip over the socket empty it and are logged', async () => {
    const ex = await createExercise(s.url, { scenario: 'tabletop-highrise' });
    const ctl = await exercise(s.url, ex.id, ex.codes.controller);
    expect(ctl.status).toBe(200);
    // Two scripted calls at 00:05:00 and 01:10:00, ids inj-1 and inj-2 in file order.
    expect(ctl.body.injects).toEqual([
      { id: 'inj-1', at: 5 * 60_000, type: 'high-rise-fire', location: [expect.any(Number), expect.any(Number)], description: expect.stringContaining('清水广场') },
      { id: 'inj-2', at: 70 * 60_000, type: 'traffic-accident', location: [expect.any(Number), expect.any(Number)], description: expect.stringContaining('清水大桥') },
    ]);
    for (const code of [ex.codes.commander, ex.codes.observer]) {
      const other = await exercise(s.url, ex.id, code);
      expect(other.status).toBe(200);
      expect(other.body.injects).toEqual([]);
      expect(JSON.stringify(other.body)).not.toMatch(/清水广场|清水大桥|inj-1/);
    }

    const sock = liveClient(s.url, { code: ex.codes.controller, name: '导调' });
    clients.push(sock);
    await connected(sock);
    // The second call fires first, an hour early; then the first is skipped before it rings.
    const fired = await ask(sock.client, 'command', { type: 'FIRE_INJECT', injectId: 'inj-2' });
    expect(fired).toMatchObject({ ok: true, value: { incidentId: expect.any(String) } });
    expect((await exercise(s.url, ex.id, ex.codes.controller)).body.injects.map((i: any) => i.id)).toEqual(['inj-1']);
    expect(await ask(sock.client, 'command', { type: 'SKIP_INJECT', injectId: 'inj-1' })).toMatchObject({ ok: true });
    expect((await exercise(s.url, ex.id, ex.codes.controller)).body.injects).toEqual([]);
    // Neither can be fired or skipped again.
    expect(await ask(sock.client, 'command', { type: 'FIRE_INJECT', injectId: 'inj-1' })).toMatchObject({ ok: false });

    const events = (await api(s.url, `/api/exercises/${ex.id}/events`, { code: ex.codes.controller })).body.events as any[];
    const firedEvent = events.find((e) => e.type === 'INJECT_FIRED');
    expect(firedEvent).toMatchObject({ injectId: 'inj-2', early: true });
    expect(events.find((e) => e.type === 'CALL_RECEIVED' && e.incidentId === firedEvent.incidentId)).toMatchObject({ reportedType: 'traffic-accident', source: 'scripted' });
    expect(events.filter((e) => e.type === 'INJECT_SKIPPED')).toEqual([expect.objectContaining({ injectId: 'inj-1', by: 'controller' })]);
    // Players see the call an inject brings as a call, nothing of the script: no inject events, no
    // inject ids, no controller commands, no 'scripted' source (REST events and snapshot alike).
    for (const role of ['commander', 'observer'] as const) {
      const seen = (await api(s.url, `/api/exercises/${ex.id}/events`, { code: ex.codes[role] })).body.events as any[];
      expect(seen.filter((e) => e.type === 'INJECT_FIRED' || e.type === 'INJECT_SKIPPED' || (e.type === 'COMMAND_ACCEPTED' && e.by.role === 'controller'))).toEqual([]);
      expect(seen.find((e) => e.type === 'CALL_RECEIVED' && e.incidentId === firedEvent.incidentId)).toMatchObject({ reportedType: 'traffic-accident', source: 'background' });
      expect(JSON.stringify(seen)).not.toMatch(/inj-1|inj-2|scripted/);
      const snap = (await api(s.url, `/api/exercises/${ex.id}/snapshot`, { code: ex.codes[role] })).body;
      expect(snap.board.firedInjects).toEqual([]);
      expect(snap.board.skippedInjects).toEqual([]);
      expect(JSON.stringify(snap)).not.toMatch(/inj-1|inj-2|scripted/);
    }
    const ctlSnap = (await api(s.url, `/api/exercises/${ex.id}/snapshot`, { code: ex.codes.controller })).body;
    expect(ctlSnap.board).toMatchObject({ firedInjects: ['inj-2'], skippedInjects: ['inj-1'] });

    // Running past both times rings nothing more: the skipped one stays silent, the fired one does not ring twice.
    expect((await api(s.url, `/api/exercises/${ex.id}/control`, { code: ex.codes.controller, body: { action: 'step', ms: 75 * 60_000 } })).status).toBe(200);
    const after = (await api(s.url, `/api/exercises/${ex.id}/events`, { code: ex.codes.controller })).body.events as any[];
    expect(after.filter((e) => e.type === 'INJECT_FIRED')).toHaveLength(1);
    expect(after.filter((e) => e.type === 'CALL_RECEIVED' && e.source === 'scripted')).toHaveLength(1);
    expect((await exercise(s.url, ex.id, ex.codes.commander)).body.injects).toEqual([]);
  });

  it('lists the injects still pending after a restart, and none once the exercise is stopped', async () => {
    const first = await testServer({ timing: { flushMs: 50 } });
    const ex = await createExercise(first.url, { scenario: 'tabletop-highrise' });
    // Stepping past 00:05:00 rings the first call by itself (not early): only the second is left.
    expect((await api(first.url, `/api/exercises/${ex.id}/control`, { code: ex.codes.controller, body: { action: 'step', ms: 6 * 60_000 } })).status).toBe(200);
    expect((await exercise(first.url, ex.id, ex.codes.controller)).body.injects.map((i: any) => i.id)).toEqual(['inj-2']);
    const log = (await api(first.url, `/api/exercises/${ex.id}/events`, { code: ex.codes.controller })).body.events as any[];
    expect(log.find((e) => e.type === 'INJECT_FIRED')).toMatchObject({ injectId: 'inj-1', early: false });
    await first.close();

    const again = await testServer({ dbFile: first.dbFile, timing: { flushMs: 50 } });
    try {
      const back = await exercise(again.url, ex.id, ex.codes.controller);
      expect(back.body.status).toBe('paused');
      expect(back.body.injects.map((i: any) => i.id)).toEqual(['inj-2']);
      expect((await exercise(again.url, ex.id, ex.codes.observer)).body.injects).toEqual([]);
      expect((await api(again.url, `/api/exercises/${ex.id}/control`, { code: ex.codes.controller, body: { action: 'stop' } })).status).toBe(200);
      expect((await exercise(again.url, ex.id, ex.codes.controller)).body.injects).toEqual([]);
    } finally {
      await again.close();
    }
  });
});
