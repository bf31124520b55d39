// Commands: what people (and scenario injects) ask the engine to do. Validated at the edge with zod;
// the engine answers each with events or a refusal that says why. Every number and string is
// bounded, so no payload can make a handler allocate or loop without limit. A client gives each
// command its own id (`commandId`): the server applies an id once and answers a retry with the
// first result.
import { z } from 'zod';
import { IncidentTypeSchema } from './domain/incident-types.ts';
import { GradeSchema } from './domain/grades.ts';
import { CapabilitySchema } from './domain/forces.ts';
import { LatLonSchema } from './geo.ts';
import { MODES } from './schemas/scenario.ts';
import { CLOSURE_REASONS, COMMS_REPORTS } from './events.ts';
import type { CommandErrorCode, ErrorCode } from './error-codes.ts';

const ClosureAreaSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('segment'), from: LatLonSchema, to: LatLonSchema }),
  z.object({ kind: z.literal('circle'), center: LatLonSchema, radiusM: z.number().positive().max(50_000) }),
  z.object({ kind: z.literal('polygon'), ring: z.array(LatLonSchema).min(3).max(500) }),
]);

const Id = z.string().min(1).max(100);

/** Bounds of command fields (what a drill needs, with room to spare). */
export const COMMAND_LIMITS = {
  /** People trapped a call may claim (a large collapse is tens; the largest modelled incidents are hundreds). */
  trapped: 500,
  /** Largest size in any incident model's unit (m², ha, vehicles…) is 6,000; ten times that. */
  size: 60_000,
  /** Caller's words, notes and reasons. */
  text: 2_000,
  unitsPerDispatch: 200,
  needs: 50,
  vehiclesPerNeed: 100,
  /** A timed outage or closure: at most a week of sim time. */
  durationMs: 7 * 86_400_000,
} as const;

const Text = z.string().max(COMMAND_LIMITS.text);
/** A client-made id, unique per command (a UUID or similar). */
export const CommandIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');
const meta = { commandId: CommandIdSchema.optional() };

export const CommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('RECEIVE_CALL'),
    location: LatLonSchema,
    incidentType: IncidentTypeSchema,
    description: Text.default(''),
    size: z.number().positive().max(COMMAND_LIMITS.size).optional(),
    trapped: z.number().int().min(0).max(COMMAND_LIMITS.trapped).optional(),
    reportedGrade: GradeSchema.optional(),
    ...meta,
  }),
  z.object({ type: z.literal('TRIAGE_CALL'), incidentId: Id, incidentType: IncidentTypeSchema, location: LatLonSchema.optional(), grade: GradeSchema.optional(), ...meta }),
  z.object({ type: z.literal('GRADE_INCIDENT'), incidentId: Id, grade: GradeSchema, ...meta }),
  z.object({ type: z.literal('DISPATCH_UNITS'), incidentId: Id, unitIds: z.array(Id).min(1).max(COMMAND_LIMITS.unitsPerDispatch), ...meta }),
  z.object({ type: z.literal('DISPATCH_RECOMMENDED'), incidentId: Id, ...meta }),
  z.object({ type: z.literal('RELEASE_UNIT'), unitId: Id, ...meta }),
  z.object({ type: z.literal('RAISE_GRADE'), incidentId: Id, grade: GradeSchema, reason: Text.default(''), ...meta }),
  z.object({
    type: z.literal('REQUEST_REINFORCEMENT'),
    incidentId: Id,
    needs: z.array(z.object({ capability: CapabilitySchema, vehicles: z.number().int().min(1).max(COMMAND_LIMITS.vehiclesPerNeed) })).max(COMMAND_LIMITS.needs).default([]),
    ...meta,
  }),
  z.object({ type: z.literal('SET_UNIT_OUT_OF_SERVICE'), unitId: Id, reason: Text.default(''), ...meta }),
  z.object({ type: z.literal('SET_UNIT_IN_SERVICE'), unitId: Id, ...meta }),
  z.object({ type: z.literal('CANCEL_INCIDENT'), incidentId: Id, reason: z.enum(['cancelled-by-caller', 'duplicate', 'false-alarm']), ...meta }),
  z.object({ type: z.literal('CLOSE_INCIDENT'), incidentId: Id, ...meta }),
  z.object({ type: z.literal('SET_MODE'), mode: z.enum(MODES), ...meta }),
  z.object({
    type: z.literal('CLOSE_ROAD'), area: ClosureAreaSchema, reason: z.enum(CLOSURE_REASONS).default('other'), note: Text.default(''), closureId: Id.optional(),
    /** The roads reopen by themselves after this long (sim ms; ROAD_REOPENED by 'system'); without, they stay closed until reopened. */
    durationMs: z.number().int().positive().max(COMMAND_LIMITS.durationMs).optional(),
    ...meta,
  }),
  z.object({ type: z.literal('REOPEN_ROAD'), closureId: Id, ...meta }),
  z.object({
    type: z.literal('SET_COMMS_OUTAGE'),
    stationId: Id,
    on: z.boolean(),
    note: Text.default(''),
    /** With `on`: the outage ends by itself after this long (sim ms); without, it lasts until restored. */
    durationMs: z.number().int().positive().max(COMMAND_LIMITS.durationMs).optional(),
    /** With `on`: the units' status reports meanwhile reach the centre when contact returns (delayed, the default) or are lost. */
    reports: z.enum(COMMS_REPORTS).optional(),
    ...meta,
  }),
  z.object({ type: z.literal('FIRE_INJECT'), injectId: Id, ...meta }),
  z.object({ type: z.literal('SKIP_INJECT'), injectId: Id, ...meta }),
  /** Moves every pending timed inject later by `byMs` (the rest of the exercise, keeping the spacing). */
  z.object({ type: z.literal('POSTPONE_INJECTS'), byMs: z.number().int().positive().max(7 * 86_400_000), ...meta }),
  /** A new inject written during the drill, in the scenario language (shared/schemas/scenario.ts); `at` is an offset from the start. */
  z.object({ type: z.literal('ADD_INJECT'), inject: z.record(z.string(), z.unknown()), ...meta }),
  z.object({ type: z.literal('ORDER_EVACUATION'), incidentId: Id.optional(), area: ClosureAreaSchema.optional(), note: Text.default(''), ...meta }),
  /** Evacuate the people of an area (a hazard drill): done after a time from its population and the crews there (AREA_EVACUATED). */
  z.object({ type: z.literal('EVACUATE_AREA'), area: ClosureAreaSchema, note: Text.default(''), ...meta }),
]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandInput = z.input<typeof CommandSchema>;
export type CommandType = Command['type'];

export const ACTOR_ROLES = ['controller', 'commander', 'observer', 'scenario', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];
/** Who gave a command: a role, and for a person their session id and display name (so a refusal can say who took a unit). */
export interface Actor { role: ActorRole; id?: string; name?: string }

export type CommandResult =
  | { ok: true; seqFrom: number; seqTo: number; incidentId?: string }
  | { ok: false; error: { code: CommandErrorCode | ErrorCode; message: string; command: string } };


/** Roles that may play the world (close roads, cut comms, fire or skip injects). */
export const CONTROL_ROLES: readonly ActorRole[] = ['controller', 'scenario', 'system'];
export type { CommandErrorCode } from './error-codes.ts';
