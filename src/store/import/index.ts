/**
 * Files → corpus store. Reads JSONL, CSV/TSV, JSON (ClaimReview JSON-LD, OpenSources), LIAR TSV,
 * plain-text and HTML files, or a folder of any of them (readers.ts); recognises the published site
 * lists and fact-check datasets by name and header (known-lists.ts); writes in batches, one
 * transaction each. A bad row is reported with its file and line and skipped; the import goes on.
 * Re-importing the same files adds nothing: records are keyed by id and content hash.
 *
 * Large imports run as a two-stage pipeline: an import worker reads, checks, splits and
 * fingerprints (chunks.ts) while the main thread writes the previous batch into the store, so the
 * CPU work and the SQLite work use both cores. Small ones run inline, where a worker would cost
 * more to start than it saves. Both paths give the same records, batches and reports.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { type ErrorCode, FactlensError } from '../../core/errors.js';
import { spawnWorker } from '../../core/worker-thread.js';
import type { AddResult, CorpusStore } from '../types.js';
import { type ChunkOptions, type ImportChunk, readChunks } from './chunks.js';
import type { ImportWorkerReply, ImportWorkerRequest } from './import-worker.js';
import { walk } from './readers.js';

export { isImportable } from './readers.js';

/** With `worker: 'auto'`, imports of at least this many bytes of files use the import worker. */
export const MIN_WORKER_BYTES = 1024 * 1024;
/**
 * ... and on two cores or fewer, imports of at least this many: the worker's start and its cold
 * code cost a few hundred milliseconds that only a long import wins back. Fresh processes, three
 * alternating pairs each: 46 MB of JSONL (12,400 articles) 2,524–2,661 articles/s inline against
 * 3,105–3,245 with the worker; 23 MB, 2,010–2,495 against 1,861–2,293 (no clear winner).
 */
export const LARGE_IMPORT_BYTES = 32 * 1024 * 1024;

/**
 * Whether `worker: 'auto'` reads and prepares on the import worker, for `bytes` of files on `cores`
 * (never on one core: there is nothing to overlap with).
 */
export function autoWorker(bytes: number, cores: number): boolean {
  return bytes >= MIN_WORKER_BYTES && (cores > 2 || (cores === 2 && bytes >= LARGE_IMPORT_BYTES));
}
/** Chunks the worker may prepare ahead of the store (memory bound: about this many batches). */
const CHUNKS_AHEAD = 2;

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
  /**
   * read and prepare on a worker thread while the store writes: true, false, or 'auto' (the
   * default: when the files add up to MIN_WORKER_BYTES or more and the machine has more than two
   * cores, or to LARGE_IMPORT_BYTES or more on two — on two shared cores the worker slowed small
   * imports down when measured, and sped large ones up)
   */
  worker?: boolean | 'auto';
  /** largest single text or HTML file read, in bytes (default 10 MiB) */
  maxFileBytes?: number;
  /** called as rows are read */
  onProgress?(rows: number): void;
  /** called for each bad row as it is found */
  onBadRow?(bad: BadRow): void;
}

function emptySummary(): ImportSummary {
  return { files: 0, documents: { added: 0, unchanged: 0 }, factChecks: { added: 0, unchanged: 0 }, sourceRatings: { added: 0, unchanged: 0 }, bad: [] };
}

function spawnImportWorker(): Worker {
  return spawnWorker('import-worker', import.meta.url);
}

/** Imports into one store, reusing one import worker across calls. */
export interface Importer {
  /** imports a file or a folder */
  importPath(path: string, options?: ImportOptions): Promise<ImportSummary>;
  /** stops the import worker, if one was started */
  close(): Promise<void>;
}

/**
 * Creates an importer for a store; close it when done (importPath does for one path).
 * @example const importer = createImporter(store); await importer.importPath('a.jsonl'); await importer.close()
 */
