// What the exercise server keeps about exercises beyond the event log: the exercise row (status,
// speed, sim time, mode, the scenario text it was created from), its join codes, snapshots and
// uploaded scenarios. Appends that also move the exercise clock are one transaction, so the row
// never claims a sim time whose events are not stored.
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DomainEvent } from '../../shared/events.ts';
import { createEventStore, type EventStore } from './event-store.ts';

export type StoredRole = 'controller' | 'commander' | 'observer';

export interface ExerciseRecord {
  id: string;
  name: string;
  scenarioId: string;
  scenarioSource: string;
  regionId: string;
  seed: number;
  mode: string;
  status: string;
  speed: number;
  simTime: number;
  isDemo: boolean;
  createdAt: string;
  /** A live fork: the exercise it was made from (stored, migration 0006) and the sim ms it parts at (unknown for forks made before). */
  forkOf?: string;
  forkAt?: number;
}

export interface JoinCodeRecord {
  code: string;
  exerciseId: string;
  role: StoredRole;
  jurisdictionId: string | null;
}

export interface SnapshotRecord {
  seq: number;
  simTime: number;
  state: string;
  digest: string | null;
}

export interface ParticipantSession {
  id: string;
  exerciseId: string;
  role: StoredRole;
  name: string;
  joinedAt: string;
  leftAt: string | null;
}

/** A command's id and what it was answered, stored with its events. */
export interface CommandOutcome { commandId: string; result: unknown }

export interface StoredScenario {
  id: string;
  name: string;
  regionId: string | null;
  source: string;
  uploadedAt: string | null;
}

interface ExerciseRow {
  id: string; name: string; scenario_id: string; scenario_source: string | null; region_id: string; seed: number; mode: string;
  status: string; speed: number; sim_time: number; is_demo: number; created_at: string; fork_of: string | null; fork_at: number | null;
}

const toRecord = (r: ExerciseRow): ExerciseRecord => ({
  id: r.id, name: r.name, scenarioId: r.scenario_id, scenarioSource: r.scenario_source ?? '', regionId: r.region_id, seed: r.seed,
  mode: r.mode, status: r.status, speed: r.speed, simTime: r.sim_time, isDemo: r.is_demo === 1, createdAt: r.created_at,
  ...(r.fork_of ? { forkOf: r.fork_of } : {}), ...(typeof r.fork_at === 'number' ? { forkAt: r.fork_at } : {}),
});

/** What a new exercise row holds; a live fork also names its origin and starts with its clock set (paused at T). */
export interface NewExercise {
  prefix: string; name: string; scenarioId: string; scenarioSource: string; regionId: string; seed: number; mode: string; speed: number; isDemo: boolean;
  fork?: { of: string; at: number; status: string; simTime: number };
}

/** How a join code is kept: its SHA-256 (the code itself is never stored). */
export const hashJoinCode = (code: string): string => `sha256:${createHash('sha256').update(code).digest('hex')}`;

