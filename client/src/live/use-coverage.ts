// What the coverage layer shows and asks for: the selected station, day or night, turnout included
// or not, and the server's answers for that choice (figures and gaps of the region, bands of the
// station), each with its own loading and error state. An answer is only ever shown for the choice
// it was asked for: while a new one is on its way the old one is gone, not passed off as current.
import { useCallback, useEffect, useState } from 'react';
import type { CoverageFigures, StationIsochrones, TimeOfDay } from '../../../shared/schemas/coverage.ts';
import { fetchCoverageFigures, fetchIsochrones, figuresKey, isochronesKey, peekCoverage } from './coverage-data.ts';

export interface Fetched<T> {
  value?: T;
  error?: string;
  loading: boolean;
}

export interface CoverageState {
  stationId?: string;
  time: TimeOfDay;
  turnout: boolean;
  select(stationId: string | undefined): void;
  setTime(time: TimeOfDay): void;
  setTurnout(turnout: boolean): void;
  figures: Fetched<CoverageFigures>;
  isochrones: Fetched<StationIsochrones>;
  /** Asks again for whatever failed. */
  retry(): void;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** One cached fetch keyed by what was asked; `key` undefined = nothing wanted. */
function useFetched<T>(key: string | undefined, load: () => Promise<T>, attempt: number): Fetched<T> {
  const [got, setGot] = useState<{ key: string; attempt: number; value?: T; error?: string }>();
  useEffect(() => {
    if (!key) return;
    let live = true;
    load().then(
      (value) => { if (live) setGot({ key, attempt, value }); },
      (e: unknown) => { if (live) setGot({ key, attempt, error: messageOf(e) }); },
    );
    return () => { live = false; };
    // `load` is a new closure each render; `key` says everything it depends on.
  }, [key, attempt]);
  if (!key) return { loading: false };
  const ready = peekCoverage<T>(key);
  if (ready !== undefined) return { value: ready, loading: false };
  if (got?.key === key && got.attempt === attempt) return { value: got.value, error: got.error, loading: false };
  return { loading: true };
}

/**
 * `want.bands`: the isochrone layer is on (fetch the selected station's bands);
 * `want.figures`: the coverage panel is open (fetch the region's figures and gaps).
 */
export function useCoverage(regionId: string | undefined, want: { bands: boolean; figures: boolean }): CoverageState {
  const [stationId, select] = useState<string | undefined>();
  const [time, setTime] = useState<TimeOfDay>('day');
  const [turnout, setTurnout] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const figures = useFetched(
    regionId && want.figures ? figuresKey(regionId, time) : undefined,
    () => fetchCoverageFigures(regionId!, time),
    attempt,
  );
  const isochrones = useFetched(
    regionId && want.bands && stationId ? isochronesKey(regionId, stationId, time, turnout) : undefined,
    () => fetchIsochrones(regionId!, stationId!, time, turnout),
    attempt,
  );
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { stationId, time, turnout, select, setTime, setTurnout, figures, isochrones, retry };
}
