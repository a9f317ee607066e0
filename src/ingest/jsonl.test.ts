import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type JsonlItem, readJsonl, recordToInput } from './jsonl.js';

async function collect(chunks: (string | Uint8Array)[], maxLineBytes?: number): Promise<JsonlItem[]> {
  async function* source(): AsyncGenerator<string | Uint8Array> {
    yield* chunks;
  }
  const items: JsonlItem[] = [];
  for await (const item of readJsonl(source(), { maxLineBytes })) items.push(item);
  return items;
}

/** "line id: record-fields" or "line id: error-code" for each item. */
function summary(items: JsonlItem[]): string[] {
  return items.map((i) => ('record' in i ? `${i.line} ${i.id}: ${Object.keys(i.record).join(',')}` : `${i.line} ${i.id}: ${i.error.code}`));
}

describe('readJsonl', () => {
  it('streams records and keeps going past malformed lines', async () => {
    const items = await collect([
      '\ufeff{"id":"a","text":"Headline\\n\\nBody."}\n',
      '{"id": 7, "url": "https://example.com/x", "published": "2019-11-18"}\r\n',
      '\n   \n',
      '{not json}\n',
      '["an", "array"]\n',
      '{"id":"b"}\n',
      '{"id":"c","text":"x","html":"<p>y</p>"}\n',
      '{"id":"d","text":"x","published":"someday"}\n',
      '{"id":"e","text":"x","extra":1}\n',
      '{"id":{"x":1},"text":"x"}\n',
      '{"id":"f","html":"<p>z</p>","url":"https://example.com/z","title":"Z","source":"Example"}',
    ]);
    assert.deepEqual(summary(items), [
      '1 a: id,text',
      '2 7: id,url,published',
      '5 line-5: input-invalid',
      '6 line-6: input-invalid',
      '7 b: input-empty',
      '8 c: input-invalid',
      '9 d: input-invalid',
      '10 e: id,text,extra',
      '11 line-11: input-invalid',
      '12 f: id,html,url,title,source',
    ]);
    const bad = items[2]!;
    assert.ok('error' in bad);
    assert.match(bad.error.message, /^Line 5 is not valid JSON: /);
    assert.doesNotMatch(bad.error.message, /\n/);
  });

  it('keeps unknown short scalar fields as metadata and names the others as ignored', async () => {
    const long = 'x'.repeat(1001);
    const items = await collect([
      `${JSON.stringify({ id: 'bf', portal: 'abc', orientation: 'mainstream', n: 3, flag: true, none: null, text: 'Body.', quotes: [[1, 2]], links: { a: 1 }, blurb: long, __proto__x: 'y' })}\n`,
    ]);
    const item = items[0]!;
    assert.ok('record' in item);
    assert.deepEqual(item.record.extra, { portal: 'abc', orientation: 'mainstream', n: '3', flag: 'true', __proto__x: 'y' });
    assert.deepEqual(item.ignored, ['quotes', 'links', 'blurb']);
    assert.deepEqual(recordToInput(item.record).meta.extra, { portal: 'abc', orientation: 'mainstream', n: '3', flag: 'true', __proto__x: 'y', id: 'bf' });
  });

  it('joins lines split across chunks, including inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode('{"id":"x","text":"café “quoted”"}\n{"id":"y","text":"ok"}\n');
    const cut = bytes.indexOf(0xc3) + 1; // split "é" between its two bytes
    const items = await collect([bytes.subarray(0, cut), bytes.subarray(cut, cut + 3), bytes.subarray(cut + 3)]);
    assert.deepEqual(summary(items), ['1 x: id,text', '2 y: id,text']);
    assert.equal('record' in items[0]! && items[0].record.text, 'café “quoted”');
  });

  it('refuses an over-long line without buffering it, and lines that are not UTF-8', async () => {
    const long = `{"id":"big","text":"${'a'.repeat(5000)}"}\n`;
    const items = await collect([long.slice(0, 2000), long.slice(2000), Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), '{"id":"ok","text":"fine"}'], 1000);
    assert.deepEqual(summary(items), ['1 line-1: input-too-large', '2 line-2: input-encoding', '3 ok: id,text']);
    assert.ok('error' in items[0]!);
    assert.equal(items[0].error.message, `Line 1 is ${long.length - 1} bytes, over the 1000-byte limit.`);
  });
});

describe('recordToInput', () => {
  it('puts a title above plain text and passes metadata through', () => {
    assert.deepEqual(recordToInput({ id: 'a', text: 'Body.', title: 'Headline', published: '2019-11-18', source: 'Example' }), {
      input: { text: 'Headline\n\nBody.' },
      meta: { extra: { id: 'a' }, publishedAt: '2019-11-18', source: 'Example' },
    });
    assert.deepEqual(recordToInput({ id: 'b', html: '<p>x</p>', url: 'https://example.com/' }), {
      input: { html: '<p>x</p>', url: 'https://example.com/' },
      meta: { extra: { id: 'b' } },
    });
    assert.deepEqual(recordToInput({ id: 'c', url: 'https://example.com/', title: 'T' }).input, { url: 'https://example.com/' });
  });
});
