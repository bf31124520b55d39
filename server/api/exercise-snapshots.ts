// Engine snapshots of a live exercise, for a fast resume: one at every pause, stop and end, and while
// running one every so many events or wall ms, so a crash replays only what followed the last one.
// Only an optimisation: the log is complete without them (fast-rebuild.ts falls back to it).
import { performance } from 'node:perf_hooks';
import type { BoardState } from '../../shared/board-state.ts';
import type { Engine } from '../engine/types.ts';
import type { EngineSnapshot } from '../engine/snapshot.ts';
import type { ExerciseStore } from '../store/exercise-store.ts';
import { timed } from './loop-work.ts';

/** What a stored snapshot's `state` holds (older snapshots hold only the board). */
export interface SavedState { board: BoardState; engine?: EngineSnapshot }

export interface SnapshotPolicy {
  /** While running, a snapshot after this many new events… */
  snapshotEvents?: number;
  /** …or after this many wall ms with new events, whichever comes first. */
  snapshotWallMs?: number;
}

export class ExerciseSnapshots {
  /** Seq and wall time of the last stored snapshot (periodic snapshots count from there). */
  private seq: number;
  private wall = performance.now();

  constructor(
    private readonly exerciseId: string,
    private readonly store: ExerciseStore,
    private readonly policy: SnapshotPolicy,
    private readonly log: (line: string) => void,
    seq: number,
  ) {
    this.seq = seq;
  }

  /** The board and the engine's whole state at the last stored event `seq`. */
  save(engine: Engine, board: BoardState, seq: number): void {
    const snap = timed('snapshot.state', () => engine.snapshot()); // holds the state digest (computed once: it hashes the whole state)
    const state: SavedState = { board, engine: snap };
    const json = timed('snapshot.json', () => JSON.stringify(state));
    timed('snapshot.write', () => this.store.saveSnapshot(this.exerciseId, { seq, simTime: engine.now, state: json, digest: snap.digest }));
    this.seq = seq;
    this.wall = performance.now();
  }

  /** A snapshot when enough events or wall time have passed since the last one; a failure is logged, not thrown. */
  maybeSave(engine: Engine, board: BoardState, seq: number): void {
    if (seq === this.seq) return;
    const { snapshotEvents = Infinity, snapshotWallMs = Infinity } = this.policy;
    if (seq - this.seq < snapshotEvents && performance.now() - this.wall < snapshotWallMs) return;
    try {
      this.save(engine, board, seq);
    } catch (err) {
      // Try again after the next interval.
      this.seq = seq;
      this.wall = performance.now();
      this.log(`exercise ${this.exerciseId}: could not store a snapshot (${err instanceof Error ? err.message : String(err)})`);
    }
  }
}
