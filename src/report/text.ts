/**
 * Report → terminal text, in the order of the HTML report: the verdict with its top reasons, then
 * one entry per defect (findings about the same words shown together) with its span in context,
 * explanation and evidence in words, then the check-worthy claims in rank order, quotes by
 * speaker, entities, dates and failures. Colour only when asked (NO_COLOR respected by the caller).
 */
import type { Report, Severity, Span } from '../core/types.js';
import { agreeNumbers, type CheckWorthyEntry, type DisplayEntry, displayFindings, evidenceText, excerpt, quoteSummary } from './display.js';

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', green: '\x1b[32m', inverse: '\x1b[7m' };

function paint(color: boolean, code: keyof typeof ANSI, s: string): string {
  return color ? `${ANSI[code]}${s}${ANSI.reset}` : s;
}

const SEVERITY_COLOR: Record<Severity, keyof typeof ANSI> = { problem: 'red', warning: 'yellow', info: 'cyan' };
const SEVERITY_HEADING: Record<Severity, string> = { problem: 'Problems', warning: 'Warnings', info: 'Notes' };
const INDENT = ' '.repeat(10);
const EVIDENCE_SHOWN = 3;

/** One line of context around a span, with the span marked («…» without colour, inverse with), cut at word boundaries. */
export function contextLine(text: string, span: Span, color: boolean, radius = 50): string {
  const x = excerpt(text, span, { radius, withinLine: true });
  const inside = `${x.inside}${x.isInsideCut ? '…' : ''}`;
  const marked = color ? `${ANSI.inverse}${inside}${ANSI.reset}` : `«${inside}»`;
  return `${x.isCutBefore ? '…' : ''}${x.before}${marked}${x.after}${x.isCutAfter ? '…' : ''}`;
}

function renderEntry(entry: DisplayEntry, text: string, color: boolean): string {
  const f = entry.lead;
  const where = f.span ? `${f.span.start}-${f.span.end}` : 'document';
  const lines = [
    `${paint(color, SEVERITY_COLOR[entry.severity], entry.severity.padEnd(7))} ${paint(color, 'dim', where.padEnd(9))} ${entry.message} ${paint(color, 'dim', `[${f.analyzer}/${f.code}] ${Math.round(entry.confidence * 100)}%`)}`,
  ];
  if (f.span) lines.push(`${INDENT}${contextLine(text, f.span, color)}`);
  lines.push(`${INDENT}${paint(color, 'dim', f.explanation)}`);
  for (const e of entry.evidence.slice(0, EVIDENCE_SHOWN)) lines.push(`${INDENT}${paint(color, 'dim', `· ${e.source ? `${e.source}: ` : ''}${evidenceText(e)}`)}`);
  if (entry.evidence.length > EVIDENCE_SHOWN) lines.push(`${INDENT}${paint(color, 'dim', `· … and ${entry.evidence.length - EVIDENCE_SHOWN} more`)}`);
  for (const a of entry.also) lines.push(`${INDENT}${paint(color, 'dim', `also: ${a.message} [${a.analyzer}/${a.code}]`)}`);
  return lines.join('\n');
}

function renderCheckWorthy(claims: readonly CheckWorthyEntry[], text: string, color: boolean): string[] {
  if (claims.length === 0) return [];
  const out = [`\n${paint(color, 'bold', 'Check-worthy claims')}${paint(color, 'dim', ', most worth checking first (score 0–1)')}`];
  for (const c of claims) {
    const x = excerpt(text, c.span, { radius: 0, maxInside: 200 });
    const rank = c.rank === Number.MAX_SAFE_INTEGER ? '#?' : `#${c.rank}`;
    out.push(`  ${paint(color, 'cyan', rank.padEnd(3))} ${c.score}  ${paint(color, 'dim', `${c.span.start}-${c.span.end}`.padEnd(9))} ${x.inside}${x.isInsideCut ? '…' : ''}`);
    if (c.cues.length) out.push(`${INDENT}${paint(color, 'dim', c.cues.join(', '))}`);
  }
  return out;
}

/**
 * The verdict block: score, label and the reasons the report gives for it. Kept in one place so
 * that what the verdict says (and later its evidence groups) changes here only.
 */
function renderVerdict(report: Report, color: boolean): string[] {
  const { verdict } = report;
  const out: string[] = [];
  if (verdict.score === null) out.push(`\nCredibility ${paint(color, 'bold', 'not judged')}`);
  else {
    const labelColor: keyof typeof ANSI = verdict.label === 'credible' ? 'green' : verdict.label === 'mixed' ? 'yellow' : 'red';
    out.push(`\nCredibility ${paint(color, labelColor, `${verdict.score}/100 ${verdict.label}`)}${verdict.isCalibrated ? '' : paint(color, 'dim', ' (uncalibrated)')}`);
  }
  const evidence = [
    paint(color, 'bold', 'Evidence'),
    `  ${verdict.drivenBy}`,
    ...verdict.evidence.map((e) => `  ${e.title}${Math.abs(e.effect) >= 0.05 ? ` (${e.effect > 0 ? '+' : ''}${e.effect.toFixed(2)})` : ''}: ${agreeNumbers(e.summary)}`),
  ];
  if (verdict.reasons.length) {
    out.push(paint(color, 'bold', 'Top reasons'));
    verdict.reasons.forEach((r, i) => {
      out.push(`  ${i + 1}. ${agreeNumbers(r.message)}`);
    });
  }
  out.push(...evidence);
  return out;
}

function renderQuotes(report: Report, color: boolean): string[] {
  const q = quoteSummary(report);
  if (q.bodyCount === 0 && q.outsideBody === 0) return [];
  const out = [`\n${paint(color, 'bold', 'Quotes by speaker')}${paint(color, 'dim', ` (${q.bodyCount} ${q.bodyCount === 1 ? 'quote' : 'quotes'} in the body)`)}`];
  for (const s of q.bySpeaker) out.push(`  ${s.name}: ${s.count}`);
  if (q.unattributed) out.push(`  ${paint(color, 'dim', `no speaker found: ${q.unattributed}`)}`);
  if (q.titles) out.push(`  ${paint(color, 'dim', `titles and slogans in quotation marks: ${q.titles}`)}`);
  if (q.outsideBody) out.push(`  ${paint(color, 'dim', `and ${q.outsideBody} in the headline or other lines above the body, not counted`)}`);
  return out;
}

/** Renders a report for a terminal. */
export function renderText(report: Report, options: { color?: boolean } = {}): string {
  const color = options.color ?? false;
  const { article } = report;
  const out: string[] = [];
  out.push(paint(color, 'bold', article.headline ?? article.meta.title ?? '(untitled)'));
  const meta = [article.meta.source, article.meta.publishedAt && `published ${article.meta.publishedAt}`, article.meta.url].filter(Boolean);
  if (meta.length) out.push(paint(color, 'dim', meta.join(' · ')));
  out.push(...renderVerdict(report, color));

  const shown = displayFindings(report);
  const order: Severity[] = ['problem', 'warning', 'info'];
  const counts = order.map((s) => `${shown.entries.filter((e) => e.severity === s).length + (s === 'info' ? shown.checkWorthy.length : 0)} ${s}`);
  const total = shown.entries.length + shown.checkWorthy.length;
  const grouped = shown.groupedCount ? ` (${report.findings.length} in the report; findings about the same words are shown together)` : '';
  out.push(paint(color, 'dim', `${total} ${total === 1 ? 'finding' : 'findings'}: ${counts.join(', ')}${grouped}`));
  if (report.corpus && !report.corpus.isUsed) {
    out.push(paint(color, 'dim', 'No corpus used: built-in source lists only, no provenance, fact-check or evidence findings (factlens corpus demo, or --db FILE).'));
  }
  for (const severity of order) {
    const group = shown.entries.filter((e) => e.severity === severity);
    if (group.length === 0) continue;
    out.push(`\n${paint(color, 'bold', SEVERITY_HEADING[severity])}`);
    for (const e of group) out.push(renderEntry(e, article.text, color));
  }
  out.push(...renderCheckWorthy(shown.checkWorthy, article.text, color));
  out.push(...renderQuotes(report, color));
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
