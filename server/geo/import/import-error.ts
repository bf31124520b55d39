// The error every region-import reader throws: one line per problem, each naming the file and where
// in it (line, line:col, a field path, a column, a PBF blob) and what is wrong, so a user can fix a
// roster or an extract in one pass. Readers collect up to MAX_ISSUES problems before giving up.
import type { DataFileError } from '../../files/data-file-error.ts';

export interface ImportIssue {
  file: string;
  /** 1-based line (text formats). */
  line?: number;
  /** 1-based column (XML, JSON). */
  col?: number;
  /** Where inside the record: `column kind`, `features[3].geometry.type`, `blob 3 at byte 1024`. */
  where?: string;
  message: string;
}

/** Problems kept per file: enough to fix a whole roster, few enough to read. */
export const MAX_ISSUES = 50;

export function formatImportIssue(i: ImportIssue): string {
  const at = `${i.file}${i.line !== undefined ? `:${i.line}` : ''}${i.line !== undefined && i.col !== undefined ? `:${i.col}` : ''}`;
  return `${at}: ${i.where ? `${i.where}: ` : ''}${i.message}`;
}

export class ImportError extends Error {
  readonly issues: ImportIssue[];

  /** `lead`: a sentence before the list, when the problems need explaining (e.g. the run-card check). */
  constructor(issues: ImportIssue[], lead?: string) {
    const files = [...new Set(issues.map((i) => i.file))];
    const head = `${lead ? `${lead}\n` : ''}${issues.length} problem${issues.length === 1 ? '' : 's'} in ${files.join(', ')}:`;
    const shown = issues.slice(0, MAX_ISSUES).map(formatImportIssue);
    if (issues.length > shown.length) shown.push(`… and ${issues.length - shown.length} more problems`);
    super(`${head}\n${shown.join('\n')}`);
    this.name = 'ImportError';
    this.issues = issues;
  }
}

/** A DataFileError (JSON syntax, located fields) as import issues, keeping file:line:col. */
export function fromDataFileError(err: DataFileError): ImportError {
  return new ImportError(err.issues.map((i) => ({ file: i.file, line: i.line, col: i.col, ...(i.path ? { where: i.path } : {}), message: i.message })));
}

/** `features[3].geometry.type`: the path as GeoJSON users write it. */
export function bracketPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s;
}
