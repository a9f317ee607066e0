/**
 * PostgreSQL connections for the stores (the `pg` driver): the database URL a `--db` names, a
 * connection pool set up for it, and PostgreSQL failures as FactlensErrors. A `schema=NAME` query
 * parameter puts every table of the store in that schema (created on first write), so one
 * database can hold several corpora and parallel tests keep apart.
 */
import pg from 'pg';
import { FactlensError } from '../core/errors.js';

/** Whether a `--db` value names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value.trim());
}

/** Where a PostgreSQL store lives. */
export interface PgTarget {
  /** the URL as the driver takes it (without the `schema` parameter) */
  connectionString: string;
  /** the schema holding the store's tables; undefined: the connection's default (public) */
  schema?: string;
  /** the URL without its password, for messages */
  location: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Reads a `postgres://user@host:port/database?schema=NAME` URL.
 * @example parsePostgresUrl('postgres://postgres@127.0.0.1:5432/test?schema=corpus_a').schema // 'corpus_a'
 */
export function parsePostgresUrl(url: string): PgTarget {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new FactlensError('config-invalid', `${url.replace(/:[^:@/]*@/, ':***@')} is not a valid PostgreSQL URL: write postgres://USER@HOST:PORT/DATABASE.`);
  }
  const schema = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new FactlensError('config-invalid', `Schema "${schema.slice(0, 70)}" is not a plain lower-case SQL name: use letters, digits and _ only.`);
  }
  const shown = new URL(u.toString());
  if (shown.password) shown.password = '***';
  shown.search = schema ? `?schema=${schema}` : '';
  return { connectionString: u.toString(), schema, location: shown.toString() };
}

export interface PgPoolOptions {
  /** sessions refuse every write (a read-only corpus handle) */
  readonly?: boolean;
  /** most connections open at once (default 4) */
  max?: number;
}

/** A pool whose sessions use the target's schema; idle connections lost to a server restart are replaced. */
export function createPgPool(target: PgTarget, options: PgPoolOptions = {}): pg.Pool {
  const settings = [
    target.schema ? `-c search_path=${target.schema}` : '',
    options.readonly ? '-c default_transaction_read_only=on' : '',
  ].filter(Boolean);
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: options.max ?? 4,
    application_name: 'factlens',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    ...(settings.length ? { options: settings.join(' ') } : {}),
  });
  // An idle connection that dies (server restart, admin kill) is dropped by the pool, which opens a
  // new one for the next query; that query's own failure, if any, is reported where it is made.
  pool.on('error', () => {});
  return pool;
}

/** The SQLSTATE or Node error code of a driver failure ('' when it has none). */
export function pgCode(err: unknown): string {
  const e = err as { code?: unknown; errors?: unknown[] };
  if (typeof e?.code === 'string') return e.code;
  // connecting to a name with several addresses fails with one error per address
  if (Array.isArray(e?.errors) && e.errors.length > 0) return pgCode(e.errors[0]);
  return '';
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE']);

/** Whether a failure means the server could not be reached or went away (worth a retry later). */
export function isPgUnreachable(err: unknown): boolean {
  const code = pgCode(err);
  const message = (err as Error)?.message ?? '';
  return UNREACHABLE.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || /Connection terminated|timeout expired/i.test(message);
}

/** Turns a PostgreSQL failure into a FactlensError that says what to do; keeps FactlensErrors. */
export function pgError(err: unknown, location: string, doing: string): FactlensError {
  if (err instanceof FactlensError) return err;
  const code = pgCode(err);
  const detail = ((err as Error)?.message ?? String(err)).split('\n')[0]!;
  if (isPgUnreachable(err)) {
    return new FactlensError('store-failed', `Cannot reach PostgreSQL at ${location} while ${doing} (${detail || code}): start the server or fix --db.`, { cause: err });
  }
  if (code === '25006') {
    return new FactlensError('store-readonly', `The corpus ${location} is open read-only: open it for writing (corpus import) or pick another --db.`, { cause: err });
  }
  if (code === '42501') {
    return new FactlensError('store-readonly', `The PostgreSQL user of ${location} may not do this while ${doing}: grant it the rights or pick another --db.`, { cause: err });
  }
  if (code.startsWith('28')) {
    return new FactlensError('store-failed', `PostgreSQL refused the login to ${location} (${detail}): check the user and password in --db.`, { cause: err });
  }
  if (code === '3D000') {
    return new FactlensError('not-found', `The database of ${location} does not exist: create it (createdb) or fix --db.`, { cause: err });
  }
  if (code.startsWith('53')) {
    return new FactlensError('store-failed', `PostgreSQL at ${location} is out of resources (disk, memory or connections) while ${doing}: nothing of this batch was written; free them and re-run.`, { cause: err });
  }
  if (code === 'XX001' || code === 'XX002') {
    return new FactlensError('store-corrupt', `The corpus ${location} is damaged (${detail}): restore it or rebuild it with factlens corpus init and import.`, { cause: err });
  }
  if (code === '40001' || code === '40P01' || code === '55P03') {
    return new FactlensError('store-failed', `The corpus ${location} was busy with another writer while ${doing}: nothing of this batch was written; retry.`, { cause: err });
  }
  return new FactlensError('store-failed', `The corpus ${location} failed while ${doing}: ${detail}`, { cause: err });
}

/** Runs `fn` in one transaction on one pooled connection; rolls back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const value = await fn(client);
    await client.query('COMMIT');
    return value;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch {
      // the connection is gone; the server rolled the transaction back with it
      broken = true;
    }
    throw err;
  } finally {
    client.release(broken);
  }
}
