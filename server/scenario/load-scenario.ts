// Loads a scenario file (scenarios/*.yaml) and, given the world it will run in, checks that it
// belongs to that region. Schema errors and cross-check errors (server/scenario/check-scenario.ts)
// are reported together, in one pass, each as file:line:col: path: message (expected …).
import { z } from 'zod';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import type { Scenario } from '../../shared/schemas/scenario.ts';
import type { RegionIndex } from '../../shared/region-lookup.ts';
import type { LatLon } from '../../shared/geo.ts';
import type { World } from '../engine/types.ts';
import { loadDataFile, parseDataText, validateParsed, type DataSource } from '../files/read-data-file.ts';
import { throwIfIssues, type DataIssue } from '../files/data-file-error.ts';
import { crossCheckScenario, type CheckWorld } from './check-scenario.ts';

/** A scripted call's location as written: [lat, lon] or a place name. */
export type CallLocation = LatLon | string;

/** The point a scripted call's location names, or undefined when it is not a place of the region. */
export function resolveCallLocation(index: RegionIndex, loc: CallLocation): LatLon | undefined {
  if (typeof loc === 'string') return index.placeLocation(loc) ?? index.placeLocation(loc.trim());
  return index.cellAt(loc) ? [loc[0], loc[1]] : undefined;
}

/** The region a scenario file names, read without validating the rest (undefined when it names none). */
export function scenarioRegionOf(file: string): string | undefined {
  const { data } = loadDataFile(file, z.unknown());
  const region = data && typeof data === 'object' ? (data as { region?: unknown }).region : undefined;
  return typeof region === 'string' && region.length > 0 ? region : undefined;
}

/**
 * Reads and checks a scenario file; with a world, also against its region (places, units,
 * stations, unit types). Throws one DataFileError listing every problem.
 */
export function loadScenario(file: string, world?: CheckWorld | Pick<World, 'region'>): Scenario {
  const { data: raw, source } = loadDataFile(file, z.unknown()); // syntax errors stop here
  return checkParsed(raw, source, world);
}

/**
 * Like loadScenario, for text that came from `file` (uploads). `world` may be a function of the
 * region id the text names (undefined: a region this server does not have, reported with the rest
 * when `regions` lists the ones it has).
 */
export function parseScenarioText(text: string, file: string, world?: CheckWorld | Pick<World, 'region'> | WorldOfRegion, regions?: readonly string[]): Scenario {
  const { data: raw, source } = parseDataText(text, file, z.unknown());
  if (typeof world !== 'function') return checkParsed(raw, source, world);
  const region = raw && typeof raw === 'object' ? (raw as { region?: unknown }).region : undefined;
  const known = typeof region === 'string' && (regions === undefined || regions.includes(region));
  const extra: DataIssue[] = [];
  if (typeof region === 'string' && !known) extra.push(source.issue(['region'], `unknown region "${region}" (expected one of: ${regions?.join(', ') || 'none'})`));
  return checkParsed(raw, source, known ? world(region) : undefined, extra);
}

/** The world of a region id (uploads: the text names its region). */
export type WorldOfRegion = (regionId: string) => CheckWorld | Pick<World, 'region'> | undefined;

function checkParsed(raw: unknown, source: DataSource, world?: CheckWorld | Pick<World, 'region'>, extra: DataIssue[] = []): Scenario {
  const { data, issues } = validateParsed(raw, source, ScenarioSchema);
  issues.push(...extra, ...crossCheckScenario(raw, source, world));
  throwIfIssues(dedupe(issues).sort((a, b) => a.line - b.line || a.col - b.col));
  return data!;
}

function dedupe<T extends { line: number; col: number; path: string; message: string }>(issues: T[]): T[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.line}:${i.col}:${i.path}:${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
