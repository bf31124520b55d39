// The board's live state: the last snapshot with every delta folded in (shared applyEvent, the same
// fold the server keeps), the clock, the link status, participants, notices and a bounded event log.
// React reads it through useSyncExternalStore; each change makes a new top-level object (the board
// itself is folded in place for speed, `version` tells components it moved).
import type { BoardDelta, BoardSnapshot, ClockState, Participant, Welcome } from '../../../shared/live.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import { applyEvent, type BoardState } from '../../../shared/board-state.ts';
import { syncClock, type ClockSync } from './sim-clock.ts';
import { DrillNotes } from './drill-notes.ts';

/** connecting: no snapshot yet; live: in step with the server; resyncing: a delta was missed. */
export type LinkStatus = 'connecting' | 'live' | 'resyncing' | 'disconnected' | 'rejected';

export interface Notice { id: number; level: 'info' | 'warning' | 'error'; message: string; at: number }

export interface LiveState {
  version: number;
  link: LinkStatus;
  linkError?: string;
  /** Local wall ms when the link was lost (the clock freezes there). */
  frozenAt?: number;
  welcome?: Welcome;
  board?: BoardState;
  clock?: ClockSync;
  participants: Participant[];
  /** Recent events, oldest first (bounded); older ones come from REST when a timeline needs them. */
  log: DomainEvent[];
  notices: Notice[];
  /**
   * What the events say beyond the board fold: the hidden truth of each call (controllers only: the
   * players' events carry none) and why a unit's ETA grew. Kept apart from the bounded log.
   */
  notes: DrillNotes;
  /** The event history before the snapshot has been asked for (a reload shows the same log as before). */
  historyLoaded: boolean;
}

const LOG_LIMIT = 5_000;
const NOTICE_LIMIT = 20;

export type DeltaResult = 'applied' | 'stale' | 'gap';

export class BoardStore {
  private state: LiveState = { version: 0, link: 'connecting', participants: [], log: [], notices: [], notes: new DrillNotes(), historyLoaded: false };
  private readonly listeners = new Set<() => void>();
  private noticeId = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  getState = (): LiveState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch, version: this.state.version + 1 };
    for (const fn of this.listeners) fn();
  }

  setLink(link: LinkStatus, linkError?: string): void {
    const frozenAt = link === 'live' ? undefined : (this.state.frozenAt ?? this.now());
    this.set({ link, linkError, frozenAt });
  }

  setWelcome(welcome: Welcome): void {
    this.set({ welcome });
  }

  setParticipants(participants: Participant[]): void {
    this.set({ participants });
  }

  addNotice(level: Notice['level'], message: string): void {
    const notices = [...this.state.notices, { id: ++this.noticeId, level, message, at: this.now() }].slice(-NOTICE_LIMIT);
    this.set({ notices });
  }

  dismissNotice(id: number): void {
    this.set({ notices: this.state.notices.filter((n) => n.id !== id) });
  }

  setClock(clock: ClockState): void {
    this.set({ clock: syncClock(this.state.clock, clock, this.now()) });
  }

  applySnapshot(s: BoardSnapshot): void {
    const keep = this.state.log.filter((e) => e.seq <= s.seq);
    // A snapshot carries the state, not the events that led there: unless the log already reaches
    // its seq, the history up to it is fetched again (a reload, or a reconnect too far behind).
    const reaches = s.seq === 0 || (keep.at(-1)?.seq ?? 0) >= s.seq;
    this.set({ board: s.board, clock: syncClock(this.state.clock, s.clock, this.now()), link: 'live', frozenAt: undefined, log: keep, historyLoaded: reaches && this.state.historyLoaded });
  }

  /**
   * The replay scrubber's moment: the board folded to `s.seq` and the events up to it (all of them,
   * oldest first). Everything is replaced, nothing kept from what was shown before: the log is the
   * newest of those events and the notes are folded from them alone, so a moment looks the same
   * whether the scrubber came to it from before or from after.
   */
  showMoment(s: BoardSnapshot, events: readonly DomainEvent[]): void {
    const notes = new DrillNotes();
    for (const e of events) notes.add(e);
    const log = events.length > LOG_LIMIT ? events.slice(-LOG_LIMIT) : [...events];
    this.set({ board: s.board, clock: syncClock(this.state.clock, s.clock, this.now()), link: 'live', frozenAt: undefined, log, notes, historyLoaded: true });
  }

  /** Folds a delta in when it follows on from what we have; a gap means we missed one and must resync. */
  applyDelta(d: BoardDelta): DeltaResult {
    const board = this.state.board;
    if (!board) return 'gap';
    if (d.toSeq <= board.seq) return 'stale';
    if (d.fromSeq > board.seq) return 'gap';
    const fresh = d.events.filter((e) => e.seq > board.seq).sort((a, b) => a.seq - b.seq);
    for (const e of fresh) {
      this.state.notes.add(e);
      applyEvent(board, e);
    }
    board.seq = Math.max(board.seq, d.toSeq);
    const log = this.state.log.length + fresh.length > LOG_LIMIT ? [...this.state.log, ...fresh].slice(-LOG_LIMIT) : [...this.state.log, ...fresh];
    // The missing deltas arriving after a resync (or a reconnect's catch-up) bring us back in step.
    const back = this.state.link !== 'live' ? { link: 'live' as const, frozenAt: undefined } : {};
    this.set({ ...back, log, clock: syncClock(this.state.clock, d.clock, this.now()) });
    return 'applied';
  }

  /** Events fetched over REST (older history for a timeline): merged into the log by seq. */
  mergeHistory(events: DomainEvent[], opts: { complete?: boolean } = {}): void {
    const bySeq = new Map(this.state.log.map((e) => [e.seq, e]));
    for (const e of events) {
      if (!bySeq.has(e.seq)) this.state.notes.add(e);
      bySeq.set(e.seq, e);
    }
    const log = [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-LOG_LIMIT * 2);
    this.set({ log, ...(opts.complete ? { historyLoaded: true } : {}) });
  }

  /** How many events the log keeps: the history fetched after a reload goes back this far. */
  static readonly LOG_LIMIT = LOG_LIMIT;
}
