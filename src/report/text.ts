/**
 * Report → terminal text: verdict, then each finding with its span shown in context (the spanned
 * characters highlighted), explanation and evidence. Colour only when asked (NO_COLOR respected by
 * the caller).
 */
import type { Finding, Report, Severity } from '../core/types.js';

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', green: '\x1b[32m', inverse: '\x1b[7m' };

function paint(color: boolean, code: keyof typeof ANSI, s: string): string {
  return color ? `${ANSI[code]}${s}${ANSI.reset}` : s;
}

const SEVERITY_COLOR: Record<Severity, keyof typeof ANSI> = { problem: 'red', warning: 'yellow', info: 'cyan' };

/** One line of context around a span, with the span marked: «…» without colour, inverse with. */
export function contextLine(text: string, span: { start: number; end: number }, color: boolean, radius = 50): string {
  const lineStart = Math.max(text.lastIndexOf('\n', span.start - 1) + 1, span.start - radius);
  let lineEnd = text.indexOf('\n', span.end);
  if (lineEnd < 0) lineEnd = text.length;
  lineEnd = Math.min(lineEnd, span.end + radius);
  const spanEnd = Math.min(span.end, span.start + 160);
  const before = text.slice(lineStart, span.start);
  const inside = text.slice(span.start, spanEnd) + (spanEnd < span.end ? '…' : '');
  const after = spanEnd < span.end ? '' : text.slice(span.end, lineEnd);
  const pre = lineStart > 0 && text[lineStart - 1] !== '\n' ? '…' : '';
  const post = lineEnd < text.length && text[lineEnd] !== '\n' ? '…' : '';
  const marked = color ? `${ANSI.inverse}${inside}${ANSI.reset}` : `«${inside}»`;
  return `${pre}${before}${marked}${after}${post}`.replace(/\n/g, ' ');
}

function renderFinding(f: Finding, text: string, color: boolean): string {
  const where = f.span ? `${f.span.start}-${f.span.end}` : 'document';
  const head = `${paint(color, SEVERITY_COLOR[f.severity], f.severity.padEnd(7))} ${paint(color, 'dim', where.padEnd(9))} ${f.message} ${paint(color, 'dim', `[${f.analyzer}/${f.code}] ${Math.round(f.confidence * 100)}%`)}`;
  const lines = [head];
  if (f.span) lines.push(`          ${contextLine(text, f.span, color)}`);
  lines.push(`          ${paint(color, 'dim', f.explanation)}`);
  for (const e of f.evidence.slice(0, 3)) lines.push(`          ${paint(color, 'dim', `· ${e.source ? `${e.source}: ` : ''}${e.value}`)}`);
  return lines.join('\n');
}

/** Renders a report for a terminal. */
export function renderText(report: Report, options: { color?: boolean } = {}): string {
  const color = options.color ?? false;
  const { verdict, article } = report;
  const out: string[] = [];
  const title = report.article.headline ?? article.meta.title ?? '(untitled)';
  out.push(paint(color, 'bold', title));
  const meta = [article.meta.source, article.meta.publishedAt && `published ${article.meta.publishedAt}`, article.meta.url].filter(Boolean);
  if (meta.length) out.push(paint(color, 'dim', meta.join(' · ')));
  const labelColor: keyof typeof ANSI = verdict.score >= 75 ? 'green' : verdict.score >= 55 ? 'yellow' : 'red';
  out.push(
    `\nCredibility ${paint(color, labelColor, `${verdict.score}/100 ${verdict.label}`)}${verdict.isCalibrated ? '' : paint(color, 'dim', ' (uncalibrated)')}`,
  );
  const counts = (['problem', 'warning', 'info'] as const).map((s) => `${report.findings.filter((f) => f.severity === s).length} ${s}`);
  out.push(paint(color, 'dim', `${report.findings.length} findings: ${counts.join(', ')}`));
  if (report.corpus && !report.corpus.isUsed) {
    out.push(paint(color, 'dim', 'No corpus used: built-in source lists only, no provenance, fact-check or evidence findings (factlens corpus demo, or --db FILE).'));
  }
  const order: Severity[] = ['problem', 'warning', 'info'];
  for (const severity of order) {
    const group = report.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push('');
    for (const f of group) out.push(renderFinding(f, article.text, color));
  }
  const speakers = new Map<string, number>();
  for (const q of report.nlp.quotes) if (q.speaker && q.kind !== 'scare' && q.kind !== 'title') speakers.set(q.speaker.name, (speakers.get(q.speaker.name) ?? 0) + 1);
  if (speakers.size) {
    out.push(`\n${paint(color, 'bold', 'Quotes by speaker')}`);
    for (const [name, n] of [...speakers].sort((a, b) => b[1] - a[1])) out.push(`  ${name}: ${n}`);
  }
  const merged = report.nlp.entities.filter((e) => e.aliases.length > 1);
  if (merged.length) {
    out.push(`\n${paint(color, 'bold', 'Entities with several names')}`);
    for (const e of merged) out.push(`  ${e.name} (${e.type}): ${e.aliases.join(', ')}`);
  }
  const dated = report.nlp.dates.filter((d) => d.resolved);
  if (dated.length) {
    out.push(`\n${paint(color, 'bold', 'Dates')}${article.meta.publishedAt ? paint(color, 'dim', ` (resolved against publication ${article.meta.publishedAt})`) : ''}`);
    for (const d of dated) out.push(`  ${d.text} → ${d.resolved}${d.isCertain ? '' : paint(color, 'dim', ' (uncertain)')}`);
  }
  if (report.failures.length) {
    out.push(`\n${paint(color, 'red', 'Analyzer failures')}`);
    for (const f of report.failures) out.push(`  ${f.analyzer}: [${f.code}] ${f.message}`);
  }
  return `${out.join('\n')}\n`;
}
