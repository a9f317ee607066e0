/**
 * Batch runs on the queue: enqueueing a run (each item recorded and its job created in the same
 * transaction), its status, and its export in input order. Results are keyed by (run, item id,
 * content hash, pipeline version), so an item whose job is delivered twice has one result.
 */
import { createHash } from 'node:crypto';
import { FactlensError } from '../core/errors.js';
import { type BatchItem, itemHash, type JobOptions } from '../runtime/job.js';
import { pgError } from '../store/pg.js';
import { inClient, type QueueConnection } from './connection.js';

/** What a queued job carries: where its item belongs, and the article itself. */
export interface QueuedItem {
  run: string;
  seq: number;
  id: string;
  hash: string;
  input: Extract<BatchItem, { input: unknown }>['input'];
  meta: Extract<BatchItem, { input: unknown }>['meta'];
}

/** How a run's jobs are retried and when a job taken by a worker that went silent is taken back. */
export interface RetryPolicy {
  /** retries after the first attempt (default 4) */
  retries: number;
  /** seconds before the first retry, doubled (with jitter) for each next one (default 5) */
  retryDelaySeconds: number;
  /** seconds after which a job a worker took but did not finish goes back to the queue (default 300) */
  stallSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 4, retryDelaySeconds: 5, stallSeconds: 300 };

/** Items per transaction when enqueueing. */
const CHUNK = 500;

const RUN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Refuses a run name that is not 1–100 letters, digits, `.`, `_` or `-`. */
export function checkRunName(name: string): string {
  if (!RUN_NAME.test(name)) throw new FactlensError('usage', `Run name "${name.slice(0, 60)}" must be 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit.`);
  return name;
}

