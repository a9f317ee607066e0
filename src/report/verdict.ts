/**
 * Findings → a 0–100 credibility score, a label and the top reasons.
 *
 * Method (uncalibrated prior): each finding removes a share of the remaining credibility,
 * `score = 100 × Π (1 − w(severity) × confidence)`, so many small concerns add up with diminishing
 * effect and no single warning can sink an article. The weights are hand-set so that one
 * problem-level finding at full confidence costs 18 points and a warning 7; info findings cost
 * nothing. The verdict is marked `isCalibrated: false` until weights are learned from labelled
 * articles (see docs/architecture.md, "Verdict").
 *
 * Calibrated (when `factlens train verdict` has fitted models/verdict.json and the credibility
 * model is loaded): a logistic regression over the findings and the credibility model's log-odds,
 * fitted on labelled fake/real articles; the score is then 100 × P(credible).
 */
import type { AnalyzerFailure, Finding, Severity, Verdict, VerdictLabel } from '../core/types.js';
import type { VerdictCalibration } from '../models/types.js';
import { calibratedRisk, verdictFeatures } from './verdict-features.js';

/** Share of remaining credibility one full-confidence finding of each severity removes. */
export const SEVERITY_WEIGHTS: Record<Severity, number> = { problem: 0.18, warning: 0.07, info: 0 };

/** Lower bounds of each label, checked from the top. */
export const LABEL_THRESHOLDS: { min: number; label: VerdictLabel }[] = [
  { min: 75, label: 'credible' },
  { min: 55, label: 'mixed' },
  { min: 35, label: 'doubtful' },
  { min: 0, label: 'not-credible' },
];

/** Maps a 0–100 score to its label. */
export function labelFor(score: number): VerdictLabel {
  return (LABEL_THRESHOLDS.find((t) => score >= t.min) ?? LABEL_THRESHOLDS[LABEL_THRESHOLDS.length - 1]!).label;
}

/**
 * Aggregates findings into the report's verdict.
 * @example computeVerdict(report.findings, report.failures).score
 */
export function computeVerdict(
  findings: readonly Finding[],
  _failures: readonly AnalyzerFailure[] = [],
  learned: { calibration?: VerdictCalibration; credibility?: number } = {},
): Verdict {
  let remaining = 1;
  const weighted = findings
    .map((f) => ({ f, weight: SEVERITY_WEIGHTS[f.severity] * f.confidence }))
    .filter((x) => x.weight > 0);
  for (const { weight } of weighted) remaining *= 1 - weight;
  const { calibration, credibility } = learned;
  // with a fitted calibration (and the credibility model it was fitted with), the score is the
  // calibrated probability of being credible; otherwise the hand-set prior below
  const isCalibrated = calibration !== undefined && (credibility !== undefined || !calibration.features.includes('credibility-model-logit'));
  const score = isCalibrated
    ? Math.round(100 * (1 - calibratedRisk(calibration!, verdictFeatures(findings, credibility))))
    : Math.round(100 * remaining);
  const reasons = weighted
    .sort((a, b) => b.weight - a.weight || (a.f.span?.start ?? 0) - (b.f.span?.start ?? 0))
    .slice(0, 5)
    .map(({ f, weight }) => ({ findingId: f.id, message: f.message, weight: Math.round(weight * 1000) / 1000 }));
  return {
    score,
    label: labelFor(score),
    isCalibrated,
    method: isCalibrated ? calibration!.description : 'severity-weighted product (hand-set prior weights; uncalibrated)',
    reasons,
  };
}
