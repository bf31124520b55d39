// The folds the server keeps of one exercise's stored log: the board as controllers see it, the
// board as players see it (folded from the events they are allowed, so a player's snapshot holds
// exactly what their deltas would have given them), and the run summary (metrics). Ended incidents
// stay on the boards for the board's list of ended ones, the most recent ENDED_KEPT of them; older
// ones are dropped (the debrief and the incident's timeline read them from the log), so a long
// exercise's boards and snapshots hold what is open and recent, not every call it ever had.
import type { Actor } from '../../shared/commands.ts';
import type { DomainEvent } from '../../shared/events.ts';
import { applyEvent, createBoardState, type BoardState } from '../../shared/board-state.ts';
import type { Mode } from '../../shared/schemas/scenario.ts';
import type { World } from '../engine/types.ts';
import { createRunSummary, type RunSummaryFold } from '../metrics/summary.ts';
import type { Audience } from './exercise-rooms.ts';
import { visibleEvent } from './redact.ts';
import { ENDED_INCIDENT_STATUSES } from '../../shared/domain/status.ts';

/** Ended incidents each board keeps (most recently ended): more than the board's list shows at once. */
export const ENDED_KEPT = 300;

export class ExerciseFolds {
  readonly summary: RunSummaryFold;
  private readonly boards: Record<Audience, BoardState>;
  private last = 0;
  /** Who gave the command whose events are being folded (until the next command). */
  private commandBy: Actor | undefined;
  /** The last dispatch of each unit: who ordered it, to which incident. */
  private readonly dispatches = new Map<string, { by: Actor; incidentId: string }>();
  /** Ended incidents still on the boards, oldest ended first. */
  private readonly endedOnBoard = new Set<string>();
  /**
   * Where the incidents dropped from the boards were (their jurisdiction, else their location), so a
   * command naming one is checked as before (a commander's jurisdiction) and answered by the engine.
   */
  private readonly dropped = new Map<string, { jurisdictionId?: string; location: [number, number] }>();

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

  /** Where an incident is (on the board, or dropped from it after it ended); undefined when unknown. */
  incidentPlace(incidentId: string): { jurisdictionId?: string; location: [number, number] } | undefined {
    const inc = this.boards.controller.incidents[incidentId];
    if (inc) return { location: inc.location, ...(inc.jurisdictionId ? { jurisdictionId: inc.jurisdictionId } : {}) };
    return this.dropped.get(incidentId);
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
    if (e.type === 'INCIDENT_CLOSED' || e.type === 'INCIDENT_CANCELLED') this.keepRecentEnded(e.incidentId);
    if (e.type === 'COMMAND_ACCEPTED') this.commandBy = e.by;
    else if (e.type === 'UNIT_DISPATCHED') {
      const by = this.commandBy?.role === e.by ? this.commandBy : { role: e.by };
      this.dispatches.set(e.unitId, { by, incidentId: e.incidentId });
    }
  }

  /** Notes an incident that just ended; drops the longest-ended ones beyond ENDED_KEPT from both boards. */
  private keepRecentEnded(incidentId: string): void {
    this.endedOnBoard.delete(incidentId);
    this.endedOnBoard.add(incidentId);
    if (this.endedOnBoard.size <= ENDED_KEPT) return;
    const [oldest] = this.endedOnBoard;
    this.endedOnBoard.delete(oldest!);
    const inc = this.boards.controller.incidents[oldest!];
    if (!inc || !ENDED_INCIDENT_STATUSES.has(inc.status)) return;
    this.dropped.set(oldest!, { location: inc.location, ...(inc.jurisdictionId ? { jurisdictionId: inc.jurisdictionId } : {}) });
    delete this.boards.controller.incidents[oldest!];
    delete this.boards.player.incidents[oldest!];
  }
}
