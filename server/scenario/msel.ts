// MSEL spreadsheets (HSEEP Master Scenario Events List) of a drill script: export the inject
// timeline to CSV (UTF-8 with a BOM so Excel opens Chinese text) and import it back into a
// scenario file. Columns: number, time, kind, method, from, to, description, expected action,
// objective, payload (the kind's own fields as JSON). The round trip gives back an equal scenario.
import { parse as parseCsv } from 'csv-parse/sync';
import { parseDocument } from 'yaml';

export const MSEL_COLUMNS = ['number', 'time', 'kind', 'method', 'from', 'to', 'description', 'expected action', 'objective', 'payload'] as const;
const COLUMN_KEYS: Record<string, string> = { method: 'method', from: 'from', to: 'to', description: 'description', 'expected action': 'expectedAction', objective: 'objective' };
const TIMING = new Set(['id', 'at', 'after', 'delay', 'held', 'kind']);

type Raw = Record<string, unknown>;

/** The injects of a scenario file's raw value as written (the `calls:` short form as call injects). */
export function rawInjects(raw: Raw): Raw[] {
  const calls = Array.isArray(raw.calls) ? (raw.calls as Raw[]) : [];
  const injects = Array.isArray(raw.injects) ? (raw.injects as Raw[]) : [];
  const fromCalls = calls.map((c, i): Raw => {
    const { id, at, type, location, description, size, trapped, reportedGrade } = c;
    const truth = size !== undefined || trapped !== undefined ? { ...(size !== undefined ? { size } : {}), ...(trapped !== undefined ? { trapped } : {}) } : undefined;
    return { id: id ?? `inj-${i + 1}`, at, kind: 'call', type, location, ...(description ? { words: description } : {}), ...(reportedGrade !== undefined ? { reportedGrade } : {}), ...(truth ? { truth } : {}) };
  });
  return [...fromCalls, ...injects.map((j, i) => ({ ...j, id: j.id ?? `inj-${calls.length + i + 1}` }))];
}

const cell = (v: unknown): string => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function timeText(j: Raw): string {
  const parts: string[] = [];
  if (j.held) parts.push('held');
  if (j.after !== undefined) parts.push(`after ${String(j.after)}${j.delay !== undefined ? ` +${String(j.delay)}` : ''}`);
  else if (j.at !== undefined) parts.push(String(j.at));
  return parts.join(' ');
}

/** The MSEL of a scenario file's text, as CSV with a BOM. */
export function exportMsel(yamlText: string): string {
  const raw = parseDocument(yamlText).toJS() as Raw;
  const lines = [MSEL_COLUMNS.join(',')];
  for (const j of rawInjects(raw)) {
    const payload = Object.fromEntries(Object.entries(j).filter(([k]) => !TIMING.has(k) && !Object.values(COLUMN_KEYS).includes(k)));
    lines.push([j.id, timeText(j), j.kind, j.method, j.from, j.to, j.description, j.expectedAction, j.objective, Object.keys(payload).length ? JSON.stringify(payload) : ''].map(cell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Injects (as written in a scenario file) from MSEL CSV text; throws with the row on a bad cell. */
export function mselToInjects(csv: string): Raw[] {
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r, i) => {
    const row = i + 2;
    const j: Raw = { id: r.number };
    const time = (r.time ?? '').trim();
    let rest = time;
    if (/^held\b/.test(rest)) { j.held = true; rest = rest.slice(4).trim(); }
    const after = /^after (\S+)(?: \+(.+))?$/.exec(rest);
    if (after) { j.after = after[1]; if (after[2]) j.delay = after[2]; }
    else if (rest) j.at = rest;
    j.kind = r.kind;
    for (const [col, key] of Object.entries(COLUMN_KEYS)) if (r[col]) j[key] = r[col];
    if (r.payload) {
      try {
        Object.assign(j, JSON.parse(r.payload) as Raw);
      } catch (err) {
        throw new Error(`MSEL row ${row}: payload is not JSON: ${(err as Error).message}`);
      }
    }
    return j;
  });
}

/** The scenario file's text with its inject timeline replaced by the MSEL's (the `calls:` short form folded in). */
export function importMsel(yamlText: string, csv: string): string {
  const doc = parseDocument(yamlText);
  doc.delete('calls');
  doc.set('injects', mselToInjects(csv));
  return doc.toString({ lineWidth: 0 });
}
