/**
 * The deadline of one analysis, the same for every way of running (check, batch, serve, worker):
 * a time budget counted from the moment a worker thread takes the article, a fetch allowance on top
 * for a URL, and the typed error of an article stopped at its budget.
 */
import { FactlensError } from '../core/errors.js';
import type { ArticleInput } from '../ingest/index.js';
import { DEFAULT_TIMEOUT_MS as FETCH_TIMEOUT_MS } from '../ingest/url.js';

/**
 * Default time budget of one analysis. An ordinary article takes a few milliseconds, a 1 MB one well
 * under a second; past this the article is hostile or not an article.
 */
export const DEFAULT_ANALYSIS_TIMEOUT_MS = 5_000;

/** Default grace beyond a job's budget before its worker is stopped (time to report an abort itself). */
export const DEFAULT_WATCHDOG_GRACE_MS = 250;

/** The budget that stands for "no limit" (`--timeout-ms 0`) where a watchdog still needs a value: a day. */
export const NO_LIMIT_MS = 86_400_000;

/** The budget of a job with its fetch allowance: a URL's fetch has a timeout of its own. */
export function jobBudgetMs(input: ArticleInput, timeoutMs: number): number {
  const isFetch = typeof input === 'object' && 'url' in input && !('html' in input);
  return timeoutMs + (isFetch ? FETCH_TIMEOUT_MS : 0);
}

/** The typed error of a job stopped at its budget. */
export function analysisTimeoutError(timeoutMs: number): FactlensError {
  return new FactlensError(
    'analysis-timeout',
    `The analysis took longer than ${timeoutMs} ms and was stopped: the article is hostile or far too large (raise --timeout-ms to allow more).`,
  );
}
