/**
 * Scores reports against the judgement labels: per finding code precision and recall (a finding is
 * right when its span overlaps a labelled defect of the type it reports), quote detection and
 * speaker accuracy by cue, headline support, headlines cut short, the check-worthy top three, and
 * the share of clean mainstream articles given a problem finding. Pure: reports in, numbers out.
 */
import { normalizeText } from '../../ingest/decode.js';
import type { Finding, Report, Span } from '../../core/types.js';
import type { DevArticle } from './articles.js';
import type { ArticleLabel, DefectLabel, QuoteLabel } from './labels.js';

/** The finding codes that report each labelled defect type. */
export const CODES_FOR_DEFECT: Readonly<Record<DefectLabel['type'], readonly string[]>> = {
  'trust-badge': ['trust-badge/unbacked-badge'],
  'stripped-attribution': ['attribution/stripped-attribution'],
  'anonymous-source': ['attribution/anonymous-source'],
  'one-sided-hedging': ['hedging/one-sided-hedging'],
  'unattributed-quote': ['attribution/unattributed-quote'],
  'scare-quote': ['hedging/scare-quote'],
  sensational: ['style/sensational-language', 'style/loaded-language', 'style/shouting-caps', 'style/excessive-punctuation'],
  'clickbait-headline': ['clickbait/clickbait-headline'],
};

/** Headline codes scored against the headline labels rather than the defect list. */
export const HEADLINE_CODES = ['headline-support/unsupported-headline', 'headline-support/weakly-supported-headline', 'headline-support/quoted-word-not-in-body'];

const DEFECT_OF_CODE = new Map<string, DefectLabel['type']>(
  Object.entries(CODES_FOR_DEFECT).flatMap(([type, codes]) => codes.map((c) => [c, type as DefectLabel['type']] as const)),
);

export interface Counts {
  emitted: number;
  correct: number;
  /** emitted by severity */
  problem: number;
  warning: number;
  info: number;
  /** correct findings among the problem and warning ones */
  correctRaised: number;
}

export interface JudgementScore {
  articles: number;
  refused: string[];
  /** per finding code (analyzer/code) */
  codes: Record<string, Counts>;
  /** per labelled defect type: gold instances and how many a finding of its codes overlapped */
  defects: Record<string, { gold: number; found: number; foundRaised: number }>;
  quotes: {
    gold: number;
    detected: number;
    matched: number;
    /** speech and writing quotes against direct and partial detections */
    directGold: number;
    directDetected: number;
    directMatched: number;
    /** gold quotes whose text was lost to normalization (not counted) */
    unlocated: number;
  };
  /** speaker accuracy over detected gold quotes, by cue, and end to end */
  speakers: Record<string, { n: number; correct: number }>;
  speakersEndToEnd: { n: number; correct: number };
  headlines: {
    n: number;
    cutShort: string[];
    /** gold unsupported vs an unsupported-headline finding */
    unsupported: { gold: number; flagged: number; correct: number };
    /** gold partly or unsupported vs an unsupported or weakly-supported finding */
    notSupported: { gold: number; flagged: number; correct: number };
  };
  checkWorthy: { top3: number; hits: number };
  clean: { articles: number; withProblem: number; problemFindings: string[] };
}

export function emptyScore(): JudgementScore {
  return {
    articles: 0,
    refused: [],
    codes: {},
    defects: {},
    quotes: { gold: 0, detected: 0, matched: 0, directGold: 0, directDetected: 0, directMatched: 0, unlocated: 0 },
    speakers: {},
    speakersEndToEnd: { n: 0, correct: 0 },
    headlines: { n: 0, cutShort: [], unsupported: { gold: 0, flagged: 0, correct: 0 }, notSupported: { gold: 0, flagged: 0, correct: 0 } },
    checkWorthy: { top3: 0, hits: 0 },
    clean: { articles: 0, withProblem: 0, problemFindings: [] },
  };
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function jaccard(a: Span, b: Span): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? inter / union : 0;
}

