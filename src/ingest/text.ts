/**
 * Plain text → Article. The first non-empty line is the headline; short lines right after it are
 * recognised as badge ("Fact checked"), byline ("By …"), dateline (a bare date) or sub-headline; the
 * rest are paragraphs. Each line is a block unless the text is hard-wrapped, in which case
 * blank-line-separated runs are.
 */
import { CLI_HINTS, FactlensError, withCliHint } from '../core/errors.js';
import type { Article, ArticleMeta, Block, BlockKind, Span } from '../core/types.js';
import { englishShare, normalizeText } from './decode.js';

/** Lines that declare the article verified, true or fact-checked. Anchored, bounded: no backtracking. */
export const BADGE_LINE =
  /^(?:[\u2713\u2714\u2611\s]{0,4})(?:fact[- ]?checked(?: by [\w .'-]{1,40})?|verified(?: (?:news|story|source|by [\w .'-]{1,40}))?|100 ?% (?:true|verified|fact[- ]?checked|real|confirmed)|true story|confirmed(?: true)?|this (?:story|article|news) (?:is|has been) (?:verified|fact[- ]?checked|confirmed)|truth verified|certified (?:true|accurate))[\s.!\u2713\u2714]{0,4}$/i;

const BYLINE_LINE = /^by\s+[\p{Lu}][\p{L}.'-]*(?:\s+[\p{L}.'-]+){0,5}(?:\s*[,|]\s*[\p{L} ]{1,40})?$/iu;

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATELINE_LINE = new RegExp(
  `^(?:(?:published|posted|updated|date)[:\\s]{1,3})?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})(?:[\\sT,]{1,3}\\d{1,2}:\\d{2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?(?:\\s*[A-Z]{2,4})?)?$`,
  'i',
);

export interface TextIngestOptions {
  meta?: Partial<ArticleMeta>;
  /** refuse text that does not look like English (default true) */
  requireEnglish?: boolean;
}

function lineSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      let s = start;
      let e = i;
      while (s < e && text[s] === ' ') s++;
      while (e > s && text[e - 1] === ' ') e--;
      if (e > s) spans.push({ start: s, end: e });
      start = i + 1;
    }
  }
  return spans;
}

/** True when most lines end mid-sentence at a similar width: the text was wrapped by a tool. */
function isHardWrapped(text: string, lines: Span[]): boolean {
  if (lines.length < 6) return false;
  const lengths = lines.map((l) => l.end - l.start).sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)]!;
  if (median < 50 || median > 100) return false;
  const unterminated = lines.filter((l) => !/[.!?:"”’)]$/.test(text.slice(l.start, l.end))).length;
  return unterminated / lines.length > 0.6;
}

function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re = /[^\n](?:[^\n]|\n(?!\s*\n))*/g;
  for (const m of text.matchAll(re)) {
    let s = m.index!;
    let e = s + m[0].length;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) spans.push({ start: s, end: e });
  }
  return spans;
}

/** Classifies the blocks of an article whose first block is its headline. */
export function classifyBlocks(text: string, spans: Span[], hasTitle: boolean): Block[] {
  const blocks: Block[] = [];
  let sawBody = false;
  let sawSub = false;
  spans.forEach((span, i) => {
    const line = text.slice(span.start, span.end);
    let kind: BlockKind = 'paragraph';
    if (i === 0 && hasTitle) kind = 'headline';
    else if (line.length <= 80 && BADGE_LINE.test(line)) kind = 'badge';
    else if (!sawBody && line.length <= 80 && BYLINE_LINE.test(line)) kind = 'byline';
    else if (!sawBody && line.length <= 60 && DATELINE_LINE.test(line)) kind = 'dateline';
    else if (hasTitle && !sawBody && !sawSub && line.length <= 300 && !/[.!?"”]$/.test(line) && i <= 3) {
      kind = 'subheadline';
      sawSub = true;
    } else sawBody = true;
    blocks.push({ kind, span });
  });
  return blocks;
}

/**
 * Turns already-decoded plain text into an Article.
 * @example ingestText('Headline\n\nBody paragraph.', { meta: { publishedAt: '2015-10-21' } })
 */
export function ingestText(raw: string, options: TextIngestOptions = {}): Article {
  const text = normalizeText(raw).replace(/\n{3,}/g, '\n\n').trim();
  if (text.length === 0 || !/[\p{L}\p{N}]/u.test(text)) {
    throw new FactlensError('input-empty', 'The article has no text: give it a headline and a body.');
  }
  const lines = lineSpans(text);
  const spans = isHardWrapped(text, lines) ? paragraphSpans(text) : lines;
  checkEnglish(text, options.requireEnglish ?? true);
  const blocks = classifyBlocks(text, spans, true);
  const headline = blocks.find((b) => b.kind === 'headline');
  const byline = blocks.find((b) => b.kind === 'byline');
  const dateline = blocks.find((b) => b.kind === 'dateline');
  const meta: ArticleMeta = {
    inputKind: 'text',
    title: headline ? text.slice(headline.span.start, headline.span.end) : undefined,
    byline: byline ? text.slice(byline.span.start, byline.span.end).replace(/^by\s+/i, '') : undefined,
    ...options.meta,
  };
  if (!meta.publishedAt && dateline) {
    const parsed = Date.parse(text.slice(dateline.span.start, dateline.span.end).replace(/^(published|posted|updated|date)[:\s]+/i, ''));
    if (!Number.isNaN(parsed)) meta.publishedAt = new Date(parsed).toISOString().slice(0, 10);
  }
  return { text, blocks, meta: { ...meta, language: meta.language ?? 'en' } };
}

/** Refuses text that is clearly not English (the analyzers' word lists are English). */
export function checkEnglish(text: string, required: boolean): void {
  if (!required) return;
  const { share, words, foreign } = englishShare(text);
  // too few English function words in a long text; or, at any length (a headline and a sentence
  // or two, where that share says little), several function words of another language and far
  // fewer English ones
  const isForeign = foreign >= 3 && foreign >= 2 * Math.round(share * words) + 2;
  if ((words >= 20 && share < 0.08) || isForeign) {
    throw new FactlensError(
      'input-language',
      withCliHint('The article does not look like English; factlens analyzes English news.', CLI_HINTS.anyLanguage),
    );
  }
}
