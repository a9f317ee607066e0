/**
 * The workbench's own SQLite tables (better-sqlite3): checked reports with a full-text index for
 * search, reviewer verdicts per claim, and API tokens (only their SHA-256 hash is stored). Kept in
 * its own file, apart from the corpus store, so either can be reset without touching the other.
 * The same WorkbenchDb on PostgreSQL, shared by several servers, is in workbench-pg.ts; every
 * method is async so that both fit behind it (workbench.ts picks one by the `--workbench-db` value).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3';
import { FactlensError } from '../core/errors.js';
import type { Report, Severity, Span, VerdictLabel } from '../core/types.js';
import { type ReportDigest, type SerializedReport, serializeReport } from '../runtime/report-digest.js';
import { inlineReportWriter, type ReportWriter, threadReportWriter } from './report-writer.js';

/** Reports reach the workbench serialized by the analysis runtime (src/runtime/report-digest.ts). */
export { type ReportDigest, type SerializedReport, serializeReport };

/** Version of the workbench tables; a file written by a newer factlens is refused. */
export const WORKBENCH_SCHEMA_VERSION = 2;

/**
 * The report search index: contentless (the text is in report_json already) and detail=none (the
 * list search matches words and prefixes, never phrases, and orders by date, not rank): about a
 * fifth less work per stored report than a full index, and a smaller file.
 */
const REPORT_FTS = `CREATE VIRTUAL TABLE workbench_report_fts USING fts5 (title, body, source, content = '', contentless_delete = 1, detail = none, tokenize = 'porter unicode61 remove_diacritics 2')`;

/** Indexes the reports past the highest indexed rowid (all of them for an empty index). */
const INDEX_TAIL = `INSERT INTO workbench_report_fts (rowid, title, body, source)
  SELECT rowid, title, json_extract(report_json, '$.article.text'), coalesce(source, '') FROM workbench_report
  WHERE rowid > (SELECT coalesce(max(rowid), 0) FROM workbench_report_fts)`;

const MIGRATION_1 = [
  `CREATE TABLE workbench_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE workbench_report (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT, url TEXT, input_kind TEXT NOT NULL,
    score INTEGER NOT NULL, label TEXT NOT NULL,
    problems INTEGER NOT NULL, warnings INTEGER NOT NULL, infos INTEGER NOT NULL,
    report_json TEXT NOT NULL
  )`,
  'CREATE INDEX workbench_report_created ON workbench_report (created_at)',
  // replaced by REPORT_FTS in version 2
  `CREATE VIRTUAL TABLE workbench_report_fts USING fts5 (title, body, source, tokenize = 'porter unicode61 remove_diacritics 2')`,
  `CREATE TABLE workbench_review (
    report_id TEXT NOT NULL REFERENCES workbench_report (id) ON DELETE CASCADE,
    claim_key TEXT NOT NULL,
    claim TEXT NOT NULL,
    span_start INTEGER, span_end INTEGER,
    rating INTEGER, note TEXT NOT NULL, reviewer TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (report_id, claim_key)
  )`,
  `CREATE TABLE workbench_token (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    secret_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
  )`,
];

const MIGRATION_2 = ['DROP TABLE workbench_report_fts', REPORT_FTS, INDEX_TAIL];

/** A stored report's list entry: its digest without the text. */
export interface ReportSummary extends Omit<ReportDigest, 'text'> {
  id: string;
  createdAt: string;
  reviewCount: number;
}

/** A reviewer's verdict on one claim of a report. */
export interface ClaimReviewRecord {
  reportId: string;
  /** stable key of the claim within the report (e.g. `span-120-180` or a finding id) */
  claimKey: string;
  claim: string;
  span?: Span;
  /** 1 (false) … 5 (true); absent when only a note was written */
  rating?: number;
  note: string;
  reviewer?: string;
  updatedAt: string;
}

/** Filters for the report list. */
export interface ReportQuery {
  /** free-text query over title, body and source */
  q?: string;
  label?: VerdictLabel;
  minScore?: number;
  maxScore?: number;
  source?: string;
  /** only reports with at least one finding of this severity */
  severity?: Severity;
  /** only reports with (true) or without (false) reviews */
  isReviewed?: boolean;
  limit?: number;
  offset?: number;
}

