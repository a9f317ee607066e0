/**
 * `factlens corpus …` and `factlens check` with `--db postgres://…` (and $FACTLENS_DB), on the real
 * server: a random schema of its own, dropped afterwards; skipped with the reason without a server.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type CapturedIo, captureIo } from '../../../test/capture-io.js';
import { PG_SCHEMA_VERSION } from '../../store/postgres-schema.js';
import { storeBackends } from '../../store/test-backends.js';
import { main } from '../main.js';

const backend = (await storeBackends()).find((b) => b.name === 'postgres')!;
const dir = mkdtempSync(join(tmpdir(), 'factlens-corpus-pg-'));
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await backend.cleanup();
});

const io = (env: Record<string, string> = {}): CapturedIo => captureIo({ cwd: dir, env });

describe('factlens corpus on PostgreSQL', { skip: backend.skip }, () => {
  it('init, import, stats, search and check work with a postgres:// --db or $FACTLENS_DB', async () => {
    const db = backend.fresh();
    const missing = io();
    assert.equal(await main(['corpus', 'stats', '--db', db], missing), 2);
    assert.match(missing.err(), /\[not-found\].*holds no corpus yet: run factlens corpus init/);
    const init = io();
    assert.equal(await main(['corpus', 'init', '--db', db], init), 0);
    assert.match(init.out(), new RegExp(`^Ready: postgres://.*\\(schema ${PG_SCHEMA_VERSION}\\)\\.\\n$`));
    mkdirSync(join(dir, 'in'), { recursive: true });
    writeFileSync(join(dir, 'in/docs.jsonl'), `${JSON.stringify({ id: 'a', text: 'The harbour bridge reopened on Monday after two years of repairs.' })}\n{"broken\n`);
    writeFileSync(join(dir, 'in/claims.csv'), 'claim,rating,reviewer\n"The harbour bridge was closed for two years",True,Checker\n');
    writeFileSync(join(dir, 'in/sites.csv'), 'domain,label\nbadnews.example,fake\n');
    const imp = io();
    assert.equal(await main(['corpus', 'import', join(dir, 'in'), '--db', db], imp), 0);
    assert.match(imp.out(), /1 documents added, 1 fact-checks added, 1 site ratings added; 1 bad row\(s\) skipped/);
    const stats = io({ FACTLENS_DB: db });
    assert.equal(await main(['corpus', 'stats', '--json'], stats), 0);
    const parsed = JSON.parse(stats.out());
    assert.deepEqual([parsed.documents, parsed.factChecks, parsed.sourceRatings, parsed.schemaVersion], [1, 1, 1, PG_SCHEMA_VERSION]);
    const search = io();
    assert.equal(await main(['corpus', 'search', 'harbour bridge closed', '--db', db, '--json'], search), 0);
    const hits = JSON.parse(search.out());
    assert.equal(hits.factChecks[0].factCheck.reviewer, 'Checker');
    assert.equal(hits.passages[0].document.id, 'a');
    writeFileSync(join(dir, 'article.txt'), 'Harbour news\n\nThe harbour bridge reopened on Monday after two years of repairs, officials said on Tuesday.');
    const check = io({ FACTLENS_DB: db });
    assert.equal(await main(['check', join(dir, 'article.txt'), '--source', 'badnews.example', '--format', 'json', '--timeout-ms', '0'], check), 0, check.err());
    const report = JSON.parse(check.out());
    assert.equal(report.corpus.isUsed, true);
    assert.match(report.corpus.location, /^postgres:\/\//);
    assert.ok(report.findings.some((f: { code: string }) => f.code === 'listed-fake'), 'the site list came from PostgreSQL');
  });
});
