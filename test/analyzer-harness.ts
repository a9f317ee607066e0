/**
 * Test harness for analyzers: run one analyzer on a text through the real pipeline (ingest → nlp →
 * engine) and summarize its findings as compact strings "start-end analyzer/code «quote»".
 */
import { runAnalyzers } from '../src/core/engine.js';
import type { AnyAnalyzer, ArticleMeta, Finding } from '../src/core/types.js';
import { ingestText } from '../src/ingest/text.js';
import { parseArticle } from '../src/nlp/index.js';

/** Runs `analyzer` on plain `text` (first line = headline) and returns its findings. */
export async function findingsFor(
  analyzer: AnyAnalyzer,
  text: string,
  options: { meta?: Partial<ArticleMeta>; analyzerOptions?: Record<string, unknown>; services?: Record<string, unknown> } = {},
): Promise<Finding[]> {
  const article = ingestText(text, { meta: options.meta, requireEnglish: false });
  const parsed = parseArticle(article);
  const { findings, failures } = await runAnalyzers(parsed, [analyzer], {
    analyzerOptions: options.analyzerOptions ? { [analyzer.id]: options.analyzerOptions } : undefined,
    services: options.services,
  });
  if (failures.length) throw new Error(`analyzer failed: ${JSON.stringify(failures)}`);
  return findings;
}

/** Compact one-line form of a finding: "34-47 trust-badge/unbacked-badge «Fact checked»". */
export function summarize(f: Finding): string {
  const where = f.span ? `${f.span.start}-${f.span.end}` : 'doc';
  return `${where} ${f.analyzer}/${f.code}${f.quote !== undefined ? ` «${f.quote}»` : ''}`;
}

/** Summaries of all findings, optionally only those of some codes. */
export async function summaryFor(analyzer: AnyAnalyzer, text: string, options: Parameters<typeof findingsFor>[2] = {}): Promise<string[]> {
  return (await findingsFor(analyzer, text, options)).map(summarize);
}
