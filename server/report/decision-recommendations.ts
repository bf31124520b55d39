// The recommendation each dispatch decision was made against, recomputed by replaying the log: the
// engine is rebuilt from the scenario and seed, and just before each player's dispatch command is
// applied (at its sim time, as the live server applied it) the recommendation for its incident is
// asked for. One replay pass for the whole log, no change to the log format, and it works for every
// exercise ever recorded; recommend() reads the state and changes nothing (tested by the digest).
import type { DomainEvent } from '../../shared/events.ts';
import { createEngine } from '../engine/engine.ts';
import { isLoggedCommand, reapply } from '../engine/replay.ts';
import type { EngineConfig } from '../engine/types.ts';

const DISPATCH = new Set(['DISPATCH_UNITS', 'DISPATCH_RECOMMENDED']);
const PLAYERS = new Set(['commander', 'controller', 'observer']);

export function recommendationsByReplay(config: EngineConfig, log: readonly DomainEvent[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const engine = createEngine(config);
  engine.start();
  for (const e of log) {
    if (!isLoggedCommand(e)) continue;
    engine.advanceTo(e.t);
    const c = e.command;
    if (e.type === 'COMMAND_ACCEPTED' && DISPATCH.has(c.type) && PLAYERS.has(e.by.role) && 'incidentId' in c && c.incidentId !== undefined) {
      const rec = engine.recommend(c.incidentId);
      if (rec) out.set(e.seq, rec.units.map((u) => u.unitId));
    }
    reapply(engine, e, 'replaying the log for the decision log');
  }
  return out;
}
