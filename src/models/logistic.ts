/**
 * Sparse L2-regularized logistic regression trained with mini-batch Adam (Kingma & Ba 2015):
 * loss = mean cross-entropy + (l2 / 2)·‖w‖², with optional class weights and early stopping on a
 * validation score. Deterministic for a given seed.
 */
import { createRng } from './random.js';
import type { SparseVector } from './sparse.js';

/** A linear scorer: logit = w·x + b. */
export interface LinearModel {
  weights: Float32Array;
  bias: number;
}

/** Logistic function, stable for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** The logit w·x + b of one sparse input. */
export function linearLogit(model: LinearModel, x: SparseVector): number {
  let z = model.bias;
  const w = model.weights;
  for (let i = 0; i < x.indices.length; i++) z += w[x.indices[i]!]! * x.values[i]!;
  return z;
}

/** Options for {@link trainLogistic}. */
export interface LogisticOptions {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** L2 penalty on the weights (not the bias) */
  l2?: number;
  seed?: number;
  /** loss weight of negatives and positives, e.g. [1, 3] for rare positives */
  classWeight?: [number, number];
  /** a validation score to maximize after each epoch; the best epoch's weights are kept */
  evaluate?: (model: LinearModel) => number;
  /** stop after this many epochs without a better validation score (default 3) */
  patience?: number;
  onEpoch?: (epoch: number, loss: number, score: number | undefined) => void;
}

/**
 * Adds one example's scaled loss gradient to `grad` (marking `touched` rows when given) and returns
 * its weighted loss and bias gradient. The trainer and the full-batch check share this code.
 */
function accumulateExample(
  model: LinearModel,
  x: SparseVector,
  y: number,
  weight: number,
  scale: number,
  grad: Float64Array,
  touched?: Uint8Array,
): { loss: number; gradBias: number } {
  const z = linearLogit(model, x);
  // log(1 + e^z) - y z, computed stably
  const loss = weight * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y * z);
  const g = weight * (sigmoid(z) - y) * scale;
  for (let i = 0; i < x.indices.length; i++) {
    const j = x.indices[i]!;
    grad[j]! += g * x.values[i]!;
    if (touched) touched[j] = 1;
  }
  return { loss, gradBias: g };
}

/** Full-batch loss and gradient (the training objective exactly), for checks and small problems. */
export function logisticLossAndGradient(
  model: LinearModel,
  xs: readonly SparseVector[],
  ys: ArrayLike<number>,
  l2: number,
  classWeight: [number, number] = [1, 1],
): { loss: number; gradWeights: Float64Array; gradBias: number } {
  const gradWeights = new Float64Array(model.weights.length);
  let gradBias = 0;
  let loss = 0;
  const n = xs.length;
  for (let k = 0; k < n; k++) {
    const y = ys[k]!;
    const r = accumulateExample(model, xs[k]!, y, classWeight[y > 0.5 ? 1 : 0], 1 / n, gradWeights);
    loss += r.loss;
    gradBias += r.gradBias;
  }
  loss /= n;
  let sq = 0;
  for (let j = 0; j < model.weights.length; j++) {
    const w = model.weights[j]!;
    sq += w * w;
    gradWeights[j]! += l2 * w;
  }
  loss += 0.5 * l2 * sq;
  return { loss, gradWeights, gradBias };
}

/**
 * Trains a logistic regression on sparse inputs of dimension `dims`, labels 0/1.
 * @example const model = trainLogistic(xs, ys, vocab.terms.length, { epochs: 10, l2: 1e-5 })
 */
export function trainLogistic(
  xs: readonly SparseVector[],
  ys: ArrayLike<number>,
  dims: number,
  options: LogisticOptions = {},
): { model: LinearModel; bestEpoch: number; bestScore: number | undefined } {
  const epochs = options.epochs ?? 10;
  const batchSize = options.batchSize ?? 64;
  const lr = options.learningRate ?? 0.01;
  const l2 = options.l2 ?? 0;
  const cw = options.classWeight ?? [1, 1];
  const patience = options.patience ?? 3;
  const rng = createRng(options.seed ?? 1);
  const model: LinearModel = { weights: new Float32Array(dims), bias: 0 };
  const m = new Float64Array(dims);
  const v = new Float64Array(dims);
  let mb = 0;
  let vb = 0;
  const b1 = 0.9;
  const b2 = 0.999;
  const eps = 1e-8;
  let step = 0;
  const order = Int32Array.from({ length: xs.length }, (_, i) => i);
  const grad = new Float64Array(dims);
  const touched = new Uint8Array(dims);
  let best: LinearModel | undefined;
  let bestScore: number | undefined;
  let bestEpoch = epochs;
  let sinceBest = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    rng.shuffle(order);
    let epochLoss = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const end = Math.min(order.length, start + batchSize);
      const n = end - start;
      let gb = 0;
      for (let k = start; k < end; k++) {
        const y = ys[order[k]!]!;
        const r = accumulateExample(model, xs[order[k]!]!, y, cw[y > 0.5 ? 1 : 0], 1 / n, grad, touched);
        epochLoss += r.loss;
        gb += r.gradBias;
      }
      step++;
      const c1 = 1 - b1 ** step;
      const c2 = 1 - b2 ** step;
      const weights = model.weights;
      // dense Adam: the L2 term makes every weight's gradient non-zero
      for (let j = 0; j < dims; j++) {
        const g = grad[j]! + l2 * weights[j]!;
        if (g === 0 && m[j] === 0) continue;
        m[j] = b1 * m[j]! + (1 - b1) * g;
        v[j] = b2 * v[j]! + (1 - b2) * g * g;
        weights[j] = weights[j]! - (lr * (m[j]! / c1)) / (Math.sqrt(v[j]! / c2) + eps);
        if (touched[j]) {
          grad[j] = 0;
          touched[j] = 0;
        }
      }
      mb = b1 * mb + (1 - b1) * gb;
      vb = b2 * vb + (1 - b2) * gb * gb;
      model.bias -= (lr * (mb / c1)) / (Math.sqrt(vb / c2) + eps);
    }
    const score = options.evaluate?.(model);
    options.onEpoch?.(epoch, epochLoss / Math.max(1, xs.length), score);
    if (score === undefined) continue;
    if (bestScore === undefined || score > bestScore) {
      bestScore = score;
      bestEpoch = epoch;
      best = { weights: model.weights.slice(), bias: model.bias };
      sinceBest = 0;
    } else if (++sinceBest >= patience) break;
  }
  return { model: best ?? model, bestEpoch, bestScore };
}
