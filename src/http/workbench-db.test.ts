import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { FactlensError } from '../core/errors.js';
import { storeBackends } from '../store/test-backends.js';
import { openWorkbench } from './workbench.js';
import { ftsQuery, openWorkbenchDb } from './workbench-db.js';
import { pgReportQuery } from './workbench-pg.js';

// registered before any test runs, so the hooks below run after every test of the file
const backends = await storeBackends();
const dir = mkdtempSync(join(tmpdir(), 'factlens-wb-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('sqlite workbench database', () => {
  it('stores only a hash of each token, verifies, records use and revokes', async () => {
    const path = join(dir, 'tokens.db');
    const db = openWorkbenchDb(path);
    const { token, info } = await db.createToken('desk', '2024-01-01T00:00:00.000Z');
    assert.match(token, /^flk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const secret = token.split('_').slice(2).join('_');
    assert.equal((await db.verifyToken(token, '2024-01-02T00:00:00.000Z'))?.id, info.id);
    assert.equal((await db.listTokens())[0]?.lastUsedAt, '2024-01-02T00:00:00.000Z');
    await db.verifyToken(token, '2024-01-02T00:00:30.000Z');
    assert.equal((await db.listTokens())[0]?.lastUsedAt, '2024-01-02T00:00:00.000Z', 'uses within a minute are not written');
    await db.verifyToken(token, '2024-01-02T00:05:00.000Z');
    assert.equal((await db.listTokens())[0]?.lastUsedAt, '2024-01-02T00:05:00.000Z');
    assert.equal(await db.verifyToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 'x'), undefined, 'one character off');
    assert.equal(await db.verifyToken('flk_nope', 'x'), undefined);
    db.close();
    const raw = new Database(path, { readonly: true });
    const row = raw.prepare('SELECT * FROM workbench_token').get() as Record<string, string>;
    raw.close();
    assert.ok(!JSON.stringify(row).includes(secret), 'the secret is not stored');
    assert.ok(!readFileSync(path).includes(Buffer.from(secret)), 'nor anywhere in the file');
    const again = openWorkbenchDb(path);
    assert.equal(await again.revokeToken(info.id, '2024-01-03T00:00:00.000Z'), true);
    assert.equal(await again.revokeToken(info.id, '2024-01-03T00:00:00.000Z'), false, 'already revoked');
    assert.equal(await again.verifyToken(token, 'x'), undefined);
    assert.equal((await again.listTokens())[0]?.revokedAt, '2024-01-03T00:00:00.000Z');
    again.close();
  });

  it('refuses a database written by a newer version, and a file that is not SQLite', () => {
    const path = join(dir, 'newer.db');
    openWorkbenchDb(path).close();
    const raw = new Database(path);
    raw.prepare("UPDATE workbench_meta SET value = '99' WHERE key = 'schema_version'").run();
    raw.close();
    assert.throws(() => openWorkbenchDb(path), (e) => e instanceof FactlensError && e.code === 'store-version');
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database, just text that is long enough to have a header '.repeat(20));
    assert.throws(() => openWorkbenchDb(junk), (e) => e instanceof FactlensError && e.code === 'store-corrupt');
  });
});

const report = (title: string, text: string) => ({
  json: JSON.stringify({ article: { text } }),
  digest: { title, inputKind: 'text', score: 90, label: 'credible' as const, findings: { problem: 0, warning: 0, info: 0 }, text },
});

const judged = (title: string, text: string, extra: { score?: number | null; label?: 'credible' | 'mixed' | 'not-judged'; source?: string; problem?: number } = {}) => ({
  json: JSON.stringify({ article: { text }, title }),
  digest: {
    title,
    inputKind: 'text',
    score: extra.score === undefined ? 90 : extra.score,
    label: extra.label ?? ('credible' as const),
    findings: { problem: extra.problem ?? 0, warning: 0, info: 1 },
    text,
    ...(extra.source ? { source: extra.source } : {}),
  },
});

