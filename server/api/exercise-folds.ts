// The folds the server keeps of one exercise's stored log: the board as controllers see it, the
// board as players see it (folded from the events they are allowed, so a player's snapshot holds
// exactly what their deltas would have given them), and the run summary (metrics).
import type { Actor } from '../../shared/commands.ts';
import type { DomainEvent } from '../../shared/events.ts';
import { applyEvent, createBoardState, type BoardState } from '../../shared/board-state.ts';
import type { Mode } from '../../shared/schemas/scenario.ts';
import type { World } from '../engine/types.ts';
import { createRunSummary, type RunSummaryFold } from '../metrics/summary.ts';
import type { Audience } from './exercise-rooms.ts';
import { visibleEvent } from './redact.ts';

export class ExerciseFolds {
  readonly summary: RunSummaryFold;
  private readonly boards: Record<Audience, BoardState>;
  private last = 0;
  /** Who gave the command whose events are being folded (until the next command). */
  private commandBy: Actor | undefined;
  /** The last dispatch of each unit: who ordered it, to which incident. */
  private readonly dispatches = new Map<string, { by: Actor; incidentId: string }>();

  constructor(world: World, mode: Mode) {
    const units = world.region.stations.flatMap((s) => s.units.map((u) => ({ id: u.id, stationId: s.id, type: u.type, home: s.location })));
    this.boards = { controller: createBoardState(units, mode), player: createBoardState(units, mode) };
    this.summary = createRunSummary(world);
  }

  /** Seq of the last folded event. */
  get seq(): number { return this.last; }

  /** Who last dispatched a unit, and where to. */
  dispatchOf(unitId: string): { by: Actor; incidentId: string } | undefined {
    return this.dispatches.get(unitId);
  }

  board(audience: Audience): BoardState {
    return this.boards[audience];
  }

  fold(e: DomainEvent): void {
    applyEvent(this.boards.controller, e);
    const shown = visibleEvent('player', e);
    if (shown) applyEvent(this.boards.player, shown);
    // The player board stands at the same seq as the stored log (hidden events included), so its
    // snapshot continues the seq chain its deltas follow.
    this.boards.player.seq = e.seq;
    this.boards.player.now = e.t;
    this.summary.add(e);
    this.last = e.seq;
    if (e.type === 'COMMAND_ACCEPTED') this.commandBy = e.by;
    else if (e.type === 'UNIT_DISPATCHED') {
      const by = this.commandBy?.role === e.by ? this.commandBy : { role: e.by };
      this.dispatches.set(e.unitId, { by, incidentId: e.incidentId });
    }
  }
}
