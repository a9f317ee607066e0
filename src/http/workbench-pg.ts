/**
 * The workbench database on PostgreSQL (the `pg` driver): the same WorkbenchDb as the SQLite file
 * (workbench-db.ts), so that several `factlens serve` processes on several machines share their
 * reports, reviews and tokens. Reports are written with the other saves of the same turn of the
 * event loop in one transaction (group commit) and searched through a stored tsvector with a GIN
 * index (title, body and source; every word must match, the last one as a prefix, as in the SQLite
 * index). `workbench_meta` records the schema version; a database written by a newer factlens is
 * refused (store-version). The tables live beside the corpus ones when both use the same URL.
 */
import type pg from 'pg';
import { FactlensError } from '../core/errors.js';
import type { Report } from '../core/types.js';
import { createPgPool, inTransaction, parsePostgresUrl, type PgTarget, pgError } from '../store/pg.js';
import { groupCommit, type ReportToSave } from './report-writer.js';
import {
  checkToken,
  NOT_JUDGED_SCORE,
  newToken,
  type ReportRow,
  type ReviewRow,
  sha256,
  TOKEN_PATTERN,
  type TokenRow,
  toReview,
  toSummary,
  toTokenInfo,
  type WorkbenchDb,
} from './workbench-db.js';

/** Version of the PostgreSQL workbench tables. */
export const PG_WORKBENCH_SCHEMA_VERSION = 1;

/** Characters of a report's text that go into its search vector (a tsvector holds at most 1 MiB). */
const MAX_INDEXED_CHARS = 200_000;

const MIGRATION_1 = [
  'CREATE TABLE workbench_meta (key text PRIMARY KEY, value text NOT NULL)',
  `CREATE TABLE workbench_report (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    created_at text NOT NULL,
    title text NOT NULL,
    source text, url text, input_kind text NOT NULL,
    score integer NOT NULL, label text NOT NULL,
    problems integer NOT NULL, warnings integer NOT NULL, infos integer NOT NULL,
    report_json text NOT NULL,
    tsv tsvector NOT NULL
  )`,
  'CREATE INDEX workbench_report_created ON workbench_report (created_at DESC, seq DESC)',
  'CREATE INDEX workbench_report_tsv ON workbench_report USING gin (tsv)',
  `CREATE TABLE workbench_review (
    report_id text NOT NULL REFERENCES workbench_report (id) ON DELETE CASCADE,
    claim_key text NOT NULL,
    claim text NOT NULL,
    span_start integer, span_end integer,
    rating integer, note text NOT NULL, reviewer text,
    updated_at text NOT NULL,
    PRIMARY KEY (report_id, claim_key)
  )`,
  `CREATE TABLE workbench_token (
    id text PRIMARY KEY,
    name text NOT NULL,
    secret_sha256 text NOT NULL,
    created_at text NOT NULL,
    last_used_at text,
    revoked_at text
  )`,
];

/**
 * A tsquery text where every word must match and the last one may be a prefix, or undefined when
 * `q` has no word (the same words as the SQLite index's ftsQuery).
 */
export function pgReportQuery(q: string): string | undefined {
  const terms = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 12);
  if (terms.length === 0) return undefined;
  return terms.map((t, i) => `'${t.replace(/'/g, "''")}'${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
}

async function migrate(pool: pg.Pool, target: PgTarget): Promise<void> {
  await inTransaction(pool, async (c) => {
    // servers starting together: one creates the tables, the others wait and find them
    await c.query("SELECT pg_advisory_xact_lock(hashtext('factlens-workbench:' || $1))", [target.schema ?? '']);
    if (target.schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${target.schema}`);
    const found = await c.query<{ t: string | null; r: string | null }>("SELECT to_regclass('workbench_meta')::text AS t, to_regclass('workbench_report')::text AS r");
    if (!found.rows[0]!.t) {
      if (found.rows[0]!.r) throw new FactlensError('store-corrupt', `${target.location} holds a workbench_report table but no workbench version: pick another database or schema.`);
      for (const sql of MIGRATION_1) await c.query(sql);
      await c.query("INSERT INTO workbench_meta (key, value) VALUES ('schema_version', $1)", [String(PG_WORKBENCH_SCHEMA_VERSION)]);
      return;
    }
    const version = Number((await c.query<{ value: string }>("SELECT value FROM workbench_meta WHERE key = 'schema_version'")).rows[0]?.value ?? 0);
    if (version > PG_WORKBENCH_SCHEMA_VERSION) {
      throw new FactlensError('store-version', `${target.location} was written by a newer factlens (workbench schema ${version}): upgrade factlens.`);
    }
  });
}

