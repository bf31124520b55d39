// The drill's MSEL as the server gives it to the controller (GET /api/exercises/:id → script): every
// inject with its status, time, postponement and contingency state. Re-read as the log grows (an
// inject fired, skipped, added or postponed; a contingency's condition changed), at most once a second.
import { useEffect, useRef, useState } from 'react';
import { getJson } from './rest.ts';
import type { ScriptEntryView } from '../../../shared/drill/script-entry.ts';

/** An inject of the script as the server sends it (shared with the engine's script view). */
export type ScriptEntry = ScriptEntryView;

export async function fetchScript(exerciseId: string, code: string): Promise<ScriptEntry[]> {
  const body = await getJson<{ script?: unknown }>(`/api/exercises/${encodeURIComponent(exerciseId)}`, code);
  return Array.isArray(body.script) ? (body.script as ScriptEntry[]) : [];
}

/** The script, refreshed when `version` (the log's length) moves, no more than once per `minMs`. */
export function useScript(exerciseId: string, code: string, version: number, minMs = 1000, enabled = true): { script: ScriptEntry[]; refresh(): void } {
  const [script, setScript] = useState<ScriptEntry[]>([]);
  const [nudge, setNudge] = useState(0);
  const last = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const wait = Math.max(0, last.current + minMs - Date.now());
    const id = setTimeout(() => {
      last.current = Date.now();
      fetchScript(exerciseId, code).then((s) => { if (!cancelled) setScript(s); }, () => undefined);
    }, wait);
    return () => { cancelled = true; clearTimeout(id); };
  }, [exerciseId, code, version, nudge, minMs, enabled]);
  return { script, refresh: () => setNudge((n) => n + 1) };
}
