/* eslint-disable @typescript-eslint/no-explicit-any -- payloads are checked by assertions, not types */
// The server's own scale-out option (`serve --redis`, startServer's redisUrl; docs/scale-out.md),
// tried for real: a local redis-server (the Debian package, on a free port without persistence), the
// exercise server started with the Redis Streams adapter, and a second socket.io node on the same
// Redis whose client stands in the exercise's player room (named as the server names it). The
// deltas the server broadcasts while a drill runs reach the other node's client exactly as they reach
// the server's own observer, in order and redacted for players; a Redis that cannot be reached stops
// the start with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createHttp, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { io as connect, type Socket } from 'socket.io-client';
import { freePort, startRedis, type LocalRedis } from '../fixtures/redis-server.ts';
import { roomOf } from '../../server/api/exercise-rooms.ts';
import { api, ask, connected, createExercise, liveClient, testServer, until, type Recorder, type TestServer } from './server-kit.ts';

let redis: LocalRedis;
let server: TestServer;
let otherNode: { io: Server; http: HttpServer; url: string };
const redisClients: ReturnType<typeof createClient>[] = [];
const sockets: Socket[] = [];
const recorders: Recorder[] = [];

beforeAll(async () => {
  redis = await startRedis();
  server = await testServer({ redisUrl: redis.url });
  // Another node: only socket.io and the adapter on the same Redis. Its clients name the room they
  // stand in (an owner-less node would forward joins; here the room is the server's own naming).
  const client = createClient({ url: redis.url });
  redisClients.push(client);
  await client.connect();
  const http = createHttp();
  const io = new Server(http, { transports: ['websocket'], adapter: createAdapter(client) });
  io.on('connection', (s) => void s.join(String(s.handshake.auth.room)));
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  otherNode = { io, http, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
});

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const r of recorders) r.close();
  await new Promise<void>((ok) => void otherNode.io.close(() => ok()));
  await server.close();
  for (const c of redisClients) await c.quit().catch(() => undefined);
  await redis.stop();
});

function deltasOf(got: [string, any][] | any[][]): any[] {
  return got.filter(([e]) => e === 'delta').map(([, d]) => d);
}

describe('the exercise server on the socket.io Redis Streams adapter', () => {
  it("a running drill's deltas reach a client of another node as they reach the server's own observer, in order and redacted", async () => {
    const ex = await createExercise(server.url, { scenario: 'tabletop-highrise', speed: 120 });
    const ctl = liveClient(server.url, { code: ex.codes.controller, name: 'controller' });
    const obs = liveClient(server.url, { code: ex.codes.observer, name: 'observer' });
    recorders.push(ctl, obs);
    await Promise.all([connected(ctl), connected(obs)]);
    const remote = connect(otherNode.url, { transports: ['websocket'], auth: { room: roomOf(ex.id, 'player') }, forceNew: true });
    sockets.push(remote);
    const remoteGot: any[][] = [];
    remote.onAny((event: string, payload: unknown) => remoteGot.push([event, payload]));
    await new Promise<void>((ok, fail) => { remote.once('connect', () => ok()); remote.once('connect_error', fail); });
    await new Promise((r) => setTimeout(r, 300)); // the adapter's stream readers are up on both nodes
    const from = deltasOf(obs.got).length; // what the observer had before the drill ran

    expect(await ask(ctl.client, 'control', { action: 'start' })).toMatchObject({ ok: true });
    // A scripted call rings at 00:05; stepping past it makes the stream carry calls and dispatches.
    expect(await ask(ctl.client, 'control', { action: 'pause' })).toMatchObject({ ok: true });
    expect(await ask(ctl.client, 'control', { action: 'step', ms: 20 * 60_000 })).toMatchObject({ ok: true });
    const call = await ask(ctl.client, 'command', { type: 'RECEIVE_CALL', location: [24.6225, 110.54195], incidentType: 'building-fire', description: 'kitchen fire' });
    expect(call.ok).toBe(true);
    const last = (await ask(ctl.client, 'control', { action: 'step', ms: 10 * 60_000 })) as any;
    expect(last.ok).toBe(true);

    const lastSeq = (await api(server.url, `/api/exercises/${ex.id}`, { code: ex.codes.controller })).body.seq as number;
    await until(() => deltasOf(obs.got).slice(from).some((d) => d.toSeq >= lastSeq), 10_000, 'the last delta on the server');
    await until(() => deltasOf(remoteGot).some((d) => d.toSeq >= lastSeq), 10_000, 'the last delta on the other node');
    const remoteDeltas = deltasOf(remoteGot);
    expect(remoteDeltas.length).toBeGreaterThan(0);
    // The same chain, delta for delta: the observer's (players' audience) and the other node's client.
    expect(remoteDeltas).toEqual(deltasOf(obs.got).slice(deltasOf(obs.got).findIndex((d) => d.fromSeq === remoteDeltas[0].fromSeq)).filter((d) => d.toSeq <= remoteDeltas.at(-1).toSeq));
    const events = remoteDeltas.flatMap((d) => d.events);
    // The scripted call and the controller's own call, both from the server's engine.
    expect(events.filter((e: any) => e.type === 'CALL_RECEIVED').map((e: any) => e.incidentId)).toEqual(['INC-00001', (call as any).value.incidentId]);
    expect(JSON.stringify(events)).not.toMatch(/"(truth|trueGrade|unfounded)":/);
    for (let i = 1; i < remoteDeltas.length; i++) expect(remoteDeltas[i].fromSeq).toBe(remoteDeltas[i - 1].toSeq);
  });

  it('refuses to start when the Redis cannot be reached, saying which URL', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    await expect(testServer({ redisUrl: nowhere })).rejects.toThrow(new RegExp(`cannot reach Redis at ${nowhere}`));
  });
});
