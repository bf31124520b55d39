// The coverage layer's data from the server: a region's coverage figures and gaps per time of day
// (GET /api/regions/:id/coverage) and a station's isochrone bands per time of day and turnout
// (GET /api/regions/:id/isochrones/:stationId). Cached for the life of the page, since the server's
// answers for a region do not change while it runs and a commander flips between the same few
// stations. A failed fetch is dropped from the cache so that asking again really asks again.
import type { CoverageFigures, StationIsochrones, TimeOfDay } from '../../../shared/schemas/coverage.ts';
import { getJson } from './rest.ts';

interface Entry<T> {
  promise: Promise<T>;
  /** Set once the answer is in: lets the board draw a cached answer at once, with no loading flash. */
  value?: T;
}

const cache = new Map<string, Entry<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Entry<T> {
  const hit = cache.get(key) as Entry<T> | undefined;
  if (hit) return hit;
  const entry: Entry<T> = { promise: load() };
  entry.promise.then(
    (v) => { entry.value = v; },
    () => { if (cache.get(key) === entry) cache.delete(key); },
  );
  cache.set(key, entry);
  return entry;
}

const enc = encodeURIComponent;

export const figuresKey = (regionId: string, time: TimeOfDay): string => `figures|${regionId}|${time}`;
export const isochronesKey = (regionId: string, stationId: string, time: TimeOfDay, turnout: boolean): string =>
  `bands|${regionId}|${stationId}|${time}|${turnout ? 1 : 0}`;

export function fetchCoverageFigures(regionId: string, time: TimeOfDay): Promise<CoverageFigures> {
  return cached(figuresKey(regionId, time), () => getJson<CoverageFigures>(`/api/regions/${enc(regionId)}/coverage?time=${time}`)).promise;
}

export function fetchIsochrones(regionId: string, stationId: string, time: TimeOfDay, turnout: boolean): Promise<StationIsochrones> {
  return cached(isochronesKey(regionId, stationId, time, turnout), () =>
    getJson<StationIsochrones>(`/api/regions/${enc(regionId)}/isochrones/${enc(stationId)}?time=${time}&turnout=${turnout ? 1 : 0}`),
  ).promise;
}

/** The answer under `key` if it has already arrived. */
export function peekCoverage<T>(key: string): T | undefined {
  return cache.get(key)?.value as T | undefined;
}
