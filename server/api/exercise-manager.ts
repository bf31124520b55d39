// The exercises of one server: creating them (engine started, first events, join codes, all stored
// in one transaction), bringing back every live one after a restart (replayed from its log, paused),
// finding one by id or by join code. Several exercises run at once, one driver each, on one event loop.
import type { Mode, Scenario } from '../../shared/schemas/scenario.ts';
import type { JoinRole } from '../../shared/live.ts';
import { parseDataText } from '../files/read-data-file.ts';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import type { ExerciseRecord, ExerciseStore, ParticipantSession } from '../store/exercise-store.ts';
import type { LiveStorage } from '../store/live-storage.ts';
import { ApiError } from './errors.ts';
import type { Catalog } from './catalog.ts';
import { slugOf } from '../../shared/slug.ts';
import { exerciseEngineConfig, newExerciseEngine } from './exercise-engine.ts';
import { ExerciseHost, type Broadcaster, type HostTiming } from './exercise-host.ts';
import { derivedJoinCode, newJoinCode, normalizeJoinCode } from './join-codes.ts';
import { RouteWarmup, startLocalMsOf } from './route-warmup.ts';
import { stateAtFork } from '../report/counterfactual-fork.ts';

export interface CreateExercise {
  scenario: string;
  seed?: number;
  mode?: Mode;
  speed?: number;
  name?: string;
  isDemo?: boolean;
}

/** How often the route trees ahead of every live exercise are checked (wall ms). */
const WARM_EVERY_MS = 2000;
/** How far ahead route trees are built: this much wall time at the exercise speed … */
const WARM_AHEAD_WALL_MS = 120_000;
/** … and at least this much sim time. */
const WARM_AHEAD_MIN_SIM_MS = 30 * 60_000;

export type RoleCodes = Record<JoinRole, string>;

export interface Access { exerciseId: string; role: JoinRole; jurisdictionId?: string }

export class ExerciseManager {
  private readonly hosts = new Map<string, ExerciseHost>();
  /** Station route trees built ahead, between ticks: a first use inside a tick would stall every exercise. */
  private readonly warmup = new RouteWarmup();
  private readonly warmTimer = setInterval(() => { for (const h of this.hosts.values()) this.warm(h); }, WARM_EVERY_MS).unref();

  constructor(
    private readonly store: ExerciseStore,
    private readonly catalog: Catalog,
    private readonly out: Broadcaster,
    private readonly timing: HostTiming,
    private readonly log: (line: string) => void,
    /** The database file, which can be let go while its file system is read-only and taken back. */
    private readonly storage?: LiveStorage,
  ) {}