// The workbench contract, on every backend: SQLite file and PostgreSQL (a random schema each).
for (const backend of backends) {
  after(() => backend.cleanup());

  describe(`${backend.name} workbench database`, { skip: backend.skip }, () => {
    it('keeps only a hash of each token, verifies it, records a use at most once a minute, revokes', async () => {
      const where = backend.fresh();
      const db = await openWorkbench(where);
      const { token, info } = await db.createToken('desk', '2024-01-01T00:00:00.000Z');
      assert.equal((await db.verifyToken(token, '2024-01-02T00:00:00.000Z'))?.name, 'desk');
      await db.verifyToken(token, '2024-01-02T00:00:30.000Z');
      assert.equal((await db.listTokens())[0]?.lastUsedAt, '2024-01-02T00:00:00.000Z');
      assert.equal(await db.verifyToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 'x'), undefined);
      const rows = await backend.sql(where, 'SELECT * FROM workbench_token');
      assert.ok(!JSON.stringify(rows).includes(token.split('_').slice(2).join('_')), 'the secret is not stored');
      assert.equal(await db.revokeToken(info.id, '2024-01-03T00:00:00.000Z'), true);
      assert.equal(await db.revokeToken(info.id, '2024-01-03T00:00:00.000Z'), false);
      assert.equal(await db.verifyToken(token, '2024-01-04T00:00:00.000Z'), undefined);
      await db.close();
    });

    it('lists, searches and filters reports, with reviews upserted per claim', async () => {
      const db = await openWorkbench(backend.fresh());
      await Promise.all([
        db.saveReportBatched('a', judged('Harbour plan', 'The harbour will grow by a third.', { source: 'port.example' }), '2024-01-01T00:00:00.000Z'),
        db.saveReportBatched('b', judged('Bridge opens', 'The new bridge opens in April.', { score: 40, label: 'mixed', problem: 2 }), '2024-01-02T00:00:00.000Z'),
        db.saveReportBatched('c', judged('Poem', 'Roses are red.', { score: null, label: 'not-judged' }), '2024-01-03T00:00:00.000Z'),
      ]);
      const ids = async (q: Parameters<typeof db.listReports>[0]): Promise<string[]> => (await db.listReports(q)).items.map((i) => i.id);
      assert.deepEqual(await ids({}), ['c', 'b', 'a'], 'newest first');
      assert.equal(await db.countReports(), 3);
      assert.deepEqual(await ids({ q: 'april' }), ['b']);
      assert.deepEqual(await ids({ q: 'bridge ope' }), ['b'], 'the last word is a prefix');
      assert.deepEqual(await ids({ q: 'bridge harbour' }), [], 'every word must match');
      assert.deepEqual(await ids({ q: 'port' }), ['a'], 'the source is searched');
      assert.deepEqual(await ids({ label: 'mixed' }), ['b']);
      assert.deepEqual(await ids({ minScore: 50 }), ['a'], 'an unjudged report is below every minimum');
      assert.deepEqual(await ids({ maxScore: 50 }), ['c', 'b']);
      assert.deepEqual(await ids({ source: 'port.example' }), ['a']);
      assert.deepEqual(await ids({ severity: 'problem' }), ['b']);
      const page = await db.listReports({ limit: 1, offset: 1 });
      assert.deepEqual([page.items.map((i) => i.id), page.total], [['b'], 3]);
      const c = (await db.listReports({ q: 'roses' })).items[0]!;
      assert.deepEqual([c.score, c.label, c.findings], [null, 'not-judged', { problem: 0, warning: 0, info: 1 }]);
      assert.deepEqual(JSON.parse((await db.getReportJson('b'))!.json), { article: { text: 'The new bridge opens in April.' }, title: 'Bridge opens' });
      assert.equal(await db.getReport('nope'), undefined);
      const review = { reportId: 'b', claimKey: 'span-0-12', claim: 'The new bridge', span: { start: 0, end: 12 }, rating: 2, note: 'first', updatedAt: '2024-02-01T00:00:00.000Z' };
      await db.saveReview(review);
      await db.saveReview({ ...review, rating: 4, note: 'second', reviewer: 'Ann', updatedAt: '2024-02-02T00:00:00.000Z' });
      await db.saveReview({ reportId: 'b', claimKey: 'headline', claim: 'Bridge opens', note: 'a note only', updatedAt: '2024-02-03T00:00:00.000Z' });
      assert.deepEqual(await db.listReviews('b'), [
        { reportId: 'b', claimKey: 'headline', claim: 'Bridge opens', note: 'a note only', updatedAt: '2024-02-03T00:00:00.000Z' },
        { ...review, rating: 4, note: 'second', reviewer: 'Ann', updatedAt: '2024-02-02T00:00:00.000Z' },
      ]);
      assert.deepEqual(await ids({ isReviewed: true }), ['b']);
      assert.deepEqual(await ids({ isReviewed: false }), ['c', 'a']);
      assert.equal((await db.listReports({ q: 'bridge' })).items[0]?.reviewCount, 2);
      await db.close();
    });

    it('fails a batch that cannot be written with store-failed, keeps none of it, and goes on', async () => {
      const db = await openWorkbench(backend.fresh());
      await db.saveReportBatched('x', judged('First', 'One.'), '2024-01-01T00:00:00.000Z');
      const results = await Promise.allSettled([
        db.saveReportBatched('y', judged('Second', 'Two.'), '2024-01-02T00:00:00.000Z'),
        db.saveReportBatched('x', judged('Again', 'Three.'), '2024-01-03T00:00:00.000Z'),
      ]);
      for (const r of results) assert.ok(r.status === 'rejected' && r.reason instanceof FactlensError && r.reason.code === 'store-failed', String(r.status === 'rejected' && r.reason));
      assert.equal(await db.getReport('y'), undefined);
      await db.saveReportBatched('z', judged('Third', 'Four.'), '2024-01-04T00:00:00.000Z');
      assert.deepEqual((await db.listReports({})).items.map((i) => i.id), ['z', 'x']);
      await db.close();
    });

    it('refuses a database whose workbench tables are newer than this factlens', async () => {
      const where = backend.fresh();
      await (await openWorkbench(where)).close();
      await backend.sql(where, "UPDATE workbench_meta SET value = '99' WHERE key = 'schema_version'");
      await assert.rejects(openWorkbench(where), (e) => e instanceof FactlensError && e.code === 'store-version');
    });

    if (backend.name === 'postgres') {
      it('shares reports, reviews and tokens between two servers on one database', async () => {
        const where = backend.fresh();
        const [one, two] = await Promise.all([openWorkbench(where), openWorkbench(where)]);
        await one!.saveReportBatched('r1', judged('Ferry strike', 'The ferry crews walked out.'), '2024-01-01T00:00:00.000Z');
        assert.deepEqual((await two!.listReports({ q: 'ferry' })).items.map((i) => i.id), ['r1']);
        await two!.saveReview({ reportId: 'r1', claimKey: 'headline', claim: 'Ferry strike', rating: 5, note: '', updatedAt: '2024-01-02T00:00:00.000Z' });
        assert.equal((await one!.listReviews('r1'))[0]?.rating, 5);
        const { token } = await one!.createToken('desk', '2024-01-01T00:00:00.000Z');
        assert.equal((await two!.verifyToken(token, '2024-01-02T00:00:00.000Z'))?.name, 'desk');
        await Promise.all([one!.close(), two!.close()]);
      });
    }
  });
}