/**
 * Opens (creating its tables when needed) the workbench database at a PostgreSQL URL.
 * @example const db = await openPgWorkbenchDb('postgres://postgres@127.0.0.1:5432/test?schema=desk')
 */
export async function openPgWorkbenchDb(url: string): Promise<WorkbenchDb> {
  const target = parsePostgresUrl(url);
  const pool = createPgPool(target, { max: 6 });
  const where = target.location;
  try {
    await migrate(pool, target);
  } catch (err) {
    await pool.end().catch(() => {
      /* the open error is the one to report */
    });
    throw pgError(err, where, 'opening the workbench database');
  }
  const guard = async <T>(doing: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw pgError(err, where, doing);
    }
  };

  const writeReports = async (batch: readonly ReportToSave[]): Promise<void> => {
    const col = <T>(f: (b: ReportToSave) => T): T[] => batch.map(f);
    await inTransaction(pool, (c) =>
      c.query(
        `INSERT INTO workbench_report (id, created_at, title, source, url, input_kind, score, label, problems, warnings, infos, report_json, tsv)
         SELECT id, ca, ti, so, ur, ik, sc, la, pr, wa, inf, js,
           setweight(to_tsvector('english', ti), 'A') || to_tsvector('english', bo) || to_tsvector('english', coalesce(so, ''))
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::integer[], $8::text[], $9::integer[], $10::integer[], $11::integer[], $12::text[], $13::text[])
           AS x (id, ca, ti, so, ur, ik, sc, la, pr, wa, inf, js, bo)`,
        [
          col((b) => b.id),
          col((b) => b.createdAt),
          col((b) => b.report.digest.title),
          col((b) => b.report.digest.source ?? null),
          col((b) => b.report.digest.url ?? null),
          col((b) => b.report.digest.inputKind),
          col((b) => b.report.digest.score ?? NOT_JUDGED_SCORE),
          col((b) => b.report.digest.label),
          col((b) => b.report.digest.findings.problem),
          col((b) => b.report.digest.findings.warning),
          col((b) => b.report.digest.findings.info),
          col((b) => b.report.json),
          col((b) => b.report.digest.text.slice(0, MAX_INDEXED_CHARS)),
        ],
      ),
    );
  };
  const addToBatch = groupCommit<ReportToSave & { resolve(): void; reject(err: unknown): void }>((batch) => {
    writeReports(batch).then(
      () => {
        for (const b of batch) b.resolve();
      },
      (err: unknown) => {
        const e = pgError(err, where, 'saving reports');
        for (const b of batch) b.reject(e);
      },
    );
  });

  const readReportJson = async (id: string): Promise<{ id: string; createdAt: string; json: string } | undefined> => {
    const r = await guard('reading a report', () => pool.query<{ id: string; created_at: string; report_json: string }>('SELECT id, created_at, report_json FROM workbench_report WHERE id = $1', [id]));
    const row = r.rows[0];
    return row ? { id: row.id, createdAt: row.created_at, json: row.report_json } : undefined;
  };

  return {
    path: where,
    saveReportBatched: (id, report, createdAt) => new Promise<void>((resolve, reject) => addToBatch({ id, report, createdAt, resolve, reject })),
    async getReport(id) {
      const row = await readReportJson(id);
      return row && { id: row.id, createdAt: row.createdAt, report: JSON.parse(row.json) as Report };
    },
    getReportJson: readReportJson,
    async listReports(query) {
      const where: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown): string => {
        params.push(value);
        return `$${params.length}`;
      };
      const q = query.q ? pgReportQuery(query.q) : undefined;
      if (q) {
        // a query of stopwords alone ("the") has no term to match and filters nothing
        const tsq = `to_tsquery('english', ${param(q)})`;
        where.push(`(numnode(${tsq}) = 0 OR r.tsv @@ ${tsq})`);
      }
      if (query.label) where.push(`r.label = ${param(query.label)}`);
      if (query.minScore !== undefined) where.push(`r.score >= ${param(query.minScore)}`);
      if (query.maxScore !== undefined) where.push(`r.score <= ${param(query.maxScore)}`);
      if (query.source) where.push(`r.source = ${param(query.source)}`);
      if (query.severity) where.push(`r.${{ problem: 'problems', warning: 'warnings', info: 'infos' }[query.severity]} > 0`);
      if (query.isReviewed !== undefined) where.push(`${query.isReviewed ? '' : 'NOT '}EXISTS (SELECT 1 FROM workbench_review v WHERE v.report_id = r.id)`);
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      return guard('listing reports', async () => {
        const total = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM workbench_report r ${clause}`, params)).rows[0]!.n);
        const rows = await pool.query<ReportRow>(
          `SELECT r.id, r.created_at, r.title, r.source, r.url, r.input_kind, r.score, r.label, r.problems, r.warnings, r.infos,
             (SELECT count(*)::integer FROM workbench_review v WHERE v.report_id = r.id) AS review_count
           FROM workbench_report r ${clause} ORDER BY r.created_at DESC, r.seq DESC LIMIT ${param(query.limit ?? 20)} OFFSET ${param(query.offset ?? 0)}`,
          params,
        );
        return { items: rows.rows.map(toSummary), total };
      });
    },
    async countReports() {
      return guard('counting reports', async () => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM workbench_report')).rows[0]!.n));
    },
    async saveReview(review) {
      await guard('saving a review', () =>
        pool.query(
          `INSERT INTO workbench_review (report_id, claim_key, claim, span_start, span_end, rating, note, reviewer, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (report_id, claim_key) DO UPDATE SET claim = excluded.claim, span_start = excluded.span_start,
             span_end = excluded.span_end, rating = excluded.rating, note = excluded.note, reviewer = excluded.reviewer,
             updated_at = excluded.updated_at`,
          [review.reportId, review.claimKey, review.claim, review.span?.start ?? null, review.span?.end ?? null, review.rating ?? null, review.note, review.reviewer ?? null, review.updatedAt],
        ),
      );
      return review;
    },
    async listReviews(reportId) {
      const r = await guard('reading reviews', () => pool.query<ReviewRow>('SELECT * FROM workbench_review WHERE report_id = $1 ORDER BY span_start NULLS FIRST, claim_key', [reportId]));
      return r.rows.map(toReview);
    },
    async createToken(name, now) {
      const { id, secret, token } = newToken();
      await guard('creating a token', () => pool.query('INSERT INTO workbench_token (id, name, secret_sha256, created_at) VALUES ($1, $2, $3, $4)', [id, name, sha256(secret), now]));
      return { token, info: { id, name, createdAt: now } };
    },
    async listTokens() {
      const r = await guard('listing tokens', () => pool.query<TokenRow>('SELECT * FROM workbench_token ORDER BY created_at, id'));
      return r.rows.map(toTokenInfo);
    },
    async revokeToken(id, now) {
      const r = await guard('revoking a token', () => pool.query('UPDATE workbench_token SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, id]));
      return (r.rowCount ?? 0) > 0;
    },
    async verifyToken(token, now) {
      const id = TOKEN_PATTERN.exec(token)?.[1];
      if (!id) return undefined;
      const r = await guard('checking a token', () => pool.query<TokenRow>('SELECT * FROM workbench_token WHERE id = $1', [id]));
      const row = r.rows[0];
      const { isValid, isUseRecorded } = checkToken(token, row, now);
      if (!isValid) return undefined;
      if (isUseRecorded) await guard('recording a token use', () => pool.query('UPDATE workbench_token SET last_used_at = $1 WHERE id = $2', [now, id]));
      return toTokenInfo({ ...row!, last_used_at: now });
    },
    async close() {
      await pool.end();
    },
  };
}