function locate(text: string, snippet: string, from: number): Span | undefined {
  const s = normalizeText(snippet).trim();
  if (!s) return undefined;
  const at = text.indexOf(s, from);
  return at < 0 ? undefined : { start: at, end: at + s.length };
}

const HONORIFICS = new Set('mr mrs ms miss dr sen senator rep representative gov governor president pres gen general the lt col sgt capt prof former vice secretary'.split(' '));

/** A speaker name reduced to its words: lower case, no titles or punctuation. */
export function nameWords(name: string): string[] {
  return normalizeText(name)
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !HONORIFICS.has(w));
}

/** True when a predicted name (or one of its aliases) names the gold speaker. */
export function sameSpeaker(gold: string, predicted: readonly string[]): boolean {
  const g = nameWords(gold);
  if (g.length === 0) return false;
  return predicted.some((name) => {
    const p = nameWords(name);
    if (p.length === 0) return false;
    if (p.join(' ') === g.join(' ')) return true;
    if (p[p.length - 1] !== g[g.length - 1]) return false;
    // same last word: different given names ("Ron Johnson" / "Jeh Johnson") are different people
    if (p.length >= 2 && g.length >= 2 && p[0] !== g[0] && p[0]!.length > 1 && g[0]!.length > 1) return false;
    return true;
  });
}

function findingKey(f: Finding): string {
  return `${f.analyzer}/${f.code}`;
}

/** Is a finding about a defect (as opposed to context such as a supported headline)? */
export function isDefectCode(key: string): boolean {
  return DEFECT_OF_CODE.has(key) || HEADLINE_CODES.includes(key);
}

