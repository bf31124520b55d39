// Finding the nearest available units for one recommendation: which units can take an order now,
// their ETAs to the site (turnout, then the drive from where they are), and the nearest of a pool by
// echelon. It runs for every dispatch and escalation (tens of thousands of times in a metropolitan
// year), so:
// - per-call scratch lives in arrays indexed by the unit's dense number, stamped per call, instead of
//   fresh Sets and Maps;
// - units in station with the same speed class share their ETA (one look-up per station and class;
//   while a model may send units elsewhere than the site, per station, class and capabilities: a
//   crew without protection stops at a chemical release's staging point, a hazmat crew of the same
//   station and class drives on to the site);
// - a unit is skipped without asking for its ETA when a cheap lower bound (great-circle distance at
//   the fastest speed; for units in station the chord, from places turned into vectors once) cannot
//   beat the best found so far, ties included. The bound is measured to where the unit's ETA goes
//   (its approach point: a staging point can be nearer to a station than the site, and a bound to
//   the site could exceed the ETA). Skipping never changes the answer: the ETA is exact, the bound
//   at most the ETA. Units in station skipped this way are remembered, so the count of units no
//   open road leads from (the shortfall's note) sees every unit it saw when each ETA was asked for;
// - a unit of an echelon that cannot change the doctrine's pick (a neighbour's while a local unit is
//   within the local limit, the province's once any local or neighbouring candidate is found) is not
//   asked at all (echelons.ts etaThatMatters): in a roads year ~40 % fewer ETAs, same picks;
// - of each echelon, the unit in station with the smallest bound is asked first, so the bar is low
//   from the start;
// - a unit's kind of candidate (echelon, and specialist for the capability asked) is read from an
//   array made once per world and capability, and a scan works out each unit's kind and bound once
//   and the bar once per kind (the specialist test was a look-up in the unit's set of capabilities,
//   made twice per unit of every pick, and the bound and the bar were asked per unit).
import { LOWER_BOUND_RADIUS_M, type LatLon } from '../../../../shared/geo.ts';
import type { Capability } from '../../../../shared/domain/forces.ts';
import type { UnitStatus } from '../../../../shared/domain/status.ts';
import type { UnitInfo, WorldIndex } from '../../kernel/world-index.ts';
import { better, etaThatMatters, etaToBeat, noBests, offer, pickByEchelon, type EchelonBests, type Pick } from './echelons.ts';

/**
 * Live unit state, read through functions so only what is needed is computed. Units are named by
 * their UnitInfo (its dense number `n` finds the live state without hashing the id).
 */
export interface UnitLive {
  status(unit: UnitInfo): UnitStatus;
  /** The unit's station can be given orders (its comms are not cut). */
  orderable(unit: UnitInfo): boolean;
  /**
   * Driving seconds from where the unit is to where it goes when sent to `to` (approachPoint),
   * setting off at sim time `t`; Infinity if no road leads there.
   */
  travelSeconds(unit: UnitInfo, to: LatLon, t: number): number;
  /** travelSeconds if at most `maxSeconds`, else undefined: the search from a unit on the road stops there. */
  travelSecondsWithin(unit: UnitInfo, to: LatLon, t: number, maxSeconds: number): number | undefined;
  /** A cheap lower bound of the driving seconds from where the unit is to `to` itself (lets the search skip far units). */
  minTravelSeconds(unit: UnitInfo, to: LatLon): number;
  /**
   * Seconds a metre of great-circle distance takes the unit at least (travelSeconds is never less
   * than the distance times this); undefined: no such figure, minTravelSeconds is asked instead.
   */
  minSecondsPerMetre?(unit: UnitInfo): number | undefined;
  /** Firefighters riding the unit now (reduced staffing, injuries); absent: its type's crew. */
  crew?(unit: UnitInfo): number;
  /**
   * Where the unit drives when sent to `to` (a crew without protection stops at a staging point
   * outside a chemical release's hot and warm zones), `to` itself otherwise: travelSeconds goes
   * there, so the search's lower bounds are measured there. It depends on the unit's capabilities
   * only. Absent: no model sends units elsewhere, every unit drives to `to`.
   */
  approachPoint?(unit: UnitInfo, to: LatLon): LatLon;
}

