import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleReport } from '../../test/fixtures/reports/sample-report.js';
import { FactlensError } from '../core/errors.js';
import {
  CLAIM_REVIEW_REQUIRED_FIELDS,
  buildClaimReview,
  buildClaimReviews,
  missingClaimReviewFields,
  renderClaimReviewJsonLd,
} from './claimreview.js';

const OPTIONS = { author: { name: 'Harbour Desk', url: 'https://desk.example/' }, reviewUrl: 'https://desk.example/reviews/1' };

describe('buildClaimReview', () => {
  it('builds a complete schema.org ClaimReview for a rated claim', async () => {
    const report = await sampleReport();
    const review = buildClaimReview(
      report,
      { claim: 'the harbour would cost\n "less than 40 million euros"', rating: 2, note: ' Budget papers say 62 million. ', reviewedAt: '2024-05-10T08:00:00Z' },
      OPTIONS,
    );
    assert.deepEqual(review, {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://desk.example/reviews/1',
      datePublished: '2024-05-10',
      claimReviewed: 'the harbour would cost "less than 40 million euros"',
      author: { '@type': 'Organization', name: 'Harbour Desk', url: 'https://desk.example/' },
      reviewRating: { '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Mostly false' },
      reviewBody: 'Budget papers say 62 million.',
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Organization', name: 'example.org' },
        datePublished: '2024-05-08',
        appearance: { '@type': 'NewsArticle', headline: 'Ministers Clash Over Harbour Plan' },
      },
    });
    assert.deepEqual(missingClaimReviewFields(review), []);
  });

  it('refuses ratings off the scale, empty claims and a missing author', async () => {
    const report = await sampleReport();
    const claim = { claim: 'x', rating: 3, reviewedAt: '2024-05-10T08:00:00Z' };
    for (const bad of [{ ...claim, rating: 0 }, { ...claim, rating: 2.5 }, { ...claim, claim: '  ' }]) {
      assert.throws(() => buildClaimReview(report, bad, OPTIONS), (e) => e instanceof FactlensError && e.code === 'input-invalid');
    }
    assert.throws(
      () => buildClaimReview(report, claim, { ...OPTIONS, author: { name: ' ' } }),
      (e) => e instanceof FactlensError && e.code === 'input-invalid',
    );
  });

  it('orders several reviews by position and renders an array', async () => {
    const report = await sampleReport();
    const reviews = buildClaimReviews(
      report,
      [
        { claim: 'second', span: { start: 50, end: 56 }, rating: 5, reviewedAt: '2024-05-10T08:00:00Z' },
        { claim: 'first', span: { start: 10, end: 15 }, rating: 1, reviewedAt: '2024-05-10T08:00:00Z' },
      ],
      OPTIONS,
    );
    assert.deepEqual(reviews.map((r) => r.claimReviewed), ['first', 'second']);
    const parsed = JSON.parse(renderClaimReviewJsonLd(reviews));
    assert.ok(Array.isArray(parsed) && parsed.length === 2);
  });
});

describe('missingClaimReviewFields', () => {
  it('names every missing required field', () => {
    assert.deepEqual(missingClaimReviewFields({}), [...CLAIM_REVIEW_REQUIRED_FIELDS]);
    assert.deepEqual(missingClaimReviewFields({ '@context': 'https://schema.org', '@type': 'ClaimReview', url: 'u', datePublished: 'd', claimReviewed: 'c', author: { name: '' }, reviewRating: { ratingValue: 1, bestRating: 5, worstRating: 1 } }), ['author.name', 'reviewRating.alternateName']);
  });
});
