import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor, summaryFor } from '../../../test/analyzer-harness.js';
import type { BinaryTextModel } from '../../models/types.js';
import { clickbait } from './index.js';

const BODY = 'The council voted on Tuesday to close the library, officials said.';

/** A stand-in model with fixed scores, so the analyzer's own logic is what is tested. */
const fixedModel = (p: number): BinaryTextModel => ({
  name: 'fixed',
  score: () => p,
  explain: () => [
    { cue: '“you”', weight: 1.2 },
    { cue: 'opens with a number', weight: 0.9 },
  ],
});

describe('clickbait', () => {
  it('reports a model-scored clickbait headline, exactly', async () => {
    const [f] = await findingsFor(clickbait, `17 Things You Never Knew About Libraries\n\n${BODY}`, {
      services: { models: { clickbait: fixedModel(0.97) } },
    });
    assert.deepEqual(
      { code: f?.code, severity: f?.severity, span: f?.span, quote: f?.quote, message: f?.message, confidence: f?.confidence },
      {
        code: 'clickbait-headline',
        severity: 'info',
        span: { start: 0, end: 40 },
        quote: '17 Things You Never Knew About Libraries',
        message: 'The headline reads as clickbait (97%): “you”, opens with a number',
        confidence: 0.97,
      },
    );
    assert.match(f!.explanation, /model trained on/);
    assert.equal(f!.evidence.length, 2);
  });

  it('stays silent below the threshold', async () => {
    const out = await summaryFor(clickbait, `Council closes library\n\n${BODY}`, { services: { models: { clickbait: fixedModel(0.79) } } });
    assert.deepEqual(out, []);
  });

  it('honours a lower threshold option', async () => {
    const out = await summaryFor(clickbait, `Council closes library\n\n${BODY}`, {
      services: { models: { clickbait: fixedModel(0.6) } },
      analyzerOptions: { threshold: 0.5 },
    });
    assert.deepEqual(out, ['0-22 clickbait/clickbait-headline «Council closes library»']);
  });

  // without a model the rule-based cues decide
  const cases: [string, string, string[]][] = [
    ['wire headline', `Council closes library after budget vote\n\n${BODY}`, []],
    ['listicle', `21 Things Only Librarians Will Understand\n\n${BODY}`, ['0-41 clickbait/clickbait-headline «21 Things Only Librarians Will Understand»']],
    ['teaser', `You Won't Believe What Happened At The Library\n\n${BODY}`, ['0-46 clickbait/clickbait-headline «You Won\'t Believe What Happened At The Library»']],
    ['quiz', `Which Library Book Are You?\n\n${BODY}`, ['0-27 clickbait/clickbait-headline «Which Library Book Are You?»']],
    ['a number alone is news, not a listicle', `3 killed as storm hits coast\n\n${BODY}`, []],
    ['a question alone is not enough', `Is the library closing for good?\n\n${BODY}`, []],
  ];
  for (const [name, text, expected] of cases) {
    it(`heuristic: ${name}`, async () => assert.deepEqual(await summaryFor(clickbait, text), expected));
  }

  it('names heuristic cues in the message', async () => {
    const [f] = await findingsFor(clickbait, `21 Things Only Librarians Will Understand\n\n${BODY}`);
    assert.equal(f?.message, 'The headline reads as clickbait (94%): listicle number, "only … will understand"');
    assert.match(f!.explanation, /rule-based cues/);
  });

  it('can be told not to fall back to the heuristic', async () => {
    const out = await summaryFor(clickbait, `21 Things Only Librarians Will Understand\n\n${BODY}`, { analyzerOptions: { useHeuristic: false } });
    assert.deepEqual(out, []);
  });
});
