// Cross-checks of a drill script that the schema alone cannot make: places inside the region,
// references that resolve (units, stations, unit types, injects, objectives, expected actions,
// closures, hazards), times within the duration, `after` chains without cycles, and conditions that
// can be evaluated. Works on the raw parsed file, element by element, so that a schema error in one
// inject does not hide a misspelt place in another: the loader reports both in one pass.
import type { z } from 'zod';
import type { DataIssue } from '../files/data-file-error.ts';
import type { DataSource } from '../files/read-data-file.ts';
import { DurationSchema } from '../../shared/schemas/duration.ts';
import { ExpectedActionSchema, ForceStateSchema, InjectSchema, ObjectiveSchema, ScriptedCallSchema, WeatherPointSchema, type Inject } from '../../shared/schemas/scenario.ts';
import { HazardSchema } from '../../shared/schemas/hazard.ts';
import { factKind, factsOf, incidentOfFact, teamOfFact, type Area, type Condition, type Fact, type Place } from '../../shared/schemas/drill-condition.ts';
import { offsetOf, formatScriptTime, type ScriptTime } from '../../shared/schemas/scenario-time.ts';
import { indexRegion, type RegionIndex } from '../../shared/region-lookup.ts';
import type { Region } from '../../shared/schemas/region.ts';
import type { UnitTypeCatalogue } from '../../shared/schemas/unit-types.ts';

type Path = (string | number)[];
interface Item<T> { i: number; v: T }

/** What the cross-checks need of the world (none: only the checks within the file). */
export interface CheckWorld { region: Region; unitTypes?: UnitTypeCatalogue }

/** The elements of a list field that pass their own schema, with their index in the file. */
function items<S extends z.ZodType>(raw: Record<string, unknown>, key: string, schema: S): Item<z.output<S>>[] {
  const list = raw[key];
  if (!Array.isArray(list)) return [];
  const out: Item<z.output<S>>[] = [];
  list.forEach((v, i) => {
    const r = schema.safeParse(v);
    if (r.success) out.push({ i, v: r.data });
  });
  return out;
}

