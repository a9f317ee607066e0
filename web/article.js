/**
 * Renders the article text with its highlights: each finding span (coloured by severity, tagged
 * by analyzer), each quote (underlined in its speaker's colour), and the related spans of the
 * selected finding. Overlapping spans are split at every boundary so that each run of text is one
 * <mark> carrying all the highlights that cover it.
 */
import { h } from './dom.js';

/** Number of speaker colours in app.css (spk0 … spk7). */
export const SPEAKER_COLORS = 8;

const SEVERITY_RANK = { problem: 3, warning: 2, info: 1 };

/** Speaker key → colour index, in order of first quote. */
export function speakerColors(quotes) {
  const colors = new Map();
  for (const q of quotes) {
    if (!q.speaker || q.kind === 'scare') continue;
    const key = q.speaker.entity ?? q.speaker.name;
    if (!colors.has(key)) colors.set(key, colors.size % SPEAKER_COLORS);
  }
  return colors;
}

/** Splits [from, to) at every highlight boundary. */
export function segment(from, to, highlights) {
  const cuts = new Set([from, to]);
  for (const x of highlights) {
    if (x.start > from && x.start < to) cuts.add(x.start);
    if (x.end > from && x.end < to) cuts.add(x.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    out.push({ start, end, covering: highlights.filter((x) => x.start <= start && x.end >= end && x.end > x.start) });
  }
  return out;
}

/** The highlights of a report, given which analyzers are shown and whether quotes are. */
export function collectHighlights(report, { hidden = new Set(), showQuotes = true } = {}) {
  const out = [];
  report.findings.forEach((f, index) => {
    if (hidden.has(f.analyzer)) return;
    if (f.span) out.push({ kind: 'finding', index, start: f.span.start, end: f.span.end, finding: f });
    for (const r of f.related ?? []) out.push({ kind: 'related', index, start: r.span.start, end: r.span.end, label: r.label });
  });
  if (showQuotes) {
    const colors = speakerColors(report.nlp.quotes);
    for (const q of report.nlp.quotes) {
      if (q.kind === 'scare') continue;
      const key = q.speaker ? (q.speaker.entity ?? q.speaker.name) : undefined;
      out.push({ kind: 'quote', start: q.span.start, end: q.span.end, quote: q, color: key === undefined ? undefined : colors.get(key) });
    }
  }
  return out;
}

function markFor(text, seg) {
  const findings = seg.covering.filter((x) => x.kind === 'finding');
  const related = seg.covering.filter((x) => x.kind === 'related');
  const quotes = seg.covering.filter((x) => x.kind === 'quote');
  const content = text.slice(seg.start, seg.end);
  if (seg.covering.length === 0) return content;
  const top = [...findings].sort((a, b) => SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity])[0];
  const classes = ['hl'];
  if (top) classes.push(`sev-${top.finding.severity}`);
  for (const a of new Set(findings.map((x) => x.finding.analyzer))) classes.push(`a-${a}`);
  const quote = quotes[0];
  if (quote) classes.push(quote.color === undefined ? 'spk-none' : `spk${quote.color}`);
  if (!top && !quote) classes.push('rel');
  const tips = [
    ...findings.map((x) => `${x.finding.severity}: ${x.finding.message}`),
    ...quotes.map((x) => `${x.quote.kind} quote — ${x.quote.speaker ? x.quote.speaker.name : 'no resolvable speaker'}${x.quote.verb ? ` (${x.quote.verb.text})` : ''}`),
  ];
  return h(
    'mark',
    {
      class: classes.join(' '),
      title: tips.join('\n') || undefined,
      tabindex: findings.length ? '0' : undefined,
      'data-findings': findings.map((x) => x.index).join(' ') || undefined,
      'data-related': related.map((x) => x.index).join(' ') || undefined,
      'aria-label': findings.length ? `${content} — ${tips.join('; ')}` : undefined,
    },
    content,
  );
}

const BLOCK_TAGS = { headline: 'h2', subheadline: 'p', dateline: 'p', byline: 'p', badge: 'p', paragraph: 'p' };

/** The article as DOM: one element per block, highlights inside. */
export function renderArticle(report, options) {
  const { text, blocks } = report.article;
  const highlights = collectHighlights(report, options);
  const parts = blocks.length ? blocks : [{ kind: 'paragraph', span: { start: 0, end: text.length } }];
  return parts.map((b) => {
    const inBlock = highlights.filter((x) => x.start < b.span.end && x.end > b.span.start);
    const children = segment(b.span.start, b.span.end, inBlock).map((seg) => markFor(text, seg));
    return h(BLOCK_TAGS[b.kind] ?? 'p', { class: `block b-${b.kind}` }, children);
  });
}

/** A line of context around a span, with the span in <mark>. */
export function contextNode(text, span, radius = 70) {
  const from = Math.max(0, span.start - radius);
  const to = Math.min(text.length, span.end + radius);
  const squash = (s) => s.replace(/\s+/g, ' ');
  return h(
    'p',
    { class: 'context' },
    from > 0 ? '…' : '',
    squash(text.slice(from, span.start)),
    h('mark', { class: 'ctx' }, squash(text.slice(span.start, span.end))),
    squash(text.slice(span.end, to)),
    to < text.length ? '…' : '',
  );
}
