/**
 * JSONL → article records, streamed line by line. Each line is one JSON object
 * `{id?, text? | html? | url?, title?, published?, source?}`; other fields (a dataset's own) are
 * kept as `meta.extra` when they are short scalars and reported as ignored otherwise. A line that cannot be used (bad JSON,
 * wrong shape, too long, not UTF-8) becomes an error record `{line, id, error: {code, message}}`
 * and reading goes on with the next line. Blank lines are skipped.
 */
import { type ErrorCode, FactlensError } from '../core/errors.js';
import type { ArticleMeta } from '../core/types.js';
import { DEFAULT_MAX_BYTES } from './decode.js';
import type { ArticleInput } from './index.js';

/** One article as a JSONL line describes it. */
export interface JsonlRecord {
  id: string;
  text?: string;
  html?: string;
  url?: string;
  title?: string;
  published?: string;
  source?: string;
  /** other scalar fields of the line (dataset labels, authors, portals), kept as text metadata */
  extra?: Record<string, string>;
}

/** A line that became a record, or a line that could not be used. */
export type JsonlItem =
  | { line: number; id: string; record: JsonlRecord; ignored?: string[] }
  | { line: number; id: string; error: { code: ErrorCode; message: string } };

export interface JsonlOptions {
  /** longest accepted line in bytes (default: the article size limit, 5 MiB) */
  maxLineBytes?: number;
}

const FIELDS = new Set(['id', 'text', 'html', 'url', 'title', 'published', 'source']);

/** Longest unknown field value kept as metadata; longer ones (and arrays, objects) are ignored. */
const MAX_EXTRA_CHARS = 1000;
/** Most unknown fields kept per line. */
const MAX_EXTRA_FIELDS = 32;
/** Longest field name kept or reported. */
const MAX_FIELD_NAME = 40;

/** Splits a byte stream into lines without ever holding more than one over-long line's worth. */
async function* splitLines(
  source: AsyncIterable<Uint8Array | string>,
  maxLineBytes: number,
): AsyncGenerator<{ line: number; bytes?: Uint8Array; tooLong?: number }> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipped = 0;
  let line = 1;
  const finish = function* (): Generator<{ line: number; bytes?: Uint8Array; tooLong?: number }> {
    if (skipped > 0) yield { line, tooLong: size + skipped };
    else yield { line, bytes: Buffer.concat(parts, size) };
    parts = [];
    size = 0;
    skipped = 0;
    line++;
  };
  for await (const chunk of source) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (;;) {
      const nl = buf.indexOf(0x0a);
      const piece = nl < 0 ? buf : buf.subarray(0, nl);
      if (skipped > 0 || size + piece.length > maxLineBytes) {
        // Over the limit: count the rest of the line but keep none of it.
        skipped += piece.length;
      } else {
        parts.push(Buffer.from(piece));
        size += piece.length;
      }
      if (nl < 0) break;
      yield* finish();
      buf = buf.subarray(nl + 1);
    }
  }
  if (size > 0 || skipped > 0) yield* finish();
}

function fail(line: number, id: string, code: ErrorCode, message: string): JsonlItem {
  return { line, id, error: { code, message } };
}