for (const writerThread of [false, true]) {
  describe(`saving reports (${writerThread ? 'writer thread' : 'inline writer'})`, () => {
    it('makes batched saves searchable once they resolve, and repairs a missing tail on open', async () => {
      const path = join(dir, `reports-${writerThread}.db`);
      const db = openWorkbenchDb(path, { writerThread });
      await Promise.all([
        db.saveReportBatched('a', report('Harbour plan', 'The harbour will grow.'), '2024-01-01T00:00:00.000Z'),
        db.saveReportBatched('b', report('Bridge opens', 'The bridge opens in April.'), '2024-01-02T00:00:00.000Z'),
      ]);
      assert.deepEqual((await db.listReports({ q: 'april' })).items.map((i) => i.id), ['b'], 'searchable at once');
      assert.equal((await db.getReport('a'))?.report.article.text, 'The harbour will grow.');
      db.close();
      const raw = new Database(path);
      raw.prepare("DELETE FROM workbench_report_fts WHERE rowid = (SELECT rowid FROM workbench_report WHERE id = 'b')").run();
      raw.close();
      const reopened = openWorkbenchDb(path, { writerThread });
      assert.deepEqual((await reopened.listReports({ q: 'april' })).items.map((i) => i.id), ['b'], 'repaired on open');
      assert.deepEqual((await reopened.listReports({ q: 'harbour' })).items.map((i) => i.id), ['a']);
      reopened.close();
    });

    it('fails a batch that cannot be written with store-failed, leaves none of it behind, and goes on', async () => {
      const path = join(dir, `failing-${writerThread}.db`);
      const db = openWorkbenchDb(path, { writerThread });
      await db.saveReportBatched('x', report('First', 'One.'), '2024-01-01T00:00:00.000Z');
      const results = await Promise.allSettled([
        db.saveReportBatched('y', report('Second', 'Two.'), '2024-01-02T00:00:00.000Z'),
        db.saveReportBatched('x', report('Again', 'Three.'), '2024-01-03T00:00:00.000Z'),
      ]);
      for (const r of results) {
        assert.equal(r.status, 'rejected');
        assert.ok(r.status === 'rejected' && r.reason instanceof FactlensError && r.reason.code === 'store-failed', String(r.status === 'rejected' && r.reason));
      }
      assert.equal(await db.getReport('y'), undefined, 'the batch is all or nothing');
      await db.saveReportBatched('z', report('Third', 'Four.'), '2024-01-04T00:00:00.000Z');
      assert.deepEqual((await db.listReports({})).items.map((i) => i.id), ['z', 'x']);
      db.close();
    });
  });
}

