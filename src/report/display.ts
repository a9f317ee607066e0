/**
 * What the formatters show a reader, computed once from a Report: findings grouped so that one
 * defect is one entry (findings of one analyzer on the same words; the site-list findings about
 * one site), check-worthy claims in rank order with their one score, evidence in words, excerpts
 * cut at word boundaries, and quote counts that agree with what the analyzers counted (quotes in
 * the body, as headline-support counts them). Plain data: each formatter only lays it out.
 */
import type { Evidence, Finding, Report, Severity, Span } from '../core/types.js';

const SEVERITY_RANK: Record<Severity, number> = { problem: 0, warning: 1, info: 2 };

/**
 * Makes a noun written `word(s)` after a number agree with it ("1 list(s)" → "1 list",
 * "7 list(s)" → "7 lists"), for messages whose templates leave the plural open.
 * @example agreeNumbers('listed by 1 list(s)') // 'listed by 1 list'
 */
export function agreeNumbers(message: string): string {
  return message.replace(/\b(\d+) (\p{L}+)\(s\)/gu, (_m, n: string, word: string) => `${n} ${word}${Number(n) === 1 ? '' : 's'}`);
}

/** One defect as shown: its leading finding (the most severe) and the findings that repeat it. */
export interface DisplayEntry {
  severity: Severity;
  /** what the entry says, in words */
  message: string;
  lead: Finding;
  /** other findings about the same defect (same analyzer and words, or the same site's list entries) */
  also: Finding[];
  /** evidence of the whole entry, duplicates removed */
  evidence: Evidence[];
  confidence: number;
}

/** A check-worthy claim as shown: its rank, its one score and why it is checkable. */
export interface CheckWorthyEntry {
  rank: number;
  /** the score the ranking used, as the finding's message gives it ("0.95") */
  score: string;
  finding: Finding;
  span: Span;
  /** the check-worthiness cues ("a number", "2 named actors") */
  cues: string[];
}

/** The findings of a report as a reader meets them. */
export interface DisplayFindings {
  /** every finding except the check-worthy claims, one entry per defect, by severity then position */
  entries: DisplayEntry[];
  /** check-worthy claims, most worth checking first */
  checkWorthy: CheckWorthyEntry[];
  /** findings shown inside another entry rather than on their own */
  groupedCount: number;
}

function isSiteListing(f: Finding): boolean {
  return f.analyzer === 'source' && f.code.startsWith('listed-') && typeof f.data?.domain === 'string';
}

function groupKey(f: Finding): string | undefined {
  if (isSiteListing(f)) return `source-lists:${f.data!.domain}`;
  if (f.span) return `${f.analyzer}:${f.span.start}-${f.span.end}`;
  return undefined;
}

