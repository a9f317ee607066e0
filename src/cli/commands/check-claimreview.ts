/**
 * `factlens check --format claimreview`: the reviewer's ratings of an article's claims as schema.org
 * ClaimReview JSON-LD, built by the same builder as the workbench export. A ClaimReview publishes a
 * person's verdict on a claim, so factlens never fills the rating in itself: the reviewer names each
 * claim and its rating with `--rate`, the publishing organisation with `--author` and the public
 * page of the review with `--review-url`.
 */
import { FactlensError } from '../../core/errors.js';
import type { Report } from '../../core/types.js';
import {
  CLAIM_RATINGS,
  buildClaimReviews,
  parseRating,
  type ReviewableClaim,
  renderClaimReviewJsonLd,
  reviewableClaims,
  reviewUrlProblem,
} from '../../report/claimreview.js';

/** What `--rate`, `--note`, `--author` and `--review-url` asked for, checked before the analysis. */
export interface ClaimReviewRequest {
  reviewUrl: string;
  author: string;
  /** claim reference (headline, N, span-S-E) → rating 1..5 */
  ratings: Map<string, number>;
  /** claim reference → note */
  notes: Map<string, string>;
}

const SCALE = CLAIM_RATINGS.map((r) => r.name.toLowerCase().replace(/ /g, '-')).join(', ');
const HOW = 'e.g. --rate headline=mostly-false or --rate 2=true (check-worthy claim #2 of the text report)';

function normalizeRef(ref: string): string | undefined {
  const r = ref.trim().toLowerCase();
  if (r === 'headline') return r;
  if (/^#?[1-9]\d{0,3}$/.test(r)) return r.replace(/^#/, '');
  if (/^span-\d{1,9}-\d{1,9}$/.test(r)) return r;
  return undefined;
}

function splitPair(option: string, value: string): [string, string] {
  const at = value.indexOf('=');
  const ref = at < 0 ? undefined : normalizeRef(value.slice(0, at));
  if (ref === undefined) {
    throw new FactlensError('usage', `--${option} "${value}" must be CLAIM=${option === 'rate' ? 'RATING' : 'TEXT'}, CLAIM being headline, a check-worthy rank (1, 2, …) or span-START-END: ${HOW}.`);
  }
  return [ref, value.slice(at + 1)];
}

/**
 * Checks the ClaimReview options of `check` before any analysis runs: a public `--review-url`, an
 * `--author`, at least one `--rate`, ratings on the scale, and notes only for rated claims.
 * @example parseClaimReviewRequest({ 'review-url': 'https://desk.example/r/1', author: 'Desk', rate: ['headline=2'] })
 */
export function parseClaimReviewRequest(values: { 'review-url'?: string; author?: string; rate?: string[]; note?: string[] }): ClaimReviewRequest {
  const reviewUrl = values['review-url']?.trim();
  if (!reviewUrl) {
    throw new FactlensError('usage', '--format claimreview needs --review-url URL: the public page where your review is published (ClaimReview markup must point at it).');
  }
  const problem = reviewUrlProblem(reviewUrl);
  if (problem) throw new FactlensError('usage', `--review-url ${reviewUrl} cannot be published: ${problem}.`);
  const author = values.author?.trim();
  if (!author) throw new FactlensError('usage', '--format claimreview needs --author NAME: the organisation (or person) publishing the review.');
  if (author.length > 200) throw new FactlensError('usage', '--author is over 200 characters.');
  const ratings = new Map<string, number>();
  for (const value of values.rate ?? []) {
    const [ref, given] = splitPair('rate', value);
    const step = parseRating(given);
    if (!step) throw new FactlensError('usage', `--rate ${value}: "${given}" is not on the scale: use 1–5 or ${SCALE}.`);
    if (ratings.has(ref)) throw new FactlensError('usage', `--rate names claim ${ref} twice: rate each claim once.`);
    ratings.set(ref, step.value);
  }
  if (ratings.size === 0) {
    throw new FactlensError('usage', `--format claimreview publishes your rating of a claim, which factlens does not guess: add --rate, ${HOW}.`);
  }
  const notes = new Map<string, string>();
  for (const value of values.note ?? []) {
    const [ref, text] = splitPair('note', value);
    if (!ratings.has(ref)) throw new FactlensError('usage', `--note ${ref}=… is for a claim without --rate ${ref}=…: rate the claim the note explains.`);
    notes.set(ref, text);
  }
  return { reviewUrl, author, ratings, notes };
}

function findClaim(claims: readonly ReviewableClaim[], ref: string, report: Report): ReviewableClaim {
  if (ref === 'headline') {
    const headline = claims.find((c) => c.label === 'Headline');
    if (!headline) throw new FactlensError('usage', 'The article has no headline line to rate: rate a check-worthy claim (--rate 1=…) instead.');
    return headline;
  }
  if (ref.startsWith('span-')) {
    const [, start, end] = ref.split('-').map(Number) as [number, number, number];
    if (!(start < end && end <= report.article.text.length)) {
      throw new FactlensError('usage', `--rate ${ref}: the span is not inside the article (${report.article.text.length} characters).`);
    }
    return claims.find((c) => c.key === ref) ?? { key: ref, label: 'Passage', span: { start, end }, text: report.article.text.slice(start, end) };
  }
  const rank = Number(ref);
  const claim = claims.find((c) => c.rank === rank);
  if (!claim) {
    const count = claims.filter((c) => c.rank !== undefined).length;
    throw new FactlensError('usage', `--rate ${ref}=…: the article has ${count === 0 ? 'no check-worthy claim' : `check-worthy claims #1–#${count} only`} (see the text report).`);
  }
  return claim;
}

/**
 * The ClaimReview JSON-LD for the rated claims of a report, one object per claim in article order
 * (a single object when one claim is rated).
 */
export function renderCheckClaimReview(report: Report, request: ClaimReviewRequest, now = new Date()): string {
  const claims = reviewableClaims(report);
  const reviewedAt = now.toISOString();
  const rated = [...request.ratings].map(([ref, rating]) => {
    const claim = findClaim(claims, ref, report);
    const note = request.notes.get(ref);
    return { claim: claim.text, span: claim.span, rating, reviewedAt, ...(note ? { note } : {}) };
  });
  const keys = new Set(rated.map((r) => `${r.span.start}-${r.span.end}`));
  if (keys.size < rated.length) throw new FactlensError('usage', 'Two --rate options name the same claim: rate each claim once.');
  return renderClaimReviewJsonLd(buildClaimReviews(report, rated, { author: { name: request.author, type: 'Organization' }, reviewUrl: request.reviewUrl }));
}
