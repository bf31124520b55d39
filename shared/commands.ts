// Commands: what people (and scenario injects) ask the engine to do. Validated at the edge with zod;
// the engine answers each with events or a refusal that says why.
import { z } from 'zod';
import { IncidentTypeSchema } from './domain/incident-types.ts';
import { GradeSchema } from './domain/grades.ts';
import { CapabilitySchema } from './domain/forces.ts';
import { LatLonSchema } from './geo.ts';
import { MODES } from './schemas/scenario.ts';
import { CLOSURE_REASONS } from './events.ts';

const ClosureAreaSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('segment'), from: LatLonSchema, to: LatLonSchema }),
  z.object({ kind: z.literal('circle'), center: LatLonSchema, radiusM: z.number().positive().max(50_000) }),
  z.object({ kind: z.literal('polygon'), ring: z.array(LatLonSchema).min(3).max(500) }),
]);

const Id = z.string().min(1);

export const CommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('RECEIVE_CALL'),
    location: LatLonSchema,
    incidentType: IncidentTypeSchema,
    description: z.string().default(''),
    size: z.number().positive().optional(),
    trapped: z.number().int().min(0).optional(),
    reportedGrade: GradeSchema.optional(),
  }),
  z.object({ type: z.literal('TRIAGE_CALL'), incidentId: Id, incidentType: IncidentTypeSchema, location: LatLonSchema.optional(), grade: GradeSchema.optional() }),
  z.object({ type: z.literal('GRADE_INCIDENT'), incidentId: Id, grade: GradeSchema }),
  z.object({ type: z.literal('DISPATCH_UNITS'), incidentId: Id, unitIds: z.array(Id).min(1) }),
  z.object({ type: z.literal('DISPATCH_RECOMMENDED'), incidentId: Id }),
  z.object({ type: z.literal('RELEASE_UNIT'), unitId: Id }),
  z.object({ type: z.literal('RAISE_GRADE'), incidentId: Id, grade: GradeSchema, reason: z.string().default('') }),
  z.object({
    type: z.literal('REQUEST_REINFORCEMENT'),
    incidentId: Id,
    needs: z.array(z.object({ capability: CapabilitySchema, vehicles: z.number().int().min(1) })).default([]),
  }),
  z.object({ type: z.literal('SET_UNIT_OUT_OF_SERVICE'), unitId: Id, reason: z.string().default('') }),
  z.object({ type: z.literal('SET_UNIT_IN_SERVICE'), unitId: Id }),
  z.object({ type: z.literal('CANCEL_INCIDENT'), incidentId: Id, reason: z.enum(['cancelled-by-caller', 'duplicate', 'false-alarm']) }),
  z.object({ type: z.literal('CLOSE_INCIDENT'), incidentId: Id }),
  z.object({ type: z.literal('SET_MODE'), mode: z.enum(MODES) }),
  z.object({ type: z.literal('CLOSE_ROAD'), area: ClosureAreaSchema, reason: z.enum(CLOSURE_REASONS).default('other'), note: z.string().default(''), closureId: Id.optional() }),
  z.object({ type: z.literal('REOPEN_ROAD'), closureId: Id }),
  z.object({
    type: z.literal('SET_COMMS_OUTAGE'),
    stationId: Id,
    on: z.boolean(),
    note: z.string().default(''),
    /** With `on`: the outage ends by itself after this long (sim ms); without, it lasts until restored. */
    durationMs: z.number().int().positive().optional(),
  }),
  z.object({ type: z.literal('FIRE_INJECT'), injectId: Id }),
  z.object({ type: z.literal('SKIP_INJECT'), injectId: Id }),
]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandInput = z.input<typeof CommandSchema>;
export type CommandType = Command['type'];

export const ACTOR_ROLES = ['controller', 'commander', 'observer', 'scenario', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];
export interface Actor { role: ActorRole; id?: string }

export type CommandResult =
  | { ok: true; seqFrom: number; seqTo: number; incidentId?: string }
  | { ok: false; error: { code: CommandErrorCode; message: string; command: string } };

export const COMMAND_ERROR_CODES = ['invalid', 'not-found', 'not-allowed-in-state', 'unit-unavailable', 'grade-not-higher', 'no-recommendation', 'forbidden'] as const;

/** Roles that may play the world (close roads, cut comms, fire or skip injects). */
export const CONTROL_ROLES: readonly ActorRole[] = ['controller', 'scenario', 'system'];
export type CommandErrorCode = (typeof COMMAND_ERROR_CODES)[number];
