/**
 * A corpus that cannot be read is reported, never skipped in silence: `check` on a damaged corpus
 * fails with `store-corrupt`, and a 0-byte database file is refused by `corpus import` (only
 * `corpus init` makes a corpus of it).
 */
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { main } from '../src/cli/main.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { captureIo } from './capture-io.js';
import { SAMPLE_TEXT } from './fixtures/reports/sample-report.js';

const dir = mkdtempSync(join(tmpdir(), 'factlens-store-gaps-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('check on a damaged corpus', () => {
  it('exits 2 with store-corrupt instead of a report without the corpus findings', async () => {
    const db = join(dir, 'damaged.db');
    const store = openSqliteStore(db, { create: true });
    const paragraphs = SAMPLE_TEXT.split('\n\n').slice(1);
    await store.addDocuments(paragraphs.map((p, i) => ({ id: `d${i}`, text: `${p}\n\n${paragraphs[(i + 1) % paragraphs.length]}` })));
    await store.close();
    const raw = new Database(db);
    raw.pragma('journal_mode = DELETE');
    const root = Number((raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'fingerprint'").get() as { rootpage: number }).rootpage);
    const pageSize = Number(raw.pragma('page_size', { simple: true }));
    raw.close();
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);
    const article = join(dir, 'article.txt');
    writeFileSync(article, SAMPLE_TEXT);
    const io = captureIo({ cwd: dir });
    assert.equal(await main(['check', article, '--db', db], io), 2, io.out());
    assert.match(io.err(), /\[store-corrupt\] The corpus could not be read/);
    assert.equal(io.out(), '');
  });
});

describe('a 0-byte database file', () => {
  it('is refused by corpus import and by check, and left as it is', async () => {
    const db = join(dir, 'empty.db');
    writeFileSync(db, '');
    const data = join(dir, 'one.jsonl');
    writeFileSync(data, `${JSON.stringify({ id: 'a', text: SAMPLE_TEXT })}\n`);
    const io = captureIo({ cwd: dir });
    assert.equal(await main(['corpus', 'import', data, '--db', db], io), 2);
    assert.match(io.err(), /\[store-corrupt\] The corpus .*empty\.db is an empty \(0-byte\) file/);
    assert.equal(statSync(db).size, 0);
    const check = captureIo({ cwd: dir });
    writeFileSync(join(dir, 'a.txt'), SAMPLE_TEXT);
    assert.equal(await main(['check', join(dir, 'a.txt'), '--db', db], check), 2);
    assert.match(check.err(), /\[store-corrupt\]/);
  });

  it('becomes a corpus when corpus init is asked', async () => {
    const db = join(dir, 'init.db');
    writeFileSync(db, '');
    const io = captureIo({ cwd: dir });
    assert.equal(await main(['corpus', 'init', '--db', db], io), 0, io.err());
    assert.ok(statSync(db).size > 0);
    const again = captureIo({ cwd: dir });
    assert.equal(await main(['corpus', 'import', join(dir, 'one.jsonl'), '--db', db], again), 0, again.err());
  });
});
