import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { failingOutputFs } from '../../../test/failing-output.js';
import type { CliIo } from '../io.js';
import type { OutputFs } from '../output.js';
import { main } from '../main.js';

const BUZZFEED = fileURLToPath(new URL('../../../../shared/data/buzzfeed-webis-fake-news-2016/articles.jsonl', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'factlens-batch-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo(stdinLines: string[] = [], outputFs?: OutputFs): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    outputFs,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: Readable.from(stdinLines.map((l) => Buffer.from(l))) as unknown as CliIo['stdin'],
    env: {},
    cwd: dir,
    out: () => out,
    err: () => err,
  };
}

const article = (n: number): string =>
  `Council approves bridge number ${n}\n\nThe city council voted on Monday to approve bridge number ${n} across the river, officials said. ` +
  'The project is expected to cost 40 million pounds and will be paid for with regional funds, according to the council leader. ' +
  'Work on the foundations will begin in the spring, and the engineers expect the first lanes to open to traffic before the end of next year.';

const JSONL = [
  JSON.stringify({ id: 'a', text: article(1), published: '2019-11-18' }),
  '{"id": "broken",',
  JSON.stringify({ id: 'b', title: 'Council approves bridge number 2', text: article(2).split('\n\n')[1], source: 'Gazette' }),
  JSON.stringify({ id: 'empty', text: '   ' }),
  JSON.stringify({ id: 'local', url: 'http://127.0.0.1:9/' }),
  JSON.stringify({ id: 'c', html: `<html><body><h1>Council approves bridge number 3</h1><p>${article(3).split('\n\n')[1]}</p></body></html>` }),
].join('\n');
writeFileSync(join(dir, 'in.jsonl'), `${JSONL}\n`);

type Line = { id: string; error?: { code: string; message: string }; article?: { meta: Record<string, unknown> }; generatedAt?: string; timingsMs?: unknown };

