// One live exercise on the server: its engine, the commands and clock controls it takes, and the
// rule that ties them to storage: every event is in SQLite before anyone sees it, a command is
// acknowledged only after its events are stored, and a command either applies whole or changes
// nothing. The parts live beside it: the wall → sim clock (exercise-clock.ts), the board and metric
// folds (exercise-folds.ts), deltas and catch-up (event-outbox.ts), snapshots (exercise-snapshots.ts)
// and the rebuild after a restart (fast-rebuild.ts).
import { performance } from 'node:perf_hooks';
import type { Actor, Command, CommandResult } from '../../shared/commands.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { BoardDelta, BoardSnapshot, ClockState, ExerciseStatus, JoinRole } from '../../shared/live.ts';
import { MAX_SPEED, MIN_SPEED } from '../../shared/live.ts';
import type { Mode } from '../../shared/schemas/scenario.ts';
import type { Recommendation } from '../../shared/recommendation.ts';
import type { Engine, EngineConfig, PendingInject, ScriptEntryView, UnitEta, World } from '../engine/types.ts';
import type { CommandOutcome, ExerciseRecord, ExerciseStore } from '../store/exercise-store.ts';
import type { RunSummary } from '../metrics/summary.ts';
import { ApiError } from './errors.ts';
import { stateDigest } from './exercise-engine.ts';
import { ExerciseClock, LIVE_STATUSES } from './exercise-clock.ts';
import { ExerciseFolds } from './exercise-folds.ts';
import { EventOutbox } from './event-outbox.ts';
import { ExerciseSnapshots, type SnapshotPolicy } from './exercise-snapshots.ts';
import { rebuildFast } from './fast-rebuild.ts';
import { describeStorageError } from '../store/storage-error.ts';
import { StorageUnavailableError, type LiveStorage } from '../store/live-storage.ts';
import { audienceOf, roomOf, type Broadcaster } from './exercise-rooms.ts';
import { timed } from './loop-work.ts';

export { roomOf, audienceOf, type Broadcaster } from './exercise-rooms.ts';

export interface HostTiming extends SnapshotPolicy {
  /**
   * Longest wall ms between driver ticks (the engine advanced to the wall-mapped sim time); a tick
   * comes sooner when the engine has something due, at the wall moment it is due.
   */
  tickMs: number;
  /**
   * Coalescing window of deltas: events stored outside a tick (a command's) go out at most this many
   * wall ms later, together with whatever else was stored meanwhile. A tick's events go out at once.
   */
  flushMs: number;
  /** Wall ms between clock heartbeats (the sim time is stored with each while running). */
  heartbeatMs: number;
  /** Recent events kept in memory for catch-up. */
  ringSize: number;
  /** A client further behind than this many events gets a fresh snapshot instead of deltas. */
  catchUpMax: number;
  /** Commands one participant may give: a burst of this many… */
  commandBurst?: number;
  /** …refilled at this many per wall second. */
  commandsPerSecond?: number;
}

export const DEFAULT_TIMING: HostTiming = { tickMs: 100, flushMs: 25, heartbeatMs: 1000, ringSize: 2_000, catchUpMax: 5_000, snapshotEvents: 2_000, snapshotWallMs: 60_000, commandBurst: 20, commandsPerSecond: 5 };

/** Happenings due closer together than this (wall ms) share a driver tick. */
const MIN_TICK_GAP_MS = 10;

/** Batches written that an exercise keeps in memory, to write again if storage loses them (writeAgain). */
const WRITES_KEPT = 500;

/** The last point whose exact engine state the server knows: after a command, at a pause, after recovery. */
export interface Checkpoint { seq: number; simTime: number; digest: string }

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
  /** The database file shared by every exercise, which can be let go and taken back (live-storage.ts). */
  storage?: Pick<LiveStorage, 'released' | 'fileSystemReadOnly' | 'release' | 'reopen'>;
}

/** Checks a command once the engine stands at the time it applies (e.g. a commander's jurisdiction). */
export type CommandCheck = (command: Command) => void;

