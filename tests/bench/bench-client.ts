// What the live and soak benches share on the client side: the typed socket.io client, a percentile
// that says NaN when there are no samples, and a JSON POST that throws with the server's answer.
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live.ts';
import { percentile as percentileOf } from '../../server/metrics/percentiles.ts';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export const percentile = (values: readonly number[], p: number): number => percentileOf(values, p) ?? Number.NaN;

export async function post(url: string, path: string, body: unknown, code?: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(code ? { 'x-join-code': code } : {}) }, body: JSON.stringify(body) });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
