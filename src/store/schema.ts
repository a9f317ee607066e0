/**
 * The SQLite schema as an ordered list of migrations. `schema_version` records each applied
 * version; a database whose highest version is above SCHEMA_VERSION was written by a newer
 * factlens and is refused. Migrations run inside one transaction each.
 */
import type Database from 'better-sqlite3';
import { SHINGLE_WORDS, WINNOW_WINDOW } from '../text/shingles.js';

/** One step of the schema: a version and the statements that reach it from the previous one. */
export interface Migration {
  version: number;
  description: string;
  statements: string[];
}

/** A SQLite step may also fill what its statements made, in the same transaction. */
export interface SqliteMigration extends Migration {
  fill?: (db: Database.Database) => void;
}

/**
 * Re-indexes every passage into passage_fts: a contentless index keeps no text, so it is rebuilt
 * from the spans of the stored documents (JavaScript offsets, as the import cut them).
 */
function reindexPassages(db: Database.Database): void {
  const passages = db.prepare('SELECT id, start, "end" FROM passage WHERE document_id = ? ORDER BY id');
  const insert = db.prepare('INSERT INTO passage_fts (rowid, text) VALUES (?, ?)');
  // read in pages: a connection cannot write while a query on it is still stepping
  const page = db.prepare('SELECT id, text FROM document WHERE id > ? ORDER BY id LIMIT 500');
  for (let after = 0; ; ) {
    const docs = page.all(after) as { id: number; text: string }[];
    if (docs.length === 0) break;
    for (const doc of docs) {
      for (const p of passages.all(doc.id) as { id: number; start: number; end: number }[]) insert.run(p.id, doc.text.slice(p.start, p.end));
    }
    after = docs[docs.length - 1]!.id;
  }
}

const TOKENIZER = "tokenize = 'porter unicode61 remove_diacritics 2'";

/** Every migration, oldest first. */
export const MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    description: 'documents, passages (FTS5), fingerprints, fact-checks (FTS5), source ratings',
    statements: [
      'CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
      `INSERT INTO meta (key, value) VALUES ('shingle_words', '${SHINGLE_WORDS}'), ('winnow_window', '${WINNOW_WINDOW}')`,
      `CREATE TABLE document (
        id INTEGER PRIMARY KEY,
        ext_id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        title TEXT, url TEXT, url_key TEXT, source TEXT, published_at TEXT, label TEXT, collection TEXT,
        text TEXT NOT NULL,
        shingle_count INTEGER NOT NULL
      )`,
      'CREATE INDEX document_url_key ON document (url_key)',
      'CREATE INDEX document_collection ON document (collection)',
      `CREATE TABLE passage (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES document (id),
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        published_at TEXT,
        source TEXT
      )`,
      'CREATE INDEX passage_document ON passage (document_id)',
      // contentless (the text lives once, in document; a passage is a span of it) and detail=column
      // (passages are short: term positions would cost index time and space for nothing)
      `CREATE VIRTUAL TABLE passage_fts USING fts5 (text, content = '', contentless_delete = 1, detail = column, ${TOKENIZER})`,
      "CREATE VIRTUAL TABLE passage_vocab USING fts5vocab (passage_fts, 'row')",
      'CREATE TABLE fingerprint (hash INTEGER NOT NULL, document_id INTEGER NOT NULL, PRIMARY KEY (hash, document_id)) WITHOUT ROWID',
      `CREATE TABLE fact_check (
        id INTEGER PRIMARY KEY,
        ext_id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        claim TEXT, claimant TEXT, claim_date TEXT,
        rating TEXT NOT NULL, verdict TEXT NOT NULL,
        reviewer TEXT, review_date TEXT, url TEXT, item_url TEXT, item_url_key TEXT, collection TEXT
      )`,
      'CREATE INDEX fact_check_item ON fact_check (item_url_key)',
      `CREATE VIRTUAL TABLE fact_check_fts USING fts5 (claim, content = 'fact_check', content_rowid = 'id', ${TOKENIZER})`,
      "CREATE VIRTUAL TABLE fact_check_vocab USING fts5vocab (fact_check_fts, 'row')",
      `CREATE TABLE source_rating (
        id INTEGER PRIMARY KEY,
        domain TEXT NOT NULL, label TEXT NOT NULL, raw_label TEXT NOT NULL, list TEXT NOT NULL, note TEXT,
        UNIQUE (domain, list, label)
      )`,
    ],
  },
  {
    version: 2,
    description: 'fingerprints written by imports into a small staging table, merged into the main one in bulk',
    statements: [
      // New fingerprints land here while `fingerprint` is large: inserting a batch's hashes all over
      // a big B-tree rewrites most of its pages on every commit, a small one stays cheap. Lookups
      // read both tables; the store moves this one into `fingerprint` in one sorted pass when it
      // has grown (sqlite.ts), like a two-level log-structured merge.
      'CREATE TABLE fingerprint_new (hash INTEGER NOT NULL, document_id INTEGER NOT NULL, PRIMARY KEY (hash, document_id)) WITHOUT ROWID',
    ],
  },
  {
    version: 3,
    description: 'passage index with term positions: bm25() scores every row 0 in a contentless detail=column table',
    statements: [
      // FTS5's bm25() counts a term's instances through the position lists; a contentless table
      // with detail=column has none to read, so every passage scored 0 and searches came back in
      // rowid order. Still contentless: the text stays once, in document.
      'DROP TABLE passage_vocab',
      'DROP TABLE passage_fts',
      `CREATE VIRTUAL TABLE passage_fts USING fts5 (text, content = '', contentless_delete = 1, ${TOKENIZER})`,
      "CREATE VIRTUAL TABLE passage_vocab USING fts5vocab (passage_fts, 'row')",
    ],
    fill: reindexPassages,
  },
];

/**
 * The oldest schema a read-only handle reads as it is: later migrations only add what reading can
 * do without (a missing `fingerprint_new` holds nothing; before version 3 passage searches find
 * the same passages but score them all 0, so they come back unranked until a write upgrades it).
 */
export const MIN_READABLE_VERSION = 1;

/** The schema version this build writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
