// The scrubber's copy of the exercise's event log, as this role may see it: fetched once in pages
// (and, for a drill still running, extended when the slider reaches events not fetched yet), so the
// board at a moment can be the fold of exactly the events up to it: the event log, the incident
// timelines and what the events say beyond the board fold (the hidden truth, ETA growth), whatever
// moment was shown before.
import type { DomainEvent } from '../../../shared/events.ts';

export type FetchEventPage = (after: number, limit: number) => Promise<DomainEvent[]>;

/** Events per request (the server's most). */
const PAGE = 10_000;

export class ReplayLog {
  private readonly events: DomainEvent[] = [];
  private loading?: Promise<void>;

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
    for (const e of page) if (e.seq > this.lastSeq) this.events.push(e);
  }
}