/** The test that passes every unit: scans know it and skip the call (most picks pass it). */
export const ANY_UNIT = (_u: UnitInfo): boolean => true;

/** What a unit is to this call (0: not looked at yet). */
const UNAVAILABLE = 1;
const IN_STATION = 2;
const ON_ROAD = 3;

/**
 * A lower bound is shrunk by this share before it is compared: rounding in the travel model's sums
 * must never make the bound exceed the ETA it bounds.
 */
const BOUND_SLACK = 1 - 1e-9;

/** Chords are drawn on a sphere a little smaller than haversineM's, and a chord is shorter than its arc: a lower bound of haversineM. */
const CHORD_SPHERE_M = LOWER_BOUND_RADIUS_M;
const RAD = Math.PI / 180;

/** The point on the unit sphere of a place, at out[i..i + 2]. */
function toVector(p: LatLon, out: Float64Array, i: number): void {
  const lat = p[0] * RAD;
  const lon = p[1] * RAD;
  out[i] = Math.cos(lat) * Math.cos(lon);
  out[i + 1] = Math.cos(lat) * Math.sin(lon);
  out[i + 2] = Math.sin(lat);
}

/** Units in station grouped so that a group's units share their ETA: each unit's group, and each group's station on the unit sphere. */
interface Grouping { group: Int32Array; place: Float64Array; count: number }

/** The grouping of a world's units by `key` (units of one key must stand at one station). */
function groupingOf(index: WorldIndex, key: (u: UnitInfo) => string): Grouping {
  const groups = new Map<string, number>();
  const group = new Int32Array(index.unitIds.length);
  for (const u of index.units.values()) {
    const k = key(u);
    let g = groups.get(k);
    if (g === undefined) groups.set(k, (g = groups.size));
    group[u.n] = g;
  }
  const place = new Float64Array(3 * groups.size);
  for (const u of index.units.values()) toVector(u.station.location, place, 3 * group[u.n]!);
  return { group, place, count: groups.size };
}

const searches = new WeakMap<WorldIndex, UnitSearch>();

