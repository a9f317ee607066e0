/**
 * Probability calibration fitted on held-out data: temperature scaling (Guo et al. 2017, one
 * parameter dividing the logits, found by minimizing negative log-likelihood) and, for binary
 * scores, isotonic regression by pool-adjacent-violators (Zadrozny & Elkan 2002).
 */
import { softmaxInPlace } from './mlp.js';

function nllAt(logits: readonly ArrayLike<number>[], gold: ArrayLike<number>, t: number): number {
  let nll = 0;
  const buf = new Float64Array(logits[0]?.length ?? 0);
  for (let i = 0; i < logits.length; i++) {
    buf.set(logits[i]!);
    softmaxInPlace(buf, t);
    nll -= Math.log(Math.max(buf[gold[i]!]!, 1e-12));
  }
  return nll / Math.max(1, logits.length);
}

/**
 * The temperature T > 0 minimizing the NLL of softmax(logits / T), by golden-section search over
 * ln T in [ln 0.05, ln 20].
 * @example const t = fitTemperature(devLogits, devGold); softmaxInPlace(logits, t)
 */
export function fitTemperature(logits: readonly ArrayLike<number>[], gold: ArrayLike<number>): number {
  if (logits.length === 0) return 1;
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = nllAt(logits, gold, Math.exp(a));
  let fb = nllAt(logits, gold, Math.exp(b));
  for (let it = 0; it < 60; it++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = nllAt(logits, gold, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = nllAt(logits, gold, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Temperature for a binary logit z (the two-class case of {@link fitTemperature}). */
export function fitBinaryTemperature(logits: ArrayLike<number>, labels: ArrayLike<number>): number {
  const two = Array.from({ length: logits.length }, (_, i) => [0, logits[i]!]);
  return fitTemperature(two, Array.from({ length: labels.length }, (_, i) => (labels[i]! > 0.5 ? 1 : 0)));
}

/** A monotone step function from score to probability: thresholds ascending, values non-decreasing. */
export interface IsotonicMap {
  thresholds: number[];
  values: number[];
}

/** Fits isotonic regression of 0/1 labels on scores (pool adjacent violators). */
export function fitIsotonic(scores: ArrayLike<number>, labels: ArrayLike<number>): IsotonicMap {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const blocks: { sum: number; count: number; max: number }[] = [];
  for (const i of order) {
    blocks.push({ sum: labels[i]! > 0.5 ? 1 : 0, count: 1, max: scores[i]! });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const prev = blocks[blocks.length - 2]!;
      if (prev.sum / prev.count < last.sum / last.count) break;
      blocks.pop();
      prev.sum += last.sum;
      prev.count += last.count;
      prev.max = last.max;
    }
  }
  return { thresholds: blocks.map((b) => b.max), values: blocks.map((b) => b.sum / b.count) };
}

/** Applies an isotonic map: the value of the first block whose upper threshold is ≥ score. */
export function applyIsotonic(map: IsotonicMap, score: number): number {
  const { thresholds, values } = map;
  if (values.length === 0) return 0.5;
  let lo = 0;
  let hi = thresholds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (thresholds[mid]! >= score) hi = mid;
    else lo = mid + 1;
  }
  return values[lo]!;
}
