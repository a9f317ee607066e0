/**
 * PostgreSQL-only behaviour of the corpus store, on the real server (test-backends.ts: a random
 * schema per database, dropped afterwards); the contract both backends share is in store.test.ts.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parsePostgresUrl } from './pg.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './postgres-schema.js';
import { openPostgresStore } from './postgres.js';
import { expectCode, onTestServer, paragraph, postgresUnavailable, storeBackends } from './test-backends.js';

const skip = await postgresUnavailable();
const backend = (await storeBackends()).find((b) => b.name === 'postgres')!;
after(() => backend.cleanup());

const schemaOf = (db: string): string => new URL(db).searchParams.get('schema')!;

describe('postgres corpus store', { skip }, () => {
  it('migrates a new database once when several processes open it at the same moment', async () => {
    const db = backend.fresh();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(db, { create: true })));
    const rows = await backend.sql(db, 'SELECT version FROM corpus_schema_version ORDER BY version');
    assert.deepEqual(rows.map((r) => Number(r.version)), PG_MIGRATIONS.map((m) => m.version), 'each migration applied once');
    await Promise.all(stores.map((s) => s.close()));
  });

  it('keeps every document once and the term counts exact when two handles import overlapping batches at once', async () => {
    const db = backend.fresh();
    const [a, b] = await Promise.all([openPostgresStore(db, { create: true }), openPostgresStore(db, { create: true })]);
    const docs = Array.from({ length: 40 }, (_, i) => ({ id: `o${i}`, text: `${paragraph(i)}.\n\n${paragraph(i + 500)}.` }));
    const [ra, rb] = await Promise.all([a!.addDocuments(docs.slice(0, 30)), b!.addDocuments(docs.slice(10))]);
    assert.equal(ra.added + rb.added, 40);
    assert.equal(ra.unchanged + rb.unchanged, 20);
    assert.deepEqual([...ra.rejected, ...rb.rejected], []);
    const [counts] = await backend.sql(
      db,
      `SELECT (SELECT count(*) FROM document) AS documents,
              (SELECT count(*) FROM passage) AS passages,
              (SELECT rows FROM corpus_count WHERE kind = 'passage') AS counted,
              (SELECT sum(rows) FROM passage_term) AS term_rows,
              (SELECT count(*) FROM passage p CROSS JOIN LATERAL unnest(p.tsv)) AS lexemes`,
    );
    assert.equal(Number(counts!.documents), 40);
    assert.equal(Number(counts!.counted), Number(counts!.passages));
    assert.equal(Number(counts!.term_rows), Number(counts!.lexemes));
    assert.equal((await a!.findReuse(docs[35]!.text, { limit: 1 }))[0]?.document.id, 'o35');
    await Promise.all([a!.close(), b!.close()]);
  });

  it('rolls back a whole batch that fails at its last step: nothing half-written, the store still works', async () => {
    const db = backend.fresh();
    const store = await openPostgresStore(db, { create: true });
    await store.addDocuments([{ id: 'first', text: `${paragraph(1)}.` }]);
    const before = await backend.sql(db, "SELECT (SELECT count(*) FROM passage) AS p, (SELECT sum(rows) FROM passage_term) AS t, (SELECT rows FROM corpus_count WHERE kind = 'passage') AS c");
    // fingerprints are the last write of a batch: make them fail after documents and passages went in
    await backend.sql(db, 'ALTER TABLE fingerprint ADD CONSTRAINT no_more CHECK (hash < 0) NOT VALID');
    await assert.rejects(store.addDocuments([{ id: 'second', text: `${paragraph(2)}.` }]), expectCode('store-failed'));
    assert.deepEqual(
      await backend.sql(db, "SELECT (SELECT count(*) FROM passage) AS p, (SELECT sum(rows) FROM passage_term) AS t, (SELECT rows FROM corpus_count WHERE kind = 'passage') AS c"),
      before,
    );
    assert.equal(await store.getDocument('second'), undefined);
    await backend.sql(db, 'ALTER TABLE fingerprint DROP CONSTRAINT no_more');
    assert.deepEqual(await store.addDocuments([{ id: 'second', text: `${paragraph(2)}.` }]), { added: 1, unchanged: 0, rejected: [] });
    await store.close();
  });

  it('upgrades a schema-1 corpus: the fact-check postings are built from the stored claims', async () => {
    const db = backend.fresh();
    const store = await openPostgresStore(db, { create: true });
    await store.addFactChecks([
      { id: 'f1', claim: 'The harbour tunnel will cost four billion dollars.', rating: 'False', verdict: 'false' },
      { id: 'f2', claim: 'The mayor cut the library budget twice.', rating: 'True', verdict: 'true' },
    ]);
    await store.close();
    await backend.sql(db, 'DROP TABLE fact_check_posting; DELETE FROM corpus_schema_version WHERE version > 1');
    await assert.rejects(openPostgresStore(db, { readonly: true }), expectCode('store-version'));
    const upgraded = await openPostgresStore(db, { create: true });
    assert.equal((await upgraded.stats()).schemaVersion, PG_SCHEMA_VERSION);
    assert.equal((await upgraded.searchFactChecks('tunnel cost billions'))[0]?.factCheck.id, 'f1');
    assert.equal((await upgraded.searchFactChecks('library budget'))[0]?.factCheck.id, 'f2');
    await upgraded.close();
  });

  it('reconnects when the server drops its connections (a restart), without a new handle', async () => {
    const db = backend.fresh();
    // a name of its own, so only this handle's connections are dropped
    const name = `factlens_${schemaOf(db)}`;
    const store = await openPostgresStore(`${db}&application_name=${name}`, { create: true });
    await store.addDocuments([{ id: 'kept', text: `${paragraph(7)}.` }]);
    const [killed] = await onTestServer(async (c) => (await c.query('SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = $1', [name])).rows);
    assert.ok(Number(killed.n) > 0);
    // the pool drops the dead connections and opens new ones
    assert.equal((await store.getDocument('kept'))?.id, 'kept');
    assert.equal((await store.findReuse(paragraph(7)))[0]?.document.id, 'kept');
    await store.close();
  });

  it('refuses a schema that holds tables of something else, a bad URL, and says so when no server answers', async () => {
    const db = backend.fresh();
    await onTestServer(async (c) => {
      await c.query(`CREATE SCHEMA ${schemaOf(db)}`);
      await c.query(`CREATE TABLE ${schemaOf(db)}.document (name text)`);
    });
    await assert.rejects(openPostgresStore(db, { create: true }), expectCode('store-corrupt'));
    assert.throws(() => parsePostgresUrl('postgres://127.0.0.1/test?schema=Bad-Name'), expectCode('config-invalid'));
    assert.equal(parsePostgresUrl('postgres://u:secret@127.0.0.1:5432/test?schema=s1').location, 'postgres://u:***@127.0.0.1:5432/test?schema=s1');
    const down = openPostgresStore('postgres://postgres:secret@127.0.0.1:1/test', { readonly: true });
    await assert.rejects(down, (err: unknown) => expectCode('store-failed')(err) && /Cannot reach PostgreSQL/.test((err as Error).message) && !/secret/.test((err as Error).message));
  });
});
