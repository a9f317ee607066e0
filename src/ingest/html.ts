/**
 * HTML → Article. The page is parsed with linkedom (a DOM without a script engine: nothing on the
 * page ever runs), its metadata is read (html-meta.ts), and Mozilla Readability — the Firefox
 * Reader View algorithm — picks the article body. The body DOM is walked into text blocks and
 * cleaned of leftover captions, bylines and page furniture (html-blocks.ts). A sub-headline that
 * Readability drops is recovered from the element after the `<h1>`. The text is laid out as
 * headline, sub-headline, byline and badge blocks, then one block per paragraph, and mapped back to
 * the HTML source (source-map.ts).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { getDomain } from 'tldts';
import { FactlensError } from '../core/errors.js';
import type { Article, ArticleMeta, Block, BlockKind, Span } from '../core/types.js';
import { englishShare, normalizeText } from './decode.js';
import { defuseRawText, neutralizeMarkup } from './html-sanitize.js';
import { type CleanBlock, type CleanupRule, cleanBlocks, collectBlocks, type HtmlBlock, isBylineOrCredit } from './html-blocks.js';
import { isoDate, plainMetaText, readPageMeta } from './html-meta.js';
import { alignBlocks, scanVisibleText } from './source-map.js';
import { BADGE_LINE, checkEnglish } from './text.js';

export interface HtmlIngestOptions {
  /** where the page came from: resolves relative links and names the source */
  url?: string;
  /** refuse text that does not look like English (default true) */
  requireEnglish?: boolean;
  /** cleanup rules to skip (used to measure each rule; see html-blocks.ts) */
  disabledRules?: readonly CleanupRule[];
  /** build Article.sourceMap (default true) */
  sourceMap?: boolean;
}

/** The parts of an extraction before they are laid out as Article text. */
export interface HtmlExtraction {
  title?: string;
  subheadline?: string;
  byline?: string;
  /** trust badges shown next to the headline, outside the extracted body */
  badges: string[];
  body: CleanBlock[];
  meta: ArticleMeta;
  /** 'readability', or 'page-text' when Readability found no article and the whole page text was used */
  extractor: 'readability' | 'page-text';
}

const SUBHEADLINE_HINT = /(?:^|[\s_-])(?:standfirst|subtitle|sub-?head(?:line|ing)?|subhed|dek|deck|strapline|summary|intro|lede|lead|description|excerpt|teaser)(?:$|[\s_-])/;

/** Finds the charset a page declares in its first bytes (`<meta charset>` or http-equiv). */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta\s[^>]{0,300}?charset\s*=\s*["']?\s*([\w.:-]{1,40})/i.exec(head);
  const label = m?.[1]?.toLowerCase();
  if (!label) return undefined;
  // A page in an ASCII-compatible encoding cannot really be UTF-16; browsers read it as UTF-8.
  if (label.startsWith('utf-16') || label === 'unicode') return 'utf-8';
  try {
    new TextDecoder(label);
    return label;
  } catch {
    // An unknown label is ignored, as browsers do; the bytes are then sniffed as UTF-8/Windows-1252.
    return undefined;
  }
}

/**
 * Parses a page into a document with `<html>` and `<body>`, after rewriting the markup linkedom
 * mishandles (html-sanitize.ts); fragments get a document shell.
 * @example parseHtmlDocument('<p>Text</p>').body.textContent // 'Text'
 */
export function parseHtmlDocument(html: string): Document {
  const hasRoot = (doc: Document): boolean => {
    const root = doc.documentElement;
    return Boolean(root && root.localName?.toLowerCase() === 'html' && doc.querySelector('body'));
  };
  // CDATA sections and stray doctypes corrupt linkedom's tree (see html-sanitize.ts).
  const first = parseHTML(neutralizeMarkup(html)).document as unknown as Document;
  if (hasRoot(first)) {
    defuseRawText(first);
    return first;
  }
  // Fragments (no <html>/<body>) parse into a rootless tree in linkedom; give them a document shell.
  const inner = neutralizeMarkup(html, { keepLeadingDoctype: false });
  const wrapped = parseHTML(`<!DOCTYPE html><html><head></head><body>${inner}</body></html>`).document as unknown as Document;
  if (!hasRoot(wrapped)) throw new FactlensError('input-invalid', 'The HTML could not be parsed into a document: check that it is a web page.');
  defuseRawText(wrapped);
  return wrapped;
}

