// One live exercise on the server: the engine, the real-time driver (wall time → sim time at the
// exercise speed; the engine itself stays pure), the board fold every client's snapshot comes from,
// and the outbox of stored events broadcast as coalesced deltas at a fixed rate. Every event is in
// SQLite before anyone sees it, and a command is acknowledged only after its events are stored.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Actor, Command, CommandResult } from '../../shared/commands.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { BoardDelta, BoardSnapshot, ClockState, ExerciseStatus, JoinRole } from '../../shared/live.ts';
import { MAX_SPEED, MIN_SPEED } from '../../shared/live.ts';
import { applyEvent, createBoardState, type BoardState } from '../../shared/board-state.ts';
import type { Recommendation } from '../../shared/recommendation.ts';
import type { Engine, EngineConfig, PendingInject, UnitEta, World } from '../engine/types.ts';
import type { ExerciseRecord, ExerciseStore } from '../store/exercise-store.ts';
import { createRunSummary, type RunSummary, type RunSummaryFold } from '../metrics/summary.ts';
import { ApiError } from './errors.ts';
import { eventsFor } from './redact.ts';
import { rebuildFromLog, stateDigest } from './exercise-engine.ts';
import { replayFromSnapshot } from '../engine/replay.ts';
import type { EngineSnapshot } from '../engine/snapshot.ts';
import { createLogHasher } from '../metrics/log-hash.ts';

export interface HostTiming {
  /** Wall ms between driver ticks (engine advanced to the wall-mapped sim time). */
  tickMs: number;
  /** Wall ms between delta broadcasts (coalescing window). */
  flushMs: number;
  /** Wall ms between clock heartbeats. */
  heartbeatMs: number;
  /** Recent events kept in memory for catch-up. */
  ringSize: number;
  /** A client further behind than this many events gets a fresh snapshot instead of deltas. */
  catchUpMax: number;
  /** While running, an engine snapshot (fast resume) is stored after this many new events… */
  snapshotEvents?: number;
  /** …or after this many wall ms with new events, whichever comes first. */
  snapshotWallMs?: number;
}

export const DEFAULT_TIMING: HostTiming = { tickMs: 100, flushMs: 150, heartbeatMs: 1000, ringSize: 20_000, catchUpMax: 20_000, snapshotEvents: 2_000, snapshotWallMs: 60_000 };

/** Where deltas and clocks go: a socket.io server (or anything with rooms). */
export interface Broadcaster {
  to(room: string): { emit(event: string, payload: unknown): void };
}

export const roomOf = (exerciseId: string, group?: 'controller' | 'player'): string => (group ? `${exerciseId}:${group}` : exerciseId);
export const groupOf = (role: JoinRole): 'controller' | 'player' => (role === 'controller' ? 'controller' : 'player');

/** The last point whose exact engine state the server knows: after a command, at a pause, after recovery. */
export interface Checkpoint { seq: number; simTime: number; digest: string }

const LIVE: ReadonlySet<ExerciseStatus> = new Set(['created', 'running', 'paused']);

export interface HostDeps {
  record: ExerciseRecord;
  world: World;
  config: EngineConfig;
  store: ExerciseStore;
  out: Broadcaster;
  timing: HostTiming;
  log: (line: string) => void;
  /** Called when the exercise stops by itself (end of the scenario) or fails. */
  onStatus?: (status: ExerciseStatus) => void;
}

export class ExerciseHost {
  readonly id: string;
  readonly record: ExerciseRecord;
  readonly world: World;
  readonly endsAt: number;
  readonly startIso: string;
  status: ExerciseStatus;
  speed: number;
  checkpoint: Checkpoint | undefined;
  private engine: Engine | undefined;
  private readonly board: BoardState;
  private readonly summary: RunSummaryFold;
  private ring: DomainEvent[] = [];
  private pending: DomainEvent[] = [];
  private lastSeq = 0;
  private flushedSeq = 0;
  private anchor = { wall: 0, sim: 0 };
  private pausedAt = 0;
  private timers: NodeJS.Timeout[] = [];
  /** Seq and wall time of the last stored snapshot (periodic snapshots count from there). */
  private snapSeq = 0;
  private snapWall = performance.now();

