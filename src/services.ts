/**
 * Builds the services analyzers may use (corpus store, loaded models) for a CLI run, the HTTP
 * server or a worker thread. Each service
 * is optional: without it, the analyzers that need it say so in their findings or stay silent.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisServices } from './analyze.js';
import { FactlensError } from './core/errors.js';
import { loadShippedModels } from './models/shipped.js';
import { deferredStore, isPostgresUrl, openStore } from './store/open.js';
import { parsePostgresUrl } from './store/pg.js';
import { openSqliteStore } from './store/sqlite.js';
import type { CorpusStore } from './store/types.js';

export interface ServiceOptions {
  db?: string;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface LoadedServices {
  services: AnalysisServices;
  close(): void;
}

/** The corpus file name, in the per-user data folder. */
export const DEFAULT_CORPUS_DB = 'factlens.db';

/**
 * The per-user corpus file, the same from every folder: $XDG_DATA_HOME/factlens/factlens.db, else
 * ~/.local/share/factlens/factlens.db (%LOCALAPPDATA%\factlens\factlens.db on Windows);
 * undefined when the environment names no home folder.
 */
export function defaultCorpusPath(env: Record<string, string | undefined>): string | undefined {
  if (env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME)) return join(env.XDG_DATA_HOME, 'factlens', DEFAULT_CORPUS_DB);
  if (env.LOCALAPPDATA && isAbsolute(env.LOCALAPPDATA) && !env.HOME) return join(env.LOCALAPPDATA, 'factlens', DEFAULT_CORPUS_DB);
  if (env.HOME && isAbsolute(env.HOME)) return join(env.HOME, '.local', 'share', 'factlens', DEFAULT_CORPUS_DB);
  return undefined;
}

/**
 * The corpus database to use, looked up the same way from any folder: --db, else $FACTLENS_DB (a
 * PostgreSQL URL as given; a file path resolved, a missing named file being an error when opened),
 * else the per-user file when it exists.
 */
export function corpusPath(options: ServiceOptions): string | undefined {
  const named = options.db ?? options.env.FACTLENS_DB;
  if (named && isPostgresUrl(named)) return named.trim();
  if (named) return resolve(options.cwd, named);
  const fallback = defaultCorpusPath(options.env);
  return fallback && existsSync(fallback) ? fallback : undefined;
}

/** Loads what is available; never fails because an optional service is absent. */
export async function loadServices(options: ServiceOptions): Promise<LoadedServices> {
  const services: AnalysisServices = {};
  services.models = await loadShippedModels();
  // the corpus store: absent is fine; named but missing, damaged or too new is an error worth stopping for
  const corpus = corpusPath(options);
  let store: CorpusStore | undefined;
  if (corpus) {
    store = await openStore(corpus, { readonly: true });
    services.store = store;
  }
  return {
    services,
    close() {
      store?.close().catch((err: unknown) => process.emitWarning(`closing the corpus store failed: ${(err as Error).message}`));
    },
  };
}

/**
 * Opens a corpus store for `analyze(…, { services: { store } })`: a SQLite file given as a path, a
 * `file:` URL or `sqlite:PATH`, or a PostgreSQL database as a `postgres://` / `postgresql://` URL
 * (`?schema=NAME` for a schema other than public); read-only unless `{ readonly: false }`. A
 * PostgreSQL store connects in the background: a database that cannot be reached, holds no corpus
 * or is too new fails the first call with the same typed error. Close it when done.
 * @example const store = openCorpus(process.env.FACTLENS_DB ?? 'factlens.db'); … await store.close()
 */
export function openCorpus(url: string, options: { readonly?: boolean; create?: boolean } = {}): CorpusStore {
  const readonly = options.readonly ?? !options.create;
  if (isPostgresUrl(url)) return deferredStore(parsePostgresUrl(url).location, openStore(url, { readonly, create: options.create }));
  let path = url;
  if (/^file:/i.test(url)) path = fileURLToPath(url);
  else if (/^sqlite:/i.test(url)) path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new FactlensError('config-invalid', `Corpus ${url.split(':')[0]}: URLs are not supported: give a SQLite file path, a file:, sqlite: or postgres:// URL.`);
  }
  if (!path) throw new FactlensError('config-invalid', 'openCorpus needs a database path.');
  return openSqliteStore(path, { readonly, create: options.create });
}