function injectBase(doc: Document, url: string | undefined): void {
  if (!url || doc.querySelector('base[href]')) return;
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    throw new FactlensError('input-invalid', `"${url.slice(0, 200)}" is not a valid URL: give an absolute http(s) URL.`);
  }
  const base = doc.createElement('base');
  base.setAttribute('href', href);
  const head = doc.querySelector('head');
  if (head) head.insertBefore(base, head.firstChild);
}

function normalizedKey(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The element after the headline `<h1>`, when it is a sub-headline (an `<h2>` or a standfirst). */
function findSubheadline(doc: Document, title: string | undefined): string | undefined {
  const h1s = Array.from(doc.querySelectorAll('h1'));
  const key = title ? normalizedKey(title) : '';
  const h1 =
    h1s.find((h) => key.length > 0 && normalizedKey(h.textContent ?? '') === key) ??
    h1s.find((h) => key.length > 0 && key.includes(normalizedKey(h.textContent ?? '')) && (h.textContent ?? '').length > 15) ??
    (!key && h1s.length === 1 ? h1s[0] : undefined);
  if (!h1) return undefined;
  const candidates: Element[] = [];
  for (let el: Element | null = h1, level = 0; el && level < 3; el = el.parentElement, level++) {
    let sib = el.nextElementSibling;
    for (let k = 0; sib && k < 3; k++, sib = sib.nextElementSibling) candidates.push(sib);
    if (candidates.length > 0 && level > 0) break;
  }
  for (const el of candidates) {
    const tag = el.localName?.toLowerCase() ?? '';
    const hints = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase();
    const isSub = tag === 'h2' || (['p', 'div', 'span', 'h3'].includes(tag) && SUBHEADLINE_HINT.test(hints));
    if (!isSub) continue;
    const text = plainMetaText(el.textContent);
    if (text && text.length >= 20 && text.length <= 300 && normalizedKey(text) !== key && !isBylineOrCredit(text)) return text;
  }
  return undefined;
}

/** Trust badges ("Fact checked", "100% verified") in the headline's neighbourhood. */
function findBadges(doc: Document, title: string | undefined): string[] {
  const key = title ? normalizedKey(title) : '';
  const h1 = Array.from(doc.querySelectorAll('h1')).find((h) => key.length === 0 || normalizedKey(h.textContent ?? '') === key);
  let scope: Element | null = h1 ?? null;
  for (let level = 0; scope && level < 3 && scope.parentElement; level++) scope = scope.parentElement;
  if (!scope || scope.localName?.toLowerCase() === 'body' || scope.localName?.toLowerCase() === 'html') {
    scope = h1?.parentElement ?? null;
  }
  if (!scope) return [];
  const found: string[] = [];
  for (const el of Array.from(scope.querySelectorAll('span, div, p, strong, b, em, small, li, a, label, mark'))) {
    const raw = el.textContent ?? '';
    if (raw.length > 80) continue;
    const text = plainMetaText(raw);
    if (text && BADGE_LINE.test(text) && !found.some((f) => f.includes(text) || text.includes(f))) found.push(text);
    if (found.length >= 3) break;
  }
  return found;
}

/**
 * Drops a " | Site Name" or " - Site" suffix from a `<title>`-derived headline: uses the page's `<h1>`
 * when the title starts with it, else strips a suffix that names the site.
 */
function cleanTitle(title: string | undefined, siteName: string | undefined, h1Texts: readonly string[], url: string | undefined): string | undefined {
  if (!title) return undefined;
  const key = normalizedKey(title);
  for (const text of h1Texts) {
    const h1Key = normalizedKey(text);
    if (text && h1Key.length >= key.length * 0.5 && h1Key.length < key.length && key.startsWith(h1Key)) return text;
  }
  const m = /^(.{10,}?)\s[|–—-]\s([^|–—]{1,60})$/.exec(title);
  if (!m) return title;
  const suffix = normalizedKey(m[2]!).replace(/\s/g, '');
  const site = normalizedKey(siteName ?? '').replace(/\s/g, '');
  const host = url ? (domainOf(url) ?? '').replace(/[^\p{L}\p{N}]/gu, '') : '';
  const namesSite =
    suffix.length > 0 &&
    ((site.length > 0 && (site.includes(suffix) || suffix.includes(site))) || (host.length > 0 && host.startsWith(suffix)));
  return namesSite ? m[1]!.trim() : title;
}

/** Why Readability was not run on a page (the DOM is then untouched and reused). */
class ReadabilitySkipped extends Error {}

/** Elements the HTML parser closes by itself (or never nests), so they do not deepen the tree. */
const SELF_CLOSING = new Set(
  'area base br col embed hr img input link meta param source track wbr keygen frame basefont bgsound image p li dt dd option optgroup tr td th tbody thead tfoot colgroup rb rt rp rtc html head body'.split(
    ' ',
  ),
);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'plaintext', 'noscript', 'iframe', 'noembed', 'noframes']);

