import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultCorpusPath } from '../../services.js';
import { main } from '../main.js';
import { type CapturedIo, captureIo } from '../../../test/capture-io.js';
import { SCHEMA_VERSION } from '../../store/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'factlens-corpus-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function io(cwd = dir, env: Record<string, string> = {}): CapturedIo {
  return captureIo({ cwd, env });
}

function write(name: string, content: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

describe('factlens corpus', () => {
  it('init, import (bad rows reported as file:line), stats and search', async () => {
    const db = join(dir, 'c.db');
    const init = io();
    assert.equal(await main(['corpus', 'init', '--db', db], init), 0);
    assert.match(init.out(), new RegExp(`^Created .*c\\.db \\(schema ${SCHEMA_VERSION}\\)\\.\\n$`));
    write('in/docs.jsonl', `${JSON.stringify({ id: 'a', text: 'The harbour bridge reopened on Monday after two years of repairs.' })}\n{"broken\n`);
    write('in/claims.csv', 'claim,rating,reviewer\n"The harbour bridge was closed for two years",True,Checker\n');
    write('in/sites.csv', 'domain,label\nbad.example,fake\n');
    const imp = io();
    assert.equal(await main(['corpus', 'import', join(dir, 'in'), '--db', db], imp), 0);
    assert.match(imp.out(), /1 documents added, 1 fact-checks added, 1 site ratings added; 1 bad row\(s\) skipped/);
    assert.match(imp.err(), /in\/docs\.jsonl:2: not JSON .* — skipped\n/);
    const again = io();
    await main(['corpus', 'import', join(dir, 'in'), '--db', db], again);
    assert.match(again.out(), /0 documents added \(1 already there\)|nothing new/);
    const stats = io();
    assert.equal(await main(['corpus', 'stats', '--db', db, '--json'], stats), 0);
    const parsed = JSON.parse(stats.out());
    assert.deepEqual([parsed.documents, parsed.factChecks, parsed.sourceRatings, parsed.schemaVersion], [1, 1, 1, SCHEMA_VERSION]);
    const search = io();
    assert.equal(await main(['corpus', 'search', 'harbour bridge repairs', '--db', db], search), 0);
    assert.match(search.out(), /Fact-checks:\n {2}\[[\d.]+\] "True" \(Checker\) The harbour bridge was closed for two years/);
    assert.match(search.out(), /Passages:\n/);
    const site = io();
    await main(['corpus', 'search', '--source', 'https://www.bad.example/x', '--db', db], site);
    assert.match(site.out(), /fake {9}sites/);
  });

  it('uses $FACTLENS_DB, and gives typed errors for a missing corpus or a bad action', async () => {
    const missing = io(dir, { FACTLENS_DB: join(dir, 'none.db') });
    assert.equal(await main(['corpus', 'stats'], missing), 2);
    assert.match(missing.err(), /^factlens: error \[not-found\] No corpus at .*none\.db/);
    const bad = io();
    assert.equal(await main(['corpus', 'frobnicate'], bad), 2);
    assert.match(bad.err(), /\[usage\]/);
    const noData = io();
    assert.equal(await main(['corpus', 'demo', '--data', join(dir, 'nowhere'), '--db', join(dir, 'd.db')], noData), 2);
    assert.match(noData.err(), /\[not-found\] No shared data/);
  });

  it('builds a demo corpus from a data folder laid out like the shared one', async () => {
    const data = join(dir, 'data');
    write('data/MANIFEST.md', '# test data\n');
    write('data/source-lists/buzzfeed-fake-news-sites-2016-2018/sites_2017.csv', 'domain\n\nfakesite.example\n');
    write('data/fact-checks/buzzfeed-fake-news-top-2018/top_2018.csv', 'title,url,fb_engagement,published_date,category,source\n"Moon landing was staged, NASA admits",https://fakesite.example/moon,"10.00",2018-02-01,Science,\n');
    write('data/golbeck-fake-vs-satire-2018/articles.jsonl', `${JSON.stringify({ id: 'fake/1.txt', label: 'fake', url: 'http://fakesite.example/moon', rebutting_url: 'https://checker.example/moon', title: 'NASA admits moon landing was staged', text: 'NASA admitted on Friday that the moon landing was staged in a studio in Nevada, according to a leaked memo that nobody outside the agency has seen, and that the astronauts never left the ground.' })}\n`);
    const demo = io();
    assert.equal(await main(['corpus', 'demo', '--data', data, '--db', join(dir, 'demo.db')], demo), 0);
    assert.match(demo.out(), /Demo corpus in .*demo\.db: 1 documents \(1 passages\), 2 fact-checks, 1 site ratings/);
    const check = io();
    const article = write('article.txt', 'NASA admits moon landing was staged\n\nNASA admitted on Friday that the moon landing was staged in a studio in Nevada, according to a leaked memo that nobody outside the agency has seen, and that the astronauts never left the ground.');
    assert.equal(await main(['check', article, '--source', 'fakesite.example', '--db', join(dir, 'demo.db'), '--json', '--analyzers', 'source,provenance,fact-check-match'], check), 0);
    const codes = JSON.parse(check.out()).findings.map((f: { analyzer: string; code: string }) => `${f.analyzer}/${f.code}`).sort();
    // the rebuttal (Golbeck) rates it fake; BuzzFeed's list says only that a fabricated-news site published it
    assert.deepEqual(codes, ['fact-check-match/matches-disputed-claim', 'fact-check-match/matches-false-claim', 'provenance/matches-false-story', 'source/listed-fake']);
  });

  it('keeps the corpus in a per-user file that check finds from any folder, and the report says when none was used', async () => {
    const home = join(dir, 'home');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    const article = write('per-user.txt', 'Bridge reopens\n\nThe harbour bridge reopened on Monday after two years of repairs, the council said.');
    const none = io(elsewhere, { HOME: home });
    assert.equal(await main(['check', article, '--json'], none), 0, none.err());
    assert.deepEqual(JSON.parse(none.out()).corpus, { isUsed: false });
    const init = io(dir, { HOME: home });
    assert.equal(await main(['corpus', 'init'], init), 0, init.err());
    const expected = join(home, '.local', 'share', 'factlens', 'factlens.db');
    assert.equal(defaultCorpusPath({ HOME: home }), expected);
    assert.match(init.out(), new RegExp(`^Created ${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
    const used = io(elsewhere, { HOME: home });
    assert.equal(await main(['check', article, '--json'], used), 0, used.err());
    assert.deepEqual(JSON.parse(used.out()).corpus, { isUsed: true, location: `sqlite:${expected}` });
    assert.equal(defaultCorpusPath({ HOME: home, XDG_DATA_HOME: join(dir, 'xdg') }), join(dir, 'xdg', 'factlens', 'factlens.db'));
    const text = io(elsewhere, { HOME: join(dir, 'nobody') });
    assert.equal(await main(['check', article], text), 0);
    assert.match(text.out(), /No corpus used: /);
  });
});

