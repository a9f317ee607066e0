import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { FactlensError } from '../core/errors.js';
import { SCHEMA_VERSION } from './schema.js';
import { openSqliteStore } from './sqlite.js';
import type { DocumentRecord } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'factlens-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(dir, `c${++n}.db`);

const VOCABULARY = (
  'council budget river bridge school minister report election harbour storm market court police hospital farmer ' +
  'teacher village station train airport mayor senator vote tax price wage strike union factory mine port ship ' +
  'road tunnel park museum library church festival concert team match league coach player fans ticket season'
).split(' ');

/** 60 pseudo-random words: distinct seeds share no run of five words. */
function paragraph(seed: number): string {
  let x = seed * 2654435761;
  return Array.from({ length: 60 }, () => {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    return VOCABULARY[(x >>> 0) % VOCABULARY.length];
  }).join(' ');
}

const DOC: DocumentRecord = {
  id: 'd1',
  title: 'Bridge reopens',
  text: 'The river bridge reopened on Monday after two years of repairs, the council said.\n\nTraffic was light in the morning.',
  url: 'https://www.example.com/bridge',
  publishedAt: '2020-03-02T10:00:00Z',
};

function expectCode(code: string): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof FactlensError, `a FactlensError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  };
}

describe('sqlite corpus store', () => {
  it('creates the schema, records its version, and reopens read-only', async () => {
    const path = fresh();
    const store = openSqliteStore(path, { create: true });
    assert.deepEqual(await store.addDocuments([DOC]), { added: 1, unchanged: 0, rejected: [] });
    await store.close();
    const raw = new Database(path, { readonly: true });
    assert.equal((raw.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number }).v, SCHEMA_VERSION);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    raw.close();
    const ro = openSqliteStore(path, { readonly: true });
    const doc = await ro.getDocument('d1');
    assert.deepEqual(doc, { ...DOC, publishedAt: '2020-03-02', source: 'example.com', label: undefined, collection: undefined });
    await ro.close();
  });

  it('re-imports idempotently; rejects duplicate ids with other content and malformed rows, keeping the good ones', async () => {
    const store = openSqliteStore(fresh(), { create: true });
    await store.addDocuments([DOC]);
    const result = await store.addDocuments([
      DOC,
      { ...DOC, text: 'Another text entirely, under the same id.' },
      { id: 'empty', text: '   ' },
      { id: 'bad-date', text: 'Some text.', publishedAt: 'next Thursday-ish' },
      { id: 'bad-title', text: 'Some text.', title: 42 as unknown as string },
      { id: 'ok', text: 'A good row among bad ones.' },
      { id: 'ok', text: 'The same id twice in one batch.' },
    ]);
    assert.equal(result.added, 1);
    assert.equal(result.unchanged, 1);
    assert.deepEqual(result.rejected, [
      { index: 1, message: 'duplicate id "d1" with different content' },
      { index: 2, message: 'text is missing or empty' },
      { index: 3, message: '"next Thursday-ish" is not a date' },
      { index: 4, message: 'title must be a string' },
      { index: 6, message: 'duplicate id "ok" with different content' },
    ]);
    assert.equal((await store.stats()).documents, 2);
    const facts = await store.addFactChecks([
      { claim: 'x', rating: 'False', verdict: 'false' },
      { rating: 'False', verdict: 'false' },
      { claim: 'y', rating: '', verdict: 'false' },
      { claim: 'z', rating: 'odd', verdict: 'wrong' as never },
    ]);
    assert.equal(facts.added, 1);
    assert.deepEqual(
      facts.rejected.map((r) => r.message),
      ['a fact-check needs a claim or an item URL', 'rating is missing', 'verdict "wrong" is not one of false, mostly-false, mixed, mostly-true, true, unproven, other'],
    );
    const ratings = await store.addSourceRatings([
      { domain: 'https://WWW.Bad.example/path', label: 'fake', rawLabel: 'Fake', list: 'L' },
      { domain: 'bad.example', label: 'fake', rawLabel: 'Fake', list: 'L' },
      { domain: 'not a domain', label: 'fake', rawLabel: 'x', list: 'L' },
    ]);
    assert.deepEqual(ratings, { added: 1, unchanged: 1, rejected: [{ index: 2, message: '"not a domain" is not a domain' }] });
    await store.close();
  });

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

  it('refuses a database from a newer schema, and one fingerprinted with other settings', async () => {
    const path = fresh();
    await openSqliteStore(path, { create: true }).close();
    const raw = new Database(path);
    raw.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(SCHEMA_VERSION + 1, '2030-01-01');
    raw.close();
    assert.throws(() => openSqliteStore(path, { readonly: true }), expectCode('store-version'));
    assert.throws(() => openSqliteStore(path, { create: true }), expectCode('store-version'));
    const other = fresh();
    await openSqliteStore(other, { create: true }).close();
    const raw2 = new Database(other);
    raw2.prepare("UPDATE meta SET value = '9' WHERE key = 'shingle_words'").run();
    raw2.close();
    assert.throws(() => openSqliteStore(other, { readonly: true }), expectCode('store-version'));
  });

  it('refuses writes to a read-only database and leaves it as it was', async () => {
    const path = fresh();
    const store = openSqliteStore(path, { create: true });
    await store.addDocuments([DOC]);
    await store.close();
    const ro = openSqliteStore(path, { readonly: true });
    await assert.rejects(ro.addDocuments([{ id: 'new', text: 'A new document.' }]), expectCode('store-readonly'));
    await ro.close();
    chmodSync(path, 0o444);
    assert.throws(() => openSqliteStore(path, { create: true }), expectCode('store-readonly'));
    chmodSync(path, 0o644);
    const check = openSqliteStore(path, { readonly: true });
    assert.equal((await check.stats()).documents, 1);
    await check.close();
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

  it('says clearly when there is no corpus file', () => {
    assert.throws(() => openSqliteStore(join(dir, 'missing.db'), { readonly: true }), expectCode('not-found'));
  });

  it('searches passages and fact-checks with BM25, within dates and without excluded sources', async () => {
    const store = openSqliteStore(fresh(), { create: true });
    await store.addDocuments([
      DOC,
      { id: 'd2', text: 'The old bridge over the river closed for repairs in 2018.', url: 'https://other.example.org/a', publishedAt: '2018-01-05' },
      { id: 'd3', text: 'Schools reopened after the storm.', url: 'https://third.example.net/b' },
    ]);
    const hits = await store.searchPassages('river bridge repairs');
    assert.deepEqual(hits.map((h) => h.document.id).sort(), ['d1', 'd2']);
    assert.equal(hits[0]!.text, DOC.text.slice(hits[0]!.span.start, hits[0]!.span.end));
    const windowed = await store.searchPassages('river bridge repairs', { publishedFrom: '2020-01-01', publishedTo: '2020-12-31' });
    assert.deepEqual(windowed.map((h) => h.document.id), ['d1']);
    const excluded = await store.searchPassages('river bridge repairs', { excludeSources: ['example.com'] });
    assert.deepEqual(excluded.map((h) => h.document.id), ['d2']);
    assert.deepEqual(await store.searchPassages('the of and'), []);
    await store.addFactChecks([
      { id: 'f1', claim: 'The river bridge was closed for two years.', rating: 'True', verdict: 'true', itemUrl: 'http://www.example.com/bridge/' },
    ]);
    assert.equal((await store.searchFactChecks('bridge closed two years'))[0]?.factCheck.id, 'f1');
    assert.equal((await store.factChecksForUrl('https://example.com/bridge?utm_source=x'))[0]?.id, 'f1');
    await store.close();
  });

  it('finds reused text with shares and spans on both sides', async () => {
    const store = openSqliteStore(fresh(), { create: true });
    const a = paragraph(1);
    const b = paragraph(2);
    await store.addDocuments([{ id: 'src', text: `${a}\n\n${b}` }, { id: 'noise', text: paragraph(9) }]);
    const query = `Intro words that are new here.\n\n${b}`;
    const [match, ...rest] = await store.findReuse(query);
    assert.equal(match?.document.id, 'src');
    assert.ok(match!.queryShare > 0.8 && match!.documentShare > 0.4 && match!.documentShare < 0.6);
    assert.equal(query.slice(match!.querySpans[0]!.start, match!.querySpans[0]!.end), b);
    const stored = (await store.getDocument('src'))!.text;
    assert.equal(stored.slice(match!.documentSpans[0]!.start, match!.documentSpans[0]!.end), b);
    assert.ok(rest.every((m) => m.document.id !== 'src'));
    await store.close();
  });
});
