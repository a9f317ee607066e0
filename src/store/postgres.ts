/**
 * The server-backed corpus store: the same CorpusStore as sqlite.ts on PostgreSQL (the `pg`
 * driver), for a corpus shared by several machines or larger than one disk. Passages and
 * fact-check claims carry a stored tsvector with a GIN index; a search keeps the rarest query
 * terms (lookup.ts, as the SQLite store does), matches them through the index and ranks the rows
 * with BM25 computed from the vectors and the per-term row counts the writes keep (k1 = 1.2,
 * b = 0.75, the FTS5 defaults, so scores sit on the SQLite store's scale). Text reuse goes through
 * a B-tree of winnowed shingle fingerprints, verified on all shingles in this process. Every write
 * call is one transaction; failures become FactlensErrors (pg.ts).
 */
import type pg from 'pg';
import { FactlensError } from '../core/errors.js';
import { hostChain, urlKey } from '../text/domain.js';
import { queryWords } from '../text/query-words.js';
import { fingerprintHashes, SHINGLE_WORDS, shingleText, WINNOW_WINDOW } from '../text/shingles.js';
import { chooseQueryTerms, factCheckFrom, MAX_POSTINGS, type Row, reuseCandidates, str, summaryFrom, verifyReuse } from './lookup.js';
import { createPgPool, inTransaction, parsePostgresUrl, type PgTarget, pgError } from './pg.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION, TS_CONFIG } from './postgres-schema.js';
import { type PreparedDocuments, prepareScreened, screenBatch } from './prepare.js';
import { checkDocument, checkFactCheck, checkSourceRating, type NormalizedDocument, type NormalizedFactCheck } from './records.js';
import type {
  AddResult,
  CorpusStats,
  CorpusStore,
  DocumentRecord,
  FactCheckHit,
  FactCheckRecord,
  PassageHit,
  PassageSearchOptions,
  ReuseMatch,
  ReuseOptions,
  SourceLabel,
  SourceRatingRecord,
  StoredDocument,
  StoredFactCheck,
} from './types.js';

export interface PostgresStoreOptions {
  /** sessions refuse every write (analysis); default false */
  readonly?: boolean;
  /** create the schema and its tables when they do not exist (init, import); default false */
  create?: boolean;
  /** most connections this handle opens at once (default 4) */
  maxConnections?: number;
}

/** BM25 parameters, the FTS5 defaults. */
const BM25_K1 = 1.2;
const BM25_B = 0.75;
/** Entries kept in each per-handle lookup cache before it is emptied. */
const CACHE_ENTRIES = 200_000;
/** Term counts and row totals read by this handle are trusted this long (other writers may add rows). */
const COUNTS_TTL_MS = 60_000;
/**
 * Characters of a passage that go into its search vector: a tsvector holds at most 1 MiB, and a
 * passage is paragraph-sized (passages.ts) unless a text has no sentence ends at all.
 */
const MAX_INDEXED_CHARS = 100_000;
/** Rows written per INSERT (arrays of this many elements per parameter). */
const ROWS_PER_INSERT = 5000;
const FINGERPRINTS_PER_INSERT = 50_000;

const FACT_CHECK_COLUMNS = 'id, ext_id, claim, claimant, claim_date, rating, verdict, reviewer, review_date, url, item_url, collection';

/** Words in a text as the search counts them (letter and digit runs), for BM25 length. */
function wordCount(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(/[\p{L}\p{N}]+/gu)) n++;
  return n;
}

