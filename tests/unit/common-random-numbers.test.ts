// Common random numbers: each purpose draws from its own PRNG stream (background arrivals for the
// run; call details, answer and processing times per call, keyed by the call's place in its source:
// the n-th background call, an inject's id), so changing the fire service or the exercise around
// the calls leaves the calls exactly as they were: the same times, places, types, caller reports
// and hidden truth, answered after the same delay. Only the response differs. Paired comparisons of
// layouts (sim batch) and counterfactual forks rest on this. (With one shared stream the station
// and run-card cases already held in auto mode, since dispatch draws nothing; the manual-mode and
// added/skipped-call cases did not: processing times and extra calls shifted every later call.)
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { createBackgroundCalls } from '../../server/scenario/call-generator.ts';
import { createEngine } from '../../server/engine/engine.ts';
import type { World } from '../../server/engine/types.ts';
import type { Mode, Scenario } from '../../shared/schemas/scenario.ts';
import type { RunCard } from '../../shared/schemas/run-cards.ts';
import type { Actor, CommandInput } from '../../shared/commands.ts';
import { CommandSchema } from '../../shared/commands.ts';
import type { DomainEvent } from '../../shared/events.ts';

const HOUR_MS = 3_600_000;
const controller: Actor = { role: 'controller' };
const world = loadWorld({});
const day = loadScenario('scenarios/normal-day.yaml', world);
/** A busy day: four times the normal background load, and the day's two scripted calls. */
const busyDay: Scenario = { ...day, background: { ...day.background, scale: 4 } };

/** The demo county without Chengxi station: its jurisdiction and township are covered from the special service station. */
function withoutChengxi(w: World): World {
  const gone = 'qs-chengxi';
  const replacement = 'qs-special';
  const region = {
    ...w.region,
    stations: w.region.stations.filter((s) => s.id !== gone).map((s) => (s.supervisingStationId === gone ? { ...s, supervisingStationId: replacement } : s)),
    jurisdictions: w.region.jurisdictions.map((j) => ({
      ...j,
      ...(j.homeStationId === gone ? { homeStationId: replacement } : {}),
      ...(j.supervisingStationId === gone ? { supervisingStationId: replacement } : {}),
    })),
  };
  return { ...w, region };
}

/** A heavier first dispatch to every building fire: five water units instead of three. */
function heavierBuildingFireCard(w: World): World {
  const cards = w.runCards.cards['building-fire']!;
  const g1: RunCard = cards['1']!;
  const card: RunCard = { ...g1, needs: g1.needs.map((n) => (n.capability === 'water' ? { ...n, vehicles: 5 } : n)) };
  return { ...w, runCards: { ...w.runCards, cards: { ...w.runCards.cards, 'building-fire': { ...cards, '1': card } } } };
}

interface Run { w?: World; mode?: Mode; commands?: { at: number; command: CommandInput }[] }

function runDay({ w = world, mode = 'auto', commands = [] }: Run = {}): DomainEvent[] {
  const scenario: Scenario = { ...busyDay, mode };
  const engine = createEngine({ world: w, scenario, seed: 11, background: createBackgroundCalls(w, scenario) });
  const log = [...engine.start()];
  const todo = [...commands];
  for (let t = 0; t <= engine.endsAt; t += HOUR_MS / 4) {
    log.push(...engine.advanceTo(t));
    while (todo.length > 0 && todo[0]!.at <= t) {
      const { result, events } = engine.apply(CommandSchema.parse(todo.shift()!.command), controller);
      expect(result.ok).toBe(true);
      log.push(...events);
    }
  }
  return log;
}

/** The background and scripted calls as callers make them, with the hidden truth and how long each rang before it was answered. */
function calls(log: readonly DomainEvent[]) {
  const answeredAt = new Map<string, number>();
  for (const e of log) if (e.type === 'CALL_ANSWERED') answeredAt.set(e.incidentId, e.t);
  return log.flatMap((e) => (e.type === 'CALL_RECEIVED' && e.source !== 'controller'
    ? [{ t: e.t, source: e.source, location: e.location, type: e.reportedType, description: e.description, size: e.reportedSize, trapped: e.reportedTrapped, grade: e.reportedGrade, truth: e.truth, rang: (answeredAt.get(e.incidentId) ?? NaN) - e.t }]
    : []));
}

const dispatches = (log: readonly DomainEvent[]) => log.flatMap((e) => (e.type === 'UNIT_DISPATCHED' ? [`${e.incidentId}:${e.unitId}`] : []));

describe('common random numbers: the same calls whatever else changes', () => {
  const base = runDay();
  const baseCalls = calls(base);

  it('the busy day has calls to compare, some whose truth differs from the report', () => {
    expect(baseCalls.length).toBeGreaterThanOrEqual(12);
    expect(baseCalls.filter((c) => c.source === 'scripted')).toHaveLength(2);
    expect(baseCalls.some((c) => c.truth.size !== c.size)).toBe(true);
    expect(baseCalls.every((c) => c.rang > 0)).toBe(true);
  });

  it('without one station: the same calls; no Chengxi unit goes anywhere', () => {
    const other = runDay({ w: withoutChengxi(world) });
    expect(calls(other)).toEqual(baseCalls);
    expect(dispatches(base).some((d) => d.endsWith(':qs-chengxi-1') || d.includes(':qs-chengxi'))).toBe(true);
    expect(dispatches(other).some((d) => d.includes(':qs-chengxi'))).toBe(false);
  });

  it('with a changed run card: the same calls; more units go', () => {
    const other = runDay({ w: heavierBuildingFireCard(world) });
    expect(calls(other)).toEqual(baseCalls);
    expect(dispatches(other).length).toBeGreaterThan(dispatches(base).length);
  });

  it('in manual mode (nobody processes the calls): the same calls', () => {
    const other = runDay({ mode: 'manual' });
    expect(calls(other)).toEqual(baseCalls);
    expect(dispatches(other)).toEqual([]);
  });

  it('with an ad-hoc call added and a scripted call skipped: every other call is the same', () => {
    const other = runDay({
      commands: [
        { at: 0, command: { type: 'SKIP_INJECT', injectId: 'inj-1' } },
        { at: 2 * HOUR_MS, command: { type: 'RECEIVE_CALL', incidentType: 'building-fire', location: [24.6, 110.56], description: 'controller call' } },
      ],
    });
    const skipped = baseCalls.filter((c) => !(c.source === 'scripted' && c.t === 10.75 * HOUR_MS));
    expect(skipped.length).toBe(baseCalls.length - 1);
    expect(calls(other)).toEqual(skipped);
  });
});
