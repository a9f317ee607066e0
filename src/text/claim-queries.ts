/**
 * Which sentences of an article to look up in the corpus: the headline (the article's main claim,
 * when it states one) and the body sentences ranked most check-worthy by nlp/claims.ts. The
 * fact-check and evidence lookups share this so they ask about the same claims.
 */
import type { ParsedArticle, Span } from '../core/types.js';
import { rankClaims } from '../nlp/claims.js';

/** A sentence picked for lookup, with its check-worthiness score. */
export interface ClaimQuery {
  sentence: number;
  span: Span;
  text: string;
  score: number;
}

/** Least check-worthiness score (nlp/claims.ts scale, 0..1) for a body sentence to be looked up. */
export const MIN_CLAIM_SCORE = 0.3;

/**
 * The article's best lookup sentences: the headline first when it has at least six words and is
 * not a question, then body sentences by check-worthiness.
 * @example pickClaimQueries(parsed, 5).map((c) => c.text)
 */
export function pickClaimQueries(parsed: ParsedArticle, max: number): ClaimQuery[] {
  const out: ClaimQuery[] = [];
  const h = parsed.headline;
  if (h) {
    const text = parsed.text.slice(h.span.start, h.span.end);
    const words = parsed.tokens.slice(h.tokenStart, h.tokenEnd).filter((t) => t.kind === 'word' || t.kind === 'number').length;
    if (words >= 6 && !text.trim().endsWith('?')) out.push({ sentence: h.index, span: h.span, text, score: 1 });
  }
  for (const c of rankClaims(parsed)) {
    if (out.length >= max || c.score < MIN_CLAIM_SCORE) break;
    out.push({ sentence: c.sentence.index, span: c.sentence.span, text: parsed.text.slice(c.sentence.span.start, c.sentence.span.end), score: c.score });
  }
  return out.slice(0, max);
}
