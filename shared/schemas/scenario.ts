// Schema of a scenario file (scenarios/*.yaml), the drill script language: metadata and objectives,
// weather timeline, hazards, the initial force state, background load, the inject timeline (an HSEEP
// MSEL) with contingency and held injects, and the expected actions with their deadlines.
// Every object is strict: an unknown key is an error at its line, never silently dropped.
// Documented for authors in scenarios/README.md; a JSON Schema for editors comes from `sim schema`.
import { z } from 'zod';
import { IncidentTypeSchema } from '../domain/incident-types.ts';
import { GradeSchema } from '../domain/grades.ts';
import { LatLonSchema } from '../geo.ts';
import { DurationSchema } from './duration.ts';
import { COMMS_REPORTS } from '../events.ts';
import { ScriptTimeSchema, offsetOf, type ScriptTime } from './scenario-time.ts';
import { AreaSchema, ConditionSchema, PlaceSchema, ScriptIdSchema } from './drill-condition.ts';
import { ObjectiveRatingSchema } from './objective-rating.ts';
import { HazardInjectSchema, HazardSchema, StabilitySchema, WindSchema } from './hazard.ts';

export const MODES = ['auto', 'manual'] as const;
export type Mode = (typeof MODES)[number];

const Id = ScriptIdSchema;
/** Text in both languages the board shows (Chinese first on a Chinese board). */
export const BilingualSchema = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

// ---- legacy scripted calls (`calls:`): sugar for call injects ---------------------------------

export const ScriptedCallSchema = z.strictObject({
  /** Inject id the controller uses to fire it early or skip it; default `inj-<n>` (n = position in the file, from 1). */
  id: Id.optional(),
  /** Offset from the scenario start. */
  at: DurationSchema,
  type: IncidentTypeSchema,
  /** Where: [lat, lon], or the name of a place in the region (a cell's place or a station id). */
  location: z.union([LatLonSchema, z.string().min(1)]),
  description: z.string().default(''),
  /** Hidden truth, when the script wants it fixed rather than drawn from the model. */
  size: z.number().positive().optional(),
  trapped: z.number().int().min(0).optional(),
  /** Grade the caller's report suggests; otherwise derived from what the caller sees. */
  reportedGrade: GradeSchema.optional(),
});
export type ScriptedCall = z.infer<typeof ScriptedCallSchema>;

// ---- objectives, weather, forces --------------------------------------------------------------

/** An exercise objective (HSEEP): the core capability it exercises and its measurable capability targets. */
export const ObjectiveSchema = z.strictObject({
  id: Id,
  title: BilingualSchema,
  /** HSEEP core capability, e.g. "Operational Coordination", "Mass Search and Rescue Operations". */
  capability: z.string().min(1),
  /** Capability targets: measurable thresholds, e.g. "first unit on scene within 8 minutes". */
  targets: z.array(z.string().min(1)).min(1),
  /** How the debrief rates it P / S / M / U from its expected actions (shared/schemas/objective-rating.ts); defaults when absent. */
  rating: ObjectiveRatingSchema.optional(),
});
export type Objective = z.infer<typeof ObjectiveSchema>;

/** The weather from `at` on (holds until the next point). Wind and stability as the hazard models take them. */
export const WeatherPointSchema = z.strictObject({
  at: ScriptTimeSchema,
  wind: WindSchema,
  /** Pasquill-Gifford class or what derives it (day insolation, night cloud oktas); omitted: the previous point's. */
  stability: StabilitySchema.optional(),
  /** Rain, mm/h. */
  rainMmH: z.number().min(0).max(300).optional(),
  temperatureC: z.number().min(-60).max(60).optional(),
});

/** Units and teams not at full strength when the exercise starts. */
export const ForceStateSchema = z.strictObject({
  /** Units out of service (breakdown, maintenance) from the start. */
  outOfService: z.array(z.strictObject({ unit: Id, reason: z.string().default(''), until: ScriptTimeSchema.optional() })).default([]),
  /** Units riding with fewer firefighters than their type's crew. */
  reducedStaffing: z.array(z.strictObject({ unit: Id, crew: z.number().int().min(0) })).default([]),
  /** Whole stations or teams away (training, another deployment): all their units unavailable. */
  away: z.array(z.strictObject({ station: Id, reason: z.string().default(''), until: ScriptTimeSchema.optional() })).default([]),
});
export type ForceState = z.infer<typeof ForceStateSchema>;

