import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleReport } from '../../test/fixtures/reports/sample-report.js';
import { FactlensError } from '../core/errors.js';
import {
  CLAIM_REVIEW_REQUIRED_FIELDS,
  buildClaimReview,
  buildClaimReviews,
  missingClaimReviewFields,
  parseRating,
  renderClaimReviewJsonLd,
  reviewableClaims,
  reviewUrlProblem,
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

describe('reviewUrlProblem', () => {
  it('accepts public http(s) pages and refuses what readers cannot reach', () => {
    for (const ok of ['https://desk.example/reviews/1', 'http://news.example.org/a?b=c', 'https://93.184.216.34/r']) assert.equal(reviewUrlProblem(ok), undefined, ok);
    const refused: [string, RegExp][] = [
      ['http://127.0.0.1:8787/#/reports/abc', /loopback/],
      ['http://localhost:8787/r', /this machine/],
      ['http://review.localhost/r', /this machine/],
      ['http://[::1]/r', /loopback/],
      ['http://192.168.1.20/r', /private/],
      ['http://169.254.169.254/r', /metadata/],
      ['ftp://desk.example/r', /not an http/],
      ['/reviews/1', /not an absolute URL/],
    ];
    for (const [url, why] of refused) assert.match(reviewUrlProblem(url) ?? '', why, url);
  });

  it('keeps a workbench address out of published markup', async () => {
    const report = await sampleReport();
    const claim = { claim: 'x', rating: 3, reviewedAt: '2024-05-10T08:00:00Z' };
    assert.throws(
      () => buildClaimReview(report, claim, { ...OPTIONS, reviewUrl: 'http://127.0.0.1:8787/#/reports/abc' }),
      (e) => e instanceof FactlensError && e.code === 'input-invalid' && /loopback/.test(e.message),
    );
  });
});

describe('parseRating', () => {
  it('reads values and names on the scale, in any case and spelling', () => {
    assert.deepEqual(['1', ' 5 ', 'false', 'Mostly false', 'mostly-TRUE', 'mostly_false', 'Mixture'].map((v) => parseRating(v)?.value), [1, 5, 1, 2, 4, 2, 3]);
    for (const bad of ['0', '6', '2.5', 'pants on fire', '']) assert.equal(parseRating(bad), undefined, bad);
  });
});

describe('reviewableClaims', () => {
  it('offers the headline, then the check-worthy claims by rank, each keyed by its span', async () => {
    const report = await sampleReport();
    const claims = reviewableClaims(report);
    assert.equal(claims[0]!.label, 'Headline');
    assert.equal(claims[0]!.text, 'Ministers Clash Over Harbour Plan');
    assert.equal(claims[0]!.key, `span-0-${'Ministers Clash Over Harbour Plan'.length}`);
    const ranks = claims.slice(1).map((c) => c.rank);
    assert.ok(ranks.length > 0, 'the sample has check-worthy claims');
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a! - b!));
    for (const c of claims) assert.equal(report.article.text.slice(c.span.start, c.span.end), c.text);
  });
});
