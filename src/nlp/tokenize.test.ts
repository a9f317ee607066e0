import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Block, Token } from '../core/types.js';
import { splitSentences, tokenizeSpan } from './tokenize.js';

function sentencesOf(text: string): string[] {
  const blocks: Block[] = [{ kind: 'paragraph', span: { start: 0, end: text.length } }];
  return splitSentences(text, blocks).sentences.map((s) => text.slice(s.span.start, s.span.end));
}

describe('splitSentences', () => {
  const cases: [string, string[]][] = [
    ['One. Two.', ['One.', 'Two.']],
    ['The U.S. would act. He said so.', ['The U.S. would act.', 'He said so.']],
    ['He lives in the U.S. The rest stayed.', ['He lives in the U.S.', 'The rest stayed.']],
    ['Mr. Smith met Dr. Jones on Jan. 5 in Washington.', ['Mr. Smith met Dr. Jones on Jan. 5 in Washington.']],
    ['“We got a reply,” Lavrov said Wednesday. “We were told no.”', ['“We got a reply,” Lavrov said Wednesday.', '“We were told no.”']],
    ['… aggression”. reports: more text', ['… aggression”. reports: more text']],
    ['John F. Kennedy spoke. Then he left!', ['John F. Kennedy spoke.', 'Then he left!']],
    ['Is it true? Nobody knows.', ['Is it true?', 'Nobody knows.']],
  ];
  for (const [text, expected] of cases) {
    it(`splits ${JSON.stringify(text)}`, () => assert.deepEqual(sentencesOf(text), expected));
  }
  it('tokens index the text', () => {
    const text = 'The U.S. can’t stop al-Assad, 42.5% said.';
    const { tokens } = splitSentences(text, [{ kind: 'paragraph', span: { start: 0, end: text.length } }]);
    assert.deepEqual(
      tokens.map((t) => t.text),
      ['The', 'U.S.', 'can’t', 'stop', 'al-Assad', ',', '42.5%', 'said', '.'],
    );
    for (const t of tokens) assert.equal(text.slice(t.span.start, t.span.end), t.text);
  });
});

describe('tokens', () => {
  it('the ASCII fast path gives the same tokens as the Unicode tokenizer', () => {
    const unicodeRe = /(?:\p{L}\.){2,}|\p{L}[\p{L}\p{M}\p{N}]*(?:['’-]\p{L}[\p{L}\p{M}\p{N}]*)*|\p{N}[\p{N}]*(?:[.,]\p{N}+)*%?|[^\s\p{L}\p{N}]/gu;
    for (const sample of [
      'The U.S. “Fact checked” badge — it’s 40.5% of $1,200 (Russia’s re-election) … e.g. A.B.C. 3,4.5!',
      "rock'n'roll o'clock -dash- 'quoted' ’ U.S.-led al-Assad 2015’s",
    ]) {
      const out: Token[] = [];
      tokenizeSpan(sample, { start: 0, end: sample.length }, 0, out);
      const reference = [...sample.matchAll(unicodeRe)].map((m) => [m[0], m.index]);
      assert.deepEqual(
        out.map((t) => [t.text, t.span.start]),
        reference,
      );
      assert.ok(out.length > 10);
    }
  });
});