export class ExerciseHost {
  readonly id: string;
  readonly record: ExerciseRecord;
  readonly world: World;
  checkpoint: Checkpoint | undefined;
  private engine: Engine | undefined;
  private readonly clockOf: ExerciseClock;
  private readonly folds: ExerciseFolds;
  private readonly outbox: EventOutbox;
  private readonly snapshots: ExerciseSnapshots;
  private timers: NodeJS.Timeout[] = [];
  /** The next driver tick, and the next coalesced delta (when events wait for one). */
  private nextTick: NodeJS.Timeout | undefined;
  private flushDue: NodeJS.Timeout | undefined;
  private closed = false;
  /** Wall ms (performance.now) of the last write that stored the sim time (a batch or a beat). */
  private storedAt = -Infinity;
  /** Each participant's command budget (token bucket): tokens left and when it was last refilled. */
  private readonly budgets = new Map<string, { tokens: number; at: number }>();
  /** Set while the log cannot be written: the exercise is paused until a write succeeds again. */
  private storageDown: { wasRunning: boolean; unstored: DomainEvent[]; rebuild?: boolean; missing?: boolean } | undefined;
  /**
   * The last batches written (events, sim time, a command's outcome), to write again when the
   * database comes back without them: a file system that failed (ext4 aborting its journal) can
   * lose writes it had already reported durable.
   */
  private readonly written: { events: readonly DomainEvent[]; simTime: number; outcome?: CommandOutcome }[] = [];

  private constructor(private readonly deps: HostDeps, engine: Engine | undefined, log: readonly DomainEvent[], simTime: number) {
    const { record, world, config } = deps;
    this.id = record.id;
    this.record = record;
    this.world = world;
    this.engine = engine;
    this.clockOf = new ExerciseClock(record.status as ExerciseStatus, record.speed, simTime, config.scenario.duration, config.scenario.start);
    this.folds = new ExerciseFolds(world, config.scenario.mode as Mode);
    for (const e of log) this.folds.fold(e);
    this.outbox = new EventOutbox(record.id, deps.out, deps.timing, (after, limit) => deps.store.events.read(record.id, after, limit), log);
    this.snapshots = new ExerciseSnapshots(record.id, deps.store, deps.timing, deps.log, this.folds.seq);
    if (engine) this.checkpoint = { seq: this.folds.seq, simTime: engine.now, digest: stateDigest(engine) };
  }

  /** A new exercise whose first events are already stored. */
  static created(deps: HostDeps, engine: Engine, first: readonly DomainEvent[]): ExerciseHost {
    const host = new ExerciseHost(deps, engine, first, engine.now);
    host.startTimers();
    return host;
  }

  /**
   * An exercise rebuilt from its stored log. A live one gets its engine back by replay (checked
   * against the log) and is left paused where its clock last stood (the sim time is stored with
   * every event batch and every heartbeat, so the clock does not go back).
   */
  static fromLog(deps: HostDeps): ExerciseHost {
    const { record, store } = deps;
    const log = store.events.read(record.id);
    if (!LIVE_STATUSES.has(record.status as ExerciseStatus)) return new ExerciseHost(deps, undefined, log, record.simTime);
    const lastT = log.at(-1)?.t ?? 0;
    const until = Math.min(deps.config.scenario.duration, Math.max(record.simTime, lastT));
    const { engine, extra } = rebuildFast({ exerciseId: record.id, store, config: deps.config, log: deps.log }, log, until);
    const status: ExerciseStatus = record.status === 'created' ? 'created' : 'paused';
    store.setClock(record.id, extra, { status, speed: record.speed, simTime: engine.now });
    const host = new ExerciseHost({ ...deps, record: { ...record, status } }, engine, [...log, ...extra], engine.now);
    const snap = store.latestSnapshot(record.id);
    if (snap?.digest && snap.seq === host.seq && snap.simTime === engine.now && snap.digest !== host.checkpoint?.digest) {
      deps.log(`exercise ${record.id}: the replayed state differs from the snapshot taken at seq ${snap.seq}`);
    }
    host.startTimers();
    return host;
  }

