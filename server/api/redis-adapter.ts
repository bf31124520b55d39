// The server's own scale-out option (docs/scale-out.md): with a Redis URL, the socket.io server
// broadcasts through the Redis Streams adapter, so a room message of an exercise reaches the members
// of that room on every node sharing the Redis, in the order its owner emitted them. Without one,
// nothing of Redis is loaded.
import type { LiveServer } from './live-gateway.ts';

export interface RedisLink {
  close(): Promise<void>;
}

/** Connects to Redis and puts the adapter on `io`; a Redis that cannot be reached is an error that says which URL. */
export async function attachRedisAdapter(io: LiveServer, url: string): Promise<RedisLink> {
  const [{ createClient }, { createAdapter }] = await Promise.all([import('redis'), import('@socket.io/redis-streams-adapter')]);
  let up = false;
  // Once up, a lost connection is retried for ever (the adapter catches up on the stream when it is
  // back); before that, the first failure ends the attempt so the start can say why.
  const client = createClient({ url, socket: { reconnectStrategy: (retries: number, cause: Error) => (up ? Math.min(100 * 2 ** retries, 2000) : cause) } });
  client.on('error', () => undefined); // reported by connect() below, or retried once up
  try {
    await client.connect();
    up = true;
  } catch (e) {
    await client.quit().catch(() => undefined);
    throw new Error(`cannot reach Redis at ${url} for the socket.io adapter: ${(e as Error).message}`);
  }
  io.adapter(createAdapter(client));
  return { close: async () => { await client.quit().catch(() => undefined); } };
}
