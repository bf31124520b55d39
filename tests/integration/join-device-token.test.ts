// Device tokens over real sockets and HTTP on 127.0.0.1 (issue 13 §6): eight guessers hammer wrong
// codes from the one loopback address while a board that joined before rejoins with its token and the
// right code and gets in at once; the same right code without a token, or with a forged, expired or
// other-exercise token, is held back like any attempt from that address. The limiter's clock is
// stepped by the test and stands still while the guessers run, so the slowed address never gets a
// checked turn: only an exempt attempt can get in (no sleeps, no timing assertions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newJoinCode } from '../../server/api/join-codes.ts';
import { api, connected, connectError, createExercise, liveClient, testServer, until, type Recorder, type TestServer } from './server-kit.ts';

let s: TestServer;
let now = 1_000_000;
const opened: Recorder[] = [];
const open = (auth: Record<string, unknown>): Recorder => {
  const r = liveClient(s.url, auth);
  opened.push(r);
  return r;
};
beforeAll(async () => {
  s = await testServer({ joinRateLimit: { windowMs: 3_600_000, maxFailures: 10, slowMs: 1000, deviceTokenTtlMs: 60_000 }, joinRateClock: () => now });
});
afterAll(async () => {
  for (const r of opened) r.close();
  await s.close();
});

/** Joins with a right code and returns the device token of its welcome. */
async function joinForToken(auth: Record<string, unknown>): Promise<string> {
  const r = open(auth);
  await connected(r);
  const welcome = await until(() => r.got.find(([e]) => e === 'welcome')?.[1], 10_000, 'welcome');
  r.close();
  expect(welcome.deviceToken).toEqual(expect.any(String));
  return welcome.deviceToken;
}

describe('device tokens', () => {
  it('a board with its token rejoins at once while eight guessers on its address are held back', async () => {
    const ex = await createExercise(s.url, { scenario: 'tabletop-highrise' });
    const other = await createExercise(s.url, { scenario: 'tabletop-highrise' });
    const expired = await joinForToken({ code: ex.codes.controller }); // issued now, valid 60 s
    const otherToken = await joinForToken({ code: other.codes.controller });
    now += 120_000; // `expired` is now past its time
    const token = await joinForToken({ code: ex.codes.controller, name: '导调 A' });
    // The handshake is validated: a token longer than 512 characters is refused as invalid (and counts as a wrong attempt).
    expect((await connectError(open({ code: ex.codes.controller, deviceToken: 'x'.repeat(513) }))).data).toMatchObject({ code: 'invalid', details: [expect.objectContaining({ path: 'deviceToken' })] });

    // Eight guessers, each a new connection per guess with a new wrong code, until told to stop.
    let stop = false;
    const answers: string[] = [];
    const guesser = async (): Promise<void> => {
      while (!stop) {
        const r = liveClient(s.url, { code: newJoinCode() });
        answers.push((await connectError(r)).data.code);
        r.close();
      }
    };
    const guessers = Array.from({ length: 8 }, guesser);
    try {
      await until(() => answers.filter((a) => a === 'rate-limited').length >= 16, 60_000, 'the address slowed');
      expect(answers.filter((a) => a === 'forbidden')).toHaveLength(9); // with the invalid one, ten checked, then held back

      // The right code without a token, and with tokens that must not exempt, is held back too.
      const refusals = [
        {},
        { deviceToken: expired },
        { deviceToken: otherToken },
        { deviceToken: `${token.split('.')[0]}.${'A'.repeat(43)}` }, // forged signature
      ];
      for (const extra of refusals) {
        const r = open({ code: ex.codes.controller, ...extra });
        expect((await connectError(r)).data).toMatchObject({ code: 'rate-limited' });
      }

      // The board with its token and the right code: in at once, welcome and snapshot, a fresh token.
      const board = open({ code: ex.codes.controller, name: '导调 A', deviceToken: token });
      await connected(board);
      const welcome = await until(() => board.got.find(([e]) => e === 'welcome')?.[1], 10_000, 'welcome');
      expect(welcome).toMatchObject({ exerciseId: ex.id, role: 'controller', deviceToken: expect.any(String) });
      await until(() => board.got.some(([e]) => e === 'snapshot'), 10_000, 'snapshot');

      // Over REST the same: the token exempts, its absence does not.
      expect((await api(s.url, `/api/exercises/${ex.id}/join`, { body: { code: ex.codes.controller } })).status).toBe(429);
      const rest = await api(s.url, `/api/exercises/${ex.id}/join`, { body: { code: ex.codes.controller, deviceToken: token } });
      expect(rest.status).toBe(200);
      expect(rest.body).toMatchObject({ exerciseId: ex.id, role: 'controller', deviceToken: expect.any(String) });
      // A REST request with the code in x-join-code: the same with the token in x-device-token.
      const get = (headers: Record<string, string>) => fetch(`${s.url}/api/exercises/${ex.id}`, { headers: { 'x-join-code': ex.codes.controller, ...headers } });
      expect((await get({})).status).toBe(429);
      expect((await get({ 'x-device-token': otherToken })).status).toBe(429);
      const viewed = await get({ 'x-device-token': token });
      expect(viewed.status).toBe(200);
      expect(await viewed.json()).toMatchObject({ id: ex.id, role: 'controller' });
      // The guessers never got another checked attempt while the clock stood still.
      expect(answers.filter((a) => a === 'forbidden')).toHaveLength(9);
    } finally {
      stop = true;
      await Promise.all(guessers);
    }
  });
});