  get seq(): number { return this.folds.seq; }
  get status(): ExerciseStatus { return this.clockOf.status; }
  get speed(): number { return this.clockOf.speed; }
  get endsAt(): number { return this.clockOf.endsAt; }
  get startIso(): string { return this.clockOf.startIso; }
  get isLive(): boolean { return this.clockOf.isLive && this.engine !== undefined; }

  /** Sim time now: wall-mapped while running, else where the clock stands. */
  simNow(): number {
    return this.clockOf.simNow(this.engine?.now);
  }

  clock(): ClockState {
    return this.clockOf.state(this.engine?.now);
  }

  /** The board as `role` may see it; the next room delta continues the same seq chain. */
  snapshot(role: JoinRole): BoardSnapshot {
    this.flush();
    return { exerciseId: this.id, seq: this.seq, board: this.folds.board(audienceOf(role)), clock: this.clock() };
  }

  summaryNow(): RunSummary {
    return this.folds.summary.result(this.simNow());
  }

  /**
   * The scripted injects not fired or skipped yet, in firing order (the controller's timeline; a
   * caller must not hand it to players). None once the exercise is over. Read at the engine's clock:
   * an inject due since the last driver tick (≤ tickMs ago) may still be listed.
   */
  pendingInjects(): PendingInject[] {
    return this.engine && this.clockOf.isLive ? this.engine.view().injects : [];
  }

  /**
   * The whole MSEL with each inject's state (pending, held, fired, skipped; postponed; each
   * contingency's condition and whether it holds now), for the controller's timeline; same caveats
   * as pendingInjects. Empty once the exercise is over.
   */
  script(): ScriptEntryView[] {
    return this.engine && this.clockOf.isLive ? this.engine.view().script : [];
  }

  /** The events after `fromSeq` for a client catching up, or undefined (it then gets a fresh snapshot). */
  catchUp(fromSeq: number, role: JoinRole): BoardDelta | undefined {
    this.flush();
    return this.outbox.catchUp(fromSeq, role, this.clock());
  }

  // ---- commands ------------------------------------------------------------------------------

  /**
   * Applies a command at the current sim time, all or nothing: the events due before it are stored
   * first, then `check` runs on the world as it stands, then the command's own events are stored
   * (with its result, when it carries an id) before it is acknowledged. A command whose handler
   * throws changes nothing: the engine is rebuilt from the stored log and the command is refused.
   */
  command(command: Command, by: Actor, check?: CommandCheck): CommandResult {
    return timed('command', () => this.applyCommand(command, by, check));
  }

  private applyCommand(command: Command, by: Actor, check?: CommandCheck): CommandResult {
    const engine = this.liveEngine('commands');
    this.spendCommandBudget(by);
    this.store(engine.advanceTo(this.simNow()));
    if (command.commandId) {
      const first = this.deps.store.commandResult(this.id, command.commandId) as CommandResult | undefined;
      if (first) return first;
    }
    check?.(command);
    let applied: ReturnType<Engine['apply']>;
    try {
      applied = engine.apply(command, by);
    } catch (err) {
      this.recoverFromThrow(err, command);
    }
    const { result, events } = applied;
    this.store(events, command.commandId ? { commandId: command.commandId, result } : undefined);
    if (result.ok) {
      this.checkpoint = { seq: this.seq, simTime: engine.now, digest: stateDigest(engine) };
      this.rescheduleTick(); // the command may have made something due sooner than the planned tick
    }
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
    return this.folds.incidentPlace(incidentId);
  }

  /** Who last dispatched a unit (from the log), for a refusal that names them. */
  dispatchOf(unitId: string): { by: Actor; incidentId: string } | undefined {
    return this.folds.dispatchOf(unitId);
  }

