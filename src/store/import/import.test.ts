import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { storeBackends } from '../test-backends.js';
import type { CorpusStore } from '../types.js';
import { autoWorker, type BadRow, importPath } from './index.js';

// registered before any test runs, so the hooks below run after every test of the file
const backends = await storeBackends();
const dir = mkdtempSync(join(tmpdir(), 'factlens-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const shown = (file: string): string => relative(process.cwd(), file);

describe('import worker choice', () => {
  it("'auto' uses the import worker for large imports, and for small ones only beyond two cores", () => {
    const MiB = 1024 * 1024;
    assert.equal(autoWorker(100 * 1024, 8), false);
    assert.equal(autoWorker(2 * MiB, 4), true);
    assert.equal(autoWorker(10 * MiB, 2), false);
    assert.equal(autoWorker(40 * MiB, 2), true);
    assert.equal(autoWorker(40 * MiB, 1), false);
  });
});

for (const backend of backends) {
  after(() => backend.cleanup());
  const fresh = (): Promise<CorpusStore> => backend.open(backend.fresh(), { create: true });

  describe(`importPath into ${backend.name}`, { skip: backend.skip }, () => {
    it('imports JSONL documents, reports each bad line with file:line, and re-imports idempotently', async () => {
      const file = write(
        'docs.jsonl',
        [
          JSON.stringify({ id: 'a', title: 'Bridge', text: 'The bridge reopened on Monday after repairs.', url: 'https://example.com/a', publish_date: "{'$date': 1474243200000}" }),
          '{"id": "b", "text": ',
          JSON.stringify({ id: 'c', text: '' }),
          '',
          JSON.stringify({ id: 'd', body: 'A body field works too.', published_at: 'not a date' }),
          JSON.stringify(['not', 'an', 'object']),
          JSON.stringify({ id: 'e', content: 'Another good document about the harbour.', date: '2016-01-02' }),
        ].join('\n'),
      );
      const store = await fresh();
      const bad: BadRow[] = [];
      const first = await importPath(store, file, { onBadRow: (b) => bad.push(b) });
      assert.deepEqual(first.documents, { added: 2, unchanged: 0 });
      // read errors are reported as rows are read, store rejections when their batch is written
      assert.deepEqual(
        bad.sort((x, y) => Number(x.at) - Number(y.at)).map((b) => `${b.file}:${b.at} ${b.message.replace(/\(.*\)/, '(…)')}`),
        [
          `${shown(file)}:2 not JSON (…)`,
          `${shown(file)}:3 text is missing or empty`,
          `${shown(file)}:5 "not a date" is not a date`,
          `${shown(file)}:6 a JSONL line must be a JSON object`,
        ],
      );
      assert.equal((await store.getDocument('a'))?.publishedAt, '2016-09-19');
      const again = await importPath(store, file);
      assert.deepEqual(again.documents, { added: 0, unchanged: 2 });
      await store.close();
    });

    it('reads CSV documents, fact-check rows, generic site lists, and the published lists by name', async () => {
      const store = await fresh();
      const docs = write('csv/articles.csv', 'id,title,text,url\n1,"A, title","Body text, with a comma.",https://x.example/1\n2,Empty,,\n');
      const facts = write('csv/claims.csv', 'claim,rating,reviewer,url\n"The moon is cheese",Pants on Fire,Checker,https://c.example/1\n,False,Checker,\n');
      const list = write('csv/mylist.csv', 'domain,label\nbad.example,fake\nodd.example,strange\n');
      const buzzfeed = write('lists/sites_2017.csv', 'domain\n\nfake-one.example\n\nfake-two.example\n');
      const politifact = write('lists/politifact-2017-11.csv', '"domain","type_of_site","registration"\r"Imposter.example","Imposter site",""\r"parody.example","Parody site",""\r');
      const summary = await importPath(store, join(dir, 'csv'));
      assert.deepEqual(summary.documents, { added: 1, unchanged: 0 });
      assert.deepEqual(summary.factChecks, { added: 1, unchanged: 0 });
      assert.deepEqual(summary.sourceRatings, { added: 1, unchanged: 0 });
      assert.deepEqual(
        summary.bad.map((b) => `${b.file}:${b.at} ${b.message}`),
        [`${shown(docs)}:3 text is missing or empty`, `${shown(facts)}:3 a fact-check needs a claim or an item URL`, `${shown(list)}:3 "strange" is not a label factlens knows`],
      );
      const lists = await importPath(store, join(dir, 'lists'));
      assert.deepEqual(lists.sourceRatings, { added: 4, unchanged: 0 });
      assert.deepEqual((await store.sourceRatings('fake-two.example')).map((r) => `${r.label} ${r.list}`), ['fake BuzzFeed News fake-news sites 2017']);
      assert.deepEqual((await store.sourceRatings('www.imposter.example')).map((r) => `${r.label} ${r.rawLabel}`), ['imposter Imposter site']);
      assert.deepEqual((await store.sourceRatings('bad.example')).map((r) => r.list), ['mylist']);
      assert.equal((await store.searchFactChecks('moon cheese'))[0]?.factCheck.verdict, 'false');
      assert.ok(politifact && buzzfeed);
      await store.close();
    });

    it('reads ClaimReview JSON-LD, LIAR TSV and the fact-check datasets by header', async () => {
      const store = await fresh();
      write(
        'fc/review.json',
        JSON.stringify({ '@graph': [{ '@type': 'ClaimReview', claimReviewed: 'Bananas are blue.', reviewRating: { alternateName: 'False' }, author: { name: 'Checks' }, url: 'https://checks.example/b' }] }),
      );
      write('fc/train.tsv', '1.json\tpants-fire\tSays bananas are blue.\tfood\tjohn-doe\tx\ty\tz\t0\t0\t0\t0\t0\ta speech\n2.json\tnonsense\tBad row.\tfood\tjohn-doe\tx\ty\tz\t0\t0\t0\t0\t0\tx\n');
      write('fc/top_2018.csv', 'title,url,fb_engagement,published_date,category,source\n"Aliens land in Ohio",https://fake.example/aliens,"1,000.00",2018-05-13,Crime,\n');
      write('fc/politifact_fake.csv', 'id,news_url,title,n_tweet_ids\npolitifact1,fake.example/x,Pope endorses candidate,3\n');
      const summary = await importPath(store, join(dir, 'fc'));
      assert.deepEqual(summary.factChecks, { added: 4, unchanged: 0 });
      assert.deepEqual(summary.bad.map((b) => `${b.at} ${b.message}`), ['2 "nonsense" is not a LIAR label']);
      const bananas = (await store.searchFactChecks('bananas blue')).map((h) => h.factCheck);
      assert.equal(bananas.length, 2);
      assert.ok(bananas.every((f) => f.verdict === 'false'));
      assert.deepEqual(bananas.find((f) => f.id === 'liar:1.json')?.claimant, 'john doe');
      assert.equal(bananas.find((f) => f.id !== 'liar:1.json')?.reviewer, 'Checks');
      assert.equal((await store.factChecksForUrl('https://fake.example/aliens'))[0]?.verdict, 'other');
      assert.equal((await store.factChecksForUrl('http://fake.example/x'))[0]?.reviewer, 'PolitiFact');
      await store.close();
    });

    it('imports a folder of text and HTML files, one document each, with ids relative to the folder', async () => {
      const store = await fresh();
      write('site/a.txt', 'Harbour reopens\n\nThe harbour reopened on Friday after the storm, the port authority said.');
      write('site/sub/b.html', '<!doctype html><html><head><title>Storm damage</title></head><body><article><h1>Storm damage</h1><p>The storm damaged forty boats in the harbour on Thursday night, officials said, and the cleanup will take weeks.</p><p>Fishermen said it was the worst storm in a decade.</p></article></body></html>');
      write('site/.hidden.txt', 'ignored');
      write('site/notes.bin', 'ignored');
      const summary = await importPath(store, join(dir, 'site'), { idPrefix: 'site/' });
      assert.deepEqual(summary.documents, { added: 2, unchanged: 0 });
      assert.equal((await store.getDocument('site/a.txt'))?.title, 'Harbour reopens');
      assert.match((await store.getDocument(join('site/sub', 'b.html')))?.text ?? '', /forty boats/);
      await store.close();
    });

    it('gives the same records, counts and bad rows with the import worker as inline, across batches and files', async () => {
      const lines: string[] = [];
      for (let i = 0; i < 60; i++) {
        if (i % 17 === 5) lines.push('{"broken');
        else if (i % 23 === 7) lines.push(JSON.stringify({ id: `d${i}`, text: '' }));
        else lines.push(JSON.stringify({ id: `d${i}`, title: `Story ${i}`, text: `Story ${i}: the harbour council met on day ${i} and voted ${i % 3} times.\nA second paragraph, number ${i}.` }));
      }
      // CRLF and a lone CR end lines as readline ends them
      write('many/a.jsonl', `${lines.slice(0, 30).join('\r\n')}\r${lines.slice(30, 40).join('\n')}\n`);
      write('many/b.jsonl', lines.slice(40).join('\n'));
      write('many/c.csv', 'claim,rating\n"Harbour votes were rigged",False\n');
      const run = async (worker: boolean) => {
        const store = await fresh();
        const progress: number[] = [];
        const summary = await importPath(store, join(dir, 'many'), { batchSize: 7, worker, onProgress: (n) => progress.push(n) });
        const again = await importPath(store, join(dir, 'many'), { batchSize: 7, worker });
        const stats = await store.stats();
        const doc = await store.getDocument('d41');
        const reuse = await store.findReuse('Story 41: the harbour council met on day 41 and voted 2 times.');
        await store.close();
        return { summary, again: again.documents, stats: [stats.documents, stats.passages, stats.factChecks], doc, reuse: reuse[0]?.document.id, rows: progress.at(-1) };
      };
      const inline = await run(false);
      const worker = await run(true);
      assert.deepEqual(worker, inline);
      assert.equal(inline.summary.files, 3);
      assert.deepEqual(inline.summary.documents, { added: 53, unchanged: 0 });
      assert.deepEqual(inline.again, { added: 0, unchanged: 53 });
      assert.deepEqual(
        inline.summary.bad.map((b) => `${b.file.split('/').pop()}:${b.at}`),
        ['a.jsonl:6', 'a.jsonl:8', 'a.jsonl:23', 'a.jsonl:31', 'a.jsonl:40', 'b.jsonl:14', 'b.jsonl:17'],
      );
      assert.equal(inline.reuse, 'd41');
      assert.equal(inline.rows, 61);
    });

    it('reads JSONL lines across its 1 MiB read chunks: a CRLF and a two-byte character split between chunks', async () => {
      const chunk = 1 << 20;
      const line = (id: string, fill: string, bytes: number): string => {
        const empty = JSON.stringify({ id, text: '' }).length;
        return JSON.stringify({ id, text: `Words about the harbour ${fill.repeat((bytes - empty - 24) / Buffer.byteLength(fill))}` });
      };
      // line 1 ends with CR as the last byte of the first chunk, its LF opens the second
      const crlf = write('chunks/crlf.jsonl', `${line('a', 'x', chunk - 1)}\r\n${JSON.stringify({ id: 'b', text: 'Second line.' })}\n`);
      // an "é" (two bytes) straddles the chunk boundary: it takes the place of the closing '"}'
      const wideLine = `${line('c', 'x', chunk + 1).slice(0, -2)}é tail"}`;
      assert.equal(Buffer.from(wideLine).subarray(chunk - 1, chunk + 1).toString(), 'é');
      const wide = write('chunks/wide.jsonl', `${wideLine}\n`);
      assert.deepEqual([...readFileSync(crlf).subarray(chunk - 1, chunk + 1)], [13, 10]);
      const store = await fresh();
      const a = await importPath(store, crlf);
      assert.deepEqual([a.documents, a.bad], [{ added: 2, unchanged: 0 }, []]);
      assert.equal((await store.getDocument('b'))?.text, 'Second line.');
      const b = await importPath(store, wide);
      assert.deepEqual([b.documents, b.bad], [{ added: 1, unchanged: 0 }, []]);
      assert.ok((await store.getDocument('c'))?.text.endsWith('xé tail'));
      await store.close();
    });

    it('refuses a path that does not exist and a file type it cannot read', async () => {
      const store = await fresh();
      await assert.rejects(importPath(store, join(dir, 'nope.jsonl')), /Nothing to import/);
      await assert.rejects(importPath(store, write('x.bin', 'data')), /Cannot import/);
      await store.close();
    });
  });
}
