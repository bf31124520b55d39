// Who sees which domain event: the allow-list of redaction. Every event type has a decision here
// (the Record makes tsc fail when a type is added without one), and an event type not declared
// visible to players never reaches them: not in deltas, REST event lists, snapshots or resyncs.
//   players    — commanders and observers get it as it is;
//   redacted   — they get it with the hidden truth removed (server/api/redact.ts says what goes);
//   controller — only controllers (导调) see it: the script, the hidden world, the evaluation.
import type { DomainEventType } from './events.ts';

export type EventVisibility = 'players' | 'redacted' | 'controller';

export const EVENT_VISIBILITY = {
  // The seed lets anyone replay the hidden truth.
  SIMULATION_STARTED: 'redacted',
  // Players see their own side's commands, without the hidden truth a call may carry; the
  // controller's (injects, closures, outages by their ids) stay with the controller.
  COMMAND_ACCEPTED: 'redacted',
  // Refusals as the commands: players see their own side's (the board shows the sender why), the controller's stay hidden.
  COMMAND_REFUSED: 'redacted',
  MODE_CHANGED: 'players',
  // Without the truth (real size, trapped, survival times) and without saying a call was scripted.
  CALL_RECEIVED: 'redacted',
  CALL_ANSWERED: 'players',
  INCIDENT_TRIAGED: 'players',
  INCIDENT_GRADED: 'players',
  UNIT_DISPATCHED: 'players',
  DISPATCH_SHORTFALL: 'players',
  // A unit's own status reports: withheld while its station is cut off (断网, `unreported`: the
  // hidden truth); the players learn them from UNIT_REPORT_DELIVERED / COMMS_RESYNCED.
  UNIT_EN_ROUTE: 'redacted',
  UNIT_ARRIVED: 'redacted',
  UNIT_WORKING: 'redacted',
  UNIT_RELEASED: 'players',
  UNIT_RETURNING: 'redacted',
  UNIT_IN_STATION: 'redacted',
  UNIT_OUT_OF_SERVICE: 'players',
  UNIT_BACK_IN_SERVICE: 'players',
  // The size-up is what the crews see; the true grade behind it and "unfounded" are not.
  SIZE_UP_REPORTED: 'redacted',
  INCIDENT_GREW: 'redacted',
  GRADE_RAISED: 'players',
  REINFORCEMENT_REQUESTED: 'players',
  PERSON_RESCUED: 'players',
  PERSON_DIED: 'players',
  INCIDENT_UNDER_CONTROL: 'players',
  // The scene's report that overhaul is done (manual mode): the players decide to close.
  OVERHAUL_COMPLETED: 'players',
  INCIDENT_CLOSED: 'players',
  INCIDENT_CANCELLED: 'players',
  ROAD_CLOSED: 'players',
  ROAD_REOPENED: 'players',
  UNIT_REROUTED: 'redacted',
  PLACE_UNREACHABLE: 'players',
  PLACE_REACHABLE: 'players',
  COMMS_OUTAGE_STARTED: 'players',
  COMMS_OUTAGE_ENDED: 'players',
  UNIT_REPORT_DELIVERED: 'players',
  COMMS_RESYNCED: 'players',
  // The inject script (its ids may describe what is coming) is the controller's.
  INJECT_FIRED: 'controller',
  INJECT_SKIPPED: 'controller',
  // The evaluation against the drill's expected actions is the evaluators' (debrief), not the players'.
  EXPECTED_ACTION_MET: 'controller',
  // Hazards: what the hazard models show the command post (zones, warnings, flood extent), as a
  // plume model or a river gauge would; the people counts are the model's estimates, not a census.
  HAZARD_STARTED: 'players',
  HAZARD_CHANGED: 'players',
  ZONES_UPDATED: 'players',
  // The drill script's bookkeeping (what the controller rescheduled or wrote) is the controller's;
  // what the players are told (a message, reinforcements, a power cut) reaches them without the inject's id.
  INJECTS_POSTPONED: 'controller',
  INJECT_ADDED: 'controller',
  MESSAGE_SENT: 'redacted',
  REINFORCEMENTS_ARRIVED: 'redacted',
  POWER_OUTAGE_STARTED: 'redacted',
  POWER_OUTAGE_ENDED: 'redacted',
  CREW_CHANGED: 'players',
  EVACUATION_ORDERED: 'players',
  // Casualties of exposure are the hidden truth (the players get their calls); an evacuation's end
  // is reported to the command post.
  EXPOSURE_CASUALTIES: 'controller',
  AREA_EVACUATED: 'players',
  // How many are still inside while it runs is the hidden truth (the command post knows the order and its end).
  EVACUATION_PROGRESS: 'controller',
  SIMULATION_ENDED: 'players',
} as const satisfies Record<DomainEventType, EventVisibility>;
