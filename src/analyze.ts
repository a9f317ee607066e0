/**
 * The pipeline in one place: input → ingest → nlp → analyzers → verdict → Report.
 * Follow an article from here to any layer.
 */
import { runAnalyzers } from './core/engine.js';
import { FactlensError } from './core/errors.js';
import { type AnyAnalyzer, type Article, REPORT_SCHEMA_VERSION, type Report } from './core/types.js';
import { ANALYZERS } from './analyzers/index.js';
import { type ArticleInput, ingest, type IngestOptions } from './ingest/index.js';
import { articleText } from './models/credibility/data.js';
import { type Models, modelsFrom } from './models/types.js';
import { parseArticle } from './nlp/index.js';
import { computeVerdict, type TextShape } from './report/verdict.js';
import { type CorpusStore, storeFrom } from './store/types.js';
import { VERSION } from './version.js';

/**
 * What the analyzers may use beyond the article: each member optional, and a misspelt member a
 * compile error rather than a silently missing service.
 */
export type AnalysisServices = {
  /** loaded models (`await loadShippedModels()`); without them, rules and an uncalibrated score */
  models?: Models;
  /** the corpus store (`openCorpus(path)`); without it, no provenance, fact-check or evidence findings */
  store?: CorpusStore;
};

export interface AnalyzeOptions extends IngestOptions {
  /** analyzer ids to run (default: all registered) */
  analyzers?: string[];
  /** per-analyzer option overrides, keyed by analyzer id */
  analyzerOptions?: Record<string, Record<string, unknown>>;
  /** services analyzers may use: `store` (corpus store, see openCorpus), `models` (loadShippedModels) */
  services?: AnalysisServices;
  signal?: AbortSignal;
  /** clock for `generatedAt` (tests pin it) */
  now?: () => Date;
}

/** Picks the analyzers to run, refusing unknown ids. */
export function selectAnalyzers(ids: string[] | undefined): AnyAnalyzer[] {
  if (!ids || ids.length === 0) return [...ANALYZERS];
  const known = new Map(ANALYZERS.map((a) => [a.id, a]));
  return ids.map((id) => {
    const a = known.get(id);
    if (!a) throw new FactlensError('config-invalid', `Unknown analyzer "${id}": run factlens analyzers to list them.`);
    return a;
  });
}

/** Runs NLP, analyzers and the verdict on an already-ingested article. */
export async function analyzeArticle(article: Article, options: AnalyzeOptions = {}): Promise<Report> {
  const t0 = performance.now();
  const parsed = parseArticle(article);
  const t1 = performance.now();
  const { findings, failures, timingsMs } = await runAnalyzers(parsed, selectAnalyzers(options.analyzers), {
    analyzerOptions: options.analyzerOptions,
    services: options.services,
    signal: options.signal,
  });
  const headline = parsed.headline ? article.text.slice(parsed.headline.span.start, parsed.headline.span.end) : undefined;
  const models = modelsFrom(options.services ?? {});
  const body = parsed.bodySentences.map((s) => article.text.slice(s.span.start, s.span.end)).join(' ');
  const credibility = models.credibility?.score(articleText(headline ?? '', body));
  const verdict = computeVerdict(findings, failures, { calibration: models.verdict, credibility, hasCorpus: !!storeFrom(options.services ?? {}) }, textShape(parsed));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'factlens', version: VERSION },
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    article: { text: article.text, blocks: article.blocks, meta: article.meta, headline },
    nlp: {
      sentences: parsed.sentences.map((s) => ({ span: s.span })),
      entities: parsed.entities,
      mentions: parsed.mentions,
      quotes: parsed.quotes,
      dates: parsed.dates,
    },
    findings,
    failures,
    verdict,
    corpus: corpusNote(options.services),
    timingsMs: { nlp: round(t1 - t0), ...timingsMs, total: round(performance.now() - t0) },
  };
}

/**
 * Body words, and body sentences that read as news prose (six words or more, ending as a sentence
 * ends) — a line, a list or a table has few of them.
 */
function textShape(parsed: ReturnType<typeof parseArticle>): TextShape {
  let bodyWords = 0;
  let newsSentences = 0;
  for (const s of parsed.bodySentences) {
    let words = 0;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) if (parsed.tokens[i]!.kind === 'word') words++;
    bodyWords += words;
    if (words >= 6 && /[.!?…"”’)]\s*$/.test(parsed.text.slice(s.span.start, s.span.end))) newsSentences++;
  }
  return { bodyWords, newsSentences };
}

/** What the report says about the corpus: which one was read, or that none was. */
function corpusNote(services: AnalysisServices | undefined): Report['corpus'] {
  const store = storeFrom(services ?? {});
  return store ? { isUsed: true, location: store.location } : { isUsed: false };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/**
 * Analyzes a news article and returns its explainable credibility report.
 * @example
 * const report = await analyze({ text: articleText }, { meta: { publishedAt: '2015-10-21' } })
 * for (const f of report.findings) console.log(f.message, f.quote)
 */
export async function analyze(input: ArticleInput, options: AnalyzeOptions = {}): Promise<Report> {
  const article = await ingest(input, options);
  return analyzeArticle(article, options);
}
