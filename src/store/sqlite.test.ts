import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from './schema.js';
import { openSqliteStore } from './sqlite.js';
import { DOC, expectCode, paragraph } from './test-backends.js';

const dir = mkdtempSync(join(tmpdir(), 'factlens-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(dir, `c${++n}.db`);

/** SQLite-only behaviour; the contract both backends share is in store.test.ts. */
describe('sqlite corpus store', () => {
  it('refuses a corrupt file and a SQLite file that is not a corpus', () => {
    const garbage = fresh();
    writeFileSync(garbage, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0xab)]));
    assert.throws(() => openSqliteStore(garbage, { readonly: true }), expectCode('store-corrupt'));
    const text = fresh();
    writeFileSync(text, 'just some text, not a database at all\n'.repeat(200));
    assert.throws(() => openSqliteStore(text, { create: true }), expectCode('store-corrupt'));
    const other = fresh();
    const raw = new Database(other);
    raw.exec('CREATE TABLE people (name TEXT)');
    raw.close();
    assert.throws(() => openSqliteStore(other, { create: true }), expectCode('store-corrupt'));
  });

  it('detects damage found while reading, not only at open', async () => {
    const path = fresh();
    const store = openSqliteStore(path, { create: true });
    await store.addDocuments(Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, text: `${paragraph(i)}\n\n${paragraph(i + 1)}` })));
    await store.close();
    const raw = new Database(path);
    raw.pragma('journal_mode = DELETE');
    const root = Number((raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'fingerprint'").get() as { rootpage: number }).rootpage);
    const pageSize = Number(raw.pragma('page_size', { simple: true }));
    raw.close();
    // overwrite the fingerprint index's root page with garbage
    const { openSync, writeSync, closeSync } = await import('node:fs');
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);
    const damaged = openSqliteStore(path, { readonly: true });
    await assert.rejects(damaged.findReuse(paragraph(3)), expectCode('store-corrupt'));
    await damaged.close();
  });

  it('refuses to open a write-protected file for writing and leaves it as it was', async () => {
    const path = fresh();
    const store = openSqliteStore(path, { create: true });
    await store.addDocuments([DOC]);
    await store.close();
    chmodSync(path, 0o444);
    assert.throws(() => openSqliteStore(path, { create: true }), expectCode('store-readonly'));
    chmodSync(path, 0o644);
    const check = openSqliteStore(path, { readonly: true });
    assert.equal((await check.stats()).documents, 1);
    await check.close();
  });

  it('upgrades a version-2 corpus by re-indexing its passages, which then rank by BM25', async () => {
    const path = fresh();
    const store = openSqliteStore(path, { create: true });
    await store.addDocuments([
      ...Array.from({ length: 20 }, (_, i) => ({ id: `f${i}`, text: `${paragraph(i)}.` })),
      { id: 'target', text: `${paragraph(99)} zeppelin hangar collapsed.` },
    ]);
    await store.close();
    // the version-2 passage index, empty: only the upgrade's re-indexing can fill it
    const raw = new Database(path);
    raw.exec(`DROP TABLE passage_vocab; DROP TABLE passage_fts;
      CREATE VIRTUAL TABLE passage_fts USING fts5 (text, content = '', contentless_delete = 1, detail = column, tokenize = 'porter unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE passage_vocab USING fts5vocab (passage_fts, 'row');
      DELETE FROM schema_version WHERE version > 2`);
    raw.close();
    const upgraded = openSqliteStore(path, {});
    assert.equal((await upgraded.stats()).schemaVersion, SCHEMA_VERSION);
    const hits = await upgraded.searchPassages('zeppelin hangar council');
    assert.equal(hits[0]?.document.id, 'target');
    assert.ok(hits[0]!.score > 1);
    const withWord = [...Array.from({ length: 20 }, (_, i) => paragraph(i)), paragraph(99)].filter((t) => /\bschool\b/.test(t)).length;
    assert.equal((await upgraded.searchPassages('school', { limit: 50 })).length, withWord);
    await upgraded.close();
  });

  it('says clearly when there is no corpus file', () => {
    assert.throws(() => openSqliteStore(join(dir, 'missing.db'), { readonly: true }), expectCode('not-found'));
  });
  it('rolls back a whole batch when the disk is full: nothing half-written, the store still works', async () => {
    const path = fresh();
    const store = openSqliteStore(path, { create: true, maxSizeMiB: 0.5 });
    await store.addDocuments([DOC]);
    const big = Array.from({ length: 300 }, (_, i) => ({ id: `big${i}`, text: Array.from({ length: 6 }, (_, j) => paragraph(i * 6 + j)).join('\n\n') }));
    await assert.rejects(store.addDocuments(big), (err: unknown) => expectCode('store-failed')(err) && /full/.test((err as Error).message));
    const stats = await store.stats();
    assert.deepEqual({ documents: stats.documents, passages: stats.passages }, { documents: 1, passages: 1 });
    assert.deepEqual(await store.addDocuments([{ id: 'small', text: 'Still writable after the failure.' }]), { added: 1, unchanged: 0, rejected: [] });
    await store.close();
    const raw = new Database(path, { readonly: true });
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal((raw.prepare('SELECT count(*) AS n FROM fingerprint WHERE document_id NOT IN (SELECT id FROM document)').get() as { n: number }).n, 0);
    raw.close();
  });

  it('stages fingerprints of a large corpus apart and merges them, finding reuse throughout', async () => {
    const path = fresh();
    const store = openSqliteStore(path, { create: true, fingerprintStaging: { fromDocuments: 3, mergeRows: 40 } });
    const docs = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, text: `${paragraph(100 + i)}\n\n${paragraph(200 + i)}` }));
    const raw = new Database(path, { readonly: true });
    const staged = (): number => (raw.prepare('SELECT count(*) AS n FROM fingerprint_new').get() as { n: number }).n;
    await store.addDocuments(docs.slice(0, 4)); // under 3 documents before the batch: the main table
    assert.equal(staged(), 0);
    await store.addDocuments(docs.slice(4, 6)); // staged
    assert.ok(staged() > 0);
    for (const d of docs.slice(0, 6)) assert.equal((await store.findReuse(d.text, { limit: 1 }))[0]?.document.id, d.id);
    await store.addDocuments(docs.slice(6, 9));
    await store.addDocuments(docs.slice(9)); // the staging table had passed 40 rows: merged first
    assert.ok(staged() < 40);
    for (const d of docs) assert.equal((await store.findReuse(d.text, { limit: 1 }))[0]?.document.id, d.id);
    await store.close();
    assert.equal(staged(), 0); // merged on close
    raw.close();
  });

  it('reads a schema-1 corpus read-only as it is, and upgrades it when opened for writing', async () => {
    const path = fresh();
    const store = openSqliteStore(path, { create: true });
    await store.addDocuments([{ id: 'old', text: `${paragraph(1)}\n\n${paragraph(2)}` }]);
    await store.close();
    const raw = new Database(path);
    raw.exec('DROP TABLE fingerprint_new; DELETE FROM schema_version WHERE version > 1');
    raw.close();
    const ro = openSqliteStore(path, { readonly: true });
    assert.equal((await ro.findReuse(paragraph(2)))[0]?.document.id, 'old');
    assert.equal((await ro.stats()).schemaVersion, 1);
    await ro.close();
    const rw = openSqliteStore(path, {});
    assert.equal((await rw.stats()).schemaVersion, SCHEMA_VERSION);
    assert.equal((await rw.findReuse(paragraph(1)))[0]?.document.id, 'old');
    await rw.close();
  });

});
