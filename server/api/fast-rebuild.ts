// Rebuilding a live exercise's engine after a restart (or a failed command): from the latest usable
// snapshot plus the log after it, checked like a whole replay (the snapshot's digest, then the events
// after it byte for byte). A snapshot that cannot be used (corrupt, an older format, anything that
// does not match) is logged and the one before it is tried, up to MAX_SNAPSHOT_TRIES; then the whole log.
import type { DomainEvent } from '../../shared/events.ts';
import type { Engine, EngineConfig } from '../engine/types.ts';
import { replayFromSnapshot } from '../engine/replay.ts';
import type { ExerciseStore, SnapshotRecord } from '../store/exercise-store.ts';
import { createLogHasher } from '../metrics/log-hash.ts';
import { rebuildFromLog } from './exercise-engine.ts';
import type { SavedState } from './exercise-snapshots.ts';

export interface RebuildDeps {
  exerciseId: string;
  store: ExerciseStore;
  config: EngineConfig;
  log: (line: string) => void;
}

/** Snapshots tried, newest first, before replaying the whole log (each failed try costs a partial replay). */
export const MAX_SNAPSHOT_TRIES = 3;

/**
 * The engine at the end of `log`, its clock at `until`, or at the snapshot's sim time when that is
 * later (a snapshot taken after the last stored event). `extra`: events the replay produced past the
 * stored log (happenings a crash pre-empted) for the caller to store.
 */
export function rebuildFast(deps: RebuildDeps, log: readonly DomainEvent[], until: number): { engine: Engine; extra: DomainEvent[] } {
  const { exerciseId, store, config } = deps;
  const lastSeq = log.at(-1)?.seq ?? 0;
  let row: SnapshotRecord | undefined;
  try {
    row = store.snapshotBefore(exerciseId, lastSeq + 1);
    for (let tries = 0; row && tries < MAX_SNAPSHOT_TRIES; tries++) {
      try {
        return fromSnapshot(deps, row, log, until);
      } catch (err) {
        deps.log(`exercise ${exerciseId}: snapshot at seq ${row.seq} not used (${err instanceof Error ? err.message : String(err)}); trying the one before it`);
      }
      row = store.snapshotBefore(exerciseId, row.seq);
    }
  } catch (err) {
    deps.log(`exercise ${exerciseId}: snapshots not readable (${err instanceof Error ? err.message : String(err)})`);
  }
  if (row) deps.log(`exercise ${exerciseId}: ${MAX_SNAPSHOT_TRIES} snapshots tried; replaying the whole log`);
  return rebuildFromLog(config, log, until);
}

/** The engine from one snapshot and the log after it; throws when the snapshot cannot be used. */
function fromSnapshot(deps: RebuildDeps, row: SnapshotRecord, log: readonly DomainEvent[], until: number): { engine: Engine; extra: DomainEvent[] } {
  if (!row.digest) throw new Error('it has no digest (an older format)');
  const saved = JSON.parse(row.state) as Partial<SavedState>;
  const snap = saved.engine;
  if (!snap) throw new Error('it holds the board only (from before engine snapshots)');
  if (snap.seq !== row.seq) throw new Error(`its engine state is at seq ${snap.seq}`);
  if (snap.digest !== row.digest) throw new Error('its engine state does not match its digest');
  const tail = log.filter((e) => e.seq > row.seq);
  // Taken after the last stored event (a driver tick with nothing new): nothing happened between
  // that event and the snapshot, so the exercise resumes where the snapshot stands.
  if (snap.now > until && tail.length > 0) throw new Error(`it was taken at sim time ${snap.now}, after the next stored event`);
  const { engine, events } = replayFromSnapshot(deps.config, snap, tail, Math.max(until, snap.now));
  if (events.length < tail.length) throw new Error(`replaying after it gave ${events.length} events, the log holds ${tail.length}`);
  const a = createLogHasher();
  const b = createLogHasher();
  a.addAll(tail);
  b.addAll(events.length === tail.length ? events : events.slice(0, tail.length));
  if (a.hex() !== b.hex()) throw new Error('replaying after it gave different events than the log holds');
  deps.log(`exercise ${deps.exerciseId}: resumed from the snapshot at seq ${row.seq}, replayed ${tail.length} stored events`);
  return { engine, extra: events.slice(tail.length) };
}
