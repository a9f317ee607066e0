/** Runs one analysis job with already-loaded services; the same code runs in and out of workers. */
import { analyze } from '../analyze.js';
import { toFactlensError } from '../core/errors.js';
import type { AnalyzeJob, AnalyzeResult } from './job.js';

/**
 * Analyzes the job's article; any failure becomes an error result, never a thrown error.
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