// ---- injects ----------------------------------------------------------------------------------

export const INJECT_METHODS = ['phone', 'radio', 'message', 'board', 'email', 'in-person', 'system'] as const;

/** MSEL columns and timing shared by every kind of inject. */
const injectCommon = {
  id: Id.optional(),
  /** When it fires: an offset (`T+05:00`) or a date-time. Or `after` another inject, `delay` later. */
  at: ScriptTimeSchema.optional(),
  after: Id.optional(),
  delay: DurationSchema.optional(),
  /** Held: waits in the controller console until the controller fires it (its time, if any, is only a guide). */
  held: z.boolean().optional(),
  /**
   * Contingency: fires only when the condition holds. Checked once at the inject's time, or, with
   * `until`, after every change from the inject's time to `until` (fires the first time it holds).
   */
  contingency: z.strictObject({ when: ConditionSchema, until: ScriptTimeSchema.optional() }).optional(),
  // MSEL columns
  from: z.string().optional(),
  to: z.string().optional(),
  method: z.enum(INJECT_METHODS).optional(),
  description: z.string().optional(),
  /** The objective (id) this inject serves. */
  objective: Id.optional(),
  /** What the players are expected to do (free text for the MSEL; checked expectations go in `expected:`). */
  expectedAction: z.string().optional(),
};

const CallInject = z.strictObject({
  ...injectCommon,
  kind: z.literal('call'),
  /** The incident type the caller reports. */
  type: IncidentTypeSchema,
  location: PlaceSchema,
  /** What the caller says (shown to the call-taker). */
  words: z.string().optional(),
  reportedGrade: GradeSchema.optional(),
  /** Hidden truth: size at the time of the call (m², vehicles…, per type), people trapped. */
  truth: z.strictObject({ size: z.number().positive().optional(), trapped: z.number().int().min(0).optional() }).optional(),
});

const HazardInject = z.strictObject({ ...injectCommon, kind: z.literal('hazard'), hazard: HazardInjectSchema });

const ClosureInject = z.strictObject({
  ...injectCommon,
  kind: z.literal('road-closure'),
  /** A segment between two places, or an area. */
  road: z.strictObject({ from: PlaceSchema, to: PlaceSchema }).optional(),
  area: AreaSchema.optional(),
  reason: z.enum(['flood', 'collapse', 'plume', 'accident', 'other']).default('other'),
  closureId: Id.optional(),
  /** Reopens by itself this long after it closed. */
  lasts: DurationSchema.optional(),
});

const BridgeInject = z.strictObject({
  ...injectCommon,
  kind: z.literal('bridge-down'),
  /** The bridge: a place name (e.g. "Qingshui Bridge") or [lat, lon]; the road segments within `radiusM` close. */
  bridge: PlaceSchema,
  radiusM: z.number().positive().max(2000).default(150),
  closureId: Id.optional(),
});

const ReopenInject = z.strictObject({ ...injectCommon, kind: z.literal('road-reopen'), closureId: Id });

const CommsInject = z.strictObject({
  ...injectCommon,
  kind: z.literal('comms-outage'),
  /** The station (team) whose communications are cut (断网): its units cannot be given orders. */
  station: Id,
  lasts: DurationSchema.optional(),
  /**
   * The units' status reports meanwhile: `delayed` (default) reach the centre in order when contact
   * returns; `lost` never do (the centre catches up from the station's report on reconnection).
   */
  reports: z.enum(COMMS_REPORTS).optional(),
});

const PowerInject = z.strictObject({
  ...injectCommon,
  kind: z.literal('power-outage'),
  /** The command centre on backup power: call handling takes this many times longer. */
  centreHandlingFactor: z.number().min(1).max(10).default(1.5),
  /** Hydrants in this area have no pressure. */
  hydrantsArea: AreaSchema.optional(),
  lasts: DurationSchema.optional(),
});

