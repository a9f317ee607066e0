/**
 * Files → import chunks: the records of each file (readers.ts) gathered into store batches, the
 * documents of a batch already prepared (checked, split into passages, fingerprinted), and the rows
 * that could not be read. A chunk is what the store writes in one go; the import worker makes
 * chunks while the store writes the previous ones (import/index.ts).
 */
import { type PreparedDocuments, prepareDocuments } from '../prepare.js';
import type { DocumentRecord, FactCheckRecord, SourceRatingRecord } from '../types.js';
import { type ReadOptions, readFileItems } from './readers.js';

/** How to cut files into chunks. */
export interface ChunkOptions extends ReadOptions {
  /** prefix for the ids of documents and fact-checks */
  idPrefix?: string;
  /** records per store batch */
  batchSize: number;
  /** prepare document batches here (the import worker) instead of leaving it to the store */
  isPreparing?: boolean;
}

/** A row that could not be read: where it is in its file, and why. */
export interface RowError {
  at: string;
  message: string;
}

/** One step of an import: batches to write and rows to report, from one file. */
export interface ImportChunk {
  /** index of the file in the list being imported */
  file: number;
  /** true on the file's last chunk */
  isLast: boolean;
  /** rows read since the file's previous chunk */
  rows: number;
  /** rows that could not be read */
  errors: RowError[];
  /**
   * documents, as records (the store checks and prepares them) or, from the import worker,
   * prepared; `ats` gives each input record's place in the file
   */
  documents?: { ats: string[]; records?: DocumentRecord[]; prepared?: PreparedDocuments };
  factChecks?: { ats: string[]; records: FactCheckRecord[] };
  ratings?: { ats: string[]; records: SourceRatingRecord[] };
}

/** A chunk carrying only progress and errors is sent at least every this many rows. */
const PROGRESS_ROWS = 1000;

/**
 * Reads files one after another and yields their chunks: a batch of a kind as soon as it holds
 * `batchSize` records, the rest at the end of each file.
 */
export async function* readChunks(files: readonly string[], root: string, options: ChunkOptions): AsyncGenerator<ImportChunk> {
  for (const [index, file] of files.entries()) {
    const docs: { at: string[]; records: DocumentRecord[] } = { at: [], records: [] };
    const facts: { at: string[]; records: FactCheckRecord[] } = { at: [], records: [] };
    const ratings: { at: string[]; records: SourceRatingRecord[] } = { at: [], records: [] };
    let errors: RowError[] = [];
    let rows = 0;
    const chunk = (isLast: boolean, kinds: { docs?: boolean; facts?: boolean; ratings?: boolean }): ImportChunk => {
      const out: ImportChunk = { file: index, isLast, rows, errors };
      if (kinds.docs && docs.records.length > 0) {
        out.documents = options.isPreparing
          ? { ats: docs.at, prepared: prepareDocuments(docs.records) }
          : { ats: docs.at, records: docs.records };
        docs.at = [];
        docs.records = [];
      }
      if (kinds.facts && facts.records.length > 0) {
        out.factChecks = { ats: facts.at, records: facts.records };
        facts.at = [];
        facts.records = [];
      }
      if (kinds.ratings && ratings.records.length > 0) {
        out.ratings = { ats: ratings.at, records: ratings.records };
        ratings.at = [];
        ratings.records = [];
      }
      errors = [];
      rows = 0;
      return out;
    };
    for await (const item of readFileItems(file, root, options)) {
      rows++;
      if ('error' in item) errors.push({ at: item.at, message: item.error });
      else if ('document' in item) {
        const record = item.document;
        if (options.idPrefix && record.id) record.id = `${options.idPrefix}${record.id}`;
        docs.at.push(item.at);
        docs.records.push(record);
        if (docs.records.length >= options.batchSize) {
          yield chunk(false, { docs: true });
          continue;
        }
      } else if ('factCheck' in item) {
        const record = item.factCheck;
        if (options.idPrefix && record.id) record.id = `${options.idPrefix}${record.id}`;
        facts.at.push(item.at);
        facts.records.push(record);
        if (facts.records.length >= options.batchSize) {
          yield chunk(false, { facts: true });
          continue;
        }
      } else {
        for (const r of item.ratings) {
          ratings.at.push(item.at);
          ratings.records.push(r);
        }
        if (ratings.records.length >= options.batchSize) {
          yield chunk(false, { ratings: true });
          continue;
        }
      }
      if (rows >= PROGRESS_ROWS) yield chunk(false, {});
    }
    yield chunk(true, { docs: true, facts: true, ratings: true });
  }
}
