/**
 * `npm run bench:pg-store`: the PostgreSQL corpus store, measured. Writes the "bench-pg-store"
 * section of docs/BENCHMARKS.md.
 *
 * 1. Full-text search choice, on the real passages of the article corpora in ../shared/data: the
 *    store's search (stored tsvector + GIN, rarest query terms, BM25 from the vectors) against
 *    ts_rank over the same terms and index, and pg_trgm word similarity over the passage text with
 *    its own GIN trigram index. Queries are sentences taken from stored passages, lightly edited
 *    (one word dropped, one replaced); a hit is the source passage in the top 10. Also the share of
 *    the SQLite store's top 10 (FTS5 BM25) each method returns, and index sizes and build times.
 * 2. The corpus at 1,000,000 passages: the demo corpus (real site lists, ~29,000 real fact-checks,
 *    the real article corpora) plus documents generated from a word-bigram model of the real
 *    articles (8 paragraphs each) and 2,000 real articles planted among them, imported as
 *    `corpus import` does; then, per article, the provenance lookup (findReuse) and the fact-check
 *    lookups of its top 5 claims (BM25 search + match scoring), as the analyzers make them, p50/p95
 *    over 200 articles (100 edited copies of planted articles, 100 articles not in the corpus),
 *    one after the other and then from 4 clients at once; the evidence passage search apart.
 *
 * Options: --db postgres://… (default postgres://postgres@127.0.0.1:5432/test; the benchmark works
 * in schemas of its own, factlens_bench_*, dropped afterwards), --quick (100,000 passages),
 * --no-big (only part 1), --no-fts (only part 2, not written), --no-write (print only).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { matchFeatures, matchProbability, prepareClaim } from '../src/analyzers/fact-check-match/similarity.js';
import { factCheckMatch } from '../src/analyzers/fact-check-match/index.js';
import { writeBenchmarkSection } from '../src/eval/benchmarks-doc.js';
import { ingestText } from '../src/ingest/text.js';
import { parseArticle } from '../src/nlp/index.js';
import { buildDemoCorpus } from '../src/store/demo.js';
import { createImporter } from '../src/store/import/index.js';
import { chooseQueryTerms } from '../src/store/lookup.js';
import { openPostgresStore } from '../src/store/postgres.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { CorpusStore, DocumentRecord } from '../src/store/types.js';
import { pickClaimQueries } from '../src/text/claim-queries.js';
import { queryWords } from '../src/text/query-words.js';
import { applyEdit, type Article, bigramModel, CORPORA, DATA, EDITS, generateParagraph, loadArticles, log, percentile, rng, shuffle } from './bench-corpus.js';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const BASE_URL = option('--db') ?? 'postgres://postgres@127.0.0.1:5432/test';
const QUICK = argv.includes('--quick');
const WRITE = !argv.includes('--no-write');
const BIG = !argv.includes('--no-big');
const FTS = !argv.includes('--no-fts');
const PASSAGES = QUICK ? 100_000 : 1_000_000;
const PARAGRAPHS_PER_DOC = 8;
const CANDIDATES = factCheckMatch.defaultOptions.candidates;
const QUERIES = 100;
const CLIENTS = 4;

const ms = (x: number): string => x.toFixed(1);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function schemaUrl(schema: string): string {
  const u = new URL(BASE_URL);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** A client in the benchmark's schema (public too, for the pg_trgm functions). */
async function rawClient(schema: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: BASE_URL, options: `-c search_path=${schema},public` });
  await c.connect();
  return c;
}

async function relationSizes(c: pg.Client, names: string[]): Promise<Map<string, number>> {
  const r = await c.query<{ relname: string; bytes: string }>(
    'SELECT c.relname, pg_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = ANY ($1::text[])',
    [names],
  );
  return new Map(r.rows.map((x) => [x.relname, Number(x.bytes)]));
}

// ---------------------------------------------------------------- 1. full-text search choice

interface Method {
  name: string;
  search(query: string): Promise<string[]>;
}

