/**
 * The features the calibrated verdict reads, and the calibration itself: a logistic regression over
 * the findings (confidence mass per severity, problems per core analyzer) and the credibility text
 * model's log-odds, fitted on labelled articles by `factlens train verdict`. Shared by the verdict
 * (report/verdict.ts) and its trainer (models/verdict), so both compute the same numbers.
 */
import type { Finding } from '../core/types.js';
import type { VerdictCalibration } from '../models/types.js';

/** Feature names, in weight order. */
export const VERDICT_FEATURES = [
  'credibility-model-logit',
  'problem-confidence',
  'warning-confidence',
  'headline-support-problems',
  'attribution-problems',
  'hedging-problems',
  'trust-badge-problems',
  'anonymous-sources',
  'style-warnings',
  'clickbait',
  'source-listed',
] as const;

export type { VerdictCalibration } from '../models/types.js';

function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

/**
 * The feature vector of an article.
 * @param credibility the credibility model's P(not credible), when that model is loaded
 */
export function verdictFeatures(findings: readonly Finding[], credibility: number | undefined): number[] {
  const sum = (pred: (f: Finding) => boolean, value: (f: Finding) => number = () => 1): number =>
    findings.reduce((n, f) => (pred(f) ? n + value(f) : n), 0);
  const problemsOf = (id: string): number => sum((f) => f.analyzer === id && f.severity === 'problem');
  return [
    credibility === undefined ? 0 : logit(credibility),
    sum((f) => f.severity === 'problem', (f) => f.confidence),
    sum((f) => f.severity === 'warning', (f) => f.confidence),
    problemsOf('headline-support'),
    problemsOf('attribution'),
    problemsOf('hedging'),
    problemsOf('trust-badge'),
    sum((f) => f.code === 'anonymous-source'),
    sum((f) => f.analyzer === 'style' && f.severity !== 'info'),
    sum((f) => f.analyzer === 'clickbait' && f.severity !== 'info', (f) => f.confidence),
    sum((f) => f.analyzer === 'source' && f.code.startsWith('listed-')),
  ];
}

/**
 * Prior log-odds weights, used for a finding feature that the calibration data cannot inform (it
 * is non-zero in under 2% of the labelled articles — trust badges and stripped attributions are
 * rare in research corpora, and no corpus store is loaded there). Chosen to match the hand-set
 * severity prior: one full-confidence problem of these kinds ≈ −0.8 log-odds of being credible.
 */
export const PRIOR_WEIGHTS: Readonly<Record<string, number>> = {
  'problem-confidence': 0.3,
  'warning-confidence': 0.1,
  'headline-support-problems': 0.5,
  'attribution-problems': 0.8,
  'hedging-problems': 0.6,
  'trust-badge-problems': 0.9,
  'anonymous-sources': 0.2,
  'style-warnings': 0.1,
  clickbait: 0.5,
  'source-listed': 1.0,
};

/** P(not credible) under a calibration. */
export function calibratedRisk(calibration: VerdictCalibration, features: readonly number[]): number {
  let z = calibration.bias;
  calibration.features.forEach((name, i) => {
    const k = VERDICT_FEATURES.indexOf(name as (typeof VERDICT_FEATURES)[number]);
    if (k >= 0) z += calibration.weights[i]! * features[k]!;
  });
  return 1 / (1 + Math.exp(-z));
}
