// The error every data-file loader throws: one line per problem, each naming the file, the line and
// column of the offending node, the field path and what was expected, so a user can fix all of them
// in one pass instead of one per run.

/** One problem in a data file; line and col are 1-based. `path` is the dotted field path ('' for syntax). */
export interface DataIssue {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

/** Lines shown in the error message; `issues` always holds all of them. */
const MAX_LINES_IN_MESSAGE = 50;

export function formatIssue(issue: DataIssue): string {
  return `${issue.file}:${issue.line}:${issue.col}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

export class DataFileError extends Error {
  readonly issues: DataIssue[];

  constructor(issues: DataIssue[]) {
    const shown = issues.slice(0, MAX_LINES_IN_MESSAGE).map(formatIssue);
    if (issues.length > shown.length) shown.push(`… and ${issues.length - shown.length} more problems`);
    const files = [...new Set(issues.map((i) => i.file))];
    const head = `${issues.length} problem${issues.length === 1 ? '' : 's'} in ${files.join(', ')}:`;
    super(`${head}\n${shown.join('\n')}`);
    this.name = 'DataFileError';
    this.issues = issues;
  }
}

/** Throws one DataFileError for every issue collected, if any. */
export function throwIfIssues(issues: DataIssue[]): void {
  if (issues.length > 0) throw new DataFileError(issues);
}

/** Dotted field path as users read it: `cards.hazmat.3.needs.1`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}
