import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { main } from '../cli/main.js';
import type { CliIo } from '../cli/io.js';
import { FactlensError } from '../core/errors.js';
import {
  benchmarkTokens,
  bootstrapStd,
  loadExtractionBenchmark,
  scorePage,
  shingleCounts,
  shingleMatch,
  summarize,
} from './extraction.js';

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-9, `${a} != ${b}`);

describe('benchmark metric (hand-computed)', () => {
  it('tokenizes like Python \\w+: letters, digits, underscore; combining marks split', () => {
    assert.deepEqual(benchmarkTokens('Naïve café_1, x-y! 42'), ['Naïve', 'café_1', 'x', 'y', '42']);
    assert.deepEqual(benchmarkTokens('cafe\u0301 ok'), ['cafe', 'ok']);
    assert.deepEqual(benchmarkTokens('東京 2020'), ['東京', '2020']);
    assert.deepEqual(benchmarkTokens(''), []);
  });

  it('counts 4-token shingles as a multiset; shorter texts are one shingle', () => {
    assert.deepEqual([...shingleCounts('a b c d a b c d').values()].sort(), [1, 1, 1, 2]);
    assert.equal(shingleCounts('a b').size, 1);
    assert.equal(shingleCounts('').size, 0);
  });

  it('normalises tp/fp/fn to sum to one', () => {
    // gold shingles {abcd, bcde}, predicted {abcd}: tp 1, fp 0, fn 1 → 0.5 / 0 / 0.5
    assert.deepEqual(shingleMatch('a b c d e', 'a b c d'), { tp: 0.5, fp: 0, fn: 0.5 });
    // gold {abcd×2, bcda, cdab, dabc}, predicted {abcd}: tp 1, fn 4 → 0.2 / 0 / 0.8
    const m = shingleMatch('a b c d a b c d', 'a b c d');
    close(m.tp, 0.2);
    close(m.fn, 0.8);
    // predicted adds one shingle nobody wanted: {abcd, bcdx} vs gold {abcd}: tp 1, fp 1 → 0.5 / 0.5 / 0
    assert.deepEqual(shingleMatch('a b c d', 'a b c d x'), { tp: 0.5, fp: 0.5, fn: 0 });
    assert.deepEqual(shingleMatch('', ''), { tp: 0, fp: 0, fn: 0 });
  });

  it('averages precision and recall over pages and takes F1 of the averages', () => {
    const pages = [scorePage('a b c d e', 'a b c d'), scorePage('x y', 'x, y!')];
    assert.equal(pages[1]!.isExact, true);
    const m = summarize(pages);
    close(m.precision, 1); // (1 + 1) / 2
    close(m.recall, 0.75); // (0.5 + 1) / 2
    close(m.f1, (2 * 0.75) / 1.75);
    close(m.accuracy, 0.5);
    // An empty prediction scores 0 precision and 0 recall on its page.
    const withEmpty = summarize([...pages, scorePage('p q r s', '')]);
    close(withEmpty.precision, 2 / 3);
    close(withEmpty.recall, 1.5 / 3);
  });

  it('bootstraps reproducibly; identical pages have no spread', () => {
    const same = Array.from({ length: 10 }, () => scorePage('a b c d e', 'a b c d'));
    for (const v of Object.values(bootstrapStd(same, 200))) close(v, 0);
    const mixed = [scorePage('a b c d e', 'a b c d'), scorePage('a b c d', 'a b c d'), scorePage('a b c d', 'x y z w')];
    assert.deepEqual(bootstrapStd(mixed, 300, 7), bootstrapStd(mixed, 300, 7));
    assert.ok(bootstrapStd(mixed, 300, 7).recall > 0);
  });
});

describe('benchmark folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlens-extraction-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const body =
    'The council voted on Monday to approve a new bridge across the river, ending a debate that has lasted for more than a decade in the town.';
  const page = `<!DOCTYPE html><html><head><title>Bridge approved</title></head><body><nav><a href="/">Home</a></nav><article><h1>Bridge approved</h1><p>${body}</p><p>Share this article</p></article></body></html>`;
  mkdirSync(join(dir, 'good', 'html'), { recursive: true });
  writeFileSync(join(dir, 'good', 'ground-truth.json'), JSON.stringify({ p1: { articleBody: body, url: 'https://example.com/bridge' } }));
  writeFileSync(join(dir, 'good', 'html', 'p1.html.gz'), gzipSync(page));
  mkdirSync(join(dir, 'bad-json'));
  writeFileSync(join(dir, 'bad-json', 'ground-truth.json'), '{ not json');
  mkdirSync(join(dir, 'no-html'));
  writeFileSync(join(dir, 'no-html', 'ground-truth.json'), JSON.stringify({ p1: { articleBody: 'x' } }));

  const rejects = async (path: string, pattern: RegExp): Promise<void> => {
    await assert.rejects(loadExtractionBenchmark(path), (err: unknown) => err instanceof FactlensError && err.code === 'input-invalid' && pattern.test(err.message));
  };

  it('refuses absent and malformed folders with a clear error', async () => {
    await rejects(join(dir, 'absent'), /No directory/);
    await rejects(dir, /No ground-truth\.json/);
    await rejects(join(dir, 'bad-json'), /not valid JSON/);
    await rejects(join(dir, 'no-html'), /Missing html\/p1\.html\.gz/);
  });

  it('runs through the CLI and scores both extractors', async () => {
    let out = '';
    let err = '';
    const io: CliIo = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      stdin: process.stdin,
      env: {},
      cwd: dir,
    };
    assert.equal(await main(['eval', 'extraction', '--data', 'good', '--json'], io), 0, err);
    const result = JSON.parse(out) as { pages: number; results: { name: string; metrics: { f1: number; accuracy: number } }[] };
    assert.equal(result.pages, 1);
    assert.deepEqual(
      result.results.map((r) => r.name),
      ['readability (plain textContent)', 'factlens ingestHtml'],
    );
    // factlens drops "Share this article", so its body is exactly the gold body.
    assert.equal(result.results[1]!.metrics.accuracy, 1);
    assert.equal(result.results[1]!.metrics.f1, 1);
    assert.equal(await main(['eval', 'extraction'], io), 2);
    assert.match(err, /--data DIR/);
  });
});