/** The nearest-unit search of a world, begun afresh for each recommendation. */
export class UnitSearch {
  private stamp = 0;
  private live!: UnitLive;
  private site: LatLon = [0, 0];
  private now = 0;
  /** Each unit's turnout seconds (by its dense number) in this call's shift: turnoutDay or turnoutNight. */
  private turnoutNow: Float64Array;
  /** This call's live can send units elsewhere than the site (it has approachPoint). */
  private approaching = false;
  private readonly dispatch: WorldIndex['world']['doctrine']['dispatch'];
  /**
   * Each unit's turnout seconds by day and by night, by its dense number, read from the doctrine's
   * table (by force kind, then shift) once: looking them up per bound and per ETA was two
   * megamorphic keyed loads each (the kind and the shift vary), ~1 % of a roads year's instructions.
   */
  private turnoutDay: Float64Array;
  private turnoutNight: Float64Array;
  /** The doctrine table the two were read from (a world's doctrine replaced: read again). */
  private turnoutOf: WorldIndex['world']['doctrine']['turnoutSeconds'];
  private readonly stateAt: Uint32Array;
  private readonly state: Uint8Array;
  private readonly takenAt: Uint32Array;
  private readonly etaAt: Uint32Array;
  private readonly eta: Float64Array;
  /** Units whose ETA is Infinity (no open road to the site) this call. */
  private readonly cutAt: Uint32Array;
  /** Units in station skipped by their lower bound this call. */
  private readonly skippedAt: Uint32Array;
  /**
   * Units on the road the bests alone would have asked for the whole drive (no bar yet for their
   * echelon), asked only within the bar that matters or not at all: the whole drive is what marks a
   * unit no road leads from, so the count of those (unreachable) asks for it then.
   */
  private readonly roadSkippedAt: Uint32Array;
  /**
   * The last call (stamp) that marked a unit cut, skipped or road-skipped: in a call that marked none,
   * unreachable() has nothing to ask and nothing to count (98 % of its ~26,000 calls a metropolitan
   * year, which looped over ~1.3 million units of pools for nothing).
   */
  private markedAt = 0;
  /**
   * Units in station with the same speed class share their ETA and its bound: group of each unit,
   * and each group's station on the unit sphere; this call's of the two groupings below.
   */
  private group: Int32Array;
  private groupPlace: Float64Array;
  /** Groups by station and speed class: while no model sends units elsewhere than the site. */
  private readonly standGroups: Grouping;
  /**
   * Groups by station, speed class and capabilities: while a model may (approachPoint depends on the
   * capabilities; one group per station and class gave a hazmat crew's ETA to the site to the
   * station's crews without protection, which stop at the staging point, or the other way round).
   * Made at the first such call: a world without such a model never pays for its keys.
   */
  private approachGroups: Grouping | undefined;
  /** Per group (sized for the grouping with the most groups made so far), stamped per call. */
  private groupEtaAt: Uint32Array;
  private groupEta: Float64Array;
  private groupBoundAt: Uint32Array;
  private groupBound: Float64Array;
  /**
   * The site on the unit sphere (set by begin): a group's bound is the chord from its station (the
   * grouping's place, x, y, z at 3g) to the site times the travel model's least seconds a metre. The
   * bound was the model's haversine for every group of every recommendation (~740,000 a metropolitan
   * year, six trigonometric functions each); units in station stand at their station.
   */
  private readonly sitePlace = new Float64Array(3);
  /** Scratch of approachDrive: an approach point on the unit sphere. */
  private readonly approachPlace = new Float64Array(3);
  /**
   * Scratch of scan(): units of the pool on the road, and those in station whose ETA is not known yet.
   * Filled from the start by each scan, which counts its own entries; never emptied with `length = 0`,
   * which gives up an array's storage: growing it again on every scan made ~200 MB of garbage a
   * metropolitan year.
   */
  private readonly onRoad: UnitInfo[] = [];
  private readonly unknown: UnitInfo[] = [];
  /**
   * Scratch of scan(), beside `unknown` (a pool holds each unit at most once, so the world's unit
   * count is room enough): each unit's kind of candidate and its lower bound, worked out once per
   * scan (both were asked again when the unit was offered).
   */
  private readonly unknownKind: Uint8Array;
  private readonly unknownBound: Float64Array;
  /** Scratch of scan(): per kind of candidate, the unit (its place in `unknown`) with the smallest bound, and that bound. */
  private readonly seeds = new Int32Array(KINDS);
  private readonly seedBounds = new Float64Array(KINDS);
  /** The two ways of collecting a scan's candidates, made once (not two closures per pick). */
  private readonly nearestOf = new NearestCollector();
  private readonly echelonsOf: EchelonCollector;

  static of(index: WorldIndex): UnitSearch {
    let s = searches.get(index);
    // Built again when units joined the world since (reinforcements written during a drill).
    if (!s || s.size !== index.unitIds.length) searches.set(index, (s = new UnitSearch(index)));
    return s;
  }

  /** Units the scratch arrays were sized for. */
  private readonly size: number;

  private constructor(readonly index: WorldIndex) {
    const n = index.unitIds.length;
    this.size = n;
    this.standGroups = groupingOf(index, (u) => `${u.station.id}\u0000${u.type.speedClass}`);
    this.group = this.standGroups.group;
    this.groupPlace = this.standGroups.place;
    this.stateAt = new Uint32Array(n);
    this.state = new Uint8Array(n);
    this.takenAt = new Uint32Array(n);
    this.etaAt = new Uint32Array(n);
    this.eta = new Float64Array(n);
    this.cutAt = new Uint32Array(n);
    this.skippedAt = new Uint32Array(n);
    this.roadSkippedAt = new Uint32Array(n);
    const count = this.standGroups.count;
    this.groupEtaAt = new Uint32Array(count);
    this.groupEta = new Float64Array(count);
    this.groupBoundAt = new Uint32Array(count);
    this.groupBound = new Float64Array(count);
    this.dispatch = index.world.doctrine.dispatch;
    this.echelonsOf = new EchelonCollector(this.dispatch, index);
    this.unknownKind = new Uint8Array(n);
    this.unknownBound = new Float64Array(n);
    this.turnoutDay = new Float64Array(n);
    this.turnoutNight = new Float64Array(n);
    this.turnoutOf = this.readTurnouts();
    this.turnoutNow = this.turnoutDay;
  }