const BreakdownInject = z.strictObject({
  ...injectCommon,
  kind: z.literal('unit-breakdown'),
  unit: Id,
  lasts: DurationSchema.optional(),
});

const InjuryInject = z.strictObject({
  ...injectCommon,
  kind: z.literal('crew-injury'),
  unit: Id,
  injured: z.number().int().min(1).default(1),
});

export const REINFORCEMENT_SOURCES = ['provincial', 'neighbour-county', 'militia', 'social-rescue'] as const;

const ReinforcementInject = z.strictObject({
  ...injectCommon,
  kind: z.literal('reinforcements'),
  source: z.enum(REINFORCEMENT_SOURCES),
  team: BilingualSchema,
  /** Where they report (staging area): a place of the region. */
  stagingAt: PlaceSchema,
  units: z.array(z.strictObject({ id: Id, type: z.string().regex(/^[A-Z][A-Z0-9-]*$/, 'expected a unit type code, e.g. SG, DG-32'), crew: z.number().int().min(0).optional() })).min(1),
});

const MessageInject = z.strictObject({
  ...injectCommon,
  kind: z.literal('message'),
  /** Who it comes from as the players see it. */
  source: z.enum(['media', 'vip', 'higher-command', 'public', 'agency', 'controller']).default('controller'),
  text: BilingualSchema,
});

const SecondaryInject = z.strictObject({
  ...injectCommon,
  kind: z.literal('secondary'),
  /** The scene: the inject whose call made the incident. */
  scene: Id,
  what: z.enum(['collapse', 'explosion', 'spread']),
  /** The new incident's type (default: the scene's type). */
  type: IncidentTypeSchema.optional(),
  truth: z.strictObject({ size: z.number().positive().optional(), trapped: z.number().int().min(0).optional() }).optional(),
});

export const INJECT_KINDS = ['call', 'hazard', 'road-closure', 'bridge-down', 'road-reopen', 'comms-outage', 'power-outage', 'unit-breakdown', 'crew-injury', 'reinforcements', 'message', 'secondary'] as const;
export type InjectKind = (typeof INJECT_KINDS)[number];

export const InjectSchema = z.discriminatedUnion('kind', [
  CallInject, HazardInject, ClosureInject, BridgeInject, ReopenInject, CommsInject, PowerInject, BreakdownInject, InjuryInject, ReinforcementInject, MessageInject, SecondaryInject,
], {
  error: (iss) => {
    const kind = iss.input && typeof iss.input === 'object' ? (iss.input as { kind?: unknown }).kind : undefined;
    return `${kind === undefined ? 'missing inject kind' : `unknown inject kind ${JSON.stringify(kind)}`} (expected kind: one of ${INJECT_KINDS.join(', ')})`;
  },
}).superRefine((inj, ctx) => {
  const timed = (inj.at !== undefined ? 1 : 0) + (inj.after !== undefined ? 1 : 0);
  if (timed > 1) ctx.addIssue({ code: 'custom', path: ['after'], message: 'give either `at` or `after` (with `delay`), not both' });
  if (timed === 0 && !inj.held) ctx.addIssue({ code: 'custom', path: ['at'], message: 'missing time (expected `at: T+mm:ss`, `after: <inject id>` with `delay:`, or `held: true`)' });
  if (inj.delay !== undefined && inj.after === undefined) ctx.addIssue({ code: 'custom', path: ['delay'], message: '`delay` only goes with `after: <inject id>`' });
  if (inj.kind === 'road-closure' && (inj.road === undefined) === (inj.area === undefined)) ctx.addIssue({ code: 'custom', path: ['road'], message: 'a road closure needs exactly one of `road: {from, to}` or `area:`' });
  if (inj.contingency && inj.held) ctx.addIssue({ code: 'custom', path: ['held'], message: 'an inject is either a contingency (fires on its condition) or held (fires when the controller says), not both' });
});
export type Inject = z.infer<typeof InjectSchema>;
export type InjectInput = z.input<typeof InjectSchema>;

