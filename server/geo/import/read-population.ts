// Optional population for an imported region (--population): a total to spread over the streets, or
// a file of points with people (CSV lat,lon,population or GeoJSON Points with a population
// property: census units, villages, residential compounds). Without it the import estimates.
import fs from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { bracketPath, ImportError, MAX_ISSUES, type ImportIssue } from './import-error.ts';
import { featuresOf, readLocatedJson } from './read-geojson-roads.ts';

export interface PopulationPoint { lat: number; lon: number; people: number }
export type PopulationInput = { kind: 'total'; people: number } | { kind: 'points'; file: string; points: PopulationPoint[] };

export function readPopulation(arg: string, shownOf: (f: string) => string): PopulationInput {
  if (/^\d+$/.test(arg.trim())) return { kind: 'total', people: Number(arg) };
  const shown = shownOf(arg);
  const issues: ImportIssue[] = [];
  const add = (i: ImportIssue): void => { if (issues.length < MAX_ISSUES) issues.push(i); };
  const points: PopulationPoint[] = [];
  const check = (lat: unknown, lon: unknown, people: unknown, at: (field: string, message: string) => ImportIssue): void => {
    const la = Number(lat), lo = Number(lon), p = Number(people);
    if (lat === '' || lat === undefined || !(la >= -90 && la <= 90)) return add(at('lat', `${JSON.stringify(lat ?? null)} is not a latitude (expected a number -90 … 90)`));
    if (lon === '' || lon === undefined || !(lo >= -180 && lo <= 180)) return add(at('lon', `${JSON.stringify(lon ?? null)} is not a longitude (expected a number -180 … 180)`));
    if (people === '' || people === undefined || !Number.isInteger(p) || p < 0) return add(at('population', `${JSON.stringify(people ?? null)} is not a number of people (expected a whole number ≥ 0)`));
    points.push({ lat: la, lon: lo, people: p });
  };
  if (/\.(geo)?json$/i.test(arg)) {
    const { value, source } = readLocatedJson(arg, shown);
    featuresOf(value, shown, source).forEach((f, i) => {
      const o = f as { geometry?: { type?: unknown; coordinates?: unknown[] }; properties?: Record<string, unknown> };
      const at = (field: string, message: string): ImportIssue => {
        const p = field === 'population' ? ['features', i, 'properties', 'population'] : ['features', i, 'geometry', 'coordinates'];
        return { file: shown, ...source.locate(p), where: bracketPath(p), message };
      };
      if (o?.geometry?.type !== 'Point') return add(at('lat', `expected a Point geometry (got ${JSON.stringify(o?.geometry?.type ?? null)})`));
      check(o.geometry.coordinates?.[1], o.geometry.coordinates?.[0], o.properties?.population, at);
    });
  } else {
    let rows: { record: Record<string, string>; info: { lines: number } }[];
    try {
      rows = parseCsv(fs.readFileSync(arg, 'utf8'), { bom: true, trim: true, skip_empty_lines: true, info: true, columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()) }) as unknown as typeof rows;
    } catch (err) {
      const e = err as Error & { lines?: number; code?: string };
      throw new ImportError([{ file: shown, ...(e.lines ? { line: e.lines } : {}), message: e.code === 'ENOENT' ? 'file not found' : `malformed CSV: ${e.message}` }]);
    }
    for (const { record, info } of rows) check(record.lat, record.lon, record.population, (field, message) => ({ file: shown, line: info.lines, where: `column ${field}`, message }));
  }
  if (points.length === 0 && issues.length === 0) add({ file: shown, message: 'no population points (expected lat, lon, population)' });
  if (issues.length > 0) throw new ImportError(issues);
  return { kind: 'points', file: shown, points };
}
