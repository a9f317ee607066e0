/**
 * A connection to the batch queue: pg-boss (jobs, retries with backoff, dead letters, stalled-job
 * expiry) and factlens's own run tables (runs, items, results) in one PostgreSQL schema, named by
 * the `--queue postgres://…[?schema=NAME]` URL (default schema `factlens_queue`). The tables are
 * created on first use, under an advisory lock, and a schema written by a newer factlens is refused.
 */
import { hostname } from 'node:os';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { FactlensError } from '../core/errors.js';
import { pipelineVersion } from '../runtime/pipeline-version.js';
import { isPgUnreachable, parsePostgresUrl, pgError, type PgTarget } from '../store/pg.js';

/** Schema of the queue when the URL names none. */
export const DEFAULT_QUEUE_SCHEMA = 'factlens_queue';

/** Version of factlens's queue tables (runs, items, results); pg-boss versions its own. */
export const QUEUE_SCHEMA_VERSION = 1;

/** The tables; result lines (a few kB of JSON each) are compressed with lz4, far cheaper in CPU than the default pglz. */
const TABLES = [
  `CREATE TABLE IF NOT EXISTS batch_meta (key text PRIMARY KEY, value text NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS batch_run (
    name text PRIMARY KEY,
    pipeline_version text NOT NULL,
    fingerprint text NOT NULL,
    options jsonb NOT NULL,
    timeout_ms integer NOT NULL,
    total integer,
    distinct_total integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    enqueued_at timestamptz
  )`,
  `CREATE TABLE IF NOT EXISTS batch_item (
    run text NOT NULL REFERENCES batch_run (name) ON DELETE CASCADE,
    seq integer NOT NULL,
    item_id text NOT NULL,
    content_hash text NOT NULL,
    PRIMARY KEY (run, seq)
  )`,
  `CREATE TABLE IF NOT EXISTS batch_result (
    run text NOT NULL,
    item_id text NOT NULL,
    content_hash text NOT NULL,
    pipeline_version text NOT NULL,
    status text NOT NULL CHECK (status IN ('report', 'error', 'dead')),
    error_code text,
    line text COMPRESSION lz4 NOT NULL,
    attempts integer NOT NULL,
    worker text NOT NULL,
    finished_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run, item_id, content_hash, pipeline_version)
  )`,
  `CREATE INDEX IF NOT EXISTS batch_result_finished ON batch_result (run, finished_at)`,
];

/** An open queue. */
export interface QueueConnection {
  boss: PgBoss;
  /** connections for factlens's own tables, with the queue schema on the search path */
  pool: pg.Pool;
  target: PgTarget;
  schema: string;
  /** the pipeline version of this process (pipeline-version.ts); results are keyed by it */
  pipelineVersion: string;
  /** the pg-boss queue of this pipeline version, and its dead-letter queue */
  queue: string;
  deadQueue: string;
  /** this process, as results record it (host:pid unless named) */
  workerName: string;
  close(): Promise<void>;
}

export interface OpenQueueOptions {
  /** run pg-boss maintenance (stalled-job expiry, archiving) in this process: workers do */
  isSupervisor?: boolean;
  /** how often maintenance looks for stalled jobs, in seconds (default 30) */
  maintenanceSeconds?: number;
  /** names this process in results and in pg_stat_activity */
  workerName?: string;
  /** where pg-boss's background errors go (a lost connection while idle, say) */
  log?: (line: string) => void;
}

/** The pg-boss queue names of a pipeline version (letters, digits and _ only). */
export function queueNames(version: string): { queue: string; deadQueue: string } {
  const tag = version.replace(/\W/g, '_');
  return { queue: `factlens_analyze_${tag}`, deadQueue: `factlens_dead_${tag}` };
}

async function migrate(pool: pg.Pool, schema: string, location: string): Promise<void> {
  const client = await pool.connect();
  const onError = (): void => {};
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}.factlens_queue_tables`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET LOCAL search_path = ${schema}`);
    for (const statement of TABLES) await client.query(statement);
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM batch_meta WHERE key = 'schema_version'`);
    const found = rows[0] ? Number(rows[0].value) : undefined;
    if (found !== undefined && found > QUEUE_SCHEMA_VERSION) {
      throw new FactlensError('store-version', `The queue ${location} was set up by a newer factlens (queue schema ${found}, this one knows ${QUEUE_SCHEMA_VERSION}): upgrade factlens here.`);
    }
    if (found === undefined) await client.query(`INSERT INTO batch_meta (key, value) VALUES ('schema_version', $1)`, [String(QUEUE_SCHEMA_VERSION)]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.off('error', onError);
    client.release();
  }
}

/**
 * Opens the queue at `url`, creating its tables and the pg-boss queues of this pipeline version.
 * @example const q = await openQueue('postgres://postgres@127.0.0.1:5432/test?schema=q1'); … await q.close()
 */
export async function openQueue(url: string, options: OpenQueueOptions = {}): Promise<QueueConnection> {
  const target = parsePostgresUrl(url);
  if (!/^postgres(ql)?:$/i.test(new URL(target.connectionString).protocol)) {
    throw new FactlensError('usage', `--queue takes a postgres:// URL, not ${target.location}.`);
  }
  const schema = target.schema ?? DEFAULT_QUEUE_SCHEMA;
  const workerName = options.workerName ?? `${hostname()}:${process.pid}`;
  const applicationName = `factlens-queue ${schema} ${workerName}`.slice(0, 63);
  const log = options.log ?? (() => {});
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: 3,
    application_name: applicationName,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    options: `-c search_path=${schema}`,
  });
  // An idle connection lost (server restart, an administrator's kill) is replaced on next use;
  // the query that meets the loss reports it where it is made.
  pool.on('error', () => {});
  const version = pipelineVersion();
  const { queue, deadQueue } = queueNames(version);
  const boss = new PgBoss({
    connectionString: target.connectionString,
    schema,
    application_name: applicationName,
    max: 3,
    supervise: options.isSupervisor ?? false,
    schedule: false,
    migrate: true,
    maintenanceIntervalSeconds: options.maintenanceSeconds ?? 30,
    // completed jobs leave the job table for the archive after an hour (results live in batch_result)
    archiveCompletedAfterSeconds: 3600,
  });
  let lastLog = 0;
  boss.on('error', (err: Error) => {
    if (Date.now() - lastLog < 10_000) return;
    lastLog = Date.now();
    log(`factlens: queue: ${err.message.split('\n')[0]}${isPgUnreachable(err) ? ' (PostgreSQL unreachable; retrying)' : ''}`);
  });
  try {
    await migrate(pool, schema, target.location);
    await boss.start();
    await boss.createQueue(deadQueue, { name: deadQueue, policy: 'standard' });
    await boss.createQueue(queue, { name: queue, policy: 'standard', deadLetter: deadQueue });
  } catch (err) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    await pool.end().catch(() => {});
    throw pgError(err, target.location, 'opening the queue');
  }
  return {
    boss,
    pool,
    target,
    schema,
    pipelineVersion: version,
    queue,
    deadQueue,
    workerName,
    async close() {
      await boss.stop({ graceful: false, wait: true }).catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}

/** pg-boss's way into an open transaction: its statements then commit or roll back with ours. */
export function inClient(client: pg.PoolClient): { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> } {
  return { executeSql: (text, values) => client.query(text, values as unknown[]) };
}