// ---- expected actions -------------------------------------------------------------------------

/**
 * An action the players are expected to take, checked from the event log: `check` is a condition
 * (usually one fact, e.g. `onScene: {incident: inj-2, capability: hazmat}`); `by` is an absolute
 * deadline, `within` a deadline counted from the call of the incident the check names.
 */
export const ExpectedActionSchema = z.strictObject({
  id: Id,
  objective: Id.optional(),
  description: BilingualSchema,
  check: ConditionSchema,
  by: ScriptTimeSchema.optional(),
  within: DurationSchema.optional(),
}).superRefine((e, ctx) => {
  if (e.by !== undefined && e.within !== undefined) ctx.addIssue({ code: 'custom', path: ['within'], message: 'give either `by` (a time) or `within` (after the incident\'s call), not both' });
});
export type ExpectedAction = z.infer<typeof ExpectedActionSchema>;

// ---- the scenario -----------------------------------------------------------------------------

const ScenarioObject = z.strictObject({
  /** Title in English (also the scenario's name in the event log). */
  name: z.string().min(1),
  /** Title in Chinese. */
  nameZh: z.string().optional(),
  description: z.string().default(''),
  region: z.string().min(1),
  seed: z.number().int().min(0).default(1),
  /** Local calendar time of the scenario start (ISO 8601 with offset); sets hour of day and night. */
  start: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time, e.g. 2026-06-01T08:00:00+08:00'),
  duration: DurationSchema,
  mode: z.enum(MODES).default('auto'),
  /** Which of the eight formations (高低大化 林震洪交) or kind of drill this is; used by templates and the library. */
  formation: z.enum(['high-rise', 'underground', 'large-complex', 'chemical', 'forest', 'earthquake', 'flood', 'traffic', 'everyday', 'cross-region']).optional(),
  objectives: z.array(ObjectiveSchema).default([]),
  weather: z.array(WeatherPointSchema).default([]),
  hazards: z.array(HazardSchema).default([]),
  forces: ForceStateSchema.default({ outOfService: [], reducedStaffing: [], away: [] }),
  background: z.strictObject({
    enabled: z.boolean().default(true),
    /** Calls per year; default from seeds/call-profile.yaml and the region's population. */
    callsPerYear: z.number().positive().optional(),
    /** Multiplier on the call rate (e.g. 10 for a metropolitan load test). */
    scale: z.number().positive().default(1),
  }).default({ enabled: true, scale: 1 }),
  /** Scripted calls, the short form of `kind: call` injects (ids `inj-<n>` by position unless given). */
  calls: z.array(ScriptedCallSchema).default([]),
  /** The inject timeline (MSEL). */
  injects: z.array(InjectSchema).default([]),
  expected: z.array(ExpectedActionSchema).default([]),
});

/** Inject ids: the given one, else `inj-<n>` numbering calls first, then injects, from 1. */
function defaultIds(calls: readonly { id?: string }[], injects: readonly { id?: string }[]): { calls: string[]; injects: string[] } {
  return {
    calls: calls.map((c, i) => c.id ?? `inj-${i + 1}`),
    injects: injects.map((j, i) => j.id ?? `inj-${calls.length + i + 1}`),
  };
}

