// Loads a scenario file (scenarios/*.yaml) and, given the world it will run in, checks that it
// belongs to that region: every scripted call's place is known and every coordinate is on the grid.
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import type { Scenario } from '../../shared/schemas/scenario.ts';
import { indexRegion } from '../../shared/region-lookup.ts';
import type { RegionIndex } from '../../shared/region-lookup.ts';
import type { Region } from '../../shared/schemas/region.ts';
import type { LatLon } from '../../shared/geo.ts';
import type { World } from '../engine/types.ts';
import { loadDataFile } from '../files/read-data-file.ts';
import { throwIfIssues } from '../files/data-file-error.ts';
import type { DataIssue } from '../files/data-file-error.ts';

/** A scripted call's location as written: [lat, lon] or a place name. */
export type CallLocation = LatLon | string;

/** The point a scripted call's location names, or undefined when it is not a place of the region. */
export function resolveCallLocation(index: RegionIndex, loc: CallLocation): LatLon | undefined {
  if (typeof loc === 'string') return index.placeLocation(loc) ?? index.placeLocation(loc.trim());
  return index.cellAt(loc) ? [loc[0], loc[1]] : undefined;
}

export function loadScenario(file: string, world?: Pick<World, 'region'>): Scenario {
  const { data: scenario, source } = loadDataFile(file, ScenarioSchema);
  if (!world) return scenario;
  const { region } = world;
  const issues: DataIssue[] = [];
  if (scenario.region !== region.id) {
    issues.push(source.issue(['region'], `scenario is for region "${scenario.region}" but the loaded region is "${region.id}" (expected "${region.id}")`));
    throwIfIssues(issues); // places of another region would only add noise
  }
  const index = indexRegion(region);
  scenario.calls.forEach((call, i) => {
    const where = ['calls', i, 'location'];
    if (typeof call.location === 'string') {
      if (!resolveCallLocation(index, call.location)) {
        const near = similarPlaces(region, call.location);
        const hint = near.length > 0 ? `did you mean ${near.map((n) => JSON.stringify(n)).join(', ')}?` : 'a cell place, a station id or name, or a jurisdiction id or name';
        issues.push(source.issue(where, `unknown place "${call.location}" in region ${region.id} (expected ${hint})`));
      }
    } else if (!index.cellAt(call.location)) {
      const g = region.grid;
      const north = g.south + g.rows * g.cellLat;
      const east = g.west + g.cols * g.cellLon;
      issues.push(source.issue(where, `[${call.location.join(', ')}] is outside region ${region.id} (expected lat ${g.south.toFixed(4)} … ${north.toFixed(4)}, lon ${g.west.toFixed(4)} … ${east.toFixed(4)}, on a cell of the grid)`));
    }
    if (call.at > scenario.duration) {
      issues.push(source.issue(['calls', i, 'at'], `call at ${formatMs(call.at)} comes after the end of the scenario (expected ≤ duration ${formatMs(scenario.duration)})`));
    }
  });
  throwIfIssues(issues);
  return scenario;
}

function formatMs(ms: number): string {
  const s = Math.round(ms / 1000);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

/** Up to three place names close to what was written (same letters, small edit distance). */
function similarPlaces(region: Region, wanted: string): string[] {
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