  /** Pools already narrowed to the units that can ever fill a need (they depend on the world only). */
  private readonly pools = new WeakMap<object, readonly UnitInfo[]>();

  /**
   * The units of `pool` that pass `fit`, worked out once for `key` and kept: `key` must name both (a
   * run-card need names its capability's pool and the test of tier and height). Scans of a narrowed
   * pool skip the test for every unit of every pick. `fit` is handed the key too, so callers pass a
   * plain function (no closure made for each need of each recommendation just to be looked up).
   */
  narrowed<K extends object>(key: K, pool: readonly UnitInfo[], fit: (u: UnitInfo, key: K) => boolean): readonly UnitInfo[] {
    let p = this.pools.get(key);
    if (!p) {
      const kept: UnitInfo[] = [];
      for (const u of pool) if (fit(u, key)) kept.push(u);
      this.pools.set(key, (p = kept));
    }
    return p;
  }

  /** Starts a search for a site at sim time `now`: nothing taken, nothing known. */
  begin(live: UnitLive, site: LatLon, now: number, night: boolean): this {
    this.stamp++;
    this.live = live;
    this.site = site;
    toVector(site, this.sitePlace, 0);
    // A group's ETA and bound are stamped per call: switching groupings between calls leaves nothing stale.
    const approaching = live.approachPoint !== undefined;
    if (approaching !== this.approaching) {
      this.approaching = approaching;
      const grouping = approaching ? this.approachGrouping() : this.standGroups;
      this.group = grouping.group;
      this.groupPlace = grouping.place;
    }
    this.now = now;
    if (this.index.world.doctrine.turnoutSeconds !== this.turnoutOf) this.turnoutOf = this.readTurnouts();
    this.turnoutNow = night ? this.turnoutNight : this.turnoutDay;
    return this;
  }

  /** Fills turnoutDay and turnoutNight from the world's doctrine; gives the table read. */
  private readTurnouts(): WorldIndex['world']['doctrine']['turnoutSeconds'] {
    const table = this.index.world.doctrine.turnoutSeconds;
    for (const u of this.index.units.values()) {
      const t = table[u.station.kind];
      this.turnoutDay[u.n] = t.day;
      this.turnoutNight[u.n] = t.night;
    }
    return table;
  }

  /** The groups by station, speed class and capabilities, made at the first call that needs them. */
  private approachGrouping(): Grouping {
    if (!this.approachGroups) {
      const g = (this.approachGroups = groupingOf(this.index, (u) => `${u.station.id}\u0000${u.type.speedClass}\u0000${[...u.type.capabilities].sort().join(',')}`));
      // Fresh arrays hold no stamp of this or any later call.
      this.groupEtaAt = new Uint32Array(g.count);
      this.groupEta = new Float64Array(g.count);
      this.groupBoundAt = new Uint32Array(g.count);
      this.groupBound = new Float64Array(g.count);
    }
    return this.approachGroups;
  }

  taken(u: UnitInfo): boolean {
    return this.takenAt[u.n] === this.stamp;
  }

  take(u: UnitInfo): void {
    this.takenAt[u.n] = this.stamp;
  }

  /** Whether the unit can take an order (its state allows a dispatch and its station is reachable), and where it is. */
  private where(u: UnitInfo): number {
    if (this.stateAt[u.n] !== this.stamp) {
      const s = this.live.status(u);
      const available = (s === 'inStation' || s === 'availableOnRoad' || (s === 'returning' && this.dispatch.returningDispatchable)) && this.live.orderable(u);
      this.state[u.n] = !available ? UNAVAILABLE : s === 'inStation' ? IN_STATION : ON_ROAD;
      this.stateAt[u.n] = this.stamp;
    }
    return this.state[u.n]!;
  }