/** An API token as listed (never with its secret). */
export interface TokenInfo {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

/** The workbench database: reports, reviews, tokens. */
export interface WorkbenchDb {
  /** where it is, for messages (a file path, or a PostgreSQL URL without its password) */
  readonly path: string;
  /**
   * Stores a report and its full-text row with the other saves of this turn of the event loop, in
   * one transaction (group commit); resolves once committed.
   */
  saveReportBatched(id: string, report: SerializedReport, createdAt: string): Promise<void>;
  getReport(id: string): Promise<{ id: string; createdAt: string; report: Report } | undefined>;
  /** the stored report as its JSON text, without parsing it */
  getReportJson(id: string): Promise<{ id: string; createdAt: string; json: string } | undefined>;
  listReports(query: ReportQuery): Promise<{ items: ReportSummary[]; total: number }>;
  countReports(): Promise<number>;
  saveReview(review: ClaimReviewRecord): Promise<ClaimReviewRecord>;
  listReviews(reportId: string): Promise<ClaimReviewRecord[]>;
  createToken(name: string, now: string): Promise<{ token: string; info: TokenInfo }>;
  listTokens(): Promise<TokenInfo[]>;
  revokeToken(id: string, now: string): Promise<boolean>;
  /** the token's info when it is valid and not revoked; records the use */
  verifyToken(token: string, now: string): Promise<TokenInfo | undefined>;
  close(): Promise<void>;
}

/** An API token: `flk_` + 12 hex characters of id + `_` + 43 base64url characters of secret. */
export const TOKEN_PATTERN = /^flk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** Hex SHA-256 of a token secret: all that is stored of it. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A new token: its id, its secret and the whole token string shown once to its owner. */
export function newToken(): { id: string; secret: string; token: string } {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `flk_${id}_${secret}` };
}

/**
 * Whether `token` matches a stored token row (compared in constant time) that is not revoked; and
 * whether its use should be written (at most once a minute: a busy client should not cost a write
 * per request).
 */
export function checkToken(token: string, row: TokenRow | undefined, now: string): { isValid: boolean; isUseRecorded: boolean } {
  const m = TOKEN_PATTERN.exec(token);
  if (!m || !row || row.id !== m[1] || row.revoked_at) return { isValid: false, isUseRecorded: false };
  const expected = Buffer.from(row.secret_sha256, 'hex');
  const actual = Buffer.from(sha256(m[2]!), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { isValid: false, isUseRecorded: false };
  const last = row.last_used_at ? Date.parse(row.last_used_at) : Number.NaN;
  return { isValid: true, isUseRecorded: !(Date.parse(now) - last < 60_000) };
}

/** Turns free text into an FTS5 query of quoted terms (all must match), or undefined when empty. */
export function ftsQuery(q: string): string | undefined {
  const terms = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 12);
  if (terms.length === 0) return undefined;
  return terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
}

