// The server's board folds keep every open incident and the ENDED_KEPT most recently ended ones
// (the board's list of ended incidents), not every call of a long exercise; an incident dropped
// from them is still placed (its jurisdiction), so a commander limited to a jurisdiction is checked
// on it as before and the engine answers the command.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { ENDED_KEPT, ExerciseFolds } from '../../server/api/exercise-folds.ts';
import type { DomainEvent } from '../../shared/events.ts';

const world = loadWorld({});
const id = (n: number): string => `INC-${String(n).padStart(5, '0')}`;

describe('board folds of a long exercise', () => {
  it('keep the open incidents and the most recently ended ones', () => {
    const folds = new ExerciseFolds(world, 'auto');
    const events: DomainEvent[] = [];
    const add = (e: Record<string, unknown>): void => { events.push({ ...e, seq: events.length + 1, t: events.length * 1000 } as unknown as DomainEvent); };
    const calls = ENDED_KEPT + 150;
    for (let n = 1; n <= calls; n++) {
      add({ type: 'CALL_RECEIVED', incidentId: id(n), source: 'controller', location: [24.6, 110.52], reportedType: 'building-fire', description: '', reportedSize: 10, reportedTrapped: 0, reportedGrade: 1, truth: { size: 10, trapped: 0, deadlinesMin: [], unfounded: false } });
      add({ type: 'INCIDENT_TRIAGED', incidentId: id(n), incidentType: 'building-fire', location: [24.6, 110.52], jurisdictionId: 'J-test', homeStationId: 'S-test', by: 'system' });
      // Every third call stays open; the others end, closed or cancelled, in call order.
      if (n % 3 !== 0) add(n % 2 ? { type: 'INCIDENT_CLOSED', incidentId: id(n), finalSize: 10, rescued: 0, dead: 0 } : { type: 'INCIDENT_CANCELLED', incidentId: id(n), reason: 'duplicate' });
    }
    for (const e of events) folds.fold(e);
    const ended = Array.from({ length: calls }, (_, i) => i + 1).filter((n) => n % 3 !== 0).map(id);
    const open = Array.from({ length: calls }, (_, i) => i + 1).filter((n) => n % 3 === 0).map(id);
    for (const audience of ['controller', 'player'] as const) {
      const board = folds.board(audience);
      expect(Object.keys(board.incidents).filter((k) => board.incidents[k]!.status === 'triaged').sort()).toEqual(open);
      expect(Object.keys(board.incidents).filter((k) => board.incidents[k]!.status !== 'triaged').sort()).toEqual(ended.slice(-ENDED_KEPT));
    }
    // A dropped one is still placed (for the jurisdiction check); one never called is not.
    expect(folds.incidentPlace(ended[0]!)).toEqual({ jurisdictionId: 'J-test', location: [24.6, 110.52] });
    expect(folds.incidentPlace(id(calls + 1))).toBeUndefined();
    expect(folds.seq).toBe(events.length);
  });
});