  private constructor(private readonly deps: HostDeps, engine: Engine | undefined, log: readonly DomainEvent[], simTime: number) {
    const { record, world, config } = deps;
    this.id = record.id;
    this.record = record;
    this.world = world;
    this.endsAt = config.scenario.duration;
    this.startIso = config.scenario.start;
    this.engine = engine;
    this.status = record.status as ExerciseStatus;
    this.speed = record.speed;
    this.pausedAt = simTime;
    const units = world.region.stations.flatMap((s) => s.units.map((u) => ({ id: u.id, stationId: s.id, type: u.type, home: s.location })));
    this.board = createBoardState(units, config.scenario.mode);
    this.summary = createRunSummary(world);
    for (const e of log) this.fold(e);
    this.flushedSeq = this.lastSeq;
    this.snapSeq = this.lastSeq;
    if (engine) this.checkpoint = { seq: this.lastSeq, simTime: engine.now, digest: stateDigest(engine) };
  }

  /** A new exercise whose first events are already stored. */
  static created(deps: HostDeps, engine: Engine, first: readonly DomainEvent[]): ExerciseHost {
    const host = new ExerciseHost(deps, engine, first, engine.now);
    host.startTimers();
    return host;
  }

  /**
   * An exercise rebuilt from its stored log. A live one gets its engine back by replay (checked
   * against the log) and is left paused: where it was paused, or at its last stored event.
   */
  static fromLog(deps: HostDeps): ExerciseHost {
    const { record, store } = deps;
    const log = store.events.read(record.id);
    if (!LIVE.has(record.status as ExerciseStatus)) return new ExerciseHost(deps, undefined, log, record.simTime);
    const lastT = log.at(-1)?.t ?? 0;
    const until = record.status === 'paused' ? Math.max(record.simTime, lastT) : lastT;
    const { engine, extra } = rebuildFast(deps, log, until);
    const status: ExerciseStatus = record.status === 'created' ? 'created' : 'paused';
    store.setClock(record.id, extra, { status, speed: record.speed, simTime: engine.now });
    const host = new ExerciseHost({ ...deps, record: { ...record, status } }, engine, [...log, ...extra], engine.now);
    const snap = store.latestSnapshot(record.id);
    if (snap?.digest && snap.seq === host.lastSeq && snap.simTime === engine.now && snap.digest !== host.checkpoint?.digest) {
      deps.log(`exercise ${record.id}: the replayed state differs from the snapshot taken at seq ${snap.seq}`);
    }
    host.startTimers();
    return host;
  }

  get seq(): number { return this.lastSeq; }
  get isLive(): boolean { return LIVE.has(this.status) && this.engine !== undefined; }

  /** Sim time now: wall-mapped while running, else where the clock stands. */
  simNow(): number {
    if (this.status !== 'running') return this.engine?.now ?? this.pausedAt;
    return Math.min(this.endsAt, Math.max(this.engine?.now ?? 0, this.anchor.sim + Math.floor((performance.now() - this.anchor.wall) * this.speed)));
  }

  clock(): ClockState {
    return { status: this.status, simTime: this.simNow(), wallAt: Date.now(), speed: this.speed, endsAt: this.endsAt, startIso: this.startIso };
  }

  snapshot(): BoardSnapshot {
    this.flush(); // the snapshot and the next room delta then continue the same seq chain
    return { exerciseId: this.id, seq: this.lastSeq, board: this.board, clock: this.clock() };
  }

  summaryNow(): RunSummary {
    return this.summary.result(this.simNow());
  }

  /**
   * The scripted injects not fired or skipped yet, in firing order (the controller's timeline; a
   * caller must not hand it to players). None once the exercise is over. Read at the engine's clock:
   * an inject due since the last driver tick (≤ tickMs ago) may still be listed.
   */
  pendingInjects(): PendingInject[] {
    return this.engine && LIVE.has(this.status) ? this.engine.view().injects : [];
  }

