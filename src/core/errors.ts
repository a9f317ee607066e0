/**
 * The one error type factlens throws. Every failure carries a code from a closed list so that the
 * CLI can pick an exit code, the HTTP layer a status, and a batch a per-item failure record.
 */
export const ERROR_CODES = [
  'input-empty',
  'input-too-large',
  'input-not-text',
  'input-encoding',
  'input-language',
  'input-invalid',
  'unsupported-content-type',
  'fetch-failed',
  'fetch-blocked',
  'fetch-timeout',
  'config-invalid',
  'usage',
  'model-missing',
  'model-invalid',
  'store-failed',
  'store-corrupt',
  'store-version',
  'store-readonly',
  'not-found',
  'unauthorized',
  'rate-limited',
  'output-failed',
  'analysis-timeout',
  'internal',
] as const;

/** A closed list of machine-readable error codes; see docs/errors.md. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes that mean "the caller gave us something we cannot use" (CLI exit 2): all but these two. */
const USER_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(ERROR_CODES.filter((c) => c !== 'internal' && c !== 'store-failed'));

/**
 * A typed factlens failure: a stable `code`, a one-line message that says what to do, and the
 * wrapped `cause` when there is one.
 * @example throw new FactlensError('input-empty', 'The article is empty: give it some text.')
 */
export class FactlensError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FactlensError';
    this.code = code;
    this.details = options?.details;
  }
  /** True when the failure is the caller's input or configuration rather than a factlens bug. */
  get isUserError(): boolean {
    return USER_CODES.has(this.code);
  }
  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** Wraps anything thrown into a FactlensError, keeping FactlensErrors as they are. */
export function toFactlensError(err: unknown): FactlensError {
  if (err instanceof FactlensError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new FactlensError('internal', `Internal error: ${message}`, { cause: err });
}
