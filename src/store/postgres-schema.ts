/**
 * The PostgreSQL corpus schema as an ordered list of migrations, like the SQLite one (schema.ts):
 * `corpus_schema_version` records each applied version, a database whose highest version is above
 * PG_SCHEMA_VERSION was written by a newer factlens and is refused, and each migration runs in one
 * transaction under an advisory lock, so two processes opening a new database at once migrate it
 * once. Table names are those of the SQLite schema, so the row readers (lookup.ts) serve both.
 *
 * Full-text search is a stored `tsvector` per passage and per fact-check claim ('english'
 * configuration: Snowball stemmer, English stopwords). Passages are matched through a GIN index and
 * ranked by BM25 computed from the vectors; fact-check claims, searched five times per article, go
 * through `fact_check_posting` (schema 2), one row per claim and lexeme with its count, read by an
 * index-only scan. Both use the per-term row counts in `passage_term` / `fact_check_term`. The
 * measurements behind these choices: src/store/README.md.
 */
import type { Migration } from './schema.js';
import { SHINGLE_WORDS, WINNOW_WINDOW } from '../text/shingles.js';

/** The text search configuration of every tsvector and tsquery of the store. */
export const TS_CONFIG = 'english';

/** Every migration, oldest first. */
export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'documents, passages (tsvector + GIN, term counts), fingerprints, fact-checks, source ratings',
    statements: [
      'CREATE TABLE corpus_meta (key text PRIMARY KEY, value text NOT NULL)',
      `INSERT INTO corpus_meta (key, value) VALUES ('shingle_words', '${SHINGLE_WORDS}'), ('winnow_window', '${WINNOW_WINDOW}')`,
      `CREATE TABLE document (
        id bigserial PRIMARY KEY,
        ext_id text NOT NULL UNIQUE,
        content_hash text NOT NULL,
        title text, url text, url_key text, source text, published_at text, label text, collection text,
        text text NOT NULL,
        shingle_count integer NOT NULL
      )`,
      'CREATE INDEX document_url_key ON document (url_key)',
      'CREATE INDEX document_collection ON document (collection)',
      // contentless like the SQLite store: the text lives once, in document; a passage is a span of
      // it with its search vector and its length in words (for BM25)
      `CREATE TABLE passage (
        id bigserial PRIMARY KEY,
        document_id bigint NOT NULL REFERENCES document (id),
        idx integer NOT NULL,
        start integer NOT NULL,
        "end" integer NOT NULL,
        published_at text,
        source text,
        words integer NOT NULL,
        tsv tsvector NOT NULL
      )`,
      'CREATE INDEX passage_document ON passage (document_id)',
      'CREATE INDEX passage_tsv ON passage USING gin (tsv)',
      // rows holding each lexeme, kept by every write: what picks the rare query terms and weighs them
      'CREATE TABLE passage_term (lexeme text PRIMARY KEY, rows bigint NOT NULL)',
      // passage count and total words, one row per table, kept by every write (avoids count(*) scans)
      'CREATE TABLE corpus_count (kind text PRIMARY KEY, rows bigint NOT NULL, words bigint NOT NULL)',
      "INSERT INTO corpus_count (kind, rows, words) VALUES ('passage', 0, 0), ('fact_check', 0, 0)",
      'CREATE TABLE fingerprint (hash bigint NOT NULL, document_id bigint NOT NULL, PRIMARY KEY (hash, document_id))',
      `CREATE TABLE fact_check (
        id bigserial PRIMARY KEY,
        ext_id text NOT NULL UNIQUE,
        content_hash text NOT NULL,
        claim text, claimant text, claim_date text,
        rating text NOT NULL, verdict text NOT NULL,
        reviewer text, review_date text, url text, item_url text, item_url_key text, collection text,
        words integer NOT NULL DEFAULT 0,
        tsv tsvector
      )`,
      'CREATE INDEX fact_check_item ON fact_check (item_url_key)',
      'CREATE INDEX fact_check_tsv ON fact_check USING gin (tsv)',
      'CREATE TABLE fact_check_term (lexeme text PRIMARY KEY, rows bigint NOT NULL)',
      `CREATE TABLE source_rating (
        id bigserial PRIMARY KEY,
        domain text NOT NULL, label text NOT NULL, raw_label text NOT NULL, list text NOT NULL, note text,
        UNIQUE (domain, list, label)
      )`,
    ],
  },
  {
    version: 2,
    description: 'fact-check postings (lexeme, claim, count, length): BM25 over an index-only scan instead of a GIN match and a heap read per candidate',
    statements: [
      `CREATE TABLE fact_check_posting (
        lexeme text NOT NULL,
        fact_check_id bigint NOT NULL REFERENCES fact_check (id),
        tf smallint NOT NULL,
        words integer NOT NULL,
        PRIMARY KEY (lexeme, fact_check_id) INCLUDE (tf, words)
      )`,
      `INSERT INTO fact_check_posting (lexeme, fact_check_id, tf, words)
       SELECT u.lexeme, f.id, least(coalesce(array_length(u.positions, 1), 1), 32767), f.words
       FROM fact_check f CROSS JOIN LATERAL unnest(f.tsv) u WHERE f.tsv IS NOT NULL`,
    ],
  },
];

/** The PostgreSQL schema version this build writes and reads. */
export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;