export function createImporter(store: CorpusStore): Importer {
  let worker: Worker | undefined;
  /** false once the worker failed to start: later imports run inline */
  let isWorkerUsable = true;
  let nextId = 1;

  /** The chunks of `files`, read by the worker; inline when the worker fails before answering. */
  async function* workerChunks(files: string[], root: string, options: ChunkOptions): AsyncGenerator<ImportChunk> {
    if (!worker) worker = spawnImportWorker();
    const w = worker;
    const id = nextId++;
    const queue: (ImportWorkerReply | { failed: Error })[] = [];
    let notify: (() => void) | undefined;
    const push = (m: ImportWorkerReply | { failed: Error }): void => {
      queue.push(m);
      notify?.();
      notify = undefined;
    };
    const onMessage = (m: ImportWorkerReply): void => {
      if (m.id === id) push(m);
    };
    const onError = (err: Error): void => push({ failed: err });
    const onExit = (code: number): void => push({ failed: new Error(`the import worker exited (code ${code})`) });
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.ref();
    let received = 0;
    try {
      w.postMessage({ read: { id, files, root, options, credit: CHUNKS_AHEAD } } satisfies ImportWorkerRequest);
      for (;;) {
        if (queue.length === 0) await new Promise<void>((resolve) => (notify = resolve));
        const m = queue.shift()!;
        if ('failed' in m) {
          worker = undefined;
          if (received > 0) throw new FactlensError('internal', `The import stopped: ${m.failed.message}. Re-run it; what was written is kept.`, { cause: m.failed });
          // nothing came from the worker (it could not start): read these files inline instead
          isWorkerUsable = false;
          yield* readChunks(files, root, options);
          return;
        }
        received++;
        if ('done' in m) return;
        if ('error' in m) throw new FactlensError((m.error.code ?? 'internal') as ErrorCode, m.error.message);
        yield m.chunk;
        w.postMessage({ credit: 1 } satisfies ImportWorkerRequest);
      }
    } finally {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      w.unref();
    }
  }

  return {
    async importPath(path, options = {}) {
      let info: Awaited<ReturnType<typeof stat>>;
      try {
        info = await stat(path);
      } catch {
        throw new FactlensError('not-found', `Nothing to import at ${path}: give a file or a folder.`);
      }
      const files: string[] = [];
      let bytes = 0;
      if (info.isDirectory()) {
        for await (const file of walk(path)) {
          files.push(file);
          bytes += (await stat(file)).size;
        }
      } else {
        files.push(path);
        bytes = info.size;
      }
      const root = info.isDirectory() ? path : join(path, '..');
      const chunkOptions: ChunkOptions = {
        collection: options.collection,
        idPrefix: options.idPrefix,
        maxFileBytes: options.maxFileBytes,
        batchSize: options.batchSize ?? 500,
      };
      const wanted = options.worker ?? 'auto';
      const useWorker = isWorkerUsable && (wanted === true || (wanted === 'auto' && autoWorker(bytes, availableParallelism())));
      const chunks = useWorker ? workerChunks(files, root, chunkOptions) : readChunks(files, root, chunkOptions);

      const summary = emptySummary();
      const bad = (b: BadRow): void => {
        summary.bad.push(b);
        options.onBadRow?.(b);
      };
      let rows = 0;
      let lastFile = -1;
      for await (const chunk of chunks) {
        const shown = relative(process.cwd(), files[chunk.file]!) || files[chunk.file]!;
        if (chunk.file !== lastFile) {
          summary.files++;
          lastFile = chunk.file;
        }
        const account = (result: AddResult, ats: string[], counts: KindCounts): void => {
          counts.added += result.added;
          counts.unchanged += result.unchanged;
          for (const r of result.rejected) bad({ file: shown, at: ats[r.index]!, message: r.message });
        };
        for (const e of chunk.errors) bad({ file: shown, at: e.at, message: e.message });
        const docs = chunk.documents;
        if (docs?.prepared) account(await store.addPreparedDocuments(docs.prepared), docs.ats, summary.documents);
        else if (docs?.records) account(await store.addDocuments(docs.records), docs.ats, summary.documents);
        if (chunk.factChecks) account(await store.addFactChecks(chunk.factChecks.records), chunk.factChecks.ats, summary.factChecks);
        if (chunk.ratings) account(await store.addSourceRatings(chunk.ratings.records), chunk.ratings.ats, summary.sourceRatings);
        rows += chunk.rows;
        options.onProgress?.(rows);
      }
      options.onProgress?.(rows);
      return summary;
    },

    async close() {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}

/**
 * Imports a file or a folder into the store.
 * @example const summary = await importPath(store, 'articles.jsonl', { onBadRow: (b) => console.error(b) })
 */
export async function importPath(store: CorpusStore, path: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const importer = createImporter(store);
  try {
    return await importer.importPath(path, options);
  } finally {
    await importer.close();
  }
}
