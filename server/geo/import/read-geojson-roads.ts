// Reads road lines from GeoJSON: a FeatureCollection of LineString / MultiLineString features whose
// properties carry `highway` (an OSM highway value) or `class` (a road class of the simulator),
// optional `oneway` and `maxspeed`. Vertices with the same coordinates (to 1 cm) are one node, so
// lines that share a vertex are connected. Problems name the feature and field at its line:col.
import fs from 'node:fs';
import { z } from 'zod';
import { ROAD_CLASSES } from '../road-network.ts';
import { parseDataText, type DataSource } from '../../files/read-data-file.ts';
import { DataFileError } from '../../files/data-file-error.ts';
import { directionOf, HIGHWAY_RULES, isRoadClass, parseMaxspeed, type RoadKind } from './highway-tags.ts';
import { bracketPath, fromDataFileError, ImportError, MAX_ISSUES, type ImportIssue } from './import-error.ts';
import { NodeStore, type RawRoads, type RawWay } from './raw-roads.ts';

type Path = (string | number)[];

/** Parses a JSON file and returns its value with a source that locates field paths (line:col). */
export function readLocatedJson(file: string, shown: string): { value: unknown; source: DataSource } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ImportError([{ file: shown, message: `cannot read file: ${(err as Error).message}` }]);
  }
  try {
    const { data, source } = parseDataText(text, shown, z.unknown(), 'json');
    return { value: data, source };
  } catch (err) {
    if (err instanceof DataFileError) throw fromDataFileError(err);
    throw err;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The features of a FeatureCollection, or issues saying why it is not one. */
export function featuresOf(value: unknown, shown: string, source: DataSource): unknown[] {
  const at = (p: Path, message: string): ImportError => new ImportError([{ file: shown, ...source.locate(p), where: bracketPath(p) || undefined, message }]);
  if (!isObject(value) || value.type !== 'FeatureCollection') throw at(isObject(value) ? ['type'] : [], `expected a GeoJSON FeatureCollection (got ${isObject(value) ? JSON.stringify(value.type) : typeof value})`);
  if (!Array.isArray(value.features)) throw at(['features'], 'expected an array of features');
  return value.features;
}

/** Drivable kind of a feature's properties, or a message saying what is wrong. */
function kindOf(props: Record<string, unknown>): RoadKind | 'skip' | { path: string; message: string } {
  const tags: Record<string, string> = {};
  for (const k of ['highway', 'oneway', 'junction'] as const) {
    const v = props[k];
    if (typeof v === 'string') tags[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') tags[k] = String(v);
  }
  const maxspeed = props.maxspeed;
  if (maxspeed !== undefined && maxspeed !== null && typeof maxspeed !== 'number' && typeof maxspeed !== 'string') {
    return { path: 'maxspeed', message: `expected a speed in km/h, e.g. 50 or "50 km/h" (got ${JSON.stringify(maxspeed)})` };
  }
  const speed = parseMaxspeed(maxspeed ?? undefined);
  const direction = directionOf(tags);
  if (typeof props.class === 'string') {
    if (!isRoadClass(props.class)) return { path: 'class', message: `"${props.class}" is not a road class (expected one of: ${ROAD_CLASSES.join(', ')})` };
    return { cls: props.class, speedKmh: speed, direction, residential: props.class === 'local' };
  }
  if (typeof props.highway === 'string') {
    const rule = HIGHWAY_RULES[props.highway];
    if (!rule) return 'skip'; // footway, cycleway…: not a road for a fire engine
    return { cls: rule.cls, speedKmh: speed ?? rule.speedKmh, direction, residential: rule.residential ?? false };
  }
  return { path: '', message: `expected a "highway" (an OSM highway value such as primary or residential) or a "class" (one of: ${ROAD_CLASSES.join(', ')})` };
}

function isPosition(p: unknown): p is [number, number] {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90;
}

export function readGeoJsonRoads(file: string, shown: string): RawRoads {
  const { value, source } = readLocatedJson(file, shown);
  const features = featuresOf(value, shown, source);
  const issues: ImportIssue[] = [];
  const issue = (p: Path, message: string): void => {
    if (issues.length < MAX_ISSUES) issues.push({ file: shown, ...source.locate(p), where: bracketPath(p), message });
  };
  const nodes = new NodeStore();
  const byCoord = new Map<string, number>();
  const nodeAt = (p: [number, number]): number => {
    const key = `${Math.round(p[1] * 1e7)},${Math.round(p[0] * 1e7)}`;
    let i = byCoord.get(key);
    if (i === undefined) {
      i = nodes.add(byCoord.size, p[1], p[0]);
      byCoord.set(key, i);
    }
    return i;
  };
  const ways: RawWay[] = [];
  let skippedWays = 0;

  features.forEach((f, i) => {
    const at: Path = ['features', i];
    if (!isObject(f) || f.type !== 'Feature') return issue(at, 'expected a GeoJSON Feature');
    const g = f.geometry;
    if (!isObject(g)) return issue([...at, 'geometry'], 'expected a LineString or MultiLineString geometry (got none)');
    if (g.type !== 'LineString' && g.type !== 'MultiLineString') return issue([...at, 'geometry', 'type'], `expected LineString or MultiLineString (got ${JSON.stringify(g.type)})`);
    const props = isObject(f.properties) ? f.properties : {};
    const kind = kindOf(props);
    if (kind === 'skip') { skippedWays++; return; }
    if ('message' in kind) return issue(kind.path ? [...at, 'properties', kind.path] : [...at, 'properties'], kind.message);
    const lines: unknown[] = g.type === 'LineString' ? [g.coordinates] : Array.isArray(g.coordinates) ? g.coordinates : [undefined];
    lines.forEach((line, k) => {
      const linePath: Path = g.type === 'LineString' ? [...at, 'geometry', 'coordinates'] : [...at, 'geometry', 'coordinates', k];
      if (!Array.isArray(line) || line.length < 2) return issue(linePath, 'expected a line of at least 2 positions [lon, lat]');
      const bad = line.findIndex((p) => !isPosition(p));
      if (bad >= 0) return issue([...linePath, bad], `expected a position [lon, lat] with lon -180 … 180 and lat -90 … 90 (got ${JSON.stringify(line[bad])})`);
      const idx = Int32Array.from(line as [number, number][], nodeAt);
      ways.push({ id: `features[${i}]`, nodes: idx, kind });
    });
  });
  if (issues.length > 0) throw new ImportError(issues);
  return { source: `GeoJSON roads ${shown}`, fromOsm: false, nodes, ways, places: [], skippedWays };
}
