/**
 * A one-hidden-layer perceptron over sparse inputs (as in the UCL Machine Reading FNC-1 system,
 * Riedel et al. 2017): ReLU hidden layer with inverted dropout, softmax output, class-weighted
 * cross-entropy + (l2 / 2)·‖W‖², mini-batch Adam with global-norm clipping, early stopping on a
 * validation score. Seeded: the same data, options and seed give the same weights.
 *
 * The first layer is linear in the input, so callers may accumulate parts of an input separately
 * ({@link accumulateHidden}) — the stance model caches each body's share once.
 */
import { createRng, type Rng } from './random.js';
import type { SparseVector } from './sparse.js';

/** Weights of the network; w1 is input-major (w1[i·H + h]), w2 hidden-major (w2[h·K + k]). */
export interface MlpParams {
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

/** Gradient buffers shaped like {@link MlpParams}. */
export interface MlpGradient {
  w1: Float64Array;
  b1: Float64Array;
  w2: Float64Array;
  b2: Float64Array;
}

/** Glorot-uniform initialization from a seeded generator. */
export function initMlp(inputSize: number, hiddenSize: number, outputSize: number, rng: Rng): MlpParams {
  const r1 = Math.sqrt(6 / (inputSize + hiddenSize));
  const r2 = Math.sqrt(6 / (hiddenSize + outputSize));
  return {
    inputSize,
    hiddenSize,
    outputSize,
    w1: Float32Array.from({ length: inputSize * hiddenSize }, () => (rng.next() * 2 - 1) * r1),
    b1: new Float32Array(hiddenSize),
    w2: Float32Array.from({ length: hiddenSize * outputSize }, () => (rng.next() * 2 - 1) * r2),
    b2: new Float32Array(outputSize),
  };
}

/** Adds W1ᵀx to `pre` (length H); start from b1 for a whole input, from zeros for a part. */
export function accumulateHidden(params: MlpParams, x: SparseVector, pre: Float32Array | Float64Array): void {
  const H = params.hiddenSize;
  const w1 = params.w1;
  for (let i = 0; i < x.indices.length; i++) {
    const row = x.indices[i]! * H;
    const v = x.values[i]!;
    for (let h = 0; h < H; h++) pre[h]! += w1[row + h]! * v;
  }
}

/** Output logits from the hidden pre-activation (ReLU, then the second layer), at inference. */
export function logitsFromHidden(params: MlpParams, pre: ArrayLike<number>, logits: Float64Array): void {
  const H = params.hiddenSize;
  const K = params.outputSize;
  for (let k = 0; k < K; k++) logits[k] = params.b2[k]!;
  for (let h = 0; h < H; h++) {
    const a = pre[h]!;
    if (a <= 0) continue;
    for (let k = 0; k < K; k++) logits[k]! += a * params.w2[h * K + k]!;
  }
}

/** In-place softmax of `logits` divided by `temperature`. */
export function softmaxInPlace(logits: Float64Array | number[], temperature = 1): void {
  let max = -Infinity;
  for (let k = 0; k < logits.length; k++) max = Math.max(max, logits[k]! / temperature);
  let sum = 0;
  for (let k = 0; k < logits.length; k++) {
    const e = Math.exp(logits[k]! / temperature - max);
    logits[k] = e;
    sum += e;
  }
  for (let k = 0; k < logits.length; k++) logits[k] = logits[k]! / sum;
}

/** Raw output logits for one input (no dropout). */
export function mlpLogits(params: MlpParams, x: SparseVector): Float64Array {
  const pre = Float64Array.from(params.b1);
  accumulateHidden(params, x, pre);
  const logits = new Float64Array(params.outputSize);
  logitsFromHidden(params, pre, logits);
  return logits;
}

/** Class probabilities for one input. */
export function mlpPredict(params: MlpParams, x: SparseVector): Float64Array {
  const logits = mlpLogits(params, x);
  softmaxInPlace(logits);
  return logits;
}

/** Zeroed gradient buffers for `params`. */
export function zeroGradient(params: MlpParams): MlpGradient {
  return {
    w1: new Float64Array(params.w1.length),
    b1: new Float64Array(params.b1.length),
    w2: new Float64Array(params.w2.length),
    b2: new Float64Array(params.b2.length),
  };
}

/**
 * Forward and backward pass for one example: adds `scale`·∂loss/∂θ into `grad` and returns the
 * example's weighted loss. `keep` (0/1 per hidden unit) applies inverted dropout with keep
 * probability `keepProb`; pass undefined for no dropout. Training and the gradient check share it.
 */
function backpropExample(
  params: MlpParams,
  x: SparseVector,
  y: number,
  weight: number,
  scale: number,
  grad: MlpGradient,
  keep: Uint8Array | undefined,
  keepProb: number,
  touchedRows?: Uint8Array,
): number {
  const H = params.hiddenSize;
  const K = params.outputSize;
  const pre = Float64Array.from(params.b1);
  accumulateHidden(params, x, pre);
  const act = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    const a = Math.max(pre[h]!, 0);
    act[h] = keep ? (keep[h] ? a / keepProb : 0) : a;
  }
  const p = Float64Array.from(params.b2);
  for (let h = 0; h < H; h++) {
    const a = act[h]!;
    if (a === 0) continue;
    for (let k = 0; k < K; k++) p[k]! += a * params.w2[h * K + k]!;
  }
  softmaxInPlace(p);
  const loss = -weight * Math.log(Math.max(p[y]!, 1e-12));
  const dLogits = new Float64Array(K);
  for (let k = 0; k < K; k++) dLogits[k] = weight * scale * (p[k]! - (k === y ? 1 : 0));
  const dPre = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    let d = 0;
    for (let k = 0; k < K; k++) {
      d += params.w2[h * K + k]! * dLogits[k]!;
      grad.w2[h * K + k]! += act[h]! * dLogits[k]!;
    }
    if (pre[h]! > 0 && (!keep || keep[h])) dPre[h] = keep ? d / keepProb : d;
  }
  for (let k = 0; k < K; k++) grad.b2[k]! += dLogits[k]!;
  for (let h = 0; h < H; h++) grad.b1[h]! += dPre[h]!;
  for (let i = 0; i < x.indices.length; i++) {
    const r = x.indices[i]!;
    const row = r * H;
    const v = x.values[i]!;
    if (touchedRows) touchedRows[r] = 1;
    for (let h = 0; h < H; h++) grad.w1[row + h]! += v * dPre[h]!;
  }
  return loss;
}