export const ScenarioSchema = ScenarioObject.superRefine((s, ctx) => {
  // Ids are unique within their kind (injects, counting the default ids; objectives; expected actions).
  const ids = defaultIds(s.calls, s.injects);
  const seen = new Map<string, string>();
  const claim = (id: string, where: (string | number)[], what: string) => {
    const first = seen.get(id);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: where, message: `inject id "${id}" is already used by ${first} (expected unique ids)` });
    else seen.set(id, what);
  };
  ids.calls.forEach((id, i) => claim(id, ['calls', i, s.calls[i]!.id ? 'id' : 'at'], `scripted call ${i + 1}`));
  ids.injects.forEach((id, i) => claim(id, ['injects', i, s.injects[i]!.id ? 'id' : 'kind'], `inject ${i + 1}`));
  const objectives = new Set<string>();
  s.objectives.forEach((o, i) => {
    if (objectives.has(o.id)) ctx.addIssue({ code: 'custom', path: ['objectives', i, 'id'], message: `objective id "${o.id}" is already used (expected unique ids)` });
    objectives.add(o.id);
  });
  // A hazard starts within the drill (its `at` written like an inject's time, resolved against `start`).
  s.hazards.forEach((h, i) => {
    if (h.at !== undefined && offsetOf(h.at, s.start) < 0) ctx.addIssue({ code: 'custom', path: ['hazards', i, 'at'], message: `hazard "${h.id}" starts before the scenario's start ${s.start} (expected a time at or after it)` });
  });
  const expected = new Set<string>();
  s.expected.forEach((e, i) => {
    if (expected.has(e.id)) ctx.addIssue({ code: 'custom', path: ['expected', i, 'id'], message: `expected-action id "${e.id}" is already used (expected unique ids)` });
    expected.add(e.id);
  });
});
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;

// ---- the inject timeline in one list ----------------------------------------------------------

/** An inject with its id settled and its times as offsets from the start (ms). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type ScriptInject = DistributiveOmit<Inject, 'id' | 'at' | 'contingency'> & {
  id: string;
  /** Offset from the start, when timed by the clock. */
  at?: number;
  contingency?: { when: NonNullable<Inject['contingency']>['when']; until?: number };
  /** Where it sits in the file: `calls` (short form) or `injects`, and its index there. */
  origin: { list: 'calls' | 'injects'; index: number };
};

/** Every inject of the scenario, the `calls:` short form as `kind: call` injects first, in file order. */
export function scriptInjects(s: Scenario): ScriptInject[] {
  const ids = defaultIds(s.calls, s.injects);
  const off = (t: ScriptTime | undefined) => (t === undefined ? undefined : offsetOf(t, s.start));
  const fromCalls = s.calls.map((c, i): ScriptInject => ({
    kind: 'call', id: ids.calls[i]!, at: c.at, type: c.type, location: c.location,
    ...(c.description ? { words: c.description } : {}),
    ...(c.reportedGrade !== undefined ? { reportedGrade: c.reportedGrade } : {}),
    ...(c.size !== undefined || c.trapped !== undefined ? { truth: { ...(c.size !== undefined ? { size: c.size } : {}), ...(c.trapped !== undefined ? { trapped: c.trapped } : {}) } } : {}),
    origin: { list: 'calls', index: i },
  }));
  const fromInjects = s.injects.map((j, i): ScriptInject => {
    const { id: _id, at, contingency, ...rest } = j;
    return {
      ...rest, id: ids.injects[i]!,
      ...(at !== undefined ? { at: off(at) } : {}),
      ...(contingency ? { contingency: { when: contingency.when, ...(contingency.until !== undefined ? { until: off(contingency.until) } : {}) } } : {}),
      origin: { list: 'injects', index: i },
    } as ScriptInject;
  });
  return [...fromCalls, ...fromInjects];
}

/** An expected action with its deadline as an offset (ms) or relative to its incident's call. */
export type ScriptExpected = Omit<ExpectedAction, 'by'> & { by?: number };

export function scriptExpected(s: Scenario): ScriptExpected[] {
  return s.expected.map((e) => {
    const { by, ...rest } = e;
    return { ...rest, ...(by !== undefined ? { by: offsetOf(by, s.start) } : {}) };
  });
}

/** Background call profile (seeds/call-profile.yaml): rate, hour-of-day shape, land-use weights and type mix. */
export const CallProfileSchema = z.object({
  callsPerYearPer10k: z.number().positive(),
  hourOfDay: z.array(z.number().min(0)).length(24),
  /** Weight of a cell = population × perPerson + perCell, by land use. */
  landUseWeight: z.record(z.string(), z.object({ perPerson: z.number().min(0), perCell: z.number().min(0) })),
  /** Incident type mix by land use (relative weights). */
  typeMix: z.record(z.string(), z.record(IncidentTypeSchema, z.number().min(0))),
});
export type CallProfile = z.infer<typeof CallProfileSchema>;

