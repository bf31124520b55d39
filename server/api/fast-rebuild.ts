// Rebuilding a live exercise's engine after a restart (or a failed command): from the latest usable
// snapshot plus the log after it, checked like a whole replay (the snapshot's digest, then the events
// after it byte for byte); from the whole log when there is no usable snapshot (none, an older
// format, or anything that does not match).
import { createHash } from 'node:crypto';
import type { DomainEvent } from '../../shared/events.ts';
import type { Engine, EngineConfig } from '../engine/types.ts';
import { replayFromSnapshot } from '../engine/replay.ts';
import type { ExerciseStore } from '../store/exercise-store.ts';
import { createLogHasher } from '../metrics/log-hash.ts';
import { rebuildFromLog } from './exercise-engine.ts';
import type { SavedState } from './exercise-snapshots.ts';

export interface RebuildDeps {
  exerciseId: string;
  store: ExerciseStore;
  config: EngineConfig;
  log: (line: string) => void;
}

/**
 * The engine at the end of `log`, its clock at `until`, or at the snapshot's sim time when that is
 * later (a snapshot taken after the last stored event). `extra`: events the replay produced past the
 * stored log (happenings a crash pre-empted) for the caller to store.
 */
export function rebuildFast(deps: RebuildDeps, log: readonly DomainEvent[], until: number): { engine: Engine; extra: DomainEvent[] } {
  const { exerciseId, store, config } = deps;
  let row;
  try {
    row = store.latestSnapshot(exerciseId);
  } catch (err) {
    deps.log(`exercise ${exerciseId}: snapshots not readable (${err instanceof Error ? err.message : String(err)}); replaying the whole log`);
    return rebuildFromLog(config, log, until);
  }
  const lastSeq = log.at(-1)?.seq ?? 0;
  if (!row?.digest || row.seq > lastSeq) return rebuildFromLog(config, log, until);
  try {
    const saved = JSON.parse(row.state) as Partial<SavedState>;
    const snap = saved.engine;
    if (!snap) return rebuildFromLog(config, log, until); // a board-only snapshot from before engine snapshots
    if (snap.seq !== row.seq) throw new Error(`its engine state is at seq ${snap.seq}`);
    if (createHash('sha256').update(snap.digest).digest('hex') !== row.digest) throw new Error('its engine state does not match its digest');
    const tail = log.filter((e) => e.seq > row.seq);
    // Taken after the last stored event (a driver tick with nothing new): nothing happened between
    // that event and the snapshot, so the exercise resumes where the snapshot stands.
    if (snap.now > until && tail.length > 0) throw new Error(`it was taken at sim time ${snap.now}, after the next stored event`);
    const { engine, events } = replayFromSnapshot(config, snap, tail, Math.max(until, snap.now));
    if (events.length < tail.length) throw new Error(`replaying after it gave ${events.length} events, the log holds ${tail.length}`);
    const a = createLogHasher();
    const b = createLogHasher();
    for (const e of tail) a.add(e);
    for (let i = 0; i < tail.length; i++) b.add(events[i]!);
    if (a.hex() !== b.hex()) throw new Error('replaying after it gave different events than the log holds');
    deps.log(`exercise ${exerciseId}: resumed from the snapshot at seq ${row.seq}, replayed ${tail.length} stored events`);
    return { engine, extra: events.slice(tail.length) };
  } catch (err) {
    deps.log(`exercise ${exerciseId}: snapshot at seq ${row.seq} not used (${err instanceof Error ? err.message : String(err)}); replaying the whole log`);
    return rebuildFromLog(config, log, until);
  }
}
