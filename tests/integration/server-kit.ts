/* eslint-disable @typescript-eslint/no-explicit-any -- replies are checked by assertions, not types */
// Shared by the exercise-server tests: a real server on an ephemeral loopback port with its own
// SQLite file, REST calls over real HTTP, and real socket.io clients that record what they receive.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live.ts';
import { startServer, type RunningServer, type StartServerOptions } from '../../server/api/start-server.ts';

export const tmpDir = (): string => mkdtempSync(join(tmpdir(), 'fire-sim-server-'));

export interface TestServer extends RunningServer {
  dbFile: string;
  logs: string[];
}

export async function testServer(opts: StartServerOptions = {}): Promise<TestServer> {
  const dbFile = opts.dbFile ?? join(tmpDir(), 'server.db');
  const logs: string[] = [];
  const s = await startServer({ port: 0, dbFile, log: (l) => logs.push(l), clientDist: join(tmpDir(), 'no-client'), ...opts });
  return { ...s, dbFile, logs };
}

export interface Reply<T = unknown> { status: number; body: T }

export async function api<T = any>(base: string, path: string, init: { method?: string; body?: unknown; code?: string; text?: string } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (init.code) headers['x-join-code'] = init.code;
  let body: string | undefined;
  if (init.text !== undefined) { headers['content-type'] = 'text/yaml'; body = init.text; }
  else if (init.body !== undefined) { headers['content-type'] = 'application/json'; body = JSON.stringify(init.body); }
  const request = (): Promise<Response> => fetch(`${base}${path}`, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body === undefined ? {} : { body }) });
  let res: Response;
  try {
    res = await request();
  } catch (err) {
    // fetch keeps connections alive; when a test waits past the server's keep-alive timeout (5 s; a
    // loaded machine fires fetch's own expiry late), the next request can go out on a socket the server
    // is closing as idle: 'other side closed' before any byte was read, so the request was never
    // handled and sending it again on a new connection is safe, POSTs included.
    if ((err as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw err;
    res = await request();
  }
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
  return { status: res.status, body: parsed as T };
}

export interface Created { id: string; codes: { controller: string; commander: string; observer: string } }

export async function createExercise(base: string, body: Record<string, unknown>): Promise<Created> {
  const r = await api<Created>(base, '/api/exercises', { body });
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Everything a client received, in order, as [event, payload]. */
export interface Recorder { client: LiveClient; got: [string, any][]; close(): void }

export function liveClient(base: string, auth: Record<string, unknown>, extra: { reconnection?: boolean } = {}): Recorder {
  const client: LiveClient = connect(base, { transports: ['websocket'], auth, reconnection: extra.reconnection ?? false, forceNew: true });
  const got: [string, any][] = [];
  client.onAny((event: string, payload: unknown) => got.push([event, payload]));
  return { client, got, close: () => client.close() };
}

/** Resolves when `check` returns something other than undefined (polled), or fails after `ms`. */
export async function until<T>(check: () => T | undefined | false, ms = 15_000, what = 'condition'): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function connected(r: Recorder): Promise<void> {
  return new Promise((ok, fail) => {
    if (r.client.connected) return ok();
    r.client.once('connect', () => ok());
    r.client.once('connect_error', (e: Error & { data?: unknown }) => fail(Object.assign(new Error(e.message), { data: e.data })));
  });
}

export function connectError(r: Recorder): Promise<{ message: string; data: any }> {
  return new Promise((ok, fail) => {
    r.client.once('connect', () => fail(new Error('connected, expected a refusal')));
    r.client.once('connect_error', (e: Error & { data?: unknown }) => ok({ message: e.message, data: e.data }));
  });
}

/** Emits with an ack and resolves with the reply. */
export function ask<T = any>(c: LiveClient, event: 'command' | 'control' | 'resync' | 'recommend', payload: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; details?: unknown } }> {
  return new Promise((ok) => (c.emit as (e: string, p: unknown, a: (r: any) => void) => void)(event, payload, ok));
}

/** A day of the demo county at 40× the normal call rate in auto mode: a steady stream of events. */
export const BUSY_DAY = `name: Busy day
region: demo-county
seed: 3
start: 2026-06-01T08:00:00+08:00
duration: 24h
mode: auto
background:
  enabled: true
  scale: 40
`;

export async function uploadBusyDay(base: string): Promise<string> {
  const r = await api(base, '/api/scenarios', { body: { source: BUSY_DAY, id: 'busy-day' } });
  if (r.status !== 201) throw new Error(`upload failed: ${JSON.stringify(r.body)}`);
  return 'busy-day';
}
