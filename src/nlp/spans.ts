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

/** Items sorted by `span.start` that lie entirely inside `span`. */
export function itemsIn<T extends { span: Span }>(items: readonly T[], span: Span): T[] {
  const out: T[] = [];
  for (let i = lowerBound(items, span.start); i < items.length; i++) {
    const it = items[i]!;
    if (it.span.start >= span.end) break;
    if (it.span.end <= span.end) out.push(it);
  }
  return out;
}

const QUOTED_TOKENS = new WeakMap<ParsedArticle, Uint8Array>();

/**
 * 1 for each token inside a quotation (direct, partial, scare or title; marks included), computed
 * once per article, so "is this word quoted?" costs one array read wherever it is asked.
 */
export function quotedTokens(p: ParsedArticle): Uint8Array {
  let mask = QUOTED_TOKENS.get(p);
  if (mask) return mask;
  mask = new Uint8Array(p.tokens.length);
  for (const q of p.quotes) {
    if (q.kind === 'indirect') continue;
    for (let i = lowerBound(p.tokens, q.span.start); i < p.tokens.length && p.tokens[i]!.span.end <= q.span.end; i++) mask[i] = 1;
  }
  QUOTED_TOKENS.set(p, mask);
  return mask;
}

/** Index of the last span starting at or before `offset` in spans sorted by start, or -1. */
export function lastStartingAtOrBefore(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
