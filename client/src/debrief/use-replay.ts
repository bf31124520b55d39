// The replay scrubber's source: the board state at sim time `at`, as the server folds it from the
// stored log (GET …/replay, checkpointed, so a jump anywhere in a day-long log is cheap), put into a
// BoardStore the way a live snapshot is. The board's own map and panels read that store, so the
// debrief shows exactly what the board showed at that moment. While playing, the clock "runs" at
// the playback speed between answers, so units glide along their legs as they do live.
import { useEffect, useRef, useState } from 'react';
import type { BoardState } from '../../../shared/board-state.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import type { ClockState } from '../../../shared/live.ts';
import type { BoardStore } from '../live/board-store.ts';
import { getJson } from '../live/rest.ts';

export interface ReplayReply {
  exerciseId: string;
  at: number;
  endsAt: number;
  state: BoardState;
  recent: DomainEvent[];
  previousAt?: number;
  nextAt?: number;
}

/** Events sent with each answer for the event log and the incident timelines. */
const RECENT = 500;

export interface ReplayView {
  /** The answer for the moment last asked for (undefined until the first arrives). */
  reply?: ReplayReply;
  error?: string;
}

export function replayUrl(exerciseId: string, at: number): string {
  return `/api/exercises/${encodeURIComponent(exerciseId)}/replay?at=${Math.max(0, Math.round(at))}&recent=${RECENT}`;
}

export function useReplay(store: BoardStore, exerciseId: string, code: string, at: number, clock: { playing: boolean; speed: number; startIso: string; endsAt: number }): ReplayView {
  const [view, setView] = useState<ReplayView>({});
  const asked = useRef(0);
  const clockRef = useRef(clock);
  clockRef.current = clock;
  useEffect(() => {
    const ticket = ++asked.current;
    let gone = false;
    getJson<ReplayReply>(replayUrl(exerciseId, at), code).then(
      (reply) => {
        // An answer for a moment the slider has already left is dropped: only the latest counts.
        if (gone || ticket !== asked.current) return;
        const c = clockRef.current;
        const state: ClockState = { status: c.playing ? 'running' : 'paused', simTime: reply.at, wallAt: Date.now(), speed: c.playing ? c.speed : 1, endsAt: reply.endsAt, startIso: c.startIso };
        store.applySnapshot({ exerciseId, seq: reply.state.seq, board: reply.state, clock: state });
        store.mergeHistory(reply.recent.filter((e) => e.seq <= reply.state.seq), { complete: true });
        setView({ reply });
      },
      (err: unknown) => { if (!gone && ticket === asked.current) setView((v) => ({ ...v, error: err instanceof Error ? err.message : String(err) })); },
    );
    return () => { gone = true; };
  }, [store, exerciseId, code, at]);
  // Play and pause between answers: the clock starts or stops gliding from the moment shown.
  const shownAt = view.reply?.at;
  const shownEnd = view.reply?.endsAt;
  useEffect(() => {
    if (shownAt === undefined || shownEnd === undefined) return;
    store.setClock({ status: clock.playing ? 'running' : 'paused', simTime: shownAt, wallAt: Date.now(), speed: clock.playing ? clock.speed : 1, endsAt: shownEnd, startIso: clock.startIso });
    // Only a change of playing or speed re-sets the clock; a new answer sets it with its snapshot.
  }, [store, clock.playing, clock.speed]);
  return view;
}
