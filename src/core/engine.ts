/**
 * The analyzer engine: runs independent analyzers over one ParsedArticle, isolates a crashing
 * analyzer (it is listed under `failures`, the others' findings stay), stamps each finding with its
 * analyzer id and version, renders its message template and quotes the spanned text.
 */
import { FactlensError, toFactlensError } from './errors.js';
import type { AnalyzerFailure, AnyAnalyzer, Finding, FindingDraft, ParsedArticle, Severity } from './types.js';

export interface EngineOptions {
  /** per-analyzer option overrides, keyed by analyzer id */
  analyzerOptions?: Record<string, Record<string, unknown>>;
  services?: Record<string, unknown>;
  signal?: AbortSignal;
}

export interface EngineResult {
  findings: Finding[];
  failures: AnalyzerFailure[];
  timingsMs: Record<string, number>;
}

/** Fills `{key}` placeholders of a message template from `data`; unknown keys stay visible. */
export function renderMessage(template: string, data: Record<string, string | number> | undefined): string {
  return (
    template
      .replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, key: string) => (data && data[key] !== undefined ? String(data[key]) : whole))
      // "1 list(s)" → "1 list", "3 passage(s)" → "3 passages"
      .replace(/\b(\d+) ([a-z]{1,20})\(s\)/g, (_, n: string, word: string) => `${n} ${word}${n === '1' ? '' : 's'}`)
  );
}

function checkDraft(analyzer: AnyAnalyzer, draft: FindingDraft, textLength: number): void {
  if (!(draft.code in analyzer.codes)) {
    throw new FactlensError('internal', `analyzer ${analyzer.id} emitted unknown code "${draft.code}"`);
  }
  const spans = [draft.span, ...(draft.related ?? []).map((r) => r.span)];
  for (const span of spans) {
    if (span && !(span.start >= 0 && span.end >= span.start && span.end <= textLength)) {
      throw new FactlensError('internal', `analyzer ${analyzer.id} emitted span ${span.start}-${span.end} outside the text`);
    }
  }
  if (!(draft.confidence >= 0 && draft.confidence <= 1)) {
    throw new FactlensError('internal', `analyzer ${analyzer.id} emitted confidence ${draft.confidence} outside 0..1`);
  }
}

/** Report order of severities: problems first. */
const SEVERITY_ORDER: Record<Severity, number> = { problem: 0, warning: 1, info: 2 };

/**
 * Runs every analyzer on the article; never throws because of an analyzer.
 * @example const { findings, failures } = await runAnalyzers(parsed, analyzers)
 */
export async function runAnalyzers(
  parsed: ParsedArticle,
  analyzers: readonly AnyAnalyzer[],
  options: EngineOptions = {},
): Promise<EngineResult> {
  const findings: Finding[] = [];
  const failures: AnalyzerFailure[] = [];
  const timingsMs: Record<string, number> = {};
  const signal = options.signal ?? new AbortController().signal;
  for (const analyzer of analyzers) {
    const started = performance.now();
    try {
      const analyzerOptions = { ...(analyzer.defaultOptions as object), ...(options.analyzerOptions?.[analyzer.id] ?? {}) };
      const drafts = await analyzer.analyze(parsed, {
        options: analyzerOptions,
        signal,
        services: options.services ?? {},
      });
      let n = 0;
      for (const draft of drafts) {
        checkDraft(analyzer, draft, parsed.text.length);
        n += 1;
        findings.push({
          ...draft,
          id: `${analyzer.id}/${draft.code}#${n}`,
          analyzer: analyzer.id,
          analyzerVersion: analyzer.version,
          message: renderMessage(analyzer.codes[draft.code] ?? draft.code, draft.data),
          quote: draft.span ? parsed.text.slice(draft.span.start, draft.span.end) : undefined,
        });
      }
    } catch (err) {
      const e = toFactlensError(err);
      failures.push({ analyzer: analyzer.id, code: e.code, message: e.message });
    }
    timingsMs[analyzer.id] = Math.round((performance.now() - started) * 1000) / 1000;
  }
  // most serious first, then in reading order (whole-document findings lead their severity)
  findings.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.span?.start ?? -1) - (b.span?.start ?? -1) || a.id.localeCompare(b.id),
  );
  return { findings, failures, timingsMs };
}