/** A tsquery of the given lexemes, any of which may match. */
function anyOf(lexemes: readonly string[]): string {
  return lexemes.map((l) => `'${l.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');
}

/** FTS5's idf: ln((N − n + 0.5) / (n + 0.5)), floored at 1e-6 for terms in most rows. */
function idf(rows: number, df: number): number {
  return Math.max(1e-6, Math.log((rows - df + 0.5) / (df + 0.5)));
}

/**
 * BM25 over the rows of `table` matching any of the lexemes $1 (idf weights $2; $3 = the table's
 * average length in words; $4 = the tsquery of the lexemes), best first.
 */
function rankedMatches(table: 'passage', columns: string, filter: string, limitParam: string): string {
  return `SELECT ${columns.split(', ').map((c) => `m.${c}`).join(', ')},
      (SELECT sum(q.idf * (coalesce(array_length(u.positions, 1), 1) * ${BM25_K1 + 1})
                / (coalesce(array_length(u.positions, 1), 1) + ${BM25_K1} * (${1 - BM25_B} + ${BM25_B} * m.words / $3::float8)))
       FROM unnest(m.tsv) u JOIN unnest($1::text[], $2::float8[]) AS q (lexeme, idf) ON q.lexeme = u.lexeme) AS score
    FROM (SELECT ${columns}, tsv, words FROM ${table} WHERE tsv @@ $4::tsquery ${filter}) m
    ORDER BY score DESC, m.id LIMIT ${limitParam}`;
}

async function checkSchema(pool: pg.Pool, target: PgTarget, options: PostgresStoreOptions): Promise<number> {
  const where = target.location;
  const found = await pool.query<{ version_table: string | null; document_table: string | null }>(
    "SELECT to_regclass('corpus_schema_version')::text AS version_table, to_regclass('document')::text AS document_table",
  );
  const { version_table: versionTable, document_table: documentTable } = found.rows[0]!;
  if (!versionTable) {
    if (documentTable) throw new FactlensError('store-corrupt', `${where} holds a "document" table but no factlens corpus: pick another database or schema (?schema=NAME).`);
    if (!options.create || options.readonly) {
      throw new FactlensError('not-found', `${where} holds no corpus yet: run factlens corpus init --db ${where} first.`);
    }
  }
  const current = versionTable ? await schemaVersion(pool) : 0;
  if (current > PG_SCHEMA_VERSION) {
    throw new FactlensError(
      'store-version',
      `${where} was written by a newer factlens (schema ${current}; this one reads up to ${PG_SCHEMA_VERSION}): upgrade factlens or pick another --db.`,
    );
  }
  if (current < PG_SCHEMA_VERSION) {
    if (options.readonly || !options.create) {
      throw new FactlensError('store-version', `${where} uses an older schema (${current}): run factlens corpus init --db ${where} to upgrade it.`);
    }
    for (const m of PG_MIGRATIONS.filter((x) => x.version > current)) {
      await inTransaction(pool, async (c) => {
        // one process migrates; the others wait here, then find the version applied
        await c.query("SELECT pg_advisory_xact_lock(hashtext('factlens-corpus:' || $1))", [target.schema ?? '']);
        if (target.schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${target.schema}`);
        await c.query('CREATE TABLE IF NOT EXISTS corpus_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)');
        const now = Number((await c.query<{ v: number | null }>('SELECT max(version) AS v FROM corpus_schema_version')).rows[0]!.v ?? 0);
        if (now >= m.version) return;
        for (const s of m.statements) await c.query(s);
        await c.query('INSERT INTO corpus_schema_version (version, applied_at) VALUES ($1, now())', [m.version]);
      });
    }
  }
  const meta = new Map((await pool.query<{ key: string; value: string }>('SELECT key, value FROM corpus_meta')).rows.map((r) => [r.key, r.value]));
  if (meta.get('shingle_words') !== String(SHINGLE_WORDS) || meta.get('winnow_window') !== String(WINNOW_WINDOW)) {
    throw new FactlensError(
      'store-version',
      `${where} was fingerprinted with other settings (k=${meta.get('shingle_words')}, w=${meta.get('winnow_window')}): rebuild it with this factlens.`,
    );
  }
  return Math.max(current, PG_SCHEMA_VERSION);
}

async function schemaVersion(pool: pg.Pool | pg.PoolClient): Promise<number> {
  return Number((await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM corpus_schema_version')).rows[0]!.v ?? 0);
}

/**
 * Opens (and with `create`, creates and migrates) a PostgreSQL corpus store; resolves once the
 * schema is checked.
 * @example const store = await openPostgresStore('postgres://postgres@127.0.0.1:5432/test?schema=corpus', { readonly: true })
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<CorpusStore> {
  const target = parsePostgresUrl(url);
  const pool = createPgPool(target, { readonly: options.readonly, max: options.maxConnections });
  try {
    await checkSchema(pool, target, options);
  } catch (err) {
    await pool.end().catch(() => {
      /* the open error is the one to report */
    });
    throw pgError(err, target.location, 'opening it');
  }
  return createPostgresStore(pool, target);
}