function migrate(db: Database.Database, path: string): void {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'workbench_meta'").get();
  if (hasMeta) {
    const row = db.prepare("SELECT value FROM workbench_meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
    const version = Number(row?.value ?? 0);
    if (version > WORKBENCH_SCHEMA_VERSION) {
      throw new FactlensError('store-version', `${path} was written by a newer factlens (workbench schema ${version}): upgrade factlens.`);
    }
    if (version < 2) {
      db.transaction(() => {
        for (const sql of MIGRATION_2) db.exec(sql);
        db.prepare("UPDATE workbench_meta SET value = '2' WHERE key = 'schema_version'").run();
      })();
    }
    return;
  }
  db.transaction(() => {
    for (const sql of [...MIGRATION_1, ...MIGRATION_2]) db.exec(sql);
    db.prepare("INSERT INTO workbench_meta (key, value) VALUES ('schema_version', ?)").run(String(WORKBENCH_SCHEMA_VERSION));
  })();
}

/** A report list row, as both backends read it. */
export interface ReportRow {
  id: string;
  created_at: string;
  title: string;
  source: string | null;
  url: string | null;
  input_kind: string;
  score: number;
  label: VerdictLabel;
  problems: number;
  warnings: number;
  infos: number;
  review_count: number;
}

/** A review row. */
export interface ReviewRow {
  report_id: string;
  claim_key: string;
  claim: string;
  span_start: number | null;
  span_end: number | null;
  rating: number | null;
  note: string;
  reviewer: string | null;
  updated_at: string;
}

/** A token row. */
export interface TokenRow {
  id: string;
  name: string;
  secret_sha256: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/**
 * The list column's value for a report that was not judged (no score): the column predates
 * unscored reports and stays NOT NULL; the value never leaves this module (read back as null) and
 * falls below every --min-score filter.
 */
export const NOT_JUDGED_SCORE = -1;

/** A report row as a list entry. */
export function toSummary(r: ReportRow): ReportSummary {
  return {
    id: r.id,
    createdAt: r.created_at,
    title: r.title,
    ...(r.source ? { source: r.source } : {}),
    ...(r.url ? { url: r.url } : {}),
    inputKind: r.input_kind,
    score: r.label === 'not-judged' ? null : r.score,
    label: r.label,
    findings: { problem: r.problems, warning: r.warnings, info: r.infos },
    reviewCount: r.review_count,
  };
}

/** A review row as a review. */
export function toReview(r: ReviewRow): ClaimReviewRecord {
  return {
    reportId: r.report_id,
    claimKey: r.claim_key,
    claim: r.claim,
    ...(r.span_start !== null && r.span_end !== null ? { span: { start: r.span_start, end: r.span_end } } : {}),
    ...(r.rating !== null ? { rating: r.rating } : {}),
    note: r.note,
    ...(r.reviewer ? { reviewer: r.reviewer } : {}),
    updatedAt: r.updated_at,
  };
}

/** A token row as listed (without its hash). */
export function toTokenInfo(r: TokenRow): TokenInfo {
  return {
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    ...(r.last_used_at ? { lastUsedAt: r.last_used_at } : {}),
    ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
  };
}

/** Options for {@link openWorkbenchDb}. */
export interface WorkbenchDbOptions {
  /**
   * Write reports on a worker thread with its own connection (report-writer.ts), so that storing
   * and indexing them never holds up this thread; file databases only. Default false.
   */
  writerThread?: boolean;
}

/**
 * Opens (creating when needed) the workbench database at `path` (`:memory:` for tests).
 * @example const db = openWorkbenchDb('factlens-workbench.db')
 */
export function openWorkbenchDb(path: string, options: WorkbenchDbOptions = {}): WorkbenchDb {
  let db: Database.Database;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 2000');
    migrate(db, path);
    // Earlier versions indexed reports a moment after storing them, so a crash could leave the
    // newest without their full-text row: index such a tail.
    db.prepare(INDEX_TAIL).run();
  } catch (err) {
    if (err instanceof FactlensError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (/not a database|malformed/i.test(message)) {
      throw new FactlensError('store-corrupt', `${path} is not a usable SQLite database: move it aside or pick another file.`, { cause: err });
    }
    throw new FactlensError('store-failed', `Cannot open ${path}: ${message}.`, { cause: err });
  }

  const selectReport = db.prepare('SELECT id, created_at, report_json FROM workbench_report WHERE id = ?');
  const countAll = db.prepare('SELECT count(*) AS n FROM workbench_report');
  const upsertReview = db.prepare(`INSERT INTO workbench_review
    (report_id, claim_key, claim, span_start, span_end, rating, note, reviewer, updated_at)
    VALUES (@reportId, @claimKey, @claim, @spanStart, @spanEnd, @rating, @note, @reviewer, @updatedAt)
    ON CONFLICT (report_id, claim_key) DO UPDATE SET claim = excluded.claim, span_start = excluded.span_start,
      span_end = excluded.span_end, rating = excluded.rating, note = excluded.note, reviewer = excluded.reviewer,
      updated_at = excluded.updated_at`);
  const selectReviews = db.prepare('SELECT * FROM workbench_review WHERE report_id = ? ORDER BY span_start, claim_key');
  const insertToken = db.prepare('INSERT INTO workbench_token (id, name, secret_sha256, created_at) VALUES (?, ?, ?, ?)');
  const selectTokens = db.prepare('SELECT * FROM workbench_token ORDER BY created_at, id');
  const selectToken = db.prepare('SELECT * FROM workbench_token WHERE id = ?');
  const revoke = db.prepare('UPDATE workbench_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const touchToken = db.prepare('UPDATE workbench_token SET last_used_at = ? WHERE id = ?');

  // Reports are written by a writer of their own (on this thread or another); reads, reviews and
  // tokens use this connection.
  const writerReady: Promise<ReportWriter> =
    options.writerThread && path !== ':memory:' ? threadReportWriter(path) : Promise.resolve(inlineReportWriter(db, path));
  writerReady.catch(() => {}); // a writer that failed to start fails each save instead

  const readReportJson = (id: string): { id: string; createdAt: string; json: string } | undefined => {
    const row = selectReport.get(id) as { id: string; created_at: string; report_json: string } | undefined;
    return row ? { id: row.id, createdAt: row.created_at, json: row.report_json } : undefined;
  };

  return {
    path,
    async saveReportBatched(id, report, createdAt) {
      return (await writerReady).save({ id, report, createdAt });
    },
    async getReport(id) {
      const row = readReportJson(id);
      return row && { id: row.id, createdAt: row.createdAt, report: JSON.parse(row.json) as Report };
    },
    async getReportJson(id) {
      return readReportJson(id);
    },
    async listReports(query) {
      const where: string[] = [];
      const params: Record<string, string | number> = {};
      const fts = query.q ? ftsQuery(query.q) : undefined;
      if (fts) {
        where.push('r.rowid IN (SELECT rowid FROM workbench_report_fts WHERE workbench_report_fts MATCH @fts)');
        params.fts = fts;
      }
      if (query.label) {
        where.push('r.label = @label');
        params.label = query.label;
      }
      if (query.minScore !== undefined) {
        where.push('r.score >= @minScore');
        params.minScore = query.minScore;
      }
      if (query.maxScore !== undefined) {
        where.push('r.score <= @maxScore');
        params.maxScore = query.maxScore;
      }
      if (query.source) {
        where.push('r.source = @source');
        params.source = query.source;
      }
      if (query.severity) where.push(`r.${{ problem: 'problems', warning: 'warnings', info: 'infos' }[query.severity]} > 0`);
      if (query.isReviewed !== undefined) {
        where.push(`${query.isReviewed ? '' : 'NOT '}EXISTS (SELECT 1 FROM workbench_review v WHERE v.report_id = r.id)`);
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT count(*) AS n FROM workbench_report r ${clause}`).get(params) as { n: number }).n;
      const rows = db
        .prepare(
          `SELECT r.id, r.created_at, r.title, r.source, r.url, r.input_kind, r.score, r.label, r.problems, r.warnings, r.infos,
            (SELECT count(*) FROM workbench_review v WHERE v.report_id = r.id) AS review_count
           FROM workbench_report r ${clause} ORDER BY r.created_at DESC, r.rowid DESC LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit: query.limit ?? 20, offset: query.offset ?? 0 }) as ReportRow[];
      return { items: rows.map(toSummary), total };
    },
    async countReports() {
      return (countAll.get() as { n: number }).n;
    },
    async saveReview(review) {
      upsertReview.run({
        reportId: review.reportId,
        claimKey: review.claimKey,
        claim: review.claim,
        spanStart: review.span?.start ?? null,
        spanEnd: review.span?.end ?? null,
        rating: review.rating ?? null,
        note: review.note,
        reviewer: review.reviewer ?? null,
        updatedAt: review.updatedAt,
      });
      return review;
    },
    async listReviews(reportId) {
      return (selectReviews.all(reportId) as ReviewRow[]).map(toReview);
    },
    async createToken(name, now) {
      const { id, secret, token } = newToken();
      insertToken.run(id, name, sha256(secret), now);
      return { token, info: { id, name, createdAt: now } };
    },
    async listTokens() {
      return (selectTokens.all() as TokenRow[]).map(toTokenInfo);
    },
    async revokeToken(id, now) {
      return revoke.run(now, id).changes > 0;
    },
    async verifyToken(token, now) {
      const row = selectToken.get(TOKEN_PATTERN.exec(token)?.[1] ?? '') as TokenRow | undefined;
      const { isValid, isUseRecorded } = checkToken(token, row, now);
      if (!isValid) return undefined;
      if (isUseRecorded) touchToken.run(now, row!.id);
      return toTokenInfo({ ...row!, last_used_at: now });
    },
    async close() {
      void writerReady.then((w) => w.close(), () => {});
      db.close();
    },
  };
}
