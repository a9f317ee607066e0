/**
 * Findings → a 0–100 credibility score that says what it knows (docs/verdict.md).
 *
 * The evidence is kept in four groups (report/verdict-features.ts): defects found in this text,
 * source reputation, published fact-checks and corroboration, and the writing-style model. Each
 * group pulls the log-odds by a capped amount; the score is 100 × P(credible) =
 * 100 × (1 − sigmoid(bias + Σ group pulls)). With a calibration fitted by `factlens train verdict`
 * the group weights and bias are learned on labelled articles (defects never below their prior);
 * without one, prior weights are used and the verdict says it is uncalibrated. The style model's
 * pull is capped at 1.5 log-odds: on its own it can move an article from 50 to 18 or 82, never
 * further, because it learned how fake-news sites write, not whether a story is true.
 *
 * A text too short to judge, or without news sentences (a line, a list, a table), gets no score.
 */
import type { AnalyzerFailure, Finding, Verdict, VerdictEvidence, VerdictLabel } from '../core/types.js';
import type { VerdictCalibration } from '../models/types.js';
import { calibratedRisk, type EvidenceGroup, findingWeight, GROUP_OF_ANALYZER, groupContributions, verdictFeatures } from './verdict-features.js';

/** Lower bounds of each label, checked from the top. */
export const LABEL_THRESHOLDS: { min: number; label: VerdictLabel }[] = [
  { min: 70, label: 'credible' },
  { min: 45, label: 'mixed' },
  { min: 25, label: 'doubtful' },
  { min: 0, label: 'not-credible' },
];

/** Below these the text is not judged: too little to read, or no sentences of news prose. */
export const MIN_BODY_WORDS = 60;
export const MIN_NEWS_SENTENCES = 2;

/** Maps a 0–100 score to its label. */
export function labelFor(score: number): VerdictLabel {
  return (LABEL_THRESHOLDS.find((t) => score >= t.min) ?? LABEL_THRESHOLDS[LABEL_THRESHOLDS.length - 1]!).label;
}

const TITLES: Record<EvidenceGroup, string> = {
  defects: 'Defects found in this text',
  source: 'Source reputation',
  'fact-checks': 'Published fact-checks and corroboration',
  style: 'Writing style model',
};

