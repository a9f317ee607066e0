/**
 * Report → one standalone HTML page: the article with every finding and quote highlighted in place
 * (explanations shown on hover and on keyboard focus, CSS only), then the findings, quotes by
 * speaker, entities and failures.
 *
 * Safety: the page has no script at all and a Content-Security-Policy meta that allows only its own
 * stylesheet (by hash), so nothing derived from the article can execute. Every piece of article
 * content — text, title, byline, messages, evidence — goes through `escapeHtml`; links are emitted
 * only for http(s) URLs.
 */
import { createHash } from 'node:crypto';
import type { Block, Finding, Quote, Report, Severity, Span } from '../core/types.js';
import { agreeNumbers, evidenceText, excerpt, quoteSummary } from './display.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for use in HTML element content and in quoted attribute values. The colon of
 * `javascript:`/`vbscript:` is written as a character reference too, so that no script URL appears
 * even as inert text in the output.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!).replace(/script:/gi, (m) => `${m.slice(0, -1)}&#58;`);
}

/** True for absolute http(s) URLs, the only ones a report turns into links. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Number of distinct speaker colours in the stylesheets. The most-quoted speakers get them; any
 * further speakers share one "other speakers" mark rather than a colour that would mistake them
 * for someone else.
 */
export const SPEAKER_COLOR_COUNT = 10;

/** One highlighted range: a finding, a finding's related span, or a quote. */
export interface Highlight {
  span: Span;
  kind: 'finding' | 'related' | 'quote';
  /** CSS classes for this highlight (severity or speaker colour) */
  className: string;
  /** plain-text explanation shown on hover/focus */
  tip: string;
  /** id of the element describing it (a finding card) */
  target?: string;
}

/** A maximal run of text covered by the same set of highlights. */
export interface Segment {
  start: number;
  end: number;
  highlights: Highlight[];
}

/** Splits `[from, to)` at every highlight boundary; segments with no highlight are kept too. */
export function segmentText(from: number, to: number, highlights: readonly Highlight[]): Segment[] {
  const cuts = new Set<number>([from, to]);
  for (const h of highlights) {
    if (h.span.start > from && h.span.start < to) cuts.add(h.span.start);
    if (h.span.end > from && h.span.end < to) cuts.add(h.span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const active = highlights.filter((h) => h.span.start <= start && h.span.end >= end && h.span.end > h.span.start);
    segments.push({ start, end, highlights: active });
  }
  return segments;
}

const SEVERITY_RANK: Record<Severity, number> = { problem: 3, warning: 2, info: 1 };

/**
 * Speaker → colour index, most-quoted speakers first (ties in order of first quote); only the
 * first SPEAKER_COLOR_COUNT speakers have one, so no two speakers share a colour.
 */
export function speakerColors(quotes: readonly Quote[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const q of quotes) {
    if (!q.speaker || q.kind === 'scare' || q.kind === 'title') continue;
    const key = q.speaker.entity ?? q.speaker.name;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]).slice(0, SPEAKER_COLOR_COUNT);
  return new Map(ranked.map(([key], i) => [key, i]));
}

/** The highlights of a report: findings (by severity), related spans, and quotes (by speaker). */
export function collectHighlights(report: Report): Highlight[] {
  const out: Highlight[] = [];
  report.findings.forEach((f, i) => {
    const target = `finding-${i + 1}`;
    if (f.span) {
      out.push({ span: f.span, kind: 'finding', className: `hl-${f.severity}`, tip: `${f.severity}: ${f.message}\n${f.explanation}`, target });
    }
    for (const r of f.related ?? []) {
      out.push({ span: r.span, kind: 'related', className: 'hl-related', tip: `${r.label} (${f.message})`, target });
    }
  });
  const colors = speakerColors(report.nlp.quotes);
  for (const q of report.nlp.quotes) {
    if (q.kind === 'scare') {
      out.push({ span: q.span, kind: 'quote', className: 'q-scare', tip: 'Scare quotes: distancing marks around a word' });
      continue;
    }
    if (q.kind === 'title') {
      out.push({ span: q.span, kind: 'quote', className: 'q-scare', tip: 'A title or slogan in quotation marks, not anyone’s words' });
      continue;
    }
    const key = q.speaker ? (q.speaker.entity ?? q.speaker.name) : undefined;
    const color = key === undefined ? undefined : colors.get(key);
    const who = q.speaker ? q.speaker.name : 'no resolvable speaker';
    const verb = q.verb ? ` (${q.verb.text})` : '';
    out.push({
      span: q.span,
      kind: 'quote',
      className: key === undefined ? 'q-unknown' : color === undefined ? 'q-other' : `q-spk${color}`,
      tip: `${q.kind} quote — ${who}${verb}`,
    });
  }
  return out;
}