/** Validates one parsed line; returns the record or an error item. */
export function parseJsonlValue(value: unknown, line: number): JsonlItem {
  const fallbackId = `line-${line}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(line, fallbackId, 'input-invalid', `Line ${line} must be a JSON object with text, html or url.`);
  }
  const obj = value as Record<string, unknown>;
  const rawId = obj.id;
  if (rawId !== undefined && typeof rawId !== 'string' && typeof rawId !== 'number') {
    return fail(line, fallbackId, 'input-invalid', `Line ${line}: "id" must be a string or a number.`);
  }
  const id = rawId === undefined || rawId === '' ? fallbackId : String(rawId);
  const extra: Record<string, string> = {};
  const ignored: string[] = [];
  for (const key of Object.keys(obj)) {
    if (!FIELDS.has(key)) {
      // another dataset's fields (BuzzFeed-Webis' portal, orientation, quotes…): scalars are kept
      // as metadata, the rest named to the caller, never a reason to refuse the article
      const v = obj[key];
      const name = key.slice(0, MAX_FIELD_NAME);
      const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
      if (text !== undefined && text.length <= MAX_EXTRA_CHARS && Object.keys(extra).length < MAX_EXTRA_FIELDS && name === key && key !== '__proto__') extra[key] = text;
      else if (v !== undefined && v !== null) ignored.push(name);
      continue;
    }
    if (key !== 'id' && obj[key] !== undefined && obj[key] !== null && typeof obj[key] !== 'string') {
      return fail(line, id, 'input-invalid', `Line ${line}: "${key}" must be a string.`);
    }
  }
  const str = (k: string): string | undefined => (typeof obj[k] === 'string' && obj[k] !== '' ? (obj[k] as string) : undefined);
  const bodies = ['text', 'html', 'url'].filter((k) => str(k) !== undefined);
  if (bodies.length === 0) {
    // a misnamed body ("body", "content") is the likely cause: name the fields that were there
    const others = [...Object.keys(extra), ...ignored].slice(0, 8).join(', ');
    return fail(line, id, 'input-empty', `Line ${line} has no article: give text, html or url${others ? ` (unknown fields: ${others})` : ''}.`);
  }
  if (str('text') && bodies.length > 1) return fail(line, id, 'input-invalid', `Line ${line}: give text, or html (with an optional url), not both.`);
  const published = str('published');
  if (published !== undefined && Number.isNaN(Date.parse(published))) {
    return fail(line, id, 'input-invalid', `Line ${line}: "published" is not a date (use YYYY-MM-DD).`);
  }
  const record: JsonlRecord = { id };
  for (const k of ['text', 'html', 'url', 'title', 'published', 'source'] as const) {
    const v = str(k);
    if (v !== undefined) record[k] = v;
  }
  if (Object.keys(extra).length > 0) record.extra = extra;
  return ignored.length > 0 ? { line, id, record, ignored } : { line, id, record };
}

/**
 * Streams JSONL records from bytes (a file or stdin stream).
 * @example for await (const item of readJsonl(createReadStream('in.jsonl'))) if ('record' in item) …
 */
export async function* readJsonl(source: AsyncIterable<Uint8Array | string>, options: JsonlOptions = {}): AsyncGenerator<JsonlItem> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_BYTES;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const { line, bytes, tooLong } of splitLines(source, maxLineBytes)) {
    if (tooLong !== undefined) {
      yield fail(line, `line-${line}`, 'input-too-large', `Line ${line} is ${tooLong} bytes, over the ${maxLineBytes}-byte limit.`);
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      yield fail(line, `line-${line}`, 'input-encoding', `Line ${line} is not valid UTF-8: save the file as UTF-8.`);
      continue;
    }
    if (line === 1) text = text.replace(/^\ufeff/, '');
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const reason = (err as Error).message.replace(/\s+/g, ' ').slice(0, 120);
      yield fail(line, `line-${line}`, 'input-invalid', `Line ${line} is not valid JSON: ${reason}.`);
      continue;
    }
    yield parseJsonlValue(value, line);
  }
}

/**
 * Turns a record into what `analyze` takes: the input and the metadata overrides.
 * A title given beside plain text becomes its headline line.
 */
export function recordToInput(record: JsonlRecord): { input: ArticleInput; meta: Partial<ArticleMeta> } {
  const meta: Partial<ArticleMeta> = { extra: { ...record.extra, id: record.id } };
  if (record.published) meta.publishedAt = record.published;
  if (record.source) meta.source = record.source;
  if (record.text !== undefined) {
    const text = record.title ? `${record.title}\n\n${record.text}` : record.text;
    return { input: { text }, meta };
  }
  if (record.title) meta.title = record.title;
  if (record.html !== undefined) return { input: { html: record.html, url: record.url }, meta };
  if (record.url !== undefined) return { input: { url: record.url }, meta };
  throw new FactlensError('input-empty', `Record ${record.id} has no article: give text, html or url.`);
}