  /**
   * The stored events after `fromSeq` up to what was last broadcast, for a client catching up (from
   * memory, or SQLite for older ones); undefined when the client is more than `catchUpMax` events
   * behind or claims a seq the server never sent (it then gets a fresh snapshot).
   */
  catchUp(fromSeq: number, role: JoinRole): BoardDelta | undefined {
    this.flush();
    if (fromSeq > this.flushedSeq || fromSeq < 0) return undefined;
    const firstInRing = this.ring[0]?.seq ?? this.lastSeq + 1;
    let events: DomainEvent[];
    if (this.flushedSeq - fromSeq > this.deps.timing.catchUpMax) return undefined;
    if (fromSeq + 1 >= firstInRing) events = this.ring.slice(fromSeq + 1 - firstInRing);
    else events = this.deps.store.events.read(this.id, fromSeq, this.flushedSeq - fromSeq);
    return { exerciseId: this.id, fromSeq, toSeq: this.flushedSeq, events: eventsFor(role, events), clock: this.clock() };
  }

  // ---- commands ------------------------------------------------------------------------------

  /** Applies a command at the current sim time; resolves after its events are stored. */
  command(command: Command, by: Actor): CommandResult {
    const engine = this.liveEngine('commands');
    const before = engine.advanceTo(this.simNow());
    const { result, events } = engine.apply(command, by);
    this.store([...before, ...events]);
    if (result.ok) this.checkpoint = { seq: this.lastSeq, simTime: engine.now, digest: stateDigest(engine) };
    return result;
  }

  recommend(incidentId: string): Recommendation {
    const engine = this.liveEngine('recommendations');
    this.store(engine.advanceTo(this.simNow()));
    const rec = engine.recommend(incidentId);
    if (!rec) throw new ApiError('not-found', `no incident ${incidentId} in exercise ${this.id}`);
    return rec;
  }

  /** ETAs of chosen units to an incident (the commander adding a unit outside the recommendation). */
  etas(incidentId: string, unitIds: readonly string[]): UnitEta[] {
    const engine = this.liveEngine('recommendations');
    this.store(engine.advanceTo(this.simNow()));
    const etas = engine.etas(incidentId, unitIds);
    if (!etas) throw new ApiError('not-found', `no incident ${incidentId} in exercise ${this.id}`);
    return etas;
  }

  /** The incident's jurisdiction as the board knows it (triaged, or the cell of the call). */
  incidentOf(incidentId: string): { jurisdictionId?: string; location: [number, number] } | undefined {
    const inc = this.board.incidents[incidentId];
    return inc ? { location: inc.location, ...(inc.jurisdictionId ? { jurisdictionId: inc.jurisdictionId } : {}) } : undefined;
  }

  unitOf(unitId: string): { stationId: string; incidentId?: string } | undefined {
    const u = this.board.units[unitId];
    return u ? { stationId: u.stationId, ...(u.incidentId ? { incidentId: u.incidentId } : {}) } : undefined;
  }

  // ---- the clock -----------------------------------------------------------------------------

  start(): void { this.run('start', ['created']); }
  resume(): void { this.run('resume', ['paused']); }

  pause(): void {
    if (this.status !== 'running') throw this.wrongState('pause', ['running']);
    const engine = this.liveEngine('pause');
    const events = engine.advanceTo(this.simNow());
    this.setClock('paused', this.speed, events);
    this.saveSnapshot();
  }

