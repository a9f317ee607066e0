/**
 * A report as it leaves an analysis worker: serialized once, with the digest the workbench lists
 * and indexes, so the thread that stores it does no more than write.
 */
import type { Report, Severity, VerdictLabel } from '../core/types.js';

/** What the report list and search need from a report, computed where the report is made. */
export interface ReportDigest {
  title: string;
  source?: string;
  url?: string;
  inputKind: string;
  /** null when the text was not judged (label `not-judged`) */
  score: number | null;
  label: VerdictLabel;
  findings: Record<Severity, number>;
  /** the article text, for the full-text index */
  text: string;
}

/** A report ready to store: serialized once, with its digest. */
export interface SerializedReport {
  json: string;
  digest: ReportDigest;
}

/** Serializes a report and computes its digest (run on the analysis worker). */
export function serializeReport(report: Report): SerializedReport {
  const count = (s: Severity) => report.findings.filter((f) => f.severity === s).length;
  const meta = report.article.meta;
  const source = meta.source ?? meta.siteName;
  const url = meta.canonicalUrl ?? meta.url;
  return {
    json: JSON.stringify(report),
    digest: {
      title: (report.article.headline ?? meta.title ?? report.article.text.slice(0, 120)).trim() || 'Untitled',
      ...(source ? { source } : {}),
      ...(url ? { url } : {}),
      inputKind: meta.inputKind,
      score: report.verdict.score,
      label: report.verdict.label,
      findings: { problem: count('problem'), warning: count('warning'), info: count('info') },
      text: report.article.text,
    },
  };
}
