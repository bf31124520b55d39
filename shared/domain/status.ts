// Unit and incident statuses: the engine's machines move through these; the board shows them.
export const UNIT_STATUSES = ['inStation', 'turningOut', 'enRoute', 'onScene', 'working', 'returning', 'availableOnRoad', 'outOfService'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const INCIDENT_STATUSES = ['callReceived', 'triaged', 'graded', 'dispatching', 'unitsEnRoute', 'onScene', 'underControl', 'closed', 'cancelled', 'falseAlarm'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Incident statuses after which nothing more happens. */
export const ENDED_INCIDENT_STATUSES: ReadonlySet<IncidentStatus> = new Set(['closed', 'cancelled', 'falseAlarm']);