/** Nesting beyond which a page is refused before parsing: the parser's cost grows with depth squared. */
export const MAX_HTML_NESTING = 2000;

/**
 * How deeply the source nests open tags, from a linear scan of the raw HTML (stops past `limit`).
 * An approximation of the parsed tree's depth that is cheap enough to run before parsing.
 */
export function sourceNesting(html: string, limit = MAX_HTML_NESTING): number {
  let depth = 0;
  let max = 0;
  let lower: string | undefined;
  let i = html.indexOf('<');
  while (i >= 0 && i < html.length) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end < 0) break;
      i = html.indexOf('<', end + 3);
      continue;
    }
    const isClose = html.charCodeAt(i + 1) === 0x2f;
    let j = i + (isClose ? 2 : 1);
    const nameStart = j;
    while (j < html.length && j - nameStart < 32 && /[A-Za-z0-9-]/.test(html[j]!)) j++;
    const end = html.indexOf('>', j);
    if (end < 0) break;
    const name = html.slice(nameStart, j).toLowerCase();
    if (name.length > 0 && /^[a-z]/.test(name) && !SELF_CLOSING.has(name) && html.charCodeAt(end - 1) !== 0x2f) {
      if (isClose) depth = Math.max(0, depth - 1);
      else if (RAW_TEXT.has(name)) {
        lower ??= html.toLowerCase();
        const close = lower.indexOf(`</${name}`, end + 1);
        i = close < 0 ? -1 : html.indexOf('<', close + 1);
        continue;
      } else {
        depth++;
        if (depth > max) max = depth;
        if (max > limit) return max;
      }
    }
    i = html.indexOf('<', end + 1);
  }
  return max;
}

/** Nesting depth beyond which Readability is not run (real article pages stay well under 100). */
const MAX_READABILITY_DEPTH = 200;
/** Element count beyond which Readability is not run (article pages have a few thousand). */
const MAX_READABILITY_ELEMENTS = 30_000;

/** Maximum element depth and element count, walked without recursion and stopped past the limits. */
function documentShape(doc: Document): { depth: number; elements: number } {
  let depth = 0;
  let elements = 0;
  const root = doc.documentElement;
  if (!root) return { depth, elements };
  const stack: [Element, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [el, d] = stack.pop()!;
    elements++;
    if (d > depth) depth = d;
    if (depth > MAX_READABILITY_DEPTH || elements > MAX_READABILITY_ELEMENTS) break;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, d + 1]);
  }
  return { depth, elements };
}

function cleanByline(raw: string | undefined | null): string | undefined {
  const text = plainMetaText(raw)?.replace(/[\s,;|–—-]+$/, '');
  if (!text || text.length > 100 || /^https?:\/\//i.test(text) || !/\p{L}/u.test(text)) return undefined;
  return text;
}

function domainOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return getDomain(url, { allowPrivateDomains: true }) ?? undefined;
}