/** A deterministic job id for item `seq` of `run` (a UUID), so a job is never created twice. */
function jobId(run: string, seq: number): string {
  const h = createHash('sha256').update(`${run}\u0000${seq}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface EnqueueOptions extends RetryPolicy {
  run: string;
  items: AsyncIterable<BatchItem>;
  /** the run's analysis options (defaults for meta included) */
  options: JobOptions;
  timeoutMs: number;
  /** called after each committed chunk with the number of items recorded so far */
  onProgress?: (recorded: number) => void;
  /** stop after the current chunk (an interrupted enqueue continues when run again) */
  isStopping?: () => boolean;
}

export interface EnqueueResult {
  /** items in the input */
  total: number;
  /** items newly recorded and queued by this call */
  added: number;
  /** items that were already recorded (an interrupted enqueue run again) */
  existing: number;
  /** false when stopped before the end of the input */
  isComplete: boolean;
}

/**
 * Records a run and enqueues its items, CHUNK items per transaction: an item is in the run exactly
 * when its job is in the queue. Running it again with the same run name, input and options adds
 * what an interrupted call did not; another input or other options under the same name are refused.
 * Items that failed when read (a line that is not JSON) are recorded with their error result.
 * @example await enqueueRun(queue, { run: 'week-12', items, options, timeoutMs: 5000, ...DEFAULT_RETRY_POLICY })
 */
export async function enqueueRun(q: QueueConnection, o: EnqueueOptions): Promise<EnqueueResult> {
  checkRunName(o.run);
  const fingerprint = createHash('sha256').update(JSON.stringify({ options: o.options, timeoutMs: o.timeoutMs, pipeline: q.pipelineVersion })).digest('hex').slice(0, 32);
  const where = `the queue ${q.target.location}`;
  try {
    await q.pool.query(
      `INSERT INTO batch_run (name, pipeline_version, fingerprint, options, timeout_ms) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING`,
      [o.run, q.pipelineVersion, fingerprint, JSON.stringify(o.options), o.timeoutMs],
    );
    const { rows } = await q.pool.query<{ fingerprint: string; pipeline_version: string }>(`SELECT fingerprint, pipeline_version FROM batch_run WHERE name = $1`, [o.run]);
    if (rows[0]!.fingerprint !== fingerprint) {
      const why = rows[0]!.pipeline_version !== q.pipelineVersion ? `another pipeline version (${rows[0]!.pipeline_version})` : 'other options';
      throw new FactlensError('usage', `Run "${o.run}" already exists with ${why}: pick another --run name, or give the options it was begun with.`);
    }
  } catch (err) {
    throw pgError(err, where, `recording run ${o.run}`);
  }
  const result: EnqueueResult = { total: 0, added: 0, existing: 0, isComplete: false };
  let chunk: { seq: number; item: BatchItem; hash: string }[] = [];
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const rows = chunk;
    chunk = [];
    const client = await q.pool.connect().catch((err: unknown) => {
      throw pgError(err, where, 'enqueueing');
    });
    // a connection cut while held fails the transaction below, not the process
    const onError = (): void => {};
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const inserted = await client.query<{ seq: number }>(
        `INSERT INTO batch_item (run, seq, item_id, content_hash)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])
         ON CONFLICT (run, seq) DO NOTHING RETURNING seq`,
        [o.run, rows.map((r) => r.seq), rows.map((r) => r.item.id), rows.map((r) => r.hash)],
      );
      const fresh = new Set(inserted.rows.map((r) => r.seq));
      if (fresh.size < rows.length) {
        // recorded by an earlier call: it must be the same item
        const { rows: differ } = await client.query<{ seq: number }>(
          `SELECT i.seq FROM batch_item i JOIN unnest($2::int[], $3::text[], $4::text[]) AS x (seq, item_id, content_hash) ON i.seq = x.seq
           WHERE i.run = $1 AND (i.item_id <> x.item_id OR i.content_hash <> x.content_hash) LIMIT 1`,
          [o.run, rows.map((r) => r.seq), rows.map((r) => r.item.id), rows.map((r) => r.hash)],
        );
        if (differ.length > 0) {
          throw new FactlensError('input-invalid', `Item ${differ[0]!.seq + 1} of the input is not the one run "${o.run}" recorded there: enqueue the same input again, or pick another --run name.`);
        }
      }
      const jobs = [];
      const failed: { id: string; hash: string; code: string; line: string }[] = [];
      for (const r of rows) {
        if (!fresh.has(r.seq)) continue;
        if ('error' in r.item) {
          failed.push({ id: r.item.id, hash: r.hash, code: r.item.error.code, line: JSON.stringify({ id: r.item.id, error: r.item.error }) });
          continue;
        }
        const data: QueuedItem = { run: o.run, seq: r.seq, id: r.item.id, hash: r.hash, input: r.item.input, meta: r.item.meta };
        jobs.push({
          id: jobId(o.run, r.seq),
          name: q.queue,
          data,
          retryLimit: o.retries,
          retryDelay: o.retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: o.stallSeconds,
          deadLetter: q.deadQueue,
        });
      }
      if (jobs.length > 0) await q.boss.insert(jobs, { db: inClient(client) });
      if (failed.length > 0) {
        await client.query(
          `INSERT INTO batch_result (run, item_id, content_hash, pipeline_version, status, error_code, line, attempts, worker)
           SELECT $1, x.id, x.hash, $2, 'error', x.code, x.line, 0, $3 FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS x (id, hash, code, line)
           ON CONFLICT DO NOTHING`,
          [o.run, q.pipelineVersion, q.workerName, failed.map((f) => f.id), failed.map((f) => f.hash), failed.map((f) => f.code), failed.map((f) => f.line)],
        );
      }
      await client.query('COMMIT');
      result.added += fresh.size;
      result.existing += rows.length - fresh.size;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw pgError(err, where, 'enqueueing');
    } finally {
      client.off('error', onError);
      client.release();
    }
    o.onProgress?.(result.added + result.existing);
  };
  for await (const item of o.items) {
    chunk.push({ seq: result.total, item, hash: itemHash(item) });
    result.total++;
    if (chunk.length >= CHUNK) {
      await flush();
      if (o.isStopping?.()) return result;
    }
  }
  await flush();
  try {
    await q.pool.query(
      `UPDATE batch_run SET total = $2, enqueued_at = coalesce(enqueued_at, now()),
         distinct_total = (SELECT count(*) FROM (SELECT DISTINCT item_id, content_hash FROM batch_item WHERE run = $1) d)
       WHERE name = $1`,
      [o.run, result.total],
    );
  } catch (err) {
    throw pgError(err, where, `closing run ${o.run}`);
  }
  result.isComplete = true;
  return result;
}

/** Where a run stands. */
export interface RunStatus {
  run: string;
  pipelineVersion: string;
  createdAt: string;
  /** false while the enqueueing has not reached the end of the input */
  isEnqueued: boolean;
  /** items (input lines) recorded so far, and distinct (id, content) among them */
  items: number;
  distinctItems: number;
  /** distinct items with a result, of which reports, error lines and dead letters */
  done: number;
  reports: number;
  errors: Record<string, number>;
  deadLetters: Record<string, number>;
  pending: number;
  /** jobs of the run waiting for a retry, and being analyzed now */
  retrying: number;
  active: number;
  /** results per second over the last minute, and since the first result */
  ratePerSecond: number;
  averagePerSecond: number;
  /** seconds until done at the last minute's rate; undefined when nothing moves */
  etaSeconds?: number;
  firstResultAt?: string;
  lastResultAt?: string;
}

/**
 * The status of a run: progress, rate, ETA, failures by code.
 * @example const s = await runStatus(queue, 'week-12'); s.pending
 */
export async function runStatus(q: QueueConnection, run: string): Promise<RunStatus> {
  const where = `the queue ${q.target.location}`;
  try {
    const { rows: runs } = await q.pool.query<{ pipeline_version: string; created_at: Date; total: number | null; distinct_total: number | null }>(
      `SELECT pipeline_version, created_at, total, distinct_total FROM batch_run WHERE name = $1`,
      [run],
    );
    if (runs.length === 0) throw new FactlensError('not-found', `No run "${run}" on ${q.target.location}: factlens batch FILE --queue URL --run ${run} creates it.`);
    const info = runs[0]!;
    const items = info.total ?? Number((await q.pool.query<{ n: string }>(`SELECT count(*) AS n FROM batch_item WHERE run = $1`, [run])).rows[0]!.n);
    const distinctItems =
      info.distinct_total ?? Number((await q.pool.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT DISTINCT item_id, content_hash FROM batch_item WHERE run = $1) d`, [run])).rows[0]!.n);
    const { rows: groups } = await q.pool.query<{ status: string; code: string | null; n: string }>(
      `SELECT status, error_code AS code, count(*) AS n FROM batch_result WHERE run = $1 AND pipeline_version = $2 GROUP BY status, error_code`,
      [run, info.pipeline_version],
    );
    const { rows: times } = await q.pool.query<{ first: Date | null; last: Date | null; recent: string; now: Date }>(
      `SELECT min(finished_at) AS first, max(finished_at) AS last, count(*) FILTER (WHERE finished_at > now() - interval '60 seconds') AS recent, now() AS now
       FROM batch_result WHERE run = $1 AND pipeline_version = $2 AND attempts > 0`,
      [run, info.pipeline_version],
    );
    const { rows: states } = await q.pool.query<{ state: string; n: string }>(
      `SELECT state, count(*) AS n FROM ${q.schema}.job WHERE name = $1 AND state IN ('retry', 'active') AND data->>'run' = $2 GROUP BY state`,
      [q.queue, run],
    );
    const errors: Record<string, number> = {};
    const deadLetters: Record<string, number> = {};
    let reports = 0;
    let done = 0;
    for (const g of groups) {
      const n = Number(g.n);
      done += n;
      if (g.status === 'report') reports += n;
      else if (g.status === 'error') errors[g.code ?? 'internal'] = (errors[g.code ?? 'internal'] ?? 0) + n;
      else deadLetters[g.code ?? 'internal'] = (deadLetters[g.code ?? 'internal'] ?? 0) + n;
    }
    const t = times[0]!;
    const recent = Number(t.recent);
    const elapsed = t.first ? Math.max(1, (t.now.getTime() - t.first.getTime()) / 1000) : 0;
    const ratePerSecond = recent / Math.min(60, Math.max(1, elapsed));
    const pending = Math.max(0, distinctItems - done);
    const count = (s: string): number => Number(states.find((r) => r.state === s)?.n ?? 0);
    return {
      run,
      pipelineVersion: info.pipeline_version,
      createdAt: info.created_at.toISOString(),
      isEnqueued: info.total !== null,
      items,
      distinctItems,
      done,
      reports,
      errors,
      deadLetters,
      pending,
      retrying: count('retry'),
      active: count('active'),
      ratePerSecond,
      averagePerSecond: elapsed > 0 ? done / elapsed : 0,
      ...(ratePerSecond > 0 ? { etaSeconds: pending / ratePerSecond } : pending === 0 ? { etaSeconds: 0 } : {}),
      ...(t.first ? { firstResultAt: t.first.toISOString() } : {}),
      ...(t.last ? { lastResultAt: t.last.toISOString() } : {}),
    };
  } catch (err) {
    throw pgError(err, where, `reading run ${run}`);
  }
}