function createPostgresStore(pool: pg.Pool, target: PgTarget): CorpusStore {
  const location = target.location;
  const guard = async <T>(doing: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw pgError(err, location, doing);
    }
  };
  /**
   * A lookup on the hot path as a named prepared statement: each connection parses and plans it
   * once (none of these has parameters that would want a plan of their own).
   */
  const read = <R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<pg.QueryResult<R>> => pool.query<R>({ name, text, values });

  // word → lexeme, and per table lexeme → rows and the table's totals, remembered per handle
  const stems = new Map<string, string | null>();
  const termRows = { passage: new Map<string, number>(), fact_check: new Map<string, number>() };
  const totals: Record<'passage' | 'fact_check', { rows: number; words: number; at: number } | undefined> = { passage: undefined, fact_check: undefined };
  const forgetCounts = (kind: 'passage' | 'fact_check'): void => {
    termRows[kind].clear();
    totals[kind] = undefined;
  };

  /** The rarest useful lexemes of a query with their BM25 weights, and the table's average length. */
  const queryTerms = async (query: string, kind: 'passage' | 'fact_check'): Promise<{ lexemes: string[]; weights: number[]; averageWords: number } | undefined> => {
    const words = queryWords(query);
    if (words.length === 0) return undefined;
    if (stems.size > CACHE_ENTRIES) stems.clear();
    const cached = totals[kind];
    if (!cached || Date.now() - cached.at > COUNTS_TTL_MS) {
      forgetCounts(kind);
      const r = await read<{ rows: string; words: string }>('factlens-totals', 'SELECT rows, words FROM corpus_count WHERE kind = $1', [kind]);
      totals[kind] = { rows: Number(r.rows[0]?.rows ?? 0), words: Number(r.rows[0]?.words ?? 0), at: Date.now() };
    }
    const { rows, words: totalWords } = totals[kind]!;
    const counts = termRows[kind];
    if (counts.size > CACHE_ENTRIES) counts.clear();
    // new words: their lexemes and row counts in one round trip
    const unknown = [...new Set(words.filter((w) => !stems.has(w)))];
    if (unknown.length > 0) {
      const r = await read<{ w: string; lexeme: string | null; rows: string | null }>(
        `factlens-words-${kind}`,
        `SELECT w, l.lexeme, t.rows FROM unnest($1::text[]) AS w
         LEFT JOIN LATERAL (SELECT lexeme FROM unnest(to_tsvector('${TS_CONFIG}', w)) LIMIT 1) l ON true
         LEFT JOIN ${kind}_term t ON t.lexeme = l.lexeme`,
        [unknown],
      );
      for (const row of r.rows) {
        stems.set(row.w, row.lexeme);
        if (row.lexeme) counts.set(row.lexeme, Number(row.rows ?? 0));
      }
    }
    const lexemes = [...new Set(words.map((w) => stems.get(w)).filter((l): l is string => Boolean(l)))];
    const missing = lexemes.filter((l) => !counts.has(l));
    if (missing.length > 0) {
      const r = await read<{ lexeme: string; rows: string }>(`factlens-terms-${kind}`, `SELECT lexeme, rows FROM ${kind}_term WHERE lexeme = ANY ($1::text[])`, [missing]);
      for (const l of missing) counts.set(l, 0);
      for (const row of r.rows) counts.set(row.lexeme, Number(row.rows));
    }
    const scored = lexemes.map((lexeme) => ({ lexeme, df: counts.get(lexeme) ?? 0 })).filter((s) => s.df > 0);
    if (scored.length === 0) return undefined;
    const chosen = chooseQueryTerms(scored, rows);
    return {
      lexemes: chosen.map((c) => c.lexeme),
      weights: chosen.map((c) => idf(rows, c.df)),
      averageWords: rows > 0 ? Math.max(1, totalWords / rows) : 1,
    };
  };

  /** Adds the lexeme row counts and totals of rows just written (inside the write's transaction). */
  const countTerms = async (c: pg.PoolClient, kind: 'passage' | 'fact_check', ids: string[], words: number): Promise<void> => {
    if (ids.length === 0) return;
    // sorted, so concurrent writers take the term rows' locks in the same order
    await c.query(
      `INSERT INTO ${kind}_term (lexeme, rows)
       SELECT u.lexeme, count(*) FROM ${kind} x CROSS JOIN LATERAL unnest(x.tsv) u WHERE x.id = ANY ($1::bigint[]) GROUP BY u.lexeme ORDER BY u.lexeme
       ON CONFLICT (lexeme) DO UPDATE SET rows = ${kind}_term.rows + excluded.rows`,
      [ids],
    );
    await c.query('UPDATE corpus_count SET rows = rows + $2, words = words + $3 WHERE kind = $1', [kind, ids.length, words]);
    if (kind === 'fact_check') {
      await c.query(
        `INSERT INTO fact_check_posting (lexeme, fact_check_id, tf, words)
         SELECT u.lexeme, x.id, least(coalesce(array_length(u.positions, 1), 1), 32767), x.words
         FROM fact_check x CROSS JOIN LATERAL unnest(x.tsv) u WHERE x.id = ANY ($1::bigint[]) ORDER BY 1, 2`,
        [ids],
      );
    }
  };

  /** Stored ids among `ids` with their content hashes. */
  const storedHashes = async (c: pg.PoolClient, table: 'document' | 'fact_check', ids: string[]): Promise<Map<string, string>> => {
    const r = await c.query<{ ext_id: string; content_hash: string }>(`SELECT ext_id, content_hash FROM ${table} WHERE ext_id = ANY ($1::text[])`, [ids]);
    return new Map(r.rows.map((x) => [x.ext_id, x.content_hash]));
  };

  /** Counts an id already stored as unchanged (same content) or rejected (other content). */
  const settle = (result: AddResult, index: number, id: string, hash: string, stored: string): void => {
    if (stored === hash) result.unchanged++;
    else result.rejected.push({ index, message: `duplicate id "${id}" with different content` });
  };

  const writeDocuments = async (batch: PreparedDocuments): Promise<AddResult> => {
    const result = batch.result;
    const committed: AddResult = { added: 0, unchanged: 0, rejected: [] };
    if (batch.documents.length > 0) {
      await guard('adding documents', () =>
        inTransaction(pool, async (c) => {
          const { documents, passageCounts, passageSpans } = batch;
          const stored = await storedHashes(c, 'document', documents.map((d) => d.id));
          const fresh: number[] = [];
          documents.forEach((d, i) => {
            const hash = stored.get(d.id);
            if (hash === undefined) fresh.push(i);
            else settle(committed, batch.indexes[i]!, d.id, d.contentHash, hash);
          });
          // the database id of each prepared document written by this call
          const docIds = new Map<number, string>();
          for (let from = 0; from < fresh.length; from += ROWS_PER_INSERT) {
            const part = fresh.slice(from, from + ROWS_PER_INSERT).map((i) => documents[i]!);
            const cols = (f: (d: NormalizedDocument) => string | number | undefined): (string | number | null)[] => part.map((d) => f(d) ?? null);
            const r = await c.query<{ id: string; ext_id: string }>(
              `INSERT INTO document (ext_id, content_hash, title, url, url_key, source, published_at, label, collection, text, shingle_count)
               SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::integer[])
               ON CONFLICT (ext_id) DO NOTHING RETURNING id, ext_id`,
              [
                cols((d) => d.id),
                cols((d) => d.contentHash),
                cols((d) => d.title),
                cols((d) => d.url),
                cols((d) => d.urlKey),
                cols((d) => d.source),
                cols((d) => d.publishedAt),
                cols((d) => d.label),
                cols((d) => d.collection),
                cols((d) => d.text),
                fresh.slice(from, from + ROWS_PER_INSERT).map((i) => batch.shingleCounts[i]!),
              ],
            );
            const byExt = new Map(r.rows.map((x) => [x.ext_id, x.id]));
            const raced: number[] = [];
            for (const i of fresh.slice(from, from + ROWS_PER_INSERT)) {
              const id = byExt.get(documents[i]!.id);
              if (id) docIds.set(i, id);
              else raced.push(i);
            }
            // written by another process since the check above: settled like any stored id
            if (raced.length > 0) {
              const now = await storedHashes(c, 'document', raced.map((i) => documents[i]!.id));
              for (const i of raced) settle(committed, batch.indexes[i]!, documents[i]!.id, documents[i]!.contentHash, now.get(documents[i]!.id) ?? '');
            }
          }
          committed.added += docIds.size;
          // passages, in document order
          const spanAt: number[] = [];
          let span = 0;
          for (let i = 0; i < documents.length; i++) {
            spanAt.push(span);
            span += 2 * passageCounts[i]!;
          }
          const rows = { doc: [] as string[], idx: [] as number[], start: [] as number[], end: [] as number[], date: [] as (string | null)[], source: [] as (string | null)[], words: [] as number[], text: [] as string[] };
          let totalWords = 0;
          const passageIds: string[] = [];
          const flush = async (): Promise<void> => {
            if (rows.doc.length === 0) return;
            const r = await c.query<{ id: string }>(
              `INSERT INTO passage (document_id, idx, start, "end", published_at, source, words, tsv)
               SELECT d, i, s, e, p, src, w, to_tsvector('${TS_CONFIG}', t)
               FROM unnest($1::bigint[], $2::integer[], $3::integer[], $4::integer[], $5::text[], $6::text[], $7::integer[], $8::text[]) AS u (d, i, s, e, p, src, w, t)
               RETURNING id`,
              [rows.doc, rows.idx, rows.start, rows.end, rows.date, rows.source, rows.words, rows.text],
            );
            for (const x of r.rows) passageIds.push(x.id);
            for (const list of Object.values(rows)) list.length = 0;
          };
          for (const [i, docId] of docIds) {
            const d = documents[i]!;
            for (let idx = 0; idx < passageCounts[i]!; idx++) {
              const start = passageSpans[spanAt[i]! + 2 * idx]!;
              const end = passageSpans[spanAt[i]! + 2 * idx + 1]!;
              const text = d.text.slice(start, end);
              const words = wordCount(text);
              totalWords += words;
              rows.doc.push(docId);
              rows.idx.push(idx);
              rows.start.push(start);
              rows.end.push(end);
              rows.date.push(d.publishedAt ?? null);
              rows.source.push(d.source ?? null);
              rows.words.push(words);
              rows.text.push(text.length > MAX_INDEXED_CHARS ? text.slice(0, MAX_INDEXED_CHARS) : text);
              if (rows.doc.length >= ROWS_PER_INSERT) await flush();
            }
          }
          await flush();
          await countTerms(c, 'passage', passageIds, totalWords);
          // fingerprints of the written documents, in the batch's hash order
          const { fingerprints, fingerprintDocuments } = batch;
          const hashes: number[] = [];
          const owners: string[] = [];
          for (let f = 0; f < fingerprints.length; f++) {
            const docId = docIds.get(fingerprintDocuments[f]!);
            if (docId === undefined) continue;
            hashes.push(fingerprints[f]!);
            owners.push(docId);
            if (hashes.length >= FINGERPRINTS_PER_INSERT) {
              await c.query('INSERT INTO fingerprint (hash, document_id) SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING', [hashes, owners]);
              hashes.length = 0;
              owners.length = 0;
            }
          }
          if (hashes.length > 0) await c.query('INSERT INTO fingerprint (hash, document_id) SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING', [hashes, owners]);
        }),
      );
      forgetCounts('passage');
    }
    result.added += committed.added;
    result.unchanged += committed.unchanged;
    result.rejected.push(...committed.rejected);
    result.rejected.sort((a, b) => a.index - b.index);
    return result;
  };

  const writeFactChecks = async (facts: NormalizedFactCheck[], indexes: number[], result: AddResult): Promise<AddResult> => {
    if (facts.length === 0) return result;
    const committed: AddResult = { added: 0, unchanged: 0, rejected: [] };
    await guard('adding fact-checks', () =>
      inTransaction(pool, async (c) => {
        const stored = await storedHashes(c, 'fact_check', facts.map((f) => f.id));
        const fresh = facts.map((f, i) => ({ f, index: indexes[i]! })).filter(({ f, index }) => {
          const hash = stored.get(f.id);
          if (hash !== undefined) settle(committed, index, f.id, f.contentHash, hash);
          return hash === undefined;
        });
        const ids: string[] = [];
        let words = 0;
        for (let from = 0; from < fresh.length; from += ROWS_PER_INSERT) {
          const part = fresh.slice(from, from + ROWS_PER_INSERT);
          const cols = (fn: (f: NormalizedFactCheck) => string | number | undefined): (string | number | null)[] => part.map(({ f }) => fn(f) ?? null);
          const claimWords = part.map(({ f }) => (f.claim ? wordCount(f.claim) : 0));
          const r = await c.query<{ id: string; ext_id: string }>(
            `INSERT INTO fact_check (ext_id, content_hash, claim, claimant, claim_date, rating, verdict, reviewer, review_date, url, item_url, item_url_key, collection, words, tsv)
             SELECT e, h, cl, who, cd, ra, v, rv, rd, u, iu, ik, co, w, CASE WHEN cl IS NULL THEN NULL ELSE to_tsvector('${TS_CONFIG}', cl) END
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::integer[])
               AS x (e, h, cl, who, cd, ra, v, rv, rd, u, iu, ik, co, w)
             ON CONFLICT (ext_id) DO NOTHING RETURNING id, ext_id`,
            [
              cols((f) => f.id),
              cols((f) => f.contentHash),
              cols((f) => f.claim),
              cols((f) => f.claimant),
              cols((f) => f.claimDate),
              cols((f) => f.rating),
              cols((f) => f.verdict),
              cols((f) => f.reviewer),
              cols((f) => f.reviewDate),
              cols((f) => f.url),
              cols((f) => f.itemUrl),
              cols((f) => f.itemUrlKey),
              cols((f) => f.collection),
              claimWords,
            ],
          );
          const written = new Set(r.rows.map((x) => x.ext_id));
          for (const x of r.rows) ids.push(x.id);
          const raced = part.filter(({ f }) => !written.has(f.id));
          if (raced.length > 0) {
            const now = await storedHashes(c, 'fact_check', raced.map(({ f }) => f.id));
            for (const { f, index } of raced) settle(committed, index, f.id, f.contentHash, now.get(f.id) ?? '');
          }
          part.forEach(({ f }, k) => {
            if (written.has(f.id)) words += claimWords[k]!;
          });
          committed.added += written.size;
        }
        // rows without a claim have no vector: unnest of NULL gives no terms, and they are not counted
        const r = await c.query<{ id: string }>('SELECT id FROM fact_check WHERE id = ANY ($1::bigint[]) AND tsv IS NOT NULL', [ids]);
        await countTerms(c, 'fact_check', r.rows.map((x) => x.id), words);
      }),
    );
    forgetCounts('fact_check');
    result.added += committed.added;
    result.unchanged += committed.unchanged;
    result.rejected.push(...committed.rejected);
    result.rejected.sort((a, b) => a.index - b.index);
    return result;
  };

  const documentsById = async (ids: readonly number[]): Promise<Map<number, Row>> => {
    if (ids.length === 0) return new Map();
    const r = await read<Row>('factlens-documents', 'SELECT * FROM document WHERE id = ANY ($1::bigint[])', [ids]);
    return new Map(r.rows.map((row) => [Number(row.id), row]));
  };

  return {
    location: target.location,

    async addDocuments(records: readonly DocumentRecord[]): Promise<AddResult> {
      const screened = screenBatch(records, checkDocument);
      // documents already stored are settled before the costly splitting and fingerprinting; the
      // write checks again inside its transaction
      const stored = await guard('reading documents', async () => {
        if (screened.values.length === 0) return new Map<string, string>();
        const r = await pool.query<{ ext_id: string; content_hash: string }>('SELECT ext_id, content_hash FROM document WHERE ext_id = ANY ($1::text[])', [
          screened.values.map((d) => d.id),
        ]);
        return new Map(r.rows.map((x) => [x.ext_id, x.content_hash]));
      });
      const values: NormalizedDocument[] = [];
      const indexes: number[] = [];
      screened.values.forEach((d, i) => {
        const hash = stored.get(d.id);
        if (hash === undefined) {
          values.push(d);
          indexes.push(screened.indexes[i]!);
        } else settle(screened.result, screened.indexes[i]!, d.id, d.contentHash, hash);
      });
      return writeDocuments(prepareScreened({ values, indexes, result: screened.result }));
    },

    async addPreparedDocuments(batch: PreparedDocuments): Promise<AddResult> {
      return writeDocuments(batch);
    },

    async addFactChecks(records: readonly FactCheckRecord[]): Promise<AddResult> {
      const { values, indexes, result } = screenBatch(records, checkFactCheck);
      return writeFactChecks(values, indexes, result);
    },

    async addSourceRatings(records: readonly SourceRatingRecord[]): Promise<AddResult> {
      const result: AddResult = { added: 0, unchanged: 0, rejected: [] };
      const ratings: SourceRatingRecord[] = [];
      records.forEach((r, index) => {
        const c = checkSourceRating(r);
        if (c.ok) ratings.push(c.value);
        else result.rejected.push({ index, message: c.message });
      });
      if (ratings.length === 0) return result;
      const added = await guard('adding source ratings', () =>
        inTransaction(pool, async (c) => {
          let n = 0;
          for (let from = 0; from < ratings.length; from += ROWS_PER_INSERT) {
            const part = ratings.slice(from, from + ROWS_PER_INSERT);
            const r = await c.query(
              `INSERT INTO source_rating (domain, label, raw_label, list, note)
               SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT (domain, list, label) DO NOTHING`,
              [part.map((x) => x.domain), part.map((x) => x.label), part.map((x) => x.rawLabel), part.map((x) => x.list), part.map((x) => x.note ?? null)],
            );
            n += r.rowCount ?? 0;
          }
          return n;
        }),
      );
      result.added = added;
      result.unchanged = ratings.length - added;
      return result;
    },

    async getDocument(id: string): Promise<StoredDocument | undefined> {
      const r = await guard('reading a document', () => read<Row>('factlens-document', 'SELECT * FROM document WHERE ext_id = $1', [id]));
      const row = r.rows[0];
      return row ? { ...summaryFrom(row), text: String(row.text) } : undefined;
    },

    async sourceRatings(host: string): Promise<SourceRatingRecord[]> {
      const chain = hostChain(host);
      if (chain.length === 0) return [];
      const r = await guard('reading source ratings', () =>
        read<Row>('factlens-ratings', 'SELECT domain, label, raw_label, list, note FROM source_rating WHERE domain = ANY ($1::text[]) ORDER BY list, label', [chain]),
      );
      // the exact host first, then each parent domain: the first one any list rates
      for (const key of chain) {
        const rows = r.rows.filter((x) => x.domain === key);
        if (rows.length > 0) {
          return rows.map((x) => ({ domain: String(x.domain), label: String(x.label) as SourceLabel, rawLabel: String(x.raw_label), list: String(x.list), note: str(x.note) }));
        }
      }
      return [];
    },

    async searchPassages(query: string, options: PassageSearchOptions = {}): Promise<PassageHit[]> {
      return guard('searching passages', async () => {
        const terms = await queryTerms(query, 'passage');
        if (!terms) return [];
        const r = await pool.query<Row>(
          rankedMatches(
            'passage',
            'id, document_id, idx, start, "end"',
            `AND ($5::text IS NULL OR published_at IS NULL OR published_at >= $5)
             AND ($6::text IS NULL OR published_at IS NULL OR published_at <= $6)
             AND (source IS NULL OR NOT (source = ANY ($7::text[])))`,
            '$8',
          ),
          [terms.lexemes, terms.weights, terms.averageWords, anyOf(terms.lexemes), options.publishedFrom ?? null, options.publishedTo ?? null, options.excludeSources ?? [], options.limit ?? 10],
        );
        const docs = await documentsById([...new Set(r.rows.map((x) => Number(x.document_id)))]);
        return r.rows.map((x) => {
          const doc = docs.get(Number(x.document_id))!;
          const span = { start: Number(x.start), end: Number(x.end) };
          return { document: summaryFrom(doc), index: Number(x.idx), text: String(doc.text).slice(span.start, span.end), span, score: Number(x.score) };
        });
      });
    },

    async searchFactChecks(query: string, options: { limit?: number } = {}): Promise<FactCheckHit[]> {
      return guard('searching fact-checks', async () => {
        const terms = await queryTerms(query, 'fact_check');
        if (!terms) return [];
        // BM25 summed over the postings of the chosen terms (an index-only scan), then the best rows read
        const r = await read<Row>(
          'factlens-search-fact-checks',
          `SELECT ${FACT_CHECK_COLUMNS.split(', ').map((c) => `f.${c}`).join(', ')}, s.score
           FROM (SELECT p.fact_check_id AS id,
                   sum(q.idf * (p.tf * ${BM25_K1 + 1}) / (p.tf + ${BM25_K1} * (${1 - BM25_B} + ${BM25_B} * p.words / $3::float8))) AS score
                 FROM unnest($1::text[], $2::float8[]) AS q (lexeme, idf) JOIN fact_check_posting p ON p.lexeme = q.lexeme
                 GROUP BY p.fact_check_id ORDER BY score DESC, p.fact_check_id LIMIT $4) s
           JOIN fact_check f ON f.id = s.id ORDER BY s.score DESC, s.id`,
          [terms.lexemes, terms.weights, terms.averageWords, options.limit ?? 20],
        );
        return r.rows.map((x) => ({ factCheck: factCheckFrom(x), score: Number(x.score) }));
      });
    },

    async factChecksForUrl(url: string): Promise<StoredFactCheck[]> {
      const key = urlKey(url);
      if (!key) return [];
      const r = await guard('reading fact-checks', () => read<Row>('factlens-fact-checks-for-url', `SELECT ${FACT_CHECK_COLUMNS} FROM fact_check WHERE item_url_key = $1 ORDER BY id`, [key]));
      return r.rows.map(factCheckFrom);
    },

    async findReuse(text: string, options: ReuseOptions = {}): Promise<ReuseMatch[]> {
      const limit = options.limit ?? 10;
      const minShare = options.minShare ?? 0;
      return guard('looking up shared text', async () => {
        const query = shingleText(text);
        const hashes = [...new Set(fingerprintHashes(query))];
        if (hashes.length === 0) return [];
        // at most MAX_POSTINGS + 1 documents per fingerprint: more marks boilerplate, whatever the count
        const r = await read<{ hash: string; document_id: string }>(
          'factlens-postings',
          `SELECT h.hash, f.document_id FROM unnest($1::bigint[]) AS h (hash)
           CROSS JOIN LATERAL (SELECT document_id FROM fingerprint WHERE hash = h.hash LIMIT ${MAX_POSTINGS + 1}) f`,
          [hashes],
        );
        const postings = new Map<string, number[]>();
        for (const row of r.rows) {
          let list = postings.get(row.hash);
          if (!list) postings.set(row.hash, (list = []));
          list.push(Number(row.document_id));
        }
        const candidates = reuseCandidates(postings.values(), limit);
        const docs = await documentsById(candidates);
        return verifyReuse(query, candidates.map((id) => docs.get(id)!).filter(Boolean), { limit, minShare });
      });
    },

    async stats(): Promise<CorpusStats> {
      return guard('counting', async () => {
        const one = async (sql: string): Promise<number> => Number((await pool.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
        const lists = await pool.query<{ list: string; domains: string }>('SELECT list, count(DISTINCT domain) AS domains FROM source_rating GROUP BY list ORDER BY list');
        const docCollections = await pool.query<{ c: string; n: string }>("SELECT coalesce(collection, '') AS c, count(*) AS n FROM document GROUP BY 1");
        const factCollections = await pool.query<{ c: string; n: string }>("SELECT coalesce(collection, '') AS c, count(*) AS n FROM fact_check GROUP BY 1");
        const collections = new Map<string, { collection: string; documents: number; factChecks: number }>();
        for (const r of docCollections.rows) collections.set(r.c, { collection: r.c, documents: Number(r.n), factChecks: 0 });
        for (const r of factCollections.rows) {
          const c = collections.get(r.c) ?? { collection: r.c, documents: 0, factChecks: 0 };
          c.factChecks = Number(r.n);
          collections.set(r.c, c);
        }
        return {
          documents: await one('SELECT count(*) AS n FROM document'),
          passages: await one('SELECT count(*) AS n FROM passage'),
          factChecks: await one('SELECT count(*) AS n FROM fact_check'),
          sourceRatings: await one('SELECT count(*) AS n FROM source_rating'),
          sourceDomains: await one('SELECT count(DISTINCT domain) AS n FROM source_rating'),
          lists: lists.rows.map((r) => ({ list: r.list, domains: Number(r.domains) })),
          collections: [...collections.values()].sort((a, b) => a.collection.localeCompare(b.collection)),
          schemaVersion: await schemaVersion(pool),
          // tables with their indexes and TOAST, in this store's schema
          sizeBytes: await one(
            `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
             WHERE s.nspname = current_schema() AND c.relkind = 'r'
               AND c.relname IN ('corpus_meta', 'corpus_schema_version', 'corpus_count', 'document', 'passage', 'passage_term', 'fingerprint', 'fact_check', 'fact_check_term', 'fact_check_posting', 'source_rating')`,
          ),
        };
      });
    },

    async close(): Promise<void> {
      await guard('closing', () => pool.end());
    },
  };
}

