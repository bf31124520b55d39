// The scale-out path of docs/scale-out.md, tried for real: a local redis-server (the Debian package,
// started here on a free port without persistence), two socket.io servers sharing the Redis Streams
// adapter, one client on each; a broadcast to an exercise room from either server reaches both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createHttp, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { io as connect, type Socket } from 'socket.io-client';
import { startRedis, type LocalRedis } from '../fixtures/redis-server.ts';


let redis: LocalRedis;
let redisUrl: string;
const redisClients: ReturnType<typeof createClient>[] = [];
const servers: { io: Server; http: HttpServer }[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  redis = await startRedis();
  redisUrl = redis.url;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const { io } of servers) await new Promise<void>((ok) => void io.close(() => ok()));
  for (const c of redisClients) await c.quit().catch(() => undefined);
  await redis.stop();
});

async function node(): Promise<{ io: Server; url: string }> {
  const client = createClient({ url: redisUrl });
  redisClients.push(client);
  await client.connect();
  const http = createHttp();
  const io = new Server(http, { transports: ['websocket'], adapter: createAdapter(client) });
  io.on('connection', (s) => void s.join(`ex-1:${String(s.handshake.auth.group)}`));
  servers.push({ io, http });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

function client(url: string, group: string): Promise<{ got: unknown[] }> {
  const s = connect(url, { transports: ['websocket'], auth: { group }, forceNew: true });
  sockets.push(s);
  const got: unknown[] = [];
  s.on('delta', (d: unknown) => got.push(d));
  return new Promise((ok, fail) => {
    s.once('connect', () => ok({ got }));
    s.once('connect_error', fail);
  });
}

const until = async (check: () => boolean, ms = 5000): Promise<void> => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('socket.io Redis Streams adapter', () => {
  it('the deltas of the exercise owner reach the clients of both servers in order, and only that room', async () => {
    const a = await node();
    const b = await node();
    const onA = await client(a.url, 'player');
    const onB = await client(b.url, 'player');
    const controllerOnB = await client(b.url, 'controller');
    await new Promise((r) => setTimeout(r, 300)); // the adapter's stream reader is up on both nodes
    // One owner (node a) emits every delta of the exercise, so every client sees one order.
    for (let i = 0; i < 20; i++) a.io.to('ex-1:player').emit('delta', { fromSeq: i, toSeq: i + 1 });
    await until(() => onA.got.length === 20 && onB.got.length === 20);
    expect(onA.got).toEqual(Array.from({ length: 20 }, (_, i) => ({ fromSeq: i, toSeq: i + 1 })));
    expect(onB.got).toEqual(onA.got);
    // Any node can reach the room too (e.g. a notice from the node a client is connected to).
    b.io.to('ex-1:player').emit('delta', { fromSeq: 20, toSeq: 21 });
    await until(() => onA.got.length === 21 && onB.got.length === 21);
    expect(controllerOnB.got).toEqual([]);
  });
});