async function searchChoice(articles: Article[], dir: string, schema: string): Promise<string> {
  const url = schemaUrl(schema);
  const store = await openPostgresStore(url, { create: true });
  const sqlite = openSqliteStore(join(dir, 'real.db'), { create: true });
  for (const target of [store, sqlite]) {
    const importer = createImporter(target);
    for (const corpus of CORPORA) await importer.importPath(join(DATA, corpus, 'articles.jsonl'), { idPrefix: `${corpus}/`, collection: corpus, batchSize: 1000, worker: false });
    await importer.close();
  }
  const c = await rawClient(schema);
  await c.query('ANALYZE');
  // the passage texts, for pg_trgm (the store keeps them only inside the documents)
  const rows = (await c.query<{ id: string; ext_id: string; idx: number; start: number; end: number; text: string }>(
    'SELECT p.id, d.ext_id, p.idx, p.start, p."end", d.text FROM passage p JOIN document d ON d.id = p.document_id ORDER BY p.id',
  )).rows;
  const passages = rows.map((r) => ({ id: r.id, key: `${r.ext_id}#${r.idx}`, text: r.text.slice(r.start, r.end) }));
  const textOf = new Map(passages.map((p) => [p.key, p.text]));
  // pg_trgm for the comparison only; removed afterwards when this run installed it
  const hadTrgm = (await c.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).rowCount! > 0;
  await c.query('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public');
  await c.query('CREATE TABLE passage_text (id bigint PRIMARY KEY, key text NOT NULL, text text NOT NULL)');
  for (let i = 0; i < passages.length; i += 5000) {
    const part = passages.slice(i, i + 5000);
    await c.query('INSERT INTO passage_text SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])', [part.map((p) => p.id), part.map((p) => p.key), part.map((p) => p.text)]);
  }
  let t0 = performance.now();
  await c.query('CREATE INDEX passage_text_trgm ON passage_text USING gin (text gin_trgm_ops)');
  const trgmBuildS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await c.query('CREATE INDEX passage_tsv_again ON passage USING gin (tsv)');
  const tsvBuildS = (performance.now() - t0) / 1000;
  await c.query('DROP INDEX passage_tsv_again');
  await c.query('ANALYZE passage_text');
  const sizes = await relationSizes(c, ['passage_tsv', 'passage_text_trgm', 'passage_text']);

  // queries: one sentence of 8+ words from a random passage, one word dropped, one replaced
  const random = rng(21);
  const vocabulary = [...new Set(articles.slice(0, 300).flatMap((a) => a.text.split(/\s+/)))].filter((w) => /^[a-z]{4,}$/.test(w));
  const queries: { text: string; key: string; sentence: string }[] = [];
  for (const p of shuffle(passages, random)) {
    if (queries.length >= QUERIES) break;
    const sentence = p.text.split(/(?<=[.!?])\s+/).find((s) => s.split(/\s+/).length >= 8 && s.split(/\s+/).length <= 40);
    if (!sentence) continue;
    const words = sentence.split(/\s+/);
    words.splice(Math.floor(random() * words.length), 1);
    words[Math.floor(random() * words.length)] = vocabulary[Math.floor(random() * vocabulary.length)]!;
    queries.push({ text: words.join(' '), key: p.key, sentence });
  }
  // the same rare terms the store picks, for ts_rank over the same candidates
  const terms = async (query: string): Promise<string[]> => {
    const words = [...new Set(queryWords(query))];
    const lex = await c.query<{ lexeme: string | null }>("SELECT (SELECT lexeme FROM unnest(to_tsvector('english', w)) LIMIT 1) AS lexeme FROM unnest($1::text[]) AS w", [words]);
    const lexemes = [...new Set(lex.rows.map((r) => r.lexeme).filter((l): l is string => Boolean(l)))];
    const df = await c.query<{ lexeme: string; rows: string }>('SELECT lexeme, rows FROM passage_term WHERE lexeme = ANY ($1::text[])', [lexemes]);
    const total = Number((await c.query<{ rows: string }>("SELECT rows FROM corpus_count WHERE kind = 'passage'")).rows[0]!.rows);
    return chooseQueryTerms(df.rows.map((r) => ({ lexeme: r.lexeme, df: Number(r.rows) })), total).map((t) => t.lexeme);
  };
  const tsquery = (lexemes: string[]): string => lexemes.map((l) => `'${l.replace(/'/g, "''")}'`).join(' | ');
  const keyOf = (h: { document: { id: string }; index: number }): string => `${h.document.id}#${h.index}`;
  const methods: Method[] = [
    { name: 'tsvector + GIN, BM25 over the rarest terms (the store)', search: async (q) => (await store.searchPassages(q, { limit: 10 })).map(keyOf) },
    {
      name: 'tsvector + GIN, ts_rank over the same terms',
      search: async (q) => {
        const t = await terms(q);
        if (t.length === 0) return [];
        const r = await c.query<{ key: string }>(
          `SELECT d.ext_id || '#' || p.idx AS key FROM passage p JOIN document d ON d.id = p.document_id
           WHERE p.tsv @@ $1::tsquery ORDER BY ts_rank(p.tsv, $1::tsquery) DESC, p.id LIMIT 10`,
          [tsquery(t)],
        );
        return r.rows.map((x) => x.key);
      },
    },
    {
      name: 'pg_trgm word similarity (GIN trigram index, threshold 0.6)',
      search: async (q) => (await c.query<{ key: string }>('SELECT key FROM passage_text WHERE $1 <% text ORDER BY $1 <<-> text LIMIT 10', [q])).rows.map((x) => x.key),
    },
    {
      name: 'pg_trgm word similarity (threshold 0.4)',
      search: async (q) => {
        await c.query('SET pg_trgm.word_similarity_threshold = 0.4');
        try {
          return (await c.query<{ key: string }>('SELECT key FROM passage_text WHERE $1 <% text ORDER BY $1 <<-> text LIMIT 10', [q])).rows.map((x) => x.key);
        } finally {
          await c.query('RESET pg_trgm.word_similarity_threshold');
        }
      },
    },
  ];
  const reference = new Map<string, string[]>();
  for (const q of queries) reference.set(q.text, (await sqlite.searchPassages(q.text, { limit: 10 })).map(keyOf));
  const lines = [
    '| method | known passage in top 10 | MRR | share of the SQLite top 10 | p50 ms | p95 ms |',
    '|---|---|---|---|---|---|',
  ];
  for (const m of methods) {
    for (const q of queries.slice(0, 10)) await m.search(q.text); // warm the caches
    const times: number[] = [];
    let found = 0;
    let rr = 0;
    let overlap = 0;
    for (const q of queries) {
      const t = performance.now();
      const keys = await m.search(q.text);
      times.push(performance.now() - t);
      // the sentence may stand in several stored passages (a story in two corpora): any of them counts
      const rank = keys.findIndex((k) => k === q.key || textOf.get(k)?.includes(q.sentence));
      if (rank >= 0) {
        found++;
        rr += 1 / (rank + 1);
      }
      const ref = reference.get(q.text)!;
      if (ref.length > 0) overlap += keys.filter((k) => ref.includes(k)).length / ref.length;
    }
    const withRef = queries.filter((q) => reference.get(q.text)!.length > 0).length;
    lines.push(`| ${m.name} | ${pct(found / queries.length)} | ${(rr / queries.length).toFixed(3)} | ${pct(overlap / Math.max(1, withRef))} | ${ms(percentile(times, 0.5))} | ${ms(percentile(times, 0.95))} |`);
  }
  await c.query('DROP TABLE passage_text');
  if (!hadTrgm) await c.query('DROP EXTENSION pg_trgm');
  await c.end();
  await store.close();
  await sqlite.close();
  return [
    `Real passages: ${int(passages.length)} (the 5 article corpora of ../shared/data); ${queries.length} queries, each a sentence of a stored passage with one word dropped and one replaced by a random word; one client, warm cache.`,
    '',
    ...lines,
    '',
    `Index sizes: tsvector GIN ${mib(sizes.get('passage_tsv') ?? 0)} (built in ${tsvBuildS.toFixed(1)} s), trigram GIN ${mib(sizes.get('passage_text_trgm') ?? 0)} (built in ${trgmBuildS.toFixed(1)} s) on top of the passage text it needs (${mib(sizes.get('passage_text') ?? 0)}; the store keeps passages contentless, as spans of their documents).`,
  ].join('\n');
}

