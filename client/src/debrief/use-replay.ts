// The replay scrubber's source: the board state at sim time `at`, as the server folds it from the
// stored log (GET …/replay, checkpointed, so a jump anywhere in a day-long log is cheap), shown with
// the events up to that moment from the scrubber's copy of the log (fetched once), so the store
// holds exactly the fold of the log up to `at`, however the slider got there. The board's own map
// and panels read that store, so the debrief shows exactly what the board showed at that moment.
// A moment whose events the scrubber's copy already holds is folded here (the log's timeline, the
// server's own fold) without a round trip: the server's answer was most of a jump's time, and all
// of its tail under load (the board-jump bench). The server is asked for the first moment (with the
// board before the first event, to fold from) and for moments past the events held.
// While playing, the clock "runs" at the playback speed between answers, so units glide along their
// legs as they do live.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BoardState } from '../../../shared/board-state.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import type { ClockState } from '../../../shared/live.ts';
import type { BoardStore } from '../live/board-store.ts';
import { fetchEventPage, getJson } from '../live/rest.ts';
import { ReplayLog } from './replay-log.ts';

export interface ReplayReply {
  exerciseId: string;
  at: number;
  endsAt: number;
  state: BoardState;
  recent: DomainEvent[];
  previousAt?: number;
  nextAt?: number;
  /** The board before the first event (asked for with `origin=1`). */
  origin?: BoardState;
}


export interface ReplayView {
  /** The answer for the moment last asked for (undefined until the first arrives). */
  reply?: ReplayReply;
  error?: string;
}

export function replayUrl(exerciseId: string, at: number, origin = false): string {
  // The events come from the scrubber's own copy of the log (ReplayLog), not with each answer.
  return `/api/exercises/${encodeURIComponent(exerciseId)}/replay?at=${Math.max(0, Math.round(at))}&recent=0${origin ? '&origin=1' : ''}`;
}

export function useReplay(store: BoardStore, exerciseId: string, code: string, at: number, clock: { playing: boolean; speed: number; startIso: string; endsAt: number }): ReplayView {
  const [view, setView] = useState<ReplayView>({});
  const log = useMemo(() => new ReplayLog((after, limit) => fetchEventPage(exerciseId, code, after, limit)), [exerciseId, code]);
  const asked = useRef(0);
  const shown = useRef(0);
  /** The server's last answer (its end of the drill bounds the moments folded here). */
  const lastReply = useRef<ReplayReply | undefined>(undefined);
  // Bumped when the page leaves this exercise (or unmounts): answers asked for before are dropped.
  const generation = useRef(0);
  useEffect(() => () => { generation.current++; lastReply.current = undefined; }, [store, log]);
  const clockRef = useRef(clock);
  clockRef.current = clock;
  useEffect(() => {
    const ticket = ++asked.current;
    const gen = generation.current;
    // An answer is shown unless a later-asked one already is: while the slider is dragged or playback
    // runs faster than the server answers, the board still moves on, never back to an older moment,
    // and the moment asked for last is the one left on screen.
    const stale = (): boolean => gen !== generation.current || ticket < shown.current;
    const show = (reply: ReplayReply): void => {
      shown.current = ticket;
      const c = clockRef.current;
      const state: ClockState = { status: c.playing ? 'running' : 'paused', simTime: reply.at, wallAt: Date.now(), speed: c.playing ? c.speed : 1, endsAt: reply.endsAt, startIso: c.startIso };
      store.showMoment({ exerciseId, seq: reply.state.seq, board: reply.state, clock: state }, log.eventsUpTo(reply.state.seq));
      setView({ reply });
    };
    // Held here: shown at once. Past the end the server last gave (a drill still running), ask it.
    const last = lastReply.current;
    const held = last && at <= last.endsAt ? log.momentAt(at) : undefined;
    if (last && held) {
      show({ exerciseId, at, endsAt: last.endsAt, recent: [], ...held });
      return;
    }
    void (async () => {
      try {
        const reply = await getJson<ReplayReply>(replayUrl(exerciseId, at, !log.hasOrigin), code);
        if (reply.origin) log.setOrigin(reply.origin);
        if (stale()) return;
        await log.upTo(reply.state.seq);
        if (gen !== generation.current) return;
        lastReply.current = reply;
        if (stale()) return;
        show(reply);
      } catch (err) {
        if (!stale()) setView((v) => ({ ...v, error: err instanceof Error ? err.message : String(err) }));
      }
    })();
  }, [store, log, exerciseId, code, at]);
  // Play and pause between answers: the clock starts or stops gliding from the moment shown.
  const shownAt = view.reply?.at;
  const shownEnd = view.reply?.endsAt;
  useEffect(() => {
    if (shownAt === undefined || shownEnd === undefined) return;
    store.setClock({ status: clock.playing ? 'running' : 'paused', simTime: shownAt, wallAt: Date.now(), speed: clock.playing ? clock.speed : 1, endsAt: shownEnd, startIso: clock.startIso });
    // Only a change of playing, speed or the drill's start re-sets the clock; a new answer sets it
    // with its snapshot. The start comes with the exercise's details, which a page opened at a
    // moment may get after the first answer: the clock then gains its date without a new answer.
  }, [store, clock.playing, clock.speed, clock.startIso]);
  return view;
}