/** Which highlights already have their one tab stop, and which findings their article anchor. */
interface ArticleMarks {
  stops: Set<Highlight>;
  anchored: Set<string>;
}

/**
 * The article text of `[from, to)` with its highlights. A segment under a finding is a link to the
 * finding's card (a click opens it); each finding and each quote has one tab stop, on its first
 * segment with a letter or digit, so a lone quotation mark or comma is never a stop of its own.
 */
function renderSegments(text: string, from: number, to: number, highlights: readonly Highlight[], marks: ArticleMarks): string {
  const inRange = highlights.filter((h) => h.span.start < to && h.span.end > from);
  return segmentText(from, to, inRange)
    .map((seg) => {
      const raw = text.slice(seg.start, seg.end);
      const content = escapeHtml(raw);
      if (seg.highlights.length === 0) return content;
      const findings = seg.highlights.filter((h) => h.kind !== 'quote');
      const quotes = seg.highlights.filter((h) => h.kind === 'quote');
      const top = [...findings].sort((a, b) => rank(b) - rank(a))[0];
      const classes = ['hl', ...(top ? [top.className] : []), ...quotes.map((q) => q.className)];
      const tip = seg.highlights.map((h) => h.tip).join('\n\n');
      const isStop = /[\p{L}\p{N}]/u.test(raw) && seg.highlights.some((h) => h.kind !== 'related' && !marks.stops.has(h));
      if (isStop) for (const h of seg.highlights) if (h.kind !== 'related') marks.stops.add(h);
      const mark = `<mark class="${classes.join(' ')}" data-tip="${escapeHtml(tip)}"${!top && isStop ? ' tabindex="0"' : ''}>${content}</mark>`;
      if (!top?.target) return mark;
      const described = [...new Set(findings.map((h) => h.target).filter(Boolean))].join(' ');
      const anchor = marks.anchored.has(top.target) ? '' : ` id="at-${escapeHtml(top.target)}"`;
      marks.anchored.add(top.target);
      return `<a class="hl-link" href="#${escapeHtml(top.target)}"${anchor}${isStop ? '' : ' tabindex="-1"'} aria-describedby="${escapeHtml(described)}">${mark}</a>`;
    })
    .join('');
}

function rank(h: Highlight): number {
  if (h.kind === 'related') return 0;
  const severity = h.className.slice(3) as Severity;
  return SEVERITY_RANK[severity] ?? 0;
}

const BLOCK_TAGS: Record<Block['kind'], { tag: string; className: string }> = {
  headline: { tag: 'h1', className: 'b-headline' },
  subheadline: { tag: 'p', className: 'b-subheadline' },
  dateline: { tag: 'p', className: 'b-dateline' },
  byline: { tag: 'p', className: 'b-byline' },
  badge: { tag: 'p', className: 'b-badge' },
  paragraph: { tag: 'p', className: 'b-paragraph' },
};

function renderArticle(report: Report, highlights: readonly Highlight[]): string {
  const { text, blocks } = report.article;
  const parts = blocks.length > 0 ? blocks : [{ kind: 'paragraph' as const, span: { start: 0, end: text.length } }];
  const marks: ArticleMarks = { stops: new Set(), anchored: new Set() };
  return parts
    .map((b) => {
      const { tag, className } = BLOCK_TAGS[b.kind] ?? BLOCK_TAGS.paragraph;
      return `<${tag} class="${className}">${renderSegments(text, b.span.start, b.span.end, highlights, marks)}</${tag}>`;
    })
    .join('\n');
}

/** A few words of context around a span (cut at word boundaries), with the span itself in <mark>. */
function renderContext(text: string, span: Span, radius = 80): string {
  const x = excerpt(text, span, { radius, maxInside: 400 });
  const inside = `${x.inside}${x.isInsideCut ? '…' : ''}`;
  return `${x.isCutBefore ? '…' : ''}${escapeHtml(x.before)}<mark class="ctx">${escapeHtml(inside)}</mark>${escapeHtml(x.after)}${x.isCutAfter ? '…' : ''}`;
}

