// Reads the station roster of an imported region: a CSV with a header row, or GeoJSON Point
// features with the same properties. Columns: id, name, nameZh?, kind (a force kind), lat, lon
// (CSV only; GeoJSON takes the point), staff (on duty), units ("SG:2;DG-32:1;JY", codes of the
// unit-type catalogue), specialties? ("water-rescue;hazmat"), jurisdiction? (a national station id
// whose district this force belongs to, or `neighbour` / `province` for reinforcements from outside
// the area). Every problem names the line (CSV) or feature (GeoJSON) and the column.
import fs from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { CAPABILITIES, FORCE_KINDS, type Capability, type ForceKind } from '../../../shared/domain/forces.ts';
import type { LatLon } from '../../../shared/geo.ts';
import { bracketPath, ImportError, MAX_ISSUES, type ImportIssue } from './import-error.ts';
import { featuresOf, readLocatedJson } from './read-geojson-roads.ts';

export const ROSTER_COLUMNS = ['id', 'name', 'nameZh', 'kind', 'lat', 'lon', 'staff', 'units', 'specialties', 'jurisdiction'] as const;
type Column = (typeof ROSTER_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['id', 'name', 'kind', 'lat', 'lon', 'staff', 'units'];
/** Jurisdiction values for forces outside the imported area (reinforcement echelons). */
export const OUTSIDE_JURISDICTIONS = ['neighbour', 'province'] as const;

export interface RosterStation {
  id: string;
  name: string;
  nameZh: string;
  kind: ForceKind;
  location: LatLon;
  staff: number;
  units: { type: string; count: number }[];
  specialties: Capability[];
  jurisdiction: string | undefined;
  /** Where the record is, for later messages (the jurisdiction column is checked once all are read). */
  at: (column: Column, message: string) => ImportIssue;
}

type Value = string | number | undefined;
interface RecordIn { get(c: Column): Value; at(c: Column, message: string): ImportIssue; location?: LatLon }

export function readRoster(file: string, shown: string, unitCodes: ReadonlySet<string>, catalogueFile: string): RosterStation[] {
  const { records, issues } = /\.(geo)?json$/i.test(file) ? geoJsonRecords(file, shown) : { records: csvRecords(file, shown), issues: [] };
  const add = (i: ImportIssue): void => { if (issues.length < MAX_ISSUES) issues.push(i); };
  const stations: RosterStation[] = [];
  const firstAt = new Map<string, ImportIssue>();
  const codes = [...unitCodes].join(', ');

  for (const r of records) {
    const text = (c: Column): string => String(r.get(c) ?? '').trim();
    const before = issues.length;
    const id = text('id');
    if (!id) add(r.at('id', 'missing station id'));
    else if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(id)) add(r.at('id', `${JSON.stringify(id)} is not a valid id (expected letters, digits, - and _)`));
    else if (firstAt.has(id)) add(r.at('id', `duplicate station id "${id}" (ids must be unique; first at ${where(firstAt.get(id)!)})`));
    else firstAt.set(id, r.at('id', ''));
    const name = text('name');
    if (!name) add(r.at('name', 'missing station name'));
    const kind = text('kind');
    if (!(FORCE_KINDS as readonly string[]).includes(kind)) add(r.at('kind', `${JSON.stringify(kind)} is not a force kind (expected one of: ${FORCE_KINDS.join(', ')})`));
    let location = r.location;
    if (!location) {
      const lat = number(text('lat'));
      const lon = number(text('lon'));
      if (lat === undefined || lat < -90 || lat > 90) add(r.at('lat', `${JSON.stringify(text('lat'))} is not a latitude (expected a number -90 … 90)`));
      if (lon === undefined || lon < -180 || lon > 180) add(r.at('lon', `${JSON.stringify(text('lon'))} is not a longitude (expected a number -180 … 180)`));
      if (lat !== undefined && lon !== undefined) location = [lat, lon];
    }
    const staff = number(text('staff'));
    if (staff === undefined || !Number.isInteger(staff) || staff < 1) add(r.at('staff', `${JSON.stringify(text('staff'))} is not a number of people on duty (expected a whole number ≥ 1)`));
    const units: { type: string; count: number }[] = [];
    for (const part of text('units').split(/[;,]/).map((p) => p.trim()).filter(Boolean)) {
      const m = /^([A-Za-z0-9-]+?)(?:\s*[:×x*]\s*(\d+))?$/.exec(part);
      if (!m) { add(r.at('units', `${JSON.stringify(part)} is not a unit entry (expected CODE or CODE:count, e.g. SG:2;DG-32:1)`)); continue; }
      const code = m[1]!;
      const count = m[2] === undefined ? 1 : Number(m[2]);
      if (!unitCodes.has(code)) add(r.at('units', `unit type "${code}" is not in ${catalogueFile} (expected one of: ${codes})`));
      else if (count < 1) add(r.at('units', `count of ${code} is ${count} (expected ≥ 1)`));
      else units.push({ type: code, count });
    }
    const specialties: Capability[] = [];
    for (const s of text('specialties').split(/[;,]/).map((p) => p.trim()).filter(Boolean)) {
      if ((CAPABILITIES as readonly string[]).includes(s)) specialties.push(s as Capability);
      else add(r.at('specialties', `"${s}" is not a capability (expected one of: ${CAPABILITIES.join(', ')})`));
    }
    if (issues.length > before) continue;
    stations.push({
      id, name, nameZh: text('nameZh') || name, kind: kind as ForceKind, location: location!, staff: staff!,
      units, specialties, jurisdiction: text('jurisdiction') || undefined, at: r.at,
    });
  }
  if (records.length === 0) add({ file: shown, message: 'no stations in the roster (expected one record per station or team)' });
  if (issues.length > 0) throw new ImportError(issues);
  return stations;
}

