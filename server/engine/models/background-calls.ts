// Background calls (背景警情) as an engine model: the call source (a non-homogeneous Poisson process,
// server/scenario/call-generator.ts) is asked for the next call; it rings at its time and the next
// one is drawn from the run's background-arrivals stream (the same calls whatever else changes). State: the next call waiting to ring (and how many have rung). Timer: 'next-call'.
import type { BackgroundCall, BackgroundCallSource } from '../kernel/ports.ts';
import type { EngineModel } from '../kernel/model.ts';
import { receiveCall } from '../domain/call-handling.ts';
import { STREAM } from '../kernel/rng.ts';

export interface BackgroundCallsState {
  /** The call that rings at the 'next-call' timer; null when the source has no more before the end. */
  next: BackgroundCall | null;
  /** Background calls rung so far. */
  rung: number;
}

export const BACKGROUND_CALLS_MODEL = 'background-calls';
const NEXT = 'next-call';

export function backgroundCallsModel(source: BackgroundCallSource): EngineModel<BackgroundCallsState> {
  return {
    id: BACKGROUND_CALLS_MODEL,
    initialState: () => ({ next: null, rung: 0 }),
    start(ctx) {
      const first = source.next(ctx.sim.stream(STREAM.backgroundArrivals), 0, ctx.sim.endsAt);
      ctx.state.next = first ?? null;
      if (first) ctx.schedule(first.at, NEXT);
    },
    onTimer(ctx, name) {
      const call = ctx.state.next;
      if (name !== NEXT || !call) return;
      const { sim } = ctx;
      ctx.state.rung++;
      receiveCall(sim, { source: 'background', type: call.incidentType, location: call.location, description: '', streamKey: `background-${ctx.state.rung}` });
      const next = source.next(sim.stream(STREAM.backgroundArrivals), sim.now, sim.endsAt);
      ctx.state.next = next ?? null;
      if (next) ctx.schedule(next.at, NEXT);
    },
  };
}
