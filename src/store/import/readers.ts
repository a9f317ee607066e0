/**
 * Files → records: JSONL, CSV/TSV, JSON (ClaimReview JSON-LD, OpenSources), LIAR TSV, plain-text
 * and HTML files, each row turned into a document, a fact-check, site ratings or the reason it
 * could not be read (with its line). Pure reading: nothing here touches a store, so it runs on the
 * import worker as well as inline.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { FactlensError } from '../../core/errors.js';
import { decodeBytes } from '../../ingest/decode.js';
import { sourceLabelFrom, verdictFromRating } from '../../text/ratings.js';
import type { DocumentRecord, FactCheckRecord, SourceRatingRecord } from '../types.js';
import { parseDelimited, readWithHeader } from './delimited.js';
import { KNOWN_FACT_CHECKS, KNOWN_LISTS, LIAR_LABELS, liarFactCheck } from './known-lists.js';
import { claimReviewFrom, documentFrom, factCheckFrom, findClaimReviews, rowKind } from './records-from.js';

/** How to read files. */
export interface ReadOptions {
  /** collection name for documents and fact-checks (default: the file name without extension) */
  collection?: string;
  /** largest single text or HTML file read, in bytes (default 10 MiB) */
  maxFileBytes?: number;
}

/** One record read from a file, or why a row could not be read. */
export type Item =
  | { at: string; document: DocumentRecord }
  | { at: string; factCheck: FactCheckRecord }
  | { at: string; ratings: SourceRatingRecord[] }
  | { at: string; error: string };

const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md']);
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const DATA_EXTENSIONS = new Set(['.jsonl', '.ndjson', '.json', '.jsonld', '.csv', '.tsv']);

/** True for the files a folder import reads. */
export function isImportable(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return TEXT_EXTENSIONS.has(ext) || HTML_EXTENSIONS.has(ext) || DATA_EXTENSIONS.has(ext);
}

/** The importable files under a folder, sorted by name, hidden ones left out. */
export async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) yield* walk(full);
    else if (e.isFile() && isImportable(full)) yield full;
  }
}

function errorItem(at: string, err: unknown): Item {
  return { at, error: err instanceof Error ? err.message : String(err) };
}

function rowItem(obj: Record<string, unknown>, at: string, collection: string): Item {
  switch (rowKind(obj)) {
    case 'document':
      return { at, document: documentFrom(obj, collection) };
    case 'fact-check':
      return { at, factCheck: factCheckFrom(obj, collection) };
    case 'claim-review':
      return { at, factCheck: claimReviewFrom(obj, collection) };
    default:
      return { at, error: 'the row has no text, no claim with a rating, and is no ClaimReview' };
  }
}

/**
 * The lines of a UTF-8 text file, as readline gives them (LF, CRLF or a lone CR end a line). The
 * file is read in large chunks of bytes, cut at LF bytes (never part of a multi-byte character)
 * and each line decoded on its own: a line of ASCII then becomes a one-byte string, which parsing,
 * fingerprinting and SQLite all read faster than a slice of one two-byte string for the chunk.
 */
async function* readLines(file: string): AsyncGenerator<string> {
  const split = (line: string): string[] => (line.includes('\r') ? line.split('\r') : [line]);
  let rest: Buffer | undefined;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const bytes = rest ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let nl = bytes.indexOf(10); nl >= 0; nl = bytes.indexOf(10, start)) {
      const end = nl > start && bytes[nl - 1] === 13 ? nl - 1 : nl;
      const line = bytes.toString('utf8', start, end);
      start = nl + 1;
      // a lone CR inside a line ends a line too (JSON text never holds a raw CR)
      yield* split(line);
    }
    rest = start < bytes.length ? bytes.subarray(start) : undefined;
  }
  if (rest) {
    const end = rest[rest.length - 1] === 13 ? rest.length - 1 : rest.length;
    yield* split(rest.toString('utf8', 0, end));
  }
}

async function* readJsonl(file: string, collection: string): AsyncGenerator<Item> {
  let n = 0;
  for await (const line of readLines(file)) {
    n++;
    if (line.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (err) {
      yield errorItem(String(n), new Error(`not JSON (${(err as Error).message})`));
      continue;
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
      yield { at: String(n), error: 'a JSONL line must be a JSON object' };
      continue;
    }
    yield rowItem(obj as Record<string, unknown>, String(n), collection);
  }
}

async function* readJson(file: string, collection: string): AsyncGenerator<Item> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    yield errorItem('1', new Error(`not JSON (${(err as Error).message})`));
    return;
  }
  // OpenSources: { "domain": { "type": …, "2nd type": …, "3rd type": … } }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    const first = entries[0]?.[1];
    if (first && typeof first === 'object' && 'type' in (first as object) && !('@type' in (first as object))) {
      const list = KNOWN_LISTS.find((l) => l.format === 'opensources')!;
      let i = 0;
      for (const [domain, v] of entries) {
        i++;
        const row = { '#0': domain, ...(v as Record<string, string>) };
        try {
          yield { at: `item ${i}`, ratings: list.ratings(row, basename(file)) };
        } catch (err) {
          yield errorItem(`item ${i}`, err);
        }
      }
      return;
    }
  }
  const reviews = findClaimReviews(value);
  if (reviews.length > 0) {
    let i = 0;
    for (const r of reviews) yield { at: `item ${++i}`, factCheck: claimReviewFrom(r, collection) };
    return;
  }
  if (Array.isArray(value)) {
    let i = 0;
    for (const obj of value) {
      i++;
      if (obj && typeof obj === 'object' && !Array.isArray(obj)) yield rowItem(obj as Record<string, unknown>, `item ${i}`, collection);
      else yield { at: `item ${i}`, error: 'an item must be a JSON object' };
    }
    return;
  }
  if (value && typeof value === 'object') {
    yield rowItem(value as Record<string, unknown>, 'item 1', collection);
    return;
  }
  yield { at: '1', error: 'the file holds no records (objects, an array of them, or ClaimReview JSON-LD)' };
}

