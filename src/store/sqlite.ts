/**
 * The embedded corpus store: one SQLite file (better-sqlite3) in WAL mode. Passages and fact-check
 * claims are indexed with FTS5 and ranked with BM25; text reuse is found through a table of
 * winnowed shingle fingerprints (see shingles.ts). Every write call is one transaction; SQLite
 * failures become FactlensErrors (`store-failed`, `store-corrupt`, `store-readonly`,
 * `store-version`).
 */
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { FactlensError } from '../core/errors.js';
import { hostChain, urlKey } from '../text/domain.js';
import { queryWords } from '../text/query-words.js';
import { fingerprintHashes, SHINGLE_WORDS, shingleText, WINNOW_WINDOW } from '../text/shingles.js';
import { chooseQueryTerms, factCheckFrom, MAX_POSTINGS, type Row, reuseCandidates, str, summaryFrom, verifyReuse } from './lookup.js';
import { type PreparedDocuments, prepareScreened, screenBatch } from './prepare.js';
import { checkDocument, checkFactCheck, checkSourceRating, type NormalizedDocument, type NormalizedFactCheck } from './records.js';
import { MIGRATIONS, MIN_READABLE_VERSION, SCHEMA_VERSION } from './schema.js';
import type {
  AddResult,
  CorpusStats,
  CorpusStore,
  DocumentRecord,
  DocumentSummary,
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

export interface SqliteStoreOptions {
  /** open without writing (analysis); default false */
  readonly?: boolean;
  /** create the file when it does not exist (init, import); default false */
  create?: boolean;
  /**
   * make a corpus of an existing 0-byte file (`corpus init`); otherwise such a file — what a
   * failed copy or a full disk leaves — is refused with `store-corrupt` rather than silently rebuilt
   */
  initEmptyFile?: boolean;
  /** SQLite page cache in MiB (default 64) */
  cacheMiB?: number;
  /** refuse to grow the file beyond this many MiB (writes then fail as "full"); default: no limit */
  maxSizeMiB?: number;
  /**
   * when new fingerprints go to the staging table (corpus size in documents) and when it is merged
   * (staged fingerprints); defaults STAGE_FROM_DOCUMENTS and MERGE_STAGED_ROWS
   */
  fingerprintStaging?: { fromDocuments: number; mergeRows: number };
}

/** Entries kept in each per-handle lookup cache before it is emptied. */
const CACHE_ENTRIES = 200_000;
/** Fingerprint rows written per INSERT statement (fewer calls into SQLite). */
const FINGERPRINT_ROWS_PER_INSERT = 64;
/**
 * Fingerprints go straight into the main table while the corpus has fewer documents than this;
 * beyond, into the staging table (schema v2), whose B-tree stays small.
 */
const STAGE_FROM_DOCUMENTS = 20_000;
/** The staging table is merged into the main one when it holds this many fingerprints. */
const MERGE_STAGED_ROWS = 1_000_000;

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : '';
}

/** Turns a SQLite failure into a FactlensError that says what to do; keeps FactlensErrors. */
export function storeError(err: unknown, location: string, doing: string): FactlensError {
  if (err instanceof FactlensError) return err;
  const code = sqliteCode(err);
  const detail = (err as Error)?.message ?? String(err);
  if (code.startsWith('SQLITE_FULL')) {
    return new FactlensError('store-failed', `The corpus ${location} is full (disk or size limit) while ${doing}: nothing of this batch was written; free space and re-run.`, { cause: err });
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new FactlensError('store-readonly', `The corpus ${location} is read-only: make the file writable or pick another --db.`, { cause: err });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new FactlensError('store-corrupt', `The corpus ${location} is damaged or not a database (${detail}): rebuild it with factlens corpus init and import.`, { cause: err });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new FactlensError('store-failed', `The corpus ${location} is locked by another process while ${doing}: retry when it has finished.`, { cause: err });
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new FactlensError('store-failed', `Cannot open the corpus ${location}: check the path and its directory permissions.`, { cause: err });
  }
  return new FactlensError('store-failed', `The corpus ${location} failed while ${doing}: ${detail}`, { cause: err });
}

