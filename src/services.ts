/**
 * Builds the services analyzers may use (corpus store, loaded models) for a CLI run, the HTTP
 * server or a worker thread. Each service
 * is optional: without it, the analyzers that need it say so in their findings or stay silent.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadShippedModels } from './models/shipped.js';
import { openSqliteStore } from './store/sqlite.js';
import type { CorpusStore } from './store/types.js';

export interface ServiceOptions {
  db?: string;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface LoadedServices {
  services: Record<string, unknown>;
  close(): void;
}

/** The default corpus file, in the working directory. */
export const DEFAULT_CORPUS_DB = 'factlens.db';

/**
 * The corpus database to use: --db, else $FACTLENS_DB (a missing named file is an error when
 * opened), else ./factlens.db when it exists.
 */
export function corpusPath(options: ServiceOptions): string | undefined {
  const named = options.db ?? options.env.FACTLENS_DB;
  if (named) return resolve(options.cwd, named);
  const fallback = resolve(options.cwd, DEFAULT_CORPUS_DB);
  return existsSync(fallback) ? fallback : undefined;
}

/** Loads what is available; never fails because an optional service is absent. */
export async function loadServices(options: ServiceOptions): Promise<LoadedServices> {
  const services: Record<string, unknown> = {};
  services.models = await loadShippedModels();
  // the corpus store: absent is fine; named but missing, damaged or too new is an error worth stopping for
  const corpus = corpusPath(options);
  let store: CorpusStore | undefined;
  if (corpus) {
    store = openSqliteStore(corpus, { readonly: true });
    services.store = store;
  }
  return {
    services,
    close() {
      store?.close().catch((err: unknown) => process.emitWarning(`closing the corpus store failed: ${(err as Error).message}`));
    },
  };
}
