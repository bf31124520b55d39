// The condition language of a drill script: facts about the exercise that can be read from the
// event log at any moment (a unit of a capability on scene, a grade reached, an inject fired…),
// combined with all / any / not. Contingency injects fire when their condition holds; expected
// actions are met when their check holds. Evaluated by server/scenario/drill-state.ts.
import { z } from 'zod';
import { CapabilitySchema } from '../domain/forces.ts';
import { IncidentTypeSchema } from '../domain/incident-types.ts';
import { GradeSchema } from '../domain/grades.ts';
import { LatLonSchema } from '../geo.ts';

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected an id of letters, digits, ".", "_" or "-", e.g. inj-fire-1');
export const ScriptIdSchema = Id;

/**
 * Which incident a fact is about: the one an inject's call created (its inject id, e.g. `inj-1`),
 * the first incident of a type (`{ firstOfType: flood-rescue }`, from any source, background calls
 * included), or `any` incident.
 */
export const IncidentRefSchema = z.union([
  z.literal('any'),
  Id,
  z.strictObject({ firstOfType: IncidentTypeSchema }),
]);
export type IncidentRef = z.infer<typeof IncidentRefSchema>;

/** A place: [lat, lon] or a place name of the region (cell place, station, jurisdiction). */
export const PlaceSchema = z.union([LatLonSchema, z.string().min(1)]);
export type Place = z.infer<typeof PlaceSchema>;

/** An area on the map: a circle around a place, or a polygon of points. */
export type Area = { circle: { center: Place; radiusM: number } } | { polygon: [number, number][] };
export const AreaSchema = oneKey({
  circle: z.strictObject({ center: PlaceSchema, radiusM: z.number().positive().max(50_000) }),
  polygon: z.array(LatLonSchema).min(3).max(500),
}, 'an area') as unknown as z.ZodType<Area, unknown>;

const count = z.number().int().min(1).default(1);
/**
 * A team's units only: a station id of the region (e.g. the special-service station `qs-special`,
 * 特勤站) or the id of a reinforcements inject (the units that team brings).
 */
const team = Id.optional();
/**
 * Only units from a station that has sent no unit to that incident (so far): e.g. the rescue unit
 * for a second incident from a station not already at the first (梯次增援, echelon reinforcement).
 */
const fromStationNotAt = IncidentRefSchema.refine((r) => r !== 'any', 'expected one incident (an inject id or { firstOfType: … }), not "any"').optional();
const reasons = z.enum(['flood', 'collapse', 'plume', 'accident', 'other']);

/** The facts, each written as a one-key object so that YAML reads like a sentence: `onScene: {incident: inj-1, capability: hazmat}`. */
const FACT_SHAPE = {
  /** At least `count` units (of `capability`, of `team`, from a station not at `fromStationNotAt`) have been dispatched to the incident. */
  dispatched: z.strictObject({ incident: IncidentRefSchema, capability: CapabilitySchema.optional(), team, fromStationNotAt, count }),
  /** At least `count` units (of `capability`, of `team`, from a station not at `fromStationNotAt`) have arrived on scene. */
  onScene: z.strictObject({ incident: IncidentRefSchema, capability: CapabilitySchema.optional(), team, fromStationNotAt, count }),
  /** The incident's grade is at least `atLeast`. */
  grade: z.strictObject({ incident: IncidentRefSchema, atLeast: GradeSchema }),
  underControl: z.strictObject({ incident: IncidentRefSchema }),
  closed: z.strictObject({ incident: IncidentRefSchema }),
  /** The incident's home station (辖区站) had a unit in its first dispatch. */
  homeStationFirst: z.strictObject({ incident: IncidentRefSchema }),
  /** Someone asked for reinforcement for the incident. */
  reinforcementRequested: z.strictObject({ incident: IncidentRefSchema }),
  /** At least `count` people rescued at the incident. */
  rescued: z.strictObject({ incident: IncidentRefSchema, count }),
  /** Someone died at the incident. */
  died: z.strictObject({ incident: IncidentRefSchema }),
  /** The incident's call has come in (its inject fired / a call of the type was received). */
  called: z.strictObject({ incident: IncidentRefSchema }),
  /** A unit (of `capability`, of `team`) has arrived somewhere inside the area (e.g. a hot zone). */
  unitInArea: z.strictObject({ area: AreaSchema, capability: CapabilitySchema.optional(), team }),
  /** A road closure (of this reason) is in force. */
  roadClosed: z.strictObject({ reason: reasons.optional() }),
  /** An evacuation was ordered (for the incident, or any). */
  evacuationOrdered: z.strictObject({ incident: IncidentRefSchema.optional() }),
  /** An inject (by id) has fired. */
  injectFired: Id,
  /** An expected action (by id) has been met. */
  expectedMet: Id,
};

type FactBodies = { [K in keyof typeof FACT_SHAPE]: z.output<(typeof FACT_SHAPE)[K]> };
export type FactKind = keyof FactBodies;
/** One fact: exactly one of the keys of FACT_SHAPE. */
export type Fact = { [K in FactKind]: { [P in K]: FactBodies[K] } }[FactKind];
export const FACT_KINDS = Object.keys(FACT_SHAPE) as FactKind[];

export type Condition = Fact | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const FactSchema = oneKey(FACT_SHAPE, 'a fact') as unknown as z.ZodType<Fact, unknown>;

export const ConditionSchema: z.ZodType<Condition, unknown> = z.lazy(() =>
  oneKey({
    ...FACT_SHAPE,
    all: z.array(ConditionSchema).min(1),
    any: z.array(ConditionSchema).min(1),
    not: ConditionSchema,
  }, 'a condition'),
) as unknown as z.ZodType<Condition, unknown>;

/**
 * An object with exactly one of these keys. Written as a strict object of optional keys (not a
 * union) so that a misspelt key is reported as "unknown key … (expected one of: …)" and a mistake
 * inside the chosen key is reported at its own path.
 */
function oneKey<S extends Record<string, z.ZodType>>(shape: S, what: string) {
  const optional = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof S]: z.ZodOptional<S[K]> };
  const names = Object.keys(shape).join(', ');
  // Checked only when the object is otherwise valid: an unknown key already says what is wrong.
  return z.strictObject(optional).refine((v) => Object.values(v).filter((x) => x !== undefined).length === 1, {
    when: (payload) => payload.issues.length === 0,
    error: (iss) => {
      const keys = iss.input && typeof iss.input === 'object' ? Object.keys(iss.input) : [];
      return `${keys.length === 0 ? 'empty' : `${keys.length} keys (${keys.join(', ')})`}: expected ${what} with exactly one of: ${names}`;
    },
  });
}

export function factKind(f: Fact): FactKind {
  return Object.keys(f)[0] as FactKind;
}

/** Every fact of a condition, depth first. */
export function factsOf(c: Condition): Fact[] {
  if ('all' in c) return c.all.flatMap(factsOf);
  if ('any' in c) return c.any.flatMap(factsOf);
  if ('not' in c) return factsOf(c.not);
  return [c];
}

/** The team a fact limits its units to, when it names one. */
export function teamOfFact(f: Fact): string | undefined {
  const body = Object.values(f)[0] as unknown;
  if (body && typeof body === 'object' && 'team' in body) return (body as { team?: string }).team;
  return undefined;
}

/** The incident a fact names, when it names one. */
export function incidentOfFact(f: Fact): IncidentRef | undefined {
  const body = Object.values(f)[0] as unknown;
  if (body && typeof body === 'object' && 'incident' in body) return (body as { incident?: IncidentRef }).incident;
  return undefined;
}
