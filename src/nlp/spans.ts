/**
 * Span lookups over a ParsedArticle by binary search, so analyzers never scan the whole token or
 * mention list per sentence.
 */
import type { Mention, ParsedArticle, Span, Token } from '../core/types.js';

/** Index of the first item whose `span.start >= offset` (items sorted by start). */
export function lowerBound(items: readonly { span: Span }[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.span.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Tokens lying entirely inside `span`. */
export function tokensIn(p: ParsedArticle, span: Span): Token[] {
  const out: Token[] = [];
  for (let i = lowerBound(p.tokens, span.start); i < p.tokens.length; i++) {
    const t = p.tokens[i]!;
    if (t.span.end > span.end) break;
    out.push(t);
  }
  return out;
}

/** Mentions lying entirely inside `span` (mentions are sorted by start). */
export function mentionsIn(p: ParsedArticle, span: Span): Mention[] {
  const out: Mention[] = [];
  for (let i = lowerBound(p.mentions, span.start); i < p.mentions.length; i++) {
    const m = p.mentions[i]!;
    if (m.span.start >= span.end) break;
    if (m.span.end <= span.end) out.push(m);
  }
  return out;
}
