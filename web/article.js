/**
 * Renders the article text with its highlights: each finding span (coloured by severity, tagged
 * by analyzer), each quote (underlined in its speaker's colour), and the related spans of the
 * selected finding. Overlapping spans are split at every boundary so that each run of text is one
 * <mark> carrying all the highlights that cover it.
 */
import { h } from './dom.js';

/**
 * Number of speaker colours in app.css (spk0 … spk9). The most-quoted speakers get them; any
 * further speakers share the "other speakers" mark, so no two speakers ever share a colour.
 */
export const SPEAKER_COLORS = 10;

const SEVERITY_RANK = { problem: 3, warning: 2, info: 1 };

/** True for the quotes that are someone's words (not scare quotes or titles). */
export function isSpokenQuote(q) {
  return q.kind !== 'scare' && q.kind !== 'title';
}

/** Speaker key → colour index, most-quoted first (ties in order of first quote), for the first SPEAKER_COLORS speakers. */
export function speakerColors(quotes) {
  const counts = new Map();
  for (const q of quotes) {
    if (!q.speaker || !isSpokenQuote(q)) continue;
    const key = q.speaker.entity ?? q.speaker.name;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]).slice(0, SPEAKER_COLORS);
  return new Map(ranked.map(([key], i) => [key, i]));
}

/** The CSS class of a quote's speaker mark: its colour, "other speakers", or no speaker found. */
export function speakerClass(colors, speaker) {
  if (!speaker) return 'spk-none';
  const color = colors.get(speaker.entity ?? speaker.name);
  return color === undefined ? 'spk-other' : `spk${color}`;
}

/** A message whose template left a plural open ("1 list(s)") with the noun agreeing with its number. */
export function agreeNumbers(message) {
  return message.replace(/\b(\d+) (\p{L}+)\(s\)/gu, (_m, n, word) => `${n} ${word}${Number(n) === 1 ? '' : 's'}`);
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
      if (!isSpokenQuote(q)) continue;
      out.push({ kind: 'quote', start: q.span.start, end: q.span.end, quote: q, className: speakerClass(colors, q.speaker) });
    }
  }
  return out;
}

/**
 * One run of text with its highlights. Each finding has one tab stop, on its first run with a
 * letter or digit (`stops` remembers which findings have theirs), so a lone quotation mark or
 * comma is never a stop of its own; every run of a finding still opens it on a click.
 */
function markFor(text, seg, stops) {
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
  if (quote) classes.push(quote.className);
  if (!top && !quote) classes.push('rel');
  const tips = [
    ...findings.map((x) => `${x.finding.severity}: ${agreeNumbers(x.finding.message)}`),
    ...quotes.map((x) => `${x.quote.kind} quote — ${x.quote.speaker ? x.quote.speaker.name : 'no resolvable speaker'}${x.quote.verb ? ` (${x.quote.verb.text})` : ''}`),
  ];
  const isStop = /[\p{L}\p{N}]/u.test(content) && findings.some((x) => !stops.has(x.index));
  if (isStop) for (const x of findings) stops.add(x.index);
  return h(
    'mark',
    {
      class: classes.join(' '),
      title: tips.join('\n') || undefined,
      tabindex: isStop ? '0' : undefined,
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
  const stops = new Set();
  return parts.map((b) => {
    const inBlock = highlights.filter((x) => x.start < b.span.end && x.end > b.span.start);
    const children = segment(b.span.start, b.span.end, inBlock).map((seg) => markFor(text, seg, stops));
    return h(BLOCK_TAGS[b.kind] ?? 'p', { class: `block b-${b.kind}` }, children);
  });
}

/** Where to cut `radius` characters before and after a span without cutting a word in two. */
export function wordBounds(text, span, radius) {
  let from = Math.max(0, span.start - radius);
  if (from > 0 && /\S/.test(text[from - 1]) && /\S/.test(text[from])) {
    const space = text.slice(from, span.start).search(/\s/);
    from = space < 0 ? span.start : from + space + 1;
  }
  let to = Math.min(text.length, span.end + radius);
  if (to < text.length && /\S/.test(text[to - 1]) && /\S/.test(text[to])) {
    const space = text.slice(span.end, to).search(/\s\S*$/);
    to = space < 0 ? span.end : span.end + space;
  }
  return { from, to };
}

/** A line of context around a span (cut at word boundaries), with the span in <mark>. */
export function contextNode(text, span, radius = 70) {
  const { from, to } = wordBounds(text, span, radius);
  const squash = (s) => s.replace(/\s+/g, ' ');
  return h(
    'p',
    { class: 'context' },
    from > 0 ? '…' : '',
    squash(text.slice(from, span.start)).replace(/^ /, ''),
    h('mark', { class: 'ctx' }, squash(text.slice(span.start, span.end))),
    squash(text.slice(span.end, to)).replace(/ $/, ''),
    to < text.length ? '…' : '',
  );
}
