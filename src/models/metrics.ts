/**
 * Evaluation metrics, each written to match the definition its benchmark uses: accuracy,
 * precision/recall/F1, ROC-AUC (Mann–Whitney with tied ranks averaged), expected calibration
 * error (Guo et al. 2017: equal-width bins over top-label confidence), and the CLEF CheckThat!
 * ranking measures (average precision, precision at k, R-precision, reciprocal rank) exactly as the
 * lab's scorer computes them.
 */

/** Share of positions where `predicted` equals `gold`. */
export function accuracy(gold: ArrayLike<number | string>, predicted: ArrayLike<number | string>): number {
  if (gold.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) ok++;
  return ok / gold.length;
}

/** Precision, recall and F1 of one class (0 when undefined). */
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Precision/recall/F1 of class `positive` from parallel gold and predicted labels. */
export function classScores<T>(gold: ArrayLike<T>, predicted: ArrayLike<T>, positive: T): ClassScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] === positive;
    const p = predicted[i] === positive;
    if (g && p) tp++;
    else if (p) fp++;
    else if (g) fn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, support: tp + fn };
}

/**
 * Area under the ROC curve for scores of a binary problem (labels 0/1); ties share their average
 * rank. 0.5 when one class is absent.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!]! > 0.5) {
        rankSumPos += avgRank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return 0.5;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * Expected calibration error over top-label confidence with `bins` equal-width bins:
 * Σ_b (n_b / n)·|accuracy_b − confidence_b|. `probs[i]` is the class distribution of item i.
 */
export function expectedCalibrationError(probs: readonly ArrayLike<number>[], gold: ArrayLike<number>, bins = 15): number {
  const count = new Float64Array(bins);
  const conf = new Float64Array(bins);
  const correct = new Float64Array(bins);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
    const c = p[best]!;
    const b = Math.min(bins - 1, Math.floor(c * bins));
    count[b]!++;
    conf[b]! += c;
    if (best === gold[i]) correct[b]!++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]! > 0) ece += Math.abs(correct[b]! - conf[b]!) / probs.length;
  return ece;
}

/** ECE of a binary model from positive-class probabilities (top-label, as above). */
export function binaryEce(labels: ArrayLike<number>, probs: ArrayLike<number>, bins = 15): number {
  const dist = Array.from({ length: labels.length }, (_, i) => [1 - probs[i]!, probs[i]!]);
  return expectedCalibrationError(dist, labels, bins);
}

/**
 * Lines ranked by score, highest first; ties keep input order (Python's stable
 * `sorted(..., reverse=True)`, as the CheckThat! scorer does).
 */
export function rankByScore(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** CheckThat! average precision of one ranked list: mean precision at each relevant line, over all relevant. */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const ranked = rankByScore(scores);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  let correct = 0;
  let sum = 0;
  ranked.forEach((line, i) => {
    if (labels[line] === 1) {
      correct++;
      sum += correct / (i + 1);
    }
  });
  return correct > 0 ? sum / positives : 0;
}

/**
 * CheckThat! precision at k: positives among the top k divided by k; when the list has fewer than
 * k lines, the scorer leaves P@k at 0.
 */
export function precisionAtK(labels: ArrayLike<number>, scores: ArrayLike<number>, k: number): number {
  if (labels.length < k) return 0;
  const ranked = rankByScore(scores);
  let hits = 0;
  for (let i = 0; i < k; i++) if (labels[ranked[i]!] === 1) hits++;
  return hits / k;
}

/** R-precision: precision at R, R = number of positives (0 when there are none). */
export function rPrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let r = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) r++;
  if (r === 0) return 0;
  const ranked = rankByScore(scores);
  let hits = 0;
  for (let i = 0; i < r; i++) if (labels[ranked[i]!] === 1) hits++;
  return hits / r;
}

/** Reciprocal rank of the first positive (0 when there is none). */
export function reciprocalRank(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const ranked = rankByScore(scores);
  const i = ranked.findIndex((line) => labels[line] === 1);
  return i >= 0 ? 1 / (i + 1) : 0;
}

/** The cut-offs CheckThat! 2019 reports. */
export const CHECKTHAT_K = [1, 3, 5, 10, 20, 50] as const;

/** CheckThat! measures averaged over transcripts (the primary one is MAP). */
export interface RankingReport {
  map: number;
  rPrecision: number;
  meanReciprocalRank: number;
  precisionAt: Record<number, number>;
  transcripts: number;
}

/** Averages the CheckThat! measures over groups (one group = one transcript). */
export function rankingReport(groups: readonly { labels: ArrayLike<number>; scores: ArrayLike<number> }[]): RankingReport {
  const n = Math.max(1, groups.length);
  const mean = (f: (g: (typeof groups)[number]) => number): number => groups.reduce((s, g) => s + f(g), 0) / n;
  const precisionAt: Record<number, number> = {};
  for (const k of CHECKTHAT_K) precisionAt[k] = mean((g) => precisionAtK(g.labels, g.scores, k));
  return {
    map: mean((g) => averagePrecision(g.labels, g.scores)),
    rPrecision: mean((g) => rPrecision(g.labels, g.scores)),
    meanReciprocalRank: mean((g) => reciprocalRank(g.labels, g.scores)),
    precisionAt,
    transcripts: groups.length,
  };
}

/** Binary classification summary at a 0.5 threshold, plus ROC-AUC and ECE. */
export interface BinaryReport {
  n: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number;
  ece: number;
}

/** Scores positive-class probabilities against 0/1 labels. */
export function binaryReport(labels: ArrayLike<number>, probs: ArrayLike<number>, threshold = 0.5): BinaryReport {
  const predicted = Array.from({ length: labels.length }, (_, i) => (probs[i]! >= threshold ? 1 : 0));
  const c = classScores(labels, predicted, 1);
  return {
    n: labels.length,
    accuracy: accuracy(labels, predicted),
    precision: c.precision,
    recall: c.recall,
    f1: c.f1,
    rocAuc: rocAuc(labels, probs),
    ece: binaryEce(labels, probs),
  };
}