// ---------------------------------------------------------------- 2. one million passages

async function bigCorpus(articles: Article[], dir: string, schema: string): Promise<string> {
  const url = schemaUrl(schema);
  let store: CorpusStore = await openPostgresStore(url, { create: true });
  // the real fact-checks of the demo corpus (built in SQLite, as bench:store does), so fact-check
  // lookups run against real claims; its articles stay out, the planted ones are the real articles
  log('real fact-checks of the demo corpus into PostgreSQL');
  const demoDb = openSqliteStore(join(dir, 'demo.db'), { create: true });
  await buildDemoCorpus(demoDb, DATA);
  await demoDb.close();
  const raw = new Database(join(dir, 'demo.db'), { readonly: true });
  const factRows = raw.prepare('SELECT ext_id, claim, claimant, rating, verdict, reviewer, review_date, url, item_url, collection FROM fact_check').all() as Record<string, string | null>[];
  raw.close();
  let t0 = performance.now();
  for (let i = 0; i < factRows.length; i += 2000) {
    await store.addFactChecks(
      factRows.slice(i, i + 2000).map((r) => ({
        id: r.ext_id!,
        claim: r.claim ?? undefined,
        claimant: r.claimant ?? undefined,
        rating: r.rating!,
        verdict: r.verdict as never,
        reviewer: r.reviewer ?? undefined,
        reviewDate: r.review_date ?? undefined,
        url: r.url ?? undefined,
        itemUrl: r.item_url ?? undefined,
        collection: r.collection ?? undefined,
      })),
    );
  }
  const factS = (performance.now() - t0) / 1000;
  const model = bigramModel(articles);
  const random = rng(42);
  const planted = shuffle(articles, rng(3)).slice(0, 2000);
  const docs = Math.ceil((PASSAGES - 15_000) / PARAGRAPHS_PER_DOC);
  const jsonl = join(dir, 'big.jsonl');
  const out = openSync(jsonl, 'w');
  for (let i = 0; i < docs; i += 2000) {
    const lines: string[] = [];
    for (let j = i; j < Math.min(docs, i + 2000); j++) {
      const paragraphs = Array.from({ length: PARAGRAPHS_PER_DOC }, () => generateParagraph(model, random, 45 + Math.floor(random() * 25)));
      const record: DocumentRecord = {
        id: `gen-${j}`,
        title: paragraphs[0]!.split(' ').slice(0, 8).join(' '),
        text: paragraphs.join('\n\n'),
        url: `https://site${j % 5000}.example/${j}`,
        publishedAt: new Date(Date.UTC(2015, 0, 1 + Math.floor(random() * 700))).toISOString().slice(0, 10),
      };
      lines.push(JSON.stringify(record));
    }
    writeSync(out, `${lines.join('\n')}\n`);
  }
  writeSync(out, `${planted.map((a) => JSON.stringify({ id: `planted/${a.id}`, title: a.title, text: a.text, label: a.label })).join('\n')}\n`);
  closeSync(out);
  log(`generated corpus written: ${int(docs + planted.length)} documents, ${(statSync(jsonl).size / 2 ** 20).toFixed(0)} MiB of JSONL`);
  t0 = performance.now();
  const importer = createImporter(store);
  const summary = await importer.importPath(jsonl, {
    batchSize: 2000,
    worker: 'auto',
    onProgress: (rows) => {
      if (rows % 20_000 < 1000) log(`generated corpus: ${int(rows)} rows imported`);
    },
  });
  await importer.close();
  const importS = (performance.now() - t0) / 1000;
  rmSync(jsonl, { force: true });
  const c = await rawClient(schema);
  t0 = performance.now();
  await c.query('VACUUM ANALYZE');
  const vacuumS = (performance.now() - t0) / 1000;
  const sizes = await relationSizes(c, ['document', 'passage', 'passage_tsv', 'passage_pkey', 'passage_document', 'fingerprint', 'fingerprint_pkey', 'fact_check', 'fact_check_tsv', 'fact_check_posting', 'fact_check_posting_pkey', 'passage_term']);
  const fingerprints = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM fingerprint')).rows[0]!.n);
  await c.end();
  await store.close();
  store = await openPostgresStore(url, { readonly: true });
  const stats = await store.stats();
  const added = summary.documents.added;
  log(`big corpus: ${int(stats.documents)} documents, ${int(stats.passages)} passages, ${int(stats.factChecks)} fact-checks, ${(stats.sizeBytes! / 2 ** 30).toFixed(2)} GiB`);

  const plantedIds = new Set(planted.map((a) => a.id));
  const outside = shuffle(articles.filter((a) => !plantedIds.has(a.id)), rng(5)).slice(0, 100);
  const vocabulary = [...new Set(articles.slice(0, 300).flatMap((a) => a.text.split(/\s+/)))].filter((w) => /^[a-z]{3,}$/.test(w));
  const editRandom = rng(11);
  const queries = [
    ...planted.slice(0, 100).map((a, i) => ({ title: a.title, text: applyEdit(a.text, EDITS[i % EDITS.length]!, editRandom, vocabulary), planted: true })),
    ...outside.map((a) => ({ title: a.title, text: a.text, planted: false })),
  ].map((q) => {
    const article = `${q.title}\n\n${q.text}`;
    const parsed = parseArticle(ingestText(article, { requireEnglish: false }));
    return { text: article, claims: pickClaimQueries(parsed, 5).map((x) => x.text), evidenceClaims: pickClaimQueries(parsed, 3).map((x) => x.text), planted: q.planted };
  });
  /** The provenance and fact-check lookups of one article, as the analyzers make them. */
  const lookups = async (s: CorpusStore, q: (typeof queries)[number]): Promise<{ reuseMs: number; factMs: number; isFound: boolean }> => {
    const t0 = performance.now();
    const matches = await s.findReuse(q.text, { limit: 8 });
    const t1 = performance.now();
    for (const claim of q.claims) {
      const hits = await s.searchFactChecks(claim, { limit: CANDIDATES });
      const top = hits[0]?.score ?? 0;
      const prepared = prepareClaim(claim);
      for (const h of hits) if (h.factCheck.claim) matchProbability(matchFeatures(prepared, h.factCheck.claim, h.score, top));
    }
    return { reuseMs: t1 - t0, factMs: performance.now() - t1, isFound: q.planted && Boolean(matches[0]?.document.id.startsWith('planted/')) };
  };
  for (const q of queries.slice(0, 5)) await lookups(store, q); // warm, as a running server is
  const reuseMs: number[] = [];
  const factMs: number[] = [];
  const perArticle: number[] = [];
  const perArticleCpu: number[] = [];
  const evidenceMs: number[] = [];
  let found = 0;
  for (const q of queries) {
    const cpu0 = process.cpuUsage();
    const r = await lookups(store, q);
    const cpu = process.cpuUsage(cpu0);
    reuseMs.push(r.reuseMs);
    factMs.push(r.factMs);
    perArticle.push(r.reuseMs + r.factMs);
    perArticleCpu.push((cpu.user + cpu.system) / 1000);
    if (r.isFound) found++;
    const t = performance.now();
    for (const claim of q.evidenceClaims) await store.searchPassages(claim, { limit: 30 });
    evidenceMs.push(performance.now() - t);
  }
  await store.close();
  // the same lookups from several clients at once, each with its own handle, as several workers would
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => openPostgresStore(url, { readonly: true })));
  const together: number[] = [];
  const started = performance.now();
  await Promise.all(
    clients.map(async (s, k) => {
      for (const q of queries.filter((_, i) => i % CLIENTS === k)) {
        const r = await lookups(s, q);
        together.push(r.reuseMs + r.factMs);
      }
    }),
  );
  const togetherS = (performance.now() - started) / 1000;
  await Promise.all(clients.map((s) => s.close()));

  const row = (label: string, xs: number[]): string => `| ${label} | ${ms(percentile(xs, 0.5))} | ${ms(percentile(xs, 0.95))} | ${ms(Math.max(...xs))} |`;
  return [
    `Corpus: ${int(stats.documents)} documents (${int(docs)} generated from a word-bigram model of the real articles, ${PARAGRAPHS_PER_DOC} paragraphs each, and ${int(planted.length)} real articles planted among them), **${int(stats.passages)} passages**, ${int(fingerprints)} fingerprints, ${int(stats.factChecks)} real fact-checks; ${(stats.sizeBytes! / 2 ** 30).toFixed(2)} GiB in PostgreSQL ${(await serverVersion()).split(' ')[0]} (default settings: shared_buffers 128 MB).`,
    '',
    `Import: ${int(stats.factChecks)} fact-checks in ${factS.toFixed(1)} s (batches of 2,000); the generated JSONL as \`corpus import\` reads it, batches of 2,000, **${int(added / importS)} documents/s** (${int(stats.passages / importS)} passages/s; text generation excluded); VACUUM ANALYZE afterwards ${vacuumS.toFixed(0)} s (autovacuum does it on a live server; until then index-only scans read the heap too).`,
    '',
    '| table / index | size |',
    '|---|---|',
    ...[
      ['fact_check_posting (index-only BM25 for fact-checks)', 'fact_check_posting_pkey'],
      ['document (with the texts)', 'document'],
      ['passage (spans, lengths, tsvectors)', 'passage'],
      ['passage_tsv (GIN)', 'passage_tsv'],
      ['fingerprint (table)', 'fingerprint'],
      ['fingerprint_pkey (B-tree on hash, document)', 'fingerprint_pkey'],
      ['passage_term (term row counts)', 'passage_term'],
      ['fact_check + fact_check_tsv', 'fact_check'],
    ].map(([label, name]) => `| ${label} | ${mib((sizes.get(name!) ?? 0) + (name === 'fact_check' ? (sizes.get('fact_check_tsv') ?? 0) : 0))} |`),
    '',
    `Lookups for 200 articles (100 edited copies of planted articles, 100 real articles not in the corpus), as the analyzers make them, one after the other from one client:`,
    '',
    '| per article | p50 ms | p95 ms | max ms |',
    '|---|---|---|---|',
    row('provenance (findReuse: fingerprint lookup + verification)', reuseMs),
    row('fact-check matching (top 5 claims: BM25 + match model)', factMs),
    `| **provenance + fact-check** (wall clock) | **${ms(percentile(perArticle, 0.5))}** | **${ms(percentile(perArticle, 0.95))}** | ${ms(Math.max(...perArticle))} |`,
    row('provenance + fact-check, CPU time of this process', perArticleCpu),
    row(`provenance + fact-check, ${CLIENTS} clients at once (each its own connections)`, together),
    row('evidence passage search (top 3 claims, BM25 over all passages; not in the target)', evidenceMs),
    '',
    `With ${CLIENTS} clients the 200 articles took ${togetherS.toFixed(1)} s (${(200 / togetherS).toFixed(0)} articles/s of lookups). The edited planted articles were the top provenance match in ${found} of 100 cases. Load average while measuring: ${loadavg()[0]!.toFixed(1)}; the PostgreSQL server runs on the same two cores.`,
  ].join('\n');
}