  unitOf(unitId: string): { stationId: string; home: [number, number]; incidentId?: string } | undefined {
    const u = this.folds.board('controller').units[unitId];
    return u ? { stationId: u.stationId, home: u.home, ...(u.incidentId ? { incidentId: u.incidentId } : {}) } : undefined;
  }

  /** A participant giving commands faster than a person can (a stuck client, a script) is refused, not stored. */
  private spendCommandBudget(by: Actor): void {
    const { commandBurst = Infinity, commandsPerSecond = Infinity } = this.deps.timing;
    if (!Number.isFinite(commandBurst) || by.id === undefined) return;
    const now = performance.now();
    const b = this.budgets.get(by.id) ?? { tokens: commandBurst, at: now };
    b.tokens = Math.min(commandBurst, b.tokens + ((now - b.at) / 1000) * commandsPerSecond);
    b.at = now;
    this.budgets.set(by.id, b);
    if (b.tokens < 1) {
      const waitMs = Math.ceil(((1 - b.tokens) / commandsPerSecond) * 1000);
      throw new ApiError('rate-limited', `too many commands from ${by.name ?? by.id}: at most ${commandBurst} at once and ${commandsPerSecond} a second; try again in ${waitMs} ms`, { retryAfterMs: waitMs });
    }
    b.tokens -= 1;
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
    if (this.status === 'running') this.setClock('running', speed, engine.advanceTo(this.simNow()));
    else this.setClock(this.status, speed, []);
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
    if (!this.clockOf.isLive) throw this.wrongState('stop', ['created', 'running', 'paused']);
    const engine = this.liveEngine('stop');
    const events = this.status === 'running' ? engine.advanceTo(this.simNow()) : [];
    this.saveSnapshot();
    this.setClock('stopped', this.speed, events);
    this.retire();
  }

  archive(): void {
    if (this.clockOf.isLive) this.stop();
    this.setClock('archived', this.speed, []);
  }

  /** Stops the timers (server shutting down); the stored state is already complete. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    clearTimeout(this.nextTick);
    clearTimeout(this.flushDue);
  }

  /** Broadcasts what was stored since the last delta. */
  flush(): void {
    timed('flush', () => this.outbox.flush(this.clock()));
  }

  // ---- internals -----------------------------------------------------------------------------

  private run(action: string, from: ExerciseStatus[]): void {
    if (!from.includes(this.status)) throw this.wrongState(action, from);
    this.liveEngine(action);
    this.storageDown = undefined;
    this.setClock('running', this.speed, []);
  }

  private wrongState(action: string, from: ExerciseStatus[]): ApiError {
    return new ApiError('not-allowed-in-state', `cannot ${action} exercise ${this.id}: it is ${this.status} (expected ${from.join(' or ')})`, { status: this.status });
  }

  private liveEngine(what: string): Engine {
    if (!this.engine || !this.clockOf.isLive) {
      throw new ApiError('not-allowed-in-state', `exercise ${this.id} is ${this.status}: no ${what} any more`, { status: this.status });
    }
    if (this.storageDown) throw new ApiError('storage', `exercise ${this.id} is paused: its event log cannot be written; it resumes when storage is back`, { status: this.status });
    return this.engine;
  }

  /** Stores events (the clock position and a command's result with them), then folds and queues them for the next delta. */
  private store(events: readonly DomainEvent[], outcome?: { commandId: string; result: CommandResult }): void {
    if (events.length === 0 && !outcome) return;
    const simTime = this.engine?.now ?? events.at(-1)?.t ?? 0;
    try {
      this.deps.store.append(this.id, events, simTime, outcome);
      this.storedAt = performance.now();
    } catch (err) {
      this.failStorage(err);
    }
    this.remember(events, simTime, outcome);
    this.accept(events);
  }

  private remember(events: readonly DomainEvent[], simTime: number, outcome?: CommandOutcome): void {
    if (events.length === 0) return;
    this.written.push({ events, simTime, ...(outcome ? { outcome } : {}) });
    // A steady window (not 500 growing to 1,000 and cut back): memory that holds still over a long run.
    if (this.written.length > WRITES_KEPT) this.written.shift();
  }

