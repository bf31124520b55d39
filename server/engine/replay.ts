// Replay: rebuild an engine from its scenario, seed and event log. The log holds every accepted
// command (COMMAND_ACCEPTED) with its sim time; everything else follows deterministically, so
// re-running those commands reproduces the same events and the same state, bit for bit. A replay
// may also start from an engine snapshot and run only the log after it (fast resume).
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

function replayCommands(engine: Engine, log: readonly DomainEvent[], until?: number): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (const e of log) {
    if (e.type !== 'COMMAND_ACCEPTED') continue;
    events.push(...engine.advanceTo(e.t));
    const { result, events: produced } = engine.apply(e.command, e.by);
    if (!result.ok) throw new Error(`replay diverged at seq ${e.seq}: ${result.error.message}`);
    events.push(...produced);
  }
  const end = until ?? log[log.length - 1]?.t ?? 0;
  events.push(...engine.advanceTo(end));
  return events;
}
