/**
 * The queue consumer behind `factlens worker`: takes jobs of this pipeline version from pg-boss,
 * analyzes them on the job runner (src/runtime/), and stores each result and completes its job in
 * one transaction. Any number of these run on any number of machines against the same PostgreSQL.
 *
 * - A job delivered again (its worker was killed after storing the result, or it stalled and was
 *   taken back) finds its result stored under (run, item id, content hash, pipeline version) and is
 *   completed without a second analysis; a result is never stored twice (ON CONFLICT DO NOTHING).
 * - Failures that may pass (internal, timeouts, fetch and store failures) fail the job: pg-boss
 *   retries it with exponential backoff, and after the last retry moves it to the dead-letter queue,
 *   which this worker drains into a `dead` result with the error code; the run goes on.
 * - Failures of the input itself (empty, not English, …) are the item's result, like a local batch's
 *   error line.
 * - A job taken by a worker that died is taken back by pg-boss maintenance once it has been active
 *   longer than the run's stall time.
 * - When PostgreSQL goes away, fetching finds nothing and storing is retried with backoff until it
 *   answers again; results analyzed meanwhile are kept in memory and stored then.
 */
import type { ErrorCode } from '../core/errors.js';
import { FactlensError } from '../core/errors.js';
import type { ArticleMeta } from '../core/types.js';
import type { AnalyzeResult, JobOptions } from '../runtime/job.js';
import type { JobRunner } from '../runtime/run-job.js';
import { isPgUnreachable } from '../store/pg.js';
import { inClient, type QueueConnection } from './connection.js';
import type { QueuedItem } from './runs.js';

/** Codes worth a retry: the same item may well succeed later or elsewhere. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['internal', 'analysis-timeout', 'fetch-failed', 'fetch-timeout', 'store-failed', 'rate-limited']);

export interface QueueWorkerOptions {
  /** jobs taken per fetch, per lane (default 16) */
  batchSize?: number;
  /** fetch–analyze–store loops running at once, so storing overlaps analysis (default 2) */
  lanes?: number;
  /** wait between fetches when the queue is empty, in ms (default 500) */
  idleMs?: number;
  log?: (line: string) => void;
  /** called after each stored batch with the running totals */
  onProgress?: (stats: QueueWorkerStats) => void;
}

export interface QueueWorkerStats {
  /** results stored by this worker */
  stored: number;
  /** jobs that found their result already stored (re-deliveries) */
  redelivered: number;
  /** jobs failed for a retry */
  retried: number;
  /** dead letters recorded */
  dead: number;
}

/** A running worker: `stop()` lets the batches in flight finish and store, then resolves `done`. */
export interface QueueWorker {
  readonly stats: QueueWorkerStats;
  stop(): void;
  done: Promise<QueueWorkerStats>;
}

interface RunInfo {
  options: JobOptions;
  timeoutMs: number;
}

interface FetchedJob {
  id: string;
  data: QueuedItem;
  retryCount: number;
  retryLimit: number;
  output?: unknown;
}

interface Outcome {
  job: FetchedJob;
  /** the result line to store; undefined when the job found its result already stored */
  store?: { status: 'report' | 'error' | 'dead'; code?: string; line: string };
  /** attempts made on the item (default: this job's retry count + 1) */
  attempts?: number;
  /** fail the job (retry, then dead letter) with this error */
  retry?: { code: ErrorCode; message: string };
}

const sleep = (ms: number, until?: Promise<void>): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    void until?.then(() => {
      clearTimeout(t);
      resolve();
    });
  });

/**
 * Starts consuming the queue with `runner`.
 * @example const w = startQueueWorker(queue, runner, { log: console.error }); process.on('SIGTERM', w.stop); await w.done
 */