  private accept(events: readonly DomainEvent[]): void {
    if (events.length === 0) return;
    for (const e of events) this.folds.fold(e);
    this.outbox.push(events);
    this.flushDue ??= setTimeout(() => {
      this.flushDue = undefined;
      this.flush();
    }, this.deps.timing.flushMs);
  }

  private setClock(status: ExerciseStatus, speed: number, events: readonly DomainEvent[]): void {
    const simTime = this.engine?.now ?? this.simNow();
    try {
      this.deps.store.setClock(this.id, events, { status, speed, simTime });
    } catch (err) {
      this.failStorage(err);
    }
    this.remember(events, simTime);
    this.accept(events);
    this.clockOf.set(status, speed, simTime);
    this.rescheduleTick();
    if (status === 'paused' && this.engine) this.checkpoint = { seq: this.seq, simTime, digest: stateDigest(this.engine) };
    this.flush();
    this.deps.out.to(roomOf(this.id)).emit('clock', this.clock());
    this.deps.onStatus?.(status);
  }

  /** The engine as the stored log leaves it (after a throw or a failed write the live one is not to be trusted). */
  private rebuildEngine(): Engine {
    const log = this.deps.store.events.read(this.id);
    const at = this.engine?.now ?? log.at(-1)?.t ?? 0;
    const { engine, extra } = rebuildFast({ exerciseId: this.id, store: this.deps.store, config: this.deps.config, log: this.deps.log }, log, Math.max(at, log.at(-1)?.t ?? 0));
    if (extra.length > 0) throw new Error(`the replay runs ${extra.length} events past the stored log`);
    return engine;
  }

  /**
   * A command handler threw: its partial effects (in the engine, not stored) are dropped by rebuilding
   * the engine from the stored log, and the command is refused; the exercise goes on.
   */
  private recoverFromThrow(err: unknown, command: Command): never {
    const why = err instanceof Error ? err.message : String(err);
    this.deps.log(`exercise ${this.id}: ${command.type} failed inside the engine (${err instanceof Error ? (err.stack ?? why) : why}); rebuilding from the stored log`);
    try {
      this.engine = this.rebuildEngine();
    } catch (e) {
      this.deps.log(`exercise ${this.id}: cannot rebuild (${e instanceof Error ? e.message : String(e)}); it stays read-only`);
      this.retire();
      this.clockOf.set('stopped', this.speed, this.simNow());
    }
    throw new ApiError('invalid', `${command.type} could not be applied (${why}); nothing changed`, { command: command.type });
  }

  /**
   * The log could not be written: the engine has moved past what is stored, so it is rebuilt to the
   * last stored event and the exercise is paused with a notice to everyone; the caller gets a
   * 'storage' error and nothing is acknowledged. The heartbeat retries the write and resumes when
   * storage is back. (Rebuilt to the last stored event, not to where the live engine stood: the
   * events in between were never stored, so nobody saw them, and the driver makes them again.)
   * When the database's file system has turned read-only, the file is let go after the rebuild (it
   * cannot become writable while open); an exercise that finds it let go rebuilds once it is back.
   */
  private failStorage(err: unknown): never {
    const readOnlyFs = !(err instanceof StorageUnavailableError) && (this.deps.storage?.fileSystemReadOnly() ?? false);
    const why = readOnlyFs ? `the file system holding the database is read-only (EROFS; ${describeStorageError(err)})` : describeStorageError(err);
    this.deps.log(`exercise ${this.id}: storing events failed (${why}); rebuilding from the stored log, paused`);
    const wasRunning = this.status === 'running' || (this.storageDown?.wasRunning ?? false);
    if (err instanceof StorageUnavailableError) {
      // The file is let go: nothing to read the stored log from until it is back.
      this.storageDown = { wasRunning, unstored: [], rebuild: true };
      this.clockOf.set('paused', this.speed, this.simNow());
    } else {
      try {
        const log = this.deps.store.events.read(this.id);
        const { engine, extra } = rebuildFast({ exerciseId: this.id, store: this.deps.store, config: this.deps.config, log: this.deps.log }, log, log.at(-1)?.t ?? 0);
        this.engine = engine;
        // Happenings due at the last stored event's instant that a later driver tick would have stored.
        this.storageDown = { wasRunning, unstored: extra };
        this.clockOf.set('paused', this.speed, engine.now);
      } catch (e) {
        this.deps.log(`exercise ${this.id}: cannot rebuild (${e instanceof Error ? e.message : String(e)}); it stays read-only`);
        this.storageDown = undefined;
        this.retire();
        this.clockOf.set('stopped', this.speed, this.simNow());
      }
      if (readOnlyFs) {
        this.deps.log(`the database's file system is read-only: the database file is closed so the disk can be checked and mounted again; it is reopened when it can be written`);
        this.deps.storage?.release(why);
      }
    }
    this.deps.out.to(roomOf(this.id)).emit('notice', { level: 'error', message: `the event log could not be written (${why}); the exercise is paused until storage is back` });
    this.deps.out.to(roomOf(this.id)).emit('clock', this.clock());
    throw new ApiError('storage', `the events could not be stored (${why}); nothing was acknowledged and the exercise is paused`);
  }