/**
 * Full-batch objective and gradient without dropout: mean weighted cross-entropy plus
 * (l2 / 2)·(‖W1‖² + ‖W2‖²). Used by the finite-difference check.
 */
export function mlpLossAndGradient(
  params: MlpParams,
  xs: readonly SparseVector[],
  ys: ArrayLike<number>,
  l2: number,
  classWeights?: ArrayLike<number>,
): { loss: number; grad: MlpGradient } {
  const grad = zeroGradient(params);
  let loss = 0;
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    const y = ys[i]!;
    loss += backpropExample(params, xs[i]!, y, classWeights?.[y] ?? 1, 1 / n, grad, undefined, 1);
  }
  loss /= n;
  let sq = 0;
  for (const [w, g] of [
    [params.w1, grad.w1],
    [params.w2, grad.w2],
  ] as const) {
    for (let j = 0; j < w.length; j++) {
      sq += w[j]! * w[j]!;
      g[j]! += l2 * w[j]!;
    }
  }
  return { loss: loss + 0.5 * l2 * sq, grad };
}

/** Options for {@link trainMlp}. */
export interface MlpOptions {
  hiddenSize?: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  l2?: number;
  /** probability of dropping a hidden unit during training (default 0.4, as UCL's keep 0.6) */
  dropout?: number;
  seed?: number;
  /** loss weight per class */
  classWeights?: ArrayLike<number>;
  /** clip the batch gradient to this global L2 norm (default 5) */
  clipNorm?: number;
  /** validation score to maximize after each epoch; the best epoch's weights are kept */
  evaluate?: (params: MlpParams) => number;
  /** stop after this many epochs without a better validation score (default 5) */
  patience?: number;
  onEpoch?: (epoch: number, loss: number, score: number | undefined) => void;
}