  setSpeed(speed: number): void {
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) throw new ApiError('invalid', `speed ${speed} is out of range (expected ${MIN_SPEED} … ${MAX_SPEED})`);
    const engine = this.liveEngine('speed');
    if (this.status === 'running') {
      const now = this.simNow();
      this.setClock('running', speed, engine.advanceTo(now));
      this.anchor = { wall: performance.now(), sim: now };
    } else this.setClock(this.status, speed, []);
  }

  /** Advances a paused (or not yet started) exercise by `ms`, or to the next scheduled happening. */
  step(ms?: number): void {
    if (this.status !== 'paused' && this.status !== 'created') throw this.wrongState('step', ['paused', 'created']);
    const engine = this.liveEngine('step');
    const target = ms === undefined ? (engine.nextEventAt() ?? this.endsAt) : engine.now + ms;
    const events = engine.advanceTo(Math.min(this.endsAt, target));
    this.setClock('paused', this.speed, events);
    this.endIfOver();
  }

  stop(): void {
    if (!LIVE.has(this.status)) throw this.wrongState('stop', ['created', 'running', 'paused']);
    const engine = this.liveEngine('stop');
    const events = this.status === 'running' ? engine.advanceTo(this.simNow()) : [];
    this.saveSnapshot();
    this.setClock('stopped', this.speed, events);
    this.retire();
  }

  archive(): void {
    if (LIVE.has(this.status)) this.stop();
    this.setClock('archived', this.speed, []);
  }

  /** Stops the timers (server shutting down); the stored state is already complete. */
  close(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  // ---- internals -----------------------------------------------------------------------------

  private run(action: string, from: ExerciseStatus[]): void {
    if (!from.includes(this.status)) throw this.wrongState(action, from);
    const engine = this.liveEngine(action);
    this.setClock('running', this.speed, []);
    this.anchor = { wall: performance.now(), sim: engine.now };
  }

  private wrongState(action: string, from: ExerciseStatus[]): ApiError {
    return new ApiError('not-allowed-in-state', `cannot ${action} exercise ${this.id}: it is ${this.status} (expected ${from.join(' or ')})`, { status: this.status });
  }

  private liveEngine(what: string): Engine {
    if (!this.engine || !LIVE.has(this.status)) {
      throw new ApiError('not-allowed-in-state', `exercise ${this.id} is ${this.status}: no ${what} any more`, { status: this.status });
    }
    return this.engine;
  }

  private fold(e: DomainEvent): void {
    applyEvent(this.board, e);
    this.summary.add(e);
    this.ring.push(e);
    this.lastSeq = e.seq;
  }

  /** Stores events (and the clock position with them), then folds and queues them for the next delta. */
  private store(events: readonly DomainEvent[]): void {
    if (events.length === 0) return;
    try {
      this.deps.store.append(this.id, events, this.engine?.now ?? events.at(-1)!.t);
    } catch (err) {
      this.failStorage(err);
    }
    this.accept(events);
  }

  private accept(events: readonly DomainEvent[]): void {
    for (const e of events) this.fold(e);
    this.pending.push(...events);
    if (this.ring.length > this.deps.timing.ringSize * 1.25) this.ring = this.ring.slice(-this.deps.timing.ringSize);
  }

  private setClock(status: ExerciseStatus, speed: number, events: readonly DomainEvent[]): void {
    const simTime = this.engine?.now ?? this.pausedAt;
    try {
      this.deps.store.setClock(this.id, events, { status, speed, simTime });
    } catch (err) {
      this.failStorage(err);
    }
    this.accept(events);
    this.status = status;
    this.speed = speed;
    this.pausedAt = simTime;
    if (status === 'paused' && this.engine) this.checkpoint = { seq: this.lastSeq, simTime, digest: stateDigest(this.engine) };
    this.flush();
    this.deps.out.to(roomOf(this.id)).emit('clock', this.clock());
    this.deps.onStatus?.(status);
  }

  /**
   * The log could not be written: the engine has moved past what is stored, so it is rebuilt from the
   * log and the exercise is paused; the caller gets a 'storage' error and nothing is acknowledged.
   */
  private failStorage(err: unknown): never {
    const why = err instanceof Error ? err.message : String(err);
    this.deps.log(`exercise ${this.id}: storing events failed (${why}); rebuilding from the stored log, paused`);
    try {
      const log = this.deps.store.events.read(this.id);
      const { engine, extra } = rebuildFromLog(this.deps.config, log, log.at(-1)?.t ?? 0);
      if (extra.length > 0) throw new Error(`the replay runs ${extra.length} events past the stored log`);
      this.engine = engine;
      this.status = 'paused';
      this.pausedAt = engine.now;
    } catch (e) {
      this.deps.log(`exercise ${this.id}: cannot rebuild (${e instanceof Error ? e.message : String(e)}); it stays read-only`);
      this.retire();
      this.status = 'stopped';
    }
    this.deps.out.to(roomOf(this.id)).emit('notice', { level: 'error', message: `the event log could not be written (${why}); the exercise is paused` });
    throw new ApiError('storage', `the events could not be stored (${why}); nothing was acknowledged and the exercise is paused`);
  }

  /** The board and the engine's whole state at the last stored event (see rebuildFast). */
  private saveSnapshot(): void {
    if (!this.engine) return;
    const state: SavedState = { board: this.board, engine: this.engine.snapshot() };
    this.deps.store.saveSnapshot(this.id, { seq: this.lastSeq, simTime: this.engine.now, state: JSON.stringify(state), digest: stateDigest(this.engine) });
    this.snapSeq = this.lastSeq;
    this.snapWall = performance.now();
  }

  /** While running: a snapshot every so many events or wall ms, so a crash replays only what followed. */
  private periodicSnapshot(): void {
    if (this.status !== 'running' || !this.engine || this.lastSeq === this.snapSeq) return;
    const { snapshotEvents = Infinity, snapshotWallMs = Infinity } = this.deps.timing;
    if (this.lastSeq - this.snapSeq < snapshotEvents && performance.now() - this.snapWall < snapshotWallMs) return;
    try {
      this.saveSnapshot();
    } catch (err) {
      // Only an optimisation: the log is complete without it. Try again after the next interval.
      this.snapSeq = this.lastSeq;
      this.snapWall = performance.now();
      this.deps.log(`exercise ${this.id}: could not store a snapshot (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  private retire(): void {
    this.engine = undefined;
  }

  private endIfOver(): void {
    if (this.engine && this.engine.nextEventAt() === undefined && this.engine.now >= this.endsAt && LIVE.has(this.status)) {
      this.deps.log(`exercise ${this.id}: the scenario has ended`);
      this.saveSnapshot();
      this.setClock('stopped', this.speed, []);
      this.retire();
    }
  }

  private tick(): void {
    if (this.status !== 'running' || !this.engine) return;
    try {
      this.store(this.engine.advanceTo(this.simNow()));
      this.endIfOver();
      this.periodicSnapshot();
    } catch (err) {
      if (!(err instanceof ApiError)) this.deps.log(`exercise ${this.id}: driver tick failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }

  /** Broadcasts what was stored since the last delta: full events to controllers, redacted to players. */
  flush(): void {
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    const clock = this.clock();
    const base = { exerciseId: this.id, fromSeq: this.flushedSeq, toSeq: this.lastSeq, clock };
    this.flushedSeq = this.lastSeq;
    this.deps.out.to(roomOf(this.id, 'controller')).emit('delta', { ...base, events } satisfies BoardDelta);
    this.deps.out.to(roomOf(this.id, 'player')).emit('delta', { ...base, events: eventsFor('observer', events) } satisfies BoardDelta);
  }

  private startTimers(): void {
    const { tickMs, flushMs, heartbeatMs } = this.deps.timing;
    this.timers.push(
      setInterval(() => this.tick(), tickMs),
      setInterval(() => this.flush(), flushMs),
      setInterval(() => this.deps.out.to(roomOf(this.id)).emit('clock', this.clock()), heartbeatMs),
    );
  }
}

/** What a stored snapshot's `state` holds (older snapshots hold only the board). */
interface SavedState { board: BoardState; engine?: EngineSnapshot }

/**
 * Rebuilds the engine from the latest snapshot at or before the end of the log and replays only the
 * log after it, checked like a whole replay (the snapshot's digest, then the events after it byte for
 * byte); replays the whole log when there is no usable snapshot (none, an older format, or anything
 * that does not match). The clock stops at `until`, or at the snapshot's sim time when that is later
 * (a snapshot taken after the last stored event).
 */
function rebuildFast(deps: HostDeps, log: readonly DomainEvent[], until: number): { engine: Engine; extra: DomainEvent[] } {
  const { record, store, config } = deps;
  const row = store.latestSnapshot(record.id);
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
    deps.log(`exercise ${record.id}: resumed from the snapshot at seq ${row.seq}, replayed ${tail.length} stored events`);
    return { engine, extra: events.slice(tail.length) };
  } catch (err) {
    deps.log(`exercise ${record.id}: snapshot at seq ${row.seq} not used (${err instanceof Error ? err.message : String(err)}); replaying the whole log`);
    return rebuildFromLog(config, log, until);
  }
}
