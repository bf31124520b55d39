// The exercise server in one call: opens (and migrates, or refuses) the SQLite file, brings back
// every live exercise from its log (paused), mounts the REST API, the socket.io gateway and the
// built board, and listens on a loopback address. Tests, `npm start` and the benchmark all use it.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import express from 'express';
import { DEFAULT_DB_FILE } from '../store/open-database.ts';
import { openLiveStorage } from '../store/live-storage.ts';
import { ApiError, errorBody, errorHandler } from './errors.ts';
import { Catalog } from './catalog.ts';
import { ExerciseManager, type RoleCodes } from './exercise-manager.ts';
import { DEFAULT_TIMING, type HostTiming } from './exercise-host.ts';
import { createJoinRateLimiter, type JoinRateLimitOptions } from './rate-limit.ts';
import { attachLiveGateway, createLiveServer } from './live-gateway.ts';
import { mountApiRoutes } from './api-routes.ts';
import { attachRedisAdapter, type RedisLink } from './redis-adapter.ts';

export const DEMO_SCENARIO = 'tabletop-highrise';

/**
 * How long the server's writes wait for another program's write lock on the database. Writes run on
 * the event loop (better-sqlite3 is synchronous), so a wait stalls every exercise and socket: after
 * this short wait the exercise pauses with a notice instead, and its heartbeat retries the write
 * (without waiting) until the lock is gone. (SQLite's own default here was 5 s per attempt.)
 */
export const LIVE_BUSY_TIMEOUT_MS = 100;

export interface StartServerOptions {
  /** 0 = an ephemeral port (default 8119). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  dbFile?: string;
  seedsDir?: string;
  scenariosDir?: string;
  /** The built client to serve at / (default client/dist). */
  clientDist?: string;
  /** Create (or reuse) the ready demo exercise. */
  demo?: boolean;
  log?: (line: string) => void;
  /** Driver and broadcast rates (defaults: tick 100 ms, delta 150 ms, clock 1 s). */
  timing?: Partial<HostTiming>;
  joinRateLimit?: JoinRateLimitOptions;
  /** Broadcast through the socket.io Redis Streams adapter at this URL (docs/scale-out.md). */
  redisUrl?: string;
  /** The join-rate limiter's clock (ms); tests step it instead of waiting. Default Date.now. */
  joinRateClock?: () => number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
  demo?: { exerciseId: string; codes: RoleCodes };
  /** Exercises brought back from the database at start. */
  recovered: { id: string; status: string; seq: number }[];
}

const PLACEHOLDER = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>消防救援调度指挥推演</title></head>
<body><h1>消防救援调度指挥推演 · Fire-rescue dispatch simulator</h1>
<p>The command board is not built (no client/dist/index.html). The exercise server and its API are running:
see <a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>`;

export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const storage = openLiveStorage(opts.dbFile ?? DEFAULT_DB_FILE, { busyTimeoutMs: LIVE_BUSY_TIMEOUT_MS });
  const { store } = storage;
  const catalog = new Catalog(opts.seedsDir ?? 'seeds', opts.scenariosDir ?? 'scenarios', store);
  const limiter = createJoinRateLimiter(opts.joinRateLimit, opts.joinRateClock, store.serverSecret('device-tokens'));
  const timing: HostTiming = { ...DEFAULT_TIMING, ...opts.timing };

  const app = express();
  app.disable('x-powered-by');
  const http = createServer(app);
  const io = createLiveServer(http);
  let redis: RedisLink | undefined;
  if (opts.redisUrl) {
    try {
      redis = await attachRedisAdapter(io, opts.redisUrl);
    } catch (e) {
      storage.close();
      throw e;
    }
  }
  const manager = new ExerciseManager(store, catalog, io, timing, log, storage);
  attachLiveGateway(io, manager, limiter, log);

  const api = express.Router();
  api.use(express.json({ limit: '2mb' }));
  api.use(express.text({ type: ['text/*', 'application/yaml', 'application/x-yaml'], limit: '2mb' }));
  mountApiRoutes(api, catalog, manager, limiter, Date.now());
  app.use(api);
  app.use('/api', (req, res) => {
    res.status(404).json(errorBody(new ApiError('not-found', `no API route ${req.method} ${req.originalUrl}`)));
  });

  const dist = resolve(opts.clientDist ?? join('client', 'dist'));
  if (existsSync(join(dist, 'index.html'))) {
    app.use(express.static(dist, { index: 'index.html' }));
    app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => res.sendFile(join(dist, 'index.html')));
  } else {
    app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => res.type('html').send(PLACEHOLDER));
  }
  app.use(errorHandler(log));

  const recovered = manager.recoverAll();
  for (const r of recovered) log(`exercise ${r.id} recovered from its log: ${r.status} at seq ${r.seq}`);

  let demo: RunningServer['demo'];
  if (opts.demo) {
    // One demo: the live one is recovered like any other exercise and its codes derived again; a new
    // one only when the last is over (the old one is archived).
    const existing = manager.demo();
    if (existing) {
      demo = { exerciseId: existing.id, codes: manager.demoCodes(existing.id) };
    } else {
      manager.archiveOldDemos();
      const made = manager.create({ scenario: DEMO_SCENARIO, isDemo: true, speed: 1 });
      demo = { exerciseId: made.id, codes: made.codes };
    }
  }

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(opts.port ?? 8119, host, () => {
      http.off('error', fail);
      ok();
    });
  });
  const port = (http.address() as AddressInfo).port;

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      manager.close();
      await new Promise<void>((ok) => void io.close(() => ok()));
      await redis?.close();
      http.closeAllConnections();
      await new Promise<void>((ok) => http.close(() => ok()));
      storage.close();
    })());

  return { url: `http://${host}:${port}`, port, close, recovered, ...(demo ? { demo } : {}) };
}
