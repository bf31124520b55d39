// Every error code the server answers with (REST bodies, socket acks, command refusals), in one
// place: stable strings the board switches on. The HTTP status of each is in server/api/errors.ts.
export const ERROR_CODES = [
  'invalid', 'unauthorized', 'forbidden', 'not-found', 'conflict', 'not-allowed-in-state', 'unit-unavailable',
  'grade-not-higher', 'no-recommendation', 'too-large', 'unsupported-media-type', 'rate-limited', 'storage', 'internal',
  // Not sent by the server: a client that got no answer in time (the command may or may not have applied).
  'timeout',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The codes an engine refusal of a command can carry. */
export const COMMAND_ERROR_CODES = [
  'invalid', 'not-found', 'not-allowed-in-state', 'unit-unavailable', 'grade-not-higher', 'no-recommendation', 'forbidden',
] as const satisfies readonly ErrorCode[];
export type CommandErrorCode = (typeof COMMAND_ERROR_CODES)[number];