function checkSchema(db: Database.Database, location: string, readonly: boolean): void {
  const hasVersionTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!hasVersionTable) {
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    if (tables > 0) {
      throw new FactlensError('store-corrupt', `${location} is a SQLite database but not a factlens corpus: pick another --db.`);
    }
    if (readonly) {
      throw new FactlensError('not-found', `${location} holds no corpus yet: run factlens corpus init --db <file> first.`);
    }
    db.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  }
  const current = (db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null }).v ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new FactlensError(
      'store-version',
      `${location} was written by a newer factlens (schema ${current}; this one reads up to ${SCHEMA_VERSION}): upgrade factlens or pick another --db.`,
    );
  }
  if (current < SCHEMA_VERSION) {
    if (readonly && current >= MIN_READABLE_VERSION) {
      checkSettings(db, location);
      return;
    }
    if (readonly) {
      throw new FactlensError('store-version', `${location} uses an older schema (${current}): run factlens corpus init --db <file> to upgrade it.`);
    }
    for (const m of MIGRATIONS.filter((x) => x.version > current)) {
      db.transaction(() => {
        for (const s of m.statements) db.exec(s);
        m.fill?.(db);
        db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(m.version, new Date().toISOString());
      })();
    }
  }
  checkSettings(db, location);
}

/** Refuses a corpus fingerprinted with other shingle settings (its fingerprints would never match). */
function checkSettings(db: Database.Database, location: string): void {
  const meta = new Map(
    (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
  );
  if (meta.get('shingle_words') !== String(SHINGLE_WORDS) || meta.get('winnow_window') !== String(WINNOW_WINDOW)) {
    throw new FactlensError(
      'store-version',
      `${location} was fingerprinted with other settings (k=${meta.get('shingle_words')}, w=${meta.get('winnow_window')}): rebuild it with this factlens.`,
    );
  }
}

/**
 * Opens (and with `create`, creates and migrates) a SQLite corpus store.
 * @example const store = openSqliteStore('factlens.db', { readonly: true })
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): CorpusStore {
  const location = path;
  const readonly = options.readonly ?? false;
  const exists = path === ':memory:' || existsSync(path);
  if (!exists && !options.create) {
    throw new FactlensError('not-found', `No corpus at ${path}: run factlens corpus init --db ${path} (or factlens corpus demo).`);
  }
  if (exists && path !== ':memory:' && !options.initEmptyFile && statSync(path).isFile() && statSync(path).size === 0) {
    throw new FactlensError(
      'store-corrupt',
      `The corpus ${path} is an empty (0-byte) file, not a database: restore it, or run factlens corpus init --db ${path} to start a new corpus there.`,
    );
  }
  // root ignores permission bits, so a write-protected file is refused here, before SQLite opens it
  if (!readonly && exists && path !== ':memory:' && (statSync(path).mode & 0o222) === 0) {
    throw new FactlensError('store-readonly', `The corpus ${path} is read-only: make the file writable or pick another --db.`);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly, fileMustExist: !options.create });
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // checkpoint every 64 MiB of WAL rather than every 4 MiB: an import batch is several MiB, and
      // each checkpoint syncs the disk; closing the handle checkpoints the rest
      db.pragma('wal_autocheckpoint = 16384');
    }
    db.pragma(`cache_size = ${-1024 * (options.cacheMiB ?? 64)}`);
    db.pragma('temp_store = MEMORY');
    checkSchema(db, location, readonly);
    if (options.maxSizeMiB !== undefined) {
      const pageSize = Number(db.pragma('page_size', { simple: true }));
      db.pragma(`max_page_count = ${Math.max(1, Math.floor((options.maxSizeMiB * 2 ** 20) / pageSize))}`);
    }
    return createSqliteStore(db, location, options);
  } catch (err) {
    // close what was opened; the original error is the one to report
    try {
      db?.close();
    } catch {
      /* closing a half-open handle can fail too; the open error is what matters */
    }
    throw storeError(err, location, 'opening it');
  }
}

