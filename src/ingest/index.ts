/**
 * Input → Article: one entry point for plain text, HTML, bytes (file or stdin, sniffed) and URLs.
 */
import { CLI_HINTS, FactlensError, withCliHint } from '../core/errors.js';
import type { Article, ArticleMeta } from '../core/types.js';
import { charsetFromContentType, decodeBytes, DEFAULT_MAX_BYTES } from './decode.js';
import { ingestHtml, sniffHtmlCharset } from './html.js';
import { ingestText } from './text.js';
import { fetchArticle, type FetchedDocument, type FetchOptions } from './url.js';

/** What `analyze` accepts: a string of text, or an object saying what the input is. */
export type ArticleInput =
  | string
  | { text: string }
  | { html: string; url?: string }
  | { url: string }
  | { bytes: Uint8Array; contentType?: string; filename?: string }
  /** a URL already fetched by `prefetch` (so the fetch can run apart from the analysis) */
  | { fetched: FetchedDocument };

export interface IngestOptions {
  /** metadata overrides (`--published`, `--source`) applied after extraction */
  meta?: Partial<ArticleMeta>;
  maxBytes?: number;
  /** refuse non-English text (default true) */
  requireEnglish?: boolean;
  fetch?: FetchOptions;
}

/** True when a string or file looks like an HTML document rather than plain text. */
export function looksLikeHtml(text: string, filename?: string): boolean {
  if (filename && /\.x?html?$/i.test(filename)) return true;
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body|article|p|div)[\s>]/.test(head);
}

/**
 * Fetches a URL input ahead of the analysis and returns it as a `{ fetched }` input; other inputs
 * come back as they are. Lets a batch keep many fetches in flight while the analyses run on a
 * worker thread one at a time, under their time budget.
 * @example const ready = await prefetch({ url }, { maxBytes }); await analyze(ready)
 */
export async function prefetch(input: ArticleInput, options: Pick<IngestOptions, 'maxBytes' | 'fetch'> = {}): Promise<ArticleInput> {
  if (typeof input === 'string' || !('url' in input) || 'html' in input) return input;
  return { fetched: await fetchArticle(input.url, { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES, ...options.fetch }) };
}

function withMeta(article: Article, meta: Partial<ArticleMeta> | undefined): Article {
  if (!meta) return article;
  const defined = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
  return { ...article, meta: { ...article.meta, ...defined } };
}

/**
 * Turns any supported input into an Article.
 * @example const article = await ingest({ url: 'https://example.com/story' })
 */
export async function ingest(input: ArticleInput, options: IngestOptions = {}): Promise<Article> {
  const requireEnglish = options.requireEnglish ?? true;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (typeof input === 'string' || 'text' in input) {
    const text = typeof input === 'string' ? input : input.text;
    if (text.length > maxBytes) {
      throw new FactlensError('input-too-large', withCliHint(`The input is over the ${maxBytes}-byte limit: split it.`, CLI_HINTS.maxBytes));
    }
    return withMeta(ingestText(text, { requireEnglish }), options.meta);
  }
  if ('html' in input) {
    if (input.html.length > maxBytes) {
      throw new FactlensError('input-too-large', withCliHint(`The input is over the ${maxBytes}-byte limit: split it.`, CLI_HINTS.maxBytes));
    }
    return withMeta(ingestHtml(input.html, { url: input.url, requireEnglish }), options.meta);
  }
  if ('bytes' in input) {
    const contentType = input.contentType?.toLowerCase();
    if (contentType && !/^(text\/|application\/(xhtml\+xml|xml)|application\/octet-stream)/.test(contentType)) {
      throw new FactlensError('unsupported-content-type', `Content type ${contentType} is not an article: give text or HTML.`);
    }
    const declared = charsetFromContentType(contentType) ?? sniffHtmlCharset(input.bytes);
    const { text, charset } = decodeBytes(input.bytes, { maxBytes, declared });
    const isHtml = contentType?.includes('html') || looksLikeHtml(text, input.filename);
    const article = isHtml ? ingestHtml(text, { requireEnglish }) : ingestText(text, { requireEnglish });
    return withMeta({ ...article, meta: { ...article.meta, charset } }, options.meta);
  }
  const fetched = 'fetched' in input ? input.fetched : await fetchArticle(input.url, { maxBytes, ...options.fetch });
  const declared = charsetFromContentType(fetched.contentType) ?? sniffHtmlCharset(fetched.bytes);
  const { text, charset } = decodeBytes(fetched.bytes, { maxBytes, declared });
  const article = fetched.contentType.includes('html') || looksLikeHtml(text)
    ? ingestHtml(text, { url: fetched.finalUrl, requireEnglish })
    : ingestText(text, { requireEnglish });
  return withMeta(
    { ...article, meta: { ...article.meta, inputKind: 'url', url: fetched.finalUrl, charset } },
    options.meta,
  );
}
