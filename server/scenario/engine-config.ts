// The engine configuration of one run of a scenario on a world: its seed, the mode it is played in
// and the background calls the call generator adds when the scenario asks for them. `sim run`,
// `sim serve` and the exercise server all build it here, so a drill on the board and a headless run
// of the same scenario and seed are the same engine.
import type { Mode, Scenario } from '../../shared/schemas/scenario.ts';
import type { BackgroundCallSource, EngineConfig, World } from '../engine/types.ts';
import { createBackgroundCalls } from './call-generator.ts';
import { hazardsModelFor } from './hazard-config.ts';

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's mode (an exercise may be played in another mode than the file's). */
  mode?: Mode;
  /** A call source built once and reused across runs (batch replications); otherwise one is made here. */
  background?: BackgroundCallSource;
}

export function engineConfigFor(world: World, scenario: Scenario, opts: RunOptions = {}): EngineConfig {
  const played: Scenario = opts.mode === undefined ? scenario : { ...scenario, mode: opts.mode };
  // Chemical releases and floods (only when the scenario has hazards: other runs keep their logs).
  const hazards = hazardsModelFor(world, played);
  return {
    world,
    scenario: played,
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(played.background.enabled ? { background: opts.background ?? createBackgroundCalls(world, played) } : {}),
    ...(hazards ? { models: [hazards] } : {}),
  };
}