function createSqliteStore(db: Database.Database, location: string, options: SqliteStoreOptions): CorpusStore {
  const stageFrom = options.fingerprintStaging?.fromDocuments ?? STAGE_FROM_DOCUMENTS;
  const mergeRows = options.fingerprintStaging?.mergeRows ?? MERGE_STAGED_ROWS;
  const guard = <T>(doing: string, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw storeError(err, location, doing);
    }
  };
  /** Runs a batch transaction and merges what it committed into the screening result. */
  const commitBatch = (doing: string, tx: (committed: AddResult) => void, result: AddResult): AddResult => {
    const committed: AddResult = { added: 0, unchanged: 0, rejected: [] };
    guard(doing, () => tx(committed));
    result.added += committed.added;
    result.unchanged += committed.unchanged;
    result.rejected.push(...committed.rejected);
    result.rejected.sort((a, b) => a.index - b.index);
    return result;
  };

  // query-term helpers: a temporary FTS5 table with the same tokenizer gives each word's stem
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_terms USING fts5 (x, tokenize = 'porter unicode61 remove_diacritics 2')");
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_terms_vocab USING fts5vocab (temp, query_terms, 'instance')");
  // a read-only handle on a schema-1 corpus has no staging table: its fingerprints are all in the main one
  const hasStaging = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fingerprint_new'").get() !== undefined;
  const staging = hasStaging
    ? {
        insertOne: db.prepare('INSERT OR IGNORE INTO fingerprint_new (hash, document_id) VALUES (?, ?)'),
        insertMany: db.prepare(
          `INSERT OR IGNORE INTO fingerprint_new (hash, document_id) VALUES ${Array(FINGERPRINT_ROWS_PER_INSERT).fill('(?, ?)').join(', ')}`,
        ),
        count: db.prepare('SELECT count(*) FROM fingerprint_new').pluck(),
        // the staging B-tree is read in key order: one sorted pass over the main one
        merge: db.prepare('INSERT OR IGNORE INTO fingerprint (hash, document_id) SELECT hash, document_id FROM fingerprint_new ORDER BY hash, document_id'),
        clear: db.prepare('DELETE FROM fingerprint_new'),
      }
    : undefined;
  const st = {
    docByExt: db.prepare('SELECT id, content_hash FROM document WHERE ext_id = ?'),
    insertDoc: db.prepare(
      `INSERT INTO document (ext_id, content_hash, title, url, url_key, source, published_at, label, collection, text, shingle_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    lastPassageId: db.prepare('SELECT max(id) FROM passage').pluck(),
    insertPassage: db.prepare(
      'INSERT INTO passage (id, document_id, idx, start, "end", published_at, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertPassageFts: db.prepare('INSERT INTO passage_fts (rowid, text) VALUES (?, ?)'),
    insertFingerprint: db.prepare('INSERT OR IGNORE INTO fingerprint (hash, document_id) VALUES (?, ?)'),
    insertFingerprints: db.prepare(
      `INSERT OR IGNORE INTO fingerprint (hash, document_id) VALUES ${Array(FINGERPRINT_ROWS_PER_INSERT).fill('(?, ?)').join(', ')}`,
    ),
    lastDocumentId: db.prepare('SELECT max(id) FROM document').pluck(),
    factByExt: db.prepare('SELECT id, content_hash FROM fact_check WHERE ext_id = ?'),
    insertFact: db.prepare(
      `INSERT INTO fact_check (ext_id, content_hash, claim, claimant, claim_date, rating, verdict, reviewer, review_date, url, item_url, item_url_key, collection)
       VALUES (@id, @contentHash, @claim, @claimant, @claimDate, @rating, @verdict, @reviewer, @reviewDate, @url, @itemUrl, @itemUrlKey, @collection)`,
    ),
    insertFactFts: db.prepare('INSERT INTO fact_check_fts (rowid, claim) VALUES (?, ?)'),
    insertRating: db.prepare(
      'INSERT OR IGNORE INTO source_rating (domain, label, raw_label, list, note) VALUES (?, ?, ?, ?, ?)',
    ),
    ratingsFor: db.prepare('SELECT domain, label, raw_label, list, note FROM source_rating WHERE domain = ? ORDER BY list, label'),
    docById: db.prepare('SELECT * FROM document WHERE id = ?'),
    docByExtFull: db.prepare('SELECT * FROM document WHERE ext_id = ?'),
    postings: db
      .prepare(
        hasStaging
          ? `SELECT document_id FROM fingerprint WHERE hash = @hash UNION ALL SELECT document_id FROM fingerprint_new WHERE hash = @hash LIMIT ${MAX_POSTINGS + 1}`
          : `SELECT document_id FROM fingerprint WHERE hash = @hash LIMIT ${MAX_POSTINGS + 1}`,
      )
      .pluck(),
    factsForUrl: db.prepare('SELECT * FROM fact_check WHERE item_url_key = ? ORDER BY id'),
    clearQueryTerms: db.prepare('DELETE FROM temp.query_terms'),
    addQueryTerm: db.prepare('INSERT INTO temp.query_terms (rowid, x) VALUES (?, ?)'),
    queryStems: db.prepare('SELECT term, doc FROM temp.query_terms_vocab'),
    passageDf: db.prepare('SELECT doc FROM passage_vocab WHERE term = ?').pluck(),
    factDf: db.prepare('SELECT doc FROM fact_check_vocab WHERE term = ?').pluck(),
    countPassages: db.prepare('SELECT count(*) FROM passage').pluck(),
    countFacts: db.prepare('SELECT count(*) FROM fact_check').pluck(),
    // the FTS match runs in a subquery so SQLite ranks inside FTS5 first and joins only the best rows
    searchPassages: db.prepare(
      `SELECT p.document_id, p.idx, p.start, p."end", -m.s AS score
       FROM (SELECT rowid AS id, bm25(passage_fts) AS s FROM passage_fts WHERE passage_fts MATCH @match ORDER BY s LIMIT @pool) m
       JOIN passage p ON p.id = m.id
       WHERE (@from IS NULL OR p.published_at IS NULL OR p.published_at >= @from)
         AND (@to IS NULL OR p.published_at IS NULL OR p.published_at <= @to)
         AND (p.source IS NULL OR p.source NOT IN (SELECT value FROM json_each(@exclude)))
       ORDER BY m.s LIMIT @limit`,
    ),
    searchFacts: db.prepare(
      `SELECT f.*, -m.s AS score
       FROM (SELECT rowid AS id, bm25(fact_check_fts) AS s FROM fact_check_fts WHERE fact_check_fts MATCH ? ORDER BY s LIMIT ?) m
       JOIN fact_check f ON f.id = m.id ORDER BY m.s`,
    ),
  };
  // row counts for term pruning; refreshed after writes (state of this handle, not of the module)
  let passageRows = -1;
  let factRows = -1;

  // word → stem and stem → row count, remembered per handle (cleared when the counted table changes)
  const stems = new Map<string, string | null>();
  const documentFrequency = { passage: new Map<string, number>(), fact: new Map<string, number>() };
  const stemWords = db.transaction((words: string[]) => {
    st.clearQueryTerms.run();
    words.forEach((w, i) => {
      st.addQueryTerm.run(i + 1, w);
    });
    const found = new Map<number, string>();
    for (const r of st.queryStems.all() as { term: string; doc: number }[]) if (!found.has(r.doc)) found.set(r.doc, r.term);
    words.forEach((w, i) => {
      stems.set(w, found.get(i + 1) ?? null);
    });
  });

  /** Picks the rarest useful words of a query and writes an FTS5 OR-expression of them. */
  const matchExpression = (query: string, kind: 'passage' | 'fact'): string | undefined => {
    const words = queryWords(query);
    if (words.length === 0) return undefined;
    if (kind === 'passage' && passageRows < 0) passageRows = Number(st.countPassages.get());
    if (kind === 'fact' && factRows < 0) factRows = Number(st.countFacts.get());
    const rows = kind === 'passage' ? passageRows : factRows;
    const dfStatement = kind === 'passage' ? st.passageDf : st.factDf;
    const dfCache = documentFrequency[kind];
    if (stems.size > CACHE_ENTRIES) stems.clear();
    if (dfCache.size > CACHE_ENTRIES) dfCache.clear();
    const unknown = words.filter((w) => !stems.has(w));
    if (unknown.length > 0) stemWords(unknown);
    const scored: { word: string; df: number }[] = [];
    const seen = new Set<string>();
    for (const word of words) {
      const stem = stems.get(word);
      if (!stem || seen.has(stem)) continue;
      seen.add(stem);
      let df = dfCache.get(stem);
      if (df === undefined) {
        df = Number(dfStatement.get(stem) ?? 0);
        dfCache.set(stem, df);
      }
      if (df > 0) scored.push({ word, df });
    }
    if (scored.length === 0) return undefined;
    return chooseQueryTerms(scored, rows).map((s) => `"${s.word}"`).join(' OR ');
  };

  /**
   * Writes a prepared batch: documents, their passages (FTS rows in rowid order) and, at the end,
   * the batch's fingerprints in hash order, many rows per INSERT. Ids already stored are skipped
   * (same content) or rejected (other content).
   */
  const writeDocumentsTx = db.transaction((batch: PreparedDocuments, result: AddResult): number => {
    const { documents, passageCounts, passageSpans } = batch;
    const isStaged = staging !== undefined && Number(st.lastDocumentId.get() ?? 0) >= stageFrom;
    const insertOne = isStaged ? staging.insertOne : st.insertFingerprint;
    const insertMany = isStaged ? staging.insertMany : st.insertFingerprints;
    let written = 0;
    // the document id of each prepared document, 0 when it was not written
    const docIds = new Float64Array(documents.length);
    let passageId = Number(st.lastPassageId.get() ?? 0);
    let span = 0;
    for (let i = 0; i < documents.length; i++) {
      const d = documents[i]!;
      const passages = passageCounts[i]!;
      const existing = st.docByExt.get(d.id) as { id: number; content_hash: string } | undefined;
      if (existing) {
        if (existing.content_hash === d.contentHash) result.unchanged++;
        else result.rejected.push({ index: batch.indexes[i]!, message: `duplicate id "${d.id}" with different content` });
        span += 2 * passages;
        continue;
      }
      const docId = Number(
        st.insertDoc.run(
          d.id,
          d.contentHash,
          d.title ?? null,
          d.url ?? null,
          d.urlKey ?? null,
          d.source ?? null,
          d.publishedAt ?? null,
          d.label ?? null,
          d.collection ?? null,
          d.text,
          batch.shingleCounts[i]!,
        ).lastInsertRowid,
      );
      docIds[i] = docId;
      for (let idx = 0; idx < passages; idx++, span += 2) {
        const start = passageSpans[span]!;
        const end = passageSpans[span + 1]!;
        passageId++;
        st.insertPassage.run(passageId, docId, idx, start, end, d.publishedAt ?? null, d.source ?? null);
        st.insertPassageFts.run(passageId, d.text.slice(start, end));
      }
      result.added++;
    }
    const rowsPer = FINGERPRINT_ROWS_PER_INSERT;
    const args: number[] = new Array(2 * rowsPer);
    let filled = 0;
    const { fingerprints, fingerprintDocuments } = batch;
    for (let f = 0; f < fingerprints.length; f++) {
      const docId = docIds[fingerprintDocuments[f]!]!;
      if (docId === 0) continue;
      args[2 * filled] = fingerprints[f]!;
      args[2 * filled + 1] = docId;
      written++;
      if (++filled === rowsPer) {
        insertMany.run(args);
        filled = 0;
      }
    }
    for (let r = 0; r < filled; r++) insertOne.run(args[2 * r]!, args[2 * r + 1]!);
    return isStaged ? written : 0;
  });

  /** Moves the staged fingerprints into the main table, in one transaction. */
  const mergeStagedTx = db.transaction(() => {
    staging!.merge.run();
    staging!.clear.run();
  });
  /** Fingerprints in the staging table (counted on first use, then kept up to date). */
  let stagedRows = -1;

  const addFactChecksTx = db.transaction((facts: NormalizedFactCheck[], result: AddResult, indexes: number[]) => {
    facts.forEach((f, i) => {
      const existing = st.factByExt.get(f.id) as { id: number; content_hash: string } | undefined;
      if (existing) {
        if (existing.content_hash === f.contentHash) result.unchanged++;
        else result.rejected.push({ index: indexes[i]!, message: `duplicate id "${f.id}" with different content` });
        return;
      }
      const row = Object.fromEntries(
        Object.entries({
          claim: null,
          claimant: null,
          claimDate: null,
          reviewer: null,
          reviewDate: null,
          url: null,
          itemUrl: null,
          itemUrlKey: null,
          collection: null,
          ...f,
        }).map(([k, v]) => [k, v ?? null]),
      );
      const info = st.insertFact.run(row);
      if (f.claim) st.insertFactFts.run(info.lastInsertRowid, f.claim);
      result.added++;
    });
  });

  const addRatingsTx = db.transaction((ratings: SourceRatingRecord[], result: AddResult) => {
    for (const r of ratings) {
      const info = st.insertRating.run(r.domain, r.label, r.rawLabel, r.list, r.note ?? null);
      if (info.changes > 0) result.added++;
      else result.unchanged++;
    }
  });

  const addPrepared = (batch: PreparedDocuments): AddResult => {
    if (staging) {
      if (stagedRows < 0) stagedRows = guard('counting staged fingerprints', () => Number(staging.count.get()));
      // merged before the batch, so a failure here leaves this batch unwritten rather than half-reported
      if (stagedRows >= mergeRows) {
        guard('merging fingerprints', () => mergeStagedTx());
        stagedRows = 0;
      }
    }
    let staged = 0;
    // the batch commits whole or not at all: a failure rolls back every document of it
    const committed = commitBatch(
      'adding documents',
      (c) => {
        staged = writeDocumentsTx(batch, c);
      },
      batch.result,
    );
    stagedRows += staged;
    passageRows = -1;
    documentFrequency.passage.clear();
    return committed;
  };

  return {
    location: `sqlite:${location}`,

    async addDocuments(records: readonly DocumentRecord[]): Promise<AddResult> {
      const screened = screenBatch(records, checkDocument);
      // documents already stored are settled here, before the costly splitting and fingerprinting;
      // the write checks again inside its transaction
      const values: NormalizedDocument[] = [];
      const indexes: number[] = [];
      guard('reading documents', () => {
        screened.values.forEach((d, i) => {
          const existing = st.docByExt.get(d.id) as { content_hash: string } | undefined;
          if (!existing) {
            values.push(d);
            indexes.push(screened.indexes[i]!);
          } else if (existing.content_hash === d.contentHash) screened.result.unchanged++;
          else screened.result.rejected.push({ index: screened.indexes[i]!, message: `duplicate id "${d.id}" with different content` });
        });
      });
      return addPrepared(prepareScreened({ values, indexes, result: screened.result }));
    },

    async addPreparedDocuments(batch: PreparedDocuments): Promise<AddResult> {
      return addPrepared(batch);
    },

    async addFactChecks(records: readonly FactCheckRecord[]): Promise<AddResult> {
      const { values: facts, indexes, result } = screenBatch(records, checkFactCheck);
      const committed = commitBatch('adding fact-checks', (c) => addFactChecksTx(facts, c, indexes), result);
      factRows = -1;
      documentFrequency.fact.clear();
      return committed;
    },

    async addSourceRatings(records: readonly SourceRatingRecord[]): Promise<AddResult> {
      const result: AddResult = { added: 0, unchanged: 0, rejected: [] };
      const ratings: SourceRatingRecord[] = [];
      records.forEach((r, index) => {
        const c = checkSourceRating(r);
        if (c.ok) ratings.push(c.value);
        else result.rejected.push({ index, message: c.message });
      });
      const committed: AddResult = { added: 0, unchanged: 0, rejected: [] };
      guard('adding source ratings', () => addRatingsTx(ratings, committed));
      result.added = committed.added;
      result.unchanged = committed.unchanged;
      return result;
    },

    async getDocument(id: string): Promise<StoredDocument | undefined> {
      const row = guard('reading a document', () => st.docByExtFull.get(id) as Row | undefined);
      return row ? { ...summaryFrom(row), text: String(row.text) } : undefined;
    },

    async sourceRatings(host: string): Promise<SourceRatingRecord[]> {
      return guard('reading source ratings', () => {
        for (const key of hostChain(host)) {
          const rows = st.ratingsFor.all(key) as Row[];
          if (rows.length > 0) {
            return rows.map((r) => ({
              domain: String(r.domain),
              label: String(r.label) as SourceLabel,
              rawLabel: String(r.raw_label),
              list: String(r.list),
              note: str(r.note),
            }));
          }
        }
        return [];
      });
    },

    async searchPassages(query: string, options: PassageSearchOptions = {}): Promise<PassageHit[]> {
      return guard('searching passages', () => {
        const match = matchExpression(query, 'passage');
        if (!match) return [];
        const rows = st.searchPassages.all({
            match,
            from: options.publishedFrom ?? null,
            to: options.publishedTo ?? null,
            exclude: JSON.stringify(options.excludeSources ?? []),
            limit: options.limit ?? 10,
            // filters apply after ranking: rank a deeper pool when there are filters to apply
            pool: (options.limit ?? 10) * (options.publishedFrom || options.publishedTo || options.excludeSources?.length ? 20 : 1),
          }) as Row[];
        const docs = new Map<number, { summary: DocumentSummary; text: string }>();
        return rows.map((r) => {
          const docId = Number(r.document_id);
          let doc = docs.get(docId);
          if (!doc) {
            const row = st.docById.get(docId) as Row;
            doc = { summary: summaryFrom(row), text: String(row.text) };
            docs.set(docId, doc);
          }
          return {
            document: doc.summary,
            index: Number(r.idx),
            text: doc.text.slice(Number(r.start), Number(r.end)),
            span: { start: Number(r.start), end: Number(r.end) },
            score: Number(r.score),
          };
        });
      });
    },

    async searchFactChecks(query: string, options: { limit?: number } = {}): Promise<FactCheckHit[]> {
      return guard('searching fact-checks', () => {
        const match = matchExpression(query, 'fact');
        if (!match) return [];
        const rows = st.searchFacts.all(match, options.limit ?? 20) as Row[];
        return rows.map((r) => ({ factCheck: factCheckFrom(r), score: Number(r.score) }));
      });
    },

    async factChecksForUrl(url: string): Promise<StoredFactCheck[]> {
      const key = urlKey(url);
      if (!key) return [];
      return guard('reading fact-checks', () => (st.factsForUrl.all(key) as Row[]).map(factCheckFrom));
    },

    async findReuse(text: string, options: ReuseOptions = {}): Promise<ReuseMatch[]> {
      const limit = options.limit ?? 10;
      const minShare = options.minShare ?? 0;
      return guard('looking up shared text', () => {
        const query = shingleText(text);
        const postings = fingerprintHashes(query).map((h) => st.postings.all({ hash: h }) as number[]);
        const candidates = reuseCandidates(postings, limit).map((docId) => st.docById.get(docId) as Row);
        return verifyReuse(query, candidates, { limit, minShare });
      });
    },

    async stats(): Promise<CorpusStats> {
      return guard('counting', () => {
        const one = (sql: string): number => Number(db.prepare(sql).pluck().get() ?? 0);
        const lists = db
          .prepare('SELECT list, count(DISTINCT domain) AS domains FROM source_rating GROUP BY list ORDER BY list')
          .all() as { list: string; domains: number }[];
        const docCollections = db
          .prepare("SELECT coalesce(collection, '') AS c, count(*) AS n FROM document GROUP BY c")
          .all() as { c: string; n: number }[];
        const factCollections = db
          .prepare("SELECT coalesce(collection, '') AS c, count(*) AS n FROM fact_check GROUP BY c")
          .all() as { c: string; n: number }[];
        const collections = new Map<string, { collection: string; documents: number; factChecks: number }>();
        for (const r of docCollections) collections.set(r.c, { collection: r.c, documents: r.n, factChecks: 0 });
        for (const r of factCollections) {
          const c = collections.get(r.c) ?? { collection: r.c, documents: 0, factChecks: 0 };
          c.factChecks = r.n;
          collections.set(r.c, c);
        }
        const pageCount = Number(db.pragma('page_count', { simple: true }));
        const pageSize = Number(db.pragma('page_size', { simple: true }));
        return {
          documents: one('SELECT count(*) FROM document'),
          passages: one('SELECT count(*) FROM passage'),
          factChecks: one('SELECT count(*) FROM fact_check'),
          sourceRatings: one('SELECT count(*) FROM source_rating'),
          sourceDomains: one('SELECT count(DISTINCT domain) FROM source_rating'),
          lists,
          collections: [...collections.values()].sort((a, b) => a.collection.localeCompare(b.collection)),
          schemaVersion: one('SELECT max(version) FROM schema_version'),
          sizeBytes: pageCount * pageSize,
        };
      });
    },

    async close(): Promise<void> {
      // what this handle staged is merged before it closes, so lookups read one table: the pass
      // touches about as many pages as it merges rows, so it is cheap after a small import. If it
      // fails (a full disk), the staged rows stay where lookups find them; the handle still closes.
      let mergeError: FactlensError | undefined;
      if (!db.readonly && staging && stagedRows !== 0) {
        try {
          guard('merging fingerprints', () => {
            if (Number(staging.count.get()) > 0) mergeStagedTx();
          });
          stagedRows = 0;
        } catch (err) {
          mergeError = err as FactlensError;
        }
      }
      guard('closing', () => {
        if (!db.readonly) db.pragma('optimize');
        db.close();
      });
      if (mergeError) throw mergeError;
    },
  };
}