  /**
   * While storage is down: takes the database file back if it was let go, checks that it still holds
   * every event this exercise stored, then tries a write (what the rebuild left unstored, and the
   * clock); when it succeeds the exercise goes on as it was.
   */
  private retryStorage(): void {
    const down = this.storageDown;
    if (!down || !this.engine) return;
    const { storage } = this.deps;
    if (storage?.released !== undefined && !storage.reopen()) return;
    try {
      const stored = this.deps.store.events.lastSeq(this.id);
      if (stored > this.seq) {
        // The write that failed reached the disk after all (its fsync failed, the data did not): the
        // stored log is what counts. Its events go out, and the engine is rebuilt to it.
        const late = this.deps.store.events.read(this.id, this.seq);
        this.deps.log(`exercise ${this.id}: the database holds seq ${this.seq + 1}–${stored}, from the write that was reported failed; they stand`);
        this.accept(late);
        down.rebuild = true;
      } else if (stored < this.seq && !this.writeAgain(stored)) {
        // A database back without events that were acknowledged, more than are kept in memory (or
        // another file, an older copy): going on would hand out their seqs again. Stay paused and say so, once.
        if (!down.missing) {
          down.missing = true;
          const what = `the database is back but holds this exercise's log up to seq ${stored}, not ${this.seq} as stored before`;
          this.deps.log(`exercise ${this.id}: ${what}; it stays paused`);
          this.deps.out.to(roomOf(this.id)).emit('notice', { level: 'error', message: `${what}; the exercise stays paused` });
        }
        return;
      }
      if (down.rebuild) {
        const log = this.deps.store.events.read(this.id);
        const { engine, extra } = rebuildFast({ exerciseId: this.id, store: this.deps.store, config: this.deps.config, log: this.deps.log }, log, log.at(-1)?.t ?? 0);
        this.engine = engine;
        this.storageDown = { wasRunning: down.wasRunning, unstored: extra };
        return this.retryStorage();
      }
      const { engine } = this;
      this.deps.store.withoutWaiting(() => this.deps.store.setClock(this.id, down.unstored, { status: down.wasRunning ? 'running' : 'paused', speed: this.speed, simTime: engine.now }));
      this.remember(down.unstored, engine.now);
    } catch {
      return;
    }
    this.storageDown = undefined;
    this.accept(down.unstored);
    this.deps.log(`exercise ${this.id}: storage is back`);
    this.deps.out.to(roomOf(this.id)).emit('notice', { level: 'info', message: 'the event log can be written again; the exercise goes on' });
    this.clockOf.set(down.wasRunning ? 'running' : 'paused', this.speed, this.engine.now);
    this.flush();
    this.deps.out.to(roomOf(this.id)).emit('clock', this.clock());
  }

