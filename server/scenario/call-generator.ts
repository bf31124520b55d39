// Background calls: a non-homogeneous Poisson process over the county, sampled by thinning.
// Rate = calls per year × scale × hour-of-day factor (profile normalised to mean 1, in local time);
// place = a cell drawn ∝ population × perPerson + perCell of its land use, then a uniform point in it;
// type = drawn from the cell's land-use type mix. Pure: all randomness comes from the Rng passed in.
import type { Cell, Region } from '../../shared/schemas/region.ts';
import type { CallProfile, Scenario } from '../../shared/schemas/scenario.ts';
import { INCIDENT_TYPES } from '../../shared/domain/incident-types.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import type { BackgroundCall, BackgroundCallSource, Rng, World } from '../engine/types.ts';
import { DAY_MS, localHourAt, localMsOfDayAtStart } from '../../shared/local-time.ts';

/** Jurisdiction kinds inside the county: only their cells get background calls. */
export const IN_COUNTY_KINDS: ReadonlySet<string> = new Set(['urban-district', 'township', 'industrial-park']);

/** Key of the call profile's fallback type mix and land-use weight. */
export const DEFAULT_LAND_USE_KEY = 'default';
const YEAR_MS = 365 * DAY_MS;

/** Expected background calls per year before the hour-of-day shape (what the scenario asks for). */
export function backgroundCallsPerYear(world: Pick<World, 'region' | 'callProfile'>, scenario: Pick<Scenario, 'background'>): number {
  const bg = scenario.background;
  const perYear = bg.callsPerYear ?? (world.callProfile.callsPerYearPer10k * inCountyPopulation(world.region)) / 10_000;
  return perYear * bg.scale;
}

/** People living in in-county cells (the population the call rate is per). */
export function inCountyPopulation(region: Region): number {
  const inCounty = inCountyJurisdictions(region);
  let people = 0;
  for (const cell of region.cells) if (inCounty.has(cell.jurisdictionId)) people += cell.population;
  return people;
}

/** Hour-of-day factors normalised to mean 1 (a flat profile when every entry is 0). */
export function normalisedHourFactors(profile: CallProfile): number[] {
  const sum = profile.hourOfDay.reduce((a, b) => a + b, 0);
  return sum > 0 ? profile.hourOfDay.map((h) => (h * 24) / sum) : profile.hourOfDay.map(() => 1);
}

interface CellTable {
  cells: Cell[];
  /** cumulative[i] = total weight of cells 0..i */
  cumulative: Float64Array;
  /** per cell: its type mix as cumulative weights over INCIDENT_TYPES */
  mixes: Float64Array[];
}

export function createBackgroundCalls(world: Pick<World, 'region' | 'callProfile'>, scenario: Pick<Scenario, 'start' | 'background'>): BackgroundCallSource {
  const none: BackgroundCallSource = { next: () => undefined };
  if (!scenario.background.enabled) return none;
  const ratePerMs = backgroundCallsPerYear(world, scenario) / YEAR_MS;
  const table = buildCellTable(world.region, world.callProfile);
  if (!(ratePerMs > 0) || !table) return none;

  const factors = normalisedHourFactors(world.callProfile);
  const maxFactor = Math.max(...factors);
  if (!(maxFactor > 0)) return none;
  const maxRate = ratePerMs * maxFactor;
  // The local hour of a call, as the engine's day and night read it (shared/local-time.ts).
  const startLocalMs = localMsOfDayAtStart(scenario.start, world.region.utcOffsetHours);
  const { grid } = world.region;

  return {
    next(rng: Rng, after: number, until: number): BackgroundCall | undefined {
      let t = after;
      for (;;) {
        t += rng.exp(1 / maxRate);
        if (t >= until) return undefined;
        if (t <= after) continue; // an exponential draw of exactly 0: the call must come strictly after
        if (rng.next() * maxFactor >= factors[localHourAt(startLocalMs, t)]!) continue; // thinned out
        const i = pick(table.cumulative, rng.next());
        const cell = table.cells[i]!;
        const u = Math.min(rng.next(), 1 - 1e-9);
        const v = Math.min(rng.next(), 1 - 1e-9);
        const mix = table.mixes[i]!;
        return {
          at: t,
          location: [grid.south + (cell.r + u) * grid.cellLat, grid.west + (cell.c + v) * grid.cellLon],
          incidentType: INCIDENT_TYPES[pick(mix, rng.next())] as IncidentType,
        };
      }
    },
  };
}

function inCountyJurisdictions(region: Region): Set<string> {
  return new Set(region.jurisdictions.filter((j) => IN_COUNTY_KINDS.has(j.kind)).map((j) => j.id));
}

function buildCellTable(region: Region, profile: CallProfile): CellTable | undefined {
  const inCounty = inCountyJurisdictions(region);
  const mixByLandUse = new Map<string, Float64Array | undefined>();
  const mixFor = (landUse: string): Float64Array | undefined => {
    if (!mixByLandUse.has(landUse)) {
      const mix = profile.typeMix[landUse] ?? profile.typeMix[DEFAULT_LAND_USE_KEY];
      mixByLandUse.set(landUse, mix ? cumulativeOf(INCIDENT_TYPES.map((t) => mix[t] ?? 0)) : undefined);
    }
    return mixByLandUse.get(landUse);
  };
  const cells: Cell[] = [];
  const weights: number[] = [];
  const mixes: Float64Array[] = [];
  for (const cell of region.cells) {
    if (!inCounty.has(cell.jurisdictionId)) continue;
    const lw = profile.landUseWeight[cell.landUse] ?? profile.landUseWeight[DEFAULT_LAND_USE_KEY];
    const w = lw ? cell.population * lw.perPerson + lw.perCell : 0;
    const mix = mixFor(cell.landUse);
    if (!(w > 0) || !mix || !(mix[mix.length - 1]! > 0)) continue;
    cells.push(cell);
    weights.push(w);
    mixes.push(mix);
  }
  if (cells.length === 0) return undefined;
  return { cells, cumulative: cumulativeOf(weights), mixes };
}

function cumulativeOf(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => { acc += w; out[i] = acc; });
  return out;
}

/** Index of the first entry whose cumulative weight exceeds u × total (binary search). */
function pick(cumulative: Float64Array, u: number): number {
  const target = u * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