describe('workbench schema 2', () => {
  it('upgrades a version-1 file: the search index is rebuilt contentless and finds the old reports', async () => {
    const path = join(dir, 'v1.db');
    const db = openWorkbenchDb(path);
    await db.saveReportBatched('old', report('Ferry strike', 'The ferry crews walked out on Monday.'), '2024-01-01T00:00:00.000Z');
    db.close();
    const raw = new Database(path);
    raw.exec(`DROP TABLE workbench_report_fts;
      CREATE VIRTUAL TABLE workbench_report_fts USING fts5 (title, body, source, tokenize = 'porter unicode61 remove_diacritics 2');
      UPDATE workbench_meta SET value = '1' WHERE key = 'schema_version';`);
    raw.close();
    const upgraded = openWorkbenchDb(path);
    assert.deepEqual((await upgraded.listReports({ q: 'crews' })).items.map((i) => i.id), ['old']);
    upgraded.close();
    const check = new Database(path, { readonly: true });
    assert.equal((check.prepare("SELECT value FROM workbench_meta WHERE key = 'schema_version'").get() as { value: string }).value, '2');
    assert.match((check.prepare("SELECT sql FROM sqlite_master WHERE name = 'workbench_report_fts'").get() as { sql: string }).sql, /content = ''.*detail = none/);
    check.close();
  });
});

describe('ftsQuery', () => {
  it('keeps only words, quotes them, and prefixes the last', () => {
    assert.equal(ftsQuery('Harbour "plan" OR (cost*)'), '"harbour" "plan" "or" "cost"*');
    assert.equal(ftsQuery(' ")(*: '), undefined);
  });
});

describe('pgReportQuery', () => {
  it('keeps the same words as ftsQuery, all required, the last a prefix', () => {
    assert.equal(pgReportQuery('Harbour "plan" OR (cost*)'), "'harbour' & 'plan' & 'or' & 'cost':*");
    assert.equal(pgReportQuery("O'Brien"), "'o' & 'brien':*");
    assert.equal(pgReportQuery(' ")(*: '), undefined);
  });
});
