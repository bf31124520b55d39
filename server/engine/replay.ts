// Replay: rebuild an engine from its scenario, seed and event log. The log holds every accepted
// command (COMMAND_ACCEPTED) with its sim time; everything else follows deterministically, so
// re-running those commands reproduces the same events and the same state, bit for bit.
import type { DomainEvent } from '../../shared/events.ts';
import { createEngine } from './engine.ts';
import type { Engine, EngineConfig } from './types.ts';

export interface Replayed {
  engine: Engine;
  /** The events the replay produced (compare with the original log). */
  events: DomainEvent[];
}

export function replay(config: EngineConfig, log: readonly DomainEvent[], until?: number): Replayed {
  const engine = createEngine(config);
  const events = engine.start();
  for (const e of log) {
    if (e.type !== 'COMMAND_ACCEPTED') continue;
    events.push(...engine.advanceTo(e.t));
    const { result, events: produced } = engine.apply(e.command, e.by);
    if (!result.ok) throw new Error(`replay diverged at seq ${e.seq}: ${result.error.message}`);
    events.push(...produced);
  }
  const end = until ?? log[log.length - 1]?.t ?? 0;
  events.push(...engine.advanceTo(end));
  return { engine, events };
}