function number(s: string): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

function where(i: ImportIssue): string {
  return i.line !== undefined ? `line ${i.line}` : i.where ?? i.file;
}

function readText(file: string, shown: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read file: ${(err as Error).message}`;
    throw new ImportError([{ file: shown, message: reason }]);
  }
}

function csvRecords(file: string, shown: string): RecordIn[] {
  const text = readText(file, shown);
  const lower = new Map(ROSTER_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const headerIssues: ImportIssue[] = [];
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv(text, {
      bom: true, trim: true, skip_empty_lines: true, info: true,
      columns: (header: string[]) => header.map((h) => {
        const c = lower.get(h.trim().toLowerCase());
        if (!c) headerIssues.push({ file: shown, line: 1, where: `column ${JSON.stringify(h)}`, message: `unknown column (expected: ${ROSTER_COLUMNS.join(', ')})` });
        return c ?? h;
      }),
    }) as unknown as { record: Record<string, string>; info: { lines: number } }[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new ImportError([...headerIssues, { file: shown, ...(e.lines ? { line: e.lines } : {}), message: `malformed CSV: ${e.message.replace(/ on line \d+$/, '').replace(/ at line \d+$/, '')}` }]);
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const present = new Set(firstLine.split(',').map((h) => lower.get(h.trim().replace(/^"|"$/g, '').toLowerCase())));
  for (const c of REQUIRED) if (!present.has(c)) headerIssues.push({ file: shown, line: 1, message: `missing column "${c}" (the header needs: ${REQUIRED.join(', ')}; optional: nameZh, specialties, jurisdiction)` });
  if (headerIssues.length > 0) throw new ImportError(headerIssues);
  return rows.map(({ record, info }) => ({
    get: (c) => record[c],
    at: (c, message) => ({ file: shown, line: info.lines, where: `column ${c}`, message }),
  }));
}

/** Records of a GeoJSON roster, and the features that are not points (reported with the rest). */
function geoJsonRecords(file: string, shown: string): { records: RecordIn[]; issues: ImportIssue[] } {
  const { value, source } = readLocatedJson(file, shown);
  const features = featuresOf(value, shown, source);
  const issues: ImportIssue[] = [];
  const records: RecordIn[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  features.forEach((f, i) => {
    const locate = (p: (string | number)[], message: string): ImportIssue => ({ file: shown, ...source.locate(p), where: bracketPath(p), message });
    const g = isObj(f) ? f.geometry : undefined;
    const coords = isObj(g) ? g.coordinates : undefined;
    if (!isObj(g) || g.type !== 'Point') { if (issues.length < MAX_ISSUES) issues.push(locate(['features', i, 'geometry', 'type'], `expected Point (got ${JSON.stringify(isObj(g) ? g.type : g ?? null)})`)); return; }
    if (!Array.isArray(coords) || typeof coords[0] !== 'number' || typeof coords[1] !== 'number' || Math.abs(coords[1]) > 90 || Math.abs(coords[0]) > 180) {
      if (issues.length < MAX_ISSUES) issues.push(locate(['features', i, 'geometry', 'coordinates'], `expected a position [lon, lat] with lon -180 … 180 and lat -90 … 90 (got ${JSON.stringify(coords ?? null)})`));
      return;
    }
    const props = isObj(f) && isObj(f.properties) ? f.properties : {};
    const byLower = new Map(Object.entries(props).map(([k, v]) => [k.toLowerCase(), v]));
    records.push({
      location: [coords[1], coords[0]],
      get: (c) => {
        const v = byLower.get(c.toLowerCase());
        if (c === 'units' && isObj(v)) return Object.entries(v).map(([k, n]) => `${k}:${String(n)}`).join(';');
        if (Array.isArray(v)) return v.join(';');
        return typeof v === 'string' || typeof v === 'number' ? v : undefined;
      },
      at: (c, message) => {
        const key = Object.keys(props).find((k) => k.toLowerCase() === c.toLowerCase());
        return { ...locate(['features', i, 'properties', ...(key === undefined ? [] : [key])], message), where: bracketPath(['features', i, 'properties', key ?? c]) };
      },
    });
  });
  return { records, issues };
}
