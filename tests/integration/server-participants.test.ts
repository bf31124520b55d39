// Participant sessions are kept in SQLite for the debrief: who joined in which role and name, and
// when they left; only the controller may read them. Sessions left open by a crash end at restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connected, createExercise, liveClient, testServer, type TestServer } from './server-kit.ts';

let server: TestServer;
beforeAll(async () => { server = await testServer({ demo: false }); });
afterAll(async () => { await server.close(); });

describe('participant sessions', () => {
  it('records each join with role and name, marks who left, and shows them to controllers and observers only', async () => {
    const ex = await createExercise(server.url, { scenario: 'tabletop-highrise' });
    const controller = liveClient(server.url, { code: ex.codes.controller, name: '李导调' });
    const commander = liveClient(server.url, { code: ex.codes.commander, name: 'Duty commander' });
    await Promise.all([connected(controller), connected(commander)]);
    commander.close();
    type Session = { role: string; name: string; leftAt: string | null };
    // The leave is recorded when the server sees the socket close: poll until it has.
    let sessions: Session[] = [];
    for (let i = 0; i < 200; i++) {
      const r = await api(server.url, `/api/exercises/${ex.id}/participants`, { code: ex.codes.controller });
      sessions = r.body.sessions as Session[];
      if (sessions.length === 2 && sessions.find((p) => p.role === 'commander')?.leftAt) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    expect(sessions.map((p) => [p.role, p.name])).toEqual([['controller', '李导调'], ['commander', 'Duty commander']]);
    expect(sessions.find((p) => p.role === 'controller')!.leftAt).toBeNull();
    // Observers (evaluators) read it too; commanders do not, and the refusal reads as a sentence.
    const seen = await api(server.url, `/api/exercises/${ex.id}/participants`, { code: ex.codes.observer });
    expect(seen.status).toBe(200);
    expect(seen.body.sessions.map((p: Session) => p.role)).toEqual(['controller', 'commander']);
    const refused = await api(server.url, `/api/exercises/${ex.id}/participants`, { code: ex.codes.commander });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', message: 'a commander may not see the participants' });
    controller.close();
  });
});
