// REST calls the board makes besides the socket: the region's vector map, older events for a
// timeline, and the exercise record (for the controller's inject list). Exercise endpoints take
// the join code in the x-join-code header (and this browser's device token in x-device-token).
import type { RegionMap } from '../../../shared/map-data.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import { codeHeaders } from './device-token.ts';

export class RestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export async function getJson<T>(url: string, code?: string): Promise<T> {
  const res = await fetch(url, { headers: codeHeaders(code) });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new RestError(res.status, err?.code ?? String(res.status), err?.message ?? `${url}: HTTP ${res.status}`);
  }
  return body as T;
}

/** What the population data puts inside an area to evacuate (server/hazards/evacuation-estimate.ts). */
export interface EvacuationEstimate { people: number; minutesAtMost: number }

export const fetchEvacuationEstimate = (exerciseId: string, code: string, area: { kind: 'polygon'; ring: [number, number][] }): Promise<EvacuationEstimate> =>
  postJson(`/api/exercises/${encodeURIComponent(exerciseId)}/evacuation-estimate`, { area }, code);

export const fetchRegionMap = (regionId: string): Promise<RegionMap> => getJson(`/api/regions/${encodeURIComponent(regionId)}/map`);

/** One page of stored events after `after` (at most `limit`). */
export async function fetchEventPage(exerciseId: string, code: string, after: number, limit: number): Promise<DomainEvent[]> {
  const body = await getJson<{ events: DomainEvent[] }>(`/api/exercises/${encodeURIComponent(exerciseId)}/events?after=${after}&limit=${Math.max(1, Math.min(10_000, limit))}`, code);
  return body.events ?? [];
}

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
  /** The call it brings: its incident type and what the caller says (shown in the board's language). */
  type?: string;
  description?: string;
}

/**
 * The scenario's inject timeline, read leniently from the exercise record: the scenario work may
 * name it `injects` or keep scripted `calls`; either way each needs an id the engine knows.
 */
export async function fetchInjects(exerciseId: string, code: string): Promise<ScriptedInject[]> {
  return scriptedInjectsOf(await getJson<Record<string, unknown>>(`/api/exercises/${encodeURIComponent(exerciseId)}`, code));
}

/** The inject timeline of an exercise record as the server sends it (GET /api/exercises/:id). */
export function scriptedInjectsOf(body: Record<string, unknown>): ScriptedInject[] {
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
      return [{ id, at, label: label || id, ...(typeof o.type === 'string' ? { type: o.type } : {}), ...(typeof o.description === 'string' ? { description: o.description } : {}) }];
    });
  }
  return [];
}

export async function postJson<T>(url: string, body: unknown, code?: string): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...codeHeaders(code) }, body: JSON.stringify(body) });
  const reply: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = (reply as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new RestError(res.status, err?.code ?? String(res.status), err?.message ?? `${url}: HTTP ${res.status}`);
  }
  return reply as T;
}

/** A scenario the server can start an exercise from (a shipped file or an upload). */
export interface ScenarioChoice { id: string; name: string; nameZh?: string; region: string; mode: string; seed: number; durationMs: number; scriptedCalls: number; origin: 'file' | 'upload' }
export type ExerciseCodes = { controller: string; commander: string; observer: string };

export const fetchScenarios = (): Promise<{ scenarios: ScenarioChoice[] }> => getJson('/api/scenarios');
export const uploadScenario = (source: string, id?: string): Promise<ScenarioChoice> => postJson('/api/scenarios', { source, ...(id ? { id } : {}) });
export const createExercise = (body: { scenario: string; seed?: number; mode?: 'auto' | 'manual'; name?: string }): Promise<{ id: string; codes: ExerciseCodes }> => postJson('/api/exercises', body);
