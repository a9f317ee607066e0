/**
 * Check-worthiness features for body sentences, after ClaimBuster's observation (Hassan et al.
 * 2017) that check-worthy factual sentences carry numbers, dates, named actors and past-tense
 * action verbs, while opinions carry first/second-person pronouns, modals and questions. This is
 * the transparent heuristic score; a learned model (services.models.checkworthy) can be blended in
 * by the check-worthy analyzer.
 */
import type { ParsedArticle, Sentence } from '../core/types.js';
import { itemsIn, lowerBound, mentionsIn, quotedTokens } from './spans.js';

const ACTION_VERBS = new Set(
  (
    'launched launch launches killed kill kills voted votes signed signs announced increased increases decreased rose fell ' +
    'dropped grew won lost passed approved rejected banned arrested charged convicted sentenced fined paid spent cost costs ' +
    'raised cut attacked bombed struck invaded captured seized destroyed built opened closed fired hired died injured ' +
    'reached recorded reported published released found discovered carried conducted deployed sent received earned owns ' +
    'owned funded donated accounts accounted doubled tripled totaled totalled exceeded topped surpassed began started ended'
  ).split(' '),
);

const OPINION_MARKERS = new Set('i we you our us my your me think believe feel hope should must ought'.split(' '));
const MODALS = new Set('could might may would can perhaps possibly maybe'.split(' '));
const NUMBER_WORDS = /\b(?:hundreds?|thousands?|millions?|billions?|trillions?|dozens?|percent|per cent|half|twice|double|triple)\b/i;

export interface ClaimScore {
  sentence: Sentence;
  score: number;
  /** the cues that raised or lowered the score, for the explanation */
  reasons: string[];
}

const DATES_BY_START = new WeakMap<ParsedArticle, ParsedArticle['dates']>();

function datesByStart(p: ParsedArticle): ParsedArticle['dates'] {
  let d = DATES_BY_START.get(p);
  if (!d) DATES_BY_START.set(p, (d = [...p.dates].sort((a, b) => a.span.start - b.span.start)));
  return d;
}

/** Scores one body sentence for check-worthiness (0..1) with the reasons. */
export function scoreClaim(p: ParsedArticle, s: Sentence): ClaimScore {
  const text = p.text.slice(s.span.start, s.span.end);
  const tokens = p.tokens.slice(s.tokenStart, s.tokenEnd);
  const inSentence = itemsIn(p.quotes, s.span);
  const quoted = inSentence.filter((q) => q.kind !== 'indirect');
  const mask = quotedTokens(p);
  // the token starting at `offset` lies inside a quotation
  const insideQuote = (offset: number): boolean => mask[lowerBound(p.tokens, offset)] === 1;
  const words = tokens.filter((t) => t.kind === 'word');
  const reasons: string[] = [];
  let score = 0.1;
  if (tokens.some((t) => t.kind === 'number') || NUMBER_WORDS.test(text)) {
    score += 0.25;
    reasons.push('a number');
  }
  if (itemsIn(datesByStart(p), s.span).length > 0) {
    score += 0.2;
    reasons.push('a date');
  }
  const entityIds = new Set(mentionsIn(p, s.span).filter((m) => m.via !== 'pronoun').map((m) => m.entity));
  if (entityIds.size > 0) {
    score += Math.min(0.3, 0.1 * entityIds.size);
    reasons.push(`${entityIds.size} named actor${entityIds.size > 1 ? 's' : ''}`);
  }
  if (tokens.some((t) => ACTION_VERBS.has(t.lower) && !insideQuote(t.span.start))) {
    score += 0.2;
    reasons.push('an action verb');
  } else if (words.some((t) => t.text === t.lower && /[^e]ed$/.test(t.lower) && t.lower.length > 4 && !insideQuote(t.span.start))) {
    score += 0.1;
    reasons.push('a past-tense verb');
  }
  if (text.trimEnd().endsWith('?')) {
    score -= 0.3;
    reasons.push('a question (−)');
  }
  // lower-case only: "US" is a country, "us" a pronoun
  if (words.some((t) => (t.text === t.lower || t.text === 'I') && OPINION_MARKERS.has(t.lower) && !insideQuote(t.span.start))) {
    score -= 0.2;
    reasons.push('first/second person or opinion words (−)');
  }
  // "said the plant would open" is reported speech (backshift), not the writer hedging
  const reported = inSentence.filter((q) => q.kind === 'indirect' && q.sentence === s.index);
  const isReported = (offset: number): boolean => reported.some((q) => offset >= q.span.start && offset < q.span.end);
  if (words.some((t) => t.text === t.lower && MODALS.has(t.lower) && !insideQuote(t.span.start) && !isReported(t.span.start))) {
    score -= 0.15;
    reasons.push('a modal or hedge (−)');
  }
  const quotedChars = quoted.reduce((n, q) => n + (q.span.end - q.span.start), 0);
  if (quotedChars > 0.7 * text.length) {
    score -= 0.1;
    reasons.push('mostly a quotation (−)');
  }
  if (words.length < 6) {
    score -= 0.2;
    reasons.push('very short (−)');
  }
  return { sentence: s, score: Math.max(0, Math.min(1, score)), reasons };
}

/**
 * Ranks the body sentences by check-worthiness, best first.
 * @example rankClaims(parsed).slice(0, 3).map((c) => c.sentence.span)
 */
export function rankClaims(p: ParsedArticle): ClaimScore[] {
  return p.bodySentences.map((s) => scoreClaim(p, s)).sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index);
}