  /** Travel starts when the turnout ends: the ETA is the arrival time its leg will have. */
  private etaOf(u: UnitInfo): number {
    if (this.etaAt[u.n] !== this.stamp) {
      const standing = this.where(u) === IN_STATION;
      const turnout = standing ? this.turnoutNow[u.n]! : 0;
      const g = this.group[u.n]!;
      let e: number;
      if (standing && this.groupEtaAt[g] === this.stamp) e = this.groupEta[g]!;
      else {
        e = turnout + this.live.travelSeconds(u, this.site, this.now + turnout * 1000);
        if (standing) { this.groupEtaAt[g] = this.stamp; this.groupEta[g] = e; }
      }
      this.eta[u.n] = e;
      this.etaAt[u.n] = this.stamp;
      if (!Number.isFinite(e)) this.cutAt[u.n] = this.markedAt = this.stamp;
    }
    return this.eta[u.n]!;
  }

  private boundOf(u: UnitInfo): number {
    const g = this.group[u.n]!;
    if (this.groupBoundAt[g] !== this.stamp) {
      const perMetre = this.live.minSecondsPerMetre?.(u);
      const drive = this.approaching ? this.approachDrive(u, g, perMetre)
        : perMetre === undefined ? this.live.minTravelSeconds(u, this.site) : this.chordM(g, this.sitePlace) * perMetre;
      this.groupBound[g] = this.turnoutNow[u.n]! + drive * BOUND_SLACK;
      this.groupBoundAt[g] = this.stamp;
    }
    return this.groupBound[g]!;
  }

  /**
   * A lower bound of the drive of unit u (of group g, in station) to where it goes when sent to the
   * site: its approach point (perMetre as boundOf has it). Apart from boundOf's plain case so that
   * case stays as short as it was.
   */
  private approachDrive(u: UnitInfo, g: number, perMetre: number | undefined): number {
    const to = this.live.approachPoint!(u, this.site);
    if (perMetre === undefined) return this.live.minTravelSeconds(u, to);
    if (to === this.site) return this.chordM(g, this.sitePlace) * perMetre;
    toVector(to, this.approachPlace, 0);
    return this.chordM(g, this.approachPlace) * perMetre;
  }

  /** Metres of the chord from group g's station to a place on the unit sphere (s): at most their great-circle distance. */
  private chordM(g: number, s: Float64Array): number {
    const p = this.groupPlace;
    const dx = p[3 * g]! - s[0]!;
    const dy = p[3 * g + 1]! - s[1]!;
    const dz = p[3 * g + 2]! - s[2]!;
    return Math.sqrt(dx * dx + dy * dy + dz * dz) * CHORD_SPHERE_M;
  }

