// The real-time driver's clock of one exercise: wall time mapped to sim time at the exercise speed
// while running (the engine itself never reads the wall clock), standing still otherwise, never past
// the scenario's end nor behind what the engine has already processed.
import { performance } from 'node:perf_hooks';
import type { ClockState, ExerciseStatus } from '../../shared/live.ts';

export const LIVE_STATUSES: ReadonlySet<ExerciseStatus> = new Set(['created', 'running', 'paused']);

export class ExerciseClock {
  /** Wall (performance.now) and sim ms at the last start, resume or speed change. */
  private anchor = { wall: 0, sim: 0 };

  constructor(
    public status: ExerciseStatus,
    public speed: number,
    /** Where the clock stands when not running. */
    private standing: number,
    readonly endsAt: number,
    readonly startIso: string,
  ) {}

  get isLive(): boolean { return LIVE_STATUSES.has(this.status); }

  /** Sim time now: wall-mapped while running (at least `engineNow`), else where the clock stands. */
  simNow(engineNow: number | undefined): number {
    if (this.status !== 'running') return engineNow ?? this.standing;
    return Math.min(this.endsAt, Math.max(engineNow ?? 0, this.anchor.sim + Math.floor((performance.now() - this.anchor.wall) * this.speed)));
  }

  /** Sets the status and speed with the clock standing at `simTime`; running maps wall time from here on. */
  set(status: ExerciseStatus, speed: number, simTime: number): void {
    this.status = status;
    this.speed = speed;
    this.standing = simTime;
    if (status === 'running') this.anchor = { wall: performance.now(), sim: simTime };
  }

  state(engineNow: number | undefined): ClockState {
    return { status: this.status, simTime: this.simNow(engineNow), wallAt: Date.now(), speed: this.speed, endsAt: this.endsAt, startIso: this.startIso };
  }
}
