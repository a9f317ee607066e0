/**
 * The one place HTTP statuses come from: every FactlensError code maps to one status, and every
 * error answer has the body `{ "error": { "code", "message" } }`.
 */
import { type ErrorCode, type FactlensError, toFactlensError, withoutCliHints } from '../core/errors.js';

/** HTTP status for each error code (documented in docs/http.md). */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  'input-empty': 400,
  'input-too-large': 413,
  'input-not-text': 415,
  'input-encoding': 422,
  'input-language': 422,
  'input-invalid': 400,
  'unsupported-content-type': 415,
  'fetch-failed': 502,
  'fetch-blocked': 422,
  'fetch-timeout': 504,
  'config-invalid': 400,
  usage: 400,
  'model-missing': 503,
  'model-invalid': 500,
  'store-failed': 503,
  'store-corrupt': 500,
  'store-version': 500,
  'store-readonly': 503,
  'not-found': 404,
  unauthorized: 401,
  'rate-limited': 429,
  'output-failed': 507,
  'analysis-timeout': 422,
  internal: 500,
};

/** The JSON error body. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** Turns anything thrown into the documented error response; internal details stay in the log. */
export function errorResponse(err: unknown, headers: Record<string, string> = {}): { error: FactlensError; response: Response } {
  const error = toFactlensError(err);
  // API clients and workbench users have no command line: hints naming its options are left out
  const message = error.code === 'internal' ? 'Internal error: the server log has the details.' : withoutCliHints(error.message);
  const body: ErrorBody = { error: { code: error.code, message } };
  const extra: Record<string, string> = { ...headers };
  if (error.code === 'unauthorized') extra['www-authenticate'] = 'Bearer realm="factlens"';
  const retryAfterMs = error.details?.retryAfterMs;
  if (typeof retryAfterMs === 'number') extra['retry-after'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  return {
    error,
    response: new Response(JSON.stringify(body), {
      status: STATUS_BY_CODE[error.code],
      headers: { 'content-type': 'application/json; charset=utf-8', ...extra },
    }),
  };
}
