// Incident lifecycle (XState v5): call received → triaged → graded → dispatching → units en route →
// on scene → under control → closed; or cancelled / false alarm. The grade lives in the machine's
// context and a named guard lets it only go up.
import { assign, setup } from 'xstate';
import type { Grade } from '../../../../shared/domain/grades.ts';

export type IncidentMachineEvent =
  | { type: 'TRIAGE' }
  | { type: 'GRADE'; grade: Grade }
  | { type: 'RAISE_GRADE'; grade: Grade }
  | { type: 'DISPATCH' }
  | { type: 'UNIT_EN_ROUTE' }
  | { type: 'UNIT_ARRIVED' }
  | { type: 'UNITS_WITHDRAWN' }
  | { type: 'CONTROLLED' }
  | { type: 'CLOSE' }
  | { type: 'CANCEL' }
  | { type: 'FALSE_ALARM' };

export interface IncidentMachineContext {
  grade: Grade | 0;
}

export const incidentMachine = setup({
  types: { context: {} as IncidentMachineContext, events: {} as IncidentMachineEvent },
  guards: {
    gradeIsHigher: ({ context, event }) => event.type === 'RAISE_GRADE' && event.grade > context.grade,
  },
  actions: {
    setGrade: assign({ grade: ({ context, event }) => (event.type === 'GRADE' || event.type === 'RAISE_GRADE' ? event.grade : context.grade) }),
  },
}).createMachine({
  id: 'incident',
  initial: 'callReceived',
  context: { grade: 0 },
  states: {
    callReceived: { on: { TRIAGE: 'triaged', CANCEL: 'cancelled', FALSE_ALARM: 'falseAlarm' } },
    triaged: { on: { GRADE: { target: 'graded', actions: 'setGrade' }, CANCEL: 'cancelled', FALSE_ALARM: 'falseAlarm' } },
    graded: {
      on: {
        DISPATCH: 'dispatching',
        RAISE_GRADE: { guard: 'gradeIsHigher', actions: 'setGrade' },
        CANCEL: 'cancelled',
        FALSE_ALARM: 'falseAlarm',
      },
    },
    dispatching: {
      on: {
        DISPATCH: {},
        UNIT_EN_ROUTE: 'unitsEnRoute',
        UNITS_WITHDRAWN: 'graded',
        RAISE_GRADE: { guard: 'gradeIsHigher', actions: 'setGrade' },
        CANCEL: 'cancelled',
        FALSE_ALARM: 'falseAlarm',
      },
    },
    unitsEnRoute: {
      on: {
        DISPATCH: {},
        UNIT_EN_ROUTE: {},
        UNIT_ARRIVED: 'onScene',
        UNITS_WITHDRAWN: 'graded',
        RAISE_GRADE: { guard: 'gradeIsHigher', actions: 'setGrade' },
        CANCEL: 'cancelled',
        FALSE_ALARM: 'falseAlarm',
      },
    },
    onScene: {
      on: {
        DISPATCH: {},
        UNIT_EN_ROUTE: {},
        UNIT_ARRIVED: {},
        UNITS_WITHDRAWN: 'graded',
        CONTROLLED: 'underControl',
        RAISE_GRADE: { guard: 'gradeIsHigher', actions: 'setGrade' },
        FALSE_ALARM: 'falseAlarm',
      },
    },
    underControl: {
      on: { UNIT_EN_ROUTE: {}, UNIT_ARRIVED: {}, CLOSE: 'closed' },
    },
    closed: { type: 'final' },
    cancelled: { type: 'final' },
    falseAlarm: { type: 'final' },
  },
});

export function incidentEventKey(e: IncidentMachineEvent): string {
  return e.type === 'GRADE' || e.type === 'RAISE_GRADE' ? `${e.type}:${e.grade}` : e.type;
}
