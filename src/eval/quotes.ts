/**
 * `factlens eval quotes`: quotation detection scored against the gold quote spans of the
 * BuzzFeed-Webis Fake News Corpus 2016 (Potthast et al., ACL 2018), whose articles carry `quotes`
 * ([start, end] character spans of quoted text, marks excluded) and `paragraphs`. The article is
 * parsed with its own paragraph spans (no re-normalization, so offsets agree). A detected quote
 * matches a gold quote when their character overlap is at least half of their union (Jaccard ≥ 0.5),
 * one-to-one. Reports precision, recall and F1, and the share of matched quotes given a speaker
 * (the corpus has no gold speakers, so that share is coverage, not accuracy).
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { FactlensError } from '../core/errors.js';
import type { Article, Block, Span } from '../core/types.js';
import { parseCommandArgs } from '../cli/args.js';
import { createProgress } from '../cli/io.js';
import type { Task } from '../cli/task.js';
import { parseArticle } from '../nlp/index.js';
import { writeBenchmarkSection } from './benchmarks-doc.js';

interface Record {
  id: string;
  title?: string;
  text: string;
  quotes?: [number, number][];
  paragraphs?: [number, number][];
}

export interface QuoteScore {
  articles: number;
  gold: number;
  detected: number;
  matched: number;
  withSpeaker: number;
}

function jaccard(a: Span, b: Span): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? inter / union : 0;
}

/**
 * The corpus' paragraph spans drift by a character or two per paragraph against `text` (the
 * separators were dropped when the text was joined), while quote spans are exact. Each paragraph
 * start is moved back to the start of the word it falls in, and paragraphs are made contiguous.
 */
export function paragraphBlocks(r: Pick<Record, 'text' | 'paragraphs'>): Block[] {
  const { text } = r;
  const starts = [0];
  for (const [s, e] of r.paragraphs ?? []) {
    if (e <= s || s <= 0 || s >= text.length) continue;
    let start = Math.min(s, text.length);
    while (start > 0 && text[start - 1] !== ' ' && text[start - 1] !== '\n') start--;
    if (start > starts[starts.length - 1]!) starts.push(start);
  }
  return starts.map((start, i) => {
    let end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    return { kind: 'paragraph' as const, span: { start, end } };
  }).filter((b) => b.span.end > b.span.start);
}

/** Scores one record; exported for tests on hand-made records. */
export function scoreRecord(r: Record, score: QuoteScore): void {
  const blocks = paragraphBlocks(r);
  const article: Article = { text: r.text, blocks, meta: { inputKind: 'text' } };
  const parsed = parseArticle(article);
  const detected = parsed.quotes.filter((q) => q.kind !== 'indirect');
  const gold = (r.quotes ?? []).map(([start, end]) => ({ start, end }));
  const used = new Set<number>();
  score.articles++;
  score.gold += gold.length;
  score.detected += detected.length;
  for (const q of detected) {
    let best = -1;
    let bestJ = 0.5;
    gold.forEach((g, i) => {
      if (used.has(i)) return;
      const j = jaccard(q.contentSpan, g);
      if (j >= bestJ) {
        bestJ = j;
        best = i;
      }
    });
    if (best >= 0) {
      used.add(best);
      score.matched++;
      if (q.speaker) score.withSpeaker++;
    }
  }
}

function ratio(n: number, d: number): number {
  return d === 0 ? 0 : n / d;
}

export const quotesEvalTask: Task = {
  name: 'quotes',
  summary: 'quotation detection against gold quote spans (BuzzFeed-Webis corpus format)',
  usage: `Usage: factlens eval quotes --data <articles.jsonl> [--json] [--write]

Scores quote detection on a JSONL file whose records have text, quotes ([start,end] spans of quoted
text without the marks) and paragraphs (the BuzzFeed-Webis Fake News Corpus 2016 format).
  --write   replace the "quotes" section of docs/BENCHMARKS.md
  --json    print the scores as JSON
`,
  async run(args, io) {
    const { values } = parseCommandArgs('eval quotes', args, {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
    });
    if (!values.data) throw new FactlensError('usage', 'eval quotes needs --data <articles.jsonl>.');
    if (!existsSync(values.data)) throw new FactlensError('input-invalid', `${values.data} does not exist.`);
    const score: QuoteScore = { articles: 0, gold: 0, detected: 0, matched: 0, withSpeaker: 0 };
    const progress = createProgress(io, 'eval quotes');
    let line = 0;
    let skipped = 0;
    const started = performance.now();
    for await (const raw of createInterface({ input: createReadStream(values.data), crlfDelay: Number.POSITIVE_INFINITY })) {
      line++;
      if (!raw.trim()) continue;
      let r: Record;
      try {
        r = JSON.parse(raw) as Record;
      } catch {
        io.stderr.write(`factlens: ${values.data}:${line}: not JSON, skipped\n`);
        skipped++;
        continue;
      }
      if (typeof r.text !== 'string' || !Array.isArray(r.quotes)) {
        skipped++;
        continue;
      }
      scoreRecord(r, score);
      progress.tick();
    }
    progress.done();
    const seconds = (performance.now() - started) / 1000;
    const precision = ratio(score.matched, score.detected);
    const recall = ratio(score.matched, score.gold);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    const result = { ...score, skipped, precision, recall, f1, speakerCoverage: ratio(score.withSpeaker, score.matched), seconds };
    const table = [
      '| articles | gold quotes | detected | precision | recall | F1 | matched quotes with a speaker |',
      '|---|---|---|---|---|---|---|',
      `| ${score.articles} | ${score.gold} | ${score.detected} | ${precision.toFixed(3)} | ${recall.toFixed(3)} | ${f1.toFixed(3)} | ${(100 * result.speakerCoverage).toFixed(0)}% |`,
    ].join('\n');
    io.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${table}\n`);
    if (values.write) {
      await writeBenchmarkSection(
        'quotes',
        'Quote detection (BuzzFeed-Webis Fake News Corpus 2016, gold quote spans)',
        `${table}\n\nData: \`${values.data}\` (the shared 80% portion). A detected quote matches a gold one when their character Jaccard overlap is ≥ 0.5, one-to-one. The gold spans are noisy: some point at another occurrence of the quoted word, and some cover quoted words the text shows without quotation marks, which pairing marks cannot find.`,
        'factlens eval quotes --data <articles.jsonl> --write',
      );
    }
    return 0;
  },
};
