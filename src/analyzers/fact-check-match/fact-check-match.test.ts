import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor } from '../../../test/analyzer-harness.js';
import { openSqliteStore } from '../../store/sqlite.js';
import type { CorpusStore } from '../../store/types.js';
import { factCheckMatch } from './index.js';
import { claimSimilarity, matchFeatures, matchProbability, stem } from './similarity.js';

const CLAIM = 'Governor Smith signed a law that cut the state sales tax to 4 percent on Monday.';
const TEXT = `Smith cuts sales tax\n\n${CLAIM} Local shops said they expected more customers before the holidays.`;

async function storeWith(): Promise<CorpusStore> {
  const store = openSqliteStore(':memory:', { create: true });
  await store.addFactChecks([
    {
      id: 'pf-1',
      claim: 'Governor Smith signed a law cutting the state sales tax to 4 percent.',
      rating: 'Pants on Fire',
      verdict: 'false',
      reviewer: 'PolitiFact',
      reviewDate: '2019-03-02',
      url: 'https://fact.example.org/smith-tax',
    },
    { id: 'pf-2', claim: 'The city zoo bought two new elephants from a circus in Ohio.', rating: 'True', verdict: 'true', reviewer: 'Snopes' },
    { id: 'pf-3', claim: 'Sales of electric cars doubled in the state last year.', rating: 'Mostly True', verdict: 'mostly-true', reviewer: 'PolitiFact' },
    { id: 'item-1', itemUrl: 'https://shady.example.net/smith-tax-cut', rating: 'false', verdict: 'false', reviewer: 'BuzzFeed News' },
  ]);
  return store;
}

describe('fact-check-match', () => {
  it('matches a claim to the fact-check of the same claim, with rating, reviewer, date and URL', async () => {
    const store = await storeWith();
    const findings = await findingsFor(factCheckMatch, TEXT, { services: { store } });
    const claimAt = TEXT.indexOf(CLAIM);
    assert.deepEqual(
      findings.map((f) => `${f.span?.start}-${f.span?.end} ${f.code} ${f.severity}`),
      [`${claimAt}-${claimAt + CLAIM.length} matches-false-claim problem`],
    );
    const f = findings[0]!;
    assert.equal(f.message, 'PolitiFact rated a matching claim "Pants on Fire" (2019-03-02): "Governor Smith signed a law cutting the state sales tax to 4 percent."');
    assert.equal(f.data?.url, 'https://fact.example.org/smith-tax');
    assert.ok(f.confidence >= 0.3 && f.confidence === f.data?.similarity);
    assert.deepEqual(f.evidence[1], { kind: 'url', value: 'https://fact.example.org/smith-tax', source: 'PolitiFact' });
    await store.close();
  });

  it('reports a fact-check of the article’s own URL', async () => {
    const store = await storeWith();
    const findings = await findingsFor(factCheckMatch, 'A headline about nothing\n\nA sentence with no claim in it at all, really.', {
      meta: { url: 'https://www.shady.example.net/smith-tax-cut/' },
      services: { store },
    });
    assert.deepEqual(findings.map((f) => `${f.code} ${f.severity} ${f.message}`), [
      'article-rated problem A fact-check rated this very article "false" (BuzzFeed News, undated)',
    ]);
    await store.close();
  });

  it('stays quiet when nothing matches well enough, and without a store', async () => {
    const store = await storeWith();
    const text = 'Weather today\n\nThe council approved a new bridge over the river on Tuesday, officials said.';
    assert.deepEqual(await findingsFor(factCheckMatch, text, { services: { store } }), []);
    assert.deepEqual(await findingsFor(factCheckMatch, TEXT), []);
    await store.close();
  });
});

describe('claim similarity', () => {
  it('scores paraphrases above unrelated claims', () => {
    const a = 'The Pentagon threatened Russia over its air strikes in Syria';
    assert.ok(claimSimilarity(a, 'Russia threatened by the Pentagon over Syrian airstrikes') > 0.5);
    assert.ok(claimSimilarity(a, 'The city zoo bought two new elephants') < 0.1);
    assert.equal(claimSimilarity('', a), 0);
  });
  it('stems, weighs numbers, and turns features into a probability', () => {
    assert.equal(stem('threatened'), 'threaten');
    assert.equal(stem('cities'), 'city');
    const same = matchFeatures('Taxes rose 4 percent in 2019', 'Taxes rose 4 percent in 2019', 10, 10);
    assert.deepEqual({ ...same, similarity: Math.round(same.similarity * 100) / 100 }, {
      similarity: 1,
      bm25Relative: 1,
      claimCovered: 1,
      factCheckCovered: 1,
      numbers: 1,
    });
    assert.equal(matchFeatures('Taxes rose 4 percent', 'Taxes rose 9 percent', 5, 10).numbers, -1);
    assert.ok(matchProbability(same) > 0.85);
    assert.ok(matchProbability(matchFeatures('Taxes rose', 'Elephants arrived at the zoo', 1, 10)) < 0.05);
  });
});
