// The event log of exercises in SQLite. Appends are one transaction per batch and must continue the
// stored sequence exactly, so a batch is either all stored or not at all, and the log has no gaps.
import type Database from 'better-sqlite3';
import type { DomainEvent } from '../../shared/events.ts';

export interface ExerciseRow {
  id: string;
  scenarioId: string;
  regionId: string;
  seed: number;
  mode: string;
  status: string;
  simTime: number;
}

export class EventSequenceError extends Error {
  override name = 'EventSequenceError';
}

export function createEventStore(db: Database.Database) {
  const insertExercise = db.prepare('INSERT INTO exercises (id, scenario_id, region_id, seed, mode, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertEvent = db.prepare('INSERT INTO events (exercise_id, seq, sim_time, type, payload) VALUES (?, ?, ?, ?, ?)');
  const lastSeqStmt = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events WHERE exercise_id = ?');
  const updateStatus = db.prepare('UPDATE exercises SET status = ?, sim_time = ? WHERE id = ?');
  const readStmt = db.prepare('SELECT seq, sim_time, type, payload FROM events WHERE exercise_id = ? AND seq > ? ORDER BY seq LIMIT ?');
  const listStmt = db.prepare('SELECT id, scenario_id AS scenarioId, region_id AS regionId, seed, mode, status, sim_time AS simTime FROM exercises ORDER BY created_at, id');

  const idsLike = db.prepare("SELECT id FROM exercises WHERE id LIKE ? ESCAPE '\\'");

  const lastSeq = (exerciseId: string): number => (lastSeqStmt.get(exerciseId) as { seq: number }).seq;

  const appendTx = db.transaction((exerciseId: string, events: readonly DomainEvent[]) => {
    let expected = lastSeq(exerciseId) + 1;
    for (const e of events) {
      if (e.seq !== expected) throw new EventSequenceError(`exercise ${exerciseId}: event seq ${e.seq} does not follow the stored log (expected ${expected}); nothing was stored`);
      const { seq, t, type, ...payload } = e;
      insertEvent.run(exerciseId, seq, t, type, JSON.stringify(payload));
      expected++;
    }
  });

  const createExercise = (x: Omit<ExerciseRow, 'simTime'>): void => {
    insertExercise.run(x.id, x.scenarioId, x.regionId, x.seed, x.mode, x.status, new Date().toISOString());
  };

  // Choosing the number and inserting the row in one immediate transaction: two processes sharing the
  // file cannot pick the same id.
  const createNumberedTx = db.transaction((prefix: string, x: Omit<ExerciseRow, 'id' | 'simTime'>): string => {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`;
    const taken = new Set((idsLike.all(pattern) as { id: string }[]).map((r) => r.id));
    let n = 1;
    while (taken.has(`${prefix}-${n}`)) n++;
    const id = `${prefix}-${n}`;
    createExercise({ id, ...x });
    return id;
  });

  return {
    createExercise,
    /** Creates the exercise `<prefix>-<n>` with the smallest free n ≥ 1 and returns its id. */
    createNumberedExercise: (prefix: string, x: Omit<ExerciseRow, 'id' | 'simTime'>): string => createNumberedTx.immediate(prefix, x),
    append(exerciseId: string, events: readonly DomainEvent[]): void {
      if (events.length > 0) appendTx(exerciseId, events);
    },
    setStatus(exerciseId: string, status: string, simTime: number): void {
      if (updateStatus.run(status, simTime, exerciseId).changes !== 1) throw new Error(`no exercise ${exerciseId} in this database`);
    },
    lastSeq,
    /** Events with seq > afterSeq, in order; at most `limit` of them (all when omitted). */
    read(exerciseId: string, afterSeq = 0, limit?: number): DomainEvent[] {
      const rows = readStmt.all(exerciseId, afterSeq, limit ?? -1) as { seq: number; sim_time: number; type: string; payload: string }[];
      // Same key order as the engine emits (type, payload…, seq, t), so the JSON is byte-identical.
      return rows.map((r) => ({ type: r.type, ...JSON.parse(r.payload), seq: r.seq, t: r.sim_time }) as DomainEvent);
    },
    listExercises: (): ExerciseRow[] => listStmt.all() as ExerciseRow[],
  };
}
export type EventStore = ReturnType<typeof createEventStore>;
