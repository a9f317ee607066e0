/**
 * A batch job: one article input and the options to analyze it with; a result carries the report,
 * or the error code and message. Run in-thread by run-job.ts, or on the shared analysis pool.
 */
import type { ErrorCode } from '../core/errors.js';
import type { Report } from '../core/types.js';
import type { ArticleInput } from '../ingest/index.js';
import type { ArticleMeta } from '../core/types.js';

/** Analysis options that can cross a thread boundary (no functions, no open handles). */
export interface JobOptions {
  maxBytes?: number;
  requireEnglish?: boolean;
  meta?: Partial<ArticleMeta>;
  analyzers?: string[];
  analyzerOptions?: Record<string, Record<string, unknown>>;
  allowPrivateNetwork?: boolean;
}

/** One article to analyze. */
export interface AnalyzeJob {
  /** sequence number, unique within a batch */
  seq: number;
  input: ArticleInput;
  options: JobOptions;
}

/** The outcome of one job. */
export type AnalyzeResult =
  | { seq: number; report: Report }
  | { seq: number; error: { code: ErrorCode; message: string } };