function adamStep(
  w: Float32Array,
  g: Float64Array,
  m: Float64Array,
  v: Float64Array,
  lr: number,
  c1: number,
  c2: number,
  scale: number,
  l2: number,
): void {
  for (let j = 0; j < w.length; j++) {
    const gj = g[j]! * scale + l2 * w[j]!;
    g[j] = 0;
    if (gj === 0 && m[j] === 0) continue;
    m[j] = 0.9 * m[j]! + 0.1 * gj;
    v[j] = 0.999 * v[j]! + 0.001 * gj * gj;
    w[j] = w[j]! - (lr * (m[j]! / c1)) / (Math.sqrt(v[j]! / c2) + 1e-8);
  }
}

function copyParams(p: MlpParams): MlpParams {
  return { ...p, w1: p.w1.slice(), b1: p.b1.slice(), w2: p.w2.slice(), b2: p.b2.slice() };
}

/**
 * Trains the network on sparse inputs of dimension `inputSize` with integer labels in [0, K).
 * @example const { params } = trainMlp(xs, ys, dims, 4, { hiddenSize: 100, evaluate: devScore })
 */
export function trainMlp(
  xs: readonly SparseVector[],
  ys: ArrayLike<number>,
  inputSize: number,
  outputSize: number,
  options: MlpOptions = {},
): { params: MlpParams; bestEpoch: number; bestScore: number | undefined } {
  const rng = createRng(options.seed ?? 1);
  const H = options.hiddenSize ?? 100;
  const epochs = options.epochs ?? 30;
  const batchSize = options.batchSize ?? 500;
  const lr = options.learningRate ?? 0.001;
  const l2 = options.l2 ?? 0;
  const keepProb = 1 - (options.dropout ?? 0.4);
  const clipNorm = options.clipNorm ?? 5;
  const patience = options.patience ?? 5;
  const params = initMlp(inputSize, H, outputSize, rng);
  const grad = zeroGradient(params);
  const moments = [zeroGradient(params), zeroGradient(params)] as const;
  const touchedRows = new Uint8Array(inputSize);
  const order = Int32Array.from({ length: xs.length }, (_, i) => i);
  const keep = new Uint8Array(H);
  let best: MlpParams | undefined;
  let bestScore: number | undefined;
  let bestEpoch = epochs;
  let sinceBest = 0;
  let step = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    rng.shuffle(order);
    let epochLoss = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const end = Math.min(order.length, start + batchSize);
      const n = end - start;
      for (let k = start; k < end; k++) {
        const y = ys[order[k]!]!;
        for (let h = 0; h < H; h++) keep[h] = rng.next() < keepProb ? 1 : 0;
        epochLoss += backpropExample(
          params,
          xs[order[k]!]!,
          y,
          options.classWeights?.[y] ?? 1,
          1 / n,
          grad,
          keepProb < 1 ? keep : undefined,
          keepProb,
          touchedRows,
        );
      }
      // global-norm clipping of the data gradient (only touched W1 rows are non-zero)
      let sq = 0;
      for (let r = 0; r < inputSize; r++) {
        if (!touchedRows[r]) continue;
        for (let h = 0; h < H; h++) sq += grad.w1[r * H + h]! ** 2;
      }
      for (const g of [grad.b1, grad.w2, grad.b2]) for (let j = 0; j < g.length; j++) sq += g[j]! ** 2;
      const norm = Math.sqrt(sq);
      const scale = norm > clipNorm ? clipNorm / norm : 1;
      touchedRows.fill(0);
      step++;
      const c1 = 1 - 0.9 ** step;
      const c2 = 1 - 0.999 ** step;
      adamStep(params.w1, grad.w1, moments[0].w1, moments[1].w1, lr, c1, c2, scale, l2);
      adamStep(params.b1, grad.b1, moments[0].b1, moments[1].b1, lr, c1, c2, scale, 0);
      adamStep(params.w2, grad.w2, moments[0].w2, moments[1].w2, lr, c1, c2, scale, l2);
      adamStep(params.b2, grad.b2, moments[0].b2, moments[1].b2, lr, c1, c2, scale, 0);
    }
    const score = options.evaluate?.(params);
    options.onEpoch?.(epoch, epochLoss / Math.max(1, xs.length), score);
    if (score === undefined) continue;
    if (bestScore === undefined || score > bestScore) {
      bestScore = score;
      bestEpoch = epoch;
      best = copyParams(params);
      sinceBest = 0;
    } else if (++sinceBest >= patience) break;
  }
  return { params: best ?? params, bestEpoch, bestScore };
}
