// Reads a YAML or JSON data file, validates it with a zod schema, and turns every problem into a
// DataIssue that points at the offending node (file:line:col). Big JSON files (a region is ~1 MB)
// are parsed with JSON.parse and only re-read with the YAML parser, which keeps source positions,
// when something has to be located.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { DataFileError, formatPath } from './data-file-error.ts';
import type { DataIssue } from './data-file-error.ts';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** Where a file's values came from: locates field paths in the source text. */
export interface DataSource {
  /** The file as shown in messages (relative to the cwd when inside it). */
  file: string;
  /** Line and column of the node at `path`, or of its nearest existing ancestor; `key` points at the key. */
  locate(path: Path, at?: 'value' | 'key'): { line: number; col: number };
  /** A DataIssue at `path` in this file. */
  issue(path: Path, message: string, at?: 'value' | 'key'): DataIssue;
}

export interface LoadedDataFile<T> {
  data: T;
  source: DataSource;
}

export type DataFormat = 'yaml' | 'json';

/** Path as shown to users: relative to the cwd when the file is under it, absolute otherwise. */
export function displayPath(file: string): string {
  const abs = path.resolve(file);
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

export function formatOf(file: string): DataFormat {
  return file.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

/** Reads, parses and validates a file; throws DataFileError listing every problem. */
export function loadDataFile<S extends z.ZodType>(file: string, schema: S): LoadedDataFile<z.output<S>> {
  const shown = displayPath(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read file: ${(err as Error).message}`;
    throw new DataFileError([{ file: shown, line: 1, col: 1, path: '', message: reason }]);
  }
  return parseDataText(text, shown, schema, formatOf(file));
}

/** Like loadDataFile, returning only the validated data. */
export function readDataFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  return loadDataFile(file, schema).data;
}

/** Parses and validates text that came from `file` (used as is in messages). */
export function parseDataText<S extends z.ZodType>(text: string, file: string, schema: S, format: DataFormat = formatOf(file)): LoadedDataFile<z.output<S>> {
  const { value, source } = format === 'json' ? parseJson(text, file) : parseYaml(text, file);
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.flatMap((i) => toDataIssues(i, source, schema, value));
    throw new DataFileError(issues.sort((a, b) => a.line - b.line || a.col - b.col));
  }
  return { data: result.data, source };
}

/**
 * Validates an already parsed value (e.g. read with schema `z.unknown()`) and returns the problems
 * instead of throwing, for loaders that add their own cross-checks and report everything in one pass.
 */
export function validateParsed<S extends z.ZodType>(value: unknown, source: DataSource, schema: S): { data?: z.output<S>; issues: DataIssue[] } {
  const result = schema.safeParse(value);
  if (result.success) return { data: result.data, issues: [] };
  return { issues: result.error.issues.flatMap((i) => toDataIssues(i, source, schema, value)) };
}

// ---- parsing ----------------------------------------------------------------------------------

interface Located {
  doc: Document.Parsed;
  lines: LineCounter;
}

function parseYaml(text: string, file: string): { value: unknown; source: DataSource } {
  const located = parseLocated(text);
  const { doc, lines } = located;
  const syntax = doc.errors.map((e): DataIssue => ({ file, ...lines.linePos(e.pos[0]), path: '', message: `YAML syntax error: ${e.message}` }));
  if (syntax.length > 0) throw new DataFileError(syntax);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 10_000 });
  } catch (err) {
    throw new DataFileError([{ file, line: 1, col: 1, path: '', message: `YAML error: ${(err as Error).message}` }]);
  }
  return { value, source: makeSource(file, () => located) };
}

function parseJson(text: string, file: string): { value: unknown; source: DataSource } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const { line, col } = pos ? offsetToLineCol(text, Number(pos[1])) : { line: 1, col: 1 };
    throw new DataFileError([{ file, line, col, path: '', message: `JSON syntax error: ${message.replace(/ in JSON at position \d+.*$/, '')}` }]);
  }
  let located: Located | undefined;
  return { value, source: makeSource(file, () => (located ??= parseLocated(text))) };
}

function parseLocated(text: string): Located {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { doc, lines };
}

function offsetToLineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  return { line, col: offset - lineStart + 1 };
}

// ---- locating ---------------------------------------------------------------------------------

function makeSource(file: string, getLocated: () => Located): DataSource {
  const locate = (p: Path, at: 'value' | 'key' = 'value') => {
    const { doc, lines } = getLocated();
    const node = nodeAt(doc, p, at);
    const offset = node?.range?.[0];
    return offset === undefined ? { line: 1, col: 1 } : lines.linePos(offset);
  };
  return {
    file,
    locate,
    issue: (p, message, at) => ({ file, ...locate(p, at), path: formatPath(p), message }),
  };
}

/** The node at `path`; when a step is missing, the deepest node that exists (the parent). */
function nodeAt(doc: Document.Parsed, p: Path, at: 'value' | 'key'): Node | null {
  let cur: unknown = doc.contents;
  for (let i = 0; i < p.length; i++) {
    if (isAlias(cur)) cur = cur.resolve(doc);
    const seg = String(p[i]);
    const last = i === p.length - 1;
    if (isMap(cur)) {
      const pair = cur.items.find((it) => (isScalar(it.key) ? String(it.key.value) : String(it.key)) === seg);
      if (!pair) return cur;
      const key = pair.key as Node | null;
      if (last && at === 'key') return key ?? cur;
      if (pair.value === null || pair.value === undefined) return key ?? cur; // `field:` with no value
      cur = pair.value;
    } else if (isSeq(cur)) {
      const item = /^\d+$/.test(seg) ? cur.items[Number(seg)] : undefined;
      if (item === undefined || item === null) return cur;
      cur = item;
    } else {
      break; // a scalar where a collection was expected: point at the scalar
    }
  }
  if (isAlias(cur)) return cur;
  return (cur as Node | null) ?? null;
}

// ---- messages ---------------------------------------------------------------------------------

function toDataIssues(issue: Issue, source: DataSource, schema: z.ZodType, value: unknown): DataIssue[] {
  const p = issue.path;
  const missing = `missing required field ${JSON.stringify(String(p[p.length - 1] ?? ''))}`;
  const absent = p.length > 0 && valueAt(value, p) === undefined;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = keyOptionsAt(schema, p, value);
      const expected = keys ? `expected one of: ${keys.join(', ')}` : 'expected one of the documented fields';
      return issue.keys.map((k) => source.issue([...p, k], `unknown key ${JSON.stringify(k)} (${expected})`, 'key'));
    }
    case 'invalid_key':
      return [source.issue(p, `bad key: ${issue.issues.map((i) => i.message).join('; ')}`, 'key')];
    case 'invalid_type': {
      if (absent) return [source.issue(p, `${missing} (expected ${issue.expected})`)];
      return [source.issue(p, issue.message)];
    }
    case 'invalid_union':
      return [source.issue(p, absent ? `${missing} (${unionMessage(issue).replace(/^Invalid input[:;] /, '').replace(/, received \w+$/, '')})` : unionMessage(issue))];
    case 'invalid_value': {
      const values = `expected one of: ${issue.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`;
      if (absent) return [source.issue(p, `${missing} (${values})`)];
      return [source.issue(p, /expected/i.test(issue.message) ? issue.message : `${issue.message} (${values})`)];
    }
    default:
      return [source.issue(p, issue.message)];
  }
}

/** The parsed value at `path`, undefined when any step is missing. */
function valueAt(value: unknown, p: Path): unknown {
  let cur = value;
  for (const seg of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg as string];
  }
  return cur;
}

/** "Invalid input" from a union says nothing: list what each alternative expected. */
function unionMessage(issue: Extract<Issue, { code: 'invalid_union' }>): string {
  const alternatives = issue.errors.map((errs) => errs[0]).filter((e): e is Issue => e !== undefined);
  if (alternatives.length === 0) return issue.message;
  const allTypes = alternatives.every((e) => e.code === 'invalid_type' && e.path.length === 0);
  if (allTypes) {
    const expected = alternatives.map((e) => (e.code === 'invalid_type' ? e.expected : '')).join(' or ');
    const received = /received (\w+)/.exec(alternatives[0]?.message ?? '')?.[1];
    return `Invalid input: expected ${expected}${received ? `, received ${received}` : ''}`;
  }
  return `Invalid input; expected one of: ${alternatives.map((e) => (e.path.length ? `${formatPath(e.path)}: ` : '') + e.message).join(' | ')}`;
}

/** The allowed keys of the record at `path`, when its keys are an enum (best effort); `value` picks a discriminated union's member. */
function keyOptionsAt(schema: z.ZodType, p: Path, value?: unknown): string[] | undefined {
  let cur: unknown = schema;
  let here: unknown = value;
  const step = (s: unknown): unknown => {
    let u = unwrap(s);
    if (u instanceof z.ZodLazy) u = unwrap(u.unwrap());
    if (u instanceof z.ZodDiscriminatedUnion && here && typeof here === 'object') {
      const key = u.def.discriminator;
      const d = (here as Record<string, unknown>)[key];
      const member = (u.options as z.ZodType[]).find((o) => {
        const shape = unwrap(o) instanceof z.ZodObject ? ((unwrap(o) as z.ZodObject).shape as Record<string, unknown>) : {};
        const lit = unwrap(shape[key]);
        return lit instanceof z.ZodLiteral && lit.values.has(d as never);
      });
      if (member) u = unwrap(member);
    }
    return u;
  };
  for (const seg of p) {
    cur = step(cur);
    if (cur instanceof z.ZodObject) cur = (cur.shape as Record<string, unknown>)[String(seg)];
    else if (cur instanceof z.ZodRecord) cur = cur.valueType;
    else if (cur instanceof z.ZodArray) cur = cur.element;
    else return undefined;
    here = here && typeof here === 'object' ? (here as Record<PropertyKey, unknown>)[seg as string] : undefined;
  }
  cur = step(cur);
  if (cur instanceof z.ZodRecord && cur.keyType instanceof z.ZodEnum) return cur.keyType.options.map(String);
  if (cur instanceof z.ZodObject) return Object.keys(cur.shape as Record<string, unknown>);
  return undefined;
}

function unwrap(s: unknown): unknown {
  let cur = s;
  for (let i = 0; i < 20; i++) {
    if (cur instanceof z.ZodOptional || cur instanceof z.ZodNullable || cur instanceof z.ZodDefault) cur = cur.unwrap();
    else if (cur instanceof z.ZodPipe) cur = cur.in;
    else return cur;
  }
  return cur;
}
