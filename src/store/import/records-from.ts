/**
 * Loose input → store records: field-name aliases for generic JSONL/CSV rows, and schema.org
 * ClaimReview objects (JSON-LD, including DataCommons-style feeds) → fact-checks.
 */
import { verdictFromRating } from '../../text/ratings.js';
import type { DocumentRecord, FactCheckRecord } from '../types.js';

type Json = Record<string, unknown>;

const TEXT_FIELDS = ['text', 'body', 'content', 'articleBody', 'article', 'full_text', 'maintext'];
const TITLE_FIELDS = ['title', 'headline', 'name'];
const URL_FIELDS = ['url', 'uri', 'link', 'news_url'];
const DATE_FIELDS = ['publishedAt', 'published_at', 'publish_date', 'published_date', 'date_publish', 'datePublished', 'date'];
const CLAIM_FIELDS = ['claim', 'claimReviewed', 'statement'];
const RATING_FIELDS = ['rating', 'verdict', 'textualRating', 'reviewRating'];

function pick(obj: Json, names: readonly string[]): unknown {
  for (const n of names) {
    const v = obj[n];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** Dates as datasets write them: ISO strings, epoch milliseconds, Mongo-style `{'$date': ms}`. */
export function looseDate(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return new Date(v).toISOString().slice(0, 10);
  if (typeof v === 'object' && v !== null && '$date' in v) return looseDate((v as Json).$date);
  if (typeof v !== 'string') return undefined;
  const mongo = /\$date'?"?\s*:\s*(\d{10,14})/.exec(v);
  if (mongo) return new Date(Number(mongo[1])).toISOString().slice(0, 10);
  const t = Date.parse(v);
  return Number.isNaN(t) ? v : new Date(t).toISOString().slice(0, 10);
}

/** A URL as written in datasets, given a scheme when it has none ("example.com/a" → http://…). */
export function looseUrl(v: unknown): string | undefined {
  const s = text(v)?.trim();
  if (!s) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`;
}

/** What kind of record a JSON object or keyed row looks like. */
export type RowKind = 'document' | 'fact-check' | 'claim-review' | 'unknown';

/** Guesses the record kind from the fields present. */
export function rowKind(obj: Json): RowKind {
  const type = obj['@type'];
  if (type === 'ClaimReview' || (Array.isArray(type) && type.includes('ClaimReview'))) return 'claim-review';
  // field names decide, not values: a CSV row with an empty claim is a bad fact-check, not "unknown"
  if (CLAIM_FIELDS.some((f) => f in obj) && RATING_FIELDS.some((f) => f in obj)) return 'fact-check';
  // a text field, even an empty one, makes it a document (an empty text is then reported as such)
  if (TEXT_FIELDS.some((f) => f in obj)) return 'document';
  return 'unknown';
}

/** A document from a loosely named JSON object or CSV row. */
export function documentFrom(obj: Json, collection?: string): DocumentRecord {
  const source = text(obj.source);
  return {
    id: text(obj.id),
    text: text(pick(obj, TEXT_FIELDS)) ?? '',
    title: text(pick(obj, TITLE_FIELDS)),
    url: looseUrl(pick(obj, URL_FIELDS)),
    // a source given as a URL ("http://www.addictinginfo.org") is reduced to its host later
    source: source && /^https?:\/\//i.test(source) ? undefined : source,
    publishedAt: looseDate(pick(obj, DATE_FIELDS)),
    label: text(obj.label),
    collection: text(obj.collection) ?? collection,
  };
}

/** A fact-check from a loosely named JSON object or CSV row (claim, rating, reviewer, …). */
export function factCheckFrom(obj: Json, collection?: string): FactCheckRecord {
  const rating = text(pick(obj, RATING_FIELDS)) ?? '';
  return {
    id: text(obj.id),
    claim: text(pick(obj, CLAIM_FIELDS)),
    claimant: text(obj.claimant ?? obj.speaker),
    claimDate: looseDate(obj.claimDate ?? obj.claim_date),
    rating,
    verdict: verdictFromRating(rating),
    reviewer: text(obj.reviewer ?? obj.publisher),
    reviewDate: looseDate(obj.reviewDate ?? obj.review_date),
    url: looseUrl(obj.url ?? obj.review_url),
    itemUrl: looseUrl(obj.itemUrl ?? obj.item_url),
    collection: text(obj.collection) ?? collection,
  };
}

function nameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return text(v);
  if (Array.isArray(v)) return nameOf(v[0]);
  if (v && typeof v === 'object') return text((v as Json).name) ?? text((v as Json).url);
  return undefined;
}

function urlOf(v: unknown): string | undefined {
  if (typeof v === 'string') return looseUrl(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = urlOf(x);
      if (u) return u;
    }
    return undefined;
  }
  if (v && typeof v === 'object') return looseUrl((v as Json).url);
  return undefined;
}

/** A fact-check from a schema.org ClaimReview object. */
export function claimReviewFrom(review: Json, collection?: string): FactCheckRecord {
  const item = (review.itemReviewed && typeof review.itemReviewed === 'object' ? review.itemReviewed : {}) as Json;
  const ratingObj = (review.reviewRating && typeof review.reviewRating === 'object' ? review.reviewRating : {}) as Json;
  const rating =
    text(ratingObj.alternateName) ??
    text(ratingObj.name) ??
    (ratingObj.ratingValue !== undefined && ratingObj.bestRating !== undefined
      ? `${ratingObj.ratingValue}/${ratingObj.bestRating}`
      : text(ratingObj.ratingValue)) ??
    text(review.reviewRating) ??
    '';
  return {
    id: text(review['@id']) ?? text(review.identifier),
    claim: text(review.claimReviewed),
    claimant: nameOf(item.author),
    claimDate: looseDate(item.datePublished),
    rating,
    verdict: verdictFromRating(rating),
    reviewer: nameOf(review.author) ?? nameOf(review.publisher),
    reviewDate: looseDate(review.datePublished),
    url: looseUrl(review.url),
    itemUrl: urlOf(item.appearance) ?? urlOf(item.firstAppearance) ?? looseUrl(item.url),
    collection,
  };
}

/** Every ClaimReview object inside a JSON-LD value (arrays, `@graph`, DataFeed items, nesting). */
export function findClaimReviews(value: unknown, out: Json[] = [], depth = 0): Json[] {
  if (depth > 12 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const v of value) findClaimReviews(v, out, depth + 1);
    return out;
  }
  const obj = value as Json;
  if (rowKind(obj) === 'claim-review') {
    out.push(obj);
    return out;
  }
  for (const v of Object.values(obj)) findClaimReviews(v, out, depth + 1);
  return out;
}
