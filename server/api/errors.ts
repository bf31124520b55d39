// One error shape for every REST and socket reply: { error: { code, message, details } }. Codes are
// stable strings the board can switch on; messages say in a sentence what was wrong and what was expected.
import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import type { LiveError } from '../../shared/live.ts';
import type { ErrorCode } from '../../shared/error-codes.ts';
import { DataFileError } from '../files/data-file-error.ts';
import { StorageUnavailableError } from '../store/live-storage.ts';

export type { ErrorCode };

const STATUS: Record<ErrorCode, number> = {
  invalid: 400, unauthorized: 401, forbidden: 403, 'not-found': 404, conflict: 409, 'not-allowed-in-state': 409,
  'unit-unavailable': 409, 'grade-not-higher': 409, 'no-recommendation': 409, 'too-large': 413, 'unsupported-media-type': 415,
  'rate-limited': 429, internal: 500, storage: 503, timeout: 504,
};

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly code: ErrorCode, message: string, readonly details?: unknown, readonly status: number = STATUS[code]) {
    super(message);
  }

  toLive(): LiveError {
    return { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) };
  }
}

/** Zod issues as details a person can read: the field path and what was wrong. */
export function zodDetails(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function invalid(what: string, error: z.ZodError): ApiError {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.map(String).join('.')}` : '';
  return new ApiError('invalid', `${what}: ${first?.message ?? 'invalid'}${where}`, zodDetails(error));
}

/** Anything thrown, as an ApiError (data-file problems keep their file:line messages). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof DataFileError) return new ApiError('invalid', err.message, err.issues, 422);
  if (err instanceof StorageUnavailableError) return new ApiError('storage', err.message);
  const e = err as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.parse.failed') return new ApiError('invalid', `the request body is not valid JSON: ${e.message ?? ''}`);
  if (e?.type === 'entity.too.large') return new ApiError('too-large', 'the request body is too large');
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') {
    return new ApiError('unsupported-media-type', `the request body cannot be read: ${e.message ?? e.type} (expected JSON or text in UTF-8, not compressed, or gzip/deflate that really is)`);
  }
  // Any other refusal of the body parser (a false Content-Encoding: gzip, a truncated body): the request is wrong, not the server.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && (err as { expose?: boolean }).expose) {
    return new ApiError('invalid', `the request body cannot be read: ${e.message ?? 'unreadable'}`, undefined, e.status === 415 ? 415 : 400);
  }
  return new ApiError('internal', `internal error: ${err instanceof Error ? err.message : String(err)}`);
}

export function errorBody(e: ApiError): { error: { code: string; message: string; details: unknown } } {
  return { error: { code: e.code, message: e.message, details: e.details ?? null } };
}

export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const e = toApiError(err);
    if (e.code === 'internal') log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    res.status(e.status).json(errorBody(e));
  };
}
