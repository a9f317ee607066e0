/** `factlens check --format claimreview`: the reviewer's ratings as ClaimReview JSON-LD, and its refusals. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';
import { missingClaimReviewFields } from '../src/report/claimreview.js';
import { type CapturedIo, captureIo } from './capture-io.js';

const EXAMPLE = fileURLToPath(new URL('../examples/aegean-standoff.txt', import.meta.url));
const EMPTY_DIR = mkdtempSync(join(tmpdir(), 'factlens-cli-claimreview-'));
const REVIEW = ['--author', 'Harbour Fact Desk', '--review-url', 'https://factdesk.example/reviews/aegean'];

function io(): CapturedIo {
  return captureIo({ cwd: EMPTY_DIR, env: {} });
}

describe('factlens check --format claimreview', () => {
  it('prints a complete ClaimReview for each rated claim, in article order', async () => {
    const a = io();
    const code = await main(
      ['check', EXAMPLE, '--published', '2016-03-09', '--format', 'claimreview', '--rate', '2=mostly-true', '--rate', 'headline=1', '--note', 'headline=No NATO statement mentions sabotage.', ...REVIEW, '--analyzers', 'check-worthy'],
      a,
    );
    assert.equal(code, 0, a.err());
    const reviews = JSON.parse(a.out()) as Record<string, unknown>[];
    assert.equal(reviews.length, 2);
    for (const r of reviews) assert.deepEqual(missingClaimReviewFields(r), []);
    const [headline, claim] = reviews as Array<Record<string, unknown> & { reviewRating: { alternateName: string }; author: unknown }>;
    assert.equal(headline!.claimReviewed, 'NATO Threatens To Sabotage Turkey’s Bid To Rescue Stranded Refugees');
    assert.equal(headline!.reviewRating.alternateName, 'False');
    assert.equal(headline!.reviewBody, 'No NATO statement mentions sabotage.');
    assert.equal(headline!.url, 'https://factdesk.example/reviews/aegean');
    assert.deepEqual(headline!.author, { '@type': 'Organization', name: 'Harbour Fact Desk' });
    // check-worthy claim #2 of the text report
    const text = io();
    await main(['check', EXAMPLE, '--analyzers', 'check-worthy'], text);
    const second = /^ {2}#2 +\S+ +\d+-\d+ +(.+)$/m.exec(text.out());
    assert.ok(second, text.out());
    assert.ok(second[1]!.includes(String(claim!.claimReviewed).slice(0, 40)), `${second[1]} ~ ${claim!.claimReviewed}`);
    assert.equal(claim!.reviewRating.alternateName, 'Mostly true');
    assert.equal(claim!.reviewBody, undefined);
  });

  it('is a usage error without a review URL, an author or a rating, and for a rating it cannot place', async () => {
    const cases: [string[], RegExp][] = [
      [['--rate', 'headline=false', '--author', 'Desk'], /needs --review-url URL/],
      [['--rate', 'headline=false', '--author', 'Desk', '--review-url', 'http://127.0.0.1:8787/#/reports/x'], /--review-url .* cannot be published: its host is a loopback address/],
      [['--rate', 'headline=false', '--review-url', 'https://d.example/r'], /needs --author NAME/],
      [REVIEW, /factlens does not guess: add --rate/],
      [['--rate', 'headline=pants-on-fire', ...REVIEW], /not on the scale/],
      [['--rate', 'lede=false', ...REVIEW], /must be CLAIM=RATING/],
      [['--rate', 'headline=false', '--rate', 'headline=true', ...REVIEW], /twice/],
      [['--rate', 'headline=false', '--note', '1=why', ...REVIEW], /without --rate 1=/],
      [['--rate', '9=false', ...REVIEW], /check-worthy claims #1–#5 only/],
    ];
    for (const [args, message] of cases) {
      const a = io();
      assert.equal(await main(['check', EXAMPLE, '--format', 'claimreview', ...args], a), 2, args.join(' '));
      assert.match(a.err(), /^factlens: error \[usage\] /, args.join(' '));
      assert.match(a.err(), message, args.join(' '));
      assert.equal(a.out(), '');
    }
  });

  it('refuses the ClaimReview options beside another format', async () => {
    const a = io();
    assert.equal(await main(['check', EXAMPLE, '--rate', 'headline=false'], a), 2);
    assert.match(a.err(), /--rate is for --format claimreview/);
  });

  it('documents the format and its options in check --help', async () => {
    const a = io();
    assert.equal(await main(['check', '--help'], a), 0);
    for (const option of ['claimreview', '--rate CLAIM=RATING', '--note CLAIM=TEXT', '--author NAME', '--review-url URL']) assert.ok(a.out().includes(option), option);
  });
});