function renderEvidence(e: Finding['evidence'][number]): string {
  const source = e.source ? `<span class="ev-source">${escapeHtml(e.source)}:</span> ` : '';
  const value =
    e.kind === 'url' && isHttpUrl(e.value)
      ? `<a href="${escapeHtml(e.value)}" rel="noopener noreferrer nofollow">${escapeHtml(e.value)}</a>`
      : escapeHtml(evidenceText(e));
  return `<li>${source}${value}</li>`;
}

function renderFinding(f: Finding, index: number, text: string): string {
  const where = f.span ? `<p class="context">${renderContext(text, f.span)}</p>` : '<p class="context muted">Whole article</p>';
  const related = (f.related ?? [])
    .map((r) => `<li><span class="ev-source">${escapeHtml(r.label)}:</span> ${renderContext(text, r.span, 40)}</li>`)
    .join('');
  const evidence = f.evidence.map(renderEvidence).join('');
  return `<article class="finding sev-${f.severity}" id="finding-${index + 1}">
<h3><span class="sev">${f.severity}</span> ${escapeHtml(agreeNumbers(f.message))}</h3>
<p class="code">${escapeHtml(`${f.analyzer}/${f.code}`)} · confidence ${Math.round(f.confidence * 100)}%${f.span ? ` · <a href="#at-finding-${index + 1}">show in the article</a>` : ''}</p>
${where}
<p>${escapeHtml(f.explanation)}</p>
${related ? `<ul class="related">${related}</ul>` : ''}
${evidence ? `<details><summary>Evidence (${f.evidence.length})</summary><ul class="evidence">${evidence}</ul></details>` : ''}
</article>`;
}

