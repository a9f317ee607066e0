/**
 * The job runner every way of running shares: `check`, `batch` and `worker` hand it one article at
 * a time and get a report or a typed error back, never a thrown error. With threads it analyzes on
 * the analysis pool (analysis-pool.ts), where the deadline is enforced by a watchdog; without, on
 * the caller's thread with services loaded once, where only a cooperative abort can stop it.
 */
import { toFactlensError } from '../core/errors.js';
import type { Report } from '../core/types.js';
import { analyze } from '../analyze.js';
import { DEFAULT_MAX_BYTES } from '../ingest/decode.js';
import { prefetch } from '../ingest/index.js';
import { loadServices } from '../services.js';
import { type AnalysisPool, type AnalysisPoolOptions, createAnalysisPool, type WorkerServiceOptions } from './analysis-pool.js';
import { NO_LIMIT_MS } from './deadline.js';
import type { AnalyzeJob, AnalyzeResult } from './job.js';

/**
 * Analyzes the job's article with already-loaded services in this thread; any failure becomes an
 * error result, never a thrown error.
 * @example const result = await runJob({ seq: 0, input: { text }, options: {} }, services)
 */
export async function runJob(job: AnalyzeJob, services: Record<string, unknown>): Promise<AnalyzeResult> {
  try {
    const { allowPrivateNetwork, ...options } = job.options;
    const report = await analyze(job.input, { ...options, services, fetch: { allowPrivateNetwork } });
    return { seq: job.seq, report };
  } catch (err) {
    const e = toFactlensError(err);
    return { seq: job.seq, error: { code: e.code, message: e.message } };
  }
}

/**
 * Runs a job on the analysis pool as an AnalyzeResult (never throws). A URL is fetched on this
 * thread first, so that several fetches can be in flight while the workers analyze.
 */
export async function runOnPool(pool: AnalysisPool, job: AnalyzeJob, timeoutMs: number): Promise<AnalyzeResult> {
  const { allowPrivateNetwork = false, maxBytes = DEFAULT_MAX_BYTES, requireEnglish = true, meta = {}, analyzers, analyzerOptions } = job.options;
  try {
    const input = await prefetch(job.input, { maxBytes, fetch: { allowPrivateNetwork } });
    const serialized = await pool.analyze(input, {
      maxBytes,
      requireEnglish,
      meta,
      analyzers,
      analyzerOptions,
      fetch: { allowPrivateNetwork, maxBytes },
      timeoutMs: timeoutMs > 0 ? timeoutMs : NO_LIMIT_MS,
      nowIso: new Date().toISOString(),
    });
    return { seq: job.seq, report: JSON.parse(serialized.json) as Report };
  } catch (err) {
    const e = toFactlensError(err);
    return { seq: job.seq, error: { code: e.code, message: e.message } };
  }
}

/** Runs analysis jobs one article at a time, each to a report or a typed error. */
export interface JobRunner {
  /** analysis worker threads (0: the caller's thread) */
  readonly threads: number;
  /** analyzes one job; `timeoutMs` overrides the runner's budget for it (a queued run's own) */
  run(job: AnalyzeJob, timeoutMs?: number): Promise<AnalyzeResult>;
  close(): Promise<void>;
}

export interface JobRunnerOptions extends AnalysisPoolOptions {
  /** analysis worker threads; 0 analyzes on the caller's thread, where the budget cannot be enforced */
  threads: number;
  /** budget of one article in ms (deadline.ts); 0: no limit */
  timeoutMs: number;
  /** what to load the services (corpus, models) from */
  services: WorkerServiceOptions;
}

/**
 * Starts the runner: the analysis pool with `threads` workers, or services loaded in this thread.
 * @example const runner = await createJobRunner({ threads: 1, timeoutMs: 5000, services: { env: process.env, cwd: process.cwd() } })
 */
export async function createJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { threads, timeoutMs } = options;
  if (threads > 0) {
    const pool = await createAnalysisPool(threads, options.services, options);
    return { threads, run: (job, budgetMs) => runOnPool(pool, job, budgetMs ?? timeoutMs), close: () => pool.close() };
  }
  const loaded = await loadServices(options.services);
  return {
    threads: 0,
    run: (job) => runJob(job, loaded.services),
    close: async () => loaded.close(),
  };
}
