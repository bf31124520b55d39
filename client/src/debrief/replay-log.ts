// The scrubber's copy of the exercise's event log, as this role may see it: fetched once in pages
// (and, for a drill still running, extended when the slider reaches events not fetched yet), so the
// board at a moment can be the fold of exactly the events up to it: the event log, the incident
// timelines and what the events say beyond the board fold (the hidden truth, ETA growth), whatever
// moment was shown before. Once the server has given the board before the first event (origin), the
// log is also folded into a checkpointed timeline (shared/board-timeline.ts, the server's own), so a
// moment whose events are all held is shown without asking the server again.
import type { DomainEvent } from '../../../shared/events.ts';
import type { BoardState } from '../../../shared/board-state.ts';
import { BoardTimeline } from '../../../shared/board-timeline.ts';

export type FetchEventPage = (after: number, limit: number) => Promise<DomainEvent[]>;

/** Events per request (the server's most). */
const PAGE = 10_000;

export class ReplayLog {
  private readonly events: DomainEvent[] = [];
  private loading?: Promise<void>;
  private timeline?: BoardTimeline;

  constructor(private readonly fetchPage: FetchEventPage) {}

  /** The seq of the newest event held. */
  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  /** Resolves once every event up to `seq` is held (fetching the pages missing; one fetch at a time). */
  async upTo(seq: number): Promise<void> {
    while (this.lastSeq < seq) {
      this.loading ??= this.fetchMore().finally(() => { this.loading = undefined; });
      const before = this.lastSeq;
      await this.loading;
      // The server has no more (the seq asked for is not stored yet): stop rather than spin.
      if (this.lastSeq === before) return;
    }
  }

  /** Starts folding the log held (and what comes later) from the board before the first event. */
  setOrigin(origin: BoardState): void {
    this.timeline ??= new BoardTimeline(origin, this.events);
  }

  get hasOrigin(): boolean {
    return this.timeline !== undefined;
  }

  /**
   * The board at `at` folded here, with the previous and next event times, when every event up to
   * `at` and the next one are held: events come in time order, so that is when a later one is.
   * Else undefined (the server is asked, and the log fetched on).
   */
  momentAt(at: number): { state: BoardState; previousAt?: number; nextAt?: number } | undefined {
    const tl = this.timeline;
    if (!tl || !(at < (this.events.at(-1)?.t ?? -Infinity))) return undefined;
    const state = tl.stateAt(at);
    state.now = Math.max(state.now, at);
    const previousAt = tl.previousEventBefore(at);
    const nextAt = tl.nextEventAfter(at);
    return { state, ...(previousAt === undefined ? {} : { previousAt }), ...(nextAt === undefined ? {} : { nextAt }) };
  }

  /** The events with seq ≤ `seq`, oldest first (a copy). */
  eventsUpTo(seq: number): DomainEvent[] {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(0, lo);
  }

  private async fetchMore(): Promise<void> {
    const page = await this.fetchPage(this.lastSeq, PAGE);
    // A page answered after another may overlap what is held: keep the log strictly in seq order.
    const fresh: DomainEvent[] = [];
    for (const e of page) if (e.seq > (fresh.at(-1)?.seq ?? this.lastSeq)) fresh.push(e);
    this.events.push(...fresh);
    this.timeline?.append(fresh);
  }
}
