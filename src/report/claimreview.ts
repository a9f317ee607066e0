/**
 * Reviewer verdicts → schema.org ClaimReview JSON-LD, the markup fact-checkers publish so that
 * search engines and Fact Check Explorer can pick their reviews up. Follows schema.org/ClaimReview
 * and Google's ClaimReview structured-data guidelines: `claimReviewed`, `reviewRating` (with
 * `ratingValue`, `bestRating`, `worstRating`, `alternateName`), `url`, `author` and `datePublished`
 * on every review, and the reviewed article as `itemReviewed.appearance`.
 */
import { FactlensError } from '../core/errors.js';
import type { Report, Span } from '../core/types.js';
import { canonicalAddress, isLocalHostname, vetAddress } from '../ingest/address-policy.js';

/** The rating scale a reviewer picks from: 1 (false) … 5 (true). */
export const CLAIM_RATINGS: readonly { value: number; name: string }[] = [
  { value: 1, name: 'False' },
  { value: 2, name: 'Mostly false' },
  { value: 3, name: 'Mixture' },
  { value: 4, name: 'Mostly true' },
  { value: 5, name: 'True' },
];

/** One claim a reviewer rated. */
export interface ReviewedClaim {
  /** the claim as it appears in the article */
  claim: string;
  span?: Span;
  /** 1..5 on CLAIM_RATINGS */
  rating: number;
  note?: string;
  /** ISO date-time of the review */
  reviewedAt: string;
}

/** Who publishes the reviews and where. */
export interface ClaimReviewOptions {
  author: { name: string; url?: string; type?: 'Organization' | 'Person' };
  /** URL of the page that publishes the review of this article */
  reviewUrl: string;
}

/** A schema.org ClaimReview object, as JSON-LD. */
export interface ClaimReviewJsonLd {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  datePublished: string;
  claimReviewed: string;
  author: { '@type': 'Organization' | 'Person'; name: string; url?: string };
  reviewRating: {
    '@type': 'Rating';
    ratingValue: number;
    bestRating: number;
    worstRating: number;
    alternateName: string;
  };
  reviewBody?: string;
  itemReviewed: {
    '@type': 'Claim';
    author?: { '@type': 'Organization' | 'Person'; name: string };
    datePublished?: string;
    appearance?: { '@type': 'NewsArticle'; url?: string; headline?: string };
  };
}

/** Fields a ClaimReview must carry to be usable, as dotted paths. */
export const CLAIM_REVIEW_REQUIRED_FIELDS = [
  '@context',
  '@type',
  'url',
  'datePublished',
  'claimReviewed',
  'author.name',
  'reviewRating.ratingValue',
  'reviewRating.bestRating',
  'reviewRating.worstRating',
  'reviewRating.alternateName',
] as const;

/** Lists the required fields missing (or empty) in a ClaimReview-like object. */
export function missingClaimReviewFields(review: unknown): string[] {
  return CLAIM_REVIEW_REQUIRED_FIELDS.filter((path) => {
    let value: unknown = review;
    for (const key of path.split('.')) {
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value === undefined || value === null || value === '';
  });
}

/**
 * The rating step named by a reviewer: a value 1–5 or a name on the scale in any case, with a
 * hyphen, space or underscore ("mostly-false", "Mostly false"); undefined when it is neither.
 */
export function parseRating(value: string): { value: number; name: string } | undefined {
  const v = value.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return CLAIM_RATINGS.find((r) => String(r.value) === v || r.name.toLowerCase().replace(/ /g, '-') === v);
}

/**
 * Why a URL cannot be where a review is published, or undefined when it can: it must be an
 * absolute http(s) URL whose host readers can reach — not localhost, a loopback, private,
 * link-local or other special-purpose address (a workbench's own `http://127.0.0.1:8787/…` page
 * would be a broken link in published markup).
 * @example reviewUrlProblem('http://127.0.0.1:8787/#/reports/x') // 'its host is a loopback address …'
 */
export function reviewUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'it is not an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'it is not an http(s) URL';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isLocalHostname(host)) return `its host ${host} is this machine, which readers cannot reach`;
  if (canonicalAddress(host) !== undefined) {
    const verdict = vetAddress(host);
    if (!verdict.isAllowed) return `its host is ${verdict.reason}, which readers cannot reach`;
  }
  return undefined;
}

/** A claim of a report a reviewer can rate: the headline, then each check-worthy claim by rank. */
export interface ReviewableClaim {
  /** `span-START-END`, the key the workbench stores a review under */
  key: string;
  /** "Headline" or "Check-worthy claim #N" */
  label: string;
  span: Span;
  text: string;
  /** the check-worthy rank, for check-worthy claims */
  rank?: number;
}

