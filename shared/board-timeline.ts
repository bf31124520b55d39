// The replay scrubber's index: the board state (board-state.ts, the same fold the board applies)
// at any moment of a recorded exercise. Folding a day-long log from the start for every
// jump would cost the whole log; instead the fold is checkpointed every CHECKPOINT_EVENTS events
// (deep copies) once, and a jump restores the nearest checkpoint at or before T and folds at most
// that many events. Built from the events a role may see, so players scrub the redacted log. A
// running exercise's index grows with its log (append) instead of being built again. Shared: the
// server answers GET …/replay with it, and the debrief page folds its own copy of the log with it,
// so a jump within the log it holds needs no round trip (server/report/board-timeline.ts builds
// one from the world's units).
import type { DomainEvent } from './events.ts';
import { applyEvent, type BoardState } from './board-state.ts';

export const CHECKPOINT_EVENTS = 2_000;

export class BoardTimeline {
  private readonly checkpoints: { index: number; t: number; state: BoardState }[] = [];
  private readonly events: DomainEvent[] = [];
  /** The fold after every event so far: a running exercise's new events continue it. */
  private readonly head: BoardState;

  /** From the board before the first event (`origin`, kept as given: pass a copy the caller will not change). */
  constructor(origin: BoardState, events: readonly DomainEvent[]) {
    this.head = origin;
    this.checkpoints.push({ index: 0, t: -Infinity, state: structuredClone(origin) });
    this.append(events);
  }

  /** The board before the first event (a fresh copy). */
  origin(): BoardState {
    return structuredClone(this.checkpoints[0]!.state);
  }

  /** Events recorded since (a running exercise): folded on from where the index stands, in order. */
  append(events: readonly DomainEvent[]): void {
    for (const e of events) {
      this.events.push(e);
      applyEvent(this.head, e);
      if (this.events.length % CHECKPOINT_EVENTS === 0) this.checkpoints.push({ index: this.events.length, t: e.t, state: structuredClone(this.head) });
    }
  }

  get length(): number { return this.events.length; }
  get startsAt(): number { return 0; }
  get endsAt(): number { return this.events.at(-1)?.t ?? 0; }

  /** The board after every event with time ≤ t (a fresh copy the caller may keep). */
  stateAt(t: number): BoardState {
    // Last checkpoint taken at or before t (binary search on the checkpoint times).
    let lo = 0, hi = this.checkpoints.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.checkpoints[mid]!.t <= t) lo = mid; else hi = mid - 1;
    }
    const cp = this.checkpoints[lo]!;
    const state = structuredClone(cp.state);
    for (let i = cp.index; i < this.events.length && this.events[i]!.t <= t; i++) applyEvent(state, this.events[i]!);
    // A scrubbed moment between events: the clock shows the moment, not the last event's time.
    if (t > state.now) state.now = Math.min(t, Math.max(this.endsAt, state.now));
    return state;
  }

  /** Events with time in (from, to], for the log panel and for playback. */
  eventsBetween(from: number, to: number): DomainEvent[] {
    return this.events.slice(this.countUpTo(from), this.countUpTo(to));
  }

  /** The last `n` events with time ≤ t. */
  lastEvents(t: number, n: number): DomainEvent[] {
    const end = this.countUpTo(t);
    return this.events.slice(Math.max(0, end - n), end);
  }

  /** Time of the first event after t (the scrubber's "next event"), or undefined at the end. */
  nextEventAfter(t: number): number | undefined {
    return this.events[this.countUpTo(t)]?.t;
  }

  /** Time of the last event before t (the scrubber's "previous event"), or undefined at the start. */
  previousEventBefore(t: number): number | undefined {
    const i = this.countUpTo(t - 1) - 1;
    return i >= 0 ? this.events[i]!.t : undefined;
  }

  /** How many events have time ≤ t (events are in time order: binary search). */
  private countUpTo(t: number): number {
    let lo = 0, hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid]!.t <= t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
}
