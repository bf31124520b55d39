// Unit lifecycle (XState v5): in station → turning out → en route → on scene → working → returning,
// plus available on the road (recalled on the way) and out of service. Pure: no actions with side
// effects, no delays — the engine's own queue schedules when turnout ends or a unit arrives.
import { setup } from 'xstate';

export type UnitMachineEvent =
  | { type: 'DISPATCH'; returningDispatchable: boolean }
  | { type: 'TURNOUT_DONE' }
  | { type: 'ARRIVE' }
  | { type: 'START_WORK' }
  | { type: 'RELEASE' }
  | { type: 'REACH_STATION' }
  | { type: 'OUT_OF_SERVICE' }
  | { type: 'BACK_IN_SERVICE'; atStation: boolean };

export const unitMachine = setup({
  types: { events: {} as UnitMachineEvent },
  guards: {
    returningDispatchable: ({ event }) => event.type === 'DISPATCH' && event.returningDispatchable,
    atStation: ({ event }) => event.type === 'BACK_IN_SERVICE' && event.atStation,
  },
}).createMachine({
  id: 'unit',
  initial: 'inStation',
  states: {
    inStation: { on: { DISPATCH: 'turningOut', OUT_OF_SERVICE: 'outOfService' } },
    turningOut: { on: { TURNOUT_DONE: 'enRoute', RELEASE: 'inStation', OUT_OF_SERVICE: 'outOfService' } },
    enRoute: { on: { ARRIVE: 'onScene', RELEASE: 'availableOnRoad', OUT_OF_SERVICE: 'outOfService' } },
    onScene: { on: { START_WORK: 'working', RELEASE: 'returning', OUT_OF_SERVICE: 'outOfService' } },
    working: { on: { RELEASE: 'returning', OUT_OF_SERVICE: 'outOfService' } },
    returning: {
      on: {
        REACH_STATION: 'inStation',
        DISPATCH: { guard: 'returningDispatchable', target: 'enRoute' },
        OUT_OF_SERVICE: 'outOfService',
      },
    },
    availableOnRoad: { on: { DISPATCH: 'enRoute', REACH_STATION: 'inStation', OUT_OF_SERVICE: 'outOfService' } },
    outOfService: {
      on: {
        BACK_IN_SERVICE: [{ guard: 'atStation', target: 'inStation' }, { target: 'availableOnRoad' }],
      },
    },
  },
});

/** Every field a guard reads, so a memoised transition is exact. */
export function unitEventKey(e: UnitMachineEvent): string {
  if (e.type === 'DISPATCH') return e.returningDispatchable ? 'DISPATCH+r' : 'DISPATCH';
  if (e.type === 'BACK_IN_SERVICE') return e.atStation ? 'BACK_IN_SERVICE+s' : 'BACK_IN_SERVICE';
  return e.type;
}
