// A small commander script over the tabletop high-rise drill, for the debrief tests: each call is
// triaged and graded a minute after it rings; the first incident gets the recommendation minus its
// last unit (a changed decision), the others the recommendation as it stands. Returns the log.
import type { Actor } from '../shared/commands.ts';
import type { DomainEvent } from '../shared/events.ts';
import type { Scenario } from '../shared/schemas/scenario.ts';
import type { Engine, World } from '../server/engine/types.ts';
import { createEngine } from '../server/engine/engine.ts';
import { engineConfigFor } from '../server/scenario/engine-config.ts';

const MINUTE_MS = 60_000;
export const COMMANDER: Actor = { role: 'commander', id: 'cmdr-li' };

export function drillEngine(world: World, scenario: Scenario, seed: number): Engine {
  return createEngine(engineConfigFor(world, scenario, { seed }));
}

export interface ScriptedRun { events: DomainEvent[]; droppedUnit?: string; firstIncident?: string }

export function runCommanderScript(engine: Engine, until = engine.endsAt): ScriptedRun {
  const events = [...engine.start()];
  const out: ScriptedRun = { events };
  for (let t = MINUTE_MS; t <= until; t += MINUTE_MS) {
    events.push(...engine.advanceTo(t));
    for (const inc of engine.view().incidents) {
      if (inc.status !== 'callReceived' || t - inc.receivedAt < MINUTE_MS) continue;
      events.push(...engine.apply({ type: 'TRIAGE_CALL', incidentId: inc.id, incidentType: inc.type, grade: inc.type === 'high-rise-fire' ? 2 : 1 }, COMMANDER).events);
      const rec = engine.recommend(inc.id);
      if (out.firstIncident === undefined && rec && rec.units.length > 1) {
        out.firstIncident = inc.id;
        out.droppedUnit = rec.units.at(-1)!.unitId;
        events.push(...engine.apply({ type: 'DISPATCH_UNITS', incidentId: inc.id, unitIds: rec.units.slice(0, -1).map((u) => u.unitId) }, COMMANDER).events);
      } else {
        events.push(...engine.apply({ type: 'DISPATCH_RECOMMENDED', incidentId: inc.id }, COMMANDER).events);
      }
    }
  }
  return out;
}
