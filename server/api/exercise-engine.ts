// How the server builds and rebuilds an exercise's engine: the same configuration for a new
// exercise and for a replay of its stored log (crash recovery), and the state digest it reports.
import { createHash } from 'node:crypto';
import type { DomainEvent } from '../../shared/events.ts';
import type { Mode, Scenario } from '../../shared/schemas/scenario.ts';
import { createEngine } from '../engine/engine.ts';
import { isLoggedCommand, reapply, replay } from '../engine/replay.ts';
import type { Engine, EngineConfig, World } from '../engine/types.ts';
import { engineConfigFor } from '../scenario/engine-config.ts';
import { createLogHasher } from '../metrics/log-hash.ts';

/** SHA-256 by node:crypto: the same digest as the engine's own, without stalling the server's loop on a large state. */
const nativeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function exerciseEngineConfig(world: World, scenario: Scenario, seed: number, mode: Mode): EngineConfig {
  return { ...engineConfigFor(world, scenario, { seed, mode }), sha256: nativeSha256 };
}

export function newExerciseEngine(config: EngineConfig): { engine: Engine; first: DomainEvent[] } {
  const engine = createEngine(config);
  return { engine, first: engine.start() };
}

/** The engine's digest (SHA-256 of its canonical state): equal digests ⇔ equal states. */
export function stateDigest(engine: Engine): string {
  return engine.digest();
}

export class ReplayMismatchError extends Error {
  override name = 'ReplayMismatchError';
}

/**
 * Rebuilds the engine from the stored log and checks that the replay reproduced the stored events
 * exactly (same bytes, in order). `until` is where the clock stops (default: the last event). The
 * replay may go a little further than the log: happenings a command scheduled at its own instant
 * are processed by the next driver tick, which a crash can pre-empt; they come back as `extra`
 * events for the caller to store.
 */
export function rebuildFromLog(config: EngineConfig, log: readonly DomainEvent[], until?: number): { engine: Engine; extra: DomainEvent[] } {
  const { engine, events } = replay(config, log, until);
  if (events.length < log.length) {
    throw new ReplayMismatchError(`replaying the stored log gave ${events.length} events, the log holds ${log.length}`);
  }
  const a = createLogHasher();
  const b = createLogHasher();
  a.addAll(log);
  b.addAll(events.length === log.length ? events : events.slice(0, log.length));
  if (a.hex() !== b.hex()) throw new ReplayMismatchError('replaying the stored log gave different events than the log holds');
  return { engine, extra: events.slice(log.length) };
}

/**
 * The engine state right after the command whose events end at `seq` (what the server reports as
 * its checkpoint after a command): the log's commands up to there applied at their sim times, and
 * nothing processed after the last one.
 */
export function stateAfterCommand(config: EngineConfig, log: readonly DomainEvent[], seq: number): Engine {
  const engine = createEngine(config);
  engine.start();
  for (const e of log) {
    if (e.seq > seq) break;
    if (!isLoggedCommand(e)) continue;
    engine.advanceTo(e.t);
    try {
      reapply(engine, e);
    } catch (err) {
      throw new ReplayMismatchError(err instanceof Error ? err.message : String(err));
    }
  }
  return engine;
}
