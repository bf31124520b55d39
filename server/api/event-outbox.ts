// What clients get of the stored log: stored events queue here and go out as one coalesced delta per
// audience at the broadcast rate (full events to controllers, the allow-listed ones to players),
// and a client that reconnects or missed a delta catches up from the recent events kept in memory
// (older ones from SQLite). Every delta names the seq it continues from, so a gap is detectable.
import type { DomainEvent } from '../../shared/events.ts';
import type { BoardDelta, ClockState, JoinRole } from '../../shared/live.ts';
import { audienceOf, roomOf, type Broadcaster } from './exercise-rooms.ts';
import { eventsFor } from './redact.ts';

export interface OutboxLimits {
  /** Recent events kept in memory for catch-up. */
  ringSize: number;
  /** A client further behind than this many events gets a fresh snapshot instead of deltas. */
  catchUpMax: number;
}

export class EventOutbox {
  private ring: DomainEvent[] = [];
  private pending: DomainEvent[] = [];
  private flushedSeq: number;
  private lastSeq: number;

  constructor(
    private readonly exerciseId: string,
    private readonly out: Broadcaster,
    private readonly limits: OutboxLimits,
    /** Stored events after a seq (for a client further behind than the ring reaches). */
    private readonly readStored: (afterSeq: number, limit: number) => DomainEvent[],
    /** The folded log so far (already broadcast to nobody: clients start from a snapshot of it). */
    history: readonly DomainEvent[],
  ) {
    this.ring = history.slice(-limits.ringSize);
    this.lastSeq = history.at(-1)?.seq ?? 0;
    this.flushedSeq = this.lastSeq;
  }

  /** Queues stored events for the next delta. */
  push(events: readonly DomainEvent[]): void {
    if (events.length === 0) return;
    this.ring.push(...events);
    this.pending.push(...events);
    this.lastSeq = events.at(-1)!.seq;
    if (this.ring.length > this.limits.ringSize * 1.25) this.ring = this.ring.slice(-this.limits.ringSize);
  }

  /** Broadcasts what was queued since the last delta to both audiences. */
  flush(clock: ClockState): void {
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    const base = { exerciseId: this.exerciseId, fromSeq: this.flushedSeq, toSeq: this.lastSeq, clock };
    this.flushedSeq = this.lastSeq;
    this.out.to(roomOf(this.exerciseId, 'controller')).emit('delta', { ...base, events } satisfies BoardDelta);
    this.out.to(roomOf(this.exerciseId, 'player')).emit('delta', { ...base, events: eventsFor('player', events) } satisfies BoardDelta);
  }

  /**
   * The events after `fromSeq` up to what was last broadcast (call flush first), for `role`;
   * undefined when a snapshot serves the client better: nothing new (an empty delta would not tell a
   * reconnecting board it is live again), more than `catchUpMax` behind, or a seq never sent.
   */
  catchUp(fromSeq: number, role: JoinRole, clock: ClockState): BoardDelta | undefined {
    if (fromSeq >= this.flushedSeq || fromSeq < 0) return undefined;
    if (this.flushedSeq - fromSeq > this.limits.catchUpMax) return undefined;
    const firstInRing = this.ring[0]?.seq ?? this.lastSeq + 1;
    const events = fromSeq + 1 >= firstInRing
      ? this.ring.slice(fromSeq + 1 - firstInRing, this.flushedSeq + 1 - firstInRing)
      : this.readStored(fromSeq, this.flushedSeq - fromSeq);
    return { exerciseId: this.exerciseId, fromSeq, toSeq: this.flushedSeq, events: eventsFor(audienceOf(role), events), clock };
  }
}
