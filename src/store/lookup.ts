/**
 * The lookup logic every store backend shares, apart from how it reads its tables: which query
 * terms a full-text search keeps, how fingerprint postings become reuse candidates, how the
 * candidates are verified on all shingles, and how stored rows become records. sqlite.ts and
 * postgres.ts read postings, term counts and rows their own way and hand them to these.
 */
import { compareTexts, type ShingledText } from '../text/shingles.js';
import type { DocumentSummary, FactCheckVerdict, ReuseMatch, StoredFactCheck } from './types.js';

/** A fingerprint shared by more documents than this is boilerplate and is not looked up further. */
export const MAX_POSTINGS = 200;
/** Least fingerprint evidence (Σ 1/documents per shared fingerprint) for a document to be verified. */
export const MIN_CANDIDATE_WEIGHT = 0.5;
/** Query terms kept for a full-text search, rarest first. */
export const MAX_QUERY_TERMS = 6;
/**
 * Terms in more rows than this share (and this count) are dropped from a search unless too few
 * terms remain: BM25 gives them little weight, and every matching row must be scored.
 */
export const MAX_TERM_SHARE = 0.05;
export const MAX_TERM_ROWS = 5000;

/** A stored row as a driver returns it. */
export type Row = Record<string, unknown>;

/** A nullable column as an optional string. */
export function str(v: unknown): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

/** A `document` row (any backend: the same column names) as a summary. */
export function summaryFrom(row: Row): DocumentSummary {
  return {
    id: String(row.ext_id),
    title: str(row.title),
    url: str(row.url),
    source: str(row.source),
    publishedAt: str(row.published_at),
    label: str(row.label),
    collection: str(row.collection),
  };
}

/** A `fact_check` row as a stored fact-check. */
export function factCheckFrom(row: Row): StoredFactCheck {
  return {
    id: String(row.ext_id),
    claim: str(row.claim),
    claimant: str(row.claimant),
    claimDate: str(row.claim_date),
    rating: String(row.rating),
    verdict: String(row.verdict) as FactCheckVerdict,
    reviewer: str(row.reviewer),
    reviewDate: str(row.review_date),
    url: str(row.url),
    itemUrl: str(row.item_url),
    collection: str(row.collection),
  };
}

/**
 * The terms a search keeps: rarest first, without those in more than MAX_TERM_SHARE of `rows`
 * rows (or MAX_TERM_ROWS) unless fewer than three would remain, at most MAX_QUERY_TERMS.
 * `scored` holds each distinct term once, with its row count (terms in no row left out).
 */
export function chooseQueryTerms<T extends { df: number }>(scored: T[], rows: number): T[] {
  const sorted = [...scored].sort((a, b) => a.df - b.df);
  const rare = sorted.filter((s) => s.df <= Math.max(1, Math.min(MAX_TERM_ROWS, rows * MAX_TERM_SHARE)));
  return (rare.length >= 3 ? rare : sorted.slice(0, Math.max(3, rare.length))).slice(0, MAX_QUERY_TERMS);
}

/**
 * Documents worth verifying, best first: each shared fingerprint counts 1 / (documents holding it),
 * so a rare run of words is strong evidence and a stock phrase found in many documents is weak;
 * a fingerprint with more than MAX_POSTINGS documents counts for nothing. `postings` gives, per
 * query fingerprint, the documents holding it (at most MAX_POSTINGS + 1 of them).
 */
export function reuseCandidates(postings: Iterable<readonly number[]>, limit: number): number[] {
  const weight = new Map<number, number>();
  for (const docs of postings) {
    if (docs.length > MAX_POSTINGS) continue;
    for (const d of docs) weight.set(d, (weight.get(d) ?? 0) + 1 / docs.length);
  }
  return [...weight.entries()]
    .filter(([, w]) => w >= MIN_CANDIDATE_WEIGHT)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit + 5)
    .map(([d]) => d);
}

/**
 * Verifies candidate documents on all shingles: the matches with their shares and spans on both
 * sides, most shared shingles first, at most `limit`.
 */
export function verifyReuse(query: ShingledText, candidates: readonly Row[], options: { limit: number; minShare: number }): ReuseMatch[] {
  const out: ReuseMatch[] = [];
  for (const row of candidates) {
    const overlap = compareTexts(query, String(row.text));
    if (overlap.shared === 0) continue;
    const queryShare = overlap.shared / Math.max(1, overlap.aShingles);
    const documentShare = overlap.shared / Math.max(1, overlap.bShingles);
    if (Math.max(queryShare, documentShare) < options.minShare) continue;
    out.push({
      document: summaryFrom(row),
      sharedShingles: overlap.shared,
      queryShare,
      documentShare,
      querySpans: overlap.aSpans,
      documentSpans: overlap.bSpans,
    });
  }
  out.sort((a, b) => b.sharedShingles - a.sharedShingles || a.document.id.localeCompare(b.document.id));
  return out.slice(0, options.limit);
}
