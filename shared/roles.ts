// Who may do what in an exercise: the role × action matrix as data. Controllers (导调) may do
// everything; commanders handle calls, grading, dispatch, escalation, reinforcement, the service
// status of units, and close or cancel incidents; observers (and evaluators) only watch. A commander
// code may be limited to one jurisdiction: it then acts only on incidents (and calls) of that
// jurisdiction. Tests walk every cell of this table.
import type { CommandType } from './commands.ts';
import type { JoinRole } from './live.ts';

export const CONTROL_ACTIONS = ['start', 'pause', 'resume', 'speed', 'step', 'stop'] as const;
export type ControlActionName = (typeof CONTROL_ACTIONS)[number];

export const COMMAND_TYPES = [
  'RECEIVE_CALL', 'TRIAGE_CALL', 'GRADE_INCIDENT', 'DISPATCH_UNITS', 'DISPATCH_RECOMMENDED', 'RELEASE_UNIT', 'RAISE_GRADE',
  'REQUEST_REINFORCEMENT', 'SET_UNIT_OUT_OF_SERVICE', 'SET_UNIT_IN_SERVICE', 'CANCEL_INCIDENT', 'CLOSE_INCIDENT', 'SET_MODE',
  'CLOSE_ROAD', 'REOPEN_ROAD', 'SET_COMMS_OUTAGE', 'FIRE_INJECT', 'SKIP_INJECT', 'POSTPONE_INJECTS', 'ADD_INJECT', 'ORDER_EVACUATION',
  'EVACUATE_AREA',
] as const satisfies readonly CommandType[];

/** Every action a participant can attempt. */
export type Action = 'view' | 'recommend' | 'codes' | 'participants' | 'archive' | `command:${CommandType}` | `control:${ControlActionName}`;

export const ALL_ACTIONS: readonly Action[] = [
  'view', 'recommend', 'codes', 'participants', 'archive',
  ...COMMAND_TYPES.map((t) => `command:${t}` as const),
  ...CONTROL_ACTIONS.map((a) => `control:${a}` as const),
];

const COMMANDER_COMMANDS: readonly CommandType[] = [
  'RECEIVE_CALL', 'TRIAGE_CALL', 'GRADE_INCIDENT', 'DISPATCH_UNITS', 'DISPATCH_RECOMMENDED', 'RELEASE_UNIT', 'RAISE_GRADE',
  'REQUEST_REINFORCEMENT', 'SET_UNIT_OUT_OF_SERVICE', 'SET_UNIT_IN_SERVICE', 'CANCEL_INCIDENT', 'CLOSE_INCIDENT', 'ORDER_EVACUATION',
  'EVACUATE_AREA',
];

export const ROLE_ACTIONS: Readonly<Record<JoinRole, ReadonlySet<Action>>> = {
  controller: new Set(ALL_ACTIONS),
  commander: new Set<Action>(['view', 'recommend', ...COMMANDER_COMMANDS.map((t) => `command:${t}` as const)]),
  // Observers (evaluators) keep the record of the drill: who took part, in which role, and when.
  observer: new Set<Action>(['view', 'participants']),
};

export function may(role: JoinRole, action: Action): boolean {
  return ROLE_ACTIONS[role].has(action);
}

/** The actions of a role, in the matrix order (sent to clients so the board shows only what works). */
export function actionsOf(role: JoinRole): Action[] {
  return ALL_ACTIONS.filter((a) => may(role, a));
}
