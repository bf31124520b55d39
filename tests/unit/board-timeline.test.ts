// The replay scrubber's index (server/report/board-timeline.ts) on a real log: the normal day at forty
// times its load, folded once. The state it gives at any moment equals the board folded from the
// start up to that moment (across checkpoints and between events), and an index grown piece by piece
// as a running drill's log grows gives the same states as one built at once.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { unitSeeds } from '../../server/metrics/unit-timeline.ts';
import { BoardTimeline, CHECKPOINT_EVENTS } from '../../server/report/board-timeline.ts';
import { applyEvent, createBoardState } from '../../shared/board-state.ts';

const world = loadWorld({});
const base = loadScenario('scenarios/normal-day.yaml', world);
const scenario = { ...base, background: { ...base.background, enabled: true, scale: 40 } };
const engine = createEngine(engineConfigFor(world, scenario));
const events = [...engine.start(), ...engine.advanceTo(engine.endsAt)];

/** The board folded from the start over every event with t ≤ at, the clock shown at `at`. */
function foldTo(at: number) {
  const s = createBoardState(unitSeeds(world), scenario.mode);
  for (const e of events) if (e.t <= at) applyEvent(s, e);
  if (at > s.now) s.now = at;
  return s;
}

describe('replay index', () => {
  it('is long enough to cross checkpoints', () => {
    expect(events.length).toBeGreaterThan(2 * CHECKPOINT_EVENTS);
  });

  const moments = [0, 1, events[CHECKPOINT_EVENTS - 1]!.t, events[CHECKPOINT_EVENTS]!.t, events[CHECKPOINT_EVENTS]!.t + 1, 3 * 3_600_000 + 17_000, events.at(-1)!.t];

  it('gives the state at any moment: the fold from the start up to it', () => {
    const tl = new BoardTimeline(unitSeeds(world), scenario.mode, events);
    for (const at of moments) expect(tl.stateAt(at), `at ${at}`).toEqual(foldTo(at));
  });

  it('grown piece by piece (a running drill) equals one built at once', () => {
    const whole = new BoardTimeline(unitSeeds(world), scenario.mode, events);
    const grown = new BoardTimeline(unitSeeds(world), scenario.mode, events.slice(0, 700));
    for (let i = 700; i < events.length; i += 1_337) grown.append(events.slice(i, Math.min(events.length, i + 1_337)));
    expect(grown.length).toBe(events.length);
    for (const at of moments) expect(grown.stateAt(at)).toEqual(whole.stateAt(at));
    expect(grown.nextEventAfter(moments[5]!)).toBe(whole.nextEventAfter(moments[5]!));
    expect(grown.lastEvents(moments[5]!, 5)).toEqual(events.filter((e) => e.t <= moments[5]!).slice(-5));
  });
});