export function createExerciseStore(db: Database.Database) {
  const events: EventStore = createEventStore(db);
  const now = (): string => new Date().toISOString();
  const getStmt = db.prepare('SELECT * FROM exercises WHERE id = ?');
  const listStmt = db.prepare('SELECT * FROM exercises ORDER BY created_at, id');
  const detailsStmt = db.prepare('UPDATE exercises SET name = ?, scenario_source = ?, speed = ?, is_demo = ?, updated_at = ? WHERE id = ?');
  const clockStmt = db.prepare('UPDATE exercises SET status = ?, speed = ?, sim_time = ?, updated_at = ? WHERE id = ?');
  const simTimeStmt = db.prepare('UPDATE exercises SET sim_time = ?, updated_at = ? WHERE id = ?');
  const insertCode = db.prepare('INSERT INTO join_codes (code, exercise_id, role, jurisdiction_id, created_at) VALUES (?, ?, ?, ?, ?)');
  const codeStmt = db.prepare('SELECT code, exercise_id AS exerciseId, role, jurisdiction_id AS jurisdictionId FROM join_codes WHERE code = ?');
  const codesOfStmt = db.prepare('SELECT code, exercise_id AS exerciseId, role, jurisdiction_id AS jurisdictionId FROM join_codes WHERE exercise_id = ? ORDER BY created_at, rowid');
  const insertSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots (exercise_id, seq, sim_time, state, digest) VALUES (?, ?, ?, ?, ?)');
  const latestSnapshot = db.prepare('SELECT seq, sim_time AS simTime, state, digest FROM snapshots WHERE exercise_id = ? ORDER BY seq DESC, sim_time DESC LIMIT 1');
  const snapshotBefore = db.prepare('SELECT seq, sim_time AS simTime, state, digest FROM snapshots WHERE exercise_id = ? AND seq < ? ORDER BY seq DESC, sim_time DESC LIMIT 1');
  const insertScenario = db.prepare('INSERT OR REPLACE INTO scenarios (id, name, source, region_id, uploaded_at) VALUES (?, ?, ?, ?, ?)');
  const scenarioStmt = db.prepare('SELECT id, name, region_id AS regionId, source, uploaded_at AS uploadedAt FROM scenarios WHERE id = ?');
  const scenariosStmt = db.prepare('SELECT id, name, region_id AS regionId, source, uploaded_at AS uploadedAt FROM scenarios ORDER BY id');

  const forkStmt = db.prepare('UPDATE exercises SET fork_of = ?, fork_at = ?, status = ?, sim_time = ? WHERE id = ?');
  const createTx = db.transaction((
    x: NewExercise,
    codes: readonly { code: string | ((id: string) => string); role: StoredRole; jurisdictionId?: string }[],
    first: readonly DomainEvent[],
  ): string => {
    const id = events.createNumberedExercise(x.prefix, { scenarioId: x.scenarioId, regionId: x.regionId, seed: x.seed, mode: x.mode, status: 'created' });
    detailsStmt.run(x.name, x.scenarioSource, x.speed, x.isDemo ? 1 : 0, now(), id);
    for (const c of codes) insertCode.run(hashJoinCode(typeof c.code === 'function' ? c.code(id) : c.code), id, c.role, c.jurisdictionId ?? null, now());
    events.append(id, first);
    if (x.fork && forkStmt.run(x.fork.of, x.fork.at, x.fork.status, x.fork.simTime, id).changes !== 1) throw new Error(`no exercise ${id} in this database`);
    return id;
  });

  const secretStmt = db.prepare('SELECT value FROM server_settings WHERE key = ?');
  const insertSecret = db.prepare('INSERT OR IGNORE INTO server_settings (key, value) VALUES (?, ?)');
  const insertResult = db.prepare('INSERT INTO command_results (exercise_id, command_id, seq, result) VALUES (?, ?, ?, ?)');
  const resultStmt = db.prepare('SELECT result FROM command_results WHERE exercise_id = ? AND command_id = ?');

  const appendTx = db.transaction((id: string, batch: readonly DomainEvent[], simTime: number, outcome?: CommandOutcome) => {
    events.append(id, batch);
    if (simTimeStmt.run(simTime, now(), id).changes !== 1) throw new Error(`no exercise ${id} in this database`);
    if (outcome) insertResult.run(id, outcome.commandId, batch.at(-1)?.seq ?? 0, JSON.stringify(outcome.result));
  });

  const clockTx = db.transaction((id: string, batch: readonly DomainEvent[], c: { status: string; speed: number; simTime: number }) => {
    events.append(id, batch);
    if (clockStmt.run(c.status, c.speed, c.simTime, now(), id).changes !== 1) throw new Error(`no exercise ${id} in this database`);
  });

  const insertSession = db.prepare('INSERT INTO participant_sessions (id, exercise_id, role, name, joined_at) VALUES (?, ?, ?, ?, ?)');
  const leaveSession = db.prepare('UPDATE participant_sessions SET left_at = ? WHERE id = ? AND left_at IS NULL');
  const closeOpenSessions = db.prepare('UPDATE participant_sessions SET left_at = ? WHERE left_at IS NULL');
  const sessionsOf = db.prepare(
    'SELECT id, exercise_id AS exerciseId, role, name, joined_at AS joinedAt, left_at AS leftAt FROM participant_sessions WHERE exercise_id = ? ORDER BY joined_at, rowid',
  );

  return {
    events,
    /**
     * Creates the exercise, its join codes and its first events (SIMULATION_STARTED…; a fork's whole
     * shared history) and, for a fork, its origin and clock, in one immediate transaction: all or
     * nothing. Returns the id `<prefix>-<n>`.
     */
    create: (
      x: NewExercise,
      /** A code, or how to make it from the new exercise's id (derived codes). */
      codes: readonly { code: string | ((id: string) => string); role: StoredRole; jurisdictionId?: string }[],
      first: readonly DomainEvent[],
    ): string => createTx.immediate(x, codes, first),
    get: (id: string): ExerciseRecord | undefined => {
      const r = getStmt.get(id) as ExerciseRow | undefined;
      return r ? toRecord(r) : undefined;
    },
    list: (): ExerciseRecord[] => (listStmt.all() as ExerciseRow[]).map(toRecord),
    /**
     * Stores a batch of events and moves the exercise's sim time with it (and, for a command with a
     * client-made id, its result), all or nothing.
     */
    append: (id: string, batch: readonly DomainEvent[], simTime: number, outcome?: CommandOutcome): void => appendTx(id, batch, simTime, outcome),
    /** The stored result of the command with this id, if it was applied (or refused) before. */
    commandResult: (id: string, commandId: string): unknown => {
      const row = resultStmt.get(id, commandId) as { result: string } | undefined;
      return row ? JSON.parse(row.result) : undefined;
    },
    /** Stores a batch (may be empty) and the new status / speed / sim time, all or nothing. */
    setClock: (id: string, batch: readonly DomainEvent[], c: { status: string; speed: number; simTime: number }): void => clockTx(id, batch, c),
    addCode: (c: { code: string; exerciseId: string; role: StoredRole; jurisdictionId?: string }): void => {
      insertCode.run(hashJoinCode(c.code), c.exerciseId, c.role, c.jurisdictionId ?? null, now());
    },
    /** The code's row (by its hash; a plain row from before hashing is still found). */
    findCode: (code: string): JoinCodeRecord | undefined =>
      (codeStmt.get(hashJoinCode(code)) ?? codeStmt.get(code)) as JoinCodeRecord | undefined,
    /** A secret of this database (made on first use), e.g. to derive the demo's join codes. */
    serverSecret: (name: string): string => {
      const row = secretStmt.get(name) as { value: string } | undefined;
      if (row) return row.value;
      const value = randomBytes(32).toString('hex');
      insertSecret.run(name, value);
      return (secretStmt.get(name) as { value: string }).value;
    },
    codesOf: (exerciseId: string): JoinCodeRecord[] => codesOfStmt.all(exerciseId) as JoinCodeRecord[],
    saveSnapshot: (id: string, s: SnapshotRecord): void => {
      insertSnapshot.run(id, s.seq, s.simTime, s.state, s.digest);
    },
    latestSnapshot: (id: string): SnapshotRecord | undefined => latestSnapshot.get(id) as SnapshotRecord | undefined,
    /** The newest snapshot taken before event `seq` (the one to fall back on when a later one cannot be used). */
    snapshotBefore: (id: string, seq: number): SnapshotRecord | undefined => snapshotBefore.get(id, seq) as SnapshotRecord | undefined,
    saveScenario: (s: { id: string; name: string; regionId: string; source: string }): void => {
      insertScenario.run(s.id, s.name, s.source, s.regionId, now());
    },
    getScenario: (id: string): StoredScenario | undefined => scenarioStmt.get(id) as StoredScenario | undefined,
    listScenarios: (): StoredScenario[] => scenariosStmt.all() as StoredScenario[],
    /** A participant joined (one row per socket session). */
    recordJoin: (p: { id: string; exerciseId: string; role: StoredRole; name: string }): void => {
      insertSession.run(p.id, p.exerciseId, p.role, p.name, now());
    },
    recordLeave: (sessionId: string): void => {
      leaveSession.run(now(), sessionId);
    },
    /** At start-up nobody is connected: sessions left open by a crash end at the restart. */
    closeOpenSessions: (): void => {
      closeOpenSessions.run(now());
    },
    sessionsOf: (exerciseId: string): ParticipantSession[] => sessionsOf.all(exerciseId) as ParticipantSession[],
    /**
     * Runs `write` failing at once (SQLITE_BUSY) instead of waiting for another connection's lock:
     * for retries while storage is down, so many paused exercises retrying do not stall the server.
     */
    withoutWaiting: <T>(write: () => T): T => {
      const waitMs = db.pragma('busy_timeout', { simple: true }) as number;
      db.pragma('busy_timeout = 0');
      try {
        return write();
      } finally {
        db.pragma(`busy_timeout = ${waitMs}`);
      }
    },
  };
}
export type ExerciseStore = ReturnType<typeof createExerciseStore>;
