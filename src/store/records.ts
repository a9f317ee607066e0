/**
 * Record checks shared by every store implementation: a record is normalized (dates to
 * YYYY-MM-DD, domains lower-cased, source derived from the URL) or rejected with a one-line reason,
 * and its content hash makes re-imports idempotent.
 */
import { createHash } from 'node:crypto';
import { normalizeHost, urlKey } from '../text/domain.js';
import {
  type DocumentRecord,
  FACT_CHECK_VERDICTS,
  type FactCheckRecord,
  SOURCE_LABELS,
  type SourceRatingRecord,
} from './types.js';

/** Longest id accepted. */
export const MAX_ID_LENGTH = 512;
/** Largest document text accepted, in UTF-16 code units. */
export const MAX_DOCUMENT_CHARS = 2_000_000;

/** A record that passed its checks, or why it did not. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** A document ready to store. */
export interface NormalizedDocument {
  id: string;
  contentHash: string;
  text: string;
  title?: string;
  url?: string;
  urlKey?: string;
  source?: string;
  publishedAt?: string;
  label?: string;
  collection?: string;
}

/** A fact-check ready to store. */
export interface NormalizedFactCheck extends FactCheckRecord {
  id: string;
  contentHash: string;
  itemUrlKey?: string;
}

/** Hex SHA-1 of the given fields joined by a separator no field contains. */
export function contentHash(fields: readonly (string | undefined)[]): string {
  // fed field by field: the same digest as hashing the joined string, without building it
  const hash = createHash('sha1');
  fields.forEach((f, i) => {
    if (i > 0) hash.update('\u0000');
    if (f) hash.update(f);
  });
  return hash.digest('hex');
}

/**
 * An ISO date (YYYY-MM-DD) from an ISO date or date-time, or undefined when `value` is empty;
 * throws a plain message when it is not a date.
 */
export function normalizeDate(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  const ms = iso ? Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])) : Date.parse(v);
  if (Number.isNaN(ms)) throw new Error(`"${v.slice(0, 40)}" is not a date`);
  const d = new Date(ms);
  if (iso && d.getUTCDate() !== Number(iso[3])) throw new Error(`"${v.slice(0, 40)}" is not a date`);
  return d.toISOString().slice(0, 10);
}

function optionalString(value: unknown, field: string, maxLength = 4096): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${field} must be a string`);
  if (value.includes('\u0000')) throw new Error(`${field} contains a NUL character`);
  const v = value.trim();
  if (v.length > maxLength) throw new Error(`${field} is longer than ${maxLength} characters`);
  return v === '' ? undefined : v;
}

function checkId(value: unknown): string | undefined {
  return optionalString(value, 'id', MAX_ID_LENGTH);
}

function attempt<T>(fn: () => T): Checked<T> {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

/** Checks and normalizes a document record. */
export function checkDocument(r: DocumentRecord): Checked<NormalizedDocument> {
  return attempt(() => {
    if (typeof r !== 'object' || r === null) throw new Error('a document must be an object');
    if (typeof r.text !== 'string' || r.text.trim() === '') throw new Error('text is missing or empty');
    if (r.text.length > MAX_DOCUMENT_CHARS) throw new Error(`text is longer than ${MAX_DOCUMENT_CHARS} characters`);
    // a NUL is no text; PostgreSQL cannot store one, so no backend accepts it
    if (r.text.includes('\u0000')) throw new Error('text contains a NUL character');
    const text = r.text.replace(/\r\n?/g, '\n');
    const title = optionalString(r.title, 'title');
    const url = optionalString(r.url, 'url');
    // a source derived from the URL keeps the host (abcnews.go.com, not go.com); lists are matched host-first
    const source = optionalString(r.source, 'source', 255)?.toLowerCase() ?? (url ? normalizeHost(url) : undefined);
    const publishedAt = normalizeDate(optionalString(r.publishedAt, 'publishedAt', 64));
    const label = optionalString(r.label, 'label', 255);
    const collection = optionalString(r.collection, 'collection', 255);
    const hash = contentHash([text, title, url, source, publishedAt, label]);
    const id = checkId(r.id) ?? `sha1:${hash}`;
    return {
      id,
      contentHash: hash,
      text,
      title,
      url,
      urlKey: url ? urlKey(url) : undefined,
      source,
      publishedAt,
      label,
      collection,
    };
  });
}

/** Checks and normalizes a fact-check record; it needs a claim or an item URL, and a rating. */
export function checkFactCheck(r: FactCheckRecord): Checked<NormalizedFactCheck> {
  return attempt(() => {
    if (typeof r !== 'object' || r === null) throw new Error('a fact-check must be an object');
    const claim = optionalString(r.claim, 'claim', 20_000);
    const itemUrl = optionalString(r.itemUrl, 'itemUrl');
    if (!claim && !itemUrl) throw new Error('a fact-check needs a claim or an item URL');
    const rating = optionalString(r.rating, 'rating', 255);
    if (!rating) throw new Error('rating is missing');
    if (!FACT_CHECK_VERDICTS.includes(r.verdict)) throw new Error(`verdict "${String(r.verdict)}" is not one of ${FACT_CHECK_VERDICTS.join(', ')}`);
    const value: Omit<NormalizedFactCheck, 'id' | 'contentHash'> = {
      claim,
      claimant: optionalString(r.claimant, 'claimant', 255),
      claimDate: normalizeDate(optionalString(r.claimDate, 'claimDate', 64)),
      rating,
      verdict: r.verdict,
      reviewer: optionalString(r.reviewer, 'reviewer', 255),
      reviewDate: normalizeDate(optionalString(r.reviewDate, 'reviewDate', 64)),
      url: optionalString(r.url, 'url'),
      itemUrl,
      itemUrlKey: itemUrl ? urlKey(itemUrl) : undefined,
      collection: optionalString(r.collection, 'collection', 255),
    };
    const hash = contentHash([
      value.claim,
      value.claimant,
      value.claimDate,
      value.rating,
      value.verdict,
      value.reviewer,
      value.reviewDate,
      value.url,
      value.itemUrl,
    ]);
    return { ...value, id: checkId(r.id) ?? `sha1:${hash}`, contentHash: hash };
  });
}

/** Checks and normalizes a source rating; the domain is reduced to its host. */
export function checkSourceRating(r: SourceRatingRecord): Checked<SourceRatingRecord> {
  return attempt(() => {
    if (typeof r !== 'object' || r === null) throw new Error('a source rating must be an object');
    const raw = optionalString(r.domain, 'domain', 255);
    const domain = raw ? normalizeHost(raw) : undefined;
    if (!domain) throw new Error(`"${raw ?? ''}" is not a domain`);
    if (!SOURCE_LABELS.includes(r.label)) throw new Error(`label "${String(r.label)}" is not one of ${SOURCE_LABELS.join(', ')}`);
    const list = optionalString(r.list, 'list', 255);
    if (!list) throw new Error('list is missing');
    return {
      domain,
      label: r.label,
      rawLabel: optionalString(r.rawLabel, 'rawLabel', 255) ?? r.label,
      list,
      note: optionalString(r.note, 'note', 1000),
    };
  });
}