/** Result lines per query when exporting. */
const PAGE = 1000;

/**
 * The output lines of a run in input order (one per input line, as a local batch writes them);
 * refuses a run with items still pending unless `partial`, which leaves those out.
 * @example for await (const line of exportRun(queue, 'week-12')) out.write(`${line}\n`)
 */
export async function* exportRun(q: QueueConnection, run: string, options: { partial?: boolean } = {}): AsyncGenerator<string> {
  const status = await runStatus(q, run);
  if (!options.partial && (!status.isEnqueued || status.pending > 0)) {
    throw new FactlensError(
      'input-invalid',
      `Run "${run}" is not finished (${status.isEnqueued ? `${status.pending} of ${status.distinctItems} items pending` : 'still being enqueued'}): wait (factlens batch status ${run}), or export what is done with --partial.`,
    );
  }
  let after = -1;
  for (;;) {
    let rows: { seq: number; line: string | null }[];
    try {
      rows = (
        await q.pool.query<{ seq: number; line: string | null }>(
          `SELECT i.seq, r.line FROM batch_item i
           LEFT JOIN batch_result r ON r.run = i.run AND r.item_id = i.item_id AND r.content_hash = i.content_hash AND r.pipeline_version = $2
           WHERE i.run = $1 AND i.seq > $3 ORDER BY i.seq LIMIT ${PAGE}`,
          [run, status.pipelineVersion, after],
        )
      ).rows;
    } catch (err) {
      throw pgError(err, `the queue ${q.target.location}`, `exporting run ${run}`);
    }
    if (rows.length === 0) return;
    for (const row of rows) if (row.line !== null) yield row.line;
    after = rows[rows.length - 1]!.seq;
  }
}
