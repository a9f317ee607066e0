/**
 * The shapes of analysis work, the same for `check`, `batch`, `serve` and `worker`: the options of
 * one analysis as they cross to a worker thread, an analyzer function over them, and a batch job
 * with its result (the report, or the error code and message — never a thrown error).
 */
import { createHash } from 'node:crypto';
import type { ErrorCode } from '../core/errors.js';
import type { ArticleMeta, Report } from '../core/types.js';
import type { ArticleInput } from '../ingest/index.js';
import type { SerializedReport } from './report-digest.js';

/** The options of one analysis, in a form that can cross to a worker thread (no functions, no handles). */
export interface AnalysisOptions {
  maxBytes: number;
  requireEnglish: boolean;
  meta: Partial<ArticleMeta>;
  analyzers?: string[];
  /** per-analyzer option overrides (plain data: they cross to the worker thread) */
  analyzerOptions?: Record<string, Record<string, unknown>>;
  fetch: { allowPrivateNetwork: boolean; maxBytes: number };
  /** the analysis budget (deadline.ts); a URL's fetch gets its own on top */
  timeoutMs: number;
  /** the request time, stamped as the report's generatedAt */
  nowIso: string;
}

/** Runs one analysis (on a worker pool, or in this thread) and serializes the report. */
export type ArticleAnalyzer = (input: ArticleInput, options: AnalysisOptions) => Promise<SerializedReport>;

/** Batch options of an article that can cross a thread or process boundary (plain data only). */
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

/** One item of a batch as read from its input: an article to analyze, or one that already failed (a bad line). */
export type BatchItem =
  | { id: string; input: ArticleInput; meta: Partial<ArticleMeta> }
  | { id: string; error: { code: ErrorCode; message: string } };

/**
 * The content hash of a batch item (SHA-256 of what is analyzed, 32 hex digits): with the item id
 * it names the item in a resume journal and in the queue's result key, so a changed input line is
 * never mistaken for the one analyzed before.
 * @example itemHash({ id: 'a1', input: { text }, meta: {} }) // '3f…'
 */
export function itemHash(item: BatchItem): string {
  const content = 'error' in item ? { error: item.error } : { input: item.input, meta: item.meta };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32);
}