export function startQueueWorker(q: QueueConnection, runner: JobRunner, options: QueueWorkerOptions = {}): QueueWorker {
  const batchSize = options.batchSize ?? 16;
  const lanes = options.lanes ?? 2;
  const idleMs = options.idleMs ?? 500;
  const log = options.log ?? (() => {});
  const stats: QueueWorkerStats = { stored: 0, redelivered: 0, retried: 0, dead: 0 };
  const runs = new Map<string, Promise<RunInfo | undefined>>();
  let isStopping = false;
  let onStop: () => void = () => {};
  const stopped = new Promise<void>((r) => {
    onStop = r;
  });
  let isDown = false;

  const runInfo = (run: string): Promise<RunInfo | undefined> => {
    let info = runs.get(run);
    if (!info) {
      info = q.pool
        .query<{ options: JobOptions; timeout_ms: number }>(`SELECT options, timeout_ms FROM batch_run WHERE name = $1`, [run])
        .then((r) => (r.rows[0] ? { options: r.rows[0].options, timeoutMs: r.rows[0].timeout_ms } : undefined));
      // a failed lookup (PostgreSQL away) is tried again next time
      info.catch(() => runs.delete(run));
      runs.set(run, info);
    }
    return info;
  };

  /** Runs `fn` until PostgreSQL answers, with backoff; other failures are thrown. */
  async function persistently<T>(doing: string, fn: () => Promise<T>): Promise<T> {
    let waitMs = 250;
    for (;;) {
      try {
        const value = await fn();
        if (isDown) {
          isDown = false;
          log('factlens worker: PostgreSQL answers again');
        }
        return value;
      } catch (err) {
        if (!isPgUnreachable(err)) throw err;
        if (!isDown) {
          isDown = true;
          log(`factlens worker: lost PostgreSQL while ${doing} (${(err as Error).message.split('\n')[0]}): retrying until it answers`);
        }
        await sleep(waitMs);
        waitMs = Math.min(5_000, waitMs * 2);
      }
    }
  }

  /** Which of these jobs' items already have a stored result (keys `run\tid\thash`). */
  async function storedKeys(jobs: FetchedJob[]): Promise<Set<string>> {
    const { rows } = await q.pool.query<{ run: string; item_id: string; content_hash: string }>(
      `SELECT r.run, r.item_id, r.content_hash FROM batch_result r
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS x (run, item_id, content_hash)
         ON r.run = x.run AND r.item_id = x.item_id AND r.content_hash = x.content_hash
       WHERE r.pipeline_version = $4`,
      [jobs.map((j) => j.data.run), jobs.map((j) => j.data.id), jobs.map((j) => j.data.hash), q.pipelineVersion],
    );
    return new Set(rows.map((r) => `${r.run}\t${r.item_id}\t${r.content_hash}`));
  }

  async function analyzeJob(job: FetchedJob): Promise<Outcome> {
    const info = await runInfo(job.data.run);
    if (!info) return { job, store: undefined };
    const meta: Partial<ArticleMeta> = { ...info.options.meta, ...job.data.meta };
    const result: AnalyzeResult = await runner.run({ seq: job.data.seq, input: job.data.input, options: { ...info.options, meta } }, info.timeoutMs);
    if ('report' in result) return { job, store: { status: 'report', line: JSON.stringify({ id: job.data.id, ...result.report }) } };
    if (RETRYABLE.has(result.error.code)) return { job, retry: result.error };
    return { job, store: { status: 'error', code: result.error.code, line: JSON.stringify({ id: job.data.id, error: result.error }) } };
  }

  /** Stores results and completes or fails the jobs, all in one transaction. */
  async function commit(queue: string, outcomes: Outcome[]): Promise<void> {
    const client = await q.pool.connect();
    let isBroken = false;
    // a connection cut while this transaction holds it must fail the transaction, not the process
    const onError = (): void => {
      isBroken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const rows = outcomes.filter((o) => o.store);
      if (rows.length > 0) {
        const inserted = await client.query(
          `INSERT INTO batch_result (run, item_id, content_hash, pipeline_version, status, error_code, line, attempts, worker)
           SELECT x.run, x.id, x.hash, $1, x.status, x.code, x.line, x.attempts, $2
           FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[]) AS x (run, id, hash, status, code, line, attempts)
           ON CONFLICT DO NOTHING`,
          [
            q.pipelineVersion,
            q.workerName,
            rows.map((o) => o.job.data.run),
            rows.map((o) => o.job.data.id),
            rows.map((o) => o.job.data.hash),
            rows.map((o) => o.store!.status),
            rows.map((o) => o.store!.code ?? null),
            rows.map((o) => o.store!.line),
            rows.map((o) => o.attempts ?? o.job.retryCount + 1),
          ],
        );
        stats.stored += inserted.rowCount ?? 0;
      }
      const db = inClient(client);
      const complete = outcomes.filter((o) => !o.retry).map((o) => o.job.id);
      // pg-boss 10 reads complete(name, ids, data, options) for arrays too, though its typings leave
      // the data slot out: without it the options would be taken for output data and the
      // completion would commit on its own, apart from the results
      const completeInTransaction = q.boss.complete as unknown as (name: string, ids: string[], data: null, options: { db: typeof db }) => Promise<unknown>;
      if (complete.length > 0) await completeInTransaction.call(q.boss, queue, complete, null, { db });
      for (const o of outcomes) if (o.retry) await q.boss.fail(queue, o.job.id, o.retry, { db });
      await client.query('COMMIT');
    } catch (err) {
      isBroken = true;
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.off('error', onError);
      client.release(isBroken);
    }
  }

  /** One fetch–analyze–store round on the main queue; false when it was empty. */
  async function round(): Promise<boolean> {
    const jobs = (await q.boss.fetch<QueuedItem>(q.queue, { batchSize, includeMetadata: true })) as unknown as FetchedJob[];
    if (jobs.length === 0) return false;
    const done = await persistently('looking up stored results', () => storedKeys(jobs));
    const outcomes = await Promise.all(
      jobs.map((job): Promise<Outcome> => {
        if (done.has(`${job.data.run}\t${job.data.id}\t${job.data.hash}`)) {
          stats.redelivered++;
          return Promise.resolve({ job });
        }
        return persistently('reading the run', () => analyzeJob(job));
      }),
    );
    await persistently('storing results', () => commit(q.queue, outcomes));
    stats.retried += outcomes.filter((o) => o.retry).length;
    options.onProgress?.(stats);
    return true;
  }

  /** Records the dead letters: items whose every attempt failed, with the last error's code. */
  async function drainDead(): Promise<boolean> {
    const jobs = (await q.boss.fetch<QueuedItem>(q.deadQueue, { batchSize: 50, includeMetadata: true })) as unknown as FetchedJob[];
    if (jobs.length === 0) return false;
    const outcomes: Outcome[] = jobs.map((job) => {
      const out = (job.output ?? {}) as { code?: string; message?: string; value?: { message?: string } };
      const isStalled = !out.code;
      const code = (out.code ?? 'internal') as ErrorCode;
      const message = isStalled
        ? 'The worker analyzing this article stopped or went silent on every attempt (killed, out of memory, or hung): it was left out after its last retry.'
        : (out.message ?? 'The analysis failed on every attempt.');
      // a dead letter is a new job carrying the original's retry limit: every attempt was made
      return { job, attempts: job.retryLimit + 1, store: { status: 'dead', code, line: JSON.stringify({ id: job.data.id, error: { code, message } }) } };
    });
    await persistently('storing dead letters', () => commit(q.deadQueue, outcomes));
    stats.dead += jobs.length;
    log(`factlens worker: ${jobs.length} item${jobs.length === 1 ? '' : 's'} dead-lettered (${[...new Set(outcomes.map((o) => o.store!.code))].join(', ')}) after their last retry`);
    options.onProgress?.(stats);
    return true;
  }

  async function lane(index: number): Promise<void> {
    while (!isStopping) {
      const hadWork = await round();
      const hadDead = index === 0 ? await drainDead() : false;
      if (!hadWork && !hadDead && !isStopping) await sleep(idleMs, stopped);
    }
  }

  const done = Promise.all(Array.from({ length: lanes }, (_, i) => lane(i))).then(() => stats);
  return {
    stats,
    stop() {
      isStopping = true;
      onStop();
    },
    done,
  };
}

/** A usage error for worker options that cannot work. */
export function checkWorkerOptions(o: QueueWorkerOptions): void {
  if (o.batchSize !== undefined && (!Number.isInteger(o.batchSize) || o.batchSize < 1 || o.batchSize > 1000)) throw new FactlensError('usage', '--batch-size must be an integer from 1 to 1000.');
}
