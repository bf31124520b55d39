// The replay scrubber's index over a stored exercise (shared/board-timeline.ts), started from the
// board of the world's own units in their stations.
import type { DomainEvent } from '../../shared/events.ts';
import type { Mode } from '../../shared/schemas/scenario.ts';
import { createBoardState, type BoardUnitSeed } from '../../shared/board-state.ts';
import { BoardTimeline as SharedBoardTimeline } from '../../shared/board-timeline.ts';

export { CHECKPOINT_EVENTS } from '../../shared/board-timeline.ts';

export class BoardTimeline extends SharedBoardTimeline {
  constructor(seeds: readonly BoardUnitSeed[], mode: Mode, events: readonly DomainEvent[]) {
    super(createBoardState(seeds, mode), events);
  }
}