function renderMeta(report: Report): string {
  const m = report.article.meta;
  const rows: [string, string][] = [];
  if (m.source) rows.push(['Source', escapeHtml(m.source)]);
  if (m.siteName) rows.push(['Site', escapeHtml(m.siteName)]);
  if (m.byline) rows.push(['Byline', escapeHtml(m.byline)]);
  if (m.publishedAt) rows.push(['Published', escapeHtml(m.publishedAt)]);
  const url = m.canonicalUrl ?? m.url;
  if (url) rows.push(['URL', isHttpUrl(url) ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow">${escapeHtml(url)}</a>` : escapeHtml(url)]);
  if (rows.length === 0) return '';
  return `<dl class="meta">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/** The speaker legend, shown above the article whose quotes it colours: each speaker's mark and quote count. */
function renderSpeakers(report: Report): string {
  const colors = speakerColors(report.nlp.quotes);
  const q = quoteSummary(report);
  if (q.bySpeaker.length === 0 && q.unattributed === 0) return '';
  const items = q.bySpeaker
    .map(({ key, name, count }) => {
      const color = colors.get(key);
      return `<li><span class="swatch ${color === undefined ? 'q-other' : `q-spk${color}`}"></span>${escapeHtml(name)} <span class="muted">(${count})</span></li>`;
    })
    .join('');
  const rest = [
    q.unattributed ? `<li><span class="swatch q-unknown"></span>no speaker found <span class="muted">(${q.unattributed})</span></li>` : '',
    q.titles ? `<li class="muted">titles and slogans in quotation marks: ${q.titles}</li>` : '',
    q.outsideBody ? `<li class="muted">and ${q.outsideBody} in the headline or other lines above the body, not counted</li>` : '',
  ].join('');
  return `<section class="legend" aria-label="Quotes by speaker"><h2>Quotes by speaker <span class="muted">(${q.bodyCount} in the body)</span></h2><ul class="speakers">${items}${rest}</ul></section>`;
}

function renderEntities(report: Report): string {
  const merged = report.nlp.entities.filter((e) => e.aliases.length > 1);
  if (merged.length === 0) return '';
  const items = merged
    .map((e) => `<li><strong>${escapeHtml(e.name)}</strong> <span class="muted">(${escapeHtml(e.type)})</span>: ${e.aliases.map(escapeHtml).join(', ')}</li>`)
    .join('');
  return `<section><h2>Entities with several names</h2><ul>${items}</ul></section>`;
}

function renderFailures(report: Report): string {
  if (report.failures.length === 0) return '';
  const items = report.failures
    .map((f) => `<li><strong>${escapeHtml(f.analyzer)}</strong> [${escapeHtml(f.code)}] ${escapeHtml(f.message)}</li>`)
    .join('');
  return `<section class="failures"><h2>Analyzer failures</h2><ul>${items}</ul></section>`;
}

/** The page's only stylesheet; the CSP allows exactly this text by its hash. */
export const REPORT_CSS = `
:root{color-scheme:light;--fg:#1d232b;--muted:#5d6875;--bg:#fff;--line:#d8dee6;--problem:#c62828;--warning:#b26a00;--info:#1565c0}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#f4f6f8}
main{max-width:52rem;margin:0 auto;padding:1rem 1.25rem 3rem;background:var(--bg)}
header.verdict{border-bottom:1px solid var(--line);padding-bottom:.75rem;margin-bottom:1rem}\n.evidence-groups{list-style:none;padding:0;margin:.5rem 0;display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.5rem}\n.vgroup{border:1px solid var(--line);border-radius:6px;padding:.4rem .6rem;font-size:.9rem}\n.vgroup-down{border-left:4px solid #b3261e}.vgroup-up{border-left:4px solid #2e7d32}.vgroup-none{border-left:4px solid var(--line)}\n.pull{font-variant-numeric:tabular-nums;color:var(--muted,#666)}.vsummary{display:block}.driven-by{margin:.4rem 0}
.score{font-size:1.6rem;font-weight:700}
.label-credible{color:#2e7d32}.label-mixed{color:var(--warning)}.label-doubtful{color:#d84315}.label-not-credible{color:var(--problem)}
.muted{color:var(--muted)}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0;font-size:.9rem}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}
.article{position:relative;border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.b-headline{font-size:1.5rem;line-height:1.3}
.b-subheadline{font-style:italic;color:#37474f}
.b-badge{display:inline-block;padding:.1rem .5rem;border:1px dashed var(--muted);border-radius:4px}
.b-dateline,.b-byline{color:var(--muted);font-size:.9rem}
mark{background:none;color:inherit}
mark.hl{border-radius:2px;cursor:help}
mark.hl:focus,.hl-link:focus>mark.hl{outline:2px solid #283593;outline-offset:1px}
a.hl-link{color:inherit;text-decoration:none}a.hl-link:focus{outline:none}.hl-link>mark.hl{cursor:pointer}
mark.hl-problem{background:#ffcdd2;border-bottom:2px solid var(--problem)}
mark.hl-warning{background:#ffe0b2;border-bottom:2px solid var(--warning)}
mark.hl-info{background:#e3f2fd;border-bottom:2px solid var(--info)}
mark.hl-related{background:#f3e5f5;border-bottom:2px dotted #6a1b9a}
.q-spk0{--spk:#1f77b4}.q-spk1{--spk:#ff7f0e}.q-spk2{--spk:#2ca02c}.q-spk3{--spk:#d62728}.q-spk4{--spk:#9467bd}
.q-spk5{--spk:#8c564b}.q-spk6{--spk:#e377c2}.q-spk7{--spk:#17becf}.q-spk8{--spk:#bcbd22}.q-spk9{--spk:#1d232b}
mark[class*=q-spk]{box-shadow:inset 0 -3px var(--spk)}
mark.q-unknown,mark.q-other{text-decoration:underline 3px #757575;text-underline-offset:3px}mark.q-unknown{text-decoration-style:dotted}mark.q-other{text-decoration-style:dashed}
.q-unknown{box-shadow:inset 0 -3px #9e9e9e}.q-scare{box-shadow:inset 0 -2px #bdbdbd}
.swatch{display:inline-block;width:1.5rem;height:.8rem;margin-right:.4rem;vertical-align:middle;border-radius:2px;background:var(--spk,#fff)}
.swatch.q-unknown{background:repeating-linear-gradient(90deg,#757575 0 3px,transparent 3px 6px)}.swatch.q-other{background:repeating-linear-gradient(90deg,#757575 0 8px,transparent 8px 11px)}
.legend{margin:1rem 0 .25rem}.legend h2{font-size:1rem;margin:0 0 .25rem}ul.speakers{display:flex;flex-wrap:wrap;gap:.2rem 1rem;margin:0;font-size:.9rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;z-index:20;background:#fff;padding:.25rem .5rem;border:2px solid #283593}
.finding{scroll-margin-top:1rem}.finding:target{box-shadow:0 0 0 3px #283593;border-radius:4px}
mark.hl:hover::after,mark.hl:focus::after,.hl-link:focus>mark.hl::after{content:attr(data-tip);position:absolute;left:.75rem;right:.75rem;margin-top:1.7em;z-index:10;
white-space:pre-line;background:#263238;color:#fff;font-size:.85rem;line-height:1.4;padding:.5rem .6rem;border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.3);font-weight:400;font-style:normal}
.finding{border-left:4px solid var(--line);padding:.25rem 0 .25rem .9rem;margin:1rem 0}
.finding h3{margin:.2rem 0;font-size:1.05rem}
.sev-problem{border-color:var(--problem)}.sev-warning{border-color:var(--warning)}.sev-info{border-color:var(--info)}
.sev{text-transform:uppercase;font-size:.75rem;letter-spacing:.04em;padding:.05rem .35rem;border-radius:3px;color:#fff;background:var(--muted);vertical-align:middle}
.sev-problem .sev{background:var(--problem)}.sev-warning .sev{background:var(--warning)}.sev-info .sev{background:var(--info)}
.code{font:.8rem ui-monospace,monospace;color:var(--muted);margin:.1rem 0}
.context{background:#fafafa;border:1px solid var(--line);padding:.4rem .6rem;border-radius:4px;font-size:.95rem}
mark.ctx{background:#fff59d}
ul.speakers{list-style:none;padding:0}
section.findings>h2{scroll-margin-top:1rem}
a{color:#1a4fa0;overflow-wrap:anywhere}
footer{margin-top:2rem;font-size:.8rem;color:var(--muted)}
@media (max-width:40rem){main{padding:.75rem}.b-headline{font-size:1.25rem}}
`;

/** The CSP for the standalone report: nothing but its own stylesheet. */
export function reportCsp(css = REPORT_CSS): string {
  const hash = createHash('sha256').update(css).digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/**
 * Renders a report as one standalone, script-free HTML page.
 * @example await writeFile('report.html', renderHtml(report))
 */
/** The verdict's four groups of evidence, each with its pull on the score, and what drove it. */
function renderVerdictEvidence(verdict: Report['verdict']): string {
  const rows = verdict.evidence
    .map((e) => {
      const pull = Math.abs(e.effect) >= 0.05 ? `${e.effect > 0 ? '+' : '−'}${Math.abs(e.effect).toFixed(2)}` : '0';
      return `<li class="vgroup vgroup-${e.effect <= -0.05 ? 'down' : e.effect >= 0.05 ? 'up' : 'none'}"><strong>${escapeHtml(e.title)}</strong> <span class="pull" title="pull on the score, log-odds">${pull}</span><span class="vsummary">${escapeHtml(agreeNumbers(e.summary))}</span></li>`;
    })
    .join('');
  return `<p class="driven-by">${escapeHtml(verdict.drivenBy)}</p><ul class="evidence-groups">${rows}</ul>`;
}

export function renderHtml(report: Report): string {
  const highlights = collectHighlights(report);
  const { verdict } = report;
  const title = report.article.headline ?? report.article.meta.title ?? 'Untitled article';
  const counts = (['problem', 'warning', 'info'] as const)
    .map((s) => `${report.findings.filter((f) => f.severity === s).length} ${s}`)
    .join(', ');
  const order: Severity[] = ['problem', 'warning', 'info'];
  const indexed = report.findings.map((f, i) => ({ f, i }));
  const findings = order
    .flatMap((s) => indexed.filter((x) => x.f.severity === s))
    .map(({ f, i }) => renderFinding(f, i, report.article.text))
    .join('\n');
  const reasons = verdict.reasons.map((r) => `<li>${escapeHtml(agreeNumbers(r.message))}</li>`).join('');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(report.article.meta.language ?? 'en')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportCsp())}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="factlens ${escapeHtml(report.tool.version)}">
<title>factlens report: ${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<a class="skip" href="#findings">Skip to the findings</a>
<main>
<header class="verdict">
<div class="score label-${verdict.label}">${verdict.score === null ? 'Credibility not judged' : `Credibility ${verdict.score}/100 · ${verdict.label}`}</div>
<div class="muted">${verdict.isCalibrated ? 'calibrated' : 'uncalibrated score'} · ${report.findings.length} findings: ${counts}</div>
${reasons ? `<ol class="reasons">${reasons}</ol>` : ''}
${renderVerdictEvidence(verdict)}
${renderMeta(report)}
</header>
${renderSpeakers(report)}
<section class="article" aria-label="Article with highlighted findings">
${renderArticle(report, highlights)}
</section>
<section class="findings" id="findings" tabindex="-1"><h2>Findings</h2>
${findings || '<p class="muted">No findings.</p>'}
</section>
${renderEntities(report)}
${renderFailures(report)}
<footer>factlens ${escapeHtml(report.tool.version)} · report schema ${escapeHtml(report.schemaVersion)} · generated ${escapeHtml(report.generatedAt)}</footer>
</main>
</body>
</html>
`;
}
