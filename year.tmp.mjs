var __defProp = Object.defineProperty;
var __name = (target, value) => __defProp(target, "name", { value, configurable: true });

// server/geo/region-folder.ts
import fs from "node:fs";
import path from "node:path";
function regionFolder(seedsDir, regionId) {
  const dir = path.join(seedsDir, "regions");
  const own = path.join(dir, regionId);
  if (fs.existsSync(path.join(own, "region.json")) || !fs.existsSync(dir)) return own;
  const old = fs.readdirSync(dir).filter((n) => n.startsWith(`.${regionId}.replaced-`) && fs.existsSync(path.join(dir, n, "region.json"))).sort().at(-1);
  return old ? path.join(dir, old) : own;
}
__name(regionFolder, "regionFolder");

// server/scenario/load-world.ts
import fs4 from "node:fs";
import path4 from "node:path";

// shared/schemas/unit-types.ts
import { z as z2 } from "zod";

// shared/domain/forces.ts
import { z } from "zod";
var TIERS = ["national", "professional", "township"];
var TierSchema = z.enum(TIERS);
var FORCE_KINDS = [
  "special-service",
  // 特勤站
  "class-1",
  // 一级站
  "class-2",
  // 二级站
  "small",
  // 小型站
  "logistics",
  // 战勤保障站
  "specialist-team",
  // 专业队 (water, earthquake, hazmat…), usually at a special-service station
  "city-fulltime",
  // 城市政府专职消防队
  "enterprise",
  // 企业专职消防队
  "forest",
  // 森林消防专业队 / 半专业队
  "township-1",
  // 乡镇政府专职消防队 一级
  "township-2",
  // 乡镇政府专职消防队 二级
  "volunteer",
  // 志愿消防队
  "micro"
  // 微型消防站
];
var ForceKindSchema = z.enum(FORCE_KINDS);
var KIND_TIER = {
  "special-service": "national",
  "class-1": "national",
  "class-2": "national",
  small: "national",
  logistics: "national",
  "specialist-team": "national",
  "city-fulltime": "professional",
  enterprise: "professional",
  forest: "professional",
  "township-1": "township",
  "township-2": "township",
  volunteer: "township",
  micro: "township"
};
var CAPABILITIES = [
  "water",
  // 供水灭火
  "foam",
  "dry-powder",
  "aerial",
  // 登高/举高
  "rescue",
  // 抢险救援 (extrication, forcible entry)
  "hazmat",
  // 化学救援/侦检/堵漏
  "decon",
  // 洗消
  "water-rescue",
  // 水域救援
  "pumping",
  // 排涝
  "search",
  // 搜救 (collapse, dogs)
  "command",
  // 通信指挥
  "smoke-extraction",
  "lighting",
  "air-supply",
  "heavy-machinery",
  "logistics",
  // 战勤保障 (fuel, food, supply)
  "long-distance-water",
  // 远程供水
  "forest",
  // 森林灭火
  "first-response"
  // micro stations: incipient fires, first aid, guidance
];
var CapabilitySchema = z.enum(CAPABILITIES, {
  error: /* @__PURE__ */ __name((iss) => `unknown capability ${JSON.stringify(iss.input)}; expected one of: ${CAPABILITIES.join(", ")}`, "error")
});
var SPEED_CLASSES = ["light", "medium", "heavy", "trailer", "on-foot"];
var SpeedClassSchema = z.enum(SPEED_CLASSES);

// shared/schemas/unit-types.ts
var UnitTypeSchema = z2.object({
  code: z2.string().regex(/^[A-Z][A-Z0-9-]*$/, "a code in capitals, e.g. SG, DG-32, MICRO"),
  zh: z2.string().min(1),
  en: z2.string().min(1),
  crew: z2.number().int().min(1).max(20),
  speedClass: SpeedClassSchema,
  capabilities: z2.array(CapabilitySchema).min(1),
  /** Water / foam delivered on the fire ground, L/min (0 when it carries none). */
  flowLpm: z2.number().min(0).default(0),
  /** Working height of aerial appliances, metres. */
  aerialHeightM: z2.number().min(0).optional(),
  /** Drainage pump output, m³/h (pumping units: how fast they lower flood water where they work). */
  pumpM3H: z2.number().positive().optional(),
  /** A specialist vehicle (hazmat, water rescue, search…): preferred for its capability (专业优先). */
  specialist: z2.boolean().default(false)
});
var UnitTypeCatalogueSchema = z2.object({ unitTypes: z2.array(UnitTypeSchema).min(1) }).superRefine((cat, ctx) => {
  const seen = /* @__PURE__ */ new Set();
  cat.unitTypes.forEach((t, i) => {
    if (seen.has(t.code)) ctx.addIssue({ code: "custom", path: ["unitTypes", i, "code"], message: `duplicate unit type code ${t.code}` });
    seen.add(t.code);
  });
});

// shared/schemas/doctrine.ts
import { z as z3 } from "zod";
var DayNight = z3.object({ day: z3.number().min(0), night: z3.number().min(0) });
var ROAD_CLASSES = ["expressway", "arterial", "local", "rural", "mountain", "ramp"];
var ClockTime = z3.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a local clock time HH:MM, e.g. 07:30");
var TrafficPeriodSchema = z3.object({
  name: z3.string().min(1),
  from: ClockTime,
  to: ClockTime,
  factor: z3.number().positive().max(3),
  roadClasses: z3.array(z3.enum(ROAD_CLASSES)).min(1).optional()
});
var DEFAULT_TRAFFIC_PERIODS = [
  { name: "morning rush", from: "07:30", to: "09:00", factor: 0.8, roadClasses: ["arterial", "local"] },
  { name: "evening rush", from: "17:00", to: "19:00", factor: 0.8, roadClasses: ["arterial", "local"] },
  { name: "night", from: "22:00", to: "06:00", factor: 1.1 }
];
var DEFAULT_RESCUE_ONLY = ["water-rescue", "search"];
var Range = z3.object({ min: z3.number().min(0), max: z3.number().min(0) }).refine((r) => r.max >= r.min, "max must be \u2265 min");
var DoctrineSchema = z3.object({
  /** Seconds from dispatch order to wheels rolling, per force kind, day and night. */
  turnoutSeconds: z3.record(z3.enum(FORCE_KINDS), DayNight).refine(
    (r) => FORCE_KINDS.every((k) => k in r),
    { message: `turnoutSeconds needs every force kind: ${FORCE_KINDS.join(", ")}` }
  ),
  /** Local hours counted as night (turnout is slower, first dispatch is strengthened). */
  night: z3.object({ fromHour: z3.number().int().min(0).max(23), toHour: z3.number().int().min(0).max(23) }),
  /** Average road speeds by speed class, km/h, before detour. */
  speedsKmh: z3.record(z3.enum(SPEED_CLASSES), z3.number().positive()).refine(
    (r) => SPEED_CLASSES.every((k) => k in r),
    { message: `speedsKmh needs every speed class: ${SPEED_CLASSES.join(", ")}` }
  ),
  /**
   * Road speed factors by time of day, applied by the road travel model (a drive keeps the factors
   * of the time it sets off). An empty list turns them off.
   */
  traffic: z3.array(TrafficPeriodSchema).default(DEFAULT_TRAFFIC_PERIODS),
  /** Great-circle distance × detourFactor ≈ road distance, for worlds without a road network. */
  detourFactor: z3.number().min(1).max(3),
  /** Automatic call taker: ring → answer, answer → first dispatch (seconds, uniform in range). */
  callHandling: z3.object({ answerSeconds: Range, processSeconds: Range }),
  /** Arrival → water on fire / work begins. */
  setupSeconds: z3.number().min(0),
  targets: z3.object({
    firstArrivalSeconds: z3.number().positive(),
    // 5-minute rule: dispatch → first unit on scene
    microArrivalSeconds: z3.number().positive(),
    // micro stations: 3 minutes on scene
    callProcessingSeconds: z3.number().positive(),
    // answer → dispatch, ~45 s
    answerSeconds: z3.number().positive()
  }),
  dispatch: z3.object({
    /** A micro station covers sites within this radius and goes first. */
    microCoverageRadiusM: z3.number().positive(),
    /** A specialist is preferred over a nearer generic unit if it arrives no later than this. */
    specialistToleranceSeconds: z3.number().min(0),
    /** Local units slower than this are passed over for a neighbouring jurisdiction's, if faster. */
    localEtaLimitSeconds: z3.number().positive(),
    /** Extra water units at night and for sites whose first unit is further than distantEtaSeconds. */
    strengthen: z3.object({ nightExtraWaterUnits: z3.number().int().min(0), distantEtaSeconds: z3.number().positive(), distantExtraWaterUnits: z3.number().int().min(0) }),
    /** Returning units (after work) may be redispatched on the road. */
    returningDispatchable: z3.boolean()
  }),
  /**
   * Capabilities that only serve a rescue: once nobody is left to rescue at an incident, units
   * whose every capability is listed here are released to the next rescue (the automatic centre
   * does it; on the board the recommendation stops asking for them there).
   */
  releaseWhenRescueDone: z3.array(CapabilitySchema).default(DEFAULT_RESCUE_ONLY),
  /**
   * The order in which the automatic centre serves incidents waiting for units: `lives-first`
   * (救人第一: callers reporting people trapped and not sheltering safely first, each group oldest
   * first) or `call-order` (oldest first: a first-come-first-served queue, as queueing theory assumes).
   */
  waitingOrder: z3.enum(["lives-first", "call-order"]).default("lives-first")
});

// shared/schemas/run-cards.ts
import { z as z5 } from "zod";

// shared/domain/incident-types.ts
import { z as z4 } from "zod";
var INCIDENT_TYPES = [
  "building-fire",
  "high-rise-fire",
  "underground-fire",
  "large-complex-fire",
  "hazmat",
  "traffic-accident",
  "hazmat-tanker",
  "vehicle-fire",
  "forest-fire",
  "flood-rescue",
  "earthquake-collapse",
  "small-outdoor-fire",
  "ebike-battery-fire",
  "social-assistance",
  "false-alarm"
];
var IncidentTypeSchema = z4.enum(INCIDENT_TYPES, {
  error: /* @__PURE__ */ __name((iss) => `unknown incident type ${JSON.stringify(iss.input)}; expected one of: ${INCIDENT_TYPES.join(", ")}`, "error")
});

// shared/schemas/run-cards.ts
var RunCardNeedSchema = z5.object({
  capability: CapabilitySchema,
  vehicles: z5.number().int().min(1),
  /** Which tiers may fill this need (default: all three). */
  tiers: z5.array(TierSchema).min(1).default([...TIERS]),
  /** Aerial needs: minimum working height. */
  minAerialM: z5.number().min(0).optional()
});
var RunCardSchema = z5.object({
  needs: z5.array(RunCardNeedSchema).min(1),
  minFirefighters: z5.number().int().min(0),
  minStations: z5.number().int().min(1).default(1),
  /** A micro station covering the site is sent first (fires it can fight while it is small). */
  microFirst: z5.boolean().default(false)
});
var GradeKey = z5.enum(["1", "2", "3", "4", "5"]);
var RunCardsFileSchema = z5.object({
  cards: z5.partialRecord(z5.enum(INCIDENT_TYPES), z5.partialRecord(GradeKey, RunCardSchema))
}).superRefine((f, ctx) => {
  for (const t of INCIDENT_TYPES) {
    const byGrade = f.cards[t];
    if (!byGrade) {
      ctx.addIssue({ code: "custom", path: ["cards", t], message: `missing run cards for incident type ${t}` });
      continue;
    }
    for (const g of GradeKey.options) {
      if (!byGrade[g]) ctx.addIssue({ code: "custom", path: ["cards", t, g], message: `missing run card for ${t} grade ${g}` });
    }
  }
});

// shared/schemas/incident-models.ts
import { z as z6 } from "zod";
var Ascending5 = z6.array(z6.number().min(0)).length(5).refine((a) => a.every((v, i) => i === 0 || v >= a[i - 1]), "thresholds must not decrease");
var IncidentModelSchema = z6.object({
  /** What `size` measures: m² burning, vehicles involved, people affected… (shown to users). */
  sizeUnit: z6.string().min(1),
  /** Capabilities whose output fights the incident (water and foam flow for fires, rescue units…). */
  primary: z6.array(CapabilitySchema).min(1),
  /** Size at the time of the call: log-normal with this median and log-sigma. */
  initialSize: z6.object({ median: z6.number().positive(), sigma: z6.number().min(0) }),
  /** Unchecked growth rate per minute (exponential); 0 for incidents that do not spread. */
  growthPerMin: z6.number().min(0),
  maxSize: z6.number().positive(),
  /** Output needed per unit of size: L/min per m² for fires, units per size unit otherwise. */
  demandPerSize: z6.number().positive(),
  /** Time to bring under control once output ≥ demand: base + perSize × size, scaled by demand/output. */
  controlMinutes: z6.object({ base: z6.number().min(0), perSize: z6.number().min(0) }),
  /** After control: overhaul and make-up before units are released. */
  overhaulMinutes: z6.number().min(0),
  trapped: z6.object({
    probability: z6.number().min(0).max(1),
    mean: z6.number().min(0),
    // mean number when there are any (1 + Poisson(mean − 1))
    survivalMinutes: z6.number().positive(),
    // mean of an exponential deadline from the call
    capability: CapabilitySchema,
    // who can get them out
    minutesPerPerson: z6.number().positive()
  }),
  /** True grade from size and from trapped people: index k holds the threshold of grade k+1. */
  gradeBySize: Ascending5,
  gradeByTrapped: Ascending5,
  /** The caller sees this fraction of the true size (under-reporting drives size-up escalations). */
  callerSizeFactor: z6.object({ median: z6.number().positive(), sigma: z6.number().min(0) }),
  /**
   * What a caller knows of the people trapped: each one is known with probability `knownShare`
   * (callers outside rarely know who is still inside), and a call with nobody trapped reports one with
   * probability `falseReportShare` ("someone may be in there"). The truth shows at the size-up.
   */
  callerTrapped: z6.object({ knownShare: z6.number().min(0).max(1), falseReportShare: z6.number().min(0).max(1) }).default({ knownShare: 0.7, falseReportShare: 0.03 }),
  /** Share of these calls that turn out to be false or unfounded when units arrive. */
  unfoundedShare: z6.number().min(0).max(1).default(0),
  /** What callers report it as (an automatic alarm sounds like a building fire). */
  reportedAs: z6.enum(INCIDENT_TYPES).optional()
});
var IncidentModelsFileSchema = z6.object({
  models: z6.record(z6.enum(INCIDENT_TYPES), IncidentModelSchema)
}).superRefine((f, ctx) => {
  for (const t of INCIDENT_TYPES) if (!f.models[t]) ctx.addIssue({ code: "custom", path: ["models", t], message: `missing model for incident type ${t}` });
});

// shared/schemas/scenario.ts
import { z as z14 } from "zod";

// shared/domain/grades.ts
import { z as z7 } from "zod";
var GradeSchema = z7.union([z7.literal(1), z7.literal(2), z7.literal(3), z7.literal(4), z7.literal(5)]);
var GRADE_INFO = {
  1: { zh: "\u4E00\u7EA7", en: "Level 1", colour: "green", hex: "#2e9d46" },
  2: { zh: "\u4E8C\u7EA7", en: "Level 2", colour: "blue", hex: "#2f6fd6" },
  3: { zh: "\u4E09\u7EA7", en: "Level 3", colour: "yellow", hex: "#e8c21c" },
  4: { zh: "\u56DB\u7EA7", en: "Level 4", colour: "orange", hex: "#ee7b18" },
  5: { zh: "\u4E94\u7EA7", en: "Level 5", colour: "red", hex: "#d42a2a" }
};

// shared/geo.ts
import { z as z8 } from "zod";
var LatLonSchema = z8.tuple([z8.number().min(-90).max(90), z8.number().min(-180).max(180)]);
var EARTH_RADIUS_M = 63710088e-1;
var RAD = Math.PI / 180;
function haversineM(a, b) {
  const dLat = (b[0] - a[0]) * RAD;
  const dLon = (b[1] - a[1]) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * RAD) * Math.cos(b[0] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}
__name(haversineM, "haversineM");
function lerpLatLon(a, b, f) {
  const g = Math.max(0, Math.min(1, f));
  return [a[0] + (b[0] - a[0]) * g, a[1] + (b[1] - a[1]) * g];
}
__name(lerpLatLon, "lerpLatLon");

// shared/schemas/duration.ts
import { z as z9 } from "zod";
var UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
function parseDurationMs(v) {
  if (typeof v === "number") return Number.isFinite(v) && v >= 0 ? Math.round(v * 1e3) : void 0;
  const s = v.trim();
  const clock = /^(\d+):(\d{1,2}):(\d{1,2})$/.exec(s) ?? /^()(\d+):(\d{1,2})$/.exec(s);
  if (clock) return ((Number(clock[1] || 0) * 60 + Number(clock[2])) * 60 + Number(clock[3])) * 1e3;
  const parts = [...s.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== s.replace(/\s+/g, "")) return void 0;
  return Math.round(parts.reduce((acc, p) => acc + Number(p[1]) * UNIT_MS[p[2]], 0));
}
__name(parseDurationMs, "parseDurationMs");
var DurationSchema = z9.union([z9.string(), z9.number()]).transform((v, ctx) => {
  const ms = parseDurationMs(v);
  if (ms === void 0) {
    ctx.addIssue({ code: "custom", message: `not a duration: ${JSON.stringify(v)} (expected e.g. "90s", "45m", "24h", "365d", "00:05:00" or seconds)` });
    return z9.NEVER;
  }
  return ms;
});

// shared/events.ts
var CLOSURE_REASONS = ["flood", "collapse", "plume", "accident", "other"];
var COMMS_REPORTS = ["delayed", "lost"];
var UNIT_REPORT_TYPES = ["UNIT_EN_ROUTE", "UNIT_ARRIVED", "UNIT_WORKING", "UNIT_RETURNING", "UNIT_IN_STATION", "UNIT_REROUTED"];

// shared/schemas/scenario-time.ts
import { z as z10 } from "zod";
var ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
function parseScriptTime(v) {
  if (typeof v === "number") {
    const ms2 = parseDurationMs(v);
    return ms2 === void 0 ? void 0 : { offsetMs: ms2 };
  }
  const s = v.trim();
  if (ISO_DATE_TIME.test(s)) return Number.isNaN(Date.parse(s)) ? void 0 : { absolute: s };
  const body = /^T\s*\+\s*(.+)$/i.exec(s)?.[1] ?? s;
  const ms = /^0+$/.test(body.trim()) ? 0 : parseDurationMs(body);
  return ms === void 0 ? void 0 : { offsetMs: ms };
}
__name(parseScriptTime, "parseScriptTime");
var SCRIPT_TIME_HINT = 'expected a time like "T+05:00", "T+1h30m", "45m", "00:05:00" or a date-time "2026-06-12T19:45:00+08:00"';
var ScriptTimeSchema = z10.union([z10.string(), z10.number()]).transform((v, ctx) => {
  const t = parseScriptTime(v);
  if (!t) {
    ctx.addIssue({ code: "custom", message: `not a time: ${JSON.stringify(v)} (${SCRIPT_TIME_HINT})` });
    return z10.NEVER;
  }
  return t;
});
function offsetOf(t, startIso) {
  return "offsetMs" in t ? t.offsetMs : Date.parse(t.absolute) - Date.parse(startIso);
}
__name(offsetOf, "offsetOf");
function formatScriptTime(ms) {
  const sign = ms < 0 ? "-" : "+";
  const s = Math.round(Math.abs(ms) / 1e3);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor(s % 3600 / 60);
  const ss = s % 60;
  return `T${sign}${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}:${String(ss).padStart(2, "0")}`;
}
__name(formatScriptTime, "formatScriptTime");

// shared/schemas/drill-condition.ts
import { z as z11 } from "zod";
var Id = z11.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected an id of letters, digits, ".", "_" or "-", e.g. inj-fire-1');
var ScriptIdSchema = Id;
var IncidentRefSchema = z11.union([
  z11.literal("any"),
  Id,
  z11.strictObject({ firstOfType: IncidentTypeSchema })
]);
var PlaceSchema = z11.union([LatLonSchema, z11.string().min(1)]);
var AreaSchema = oneKey({
  circle: z11.strictObject({ center: PlaceSchema, radiusM: z11.number().positive().max(5e4) }),
  polygon: z11.array(LatLonSchema).min(3).max(500)
}, "an area");
var count = z11.number().int().min(1).default(1);
var team = Id.optional();
var fromStationNotAt = IncidentRefSchema.refine((r) => r !== "any", 'expected one incident (an inject id or { firstOfType: \u2026 }), not "any"').optional();
var reasons = z11.enum(["flood", "collapse", "plume", "accident", "other"]);
var FACT_SHAPE = {
  /** At least `count` units (of `capability`, of `team`, from a station not at `fromStationNotAt`) have been dispatched to the incident. */
  dispatched: z11.strictObject({ incident: IncidentRefSchema, capability: CapabilitySchema.optional(), team, fromStationNotAt, count }),
  /** At least `count` units (of `capability`, of `team`, from a station not at `fromStationNotAt`) have arrived on scene. */
  onScene: z11.strictObject({ incident: IncidentRefSchema, capability: CapabilitySchema.optional(), team, fromStationNotAt, count }),
  /** The incident's grade is at least `atLeast`. */
  grade: z11.strictObject({ incident: IncidentRefSchema, atLeast: GradeSchema }),
  underControl: z11.strictObject({ incident: IncidentRefSchema }),
  closed: z11.strictObject({ incident: IncidentRefSchema }),
  /** The incident's home station (辖区站) had a unit in its first dispatch. */
  homeStationFirst: z11.strictObject({ incident: IncidentRefSchema }),
  /** Someone asked for reinforcement for the incident. */
  reinforcementRequested: z11.strictObject({ incident: IncidentRefSchema }),
  /** At least `count` people rescued at the incident. */
  rescued: z11.strictObject({ incident: IncidentRefSchema, count }),
  /** Someone died at the incident. */
  died: z11.strictObject({ incident: IncidentRefSchema }),
  /** The incident's call has come in (its inject fired / a call of the type was received). */
  called: z11.strictObject({ incident: IncidentRefSchema }),
  /** A unit (of `capability`, of `team`) has arrived somewhere inside the area (e.g. a hot zone). */
  unitInArea: z11.strictObject({ area: AreaSchema, capability: CapabilitySchema.optional(), team }),
  /** A road closure (of this reason) is in force. */
  roadClosed: z11.strictObject({ reason: reasons.optional() }),
  /** An evacuation was ordered (for the incident, or any). */
  evacuationOrdered: z11.strictObject({ incident: IncidentRefSchema.optional() }),
  /** An inject (by id) has fired. */
  injectFired: Id,
  /** An expected action (by id) has been met. */
  expectedMet: Id
};
var FACT_KINDS = Object.keys(FACT_SHAPE);
var FactSchema = oneKey(FACT_SHAPE, "a fact");
var ConditionSchema = z11.lazy(
  () => oneKey({
    ...FACT_SHAPE,
    all: z11.array(ConditionSchema).min(1),
    any: z11.array(ConditionSchema).min(1),
    not: ConditionSchema
  }, "a condition")
);
function oneKey(shape, what) {
  const optional = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()]));
  const names = Object.keys(shape).join(", ");
  return z11.strictObject(optional).refine((v) => Object.values(v).filter((x) => x !== void 0).length === 1, {
    when: /* @__PURE__ */ __name((payload) => payload.issues.length === 0, "when"),
    error: /* @__PURE__ */ __name((iss) => {
      const keys = iss.input && typeof iss.input === "object" ? Object.keys(iss.input) : [];
      return `${keys.length === 0 ? "empty" : `${keys.length} keys (${keys.join(", ")})`}: expected ${what} with exactly one of: ${names}`;
    }, "error")
  });
}
__name(oneKey, "oneKey");
function factKind(f) {
  return Object.keys(f)[0];
}
__name(factKind, "factKind");
function factsOf(c) {
  if ("all" in c) return c.all.flatMap(factsOf);
  if ("any" in c) return c.any.flatMap(factsOf);
  if ("not" in c) return factsOf(c.not);
  return [c];
}
__name(factsOf, "factsOf");
function teamOfFact(f) {
  const body = Object.values(f)[0];
  if (body && typeof body === "object" && "team" in body) return body.team;
  return void 0;
}
__name(teamOfFact, "teamOfFact");
function incidentOfFact(f) {
  const body = Object.values(f)[0];
  if (body && typeof body === "object" && "incident" in body) return body.incident;
  return void 0;
}
__name(incidentOfFact, "incidentOfFact");

// shared/schemas/objective-rating.ts
import { z as z12 } from "zod";
var ObjectiveRatingSchema = z12.strictObject({
  /** Least share of credit (0..1) for P, S and M; below M the objective is U. */
  P: z12.number().min(0).max(1).default(1),
  S: z12.number().min(0).max(1).default(0.75),
  M: z12.number().min(0).max(1).default(0.25),
  /** Expected-action ids that must not be missed: missing one makes the objective M at best. */
  critical: z12.array(z12.string().min(1)).default([]),
  /** Credit of an action met after its deadline. */
  lateCredit: z12.number().min(0).max(1).default(0.5)
}).refine((r) => r.P >= r.S && r.S >= r.M, "expected thresholds P \u2265 S \u2265 M");

// shared/schemas/hazard.ts
import { z as z13 } from "zod";
var Id2 = z13.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected an id of letters, digits, ".", "_" or "-", e.g. hz-chlorine-1');
var WindSchema = z13.object({
  fromDeg: z13.number().min(0).max(360),
  speedMS: z13.number().min(0).max(60)
}).strict();
var STABILITY_CLASSES = ["A", "B", "C", "D", "E", "F"];
var StabilityClassSchema = z13.enum(STABILITY_CLASSES);
var INSOLATIONS = ["strong", "moderate", "slight"];
var StabilitySchema = z13.union([
  StabilityClassSchema,
  z13.object({ class: StabilityClassSchema }).strict(),
  z13.discriminatedUnion("period", [
    z13.object({
      period: z13.literal("day"),
      insolation: z13.enum(INSOLATIONS).optional(),
      /** An overcast day is class D whatever the wind. */
      overcast: z13.boolean().default(false)
    }).strict().refine((d) => d.overcast || d.insolation !== void 0, { message: "a day needs insolation (strong, moderate or slight) or overcast: true", path: ["insolation"] }),
    z13.object({
      period: z13.literal("night"),
      /** Low cloud cover in eighths of the sky (oktas); 8 = overcast (→ D). */
      cloudOktas: z13.number().int().min(0).max(8)
    }).strict(),
    z13.object({ period: z13.literal("twilight") }).strict()
  ])
]);
var WeatherPointSchema = z13.object({
  at: DurationSchema,
  wind: WindSchema,
  /** Omitted: the previous point's stability (the first point: derived as neutral, D). */
  stability: StabilitySchema.optional()
}).strict();
var WeatherTimelineSchema = z13.array(WeatherPointSchema).min(1).superRefine((pts, ctx) => {
  for (let i = 1; i < pts.length; i++) {
    if (pts[i].at <= pts[i - 1].at) ctx.addIssue({ code: "custom", path: [i, "at"], message: "weather points must be in increasing time order (expected a later time than the previous point)" });
  }
});
var ReleaseSourceSchema = z13.discriminatedUnion("kind", [
  z13.object({
    kind: z13.literal("continuous"),
    rateKgS: z13.number().positive().max(1e4),
    duration: DurationSchema.optional(),
    heightM: z13.number().min(0).max(500).default(0)
  }).strict(),
  z13.object({
    kind: z13.literal("instantaneous"),
    massKg: z13.number().positive().max(1e7),
    heightM: z13.number().min(0).max(500).default(0)
  }).strict()
]);
var ERG_CONTAINERS = ["rail-tank-car", "highway-tank-truck", "agricultural-nurse-tank", "multiple-small-cylinders", "single-ton-cylinder", "single-small-cylinder"];
var ReleaseSiteSchema = z13.discriminatedUnion("kind", [
  z13.object({
    kind: z13.literal("fixed"),
    location: z13.union([LatLonSchema, z13.string().min(1)]),
    name: z13.string().min(1).optional()
  }).strict(),
  z13.object({
    kind: z13.literal("vehicle"),
    location: z13.union([LatLonSchema, z13.string().min(1)]),
    container: z13.enum(ERG_CONTAINERS).default("highway-tank-truck"),
    name: z13.string().min(1).optional()
  }).strict()
]);
var TERRAIN_KINDS = ["auto", "rural", "urban"];
var ChemicalReleaseSchema = z13.object({
  kind: z13.literal("chemical-release"),
  id: Id2,
  /** When the release starts, written like an inject's time (`T+05:00`, `90s`, a date-time); omitted: only when a release-start inject fires. */
  at: ScriptTimeSchema.optional(),
  /** A substance id of seeds/substances.yaml (chlorine, ammonia, …). */
  substance: z13.string().min(1),
  source: ReleaseSourceSchema,
  site: ReleaseSiteSchema,
  /** ERG spill size: small ≤ 208 L (a drum), large above. */
  spill: z13.enum(["small", "large"]).default("large"),
  terrain: z13.enum(TERRAIN_KINDS).default("auto"),
  /** The release's own wind and stability; omitted: the scenario's weather timeline. */
  wind: WindSchema.optional(),
  stability: StabilitySchema.optional()
}).strict();
var GaugeReadingSchema = z13.object({
  at: DurationSchema,
  levelM: z13.number().min(-5).max(30)
}).strict();
var RainPointSchema = z13.object({
  at: DurationSchema,
  intensityMmH: z13.number().min(0).max(300)
}).strict();
var increasing = /* @__PURE__ */ __name((what) => (pts, ctx) => {
  for (let i = 1; i < pts.length; i++) {
    if (pts[i].at <= pts[i - 1].at) ctx.addIssue({ code: "custom", path: [i, "at"], message: `${what} must be in increasing time order (expected a later time than the previous one)` });
  }
}, "increasing");
var WaterLevelSchema = z13.discriminatedUnion("kind", [
  z13.object({
    kind: z13.literal("gauge"),
    readings: z13.array(GaugeReadingSchema).min(1).superRefine(increasing("gauge readings")),
    recessionMPerH: z13.number().min(0).max(5).default(0.2)
  }).strict(),
  z13.object({
    kind: z13.literal("rain"),
    rain: z13.array(RainPointSchema).min(1).superRefine(increasing("rain points")),
    riseMPerMmH: z13.number().positive().max(1).default(0.02),
    recessionHours: z13.number().positive().max(240).default(6)
  }).strict()
]);
var FloodSchema = z13.object({
  kind: z13.literal("flood"),
  id: Id2,
  /** When the flood model starts, written like an inject's time (`T+05:00`, `90s`, a date-time); omitted: at the scenario start. */
  at: ScriptTimeSchema.optional(),
  level: WaterLevelSchema,
  /** Roads close where the water is deeper than this (m); cars float from about 0.3-0.6 m. */
  roadClosureDepthM: z13.number().positive().max(5).default(0.3),
  /** Which water cells the level applies to: `river` (cells along the river) or `all` (river and reservoir). */
  waters: z13.enum(["river", "all"]).default("river")
}).strict();
var HazardSchema = z13.discriminatedUnion("kind", [ChemicalReleaseSchema, FloodSchema]);
var ReleaseStartPayloadSchema = z13.object({
  hazardId: Id2,
  source: ReleaseSourceSchema.optional()
}).strict();
var ReleaseStopPayloadSchema = z13.object({ hazardId: Id2 }).strict();
var WindShiftPayloadSchema = z13.object({
  wind: WindSchema,
  stability: StabilitySchema.optional()
}).strict();
var WaterLevelChangePayloadSchema = z13.object({
  hazardId: Id2,
  levelM: z13.number().min(-5).max(30).optional(),
  deltaM: z13.number().min(-30).max(30).optional()
}).strict().refine((p) => p.levelM === void 0 !== (p.deltaM === void 0), { message: "give exactly one of levelM or deltaM", path: ["levelM"] });
var HazardInjectSchema = z13.discriminatedUnion("action", [
  z13.object({ action: z13.literal("release-start"), ...ReleaseStartPayloadSchema.shape }).strict(),
  z13.object({ action: z13.literal("release-stop"), ...ReleaseStopPayloadSchema.shape }).strict(),
  z13.object({ action: z13.literal("wind-shift"), ...WindShiftPayloadSchema.shape }).strict(),
  z13.object({ action: z13.literal("water-level"), hazardId: Id2, levelM: z13.number().min(-5).max(30).optional(), deltaM: z13.number().min(-30).max(30).optional() }).strict().refine((p) => p.levelM === void 0 !== (p.deltaM === void 0), { message: "give exactly one of levelM or deltaM", path: ["levelM"] })
]);

// shared/schemas/scenario.ts
var MODES = ["auto", "manual"];
var Id3 = ScriptIdSchema;
var BilingualSchema = z14.strictObject({ zh: z14.string().min(1), en: z14.string().min(1) });
var ScriptedCallSchema = z14.strictObject({
  /** Inject id the controller uses to fire it early or skip it; default `inj-<n>` (n = position in the file, from 1). */
  id: Id3.optional(),
  /** Offset from the scenario start. */
  at: DurationSchema,
  type: IncidentTypeSchema,
  /** Where: [lat, lon], or the name of a place in the region (a cell's place or a station id). */
  location: z14.union([LatLonSchema, z14.string().min(1)]),
  description: z14.string().default(""),
  /** Hidden truth, when the script wants it fixed rather than drawn from the model. */
  size: z14.number().positive().optional(),
  trapped: z14.number().int().min(0).optional(),
  /** Grade the caller's report suggests; otherwise derived from what the caller sees. */
  reportedGrade: GradeSchema.optional()
});
var ObjectiveSchema = z14.strictObject({
  id: Id3,
  title: BilingualSchema,
  /** HSEEP core capability, e.g. "Operational Coordination", "Mass Search and Rescue Operations". */
  capability: z14.string().min(1),
  /** Capability targets: measurable thresholds, e.g. "first unit on scene within 8 minutes". */
  targets: z14.array(z14.string().min(1)).min(1),
  /** How the debrief rates it P / S / M / U from its expected actions (shared/schemas/objective-rating.ts); defaults when absent. */
  rating: ObjectiveRatingSchema.optional()
});
var WeatherPointSchema2 = z14.strictObject({
  at: ScriptTimeSchema,
  wind: WindSchema,
  /** Pasquill-Gifford class or what derives it (day insolation, night cloud oktas); omitted: the previous point's. */
  stability: StabilitySchema.optional(),
  /** Rain, mm/h. */
  rainMmH: z14.number().min(0).max(300).optional(),
  temperatureC: z14.number().min(-60).max(60).optional()
});
var ForceStateSchema = z14.strictObject({
  /** Units out of service (breakdown, maintenance) from the start. */
  outOfService: z14.array(z14.strictObject({ unit: Id3, reason: z14.string().default(""), until: ScriptTimeSchema.optional() })).default([]),
  /** Units riding with fewer firefighters than their type's crew. */
  reducedStaffing: z14.array(z14.strictObject({ unit: Id3, crew: z14.number().int().min(0) })).default([]),
  /** Whole stations or teams away (training, another deployment): all their units unavailable. */
  away: z14.array(z14.strictObject({ station: Id3, reason: z14.string().default(""), until: ScriptTimeSchema.optional() })).default([])
});
var INJECT_METHODS = ["phone", "radio", "message", "board", "email", "in-person", "system"];
var injectCommon = {
  id: Id3.optional(),
  /** When it fires: an offset (`T+05:00`) or a date-time. Or `after` another inject, `delay` later. */
  at: ScriptTimeSchema.optional(),
  after: Id3.optional(),
  delay: DurationSchema.optional(),
  /** Held: waits in the controller console until the controller fires it (its time, if any, is only a guide). */
  held: z14.boolean().optional(),
  /**
   * Contingency: fires only when the condition holds. Checked once at the inject's time, or, with
   * `until`, after every change from the inject's time to `until` (fires the first time it holds).
   */
  contingency: z14.strictObject({ when: ConditionSchema, until: ScriptTimeSchema.optional() }).optional(),
  // MSEL columns
  from: z14.string().optional(),
  to: z14.string().optional(),
  method: z14.enum(INJECT_METHODS).optional(),
  description: z14.string().optional(),
  /** The objective (id) this inject serves. */
  objective: Id3.optional(),
  /** What the players are expected to do (free text for the MSEL; checked expectations go in `expected:`). */
  expectedAction: z14.string().optional()
};
var CallInject = z14.strictObject({
  ...injectCommon,
  kind: z14.literal("call"),
  /** The incident type the caller reports. */
  type: IncidentTypeSchema,
  location: PlaceSchema,
  /** What the caller says (shown to the call-taker). */
  words: z14.string().optional(),
  reportedGrade: GradeSchema.optional(),
  /** Hidden truth: size at the time of the call (m², vehicles…, per type), people trapped. */
  truth: z14.strictObject({ size: z14.number().positive().optional(), trapped: z14.number().int().min(0).optional() }).optional()
});
var HazardInject = z14.strictObject({ ...injectCommon, kind: z14.literal("hazard"), hazard: HazardInjectSchema });
var ClosureInject = z14.strictObject({
  ...injectCommon,
  kind: z14.literal("road-closure"),
  /** A segment between two places, or an area. */
  road: z14.strictObject({ from: PlaceSchema, to: PlaceSchema }).optional(),
  area: AreaSchema.optional(),
  reason: z14.enum(["flood", "collapse", "plume", "accident", "other"]).default("other"),
  closureId: Id3.optional(),
  /** Reopens by itself this long after it closed. */
  lasts: DurationSchema.optional()
});
var BridgeInject = z14.strictObject({
  ...injectCommon,
  kind: z14.literal("bridge-down"),
  /** The bridge: a place name (e.g. "Qingshui Bridge") or [lat, lon]; the road segments within `radiusM` close. */
  bridge: PlaceSchema,
  radiusM: z14.number().positive().max(2e3).default(150),
  closureId: Id3.optional()
});
var ReopenInject = z14.strictObject({ ...injectCommon, kind: z14.literal("road-reopen"), closureId: Id3 });
var CommsInject = z14.strictObject({
  ...injectCommon,
  kind: z14.literal("comms-outage"),
  /** The station (team) whose communications are cut (断网): its units cannot be given orders. */
  station: Id3,
  lasts: DurationSchema.optional(),
  /**
   * The units' status reports meanwhile: `delayed` (default) reach the centre in order when contact
   * returns; `lost` never do (the centre catches up from the station's report on reconnection).
   */
  reports: z14.enum(COMMS_REPORTS).optional()
});
var PowerInject = z14.strictObject({
  ...injectCommon,
  kind: z14.literal("power-outage"),
  /** The command centre on backup power: call handling takes this many times longer. */
  centreHandlingFactor: z14.number().min(1).max(10).default(1.5),
  /** Hydrants in this area have no pressure. */
  hydrantsArea: AreaSchema.optional(),
  lasts: DurationSchema.optional()
});
var BreakdownInject = z14.strictObject({
  ...injectCommon,
  kind: z14.literal("unit-breakdown"),
  unit: Id3,
  lasts: DurationSchema.optional()
});
var InjuryInject = z14.strictObject({
  ...injectCommon,
  kind: z14.literal("crew-injury"),
  unit: Id3,
  injured: z14.number().int().min(1).default(1)
});
var REINFORCEMENT_SOURCES = ["provincial", "neighbour-county", "militia", "social-rescue"];
var ReinforcementInject = z14.strictObject({
  ...injectCommon,
  kind: z14.literal("reinforcements"),
  source: z14.enum(REINFORCEMENT_SOURCES),
  team: BilingualSchema,
  /** Where they report (staging area): a place of the region. */
  stagingAt: PlaceSchema,
  units: z14.array(z14.strictObject({ id: Id3, type: z14.string().regex(/^[A-Z][A-Z0-9-]*$/, "expected a unit type code, e.g. SG, DG-32"), crew: z14.number().int().min(0).optional() })).min(1)
});
var MessageInject = z14.strictObject({
  ...injectCommon,
  kind: z14.literal("message"),
  /** Who it comes from as the players see it. */
  source: z14.enum(["media", "vip", "higher-command", "public", "agency", "controller"]).default("controller"),
  text: BilingualSchema
});
var SecondaryInject = z14.strictObject({
  ...injectCommon,
  kind: z14.literal("secondary"),
  /** The scene: the inject whose call made the incident. */
  scene: Id3,
  what: z14.enum(["collapse", "explosion", "spread"]),
  /** The new incident's type (default: the scene's type). */
  type: IncidentTypeSchema.optional(),
  truth: z14.strictObject({ size: z14.number().positive().optional(), trapped: z14.number().int().min(0).optional() }).optional()
});
var INJECT_KINDS = ["call", "hazard", "road-closure", "bridge-down", "road-reopen", "comms-outage", "power-outage", "unit-breakdown", "crew-injury", "reinforcements", "message", "secondary"];
var InjectSchema = z14.discriminatedUnion("kind", [
  CallInject,
  HazardInject,
  ClosureInject,
  BridgeInject,
  ReopenInject,
  CommsInject,
  PowerInject,
  BreakdownInject,
  InjuryInject,
  ReinforcementInject,
  MessageInject,
  SecondaryInject
], {
  error: /* @__PURE__ */ __name((iss) => {
    const kind = iss.input && typeof iss.input === "object" ? iss.input.kind : void 0;
    return `${kind === void 0 ? "missing inject kind" : `unknown inject kind ${JSON.stringify(kind)}`} (expected kind: one of ${INJECT_KINDS.join(", ")})`;
  }, "error")
}).superRefine((inj, ctx) => {
  const timed = (inj.at !== void 0 ? 1 : 0) + (inj.after !== void 0 ? 1 : 0);
  if (timed > 1) ctx.addIssue({ code: "custom", path: ["after"], message: "give either `at` or `after` (with `delay`), not both" });
  if (timed === 0 && !inj.held) ctx.addIssue({ code: "custom", path: ["at"], message: "missing time (expected `at: T+mm:ss`, `after: <inject id>` with `delay:`, or `held: true`)" });
  if (inj.delay !== void 0 && inj.after === void 0) ctx.addIssue({ code: "custom", path: ["delay"], message: "`delay` only goes with `after: <inject id>`" });
  if (inj.kind === "road-closure" && inj.road === void 0 === (inj.area === void 0)) ctx.addIssue({ code: "custom", path: ["road"], message: "a road closure needs exactly one of `road: {from, to}` or `area:`" });
  if (inj.contingency && inj.held) ctx.addIssue({ code: "custom", path: ["held"], message: "an inject is either a contingency (fires on its condition) or held (fires when the controller says), not both" });
});
var ExpectedActionSchema = z14.strictObject({
  id: Id3,
  objective: Id3.optional(),
  description: BilingualSchema,
  check: ConditionSchema,
  by: ScriptTimeSchema.optional(),
  within: DurationSchema.optional()
}).superRefine((e, ctx) => {
  if (e.by !== void 0 && e.within !== void 0) ctx.addIssue({ code: "custom", path: ["within"], message: "give either `by` (a time) or `within` (after the incident's call), not both" });
});
var ScenarioObject = z14.strictObject({
  /** Title in English (also the scenario's name in the event log). */
  name: z14.string().min(1),
  /** Title in Chinese. */
  nameZh: z14.string().optional(),
  description: z14.string().default(""),
  region: z14.string().min(1),
  seed: z14.number().int().min(0).default(1),
  /** Local calendar time of the scenario start (ISO 8601 with offset); sets hour of day and night. */
  start: z14.string().refine((s) => !Number.isNaN(Date.parse(s)), "expected an ISO 8601 date-time, e.g. 2026-06-01T08:00:00+08:00"),
  duration: DurationSchema,
  mode: z14.enum(MODES).default("auto"),
  /** Which of the eight formations (高低大化 林震洪交) or kind of drill this is; used by templates and the library. */
  formation: z14.enum(["high-rise", "underground", "large-complex", "chemical", "forest", "earthquake", "flood", "traffic", "everyday", "cross-region"]).optional(),
  objectives: z14.array(ObjectiveSchema).default([]),
  weather: z14.array(WeatherPointSchema2).default([]),
  hazards: z14.array(HazardSchema).default([]),
  forces: ForceStateSchema.default({ outOfService: [], reducedStaffing: [], away: [] }),
  background: z14.strictObject({
    enabled: z14.boolean().default(true),
    /** Calls per year; default from seeds/call-profile.yaml and the region's population. */
    callsPerYear: z14.number().positive().optional(),
    /** Multiplier on the call rate (e.g. 10 for a metropolitan load test). */
    scale: z14.number().positive().default(1)
  }).default({ enabled: true, scale: 1 }),
  /** Scripted calls, the short form of `kind: call` injects (ids `inj-<n>` by position unless given). */
  calls: z14.array(ScriptedCallSchema).default([]),
  /** The inject timeline (MSEL). */
  injects: z14.array(InjectSchema).default([]),
  expected: z14.array(ExpectedActionSchema).default([])
});
function defaultIds(calls, injects) {
  return {
    calls: calls.map((c, i) => c.id ?? `inj-${i + 1}`),
    injects: injects.map((j, i) => j.id ?? `inj-${calls.length + i + 1}`)
  };
}
__name(defaultIds, "defaultIds");
var ScenarioSchema = ScenarioObject.superRefine((s, ctx) => {
  const ids = defaultIds(s.calls, s.injects);
  const seen = /* @__PURE__ */ new Map();
  const claim = /* @__PURE__ */ __name((id, where, what) => {
    const first = seen.get(id);
    if (first !== void 0) ctx.addIssue({ code: "custom", path: where, message: `inject id "${id}" is already used by ${first} (expected unique ids)` });
    else seen.set(id, what);
  }, "claim");
  ids.calls.forEach((id, i) => claim(id, ["calls", i, s.calls[i].id ? "id" : "at"], `scripted call ${i + 1}`));
  ids.injects.forEach((id, i) => claim(id, ["injects", i, s.injects[i].id ? "id" : "kind"], `inject ${i + 1}`));
  const objectives = /* @__PURE__ */ new Set();
  s.objectives.forEach((o, i) => {
    if (objectives.has(o.id)) ctx.addIssue({ code: "custom", path: ["objectives", i, "id"], message: `objective id "${o.id}" is already used (expected unique ids)` });
    objectives.add(o.id);
  });
  s.hazards.forEach((h, i) => {
    if (h.at !== void 0 && offsetOf(h.at, s.start) < 0) ctx.addIssue({ code: "custom", path: ["hazards", i, "at"], message: `hazard "${h.id}" starts before the scenario's start ${s.start} (expected a time at or after it)` });
  });
  const expected = /* @__PURE__ */ new Set();
  s.expected.forEach((e, i) => {
    if (expected.has(e.id)) ctx.addIssue({ code: "custom", path: ["expected", i, "id"], message: `expected-action id "${e.id}" is already used (expected unique ids)` });
    expected.add(e.id);
  });
});
function scriptInjects(s) {
  const ids = defaultIds(s.calls, s.injects);
  const off = /* @__PURE__ */ __name((t) => t === void 0 ? void 0 : offsetOf(t, s.start), "off");
  const fromCalls = s.calls.map((c, i) => ({
    kind: "call",
    id: ids.calls[i],
    at: c.at,
    type: c.type,
    location: c.location,
    ...c.description ? { words: c.description } : {},
    ...c.reportedGrade !== void 0 ? { reportedGrade: c.reportedGrade } : {},
    ...c.size !== void 0 || c.trapped !== void 0 ? { truth: { ...c.size !== void 0 ? { size: c.size } : {}, ...c.trapped !== void 0 ? { trapped: c.trapped } : {} } } : {},
    origin: { list: "calls", index: i }
  }));
  const fromInjects = s.injects.map((j, i) => {
    const { id: _id, at, contingency, ...rest } = j;
    return {
      ...rest,
      id: ids.injects[i],
      ...at !== void 0 ? { at: off(at) } : {},
      ...contingency ? { contingency: { when: contingency.when, ...contingency.until !== void 0 ? { until: off(contingency.until) } : {} } } : {},
      origin: { list: "injects", index: i }
    };
  });
  return [...fromCalls, ...fromInjects];
}
__name(scriptInjects, "scriptInjects");
function scriptExpected(s) {
  return s.expected.map((e) => {
    const { by, ...rest } = e;
    return { ...rest, ...by !== void 0 ? { by: offsetOf(by, s.start) } : {} };
  });
}
__name(scriptExpected, "scriptExpected");
var CallProfileSchema = z14.object({
  callsPerYearPer10k: z14.number().positive(),
  hourOfDay: z14.array(z14.number().min(0)).length(24),
  /** Weight of a cell = population × perPerson + perCell, by land use. */
  landUseWeight: z14.record(z14.string(), z14.object({ perPerson: z14.number().min(0), perCell: z14.number().min(0) })),
  /** Incident type mix by land use (relative weights). */
  typeMix: z14.record(z14.string(), z14.record(IncidentTypeSchema, z14.number().min(0)))
});

// shared/schemas/inject-effects.ts
import { z as z15 } from "zod";
var InjectEffectRulesSchema = z15.strictObject({
  crewInjury: z15.strictObject({
    /**
     * The unit is withdrawn (out of service) when fewer than this share of its type's crew are
     * left (rounded up); 0.5: under half the crew.
     */
    withdrawBelowShareOfTypeCrew: z15.number().gt(0).max(1),
    /** …and in any case when fewer than this many are left. */
    minCrew: z15.number().int().min(1).max(20),
    source: z15.string().min(3)
  }),
  dryHydrants: z15.strictObject({
    /** Incidents that need fire-fighting water from the hydrants (where dry hydrants matter). */
    fireTypes: z15.array(IncidentTypeSchema).min(1),
    /** What such an incident needs on top of its run card while the hydrants around it are dry. */
    needs: z15.array(RunCardNeedSchema.strict()).min(1),
    source: z15.string().min(3)
  })
}).superRefine((r, ctx) => {
  r.dryHydrants.fireTypes.forEach((t, i) => {
    if (r.dryHydrants.fireTypes.indexOf(t) !== i) ctx.addIssue({ code: "custom", path: ["dryHydrants", "fireTypes", i], message: `"${t}" is listed twice (expected each incident type once)` });
  });
});
function crewToKeepWorking(rules, typeCrew) {
  return Math.max(rules.minCrew, Math.ceil(typeCrew * rules.withdrawBelowShareOfTypeCrew));
}
__name(crewToKeepWorking, "crewToKeepWorking");

// shared/schemas/region.ts
import { z as z16 } from "zod";
var JURISDICTION_KINDS = ["urban-district", "township", "industrial-park", "neighbour", "province"];
var JurisdictionSchema = z16.object({
  id: z16.string().min(1),
  name: z16.string().min(1),
  nameZh: z16.string().min(1),
  /** urban-district / township / industrial-park are in the county; neighbour and province are reinforcement echelons. */
  kind: z16.enum(JURISDICTION_KINDS),
  /** 辖区站: the station that is always in the first dispatch here. */
  homeStationId: z16.string().min(1),
  /** For a township: the national station that supervises the township team and goes with it. */
  supervisingStationId: z16.string().min(1).optional(),
  population: z16.number().int().min(0),
  center: LatLonSchema
});
var UnitSpecSchema = z16.object({
  id: z16.string().min(1),
  type: z16.string().min(1),
  // a code of the unit-type catalogue
  /** The Chinese callsign (城东水罐2), and its English counterpart (Chengdong Tender 2); unique in a region. */
  callsign: z16.string().min(1).optional(),
  callsignEn: z16.string().min(1).optional()
});
var StationSchema = z16.object({
  id: z16.string().min(1),
  name: z16.string().min(1),
  nameZh: z16.string().min(1),
  kind: ForceKindSchema,
  jurisdictionId: z16.string().min(1),
  location: LatLonSchema,
  staffOnDuty: z16.number().int().min(1),
  /** Township teams and micro stations: the national station that supervises them. */
  supervisingStationId: z16.string().min(1).optional(),
  /** Capabilities this station is a specialist team for (专业队), e.g. water-rescue, hazmat, search. */
  specialties: z16.array(CapabilitySchema).default([]),
  units: z16.array(UnitSpecSchema)
});
var LAND_USES = ["urban", "suburban", "village", "rural", "forest", "industrial", "water"];
var GridSchema = z16.object({
  south: z16.number(),
  west: z16.number(),
  cellLat: z16.number().positive(),
  cellLon: z16.number().positive(),
  rows: z16.number().int().positive(),
  cols: z16.number().int().positive()
});
var CellSchema = z16.object({
  r: z16.number().int().min(0),
  c: z16.number().int().min(0),
  population: z16.number().int().min(0),
  landUse: z16.enum(LAND_USES),
  jurisdictionId: z16.string().min(1),
  /** Named place for the board and the call report (village, street, site). */
  place: z16.string().optional(),
  /** The place's Chinese name (shown on the board in zh-CN; scenarios may use either name). */
  placeZh: z16.string().optional(),
  /** Ground height, metres above sea level (water cells: the bed, the lowest ground). For flood models. */
  elevationM: z16.number().optional(),
  /** Water cells: the normal water surface, metres above sea level (a flood raises it). */
  waterLevelM: z16.number().optional(),
  /** Low-lying land along a river, a few metres above its normal level: floods first. */
  floodplain: z16.boolean().optional()
});
var RegionRoadsSchema = z16.object({
  /** File name inside the region's folder (no directories). */
  file: z16.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "expected a file name inside the region folder, e.g. roads.bin"),
  /** Where the roads came from (an OpenStreetMap extract, a GeoJSON file). */
  source: z16.string().min(1)
});
var WATER_POINT_KINDS = ["hydrant", "natural-intake", "reservoir-intake", "water-tank"];
var WaterPointSchema = z16.object({
  id: z16.string().min(1),
  kind: z16.enum(WATER_POINT_KINDS),
  location: LatLonSchema,
  /** Sustained flow an engine can take here, litres per second. */
  flowLps: z16.number().positive().optional(),
  /** Stored water (tanks), cubic metres. */
  volumeM3: z16.number().positive().optional(),
  name: z16.string().min(1).optional(),
  nameZh: z16.string().min(1).optional()
});
var FEATURE_KINDS = [
  "expressway",
  "expressway-interchange",
  "service-area",
  "bridge",
  "industrial-park",
  "forest-area",
  "river",
  "reservoir"
];
var FeatureSchema = z16.object({
  id: z16.string().min(1),
  kind: z16.enum(FEATURE_KINDS),
  name: z16.string().min(1),
  nameZh: z16.string().min(1),
  location: LatLonSchema,
  line: z16.array(LatLonSchema).min(2).optional(),
  /** Bridges: the class of road carried (the road generator builds the non-expressway ones). */
  roadClass: z16.string().min(1).optional()
});
var RegionSchema = z16.object({
  id: z16.string().regex(/^[a-z0-9-]+$/),
  name: z16.string().min(1),
  nameZh: z16.string().min(1),
  /** True for the demo county: it is made up, and says so everywhere it is shown. */
  fictional: z16.boolean(),
  note: z16.string().default(""),
  /** Local time offset from UTC, hours (China: 8). */
  utcOffsetHours: z16.number().default(8),
  jurisdictions: z16.array(JurisdictionSchema).min(1),
  stations: z16.array(StationSchema).min(1),
  grid: GridSchema,
  cells: z16.array(CellSchema).min(1),
  /** Imported regions: their road file. Absent: roads are generated from the grid (the demo county). */
  roads: RegionRoadsSchema.optional(),
  /** Fire-fighting water sources (optional: older regions have none). */
  waterPoints: z16.array(WaterPointSchema).optional(),
  /** Named features for the map (interchanges, bridges, the river…); optional. */
  features: z16.array(FeatureSchema).optional()
});

// shared/local-time.ts
var MINUTE_MS = 6e4;
var HOUR_MS = 36e5;
var DAY_MS = 864e5;
function localMsOfDayAtStart(startIso, utcOffsetHours) {
  return ((Date.parse(startIso) + utcOffsetHours * HOUR_MS) % DAY_MS + DAY_MS) % DAY_MS;
}
__name(localMsOfDayAtStart, "localMsOfDayAtStart");
function localHourAt(startLocalMs, t) {
  return Math.floor(((startLocalMs + t) % DAY_MS + DAY_MS) % DAY_MS / HOUR_MS);
}
__name(localHourAt, "localHourAt");
function isNightHour(hour, night) {
  const { fromHour, toHour } = night;
  return fromHour > toHour ? hour >= fromHour || hour < toHour : hour >= fromHour && hour < toHour;
}
__name(isNightHour, "isNightHour");

// server/scenario/call-generator.ts
var IN_COUNTY_KINDS = /* @__PURE__ */ new Set(["urban-district", "township", "industrial-park"]);
var DEFAULT_LAND_USE_KEY = "default";
var YEAR_MS = 365 * DAY_MS;
function backgroundCallsPerYear(world2, scenario2) {
  const bg = scenario2.background;
  const perYear = bg.callsPerYear ?? world2.callProfile.callsPerYearPer10k * inCountyPopulation(world2.region) / 1e4;
  return perYear * bg.scale;
}
__name(backgroundCallsPerYear, "backgroundCallsPerYear");
function inCountyPopulation(region) {
  const inCounty = inCountyJurisdictions(region);
  let people = 0;
  for (const cell of region.cells) if (inCounty.has(cell.jurisdictionId)) people += cell.population;
  return people;
}
__name(inCountyPopulation, "inCountyPopulation");
function normalisedHourFactors(profile) {
  const sum = profile.hourOfDay.reduce((a, b) => a + b, 0);
  return sum > 0 ? profile.hourOfDay.map((h) => h * 24 / sum) : profile.hourOfDay.map(() => 1);
}
__name(normalisedHourFactors, "normalisedHourFactors");
function createBackgroundCalls(world2, scenario2) {
  const none = { next: /* @__PURE__ */ __name(() => void 0, "next") };
  if (!scenario2.background.enabled) return none;
  const ratePerMs = backgroundCallsPerYear(world2, scenario2) / YEAR_MS;
  const table = buildCellTable(world2.region, world2.callProfile);
  if (!(ratePerMs > 0) || !table) return none;
  const factors = normalisedHourFactors(world2.callProfile);
  const maxFactor = Math.max(...factors);
  if (!(maxFactor > 0)) return none;
  const maxRate = ratePerMs * maxFactor;
  const startLocalMs = localMsOfDayAtStart(scenario2.start, world2.region.utcOffsetHours);
  const { grid } = world2.region;
  return {
    next(rng, after, until) {
      let t = after;
      for (; ; ) {
        t += rng.exp(1 / maxRate);
        if (t >= until) return void 0;
        if (t <= after) continue;
        if (rng.next() * maxFactor >= factors[localHourAt(startLocalMs, t)]) continue;
        const i = pick(table.cumulative, rng.next());
        const cell = table.cells[i];
        const u = Math.min(rng.next(), 1 - 1e-9);
        const v = Math.min(rng.next(), 1 - 1e-9);
        const mix = table.mixes[i];
        return {
          at: t,
          location: [grid.south + (cell.r + u) * grid.cellLat, grid.west + (cell.c + v) * grid.cellLon],
          incidentType: INCIDENT_TYPES[pick(mix, rng.next())]
        };
      }
    }
  };
}
__name(createBackgroundCalls, "createBackgroundCalls");
function inCountyJurisdictions(region) {
  return new Set(region.jurisdictions.filter((j) => IN_COUNTY_KINDS.has(j.kind)).map((j) => j.id));
}
__name(inCountyJurisdictions, "inCountyJurisdictions");
function buildCellTable(region, profile) {
  const inCounty = inCountyJurisdictions(region);
  const mixByLandUse = /* @__PURE__ */ new Map();
  const mixFor = /* @__PURE__ */ __name((landUse) => {
    if (!mixByLandUse.has(landUse)) {
      const mix = profile.typeMix[landUse] ?? profile.typeMix[DEFAULT_LAND_USE_KEY];
      mixByLandUse.set(landUse, mix ? cumulativeOf(INCIDENT_TYPES.map((t) => mix[t] ?? 0)) : void 0);
    }
    return mixByLandUse.get(landUse);
  }, "mixFor");
  const cells = [];
  const weights = [];
  const mixes = [];
  for (const cell of region.cells) {
    if (!inCounty.has(cell.jurisdictionId)) continue;
    const lw = profile.landUseWeight[cell.landUse] ?? profile.landUseWeight[DEFAULT_LAND_USE_KEY];
    const w = lw ? cell.population * lw.perPerson + lw.perCell : 0;
    const mix = mixFor(cell.landUse);
    if (!(w > 0) || !mix || !(mix[mix.length - 1] > 0)) continue;
    cells.push(cell);
    weights.push(w);
    mixes.push(mix);
  }
  if (cells.length === 0) return void 0;
  return { cells, cumulative: cumulativeOf(weights), mixes };
}
__name(buildCellTable, "buildCellTable");
function cumulativeOf(weights) {
  const out = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w;
    out[i] = acc;
  });
  return out;
}
__name(cumulativeOf, "cumulativeOf");
function pick(cumulative, u) {
  const target = u * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
__name(pick, "pick");

// server/files/read-data-file.ts
import fs2 from "node:fs";
import path2 from "node:path";
import { z as z17 } from "zod";
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from "yaml";

// server/files/data-file-error.ts
var MAX_LINES_IN_MESSAGE = 50;
function formatIssue(issue) {
  return `${issue.file}:${issue.line}:${issue.col}: ${issue.path ? `${issue.path}: ` : ""}${issue.message}`;
}
__name(formatIssue, "formatIssue");
var DataFileError = class extends Error {
  static {
    __name(this, "DataFileError");
  }
  issues;
  constructor(issues) {
    const shown = issues.slice(0, MAX_LINES_IN_MESSAGE).map(formatIssue);
    if (issues.length > shown.length) shown.push(`\u2026 and ${issues.length - shown.length} more problems`);
    const files = [...new Set(issues.map((i) => i.file))];
    const head = `${issues.length} problem${issues.length === 1 ? "" : "s"} in ${files.join(", ")}:`;
    super(`${head}
${shown.join("\n")}`);
    this.name = "DataFileError";
    this.issues = issues;
  }
};
function throwIfIssues(issues) {
  if (issues.length > 0) throw new DataFileError(issues);
}
__name(throwIfIssues, "throwIfIssues");
function formatPath(path5) {
  return path5.map((p) => String(p)).join(".");
}
__name(formatPath, "formatPath");

// server/files/read-data-file.ts
function displayPath(file) {
  const abs = path2.resolve(file);
  const rel = path2.relative(process.cwd(), abs);
  return rel && !rel.startsWith("..") && !path2.isAbsolute(rel) ? rel : abs;
}
__name(displayPath, "displayPath");
function formatOf(file) {
  return file.toLowerCase().endsWith(".json") ? "json" : "yaml";
}
__name(formatOf, "formatOf");
function loadDataFile(file, schema) {
  const shown = displayPath(file);
  let text;
  try {
    text = fs2.readFileSync(file, "utf8");
  } catch (err) {
    const reason = err.code === "ENOENT" ? "file not found" : `cannot read file: ${err.message}`;
    throw new DataFileError([{ file: shown, line: 1, col: 1, path: "", message: reason }]);
  }
  return parseDataText(text, shown, schema, formatOf(file));
}
__name(loadDataFile, "loadDataFile");
function parseDataText(text, file, schema, format = formatOf(file)) {
  const { value, source } = format === "json" ? parseJson(text, file) : parseYaml(text, file);
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.flatMap((i) => toDataIssues(i, source, schema, value));
    throw new DataFileError(issues.sort((a, b) => a.line - b.line || a.col - b.col));
  }
  return { data: result.data, source };
}
__name(parseDataText, "parseDataText");
function validateParsed(value, source, schema) {
  const result = schema.safeParse(value);
  if (result.success) return { data: result.data, issues: [] };
  return { issues: result.error.issues.flatMap((i) => toDataIssues(i, source, schema, value)) };
}
__name(validateParsed, "validateParsed");
function parseYaml(text, file) {
  const located = parseLocated(text);
  const { doc, lines } = located;
  const syntax = doc.errors.map((e) => ({ file, ...lines.linePos(e.pos[0]), path: "", message: `YAML syntax error: ${e.message}` }));
  if (syntax.length > 0) throw new DataFileError(syntax);
  let value;
  try {
    value = doc.toJS({ maxAliasCount: 1e4 });
  } catch (err) {
    throw new DataFileError([{ file, line: 1, col: 1, path: "", message: `YAML error: ${err.message}` }]);
  }
  return { value, source: makeSource(file, () => located) };
}
__name(parseYaml, "parseYaml");
function parseJson(text, file) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = err.message;
    const pos = /position (\d+)/.exec(message);
    const { line, col } = pos ? offsetToLineCol(text, Number(pos[1])) : { line: 1, col: 1 };
    throw new DataFileError([{ file, line, col, path: "", message: `JSON syntax error: ${message.replace(/ in JSON at position \d+.*$/, "")}` }]);
  }
  let located;
  return { value, source: makeSource(file, () => located ??= parseLocated(text)) };
}
__name(parseJson, "parseJson");
function parseLocated(text) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { doc, lines };
}
__name(parseLocated, "parseLocated");
function offsetToLineCol(text, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}
__name(offsetToLineCol, "offsetToLineCol");
function makeSource(file, getLocated) {
  const locate = /* @__PURE__ */ __name((p, at = "value") => {
    const { doc, lines } = getLocated();
    const node = nodeAt(doc, p, at);
    const offset = node?.range?.[0];
    return offset === void 0 ? { line: 1, col: 1 } : lines.linePos(offset);
  }, "locate");
  return {
    file,
    locate,
    issue: /* @__PURE__ */ __name((p, message, at) => ({ file, ...locate(p, at), path: formatPath(p), message }), "issue")
  };
}
__name(makeSource, "makeSource");
function nodeAt(doc, p, at) {
  let cur = doc.contents;
  for (let i = 0; i < p.length; i++) {
    if (isAlias(cur)) cur = cur.resolve(doc);
    const seg = String(p[i]);
    const last = i === p.length - 1;
    if (isMap(cur)) {
      const pair = cur.items.find((it) => (isScalar(it.key) ? String(it.key.value) : String(it.key)) === seg);
      if (!pair) return cur;
      const key = pair.key;
      if (last && at === "key") return key ?? cur;
      if (pair.value === null || pair.value === void 0) return key ?? cur;
      cur = pair.value;
    } else if (isSeq(cur)) {
      const item = /^\d+$/.test(seg) ? cur.items[Number(seg)] : void 0;
      if (item === void 0 || item === null) return cur;
      cur = item;
    } else {
      break;
    }
  }
  if (isAlias(cur)) return cur;
  return cur ?? null;
}
__name(nodeAt, "nodeAt");
function toDataIssues(issue, source, schema, value) {
  const p = issue.path;
  const missing = `missing required field ${JSON.stringify(String(p[p.length - 1] ?? ""))}`;
  const absent = p.length > 0 && valueAt(value, p) === void 0;
  switch (issue.code) {
    case "unrecognized_keys": {
      const keys = keyOptionsAt(schema, p, value);
      const expected = keys ? `expected one of: ${keys.join(", ")}` : "expected one of the documented fields";
      return issue.keys.map((k) => source.issue([...p, k], `unknown key ${JSON.stringify(k)} (${expected})`, "key"));
    }
    case "invalid_key":
      return [source.issue(p, `bad key: ${issue.issues.map((i) => i.message).join("; ")}`, "key")];
    case "invalid_type": {
      if (absent) return [source.issue(p, `${missing} (expected ${issue.expected})`)];
      return [source.issue(p, issue.message)];
    }
    case "invalid_union":
      return [source.issue(p, absent ? `${missing} (${unionMessage(issue).replace(/^Invalid input[:;] /, "").replace(/, received \w+$/, "")})` : unionMessage(issue))];
    case "invalid_value": {
      const values = `expected one of: ${issue.values.map((v) => typeof v === "string" ? v : JSON.stringify(v)).join(", ")}`;
      if (absent) return [source.issue(p, `${missing} (${values})`)];
      return [source.issue(p, /expected/i.test(issue.message) ? issue.message : `${issue.message} (${values})`)];
    }
    default:
      return [source.issue(p, issue.message)];
  }
}
__name(toDataIssues, "toDataIssues");
function valueAt(value, p) {
  let cur = value;
  for (const seg of p) {
    if (cur === null || typeof cur !== "object") return void 0;
    cur = cur[seg];
  }
  return cur;
}
__name(valueAt, "valueAt");
function unionMessage(issue) {
  const alternatives = issue.errors.map((errs) => errs[0]).filter((e) => e !== void 0);
  if (alternatives.length === 0) return issue.message;
  const allTypes = alternatives.every((e) => e.code === "invalid_type" && e.path.length === 0);
  if (allTypes) {
    const expected = alternatives.map((e) => e.code === "invalid_type" ? e.expected : "").join(" or ");
    const received = /received (\w+)/.exec(alternatives[0]?.message ?? "")?.[1];
    return `Invalid input: expected ${expected}${received ? `, received ${received}` : ""}`;
  }
  return `Invalid input; expected one of: ${alternatives.map((e) => (e.path.length ? `${formatPath(e.path)}: ` : "") + e.message).join(" | ")}`;
}
__name(unionMessage, "unionMessage");
function keyOptionsAt(schema, p, value) {
  let cur = schema;
  let here = value;
  const step = /* @__PURE__ */ __name((s) => {
    let u = unwrap(s);
    if (u instanceof z17.ZodLazy) u = unwrap(u.unwrap());
    if (u instanceof z17.ZodDiscriminatedUnion && here && typeof here === "object") {
      const key = u.def.discriminator;
      const d = here[key];
      const member = u.options.find((o) => {
        const shape = unwrap(o) instanceof z17.ZodObject ? unwrap(o).shape : {};
        const lit = unwrap(shape[key]);
        return lit instanceof z17.ZodLiteral && lit.values.has(d);
      });
      if (member) u = unwrap(member);
    }
    return u;
  }, "step");
  for (const seg of p) {
    cur = step(cur);
    if (cur instanceof z17.ZodObject) cur = cur.shape[String(seg)];
    else if (cur instanceof z17.ZodRecord) cur = cur.valueType;
    else if (cur instanceof z17.ZodArray) cur = cur.element;
    else return void 0;
    here = here && typeof here === "object" ? here[seg] : void 0;
  }
  cur = step(cur);
  if (cur instanceof z17.ZodRecord && cur.keyType instanceof z17.ZodEnum) return cur.keyType.options.map(String);
  if (cur instanceof z17.ZodObject) return Object.keys(cur.shape);
  return void 0;
}
__name(keyOptionsAt, "keyOptionsAt");
function unwrap(s) {
  let cur = s;
  for (let i = 0; i < 20; i++) {
    if (cur instanceof z17.ZodOptional || cur instanceof z17.ZodNullable || cur instanceof z17.ZodDefault) cur = cur.unwrap();
    else if (cur instanceof z17.ZodPipe) cur = cur.in;
    else return cur;
  }
  return cur;
}
__name(unwrap, "unwrap");

// server/geo/region-roads.ts
import path3 from "node:path";

// server/geo/road-network.ts
var DEFAULT_ROAD_SPEEDS_KMH = {
  expressway: 90,
  arterial: 50,
  local: 30,
  rural: 45,
  mountain: 30,
  ramp: 40
};
var OFF_ROAD_SPEED_KMH = 15;
function roadClassIndex(cls) {
  return ROAD_CLASSES.indexOf(cls);
}
__name(roadClassIndex, "roadClassIndex");
function buildRoadNetwork(lat, lon, from, to, lengthM, cls, speedsKmh = DEFAULT_ROAD_SPEEDS_KMH) {
  const n = lat.length;
  const m = from.length;
  const speedMps = new Float64Array(ROAD_CLASSES.length);
  ROAD_CLASSES.forEach((c, i) => speedMps[i] = speedsKmh[c] / 3.6);
  return {
    nodeCount: n,
    edgeCount: m,
    lat,
    lon,
    out: toCsr(n, from, to, lengthM, cls),
    rev: toCsr(n, to, from, lengthM, cls),
    classes: ROAD_CLASSES,
    speedMps
  };
}
__name(buildRoadNetwork, "buildRoadNetwork");
function toCsr(n, tail, head, lengthM, cls) {
  const m = tail.length;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) offsets[tail[e] + 1]++;
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const pos = offsets.slice(0, n);
  const targets = new Int32Array(m);
  const len = new Float32Array(m);
  const c = new Uint8Array(m);
  for (let e = 0; e < m; e++) {
    const t = tail[e];
    const p = pos[t]++;
    targets[p] = head[e];
    len[p] = lengthM[e];
    c[p] = cls[e];
  }
  return { offsets, targets, lengthM: len, cls: c };
}
__name(toCsr, "toCsr");
function findEdge(net, a, b) {
  const { offsets, targets, lengthM } = net.out;
  let best = -1;
  for (let e = offsets[a], end2 = offsets[a + 1]; e < end2; e++) {
    if (targets[e] === b && (best < 0 || lengthM[e] < lengthM[best])) best = e;
  }
  return best;
}
__name(findEdge, "findEdge");
var revToOutCache = /* @__PURE__ */ new WeakMap();
function reverseEdgeIndex(net) {
  const cached = revToOutCache.get(net);
  if (cached) return cached;
  const map = new Int32Array(net.edgeCount).fill(-1);
  const used = new Uint8Array(net.edgeCount);
  const { rev, out } = net;
  for (let head = 0; head < net.nodeCount; head++) {
    for (let p = rev.offsets[head]; p < rev.offsets[head + 1]; p++) {
      const tail = rev.targets[p];
      for (let e = out.offsets[tail]; e < out.offsets[tail + 1]; e++) {
        if (!used[e] && out.targets[e] === head && out.lengthM[e] === rev.lengthM[p] && out.cls[e] === rev.cls[p]) {
          used[e] = 1;
          map[p] = e;
          break;
        }
      }
    }
  }
  revToOutCache.set(net, map);
  return map;
}
__name(reverseEdgeIndex, "reverseEdgeIndex");
var symmetricCache = /* @__PURE__ */ new WeakMap();
function isSymmetric(net) {
  const cached = symmetricCache.get(net);
  if (cached !== void 0) return cached;
  const { offsets, targets, lengthM, cls } = net.out;
  let ok = true;
  for (let u = 0; ok && u < net.nodeCount; u++) {
    for (let e = offsets[u]; ok && e < offsets[u + 1]; e++) {
      const v = targets[e];
      let twin = false;
      for (let f = offsets[v]; f < offsets[v + 1]; f++) {
        if (targets[f] === u && lengthM[f] === lengthM[e] && cls[f] === cls[e]) {
          twin = true;
          break;
        }
      }
      ok = twin;
    }
  }
  symmetricCache.set(net, ok);
  return ok;
}
__name(isSymmetric, "isSymmetric");

// server/geo/demo-expressway.ts
var NODE_SPACING_M = 400;
var RAMP_MAX_M = 2e3;
var RAMP_MIN_M = 120;
var FEATURE_MAX_OFFSET_M = 1500;
var RAMP_TO = ["arterial", "local", "rural"];
function expresswayPlanFromFeatures(region) {
  const way = region.features?.find((f) => f.kind === "expressway" && f.line);
  if (!way?.line) return void 0;
  const g = region.grid;
  const toPt = /* @__PURE__ */ __name(([lat, lon]) => [(lon - g.west) / g.cellLon, (lat - g.south) / g.cellLat], "toPt");
  const pointsOf2 = /* @__PURE__ */ __name((kind) => (region.features ?? []).filter((f) => f.kind === kind).map((f) => ({ id: f.id, at: toPt(f.location) })), "pointsOf");
  return { line: way.line.map(toPt), interchanges: pointsOf2("expressway-interchange"), serviceAreas: pointsOf2("service-area"), strict: true };
}
__name(expresswayPlanFromFeatures, "expresswayPlanFromFeatures");
function expresswayPlanFromGrid(region, at) {
  const { cols } = region.grid;
  const urban = region.cells.filter((c) => c.landUse === "urban");
  if (urban.length === 0) return void 0;
  const cityY = urban.reduce((s, c) => s + c.r + 0.5, 0) / urban.length;
  const cityX = urban.reduce((s, c) => s + c.c + 0.5, 0) / urban.length;
  const rowExtent = /* @__PURE__ */ __name((r) => {
    let lo = cols, hi = -1;
    for (let c = 0; c < cols; c++) {
      const u = at(r, c);
      if (u !== void 0 && u !== "water") {
        lo = Math.min(lo, c);
        hi = Math.max(hi, c);
      }
    }
    return [lo, hi];
  }, "rowExtent");
  const rW = Math.round(cityY - 4), rE = Math.round(cityY + 1);
  const [west] = rowExtent(rW);
  const [, east] = rowExtent(rE);
  if (west > east) return void 0;
  const line = [[west + 0.5, rW + 0.5], [cityX - 5, cityY - 5.5], [cityX + 4, cityY - 5.5], [cityX + 12, cityY - 1.5], [east + 0.5, rE + 0.5]];
  const targets = [line[0], line[line.length - 1], [cityX, cityY]];
  const industrial = region.cells.filter((c) => c.landUse === "industrial");
  if (industrial.length > 0) {
    targets.push([industrial.reduce((s, c) => s + c.c + 0.5, 0) / industrial.length, industrial.reduce((s, c) => s + c.r + 0.5, 0) / industrial.length]);
  }
  for (const c of region.cells) if (c.place && /town/i.test(c.place) && c.landUse !== "water") targets.push([c.c + 0.5, c.r + 0.5]);
  return { line, interchanges: targets.map((p, i) => ({ id: `interchange-${i}`, at: p })), serviceAreas: [], strict: false };
}
__name(expresswayPlanFromGrid, "expresswayPlanFromGrid");
function buildExpressway(b, plan, distM) {
  const ptOf = /* @__PURE__ */ __name((v) => [b.xs[v], b.ys[v]], "ptOf");
  const touches = /* @__PURE__ */ __name((classes) => {
    const idx = new Set(classes.map(roadClassIndex));
    const flag2 = new Uint8Array(b.xs.length);
    for (let e = 0; e < b.ea.length; e++) if (idx.has(b.ec[e])) {
      flag2[b.ea[e]] = 1;
      flag2[b.eb[e]] = 1;
    }
    return flag2;
  }, "touches");
  const preferred = touches(RAMP_TO);
  const anyRoad = touches(["mountain"]);
  const ordinaryCount = b.xs.length;
  const nodes = [];
  for (let w = 0; w + 1 < plan.line.length; w++) {
    const p = plan.line[w], q = plan.line[w + 1];
    const n = Math.max(1, Math.ceil(distM(p, q) / NODE_SPACING_M));
    for (let i = w === 0 ? 0 : 1; i <= n; i++) nodes.push(b.node(p[0] + (q[0] - p[0]) * i / n, p[1] + (q[1] - p[1]) * i / n));
  }
  for (let i = 0; i + 1 < nodes.length; i++) b.edge(nodes[i], nodes[i + 1], "expressway");
  const nearestOnLine = /* @__PURE__ */ __name((p) => {
    let i = -1, d = Infinity;
    nodes.forEach((v, j) => {
      const dj = distM(ptOf(v), p);
      if (dj < d) {
        d = dj;
        i = j;
      }
    });
    return { i, d };
  }, "nearestOnLine");
  const ramp = /* @__PURE__ */ __name((a, z21) => {
    const p = ptOf(a), q = ptOf(z21);
    const n = Math.max(1, Math.ceil(distM(p, q) / 150));
    const interior = [];
    for (let i = 1; i < n; i++) interior.push([p[0] + (q[0] - p[0]) * i / n, p[1] + (q[1] - p[1]) * i / n]);
    b.path(a, interior, z21, "ramp");
  }, "ramp");
  const chosen = [];
  for (const ic of plan.interchanges) {
    const { i, d } = nearestOnLine(ic.at);
    if (plan.strict && d > FEATURE_MAX_OFFSET_M) throw new Error(`interchange ${ic.id} is ${Math.round(d)} m from the expressway line (at most ${FEATURE_MAX_OFFSET_M} m)`);
    if (i < 0 || d > 6e3) continue;
    const v = nodes[i];
    if (!plan.strict && chosen.some((o) => distM(ptOf(o), ptOf(v)) < 2500)) continue;
    const a = ptOf(nodes[Math.max(0, i - 1)]), z21 = ptOf(nodes[Math.min(nodes.length - 1, i + 1)]);
    const dir = [z21[0] - a[0], z21[1] - a[1]];
    const here = ptOf(v);
    let built = 0;
    for (const side of [1, -1]) {
      for (const pool of [preferred, anyRoad]) {
        let best = -1, bestD = Infinity;
        for (let u = 0; u < ordinaryCount; u++) {
          if (!pool[u]) continue;
          const q = ptOf(u);
          if (Math.sign(dir[0] * (q[1] - here[1]) - dir[1] * (q[0] - here[0])) !== side) continue;
          const du = distM(q, here);
          if (du > RAMP_MIN_M && du < bestD) {
            bestD = du;
            best = u;
          }
        }
        if (best >= 0 && bestD <= RAMP_MAX_M) {
          ramp(v, best);
          built++;
          break;
        }
      }
      if (!plan.strict && built > 0) break;
    }
    if (built === 0 && plan.strict) throw new Error(`interchange ${ic.id}: no ordinary road within ${RAMP_MAX_M} m of the expressway`);
    if (built > 0) chosen.push(v);
  }
  for (const sa of plan.serviceAreas) {
    const { i, d } = nearestOnLine(sa.at);
    if (d > FEATURE_MAX_OFFSET_M || i <= 0 || i >= nodes.length - 1) throw new Error(`service area ${sa.id} is not beside the expressway (${Math.round(d)} m off, or at its end)`);
    const park = b.node(sa.at[0], sa.at[1]);
    ramp(nodes[i - 1], park);
    ramp(park, nodes[i + 1]);
  }
  return nodes;
}
__name(buildExpressway, "buildExpressway");

// server/geo/generate-roads.ts
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 | 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
__name(mulberry32, "mulberry32");
var GRID_USES = /* @__PURE__ */ new Set(["urban", "suburban", "industrial"]);
var Builder = class {
  static {
    __name(this, "Builder");
  }
  xs = [];
  ys = [];
  ea = [];
  eb = [];
  ec = [];
  keyed = /* @__PURE__ */ new Map();
  edgeKeys = /* @__PURE__ */ new Set();
  node(x, y2) {
    this.xs.push(x);
    this.ys.push(y2);
    return this.xs.length - 1;
  }
  /** A node on the street lattice (integer coordinates in units of 1/k cell), shared by everyone. */
  lattice(i, j, k) {
    const key = (i + 1e3) * 1e5 + (j + 1e3);
    let v = this.keyed.get(key);
    if (v === void 0) {
      v = this.node(i / k, j / k);
      this.keyed.set(key, v);
    }
    return v;
  }
  /** An undirected edge (a two-way street); duplicates are ignored. */
  edge(a, b, cls) {
    if (a === b) return;
    const key = Math.min(a, b) * 4e6 + Math.max(a, b);
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.ea.push(a);
    this.eb.push(b);
    this.ec.push(roadClassIndex(cls));
  }
  /** A street from a to b through the given interior points. */
  path(a, interior, b, cls) {
    let prev = a;
    for (const [x, y2] of interior) {
      const v = this.node(x, y2);
      this.edge(prev, v, cls);
      prev = v;
    }
    this.edge(prev, b, cls);
  }
};
var DEFAULT_ROADS_SEED = 20240611;
var BRIDGE_STREAM = 192010725;
var INTAKE_ON_ROAD_M = 25;
var INTAKE_TRACK_MAX_M = 1500;
function landUseLookup({ grid, cells }) {
  const use = new Array(grid.rows * grid.cols).fill(void 0);
  for (const c of cells) use[c.r * grid.cols + c.c] = c.landUse;
  return (r, c) => r >= 0 && r < grid.rows && c >= 0 && c < grid.cols ? use[r * grid.cols + c] : void 0;
}
__name(landUseLookup, "landUseLookup");
function planBridges(region, rand) {
  const at = landUseLookup(region);
  const isLand = /* @__PURE__ */ __name((r, c) => {
    const u = at(r, c);
    return u !== void 0 && u !== "water";
  }, "isLand");
  const isGrid = /* @__PURE__ */ __name((r, c) => {
    const u = at(r, c);
    return u !== void 0 && GRID_USES.has(u);
  }, "isGrid");
  const candidates2 = [];
  for (let r = 0; r < region.grid.rows; r++) {
    for (let c = 0; c < region.grid.cols; c++) {
      if (!isLand(r, c)) continue;
      for (const [dr, dc] of [[0, 1], [1, 0]]) {
        let s = 1;
        while (s <= 3 && at(r + dr * s, c + dc * s) === "water") s++;
        if (s === 1 || s > 3 || !isLand(r + dr * s, c + dc * s)) continue;
        const both = isGrid(r, c) && isGrid(r + dr * s, c + dc * s);
        candidates2.push({ r, c, dr, dc, span: s, prio: (both ? 2 : 0) + rand() - s * 0.2 });
      }
    }
  }
  candidates2.sort((x, y2) => y2.prio - x.prio);
  const bridges = [];
  for (const cand of candidates2) {
    const minGap = cand.prio >= 1 ? 3 : 9;
    if (bridges.some((o) => Math.abs(o.r - cand.r) + Math.abs(o.c - cand.c) < minGap)) continue;
    const { r, c, dr, dc, span } = cand;
    const both = isGrid(r, c) && isGrid(r + dr * span, c + dc * span);
    bridges.push({ r, c, dr, dc, span, roadClass: both ? "arterial" : "rural" });
  }
  return bridges;
}
__name(planBridges, "planBridges");
function bridgesFromFeatures(region) {
  if (!region.features) return void 0;
  const at = landUseLookup(region);
  const g = region.grid;
  const out = [];
  for (const f of region.features) {
    if (f.kind !== "bridge" || f.roadClass === "expressway") continue;
    const ends = f.line ? [f.line[0], f.line[f.line.length - 1]] : [];
    const [r1, c1, r2, c2] = ends.flatMap(([lat, lon]) => [Math.floor((lat - g.south) / g.cellLat), Math.floor((lon - g.west) / g.cellLon)]);
    const problem = /* @__PURE__ */ __name((what) => new Error(`region ${region.id}: bridge feature ${f.id}: ${what}`), "problem");
    if (r1 === void 0 || c1 === void 0 || r2 === void 0 || c2 === void 0) throw problem("needs a line from one bank to the other");
    const span = Math.abs(r2 - r1) + Math.abs(c2 - c1);
    if (r1 !== r2 && c1 !== c2 || span < 2 || span > 4) throw problem("its line must join two cells 2-4 cells apart in one row or column");
    const dr = Math.sign(r2 - r1), dc = Math.sign(c2 - c1);
    const land = /* @__PURE__ */ __name((u) => u !== void 0 && u !== "water", "land");
    if (!land(at(r1, c1)) || !land(at(r2, c2))) throw problem("both ends must be on land cells");
    for (let s = 1; s < span; s++) if (at(r1 + dr * s, c1 + dc * s) !== "water") throw problem("it must cross only water cells");
    const cls = ROAD_CLASSES.find((x) => x === f.roadClass);
    out.push({ r: r1, c: c1, dr, dc, span, ...cls ? { roadClass: cls } : {} });
  }
  return out;
}
__name(bridgesFromFeatures, "bridgesFromFeatures");
function generateDemoRoads(region, opts = {}) {
  const seed = opts.seed ?? DEFAULT_ROADS_SEED;
  const rand = mulberry32(seed);
  const k = opts.streetsPerCell ?? 5;
  const g = region.grid;
  const { rows: rows2, cols } = g;
  const use = new Array(rows2 * cols).fill(void 0);
  for (const c of region.cells) use[c.r * cols + c.c] = c.landUse;
  const at = /* @__PURE__ */ __name((r, c) => r >= 0 && r < rows2 && c >= 0 && c < cols ? use[r * cols + c] : void 0, "at");
  const useAtPt = /* @__PURE__ */ __name((x, y2) => at(Math.floor(y2), Math.floor(x)), "useAtPt");
  const isGrid = /* @__PURE__ */ __name((r, c) => {
    const u = at(r, c);
    return u !== void 0 && GRID_USES.has(u);
  }, "isGrid");
  const isLand = /* @__PURE__ */ __name((r, c) => {
    const u = at(r, c);
    return u !== void 0 && u !== "water";
  }, "isLand");
  const b = new Builder();
  for (let r = 0; r < rows2; r++) {
    for (let c = 0; c < cols; c++) {
      if (!isGrid(r, c)) continue;
      for (let line = 0; line <= k; line++) {
        const cls2 = line === 0 || line === k ? "arterial" : "local";
        for (let s = 0; s < k; s++) {
          b.edge(b.lattice(c * k + s, r * k + line, k), b.lattice(c * k + s + 1, r * k + line, k), cls2);
          b.edge(b.lattice(c * k + line, r * k + s, k), b.lattice(c * k + line, r * k + s + 1, k), cls2);
        }
      }
    }
  }
  const hub = new Int32Array(rows2 * cols).fill(-1);
  for (let r = 0; r < rows2; r++) {
    for (let c = 0; c < cols; c++) {
      const u = at(r, c);
      if (u === void 0 || u === "water" || isGrid(r, c)) continue;
      if (u === "village") {
        const q = 4;
        const ids = [];
        for (let j2 = 1; j2 < q; j2++) for (let i = 1; i < q; i++) ids.push(b.node(c + i / q, r + j2 / q));
        for (let j2 = 0; j2 < q - 1; j2++) {
          for (let i = 0; i < q - 1; i++) {
            const v = ids[j2 * (q - 1) + i];
            if (i < q - 2) b.edge(v, ids[j2 * (q - 1) + i + 1], "local");
            if (j2 < q - 2) b.edge(v, ids[(j2 + 1) * (q - 1) + i], "local");
          }
        }
        hub[r * cols + c] = ids[4];
      } else {
        hub[r * cols + c] = b.node(c + 0.2 + 0.6 * rand(), r + 0.2 + 0.6 * rand());
      }
    }
  }
  const endpoint = /* @__PURE__ */ __name((r, c, dr, dc) => {
    const h = hub[r * cols + c];
    if (h >= 0) return h;
    const off = rand() < 0.5 ? 2 : 3;
    const o = Math.min(k - 1, Math.max(1, Math.round(off * k / 5)));
    if (dc !== 0) return b.lattice((dc > 0 ? c + 1 : c) * k, r * k + o, k);
    return b.lattice(c * k + o, (dr > 0 ? r + 1 : r) * k, k);
  }, "endpoint");
  const metresPerCellY = g.cellLat * 111195;
  const metresPerCellX = g.cellLon * 111195 * Math.cos((g.south + rows2 * g.cellLat / 2) * Math.PI / 180);
  const distM = /* @__PURE__ */ __name((p, q) => Math.hypot((p[0] - q[0]) * metresPerCellX, (p[1] - q[1]) * metresPerCellY), "distM");
  const ptOf = /* @__PURE__ */ __name((v) => [b.xs[v], b.ys[v]], "ptOf");
  const wiggle = /* @__PURE__ */ __name((p, q, segM, amp, allowWater) => {
    const len2 = distM(p, q);
    const n2 = Math.max(1, Math.ceil(len2 / segM));
    const dx = q[0] - p[0];
    const dy = q[1] - p[1];
    const norm = Math.hypot(dx, dy) || 1;
    const px = -dy / norm;
    const py = dx / norm;
    for (let attempt = 0; attempt < 4; attempt++) {
      const a = attempt === 3 ? 0 : amp;
      const s1 = (rand() * 2 - 1) * a;
      const s2 = (rand() * 2 - 1) * a * 0.5;
      const s3 = (rand() * 2 - 1) * a * 0.25;
      const pts = [];
      let wet = false;
      for (let i = 1; i < n2 * 2; i++) {
        const t = i / (n2 * 2);
        const d = s1 * Math.sin(Math.PI * t) + s2 * Math.sin(2 * Math.PI * t) + s3 * Math.sin(3 * Math.PI * t);
        const x = p[0] + dx * t + px * d;
        const y2 = p[1] + dy * t + py * d;
        if (!allowWater && useAtPt(x, y2) === "water") wet = true;
        if (i % 2 === 0) pts.push([x, y2]);
      }
      if (!wet) return pts;
    }
    return void 0;
  }, "wiggle");
  const straightStaysOnLand = /* @__PURE__ */ __name((p, q) => {
    const n2 = Math.max(1, Math.ceil(distM(p, q) / 20));
    for (let i = 1; i < n2; i++) if (useAtPt(p[0] + (q[0] - p[0]) * i / n2, p[1] + (q[1] - p[1]) * i / n2) === "water") return false;
    return true;
  }, "straightStaysOnLand");
  const bridges = bridgesFromFeatures(region) ?? planBridges(region, mulberry32(seed ^ BRIDGE_STREAM));
  for (const br of bridges) {
    const r2 = br.r + br.dr * br.span;
    const c2 = br.c + br.dc * br.span;
    const a = endpoint(br.r, br.c, br.dr, br.dc);
    const z21 = endpoint(r2, c2, -br.dr, -br.dc);
    const cls2 = br.roadClass ?? (isGrid(br.r, br.c) && isGrid(r2, c2) ? "arterial" : "rural");
    b.path(a, wiggle(ptOf(a), ptOf(z21), 150, 0, true), z21, cls2);
  }
  const parent = new Int32Array(rows2 * cols).map((_, i) => i);
  const find = /* @__PURE__ */ __name((i) => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }, "find");
  const union = /* @__PURE__ */ __name((i, j2) => {
    const a = find(i);
    const z21 = find(j2);
    if (a === z21) return false;
    parent[a] = z21;
    return true;
  }, "union");
  for (const br of bridges) union(br.r * cols + br.c, (br.r + br.dr * br.span) * cols + br.c + br.dc * br.span);
  const links = [];
  for (let r = 0; r < rows2; r++) {
    for (let c = 0; c < cols; c++) {
      if (!isLand(r, c)) continue;
      for (const [dr, dc] of [[0, 1], [1, 0]]) {
        if (!isLand(r + dr, c + dc)) continue;
        if (isGrid(r, c) && isGrid(r + dr, c + dc)) {
          union(r * cols + c, (r + dr) * cols + c + dc);
          continue;
        }
        const forest = at(r, c) === "forest" || at(r + dr, c + dc) === "forest";
        links.push({ r, c, dr, dc, w: rand() + (forest ? 0.5 : 0) });
      }
    }
  }
  links.sort((x, y2) => x.w - y2.w);
  const roadLink = /* @__PURE__ */ __name((l) => {
    const u1 = at(l.r, l.c);
    const u2 = at(l.r + l.dr, l.c + l.dc);
    const mountain = u1 === "forest" || u2 === "forest";
    const a = endpoint(l.r, l.c, l.dr, l.dc);
    const z21 = endpoint(l.r + l.dr, l.c + l.dc, -l.dr, -l.dc);
    const pts = mountain ? wiggle(ptOf(a), ptOf(z21), 120, 0.22, false) : wiggle(ptOf(a), ptOf(z21), 140, 0.1, false);
    if (pts) b.path(a, pts, z21, mountain ? "mountain" : "rural");
  }, "roadLink");
  for (const l of links) {
    const i = l.r * cols + l.c;
    const j2 = (l.r + l.dr) * cols + l.c + l.dc;
    const u1 = at(l.r, l.c);
    const u2 = at(l.r + l.dr, l.c + l.dc);
    const forests = (u1 === "forest" ? 1 : 0) + (u2 === "forest" ? 1 : 0);
    const nearTown = u1 === "village" || u2 === "village" || GRID_USES.has(u1) || GRID_USES.has(u2);
    const pExtra = (forests === 2 ? 0.12 : forests === 1 ? 0.25 : 0.45) + (nearTown ? 0.35 : 0);
    if (union(i, j2) || rand() < pExtra) roadLink(l);
  }
  for (const wp of region.waterPoints ?? []) {
    if (wp.kind !== "natural-intake" && wp.kind !== "reservoir-intake") continue;
    const p = [(wp.location[1] - g.west) / g.cellLon, (wp.location[0] - g.south) / g.cellLat];
    const near = [];
    for (let v = 0; v < b.xs.length; v++) {
      const d = distM(p, ptOf(v));
      if (d <= INTAKE_TRACK_MAX_M) near.push({ v, d });
    }
    near.sort((x, y2) => x.d - y2.d || x.v - y2.v);
    if (near[0] && near[0].d <= INTAKE_ON_ROAD_M) continue;
    const dry = near.find(({ v }) => straightStaysOnLand(p, ptOf(v)));
    if (!dry) throw new Error(`region ${region.id}: water point ${wp.id} has no road within ${INTAKE_TRACK_MAX_M} m on its bank`);
    const intake = b.node(p[0], p[1]);
    b.path(intake, wiggle(p, ptOf(dry.v), 150, 0, true), dry.v, "rural");
  }
  const plan = expresswayPlanFromFeatures(region) ?? expresswayPlanFromGrid(region, at);
  if (plan) buildExpressway(b, plan, distM);
  const n = b.xs.length;
  const comp = new Int32Array(n).map((_, i) => i);
  const cfind = /* @__PURE__ */ __name((i) => {
    while (comp[i] !== i) {
      comp[i] = comp[comp[i]];
      i = comp[i];
    }
    return i;
  }, "cfind");
  for (let e = 0; e < b.ea.length; e++) {
    const x = cfind(b.ea[e]);
    const y2 = cfind(b.eb[e]);
    if (x !== y2) comp[x] = y2;
  }
  const size = new Int32Array(n);
  for (let v = 0; v < n; v++) size[cfind(v)]++;
  let root = 0;
  for (let v = 0; v < n; v++) if (size[v] > size[root]) root = v;
  const newId = new Int32Array(n).fill(-1);
  let kept = 0;
  for (let v = 0; v < n; v++) if (cfind(v) === root) newId[v] = kept++;
  const lat = new Float64Array(kept);
  const lon = new Float64Array(kept);
  for (let v = 0; v < n; v++) {
    const id = newId[v];
    if (id < 0) continue;
    lat[id] = g.south + b.ys[v] * g.cellLat;
    lon[id] = g.west + b.xs[v] * g.cellLon;
  }
  let m = 0;
  for (let e = 0; e < b.ea.length; e++) if (newId[b.ea[e]] >= 0) m += 2;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const len = new Float32Array(m);
  const cls = new Uint8Array(m);
  let j = 0;
  for (let e = 0; e < b.ea.length; e++) {
    const a = newId[b.ea[e]];
    const z21 = newId[b.eb[e]];
    if (a < 0 || z21 < 0) continue;
    const d = haversineM([lat[a], lon[a]], [lat[z21], lon[z21]]);
    from[j] = a;
    to[j] = z21;
    len[j] = d;
    cls[j] = b.ec[e];
    j++;
    from[j] = z21;
    to[j] = a;
    len[j] = d;
    cls[j] = b.ec[e];
    j++;
  }
  return buildRoadNetwork(lat, lon, from, to, len, cls);
}
__name(generateDemoRoads, "generateDemoRoads");

// server/geo/road-file.ts
import fs3 from "node:fs";
import os from "node:os";
import { z as z18 } from "zod";
var MAGIC = "FSROADS1";
var E7 = 1e7;
var HeaderSchema = z18.object({
  format: z18.literal("fire-sim-roads"),
  version: z18.literal(1),
  nodeCount: z18.number().int().min(1),
  edgeCount: z18.number().int().min(0),
  source: z18.string(),
  slots: z18.array(z18.object({ cls: z18.enum(ROAD_CLASSES), speedKmh: z18.number().positive().nullable() })).min(1).max(256)
});
function networkFromSlots(c, speedsKmh = DEFAULT_ROAD_SPEEDS_KMH) {
  const net = buildRoadNetwork(c.lat, c.lon, c.from, c.to, c.lengthM, c.slot, speedsKmh);
  return {
    ...net,
    classes: c.slots.map((s) => s.cls),
    speedMps: Float64Array.from(c.slots, (s) => (s.speedKmh ?? speedsKmh[s.cls]) / 3.6)
  };
}
__name(networkFromSlots, "networkFromSlots");
function checkEndianness() {
  if (os.endianness() !== "LE") throw new Error("road files are little-endian; this machine is big-endian");
}
__name(checkEndianness, "checkEndianness");
function readRoadFile(file) {
  checkEndianness();
  const shown = displayPath(file);
  const fail = /* @__PURE__ */ __name((message) => {
    throw new DataFileError([{ file: shown, line: 1, col: 1, path: "", message }]);
  }, "fail");
  let buf;
  try {
    buf = fs3.readFileSync(file);
  } catch (err) {
    return fail(err.code === "ENOENT" ? "road file not found" : `cannot read road file: ${err.message}`);
  }
  if (buf.length < 12 || buf.toString("latin1", 0, 8) !== MAGIC) return fail(`not a road file (expected it to start with "${MAGIC}"; written by sim import-region)`);
  const h = buf.readUInt32LE(8);
  if (12 + h > buf.length) return fail(`header of ${h} bytes runs past the end of the file (${buf.length} bytes; truncated?)`);
  let header;
  try {
    header = HeaderSchema.parse(JSON.parse(buf.toString("utf8", 12, 12 + h)));
  } catch (err) {
    return fail(`bad header at byte 12: ${err.message.split("\n")[0]}`);
  }
  const n = header.nodeCount;
  const m = header.edgeCount;
  const start = 12 + h;
  const expected = start + 4 * (3 * n + 1) + m * 9;
  if (buf.length !== expected) return fail(`file is ${buf.length} bytes, expected ${expected} for ${n} nodes and ${m} edges (truncated or damaged?)`);
  let at = start;
  const take = /* @__PURE__ */ __name((bytes, make) => {
    const ab = buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + bytes);
    at += bytes;
    return make(ab);
  }, "take");
  const latE7 = take(4 * n, (ab) => new Int32Array(ab));
  const lonE7 = take(4 * n, (ab) => new Int32Array(ab));
  const offsets = take(4 * (n + 1), (ab) => new Int32Array(ab));
  const to = take(4 * m, (ab) => new Int32Array(ab));
  const lengthM = take(4 * m, (ab) => new Float32Array(ab));
  const slot = take(m, (ab) => new Uint8Array(ab));
  const lat = Float64Array.from(latE7, (x) => x / E7);
  const lon = Float64Array.from(lonE7, (x) => x / E7);
  if (offsets[0] !== 0 || offsets[n] !== m) fail(`edge offsets do not cover the ${m} edges`);
  const from = new Int32Array(m);
  for (let v = 0; v < n; v++) {
    if (offsets[v + 1] < offsets[v]) fail(`edge offsets decrease at node ${v}`);
    from.fill(v, offsets[v], offsets[v + 1]);
  }
  for (let v = 0; v < n; v++) if (!(Math.abs(lat[v]) <= 90 && Math.abs(lon[v]) <= 180)) fail(`node ${v} has coordinates out of range`);
  for (let e = 0; e < m; e++) {
    if (to[e] < 0 || to[e] >= n) fail(`edge ${e} points to node ${to[e]} (expected 0 \u2026 ${n - 1})`);
    if (slot[e] >= header.slots.length) fail(`edge ${e} has speed slot ${slot[e]} (expected 0 \u2026 ${header.slots.length - 1})`);
    if (!(lengthM[e] >= 0 && Number.isFinite(lengthM[e]))) fail(`edge ${e} has length ${lengthM[e]} (expected metres \u2265 0)`);
  }
  return {
    lat,
    lon,
    from,
    to,
    lengthM,
    slot,
    source: header.source,
    slots: header.slots.map((s) => ({ cls: s.cls, speedKmh: s.speedKmh ?? void 0 }))
  };
}
__name(readRoadFile, "readRoadFile");

// server/geo/region-roads.ts
function loadRoadNetwork(seedsDir, region) {
  if (region.roads) return networkFromSlots(readRoadFile(path3.join(regionFolder(seedsDir, region.id), region.roads.file)));
  return generateDemoRoads(region);
}
__name(loadRoadNetwork, "loadRoadNetwork");

// server/geo/min-heap.ts
var MinHeap = class {
  static {
    __name(this, "MinHeap");
  }
  keys;
  vals;
  size = 0;
  constructor(capacity) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.vals = new Int32Array(Math.max(16, capacity));
  }
  push(key, val) {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      const v = new Int32Array(this.size * 2);
      v.set(this.vals);
      this.keys = k;
      this.vals = v;
    }
    let i = this.size++;
    const keys = this.keys;
    const vals = this.vals;
    while (i > 0) {
      const p = i - 1 >> 1;
      if (keys[p] <= key) break;
      keys[i] = keys[p];
      vals[i] = vals[p];
      i = p;
    }
    keys[i] = key;
    vals[i] = val;
  }
  /** Removes the minimum; its node is returned and its key left in `lastKey`. */
  lastKey = 0;
  pop() {
    const keys = this.keys;
    const vals = this.vals;
    const top = vals[0];
    this.lastKey = keys[0];
    const n = --this.size;
    if (n > 0) {
      const key = keys[n];
      const val = vals[n];
      let i = 0;
      for (; ; ) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && keys[c + 1] < keys[c]) c++;
        if (keys[c] >= key) break;
        keys[i] = keys[c];
        vals[i] = vals[c];
        i = c;
      }
      keys[i] = key;
      vals[i] = val;
    }
    return top;
  }
};

// server/geo/router.ts
var indexes = /* @__PURE__ */ new WeakMap();
var INDEX_CELL_M = 250;
function spatialIndex(net) {
  const cached = indexes.get(net);
  if (cached) return cached;
  let south = Infinity, north = -Infinity, west = Infinity, east = -Infinity;
  for (let v = 0; v < net.nodeCount; v++) {
    south = Math.min(south, net.lat[v]);
    north = Math.max(north, net.lat[v]);
    west = Math.min(west, net.lon[v]);
    east = Math.max(east, net.lon[v]);
  }
  const dLat = INDEX_CELL_M / 111195;
  const dLon = dLat / Math.max(0.1, Math.cos((south + north) / 2 * Math.PI / 180));
  const rows2 = Math.max(1, Math.floor((north - south) / dLat) + 1);
  const cols = Math.max(1, Math.floor((east - west) / dLon) + 1);
  const cellOf = /* @__PURE__ */ __name((v) => Math.floor((net.lat[v] - south) / dLat) * cols + Math.floor((net.lon[v] - west) / dLon), "cellOf");
  const start = new Int32Array(rows2 * cols + 1);
  for (let v = 0; v < net.nodeCount; v++) start[cellOf(v) + 1]++;
  for (let i = 0; i < rows2 * cols; i++) start[i + 1] += start[i];
  const pos = start.slice(0, rows2 * cols);
  const items2 = new Int32Array(net.nodeCount);
  for (let v = 0; v < net.nodeCount; v++) items2[pos[cellOf(v)]++] = v;
  const idx = { south, west, dLat, dLon, rows: rows2, cols, start, items: items2 };
  indexes.set(net, idx);
  return idx;
}
__name(spatialIndex, "spatialIndex");
function snap(net, p) {
  const ix = spatialIndex(net);
  const r0 = Math.min(ix.rows - 1, Math.max(0, Math.floor((p[0] - ix.south) / ix.dLat)));
  const c0 = Math.min(ix.cols - 1, Math.max(0, Math.floor((p[1] - ix.west) / ix.dLon)));
  const outside = haversineM(p, [
    Math.min(Math.max(p[0], ix.south), ix.south + ix.rows * ix.dLat),
    Math.min(Math.max(p[1], ix.west), ix.west + ix.cols * ix.dLon)
  ]);
  const ky = 111195;
  const kx = ky * Math.cos(p[0] * Math.PI / 180);
  let best = -1;
  let bestD = Infinity;
  let bestSq = Infinity;
  const maxRing = Math.max(ix.rows, ix.cols);
  for (let ring = 0; ring <= maxRing; ring++) {
    if (best >= 0 && Math.hypot(Math.max(0, ring - 1) * INDEX_CELL_M * 0.99, outside) > bestD) break;
    for (let r = r0 - ring; r <= r0 + ring; r++) {
      if (r < 0 || r >= ix.rows) continue;
      const edgeRow = r === r0 - ring || r === r0 + ring;
      for (let c = c0 - ring; c <= c0 + ring; c += edgeRow ? 1 : 2 * ring || 1) {
        if (c < 0 || c >= ix.cols) continue;
        const cell = r * ix.cols + c;
        for (let i = ix.start[cell]; i < ix.start[cell + 1]; i++) {
          const v = ix.items[i];
          const dy = (net.lat[v] - p[0]) * ky;
          const dx = (net.lon[v] - p[1]) * kx;
          const sq = dx * dx + dy * dy;
          if (sq < bestSq) {
            bestSq = sq;
            best = v;
            bestD = Math.sqrt(sq) * 1.001 + 1;
          }
        }
      }
    }
  }
  const d = best >= 0 ? haversineM(p, [net.lat[best], net.lon[best]]) : Infinity;
  return { node: best, offRoadM: d, offRoadSec: d / (OFF_ROAD_SPEED_KMH / 3.6) };
}
__name(snap, "snap");
var NO_FACTORS = [];
var edgeSecondsCache = /* @__PURE__ */ new WeakMap();
function edgeSecondsOf(net, csr, factors) {
  let byFactors = edgeSecondsCache.get(csr);
  if (!byFactors) edgeSecondsCache.set(csr, byFactors = /* @__PURE__ */ new WeakMap());
  const key = factors ?? NO_FACTORS;
  let sec = byFactors.get(key);
  if (!sec) {
    const secPerM = new Float64Array(net.speedMps.length);
    for (let c = 0; c < net.speedMps.length; c++) secPerM[c] = 1 / (net.speedMps[c] * (factors?.[c] ?? 1));
    const { lengthM, cls } = csr;
    sec = new Float64Array(lengthM.length);
    for (let e = 0; e < sec.length; e++) sec[e] = lengthM[e] * secPerM[cls[e]];
    byFactors.set(key, sec);
  }
  return sec;
}
__name(edgeSecondsOf, "edgeSecondsOf");
var interiorOf = /* @__PURE__ */ new WeakMap();
function shapePoints(net) {
  let interior = interiorOf.get(net);
  if (interior) return interior;
  interior = new Uint8Array(net.nodeCount);
  const { out, rev } = net;
  for (let v = 0; v < net.nodeCount; v++) {
    const outDeg = out.offsets[v + 1] - out.offsets[v];
    const inDeg = rev.offsets[v + 1] - rev.offsets[v];
    if (outDeg > 2 || inDeg > 2 || outDeg + inDeg === 0) continue;
    let a = -1, b = -1, ok = true;
    const note = /* @__PURE__ */ __name((w) => {
      if (w === v) ok = false;
      else if (a < 0 || a === w) a = w;
      else if (b < 0 || b === w) b = w;
      else ok = false;
    }, "note");
    for (let e = out.offsets[v]; e < out.offsets[v + 1]; e++) note(out.targets[e]);
    for (let e = rev.offsets[v]; e < rev.offsets[v + 1]; e++) note(rev.targets[e]);
    if (!ok || b < 0) continue;
    if (outDeg === 2 && out.targets[out.offsets[v]] === out.targets[out.offsets[v] + 1]) continue;
    if (inDeg === 2 && rev.targets[rev.offsets[v]] === rev.targets[rev.offsets[v] + 1]) continue;
    interior[v] = 1;
  }
  interiorOf.set(net, interior);
  return interior;
}
__name(shapePoints, "shapePoints");
function onward(csr, v, prev) {
  for (let e = csr.offsets[v], end2 = csr.offsets[v + 1]; e < end2; e++) if (csr.targets[e] !== prev) return e;
  return -1;
}
__name(onward, "onward");
var ShortestPathTree = class {
  constructor(net, root, reversed, factors, blocked) {
    this.net = net;
    this.root = root;
    this.reversed = reversed;
    this.blocked = blocked;
    const n = net.nodeCount;
    this.seconds = new Float64Array(n).fill(Infinity);
    this.metres = new Float64Array(n);
    this.parent = new Int32Array(n).fill(-1);
    this.settled = new Uint8Array(n);
    this.heap = new MinHeap(1024);
    this.csr = reversed ? net.rev : net.out;
    this.interior = shapePoints(net);
    this.edgeSec = edgeSecondsOf(net, this.csr, factors);
    this.seconds[root] = 0;
    this.heap.push(0, root);
  }
  net;
  root;
  reversed;
  blocked;
  static {
    __name(this, "ShortestPathTree");
  }
  /** Seconds from the root (reversed: to the root), Infinity if not reached yet. */
  seconds;
  /** Road metres along the fastest path. */
  metres;
  /** Predecessor node towards the root (-1 for the root and unreached nodes). */
  parent;
  settled;
  heap;
  csr;
  interior;
  /** Seconds of each edge of `csr` (shared by every search of that CSR and factor array). */
  edgeSec;
  /** Junctions taken from the queue so far (shape points are walked past, never queued). */
  settledCount = 0;
  /**
   * Starts this search afresh from another root (same network and direction) on the same buffers:
   * a cache of searches reuses the one it drops instead of allocating half a megabyte per search.
   * The answers are those of a new tree.
   */
  restart(root, factors, blocked) {
    this.seconds.fill(Infinity);
    this.metres.fill(0);
    this.parent.fill(-1);
    this.settled.fill(0);
    this.heap.size = 0;
    this.settledCount = 0;
    this.root = root;
    this.blocked = blocked;
    this.edgeSec = edgeSecondsOf(this.net, this.csr, factors);
    this.seconds[root] = 0;
    this.heap.push(0, root);
    return this;
  }
  /**
   * Runs the search until `node` is settled (or everything reachable is, or every node left is
   * further than `maxSeconds` in this tree's costs); true if it was reached.
   */
  settle(node, maxSeconds = Infinity) {
    const { seconds: seconds2, metres, parent, settled, heap, edgeSec, blocked, interior, csr } = this;
    const { offsets, targets, lengthM } = csr;
    while ((node < 0 || !this.isFinal(node)) && heap.size > 0 && heap.keys[0] <= maxSeconds) {
      const u = heap.pop();
      if (settled[u]) continue;
      settled[u] = 1;
      this.settledCount++;
      const su = heap.lastKey;
      const mu = metres[u];
      for (let e = offsets[u], end2 = offsets[u + 1]; e < end2; e++) {
        let w = targets[e];
        if (settled[w] || blocked !== void 0 && blocked[e] === 1) continue;
        let sw = su + edgeSec[e];
        if (!(sw < seconds2[w])) continue;
        seconds2[w] = sw;
        metres[w] = mu + lengthM[e];
        parent[w] = u;
        for (let prev = u; interior[w] === 1; ) {
          const f = onward(csr, w, prev);
          if (f < 0 || blocked !== void 0 && blocked[f] === 1) break;
          const x = targets[f];
          const sx = sw + edgeSec[f];
          if (settled[x] || !(sx < seconds2[x])) break;
          seconds2[x] = sx;
          metres[x] = metres[w] + lengthM[f];
          parent[x] = w;
          prev = w;
          w = x;
          sw = sx;
        }
        if (interior[w] !== 1) heap.push(sw, w);
      }
    }
    return node >= 0 && Number.isFinite(seconds2[node]) && this.isFinal(node);
  }
  /**
   * A node's seconds (and parent) are final: it was settled, or it is a shape point no queued
   * junction can improve (nothing left in the queue is nearer than it).
   */
  isFinal(node) {
    return this.settled[node] === 1 || this.seconds[node] <= (this.heap.size > 0 ? this.heap.keys[0] : Infinity);
  }
  /** Runs the search to the end: every node reachable from (reversed: reaching) the root is final; their count. */
  settleAll() {
    this.settle(-1);
    let reached = 0;
    for (let v = 0; v < this.seconds.length; v++) if (this.seconds[v] < Infinity) reached++;
    return reached;
  }
  /** Nodes from `node` to the root (reversed tree) or from the root to `node` (forward tree). */
  pathNodes(node) {
    if (!this.settle(node)) return [];
    const path5 = [];
    for (let v = node; v >= 0; v = this.parent[v]) path5.push(v);
    if (!this.reversed) path5.reverse();
    return path5;
  }
};
var GrowingTree = class {
  static {
    __name(this, "GrowingTree");
  }
  seconds;
  via;
  settled;
  csr;
  heap;
  edgeSec;
  interior;
  /** Key of the last node settled: a node whose seconds are not final yet is at least this far. */
  frontier = 0;
  constructor(net, root, reversed, factors) {
    const n = net.nodeCount;
    this.seconds = new Float64Array(n).fill(Infinity);
    this.via = new Int32Array(n).fill(-1);
    this.settled = new Uint8Array(n);
    this.heap = new MinHeap(1024);
    this.csr = reversed ? net.rev : net.out;
    this.interior = shapePoints(net);
    this.edgeSec = edgeSecondsOf(net, this.csr, factors);
    this.seconds[root] = 0;
    this.heap.push(0, root);
  }
  /** Settles nodes until `node`'s seconds are final (or every reachable node's are, when it is not reachable). */
  settleTo(node) {
    const { seconds: seconds2, via, settled, heap, edgeSec, interior, csr } = this;
    if (settled[node] === 1) return;
    const { offsets, targets } = csr;
    while (heap.size > 0 && !(settled[node] === 1 || seconds2[node] <= heap.keys[0])) {
      const u = heap.pop();
      if (settled[u]) continue;
      settled[u] = 1;
      const su = heap.lastKey;
      this.frontier = su;
      for (let e = offsets[u], end2 = offsets[u + 1]; e < end2; e++) {
        let w = targets[e];
        if (settled[w]) continue;
        let sw = su + edgeSec[e];
        if (!(sw < seconds2[w])) continue;
        seconds2[w] = sw;
        via[w] = e;
        for (let prev = u; interior[w] === 1; ) {
          const f = onward(csr, w, prev);
          if (f < 0) break;
          const x = targets[f];
          const sx = sw + edgeSec[f];
          if (settled[x] || !(sx < seconds2[x])) break;
          seconds2[x] = sx;
          via[x] = f;
          prev = w;
          w = x;
          sw = sx;
        }
        if (interior[w] !== 1) heap.push(sw, w);
      }
    }
    if (heap.size === 0) this.frontier = Infinity;
  }
  /** `node`'s seconds and `via` are final (see ShortestPathTree.isFinal). */
  isFinal(node) {
    return this.settled[node] === 1 || this.seconds[node] <= (this.heap.size > 0 ? this.heap.keys[0] : Infinity);
  }
  /** Settles every node the root reaches (there is no node -1, so the search runs until its heap is empty). */
  settleAll() {
    this.settleTo(-1);
  }
};
var rows = /* @__PURE__ */ new WeakMap();
function rowOf(csr) {
  let row = rows.get(csr);
  if (!row) {
    row = new Int32Array(csr.targets.length);
    for (let u = 0; u + 1 < csr.offsets.length; u++) row.fill(u, csr.offsets[u], csr.offsets[u + 1]);
    rows.set(csr, row);
  }
  return row;
}
__name(rowOf, "rowOf");

// server/geo/road-closures.ts
var ALONG_LINE_M = 30;
function projector(refLat) {
  const ky = 111195;
  const kx = ky * Math.cos(refLat * Math.PI / 180);
  return (lat, lon) => [lon * kx, lat * ky];
}
__name(projector, "projector");
function pointSegmentM(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const f = len2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
  return Math.hypot(p[0] - (a[0] + f * dx), p[1] - (a[1] + f * dy));
}
__name(pointSegmentM, "pointSegmentM");
function insideRing(lat, lon, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [yi, xi] = ring[i];
    const [yj, xj] = ring[j];
    if (yi > lat !== yj > lat && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
__name(insideRing, "insideRing");
function edgesTouching(net, nodeIn) {
  const inside = new Uint8Array(net.nodeCount);
  for (let v = 0; v < net.nodeCount; v++) if (nodeIn(v)) inside[v] = 1;
  const edges = [];
  const { offsets, targets } = net.out;
  for (let u = 0; u < net.nodeCount; u++) {
    for (let e = offsets[u]; e < offsets[u + 1]; e++) if (inside[u] || inside[targets[e]]) edges.push(e);
  }
  return edges;
}
__name(edgesTouching, "edgesTouching");
function edgesAlong(net, from, to) {
  const proj = projector((from[0] + to[0]) / 2);
  const a = proj(from[0], from[1]);
  const b = proj(to[0], to[1]);
  const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const reach = Math.hypot(b[0] - a[0], b[1] - a[1]) / 2 + ALONG_LINE_M;
  const near = new Uint8Array(net.nodeCount);
  const pts = new Array(net.nodeCount);
  for (let v = 0; v < net.nodeCount; v++) {
    const p = proj(net.lat[v], net.lon[v]);
    pts[v] = p;
    if (pointSegmentM(p, a, b) <= ALONG_LINE_M) near[v] = 1;
  }
  const { offsets, targets } = net.out;
  const edges = [];
  let nearest = -1;
  let nearestM = Infinity;
  for (let u = 0; u < net.nodeCount; u++) {
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const v = targets[e];
      if (near[u] && near[v]) edges.push(e);
      else if (Math.hypot(pts[u][0] - mid[0], pts[u][1] - mid[1]) < reach + 5e3) {
        const d = pointSegmentM(mid, pts[u], pts[v]);
        if (d < nearestM) {
          nearestM = d;
          nearest = e;
        }
      }
    }
  }
  if (edges.length > 0 || nearest < 0 || nearestM > reach) return edges;
  const twin = findEdge(net, targets[nearest], rowOf2(net, nearest));
  return twin >= 0 ? [nearest, twin].sort((x, y2) => x - y2) : [nearest];
}
__name(edgesAlong, "edgesAlong");
function rowOf2(net, e) {
  const { offsets } = net.out;
  let lo = 0;
  let hi = net.nodeCount;
  while (hi - lo > 1) {
    const mid = lo + hi >> 1;
    if (offsets[mid] <= e) lo = mid;
    else hi = mid;
  }
  return lo;
}
__name(rowOf2, "rowOf");
function edgesInArea(net, area) {
  switch (area.kind) {
    case "segment":
      return edgesAlong(net, area.from, area.to);
    case "circle":
      return edgesTouching(net, (v) => haversineM(area.center, [net.lat[v], net.lon[v]]) <= area.radiusM);
    case "polygon":
      return edgesTouching(net, (v) => insideRing(net.lat[v], net.lon[v], area.ring));
  }
}
__name(edgesInArea, "edgesInArea");

// server/geo/road-travel.ts
var DEFAULT_VEHICLE_FACTORS = {
  light: 1.05,
  medium: 1,
  heavy: 0.85,
  trailer: 0.75
};
var DAY_MIN = 1440;
var DAY_MS2 = 864e5;
var minuteOf = /* @__PURE__ */ __name((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)), "minuteOf");
function weightingsByMinute(periods, classes) {
  const byKey = /* @__PURE__ */ new Map();
  const out = new Array(DAY_MIN);
  for (let m = 0; m < DAY_MIN; m++) {
    const f = new Float64Array(classes.length).fill(1);
    for (const p of periods) {
      const a = minuteOf(p.from);
      const b = minuteOf(p.to);
      const on = a <= b ? m >= a && m < b : m >= a || m < b;
      if (!on) continue;
      classes.forEach((c, i) => {
        if (!p.roadClasses || p.roadClasses.includes(c)) f[i] *= p.factor;
      });
    }
    const uniform = f.every((x) => x === f[0]);
    const scalar = uniform ? f[0] : 1;
    const factors = uniform ? new Float64Array(classes.length).fill(1) : f;
    const key = uniform ? "base" : Array.from(factors).join(",");
    let w = byKey.get(`${key}|${scalar}`);
    if (!w) byKey.set(`${key}|${scalar}`, w = { key, factors, scalar });
    out[m] = w;
  }
  return out;
}
__name(weightingsByMinute, "weightingsByMinute");
var sharedStores = /* @__PURE__ */ new WeakMap();
var NO_PATH = [];
var NO_PATH_OFFSETS = [];
var newStore = /* @__PURE__ */ __name(() => ({ lru: /* @__PURE__ */ new Map(), hubs: /* @__PURE__ */ new Map(), hubOrder: [], hubBytes: 0 }), "newStore");
var pointsOf = /* @__PURE__ */ new WeakMap();
function nodePoints(net) {
  let points = pointsOf.get(net);
  if (!points) pointsOf.set(net, points = new Array(net.nodeCount));
  return points;
}
__name(nodePoints, "nodePoints");
var stretchOf = /* @__PURE__ */ new WeakMap();
function shortestStretch(net) {
  let k = stretchOf.get(net);
  if (k === void 0) {
    k = 1;
    const { offsets, targets, lengthM } = net.out;
    for (let a = 0; a < net.nodeCount; a++) {
      for (let e = offsets[a]; e < offsets[a + 1]; e++) {
        const straight = haversineM([net.lat[a], net.lon[a]], [net.lat[targets[e]], net.lon[targets[e]]]);
        if (straight > 0) k = Math.min(k, lengthM[e] / straight);
      }
    }
    stretchOf.set(net, k);
  }
  return k;
}
__name(shortestStretch, "shortestStretch");
var grow = /* @__PURE__ */ __name((a) => {
  const b = new a.constructor(a.length * 2);
  b.set(a);
  return b;
}, "grow");
var drivenOf = /* @__PURE__ */ new WeakMap();
function drivenEdges(net, csr, against) {
  let byDir = drivenOf.get(csr);
  if (!byDir) drivenOf.set(csr, byDir = {});
  let out = against ? byDir.against : byDir.along;
  if (!out) {
    const row = rowOf(csr);
    out = new Int32Array(csr.targets.length);
    for (let e = 0; e < out.length; e++) out[e] = against ? findEdge(net, csr.targets[e], row[e]) : findEdge(net, row[e], csr.targets[e]);
    if (against) byDir.against = out;
    else byDir.along = out;
  }
  return out;
}
__name(drivenEdges, "drivenEdges");
var derivedOf = /* @__PURE__ */ new WeakMap();
var hubNodesOf = /* @__PURE__ */ new WeakMap();
function deriveTables(net, doctrine, vf) {
  const walkMps = doctrine.speedsKmh["on-foot"] / 3.6;
  const byMinute = weightingsByMinute(doctrine.traffic, net.classes);
  const foot = { key: `foot:${walkMps}`, factors: Float64Array.from(net.speedMps, (s) => walkMps / s), scalar: 1 };
  const offRoadMps = OFF_ROAD_SPEED_KMH / 3.6;
  const vmax = /* @__PURE__ */ new Map();
  for (const sc of Object.keys(doctrine.speedsKmh)) {
    let v = sc === "on-foot" ? walkMps : Math.max(offRoadMps, doctrine.speedsKmh[sc] / 3.6);
    if (sc !== "on-foot") for (const w of byMinute) for (let c = 0; c < net.speedMps.length; c++) v = Math.max(v, net.speedMps[c] * w.factors[c] * w.scalar * vf[sc]);
    vmax.set(sc, v / shortestStretch(net));
  }
  return { byMinute, foot, vmax };
}
__name(deriveTables, "deriveTables");
function hubNodesFor(net, hubs) {
  let byList = hubNodesOf.get(net);
  if (!byList) hubNodesOf.set(net, byList = /* @__PURE__ */ new WeakMap());
  let nodes = byList.get(hubs);
  if (!nodes) {
    const seen = /* @__PURE__ */ new Set();
    for (const h of hubs) {
      const n = snap(net, h).node;
      if (n >= 0) seen.add(n);
    }
    byList.set(hubs, nodes = [...seen]);
  }
  return nodes;
}
__name(hubNodesFor, "hubNodesFor");
function roadTravel(net, doctrine, opts = {}) {
  const shared = sharedStores.get(net) ?? newStore();
  sharedStores.set(net, shared);
  return makeModel(net, doctrine, opts, void 0, shared);
}
__name(roadTravel, "roadTravel");
function makeModel(net, doctrine, opts, blocked, store) {
  const vf = { ...DEFAULT_VEHICLE_FACTORS, ...opts.vehicleFactors };
  const offNetworkM = opts.offNetworkM ?? 1500;
  const cacheSize = opts.cacheSize ?? 16;
  const startLocalMs = opts.startLocalMs ?? 0;
  const hubBudget = (opts.hubBudgetMB ?? 256) * 1024 * 1024;
  const walkMps = doctrine.speedsKmh["on-foot"] / 3.6;
  let derived;
  if (opts.vehicleFactors) derived = deriveTables(net, doctrine, vf);
  else {
    let byDoctrine = derivedOf.get(store);
    if (!byDoctrine) derivedOf.set(store, byDoctrine = /* @__PURE__ */ new WeakMap());
    derived = byDoctrine.get(doctrine);
    if (!derived) byDoctrine.set(doctrine, derived = deriveTables(net, doctrine, vf));
  }
  const { byMinute, foot, vmax } = derived;
  const symmetric = isSymmetric(net);
  const hubNode = new Uint8Array(net.nodeCount);
  const stats = { hits: 0, misses: 0 };
  const snaps = /* @__PURE__ */ new Map();
  let snapCount = 0;
  const byRef = /* @__PURE__ */ new WeakMap();
  const snapOf = /* @__PURE__ */ __name((p) => {
    const known = byRef.get(p);
    if (known) return known;
    let row = snaps.get(p[0]);
    let s = row?.get(p[1]);
    if (!s) {
      if (snapCount >= 2e4) {
        snaps.clear();
        snapCount = 0;
        row = void 0;
      }
      if (!row) snaps.set(p[0], row = /* @__PURE__ */ new Map());
      s = snap(net, p);
      row.set(p[1], s);
      snapCount++;
    }
    byRef.set(p, s);
    return s;
  }, "snapOf");
  const hubNodes = !blocked && opts.hubs ? hubNodesFor(net, opts.hubs) : [];
  for (const n of hubNodes) hubNode[n] = 1;
  const weightingAt = /* @__PURE__ */ __name((sc, t) => {
    if (sc === "on-foot") return foot;
    const m = Math.floor(((startLocalMs + t) % DAY_MS2 + DAY_MS2) % DAY_MS2 / 6e4);
    return byMinute[m];
  }, "weightingAt");
  const divisor = /* @__PURE__ */ __name((sc, w) => sc === "on-foot" ? 1 : vf[sc] * w.scalar, "divisor");
  const reverseTree = /* @__PURE__ */ __name((node, w) => {
    const key = `${node}:${w.key}`;
    let tree = store.lru.get(key);
    if (tree) {
      stats.hits++;
      store.lru.delete(key);
    } else {
      stats.misses++;
      let spare;
      if (store.lru.size >= cacheSize) {
        const oldest = store.lru.keys().next().value;
        spare = store.lru.get(oldest);
        store.lru.delete(oldest);
      }
      tree = spare ? spare.restart(node, w.factors, blocked?.rev) : new ShortestPathTree(net, node, true, w.factors, blocked?.rev);
    }
    store.lru.set(key, tree);
    return tree;
  }, "reverseTree");
  const tableOf = /* @__PURE__ */ __name((key) => {
    let table = store.hubs.get(key);
    if (!table) store.hubs.set(key, table = []);
    return table;
  }, "tableOf");
  const hubTree = /* @__PURE__ */ __name((node, w, reversed) => {
    const dir = reversed && !symmetric;
    const tables = w.hubs ??= [tableOf(w.key), symmetric ? tableOf(w.key) : tableOf(`${w.key}:r`)];
    const table = tables[dir ? 1 : 0];
    let h = table[node];
    if (!h) {
      const tree = new GrowingTree(net, node, dir, w.factors);
      const along = drivenEdges(net, tree.csr, false);
      const against = drivenEdges(net, tree.csr, true);
      h = { tree, seconds: tree.seconds, via: tree.via, row: rowOf(tree.csr), lengthM: tree.csr.lengthM, along, against, bytes: net.nodeCount * 13 };
      table[node] = h;
      store.hubOrder.push({ table, node });
      store.hubBytes += h.bytes;
      while (store.hubBytes > hubBudget && store.hubOrder.length > 1) {
        const old = store.hubOrder.shift();
        store.hubBytes -= old.table[old.node].bytes;
        old.table[old.node] = void 0;
      }
    }
    return h;
  }, "hubTree");
  const offRoadMps = OFF_ROAD_SPEED_KMH / 3.6;
  const accessSeconds = /* @__PURE__ */ __name((s, sc) => {
    if (sc === "on-foot") return s.offRoadM / walkMps;
    if (s.offRoadM <= offNetworkM) return s.offRoadM / offRoadMps;
    return offNetworkM / offRoadMps + (s.offRoadM - offNetworkM) * doctrine.detourFactor / (doctrine.speedsKmh[sc] / 3.6);
  }, "accessSeconds");
  const accessMetres = /* @__PURE__ */ __name((s) => s.offRoadM <= offNetworkM ? s.offRoadM : offNetworkM + (s.offRoadM - offNetworkM) * doctrine.detourFactor, "accessMetres");
  const points = nodePoints(net);
  let nodes = new Int32Array(1024);
  let nodeSeconds = new Float64Array(1024);
  let stepM = new Float64Array(1024);
  let stepEdge = new Int32Array(1024);
  let lastTo;
  let lastToSnap;
  const snapTo = /* @__PURE__ */ __name((to) => {
    if (to !== lastTo) {
      lastTo = to;
      lastToSnap = snapOf(to);
    }
    return lastToSnap;
  }, "snapTo");
  let hubForward = false;
  const hubFor = /* @__PURE__ */ __name((a, b, w) => {
    if (blocked) return void 0;
    if (hubNode[a.node]) {
      hubForward = true;
      return hubTree(a.node, w, false);
    }
    if (hubNode[b.node]) {
      hubForward = false;
      return hubTree(b.node, w, true);
    }
    return void 0;
  }, "hubFor");
  let walkedMetres = 0;
  const walkHub = /* @__PURE__ */ __name((h, start, fromRoot) => {
    const { via, row, seconds: seconds2, lengthM } = h;
    const driven = fromRoot ? h.along : h.against;
    let count2 = 0;
    for (let v = start; v >= 0; ) {
      if (count2 === nodes.length) {
        nodes = grow(nodes);
        nodeSeconds = grow(nodeSeconds);
        stepM = grow(stepM);
        stepEdge = grow(stepEdge);
      }
      const e = via[v];
      nodes[count2] = v;
      nodeSeconds[count2] = seconds2[v];
      if (e >= 0) {
        stepM[count2] = lengthM[e];
        stepEdge[count2] = driven[e];
      }
      count2++;
      v = e < 0 ? -1 : row[e];
    }
    let m = 0;
    for (let i = count2 - 2; i >= 0; i--) m += stepM[i];
    walkedMetres = m;
    return count2;
  }, "walkHub");
  const landmarkBound = /* @__PURE__ */ __name((a, b, w) => {
    const table = w.hubs?.[0];
    if (!table) return 0;
    let best = 0;
    for (const node of hubNodes) {
      const h = table[node];
      if (!h) continue;
      const { tree } = h;
      const ta = h.seconds[a];
      const tb = h.seconds[b];
      let d = (tree.isFinal(b) ? tb : tree.frontier) - ta;
      if (symmetric) d = Math.max(d, (tree.isFinal(a) ? ta : tree.frontier) - tb);
      if (!Number.isFinite(d)) continue;
      if (d > best) best = d;
    }
    return best * (1 - 1e-9);
  }, "landmarkBound");
  const secondsOf = /* @__PURE__ */ __name((from, to, sc, t) => {
    const a = snapOf(from);
    const b = snapTo(to);
    const w = weightingAt(sc, t);
    const div = divisor(sc, w);
    const h = hubFor(a, b, w);
    let road;
    if (h) {
      const start = hubForward ? b.node : a.node;
      h.tree.settleTo(start);
      road = h.seconds[start];
    } else {
      const tree = reverseTree(b.node, w);
      tree.settle(a.node);
      road = tree.seconds[a.node];
    }
    if (!Number.isFinite(road)) return Infinity;
    return accessSeconds(a, sc) + road / div + accessSeconds(b, sc);
  }, "secondsOf");
  let lastDrive;
  let rel = new Float64Array(1024);
  const sameDrive = /* @__PURE__ */ __name((from, to, w) => lastDrive !== void 0 && lastDrive.w === w && lastDrive.from[0] === from[0] && lastDrive.from[1] === from[1] && lastDrive.to[0] === to[0] && lastDrive.to[1] === to[1], "sameDrive");
  const plan = /* @__PURE__ */ __name((from, to, sc, t, withPath, maxSeconds = Infinity) => {
    const a = snapOf(from);
    const b = snapTo(to);
    const w = weightingAt(sc, t);
    const div = divisor(sc, w);
    if (withPath && maxSeconds === Infinity && sameDrive(from, to, w)) {
      const { road: road2, distanceM: distanceM2, path: path6, edges: edges2 } = lastDrive;
      const ea2 = accessSeconds(a, sc);
      const total2 = ea2 + road2 / div + accessSeconds(b, sc);
      const offsets2 = new Array(path6.length);
      offsets2[0] = 0;
      for (let j = 1; j < path6.length - 1; j++) offsets2[j] = ea2 + rel[j] / div;
      offsets2[path6.length - 1] = total2;
      return { seconds: total2, distanceM: distanceM2, path: path6, offsets: offsets2, edges: edges2, roadFrom: 1 };
    }
    const h = hubFor(a, b, w);
    const forward = h !== void 0 && hubForward;
    let seconds2;
    let tree;
    if (h) seconds2 = h.seconds;
    else {
      const bound = maxSeconds === Infinity ? Infinity : (maxSeconds - accessSeconds(a, sc) - accessSeconds(b, sc)) * div * (1 + 1e-9) + 1e-6;
      if (bound !== Infinity && landmarkBound(a.node, b.node, w) > bound) return void 0;
      tree = reverseTree(b.node, w);
      if (!tree.settle(a.node, bound) && bound !== Infinity) return void 0;
      seconds2 = tree.seconds;
    }
    const start = forward ? b.node : a.node;
    h?.tree.settleTo(start);
    const road = seconds2[start];
    if (!Number.isFinite(road)) return maxSeconds === Infinity ? { seconds: Infinity, distanceM: Infinity, path: [from], offsets: [0] } : void 0;
    const ea = accessSeconds(a, sc);
    const total = ea + road / div + accessSeconds(b, sc);
    if (total > maxSeconds) return void 0;
    let count2 = 0;
    let roadM;
    if (h) {
      if (!withPath && maxSeconds !== Infinity) roadM = NaN;
      else {
        count2 = walkHub(h, start, forward);
        roadM = walkedMetres;
      }
    } else {
      roadM = tree.metres[start];
      if (withPath) {
        for (let v = start; v >= 0; v = tree.parent[v]) {
          if (count2 === nodes.length) nodes = grow(nodes);
          nodes[count2++] = v;
        }
      }
    }
    const distanceM = accessMetres(a) + roadM + accessMetres(b);
    if (!withPath) return { seconds: total, distanceM, path: NO_PATH, offsets: NO_PATH_OFFSETS };
    const path5 = new Array(count2 + 2);
    const offsets = new Array(count2 + 2);
    const edges = new Array(Math.max(0, count2 - 1));
    path5[0] = from;
    offsets[0] = 0;
    if (rel.length < count2 + 2) rel = new Float64Array(2 * (count2 + 2));
    if (h) {
      for (let j = 0; j < count2; j++) {
        const i = forward ? count2 - 1 - j : j;
        const v = nodes[i];
        path5[j + 1] = points[v] ?? (points[v] = [net.lat[v], net.lon[v]]);
        rel[j + 1] = forward ? nodeSeconds[i] : road - nodeSeconds[i];
        if (j > 0) edges[j - 1] = forward ? stepEdge[i] : stepEdge[i - 1];
      }
    } else {
      for (let i = 0; i < count2; i++) {
        const v = nodes[i];
        path5[i + 1] = points[v] ?? (points[v] = [net.lat[v], net.lon[v]]);
        rel[i + 1] = road - seconds2[v];
        if (i > 0) edges[i - 1] = findEdge(net, nodes[i - 1], v);
      }
    }
    for (let j = 1; j <= count2; j++) offsets[j] = ea + rel[j] / div;
    path5[count2 + 1] = to;
    offsets[count2 + 1] = total;
    lastDrive = { from, to, w, road, distanceM, path: path5, edges };
    return { seconds: total, distanceM, path: path5, offsets, edges, roadFrom: 1 };
  }, "plan");
  const isolatedCache = /* @__PURE__ */ new Map();
  let mainReach;
  const reachFrom = /* @__PURE__ */ __name((root, csr, mask) => {
    const seen = new Uint8Array(net.nodeCount);
    const queue = new Int32Array(net.nodeCount);
    let head = 0, tail = 0;
    seen[root] = 1;
    queue[tail++] = root;
    while (head < tail) {
      const u = queue[head++];
      for (let e = csr.offsets[u]; e < csr.offsets[u + 1]; e++) {
        const v = csr.targets[e];
        if (seen[v] || mask[e] === 1) continue;
        seen[v] = 1;
        queue[tail++] = v;
      }
    }
    return { seen, count: tail };
  }, "reachFrom");
  const reachedByMost = /* @__PURE__ */ __name((b) => {
    if (mainReach !== void 0) return mainReach;
    mainReach = null;
    const tried = new Uint8Array(net.nodeCount);
    const candidates2 = [...(opts.hubs ?? []).map((h) => snapOf(h).node), 0];
    for (const c of candidates2.slice(0, 4)) {
      if (c < 0 || c >= net.nodeCount || tried[c]) continue;
      const fwd = reachFrom(c, net.out, b.out);
      if (fwd.count * 2 <= net.nodeCount) {
        for (let v = 0; v < net.nodeCount; v++) if (fwd.seen[v]) tried[v] = 1;
        continue;
      }
      const back = reachFrom(c, net.rev, b.rev);
      let scc = 0;
      for (let v = 0; v < net.nodeCount; v++) if (fwd.seen[v] && back.seen[v]) {
        scc++;
        tried[v] = 1;
      }
      if (scc * 2 > net.nodeCount) {
        mainReach = fwd.seen;
        break;
      }
    }
    return mainReach;
  }, "reachedByMost");
  return {
    stats,
    net,
    travel: /* @__PURE__ */ __name((from, to, speedClass, t) => plan(from, to, speedClass, t, false), "travel"),
    travelSeconds: secondsOf,
    travelWithin: /* @__PURE__ */ __name((from, to, speedClass, t, maxSeconds) => plan(from, to, speedClass, t, false, maxSeconds)?.seconds, "travelWithin"),
    minSeconds: /* @__PURE__ */ __name((from, to, speedClass) => haversineM(from, to) / vmax.get(speedClass), "minSeconds"),
    route: /* @__PURE__ */ __name((from, to, speedClass, t) => plan(from, to, speedClass, t, true), "route"),
    edgesIn: /* @__PURE__ */ __name((area) => edgesInArea(net, area), "edgesIn"),
    withClosedEdges(edges) {
      const out = new Uint8Array(net.edgeCount);
      let count2 = 0;
      for (const e of edges) if (e >= 0 && e < net.edgeCount && !out[e]) {
        out[e] = 1;
        count2++;
      }
      if (count2 === 0) return roadTravel(net, doctrine, opts);
      const map = reverseEdgeIndex(net);
      const rev = new Uint8Array(net.edgeCount);
      for (let p = 0; p < net.edgeCount; p++) rev[p] = out[map[p]] ?? 0;
      return makeModel(net, doctrine, opts, { out, rev, count: count2 }, newStore());
    },
    isClosed: /* @__PURE__ */ __name((edge) => blocked?.out[edge] === 1, "isClosed"),
    isolated(p) {
      const node = snapOf(p).node;
      let cut = isolatedCache.get(node);
      if (cut === void 0) {
        const main = blocked ? reachedByMost(blocked) : null;
        if (main) cut = main[node] !== 1;
        else {
          const reaching = blocked ? reachFrom(node, net.rev, blocked.rev).count : net.nodeCount;
          cut = reaching < net.nodeCount / 2;
        }
        isolatedCache.set(node, cut);
      }
      return cut;
    }
  };
}
__name(makeModel, "makeModel");

// server/scenario/load-world.ts
function listRegions(seedsDir = "seeds") {
  const dir = path4.join(seedsDir, "regions");
  if (!fs4.existsSync(dir)) return [];
  const ids = /* @__PURE__ */ new Set();
  for (const d of fs4.readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory() || !fs4.existsSync(path4.join(dir, d.name, "region.json"))) continue;
    if (!d.name.startsWith(".")) ids.add(d.name);
    else {
      const replaced = /^\.(.+)\.replaced-[^.]+$/.exec(d.name)?.[1];
      if (replaced) ids.add(replaced);
    }
  }
  return [...ids].sort();
}
__name(listRegions, "listRegions");
function loadWorld({ seedsDir = "seeds", regionId = "demo-county", roads = true } = {}) {
  const issues = [];
  const load = /* @__PURE__ */ __name((file, schema) => {
    try {
      return loadDataFile(file, schema);
    } catch (err) {
      if (!(err instanceof DataFileError)) throw err;
      issues.push(...err.issues);
      return void 0;
    }
  }, "load");
  const unitTypes = load(path4.join(seedsDir, "unit-types.yaml"), UnitTypeCatalogueSchema);
  const doctrine = load(path4.join(seedsDir, "doctrine.yaml"), DoctrineSchema);
  const runCards = load(path4.join(seedsDir, "run-cards.yaml"), RunCardsFileSchema);
  const models = load(path4.join(seedsDir, "incident-models.yaml"), IncidentModelsFileSchema);
  const callProfile = load(path4.join(seedsDir, "call-profile.yaml"), CallProfileSchema);
  const injectEffects = load(path4.join(seedsDir, "inject-effects.yaml"), InjectEffectRulesSchema);
  const regionFile = path4.join(regionFolder(seedsDir, regionId), "region.json");
  let region;
  if (fs4.existsSync(regionFile)) {
    region = load(regionFile, RegionSchema);
  } else {
    const known = listRegions(seedsDir);
    throw new DataFileError([
      ...issues,
      { file: regionFile, line: 1, col: 1, path: "", message: `unknown region "${regionId}" (expected one of: ${known.join(", ") || "none found"})` }
    ]);
  }
  if (!unitTypes || !doctrine || !runCards || !models || !callProfile || !injectEffects || !region) throw new DataFileError(issues);
  const catalogue = new Map(unitTypes.data.unitTypes.map((t) => [t.code, t]));
  issues.push(
    ...checkRegion(region, regionId, catalogue, unitTypes.source),
    ...checkCallProfile(callProfile, region.data),
    ...checkRunCards(runCards, region.data, catalogue)
  );
  throwIfIssues(issues);
  return {
    region: region.data,
    unitTypes: unitTypes.data,
    doctrine: doctrine.data,
    runCards: runCards.data,
    models: models.data,
    callProfile: callProfile.data,
    injectEffects: injectEffects.data,
    ...roads ? withRoads(loadRoadNetwork(seedsDir, region.data), doctrine.data, region.data) : {}
  };
}
__name(loadWorld, "loadWorld");
function withRoads(roads, doctrine, region) {
  const hubs = region.stations.map((s) => s.location);
  return { roads, travelModel: /* @__PURE__ */ __name(({ startLocalMs }) => roadTravel(roads, doctrine, { startLocalMs, hubs }), "travelModel") };
}
__name(withRoads, "withRoads");
function checkRegion(file, regionId, catalogue, catalogueSource) {
  const { data: region, source } = file;
  const issues = [];
  if (region.id !== regionId) issues.push(source.issue(["id"], `region id "${region.id}" does not match its directory (expected "${regionId}")`));
  const unique = /* @__PURE__ */ __name((what, ids) => {
    const first = /* @__PURE__ */ new Map();
    for (const { id, path: p } of ids) {
      const seen = first.get(id);
      if (seen) issues.push(source.issue(p, `duplicate ${what} id "${id}" (ids must be unique; first used at line ${source.locate(seen).line})`));
      else first.set(id, p);
    }
  }, "unique");
  unique("jurisdiction", region.jurisdictions.map((j, i) => ({ id: j.id, path: ["jurisdictions", i, "id"] })));
  unique("station", region.stations.map((s, i) => ({ id: s.id, path: ["stations", i, "id"] })));
  unique("unit", region.stations.flatMap((s, i) => s.units.map((u, k) => ({ id: u.id, path: ["stations", i, "units", k, "id"] }))));
  const jurisdictionIds = new Set(region.jurisdictions.map((j) => j.id));
  const stationIds = new Set(region.stations.map((s) => s.id));
  const someOf = /* @__PURE__ */ __name((ids) => [...ids].slice(0, 12).join(", ") + (ids.size > 12 ? ", \u2026" : ""), "someOf");
  const needStation = /* @__PURE__ */ __name((id, p, what) => {
    if (id !== void 0 && !stationIds.has(id)) issues.push(source.issue(p, `${what} "${id}" is not a station of this region (expected one of: ${someOf(stationIds)})`));
  }, "needStation");
  const needJurisdiction = /* @__PURE__ */ __name((id, p) => {
    if (!jurisdictionIds.has(id)) issues.push(source.issue(p, `unknown jurisdiction "${id}" (expected one of: ${someOf(jurisdictionIds)})`));
  }, "needJurisdiction");
  region.jurisdictions.forEach((j, i) => {
    needStation(j.homeStationId, ["jurisdictions", i, "homeStationId"], "home station");
    needStation(j.supervisingStationId, ["jurisdictions", i, "supervisingStationId"], "supervising station");
  });
  const codes = [...catalogue.keys()].join(", ");
  region.stations.forEach((s, i) => {
    needJurisdiction(s.jurisdictionId, ["stations", i, "jurisdictionId"]);
    needStation(s.supervisingStationId, ["stations", i, "supervisingStationId"], "supervising station");
    s.units.forEach((u, k) => {
      if (!catalogue.has(u.type)) issues.push(source.issue(["stations", i, "units", k, "type"], `unknown unit type "${u.type}" (expected a code of ${catalogueSource.file}: ${codes})`));
    });
  });
  region.cells.forEach((c, i) => {
    needJurisdiction(c.jurisdictionId, ["cells", i, "jurisdictionId"]);
    if (c.r >= region.grid.rows) issues.push(source.issue(["cells", i, "r"], `row ${c.r} is outside the grid (expected 0 \u2026 ${region.grid.rows - 1})`));
    if (c.c >= region.grid.cols) issues.push(source.issue(["cells", i, "c"], `column ${c.c} is outside the grid (expected 0 \u2026 ${region.grid.cols - 1})`));
  });
  return issues;
}
__name(checkRegion, "checkRegion");
function checkCallProfile(file, region) {
  const { data: profile, source } = file;
  const issues = [];
  const valid = /* @__PURE__ */ new Set([...LAND_USES, DEFAULT_LAND_USE_KEY]);
  const expected = `expected one of: ${[...LAND_USES, DEFAULT_LAND_USE_KEY].join(", ")}`;
  for (const field of ["landUseWeight", "typeMix"]) {
    for (const key of Object.keys(profile[field])) {
      if (!valid.has(key)) issues.push(source.issue([field, key], `unknown land use "${key}" (${expected})`, "key"));
    }
  }
  const inCounty = new Set(region.jurisdictions.filter((j) => IN_COUNTY_KINDS.has(j.kind)).map((j) => j.id));
  const used = /* @__PURE__ */ new Map();
  for (const cell of region.cells) if (inCounty.has(cell.jurisdictionId)) used.set(cell.landUse, (used.get(cell.landUse) ?? 0) + 1);
  for (const [landUse, cells] of used) {
    const weight = profile.landUseWeight[landUse] ?? profile.landUseWeight[DEFAULT_LAND_USE_KEY];
    if (!weight || weight.perPerson === 0 && weight.perCell === 0) continue;
    const mix = profile.typeMix[landUse] ?? profile.typeMix[DEFAULT_LAND_USE_KEY];
    if (!mix) issues.push(source.issue(["typeMix"], `no type mix for land use "${landUse}" (${cells} cells of region ${region.id} draw calls; expected a "${landUse}" or "${DEFAULT_LAND_USE_KEY}" entry)`, "key"));
    else if (Object.values(mix).every((w) => w === 0)) issues.push(source.issue(["typeMix", landUse in profile.typeMix ? landUse : DEFAULT_LAND_USE_KEY], `every weight is 0 (expected at least one incident type with a positive weight)`, "key"));
  }
  return issues;
}
__name(checkCallProfile, "checkCallProfile");
function countUnitsFor(need, region, catalogue) {
  let n = 0;
  for (const station of region.stations) {
    if (!need.tiers.includes(KIND_TIER[station.kind])) continue;
    for (const unit of station.units) {
      const type = catalogue.get(unit.type);
      if (!type || !type.capabilities.includes(need.capability)) continue;
      if (need.minAerialM !== void 0 && (type.aerialHeightM ?? 0) < need.minAerialM) continue;
      n++;
    }
  }
  return n;
}
__name(countUnitsFor, "countUnitsFor");
function checkRunCards(file, region, catalogue) {
  const { data, source } = file;
  const issues = [];
  const firefighters = region.stations.reduce((s, st) => s + st.staffOnDuty, 0);
  const stationsWithUnits = region.stations.filter((s) => s.units.length > 0).length;
  const never = "no force could ever satisfy this run card";
  for (const [type, byGrade] of Object.entries(data.cards)) {
    for (const [grade, card] of Object.entries(byGrade ?? {})) {
      if (!card) continue;
      const at = ["cards", type, grade];
      card.needs.forEach((need, i) => {
        const have = countUnitsFor(need, region, catalogue);
        if (have >= need.vehicles) return;
        const height = need.minAerialM !== void 0 ? ` reaching \u2265 ${need.minAerialM} m` : "";
        issues.push(source.issue([...at, "needs", i], `needs ${need.vehicles} vehicles with capability ${need.capability}${height} from tiers ${need.tiers.join(", ")}, but the region ${region.id} has only ${have} such unit${have === 1 ? "" : "s"} \u2014 ${never}`));
      });
      if (card.minFirefighters > firefighters) {
        issues.push(source.issue([...at, "minFirefighters"], `needs ${card.minFirefighters} firefighters, but the region ${region.id} has only ${firefighters} on duty in all its stations \u2014 ${never}`));
      }
      if (card.minStations > stationsWithUnits) {
        issues.push(source.issue([...at, "minStations"], `needs ${card.minStations} stations, but the region ${region.id} has only ${stationsWithUnits} stations with units \u2014 ${never}`));
      }
    }
  }
  return issues;
}
__name(checkRunCards, "checkRunCards");

// server/scenario/load-scenario.ts
import { z as z19 } from "zod";

// shared/region-lookup.ts
function indexRegion(region) {
  const { grid } = region;
  const byRc = /* @__PURE__ */ new Map();
  for (const cell of region.cells) byRc.set(cell.r * grid.cols + cell.c, cell);
  const cellCenter = /* @__PURE__ */ __name((cell) => [
    grid.south + (cell.r + 0.5) * grid.cellLat,
    grid.west + (cell.c + 0.5) * grid.cellLon
  ], "cellCenter");
  const places = /* @__PURE__ */ new Map();
  for (const cell of region.cells) {
    if (cell.place && !places.has(cell.place)) places.set(cell.place, cellCenter(cell));
    if (cell.placeZh && !places.has(cell.placeZh)) places.set(cell.placeZh, cellCenter(cell));
  }
  for (const j of region.jurisdictions) {
    places.set(j.id, j.center);
    places.set(j.name, j.center);
    places.set(j.nameZh, j.center);
  }
  for (const s of region.stations) {
    places.set(s.id, s.location);
    places.set(s.name, s.location);
    places.set(s.nameZh, s.location);
  }
  return {
    region,
    cellCenter,
    cellAt(p) {
      const r = Math.floor((p[0] - grid.south) / grid.cellLat);
      const c = Math.floor((p[1] - grid.west) / grid.cellLon);
      if (r < 0 || c < 0 || r >= grid.rows || c >= grid.cols) return void 0;
      return byRc.get(r * grid.cols + c);
    },
    placeLocation: /* @__PURE__ */ __name((name) => places.get(name), "placeLocation")
  };
}
__name(indexRegion, "indexRegion");

// server/scenario/check-scenario.ts
function items(raw, key, schema) {
  const list = raw[key];
  if (!Array.isArray(list)) return [];
  const out = [];
  list.forEach((v, i) => {
    const r = schema.safeParse(v);
    if (r.success) out.push({ i, v: r.data });
  });
  return out;
}
__name(items, "items");
function crossCheckScenario(rawValue, source, world2) {
  const issues = [];
  const add = /* @__PURE__ */ __name((p, message) => issues.push(source.issue(p, message)), "add");
  if (!rawValue || typeof rawValue !== "object" || Array.isArray(rawValue)) return issues;
  const raw = rawValue;
  const start = typeof raw.start === "string" && !Number.isNaN(Date.parse(raw.start)) ? raw.start : void 0;
  const durationParsed = DurationSchema.safeParse(raw.duration);
  const duration = durationParsed.success ? durationParsed.data : void 0;
  const offset = /* @__PURE__ */ __name((t) => "offsetMs" in t ? t.offsetMs : start ? offsetOf(t, start) : void 0, "offset");
  const rawLen = /* @__PURE__ */ __name((key) => Array.isArray(raw[key]) ? raw[key].length : 0, "rawLen");
  const calls = items(raw, "calls", ScriptedCallSchema);
  const injects = items(raw, "injects", InjectSchema);
  const expected = items(raw, "expected", ExpectedActionSchema);
  const objectives = items(raw, "objectives", ObjectiveSchema);
  const weather = items(raw, "weather", WeatherPointSchema2);
  const hazards = items(raw, "hazards", HazardSchema);
  const forcesParsed = ForceStateSchema.safeParse(raw.forces ?? {});
  const forces = forcesParsed.success ? forcesParsed.data : void 0;
  const conditionAreas = [];
  const conditionTeams = [];
  let index;
  const nCalls = rawLen("calls");
  const injectIds = /* @__PURE__ */ new Map();
  const rawList = /* @__PURE__ */ __name((key) => Array.isArray(raw[key]) ? raw[key] : [], "rawList");
  rawList("calls").forEach((c, i) => injectIds.set(typeof c?.id === "string" ? c.id : `inj-${i + 1}`, { kind: "call", path: ["calls", i] }));
  rawList("injects").forEach((c, i) => injectIds.set(typeof c?.id === "string" ? c.id : `inj-${rawLen("calls") + i + 1}`, { kind: "unknown", path: ["injects", i] }));
  for (const { i, v } of calls) injectIds.set(v.id ?? `inj-${i + 1}`, { kind: "call", at: v.at, path: ["calls", i] });
  for (const { i, v } of injects) {
    injectIds.set(v.id ?? `inj-${nCalls + i + 1}`, { kind: v.kind, ...v.at ? { at: offset(v.at) } : {}, ...v.held ? { held: true } : {}, ...v.after ? { after: v.after } : {}, path: ["injects", i] });
  }
  const objectiveIds = new Set(objectives.map((o) => o.v.id));
  const expectedIds = new Set(expected.map((e) => e.v.id));
  const hazardIds = new Set(hazards.map((h) => h.v.id));
  const closureIds = new Set(injects.flatMap(({ v }) => (v.kind === "road-closure" || v.kind === "bridge-down") && v.closureId ? [v.closureId] : []));
  const incidentMakers = /* @__PURE__ */ new Set(["call", "secondary"]);
  const checkObjective = /* @__PURE__ */ __name((id, p) => {
    if (id !== void 0 && !objectiveIds.has(id)) add(p, `unknown objective "${id}" (expected one of the ids under objectives: ${[...objectiveIds].join(", ") || "none declared"})`);
  }, "checkObjective");
  const injectList = /* @__PURE__ */ __name(() => [...injectIds.keys()].join(", ") || "none", "injectList");
  const within = /* @__PURE__ */ __name((ms, p, what) => {
    if (ms === void 0 || duration === void 0) return;
    if (ms < 0) add(p, `${what} ${formatScriptTime(ms)} is before the start (expected \u2265 T+00:00:00)`);
    else if (ms > duration) add(p, `${what} ${formatScriptTime(ms)} comes after the end of the scenario (expected \u2264 duration T+${formatScriptTime(duration).slice(2)})`);
  }, "within");
  for (const { i, v } of calls) within(v.at, ["calls", i, "at"], "call at");
  for (const { i, v } of weather) within(offset(v.at), ["weather", i, "at"], "weather point at");
  for (let k = 1; k < weather.length; k++) {
    const a = offset(weather[k - 1].v.at);
    const b = offset(weather[k].v.at);
    if (a !== void 0 && b !== void 0 && b <= a) add(["weather", weather[k].i, "at"], "weather points must be in time order (expected a later time than the previous point)");
  }
  for (const { i, v } of expected) if (v.by) within(offset(v.by), ["expected", i, "by"], "deadline");
  const planned = /* @__PURE__ */ new Map();
  const plan = /* @__PURE__ */ __name((id, seen) => {
    if (planned.has(id)) return planned.get(id);
    const inj = injectIds.get(id);
    if (!inj) return void 0;
    if (seen.includes(id)) return void 0;
    let t;
    if (inj.after) {
      const base = plan(inj.after, [...seen, id]);
      const delay = injects.find((x) => (x.v.id ?? `inj-${nCalls + x.i + 1}`) === id)?.v.delay ?? 0;
      t = base === void 0 ? void 0 : base + delay;
    } else t = inj.held ? void 0 : inj.at;
    planned.set(id, t);
    return t;
  }, "plan");
  for (const { i, v } of injects) {
    const id = v.id ?? `inj-${nCalls + i + 1}`;
    if (v.after !== void 0) {
      if (!injectIds.has(v.after)) add(["injects", i, "after"], `unknown inject "${v.after}" (expected one of: ${injectList()})`);
      else {
        const chain = [id];
        for (let cur = v.after; cur !== void 0; cur = injectIds.get(cur)?.after) {
          if (chain.includes(cur)) {
            add(["injects", i, "after"], `\`after\` chain makes a cycle: ${[...chain, cur].join(" \u2192 ")} (expected a chain that ends at an inject with a time)`);
            break;
          }
          chain.push(cur);
          if (!injectIds.has(cur)) break;
        }
      }
    }
    const t = v.at ? offset(v.at) : plan(id, []);
    within(t, ["injects", i, v.at ? "at" : "after"], v.at ? "inject at" : "inject planned at");
    if (v.contingency?.until) {
      const u = offset(v.contingency.until);
      within(u, ["injects", i, "contingency", "until"], "watch until");
      if (u !== void 0 && t !== void 0 && u < t) add(["injects", i, "contingency", "until"], `watch ends at ${formatScriptTime(u)} before it starts at ${formatScriptTime(t)} (expected until \u2265 the inject's time)`);
    }
    checkObjective(v.objective, ["injects", i, "objective"]);
  }
  const checkCondition = /* @__PURE__ */ __name((c, at, checkedAt, watch) => {
    for (const [f, p] of factsWithPaths(c, at)) {
      const ref = incidentOfFact(f);
      if (typeof ref === "string" && ref !== "any") {
        const inj = injectIds.get(ref);
        if (!inj) add(p, `unknown inject "${ref}" as incident (expected the id of a call or secondary inject: ${[...injectIds].filter(([, x]) => incidentMakers.has(x.kind)).map(([k]) => k).join(", ") || "none"})`);
        else if (inj.kind !== "unknown" && !incidentMakers.has(inj.kind)) add(p, `inject "${ref}" is a ${inj.kind} inject and makes no incident (expected a call or secondary inject)`);
        else {
          const t = plan(ref, []);
          if (!watch && checkedAt !== void 0 && t !== void 0 && t > checkedAt) {
            add(p, `checked at ${formatScriptTime(checkedAt)} but the incident of "${ref}" only starts at ${formatScriptTime(t)} (expected a check after the call)`);
          }
        }
      }
      const notAt = "dispatched" in f ? f.dispatched.fromStationNotAt : "onScene" in f ? f.onScene.fromStationNotAt : void 0;
      if (typeof notAt === "string" && notAt !== "any") {
        const inj = injectIds.get(notAt);
        if (!inj) add([...p, "fromStationNotAt"], `unknown inject "${notAt}" (expected the id of a call or secondary inject: ${[...injectIds].filter(([, x]) => incidentMakers.has(x.kind)).map(([k]) => k).join(", ") || "none"})`);
        else if (inj.kind !== "unknown" && !incidentMakers.has(inj.kind)) add([...p, "fromStationNotAt"], `inject "${notAt}" is a ${inj.kind} inject and makes no incident (expected a call or secondary inject)`);
      }
      if ("injectFired" in f && !injectIds.has(f.injectFired)) add(p, `unknown inject "${f.injectFired}" (expected one of: ${injectList()})`);
      if ("expectedMet" in f && !expectedIds.has(f.expectedMet)) add(p, `unknown expected action "${f.expectedMet}" (expected one of: ${[...expectedIds].join(", ") || "none declared"})`);
      if ("unitInArea" in f) conditionAreas.push([f.unitInArea.area, [...p, "area"]]);
      const team2 = teamOfFact(f);
      if (team2 !== void 0) conditionTeams.push([team2, [...p, "team"]]);
    }
  }, "checkCondition");
  for (const { i, v } of injects) {
    const p = ["injects", i];
    if (v.contingency) checkCondition(v.contingency.when, [...p, "contingency", "when"], v.at ? offset(v.at) : void 0, v.contingency.until !== void 0);
    if (v.kind === "secondary") {
      const scene = injectIds.get(v.scene);
      if (!scene) add([...p, "scene"], `unknown inject "${v.scene}" (expected the id of the call inject whose incident is the scene)`);
      else if (scene.kind !== "call" && scene.kind !== "unknown") add([...p, "scene"], `inject "${v.scene}" is a ${scene.kind} inject (expected a call inject: its incident is the scene)`);
    }
    if (v.kind === "road-reopen" && !closureIds.has(v.closureId)) add([...p, "closureId"], `unknown closure "${v.closureId}" (expected the closureId of a road-closure or bridge-down inject: ${[...closureIds].join(", ") || "none declared"})`);
    if (v.kind === "hazard" && "hazardId" in v.hazard && !hazardIds.has(v.hazard.hazardId)) add([...p, "hazard", "hazardId"], `unknown hazard "${v.hazard.hazardId}" (expected one of the ids under hazards: ${[...hazardIds].join(", ") || "none declared"})`);
  }
  for (const { i, v } of expected) {
    const p = ["expected", i];
    checkObjective(v.objective, [...p, "objective"]);
    checkCondition(v.check, [...p, "check"], void 0, true);
    if (v.within !== void 0) {
      const refs = factsOf(v.check).map(incidentOfFact).filter((r) => r !== void 0 && r !== "any");
      if (refs.length === 0) add([...p, "within"], '`within` counts from the call of the incident the check names (expected a check naming an incident: an inject id or {firstOfType: \u2026}, not "any")');
    }
  }
  function checkPlace(place, p) {
    if (!world2 || !index) return;
    const { region } = world2;
    if (typeof place === "string") {
      if (!index.placeLocation(place) && !index.placeLocation(place.trim())) {
        const near = similarPlaces(region, place);
        const hint = near.length > 0 ? `did you mean ${near.map((n) => JSON.stringify(n)).join(", ")}?` : "a cell place, a station id or name, or a jurisdiction id or name";
        add(p, `unknown place "${place}" in region ${region.id} (expected ${hint})`);
      }
    } else if (!index.cellAt(place)) {
      const g = region.grid;
      add(p, `[${place.join(", ")}] is outside region ${region.id} (expected lat ${g.south.toFixed(4)} \u2026 ${(g.south + g.rows * g.cellLat).toFixed(4)}, lon ${g.west.toFixed(4)} \u2026 ${(g.west + g.cols * g.cellLon).toFixed(4)}, on a cell of the grid)`);
    }
  }
  __name(checkPlace, "checkPlace");
  function checkArea(a, p) {
    if ("circle" in a) checkPlace(a.circle.center, [...p, "circle", "center"]);
    else a.polygon.forEach((pt, k) => checkPlace(pt, [...p, "polygon", k]));
  }
  __name(checkArea, "checkArea");
  if (world2) {
    const { region } = world2;
    if (typeof raw.region === "string" && raw.region !== region.id) {
      add(["region"], `scenario is for region "${raw.region}" but the loaded region is "${region.id}" (expected "${region.id}")`);
      return issues;
    }
    index = indexRegion(region);
    const units = new Set(region.stations.flatMap((s) => s.units.map((u) => u.id)));
    const stations = new Set(region.stations.map((s) => s.id));
    const types = world2.unitTypes ? new Set(world2.unitTypes.unitTypes.map((t) => t.code)) : void 0;
    const arriving = /* @__PURE__ */ new Map();
    const unit = /* @__PURE__ */ __name((id, p) => {
      if (!units.has(id) && !arriving.has(id)) add(p, `unknown unit "${id}" in region ${region.id} (expected a unit id, e.g. ${[...units].slice(0, 3).join(", ")})`);
    }, "unit");
    for (const { i, v } of injects) {
      if (v.kind !== "reinforcements") continue;
      v.units.forEach((u, k) => {
        const p = ["injects", i, "units", k, "id"];
        if (arriving.has(u.id)) add(p, `unit id "${u.id}" already arrives with ${arriving.get(u.id).slice(0, 2).join(".")} (expected each arriving unit once)`);
        else if (!units.has(u.id)) arriving.set(u.id, p);
      });
    }
    const station = /* @__PURE__ */ __name((id, p) => {
      if (!stations.has(id)) add(p, `unknown station or team "${id}" in region ${region.id} (expected a station id, e.g. ${[...stations].slice(0, 3).join(", ")})`);
    }, "station");
    for (const { i, v } of calls) checkPlace(v.location, ["calls", i, "location"]);
    for (const [a, p] of conditionAreas) checkArea(a, p);
    const teams = [...injectIds].filter(([, x]) => x.kind === "reinforcements").map(([id]) => id);
    for (const [team2, p] of conditionTeams) {
      if (stations.has(team2) || teams.includes(team2)) continue;
      const near = [...new Set(similarPlaces({ ...region, cells: [], jurisdictions: [] }, team2).map((n) => region.stations.find((st) => st.id === n || st.name === n || st.nameZh === n).id))];
      add(p, `unknown team "${team2}" (expected a station id of region ${region.id}${near.length > 0 ? `, did you mean ${near.map((n) => JSON.stringify(n)).join(", ")}?` : `, e.g. ${[...stations].slice(0, 3).join(", ")}`}, or the id of a reinforcements inject${teams.length > 0 ? `: ${teams.join(", ")}` : " (none declared)"})`);
    }
    for (const { i, v } of injects) {
      const p = ["injects", i];
      switch (v.kind) {
        case "call":
          checkPlace(v.location, [...p, "location"]);
          break;
        case "road-closure":
          if (v.road) {
            checkPlace(v.road.from, [...p, "road", "from"]);
            checkPlace(v.road.to, [...p, "road", "to"]);
          }
          if (v.area) checkArea(v.area, [...p, "area"]);
          break;
        case "bridge-down":
          checkPlace(v.bridge, [...p, "bridge"]);
          break;
        case "power-outage":
          if (v.hydrantsArea) checkArea(v.hydrantsArea, [...p, "hydrantsArea"]);
          break;
        case "comms-outage":
          station(v.station, [...p, "station"]);
          break;
        case "unit-breakdown":
        case "crew-injury":
          unit(v.unit, [...p, "unit"]);
          break;
        case "reinforcements":
          checkPlace(v.stagingAt, [...p, "stagingAt"]);
          v.units.forEach((u, k) => {
            if (units.has(u.id)) add([...p, "units", k, "id"], `unit id "${u.id}" is already a unit of region ${region.id} (expected a new id for an arriving unit)`);
            if (types && !types.has(u.type)) add([...p, "units", k, "type"], `unknown unit type "${u.type}" (expected a code of seeds/unit-types.yaml: ${[...types].join(", ")})`);
          });
          break;
        default:
          break;
      }
    }
    for (const { i, v } of hazards) if (v.kind === "chemical-release") checkPlace(v.site.location, ["hazards", i, "site", "location"]);
    const parsedAt = /* @__PURE__ */ __name((list) => new Set(list.map((x) => x.i)), "parsedAt");
    for (const [key, ok] of [["calls", parsedAt(calls)], ["injects", parsedAt(injects)]]) {
      rawList(key).forEach((el, i) => {
        if (ok.has(i) || !el || typeof el !== "object") return;
        for (const field of ["location", "stagingAt", "bridge"]) {
          const place = el[field];
          if (isPlace(place)) checkPlace(place, [key, i, field]);
        }
      });
    }
    if (forces) {
      forces.outOfService.forEach((f, k) => unit(f.unit, ["forces", "outOfService", k, "unit"]));
      forces.reducedStaffing.forEach((f, k) => unit(f.unit, ["forces", "reducedStaffing", k, "unit"]));
      forces.away.forEach((f, k) => station(f.station, ["forces", "away", k, "station"]));
    }
  }
  return issues;
}
__name(crossCheckScenario, "crossCheckScenario");
function isPlace(v) {
  return typeof v === "string" && v.trim() !== "" || Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === "number" && Number.isFinite(x));
}
__name(isPlace, "isPlace");
function factsWithPaths(c, p) {
  if ("all" in c) return c.all.flatMap((x, k) => factsWithPaths(x, [...p, "all", k]));
  if ("any" in c) return c.any.flatMap((x, k) => factsWithPaths(x, [...p, "any", k]));
  if ("not" in c) return factsWithPaths(c.not, [...p, "not"]);
  return [[c, [...p, factKind(c)]]];
}
__name(factsWithPaths, "factsWithPaths");
function similarPlaces(region, wanted) {
  const names = /* @__PURE__ */ new Set();
  for (const c of region.cells) if (c.place) names.add(c.place);
  for (const j of region.jurisdictions) {
    names.add(j.id);
    names.add(j.name);
    names.add(j.nameZh);
  }
  for (const s of region.stations) {
    names.add(s.id);
    names.add(s.name);
    names.add(s.nameZh);
  }
  const w = wanted.toLowerCase();
  const scored = [...names].map((n) => {
    const l = n.toLowerCase();
    const contains = l.includes(w) || w.includes(l);
    return { n, d: contains ? 0 : editDistance(w, l) };
  });
  const limit = Math.max(2, Math.floor(w.length / 3));
  return scored.filter((s) => s.d <= limit).sort((a, b) => a.d - b.d || a.n.localeCompare(b.n)).slice(0, 3).map((s) => s.n);
}
__name(similarPlaces, "similarPlaces");
function editDistance(a, b) {
  if (Math.abs(a.length - b.length) > 8) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
__name(editDistance, "editDistance");

// server/scenario/load-scenario.ts
function loadScenario(file, world2) {
  const { data: raw, source } = loadDataFile(file, z19.unknown());
  return checkParsed(raw, source, world2);
}
__name(loadScenario, "loadScenario");
function checkParsed(raw, source, world2, extra = []) {
  const { data, issues } = validateParsed(raw, source, ScenarioSchema);
  issues.push(...extra, ...crossCheckScenario(raw, source, world2));
  throwIfIssues(dedupe(issues).sort((a, b) => a.line - b.line || a.col - b.col));
  return data;
}
__name(checkParsed, "checkParsed");
function dedupe(issues) {
  const seen = /* @__PURE__ */ new Set();
  return issues.filter((i) => {
    const k = `${i.line}:${i.col}:${i.path}:${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
__name(dedupe, "dedupe");

// tests/bench/engine-year.ts
import { performance } from "node:perf_hooks";

// shared/leg-track.ts
var TRACK_SCALE = 1e5;
var toTrackUnits = /* @__PURE__ */ __name((deg) => Math.round(deg * TRACK_SCALE), "toTrackUnits");
function encodeTrack(lat, lon, times, count2, departAt) {
  const track = new Array(3 * count2);
  let pLat = 0, pLon = 0, pT = departAt;
  for (let i = 0, k = 0; i < count2; i++) {
    track[k++] = lat[i] - pLat;
    track[k++] = lon[i] - pLon;
    track[k++] = times[i] - pT;
    pLat = lat[i];
    pLon = lon[i];
    pT = times[i];
  }
  return track;
}
__name(encodeTrack, "encodeTrack");

// shared/leg-position.ts
function positionOnLeg(leg, t) {
  const { track } = leg;
  if (track) {
    if (track.length >= 6) return positionOnTrack(track, leg.departAt, t);
  } else if (leg.path && leg.times && leg.path.length >= 2 && leg.times.length === leg.path.length) {
    return positionOnPath(leg.path, leg.times, t);
  }
  const span = leg.arriveAt - leg.departAt;
  return lerpLatLon(leg.from, leg.to, span > 0 ? (t - leg.departAt) / span : 1);
}
__name(positionOnLeg, "positionOnLeg");
function positionOnTrack(track, departAt, t) {
  let lat = track[0], lon = track[1], at = departAt + track[2];
  if (t <= at) return [lat / TRACK_SCALE, lon / TRACK_SCALE];
  for (let k = 3; k < track.length; k += 3) {
    const lat1 = lat + track[k], lon1 = lon + track[k + 1], at1 = at + track[k + 2];
    if (at1 > t) return lerpLatLon([lat / TRACK_SCALE, lon / TRACK_SCALE], [lat1 / TRACK_SCALE, lon1 / TRACK_SCALE], (t - at) / (at1 - at));
    lat = lat1;
    lon = lon1;
    at = at1;
  }
  return [lat / TRACK_SCALE, lon / TRACK_SCALE];
}
__name(positionOnTrack, "positionOnTrack");
function positionOnPath(path5, times, t) {
  if (t <= times[0]) return path5[0];
  const last = times.length - 1;
  if (t >= times[last]) return path5[last];
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = lo + hi >> 1;
    if (times[mid] <= t) lo = mid;
    else hi = mid;
  }
  const t0 = times[lo];
  const t1 = times[hi];
  return lerpLatLon(path5[lo], path5[hi], t1 > t0 ? (t - t0) / (t1 - t0) : 1);
}
__name(positionOnPath, "positionOnPath");

// server/engine/kernel/event-queue.ts
var EventQueue = class {
  static {
    __name(this, "EventQueue");
  }
  heap = [];
  nextOrder = 0;
  get size() {
    return this.heap.length;
  }
  push(at, payload) {
    const item = { at, order: this.nextOrder++, payload };
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = i - 1 >> 1;
      if (!before(item, h[parent])) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = item;
  }
  peek() {
    return this.heap[0];
  }
  pop() {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === void 0 || last === void 0 || h.length === 0) return top;
    let i = 0;
    const n = h.length;
    for (; ; ) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(h[r], h[l]) ? r : l;
      if (!before(h[child], last)) break;
      h[i] = h[child];
      i = child;
    }
    h[i] = last;
    return top;
  }
  /** Items in firing order (for the state digest); does not disturb the queue. */
  ordered() {
    return [...this.heap].sort((x, y2) => before(x, y2) ? -1 : 1);
  }
  get scheduledCount() {
    return this.nextOrder;
  }
  /**
   * Replaces the contents (engine restore): the items with their original tie-break orders and the
   * counter the next push continues from, so equal deadlines keep firing in the same order.
   */
  load(items2, nextOrder) {
    for (const it of items2) if (!(it.order < nextOrder)) throw new Error(`queue item order ${it.order} is not below the counter ${nextOrder}`);
    this.heap = [...items2].sort((x, y2) => before(x, y2) ? -1 : 1);
    this.nextOrder = nextOrder;
  }
};
function before(x, y2) {
  return x.at < y2.at || x.at === y2.at && x.order < y2.order;
}
__name(before, "before");

// server/engine/kernel/rng.ts
function cyrb128(str) {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ h1 >>> 18, 597399067);
  h2 = Math.imul(h4 ^ h2 >>> 22, 2869860233);
  h3 = Math.imul(h1 ^ h3 >>> 17, 951274213);
  h4 = Math.imul(h2 ^ h4 >>> 19, 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
__name(cyrb128, "cyrb128");
function deriveRng(seed, purpose, id = "") {
  const words = cyrb128(`${seed >>> 0}\0${purpose}\0${id}`);
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[3] = 1;
  const rng = createRng(0, words);
  for (let i = 0; i < 12; i++) rng.next();
  return rng;
}
__name(deriveRng, "deriveRng");
var STREAM = {
  /** When and where background calls ring, and what they are: one stream for the whole run. */
  backgroundArrivals: "background-arrivals",
  /** A call's hidden truth and what the caller reports: one stream per call (its place in its source, or its incident id). */
  callDetails: "call-details",
  /** How long a call rings before it is answered: one stream per call. */
  answerTime: "answer-time",
  /** How long the automatic centre takes to process an answered call: one stream per call. */
  processTime: "process-time",
  /** Reserved for models of how incidents and hazards evolve (none draws yet). */
  evolution: "evolution"
};
function isRngState(words) {
  return Array.isArray(words) && words.length === 4 && words.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32);
}
__name(isRngState, "isRngState");
function splitmix32(a) {
  return () => {
    a = a + 2654435769 | 0;
    let z21 = a;
    z21 = Math.imul(z21 ^ z21 >>> 16, 2246822507);
    z21 = Math.imul(z21 ^ z21 >>> 13, 3266489909);
    return (z21 ^ z21 >>> 16) >>> 0;
  };
}
__name(splitmix32, "splitmix32");
var Sfc32 = class {
  constructor(a, b, c, d) {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }
  a;
  b;
  c;
  d;
  static {
    __name(this, "Sfc32");
  }
  nextU32() {
    const t = (this.a + this.b | 0) + this.d | 0;
    this.d = this.d + 1 | 0;
    this.a = this.b ^ this.b >>> 9;
    this.b = this.c + (this.c << 3) | 0;
    this.c = this.c << 21 | this.c >>> 11;
    this.c = this.c + t | 0;
    return t >>> 0;
  }
  next() {
    return this.nextU32() / 4294967296;
  }
  int(n) {
    return Math.floor(this.next() * n);
  }
  exp(mean) {
    return -mean * Math.log(1 - this.next());
  }
  normal() {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  logNormal(median, sigma) {
    return median * Math.exp(sigma * this.normal());
  }
  poisson(mean) {
    if (mean <= 0) return 0;
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
  getState() {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }
};
function createRng(seed, state) {
  if (state && state.length === 4) return new Sfc32(state[0], state[1], state[2], state[3]);
  const sm = splitmix32(seed >>> 0);
  const rng = new Sfc32(sm(), sm(), sm(), sm());
  for (let i = 0; i < 12; i++) rng.next();
  return rng;
}
__name(createRng, "createRng");

// server/engine/kernel/machines/memo-transition.ts
import { initialTransition, transition } from "xstate";
function memoStepper(machine, keyOf) {
  const cache = /* @__PURE__ */ new WeakMap();
  const byValue = /* @__PURE__ */ new Map();
  const share = /* @__PURE__ */ __name((s) => {
    const id = JSON.stringify([s.value, s.context]);
    const known = byValue.get(id);
    if (known) return known;
    byValue.set(id, s);
    return s;
  }, "share");
  const initial = share(initialTransition(machine)[0]);
  return {
    initial,
    restore(value, context) {
      const known = byValue.get(JSON.stringify([value, context]));
      if (known) return known;
      const resolved = machine.resolveState({ value, context });
      if (JSON.stringify([resolved.value, resolved.context]) !== JSON.stringify([value, context])) {
        throw new Error(`cannot restore machine ${machine.id}: state ${JSON.stringify(value)} does not resolve to itself`);
      }
      return share(resolved);
    },
    step(snapshot, event) {
      let row = cache.get(snapshot);
      if (!row) {
        row = /* @__PURE__ */ new Map();
        cache.set(snapshot, row);
      }
      const key = keyOf(event);
      let hit = row.get(key);
      if (!hit) {
        const accepted = snapshot.can(event);
        const next = accepted ? share(transition(machine, snapshot, event)[0]) : snapshot;
        hit = { accepted, next };
        row.set(key, hit);
      }
      return hit;
    }
  };
}
__name(memoStepper, "memoStepper");

// server/engine/kernel/machines/unit-machine.ts
import { setup } from "xstate";
var unitMachine = setup({
  types: { events: {} },
  guards: {
    returningDispatchable: /* @__PURE__ */ __name(({ event }) => event.type === "DISPATCH" && event.returningDispatchable, "returningDispatchable"),
    atStation: /* @__PURE__ */ __name(({ event }) => event.type === "BACK_IN_SERVICE" && event.atStation, "atStation")
  }
}).createMachine({
  id: "unit",
  initial: "inStation",
  states: {
    inStation: { on: { DISPATCH: "turningOut", OUT_OF_SERVICE: "outOfService" } },
    turningOut: { on: { TURNOUT_DONE: "enRoute", RELEASE: "inStation", OUT_OF_SERVICE: "outOfService" } },
    enRoute: { on: { ARRIVE: "onScene", RELEASE: "availableOnRoad", OUT_OF_SERVICE: "outOfService" } },
    onScene: { on: { START_WORK: "working", RELEASE: "returning", OUT_OF_SERVICE: "outOfService" } },
    working: { on: { RELEASE: "returning", OUT_OF_SERVICE: "outOfService" } },
    returning: {
      on: {
        REACH_STATION: "inStation",
        DISPATCH: { guard: "returningDispatchable", target: "enRoute" },
        OUT_OF_SERVICE: "outOfService"
      }
    },
    availableOnRoad: { on: { DISPATCH: "enRoute", REACH_STATION: "inStation", OUT_OF_SERVICE: "outOfService" } },
    outOfService: {
      on: {
        BACK_IN_SERVICE: [{ guard: "atStation", target: "inStation" }, { target: "availableOnRoad" }]
      }
    }
  }
});
function unitEventKey(e) {
  if (e.type === "DISPATCH") return e.returningDispatchable ? "DISPATCH+r" : "DISPATCH";
  if (e.type === "BACK_IN_SERVICE") return e.atStation ? "BACK_IN_SERVICE+s" : "BACK_IN_SERVICE";
  return e.type;
}
__name(unitEventKey, "unitEventKey");

// server/engine/kernel/machines/incident-machine.ts
import { assign, setup as setup2 } from "xstate";
var incidentMachine = setup2({
  types: { context: {}, events: {} },
  guards: {
    gradeIsHigher: /* @__PURE__ */ __name(({ context, event }) => event.type === "RAISE_GRADE" && event.grade > context.grade, "gradeIsHigher")
  },
  actions: {
    setGrade: assign({ grade: /* @__PURE__ */ __name(({ context, event }) => event.type === "GRADE" || event.type === "RAISE_GRADE" ? event.grade : context.grade, "grade") })
  }
}).createMachine({
  id: "incident",
  initial: "callReceived",
  context: { grade: 0 },
  states: {
    callReceived: { on: { TRIAGE: "triaged", CANCEL: "cancelled", FALSE_ALARM: "falseAlarm" } },
    triaged: { on: { GRADE: { target: "graded", actions: "setGrade" }, CANCEL: "cancelled", FALSE_ALARM: "falseAlarm" } },
    graded: {
      on: {
        DISPATCH: "dispatching",
        RAISE_GRADE: { guard: "gradeIsHigher", actions: "setGrade" },
        CANCEL: "cancelled",
        FALSE_ALARM: "falseAlarm"
      }
    },
    dispatching: {
      on: {
        DISPATCH: {},
        UNIT_EN_ROUTE: "unitsEnRoute",
        UNITS_WITHDRAWN: "graded",
        RAISE_GRADE: { guard: "gradeIsHigher", actions: "setGrade" },
        CANCEL: "cancelled",
        FALSE_ALARM: "falseAlarm"
      }
    },
    unitsEnRoute: {
      on: {
        DISPATCH: {},
        UNIT_EN_ROUTE: {},
        UNIT_ARRIVED: "onScene",
        UNITS_WITHDRAWN: "graded",
        RAISE_GRADE: { guard: "gradeIsHigher", actions: "setGrade" },
        CANCEL: "cancelled",
        FALSE_ALARM: "falseAlarm"
      }
    },
    onScene: {
      on: {
        DISPATCH: {},
        UNIT_EN_ROUTE: {},
        UNIT_ARRIVED: {},
        UNITS_WITHDRAWN: "graded",
        CONTROLLED: "underControl",
        RAISE_GRADE: { guard: "gradeIsHigher", actions: "setGrade" },
        FALSE_ALARM: "falseAlarm"
      }
    },
    underControl: {
      on: { UNIT_EN_ROUTE: {}, UNIT_ARRIVED: {}, CLOSE: "closed" }
    },
    closed: { type: "final" },
    cancelled: { type: "final" },
    falseAlarm: { type: "final" }
  }
});
function incidentEventKey(e) {
  return e.type === "GRADE" || e.type === "RAISE_GRADE" ? `${e.type}:${e.grade}` : e.type;
}
__name(incidentEventKey, "incidentEventKey");

// server/engine/kernel/world-index.ts
var FLOW_CAPABILITIES = /* @__PURE__ */ new Set(["water", "foam", "forest", "long-distance-water"]);
function unitInfos(station, types, jurisdictions) {
  const jk = jurisdictions.get(station.jurisdictionId)?.kind;
  const echelon = jk === "neighbour" ? 2 : jk === "province" ? 3 : 1;
  return station.units.map((spec) => {
    const type = types.get(spec.type);
    if (!type) throw new Error(`unit ${spec.id} of station ${station.id} has unknown type ${spec.type}`);
    const specialistFor = /* @__PURE__ */ new Set();
    for (const c of type.capabilities) if (type.specialist || station.specialties.includes(c)) specialistFor.add(c);
    return { id: spec.id, n: -1, station, stationTier: KIND_TIER[station.kind], type, echelon, isMicro: station.kind === "micro", specialistFor };
  });
}
__name(unitInfos, "unitInfos");
function addStationToIndex(index, station) {
  if (index.stations.has(station.id)) throw new Error(`station ${station.id} is already in the world`);
  const types = new Map(index.world.unitTypes.unitTypes.map((t) => [t.code, t]));
  const infos = unitInfos(station, types, index.jurisdictions);
  for (const info of infos) if (index.units.has(info.id)) throw new Error(`unit ${info.id} is already in the world`);
  index.stations.set(station.id, station);
  for (const info of infos) {
    info.n = index.unitIds.length;
    index.unitIds.push(info.id);
    index.units.set(info.id, info);
    if (info.isMicro) index.microUnits.push(info);
    for (const c of info.type.capabilities) {
      let list = index.unitsWith.get(c);
      if (!list) index.unitsWith.set(c, list = []);
      const at = list.findIndex((u) => u.id > info.id);
      list.splice(at < 0 ? list.length : at, 0, info);
    }
  }
  index.unitsAt.set(station.id, infos);
  return infos;
}
__name(addStationToIndex, "addStationToIndex");
function indexWorld(world2) {
  const types = new Map(world2.unitTypes.unitTypes.map((t) => [t.code, t]));
  const jurisdictions = new Map(world2.region.jurisdictions.map((j) => [j.id, j]));
  const stations = new Map(world2.region.stations.map((s) => [s.id, s]));
  const units = /* @__PURE__ */ new Map();
  const unitsWith = /* @__PURE__ */ new Map();
  for (const station of world2.region.stations) {
    for (const info of unitInfos(station, types, jurisdictions)) {
      units.set(info.id, info);
      for (const c of info.type.capabilities) {
        let list = unitsWith.get(c);
        if (!list) unitsWith.set(c, list = []);
        list.push(info);
      }
    }
  }
  const unitIds = [...units.keys()].sort();
  unitIds.forEach((id, n) => {
    units.get(id).n = n;
  });
  for (const list of unitsWith.values()) list.sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    world: world2,
    region: indexRegion(world2.region),
    stations,
    jurisdictions,
    units,
    unitIds,
    microUnits: unitIds.map((id) => units.get(id)).filter((u) => u.isMicro),
    unitsAt: new Map(world2.region.stations.map((s) => [s.id, s.units.map((spec) => units.get(spec.id))])),
    unitsWith,
    card(type, grade) {
      const c = world2.runCards.cards[type]?.[String(grade)];
      if (!c) throw new Error(`no run card for ${type} grade ${grade}`);
      return c;
    },
    model(type) {
      const m = world2.models.models[type];
      if (!m) throw new Error(`no incident model for ${type}`);
      return m;
    },
    output(unit, capability) {
      if (!unit.type.capabilities.includes(capability)) return 0;
      return FLOW_CAPABILITIES.has(capability) ? unit.type.flowLpm : 1;
    }
  };
}
__name(indexWorld, "indexWorld");

// server/engine/kernel/state.ts
var unitStatus = /* @__PURE__ */ __name((u) => u.snap.value, "unitStatus");
var MOVING = /* @__PURE__ */ new Set(["enRoute", "returning", "availableOnRoad"]);
var incidentStatus = /* @__PURE__ */ __name((i) => i.snap.value, "incidentStatus");
var incidentGrade = /* @__PURE__ */ __name((i) => i.snap.context.grade, "incidentGrade");
var isFinal = /* @__PURE__ */ __name((i) => {
  const s = incidentStatus(i);
  return s === "closed" || s === "cancelled" || s === "falseAlarm";
}, "isFinal");
var OPEN_FOR_DISPATCH = /* @__PURE__ */ new Set(["graded", "dispatching", "unitsEnRoute", "onScene"]);
var round1 = /* @__PURE__ */ __name((x) => Math.round(x * 10) / 10, "round1");
function leaveIncident(inc, unitId) {
  const ids = inc.units;
  for (let i = ids.length - 1; i >= 0; i--) if (ids[i] === unitId) ids.splice(i, 1);
}
__name(leaveIncident, "leaveIncident");

// server/engine/kernel/ended-incidents.ts
var PREFIX = "INC-";
function numberOf(id) {
  if (!id.startsWith(PREFIX)) return -1;
  const digits = id.slice(PREFIX.length);
  const n = Number(digits);
  return Number.isSafeInteger(n) && n >= 0 && digits === String(n).padStart(5, "0") ? n : -1;
}
__name(numberOf, "numberOf");
var EndedIncidents = class {
  static {
    __name(this, "EndedIncidents");
  }
  /** By incident number: the record's machine state (undefined: no ended record of that number). */
  snaps = [];
  trueTypes = [];
  locations = [];
  ids = [];
  others = /* @__PURE__ */ new Map();
  count = 0;
  get size() {
    return this.count + this.others.size;
  }
  has(id) {
    const n = numberOf(id);
    return n < 0 ? this.others.has(id) : this.snaps[n] !== void 0;
  }
  get(id) {
    const n = numberOf(id);
    if (n < 0) return this.others.get(id);
    const snap2 = this.snaps[n];
    return snap2 === void 0 ? void 0 : { id, snap: snap2, trueType: this.trueTypes[n], location: this.locations[n] };
  }
  set(id, record) {
    const n = numberOf(id);
    if (n < 0) {
      this.others.set(id, record);
      return this;
    }
    if (this.snaps[n] === void 0) this.count++;
    this.snaps[n] = record.snap;
    this.trueTypes[n] = record.trueType;
    this.locations[n] = record.location;
    this.ids[n] = id;
    return this;
  }
  clear() {
    this.snaps.length = 0;
    this.trueTypes.length = 0;
    this.locations.length = 0;
    this.ids.length = 0;
    this.others.clear();
    this.count = 0;
  }
  /** The ids of the records: the engine's own in number order, then any others in insertion order. */
  *keys() {
    for (let n = 0; n < this.ids.length; n++) if (this.snaps[n] !== void 0) yield this.ids[n];
    yield* this.others.keys();
  }
};

// server/engine/kernel/happenings.ts
var IGNORE_HAPPENINGS = {
  unitFreed: /* @__PURE__ */ __name(() => {
  }, "unitFreed"),
  trueGradeRose: /* @__PURE__ */ __name(() => {
  }, "trueGradeRose"),
  capacityReturned: /* @__PURE__ */ __name(() => {
  }, "capacityReturned"),
  callReceived: /* @__PURE__ */ __name(() => {
  }, "callReceived"),
  incidentEnded: /* @__PURE__ */ __name(() => {
  }, "incidentEnded"),
  rescueDone: /* @__PURE__ */ __name(() => {
  }, "rescueDone"),
  eventEmitted: /* @__PURE__ */ __name(() => {
  }, "eventEmitted")
};

// shared/commands.ts
import { z as z20 } from "zod";
var ClosureAreaSchema = z20.discriminatedUnion("kind", [
  z20.object({ kind: z20.literal("segment"), from: LatLonSchema, to: LatLonSchema }),
  z20.object({ kind: z20.literal("circle"), center: LatLonSchema, radiusM: z20.number().positive().max(5e4) }),
  z20.object({ kind: z20.literal("polygon"), ring: z20.array(LatLonSchema).min(3).max(500) })
]);
var Id4 = z20.string().min(1).max(100);
var COMMAND_LIMITS = {
  /** People trapped a call may claim (a large collapse is tens; the largest modelled incidents are hundreds). */
  trapped: 500,
  /** Largest size in any incident model's unit (m², ha, vehicles…) is 6,000; ten times that. */
  size: 6e4,
  /** Caller's words, notes and reasons. */
  text: 2e3,
  unitsPerDispatch: 200,
  needs: 50,
  vehiclesPerNeed: 100,
  /** A timed outage or closure: at most a week of sim time. */
  durationMs: 7 * 864e5
};
var Text = z20.string().max(COMMAND_LIMITS.text);
var CommandIdSchema = z20.string().min(8).max(64).regex(/^[A-Za-z0-9_.:-]+$/, "letters, digits and _ . : - only");
var meta = { commandId: CommandIdSchema.optional() };
var CommandSchema = z20.discriminatedUnion("type", [
  z20.object({
    type: z20.literal("RECEIVE_CALL"),
    location: LatLonSchema,
    incidentType: IncidentTypeSchema,
    description: Text.default(""),
    size: z20.number().positive().max(COMMAND_LIMITS.size).optional(),
    trapped: z20.number().int().min(0).max(COMMAND_LIMITS.trapped).optional(),
    reportedGrade: GradeSchema.optional(),
    ...meta
  }),
  z20.object({ type: z20.literal("TRIAGE_CALL"), incidentId: Id4, incidentType: IncidentTypeSchema, location: LatLonSchema.optional(), grade: GradeSchema.optional(), ...meta }),
  z20.object({ type: z20.literal("GRADE_INCIDENT"), incidentId: Id4, grade: GradeSchema, ...meta }),
  z20.object({ type: z20.literal("DISPATCH_UNITS"), incidentId: Id4, unitIds: z20.array(Id4).min(1).max(COMMAND_LIMITS.unitsPerDispatch), ...meta }),
  z20.object({ type: z20.literal("DISPATCH_RECOMMENDED"), incidentId: Id4, ...meta }),
  z20.object({ type: z20.literal("RELEASE_UNIT"), unitId: Id4, ...meta }),
  z20.object({ type: z20.literal("RAISE_GRADE"), incidentId: Id4, grade: GradeSchema, reason: Text.default(""), ...meta }),
  z20.object({
    type: z20.literal("REQUEST_REINFORCEMENT"),
    incidentId: Id4,
    needs: z20.array(z20.object({ capability: CapabilitySchema, vehicles: z20.number().int().min(1).max(COMMAND_LIMITS.vehiclesPerNeed) })).max(COMMAND_LIMITS.needs).default([]),
    ...meta
  }),
  z20.object({ type: z20.literal("SET_UNIT_OUT_OF_SERVICE"), unitId: Id4, reason: Text.default(""), ...meta }),
  z20.object({ type: z20.literal("SET_UNIT_IN_SERVICE"), unitId: Id4, ...meta }),
  z20.object({ type: z20.literal("CANCEL_INCIDENT"), incidentId: Id4, reason: z20.enum(["cancelled-by-caller", "duplicate", "false-alarm"]), ...meta }),
  z20.object({ type: z20.literal("CLOSE_INCIDENT"), incidentId: Id4, ...meta }),
  z20.object({ type: z20.literal("SET_MODE"), mode: z20.enum(MODES), ...meta }),
  z20.object({
    type: z20.literal("CLOSE_ROAD"),
    area: ClosureAreaSchema,
    reason: z20.enum(CLOSURE_REASONS).default("other"),
    note: Text.default(""),
    closureId: Id4.optional(),
    /** The roads reopen by themselves after this long (sim ms; ROAD_REOPENED by 'system'); without, they stay closed until reopened. */
    durationMs: z20.number().int().positive().max(COMMAND_LIMITS.durationMs).optional(),
    ...meta
  }),
  z20.object({ type: z20.literal("REOPEN_ROAD"), closureId: Id4, ...meta }),
  z20.object({
    type: z20.literal("SET_COMMS_OUTAGE"),
    stationId: Id4,
    on: z20.boolean(),
    note: Text.default(""),
    /** With `on`: the outage ends by itself after this long (sim ms); without, it lasts until restored. */
    durationMs: z20.number().int().positive().max(COMMAND_LIMITS.durationMs).optional(),
    /** With `on`: the units' status reports meanwhile reach the centre when contact returns (delayed, the default) or are lost. */
    reports: z20.enum(COMMS_REPORTS).optional(),
    ...meta
  }),
  z20.object({ type: z20.literal("FIRE_INJECT"), injectId: Id4, ...meta }),
  z20.object({ type: z20.literal("SKIP_INJECT"), injectId: Id4, ...meta }),
  /** Moves every pending timed inject later by `byMs` (the rest of the exercise, keeping the spacing). */
  z20.object({ type: z20.literal("POSTPONE_INJECTS"), byMs: z20.number().int().positive().max(7 * 864e5), ...meta }),
  /** A new inject written during the drill, in the scenario language (shared/schemas/scenario.ts); `at` is an offset from the start. */
  z20.object({ type: z20.literal("ADD_INJECT"), inject: z20.record(z20.string(), z20.unknown()), ...meta }),
  z20.object({ type: z20.literal("ORDER_EVACUATION"), incidentId: Id4.optional(), area: ClosureAreaSchema.optional(), note: Text.default(""), ...meta }),
  /** Evacuate the people of an area (a hazard drill): done after a time from its population and the crews there (AREA_EVACUATED). */
  z20.object({ type: z20.literal("EVACUATE_AREA"), area: ClosureAreaSchema, note: Text.default(""), ...meta })
]);
var CONTROL_ROLES = ["controller", "scenario", "system"];

// server/engine/kernel/model.ts
var refuse = /* @__PURE__ */ __name((code, message) => ({ code, message }), "refuse");
var isRefusal = /* @__PURE__ */ __name((x) => typeof x === "object" && x !== null && "code" in x && "message" in x, "isRefusal");
function controllerOnly(type, by) {
  if (CONTROL_ROLES.includes(by.role)) return void 0;
  return refuse("forbidden", `${type} is the exercise controller's (\u5BFC\u8C03) command; a ${by.role} may not give it`);
}
__name(controllerOnly, "controllerOnly");
var ModelRegistry = class {
  constructor(sim) {
    this.sim = sim;
  }
  sim;
  static {
    __name(this, "ModelRegistry");
  }
  entries = /* @__PURE__ */ new Map();
  cutters = [];
  awaiters = [];
  needers = [];
  crewers = [];
  slowers = [];
  approachers = [];
  /**
   * The reactions to each happening, in registration order, gathered once: `eventEmitted` runs for
   * every event of the log (~700,000 a metropolitan year), so it must not look the reaction up in
   * every model or allocate an iterator and an argument array each time.
   */
  reactors = /* @__PURE__ */ new Map();
  emittedReactors = [];
  register(model) {
    if (this.entries.has(model.id)) throw new Error(`engine model ${model.id} is registered twice`);
    const sim = this.sim;
    const entry = { model, state: model.initialState() };
    entry.ctx = {
      sim,
      get state() {
        return entry.state;
      },
      schedule: /* @__PURE__ */ __name((at, name) => sim.schedule(at, { kind: "model", model: model.id, name }), "schedule")
    };
    this.entries.set(model.id, entry);
    if (model.cutsStation) this.cutters.push(entry);
    if (model.awaitedTeam) this.awaiters.push(entry);
    if (model.extraNeeds) this.needers.push(entry);
    if (model.crewOf) this.crewers.push(entry);
    if (model.callHandlingFactor) this.slowers.push(entry);
    if (model.approachPoint) this.approachers.push(entry);
    for (const [name, reaction] of Object.entries(model.reactions ?? {})) {
      if (!reaction) continue;
      let list = this.reactors.get(name);
      if (!list) this.reactors.set(name, list = []);
      list.push({ ctx: entry.ctx, reaction });
    }
    this.emittedReactors = this.reactors.get("eventEmitted") ?? [];
  }
  ids() {
    return [...this.entries.keys()];
  }
  /** The state of a model by id (for views); undefined when no such model is registered. */
  stateOf(id) {
    return this.entries.get(id)?.state;
  }
  /** Every model's state, in registration order (canonical state and snapshots). */
  states() {
    return [...this.entries].map(([id, e]) => [id, e.state]);
  }
  /** Replaces a model's state (restore). */
  setState(id, state) {
    const e = this.entries.get(id);
    if (!e) throw new Error(`engine model ${id} is not registered`);
    e.state = state;
  }
  start() {
    for (const e of this.entries.values()) e.model.start?.(e.ctx);
  }
  fire(model, name) {
    const e = this.entries.get(model);
    if (!e?.model.onTimer) throw new Error(`timer ${name} of engine model ${model}, which is not registered or has no timers`);
    e.model.onTimer(e.ctx, name);
  }
  /** The handler a model registered for this command type, bound to its context. */
  commandHandler(type) {
    for (const e of this.entries.values()) {
      const h = e.model.commands?.[type];
      if (h) return (cmd, by) => h(e.ctx, cmd, by);
    }
    return void 0;
  }
  /** Calls every model's reaction to a happening, in registration order. */
  react(name, ...args) {
    const list = this.reactors.get(name);
    if (list) for (const r of list) r.reaction(r.ctx, ...args);
  }
  /** react('eventEmitted', event) without the generic path's argument array (it runs for every event). */
  eventEmitted(event) {
    const list = this.emittedReactors;
    for (let i = 0; i < list.length; i++) list[i].reaction(list[i].ctx, event);
  }
  /** The needs every model adds to an incident now (none: undefined), reasons joined. */
  extraNeeds(incident) {
    let out;
    for (const e of this.needers) {
      const x = e.model.extraNeeds(e.state, incident);
      if (!x) continue;
      out = out ? { needs: [...out.needs, ...x.needs], reason: `${out.reason}; ${x.reason}` } : x;
    }
    return out;
  }
  /** The unit's crew when a model changed it (the first model that knows), else undefined: its type's. */
  crewOf(unitId) {
    for (const e of this.crewers) {
      const c = e.model.crewOf(e.state, unitId);
      if (c !== void 0) return c;
    }
    return void 0;
  }
  /** How many times longer call handling takes now (the product over the models); 1 when none slows it. */
  callHandlingFactor() {
    let f = 1;
    for (const e of this.slowers) f *= e.model.callHandlingFactor(e.state);
    return f;
  }
  /** Where a unit of these capabilities sent to `to` goes instead (the first model that says), or `to`. */
  approachPoint(capabilities, to) {
    for (const e of this.approachers) {
      const p = e.model.approachPoint(e.state, capabilities, to);
      if (p) return p;
    }
    return to;
  }
  cutsStation(stationId) {
    for (const e of this.cutters) if (e.model.cutsStation(e.state, stationId)) return true;
    return false;
  }
  awaitedTeam(stationId) {
    for (const e of this.awaiters) {
      const team2 = e.model.awaitedTeam(e.state, stationId);
      if (team2) return team2;
    }
    return void 0;
  }
};

// server/engine/kernel/simulation.ts
var UNIT_REPORTS = new Set(UNIT_REPORT_TYPES);
var unitStepper = memoStepper(unitMachine, unitEventKey);
var incidentStepper = memoStepper(incidentMachine, incidentEventKey);
function newUnitState(info, position) {
  return { info, snap: unitStepper.initial, position, timerVersion: 0 };
}
__name(newUnitState, "newUnitState");
var Simulation = class {
  constructor(index, baseTravel, seed, mode, endsAt, startLocalMs) {
    this.index = index;
    this.baseTravel = baseTravel;
    this.seed = seed;
    this.endsAt = endsAt;
    this.startLocalMs = startLocalMs;
    this.mode = mode;
    this.travel = baseTravel;
    this.models = new ModelRegistry(this);
    for (const id of index.unitIds) {
      const info = index.units.get(id);
      const u = newUnitState(info, info.station.location);
      this.units.set(id, u);
      this.unitsByN[info.n] = u;
    }
  }
  index;
  baseTravel;
  seed;
  endsAt;
  startLocalMs;
  static {
    __name(this, "Simulation");
  }
  now = 0;
  seq = 0;
  mode;
  ended = false;
  /**
   * Long-lived PRNG streams by purpose (kernel/rng.ts STREAM), created on first use from (seed,
   * purpose); their states are part of the engine state and of snapshots.
   */
  streams = /* @__PURE__ */ new Map();
  queue = new EventQueue();
  units = /* @__PURE__ */ new Map();
  /**
   * The same units by their dense number (UnitInfo.n): the hot paths (a recommendation looks at
   * ~70 units, retireEnded at all of them every step) index an array instead of hashing ids.
   */
  unitsByN = [];
  /** Incidents open, and ended ones still referred to (by a unit, a timer, the waiting list). */
  incidents = /* @__PURE__ */ new Map();
  /** Ended incidents nothing refers to any more, compactly (retireEnded moves them here). */
  endedIncidents = new EndedIncidents();
  /** Timers on the queue naming each incident (an ended incident leaves only when none is left). */
  incidentTimers = /* @__PURE__ */ new Map();
  /** Calls received so far (the number in the last incident id); part of a snapshot. */
  incidentCounter = 0;
  /** Auto mode: incidents whose run card is not met yet, with what is missing (oldest first). */
  waiting = /* @__PURE__ */ new Map();
  /** Road closures in force, in the order they were made (their edges are closed in `travel`). */
  closures = /* @__PURE__ */ new Map();
  closureCounter = 0;
  /** The travel model in force: the base model with the closed roads taken out. */
  travel;
  /** Models that change the world over time (inject schedule, background calls, comms outages, hazards). */
  models;
  /** Upward calls from the domain modules, wired by the facade. */
  happen = IGNORE_HAPPENINGS;
  out = [];
  // ---- events and time -------------------------------------------------------------------------
  /**
   * Appends the event to the log, stamping its sequence number and sim time. The object handed in
   * is stamped in place (no copy: callers pass fresh literals); seq and t come last, as always.
   */
  emit(e) {
    const stamped = e;
    if (UNIT_REPORTS.has(e.type) && this.models.cutsStation(this.units.get(e.unitId).info.station.id)) stamped.unreported = true;
    stamped.seq = ++this.seq;
    stamped.t = this.now;
    this.out.push(stamped);
    this.happen.eventEmitted(stamped);
  }
  drain() {
    const o = this.out;
    this.out = [];
    return o;
  }
  schedule(at, timer) {
    this.queue.push(Math.max(at, this.now), timer);
    if ("incidentId" in timer) this.incidentTimers.set(timer.incidentId, (this.incidentTimers.get(timer.incidentId) ?? 0) + 1);
  }
  /** Takes the next timer off the queue when it is due by `until`. */
  popDue(until) {
    const next = this.queue.peek();
    if (!next || next.at > until) return void 0;
    this.queue.pop();
    const timer = next.payload;
    if ("incidentId" in timer) {
      const left = this.incidentTimers.get(timer.incidentId) - 1;
      if (left > 0) this.incidentTimers.set(timer.incidentId, left);
      else this.incidentTimers.delete(timer.incidentId);
    }
    return next;
  }
  /** Replaces the queue (engine restore) and counts the timers naming each incident again. */
  loadQueue(items2, nextOrder) {
    this.queue.load(items2, nextOrder);
    this.incidentTimers.clear();
    for (const { payload } of items2) if ("incidentId" in payload) this.incidentTimers.set(payload.incidentId, (this.incidentTimers.get(payload.incidentId) ?? 0) + 1);
  }
  isNight(t = this.now) {
    return isNightHour(localHourAt(this.startLocalMs, t), this.index.world.doctrine.night);
  }
  /** The long-lived stream of a purpose (e.g. background arrivals). */
  stream(purpose) {
    let r = this.streams.get(purpose);
    if (!r) this.streams.set(purpose, r = deriveRng(this.seed, purpose));
    return r;
  }
  /**
   * The stream of one purpose for one thing (an incident id): the same numbers whatever else the run
   * drew, so two configurations see the same calls with the same hidden truth. Derived afresh on
   * each call (use it within one step: it keeps no state).
   */
  streamFor(purpose, id) {
    return deriveRng(this.seed, purpose, id);
  }
  // ---- units -----------------------------------------------------------------------------------
  /**
   * A station that joins during the run (a reinforcements team written during a drill): its units
   * enter the world in station, after every unit already there (the order the state lists them).
   */
  addStation(station) {
    return addStationToIndex(this.index, station).map((info) => {
      const u = newUnitState(info, station.location);
      this.units.set(info.id, u);
      this.unitsByN[info.n] = u;
      return u;
    });
  }
  unitPosition(u, t = this.now) {
    return u.leg ? positionOnLeg(u.leg, t) : u.position;
  }
  stepUnit(u, e) {
    const r = unitStepper.step(u.snap, e);
    if (r.accepted) u.snap = r.next;
    return r.accepted;
  }
  /** The machine's DISPATCH event, carrying the doctrine's rule on returning units. */
  get dispatchEvent() {
    const returningDispatchable = this.index.world.doctrine.dispatch.returningDispatchable;
    if (this.dispatchEv?.returningDispatchable !== returningDispatchable) this.dispatchEv = { type: "DISPATCH", returningDispatchable };
    return this.dispatchEv;
  }
  dispatchEv;
  /** Orders can reach the station (no registered model cuts it off, e.g. a comms outage). */
  stationOrderable(stationId) {
    return !this.models.cutsStation(stationId);
  }
  /** The unit's state allows a dispatch and its station can be reached with the order. */
  canDispatchUnit(u) {
    return this.stationOrderable(u.info.station.id) && unitStepper.step(u.snap, this.dispatchEvent).accepted;
  }
  // ---- incidents -------------------------------------------------------------------------------
  stepIncident(inc, e) {
    const r = incidentStepper.step(inc.snap, e);
    if (r.accepted) inc.snap = r.next;
    return r.accepted;
  }
  canIncident(inc, e) {
    return incidentStepper.step(inc.snap, e).accepted;
  }
  /** An incident by id, open or ended (ended ones by their compact record). */
  knowsIncident(id) {
    return this.incidents.has(id) || this.endedIncidents.has(id);
  }
  /**
   * Moves ended incidents that nothing can refer to again out of the live state: final, not reported
   * cut off (a closure change would report it reachable), no timer on the queue naming it, not on the
   * waiting list, no unit assigned. Run after every engine step, so at every point between steps no
   * live incident is retirable: the live set is a function of the state, whatever the step sizes
   * (a replay and the live run agree at every command and snapshot).
   */
  retireEnded() {
    let candidates2;
    for (const inc of this.incidents.values()) {
      if (!isFinal(inc) || inc.cutOff || inc.units.length > 0 || this.incidentTimers.has(inc.id) || this.waiting.has(inc.id)) continue;
      (candidates2 ??= []).push(inc);
    }
    if (!candidates2) return;
    const units = this.unitsByN;
    for (let i = 0; i < units.length; i++) {
      const named = units[i].incidentId;
      if (named === void 0) continue;
      for (let c = 0; c < candidates2.length; c++) if (candidates2[c]?.id === named) candidates2[c] = void 0;
    }
    for (const inc of candidates2) {
      if (!inc) continue;
      this.incidents.delete(inc.id);
      this.endedIncidents.set(inc.id, { id: inc.id, snap: inc.snap, trueType: inc.trueType, location: inc.location });
    }
  }
  /** The id the next call will get. */
  peekIncidentId() {
    return `INC-${String(this.incidentCounter + 1).padStart(5, "0")}`;
  }
  /** Takes the id for a new call (the one peekIncidentId showed). */
  takeIncidentId() {
    const id = this.peekIncidentId();
    this.incidentCounter++;
    return id;
  }
};

// server/engine/kernel/great-circle-travel.ts
function greatCircleTravel(doctrine) {
  const mps = Object.fromEntries(Object.entries(doctrine.speedsKmh).map(([k, v]) => [k, v / 3.6]));
  const travel2 = /* @__PURE__ */ __name((from, to, speedClass) => {
    const distanceM = haversineM(from, to) * doctrine.detourFactor;
    return { seconds: distanceM / mps[speedClass], distanceM };
  }, "travel");
  return {
    travel: travel2,
    minSeconds: /* @__PURE__ */ __name((from, to, speedClass) => travel2(from, to, speedClass).seconds, "minSeconds"),
    route(from, to, speedClass) {
      const { seconds: seconds2, distanceM } = travel2(from, to, speedClass);
      return { seconds: seconds2, distanceM, path: [from, to], offsets: [0, seconds2] };
    }
  };
}
__name(greatCircleTravel, "greatCircleTravel");

// server/engine/kernel/sha256.ts
var K = new Uint32Array([
  1116352408,
  1899447441,
  3049323471,
  3921009573,
  961987163,
  1508970993,
  2453635748,
  2870763221,
  3624381080,
  310598401,
  607225278,
  1426881987,
  1925078388,
  2162078206,
  2614888103,
  3248222580,
  3835390401,
  4022224774,
  264347078,
  604807628,
  770255983,
  1249150122,
  1555081692,
  1996064986,
  2554220882,
  2821834349,
  2952996808,
  3210313671,
  3336571891,
  3584528711,
  113926993,
  338241895,
  666307205,
  773529912,
  1294757372,
  1396182291,
  1695183700,
  1986661051,
  2177026350,
  2456956037,
  2730485921,
  2820302411,
  3259730800,
  3345764771,
  3516065817,
  3600352804,
  4094571909,
  275423344,
  430227734,
  506948616,
  659060556,
  883997877,
  958139571,
  1322822218,
  1537002063,
  1747873779,
  1955562222,
  2024104815,
  2227730452,
  2361852424,
  2428436474,
  2756734187,
  3204031479,
  3329325298
]);
function sha256Hex(text) {
  const bytes = new TextEncoder().encode(text);
  const n = bytes.length;
  const total = Math.ceil((n + 9) / 64) * 64;
  const msg = new Uint8Array(total);
  msg.set(bytes);
  msg[n] = 128;
  const view = new DataView(msg.buffer);
  view.setUint32(total - 8, Math.floor(n / 536870912), false);
  view.setUint32(total - 4, n * 8 >>> 0, false);
  const h = new Uint32Array([1779033703, 3144134277, 1013904242, 2773480762, 1359893119, 2600822924, 528734635, 1541459225]);
  const w = new Uint32Array(64);
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + 4 * i, false);
    for (let i = 16; i < 64; i++) {
      const a2 = w[i - 15], b2 = w[i - 2];
      const s0 = (a2 >>> 7 | a2 << 25) ^ (a2 >>> 18 | a2 << 14) ^ a2 >>> 3;
      const s1 = (b2 >>> 17 | b2 << 15) ^ (b2 >>> 19 | b2 << 13) ^ b2 >>> 10;
      w[i] = w[i - 16] + s0 + w[i - 7] + s1 >>> 0;
    }
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = (e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7);
      const ch = e & f ^ ~e & g;
      const t1 = k + S1 + ch + K[i] + w[i] >>> 0;
      const S0 = (a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10);
      const maj = a & b ^ a & c ^ b & c;
      const t2 = S0 + maj >>> 0;
      k = g;
      g = f;
      f = e;
      e = d + t1 >>> 0;
      d = c;
      c = b;
      b = a;
      a = t1 + t2 >>> 0;
    }
    h[0] = h[0] + a >>> 0;
    h[1] = h[1] + b >>> 0;
    h[2] = h[2] + c >>> 0;
    h[3] = h[3] + d >>> 0;
    h[4] = h[4] + e >>> 0;
    h[5] = h[5] + f >>> 0;
    h[6] = h[6] + g >>> 0;
    h[7] = h[7] + k >>> 0;
  }
  let hex = "";
  for (const x of h) hex += x.toString(16).padStart(8, "0");
  return hex;
}
__name(sha256Hex, "sha256Hex");

// server/engine/kernel/sort-short.ts
function sortShort(a, before2) {
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && before2(a[j], x) > 0) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
  return a;
}
__name(sortShort, "sortShort");

// server/engine/domain/dispatch/needs.ts
function fits(u, need) {
  return !u.isMicro && u.type.capabilities.includes(need.capability) && need.tiers.includes(u.stationTier) && (need.minAerialM === void 0 || (u.type.aerialHeightM ?? 0) >= need.minAerialM);
}
__name(fits, "fits");
var isWater = /* @__PURE__ */ __name((u) => !u.isMicro && u.type.capabilities.includes("water"), "isWater");
function openNeeds(index, card) {
  return sortShort(
    card.needs.map((need, order) => ({ need, order, left: need.vehicles, scarcity: index.unitsWith.get(need.capability)?.length ?? 0 })),
    (a, b) => a.scarcity - b.scarcity || a.order - b.order
  );
}
__name(openNeeds, "openNeeds");
function fillFirstNeed(needs, u) {
  for (const n of needs) if (n.left > 0 && fits(u, n.need)) {
    n.left--;
    return;
  }
}
__name(fillFirstNeed, "fillFirstNeed");

// server/engine/domain/dispatch/echelons.ts
var noBests = /* @__PURE__ */ __name(() => ({ localEta: Infinity, specialistEta: Infinity, neighbourEta: Infinity, provinceEta: Infinity }), "noBests");
var fmtEta = /* @__PURE__ */ __name((s) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, "0")}`, "fmtEta");
var better = /* @__PURE__ */ __name((u, e, b, be) => !b || e < be || e === be && u.id < b.id, "better");
function offer(bests, u, e, isSpecialist) {
  if (u.echelon === 1) {
    if (better(u, e, bests.local, bests.localEta)) {
      bests.local = u;
      bests.localEta = e;
    }
    if (isSpecialist && better(u, e, bests.specialist, bests.specialistEta)) {
      bests.specialist = u;
      bests.specialistEta = e;
    }
  } else if (u.echelon === 2) {
    if (better(u, e, bests.neighbour, bests.neighbourEta)) {
      bests.neighbour = u;
      bests.neighbourEta = e;
    }
  } else if (better(u, e, bests.province, bests.provinceEta)) {
    bests.province = u;
    bests.provinceEta = e;
  }
}
__name(offer, "offer");
function etaToBeat(bests, u, isSpecialist) {
  if (u.echelon === 1) return Math.max(bests.localEta, isSpecialist ? bests.specialistEta : -Infinity);
  return u.echelon === 2 ? bests.neighbourEta : bests.provinceEta;
}
__name(etaToBeat, "etaToBeat");
function etaThatMatters(bests, u, isSpecialist, dispatch) {
  const beat = etaToBeat(bests, u, isSpecialist);
  if (u.echelon === 1) return beat;
  if (u.echelon === 2) {
    if (bests.local === void 0) return beat;
    return bests.localEta <= dispatch.localEtaLimitSeconds ? -Infinity : Math.min(beat, bests.localEta);
  }
  return bests.local !== void 0 || bests.neighbour !== void 0 ? -Infinity : beat;
}
__name(etaThatMatters, "etaThatMatters");
function pickByEchelon(bests, dispatch, cap) {
  const { local, localEta: le, specialist: spec, specialistEta: se, neighbour: neigh, neighbourEta: ne, province: prov, provinceEta: pe } = bests;
  if (local && (le <= dispatch.localEtaLimitSeconds || !neigh || ne >= le)) {
    if (spec && spec !== local && se <= le + dispatch.specialistToleranceSeconds) {
      return { unit: spec, eta: se, note: `specialist for ${cap} (\u4E13\u4E1A\u4F18\u5148), ETA ${fmtEta(se)} vs nearest ${fmtEta(le)}` };
    }
    return { unit: local, eta: le, note: `nearest available (ETA ${fmtEta(le)})` };
  }
  if (neigh) {
    const why = local ? `local units too far (nearest local ETA ${fmtEta(le)})` : "local units exhausted";
    return { unit: neigh, eta: ne, note: `neighbouring jurisdiction: ${why} (ETA ${fmtEta(ne)})` };
  }
  if (prov) return { unit: prov, eta: pe, note: `provincial reinforcement: local and neighbouring units exhausted (ETA ${fmtEta(pe)})` };
  return void 0;
}
__name(pickByEchelon, "pickByEchelon");

// server/engine/domain/dispatch/unit-search.ts
var UNAVAILABLE = 1;
var IN_STATION = 2;
var ON_ROAD = 3;
var BOUND_SLACK = 1 - 1e-9;
var searches = /* @__PURE__ */ new WeakMap();
var UnitSearch = class _UnitSearch {
  constructor(index) {
    this.index = index;
    const n = index.unitIds.length;
    this.size = n;
    const groups = /* @__PURE__ */ new Map();
    this.group = new Int32Array(n);
    for (const u of index.units.values()) {
      const key = `${u.station.id}\0${u.type.speedClass}`;
      let g = groups.get(key);
      if (g === void 0) groups.set(key, g = groups.size);
      this.group[u.n] = g;
    }
    this.stateAt = new Uint32Array(n);
    this.state = new Uint8Array(n);
    this.takenAt = new Uint32Array(n);
    this.etaAt = new Uint32Array(n);
    this.eta = new Float64Array(n);
    this.cutAt = new Uint32Array(n);
    this.skippedAt = new Uint32Array(n);
    this.roadSkippedAt = new Uint32Array(n);
    this.groupEtaAt = new Uint32Array(groups.size);
    this.groupEta = new Float64Array(groups.size);
    this.groupBoundAt = new Uint32Array(groups.size);
    this.groupBound = new Float64Array(groups.size);
    this.dispatch = index.world.doctrine.dispatch;
    this.echelonsOf = new EchelonCollector(this.dispatch);
    this.turnout = index.world.doctrine.turnoutSeconds;
  }
  index;
  static {
    __name(this, "UnitSearch");
  }
  stamp = 0;
  live;
  site = [0, 0];
  now = 0;
  shift = "day";
  dispatch;
  turnout;
  stateAt;
  state;
  takenAt;
  etaAt;
  eta;
  /** Units whose ETA is Infinity (no open road to the site) this call. */
  cutAt;
  /** Units in station skipped by their lower bound this call. */
  skippedAt;
  /**
   * Units on the road the bests alone would have asked for the whole drive (no bar yet for their
   * echelon), asked only within the bar that matters or not at all: the whole drive is what marks a
   * unit no road leads from, so the count of those (unreachable) asks for it then.
   */
  roadSkippedAt;
  /** Units in station with the same speed class share their ETA and its bound: group of each unit. */
  group;
  groupEtaAt;
  groupEta;
  groupBoundAt;
  groupBound;
  /**
   * Scratch of scan(): units of the pool on the road, and those in station whose ETA is not known yet.
   * Filled from the start by each scan, which counts its own entries; never emptied with `length = 0`,
   * which gives up an array's storage: growing it again on every scan made ~200 MB of garbage a
   * metropolitan year.
   */
  onRoad = [];
  unknown = [];
  /** Scratch of scan(): per kind of candidate, the unit (its place in `unknown`) with the smallest bound, and that bound. */
  seeds = new Int32Array(KINDS);
  seedBounds = new Float64Array(KINDS);
  /** The two ways of collecting a scan's candidates, made once (not two closures per pick). */
  nearestOf = new NearestCollector();
  echelonsOf;
  static of(index) {
    let s = searches.get(index);
    if (!s || s.size !== index.unitIds.length) searches.set(index, s = new _UnitSearch(index));
    return s;
  }
  /** Units the scratch arrays were sized for. */
  size;
  /** Pools already narrowed to the units that can ever fill a need (they depend on the world only). */
  pools = /* @__PURE__ */ new WeakMap();
  /**
   * The units of `pool` that pass `fit`, worked out once for `key` and kept: `key` must name both (a
   * run-card need names its capability's pool and the test of tier and height). Scans of a narrowed
   * pool skip the test for every unit of every pick.
   */
  narrowed(key, pool, fit) {
    let p = this.pools.get(key);
    if (!p) this.pools.set(key, p = pool.filter(fit));
    return p;
  }
  /** Starts a search for a site at sim time `now`: nothing taken, nothing known. */
  begin(live2, site, now, night) {
    this.stamp++;
    this.live = live2;
    this.site = site;
    this.now = now;
    this.shift = night ? "night" : "day";
    return this;
  }
  taken(u) {
    return this.takenAt[u.n] === this.stamp;
  }
  take(u) {
    this.takenAt[u.n] = this.stamp;
  }
  /** Whether the unit can take an order (its state allows a dispatch and its station is reachable), and where it is. */
  where(u) {
    if (this.stateAt[u.n] !== this.stamp) {
      const s = this.live.status(u.id);
      const available = (s === "inStation" || s === "availableOnRoad" || s === "returning" && this.dispatch.returningDispatchable) && this.live.orderable(u.id);
      this.state[u.n] = !available ? UNAVAILABLE : s === "inStation" ? IN_STATION : ON_ROAD;
      this.stateAt[u.n] = this.stamp;
    }
    return this.state[u.n];
  }
  /** Travel starts when the turnout ends: the ETA is the arrival time its leg will have. */
  etaOf(u) {
    if (this.etaAt[u.n] !== this.stamp) {
      const standing = this.where(u) === IN_STATION;
      const turnout = standing ? this.turnout[u.station.kind][this.shift] : 0;
      const g = this.group[u.n];
      let e;
      if (standing && this.groupEtaAt[g] === this.stamp) e = this.groupEta[g];
      else {
        e = turnout + this.live.travelSeconds(u.id, this.site, this.now + turnout * 1e3);
        if (standing) {
          this.groupEtaAt[g] = this.stamp;
          this.groupEta[g] = e;
        }
      }
      this.eta[u.n] = e;
      this.etaAt[u.n] = this.stamp;
      if (!Number.isFinite(e)) this.cutAt[u.n] = this.stamp;
    }
    return this.eta[u.n];
  }
  /** ETA of a unit in station if it can reach `limit` (ties included), else undefined (skipped by its bound). */
  stationEta(u, limit) {
    if (limit === Infinity || this.etaAt[u.n] === this.stamp) return this.etaOf(u);
    if (this.boundOf(u) > limit) {
      this.skippedAt[u.n] = this.stamp;
      return void 0;
    }
    return this.etaOf(u);
  }
  boundOf(u) {
    const g = this.group[u.n];
    if (this.groupBoundAt[g] !== this.stamp) {
      this.groupBound[g] = this.turnout[u.station.kind][this.shift] + this.live.minTravelSeconds(u.id, this.site) * BOUND_SLACK;
      this.groupBoundAt[g] = this.stamp;
    }
    return this.groupBound[g];
  }
  /**
   * ETA of a unit on the road if it can reach `limit` (ties included), else undefined. A bounded
   * answer is not remembered: with a later, larger limit the search goes further.
   */
  roadEta(u, limit, beat) {
    if (limit === Infinity || this.etaAt[u.n] === this.stamp) return this.etaOf(u);
    if (beat === Infinity) this.roadSkippedAt[u.n] = this.stamp;
    if (limit === -Infinity) return void 0;
    if (this.live.minTravelSeconds(u.id, this.site) > limit) return void 0;
    const e = this.live.travelSecondsWithin(u.id, this.site, this.now, limit);
    if (e === void 0) return void 0;
    this.eta[u.n] = e;
    this.etaAt[u.n] = this.stamp;
    return e;
  }
  /**
   * The units of the pool that pass `ok` and can take an order: those in station first (their ETAs
   * are table look-ups and set the bar), then those on the road (each needs a search from where it
   * is, stopped at the bar). Among those in station, the ETAs this call already knows go first: they
   * cost nothing and let the bound skip many of the others. `limit` gives the bar for a unit; `take`
   * hears each candidate that can reach it (in whatever order: the bests do not depend on it).
   */
  scan(pool, ok, c) {
    const { onRoad, unknown } = this;
    let roads = 0;
    let unknowns = 0;
    for (let i = 0; i < pool.length; i++) {
      const u = pool[i];
      if (this.taken(u) || !ok(u)) continue;
      const w = this.where(u);
      if (w === ON_ROAD) onRoad[roads++] = u;
      else if (w === IN_STATION) {
        if (this.etaAt[u.n] !== this.stamp) unknown[unknowns++] = u;
        else if (Number.isFinite(this.eta[u.n])) c.take(u, this.eta[u.n]);
      }
    }
    const seeds = this.seeds;
    seeds.fill(-1);
    const seedBounds = this.seedBounds;
    for (let i = 0; i < unknowns; i++) {
      const u = unknown[i];
      const k = c.kind(u);
      const b = this.boundOf(u);
      if (seeds[k] < 0 || b < seedBounds[k]) {
        seeds[k] = i;
        seedBounds[k] = b;
      }
    }
    for (let k = 0; k < KINDS; k++) {
      if (seeds[k] >= 0) this.offerStanding(unknown[seeds[k]], c);
    }
    for (let i = 0; i < unknowns; i++) {
      if (i === seeds[0] || i === seeds[1] || i === seeds[2] || i === seeds[3]) continue;
      this.offerStanding(unknown[i], c);
    }
    for (let i = 0; i < roads; i++) {
      const u = onRoad[i];
      const e = this.roadEta(u, c.limit(u), c.beat(u));
      if (e !== void 0 && Number.isFinite(e)) c.take(u, e);
    }
  }
  /** A unit in station whose ETA this call does not know yet, to the collector if it can reach its bar. */
  offerStanding(u, c) {
    const e = this.stationEta(u, c.limit(u));
    if (e !== void 0 && Number.isFinite(e)) c.take(u, e);
  }
  /** Nearest available unit of a pool that passes `ok`, regardless of echelon. */
  nearest(pool, ok) {
    const c = this.nearestOf.reset();
    this.scan(pool, ok, c);
    return c.best ? { unit: c.best, eta: c.bestEta, note: "" } : void 0;
  }
  /** One pick by the doctrine: local first (specialist for `cap` preferred), then neighbour, then province. */
  choose(pool, ok, cap) {
    const c = this.echelonsOf.reset(cap);
    this.scan(pool, ok, c);
    return pickByEchelon(c.bests, this.dispatch, cap);
  }
  /** Units of the pool, not taken and not a micro station's, that no open road leads from to the site (among those looked at). */
  unreachable(pool) {
    let cut = 0;
    for (const u of pool) {
      if (this.skippedAt[u.n] === this.stamp || this.roadSkippedAt[u.n] === this.stamp) this.etaOf(u);
      if (this.cutAt[u.n] === this.stamp && !this.taken(u) && !u.isMicro) cut++;
    }
    return cut;
  }
};
var KINDS = 4;
var NearestCollector = class {
  static {
    __name(this, "NearestCollector");
  }
  best;
  bestEta = Infinity;
  reset() {
    this.best = void 0;
    this.bestEta = Infinity;
    return this;
  }
  kind() {
    return 0;
  }
  limit() {
    return this.bestEta;
  }
  beat() {
    return this.bestEta;
  }
  take(u, e) {
    if (better(u, e, this.best, this.bestEta)) {
      this.best = u;
      this.bestEta = e;
    }
  }
};
var EchelonCollector = class {
  constructor(dispatch) {
    this.dispatch = dispatch;
  }
  dispatch;
  static {
    __name(this, "EchelonCollector");
  }
  /** Reused pick after pick (a Pick refers to units, never to this), all its fields set from the start. */
  bests = { ...noBests(), local: void 0, specialist: void 0, neighbour: void 0, province: void 0 };
  cap;
  reset(cap) {
    const b = this.bests;
    b.local = void 0;
    b.localEta = Infinity;
    b.specialist = void 0;
    b.specialistEta = Infinity;
    b.neighbour = void 0;
    b.neighbourEta = Infinity;
    b.province = void 0;
    b.provinceEta = Infinity;
    this.cap = cap;
    return this;
  }
  isSpecialist(u) {
    return u.echelon === 1 && this.cap !== void 0 && u.specialistFor.has(this.cap);
  }
  /** Local (0), local specialist (1), neighbouring jurisdiction (2), province (3). */
  kind(u) {
    return u.echelon === 1 ? this.isSpecialist(u) ? 1 : 0 : u.echelon;
  }
  limit(u) {
    return etaThatMatters(this.bests, u, this.isSpecialist(u), this.dispatch);
  }
  beat(u) {
    return etaToBeat(this.bests, u, this.isSpecialist(u));
  }
  take(u, e) {
    offer(this.bests, u, e, this.isSpecialist(u));
  }
};

// server/engine/domain/dispatch/recommend.ts
function recommendUnits(index, live2, input) {
  const draft = startDraft(index, live2, input);
  if (input.firstDispatch) {
    microFirst(draft);
    homeStations(draft);
  }
  fillNeeds(draft);
  if (input.firstDispatch) strengthen(draft);
  topUpMinimums(draft);
  noteUnreachable(draft);
  sortShort(draft.chosen, (a, b) => a.etaSec - b.etaSec || (a.unitId < b.unitId ? -1 : 1));
  return { incidentId: input.incidentId, grade: input.grade, units: draft.chosen, unmet: draft.unmet };
}
__name(recommendUnits, "recommendUnits");
function startDraft(index, live2, input) {
  const search = UnitSearch.of(index).begin(live2, input.location, input.now, input.night);
  const crewOf = /* @__PURE__ */ __name((u) => live2.crew?.(u.id) ?? u.type.crew, "crewOf");
  const draft = { index, input, search, needs: openNeeds(index, input.card), chosen: [], stationsIn: /* @__PURE__ */ new Set(), crew: 0, crewOf, unmet: [] };
  for (const id of input.assigned) {
    const u = index.units.get(id);
    if (!u) continue;
    search.take(u);
    draft.crew += crewOf(u);
    if (!u.isMicro) draft.stationsIn.add(u.station.id);
    if (input.countAssigned) fillFirstNeed(draft.needs, u);
  }
  return draft;
}
__name(startDraft, "startDraft");
function pick2(draft, p, need, note = p.note) {
  const { unit } = p;
  draft.search.take(unit);
  draft.crew += draft.crewOf(unit);
  if (!unit.isMicro) draft.stationsIn.add(unit.station.id);
  draft.chosen.push({ unitId: unit.id, stationId: unit.station.id, type: unit.type.code, etaSec: Math.round(p.eta), reason: { need, echelon: unit.echelon, note } });
}
__name(pick2, "pick");
function microFirst(draft) {
  const { index, input, search } = draft;
  if (!input.card.microFirst || input.assigned.some((id) => index.units.get(id)?.isMicro)) return;
  const radius = index.world.doctrine.dispatch.microCoverageRadiusM;
  const micro = search.nearest(index.microUnits, (u) => haversineM(u.station.location, input.location) <= radius);
  if (micro) pick2(draft, micro, "micro-first", `micro station ${micro.unit.station.id} covers the site (ETA ${fmtEta(micro.eta)})`);
}
__name(microFirst, "microFirst");
function homeStations(draft) {
  const { homeStationId: home, supervisingStationId: supervising } = draft.input;
  if (home) stationUnit(draft, home, "home-station", `home station ${home} always goes first`);
  if (supervising) stationUnit(draft, supervising, "supervising-station", `supervising station ${supervising} goes with the local team`);
}
__name(homeStations, "homeStations");
function stationUnit(draft, stationId, need, note) {
  if (draft.stationsIn.has(stationId)) return;
  const own = draft.index.unitsAt.get(stationId);
  if (!own) return;
  for (const n of draft.needs) {
    if (n.left <= 0) continue;
    const c2 = draft.search.nearest(own, (u) => fits(u, n.need));
    if (c2) {
      n.left--;
      pick2(draft, c2, need, `${note}; fills ${n.need.capability} (ETA ${fmtEta(c2.eta)})`);
      return;
    }
  }
  const c = draft.search.nearest(own, () => true);
  if (c) pick2(draft, c, need, `${note} (ETA ${fmtEta(c.eta)})`);
}
__name(stationUnit, "stationUnit");
function fillNeeds(draft) {
  const { index, input, search } = draft;
  for (const n of draft.needs) {
    const pool = search.narrowed(n.need, index.unitsWith.get(n.need.capability) ?? [], (u) => fits(u, n.need));
    while (n.left > 0) {
      const p = search.choose(pool, anyUnit, n.need.capability);
      if (!p) break;
      n.left--;
      const why = input.needReasons?.[n.need.capability];
      pick2(draft, p, n.need.capability, why ? `${why}; ${p.note}` : p.note);
    }
    if (n.left > 0) draft.unmet.push({ capability: n.need.capability, missing: n.left });
  }
}
__name(fillNeeds, "fillNeeds");
var anyUnit = /* @__PURE__ */ __name(() => true, "anyUnit");
var WATER_POOL = {};
var waterPool = /* @__PURE__ */ __name((draft) => draft.search.narrowed(WATER_POOL, draft.index.unitsWith.get("water") ?? [], isWater), "waterPool");
function strengthen(draft) {
  const { index, input, search } = draft;
  if (!input.card.needs.some((n) => n.capability === "water")) return;
  const rule = index.world.doctrine.dispatch.strengthen;
  let firstEta = Infinity;
  for (const c of draft.chosen) if (!index.units.get(c.unitId).isMicro) firstEta = Math.min(firstEta, c.etaSec);
  let extra = input.night ? rule.nightExtraWaterUnits : 0;
  if (firstEta > rule.distantEtaSeconds) extra += rule.distantExtraWaterUnits;
  for (let i = 0; i < extra; i++) {
    const p = search.choose(waterPool(draft), anyUnit, "water");
    if (!p) break;
    pick2(draft, p, "strengthen", `${input.night ? "night" : "distant site"}: first dispatch strengthened; ${p.note}`);
  }
}
__name(strengthen, "strengthen");
function topUpMinimums(draft) {
  const { input: { card }, search } = draft;
  const pool = waterPool(draft);
  while (draft.crew < card.minFirefighters) {
    const p = search.choose(pool, anyUnit, void 0);
    if (!p) {
      draft.unmet.push({ capability: "firefighters", missing: card.minFirefighters - draft.crew });
      break;
    }
    pick2(draft, p, "firefighters", `run card needs ${card.minFirefighters} firefighters; ${p.note}`);
  }
  while (draft.stationsIn.size < card.minStations) {
    const p = search.choose(pool, (u) => !draft.stationsIn.has(u.station.id), void 0);
    if (!p) {
      draft.unmet.push({ capability: "stations", missing: card.minStations - draft.stationsIn.size });
      break;
    }
    pick2(draft, p, "stations", `run card needs ${card.minStations} stations; ${p.note}`);
  }
}
__name(topUpMinimums, "topUpMinimums");
function noteUnreachable(draft) {
  for (const m of draft.unmet) {
    const capability = m.capability === "firefighters" || m.capability === "stations" ? "water" : m.capability;
    const cut = draft.search.unreachable(draft.index.unitsWith.get(capability) ?? []);
    if (cut > 0) m.note = `${cut} available unit${cut === 1 ? "" : "s"} with ${capability} cannot reach the site: roads closed`;
  }
}
__name(noteUnreachable, "noteUnreachable");

// server/engine/kernel/course.ts
var SIMPLIFY_M = 10;
var xs = new Float64Array(256);
var ys = new Float64Array(256);
var keep = new Uint8Array(256);
var stack = new Int32Array(512);
var lats = new Float64Array(256);
var lons = new Float64Array(256);
var ats = new Float64Array(256);
var simplified;
var simplifiedAt = 0;
function simplify(path5, toleranceM) {
  if (path5 === simplified && toleranceM === simplifiedAt) return;
  simplified = path5;
  simplifiedAt = toleranceM;
  const n = path5.length;
  if (xs.length < n) {
    const size = 2 ** Math.ceil(Math.log2(n));
    xs = new Float64Array(size);
    ys = new Float64Array(size);
    keep = new Uint8Array(size);
    stack = new Int32Array(2 * size);
    lats = new Float64Array(size);
    lons = new Float64Array(size);
    ats = new Float64Array(size);
  }
  const ky = 111195;
  const kx = ky * Math.cos(path5[0][0] * Math.PI / 180);
  for (let i = 0; i < n; i++) {
    const p = path5[i];
    xs[i] = p[1] * kx;
    ys[i] = p[0] * ky;
    keep[i] = 0;
  }
  keep[0] = 1;
  keep[n - 1] = 1;
  const tol2 = toleranceM * toleranceM;
  let top = 0;
  stack[top++] = 0;
  stack[top++] = n - 1;
  while (top > 0) {
    const b = stack[--top];
    const a = stack[--top];
    const ax = xs[a], ay = ys[a];
    const dx = xs[b] - ax;
    const dy = ys[b] - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = len2 > 0 ? tol2 * len2 : tol2;
    for (let i = a + 1; i < b; i++) {
      const px = xs[i] - ax, py = ys[i] - ay;
      const cross = dy * px - dx * py;
      const d = len2 > 0 ? cross * cross : px * px + py * py;
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack[top++] = a;
      stack[top++] = worst;
      stack[top++] = worst;
      stack[top++] = b;
    }
  }
}
__name(simplify, "simplify");
var arrivalOf = /* @__PURE__ */ __name((course, departAt) => departAt + Math.max(1e3, Math.round(course.seconds * 1e3)), "arrivalOf");
function legOf(course, from, to, departAt) {
  const arriveAt = arrivalOf(course, departAt);
  const distanceM = Math.round(course.distanceM);
  if (course.path.length <= 2) return { from, to, departAt, arriveAt, distanceM };
  simplify(course.path, SIMPLIFY_M);
  const { path: path5, offsets } = course;
  let count2 = 0;
  for (let i = 0; i < path5.length; i++) {
    if (!keep[i]) continue;
    const p = path5[i];
    const at = Math.min(arriveAt, departAt + Math.round(offsets[i] * 1e3));
    const lat = toTrackUnits(p[0]);
    const lon = toTrackUnits(p[1]);
    if (count2 > 0 && lats[count2 - 1] === lat && lons[count2 - 1] === lon) {
      ats[count2 - 1] = at;
      continue;
    }
    lats[count2] = lat;
    lons[count2] = lon;
    ats[count2++] = at;
  }
  if (count2 < 2) return { from, to, departAt, arriveAt, distanceM };
  ats[count2 - 1] = arriveAt;
  return { from, to, departAt, arriveAt, distanceM, track: encodeTrack(lats, lons, ats, count2, departAt) };
}
__name(legOf, "legOf");
function aheadOf(course, elapsedSec, here) {
  const from = course.roadFrom;
  if (from === void 0 || !course.edges) return { seconds: 0, distanceM: 0, path: [here], offsets: [0] };
  const lastNode = from + course.edges.length;
  let k = from;
  while (k <= lastNode && course.offsets[k] <= elapsedSec) k++;
  if (k > lastNode) return { seconds: 0, distanceM: 0, path: [here], offsets: [0] };
  const seconds2 = course.offsets[k] - elapsedSec;
  const prev = Math.max(0, k - 1);
  const span = course.offsets[k] - course.offsets[prev];
  const share = span > 0 ? seconds2 / span : 0;
  const stretchM = Math.abs(course.path[k][0] - course.path[prev][0]) * 111195 + Math.abs(course.path[k][1] - course.path[prev][1]) * 111195 * Math.cos(here[0] * Math.PI / 180);
  return { seconds: seconds2, distanceM: stretchM * share, path: [here, course.path[k]], offsets: [0, seconds2], edges: [], roadFrom: 1 };
}
__name(aheadOf, "aheadOf");
function joinCourses(lead, rest) {
  if (!Number.isFinite(rest.seconds)) return { seconds: Infinity, distanceM: Infinity, path: [lead.path[0]], offsets: [0] };
  if (lead.path.length <= 1) return rest;
  const shift = lead.seconds;
  const path5 = [...lead.path, ...rest.path.slice(1)];
  const offsets = [...lead.offsets, ...rest.offsets.slice(1).map((o) => o + shift)];
  const joined = { seconds: shift + rest.seconds, distanceM: lead.distanceM + rest.distanceM, path: path5, offsets };
  if (rest.edges && rest.roadFrom !== void 0) {
    joined.edges = rest.edges;
    joined.roadFrom = rest.roadFrom + lead.path.length - 1;
  }
  return joined;
}
__name(joinCourses, "joinCourses");
function* edgesAhead(course, elapsedSec) {
  if (!course.edges || course.roadFrom === void 0) return;
  for (let i = 0; i < course.edges.length; i++) {
    if (course.offsets[course.roadFrom + i + 1] > elapsedSec) yield course.edges[i];
  }
}
__name(edgesAhead, "edgesAhead");

// server/engine/kernel/unit-travel.ts
var exemptModels = /* @__PURE__ */ new WeakMap();
function travelFor(sim, u) {
  if (sim.closures.size === 0) return sim.travel;
  const caps = u.info.type.capabilities;
  const binding = [];
  let exempted = false;
  for (const c of sim.closures.values()) {
    if (c.exempt?.some((x) => caps.includes(x))) exempted = true;
    else binding.push(c);
  }
  if (!exempted) return sim.travel;
  if (binding.length === 0 || !sim.baseTravel.withClosedEdges) return sim.baseTravel;
  let models = exemptModels.get(sim);
  if (!models) exemptModels.set(sim, models = /* @__PURE__ */ new Map());
  const key = binding.map((c) => c.id).join(",");
  let m = models.get(key);
  if (!m) {
    const edges = /* @__PURE__ */ new Set();
    for (const c of binding) for (const e of c.edges) edges.add(e);
    m = sim.baseTravel.withClosedEdges(edges);
    models.set(key, m);
  }
  return m;
}
__name(travelFor, "travelFor");
function forgetUnitTravel(sim) {
  exemptModels.delete(sim);
}
__name(forgetUnitTravel, "forgetUnitTravel");

// server/engine/domain/driving.ts
function origin(sim, u) {
  const here = sim.unitPosition(u);
  if (!u.leg || !u.course || !MOVING.has(unitStatus(u))) return { lead: { seconds: 0, distanceM: 0, path: [here], offsets: [0] }, at: here };
  const lead = aheadOf(u.course, (sim.now - u.leg.departAt) / 1e3, here);
  return { lead, at: lead.path[lead.path.length - 1] };
}
__name(origin, "origin");
var driveSeconds = /* @__PURE__ */ __name((travel2, from, to, sc, t) => travel2.travelSeconds ? travel2.travelSeconds(from, to, sc, t) : travel2.travel(from, to, sc, t).seconds, "driveSeconds");
function travelSeconds(sim, u, to, t) {
  to = sim.models.approachPoint(u.info.type.capabilities, to);
  const travel2 = travelFor(sim, u);
  if (!u.leg) return driveSeconds(travel2, u.position, to, u.info.type.speedClass, t);
  const o = origin(sim, u);
  return o.lead.seconds + driveSeconds(travel2, o.at, to, u.info.type.speedClass, t);
}
__name(travelSeconds, "travelSeconds");
function travelSecondsWithin(sim, u, to, t, maxSeconds) {
  to = sim.models.approachPoint(u.info.type.capabilities, to);
  const within = travelFor(sim, u).travelWithin;
  if (!within) {
    const s = travelSeconds(sim, u, to, t);
    return s <= maxSeconds ? s : void 0;
  }
  if (!u.leg) return within(u.position, to, u.info.type.speedClass, t, maxSeconds);
  const o = origin(sim, u);
  const rest = within(o.at, to, u.info.type.speedClass, t, maxSeconds - o.lead.seconds);
  return rest === void 0 ? void 0 : o.lead.seconds + rest;
}
__name(travelSecondsWithin, "travelSecondsWithin");
function turnoutSeconds(sim, u) {
  return sim.index.world.doctrine.turnoutSeconds[u.info.station.kind][sim.isNight() ? "night" : "day"];
}
__name(turnoutSeconds, "turnoutSeconds");
function etaSeconds(sim, u, to) {
  const turnout = unitStatus(u) === "inStation" ? turnoutSeconds(sim, u) : 0;
  return turnout + travelSeconds(sim, u, to, sim.now + turnout * 1e3);
}
__name(etaSeconds, "etaSeconds");
function driveTo(sim, u, to, step) {
  if (step === "arrive") to = sim.models.approachPoint(u.info.type.capabilities, to);
  const o = origin(sim, u);
  u.position = sim.unitPosition(u);
  u.destination = { to, step };
  u.trafficAt = sim.now;
  const course = joinCourses(o.lead, travelFor(sim, u).route(o.at, to, u.info.type.speedClass, sim.now));
  return follow(sim, u, course);
}
__name(driveTo, "driveTo");
function follow(sim, u, course) {
  u.timerVersion++;
  if (!u.destination || !Number.isFinite(course.seconds)) {
    stopAt(u, u.position, true);
    return void 0;
  }
  const leg = legOf(course, u.position, u.destination.to, sim.now);
  u.leg = leg;
  u.course = course;
  sim.schedule(leg.arriveAt, { kind: "unit", unitId: u.info.id, version: u.timerVersion, step: u.destination.step });
  return leg;
}
__name(follow, "follow");
function stopAt(u, p, keepDest = false) {
  u.position = p;
  u.leg = void 0;
  u.course = void 0;
  if (!keepDest) {
    u.destination = void 0;
    u.trafficAt = void 0;
  }
}
__name(stopAt, "stopAt");
function standingLeg(sim, u) {
  return { from: u.position, to: u.position, departAt: sim.now, arriveAt: sim.now, distanceM: 0 };
}
__name(standingLeg, "standingLeg");
function reportStopped(sim, u) {
  sim.emit({ type: "PLACE_UNREACHABLE", location: u.destination?.to ?? u.position, unitId: u.info.id, ...u.incidentId && u.destination?.step === "arrive" ? { incidentId: u.incidentId } : {}, closureIds: [...sim.closures.keys()] });
}
__name(reportStopped, "reportStopped");
function setOff(sim, u, inc) {
  const leg = driveTo(sim, u, inc.location, "arrive");
  sim.emit({ type: "UNIT_EN_ROUTE", unitId: u.info.id, incidentId: inc.id, leg: leg ?? standingLeg(sim, u) });
  if (!leg) reportStopped(sim, u);
  sim.stepIncident(inc, { type: "UNIT_EN_ROUTE" });
}
__name(setOff, "setOff");

// server/engine/domain/evolution.ts
function gradeOf(model, size, trapped) {
  let g = 1;
  for (let k = 1; k < 5; k++) {
    if (size >= model.gradeBySize[k] && model.gradeBySize[k] > 0) g = Math.max(g, k + 1);
    if (trapped >= model.gradeByTrapped[k] && model.gradeByTrapped[k] > 0) g = Math.max(g, k + 1);
  }
  return g;
}
__name(gradeOf, "gradeOf");
function sizeAt(truth, model, t) {
  if (truth.growth <= 0) return truth.size;
  return Math.min(model.maxSize, truth.size * Math.exp(truth.growth * (t - truth.sizeAt) / MINUTE_MS));
}
__name(sizeAt, "sizeAt");
function trappedCount(truth) {
  let n = 0;
  for (const p of truth.people) if (p.status === "trapped") n++;
  return n;
}
__name(trappedCount, "trappedCount");
function newTruth(model, t, size, deadlines, unfounded) {
  const truth = {
    unfounded,
    size,
    sizeAt: t,
    growth: unfounded ? 0 : model.growthPerMin,
    output: 0,
    phase: "growing",
    progress: 0,
    progressAt: t,
    rate: 0,
    trueGrade: 1,
    people: deadlines.map((d) => ({ deadline: d, status: "trapped" }))
  };
  truth.trueGrade = gradeOf(model, size, deadlines.length);
  return truth;
}
__name(newTruth, "newTruth");
function reassess(truth, model, t, output) {
  if (truth.phase === "controlled" || truth.unfounded) return {};
  truth.size = sizeAt(truth, model, t);
  truth.sizeAt = t;
  truth.progress = Math.min(1, truth.progress + (t - truth.progressAt) * truth.rate);
  truth.progressAt = t;
  truth.output = output;
  const demand = model.demandPerSize * truth.size;
  const workMin = model.controlMinutes.base + model.controlMinutes.perSize * truth.size;
  if (output > 0 && output >= demand) {
    truth.phase = "controlling";
    truth.growth = 0;
    truth.rate = 1 / (workMin * MINUTE_MS * Math.min(1, Math.max(0.5, demand / output)));
    return { controlAt: t + Math.ceil((1 - truth.progress) / truth.rate) };
  }
  if (model.growthPerMin <= 0 || truth.size >= model.maxSize) {
    truth.growth = 0;
    if (output <= 0) {
      truth.phase = "growing";
      truth.rate = 0;
      return {};
    }
    truth.phase = "controlling";
    truth.rate = 1 / (workMin * MINUTE_MS * Math.min(4, demand / output));
    return { controlAt: t + Math.ceil((1 - truth.progress) / truth.rate) };
  }
  truth.phase = "growing";
  truth.progress = 0;
  truth.rate = 0;
  truth.growth = model.growthPerMin * (1 - output / demand);
  let target = Math.min(model.maxSize, truth.size * 1.5);
  for (const th of model.gradeBySize) if (th > truth.size && th < target) target = th;
  return { checkAt: t + Math.max(1e3, Math.ceil(Math.log(target / truth.size) / truth.growth * MINUTE_MS)) };
}
__name(reassess, "reassess");
function nextToRescue(truth) {
  let best = -1;
  truth.people.forEach((p, i) => {
    if (p.status === "trapped" && (best < 0 || p.deadline < truth.people[best].deadline)) best = i;
  });
  return best;
}
__name(nextToRescue, "nextToRescue");

// server/engine/domain/incident-progress.ts
function workingOutput(sim, inc) {
  const model = sim.index.model(inc.trueType);
  let output = 0;
  let rescuers = 0;
  for (const id of inc.units) {
    const u = sim.units.get(id);
    if (unitStatus(u) !== "working") continue;
    let best = 0;
    for (const c of model.primary) best = Math.max(best, sim.index.output(u.info, c));
    output += best;
    if (u.info.type.capabilities.includes(model.trapped.capability)) rescuers += crewShare(sim, u.info.id, u.info.type.crew);
  }
  return { output, rescuers };
}
__name(workingOutput, "workingOutput");
function crewShare(sim, unitId, typeCrew) {
  const crew = sim.models.crewOf(unitId);
  return crew === void 0 || typeCrew <= 0 ? 1 : Math.min(1, crew / typeCrew);
}
__name(crewShare, "crewShare");
function reassessIncident(sim, inc) {
  const final = isFinal(inc);
  const model = sim.index.model(inc.trueType);
  const { output, rescuers } = final ? { output: 0, rescuers: 0 } : workingOutput(sim, inc);
  if (rescuers !== inc.rescuers) {
    inc.rescuers = rescuers;
    inc.rescueTimerVersion++;
    scheduleRescue(sim, inc, model);
  }
  if (final || inc.truth.phase === "controlled") return;
  evolve(sim, inc, model, output);
}
__name(reassessIncident, "reassessIncident");
function scheduleRescue(sim, inc, model) {
  if (inc.rescuers > 0 && trappedCount(inc.truth) > 0) {
    sim.schedule(sim.now + Math.round(model.trapped.minutesPerPerson * MINUTE_MS / inc.rescuers), { kind: "rescue", incidentId: inc.id, version: inc.rescueTimerVersion });
  }
}
__name(scheduleRescue, "scheduleRescue");
function evolve(sim, inc, model, output) {
  const next = reassess(inc.truth, model, sim.now, output);
  inc.growthTimerVersion++;
  if (next.checkAt !== void 0) sim.schedule(next.checkAt, { kind: "evolve", incidentId: inc.id, version: inc.growthTimerVersion });
  if (next.controlAt !== void 0) sim.schedule(next.controlAt, { kind: "control", incidentId: inc.id, version: inc.growthTimerVersion });
}
__name(evolve, "evolve");
function onEvolve(sim, inc) {
  const model = sim.index.model(inc.trueType);
  const t = inc.truth;
  evolve(sim, inc, model, t.output);
  const g = gradeOf(model, t.size, trappedCount(t));
  if (g > t.trueGrade) {
    t.trueGrade = g;
    if (inc.sizedUp) {
      inc.knownSize = round1(t.size);
      sim.emit({ type: "INCIDENT_GREW", incidentId: inc.id, size: inc.knownSize, trueGrade: g });
      sim.happen.trueGradeRose(inc, g, `grew to ${inc.knownSize} ${model.sizeUnit}`);
    }
  }
}
__name(onEvolve, "onEvolve");
function onControl(sim, inc) {
  if (!sim.stepIncident(inc, { type: "CONTROLLED" })) return;
  const model = sim.index.model(inc.trueType);
  inc.truth.phase = "controlled";
  inc.knownSize = round1(inc.truth.size);
  sim.emit({ type: "INCIDENT_UNDER_CONTROL", incidentId: inc.id, size: inc.knownSize });
  inc.closeTimerVersion++;
  sim.schedule(sim.now + model.overhaulMinutes * MINUTE_MS, { kind: "close", incidentId: inc.id, version: inc.closeTimerVersion });
}
__name(onControl, "onControl");
function onRescue(sim, inc) {
  const i = nextToRescue(inc.truth);
  if (i < 0 || isFinal(inc) || inc.rescuers === 0) return;
  inc.truth.people[i].status = "rescued";
  inc.rescued++;
  const remaining = trappedCount(inc.truth);
  inc.knownTrapped = remaining;
  sim.emit({ type: "PERSON_RESCUED", incidentId: inc.id, remaining });
  scheduleRescue(sim, inc, sim.index.model(inc.trueType));
  if (remaining === 0) sim.happen.rescueDone(inc);
}
__name(onRescue, "onRescue");
function onDeath(sim, inc, person) {
  const p = inc.truth.people[person];
  if (!p || p.status !== "trapped") return;
  p.status = "dead";
  inc.dead++;
  inc.knownTrapped = trappedCount(inc.truth);
  sim.emit({ type: "PERSON_DIED", incidentId: inc.id, remaining: inc.knownTrapped });
  if (inc.knownTrapped === 0 && inc.sizedUp) sim.happen.rescueDone(inc);
}
__name(onDeath, "onDeath");

// server/engine/domain/assignment.ts
var liveOf = /* @__PURE__ */ new WeakMap();
function live(sim) {
  let l = liveOf.get(sim);
  if (!l) {
    l = {
      status: /* @__PURE__ */ __name((id) => unitStatus(sim.units.get(id)), "status"),
      orderable: /* @__PURE__ */ __name((id) => sim.stationOrderable(sim.units.get(id).info.station.id), "orderable"),
      travelSeconds: /* @__PURE__ */ __name((id, to, t) => travelSeconds(sim, sim.units.get(id), to, t), "travelSeconds"),
      travelSecondsWithin: /* @__PURE__ */ __name((id, to, t, maxSeconds) => travelSecondsWithin(sim, sim.units.get(id), to, t, maxSeconds), "travelSecondsWithin"),
      minTravelSeconds: /* @__PURE__ */ __name((id, to) => {
        const u = sim.units.get(id);
        return sim.travel.minSeconds?.(sim.unitPosition(u), to, u.info.type.speedClass) ?? 0;
      }, "minTravelSeconds"),
      crew: /* @__PURE__ */ __name((id) => sim.models.crewOf(id) ?? sim.units.get(id).info.type.crew, "crew")
    };
    liveOf.set(sim, l);
  }
  return l;
}
__name(live, "live");
function nobodyLeftToRescue(inc) {
  return inc.sizedUp && inc.knownTrapped === 0;
}
__name(nobodyLeftToRescue, "nobodyLeftToRescue");
function rescueOnly(sim, u) {
  const only = sim.index.world.doctrine.releaseWhenRescueDone;
  return u.info.type.capabilities.every((c) => only.includes(c));
}
__name(rescueOnly, "rescueOnly");
function recommend(sim, inc, reinforcement) {
  const grade = incidentGrade(inc) || inc.reportedGrade;
  const base = reinforcement?.card ?? sim.index.card(inc.type, grade);
  const extra = sim.models.extraNeeds(inc);
  const added = extra?.needs.filter((n) => !base.needs.some((b) => b.capability === n.capability && b.vehicles >= n.vehicles)) ?? [];
  const merged = added.length > 0 ? { ...base, needs: [...base.needs.filter((b) => !added.some((n) => n.capability === b.capability)), ...added] } : base;
  const rescueOnly2 = sim.index.world.doctrine.releaseWhenRescueDone;
  const card = nobodyLeftToRescue(inc) ? { ...merged, needs: merged.needs.filter((n) => !rescueOnly2.includes(n.capability)) } : merged;
  return recommendUnits(sim.index, live(sim), {
    now: sim.now,
    night: sim.isNight(),
    incidentId: inc.id,
    grade,
    location: inc.location,
    homeStationId: inc.homeStationId,
    supervisingStationId: inc.supervisingStationId,
    assigned: inc.units,
    countAssigned: reinforcement?.countAssigned ?? true,
    firstDispatch: !reinforcement && !inc.dispatchedOnce,
    card,
    ...added.length > 0 ? { needReasons: Object.fromEntries(added.map((n) => [n.capability, extra.reason])) } : {}
  });
}
__name(recommend, "recommend");
function dispatchUnits(sim, inc, recs, by) {
  for (const r of recs) {
    const u = sim.units.get(r.unitId);
    const fromStation = unitStatus(u) === "inStation";
    sim.stepUnit(u, sim.dispatchEvent);
    sim.stepIncident(inc, { type: "DISPATCH" });
    u.incidentId = inc.id;
    inc.units.push(u.info.id);
    inc.dispatchedOnce = true;
    sim.emit({ type: "UNIT_DISPATCHED", unitId: u.info.id, incidentId: inc.id, reason: r.reason, etaSec: r.etaSec, by });
    if (fromStation) {
      u.timerVersion++;
      sim.schedule(sim.now + turnoutSeconds(sim, u) * 1e3, { kind: "unit", unitId: u.info.id, version: u.timerVersion, step: "turnout" });
    } else {
      setOff(sim, u, inc);
    }
  }
}
__name(dispatchUnits, "dispatchUnits");
function dispatchRecommendation(sim, inc, rec, by) {
  dispatchUnits(sim, inc, rec.units, by);
  if (rec.unmet.length > 0) {
    sim.emit({ type: "DISPATCH_SHORTFALL", incidentId: inc.id, unmet: rec.unmet });
    if (sim.mode === "auto") sim.waiting.set(inc.id, rec.unmet);
  } else {
    sim.waiting.delete(inc.id);
  }
}
__name(dispatchRecommendation, "dispatchRecommendation");
function releaseUnit(sim, u, reason) {
  const inc = u.incidentId ? sim.incidents.get(u.incidentId) : void 0;
  const status = unitStatus(u);
  const wasWorking = status === "working";
  if (!sim.stepUnit(u, { type: "RELEASE" })) return;
  u.incidentId = void 0;
  if (inc) leaveIncident(inc, u.info.id);
  const why = status === "turningOut" || status === "enRoute" ? reason === "commander" ? "recalled" : reason : reason;
  sim.emit({ type: "UNIT_RELEASED", unitId: u.info.id, incidentId: inc?.id ?? "", reason: why });
  if (status === "turningOut") {
    u.timerVersion++;
    sim.emit({ type: "UNIT_IN_STATION", unitId: u.info.id });
  } else {
    const leg = driveTo(sim, u, u.info.station.location, "home");
    const available = unitStatus(u) === "availableOnRoad" || sim.index.world.doctrine.dispatch.returningDispatchable;
    sim.emit({ type: "UNIT_RETURNING", unitId: u.info.id, leg: leg ?? standingLeg(sim, u), available });
    if (!leg) reportStopped(sim, u);
  }
  if (inc && wasWorking) reassessIncident(sim, inc);
  if (sim.canDispatchUnit(u)) sim.happen.unitFreed(u);
}
__name(releaseUnit, "releaseUnit");

// server/engine/domain/call-handling.ts
var NO_DEADLINE = Number.MAX_SAFE_INTEGER;
function callerTrappedReport(rng, trapped, caller) {
  if (trapped === 0) return rng.next() < caller.falseReportShare ? 1 : 0;
  let known = 0;
  for (let i = 0; i < trapped; i++) if (rng.next() < caller.knownShare) known++;
  return known;
}
__name(callerTrappedReport, "callerTrappedReport");
function receiveCall(sim, spec) {
  const model = sim.index.model(spec.type);
  const id = sim.takeIncidentId();
  const streamKey = spec.streamKey ?? id;
  const rng = sim.streamFor(STREAM.callDetails, streamKey);
  const unfounded = rng.next() < model.unfoundedShare;
  const drawn = Math.min(model.maxSize, Math.max(model.initialSize.median / 20, rng.logNormal(model.initialSize.median, model.initialSize.sigma)));
  const size = spec.size ?? drawn;
  const trapped = unfounded ? 0 : spec.trapped ?? (rng.next() < model.trapped.probability ? 1 + rng.poisson(Math.max(0, model.trapped.mean - 1)) : 0);
  const deadlinesMin = [];
  for (let i = 0; i < trapped; i++) deadlinesMin.push(round1(Math.max(5, rng.logNormal(model.trapped.survivalMinutes, 0.5))));
  const reportedSize = round1(size * rng.logNormal(model.callerSizeFactor.median, model.callerSizeFactor.sigma));
  const reportedTrapped = spec.trapped !== void 0 ? trapped : callerTrappedReport(rng, trapped, model.callerTrapped);
  const reportedGrade = spec.reportedGrade ?? gradeOf(model, reportedSize, reportedTrapped);
  const reportedType = model.reportedAs ?? spec.type;
  const cell = sim.index.region.cellAt(spec.location);
  const j = cell ? sim.index.jurisdictions.get(cell.jurisdictionId) : void 0;
  const inc = {
    id,
    snap: incidentStepper.initial,
    source: spec.source,
    streamKey,
    reportedType,
    type: reportedType,
    trueType: spec.type,
    location: spec.location,
    jurisdictionId: j?.id,
    homeStationId: j?.homeStationId,
    supervisingStationId: j?.supervisingStationId,
    receivedAt: sim.now,
    description: spec.description,
    reportedGrade,
    units: [],
    knownSize: reportedSize,
    knownTrapped: reportedTrapped,
    ...spec.sheltered && trapped > 0 ? { sheltered: true } : {},
    rescued: 0,
    dead: 0,
    sizedUp: false,
    overhaulDone: false,
    answered: false,
    dispatchedOnce: false,
    rescuers: 0,
    cutOff: false,
    truth: newTruth(model, sim.now, unfounded ? 0 : size, deadlinesMin.map((m) => spec.sheltered ? NO_DEADLINE : sim.now + m * MINUTE_MS), unfounded),
    growthTimerVersion: 0,
    rescueTimerVersion: 0,
    closeTimerVersion: 0
  };
  sim.incidents.set(id, inc);
  sim.emit({
    type: "CALL_RECEIVED",
    incidentId: id,
    source: spec.source,
    location: spec.location,
    reportedType,
    description: spec.description,
    reportedSize,
    reportedTrapped,
    reportedGrade,
    truth: { size: round1(size), trapped, deadlinesMin: spec.sheltered ? [] : deadlinesMin, unfounded, ...spec.sheltered && trapped > 0 ? { sheltered: true } : {} }
  });
  checkCutOff(sim, inc);
  inc.truth.people.forEach((p, i) => {
    if (p.deadline !== NO_DEADLINE) sim.schedule(p.deadline, { kind: "death", incidentId: id, person: i });
  });
  reassessIncident(sim, inc);
  const { answerSeconds } = sim.index.world.doctrine.callHandling;
  const answerIn = answerSeconds.min + (answerSeconds.max - answerSeconds.min) * sim.streamFor(STREAM.answerTime, streamKey).next();
  sim.schedule(sim.now + Math.round(answerIn * sim.models.callHandlingFactor() * 1e3), { kind: "answer", incidentId: id });
  sim.happen.callReceived(inc);
  return inc;
}
__name(receiveCall, "receiveCall");
function triageCall(sim, inc, type, location, by) {
  sim.stepIncident(inc, { type: "TRIAGE" });
  inc.type = type;
  inc.location = location;
  const cell = sim.index.region.cellAt(location);
  const j = cell ? sim.index.jurisdictions.get(cell.jurisdictionId) : void 0;
  inc.jurisdictionId = j?.id;
  inc.homeStationId = j?.homeStationId;
  inc.supervisingStationId = j?.supervisingStationId;
  sim.emit({ type: "INCIDENT_TRIAGED", incidentId: inc.id, incidentType: type, location, jurisdictionId: j?.id ?? "", homeStationId: j?.homeStationId ?? "", by });
  checkCutOff(sim, inc);
}
__name(triageCall, "triageCall");
function checkCutOff(sim, inc, reopenedId) {
  const cut = !isFinal(inc) && sim.closures.size > 0 && (sim.travel.isolated?.(inc.location) ?? false);
  if (cut === inc.cutOff) return;
  inc.cutOff = cut;
  if (cut) sim.emit({ type: "PLACE_UNREACHABLE", location: inc.location, incidentId: inc.id, closureIds: [...sim.closures.keys()] });
  else sim.emit({ type: "PLACE_REACHABLE", location: inc.location, incidentId: inc.id, ...reopenedId ? { closureId: reopenedId } : {} });
}
__name(checkCutOff, "checkCutOff");
function gradeIncident(sim, inc, grade, by) {
  sim.stepIncident(inc, { type: "GRADE", grade });
  sim.emit({ type: "INCIDENT_GRADED", incidentId: inc.id, grade, by });
}
__name(gradeIncident, "gradeIncident");
function raiseGrade(sim, inc, to, by, reason) {
  const from = incidentGrade(inc);
  if (!sim.stepIncident(inc, { type: "RAISE_GRADE", grade: to })) return;
  sim.emit({ type: "GRADE_RAISED", incidentId: inc.id, from, to, by, reason });
}
__name(raiseGrade, "raiseGrade");

// server/engine/domain/incident-end.ts
function sizeUp(sim, inc) {
  inc.sizedUp = true;
  const model = sim.index.model(inc.trueType);
  const t = inc.truth;
  reassess(t, model, sim.now, t.output);
  const g = Math.max(t.trueGrade, gradeOf(model, t.size, trappedCount(t)));
  t.trueGrade = g;
  inc.knownSize = round1(t.size);
  inc.knownTrapped = trappedCount(t);
  sim.emit({ type: "SIZE_UP_REPORTED", incidentId: inc.id, size: inc.knownSize, trapped: inc.knownTrapped, trueGrade: g, unfounded: t.unfounded });
  if (t.unfounded) {
    sim.stepIncident(inc, { type: "FALSE_ALARM" });
    sim.emit({ type: "INCIDENT_CANCELLED", incidentId: inc.id, reason: "unfounded" });
    for (const id of [...inc.units]) releaseUnit(sim, sim.units.get(id), "incident-cancelled");
    sim.happen.incidentEnded(inc);
    return;
  }
  reassessIncident(sim, inc);
  sim.happen.trueGradeRose(inc, g, `size-up on arrival: ${inc.knownSize} ${model.sizeUnit}, ${inc.knownTrapped} trapped`);
  if (inc.knownTrapped === 0) sim.happen.rescueDone(inc);
}
__name(sizeUp, "sizeUp");
function closeIncident(sim, inc) {
  if (!sim.stepIncident(inc, { type: "CLOSE" })) return;
  inc.closeTimerVersion++;
  sim.emit({ type: "INCIDENT_CLOSED", incidentId: inc.id, finalSize: round1(inc.truth.size), rescued: inc.rescued, dead: inc.dead });
  for (const id of [...inc.units]) releaseUnit(sim, sim.units.get(id), "incident-closed");
  sim.happen.incidentEnded(inc);
}
__name(closeIncident, "closeIncident");
function onCloseTimer(sim, inc) {
  if (trappedCount(inc.truth) > 0) {
    sim.schedule(sim.now + 5 * MINUTE_MS, { kind: "close", incidentId: inc.id, version: inc.closeTimerVersion });
    return;
  }
  if (sim.mode === "auto") {
    closeIncident(sim, inc);
    return;
  }
  if (inc.overhaulDone || incidentStatus(inc) !== "underControl") return;
  inc.overhaulDone = true;
  sim.emit({ type: "OVERHAUL_COMPLETED", incidentId: inc.id });
}
__name(onCloseTimer, "onCloseTimer");
function cancelIncident(sim, inc, reason) {
  sim.stepIncident(inc, reason === "false-alarm" ? { type: "FALSE_ALARM" } : { type: "CANCEL" });
  inc.closeTimerVersion++;
  inc.growthTimerVersion++;
  sim.emit({ type: "INCIDENT_CANCELLED", incidentId: inc.id, reason });
  for (const id of [...inc.units]) releaseUnit(sim, sim.units.get(id), "incident-cancelled");
  sim.happen.incidentEnded(inc);
}
__name(cancelIncident, "cancelIncident");
function afterUnitsLeft(sim, inc) {
  if (inc.units.length > 0) return;
  const s = incidentStatus(inc);
  if (s === "underControl") {
    if (trappedCount(inc.truth) === 0) closeIncident(sim, inc);
  } else sim.stepIncident(inc, { type: "UNITS_WITHDRAWN" });
}
__name(afterUnitsLeft, "afterUnitsLeft");

// server/engine/domain/auto-centre.ts
function unitFreed(sim, u) {
  if (sim.mode === "auto" && sim.waiting.size > 0) sim.schedule(sim.now, { kind: "serve", unitId: u.info.id });
}
__name(unitFreed, "unitFreed");
function waitingInOrder(sim) {
  const atRisk = /* @__PURE__ */ __name((id) => {
    const inc = sim.incidents.get(id);
    return inc.knownTrapped > 0 && !inc.sheltered;
  }, "atRisk");
  const all = [...sim.waiting];
  if (sim.index.world.doctrine.waitingOrder === "call-order") return all;
  return [...all.filter(([id]) => atRisk(id)), ...all.filter(([id]) => !atRisk(id))];
}
__name(waitingInOrder, "waitingInOrder");
function serveWaiting(sim) {
  if (sim.mode !== "auto") return;
  for (const [id] of waitingInOrder(sim)) {
    const inc = sim.incidents.get(id);
    if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc))) {
      sim.waiting.delete(id);
      continue;
    }
    const rec = recommend(sim, inc);
    if (rec.unmet.length === 0) sim.waiting.delete(id);
    else sim.waiting.set(id, rec.unmet);
    if (rec.units.length > 0) dispatchUnits(sim, inc, rec.units, "system");
  }
}
__name(serveWaiting, "serveWaiting");
function onServe(sim, u) {
  if (sim.mode !== "auto" || !sim.canDispatchUnit(u)) return;
  const caps = u.info.type.capabilities;
  const water = !u.info.isMicro && caps.includes("water");
  for (const [id, unmet] of waitingInOrder(sim)) {
    const inc = sim.incidents.get(id);
    if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc))) {
      sim.waiting.delete(id);
      continue;
    }
    if (!unmet.some((m) => m.capability === "firefighters" || m.capability === "stations" ? water : caps.includes(m.capability))) continue;
    const rec = recommend(sim, inc);
    if (rec.unmet.length === 0) sim.waiting.delete(id);
    else sim.waiting.set(id, rec.unmet);
    if (rec.units.length > 0) {
      dispatchUnits(sim, inc, rec.units, "system");
      return;
    }
  }
}
__name(onServe, "onServe");
function releaseRescueTeams(sim, inc) {
  if (sim.mode !== "auto" || isFinal(inc)) return;
  const only = sim.index.world.doctrine.releaseWhenRescueDone;
  const unmet = sim.waiting.get(inc.id)?.filter((m) => !only.includes(m.capability));
  if (unmet?.length) sim.waiting.set(inc.id, unmet);
  else sim.waiting.delete(inc.id);
  const units = inc.units.map((id) => sim.units.get(id));
  const done = units.filter((u) => rescueOnly(sim, u));
  const primary = sim.index.model(inc.trueType).primary;
  const othersWork = units.some((u) => !rescueOnly(sim, u) && primary.some((c) => sim.index.output(u.info, c) > 0));
  if (done.length === 0 || !othersWork) return;
  for (const u of done) releaseUnit(sim, u, "rescue-done");
  afterUnitsLeft(sim, inc);
}
__name(releaseRescueTeams, "releaseRescueTeams");
function autoEscalate(sim, inc, trueGrade, reason) {
  if (sim.mode !== "auto" || trueGrade <= incidentGrade(inc)) return;
  raiseGrade(sim, inc, trueGrade, "system", reason);
  dispatchRecommendation(sim, inc, recommend(sim, inc), "system");
}
__name(autoEscalate, "autoEscalate");
function onAnswer(sim, inc) {
  if (incidentStatus(inc) !== "callReceived") return;
  inc.answered = true;
  sim.emit({ type: "CALL_ANSWERED", incidentId: inc.id });
  if (sim.mode === "auto") {
    const { processSeconds } = sim.index.world.doctrine.callHandling;
    const processIn = processSeconds.min + (processSeconds.max - processSeconds.min) * sim.streamFor(STREAM.processTime, inc.streamKey).next();
    sim.schedule(sim.now + Math.round(processIn * sim.models.callHandlingFactor() * 1e3), { kind: "process", incidentId: inc.id });
  }
}
__name(onAnswer, "onAnswer");
function onProcess(sim, inc) {
  if (sim.mode !== "auto") return;
  if (incidentStatus(inc) === "callReceived" && inc.answered) triageCall(sim, inc, inc.reportedType, inc.location, "system");
  if (incidentStatus(inc) === "triaged") gradeIncident(sim, inc, inc.reportedGrade, "system");
  if (incidentStatus(inc) === "graded") dispatchRecommendation(sim, inc, recommend(sim, inc), "system");
}
__name(onProcess, "onProcess");
function setMode(sim, mode) {
  sim.mode = mode;
  sim.emit({ type: "MODE_CHANGED", mode });
  if (mode !== "auto") {
    sim.waiting.clear();
    return;
  }
  for (const inc of sim.incidents.values()) {
    const s = incidentStatus(inc);
    if (s === "underControl" && inc.overhaulDone) {
      closeIncident(sim, inc);
      continue;
    }
    if (nobodyLeftToRescue(inc)) releaseRescueTeams(sim, inc);
    if (s === "callReceived" && inc.answered || s === "triaged" || s === "graded" && inc.units.length === 0) sim.schedule(sim.now, { kind: "process", incidentId: inc.id });
  }
}
__name(setMode, "setMode");

// server/engine/domain/unit-service.ts
function outOfService(sim, u, reason) {
  const inc = u.incidentId ? sim.incidents.get(u.incidentId) : void 0;
  const wasWorking = unitStatus(u) === "working";
  stopAt(u, sim.unitPosition(u));
  sim.stepUnit(u, { type: "OUT_OF_SERVICE" });
  u.timerVersion++;
  u.incidentId = void 0;
  if (inc) leaveIncident(inc, u.info.id);
  sim.emit({ type: "UNIT_OUT_OF_SERVICE", unitId: u.info.id, reason, ...inc ? { incidentId: inc.id } : {} });
  if (inc) {
    if (wasWorking) reassessIncident(sim, inc);
    afterUnitsLeft(sim, inc);
  }
}
__name(outOfService, "outOfService");
function backInService(sim, u) {
  const home = u.info.station.location;
  const atStation = u.position[0] === home[0] && u.position[1] === home[1];
  sim.stepUnit(u, { type: "BACK_IN_SERVICE", atStation });
  sim.emit({ type: "UNIT_BACK_IN_SERVICE", unitId: u.info.id });
  if (!atStation) {
    const leg = driveTo(sim, u, home, "home");
    sim.emit({ type: "UNIT_RETURNING", unitId: u.info.id, leg: leg ?? standingLeg(sim, u), available: true });
    if (!leg) reportStopped(sim, u);
  }
  sim.happen.unitFreed(u);
}
__name(backInService, "backInService");

// server/engine/domain/road-closures.ts
var REOPEN_GAIN_SEC = 1;
function nextClosureId(sim) {
  let id;
  do
    id = `closure-${++sim.closureCounter}`;
  while (sim.closures.has(id));
  return id;
}
__name(nextClosureId, "nextClosureId");
function refreshModel(sim) {
  forgetUnitTravel(sim);
  const edges = /* @__PURE__ */ new Set();
  for (const c of sim.closures.values()) for (const e of c.edges) edges.add(e);
  sim.travel = edges.size > 0 && sim.baseTravel.withClosedEdges ? sim.baseTravel.withClosedEdges(edges) : sim.baseTravel;
}
__name(refreshModel, "refreshModel");
function closeRoad(sim, c, by) {
  sim.closures.set(c.id, { ...c, closedAt: sim.now });
  refreshModel(sim);
  announceClosed(sim, c, by);
  for (const u of sim.units.values()) {
    if (!u.leg || !u.course || !u.destination || !MOVING.has(unitStatus(u))) continue;
    if (closedAhead(u, travelFor(sim, u), (sim.now - u.leg.departAt) / 1e3)) reroute(sim, u, c.id);
  }
  for (const inc of sim.incidents.values()) checkCutOff(sim, inc);
}
__name(closeRoad, "closeRoad");
function announceClosed(sim, c, by) {
  sim.emit({ type: "ROAD_CLOSED", closureId: c.id, reason: c.reason, area: c.area, note: c.note, closedEdges: c.edges.length, by, ...c.until === void 0 ? {} : { until: c.until }, ...c.exempt ? { exempt: c.exempt } : {}, ...c.roads ? { roads: c.roads } : {} });
  if (c.until !== void 0) sim.schedule(c.until, { kind: "reopen", closureId: c.id });
}
__name(announceClosed, "announceClosed");
function closedAhead(u, travel2, elapsed) {
  for (const e of edgesAhead(u.course, elapsed)) if (travel2.isClosed?.(e)) return true;
  return false;
}
__name(closedAhead, "closedAhead");
function fasterWayNow(sim, u, travel2, elapsed) {
  const course = u.course;
  const lead = aheadOf(course, elapsed, sim.unitPosition(u));
  const at = lead.path[lead.path.length - 1];
  const faster = lead.seconds + travel2.travel(at, u.destination.to, u.info.type.speedClass, u.trafficAt ?? sim.now).seconds;
  return faster < course.seconds - elapsed - REOPEN_GAIN_SEC;
}
__name(fasterWayNow, "fasterWayNow");
function onReopenTimer(sim, closureId) {
  if (sim.closures.get(closureId)?.until === sim.now) reopenRoad(sim, closureId, "system");
}
__name(onReopenTimer, "onReopenTimer");
function reopenRoad(sim, id, by) {
  sim.closures.delete(id);
  refreshModel(sim);
  sim.emit({ type: "ROAD_REOPENED", closureId: id, by });
  for (const u of sim.units.values()) {
    if (!u.destination || !MOVING.has(unitStatus(u))) continue;
    if (!u.leg) {
      reroute(sim, u, id, sim.now);
      continue;
    }
    if (!u.course) continue;
    if (fasterWayNow(sim, u, travelFor(sim, u), (sim.now - u.leg.departAt) / 1e3)) reroute(sim, u, id);
  }
  for (const inc of sim.incidents.values()) checkCutOff(sim, inc, id);
  sim.happen.capacityReturned();
}
__name(reopenRoad, "reopenRoad");
function reroute(sim, u, closureId, restartAt) {
  const dest = u.destination;
  const o = origin(sim, u);
  const trafficAt = restartAt ?? u.trafficAt ?? sim.now;
  const course = joinCourses(o.lead, travelFor(sim, u).route(o.at, dest.to, u.info.type.speedClass, trafficAt));
  if (!Number.isFinite(course.seconds) && restartAt !== void 0) return;
  u.trafficAt = trafficAt;
  u.position = sim.unitPosition(u);
  const leg = follow(sim, u, course);
  const incidentId = dest.step === "arrive" ? u.incidentId : void 0;
  if (leg) sim.emit({ type: "UNIT_REROUTED", unitId: u.info.id, ...incidentId ? { incidentId } : {}, leg, closureId });
  else reportStopped(sim, u);
}
__name(reroute, "reroute");

// server/engine/command-handlers.ts
function findIncident(sim, id) {
  const inc = sim.incidents.get(id);
  if (inc) return inc;
  const ended = sim.endedIncidents.get(id);
  return ended ? fromEndedRecord(ended) : refuse("not-found", `no incident ${id}`);
}
__name(findIncident, "findIncident");
function fromEndedRecord(ended) {
  return new Proxy(ended, {
    get(record, key) {
      if (typeof key === "symbol" || key in record) return Reflect.get(record, key);
      throw new Error(`incident ${record.id} has ended and left the engine state; its ${key} is in the log only`);
    }
  });
}
__name(fromEndedRecord, "fromEndedRecord");
function findUnit(sim, id) {
  return sim.units.get(id) ?? refuse("not-found", `no unit ${id}`);
}
__name(findUnit, "findUnit");
var describeUnmet = /* @__PURE__ */ __name((unmet) => unmet.map((u) => `${u.missing}\xD7 ${u.capability}${u.note ? ` (${u.note})` : ""}`).join(", "), "describeUnmet");
function planCommand(sim, cmd, by) {
  const role = by.role;
  switch (cmd.type) {
    case "RECEIVE_CALL": {
      if (!sim.index.region.cellAt(cmd.location)) return refuse("invalid", `location ${cmd.location.join(", ")} is outside region ${sim.index.region.region.id}`);
      return () => receiveCall(sim, { source: by.role === "commander" ? "commander" : "controller", type: cmd.incidentType, location: cmd.location, description: cmd.description, size: cmd.size, trapped: cmd.trapped, reportedGrade: cmd.reportedGrade }).id;
    }
    case "TRIAGE_CALL": {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      if (incidentStatus(inc) !== "callReceived") return refuse("not-allowed-in-state", `incident ${inc.id} is ${incidentStatus(inc)}, already triaged`);
      const location = cmd.location ?? inc.location;
      if (!sim.index.region.cellAt(location)) return refuse("invalid", `location ${location.join(", ")} is outside the region`);
      return () => {
        triageCall(sim, inc, cmd.incidentType, location, role);
        if (cmd.grade) gradeIncident(sim, inc, cmd.grade, role);
      };
    }
    case "GRADE_INCIDENT": {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      if (incidentStatus(inc) !== "triaged") return refuse("not-allowed-in-state", `incident ${inc.id} is ${incidentStatus(inc)}; grading needs a triaged call (use RAISE_GRADE to escalate)`);
      return () => gradeIncident(sim, inc, cmd.grade, role);
    }
    case "DISPATCH_UNITS": {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc))) return refuse("not-allowed-in-state", `cannot dispatch to incident ${inc.id}: it is ${incidentStatus(inc)}`);
      const recs = [];
      const rec = recommend(sim, inc);
      for (const id of new Set(cmd.unitIds)) {
        const u = findUnit(sim, id);
        if (isRefusal(u)) return u;
        if (!sim.stationOrderable(u.info.station.id)) return refuse("unit-unavailable", `unit ${id} cannot be given the order: the communications of station ${u.info.station.id} are cut (until the controller restores them)`);
        if (!sim.canDispatchUnit(u)) return refuse("unit-unavailable", `unit ${id} cannot be dispatched: it is ${unitStatus(u)}${u.incidentId ? ` at ${u.incidentId}` : ""}`);
        const suggested = rec.units.find((r) => r.unitId === id);
        const etaSec = suggested?.etaSec ?? etaSeconds(sim, u, inc.location);
        if (!Number.isFinite(etaSec)) return refuse("unit-unavailable", `unit ${id} cannot reach incident ${inc.id}: no open road leads there from where it is (closures in force: ${[...sim.closures.keys()].join(", ")})`);
        const eta = Math.round(etaSec);
        recs.push({ unitId: id, stationId: u.info.station.id, type: u.info.type.code, etaSec: eta, reason: suggested?.reason ?? { need: "commander", echelon: u.info.echelon, note: "chosen by the commander" } });
      }
      return () => dispatchUnits(sim, inc, recs, role);
    }
    case "DISPATCH_RECOMMENDED": {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc))) return refuse("not-allowed-in-state", `cannot dispatch to incident ${inc.id}: it is ${incidentStatus(inc)}`);
      const rec = recommend(sim, inc);
      if (rec.units.length === 0) return refuse("no-recommendation", `nothing to recommend for ${inc.id}: ${rec.unmet.length ? `no available unit can fill ${describeUnmet(rec.unmet)}` : "the run card is already met"}`);
      return () => dispatchRecommendation(sim, inc, rec, role);
    }
    case "RELEASE_UNIT": {
      const u = findUnit(sim, cmd.unitId);
      if (isRefusal(u)) return u;
      if (!u.incidentId) return refuse("not-allowed-in-state", `unit ${u.info.id} is ${unitStatus(u)} and not assigned to an incident`);
      return () => {
        const inc = sim.incidents.get(u.incidentId);
        releaseUnit(sim, u, "commander");
        afterUnitsLeft(sim, inc);
      };
    }
    case "RAISE_GRADE": {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      const current = incidentGrade(inc);
      if (!sim.canIncident(inc, { type: "RAISE_GRADE", grade: cmd.grade })) {
        if (current && cmd.grade <= current) return refuse("grade-not-higher", `incident ${inc.id} is ${GRADE_INFO[current].en}; the grade only goes up (asked for ${GRADE_INFO[cmd.grade].en})`);
        return refuse("not-allowed-in-state", `cannot raise the grade of incident ${inc.id}: it is ${incidentStatus(inc)}`);
      }
      return () => {
        raiseGrade(sim, inc, cmd.grade, role, cmd.reason || "raised by the commander");
        if (sim.mode === "auto") dispatchRecommendation(sim, inc, recommend(sim, inc), "system");
      };
    }
    case "REQUEST_REINFORCEMENT": {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc)) || !inc.dispatchedOnce) return refuse("not-allowed-in-state", `incident ${inc.id} is ${incidentStatus(inc)}; reinforcement is requested for an incident being worked`);
      const grade = incidentGrade(inc) || 1;
      const card = cmd.needs.length > 0 ? { needs: cmd.needs.map((n) => ({ ...n, tiers: ["national", "professional", "township"] })), minFirefighters: 0, minStations: 1, microFirst: false } : sim.index.card(inc.type, Math.min(5, grade + 1));
      const rec = recommend(sim, inc, { card, countAssigned: cmd.needs.length === 0 });
      if (rec.units.length === 0) return refuse("no-recommendation", `no available unit can reinforce ${inc.id}${rec.unmet.length ? ` (missing ${describeUnmet(rec.unmet)})` : ""}`);
      return () => {
        sim.emit({ type: "REINFORCEMENT_REQUESTED", incidentId: inc.id, needs: card.needs.map((n) => ({ capability: n.capability, vehicles: n.vehicles })), by: role });
        dispatchRecommendation(sim, inc, rec, role);
      };
    }
    case "SET_UNIT_OUT_OF_SERVICE": {
      const u = findUnit(sim, cmd.unitId);
      if (isRefusal(u)) return u;
      if (unitStatus(u) === "outOfService") return refuse("not-allowed-in-state", `unit ${u.info.id} is already out of service`);
      return () => outOfService(sim, u, cmd.reason || "out of service");
    }
    case "SET_UNIT_IN_SERVICE": {
      const u = findUnit(sim, cmd.unitId);
      if (isRefusal(u)) return u;
      if (unitStatus(u) !== "outOfService") return refuse("not-allowed-in-state", `unit ${u.info.id} is ${unitStatus(u)}, not out of service`);
      const team2 = sim.models.awaitedTeam(u.info.station.id);
      if (team2) return refuse("not-allowed-in-state", `unit ${u.info.id} belongs to ${team2}, which has not arrived yet: its units come into service when the team arrives`);
      return () => backInService(sim, u);
    }
    case "CANCEL_INCIDENT": {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      const ev = cmd.reason === "false-alarm" ? { type: "FALSE_ALARM" } : { type: "CANCEL" };
      if (!sim.canIncident(inc, ev)) return refuse("not-allowed-in-state", `cannot cancel incident ${inc.id}: it is ${incidentStatus(inc)}`);
      return () => cancelIncident(sim, inc, cmd.reason);
    }
    case "CLOSE_INCIDENT": {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      if (!sim.canIncident(inc, { type: "CLOSE" })) return refuse("not-allowed-in-state", `cannot close incident ${inc.id}: it is ${incidentStatus(inc)} (only an incident under control can be closed)`);
      if (inc.knownTrapped > 0) return refuse("not-allowed-in-state", `cannot close incident ${inc.id}: ${inc.knownTrapped} people are still trapped there`);
      return () => closeIncident(sim, inc);
    }
    case "SET_MODE": {
      if (cmd.mode === sim.mode) return refuse("not-allowed-in-state", `the exercise is already in ${cmd.mode} mode`);
      return () => setMode(sim, cmd.mode);
    }
    case "CLOSE_ROAD": {
      const denied = controllerOnly(cmd.type, by);
      if (denied) return denied;
      const { edgesIn } = sim.baseTravel;
      if (!edgesIn || !sim.baseTravel.withClosedEdges) return refuse("invalid", `region ${sim.index.region.region.id} has no road network in this exercise (travel is great-circle): roads cannot be closed`);
      if (cmd.closureId && sim.closures.has(cmd.closureId)) return refuse("not-allowed-in-state", `road closure ${cmd.closureId} is already in force (reopen it first, or use another id)`);
      const edges = edgesIn(cmd.area);
      if (edges.length === 0) return refuse("invalid", cmd.area.kind === "segment" ? "no road runs along that line (draw it along a road)" : `no road has a junction inside that ${cmd.area.kind}`);
      return () => closeRoad(sim, { id: cmd.closureId ?? nextClosureId(sim), reason: cmd.reason, area: cmd.area, note: cmd.note, edges, ...cmd.durationMs === void 0 ? {} : { until: sim.now + cmd.durationMs } }, role);
    }
    case "REOPEN_ROAD": {
      const denied = controllerOnly(cmd.type, by);
      if (denied) return denied;
      if (!sim.closures.has(cmd.closureId)) return refuse("not-found", `no road closure ${cmd.closureId} in force (in force: ${[...sim.closures.keys()].join(", ") || "none"})`);
      return () => reopenRoad(sim, cmd.closureId, role);
    }
    default:
      return refuse("invalid", `${cmd.type} is not available in this exercise`);
  }
}
__name(planCommand, "planCommand");

// server/engine/domain/unit-steps.ts
function onUnitStep(sim, u, step) {
  const inc = u.incidentId ? sim.incidents.get(u.incidentId) : void 0;
  switch (step) {
    case "turnout":
      if (inc && sim.stepUnit(u, { type: "TURNOUT_DONE" })) setOff(sim, u, inc);
      return;
    case "arrive":
      if (!inc || !sim.stepUnit(u, { type: "ARRIVE" })) return;
      stopAt(u, inc.location);
      sim.emit({ type: "UNIT_ARRIVED", unitId: u.info.id, incidentId: inc.id });
      sim.stepIncident(inc, { type: "UNIT_ARRIVED" });
      if (!inc.sizedUp) sizeUp(sim, inc);
      if (u.incidentId === inc.id) {
        u.timerVersion++;
        sim.schedule(sim.now + sim.index.world.doctrine.setupSeconds * 1e3, { kind: "unit", unitId: u.info.id, version: u.timerVersion, step: "work" });
      }
      return;
    case "work":
      if (!inc || !sim.stepUnit(u, { type: "START_WORK" })) return;
      sim.emit({ type: "UNIT_WORKING", unitId: u.info.id, incidentId: inc.id });
      reassessIncident(sim, inc);
      return;
    case "home":
      if (!sim.stepUnit(u, { type: "REACH_STATION" })) return;
      stopAt(u, u.info.station.location);
      sim.emit({ type: "UNIT_IN_STATION", unitId: u.info.id });
      sim.happen.unitFreed(u);
      return;
  }
}
__name(onUnitStep, "onUnitStep");

// server/engine/timers.ts
function fireTimer(sim, timer) {
  switch (timer.kind) {
    case "model":
      return sim.models.fire(timer.model, timer.name);
    case "end":
      sim.ended = true;
      sim.emit({ type: "SIMULATION_ENDED" });
      return;
    case "unit": {
      const u = sim.units.get(timer.unitId);
      if (u.timerVersion === timer.version) onUnitStep(sim, u, timer.step);
      return;
    }
    case "serve":
      return onServe(sim, sim.units.get(timer.unitId));
    case "reopen":
      return onReopenTimer(sim, timer.closureId);
  }
  const inc = sim.incidents.get(timer.incidentId);
  switch (timer.kind) {
    case "answer":
      return onAnswer(sim, inc);
    case "process":
      return onProcess(sim, inc);
    case "evolve":
      if (inc.growthTimerVersion === timer.version) onEvolve(sim, inc);
      return;
    case "control":
      if (inc.growthTimerVersion === timer.version) onControl(sim, inc);
      return;
    case "rescue":
      if (inc.rescueTimerVersion === timer.version) onRescue(sim, inc);
      return;
    case "death":
      return onDeath(sim, inc, timer.person);
    case "close":
      if (inc.closeTimerVersion === timer.version) onCloseTimer(sim, inc);
      return;
  }
}
__name(fireTimer, "fireTimer");

// server/engine/models/comms-outage.ts
var COMMS_OUTAGE_MODEL = "comms-outage";
function end(sim, state, stationId, by) {
  const held = state.outages.find((o) => o.stationId === stationId)?.held ?? [];
  const lost = state.outages.find((o) => o.stationId === stationId)?.reports === "lost";
  state.outages = state.outages.filter((o) => o.stationId !== stationId);
  sim.emit({ type: "COMMS_OUTAGE_ENDED", stationId, by });
  if (!lost) for (const report of held) sim.emit({ type: "UNIT_REPORT_DELIVERED", stationId, report });
  sim.emit({ type: "COMMS_RESYNCED", stationId, delivered: lost ? 0 : held.length, lost: lost ? held.length : 0, units: unitsNow(sim, stationId) });
  sim.happen.capacityReturned();
}
__name(end, "end");
function unitsNow(sim, stationId) {
  const out = [];
  for (const u of sim.units.values()) {
    if (u.info.station.id !== stationId) continue;
    out.push({ unitId: u.info.id, status: unitStatus(u), at: sim.unitPosition(u), ...u.incidentId ? { incidentId: u.incidentId } : {}, ...u.leg ? { leg: u.leg } : {} });
  }
  return out;
}
__name(unitsNow, "unitsNow");
var commsOutageModel = {
  id: COMMS_OUTAGE_MODEL,
  initialState: /* @__PURE__ */ __name(() => ({ outages: [] }), "initialState"),
  // Asked for every unit a recommendation looks at: a plain loop, no closure to allocate.
  cutsStation(state, stationId) {
    for (const o of state.outages) if (o.stationId === stationId) return true;
    return false;
  },
  reactions: {
    // The core marked the report `unreported` (its station is cut): hold it until contact returns.
    eventEmitted(ctx, e) {
      if (!("unreported" in e) || !e.unreported) return;
      const stationId = ctx.sim.units.get(e.unitId).info.station.id;
      const o = ctx.state.outages.find((x) => x.stationId === stationId);
      if (o) (o.held ??= []).push(e);
    }
  },
  onTimer(ctx, stationId) {
    const o = ctx.state.outages.find((x) => x.stationId === stationId);
    if (o && o.until === ctx.sim.now) end(ctx.sim, ctx.state, stationId, "system");
  },
  commands: {
    SET_COMMS_OUTAGE(ctx, cmd, by) {
      const { sim, state } = ctx;
      const denied = controllerOnly(cmd.type, by);
      if (denied) return denied;
      if (!sim.index.stations.has(cmd.stationId)) return refuse("not-found", `no station ${cmd.stationId}`);
      const out = state.outages.some((o) => o.stationId === cmd.stationId);
      if (cmd.on && out) return refuse("not-allowed-in-state", `the communications of station ${cmd.stationId} are already cut`);
      if (!cmd.on && !out) return refuse("not-allowed-in-state", `the communications of station ${cmd.stationId} are not cut`);
      if (!cmd.on) return () => end(sim, ctx.state, cmd.stationId, by.role);
      return () => {
        const until = cmd.durationMs === void 0 ? null : sim.now + cmd.durationMs;
        const reports = cmd.reports ?? "delayed";
        ctx.state.outages.push({ stationId: cmd.stationId, until, reports, held: [] });
        sim.emit({ type: "COMMS_OUTAGE_STARTED", stationId: cmd.stationId, note: cmd.note, by: by.role, ...until === null ? {} : { until }, reports });
        if (until !== null) ctx.schedule(until, cmd.stationId);
      };
    }
  }
};
function stationsCut(sim) {
  return (sim.models.stateOf(COMMS_OUTAGE_MODEL)?.outages ?? []).map((o) => o.stationId).sort();
}
__name(stationsCut, "stationsCut");

// shared/drill/facts.ts
function emptyFacts() {
  return { injectIncident: {}, firstOfType: {}, incidents: {}, arrivals: [], closures: {}, fired: [], met: [], evacuations: [], evacuationsBy: [] };
}
__name(emptyFacts, "emptyFacts");
function foldFact(f, e) {
  switch (e.type) {
    case "INJECT_FIRED":
      f.fired.push(e.injectId);
      if (e.incidentId) f.injectIncident[e.injectId] = e.incidentId;
      return true;
    case "CALL_RECEIVED":
      f.incidents[e.incidentId] = {
        type: e.reportedType,
        calledAt: e.t,
        grade: 0,
        gradeSteps: [],
        dispatched: [],
        arrived: [],
        firstDispatch: [],
        underControl: false,
        closed: false,
        reinforcementRequested: false,
        rescued: 0,
        died: 0,
        location: e.location
      };
      f.firstOfType[e.reportedType] ??= e.incidentId;
      return true;
    case "INCIDENT_TRIAGED": {
      const inc = f.incidents[e.incidentId];
      if (!inc) return false;
      inc.homeStationId = e.homeStationId;
      inc.location = e.location;
      if (inc.type !== e.incidentType) {
        inc.type = e.incidentType;
        f.firstOfType[e.incidentType] ??= e.incidentId;
      }
      return true;
    }
    case "INCIDENT_GRADED":
      return setGrade(f, e.incidentId, e.grade, e.by);
    case "GRADE_RAISED":
      return setGrade(f, e.incidentId, e.to, e.by);
    case "UNIT_DISPATCHED": {
      const inc = f.incidents[e.incidentId];
      if (!inc) return false;
      inc.dispatched.push([e.unitId, e.by]);
      if (inc.firstDispatchAt === void 0) inc.firstDispatchAt = e.t;
      if (inc.firstDispatchAt === e.t) inc.firstDispatch.push(e.unitId);
      return true;
    }
    case "UNIT_ARRIVED": {
      const inc = f.incidents[e.incidentId];
      if (!inc) return false;
      if (!inc.arrived.includes(e.unitId)) inc.arrived.push(e.unitId);
      f.arrivals.push([e.unitId, inc.location]);
      return true;
    }
    case "INCIDENT_UNDER_CONTROL":
      return flag(f, e.incidentId, "underControl");
    case "INCIDENT_CLOSED":
      return flag(f, e.incidentId, "closed");
    case "REINFORCEMENT_REQUESTED": {
      const inc = f.incidents[e.incidentId];
      if (inc && !inc.reinforcementRequested) inc.reinforcementBy = e.by;
      return flag(f, e.incidentId, "reinforcementRequested");
    }
    case "PERSON_RESCUED": {
      const inc = f.incidents[e.incidentId];
      if (!inc) return false;
      inc.rescued++;
      return true;
    }
    case "PERSON_DIED": {
      const inc = f.incidents[e.incidentId];
      if (!inc) return false;
      inc.died++;
      return true;
    }
    case "ROAD_CLOSED":
      f.closures[e.closureId] = e.reason;
      return true;
    case "ROAD_REOPENED":
      delete f.closures[e.closureId];
      return true;
    case "EVACUATION_ORDERED":
      f.evacuations.push(e.incidentId ?? "");
      (f.evacuationsBy ??= []).push(e.by);
      return true;
    case "EXPECTED_ACTION_MET":
      f.met.push(e.expectedId);
      return true;
    default:
      return false;
  }
}
__name(foldFact, "foldFact");
function setGrade(f, id, grade, by) {
  const inc = f.incidents[id];
  if (!inc) return false;
  if (grade > inc.grade) (inc.gradeSteps ??= []).push([grade, by]);
  inc.grade = Math.max(inc.grade, grade);
  return true;
}
__name(setGrade, "setGrade");
function flag(f, id, key) {
  const inc = f.incidents[id];
  if (!inc) return false;
  inc[key] = true;
  return true;
}
__name(flag, "flag");

// shared/drill/teams.ts
var TEAM_SOURCE_KIND = {
  provincial: "special-service",
  "neighbour-county": "class-1",
  militia: "volunteer",
  "social-rescue": "volunteer"
};
var stagingStationId = /* @__PURE__ */ __name((injectId) => `staging-${injectId}`, "stagingStationId");
function inTeam(stationId, team2) {
  return stationId !== void 0 && (stationId === team2 || stationId === stagingStationId(team2));
}
__name(inTeam, "inTeam");

// shared/drill/evaluate.ts
function incidentOf(f, ref) {
  if (ref === "any") return void 0;
  if (typeof ref === "string") return f.injectIncident[ref];
  return f.firstOfType[ref.firstOfType];
}
__name(incidentOf, "incidentOf");
function candidates(f, ref) {
  if (ref === "any") return Object.entries(f.incidents);
  const id = incidentOf(f, ref);
  const inc = id === void 0 ? void 0 : f.incidents[id];
  return inc ? [[id, inc]] : [];
}
__name(candidates, "candidates");
function evaluate(c, f, w) {
  if ("all" in c) return c.all.every((x) => evaluate(x, f, w));
  if ("any" in c) return c.any.some((x) => evaluate(x, f, w));
  if ("not" in c) return !evaluate(c.not, f, w);
  return holds(c, f, w) !== void 0;
}
__name(evaluate, "evaluate");
function holds(fact, f, w) {
  const has = /* @__PURE__ */ __name((unitId, cap, team2) => (cap === void 0 || w.capabilities(unitId).includes(cap)) && (team2 === void 0 || inTeam(w.station(unitId), team2)), "has");
  const committedTo = /* @__PURE__ */ __name((ref) => {
    if (ref === void 0) return () => false;
    const busy = new Set(candidates(f, ref).flatMap(([, inc]) => inc.dispatched.map(([u]) => w.station(u))));
    return (unitId) => busy.has(w.station(unitId));
  }, "committedTo");
  const some = /* @__PURE__ */ __name((ref, test) => {
    for (const [id, inc] of candidates(f, ref)) {
      const by = test(inc);
      if (by !== void 0) return { by, incidentId: id };
    }
    return void 0;
  }, "some");
  if ("dispatched" in fact) {
    const { incident, capability, team: team2, count: count2, fromStationNotAt: fromStationNotAt2 } = fact.dispatched;
    const committed = committedTo(fromStationNotAt2);
    return some(incident, (inc) => {
      const matching = inc.dispatched.filter(([u]) => has(u, capability, team2) && !committed(u));
      return matching.length >= count2 ? matching[count2 - 1][1] : void 0;
    });
  }
  if ("onScene" in fact) {
    const { incident, capability, team: team2, count: count2, fromStationNotAt: fromStationNotAt2 } = fact.onScene;
    const committed = committedTo(fromStationNotAt2);
    return some(incident, (inc) => {
      const matching = inc.arrived.filter((u) => has(u, capability, team2) && !committed(u));
      if (matching.length < count2) return void 0;
      const unit = matching[count2 - 1];
      return inc.dispatched.find(([u]) => u === unit)?.[1] ?? "system";
    });
  }
  if ("grade" in fact) return some(fact.grade.incident, (inc) => inc.grade >= fact.grade.atLeast ? inc.gradeSteps?.find(([g]) => g >= fact.grade.atLeast)?.[1] ?? "system" : void 0);
  if ("underControl" in fact) return some(fact.underControl.incident, (inc) => inc.underControl ? "system" : void 0);
  if ("closed" in fact) return some(fact.closed.incident, (inc) => inc.closed ? "system" : void 0);
  if ("homeStationFirst" in fact) {
    return some(fact.homeStationFirst.incident, (inc) => {
      if (!inc.homeStationId || inc.firstDispatch.length === 0) return void 0;
      const home = inc.dispatched.find(([u]) => inc.firstDispatch.includes(u) && w.station(u) === inc.homeStationId);
      return home?.[1];
    });
  }
  if ("reinforcementRequested" in fact) return some(fact.reinforcementRequested.incident, (inc) => inc.reinforcementRequested ? inc.reinforcementBy ?? "system" : void 0);
  if ("rescued" in fact) return some(fact.rescued.incident, (inc) => inc.rescued >= fact.rescued.count ? "system" : void 0);
  if ("died" in fact) return some(fact.died.incident, (inc) => inc.died > 0 ? "system" : void 0);
  if ("called" in fact) return some(fact.called.incident, () => "system");
  if ("unitInArea" in fact) {
    const { area, capability, team: team2 } = fact.unitInArea;
    const hit = f.arrivals.find(([u, p]) => has(u, capability, team2) && inArea(p, area, w));
    return hit ? { by: "system" } : void 0;
  }
  if ("roadClosed" in fact) {
    const reason = fact.roadClosed.reason;
    return Object.values(f.closures).some((r) => reason === void 0 || r === reason) ? { by: "system" } : void 0;
  }
  if ("evacuationOrdered" in fact) {
    const ref = fact.evacuationOrdered.incident;
    const byOf = /* @__PURE__ */ __name((k2) => f.evacuationsBy?.[k2] ?? "commander", "byOf");
    if (ref === void 0 || ref === "any") return f.evacuations.length > 0 ? { by: byOf(0) } : void 0;
    const id = incidentOf(f, ref);
    const k = id === void 0 ? -1 : f.evacuations.indexOf(id);
    return k >= 0 ? { by: byOf(k), incidentId: id } : void 0;
  }
  if ("injectFired" in fact) return f.fired.includes(fact.injectFired) ? { by: "system" } : void 0;
  if ("expectedMet" in fact) return f.met.includes(fact.expectedMet) ? { by: "system" } : void 0;
  return void 0;
}
__name(holds, "holds");
function inArea(p, area, w) {
  if ("circle" in area) {
    const c = typeof area.circle.center === "string" ? w.place(area.circle.center) : area.circle.center;
    return c !== void 0 && haversineM(p, c) <= area.circle.radiusM;
  }
  return pointInRing(p, area.polygon);
}
__name(inArea, "inArea");
function pointInRing(p, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [yi, xi] = ring[i];
    const [yj, xj] = ring[j];
    if (yi > p[0] !== yj > p[0] && p[1] < (xj - xi) * (p[0] - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
__name(pointInRing, "pointInRing");
function firstIncidentRef(c) {
  if ("all" in c) return c.all.map(firstIncidentRef).find((r) => r !== void 0);
  if ("any" in c) return c.any.map(firstIncidentRef).find((r) => r !== void 0);
  if ("not" in c) return firstIncidentRef(c.not);
  const body = Object.values(c)[0];
  return typeof body === "object" && body !== null ? body.incident : void 0;
}
__name(firstIncidentRef, "firstIncidentRef");
function witness(c, f, w) {
  if (!evaluate(c, f, w)) return void 0;
  if ("all" in c) {
    const ws = c.all.map((x) => witness(x, f, w)).filter((x) => x !== void 0);
    return ws[ws.length - 1] ?? { by: "system" };
  }
  if ("any" in c) return c.any.map((x) => witness(x, f, w)).find((x) => x !== void 0) ?? { by: "system" };
  if ("not" in c) return { by: "system" };
  return holds(c, f, w) ?? { by: "system" };
}
__name(witness, "witness");

// server/engine/models/arriving-units.ts
var SOURCE_KIND = TEAM_SOURCE_KIND;
function arrivingTeams(injects) {
  return injects.filter((j) => j.kind === "reinforcements");
}
__name(arrivingTeams, "arrivingTeams");
function withArrivingUnits(world2, injects, regionIndex) {
  const teams = arrivingTeams(injects);
  if (teams.length === 0) return world2;
  const region = regionIndex();
  const known = new Set(world2.region.stations.flatMap((s) => s.units.map((u) => u.id)));
  const extra = [];
  for (const inj of teams) {
    const station = teamStation(inj, region, world2.unitTypes.unitTypes, known);
    if (!station) continue;
    for (const u of station.units) known.add(u.id);
    extra.push(station);
  }
  if (extra.length === 0) return world2;
  return { ...world2, region: { ...world2.region, stations: [...world2.region.stations, ...extra] } };
}
__name(withArrivingUnits, "withArrivingUnits");
function teamStation(inj, region, unitTypes, known) {
  const at = typeof inj.stagingAt === "string" ? region.placeLocation(inj.stagingAt) : [inj.stagingAt[0], inj.stagingAt[1]];
  const cell = at ? region.cellAt(at) : void 0;
  if (!at || !cell) return void 0;
  const types = new Map(unitTypes.map((t) => [t.code, t]));
  const units = inj.units.filter((u) => !known.has(u.id) && types.has(u.type));
  if (units.length === 0) return void 0;
  const crew = units.reduce((n, u) => n + (u.crew ?? types.get(u.type).crew), 0);
  return {
    id: stagingStationId(inj.id),
    name: inj.team.en,
    nameZh: inj.team.zh,
    kind: SOURCE_KIND[inj.source],
    jurisdictionId: cell.jurisdictionId,
    location: at,
    staffOnDuty: Math.max(1, crew),
    specialties: [],
    units: units.map((u) => ({ id: u.id, type: u.type }))
  };
}
__name(teamStation, "teamStation");

// server/engine/models/injects.ts
var INJECTS_MODEL = "injects";
function defineScript(s) {
  const injects = scriptInjects(s);
  const expected = scriptExpected(s);
  const tracksFacts = s.mode === "manual" || expected.length > 0 || injects.some((j) => j.contingency !== void 0 || j.kind === "secondary");
  return { injects, expected, forces: s.forces, startIso: s.start, tracksFacts };
}
__name(defineScript, "defineScript");
function injectTimes(def) {
  return def.injects.map((j) => [j.id, j.at ?? -1]);
}
__name(injectTimes, "injectTimes");
function needsEffectRules(j) {
  return j.kind === "crew-injury" || j.kind === "power-outage" && j.hydrantsArea !== void 0;
}
__name(needsEffectRules, "needsEffectRules");
var NO_EFFECT_RULES = "the world has no inject-effect rules (seeds/inject-effects.yaml: crewInjury, dryHydrants)";
function injectsModel(def, effects) {
  const unplayable = effects ? void 0 : def.injects.find(needsEffectRules);
  if (unplayable) throw new Error(`inject ${unplayable.id} (${unplayable.kind}): ${NO_EFFECT_RULES}`);
  const fireTypes = new Set(effects?.dryHydrants.fireTypes ?? []);
  const scripted = new Map(def.injects.map((j) => [j.id, j]));
  const definition = /* @__PURE__ */ __name((state, id) => scripted.get(id) ?? state.added.find((j) => j.id === id), "definition");
  const entryOf = /* @__PURE__ */ __name((state, id) => state.injects.find((j) => j.id === id), "entryOf");
  const worldOf = /* @__PURE__ */ __name((sim) => ({
    capabilities: /* @__PURE__ */ __name((u) => sim.index.units.get(u)?.type.capabilities ?? [], "capabilities"),
    station: /* @__PURE__ */ __name((u) => sim.index.units.get(u)?.station.id, "station"),
    place: /* @__PURE__ */ __name((name) => sim.index.region.placeLocation(name), "place")
  }), "worldOf");
  return {
    id: INJECTS_MODEL,
    // A team's units are in the world from the start, out of service, until its inject fires (a
    // skipped team never comes): nobody may put them in service before that.
    awaitedTeam(state, stationId) {
      for (const e of state.injects) {
        if (e.status === "fired") continue;
        const j = definition(state, e.id);
        if (j?.kind === "reinforcements" && stagingStationId(j.id) === stationId) return `${j.team.zh} ${j.team.en}`;
      }
      return void 0;
    },
    initialState: /* @__PURE__ */ __name(() => ({
      injects: def.injects.map((j) => ({ id: j.id, status: "pending", at: j.held || j.after !== void 0 ? null : j.at ?? null })),
      added: [],
      facts: def.tracksFacts ? emptyFacts() : null,
      unitsBack: [],
      power: null
    }), "initialState"),
    start(ctx) {
      const { sim } = ctx;
      for (const e of ctx.state.injects) if (e.at !== null) ctx.schedule(e.at, `fire:${e.id}`);
      const away = /* @__PURE__ */ __name((unitId, reason, until) => {
        const u = sim.units.get(unitId);
        if (!u || unitStatus(u) === "outOfService") return;
        outOfService(sim, u, reason);
        if (until !== void 0) {
          ctx.state.unitsBack.push([unitId, until]);
          ctx.schedule(until, `back:${unitId}`);
        }
      }, "away");
      const at = /* @__PURE__ */ __name((t) => t === void 0 ? void 0 : offsetOf(t, def.startIso), "at");
      for (const o of def.forces.outOfService) away(o.unit, o.reason || "out of service at the start", at(o.until));
      for (const inj of arrivingTeams(def.injects)) {
        const units = inj.units.map((a) => sim.units.get(a.id)).filter((u) => u !== void 0 && u.info.station.id === stagingStationId(inj.id));
        awaitTeam(ctx, inj, units);
      }
      for (const r of def.forces.reducedStaffing) {
        const u = sim.units.get(r.unit);
        if (!u) continue;
        setCrew(ctx, r.unit, r.crew, "reduced staffing at the start");
        if (r.crew === 0 && unitStatus(u) !== "outOfService") outOfService(sim, u, "no crew");
      }
      for (const a of def.forces.away) {
        const station = sim.index.region.region.stations.find((s) => s.id === a.station);
        for (const u of station?.units ?? []) away(u.id, a.reason || `station ${a.station} away`, at(a.until));
      }
      if (ctx.state.facts) checkExpected(ctx);
    },
    onTimer(ctx, name) {
      const [kind, id] = splitTimer(name);
      const { state, sim } = ctx;
      if (kind === "back") {
        const due = state.unitsBack.find(([u2, until]) => u2 === id && until === sim.now);
        if (!due) return;
        state.unitsBack = state.unitsBack.filter((x) => x !== due);
        const u = sim.units.get(id);
        if (u && unitStatus(u) === "outOfService") backInService(sim, u);
        return;
      }
      if (kind === "power") {
        if (state.power && state.power[0] === id && state.power[1] === sim.now) {
          state.power = null;
          delete state.hydrantsOut;
          sim.emit({ type: "POWER_OUTAGE_ENDED", injectId: id });
        }
        return;
      }
      if (kind === "reopen") {
        if (sim.closures.has(id)) reopenRoad(sim, id, "scenario");
        return;
      }
      const entry = entryOf(state, id);
      const inj = definition(state, id);
      if (!entry || !inj || entry.status !== "pending") return;
      if (kind === "fire") {
        if (entry.at !== sim.now) return;
        if (!inj.contingency) return fire(ctx, inj, entry, false);
        if (holdsNow(ctx, inj.contingency.when)) return fire(ctx, inj, entry, false);
        if (inj.contingency.until === void 0) return skip(ctx, entry, "system", "condition-false");
        entry.watching = true;
        ctx.schedule(Math.max(sim.now, inj.contingency.until + shiftOf(inj, entry)), `until:${id}`);
        return;
      }
      if (kind === "check" && entry.watching && entry.due) {
        entry.due = false;
        if (holdsNow(ctx, inj.contingency.when)) fire(ctx, inj, entry, false);
        return;
      }
      if (kind === "until" && entry.watching) skip(ctx, entry, "system", "condition-never-held");
    },
    crewOf: /* @__PURE__ */ __name((state, unitId) => state.crew?.find(([u]) => u === unitId)?.[1], "crewOf"),
    callHandlingFactor(state) {
      if (!state.power) return 1;
      const inj = definition(state, state.power[0]);
      return inj?.kind === "power-outage" ? inj.centreHandlingFactor : 1;
    },
    // Hydrants without pressure: a fire there needs water brought in (远程供水 long-distance supply),
    // as seeds/inject-effects.yaml (dryHydrants) says.
    extraNeeds(state, incident) {
      if (!effects || !state.hydrantsOut || !incident.type || !fireTypes.has(incident.type)) return void 0;
      if (!inArea(incident.location, state.hydrantsOut, { place: /* @__PURE__ */ __name(() => void 0, "place") })) return void 0;
      return { needs: effects.dryHydrants.needs, reason: "hydrants without pressure (power cut): water brought in" };
    },
    reactions: {
      eventEmitted(ctx, e) {
        const facts = ctx.state.facts;
        if (!facts || !foldFact(facts, e)) return;
        for (const entry of ctx.state.injects) {
          if (!entry.watching || entry.due || entry.status !== "pending") continue;
          const inj = definition(ctx.state, entry.id);
          if (inj?.contingency && holdsNow(ctx, inj.contingency.when)) {
            entry.due = true;
            ctx.schedule(ctx.sim.now, `check:${entry.id}`);
          }
        }
        checkExpected(ctx);
      }
    },
    commands: {
      FIRE_INJECT: /* @__PURE__ */ __name((ctx, cmd, by) => check(ctx.state, cmd.type, cmd.injectId, by) ?? (() => fire(ctx, definition(ctx.state, cmd.injectId), entryOf(ctx.state, cmd.injectId), true)), "FIRE_INJECT"),
      SKIP_INJECT: /* @__PURE__ */ __name((ctx, cmd, by) => check(ctx.state, cmd.type, cmd.injectId, by) ?? (() => skip(ctx, entryOf(ctx.state, cmd.injectId), by.role)), "SKIP_INJECT"),
      POSTPONE_INJECTS(ctx, cmd, by) {
        const denied = controllerOnly(cmd.type, by);
        if (denied) return denied;
        const moving = ctx.state.injects.filter((e) => e.status === "pending" && e.at !== null && e.at >= ctx.sim.now);
        if (moving.length === 0) return refuse("not-allowed-in-state", "no pending timed inject to postpone");
        return () => {
          for (const e of moving) {
            e.at = e.at + cmd.byMs;
            ctx.schedule(e.at, `fire:${e.id}`);
          }
          ctx.sim.emit({ type: "INJECTS_POSTPONED", byMs: cmd.byMs, injectIds: moving.map((e) => e.id), by: by.role });
        };
      },
      ADD_INJECT(ctx, cmd, by) {
        const denied = controllerOnly(cmd.type, by);
        if (denied) return denied;
        const parsed = InjectSchema.safeParse(cmd.inject);
        if (!parsed.success) return refuse("invalid", `inject: ${parsed.error.issues.map((i) => `${i.path.join(".") || "inject"}: ${i.message}`).join("; ")}`);
        const raw = parsed.data;
        const id = raw.id ?? `adhoc-${ctx.state.added.length + 1}`;
        if (entryOf(ctx.state, id)) return refuse("invalid", `inject id ${id} is already used`);
        if (raw.after !== void 0 && !entryOf(ctx.state, raw.after)) return refuse("not-found", `no inject ${raw.after} to follow`);
        const at = raw.at === void 0 ? void 0 : offsetOf(raw.at, def.startIso);
        const placeProblem = unresolvedPlace(ctx.sim, raw);
        if (placeProblem) return refuse("invalid", placeProblem);
        if (!effects && needsEffectRules(raw)) return refuse("invalid", `a ${raw.kind} inject cannot be played: ${NO_EFFECT_RULES}`);
        return () => {
          const { at: _at, contingency, id: _id, ...rest } = raw;
          const inj = {
            ...rest,
            id,
            ...at !== void 0 ? { at } : {},
            ...contingency ? { contingency: { when: contingency.when, ...contingency.until !== void 0 ? { until: offsetOf(contingency.until, def.startIso) } : {} } } : {},
            origin: { list: "injects", index: -1 }
          };
          ctx.state.added.push(inj);
          if (inj.contingency && !ctx.state.facts) ctx.state.facts = emptyFacts();
          const planned = inj.held || inj.after !== void 0 || at === void 0 ? null : Math.max(at, ctx.sim.now);
          const entry = { id, status: "pending", at: planned };
          ctx.state.injects.push(entry);
          ctx.sim.emit({ type: "INJECT_ADDED", injectId: id, kind: inj.kind, ...planned !== null ? { at: planned } : {}, by: by.role });
          if (inj.kind === "reinforcements") awaitTeam(ctx, inj, joinTeam(ctx.sim, inj));
          if (planned !== null) ctx.schedule(planned, `fire:${id}`);
        };
      },
      ORDER_EVACUATION(ctx, cmd, by) {
        if (by.role === "observer") return refuse("forbidden", "an observer may not order an evacuation");
        if (cmd.incidentId !== void 0 && !ctx.sim.knowsIncident(cmd.incidentId)) return refuse("not-found", `no incident ${cmd.incidentId}`);
        return () => ctx.sim.emit({ type: "EVACUATION_ORDERED", ...cmd.incidentId ? { incidentId: cmd.incidentId } : {}, ...cmd.area ? { area: cmd.area } : {}, note: cmd.note, by: by.role });
      }
    }
  };
  function awaitTeam(ctx, inj, units) {
    for (const u of units) {
      const crew = inj.units.find((a) => a.id === u.info.id)?.crew;
      if (crew !== void 0 && crew !== u.info.type.crew) setCrew(ctx, u.info.id, crew, `${inj.team.zh} ${inj.team.en}`);
      outOfService(ctx.sim, u, `not arrived yet: ${inj.team.zh} ${inj.team.en}`);
    }
  }
  __name(awaitTeam, "awaitTeam");
  function crewNow(state, unitId, typeCrew) {
    return state.crew?.find(([u]) => u === unitId)?.[1] ?? typeCrew;
  }
  __name(crewNow, "crewNow");
  function setCrew(ctx, unitId, crew, reason, injured) {
    const list = ctx.state.crew ??= [];
    const k = list.findIndex(([u]) => u === unitId);
    if (k >= 0) list[k] = [unitId, crew];
    else list.push([unitId, crew]);
    ctx.sim.emit({ type: "CREW_CHANGED", unitId, crew, ...injured !== void 0 ? { injured } : {}, reason });
  }
  __name(setCrew, "setCrew");
  function holdsNow(ctx, when) {
    return evaluate(when, ctx.state.facts ?? emptyFacts(), worldOf(ctx.sim));
  }
  __name(holdsNow, "holdsNow");
  function shiftOf(inj, entry) {
    return inj.at !== void 0 && entry.at !== null ? entry.at - inj.at : 0;
  }
  __name(shiftOf, "shiftOf");
  function check(state, type, id, by) {
    const denied = controllerOnly(type, by);
    if (denied) return denied;
    const entry = entryOf(state, id);
    if (!entry) return refuse("not-found", `no inject ${id} in this scenario (pending: ${state.injects.filter((j) => j.status === "pending").map((j) => j.id).join(", ") || "none"})`);
    if (entry.status !== "pending") return refuse("not-allowed-in-state", `inject ${id} was already ${entry.status}`);
    return void 0;
  }
  __name(check, "check");
  function skip(ctx, entry, by, reason) {
    entry.status = "skipped";
    entry.watching = false;
    ctx.sim.emit({ type: "INJECT_SKIPPED", injectId: entry.id, by, ...reason ? { reason } : {} });
  }
  __name(skip, "skip");
  function checkExpected(ctx) {
    const facts = ctx.state.facts;
    const w = worldOf(ctx.sim);
    for (const ex of def.expected) {
      if (facts.met.includes(ex.id)) continue;
      const who = witness(ex.check, facts, w);
      if (!who) continue;
      let deadlineAt = ex.by;
      if (deadlineAt === void 0 && ex.within !== void 0) {
        const ref = firstIncidentRef(ex.check);
        const inc = ref === void 0 ? void 0 : incidentOf(facts, ref);
        const calledAt = inc === void 0 ? void 0 : facts.incidents[inc]?.calledAt;
        if (calledAt !== void 0) deadlineAt = calledAt + ex.within;
      }
      const now = ctx.sim.now;
      ctx.sim.emit({
        type: "EXPECTED_ACTION_MET",
        expectedId: ex.id,
        ...ex.objective ? { objectiveId: ex.objective } : {},
        ...who.incidentId ? { incidentId: who.incidentId } : {},
        by: who.by,
        ...deadlineAt !== void 0 ? { deadlineAt } : {},
        onTime: deadlineAt === void 0 || now <= deadlineAt
      });
      return;
    }
  }
  __name(checkExpected, "checkExpected");
  function fire(ctx, inj, entry, early) {
    const { sim, state } = ctx;
    entry.status = "fired";
    entry.watching = false;
    let incidentId;
    const makesCall = inj.kind === "call" || inj.kind === "secondary" && state.facts?.injectIncident[inj.scene] !== void 0;
    sim.emit({ type: "INJECT_FIRED", injectId: inj.id, early, ...makesCall ? { incidentId: sim.peekIncidentId() } : {} });
    switch (inj.kind) {
      case "call":
        incidentId = receiveCall(sim, {
          source: "scripted",
          type: inj.type,
          location: placeOf(sim, inj.location),
          description: inj.words ?? inj.description ?? "",
          size: inj.truth?.size,
          trapped: inj.truth?.trapped,
          reportedGrade: inj.reportedGrade,
          streamKey: `inject-${inj.id}`
        }).id;
        break;
      case "secondary": {
        const sceneId = state.facts?.injectIncident[inj.scene];
        const scene = sceneId === void 0 ? void 0 : sim.incidents.get(sceneId) ?? sim.endedIncidents.get(sceneId);
        if (!scene) break;
        const what = { collapse: "\u574D\u584C collapse", explosion: "\u7206\u70B8 explosion", spread: "\u8513\u5EF6 spread" }[inj.what];
        incidentId = receiveCall(sim, {
          source: "scripted",
          type: inj.type ?? scene.trueType,
          location: scene.location,
          description: `${what} at ${scene.id}${inj.description ? `: ${inj.description}` : ""}`,
          size: inj.truth?.size,
          trapped: inj.truth?.trapped,
          streamKey: `inject-${inj.id}`
        }).id;
        break;
      }
      case "road-closure": {
        const area = inj.road ? { kind: "segment", from: placeOf(sim, inj.road.from), to: placeOf(sim, inj.road.to) } : inj.area ? areaOf(sim, inj.area) : void 0;
        closeArea(sim, area, inj.reason, inj.closureId, inj.description ?? "", inj.lasts === void 0 ? void 0 : sim.now + inj.lasts);
        break;
      }
      case "bridge-down":
        closeArea(sim, { kind: "circle", center: placeOf(sim, inj.bridge), radiusM: inj.radiusM }, "collapse", inj.closureId, inj.description ?? "bridge down");
        break;
      case "road-reopen":
        if (sim.closures.has(inj.closureId)) reopenRoad(sim, inj.closureId, "scenario");
        break;
      case "comms-outage": {
        const handler = sim.models.commandHandler("SET_COMMS_OUTAGE");
        const plan = handler?.({ type: "SET_COMMS_OUTAGE", stationId: inj.station, on: true, note: inj.description ?? "", ...inj.lasts !== void 0 ? { durationMs: inj.lasts } : {}, ...inj.reports ? { reports: inj.reports } : {} }, { role: "scenario" });
        if (typeof plan === "function") plan();
        break;
      }
      case "power-outage": {
        const until = inj.lasts === void 0 ? null : sim.now + inj.lasts;
        state.power = [inj.id, until];
        const hydrantsArea = inj.hydrantsArea ? areaOf(sim, inj.hydrantsArea) : void 0;
        const dry = hydrantsArea?.kind === "circle" ? { circle: { center: hydrantsArea.center, radiusM: hydrantsArea.radiusM } } : hydrantsArea?.kind === "polygon" ? { polygon: hydrantsArea.ring } : void 0;
        if (dry) state.hydrantsOut = dry;
        else delete state.hydrantsOut;
        sim.emit({ type: "POWER_OUTAGE_STARTED", injectId: inj.id, handlingFactor: inj.centreHandlingFactor, ...hydrantsArea ? { hydrantsArea } : {}, ...until !== null ? { until } : {} });
        if (until !== null) ctx.schedule(until, `power:${inj.id}`);
        break;
      }
      case "unit-breakdown": {
        const u = sim.units.get(inj.unit);
        if (!u || unitStatus(u) === "outOfService") break;
        outOfService(sim, u, `breakdown${inj.description ? `: ${inj.description}` : ""}`);
        if (inj.lasts !== void 0) {
          state.unitsBack.push([inj.unit, sim.now + inj.lasts]);
          ctx.schedule(sim.now + inj.lasts, `back:${inj.unit}`);
        }
        break;
      }
      case "crew-injury": {
        const u = sim.units.get(inj.unit);
        if (!u) break;
        const typeCrew = u.info.type.crew;
        const left = Math.max(0, crewNow(state, u.info.id, typeCrew) - inj.injured);
        setCrew(ctx, u.info.id, left, `crew injury: ${inj.injured} injured${inj.description ? `: ${inj.description}` : ""}`, inj.injured);
        if (left < crewToKeepWorking(effects.crewInjury, typeCrew)) {
          if (unitStatus(u) !== "outOfService") outOfService(sim, u, `crew injury: ${inj.injured} injured, ${left} left`);
        } else if (u.incidentId && unitStatus(u) === "working") {
          const inc = sim.incidents.get(u.incidentId);
          if (inc) reassessIncident(sim, inc);
        }
        break;
      }
      case "reinforcements": {
        const units = inj.units.map((u) => ({ id: u.id, type: u.type, ...u.crew !== void 0 ? { crew: u.crew } : {} }));
        sim.emit({ type: "REINFORCEMENTS_ARRIVED", injectId: inj.id, source: inj.source, team: inj.team, stagingAt: placeOf(sim, inj.stagingAt), units, stationId: stagingStationId(inj.id) });
        for (const a of units) {
          const u = sim.units.get(a.id);
          if (u && u.info.station.id === stagingStationId(inj.id) && unitStatus(u) === "outOfService" && (u.info.type.crew === 0 || crewNow(state, a.id, u.info.type.crew) > 0)) backInService(sim, u);
        }
        break;
      }
      case "message":
        sim.emit({ type: "MESSAGE_SENT", injectId: inj.id, source: inj.source, text: inj.text });
        break;
      case "hazard":
        break;
    }
    for (const e of state.injects) {
      if (e.status !== "pending" || e.at !== null) continue;
      const next = definition(state, e.id);
      if (next?.after === inj.id && !next.held) {
        e.at = sim.now + (next.delay ?? 0);
        ctx.schedule(e.at, `fire:${e.id}`);
      }
    }
    return incidentId;
  }
  __name(fire, "fire");
}
__name(injectsModel, "injectsModel");
function splitTimer(name) {
  const k = name.indexOf(":");
  return k < 0 ? ["fire", name] : [name.slice(0, k), name.slice(k + 1)];
}
__name(splitTimer, "splitTimer");
function placeOf(sim, p) {
  return typeof p === "string" ? sim.index.region.placeLocation(p) ?? sim.index.region.placeLocation(p.trim()) : [p[0], p[1]];
}
__name(placeOf, "placeOf");
function areaOf(sim, a) {
  if ("circle" in a) return { kind: "circle", center: placeOf(sim, a.circle.center), radiusM: a.circle.radiusM };
  return { kind: "polygon", ring: a.polygon.map((p) => [p[0], p[1]]) };
}
__name(areaOf, "areaOf");
function closeArea(sim, area, reason, wantedId, note, until) {
  const { edgesIn } = sim.baseTravel;
  if (!area || !edgesIn || !sim.baseTravel.withClosedEdges) return void 0;
  if (wantedId && sim.closures.has(wantedId)) return void 0;
  const edges = edgesIn(area);
  if (edges.length === 0) return void 0;
  const id = wantedId ?? nextClosureId(sim);
  closeRoad(sim, { id, reason, area, note, edges, ...until === void 0 ? {} : { until } }, "scenario");
  return id;
}
__name(closeArea, "closeArea");
function unresolvedPlace(sim, inj) {
  const places = [];
  if (inj.kind === "call") places.push(inj.location);
  if (inj.kind === "bridge-down") places.push(inj.bridge);
  if (inj.kind === "reinforcements") places.push(inj.stagingAt);
  if (inj.kind === "road-closure" && inj.road) places.push(inj.road.from, inj.road.to);
  for (const p of places) {
    const at = placeOf(sim, p);
    if (!at || !sim.index.region.cellAt(at)) return `unknown place ${JSON.stringify(p)} in region ${sim.index.region.region.id}`;
  }
  if ((inj.kind === "unit-breakdown" || inj.kind === "crew-injury") && !sim.units.has(inj.unit)) return `no unit ${inj.unit}`;
  if (inj.kind === "comms-outage" && !sim.index.stations.has(inj.station)) return `no station ${inj.station}`;
  if (inj.kind === "reinforcements") {
    const types = new Set(sim.index.world.unitTypes.unitTypes.map((t) => t.code));
    const seen = /* @__PURE__ */ new Set();
    for (const u of inj.units) {
      if (seen.has(u.id)) return `unit id ${u.id} is listed twice in the team (expected each arriving unit once)`;
      seen.add(u.id);
      if (sim.units.has(u.id)) return `unit id ${u.id} is already a unit of the exercise (expected a new id for an arriving unit)`;
      if (!types.has(u.type)) return `unknown unit type ${u.type} of unit ${u.id} (expected one of: ${[...types].join(", ")})`;
    }
  }
  return void 0;
}
__name(unresolvedPlace, "unresolvedPlace");
function joinTeam(sim, inj) {
  const station = teamStation(inj, sim.index.region, sim.index.world.unitTypes.unitTypes, new Set(sim.units.keys()));
  return station ? sim.addStation(station) : [];
}
__name(joinTeam, "joinTeam");
function rejoinLiveTeams(sim, saved) {
  const added = saved?.added ?? [];
  for (const inj of added) if (inj.kind === "reinforcements" && !sim.index.stations.has(stagingStationId(inj.id))) joinTeam(sim, inj);
}
__name(rejoinLiveTeams, "rejoinLiveTeams");
function pendingInjects(sim, def) {
  const state = sim.models.stateOf(INJECTS_MODEL);
  if (!state) return [];
  const all = [...def.injects, ...state.added];
  return state.injects.map((e, order) => ({ e, order, inj: all.find((j) => j.id === e.id) })).filter(({ e, inj }) => e.status === "pending" && e.at !== null && inj.kind === "call" && !inj.contingency).sort((a, b) => a.e.at - b.e.at || a.order - b.order).map(({ e, inj }) => {
    const call = inj;
    return { id: e.id, at: e.at, type: call.type, location: placeOf(sim, call.location), description: call.words ?? call.description ?? "" };
  });
}
__name(pendingInjects, "pendingInjects");
function scriptView(sim, def) {
  const state = sim.models.stateOf(INJECTS_MODEL);
  if (!state) return [];
  const all = [...def.injects, ...state.added];
  const facts = state.facts ?? emptyFacts();
  const w = {
    capabilities: /* @__PURE__ */ __name((u) => sim.index.units.get(u)?.type.capabilities ?? [], "capabilities"),
    station: /* @__PURE__ */ __name((u) => sim.index.units.get(u)?.station.id, "station"),
    place: /* @__PURE__ */ __name((name) => sim.index.region.placeLocation(name), "place")
  };
  return state.injects.map((e) => {
    const inj = all.find((j) => j.id === e.id);
    const status = e.status === "pending" && inj.held ? "held" : e.status;
    return {
      id: e.id,
      kind: inj.kind,
      status,
      ...e.at !== null ? { at: e.at } : {},
      ...inj.after ? { after: inj.after } : {},
      ...inj.description ? { description: inj.description } : {},
      ...inj.contingency ? { contingency: { when: inj.contingency.when, holds: evaluate(inj.contingency.when, facts, w), watching: e.watching === true, ...inj.contingency.until !== void 0 ? { until: inj.contingency.until } : {} } } : {},
      adHoc: inj.origin.index < 0,
      ...e.at !== null && inj.at !== void 0 && e.at !== inj.at ? { postponedMs: e.at - inj.at } : {},
      ...inj.kind === "call" ? { type: inj.type, ...inj.words ? { words: inj.words } : {} } : {},
      ...inj.kind === "secondary" && inj.type ? { type: inj.type } : {},
      ...inj.kind === "message" ? { text: inj.text } : {}
    };
  });
}
__name(scriptView, "scriptView");

// server/engine/models/background-calls.ts
var BACKGROUND_CALLS_MODEL = "background-calls";
var NEXT = "next-call";
function backgroundCallsModel(source) {
  return {
    id: BACKGROUND_CALLS_MODEL,
    initialState: /* @__PURE__ */ __name(() => ({ next: null, rung: 0 }), "initialState"),
    start(ctx) {
      const first = source.next(ctx.sim.stream(STREAM.backgroundArrivals), 0, ctx.sim.endsAt);
      ctx.state.next = first ?? null;
      if (first) ctx.schedule(first.at, NEXT);
    },
    onTimer(ctx, name) {
      const call = ctx.state.next;
      if (name !== NEXT || !call) return;
      const { sim } = ctx;
      ctx.state.rung++;
      receiveCall(sim, { source: "background", type: call.incidentType, location: call.location, description: "", streamKey: `background-${ctx.state.rung}` });
      const next = source.next(sim.stream(STREAM.backgroundArrivals), sim.now, sim.endsAt);
      ctx.state.next = next ?? null;
      if (next) ctx.schedule(next.at, NEXT);
    }
  };
}
__name(backgroundCallsModel, "backgroundCallsModel");

// server/engine/snapshot.ts
var SNAPSHOT_FORMAT = 4;
var streamStates = /* @__PURE__ */ __name((sim) => [...sim.streams].map(([purpose, rng]) => [purpose, rng.getState()]), "streamStates");
var byIncidentId = /* @__PURE__ */ __name((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0), "byIncidentId");
var endedRecords = /* @__PURE__ */ __name((sim) => [...sim.endedIncidents.keys()].sort(byIncidentId).map((id) => {
  const r = sim.endedIncidents.get(id);
  return [id, r.snap.value, r.snap.context ?? null, r.trueType, r.location];
}), "endedRecords");
function encode(v, path5 = "$") {
  if (typeof v === "number") {
    if (Number.isNaN(v)) return { $num: "NaN" };
    if (v === Infinity) return { $num: "Infinity" };
    if (v === -Infinity) return { $num: "-Infinity" };
    if (Object.is(v, -0)) return { $num: "-0" };
    return v;
  }
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map((x, i) => encode(x, `${path5}[${i}]`));
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out = {};
    for (const [k, x] of Object.entries(v)) if (x !== void 0) out[k] = encode(x, `${path5}.${k}`);
    return out;
  }
  throw new Error(`engine snapshot: cannot store ${path5} (${Object.prototype.toString.call(v)})`);
}
__name(encode, "encode");
function decode(v) {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === "object") {
    const o = v;
    if (typeof o.$num === "string" && Object.keys(o).length === 1) return Number(o.$num);
    const out = {};
    for (const [k, x] of Object.entries(o)) out[k] = decode(x);
    return out;
  }
  return v;
}
__name(decode, "decode");
function canonicalState(sim) {
  return JSON.stringify({
    now: sim.now,
    seq: sim.seq,
    mode: sim.mode,
    ended: sim.ended,
    streams: streamStates(sim),
    incidentCounter: sim.incidentCounter,
    units: [...sim.units.values()].map((u) => [u.info.id, unitStatus(u), u.incidentId ?? null, u.position, u.leg ?? null, u.timerVersion, u.destination ?? null, u.trafficAt ?? null]),
    incidents: [...sim.incidents.values()].map(({ snap: snap2, ...rest }) => ({ status: snap2.value, grade: snap2.context.grade, ...rest })),
    endedIncidents: endedRecords(sim),
    queue: sim.queue.ordered().map((q) => [q.at, q.order, q.payload]),
    waiting: [...sim.waiting],
    closures: [...sim.closures.values()],
    closureCounter: sim.closureCounter,
    models: sim.models.states()
  });
}
__name(canonicalState, "canonicalState");
function takeSnapshot(sim, started, fingerprint, digest) {
  return {
    format: SNAPSHOT_FORMAT,
    fingerprint,
    started,
    now: sim.now,
    seq: sim.seq,
    mode: sim.mode,
    ended: sim.ended,
    streams: streamStates(sim),
    incidentCounter: sim.incidentCounter,
    closureCounter: sim.closureCounter,
    queue: { nextOrder: sim.queue.scheduledCount, items: sim.queue.ordered().map((q) => [q.at, q.order, encode(q.payload, `queue[${q.order}]`)]) },
    units: [...sim.units.values()].map(({ info, snap: snap2, ...rest }) => ({ id: info.id, value: snap2.value, context: snap2.context ?? null, rest: encode(rest, `unit ${info.id}`) })),
    incidents: [...sim.incidents.values()].map(({ snap: snap2, ...rest }) => ({ value: snap2.value, context: snap2.context ?? null, rest: encode(rest, `incident ${rest.id}`) })),
    endedIncidents: endedRecords(sim),
    waiting: [...sim.waiting].map(([id, unmet]) => [id, encode(unmet, `waiting ${id}`)]),
    closures: [...sim.closures.values()].map((c) => encode(c, `closure ${c.id}`)),
    models: sim.models.states().map(([id, state]) => [id, encode(state, `model ${id}`)]),
    digest
  };
}
__name(takeSnapshot, "takeSnapshot");
var same = /* @__PURE__ */ __name((a, b) => JSON.stringify(a) === JSON.stringify(b), "same");
function restoreInto(sim, s, fingerprint) {
  if (s.format !== SNAPSHOT_FORMAT) throw new Error(`engine snapshot: format ${String(s.format)} is not ${SNAPSHOT_FORMAT}`);
  for (const k of Object.keys(fingerprint)) {
    if (!same(s.fingerprint[k], fingerprint[k])) throw new Error(`engine snapshot: taken with another ${k} (${JSON.stringify(s.fingerprint[k])}, this engine has ${JSON.stringify(fingerprint[k])})`);
  }
  sim.now = s.now;
  sim.seq = s.seq;
  sim.mode = s.mode;
  sim.ended = s.ended;
  sim.incidentCounter = s.incidentCounter;
  sim.closureCounter = s.closureCounter;
  sim.streams.clear();
  for (const [purpose, words] of s.streams) {
    if (!isRngState(words)) throw new Error(`engine snapshot: bad PRNG state of stream ${purpose}`);
    sim.streams.set(purpose, createRng(sim.seed, words));
  }
  sim.loadQueue(s.queue.items.map(([at, order, payload]) => ({ at, order, payload: decode(payload) })), s.queue.nextOrder);
  if (s.units.length !== sim.units.size) throw new Error(`engine snapshot: ${s.units.length} units, this world has ${sim.units.size}`);
  for (const su of s.units) {
    const u = sim.units.get(su.id);
    if (!u) throw new Error(`engine snapshot: unit ${su.id} is not in this world`);
    const rest = decode(su.rest);
    for (const k of ["incidentId", "leg", "course", "destination", "trafficAt"]) delete u[k];
    Object.assign(u, rest, { snap: unitStepper.restore(su.value, su.context === null ? void 0 : su.context) });
  }
  sim.incidents.clear();
  for (const si of s.incidents) {
    const rest = decode(si.rest);
    sim.incidents.set(rest.id, { ...rest, snap: incidentStepper.restore(si.value, si.context) });
  }
  sim.endedIncidents.clear();
  for (const [id, value, context, trueType, location] of s.endedIncidents) {
    sim.endedIncidents.set(id, { id, snap: incidentStepper.restore(value, context), trueType, location });
  }
  sim.waiting.clear();
  for (const [id, unmet] of s.waiting) sim.waiting.set(id, decode(unmet));
  sim.closures.clear();
  for (const c of s.closures) {
    const closure = decode(c);
    sim.closures.set(closure.id, closure);
  }
  refreshModel(sim);
  for (const [id, state] of s.models) sim.models.setState(id, decode(state));
}
__name(restoreInto, "restoreInto");

// server/engine/engine.ts
function createEngine(config) {
  const { scenario: scenario2 } = config;
  const script = defineScript(scenario2);
  const world2 = withArrivingUnits(config.world, script.injects, () => indexRegion(config.world.region));
  const index = indexWorld(world2);
  const seed = config.seed ?? scenario2.seed;
  const startLocalMs = localMsOfDayAtStart(scenario2.start, world2.region.utcOffsetHours);
  const travel2 = config.travel ?? world2.travelModel?.({ startLocalMs }) ?? greatCircleTravel(world2.doctrine);
  const sim = new Simulation(index, travel2, seed, scenario2.mode, scenario2.duration, startLocalMs);
  let started = false;
  const hash = config.sha256 ?? sha256Hex;
  for (const j of script.injects) {
    if (j.kind === "call" && typeof j.location === "string" && !index.region.placeLocation(j.location)) throw new Error(`scenario ${scenario2.name}: unknown place ${JSON.stringify(j.location)} in inject ${j.id}`);
  }
  sim.models.register(injectsModel(script, world2.injectEffects));
  if (config.background) sim.models.register(backgroundCallsModel(config.background));
  sim.models.register(commsOutageModel);
  for (const model of config.models ?? []) sim.models.register(model);
  const happen = {
    unitFreed: /* @__PURE__ */ __name((u) => {
      unitFreed(sim, u);
      sim.models.react("unitFreed", u);
    }, "unitFreed"),
    trueGradeRose: /* @__PURE__ */ __name((inc, grade, reason) => {
      autoEscalate(sim, inc, grade, reason);
      sim.models.react("trueGradeRose", inc, grade, reason);
    }, "trueGradeRose"),
    capacityReturned: /* @__PURE__ */ __name(() => {
      serveWaiting(sim);
      sim.models.react("capacityReturned");
    }, "capacityReturned"),
    callReceived: /* @__PURE__ */ __name((inc) => sim.models.react("callReceived", inc), "callReceived"),
    incidentEnded: /* @__PURE__ */ __name((inc) => sim.models.react("incidentEnded", inc), "incidentEnded"),
    rescueDone: /* @__PURE__ */ __name((inc) => {
      releaseRescueTeams(sim, inc);
      sim.models.react("rescueDone", inc);
    }, "rescueDone"),
    eventEmitted: /* @__PURE__ */ __name((e) => sim.models.eventEmitted(e), "eventEmitted")
  };
  sim.happen = happen;
  const fingerprint = {
    scenario: scenario2.name,
    region: world2.region.id,
    seed,
    endsAt: sim.endsAt,
    startLocalMs,
    units: [...index.unitIds],
    injects: injectTimes(script),
    background: config.background !== void 0,
    roads: world2.roads !== void 0,
    models: sim.models.ids()
  };
  const plan = /* @__PURE__ */ __name((command, by) => {
    if (sim.ended) return refuse("not-allowed-in-state", "the simulation has ended");
    const byModel = sim.models.commandHandler(command.type);
    return byModel ? byModel(command, by) : planCommand(sim, command, by);
  }, "plan");
  const engine = {
    get now() {
      return sim.now;
    },
    get endsAt() {
      return sim.endsAt;
    },
    get seed() {
      return seed;
    },
    start() {
      if (started) throw new Error("engine already started");
      started = true;
      sim.emit({ type: "SIMULATION_STARTED", seed, scenario: scenario2.name, region: world2.region.id, mode: sim.mode, startIso: scenario2.start });
      sim.models.start();
      sim.schedule(sim.endsAt, { kind: "end" });
      sim.retireEnded();
      return sim.drain();
    },
    apply(command, by) {
      const p = plan(command, by);
      if (isRefusal(p)) {
        const result2 = { ok: false, error: { ...p, command: command.type } };
        if (sim.ended) return { result: result2, events: [] };
        sim.emit({ type: "COMMAND_REFUSED", command, by, error: { code: p.code, message: p.message } });
        return { result: result2, events: sim.drain() };
      }
      const seqFrom = sim.seq + 1;
      sim.emit({ type: "COMMAND_ACCEPTED", command, by });
      const incidentId = p();
      sim.retireEnded();
      const events = sim.drain();
      const result = { ok: true, seqFrom, seqTo: sim.seq, ...incidentId ? { incidentId } : {} };
      return { result, events };
    },
    advanceTo(t) {
      const until = Math.min(t, sim.endsAt);
      for (let next = sim.ended ? void 0 : sim.popDue(until); next; next = sim.ended ? void 0 : sim.popDue(until)) {
        sim.now = next.at;
        fireTimer(sim, next.payload);
      }
      if (until > sim.now) sim.now = until;
      sim.retireEnded();
      return sim.drain();
    },
    nextEventAt() {
      if (sim.ended) return void 0;
      return sim.queue.peek()?.at;
    },
    recommend(incidentId) {
      const inc = sim.incidents.get(incidentId);
      return inc ? recommend(sim, inc) : void 0;
    },
    etas(incidentId, unitIds) {
      const inc = sim.incidents.get(incidentId);
      if (!inc) return void 0;
      return unitIds.flatMap((id) => {
        const u = sim.units.get(id);
        if (!u) return [];
        const s = etaSeconds(sim, u, inc.location);
        return [{ unitId: id, etaSec: Number.isFinite(s) ? Math.round(s) : null, orderable: sim.stationOrderable(u.info.station.id) }];
      });
    },
    view() {
      const units = [];
      for (const u of sim.units.values()) {
        units.push({ id: u.info.id, stationId: u.info.station.id, type: u.info.type.code, status: unitStatus(u), position: sim.unitPosition(u), ...u.incidentId ? { incidentId: u.incidentId } : {}, ...u.leg ? { leg: u.leg } : {} });
      }
      const incidents = [];
      for (const i of sim.incidents.values()) {
        const g = incidentGrade(i);
        incidents.push({
          id: i.id,
          status: incidentStatus(i),
          type: i.type,
          ...g ? { grade: g } : {},
          location: i.location,
          ...i.jurisdictionId ? { jurisdictionId: i.jurisdictionId } : {},
          ...i.homeStationId ? { homeStationId: i.homeStationId } : {},
          receivedAt: i.receivedAt,
          description: i.description,
          unitIds: [...i.units],
          knownSize: i.knownSize,
          knownTrapped: i.knownTrapped,
          rescued: i.rescued,
          dead: i.dead,
          unreachable: i.cutOff
        });
      }
      const closures = [...sim.closures.values()].map((c) => ({ id: c.id, reason: c.reason, area: c.area, note: c.note, closedAt: c.closedAt, closedEdges: c.edges.length }));
      return { now: sim.now, mode: sim.mode, incidents, units, injects: pendingInjects(sim, script), script: scriptView(sim, script), closures, commsOut: stationsCut(sim) };
    },
    canonicalState: /* @__PURE__ */ __name(() => canonicalState(sim), "canonicalState"),
    digest: /* @__PURE__ */ __name(() => hash(canonicalState(sim)), "digest"),
    snapshot() {
      return takeSnapshot(sim, started, fingerprint, engine.digest());
    }
  };
  if (config.restore) {
    rejoinLiveTeams(sim, decode(config.restore.models.find(([id]) => id === INJECTS_MODEL)?.[1] ?? null));
    restoreInto(sim, config.restore, fingerprint);
    started = config.restore.started;
    if (engine.digest() !== config.restore.digest) throw new Error(`engine snapshot at seq ${config.restore.seq}: the restored state does not reproduce the snapshot's digest`);
  }
  return engine;
}
__name(createEngine, "createEngine");

// server/metrics/percentiles.ts
function percentileOfSorted(sorted, p, method = "nearest-rank") {
  const n = sorted.length;
  if (n === 0) return void 0;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  if (method === "nearest-rank") {
    const rank = Math.max(1, Math.ceil(p / 100 * n));
    return sorted[rank - 1];
  }
  const h = (n - 1) * p / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo];
  const b = sorted[hi];
  return a + (h - lo) * (b - a);
}
__name(percentileOfSorted, "percentileOfSorted");

// server/metrics/time-segments.ts
var SEGMENT_KEYS = [
  "answering",
  "processing",
  "turnout",
  "travel",
  "dispatchToFirstArrival",
  "totalResponse",
  "assembly",
  "underControl",
  "totalEvent"
];
var FIRST_WAVE_WINDOW_MS = 6e4;
function startIncidentTimes(call) {
  return {
    incidentId: call.incidentId,
    receivedAt: call.t,
    answeredAt: void 0,
    firstDispatchAt: void 0,
    firstDispatchedUnitId: void 0,
    firstArrivalAt: void 0,
    firstArrivalUnitId: void 0,
    underControlAt: void 0,
    endedAt: void 0,
    ending: void 0,
    units: /* @__PURE__ */ new Map()
  };
}
__name(startIncidentTimes, "startIncidentTimes");
function recordOwnEvent(times, e) {
  switch (e.type) {
    case "CALL_ANSWERED":
      times.answeredAt ??= e.t;
      break;
    case "INCIDENT_TRIAGED":
      times.answeredAt ??= e.t;
      break;
    case "UNIT_DISPATCHED":
      if (times.firstDispatchAt === void 0) {
        times.firstDispatchAt = e.t;
        times.firstDispatchedUnitId = e.unitId;
      }
      if (times.units.has(e.unitId)) times.units.get(e.unitId).droppedAt = void 0;
      else times.units.set(e.unitId, { dispatchedAt: e.t, enRouteAt: void 0, arrivedAt: void 0, droppedAt: void 0 });
      break;
    case "UNIT_EN_ROUTE": {
      const u = times.units.get(e.unitId);
      if (u) u.enRouteAt ??= e.t;
      break;
    }
    case "UNIT_ARRIVED": {
      const u = times.units.get(e.unitId);
      if (u) u.arrivedAt ??= e.t;
      if (times.firstArrivalAt === void 0) {
        times.firstArrivalAt = e.t;
        times.firstArrivalUnitId = e.unitId;
      }
      break;
    }
    case "UNIT_RELEASED":
    case "UNIT_OUT_OF_SERVICE": {
      const u = times.units.get(e.unitId);
      if (u && u.arrivedAt === void 0) u.droppedAt ??= e.t;
      break;
    }
    case "INCIDENT_UNDER_CONTROL":
      times.underControlAt ??= e.t;
      break;
    case "INCIDENT_CLOSED":
    case "INCIDENT_CANCELLED":
      times.endedAt = e.t;
      times.ending = e.type === "INCIDENT_CLOSED" ? "closed" : "cancelled";
      return true;
    default:
      break;
  }
  return false;
}
__name(recordOwnEvent, "recordOwnEvent");
var seconds = /* @__PURE__ */ __name((from, to) => from === void 0 || to === void 0 ? void 0 : (to - from) / 1e3, "seconds");
function assemblySeconds(times, windowMs) {
  const first = times.firstDispatchAt;
  if (first === void 0) return void 0;
  let lastArrival;
  for (const u of times.units.values()) {
    if (u.dispatchedAt - first > windowMs) continue;
    if (u.arrivedAt !== void 0) lastArrival = Math.max(lastArrival ?? u.arrivedAt, u.arrivedAt);
    else if (u.droppedAt === void 0 && times.endedAt === void 0) return void 0;
  }
  return seconds(first, lastArrival);
}
__name(assemblySeconds, "assemblySeconds");
function segmentsOf(times, windowMs = FIRST_WAVE_WINDOW_MS) {
  const firstUnit = times.firstDispatchedUnitId === void 0 ? void 0 : times.units.get(times.firstDispatchedUnitId);
  const firstArriving = times.firstArrivalUnitId === void 0 ? void 0 : times.units.get(times.firstArrivalUnitId);
  const all = {
    answering: seconds(times.receivedAt, times.answeredAt),
    processing: seconds(times.answeredAt, times.firstDispatchAt),
    turnout: seconds(firstUnit?.dispatchedAt, firstUnit?.enRouteAt),
    travel: seconds(firstArriving?.enRouteAt, firstArriving?.arrivedAt),
    dispatchToFirstArrival: seconds(times.firstDispatchAt, times.firstArrivalAt),
    totalResponse: seconds(times.receivedAt, times.firstArrivalAt),
    assembly: assemblySeconds(times, windowMs),
    underControl: seconds(times.receivedAt, times.underControlAt),
    totalEvent: seconds(times.receivedAt, times.endedAt)
  };
  const out = {};
  for (const k of SEGMENT_KEYS) {
    const v = all[k];
    if (v !== void 0) out[k] = v;
  }
  return out;
}
__name(segmentsOf, "segmentsOf");

// server/metrics/open-incidents.ts
function trackIncidents(hooks) {
  const open = /* @__PURE__ */ new Map();
  const { before: before2, after } = hooks;
  return {
    open,
    add(e) {
      const { type } = e;
      if (type === "CALL_RECEIVED") {
        if (!open.has(e.incidentId)) open.set(e.incidentId, hooks.start({ times: startIncidentTimes(e), type: e.reportedType }, e));
        return;
      }
      const id = e.incidentId;
      if (id === void 0) return;
      const inc = open.get(id);
      if (inc === void 0) return;
      const ev = e;
      if (type === "INCIDENT_TRIAGED") inc.type = ev.incidentType;
      else if (type === "INCIDENT_GRADED") inc.grade = ev.grade;
      else if (type === "GRADE_RAISED") inc.grade = ev.to;
      if (before2 !== void 0) before2(inc, ev);
      const ended = recordOwnEvent(inc.times, ev);
      if (after !== void 0) after(inc, ev);
      if (ended) {
        hooks.end(inc);
        open.delete(id);
      }
    }
  };
}
__name(trackIncidents, "trackIncidents");

// server/metrics/summary.ts
function crewByUnit(world2) {
  const crewByType = new Map(world2.unitTypes.unitTypes.map((t) => [t.code, t.crew]));
  const out = /* @__PURE__ */ new Map();
  for (const station of world2.region.stations) {
    for (const unit of station.units) out.set(unit.id, crewByType.get(unit.type) ?? 0);
  }
  return out;
}
__name(crewByUnit, "crewByUnit");
var bump = /* @__PURE__ */ __name((r, k, by = 1) => {
  r[k] = (r[k] ?? 0) + by;
}, "bump");
function createRunSummary(world2) {
  const crew = crewByUnit(world2);
  const target = world2.doctrine.targets.firstArrivalSeconds;
  let seed = null;
  let scenario2 = null;
  let region = null;
  let events = 0;
  let maxT = 0;
  let incidents = 0;
  const ended = { count: 0, byType: {}, byGrade: {}, byTypeAndGrade: {} };
  let dispatches = 0;
  let unitsDispatched = 0;
  let personnelDispatched = 0;
  const samples = Object.fromEntries(SEGMENT_KEYS.map((k) => [k, []]));
  let withArrival = 0;
  let withinTarget = 0;
  let escalations = 0;
  let incidentsEscalated = 0;
  let shortfalls = 0;
  let incidentsWithShortfall = 0;
  let rescued = 0;
  let dead = 0;
  let cancellations = 0;
  const cancellationsByReason = {};
  let falseAlarmsEnded = 0;
  function tally(inc, segs, into) {
    const g = inc.grade === void 0 ? "ungraded" : `${inc.grade}`;
    into.counts.count++;
    bump(into.counts.byType, inc.type);
    bump(into.counts.byGrade, g);
    bump(into.counts.byTypeAndGrade[inc.type] ??= {}, g);
    for (const k of SEGMENT_KEYS) {
      const v = segs[k];
      if (v !== void 0) into.samples[k].push(v);
    }
    const d = segs.dispatchToFirstArrival;
    return { arrival: d !== void 0, within: d !== void 0 && d <= target };
  }
  __name(tally, "tally");
  function end2(inc) {
    if (inc.type === "false-alarm") inc.falseAlarm = true;
    const { arrival, within } = tally(inc, segmentsOf(inc.times), { samples, counts: ended });
    if (arrival) withArrival++;
    if (within) withinTarget++;
    if (inc.falseAlarm) falseAlarmsEnded++;
  }
  __name(end2, "end");
  const incidentsOpen = trackIncidents({
    start(base) {
      incidents++;
      return { times: base.times, type: base.type, grade: base.grade, dispatched: false, escalated: false, shortfall: false, falseAlarm: false };
    },
    before(inc, e) {
      switch (e.type) {
        case "GRADE_RAISED":
          if (!inc.escalated) incidentsEscalated++;
          inc.escalated = true;
          break;
        case "DISPATCH_SHORTFALL":
          if (!inc.shortfall) incidentsWithShortfall++;
          inc.shortfall = true;
          break;
        case "UNIT_DISPATCHED":
          if (!inc.dispatched) dispatches++;
          inc.dispatched = true;
          unitsDispatched++;
          personnelDispatched += crew.get(e.unitId) ?? 0;
          break;
        case "INCIDENT_CANCELLED":
          if (e.reason === "false-alarm" || e.reason === "unfounded") inc.falseAlarm = true;
          break;
        default:
          break;
      }
    },
    end: end2
  });
  const open = incidentsOpen.open;
  function add(e) {
    events++;
    const t = e.t;
    if (t > maxT) maxT = t;
    switch (e.type) {
      case "SIMULATION_STARTED":
        seed = e.seed;
        scenario2 = e.scenario;
        region = e.region;
        return;
      case "GRADE_RAISED":
        escalations++;
        break;
      case "DISPATCH_SHORTFALL":
        shortfalls++;
        break;
      case "PERSON_RESCUED":
        rescued++;
        break;
      case "PERSON_DIED":
        dead++;
        break;
      case "INCIDENT_CANCELLED":
        cancellations++;
        bump(cancellationsByReason, e.reason);
        break;
      default:
        break;
    }
    incidentsOpen.add(e);
  }
  __name(add, "add");
  function result(now) {
    const counts = { count: 0, byType: { ...ended.byType }, byGrade: { ...ended.byGrade }, byTypeAndGrade: structuredClone(ended.byTypeAndGrade) };
    const all = Object.fromEntries(SEGMENT_KEYS.map((k) => [k, [...samples[k]]]));
    let arrivals = withArrival;
    let within = withinTarget;
    let falseAlarms = falseAlarmsEnded;
    for (const inc of open.values()) {
      const r = tally(inc, segmentsOf(inc.times), { samples: all, counts });
      if (r.arrival) arrivals++;
      if (r.within) within++;
      if (inc.falseAlarm || inc.type === "false-alarm") falseAlarms++;
    }
    const segments = Object.fromEntries(
      SEGMENT_KEYS.map((k) => {
        const s = Float64Array.from(all[k]).sort();
        return [k, { count: s.length, p50: percentileOfSorted(s, 50) ?? null, p90: percentileOfSorted(s, 90) ?? null }];
      })
    );
    return {
      seed,
      scenario: scenario2,
      region,
      events,
      simulatedSeconds: Math.max(maxT, now ?? 0) / 1e3,
      incidents,
      ended: ended.count,
      openAtEnd: open.size,
      byType: counts.byType,
      byGrade: counts.byGrade,
      byTypeAndGrade: counts.byTypeAndGrade,
      dispatches,
      unitsDispatched,
      personnelDispatched,
      vehiclesPerDispatch: dispatches === 0 ? null : unitsDispatched / dispatches,
      personnelPerDispatch: dispatches === 0 ? null : personnelDispatched / dispatches,
      segments,
      firstArrivalTargetSeconds: target,
      incidentsWithArrival: arrivals,
      firstArrivalWithin5min: arrivals === 0 ? null : within / arrivals,
      escalations,
      incidentsEscalated,
      shortfalls,
      incidentsWithShortfall,
      rescued,
      dead,
      cancellations,
      cancellationsByReason,
      falseAlarms
    };
  }
  __name(result, "result");
  return { add, result };
}
__name(createRunSummary, "createRunSummary");

// server/metrics/log-hash.ts
import { createHash } from "node:crypto";
var SHARED = /* @__PURE__ */ Symbol("shared leg");
var NUMBERS_BUFFERED = 8 * 1024;
function routedLeg(event) {
  const leg = event.leg;
  if (!leg) return void 0;
  if (leg.track || leg.path && leg.times) return leg;
  return void 0;
}
__name(routedLeg, "routedLeg");
function createLogHasher() {
  const text = createHash("sha256");
  const numbers = createHash("sha256");
  let count2 = 0;
  let pending = new Float64Array(NUMBERS_BUFFERED);
  let used = 0;
  const flushNumbers = /* @__PURE__ */ __name(() => {
    if (used > 0) {
      numbers.update(new Uint8Array(pending.buffer, 0, 8 * used));
      used = 0;
    }
  }, "flushNumbers");
  const reserve = /* @__PURE__ */ __name((size) => {
    if (used + size <= pending.length) return;
    flushNumbers();
    if (size > pending.length) pending = new Float64Array(2 ** Math.ceil(Math.log2(size)));
  }, "reserve");
  const addNumbers = /* @__PURE__ */ __name((leg) => {
    const track = leg.track;
    if (track) {
      const n2 = track.length / 3;
      reserve(1 + 3 * n2);
      const out = pending;
      const base = used;
      out[base] = n2;
      let lat = 0, lon = 0, t = leg.departAt;
      for (let i = 0, k = 0; i < n2; i++, k += 3) {
        lat += track[k];
        lon += track[k + 1];
        t += track[k + 2];
        out[base + 1 + 2 * i] = lat / TRACK_SCALE;
        out[base + 2 + 2 * i] = lon / TRACK_SCALE;
        out[base + 1 + 2 * n2 + i] = t;
      }
      used += 1 + 3 * n2;
      return;
    }
    const path5 = leg.path;
    const times = leg.times;
    const n = path5.length;
    reserve(1 + 3 * n);
    pending[used++] = n;
    for (const p of path5) {
      pending[used++] = p[0];
      pending[used++] = p[1];
    }
    for (const x of times) pending[used++] = x;
  }, "addNumbers");
  const textOf = /* @__PURE__ */ __name((event, leg) => {
    if (!leg) return JSON.stringify(event);
    if (leg.track) {
      const { track: _track, ...rest2 } = leg;
      return JSON.stringify({ ...event, leg: rest2 });
    }
    const { path: _path, times: _times, ...rest } = leg;
    return JSON.stringify({ ...event, leg: rest });
  }, "textOf");
  const legs = [];
  const aside = [];
  return {
    add(event) {
      const leg = routedLeg(event);
      if (count2 > 0) text.update(",");
      text.update(textOf(event, leg), "utf8");
      if (leg) addNumbers(leg);
      count2++;
    },
    addAll(events) {
      if (events.length === 0) return;
      legs.length = 0;
      for (const e of events) {
        const leg = routedLeg(e);
        if (!leg) continue;
        if (Object.isFrozen(leg)) {
          legs.length = 0;
          for (const x of events) this.add(x);
          return;
        }
        legs.push(leg);
      }
      for (const leg of legs) addNumbers(leg);
      let json;
      try {
        for (const leg of legs) {
          if (leg.track === void 0 && leg.path === void 0) aside.push(SHARED, SHARED);
          else if (leg.track) {
            aside.push(leg.track, void 0);
            leg.track = void 0;
          } else {
            aside.push(leg.path, leg.times);
            leg.path = void 0;
            leg.times = void 0;
          }
        }
        json = JSON.stringify(events);
      } finally {
        for (let i = 0; 2 * i < aside.length; i++) {
          const leg = legs[i];
          const times = aside[2 * i + 1];
          if (times === SHARED) continue;
          if (times === void 0) leg.track = aside[2 * i];
          else {
            leg.path = aside[2 * i];
            leg.times = times;
          }
        }
        aside.length = 0;
        legs.length = 0;
      }
      if (count2 > 0) text.update(",");
      text.update(json.slice(1, -1), "utf8");
      count2 += events.length;
    },
    hex() {
      flushNumbers();
      return createHash("sha256").update(text.copy().digest()).update(numbers.copy().digest()).digest("hex");
    },
    get count() {
      return count2;
    }
  };
}
__name(createLogHasher, "createLogHasher");
if (new Uint8Array(new Float64Array([1]).buffer)[7] !== 63) throw new Error("log hash: this platform is not little-endian");

// tests/bench/engine-year.ts
var HOUR_MS2 = 36e5;
var DAY_MS3 = 24 * HOUR_MS2;
var PROGRESS_EVERY_MS = 30 * DAY_MS3;
var cpuSecondsOf = /* @__PURE__ */ __name((u) => (u.user + u.system) / 1e6, "cpuSecondsOf");
function runYear(world2, scenario2, seed, travel2) {
  const engine = createEngine({
    world: world2,
    scenario: scenario2,
    seed,
    background: createBackgroundCalls(world2, scenario2),
    ...travel2 === "great-circle" ? { travel: greatCircleTravel(world2.doctrine) } : {}
  });
  const fold = createRunSummary(world2);
  const hasher = createLogHasher();
  let foldWallMs = 0;
  let foldCpuSeconds = 0;
  let dayFoldWallMs = 0;
  let dayStart = 0;
  let dayCpu = process.cpuUsage();
  const closeDay = /* @__PURE__ */ __name(() => {
    const now = performance.now();
    const cpu = cpuSecondsOf(process.cpuUsage(dayCpu));
    const dayWallMs = now - dayStart;
    if (dayWallMs > 0) foldCpuSeconds += cpu * Math.min(1, dayFoldWallMs / dayWallMs);
    dayStart = now;
    dayCpu = process.cpuUsage();
    dayFoldWallMs = 0;
  }, "closeDay");
  const timedFold = /* @__PURE__ */ __name((work) => {
    const w0 = performance.now();
    const out = work();
    const ms = performance.now() - w0;
    foldWallMs += ms;
    dayFoldWallMs += ms;
    return out;
  }, "timedFold");
  const feed = /* @__PURE__ */ __name((events) => {
    if (events.length === 0) return;
    timedFold(() => {
      hasher.addAll(events);
      for (const e of events) fold.add(e);
    });
  }, "feed");
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  dayStart = t0;
  dayCpu = cpu0;
  feed(engine.start());
  const end2 = engine.endsAt;
  for (let t = Math.min(HOUR_MS2, end2); ; t = Math.min(t + HOUR_MS2, end2)) {
    feed(engine.advanceTo(t));
    if (t % DAY_MS3 === 0) closeDay();
    if (t % PROGRESS_EVERY_MS === 0 && t < end2) {
      process.stderr.write(`engine bench: day ${t / DAY_MS3}, ${hasher.count} events, ${((performance.now() - t0) / 1e3).toFixed(1)} s
`);
    }
    if (t >= end2) break;
  }
  const { logHash, s } = timedFold(() => ({ logHash: hasher.hex(), s: fold.result(engine.now) }));
  closeDay();
  const wallSeconds = (performance.now() - t0) / 1e3;
  const cpuSeconds = cpuSecondsOf(process.cpuUsage(cpu0));
  return {
    incidents: s.incidents,
    events: s.events,
    simulatedSeconds: s.simulatedSeconds,
    wallSeconds,
    cpuSeconds,
    foldWallSeconds: foldWallMs / 1e3,
    foldCpuSeconds,
    logHash,
    vehiclesPerDispatch: s.vehiclesPerDispatch,
    firstArrivalWithin5min: s.firstArrivalWithin5min
  };
}
__name(runYear, "runYear");

// year.tmp.ts
var SC = "scenarios/normal-year.yaml";
var bare = loadScenario(SC);
var world = loadWorld({ seedsDir: "seeds", regionId: bare.region });
var loaded = loadScenario(SC, world);
var scenario = { ...loaded, background: { ...loaded.background, enabled: true, scale: 12 } };
var travel = process.env.TRAVEL ?? "roads";
var f1 = process.resourceUsage().minorPageFault;
var y = runYear(world, scenario, 1, travel);
console.log(JSON.stringify({ wall: y.wallSeconds, cpu: y.cpuSeconds, fold: y.foldWallSeconds, foldCpu: y.foldCpuSeconds, hash: y.logHash.slice(0, 8), faults: process.resourceUsage().minorPageFault - f1 }));
