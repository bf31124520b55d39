// Counterfactual forks: from moment T of a recorded exercise, a new run that starts from the state
// at T with the same random streams. The state at T is rebuilt by replaying the original's commands
// up to T (the engine is deterministic, so its events up to T are the original's, bit for bit: this
// is checked), then the fork plays what is done differently — commands added at their times — and,
// unless told otherwise, the original's later commands that still apply. Everything else (calls,
// growth, travel) follows from the seed, so the fork diverges only through what was done differently.
import type { Actor, Command } from '../../shared/commands.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { Engine, EngineConfig } from '../engine/types.ts';
import { replay } from '../engine/replay.ts';
import { createLogHasher } from '../metrics/log-hash.ts';

export interface ForkCommand { at: number; command: Command; by: Actor }

export interface ForkOptions {
  /** Sim ms: the fork shares the original's history up to and including T. */
  at: number;
  /** What is done differently: commands applied at their times (≥ T). */
  commands?: readonly ForkCommand[];
  /** Replay the original's commands after T too (default true); those the fork's state refuses are listed. */
  keepLaterCommands?: boolean;
  /** Where the fork stops (default: the scenario's end; never before T). */
  until?: number;
  /** How far the recording goes (default: its last event; a drill whose clock stood later reaches there). */
  reaches?: number;
}

export interface ForkResult {
  events: DomainEvent[];
  /** Seq of the last event shared with the original (its events with t ≤ T). */
  sharedSeq: number;
  /** Commands (original later ones, or added ones) the fork refused, with why. */
  refused: { at: number; command: string; message: string; from: 'original' | 'added' }[];
}

export class ForkError extends Error {}

const hashOf = (events: readonly DomainEvent[]): string => {
  const h = createLogHasher();
  h.addAll(events);
  return h.hex();
};

/**
 * The engine standing at T of a recorded exercise, rebuilt by replaying its commands up to T, and
 * the original's events up to T (which the replay reproduced bit for bit, or this throws).
 * `reaches`: how far the recording goes (default its last event; a drill whose clock stood later).
 */
export function stateAtFork(config: EngineConfig, original: readonly DomainEvent[], T: number, reaches = original.at(-1)?.t ?? 0): { engine: Engine; prefix: DomainEvent[] } {
  if (!(T >= 0)) throw new ForkError(`fork time must be ≥ 0 ms, got ${T}`);
  if (T > reaches) throw new ForkError(`the recorded exercise reaches ${Math.floor(reaches / 1000)} s; cannot fork at ${Math.floor(T / 1000)} s`);
  const prefix = original.filter((e) => e.t <= T);
  const { engine, events } = replay(config, prefix, T);
  if (events.length !== prefix.length || hashOf(events) !== hashOf(prefix)) {
    throw new ForkError(`replaying the exercise to ${T / 1000} s did not reproduce its log (${events.length} events, the log has ${prefix.length}): another scenario, seed or engine version`);
  }
  return { engine, prefix };
}

export function forkRun(config: EngineConfig, original: readonly DomainEvent[], opts: ForkOptions): ForkResult {
  const T = opts.at;
  for (const c of opts.commands ?? []) if (c.at < T) throw new ForkError(`a changed command at ${c.at / 1000} s is before the fork time ${T / 1000} s`);
  const { engine, prefix } = stateAtFork(config, original, T, opts.reaches);
  const events = [...prefix];
  const later: (ForkCommand & { from: 'original' | 'added' })[] = [
    ...(opts.keepLaterCommands === false ? [] : original.flatMap((e) => (e.type === 'COMMAND_ACCEPTED' && e.t > T ? [{ at: e.t, command: e.command, by: e.by, from: 'original' as const }] : []))),
    ...(opts.commands ?? []).map((c) => ({ ...c, from: 'added' as const })),
  ];
  // In time order; at the same instant the changed commands go first (they are the decision taken instead).
  later.sort((a, b) => a.at - b.at || (a.from === b.from ? 0 : a.from === 'added' ? -1 : 1));
  const refused: ForkResult['refused'] = [];
  const until = Math.max(T, Math.min(opts.until ?? engine.endsAt, engine.endsAt));
  for (const c of later) {
    if (c.at > until) break;
    events.push(...engine.advanceTo(c.at));
    const { result, events: produced } = engine.apply(c.command, c.by);
    // A refusal is in the fork's log too (COMMAND_REFUSED), as it would be in a live exercise.
    events.push(...produced);
    if (!result.ok) refused.push({ at: c.at, command: c.command.type, message: result.error.message, from: c.from });
  }
  events.push(...engine.advanceTo(until));
  return { events, sharedSeq: prefix.at(-1)?.seq ?? 0, refused };
}