/** The shape of the text, for the "not judged" rule: body words, and sentences that read as news prose. */
export interface TextShape {
  bodyWords: number;
  newsSentences: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100 || 0; // never -0

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summaryOf(group: EvidenceGroup, findings: readonly Finding[], effect: number, credibility: number | undefined, hasCorpus: boolean): string {
  if (group === 'style') {
    if (credibility === undefined) return 'No style model loaded.';
    const p = Math.round(credibility * 100);
    return p >= 50
      ? `The writing resembles that of sites on fake-news lists (${p}%). That is a style signal, not a check of the facts.`
      : `The writing resembles that of mainstream newsrooms (${100 - p}%). That is a style signal, not a check of the facts.`;
  }
  const raised = findings.filter((f) => f.severity !== 'info');
  if (group === 'defects') {
    if (!raised.length) return findings.length ? `No defect raised; ${plural(findings.length, 'note')} for the reviewer.` : 'No defect found.';
    const problems = raised.filter((f) => f.severity === 'problem').length;
    const parts = [problems ? plural(problems, 'problem') : '', raised.length - problems ? plural(raised.length - problems, 'warning') : ''].filter(Boolean);
    return `${parts.join(' and ')}: ${[...new Set(raised.map((f) => f.message))].slice(0, 3).join('; ')}${raised.length > 3 ? '; …' : ''}.`;
  }
  if (group === 'source') {
    const listed = findings.filter((f) => f.code.startsWith('listed-') || f.code === 'lookalike-domain');
    if (!listed.length) return findings.some((f) => f.code === 'no-source') ? 'The site is not known (no URL or source given).' : 'The site is on none of the source lists.';
    return `${[...new Set(listed.map((f) => f.message))].slice(0, 2).join('; ')}.`;
  }
  if (!hasCorpus) return 'No corpus loaded: no published fact-checks or other coverage were searched.';
  const weighed = findings.filter((f) => findingWeight(f) !== 0);
  if (!weighed.length) return 'No published fact-check matches, and no other source reports or disputes the claims.';
  return `${[...new Set(weighed.map((f) => f.message))].slice(0, 2).join('; ')}${effect < 0 ? ' — this lowers credibility' : ' — this supports the article'}.`;
}

/**
 * Aggregates findings into the report's verdict.
 * @example computeVerdict(report.findings, report.failures, {}, { bodyWords: 400, newsSentences: 20 }).score
 */
export function computeVerdict(
  findings: readonly Finding[],
  _failures: readonly AnalyzerFailure[] = [],
  learned: { calibration?: VerdictCalibration; credibility?: number; hasCorpus?: boolean } = {},
  shape: TextShape = { bodyWords: Number.POSITIVE_INFINITY, newsSentences: Number.POSITIVE_INFINITY },
): Verdict {
  const { credibility, hasCorpus = false } = learned;
  // a calibration was fitted with the style model's output: without that model, the priors hold
  const calibration = credibility !== undefined ? learned.calibration : undefined;
  const byGroup = new Map<EvidenceGroup, Finding[]>();
  for (const f of findings) {
    const g = GROUP_OF_ANALYZER[f.analyzer];
    if (!g) continue;
    const list = byGroup.get(g);
    if (list) list.push(f);
    else byGroup.set(g, [f]);
  }
  const features = verdictFeatures(findings, credibility);
  const pulls = groupContributions(calibration, features);
  const groups: EvidenceGroup[] = ['defects', 'source', 'fact-checks', 'style'];
  const evidence: VerdictEvidence[] = groups.map((g) => {
    const members = byGroup.get(g) ?? [];
    const effect = round2(-pulls[g]); // reported toward credible: negative lowers the score
    return {
      group: g,
      title: TITLES[g],
      summary: summaryOf(g, members, effect, credibility, hasCorpus),
      effect,
      findingIds: members.filter((f) => findingWeight(f) !== 0).map((f) => f.id),
    };
  });
  const reasons = findings
    .map((f) => ({ f, weight: Math.abs(findingWeight(f)) }))
    .filter((x) => x.weight > 0)
    .sort((a, b) => b.weight - a.weight || (a.f.span?.start ?? 0) - (b.f.span?.start ?? 0))
    .slice(0, 5)
    .map(({ f, weight }) => ({ findingId: f.id, message: f.message, weight: Math.round(weight * 1000) / 1000 }));
  const isCalibrated = calibration !== undefined;
  const method = isCalibrated
    ? calibration.description
    : 'four evidence groups with prior weights (uncalibrated): defects in the text, source reputation, fact-checks and corroboration, writing style (capped)';

  if (shape.bodyWords < MIN_BODY_WORDS || shape.newsSentences < MIN_NEWS_SENTENCES) {
    return {
      score: null,
      label: 'not-judged',
      isCalibrated,
      method,
      reasons,
      evidence,
      drivenBy: `Not judged: ${shape.bodyWords < MIN_BODY_WORDS ? `the text has ${plural(shape.bodyWords, 'word')} of body (at least ${MIN_BODY_WORDS} are needed)` : `it has ${plural(shape.newsSentences, 'sentence')} of news prose (at least ${MIN_NEWS_SENTENCES} are needed)`}; the findings are listed, but no score is given.`,
    };
  }
  const score = Math.round(100 * (1 - calibratedRisk(calibration, features)));
  const moved = evidence.filter((e) => Math.abs(e.effect) >= 0.05).sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  const drivenBy = moved.length
    ? `Driven by ${moved.map((e) => `${e.title.toLowerCase()} (${e.effect > 0 ? '+' : ''}${e.effect.toFixed(2)})`).join(', ')}${moved[0]!.group === 'style' ? '; the style model led, so read the findings before trusting the score' : ''}.`
    : 'Nothing moved the score: no defect raised, no source listing, no fact-check, no style model.';
  return { score, label: labelFor(score), isCalibrated, method, reasons, evidence, drivenBy };
}