/** The claims of a report a reviewer is offered to rate, in the workbench's order. */
export function reviewableClaims(report: Report): ReviewableClaim[] {
  const out: ReviewableClaim[] = [];
  const seen = new Set<string>();
  const add = (span: Span, label: string, rank?: number): void => {
    const key = `span-${span.start}-${span.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ key, label, span, text: report.article.text.slice(span.start, span.end), ...(rank === undefined ? {} : { rank }) });
  };
  const headline = report.article.blocks.find((b) => b.kind === 'headline');
  if (headline) add(headline.span, 'Headline');
  const ranked = report.findings
    .filter((f) => f.analyzer === 'check-worthy' && f.span)
    .map((f) => ({ span: f.span!, rank: Number(f.data?.rank) || undefined }))
    .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.span.start - b.span.start);
  for (const c of ranked) add(c.span, c.rank ? `Check-worthy claim #${c.rank}` : 'Check-worthy claim', c.rank);
  return out;
}

/** The rating step for a value, or a `input-invalid` error when it is not on the scale. */
export function ratingFor(value: number): { value: number; name: string } {
  const step = CLAIM_RATINGS.find((r) => r.value === value);
  if (!step) throw new FactlensError('input-invalid', `Rating ${value} is not on the scale: use an integer from 1 (false) to 5 (true).`);
  return step;
}

/**
 * Builds the ClaimReview for one rated claim of a report.
 * @example buildClaimReview(report, { claim, rating: 2, reviewedAt }, { author: { name: 'Desk' }, reviewUrl })
 */
export function buildClaimReview(report: Report, claim: ReviewedClaim, options: ClaimReviewOptions): ClaimReviewJsonLd {
  const claimText = claim.claim.replace(/\s+/g, ' ').trim();
  if (!claimText) throw new FactlensError('input-invalid', 'The reviewed claim is empty: rate a claim that has text.');
  if (!options.author.name.trim()) throw new FactlensError('input-invalid', 'A ClaimReview needs an author name: set the reviewer or organisation name.');
  if (!options.reviewUrl) throw new FactlensError('input-invalid', 'A ClaimReview needs the URL of the page that publishes it.');
  const urlProblem = reviewUrlProblem(options.reviewUrl);
  if (urlProblem) throw new FactlensError('input-invalid', `The review URL ${options.reviewUrl} cannot be published: ${urlProblem}. Give the public page where the review appears.`);
  const step = ratingFor(claim.rating);
  const meta = report.article.meta;
  const claimAuthor = meta.siteName ?? meta.source;
  const articleUrl = meta.canonicalUrl ?? meta.url;
  const headline = report.article.headline ?? meta.title;
  const appearance =
    articleUrl || headline
      ? { '@type': 'NewsArticle' as const, ...(articleUrl ? { url: articleUrl } : {}), ...(headline ? { headline } : {}) }
      : undefined;
  const note = claim.note?.trim();
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: options.reviewUrl,
    datePublished: claim.reviewedAt.slice(0, 10),
    claimReviewed: claimText,
    author: {
      '@type': options.author.type ?? 'Organization',
      name: options.author.name.trim(),
      ...(options.author.url ? { url: options.author.url } : {}),
    },
    reviewRating: {
      '@type': 'Rating',
      ratingValue: step.value,
      bestRating: CLAIM_RATINGS[CLAIM_RATINGS.length - 1]!.value,
      worstRating: CLAIM_RATINGS[0]!.value,
      alternateName: step.name,
    },
    ...(note ? { reviewBody: note } : {}),
    itemReviewed: {
      '@type': 'Claim',
      ...(claimAuthor ? { author: { '@type': 'Organization' as const, name: claimAuthor } } : {}),
      ...(meta.publishedAt ? { datePublished: meta.publishedAt.slice(0, 10) } : {}),
      ...(appearance ? { appearance } : {}),
    },
  };
}

/** Builds one ClaimReview per rated claim, in article order. */
export function buildClaimReviews(report: Report, claims: readonly ReviewedClaim[], options: ClaimReviewOptions): ClaimReviewJsonLd[] {
  return [...claims]
    .sort((a, b) => (a.span?.start ?? -1) - (b.span?.start ?? -1))
    .map((c) => buildClaimReview(report, c, options));
}

/** Serializes ClaimReviews as one JSON-LD document (a single object, or an array for several). */
export function renderClaimReviewJsonLd(reviews: readonly ClaimReviewJsonLd[]): string {
  return `${JSON.stringify(reviews.length === 1 ? reviews[0] : reviews, null, 2)}\n`;
}
