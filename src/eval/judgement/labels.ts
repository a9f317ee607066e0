/**
 * The labels of the judgement development set (labels/judgement/*.jsonl, one article per line; the
 * conventions are in labels/judgement/GUIDELINES.md) and their validation against the article text:
 * every snippet must be an exact substring, quotes are found in the order they were listed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Span } from '../../core/types.js';
import { type DevArticle, devArticle, JUDGEMENT_CORPORA, type JudgementCorpus, readCorpus } from './articles.js';

export const QUOTE_KINDS = ['speech', 'writing', 'title', 'scare'] as const;
export const QUOTE_CUES = ['said-before', 'said-after', 'pronoun', 'continuation', 'apposition', 'headline', 'none'] as const;
export const DEFECT_TYPES = [
  'trust-badge',
  'stripped-attribution',
  'anonymous-source',
  'one-sided-hedging',
  'unattributed-quote',
  'scare-quote',
  'sensational',
  'clickbait-headline',
] as const;
export const SUPPORT = ['supported', 'partly', 'unsupported'] as const;

export interface QuoteLabel {
  quote: string;
  speaker: string | null;
  speaker_description?: string | null;
  kind: (typeof QUOTE_KINDS)[number];
  cue: (typeof QUOTE_CUES)[number];
  antecedent?: string | null;
}

export interface DefectLabel {
  type: (typeof DEFECT_TYPES)[number];
  snippet: string;
  /** anonymous-source: routine wire style or the story's central claim */
  grade?: 'minor' | 'significant';
  /** one-sided-hedging: the party given the distancing word, and the party stated as fact */
  hedged?: string;
  plain?: string;
  note?: string;
}

export interface ArticleLabel {
  article: string;
  headline: {
    support: (typeof SUPPORT)[number];
    reason: string;
    quoted: { words: string; body_quotes: boolean }[];
  };
  quotes: QuoteLabel[];
  defects: DefectLabel[];
  claims: string[];
  notes?: string;
}

/** A label joined with its article and the spans its snippets were found at. */
export interface LabelledArticle {
  label: ArticleLabel;
  article: DevArticle;
  quoteSpans: Span[];
  defectSpans: Span[];
  claimSpans: Span[];
}

export type ArticleMap = Record<string, { corpus: JudgementCorpus; id: string }>;

function find(text: string, snippet: string, from: number): Span | undefined {
  if (!snippet) return undefined;
  const at = text.indexOf(snippet, from);
  return at < 0 ? undefined : { start: at, end: at + snippet.length };
}

/** Checks one label against its article; returns the problems (empty when the label is usable). */
export function checkLabel(label: ArticleLabel, article: DevArticle): { problems: string[]; joined?: LabelledArticle } {
  const problems: string[] = [];
  const { text } = article;
  const bodyStart = article.title.length;
  const h = label.headline;
  if (!h || !SUPPORT.includes(h.support)) problems.push(`headline.support must be one of ${SUPPORT.join(', ')}`);
  if (h && typeof h.reason !== 'string') problems.push('headline.reason must be a string');
  for (const q of h?.quoted ?? []) {
    if (!article.title.includes(q.words)) problems.push(`headline quoted words not in the title: ${JSON.stringify(q.words)}`);
  }
  const quoteSpans: Span[] = [];
  let from = bodyStart;
  for (const q of label.quotes ?? []) {
    if (!QUOTE_KINDS.includes(q.kind)) problems.push(`quote kind ${JSON.stringify(q.kind)}: ${JSON.stringify(q.quote).slice(0, 60)}`);
    if (!QUOTE_CUES.includes(q.cue)) problems.push(`quote cue ${JSON.stringify(q.cue)}: ${JSON.stringify(q.quote).slice(0, 60)}`);
    if (q.speaker !== null && typeof q.speaker !== 'string') problems.push(`speaker must be a string or null: ${JSON.stringify(q.quote).slice(0, 60)}`);
    const span = find(text, q.quote, from);
    if (!span) {
      const anywhere = find(text, q.quote, bodyStart);
      problems.push(
        anywhere
          ? `quote out of order (found earlier in the text): ${JSON.stringify(q.quote).slice(0, 80)}`
          : `quote not in the text: ${JSON.stringify(q.quote).slice(0, 80)}`,
      );
      continue;
    }
    quoteSpans.push(span);
    from = span.start + 1;
  }
  const defectSpans: Span[] = [];
  for (const d of label.defects ?? []) {
    if (!DEFECT_TYPES.includes(d.type)) problems.push(`defect type ${JSON.stringify(d.type)}`);
    if (d.type === 'anonymous-source' && d.grade !== 'minor' && d.grade !== 'significant') problems.push(`anonymous-source needs grade minor|significant: ${d.snippet}`);
    if (d.type === 'one-sided-hedging' && (!d.hedged || !d.plain)) problems.push(`one-sided-hedging needs hedged and plain: ${d.snippet}`);
    const span = find(text, d.snippet, 0);
    if (!span) problems.push(`defect snippet not in the text: ${JSON.stringify(d.snippet).slice(0, 80)}`);
    else defectSpans.push(span);
  }
  const claimSpans: Span[] = [];
  for (const c of label.claims ?? []) {
    const span = find(text, c, bodyStart);
    if (!span) problems.push(`claim snippet not in the body: ${JSON.stringify(c).slice(0, 80)}`);
    else claimSpans.push(span);
  }
  if (problems.length) return { problems };
  return { problems, joined: { label, article, quoteSpans, defectSpans, claimSpans } };
}

/** Reads every labels file of a folder (part-*.jsonl) with the article map beside them. */
export function readLabels(dir: string): { map: ArticleMap; labels: { file: string; line: number; label: ArticleLabel }[] } {
  const mapFile = join(dir, 'articles.json');
  if (!existsSync(mapFile)) throw new Error(`${mapFile} does not exist`);
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as ArticleMap;
  const labels: { file: string; line: number; label: ArticleLabel }[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .forEach((l, i) => {
        if (l.trim()) labels.push({ file: f, line: i + 1, label: JSON.parse(l) as ArticleLabel });
      });
  }
  return { map, labels };
}

/** The drawn articles named in a map, rebuilt from the corpora. */
export function articlesOf(dataDir: string, map: ArticleMap): Map<string, DevArticle> {
  const out = new Map<string, DevArticle>();
  const wanted = new Map<string, string>();
  for (const [name, { corpus, id }] of Object.entries(map)) wanted.set(`${corpus}/${id}`, name);
  for (const corpus of JUDGEMENT_CORPORA) {
    for (const r of readCorpus(dataDir, corpus)) {
      const name = wanted.get(`${corpus}/${r.id}`);
      if (name) out.set(name, devArticle(corpus, r));
    }
  }
  return out;
}