function delimiterOf(file: string, text: string): string {
  if (extname(file).toLowerCase() === '.tsv') return '\t';
  const newline = text.search(/[\r\n]/);
  const firstLine = text.slice(0, newline < 0 ? 4096 : newline);
  return (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
}

async function* readDelimited(file: string, collection: string): AsyncGenerator<Item> {
  const text = await readFile(file, 'utf8');
  const delimiter = delimiterOf(file, text);
  const base = basename(file);
  // LIAR: header-less TSV whose second column is a PolitiFact label
  const firstRow = parseDelimited(text, delimiter).next();
  if (!firstRow.done && delimiter === '\t' && firstRow.value.fields.length >= 13 && LIAR_LABELS.has(firstRow.value.fields[1] ?? '')) {
    for (const r of parseDelimited(text, delimiter)) {
      try {
        yield { at: String(r.line), factCheck: liarFactCheck(r.fields, base) };
      } catch (err) {
        yield errorItem(String(r.line), err);
      }
    }
    return;
  }
  const { header, rows } = readWithHeader(text, delimiter);
  const list = KNOWN_LISTS.find((l) => l.matches(base, header));
  if (list) {
    for (const r of rows) {
      try {
        yield { at: String(r.line), ratings: list.ratings(r.values, base) };
      } catch (err) {
        yield errorItem(String(r.line), err);
      }
    }
    return;
  }
  const facts = KNOWN_FACT_CHECKS.find((f) => f.matches(base, header));
  if (facts) {
    for (const r of rows) {
      try {
        yield { at: String(r.line), factCheck: facts.factCheck(r.values, base) };
      } catch (err) {
        yield errorItem(String(r.line), err);
      }
    }
    return;
  }
  const labelColumn = ['label', 'rating', 'category', 'type'].find((c) => header.includes(c));
  const isSourceList = (header.includes('domain') || header.includes('site')) && labelColumn && !header.includes('text');
  for (const r of rows) {
    if (isSourceList) {
      const domain = r.values.domain ?? r.values.site ?? '';
      const raw = r.values[labelColumn]?.trim() ?? '';
      const label = sourceLabelFrom(raw);
      if (!domain.trim()) yield { at: String(r.line), error: 'the row has no domain' };
      else if (!label) yield { at: String(r.line), error: `"${raw}" is not a label factlens knows` };
      else yield { at: String(r.line), ratings: [{ domain, label, rawLabel: raw, list: collection }] };
      continue;
    }
    yield rowItem(r.values, String(r.line), collection);
  }
}

async function* readTextFile(file: string, root: string, collection: string, maxBytes: number): AsyncGenerator<Item> {
  try {
    const { text } = decodeBytes(await readFile(file), { maxBytes });
    const title = text.split('\n').find((l) => l.trim())?.trim();
    yield { at: '1', document: { id: relative(root, file) || basename(file), text, title, collection } };
  } catch (err) {
    yield errorItem('1', err);
  }
}

async function* readHtmlFile(file: string, root: string, collection: string, maxBytes: number): AsyncGenerator<Item> {
  try {
    const { text } = decodeBytes(await readFile(file), { maxBytes });
    // the article extractor is large: loaded only when a folder holds HTML
    const { ingest } = await import('../../ingest/index.js');
    const article = await ingest({ html: text }, { requireEnglish: false, maxBytes });
    const meta = article.meta;
    yield {
      at: '1',
      document: {
        id: relative(root, file) || basename(file),
        text: article.text,
        title: meta.title,
        url: meta.canonicalUrl ?? meta.url,
        source: meta.source,
        publishedAt: meta.publishedAt,
        collection,
      },
    };
    let i = 0;
    for (const r of meta.claimReviews ?? []) {
      i++;
      const rating = r.reviewRating ?? '';
      yield {
        at: `ClaimReview ${i}`,
        factCheck: { claim: r.claimReviewed, rating, verdict: verdictFromRating(rating), reviewer: r.author, url: r.url, collection },
      };
    }
  } catch (err) {
    yield errorItem('1', err);
  }
}

/** The records of one file, as its extension says to read it. */
export function readFileItems(file: string, root: string, options: ReadOptions): AsyncGenerator<Item> {
  const ext = extname(file).toLowerCase();
  const collection = options.collection ?? basename(file, extname(file));
  const maxBytes = options.maxFileBytes ?? 10 * 1024 * 1024;
  if (ext === '.jsonl' || ext === '.ndjson') return readJsonl(file, collection);
  if (ext === '.json' || ext === '.jsonld') return readJson(file, collection);
  if (ext === '.csv' || ext === '.tsv') return readDelimited(file, collection);
  const folderCollection = options.collection ?? basename(root);
  if (TEXT_EXTENSIONS.has(ext)) return readTextFile(file, root, folderCollection, maxBytes);
  if (HTML_EXTENSIONS.has(ext)) return readHtmlFile(file, root, folderCollection, maxBytes);
  throw new FactlensError(
    'unsupported-content-type',
    `Cannot import ${file}: use .jsonl, .json, .csv, .tsv, .txt or .html files (or a folder of them).`,
  );
}

