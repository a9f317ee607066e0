/**
 * Files → corpus store. Reads JSONL, CSV/TSV, JSON (ClaimReview JSON-LD, OpenSources), LIAR TSV,
 * plain-text and HTML files, or a folder of any of them; recognises the published site lists and
 * fact-check datasets by name and header (known-lists.ts); writes in batches, one transaction
 * each. A bad row is reported with its file and line and skipped; the import goes on. Re-importing
 * the same files adds nothing: records are keyed by id and content hash.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { FactlensError } from '../../core/errors.js';
import { decodeBytes } from '../../ingest/decode.js';
import { ingest } from '../../ingest/index.js';
import { sourceLabelFrom, verdictFromRating } from '../records.js';
import type { AddResult, CorpusStore, DocumentRecord, FactCheckRecord, SourceRatingRecord } from '../types.js';
import { parseDelimited, readWithHeader } from './delimited.js';
import { KNOWN_FACT_CHECKS, KNOWN_LISTS, LIAR_LABELS, liarFactCheck } from './known-lists.js';
import { claimReviewFrom, documentFrom, factCheckFrom, findClaimReviews, rowKind } from './records-from.js';

/** A row that could not be imported, and where it is. */
export interface BadRow {
  file: string;
  /** "17" for line 17, or "item 3" inside a JSON file */
  at: string;
  message: string;
}

/** Added / unchanged counts for one kind of record. */
export interface KindCounts {
  added: number;
  unchanged: number;
}

/** What an import did. */
export interface ImportSummary {
  files: number;
  documents: KindCounts;
  factChecks: KindCounts;
  sourceRatings: KindCounts;
  bad: BadRow[];
}

export interface ImportOptions {
  /** collection name for documents and fact-checks (default: the file name without extension) */
  collection?: string;
  /** prefix for the ids of documents and fact-checks (keeps ids of different datasets apart) */
  idPrefix?: string;
  /** records per transaction (default 500) */
  batchSize?: number;
  /** largest single text or HTML file read, in bytes (default 10 MiB) */
  maxFileBytes?: number;
  /** called as rows are read */
  onProgress?(rows: number): void;
  /** called for each bad row as it is found */
  onBadRow?(bad: BadRow): void;
}

/** One record read from a file, or why a row could not be read. */
type Item =
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

async function* walk(dir: string): AsyncGenerator<string> {
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

async function* readJsonl(file: string, collection: string): AsyncGenerator<Item> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
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

function readFileItems(file: string, root: string, options: ImportOptions): AsyncGenerator<Item> {
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

function emptySummary(): ImportSummary {
  return { files: 0, documents: { added: 0, unchanged: 0 }, factChecks: { added: 0, unchanged: 0 }, sourceRatings: { added: 0, unchanged: 0 }, bad: [] };
}

/**
 * Imports a file or a folder into the store.
 * @example const summary = await importPath(store, 'articles.jsonl', { onBadRow: (b) => console.error(b) })
 */
export async function importPath(store: CorpusStore, path: string, options: ImportOptions = {}): Promise<ImportSummary> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new FactlensError('not-found', `Nothing to import at ${path}: give a file or a folder.`);
  }
  const summary = emptySummary();
  const batchSize = options.batchSize ?? 500;
  let rows = 0;
  const bad = (b: BadRow): void => {
    summary.bad.push(b);
    options.onBadRow?.(b);
  };
  const files: AsyncIterable<string> = info.isDirectory() ? walk(path) : (async function* () { yield path; })();
  const root = info.isDirectory() ? path : join(path, '..');
  for await (const file of files) {
    summary.files++;
    const shown = relative(process.cwd(), file) || file;
    const docs: { at: string; record: DocumentRecord }[] = [];
    const facts: { at: string; record: FactCheckRecord }[] = [];
    const ratings: { at: string; record: SourceRatingRecord }[] = [];
    const account = (result: AddResult, batch: { at: string }[], counts: KindCounts): void => {
      counts.added += result.added;
      counts.unchanged += result.unchanged;
      for (const r of result.rejected) bad({ file: shown, at: batch[r.index]!.at, message: r.message });
    };
    const flushDocs = async (): Promise<void> => {
      if (docs.length === 0) return;
      account(await store.addDocuments(docs.map((d) => d.record)), docs, summary.documents);
      docs.length = 0;
    };
    const flushFacts = async (): Promise<void> => {
      if (facts.length === 0) return;
      account(await store.addFactChecks(facts.map((f) => f.record)), facts, summary.factChecks);
      facts.length = 0;
    };
    const flushRatings = async (): Promise<void> => {
      if (ratings.length === 0) return;
      account(await store.addSourceRatings(ratings.map((r) => r.record)), ratings, summary.sourceRatings);
      ratings.length = 0;
    };
    for await (const item of readFileItems(file, root, options)) {
      rows++;
      if (rows % 100 === 0) options.onProgress?.(rows);
      if ('error' in item) bad({ file: shown, at: item.at, message: item.error });
      else if ('document' in item) {
        const record = item.document;
        if (options.idPrefix && record.id) record.id = `${options.idPrefix}${record.id}`;
        docs.push({ at: item.at, record });
        if (docs.length >= batchSize) await flushDocs();
      } else if ('factCheck' in item) {
        const record = item.factCheck;
        if (options.idPrefix && record.id) record.id = `${options.idPrefix}${record.id}`;
        facts.push({ at: item.at, record });
        if (facts.length >= batchSize) await flushFacts();
      } else {
        for (const r of item.ratings) ratings.push({ at: item.at, record: r });
        if (ratings.length >= batchSize) await flushRatings();
      }
    }
    await flushDocs();
    await flushFacts();
    await flushRatings();
  }
  options.onProgress?.(rows);
  return summary;
}
