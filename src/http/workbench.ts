/**
 * One `--workbench-db` value picks the workbench backend: a `postgres://` URL opens the shared
 * PostgreSQL tables (workbench-pg.ts), anything else a SQLite file (workbench-db.ts).
 */
import { isPostgresUrl } from '../store/pg.js';
import { openWorkbenchDb, type WorkbenchDb, type WorkbenchDbOptions } from './workbench-db.js';
import { openPgWorkbenchDb } from './workbench-pg.js';

/**
 * Opens the workbench database a `--workbench-db` value names.
 * @example const db = await openWorkbench(process.env.FACTLENS_WORKBENCH_DB ?? 'factlens-workbench.db')
 */
export async function openWorkbench(location: string, options: WorkbenchDbOptions = {}): Promise<WorkbenchDb> {
  return isPostgresUrl(location) ? openPgWorkbenchDb(location.trim()) : openWorkbenchDb(location, options);
}

/**
 * The workbench database of a server: --workbench-db, else $FACTLENS_WORKBENCH_DB, else the
 * corpus database when that is PostgreSQL (servers sharing a corpus share their reports too),
 * else the SQLite file `fallback`.
 */
export function workbenchLocation(named: string | undefined, env: Record<string, string | undefined>, corpusDb: string | undefined, fallback: string): string {
  if (named) return named;
  if (env.FACTLENS_WORKBENCH_DB) return env.FACTLENS_WORKBENCH_DB;
  const corpus = corpusDb ?? env.FACTLENS_DB;
  if (corpus && isPostgresUrl(corpus)) return corpus.trim();
  return fallback;
}