/**
 * Extracts the article parts of a page without laying them out as text.
 * @example extractHtml(html, { url }).body.filter((b) => b.kind === 'paragraph')
 */
export function extractHtml(html: string, options: HtmlIngestOptions = {}): HtmlExtraction {
  if (sourceNesting(html) > MAX_HTML_NESTING) {
    throw new FactlensError('input-invalid', `The HTML nests elements more than ${MAX_HTML_NESTING} levels deep: it is not an article page.`);
  }
  const doc = parseHtmlDocument(html);
  injectBase(doc, options.url);
  const page = readPageMeta(doc, options.url);
  const subheadline = findSubheadline(doc, page.title);
  const badgesNearTitle = findBadges(doc, page.title);
  // Readability rewrites the DOM: read the <h1> texts first.
  const h1Texts = Array.from(doc.querySelectorAll('h1'))
    .slice(0, 5)
    .map((h) => plainMetaText(h.textContent))
    .filter((t): t is string => t !== undefined);

  let parsed: ReturnType<Readability<Node>['parse']> = null;
  let readabilityError: unknown;
  const shape = documentShape(doc);
  try {
    // Readability's cost grows much faster than the page on deep or huge DOMs: such pages are
    // hostile or not articles, and go straight to the page text.
    if (shape.depth > MAX_READABILITY_DEPTH || shape.elements > MAX_READABILITY_ELEMENTS) {
      throw new ReadabilitySkipped(shape.depth > MAX_READABILITY_DEPTH ? `nested over ${MAX_READABILITY_DEPTH} levels` : `over ${MAX_READABILITY_ELEMENTS} elements`);
    }
    parsed = new Readability<Node>(doc, { serializer: (node: Node) => node }).parse();
  } catch (err) {
    // Readability can trip over odd markup; the page text is still worth analyzing, and the
    // fallback is recorded in meta.extra.extractor so nobody mistakes it for a clean extraction.
    readabilityError = err;
  }
  const siteName = plainMetaText(parsed?.siteName) ?? page.siteName;
  const title = cleanTitle(
    plainMetaText(parsed?.title) ?? page.title ?? h1Texts[0],
    siteName,
    h1Texts,
    options.url ?? page.canonicalUrl,
  );
  const byline = cleanByline(parsed?.byline) ?? cleanByline(page.byline);
  let blocks: HtmlBlock[] = parsed?.content ? collectBlocks(parsed.content as Element) : [];
  let extractor: HtmlExtraction['extractor'] = 'readability';
  if (!blocks.some((b) => b.text.length > 0)) {
    // Readability rewrites the DOM as it works; a fresh parse gives the page text back, unless
    // Readability never ran.
    const fresh = readabilityError instanceof ReadabilitySkipped ? doc : parseHtmlDocument(html);
    const body = fresh.querySelector('body');
    blocks = body ? collectBlocks(body) : [];
    extractor = 'page-text';
  }
  const disabled = new Set(options.disabledRules ?? []);
  const body = cleanBlocks(blocks, { title, byline, url: options.url, canonicalUrl: page.canonicalUrl }, disabled);
  // Readability keeps the sub-headline when it sits inside the article container: mark it there.
  const subKey = subheadline ? normalizedKey(subheadline) : undefined;
  const subIndex = subKey ? body.findIndex((b, i) => i < 4 && b.kind === 'paragraph' && normalizedKey(b.text) === subKey) : -1;
  if (subIndex >= 0) body[subIndex] = { ...body[subIndex]!, kind: 'subheadline' };
  const bodyKeys = new Set(body.slice(0, 8).map((b) => normalizedKey(b.text)));
  const canonicalUrl = page.canonicalUrl;
  const meta: ArticleMeta = {
    inputKind: 'html',
    title,
    byline,
    siteName,
    publishedAt: page.publishedAt ?? isoDate(parsed?.publishedTime ?? undefined),
    url: options.url,
    canonicalUrl,
    source: domainOf(options.url) ?? domainOf(canonicalUrl),
    language: page.language ?? plainMetaText(parsed?.lang)?.toLowerCase(),
    claimReviews: page.claimReviews.length > 0 ? page.claimReviews : undefined,
  };
  const extra: Record<string, string> = {};
  if (extractor === 'page-text') {
    extra.extractor = readabilityError instanceof Error ? `page-text (${readabilityError.message.slice(0, 120)})` : 'page-text';
  }
  if (page.invalidJsonLd > 0) extra.invalidJsonLd = String(page.invalidJsonLd);
  if (Object.keys(extra).length > 0) meta.extra = extra;
  return {
    title,
    subheadline: subheadline && !bodyKeys.has(normalizedKey(subheadline)) ? subheadline : undefined,
    byline,
    badges: badgesNearTitle.filter((b) => !bodyKeys.has(normalizedKey(b))),
    body,
    meta: Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as ArticleMeta,
    extractor,
  };
}