function parseLines(text: string): Line[] {
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

/** "id: error-code" or "id: report" per output line. */
function summary(lines: Line[]): string[] {
  return lines.map((l) => `${l.id}: ${l.error ? l.error.code : 'report'}`);
}

const EXPECTED = ['a: report', 'line-2: input-invalid', 'b: report', 'empty: input-empty', 'local: fetch-blocked', 'c: report'];

/** A report without its run-dependent fields, for comparing two runs. */
function stable(line: Line): string {
  const { generatedAt: _g, timingsMs: _t, ...rest } = line;
  return JSON.stringify(rest);
}

describe('factlens batch', () => {
  it('writes one line per input line, in order, and keeps going past failures', async () => {
    const io = fakeIo();
    assert.equal(await main(['batch', 'in.jsonl'], io), 0, io.err());
    const lines = parseLines(io.out());
    assert.deepEqual(summary(lines), EXPECTED);
    assert.equal(lines[0]!.article!.meta.publishedAt, '2019-11-18');
    assert.deepEqual(lines[0]!.article!.meta.extra, { id: 'a' });
    assert.equal(lines[2]!.article!.meta.source, 'Gazette');
    assert.match(lines[1]!.error!.message, /^Line 2 is not valid JSON/);
    assert.match(io.err(), /factlens batch: 6 articles, 3 reports, 3 failed \(input-invalid 1, input-empty 1, fetch-blocked 1\) in \d+\.\d s\n$/);
  });

  it('gives the same lines in the same order with several articles in flight, and with worker threads', async () => {
    const one = fakeIo();
    await main(['batch', 'in.jsonl'], one);
    const many = fakeIo();
    assert.equal(await main(['batch', 'in.jsonl', '--concurrency', '4'], many), 0, many.err());
    assert.deepEqual(parseLines(many.out()).map(stable), parseLines(one.out()).map(stable));
    const threads = fakeIo();
    assert.equal(await main(['batch', 'in.jsonl', '--workers', '2'], threads), 0, threads.err());
    assert.deepEqual(parseLines(threads.out()).map(stable), parseLines(one.out()).map(stable));
  });

  it('reads JSONL from stdin and writes to -o FILE', async () => {
    const io = fakeIo(JSONL.split('\n').map((l) => `${l}\n`));
    assert.equal(await main(['batch', '-', '-o', 'out.jsonl'], io), 0, io.err());
    assert.equal(io.out(), '');
    assert.deepEqual(summary(parseLines(readFileSync(join(dir, 'out.jsonl'), 'utf8'))), EXPECTED);
  });

  it('takes a folder of files in name order, one article each', async () => {
    const folder = join(dir, 'articles');
    mkdirSync(folder);
    writeFileSync(join(folder, '2-story.html'), `<html><body><h1>Council approves bridge number 5</h1><p>${article(5).split('\n\n')[1]}</p></body></html>`);
    writeFileSync(join(folder, '1-story.txt'), article(4));
    writeFileSync(join(folder, '3-image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    writeFileSync(join(folder, '4-empty.txt'), '');
    writeFileSync(join(folder, '.hidden'), 'ignored');
    const io = fakeIo();
    assert.equal(await main(['batch', 'articles'], io), 0, io.err());
    assert.deepEqual(summary(parseLines(io.out())), ['1-story.txt: report', '2-story.html: report', '3-image.txt: input-not-text', '4-empty.txt: input-empty']);
  });

  it('exits 1 when a report reaches --fail-on, 2 on bad usage or an unreadable input', async () => {
    const io = fakeIo();
    assert.equal(await main(['batch', 'in.jsonl', '--fail-on', 'score:101'], io), 1);
    assert.match(io.err(), /3 reached --fail-on score:101/);
    for (const args of [['batch'], ['batch', 'in.jsonl', '--format', 'json'], ['batch', 'in.jsonl', '--concurrency', '0'], ['batch', 'in.jsonl', '--fail-on', 'bad']]) {
      const bad = fakeIo();
      assert.equal(await main(args, bad), 2, args.join(' '));
      assert.match(bad.err(), /^factlens: error \[usage\]/);
    }
    const missing = fakeIo();
    assert.equal(await main(['batch', 'no-such.jsonl'], missing), 2);
    assert.match(missing.err(), /^factlens: error \[input-invalid\] no-such\.jsonl does not exist: check the path/);
    assert.doesNotMatch(missing.err(), /ENOENT/);
  });

  it('keeps unknown fields of another dataset as metadata, warns once naming them, and analyzes the articles', async () => {
    const lines = [1, 2].map((n) =>
      JSON.stringify({ id: `bf${n}`, portal: 'abc', orientation: 'mainstream', label: 'mostly true', title: `Council approves bridge number ${n}`, text: article(n).split('\n\n')[1], quotes: [[1, 5]] }),
    );
    writeFileSync(join(dir, 'foreign.jsonl'), `${lines.join('\n')}\n`);
    const io = fakeIo();
    assert.equal(await main(['batch', 'foreign.jsonl'], io), 0, io.err());
    const out = parseLines(io.out());
    assert.deepEqual(summary(out), ['bf1: report', 'bf2: report']);
    assert.deepEqual(out[0]!.article!.meta.extra, { portal: 'abc', orientation: 'mainstream', label: 'mostly true', id: 'bf1' });
    const warnings = io.err().split('\n').filter((l) => l.includes('warning'));
    assert.deepEqual(warnings, ['factlens batch: warning: kept fields portal, orientation, label as metadata (article.meta.extra); ignored field quotes (not short text)']);
  });

  it('runs on the shared BuzzFeed-Webis JSONL (first records)', { skip: !existsSync(BUZZFEED) && 'no ../shared/data' }, async () => {
    const head = readFileSync(BUZZFEED, 'utf8').split('\n').slice(0, 3).join('\n');
    writeFileSync(join(dir, 'buzzfeed.jsonl'), `${head}\n`);
    const io = fakeIo();
    assert.equal(await main(['batch', 'buzzfeed.jsonl'], io), 0, io.err());
    assert.deepEqual(parseLines(io.out()).map((l) => l.error?.code ?? 'report'), ['report', 'report', 'report']);
    assert.match(io.err(), /kept fields portal, .*as metadata/);
  });

  it('exits 2 when every article failed, after the summary', async () => {
    writeFileSync(join(dir, 'all-bad.jsonl'), `${JSON.stringify({ id: 'x', text: ' ' })}\n{broken\n`);
    const io = fakeIo();
    assert.equal(await main(['batch', 'all-bad.jsonl'], io), 2);
    assert.equal(parseLines(io.out()).length, 2);
    assert.match(io.err(), /factlens batch: 2 articles, 0 reports, 2 failed .*\nfactlens: error \[input-invalid\] All 2 articles failed/);
  });
});

describe('factlens batch -o on a failing disk', () => {
  for (const code of ['ENOSPC', 'EIO', 'EACCES']) {
    it(`${code} mid-batch: typed output-failed (exit 2), summary printed, the previous file untouched, no temporary left`, async () => {
      const out = join(dir, `disk-${code}`);
      mkdirSync(out);
      writeFileSync(join(out, 'reports.jsonl'), 'previous good content\n');
      const io = fakeIo([], failingOutputFs({ code, allowBytes: 5000 }));
      assert.equal(await main(['batch', 'in.jsonl', '-o', join(out, 'reports.jsonl')], io), 2);
      assert.match(io.err(), /factlens batch: \d+ articles, \d+ reports, \d+ failed.*not written\n/);
      assert.match(io.err(), /factlens: error \[output-failed\] Cannot write .*reports\.jsonl: .+\n$/);
      assert.equal(readFileSync(join(out, 'reports.jsonl'), 'utf8'), 'previous good content\n');
      assert.deepEqual(readdirSync(out), ['reports.jsonl']);
    });
  }
  it('a failing fsync or rename is reported too, and a missing folder before any analysis', async () => {
    for (const failOn of ['sync', 'rename'] as const) {
      const io = fakeIo([], failingOutputFs({ code: 'EIO', failOn }));
      assert.equal(await main(['batch', 'in.jsonl', '-o', 'sync.jsonl'], io), 2, failOn);
      assert.match(io.err(), /\[output-failed\] Cannot write .*sync\.jsonl: an I\/O error/);
      assert.equal(existsSync(join(dir, 'sync.jsonl')), false);
    }
    const io = fakeIo();
    assert.equal(await main(['batch', 'in.jsonl', '-o', join(dir, 'no-such-dir', 'r.jsonl')], io), 2);
    assert.match(io.err(), /^factlens: error \[output-failed\] Cannot write .*r\.jsonl: folder .*no-such-dir does not exist/);
  });
});

describe('factlens batch --concurrency with url records', () => {
  it('keeps several fetches in flight at once (loopback server, explicitly allowed)', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const server = http.createServer((_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(article(9));
      }, 150);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const lines = [1, 2, 3, 4].map((n) => JSON.stringify({ id: `u${n}`, url: `http://127.0.0.1:${port}/story${n}` }));
      writeFileSync(join(dir, 'urls.jsonl'), `${lines.join('\n')}\n`);
      const io = fakeIo();
      assert.equal(await main(['batch', 'urls.jsonl', '--concurrency', '4', '--allow-private-network'], io), 0, io.err());
      assert.deepEqual(summary(parseLines(io.out())), ['u1: report', 'u2: report', 'u3: report', 'u4: report']);
      assert.ok(maxInFlight >= 2, `at most ${maxInFlight} request(s) were in flight`);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
