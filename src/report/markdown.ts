/**
 * Report → Markdown (CommonMark/GFM): verdict, source, each finding with its span quoted in context,
 * quotes by speaker, merged entities and failures. Article content is escaped so that it renders
 * as the literal text it is: no emphasis, links, HTML or table breaks can come from the article.
 */
import type { Finding, Report, Severity, Span } from '../core/types.js';
import { agreeNumbers, evidenceText, excerpt, quoteSummary } from './display.js';
import { isHttpUrl } from './html.js';

/**
 * Escapes inline text for Markdown: a backslash before every character that can start emphasis,
 * code, links, tables or strike-through, HTML entities for `<`, `>` and `&`, newlines folded to
 * spaces, and the start escaped when it could open a block (list, heading, quote).
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/script:/gi, (m) => `${m.slice(0, -1)}&#58;`)
    .replace(/^(\s*)([-+#=]|\d{1,9}(?=[.)]))/, (_m, space: string, mark: string) => (/\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`));
}

/** A link for http(s) URLs without characters that could end an autolink; escaped text otherwise. */
function markdownUrl(url: string): string {
  return isHttpUrl(url) && /^[^\s<>]+$/.test(url) ? `<${url}>` : escapeMarkdown(url);
}

function context(text: string, span: Span, radius = 70): string {
  const x = excerpt(text, span, { radius, maxInside: 400 });
  const inside = escapeMarkdown(x.inside).trim();
  const marked = inside ? `**${inside}${x.isInsideCut ? '…' : ''}**` : '';
  return `${x.isCutBefore ? '…' : ''}${escapeMarkdown(x.before)}${marked}${escapeMarkdown(x.after)}${x.isCutAfter ? '…' : ''}`;
}

function renderFinding(f: Finding, n: number, text: string): string[] {
  const lines = [
    `### ${n}. ${f.severity}: ${escapeMarkdown(agreeNumbers(f.message))}`,
    '',
    `\`${f.analyzer}/${f.code}\` · confidence ${Math.round(f.confidence * 100)}%${f.span ? ` · characters ${f.span.start}–${f.span.end}` : ' · whole article'}`,
    '',
  ];
  if (f.span) lines.push(`> ${context(text, f.span)}`, '');
  lines.push(escapeMarkdown(f.explanation), '');
  for (const r of f.related ?? []) lines.push(`- ${escapeMarkdown(r.label)}: ${context(text, r.span, 40)}`);
  if (f.related?.length) lines.push('');
  if (f.evidence.length) {
    lines.push('Evidence:', '');
    for (const e of f.evidence) {
      const value = e.kind === 'url' ? markdownUrl(e.value) : escapeMarkdown(evidenceText(e));
      lines.push(`- ${e.source ? `${escapeMarkdown(e.source)}: ` : ''}${value}`);
    }
    lines.push('');
  }
  return lines;
}

/**
 * Renders a report as Markdown.
 * @example await writeFile('report.md', renderMarkdown(report))
 */
export function renderMarkdown(report: Report): string {
  const { verdict, article } = report;
  const m = article.meta;
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(article.headline ?? m.title ?? 'Untitled article')}`, '');
  out.push(
    `**${verdict.score === null ? 'Credibility not judged' : `Credibility ${verdict.score}/100 — ${verdict.label}`}**${verdict.isCalibrated ? '' : ' (uncalibrated)'} · ${report.findings.length} findings`,
    '',
    escapeMarkdown(verdict.drivenBy),
    '',
    ...verdict.evidence.map((e) => `- **${escapeMarkdown(e.title)}**${Math.abs(e.effect) >= 0.05 ? ` (${e.effect > 0 ? '+' : ''}${e.effect.toFixed(2)})` : ''}: ${escapeMarkdown(agreeNumbers(e.summary))}`),
    '',
  );
  const meta: string[] = [];
  if (m.source) meta.push(`Source: ${escapeMarkdown(m.source)}`);
  if (m.byline) meta.push(`Byline: ${escapeMarkdown(m.byline)}`);
  if (m.publishedAt) meta.push(`Published: ${escapeMarkdown(m.publishedAt)}`);
  const url = m.canonicalUrl ?? m.url;
  if (url) meta.push(`URL: ${markdownUrl(url)}`);
  if (meta.length) out.push(meta.join(' · '), '');
  if (verdict.reasons.length) {
    out.push('Top reasons:', '');
    verdict.reasons.forEach((r, i) => {
      out.push(`${i + 1}. ${escapeMarkdown(agreeNumbers(r.message))}`);
    });
    out.push('');
  }
  out.push('## Findings', '');
  if (report.findings.length === 0) out.push('No findings.', '');
  let n = 0;
  for (const severity of ['problem', 'warning', 'info'] as Severity[]) {
    for (const f of report.findings.filter((x) => x.severity === severity)) {
      n += 1;
      out.push(...renderFinding(f, n, article.text));
    }
  }
  const quotes = quoteSummary(report);
  if (quotes.bySpeaker.length) {
    out.push('## Quotes by speaker', '', `${quotes.bodyCount} ${quotes.bodyCount === 1 ? 'quote' : 'quotes'} in the body.`, '', '| Speaker | Quotes |', '| --- | ---: |');
    for (const { name, count } of quotes.bySpeaker) out.push(`| ${escapeMarkdown(name)} | ${count} |`);
    if (quotes.unattributed) out.push(`| *no speaker found* | ${quotes.unattributed} |`);
    if (quotes.titles) out.push(`| *titles and slogans in quotation marks* | ${quotes.titles} |`);
    out.push('');
    if (quotes.outsideBody) out.push(`And ${quotes.outsideBody} in the headline or other lines above the body, not counted.`, '');
  }
  const merged = report.nlp.entities.filter((e) => e.aliases.length > 1);
  if (merged.length) {
    out.push('## Entities with several names', '');
    for (const e of merged) out.push(`- **${escapeMarkdown(e.name)}** (${e.type}): ${e.aliases.map(escapeMarkdown).join(', ')}`);
    out.push('');
  }
  if (report.failures.length) {
    out.push('## Analyzer failures', '');
    for (const f of report.failures) out.push(`- ${escapeMarkdown(f.analyzer)}: \\[${escapeMarkdown(f.code)}\\] ${escapeMarkdown(f.message)}`);
    out.push('');
  }
  out.push(`---`, '', `factlens ${report.tool.version} · report schema ${report.schemaVersion} · generated ${report.generatedAt}`, '');
  return out.join('\n');
}
