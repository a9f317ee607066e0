/**
 * Page metadata from an HTML document, read before Readability rewrites the DOM: schema.org JSON-LD
 * (NewsArticle and friends, ClaimReview), Open Graph / article / Dublin Core meta tags, `<time
 * datetime>`, `<link rel=canonical>` and the `<html lang>` attribute. Everything read here is
 * turned into plain text; nothing is evaluated.
 */
import type { EmbeddedClaimReview } from '../core/types.js';

/** What the page says about itself, before any extraction of its body. */
export interface PageMeta {
  title?: string;
  byline?: string;
  siteName?: string;
  /** ISO 8601 date or date-time */
  publishedAt?: string;
  canonicalUrl?: string;
  language?: string;
  description?: string;
  claimReviews: EmbeddedClaimReview[];
  /** how many JSON-LD blocks could not be parsed (the page's fault; counted, not fatal) */
  invalidJsonLd: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'backgroundnewsarticle',
  'blogposting',
  'socialmediaposting',
  'webpage',
  'liveblogposting',
  'scholarlyarticle',
  'report',
]);

/** Removes anything that looks like a tag and collapses whitespace: metadata is shown as text. */
export function plainMetaText(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  // Tag-like runs in a title or byline are never wanted text: a `<title>` is raw text to the parser,
  // so `<script>` inside it arrives here verbatim.
  const text = value
    .replace(/<(script|style|svg|template|noscript)\b[^>]{0,500}>[^<]{0,5000}<\/\1\s{0,5}>/gi, ' ')
    .replace(/<\/?[A-Za-z!][^<>]{0,500}>/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2028\u2029\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 0 ? text.normalize('NFC') : undefined;
}

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typesOf(node: JsonObject): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase().replace(/^.*[/#:]/, ''));
}

/** Every object in a JSON-LD value, depth-first, including @graph members and nested values. */
function collectNodes(value: Json, out: JsonObject[], depth = 0): void {
  if (depth > 12 || out.length > 500) return;
  if (Array.isArray(value)) {
    for (const v of value) collectNodes(v, out, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  out.push(value);
  for (const v of Object.values(value)) if (typeof v === 'object' && v !== null) collectNodes(v, out, depth + 1);
}

function stringOf(v: Json | undefined): string | undefined {
  if (typeof v === 'string') return plainMetaText(v);
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    const parts = v.map((x) => stringOf(x)).filter((x): x is string => Boolean(x));
    return parts.length ? parts.join(', ') : undefined;
  }
  if (isObject(v)) return stringOf(v.name ?? v['@value'] ?? v.alternateName);
  return undefined;
}

function claimReviewOf(node: JsonObject): EmbeddedClaimReview {
  const rating = node.reviewRating;
  let reviewRating: string | undefined;
  if (isObject(rating)) {
    reviewRating = stringOf(rating.alternateName) ?? stringOf(rating.name);
    if (!reviewRating && rating.ratingValue !== undefined) {
      const best = rating.bestRating !== undefined ? `/${stringOf(rating.bestRating)}` : '';
      reviewRating = `${stringOf(rating.ratingValue)}${best}`;
    }
  } else reviewRating = stringOf(rating);
  const claim = node.itemReviewed;
  const review: EmbeddedClaimReview = {
    claimReviewed: stringOf(node.claimReviewed) ?? (isObject(claim) ? stringOf(claim.name) : undefined),
    reviewRating,
    author: stringOf(node.author),
    url: typeof node.url === 'string' ? node.url : undefined,
  };
  return Object.fromEntries(Object.entries(review).filter(([, v]) => v !== undefined)) as EmbeddedClaimReview;
}

/** Normalizes a date string to ISO 8601, keeping a bare YYYY-MM-DD as it is. */
export function isoDate(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  if (/^\d{8}$/.test(v)) return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return undefined;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1990 || year > 2100) return undefined;
  return new Date(ms).toISOString();
}

function metaContent(doc: Document, selectors: string[]): string | undefined {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const content = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? el?.getAttribute('value');
    const text = plainMetaText(content);
    if (text) return text;
  }
  return undefined;
}

function resolveUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    // A malformed canonical link is the page's mistake; the article simply has no canonical URL.
    return undefined;
  }
}

/**
 * Reads the metadata of a parsed page. Call it before Readability, which removes `<script>` nodes.
 * @example readPageMeta(document, 'https://example.com/story').publishedAt
 */
export function readPageMeta(doc: Document, url?: string): PageMeta {
  const nodes: JsonObject[] = [];
  let invalidJsonLd = 0;
  const scripts = Array.from(doc.querySelectorAll('script[type]')).filter((el) => /ld\+json/i.test(el.getAttribute('type') ?? ''));
  for (const script of scripts) {
    const raw = script.textContent ?? '';
    if (raw.length > 2_000_000) continue;
    try {
      collectNodes(JSON.parse(raw.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '')) as Json, nodes);
    } catch {
      invalidJsonLd++;
    }
  }
  const article = nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t) && t !== 'webpage') && (n.headline || n.datePublished));
  const page = article ?? nodes.find((n) => typesOf(n).includes('webpage'));
  const claimReviews = nodes.filter((n) => typesOf(n).includes('claimreview')).map(claimReviewOf);

  const publisher = article && isObject(article.publisher) ? stringOf(article.publisher.name) : undefined;
  const timeEl =
    doc.querySelector('time[itemprop~="datePublished"][datetime], time[pubdate][datetime], time.published[datetime]') ??
    doc.querySelector('article time[datetime], time[datetime]');

  const publishedAt =
    isoDate(stringOf(article?.datePublished)) ??
    isoDate(
      metaContent(doc, [
        'meta[property="article:published_time"]',
        'meta[property="og:article:published_time"]',
        'meta[property="og:published_time"]',
        'meta[name="article:published_time"]',
        'meta[itemprop="datePublished"]',
        'meta[name="pubdate"]',
        'meta[name="publishdate"]',
        'meta[name="publish-date"]',
        'meta[name="date"]',
        'meta[name="dc.date"]',
        'meta[name="DC.date.issued"]',
        'meta[name="dcterms.created"]',
        'meta[name="parsely-pub-date"]',
        'meta[name="sailthru.date"]',
      ]),
    ) ??
    isoDate(timeEl?.getAttribute('datetime') ?? undefined) ??
    isoDate(stringOf(page?.datePublished));

  const canonicalHref =
    doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ??
    metaContent(doc, ['meta[property="og:url"]', 'meta[name="twitter:url"]']) ??
    (article && typeof article.url === 'string' ? article.url : undefined);

  return {
    title:
      stringOf(article?.headline) ??
      metaContent(doc, ['meta[property="og:title"]', 'meta[name="twitter:title"]', 'meta[name="title"]']) ??
      plainMetaText(doc.querySelector('title')?.textContent),
    byline: stringOf(article?.author) ?? metaContent(doc, ['meta[name="author"]', 'meta[property="article:author"]']),
    siteName: metaContent(doc, ['meta[property="og:site_name"]', 'meta[name="application-name"]']) ?? publisher,
    publishedAt,
    canonicalUrl: resolveUrl(canonicalHref, url),
    language: plainMetaText(doc.documentElement?.getAttribute('lang'))?.toLowerCase(),
    description: metaContent(doc, ['meta[name="description"]', 'meta[property="og:description"]']),
    claimReviews,
    invalidJsonLd,
  };
}
