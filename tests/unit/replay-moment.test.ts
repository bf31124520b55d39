// The scrubber's moment is the fold of the log up to it, whatever was shown before: the tabletop
// drill played by a scripted commander for an hour (real engine log, with the hidden truth a
// controller sees) is scrubbed forward to late moments and back; at every moment the board store
// (board, event log, hidden truth, ETA growth) equals a fresh store opened at that moment, and its
// notes equal those folded from the log's events up to it. The replay log is fetched in pages.
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/events.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { unitSeeds } from '../../server/metrics/unit-timeline.ts';
import { BoardTimeline } from '../../server/report/board-timeline.ts';
import { BoardStore } from '../../client/src/live/board-store.ts';
import { DrillNotes } from '../../client/src/live/drill-notes.ts';
import { ReplayLog } from '../../client/src/debrief/replay-log.ts';
import { drillEngine, runCommanderScript } from '../drill-script.ts';

const MIN = 60_000;
const world = loadWorld({});
const scenario = loadScenario('scenarios/tabletop-highrise.yaml', world);
const run = runCommanderScript(drillEngine(world, scenario, 7), 60 * MIN);
const timeline = new BoardTimeline(unitSeeds(world), scenario.mode, run.events);

/** The stored log as the events endpoint pages it (small pages, so several are fetched). */
const pages: number[] = [];
const fetchPage = (after: number, limit: number): Promise<DomainEvent[]> => {
  pages.push(after);
  return Promise.resolve(run.events.filter((e) => e.seq > after).slice(0, Math.min(limit, 40)));
};

/** Shows moment `t` in `store` as the debrief does: the server's fold at t, the events up to its seq. */
async function show(store: BoardStore, log: ReplayLog, t: number): Promise<void> {
  const board = timeline.stateAt(t);
  await log.upTo(board.seq);
  store.showMoment({ exerciseId: 'x', seq: board.seq, board, clock: { status: 'paused', simTime: t, wallAt: 0, speed: 1, endsAt: 60 * MIN, startIso: scenario.start } }, log.eventsUpTo(board.seq));
}

/** What the panels read from the store, in comparable form. */
function seen(store: BoardStore) {
  const s = store.getState();
  const units = Object.keys(s.board!.units).sort();
  return {
    board: JSON.stringify(s.board),
    log: s.log.map((e) => e.seq),
    truth: [...s.notes.truth.entries()].sort(([a], [b]) => a.localeCompare(b)),
    etaGrowth: units.map((u) => [u, s.notes.etaGrowth(u) ?? null]),
  };
}

function foldedNotes(t: number) {
  const notes = new DrillNotes();
  for (const e of run.events) if (e.t <= t) notes.add(e);
  return [...notes.truth.entries()].sort(([a], [b]) => a.localeCompare(b));
}

describe('the replay moment', () => {
  const fire = run.firstIncident!;
  // Just after the fire is graded and dispatched (its call rings at 5:00), before any size-up; and late.
  const early = 7 * MIN;
  const late = 55 * MIN;

  it('is the same after scrubbing forward and back as when opened there', async () => {
    // The hand-checked premise: the fire's true picture changes between the two moments (size-ups).
    expect(foldedNotes(late).find(([id]) => id === fire)).not.toEqual(foldedNotes(early).find(([id]) => id === fire));

    const scrubbed = new BoardStore(() => 0);
    const log = new ReplayLog(fetchPage);
    for (const t of [0, 20 * MIN, late, 30 * MIN, early]) await show(scrubbed, log, t);
    const fresh = new BoardStore(() => 0);
    await show(fresh, new ReplayLog(fetchPage), early);

    expect(seen(scrubbed)).toEqual(seen(fresh));
    expect(seen(scrubbed).truth).toEqual(foldedNotes(early));
    const upTo = run.events.filter((e) => e.t <= early).map((e) => e.seq);
    expect(seen(scrubbed).log).toEqual(upTo);
    // The log came in several pages.
    expect(pages.length).toBeGreaterThan(2);
  });

  it('is folded in the page as the server folds it, once the events up to it and the next are held', async () => {
    const log = new ReplayLog(fetchPage);
    // No origin from the server yet: nothing to fold from.
    await log.upTo(timeline.stateAt(20 * MIN).seq);
    expect(log.momentAt(MIN)).toBeUndefined();
    log.setOrigin(timeline.origin());
    const lastHeld = log.eventsUpTo(Number.POSITIVE_INFINITY).at(-1)!.t;
    expect(lastHeld).toBeGreaterThanOrEqual(20 * MIN);
    for (let t = 0; t < lastHeld; t += MIN) {
      const mine = log.momentAt(t)!;
      // GET …/replay: the timeline's state, its clock at least at the moment asked for.
      const server = timeline.stateAt(t);
      server.now = Math.max(server.now, t);
      expect(JSON.stringify(mine.state)).toBe(JSON.stringify(server));
      expect([mine.previousAt, mine.nextAt]).toEqual([timeline.previousEventBefore(t), timeline.nextEventAfter(t)]);
    }
    // At or past the last event held, the next one may not be held: the server is asked.
    expect(log.momentAt(lastHeld)).toBeUndefined();
    // The log fetched on: the timeline follows it.
    await log.upTo(timeline.stateAt(40 * MIN).seq);
    const server = timeline.stateAt(35 * MIN);
    expect(JSON.stringify(log.momentAt(35 * MIN)!.state)).toBe(JSON.stringify({ ...server, now: Math.max(server.now, 35 * MIN) }));
  });

  it('is the same at every minute whichever moment came before', async () => {
    const scrubbed = new BoardStore(() => 0);
    const log = new ReplayLog(fetchPage);
    await show(scrubbed, log, 60 * MIN);
    for (let t = 59 * MIN; t >= 0; t -= 7 * MIN) {
      await show(scrubbed, log, t);
      const fresh = new BoardStore(() => 0);
      await show(fresh, new ReplayLog(fetchPage), t);
      expect(seen(scrubbed)).toEqual(seen(fresh));
      expect(seen(scrubbed).truth).toEqual(foldedNotes(t));
    }
  });
});