function oneLine(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}

/**
 * Turns an HTML page into an Article: headline, sub-headline, byline and badge blocks, then one
 * block per paragraph of the extracted body, with metadata and a map back to the source.
 * @example
 * const article = ingestHtml(await readFile('story.html', 'utf8'), { url: 'https://example.com/story' })
 * article.meta.publishedAt // '2015-10-21T09:00:00.000Z'
 */
export function ingestHtml(html: string, options: HtmlIngestOptions = {}): Article {
  if (!/[\p{L}\p{N}]/u.test(html)) throw new FactlensError('input-empty', 'The HTML page is empty: give a page with an article.');
  const x = extractHtml(html, options);
  const parts: { text: string; kind: BlockKind }[] = [];
  const push = (raw: string | undefined, kind: BlockKind): void => {
    const text = raw === undefined ? '' : oneLine(raw);
    if (text.length > 0 && /[\p{L}\p{N}]/u.test(text)) parts.push({ text, kind });
  };
  push(x.title, 'headline');
  push(x.subheadline, 'subheadline');
  if (x.byline && !x.body.some((b) => b.kind === 'byline')) push(/^by\s/i.test(x.byline) ? x.byline : `By ${x.byline}`, 'byline');
  for (const badge of x.badges) push(badge, 'badge');
  for (const b of x.body) push(b.text, b.kind);

  const paragraphs = parts.filter((p) => p.kind === 'paragraph');
  if (paragraphs.length === 0) {
    throw new FactlensError('input-empty', 'The HTML page has no article text: give the page of a single article.');
  }
  const bodyText = paragraphs.map((p) => p.text).join('\n');
  checkEnglish(bodyText, options.requireEnglish ?? true);

  let text = '';
  const blocks: Block[] = [];
  for (const part of parts) {
    if (text.length > 0) text += '\n\n';
    const span: Span = { start: text.length, end: text.length + part.text.length };
    text += part.text;
    blocks.push({ kind: part.kind, span });
  }
  const { share, words } = englishShare(bodyText);
  const isEnglish = words < 20 || share >= 0.08;
  const meta: ArticleMeta = { ...x.meta, language: isEnglish ? 'en' : (x.meta.language ?? 'und') };
  const article: Article = { text, blocks, meta };
  if (options.sourceMap ?? true) {
    const entityCache = new Map<string, string | undefined>();
    const scratch = parseHTML('<!DOCTYPE html><html><body><p></p></body></html>').document;
    const holder = scratch.querySelector('p')!;
    const decodeEntity = (ref: string): string | undefined => {
      if (!entityCache.has(ref)) {
        holder.innerHTML = ref.endsWith(';') ? ref : `${ref};`;
        const decoded = holder.textContent ?? '';
        entityCache.set(ref, decoded.startsWith('&') ? undefined : decoded);
      }
      return entityCache.get(ref);
    };
    article.sourceMap = alignBlocks(text, blocks.map((b) => b.span), scanVisibleText(html, decodeEntity));
  }
  return article;
}