export function crossCheckScenario(rawValue: unknown, source: DataSource, world?: CheckWorld): DataIssue[] {
  const issues: DataIssue[] = [];
  const add = (p: Path, message: string) => issues.push(source.issue(p, message));
  if (!rawValue || typeof rawValue !== 'object' || Array.isArray(rawValue)) return issues;
  const raw = rawValue as Record<string, unknown>;

  const start = typeof raw.start === 'string' && !Number.isNaN(Date.parse(raw.start)) ? raw.start : undefined;
  const durationParsed = DurationSchema.safeParse(raw.duration);
  const duration = durationParsed.success ? durationParsed.data : undefined;
  const offset = (t: ScriptTime): number | undefined => ('offsetMs' in t ? t.offsetMs : start ? offsetOf(t, start) : undefined);
  const rawLen = (key: string) => (Array.isArray(raw[key]) ? (raw[key] as unknown[]).length : 0);

  const calls = items(raw, 'calls', ScriptedCallSchema);
  const injects = items(raw, 'injects', InjectSchema);
  const expected = items(raw, 'expected', ExpectedActionSchema);
  const objectives = items(raw, 'objectives', ObjectiveSchema);
  const weather = items(raw, 'weather', WeatherPointSchema);
  const hazards = items(raw, 'hazards', HazardSchema);
  const forcesParsed = ForceStateSchema.safeParse(raw.forces ?? {});
  const forces = forcesParsed.success ? forcesParsed.data : undefined;

  /** Areas named by conditions (unitInArea), checked against the region once it is indexed. */
  const conditionAreas: [Area, Path][] = [];
  /** Teams named by conditions (`team:`), checked against the region's stations and the reinforcements injects. */
  const conditionTeams: [string, Path][] = [];
  let index: RegionIndex | undefined;

  // ---- ids ----
  const nCalls = rawLen('calls');
  const injectIds = new Map<string, { kind: Inject['kind'] | 'unknown'; at?: number; held?: boolean; after?: string; path: Path }>();
  // Injects that fail their own schema still own their id (their error is reported by the schema).
  const rawList = (key: string) => (Array.isArray(raw[key]) ? (raw[key] as unknown[]) : []);
  rawList('calls').forEach((c, i) => injectIds.set(typeof (c as { id?: unknown })?.id === 'string' ? (c as { id: string }).id : `inj-${i + 1}`, { kind: 'call', path: ['calls', i] }));
  rawList('injects').forEach((c, i) => injectIds.set(typeof (c as { id?: unknown })?.id === 'string' ? (c as { id: string }).id : `inj-${rawLen('calls') + i + 1}`, { kind: 'unknown', path: ['injects', i] }));
  for (const { i, v } of calls) injectIds.set(v.id ?? `inj-${i + 1}`, { kind: 'call', at: v.at, path: ['calls', i] });
  for (const { i, v } of injects) {
    injectIds.set(v.id ?? `inj-${nCalls + i + 1}`, { kind: v.kind, ...(v.at ? { at: offset(v.at) } : {}), ...(v.held ? { held: true } : {}), ...(v.after ? { after: v.after } : {}), path: ['injects', i] });
  }
  const objectiveIds = new Set(objectives.map((o) => o.v.id));
  const expectedIds = new Set(expected.map((e) => e.v.id));
  const hazardIds = new Set(hazards.map((h) => h.v.id));
  const closureIds = new Set(injects.flatMap(({ v }) => (v.kind === 'road-closure' || v.kind === 'bridge-down') && v.closureId ? [v.closureId] : []));
  const incidentMakers = new Set(['call', 'secondary']);

  const checkObjective = (id: string | undefined, p: Path) => {
    if (id !== undefined && !objectiveIds.has(id)) add(p, `unknown objective "${id}" (expected one of the ids under objectives: ${[...objectiveIds].join(', ') || 'none declared'})`);
  };
  const injectList = () => [...injectIds.keys()].join(', ') || 'none';

  // ---- times ----
  const within = (ms: number | undefined, p: Path, what: string) => {
    if (ms === undefined || duration === undefined) return;
    if (ms < 0) add(p, `${what} ${formatScriptTime(ms)} is before the start (expected ≥ T+00:00:00)`);
    else if (ms > duration) add(p, `${what} ${formatScriptTime(ms)} comes after the end of the scenario (expected ≤ duration T+${formatScriptTime(duration).slice(2)})`);
  };
  for (const { i, v } of calls) within(v.at, ['calls', i, 'at'], 'call at');
  for (const { i, v } of weather) within(offset(v.at), ['weather', i, 'at'], 'weather point at');
  for (let k = 1; k < weather.length; k++) {
    const a = offset(weather[k - 1]!.v.at);
    const b = offset(weather[k]!.v.at);
    if (a !== undefined && b !== undefined && b <= a) add(['weather', weather[k]!.i, 'at'], 'weather points must be in time order (expected a later time than the previous point)');
  }
  for (const { i, v } of expected) if (v.by) within(offset(v.by), ['expected', i, 'by'], 'deadline');

  // `after` chains: references resolve, no cycles, planned times inside the duration.
  const planned = new Map<string, number | undefined>();
  const plan = (id: string, seen: string[]): number | undefined => {
    if (planned.has(id)) return planned.get(id);
    const inj = injectIds.get(id);
    if (!inj) return undefined;
    if (seen.includes(id)) return undefined; // reported below
    let t: number | undefined;
    if (inj.after) {
      const base = plan(inj.after, [...seen, id]);
      const delay = injects.find((x) => (x.v.id ?? `inj-${nCalls + x.i + 1}`) === id)?.v.delay ?? 0;
      t = base === undefined ? undefined : base + delay;
    } else t = inj.held ? undefined : inj.at;
    planned.set(id, t);
    return t;
  };
  for (const { i, v } of injects) {
    const id = v.id ?? `inj-${nCalls + i + 1}`;
    if (v.after !== undefined) {
      if (!injectIds.has(v.after)) add(['injects', i, 'after'], `unknown inject "${v.after}" (expected one of: ${injectList()})`);
      else {
        // Follow the chain; coming back to this inject is a cycle.
        const chain = [id];
        for (let cur: string | undefined = v.after; cur !== undefined; cur = injectIds.get(cur)?.after) {
          if (chain.includes(cur)) {
            add(['injects', i, 'after'], `\`after\` chain makes a cycle: ${[...chain, cur].join(' → ')} (expected a chain that ends at an inject with a time)`);
            break;
          }
          chain.push(cur);
          if (!injectIds.has(cur)) break;
        }
      }
    }
    const t = v.at ? offset(v.at) : plan(id, []);
    within(t, ['injects', i, v.at ? 'at' : 'after'], v.at ? 'inject at' : 'inject planned at');
    if (v.contingency?.until) {
      const u = offset(v.contingency.until);
      within(u, ['injects', i, 'contingency', 'until'], 'watch until');
      if (u !== undefined && t !== undefined && u < t) add(['injects', i, 'contingency', 'until'], `watch ends at ${formatScriptTime(u)} before it starts at ${formatScriptTime(t)} (expected until ≥ the inject's time)`);
    }
    checkObjective(v.objective, ['injects', i, 'objective']);
  }

  // ---- conditions and references between parts of the script ----
  const checkCondition = (c: Condition, at: Path, checkedAt: number | undefined, watch: boolean) => {
    for (const [f, p] of factsWithPaths(c, at)) {
      const ref = incidentOfFact(f);
      if (typeof ref === 'string' && ref !== 'any') {
        const inj = injectIds.get(ref);
        if (!inj) add(p, `unknown inject "${ref}" as incident (expected the id of a call or secondary inject: ${[...injectIds].filter(([, x]) => incidentMakers.has(x.kind)).map(([k]) => k).join(', ') || 'none'})`);
        else if (inj.kind !== 'unknown' && !incidentMakers.has(inj.kind)) add(p, `inject "${ref}" is a ${inj.kind} inject and makes no incident (expected a call or secondary inject)`);
        else {
          const t = plan(ref, []);
          if (!watch && checkedAt !== undefined && t !== undefined && t > checkedAt) {
            add(p, `checked at ${formatScriptTime(checkedAt)} but the incident of "${ref}" only starts at ${formatScriptTime(t)} (expected a check after the call)`);
          }
        }
      }
      // The incident whose stations are left out (`fromStationNotAt`): a call or secondary inject too.
      const notAt = 'dispatched' in f ? f.dispatched.fromStationNotAt : 'onScene' in f ? f.onScene.fromStationNotAt : undefined;
      if (typeof notAt === 'string' && notAt !== 'any') {
        const inj = injectIds.get(notAt);
        if (!inj) add([...p, 'fromStationNotAt'], `unknown inject "${notAt}" (expected the id of a call or secondary inject: ${[...injectIds].filter(([, x]) => incidentMakers.has(x.kind)).map(([k]) => k).join(', ') || 'none'})`);
        else if (inj.kind !== 'unknown' && !incidentMakers.has(inj.kind)) add([...p, 'fromStationNotAt'], `inject "${notAt}" is a ${inj.kind} inject and makes no incident (expected a call or secondary inject)`);
      }
      if ('injectFired' in f && !injectIds.has(f.injectFired)) add(p, `unknown inject "${f.injectFired}" (expected one of: ${injectList()})`);
      if ('expectedMet' in f && !expectedIds.has(f.expectedMet)) add(p, `unknown expected action "${f.expectedMet}" (expected one of: ${[...expectedIds].join(', ') || 'none declared'})`);
      if ('unitInArea' in f) conditionAreas.push([f.unitInArea.area, [...p, 'area']]); // checked with the world's places below
      const team = teamOfFact(f);
      if (team !== undefined) conditionTeams.push([team, [...p, 'team']]);
    }
  };

  for (const { i, v } of injects) {
    const p: Path = ['injects', i];
    if (v.contingency) checkCondition(v.contingency.when, [...p, 'contingency', 'when'], v.at ? offset(v.at) : undefined, v.contingency.until !== undefined);
    if (v.kind === 'secondary') {
      const scene = injectIds.get(v.scene);
      if (!scene) add([...p, 'scene'], `unknown inject "${v.scene}" (expected the id of the call inject whose incident is the scene)`);
      else if (scene.kind !== 'call' && scene.kind !== 'unknown') add([...p, 'scene'], `inject "${v.scene}" is a ${scene.kind} inject (expected a call inject: its incident is the scene)`);
    }
    if (v.kind === 'road-reopen' && !closureIds.has(v.closureId)) add([...p, 'closureId'], `unknown closure "${v.closureId}" (expected the closureId of a road-closure or bridge-down inject: ${[...closureIds].join(', ') || 'none declared'})`);
    if (v.kind === 'hazard' && 'hazardId' in v.hazard && !hazardIds.has(v.hazard.hazardId)) add([...p, 'hazard', 'hazardId'], `unknown hazard "${v.hazard.hazardId}" (expected one of the ids under hazards: ${[...hazardIds].join(', ') || 'none declared'})`);
  }
  for (const { i, v } of expected) {
    const p: Path = ['expected', i];
    checkObjective(v.objective, [...p, 'objective']);
    checkCondition(v.check, [...p, 'check'], undefined, true);
    if (v.within !== undefined) {
      const refs = factsOf(v.check).map(incidentOfFact).filter((r) => r !== undefined && r !== 'any');
      if (refs.length === 0) add([...p, 'within'], '`within` counts from the call of the incident the check names (expected a check naming an incident: an inject id or {firstOfType: …}, not "any")');
    }
  }

  // ---- the world: places, units, stations, unit types ----
  function checkPlace(place: Place, p: Path): void {
    if (!world || !index) return;
    const { region } = world;
    if (typeof place === 'string') {
      if (!index.placeLocation(place) && !index.placeLocation(place.trim())) {
        const near = similarPlaces(region, place);
        const hint = near.length > 0 ? `did you mean ${near.map((n) => JSON.stringify(n)).join(', ')}?` : 'a cell place, a station id or name, or a jurisdiction id or name';
        add(p, `unknown place "${place}" in region ${region.id} (expected ${hint})`);
      }
    } else if (!index.cellAt(place)) {
      const g = region.grid;
      add(p, `[${place.join(', ')}] is outside region ${region.id} (expected lat ${g.south.toFixed(4)} … ${(g.south + g.rows * g.cellLat).toFixed(4)}, lon ${g.west.toFixed(4)} … ${(g.west + g.cols * g.cellLon).toFixed(4)}, on a cell of the grid)`);
    }
  }
  function checkArea(a: Area, p: Path): void {
    if ('circle' in a) checkPlace(a.circle.center, [...p, 'circle', 'center']);
    else a.polygon.forEach((pt, k) => checkPlace(pt, [...p, 'polygon', k]));
  }

  if (world) {
    const { region } = world;
    if (typeof raw.region === 'string' && raw.region !== region.id) {
      add(['region'], `scenario is for region "${raw.region}" but the loaded region is "${region.id}" (expected "${region.id}")`);
      return issues; // places of another region would only add noise
    }
    index = indexRegion(region);
    const units = new Set(region.stations.flatMap((s) => s.units.map((u) => u.id)));
    const stations = new Set(region.stations.map((s) => s.id));
    const types = world.unitTypes ? new Set(world.unitTypes.unitTypes.map((t) => t.code)) : undefined;
    // Units that reinforcements bring in may break down or lose crew once they have arrived.
    const arriving = new Map<string, Path>();
    const unit = (id: string, p: Path) => {
      if (!units.has(id) && !arriving.has(id)) add(p, `unknown unit "${id}" in region ${region.id} (expected a unit id, e.g. ${[...units].slice(0, 3).join(', ')})`);
    };
    for (const { i, v } of injects) {
      if (v.kind !== 'reinforcements') continue;
      v.units.forEach((u, k) => {
        const p: Path = ['injects', i, 'units', k, 'id'];
        if (arriving.has(u.id)) add(p, `unit id "${u.id}" already arrives with ${arriving.get(u.id)!.slice(0, 2).join('.')} (expected each arriving unit once)`);
        else if (!units.has(u.id)) arriving.set(u.id, p);
      });
    }
    const station = (id: string, p: Path) => {
      if (!stations.has(id)) add(p, `unknown station or team "${id}" in region ${region.id} (expected a station id, e.g. ${[...stations].slice(0, 3).join(', ')})`);
    };

    for (const { i, v } of calls) checkPlace(v.location, ['calls', i, 'location']);
    for (const [a, p] of conditionAreas) checkArea(a, p);
    const teams = [...injectIds].filter(([, x]) => x.kind === 'reinforcements').map(([id]) => id);
    for (const [team, p] of conditionTeams) {
      if (stations.has(team) || teams.includes(team)) continue;
      // Suggest station ids, also when the station's name was written instead of its id.
      const near = [...new Set(similarPlaces({ ...region, cells: [], jurisdictions: [] }, team).map((n) => region.stations.find((st) => st.id === n || st.name === n || st.nameZh === n)!.id))];
      add(p, `unknown team "${team}" (expected a station id of region ${region.id}${near.length > 0 ? `, did you mean ${near.map((n) => JSON.stringify(n)).join(', ')}?` : `, e.g. ${[...stations].slice(0, 3).join(', ')}`}, or the id of a reinforcements inject${teams.length > 0 ? `: ${teams.join(', ')}` : ' (none declared)'})`);
    }
    for (const { i, v } of injects) {
      const p: Path = ['injects', i];
      switch (v.kind) {
        case 'call': checkPlace(v.location, [...p, 'location']); break;
        case 'road-closure':
          if (v.road) { checkPlace(v.road.from, [...p, 'road', 'from']); checkPlace(v.road.to, [...p, 'road', 'to']); }
          if (v.area) checkArea(v.area, [...p, 'area']);
          break;
        case 'bridge-down': checkPlace(v.bridge, [...p, 'bridge']); break;
        case 'power-outage': if (v.hydrantsArea) checkArea(v.hydrantsArea, [...p, 'hydrantsArea']); break;
        case 'comms-outage': station(v.station, [...p, 'station']); break;
        case 'unit-breakdown': case 'crew-injury': unit(v.unit, [...p, 'unit']); break;
        case 'reinforcements':
          checkPlace(v.stagingAt, [...p, 'stagingAt']);
          v.units.forEach((u, k) => {
            if (units.has(u.id)) add([...p, 'units', k, 'id'], `unit id "${u.id}" is already a unit of region ${region.id} (expected a new id for an arriving unit)`);
            if (types && !types.has(u.type)) add([...p, 'units', k, 'type'], `unknown unit type "${u.type}" (expected a code of seeds/unit-types.yaml: ${[...types].join(', ')})`);
          });
          break;
        default: break;
      }
    }
    for (const { i, v } of hazards) if (v.kind === 'chemical-release') checkPlace(v.site.location, ['hazards', i, 'site', 'location']);
    // Elements that failed their own schema (a misspelt key, say) still get their places checked,
    // so a misspelt place is reported in the same pass as the schema error beside it.
    const parsedAt = (list: Item<unknown>[]) => new Set(list.map((x) => x.i));
    for (const [key, ok] of [['calls', parsedAt(calls)], ['injects', parsedAt(injects)]] as const) {
      rawList(key).forEach((el, i) => {
        if (ok.has(i) || !el || typeof el !== 'object') return;
        for (const field of ['location', 'stagingAt', 'bridge'] as const) {
          const place = (el as Record<string, unknown>)[field];
          if (isPlace(place)) checkPlace(place, [key, i, field]);
        }
      });
    }
    if (forces) {
      forces.outOfService.forEach((f, k) => unit(f.unit, ['forces', 'outOfService', k, 'unit']));
      forces.reducedStaffing.forEach((f, k) => unit(f.unit, ['forces', 'reducedStaffing', k, 'unit']));
      forces.away.forEach((f, k) => station(f.station, ['forces', 'away', k, 'station']));
    }
  }
  return issues;
}