  /** Rebuilds every exercise that was created, running or paused when the server last stopped. */
  recoverAll(): { id: string; status: string; seq: number }[] {
    this.store.closeOpenSessions();
    const out: { id: string; status: string; seq: number }[] = [];
    for (const r of this.store.list()) {
      if (r.status !== 'created' && r.status !== 'running' && r.status !== 'paused') continue;
      try {
        const host = this.load(r);
        out.push({ id: r.id, status: host.status, seq: host.seq });
      } catch (err) {
        this.log(`exercise ${r.id} could not be recovered: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return out;
  }

  create(req: CreateExercise): { id: string; codes: RoleCodes; host: ExerciseHost } {
    const source = this.catalog.scenarioSource(req.scenario);
    const { scenario, world } = this.catalog.checkScenario(source, `${req.scenario}.yaml`);
    const seed = req.seed ?? scenario.seed;
    const mode = req.mode ?? scenario.mode;
    const speed = req.speed ?? 1;
    const config = exerciseEngineConfig(world, scenario, seed, mode);
    const { engine, first } = newExerciseEngine(config);
    const codes: RoleCodes = { controller: newJoinCode(), commander: newJoinCode(), observer: newJoinCode() };
    const derived = req.isDemo ? this.store.serverSecret('demo-codes') : undefined;
    const name = req.name ?? (scenario.nameZh ? `${scenario.nameZh} · ${scenario.name}` : scenario.name);
    const id = this.store.create(
      { prefix: `ex-${slugOf(req.scenario) || 'scenario'}-${seed}`, name, scenarioId: req.scenario, scenarioSource: source, regionId: world.region.id, seed, mode, speed, isDemo: req.isDemo ?? false },
      // The demo's codes derive from the server secret and its id (printable again at every start).
      (Object.entries(codes) as [JoinRole, string][]).map(([role, code]) => ({ role, code: derived ? (x: string) => derivedJoinCode(derived, `${x}:${role}`) : code })),
      first,
    );
    if (derived) Object.assign(codes, this.demoCodes(id));
    const record = this.store.get(id)!;
    const host = ExerciseHost.created(this.deps(record, scenario), engine, first);
    this.hosts.set(id, host);
    this.warm(host);
    return { id, codes, host };
  }

  /**
   * A live fork (counterfactual): a new exercise that starts paused at sim time `at` of `originId`,
   * with the original's events up to `at` as its own log (rebuilt by replay and checked equal, bit
   * for bit), the same scenario text, seed and mode, so the same random streams. From there the
   * players continue it like any exercise; the original is not touched. Its id is `<origin>-fork-<n>`.
   */
  forkLive(originId: string, at: number): { id: string; codes: RoleCodes; host: ExerciseHost; sharedSeq: number } {
    const origin = this.get(originId);
    const r = origin.record;
    const source = r.scenarioSource || this.catalog.scenarioSource(r.scenarioId);
    const scenario = parseDataText(source, `${r.scenarioId}.yaml`, ScenarioSchema).data;
    const world = this.catalog.world(r.regionId);
    const config = exerciseEngineConfig(world, scenario, r.seed, r.mode as Mode);
    // The recording reaches where the original's clock stands (a drill stopped after its last event too).
    const reaches = Math.min(origin.endsAt, Math.max(origin.simNow(), this.store.get(originId)?.simTime ?? 0));
    const { engine, prefix } = stateAtFork(config, this.store.events.read(originId), at, reaches);
    const codes: RoleCodes = { controller: newJoinCode(), commander: newJoinCode(), observer: newJoinCode() };
    // Row, codes, shared history, origin and paused clock in one transaction: a failure leaves no fork behind.
    const id = this.store.create(
      {
        prefix: `${originId}-fork`, name: `${r.name} · fork T+${Math.floor(at / 60_000)}m`, scenarioId: r.scenarioId, scenarioSource: source, regionId: r.regionId, seed: r.seed, mode: r.mode, speed: origin.speed, isDemo: false,
        fork: { of: originId, at, status: 'paused', simTime: engine.now },
      },
      (Object.entries(codes) as [JoinRole, string][]).map(([role, code]) => ({ role, code })),
      prefix,
    );
    const host = ExerciseHost.created(this.deps(this.store.get(id)!, scenario), engine, prefix);
    this.hosts.set(id, host);
    this.warm(host);
    return { id, codes, host, sharedSeq: prefix.at(-1)?.seq ?? 0 };
  }

  /** The exercise a live fork was made from (stored with the fork), if it is one and the origin is kept. */
  forkOrigin(id: string): string | undefined {
    const of = this.store.get(id)?.forkOf;
    return of && this.store.get(of) ? of : undefined;
  }

  /** The exercise, loaded from the store on first use (stopped ones read-only). */
  get(id: string): ExerciseHost {
    const host = this.hosts.get(id);
    if (host) return host;
    const r = this.store.get(id);
    if (!r) throw new ApiError('not-found', `no exercise ${id}`);
    return this.load(r);
  }

  list(includeArchived: boolean): ExerciseRecord[] {
    return this.store.list()
      .filter((r) => includeArchived || r.status !== 'archived')
      .map((r) => {
        const h = this.hosts.get(r.id);
        return h ? { ...r, status: h.status, speed: h.speed, simTime: h.simNow() } : r;
      });
  }

  /** Stored events of an exercise after `after`, at most `limit` (read from SQLite, not from memory). */
  storedEvents(id: string, after: number, limit: number) {
    return this.store.events.read(id, after, limit);
  }

  /**
   * Participant sessions are kept for the debrief: who joined in which role, and when. A session
   * that cannot be stored (disk full) is logged and the participant joins all the same: the
   * exercise's own log is what must not be lost, and the exercise pauses for that by itself.
   */
  participantJoined(p: { id: string; exerciseId: string; role: JoinRole; name: string }): void {
    this.tryStore(`the join of ${p.name} (${p.role})`, () => this.store.recordJoin(p));
  }

  participantLeft(sessionId: string): void {
    this.tryStore(`the end of session ${sessionId}`, () => this.store.recordLeave(sessionId));
  }

  private tryStore(what: string, write: () => void): void {
    try {
      write();
    } catch (err) {
      this.log(`could not store ${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  participantSessions(id: string): ParticipantSession[] {
    this.get(id); // not-found for an unknown exercise
    return this.store.sessionsOf(id);
  }

  /** Who a code lets in, or undefined for a code that does not exist. */
  resolveCode(code: string): Access | undefined {
    const norm = normalizeJoinCode(code);
    const found = norm ? this.store.findCode(norm) : undefined;
    return found ? { exerciseId: found.exerciseId, role: found.role, ...(found.jurisdictionId ? { jurisdictionId: found.jurisdictionId } : {}) } : undefined;
  }

  /** The codes an exercise has: role and limit only (codes are stored hashed and cannot be shown again). */
  codesOf(id: string): { role: JoinRole; jurisdictionId?: string }[] {
    return this.store.codesOf(id).map((c) => ({ role: c.role, ...(c.jurisdictionId ? { jurisdictionId: c.jurisdictionId } : {}) }));
  }

  /** The demo exercise's three codes, derived again from the server secret. */
  demoCodes(id: string): RoleCodes {
    const secret = this.store.serverSecret('demo-codes');
    return { controller: derivedJoinCode(secret, `${id}:controller`), commander: derivedJoinCode(secret, `${id}:commander`), observer: derivedJoinCode(secret, `${id}:observer`) };
  }

  /** A new code for a role, e.g. a commander limited to one jurisdiction. */
  addCode(id: string, role: JoinRole, jurisdictionId?: string): string {
    const host = this.get(id);
    if (jurisdictionId !== undefined) {
      if (role !== 'commander') throw new ApiError('invalid', 'only a commander code can be limited to a jurisdiction');
      const known = host.world.region.jurisdictions.map((j) => j.id);
      if (!known.includes(jurisdictionId)) throw new ApiError('invalid', `no jurisdiction ${jurisdictionId} in region ${host.world.region.id} (expected one of: ${known.join(', ')})`);
    }
    const code = newJoinCode();
    this.store.addCode({ code, exerciseId: id, role, ...(jurisdictionId ? { jurisdictionId } : {}) });
    return code;
  }

  /** The newest demo exercise that is not over, or undefined. */
  demo(): ExerciseRecord | undefined {
    return this.store.list().filter((r) => r.isDemo && (r.status === 'created' || r.status === 'paused' || r.status === 'running')).at(-1);
  }

  /** Demo exercises that are over and not archived yet (a new demo replaces them in the list). */
  archiveOldDemos(): void {
    for (const r of this.store.list()) if (r.isDemo && r.status === 'stopped') this.get(r.id).archive();
  }

  close(): void {
    clearInterval(this.warmTimer);
    this.warmup.close();
    for (const h of this.hosts.values()) h.close();
    this.hosts.clear();
  }

  private load(r: ExerciseRecord): ExerciseHost {
    const text = r.scenarioSource || this.catalog.scenarioSource(r.scenarioId);
    const scenario = parseDataText(text, `${r.scenarioId}.yaml`, ScenarioSchema).data;
    const host = ExerciseHost.fromLog(this.deps(r, scenario));
    this.hosts.set(r.id, host);
    this.warm(host);
    return host;
  }

  /**
   * Queues the route trees a live exercise will use in the next WARM_AHEAD_WALL_MS of wall time at
   * its speed (at least WARM_AHEAD_MIN_SIM_MS of sim time): the traffic situation it is in, and the
   * next one (rush hour) well before the clock gets there. Already queued ones cost nothing.
   */
  private warm(host: ExerciseHost): void {
    if (!host.isLive) return;
    const now = host.simNow();
    const ahead = Math.max(WARM_AHEAD_MIN_SIM_MS, WARM_AHEAD_WALL_MS * host.speed);
    this.warmup.warm(host.world, startLocalMsOf(host.world, host.startIso), now, Math.min(host.endsAt, now + ahead));
  }

  private deps(record: ExerciseRecord, scenario: Scenario) {
    const world = this.catalog.world(record.regionId);
    return {
      record, world, config: exerciseEngineConfig(world, scenario, record.seed, record.mode as Mode), store: this.store,
      out: this.out, timing: this.timing, log: this.log, ...(this.storage ? { storage: this.storage } : {}),
    };
  }
}