  /**
   * ETA of a unit on the road if it can reach `limit` (ties included), else undefined. A bounded
   * answer is not remembered: with a later, larger limit the search goes further.
   */
  private roadEta(u: UnitInfo, limit: number, beat: number): number | undefined {
    if (limit === Infinity || this.etaAt[u.n] === this.stamp) return this.etaOf(u);
    // The bests alone would have asked for the whole drive here (no bar yet): remembered for unreachable().
    if (beat === Infinity) this.roadSkippedAt[u.n] = this.markedAt = this.stamp;
    if (limit === -Infinity) return undefined;
    // Measured to where the unit goes (its approach point, while a model may send it elsewhere).
    if (this.live.minTravelSeconds(u, this.approaching ? this.live.approachPoint!(u, this.site) : this.site) > limit) return undefined;
    const e = this.live.travelSecondsWithin(u, this.site, this.now, limit);
    if (e === undefined) return undefined;
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
   * Units on the road are asked in pool order. Asking them nearest-first by their bound (and by
   * echelon) was measured on a roads year and not kept: the reverse searches settled 716,000 junctions
   * instead of 729,000 (a few ms), because two thirds of that work is the whole drive of the unit the pick
   * then takes, whose route reuses the search; it would also have made the shortfall's count of units
   * no road leads from (unreachable) depend on another order.
   */
  private scan(pool: readonly UnitInfo[], ok: (u: UnitInfo) => boolean, c: Collector): void {
    const { onRoad, unknown, unknownKind: kinds, unknownBound: bounds } = this;
    let roads = 0;
    let unknowns = 0;
    for (let i = 0; i < pool.length; i++) {
      const u = pool[i]!;
      if (this.taken(u) || (ok !== ANY_UNIT && !ok(u))) continue;
      const w = this.where(u);
      if (w === ON_ROAD) onRoad[roads++] = u;
      else if (w === IN_STATION) {
        if (this.etaAt[u.n] !== this.stamp) {
          unknown[unknowns] = u;
          kinds[unknowns] = c.kind(u);
          bounds[unknowns] = this.boundOf(u);
          unknowns++;
        } else if (Number.isFinite(this.eta[u.n]!)) c.take(u, this.eta[u.n]!);
      }
    }
    // Seeds first: of each kind of candidate the collector tells apart (an echelon, a specialist), the
    // one with the smallest bound is asked for its ETA before the others. It is most often the
    // nearest, so the bar is low from the start and the bound skips most of the rest; in pool order
    // the bar fell one ETA at a time. On the roads each ETA asked is a route search. The answer does
    // not depend on the order (the bests are exact, ties go by id), and every unit is still either
    // asked or skipped by its bound.
    const seeds = this.seeds;
    seeds.fill(-1);
    const seedBounds = this.seedBounds;
    for (let i = 0; i < unknowns; i++) {
      const k = kinds[i]!;
      const b = bounds[i]!;
      if (seeds[k]! < 0 || b < seedBounds[k]!) { seeds[k] = i; seedBounds[k] = b; }
    }
    for (let k = 0; k < KINDS; k++) {
      if (seeds[k]! >= 0) this.offerStanding(seeds[k]!, c);
    }
    for (let i = 0; i < unknowns; i++) {
      if (i === seeds[0] || i === seeds[1] || i === seeds[2] || i === seeds[3]) continue;
      this.offerStanding(i, c);
    }
    for (let i = 0; i < roads; i++) {
      const u = onRoad[i]!;
      const k = c.kind(u);
      const e = this.roadEta(u, c.limit(k), c.beat(k));
      // Undefined: cannot beat the best; Infinity: no open road from it to the site.
      if (e !== undefined && Number.isFinite(e)) c.take(u, e);
    }
  }

  /**
   * The unit in station at place i of the scan's `unknown` (its ETA not known when the scan began),
   * to the collector if it can reach the bar of its kind (ties included); else it is skipped by its
   * bound, unless its ETA is known by now, and remembered as skipped.
   */
  private offerStanding(i: number, c: Collector): void {
    const u = this.unknown[i]!;
    const limit = c.limit(this.unknownKind[i]!);
    if (limit !== Infinity && this.etaAt[u.n] !== this.stamp && this.unknownBound[i]! > limit) {
      this.skippedAt[u.n] = this.markedAt = this.stamp;
      return;
    }
    const e = this.etaOf(u);
    if (Number.isFinite(e)) c.take(u, e);
  }

  /** Nearest available unit of a pool that passes `ok`, regardless of echelon. */
  nearest(pool: readonly UnitInfo[], ok: (u: UnitInfo) => boolean): Pick | undefined {
    const c = this.nearestOf.reset();
    this.scan(pool, ok, c);
    return c.best ? { unit: c.best, eta: c.bestEta, note: '' } : undefined;
  }

  /** One pick by the doctrine: local first (specialist for `cap` preferred), then neighbour, then province. */
  choose(pool: readonly UnitInfo[], ok: (u: UnitInfo) => boolean, cap: Capability | undefined): Pick | undefined {
    const c = this.echelonsOf.reset(cap);
    this.scan(pool, ok, c);
    return pickByEchelon(c.bests, this.dispatch, cap);
  }

  /** Units of the pool, not taken and not a micro station's, that no open road leads from to the site (among those looked at). */
  unreachable(pool: readonly UnitInfo[]): number {
    if (this.markedAt !== this.stamp) return 0;
    let cut = 0;
    for (const u of pool) {
      if (this.skippedAt[u.n] === this.stamp || this.roadSkippedAt[u.n] === this.stamp) this.etaOf(u);
      if (this.cutAt[u.n] === this.stamp && !this.taken(u) && !u.isMicro) cut++;
    }
    return cut;
  }
}

/** Kinds of candidate a collector keeps a best of (kind() is below this). */
const KINDS = 4;

/** What a scan does with the candidates it finds: the ETA a unit must reach to matter, and taking one. */
interface Collector {
  /** Which best the unit competes for (0..KINDS-1): units of one kind share a bar. */
  kind(u: UnitInfo): number;
  /** The ETA a unit of the kind must reach (ties included) to change what the collector gives; -Infinity: nothing it offers can. */
  limit(kind: number): number;
  /** The ETA it must reach to change the collector's bests (at least limit). */
  beat(kind: number): number;
  take(u: UnitInfo, eta: number): void;
}

/** The nearest candidate, whatever its echelon. */
class NearestCollector implements Collector {
  best: UnitInfo | undefined;
  bestEta = Infinity;
  reset(): this {
    this.best = undefined;
    this.bestEta = Infinity;
    return this;
  }
  kind(): number {
    return 0;
  }
  limit(): number {
    return this.bestEta;
  }
  beat(): number {
    return this.bestEta;
  }
  take(u: UnitInfo, e: number): void {
    if (better(u, e, this.best, this.bestEta)) { this.best = u; this.bestEta = e; }
  }
}

/** Kind of candidate of each unit (by its dense number) for one capability: local (0), local specialist (1), neighbour (2), province (3). */
function kindsFor(index: WorldIndex, cap: Capability | undefined): Uint8Array {
  const kinds = new Uint8Array(index.unitIds.length);
  for (const u of index.units.values()) kinds[u.n] = u.echelon === 1 ? (cap !== undefined && u.specialistFor.has(cap) ? 1 : 0) : u.echelon;
  return kinds;
}

/** The echelon of a kind of candidate. */
const echelonOf = (kind: number): UnitInfo['echelon'] => (kind <= 1 ? 1 : kind === 2 ? 2 : 3);

/** The nearest candidate of each echelon, and the nearest local specialist for a capability. */
class EchelonCollector implements Collector {
  /** Reused pick after pick (a Pick refers to units, never to this), all its fields set from the start. */
  readonly bests: EchelonBests = { ...noBests(), local: undefined, specialist: undefined, neighbour: undefined, province: undefined };
  /**
   * Each unit's kind for the capability asked (built once per world and capability: the specialist
   * test was a look-up in the unit's set of capabilities, asked for every candidate of every pick).
   */
  private kinds: Uint8Array;
  private readonly kindsByCap = new Map<Capability | undefined, Uint8Array>();
  constructor(private readonly dispatch: WorldIndex['world']['doctrine']['dispatch'], private readonly index: WorldIndex) {
    this.kinds = this.kindsOf(undefined);
  }
  private kindsOf(cap: Capability | undefined): Uint8Array {
    let k = this.kindsByCap.get(cap);
    if (!k) this.kindsByCap.set(cap, (k = kindsFor(this.index, cap)));
    return k;
  }
  reset(cap: Capability | undefined): this {
    const b = this.bests;
    b.local = undefined; b.localEta = Infinity;
    b.specialist = undefined; b.specialistEta = Infinity;
    b.neighbour = undefined; b.neighbourEta = Infinity;
    b.province = undefined; b.provinceEta = Infinity;
    this.kinds = this.kindsOf(cap);
    return this;
  }
  kind(u: UnitInfo): number {
    return this.kinds[u.n]!;
  }
  limit(kind: number): number {
    return etaThatMatters(this.bests, echelonOf(kind), kind === 1, this.dispatch);
  }
  beat(kind: number): number {
    return etaToBeat(this.bests, echelonOf(kind), kind === 1);
  }
  take(u: UnitInfo, e: number): void {
    offer(this.bests, u, e, this.kinds[u.n] === 1);
  }
}
