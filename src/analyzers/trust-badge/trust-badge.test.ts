import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor, summaryFor } from '../../../test/analyzer-harness.js';
import { trustBadge } from './index.js';

const BODY = 'The council voted on Tuesday to close the library, officials said.';

describe('trust-badge', () => {
  it('flags a stand-alone "Fact checked" line, exactly', async () => {
    const [f] = await findingsFor(trustBadge, `Council closes library\n\nFact checked\n${BODY}`);
    assert.deepEqual(
      { code: f?.code, severity: f?.severity, span: f?.span, quote: f?.quote, message: f?.message, confidence: f?.confidence },
      {
        code: 'unbacked-badge',
        severity: 'problem',
        span: { start: 24, end: 36 },
        quote: 'Fact checked',
        message: 'Self-declared trust label "Fact checked" with nothing behind it',
        confidence: 0.95,
      },
    );
  });
  const cases: [string, string, string[]][] = [
    ['clean wire copy', `Council closes library\n\n${BODY}`, []],
    ['"Verified" badge', `Council closes library\n\nVerified ✔\n${BODY}`, ['24-34 trust-badge/unbacked-badge «Verified ✔»']],
    ['"100% TRUE" badge', `Council closes library\n\n100% TRUE!\n${BODY}`, ['24-34 trust-badge/unbacked-badge «100% TRUE!»']],
    [
      'inline self-verification in the first paragraph',
      `Council closes library\n\nThis story has been fact-checked. ${BODY}`,
      ['24-56 trust-badge/unbacked-badge «This story has been fact-checked»'],
    ],
    ['a paragraph about fact-checking is not a badge', `Fact-checkers meet\n\nJournalists said the claims were verified by three independent groups before publication.`, []],
    ['"verified" mid-article is not a badge', `Council closes library\n\n${BODY}\nA\nB\nC\nThe figures were verified by auditors.\nD\nE\nF`, []],
  ];
  for (const [name, text, expected] of cases) {
    it(name, async () => assert.deepEqual(await summaryFor(trustBadge, text), expected));
  }
  it('reports a badge backed by an embedded ClaimReview as info', async () => {
    const [f] = await findingsFor(trustBadge, `Council closes library\n\nFact checked\n${BODY}`, {
      meta: { claimReviews: [{ author: 'PolitiFact', reviewRating: 'True', url: 'https://example.org/fc/1' }] },
    });
    assert.equal(f?.code, 'backed-badge');
    assert.equal(f?.severity, 'info');
  });
});