/** A value that reads as a place: a non-empty name or [lat, lon]. */
function isPlace(v: unknown): v is Place {
  return (typeof v === 'string' && v.trim() !== '') || (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x)));
}

/** Every fact of a condition with its path in the file (for messages at the right line). */
function factsWithPaths(c: Condition, p: Path): [Fact, Path][] {
  if ('all' in c) return c.all.flatMap((x, k) => factsWithPaths(x, [...p, 'all', k]));
  if ('any' in c) return c.any.flatMap((x, k) => factsWithPaths(x, [...p, 'any', k]));
  if ('not' in c) return factsWithPaths(c.not, [...p, 'not']);
  return [[c, [...p, factKind(c)]]];
}

/** Up to three place names close to what was written (same letters, small edit distance). */
export function similarPlaces(region: Region, wanted: string): string[] {
  const names = new Set<string>();
  for (const c of region.cells) if (c.place) names.add(c.place);
  for (const j of region.jurisdictions) { names.add(j.id); names.add(j.name); names.add(j.nameZh); }
  for (const s of region.stations) { names.add(s.id); names.add(s.name); names.add(s.nameZh); }
  const w = wanted.toLowerCase();
  const scored = [...names].map((n) => {
    const l = n.toLowerCase();
    const contains = l.includes(w) || w.includes(l);
    return { n, d: contains ? 0 : editDistance(w, l) };
  });
  const limit = Math.max(2, Math.floor(w.length / 3));
  return scored.filter((s) => s.d <= limit).sort((a, b) => a.d - b.d || a.n.localeCompare(b.n)).slice(0, 3).map((s) => s.n);
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
