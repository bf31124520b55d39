// Replay: rebuild an engine from its scenario, seed and event log. The log holds every command
// with its sim time, accepted (COMMAND_ACCEPTED) or refused (COMMAND_REFUSED: a refusal changes
// nothing but takes its place in the log); everything else follows deterministically, so re-running
// those commands reproduces the same events and the same state, bit for bit. A replay may also
// start from an engine snapshot and run only the log after it (fast resume).
import type { DomainEvent } from '../../shared/events.ts';
import { createEngine } from './engine.ts';
import type { EngineSnapshot } from './snapshot.ts';
import type { Engine, EngineConfig } from './types.ts';

export interface Replayed {
  engine: Engine;
  /** The events the replay produced (compare with the original log; from a snapshot: the log after it). */
  events: DomainEvent[];
}

export function replay(config: EngineConfig, log: readonly DomainEvent[], until?: number): Replayed {
  const engine = createEngine(config);
  const events = engine.start();
  events.push(...replayCommands(engine, log, until));
  return { engine, events };
}

/**
 * Restores the snapshot and replays the log's commands after it (events with seq ≤ the snapshot's
 * are skipped, so the whole log may be passed). Throws when the snapshot does not fit the config.
 */
export function replayFromSnapshot(config: EngineConfig, snapshot: EngineSnapshot, log: readonly DomainEvent[], until?: number): Replayed {
  const engine = createEngine({ ...config, restore: snapshot });
  const after = log.filter((e) => e.seq > snapshot.seq);
  return { engine, events: replayCommands(engine, after, until ?? (after.length > 0 ? undefined : engine.now)) };
}

/** A logged command (accepted or refused): the events that record commands. */
export type LoggedCommand = Extract<DomainEvent, { type: 'COMMAND_ACCEPTED' | 'COMMAND_REFUSED' }>;

export function isLoggedCommand(e: DomainEvent): e is LoggedCommand {
  return e.type === 'COMMAND_ACCEPTED' || e.type === 'COMMAND_REFUSED';
}

/**
 * Applies a logged command again at the engine's clock and returns what it produced. Throws when
 * the outcome differs from the log's: an accepted command refused, or a refused one accepted or
 * refused for another reason (`what` names the replay in the message).
 */
export function reapply(engine: Engine, e: LoggedCommand, what = 'replay'): DomainEvent[] {
  const { result, events } = engine.apply(e.command, e.by);
  if (e.type === 'COMMAND_ACCEPTED' && !result.ok) throw new Error(`${what} diverged at seq ${e.seq}: ${result.error.message}`);
  if (e.type === 'COMMAND_REFUSED') {
    if (result.ok) throw new Error(`${what} diverged at seq ${e.seq}: ${e.command.type} was refused (${e.error.message}) and is now accepted`);
    if (result.error.message !== e.error.message) throw new Error(`${what} diverged at seq ${e.seq}: ${e.command.type} was refused (${e.error.message}) and is now refused otherwise (${result.error.message})`);
  }
  return events;
}

function replayCommands(engine: Engine, log: readonly DomainEvent[], until?: number): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (const e of log) {
    if (!isLoggedCommand(e)) continue;
    events.push(...engine.advanceTo(e.t));
    events.push(...reapply(engine, e));
  }
  const end = until ?? log[log.length - 1]?.t ?? 0;
  events.push(...engine.advanceTo(end));
  return events;
}
