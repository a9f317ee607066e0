import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { FactlensError } from '../core/errors.js';
import { ftsQuery, openWorkbenchDb } from './workbench-db.js';

const dir = mkdtempSync(join(tmpdir(), 'factlens-wb-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('workbench database', () => {
  it('stores only a hash of each token, verifies, records use and revokes', () => {
    const path = join(dir, 'tokens.db');
    const db = openWorkbenchDb(path);
    const { token, info } = db.createToken('desk', '2024-01-01T00:00:00.000Z');
    assert.match(token, /^flk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const secret = token.split('_').slice(2).join('_');
    assert.equal(db.verifyToken(token, '2024-01-02T00:00:00.000Z')?.id, info.id);
    assert.equal(db.listTokens()[0]?.lastUsedAt, '2024-01-02T00:00:00.000Z');
    db.verifyToken(token, '2024-01-02T00:00:30.000Z');
    assert.equal(db.listTokens()[0]?.lastUsedAt, '2024-01-02T00:00:00.000Z', 'uses within a minute are not written');
    db.verifyToken(token, '2024-01-02T00:05:00.000Z');
    assert.equal(db.listTokens()[0]?.lastUsedAt, '2024-01-02T00:05:00.000Z');
    assert.equal(db.verifyToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 'x'), undefined, 'one character off');
    assert.equal(db.verifyToken('flk_nope', 'x'), undefined);
    db.close();
    const raw = new Database(path, { readonly: true });
    const row = raw.prepare('SELECT * FROM workbench_token').get() as Record<string, string>;
    raw.close();
    assert.ok(!JSON.stringify(row).includes(secret), 'the secret is not stored');
    assert.ok(!readFileSync(path).includes(Buffer.from(secret)), 'nor anywhere in the file');
    const again = openWorkbenchDb(path);
    assert.equal(again.revokeToken(info.id, '2024-01-03T00:00:00.000Z'), true);
    assert.equal(again.revokeToken(info.id, '2024-01-03T00:00:00.000Z'), false, 'already revoked');
    assert.equal(again.verifyToken(token, 'x'), undefined);
    assert.equal(again.listTokens()[0]?.revokedAt, '2024-01-03T00:00:00.000Z');
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

for (const writerThread of [false, true]) {
  describe(`saving reports (${writerThread ? 'writer thread' : 'inline writer'})`, () => {
    it('makes batched saves searchable once they resolve, and repairs a missing tail on open', async () => {
      const path = join(dir, `reports-${writerThread}.db`);
      const db = openWorkbenchDb(path, { writerThread });
      await Promise.all([
        db.saveReportBatched('a', report('Harbour plan', 'The harbour will grow.'), '2024-01-01T00:00:00.000Z'),
        db.saveReportBatched('b', report('Bridge opens', 'The bridge opens in April.'), '2024-01-02T00:00:00.000Z'),
      ]);
      assert.deepEqual(db.listReports({ q: 'april' }).items.map((i) => i.id), ['b'], 'searchable at once');
      assert.equal(db.getReport('a')?.report.article.text, 'The harbour will grow.');
      db.close();
      const raw = new Database(path);
      raw.prepare("DELETE FROM workbench_report_fts WHERE rowid = (SELECT rowid FROM workbench_report WHERE id = 'b')").run();
      raw.close();
      const reopened = openWorkbenchDb(path, { writerThread });
      assert.deepEqual(reopened.listReports({ q: 'april' }).items.map((i) => i.id), ['b'], 'repaired on open');
      assert.deepEqual(reopened.listReports({ q: 'harbour' }).items.map((i) => i.id), ['a']);
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
      assert.equal(db.getReport('y'), undefined, 'the batch is all or nothing');
      await db.saveReportBatched('z', report('Third', 'Four.'), '2024-01-04T00:00:00.000Z');
      assert.deepEqual(db.listReports({}).items.map((i) => i.id), ['z', 'x']);
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
    assert.deepEqual(upgraded.listReports({ q: 'crews' }).items.map((i) => i.id), ['old']);
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
