import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDelimited, readWithHeader } from './import/delimited.js';
import { claimReviewFrom, findClaimReviews, looseDate } from './import/records-from.js';
import { normalizeDate } from './records.js';

describe('records', () => {
  it('normalizes dates and refuses impossible ones', () => {
    assert.equal(normalizeDate('2015-10-21T14:00:00Z'), '2015-10-21');
    assert.equal(normalizeDate('October 21, 2015'), '2015-10-21');
    assert.equal(normalizeDate(''), undefined);
    assert.throws(() => normalizeDate('2015-02-30'), /not a date/);
    assert.equal(looseDate("{'$date': 1474243200000}"), '2016-09-19');
    assert.equal(looseDate(1474243200000), '2016-09-19');
  });
});

describe('delimited', () => {
  it('reads CR, LF and CRLF rows, quotes, doubled quotes, multi-line fields and a BOM, with line numbers', () => {
    const text = '\ufeffdomain,note\r"a.com","say ""hi"""\rb.com,"two\nlines"\r\n\nc.com,plain\n';
    assert.deepEqual([...parseDelimited(text)], [
      { fields: ['domain', 'note'], line: 1 },
      { fields: ['a.com', 'say "hi"'], line: 2 },
      { fields: ['b.com', 'two\nlines'], line: 3 },
      { fields: ['c.com', 'plain'], line: 6 },
    ]);
    const { header, rows } = readWithHeader('a\tb\n1\t2\t3\n', '\t');
    assert.deepEqual(header, ['a', 'b']);
    assert.deepEqual(rows[0], { values: { a: '1', b: '2', '#2': '3' }, line: 2 });
  });
});

describe('ClaimReview', () => {
  it('reads the ClaimReview fields, also inside DataFeed files', () => {
    const feed = {
      '@context': 'https://schema.org',
      '@type': 'DataFeed',
      dataFeedElement: [
        {
          '@type': 'DataFeedItem',
          item: [
            {
              '@type': 'ClaimReview',
              url: 'https://checker.example/review/1',
              claimReviewed: 'The moon is made of cheese.',
              datePublished: '2020-04-01',
              author: { '@type': 'Organization', name: 'Example Checks' },
              itemReviewed: { '@type': 'Claim', author: { name: 'A. Person' }, datePublished: '2020-03-30', appearance: [{ url: 'https://blog.example/cheese' }] },
              reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, alternateName: 'False' },
            },
          ],
        },
      ],
    };
    const [review] = findClaimReviews(feed);
    assert.deepEqual(claimReviewFrom(review!, 'feed'), {
      id: undefined,
      claim: 'The moon is made of cheese.',
      claimant: 'A. Person',
      claimDate: '2020-03-30',
      rating: 'False',
      verdict: 'false',
      reviewer: 'Example Checks',
      reviewDate: '2020-04-01',
      url: 'https://checker.example/review/1',
      itemUrl: 'https://blog.example/cheese',
      collection: 'feed',
    });
  });
});
