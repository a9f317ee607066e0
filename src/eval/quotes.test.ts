import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paragraphBlocks, type QuoteScore, scoreRecord } from './quotes.js';

describe('eval quotes', () => {
  it('scores detected quotes against gold spans one-to-one (Jaccard ≥ 0.5)', () => {
    const text = 'He said "we will win the vote." Later she called it a "sham" and left. Nobody knew.';
    const gold: [number, number][] = [
      [text.indexOf('we will'), text.indexOf('vote.') + 5],
      [text.indexOf('Nobody'), text.indexOf('knew') + 4],
    ];
    const score: QuoteScore = { articles: 0, gold: 0, detected: 0, matched: 0, withSpeaker: 0 };
    scoreRecord({ id: 't', text, quotes: gold, paragraphs: [[0, text.length]] }, score);
    assert.deepEqual(score, { articles: 1, gold: 2, detected: 2, matched: 1, withSpeaker: 0 });
  });
  it('realigns drifting paragraph starts to word starts and makes paragraphs contiguous', () => {
    const text = 'First para here. Second para here.';
    const blocks = paragraphBlocks({ text, paragraphs: [[0, 0], [1, 16], [19, 34]] });
    assert.deepEqual(blocks.map((b) => text.slice(b.span.start, b.span.end)), ['First para here.', 'Second para here.']);
  });
});
