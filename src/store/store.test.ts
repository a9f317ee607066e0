/**
 * The corpus store contract, run on every backend (test-backends.ts): SQLite and PostgreSQL must
 * answer these the same way. Backend-specific behaviour is tested in sqlite.test.ts and
 * postgres.test.ts.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openCorpus } from '../services.js';
import { PG_SCHEMA_VERSION } from './postgres-schema.js';
import { SCHEMA_VERSION } from './schema.js';
import { DOC, expectCode, paragraph, storeBackends } from './test-backends.js';

for (const backend of await storeBackends()) {
  after(() => backend.cleanup());
  const version = backend.name === 'sqlite' ? SCHEMA_VERSION : PG_SCHEMA_VERSION;

  describe(`${backend.name} corpus store`, { skip: backend.skip }, () => {
    it('creates the schema, records its version, and reopens read-only', async () => {
      const db = backend.fresh();
      const store = await backend.open(db, { create: true });
      assert.deepEqual(await store.addDocuments([DOC]), { added: 1, unchanged: 0, rejected: [] });
      await store.close();
      const [row] = await backend.sql(db, `SELECT max(version) AS v FROM ${backend.tables.version}`);
      assert.equal(Number(row!.v), version);
      const ro = await backend.open(db, { readonly: true });
      assert.deepEqual(await ro.getDocument('d1'), { ...DOC, publishedAt: '2020-03-02', source: 'example.com', label: undefined, collection: undefined });
      assert.equal((await ro.stats()).schemaVersion, version);
      await ro.close();
    });

    it('re-imports idempotently; rejects duplicate ids with other content and malformed rows, keeping the good ones', async () => {
      const store = await backend.open(backend.fresh(), { create: true });
      await store.addDocuments([DOC]);
      const result = await store.addDocuments([
        DOC,
        { ...DOC, text: 'Another text entirely, under the same id.' },
        { id: 'empty', text: '   ' },
        { id: 'bad-date', text: 'Some text.', publishedAt: 'next Thursday-ish' },
        { id: 'bad-title', text: 'Some text.', title: 42 as unknown as string },
        { id: 'ok', text: 'A good row among bad ones.' },
        { id: 'ok', text: 'The same id twice in one batch.' },
        { id: 'nul', text: 'A NUL \u0000 inside.' },
      ]);
      assert.equal(result.added, 1);
      assert.equal(result.unchanged, 1);
      assert.deepEqual(result.rejected, [
        { index: 1, message: 'duplicate id "d1" with different content' },
        { index: 2, message: 'text is missing or empty' },
        { index: 3, message: '"next Thursday-ish" is not a date' },
        { index: 4, message: 'title must be a string' },
        { index: 6, message: 'duplicate id "ok" with different content' },
        { index: 7, message: 'text contains a NUL character' },
      ]);
      assert.equal((await store.stats()).documents, 2);
      const facts = await store.addFactChecks([
        { claim: 'x', rating: 'False', verdict: 'false' },
        { rating: 'False', verdict: 'false' },
        { claim: 'y', rating: '', verdict: 'false' },
        { claim: 'z', rating: 'odd', verdict: 'wrong' as never },
        { claim: 'x', rating: 'False', verdict: 'false' },
      ]);
      assert.deepEqual([facts.added, facts.unchanged], [1, 1]);
      assert.deepEqual(
        facts.rejected.map((r) => r.message),
        ['a fact-check needs a claim or an item URL', 'rating is missing', 'verdict "wrong" is not one of false, mostly-false, mixed, mostly-true, true, unproven, other'],
      );
      assert.deepEqual(await store.addFactChecks([{ claim: 'x', rating: 'False', verdict: 'false' }]), { added: 0, unchanged: 1, rejected: [] });
      const ratings = await store.addSourceRatings([
        { domain: 'https://WWW.Bad.example/path', label: 'fake', rawLabel: 'Fake', list: 'L' },
        { domain: 'bad.example', label: 'fake', rawLabel: 'Fake', list: 'L' },
        { domain: 'not a domain', label: 'fake', rawLabel: 'x', list: 'L' },
      ]);
      assert.deepEqual(ratings, { added: 1, unchanged: 1, rejected: [{ index: 2, message: '"not a domain" is not a domain' }] });
      await store.addSourceRatings([{ domain: 'example.org', label: 'reliable', rawLabel: 'credible', list: 'M', note: 'a note' }]);
      assert.deepEqual(await store.sourceRatings('https://news.bad.example/x'), [{ domain: 'bad.example', label: 'fake', rawLabel: 'Fake', list: 'L', note: undefined }]);
      assert.deepEqual((await store.sourceRatings('example.org')).map((r) => r.note), ['a note']);
      assert.deepEqual(await store.sourceRatings('unrated.example'), []);
      const stats = await store.stats();
      assert.deepEqual(
        { documents: stats.documents, factChecks: stats.factChecks, sourceRatings: stats.sourceRatings, sourceDomains: stats.sourceDomains, lists: stats.lists },
        { documents: 2, factChecks: 1, sourceRatings: 2, sourceDomains: 2, lists: [{ list: 'L', domains: 1 }, { list: 'M', domains: 1 }] },
      );
      assert.ok((stats.sizeBytes ?? 0) > 0);
      await store.close();
    });

    it('refuses a database from a newer schema, and one fingerprinted with other settings', async () => {
      const db = backend.fresh();
      await (await backend.open(db, { create: true })).close();
      await backend.sql(db, `INSERT INTO ${backend.tables.version} (version, applied_at) VALUES (${version + 1}, '2030-01-01')`);
      await assert.rejects(backend.open(db, { readonly: true }), expectCode('store-version'));
      await assert.rejects(backend.open(db, { create: true }), expectCode('store-version'));
      const other = backend.fresh();
      await (await backend.open(other, { create: true })).close();
      await backend.sql(other, `UPDATE ${backend.tables.meta} SET value = '9' WHERE key = 'shingle_words'`);
      await assert.rejects(backend.open(other, { readonly: true }), expectCode('store-version'));
    });

    it('refuses writes to a read-only handle and leaves the database as it was', async () => {
      const db = backend.fresh();
      const store = await backend.open(db, { create: true });
      await store.addDocuments([DOC]);
      await store.close();
      const ro = await backend.open(db, { readonly: true });
      await assert.rejects(ro.addDocuments([{ id: 'new', text: 'A new document.' }]), expectCode('store-readonly'));
      await assert.rejects(ro.addFactChecks([{ claim: 'new', rating: 'False', verdict: 'false' }]), expectCode('store-readonly'));
      assert.equal((await ro.stats()).documents, 1);
      await ro.close();
    });

    it('says clearly when there is no corpus yet', async () => {
      await assert.rejects(backend.open(backend.fresh(), { readonly: true }), expectCode('not-found'));
    });

    it('searches passages and fact-checks with BM25, within dates and without excluded sources', async () => {
      const store = await backend.open(backend.fresh(), { create: true });
      await store.addDocuments([
        DOC,
        { id: 'd2', text: 'The old bridge over the river closed for repairs in 2018.', url: 'https://other.example.org/a', publishedAt: '2018-01-05' },
        { id: 'd3', text: 'Schools reopened after the storm.', url: 'https://third.example.net/b' },
      ]);
      const hits = await store.searchPassages('river bridge repairs');
      assert.deepEqual(hits.map((h) => h.document.id).sort(), ['d1', 'd2']);
      for (const h of hits) assert.equal(h.text, (await store.getDocument(h.document.id))!.text.slice(h.span.start, h.span.end));
      const windowed = await store.searchPassages('river bridge repairs', { publishedFrom: '2020-01-01', publishedTo: '2020-12-31' });
      assert.deepEqual(windowed.map((h) => h.document.id), ['d1']);
      const excluded = await store.searchPassages('river bridge repairs', { excludeSources: ['example.com'] });
      assert.deepEqual(excluded.map((h) => h.document.id), ['d2']);
      assert.deepEqual(await store.searchPassages('the of and'), []);
      assert.deepEqual(await store.searchPassages('zeppelin'), []);
      await store.addFactChecks([
        { id: 'f1', claim: 'The river bridge was closed for two years.', rating: 'True', verdict: 'true', itemUrl: 'http://www.example.com/bridge/' },
        { id: 'f2', claim: 'Schools stayed shut for a month after the storm.', rating: 'False', verdict: 'false' },
        { id: 'f3', rating: 'False', verdict: 'false', itemUrl: 'https://example.com/other' },
      ]);
      assert.equal((await store.searchFactChecks('bridge closed two years'))[0]?.factCheck.id, 'f1');
      assert.equal((await store.searchFactChecks('storm schools'))[0]?.factCheck.id, 'f2');
      assert.deepEqual((await store.factChecksForUrl('https://example.com/bridge?utm_source=x')).map((f) => f.id), ['f1']);
      assert.deepEqual(await store.factChecksForUrl('https://example.com/nothing'), []);
      await store.close();
    });

    it('ranks the passage that holds the rare words first, on BM25 scores', async () => {
      const store = await backend.open(backend.fresh(), { create: true });
      const filler = Array.from({ length: 30 }, (_, i) => ({ id: `f${i}`, text: `${paragraph(i)}.` }));
      await store.addDocuments([...filler, { id: 'target', text: `${paragraph(99)} zeppelin hangar collapsed.` }]);
      const hits = await store.searchPassages('zeppelin hangar council');
      assert.equal(hits[0]?.document.id, 'target');
      assert.ok(hits.every((h, i) => i === 0 || h.score <= hits[i - 1]!.score));
      await store.close();
    });

    it('finds reused text with shares and spans on both sides', async () => {
      const store = await backend.open(backend.fresh(), { create: true });
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
      assert.deepEqual(await store.findReuse(paragraph(50)), []);
      assert.deepEqual(await store.findReuse('too short'), []);
      await store.close();
    });

    it('opens through openCorpus, the library entry, by the same --db value', async () => {
      const db = backend.fresh();
      const writer = openCorpus(db, { create: true });
      await writer.addDocuments([DOC]);
      await writer.close();
      const reader = openCorpus(db);
      assert.equal((await reader.getDocument('d1'))?.title, 'Bridge reopens');
      await assert.rejects(reader.addDocuments([{ id: 'x', text: 'No writes here.' }]), expectCode('store-readonly'));
      await reader.close();
    });
  });
}