function uniqueEvidence(findings: readonly Finding[]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const f of findings) {
    for (const e of f.evidence) {
      const key = `${e.kind}\u0000${e.source ?? ''}\u0000${e.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}

/** "a.example is listed as a fake-news site by 7 lists, as a junk-science site by 1 list" for one site's list findings. */
function siteListingMessage(findings: readonly Finding[]): string {
  if (findings.length === 1) return agreeNumbers(findings[0]!.message);
  const domain = String(findings[0]!.data!.domain);
  const lists = new Set(findings.flatMap((f) => String(f.data?.lists ?? '').split('; ').filter(Boolean)));
  const parts = findings.map((f) => {
    const n = Number(f.data?.listCount) || 0;
    return `${f.data?.label ?? f.code} (${n} ${n === 1 ? 'list' : 'lists'})`;
  });
  const last = parts.pop();
  return `${domain} is on ${lists.size} published site lists, as ${parts.join(', ')} and ${last}`;
}

function byPosition(a: Finding, b: Finding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.span?.start ?? -1) - (b.span?.start ?? -1) || (a.span?.end ?? -1) - (b.span?.end ?? -1);
}

/**
 * Groups a report's findings for display: one entry per defect, and the check-worthy claims apart.
 * @example const { entries, checkWorthy } = displayFindings(report)
 */
export function displayFindings(report: Report): DisplayFindings {
  const checkWorthy: CheckWorthyEntry[] = [];
  const groups = new Map<string, Finding[]>();
  const singles: Finding[][] = [];
  for (const f of report.findings) {
    if (f.analyzer === 'check-worthy' && f.code === 'check-worthy-claim' && f.span) {
      checkWorthy.push({
        rank: Number(f.data?.rank) || Number.MAX_SAFE_INTEGER,
        score: f.data?.score !== undefined ? String(f.data.score) : f.confidence.toFixed(2),
        finding: f,
        span: f.span,
        cues: f.evidence.filter((e) => e.source === 'check-worthiness cue').map((e) => e.value),
      });
      continue;
    }
    const key = groupKey(f);
    if (key === undefined) {
      singles.push([f]);
      continue;
    }
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  checkWorthy.sort((a, b) => a.rank - b.rank || a.span.start - b.span.start);
  let groupedCount = 0;
  const entries = [...groups.values(), ...singles].map((members): DisplayEntry => {
    // The lead is the most severe finding; on a tie, the more specific one (more evidence and related passages).
    const weight = (f: Finding): number => f.evidence.length + (f.related?.length ?? 0);
    const sorted = [...members].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || weight(b) - weight(a) || b.confidence - a.confidence);
    const lead = sorted[0]!;
    groupedCount += sorted.length - 1;
    return {
      severity: lead.severity,
      message: isSiteListing(lead) ? siteListingMessage(sorted) : agreeNumbers(lead.message),
      lead,
      also: isSiteListing(lead) ? [] : sorted.slice(1),
      evidence: uniqueEvidence(sorted),
      confidence: Math.max(...sorted.map((f) => f.confidence)),
    };
  });
  entries.sort((a, b) => byPosition(a.lead, b.lead));
  return { entries, checkWorthy, groupedCount };
}

function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

/**
 * An evidence value in words: a JSON record of probabilities (a model's output) becomes
 * "agree 62%, disagree 10%, …", another JSON record "key: value" pairs; text stays as it is.
 */
export function evidenceText(e: Pick<Evidence, 'value'>): string {
  const value = e.value.trim();
  if (!value.startsWith('{')) return e.value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return e.value;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return e.value;
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length > 0 && entries.every(([, v]) => typeof v === 'number' && v >= 0 && v <= 1)) {
    return entries.map(([k, v]) => `${k} ${percent(v as number)}`).join(', ');
  }
  return entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');
}

/** Text around a span, cut at word boundaries, whitespace folded to single spaces. */
export interface Excerpt {
  /** true when text before `before` was left out */
  isCutBefore: boolean;
  before: string;
  inside: string;
  /** true when the span itself was shortened */
  isInsideCut: boolean;
  after: string;
  isCutAfter: boolean;
}

const fold = (s: string): string => s.replace(/\s+/g, ' ');

/**
 * The words around a span: up to `radius` characters each side (`withinLine`: not past a line
 * break), never cutting a word in two; a span longer than `maxInside` is shortened at a word
 * boundary too.
 * @example excerpt(text, finding.span, { radius: 60, withinLine: true })
 */
export function excerpt(text: string, span: Span, options: { radius?: number; maxInside?: number; withinLine?: boolean } = {}): Excerpt {
  const radius = options.radius ?? 60;
  const maxInside = options.maxInside ?? 160;
  let limitStart = 0;
  let limitEnd = text.length;
  if (options.withinLine) {
    limitStart = text.lastIndexOf('\n', span.start - 1) + 1;
    const nl = text.indexOf('\n', span.end);
    if (nl >= 0) limitEnd = nl;
  }
  let from = Math.max(limitStart, span.start - radius);
  if (from > limitStart && /\S/.test(text[from - 1]!) && /\S/.test(text[from]!)) {
    const space = text.slice(from, span.start).search(/\s/);
    from = space < 0 ? span.start : from + space + 1;
  }
  let to = Math.min(limitEnd, span.end + radius);
  if (to < limitEnd && /\S/.test(text[to - 1]!) && /\S/.test(text[to]!)) {
    const space = text.slice(span.end, to).search(/\s\S*$/);
    to = space < 0 ? span.end : span.end + space;
  }
  let insideEnd = span.end;
  let isInsideCut = false;
  if (span.end - span.start > maxInside) {
    const head = text.slice(span.start, span.start + maxInside);
    const space = head.search(/\s\S*$/);
    insideEnd = span.start + (space > maxInside / 2 ? space : maxInside);
    isInsideCut = true;
  }
  const before = fold(text.slice(from, span.start)).replace(/^ /, '');
  const inside = fold(text.slice(span.start, insideEnd));
  const after = isInsideCut ? '' : fold(text.slice(span.end, to)).replace(/ $/, '');
  return {
    isCutBefore: from > limitStart || (from === limitStart && limitStart > 0 && text[limitStart - 1] !== '\n'),
    before,
    inside,
    isInsideCut,
    after,
    isCutAfter: !isInsideCut && to < limitEnd,
  };
}

/** Who is quoted how often, counted as headline-support counts them: quotes in the body. */
export interface QuoteSummary {
  /** quotes in body paragraphs, scare quotes aside: the number the analyzers' explanations give */
  bodyCount: number;
  bySpeaker: { key: string; name: string; count: number }[];
  /** body quotes with no resolvable speaker */
  unattributed: number;
  /** titles of works and slogans in quotation marks, in the body */
  titles: number;
  /** quotations in the headline, sub-headline or other non-body lines */
  outsideBody: number;
}

/** Counts the report's quotes by speaker, in the body, as the analyzers count them. */
export function quoteSummary(report: Report): QuoteSummary {
  const paragraphs = report.article.blocks.filter((b) => b.kind === 'paragraph');
  const inBody = (s: Span): boolean =>
    report.article.blocks.length === 0 || paragraphs.some((b) => s.start >= b.span.start && s.start < b.span.end);
  const speakers = new Map<string, { key: string; name: string; count: number }>();
  const summary: QuoteSummary = { bodyCount: 0, bySpeaker: [], unattributed: 0, titles: 0, outsideBody: 0 };
  for (const q of report.nlp.quotes) {
    if (q.kind === 'scare') continue;
    if (!inBody(q.span)) {
      summary.outsideBody += 1;
      continue;
    }
    summary.bodyCount += 1;
    if (q.kind === 'title') summary.titles += 1;
    else if (!q.speaker) summary.unattributed += 1;
    else {
      const key = q.speaker.entity ?? q.speaker.name;
      const entry = speakers.get(key) ?? { key, name: q.speaker.name, count: 0 };
      entry.count += 1;
      speakers.set(key, entry);
    }
  }
  summary.bySpeaker = [...speakers.values()].sort((a, b) => b.count - a.count);
  return summary;
}
