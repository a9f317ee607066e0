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

/**
 * Hints that name a command-line option. A message carries one as "… (hint)." so that the CLI
 * says which option changes the outcome; an interface without command-line options (the HTTP API
 * and its workbench) shows the message without it, through `withoutCliHints`.
 */
export const CLI_HINTS = {
  anyLanguage: 'pass --any-language to try anyway',
  allowPrivateNetwork: 'pass --allow-private-network for trusted local use',
  maxBytes: 'or raise --max-bytes',
} as const;

/**
 * A message with a command-line hint before its final full stop.
 * @example withCliHint('The input is too large: split it.', CLI_HINTS.maxBytes) // 'The input is too large: split it (or raise --max-bytes).'
 */
export function withCliHint(message: string, hint: (typeof CLI_HINTS)[keyof typeof CLI_HINTS]): string {
  return message.replace(/\.?$/, (stop) => ` (${hint})${stop}`);
}

/** A message without the command-line hints of CLI_HINTS, for users who have no command line. */
export function withoutCliHints(message: string): string {
  let out = message;
  for (const hint of Object.values(CLI_HINTS)) out = out.split(` (${hint})`).join('');
  return out;
}

/** Wraps anything thrown into a FactlensError, keeping FactlensErrors as they are. */
export function toFactlensError(err: unknown): FactlensError {
  if (err instanceof FactlensError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new FactlensError('internal', `Internal error: ${message}`, { cause: err });
}