let cachedVersion: string | undefined;
async function serverVersion(): Promise<string> {
  if (cachedVersion) return cachedVersion;
  const c = new pg.Client({ connectionString: BASE_URL });
  await c.connect();
  cachedVersion = (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
  await c.end();
  return cachedVersion;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  if (!existsSync(join(DATA, 'MANIFEST.md'))) {
    process.stderr.write('bench:pg-store needs ../shared/data (the article corpora and fact-checks); it is absent, so nothing was measured.\n');
    process.exitCode = 2;
    return;
  }
  try {
    await serverVersion();
  } catch (err) {
    process.stderr.write(`bench:pg-store needs PostgreSQL at ${BASE_URL.replace(/:[^:@/]*@/, ':***@')} (${(err as Error).message}); nothing was measured.\n`);
    process.exitCode = 2;
    return;
  }
  const tag = randomBytes(3).toString('hex');
  const schemas = [`factlens_bench_fts_${tag}`, `factlens_bench_big_${tag}`];
  const dir = mkdtempSync(join(tmpdir(), 'factlens-bench-pg-'));
  const dropSchemas = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: BASE_URL });
    await c.connect();
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await c.end();
  };
  // an interrupted run leaves nothing behind either
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      rmSync(dir, { recursive: true, force: true });
      void dropSchemas().finally(() => process.exit(130));
    });
  }
  try {
    const articles = loadArticles();
    log(`${articles.length} distinct articles loaded; full-text search choice on the real passages`);
    const choice = FTS ? await searchChoice(articles, dir, schemas[0]!) : 'Not measured in this run (--no-fts).';
    process.stdout.write(`${choice}\n\n`);
    log(BIG ? `corpus of ${int(PASSAGES)} passages` : 'large corpus skipped (--no-big)');
    const big = BIG ? await bigCorpus(articles, dir, schemas[1]!) : 'Not measured in this run (--no-big).';
    const body = ['### Full-text search: which index and ranking', '', choice, '', `### ${int(PASSAGES)}-passage corpus: lookup latency`, '', big].join('\n');
    process.stdout.write(`${big}\n`);
    if (WRITE && BIG && FTS) {
      await writeBenchmarkSection('bench-pg-store', 'PostgreSQL corpus store', body, `npm run bench:pg-store${QUICK ? ' -- --quick' : ''}`);
      log('wrote the bench-pg-store section of docs/BENCHMARKS.md');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropSchemas();
  }
}

await main();