  /** Writes the remembered batches after seq `stored` again; false when memory does not reach back that far. */
  private writeAgain(stored: number): boolean {
    const missing = this.written.filter((w) => w.events.at(-1)!.seq > stored);
    if (missing[0]?.events[0]?.seq !== stored + 1) return false;
    this.deps.store.withoutWaiting(() => { for (const w of missing) this.deps.store.append(this.id, w.events, w.simTime, w.outcome); });
    this.deps.log(`exercise ${this.id}: the database came back without seq ${stored + 1}–${this.seq}, which were stored before its file system failed; written again from memory`);
    return true;
  }

  private saveSnapshot(): void {
    if (this.engine) this.snapshots.save(this.engine, this.folds.board('controller'), this.seq);
  }

  private retire(): void {
    this.engine = undefined;
  }

  private endIfOver(): void {
    if (this.engine && this.engine.nextEventAt() === undefined && this.engine.now >= this.endsAt && this.clockOf.isLive) {
      this.deps.log(`exercise ${this.id}: the scenario has ended`);
      this.saveSnapshot();
      this.setClock('stopped', this.speed, []);
      this.retire();
    }
  }

  private tick(): void {
    if (this.status !== 'running' || !this.engine || this.storageDown) return;
    try {
      const engine = this.engine;
      const events = timed('advance', () => engine.advanceTo(this.simNow()));
      timed('store', () => this.store(events));
      // What the engine made now was due now: out at once (the delta lag counts from the due moment).
      this.flush();
      this.endIfOver();
      if (this.engine && this.status === 'running') this.snapshots.maybeSave(this.engine, this.folds.board('controller'), this.seq);
    } catch (err) {
      if (!(err instanceof ApiError)) this.deps.log(`exercise ${this.id}: driver tick failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }

  /** Plans the next tick again (something may now be due sooner). */
  private rescheduleTick(): void {
    if (this.nextTick === undefined) return; // inside a tick, or not driving yet
    clearTimeout(this.nextTick);
    this.scheduleTick();
  }

  /**
   * The driver: the next tick at the wall moment the engine's next happening is due (no later than
   * tickMs, no sooner than MIN_TICK_GAP_MS, so happenings close together share one tick and one write).
   */
  private scheduleTick(): void {
    if (this.closed) return;
    let wait = this.deps.timing.tickMs;
    const next = this.status === 'running' && !this.storageDown ? this.engine?.nextEventAt() : undefined;
    if (next !== undefined) wait = Math.min(wait, Math.max(MIN_TICK_GAP_MS, Math.ceil((next - this.simNow()) / this.speed) + 1));
    this.nextTick = setTimeout(() => {
      this.nextTick = undefined; // a reschedule during the tick is left to the line below
      this.tick();
      this.scheduleTick();
    }, wait);
  }

  /** Every heartbeat: the clock to everyone, the sim time to the store while running (a restart resumes there). */
  private heartbeat(): void {
    timed('heartbeat', () => this.beat());
  }

  private beat(): void {
    if (this.storageDown) this.retryStorage();
    // A batch stored since the last beat carried the sim time already (the row moves with every
    // batch): storing it again would cost a synced write a second per exercise for nothing.
    else if (this.status === 'running' && this.engine && performance.now() - this.storedAt >= this.deps.timing.heartbeatMs) {
      try {
        this.storedAt = performance.now();
        this.deps.store.setClock(this.id, [], { status: 'running', speed: this.speed, simTime: this.simNow() });
      } catch (err) {
        this.deps.log(`exercise ${this.id}: could not store the clock (${err instanceof Error ? err.message : String(err)})`);
      }
    }
    this.deps.out.to(roomOf(this.id)).emit('clock', this.clock());
  }

  private startTimers(): void {
    const { heartbeatMs } = this.deps.timing;
    this.timers.push(setInterval(() => this.heartbeat(), heartbeatMs));
    this.scheduleTick();
  }
}
