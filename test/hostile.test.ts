/**
 * Hostile and malformed inputs through the real CLI entry point: each must end in a typed error
 * (exit 2 and one `factlens: error [code] …` line) or in a report made only of inert text.
 */
import assert from 'node:assert/strict';
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import type { CliIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/hostile/${name}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'factlens-hostile-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: Readable.from([]) as unknown as CliIo['stdin'],
    env: {},
    cwd: tmp,
  };
  const code = await main(args, io);
  return { code, out, err };
}

/** Asserts exit code 2 with exactly one error line carrying `code`. */
async function expectError(args: string[], code: string): Promise<string> {
  const r = await run(args);
  assert.equal(r.code, 2, `exit code for ${args.join(' ')}: ${r.err}`);
  assert.equal(r.out, '');
  assert.match(r.err, new RegExp(`^factlens: error \\[${code}\\] [^\\n]+\\n$`));
  return r.err;
}

describe('hostile inputs to factlens check', () => {
  it('an empty file → input-empty', async () => {
    const path = join(tmp, 'empty.txt');
    writeFileSync(path, '');
    await expectError(['check', path], 'input-empty');
  });

  it('a 50 MB file → input-too-large, refused before it is read', async () => {
    const path = join(tmp, 'huge.txt');
    const fd = openSync(path, 'w');
    const chunk = Buffer.alloc(1024 * 1024, 'All work and no play makes a dull article. ');
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
    closeSync(fd);
    const before = process.memoryUsage().rss;
    const err = await expectError(['check', path], 'input-too-large');
    assert.match(err, /52428800 bytes, over the 5242880-byte limit/);
    assert.ok(process.memoryUsage().rss - before < 40 * 1024 * 1024, 'the file was read into memory');
  });

  it('a PNG renamed .txt → input-not-text', async () => {
    const err = await expectError(['check', fixture('png-renamed.txt')], 'input-not-text');
    assert.match(err, /PNG image/);
  });

  it('non-English text → input-language', async () => {
    await expectError(['check', fixture('not-english.txt')], 'input-language');
  });

  const checkCp1252 = async (): Promise<{ text: string; meta: { charset?: string } }> => {
    const r = await run(['check', fixture('windows-1252.txt'), '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    return (JSON.parse(r.out) as { article: { text: string; meta: { charset?: string } } }).article;
  };

  it('Windows-1252 text is decoded as Windows-1252: café', async () => {
    const article = await checkCp1252();
    assert.equal(article.meta.charset, 'windows-1252');
    assert.match(article.text, /^Café owner says council/);
    assert.match(article.text, /the owner of the café on Market Street/i);
  });

  it(
    'Windows-1252 curly quotes and dashes (bytes 0x80–0x9F) survive decoding',
    async () => {
      const article = await checkCp1252();
      assert.match(article.text, /^Café owner says council “ignored” complaints\n/);
      assert.match(article.text, /‘We lost half our trade,’ she said — and the council’s spokesman/);
    },
  );

  it('HTML with script, handler and javascript: payloads → a report of inert text, escaped in HTML output', async () => {
    const path = join(tmp, 'payloads.html');
    copyFileSync(fixture('script-payloads.html'), path);
    const json = await run(['check', path, '--format', 'json']);
    assert.equal(json.code, 0, json.err);
    const report = JSON.parse(json.out) as { article: { text: string; meta: Record<string, unknown> } };
    const article = JSON.stringify(report.article);
    for (const payload of ['title-script', 'byline-script', 'byline-handler', 'site-svg', 'head-script', 'body-inline', 'body-img', 'link-href', 'svg-script', 'iframe-src', 'css-url', 'noscript-body', 'onerror', 'onclick', 'javascript:']) {
      assert.ok(!article.includes(payload), `payload ${payload} reached the article`);
    }
    assert.deepEqual([report.article.meta.title, report.article.meta.byline], ['Mayor resigns after audit', 'Jo Smith']);
    // The one piece of markup-like text is escaped text in the page; the HTML report must escape it again.
    assert.ok(report.article.text.includes("<script>alert('escaped-text')</script>"));
    const html = await run(['check', path, '--format', 'html']);
    assert.equal(html.code, 0, html.err);
    assert.ok(!html.out.includes("<script>alert('escaped-text')"), 'article text reached the HTML report unescaped');
    assert.match(html.out, /&lt;script&gt;alert\(('|&#39;|&#x27;)escaped-text/);
  });
});

describe('hostile HTML structure', () => {
  const para = '<p>The council said on Monday that the new bridge would open in May, and that the old one would close for repairs.</p>';

  it('100,000 nested elements → input-invalid before parsing', async () => {
    const path = join(tmp, 'deep.html');
    writeFileSync(path, `<html><body>${'<div>'.repeat(100_000)}${para}</body></html>`);
    const err = await expectError(['check', path], 'input-invalid');
    assert.match(err, /more than 2000 levels deep/);
  });

  it('500 nested elements → analyzed from the page text, without Readability, and says so', async () => {
    const path = join(tmp, 'nested.html');
    writeFileSync(path, `<html><body>${'<div>'.repeat(500)}${para}${'</div>'.repeat(500)}</body></html>`);
    const r = await run(['check', path, '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as { article: { text: string; meta: { extra?: Record<string, string> } } };
    assert.equal(report.article.meta.extra?.extractor, 'page-text (nested over 200 levels)');
    assert.ok(report.article.text.includes('the new bridge would open in May'));
  });
});

describe('hostile inputs to factlens batch', () => {
  it('malformed JSONL lines → one error line each, and the batch goes on', async () => {
    const r = await run(['batch', fixture('malformed.jsonl')]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; error?: { code: string; message: string } });
    assert.deepEqual(
      lines.map((l) => `${l.id}: ${l.error?.code ?? 'report'}`),
      [
        'ok: report',
        'line-2: input-invalid',
        'line-3: input-invalid',
        'no-body: input-empty',
        'line-5: input-invalid',
        'num-text: input-invalid',
        'bad-date: input-invalid',
        'unknown-field: input-empty',
      ],
    );
    assert.equal(lines[7]!.error!.message, 'Line 9 has no article: give text, html or url (unknown fields: body).');
    for (const l of lines) if (l.error) assert.doesNotMatch(l.error.message, /\n/);
    assert.match(r.err, /8 articles, 1 reports, 7 failed/);
  });

  it('a 50 MB JSONL line is refused without stopping the batch', async () => {
    const path = join(tmp, 'huge.jsonl');
    const fd = openSync(path, 'w');
    writeSync(fd, '{"id": "huge", "text": "');
    const chunk = Buffer.alloc(1024 * 1024, 'word ');
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
    writeSync(fd, '"}\n{"id": "after", "text": "Council approves bridge\\n\\nThe city council voted on Monday to approve a new bridge across the river, officials said, and work starts in spring."}\n');
    closeSync(fd);
    const r = await run(['batch', path]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; error?: { code: string } });
    assert.deepEqual(lines.map((l) => `${l.id}: ${l.error?.code ?? 'report'}`), ['line-1: input-too-large', 'after: report']);
  });
});