/** Adds one labelled article and the report factlens gave it to the score. */
export function scoreArticle(score: JudgementScore, article: DevArticle, label: ArticleLabel, report: Report): void {
  score.articles++;
  const text = report.article.text;
  const titleEnd = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');

  // ---- defects
  const gold: { type: DefectLabel['type']; span: Span; found: boolean; foundRaised: boolean }[] = [];
  for (const d of label.defects) {
    const span = locate(text, d.snippet, 0);
    if (span) gold.push({ type: d.type, span, found: false, foundRaised: false });
  }
  for (const d of gold) {
    const g = (score.defects[d.type] ??= { gold: 0, found: 0, foundRaised: 0 });
    g.gold++;
  }
  const h = label.headline;
  const quotedWordSpans = h.quoted.filter((q) => !q.body_quotes).map((q) => locate(text.slice(0, titleEnd), q.words, 0)).filter((s): s is Span => !!s);
  for (const f of report.findings) {
    const key = findingKey(f);
    const type = DEFECT_OF_CODE.get(key);
    if (!type && !HEADLINE_CODES.includes(key)) continue;
    const c = (score.codes[key] ??= { emitted: 0, correct: 0, problem: 0, warning: 0, info: 0, correctRaised: 0 });
    c.emitted++;
    c[f.severity]++;
    let right = false;
    if (type) {
      for (const d of gold) {
        if (d.type !== type || !f.span || !overlaps(f.span, d.span)) continue;
        right = true;
        d.found = true;
        if (f.severity !== 'info') d.foundRaised = true;
      }
    } else if (key === 'headline-support/unsupported-headline') right = h.support === 'unsupported';
    else if (key === 'headline-support/weakly-supported-headline') right = h.support !== 'supported';
    else if (key === 'headline-support/quoted-word-not-in-body') right = !!f.span && quotedWordSpans.some((s) => overlaps(s, f.span!));
    if (right) c.correct++;
    if (right && f.severity !== 'info') c.correctRaised++;
  }
  for (const d of gold) {
    if (d.found) score.defects[d.type]!.found++;
    if (d.foundRaised) score.defects[d.type]!.foundRaised++;
  }

  // ---- headline
  score.headlines.n++;
  const headline = report.article.headline ?? '';
  const title = normalizeText(article.title).trim();
  if (headline.trim().length < title.length) score.headlines.cutShort.push(`${label.article}: «${headline}» of «${title}»`);
  const keys = new Set(report.findings.map(findingKey));
  const flaggedUnsupported = keys.has('headline-support/unsupported-headline');
  const flaggedNot = flaggedUnsupported || keys.has('headline-support/weakly-supported-headline');
  const u = score.headlines.unsupported;
  if (h.support === 'unsupported') u.gold++;
  if (flaggedUnsupported) u.flagged++;
  if (flaggedUnsupported && h.support === 'unsupported') u.correct++;
  const n = score.headlines.notSupported;
  if (h.support !== 'supported') n.gold++;
  if (flaggedNot) n.flagged++;
  if (flaggedNot && h.support !== 'supported') n.correct++;

  // ---- quotes and speakers
  const detected = report.nlp.quotes.filter((q) => q.kind !== 'indirect');
  const entities = new Map(report.nlp.entities.map((e) => [e.id, e]));
  const used = new Set<number>();
  let from = titleEnd;
  score.quotes.detected += detected.length;
  score.quotes.directDetected += detected.filter((q) => q.kind === 'direct' || q.kind === 'partial').length;
  const matchedDirect = new Set<number>();
  for (const q of label.quotes) {
    const span = locate(text, q.quote, from);
    if (!span) {
      score.quotes.unlocated++;
      continue;
    }
    from = span.start + 1;
    score.quotes.gold++;
    const isDirect = q.kind === 'speech' || q.kind === 'writing';
    if (isDirect) score.quotes.directGold++;
    let best = -1;
    let bestJ = 0.5;
    detected.forEach((d, i) => {
      if (used.has(i)) return;
      const j = jaccard(d.contentSpan, span);
      if (j >= bestJ) {
        bestJ = j;
        best = i;
      }
    });
    const hasGoldSpeaker = q.speaker !== null && q.speaker !== '';
    if (hasGoldSpeaker) score.speakersEndToEnd.n++;
    if (best < 0) continue;
    used.add(best);
    score.quotes.matched++;
    const d = detected[best]!;
    if (isDirect && (d.kind === 'direct' || d.kind === 'partial')) matchedDirect.add(best);
    const predictedNames = speakerNames(d.speaker, entities);
    const correct = hasGoldSpeaker ? predictedNames.length > 0 && sameSpeaker(q.speaker!, predictedNames) : predictedNames.length === 0;
    const cue = cueOf(q);
    const s = (score.speakers[cue] ??= { n: 0, correct: 0 });
    s.n++;
    if (correct) s.correct++;
    if (hasGoldSpeaker && correct) score.speakersEndToEnd.correct++;
  }
  score.quotes.directMatched += matchedDirect.size;

  // ---- check-worthy top three
  const claimSpans = label.claims.map((c) => locate(text, c, titleEnd)).filter((s): s is Span => !!s);
  for (const f of report.findings) {
    if (f.code !== 'check-worthy-claim' || Number(f.data?.rank ?? 99) > 3 || !f.span) continue;
    score.checkWorthy.top3++;
    if (claimSpans.some((s) => overlaps(s, f.span!))) score.checkWorthy.hits++;
  }

  // ---- clean mainstream articles
  if (article.mainstream && article.mostlyTrue) {
    score.clean.articles++;
    const problems = report.findings.filter((f) => f.severity === 'problem');
    if (problems.length) {
      score.clean.withProblem++;
      for (const f of problems) score.clean.problemFindings.push(`${label.article} ${findingKey(f)}: ${f.message}`);
    }
  }
}

/** The gold cue, with speaker-less titles and scare quotes counted apart. */
function cueOf(q: QuoteLabel): string {
  if (q.kind === 'title' || q.kind === 'scare') return `${q.kind} (no speaker)`;
  if (q.speaker === null) return `${q.cue} (unnamed)`;
  return q.cue;
}

/** The names a predicted speaker goes by; empty for no speaker or an unnamed source. */
function speakerNames(speaker: Report['nlp']['quotes'][number]['speaker'], entities: Map<string, Report['nlp']['entities'][number]>): string[] {
  if (!speaker) return [];
  if (!speaker.entity) return []; // "officials", "reports": an unnamed source, not a named speaker
  const e = entities.get(speaker.entity);
  return e ? [e.name, ...e.aliases] : [speaker.name];
}
