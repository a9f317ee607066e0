/**
 * The evidence the verdict weighs, kept in four groups a reviewer can read apart (docs/verdict.md):
 *
 * - **defects** found in this text — the raised (problem and warning) findings of the text
 *   analyzers, whose severities are earned by their precision on blind-labelled real articles;
 * - **source** reputation — the site on a list of fake-news, unreliable or reliable sources;
 * - **fact-checks** and corroboration — published fact-checks matching the article or its claims,
 *   other sources reporting or disputing them, the text copied from a story labelled false;
 * - **style** — the credibility text model: the writing resembles (or does not) that of sites on
 *   fake-news lists. It learns style and outlet, not veracity, so its pull is capped.
 *
 * Each group is one number in log-odds of the article being NOT credible (positive = less
 * credible). Shared by the verdict (report/verdict.ts) and its calibration (models/verdict), so both
 * compute the same numbers.
 */
import type { Finding } from '../core/types.js';
import type { VerdictCalibration } from '../models/types.js';

export type { VerdictCalibration } from '../models/types.js';

export type EvidenceGroup = 'defects' | 'source' | 'fact-checks' | 'style';

/** Calibrated features, in weight order: one per evidence group. */
export const VERDICT_FEATURES = ['defects', 'source', 'fact-checks', 'style'] as const;

/** Which group each analyzer's findings belong to. */
export const GROUP_OF_ANALYZER: Readonly<Record<string, EvidenceGroup>> = {
  attribution: 'defects',
  hedging: 'defects',
  'headline-support': 'defects',
  'trust-badge': 'defects',
  style: 'defects',
  clickbait: 'defects',
  source: 'source',
  'fact-check-match': 'fact-checks',
  evidence: 'fact-checks',
  provenance: 'fact-checks',
};

/**
 * Log-odds each raised defect adds, times its confidence: a problem (precision ≥ 0.9 on real
 * articles) nearly one unit, a warning (≥ 0.7) a third of one. Info findings are notes: nothing.
 */
const DEFECT_WEIGHT = { problem: 1.0, warning: 0.35, info: 0 } as const;

/** Log-odds per finding code of the source and fact-check groups (negative: more credible). */
export const CODE_WEIGHTS: Readonly<Record<string, number>> = {
  'listed-fake': 2.0,
  'listed-conspiracy': 2.0,
  'listed-hate': 2.0,
  'listed-unreliable': 1.0,
  'listed-satire': 1.0,
  'listed-reliable': -1.0,
  'lookalike-domain': 1.5,
  'article-rated': 3.0,
  'matches-false-claim': 1.5,
  'matches-disputed-claim': 0.5,
  'matches-true-claim': -0.5,
  'contradicting-evidence': 0.7,
  'supporting-evidence': -0.4,
  'matches-false-story': 1.5,
};

/** The most any one group can move the score, in log-odds (defects: three confirmed problems). */
export const GROUP_CAP: Readonly<Record<EvidenceGroup, number>> = { defects: 3, source: 2.5, 'fact-checks': 3, style: 1.5 };

function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

const clamp = (x: number, cap: number): number => Math.max(-cap, Math.min(cap, x));

/** A finding's weight in its group, before the group's calibration weight. */
export function findingWeight(f: Finding): number {
  const group = GROUP_OF_ANALYZER[f.analyzer];
  if (group === 'defects') return DEFECT_WEIGHT[f.severity] * f.confidence;
  if (group === 'source' || group === 'fact-checks') return (CODE_WEIGHTS[f.code] ?? 0) * (f.severity === 'info' && (CODE_WEIGHTS[f.code] ?? 0) > 0 ? 0.5 : 1) * f.confidence;
  return 0;
}

/**
 * The feature vector of an article: one raw value per group.
 * @param credibility the credibility model's P(not credible), when that model is loaded
 */
export function verdictFeatures(findings: readonly Finding[], credibility: number | undefined): number[] {
  const sum = { defects: 0, 'fact-checks': 0 };
  // one site on several lists is one reputation: the strongest listing each way, not their sum
  let sourceAgainst = 0;
  let sourceFor = 0;
  for (const f of findings) {
    const g = GROUP_OF_ANALYZER[f.analyzer];
    if (!g || g === 'style') continue;
    const w = findingWeight(f);
    if (g === 'source') {
      sourceAgainst = Math.max(sourceAgainst, w);
      sourceFor = Math.min(sourceFor, w);
    } else sum[g] += w;
  }
  return [sum.defects, sourceAgainst + sourceFor, sum['fact-checks'], credibility === undefined ? 0 : clamp(logit(credibility), 4)];
}

/**
 * Weights used without a calibration file, and for any group the calibration data cannot inform
 * (no corpus store is loaded in training, so source and fact-check findings never occur there).
 */
export const PRIOR_WEIGHTS: Readonly<Record<(typeof VERDICT_FEATURES)[number], number>> = { defects: 1, source: 1, 'fact-checks': 1, style: 0.5 };

/** A group's pull: w·x, bent smoothly so that it never exceeds the group's cap (cap · tanh(w·x / cap)). */
export function cappedPull(group: EvidenceGroup, w: number, x: number): number {
  const cap = GROUP_CAP[group];
  return cap * Math.tanh((w * x) / cap);
}

/** Each group's contribution in log-odds of NOT credible, capped. */
export function groupContributions(calibration: VerdictCalibration | undefined, features: readonly number[]): Record<EvidenceGroup, number> {
  const out = { defects: 0, source: 0, 'fact-checks': 0, style: 0 } as Record<EvidenceGroup, number>;
  VERDICT_FEATURES.forEach((name, k) => {
    const i = calibration ? calibration.features.indexOf(name) : -1;
    const w = i >= 0 ? calibration!.weights[i]! : PRIOR_WEIGHTS[name];
    out[name] = cappedPull(name, w, features[k]!);
  });
  return out;
}

/** P(not credible) under a calibration (or the prior weights). */
export function calibratedRisk(calibration: VerdictCalibration | undefined, features: readonly number[]): number {
  const c = groupContributions(calibration, features);
  const z = (calibration?.bias ?? 0) + c.defects + c.source + c['fact-checks'] + c.style;
  return 1 / (1 + Math.exp(-z));
}
