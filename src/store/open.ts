/**
 * One `--db` value picks the corpus backend: a `postgres://` or `postgresql://` URL opens the
 * PostgreSQL store (postgres.ts), anything else is a SQLite file (sqlite.ts, the embedded default).
 */
import { FactlensError } from '../core/errors.js';
import { isPostgresUrl } from './pg.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { CorpusStore } from './types.js';

export { isPostgresUrl };

export interface OpenStoreOptions {
  /** open without writing (analysis); default false */
  readonly?: boolean;
  /** create the database (SQLite file, PostgreSQL schema and tables) when absent; default false */
  create?: boolean;
  /** SQLite only: make a corpus of an existing 0-byte file (`corpus init`) */
  initEmptyFile?: boolean;
}

/**
 * Opens the corpus store a `--db` value names: a PostgreSQL URL or a SQLite file path.
 * @example const store = await openStore('postgres://postgres@127.0.0.1:5432/test', { readonly: true })
 */
export async function openStore(db: string, options: OpenStoreOptions = {}): Promise<CorpusStore> {
  if (isPostgresUrl(db)) return openPostgresStore(db, { readonly: options.readonly, create: options.create });
  return openSqliteStore(db, options);
}

/**
 * A store usable at once whose opening finishes in the background: each call waits for it, and
 * fails with the opening's error when it failed. For callers that cannot wait (`openCorpus`).
 */
export function deferredStore(location: string, opening: Promise<CorpusStore>): CorpusStore {
  // the failure is reported by each call; this keeps it from counting as unhandled meanwhile
  opening.catch(() => {});
  const call =
    <K extends keyof Omit<CorpusStore, 'location' | 'close'>>(name: K) =>
    async (...args: Parameters<CorpusStore[K]>): Promise<Awaited<ReturnType<CorpusStore[K]>>> => {
      const store = await opening;
      return (store[name] as (...a: Parameters<CorpusStore[K]>) => Promise<Awaited<ReturnType<CorpusStore[K]>>>)(...args);
    };
  return {
    location,
    addDocuments: call('addDocuments'),
    addPreparedDocuments: call('addPreparedDocuments'),
    addFactChecks: call('addFactChecks'),
    addSourceRatings: call('addSourceRatings'),
    getDocument: call('getDocument'),
    sourceRatings: call('sourceRatings'),
    searchPassages: call('searchPassages'),
    searchFactChecks: call('searchFactChecks'),
    factChecksForUrl: call('factChecksForUrl'),
    findReuse: call('findReuse'),
    stats: call('stats'),
    async close() {
      const store = await opening.catch((err: unknown) => {
        // a store that never opened holds nothing to close
        if (err instanceof FactlensError) return undefined;
        throw err;
      });
      await store?.close();
    },
  };
}
