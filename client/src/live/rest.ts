// REST calls the board makes besides the socket: the region's vector map, older events for a
// timeline, and the exercise record (for the controller's inject list). Exercise endpoints take
// the join code in the x-join-code header.
import type { RegionMap } from '../../../shared/map-data.ts';
import type { DomainEvent } from '../../../shared/events.ts';

export class RestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export async function getJson<T>(url: string, code?: string): Promise<T> {
  const res = await fetch(url, { headers: code ? { 'x-join-code': code } : {} });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new RestError(res.status, err?.code ?? String(res.status), err?.message ?? `${url}: HTTP ${res.status}`);
  }
  return body as T;
}

export const fetchRegionMap = (regionId: string): Promise<RegionMap> => getJson(`/api/regions/${encodeURIComponent(regionId)}/map`);

/** Events after `after` (the server may answer with an array or `{ events }`). */
export async function fetchEvents(exerciseId: string, code: string, after: number): Promise<DomainEvent[]> {
  const body = await getJson<DomainEvent[] | { events: DomainEvent[] }>(`/api/exercises/${encodeURIComponent(exerciseId)}/events?after=${after}`, code);
  return Array.isArray(body) ? body : (body.events ?? []);
}

/** A scripted inject as the controller's console lists it. */
export interface ScriptedInject {
  id: string;
  at: number;
  label: string;
}

/**
 * The scenario's inject timeline, read leniently from the exercise record: the scenario work may
 * name it `injects` or keep scripted `calls`; either way each needs an id the engine knows.
 */
export async function fetchInjects(exerciseId: string, code: string): Promise<ScriptedInject[]> {
  const body = await getJson<Record<string, unknown>>(`/api/exercises/${encodeURIComponent(exerciseId)}`, code);
  const holders = [body, body.exercise, body.scenario, (body.exercise as Record<string, unknown> | undefined)?.scenario];
  for (const h of holders) {
    if (!h || typeof h !== 'object') continue;
    const list = (h as Record<string, unknown>).injects;
    if (!Array.isArray(list)) continue;
    return list.flatMap((raw, i): ScriptedInject[] => {
      if (!raw || typeof raw !== 'object') return [];
      const o = raw as Record<string, unknown>;
      const id = typeof o.id === 'string' ? o.id : typeof o.injectId === 'string' ? o.injectId : `inject-${i + 1}`;
      const at = typeof o.atMs === 'number' ? o.atMs : typeof o.at === 'number' ? o.at : 0;
      const label = [o.type, o.kind, o.description, o.location].filter((x) => typeof x === 'string').join(' · ');
      return [{ id, at, label: label || id }];
    });
  }
  return [];
}
