/**
 * Multi-class gradient-boosted decision trees over dense features (softmax loss, second-order
 * leaf values as in XGBoost, Chen & Guestrin 2016): each round fits one regression tree per class
 * to the gradient and hessian of the weighted cross-entropy. Splits are searched over histograms:
 * each feature is cut into at most `maxBins` quantile bins once, before training. Row and feature
 * subsampling come from a seeded generator, so the same data, options and seed give the same trees.
 * Early stopping keeps the round with the best validation score.
 *
 * Trees are stored flat (typed arrays, children of a node side by side) so that scoring a row is a
 * few array reads per tree.
 */
import { createRng, type Rng } from './random.js';
import { invalidModel, requireTensor, type TensorInput, type WeightFile } from './weight-file.js';

/** A trained ensemble; tree t (t = round·K + class) starts at node roots[t]. */
export interface GbdtModel {
  numFeatures: number;
  numClasses: number;
  /** initial score per class (log prior) */
  base: Float32Array;
  /** per tree, the index of its root node */
  roots: Int32Array;
  /** per node, the feature tested, or -1 for a leaf */
  feature: Int32Array;
  /** per node, the threshold (go left when x ≤ threshold) or, for a leaf, its value */
  value: Float32Array;
  /** per internal node, its left child; the right child is left + 1 */
  left: Int32Array;
}

/** Options of {@link trainGbdt}. */
export interface GbdtOptions {
  /** maximum boosting rounds (one tree per class each) */
  rounds?: number;
  /** shrinkage applied to every leaf value */
  learningRate?: number;
  maxDepth?: number;
  /** histogram bins per feature (at most 256) */
  maxBins?: number;
  /** minimum hessian sum in each child of a split */
  minChildWeight?: number;
  /** L2 penalty on leaf values */
  lambda?: number;
  /** share of rows drawn (without replacement) for each round */
  rowSample?: number;
  /** share of features each tree may split on */
  colSample?: number;
  seed?: number;
  /** loss weight per class */
  classWeights?: readonly number[];
  /** rounds without a better validation score before stopping */
  patience?: number;
  /**
   * Validation score of the current ensemble (higher is better), given its raw scores on the
   * validation rows (row-major, numClasses per row). Without it every round is kept.
   */
  evaluate?: (scores: Float64Array) => number;
  validation?: { x: Float32Array; n: number };
  onRound?: (round: number, score: number | undefined) => void;
}

/** `take` of `values` drawn without replacement (a partial Fisher–Yates), sorted. */
function sampleSorted(values: Int32Array, take: number, rng: Rng): Int32Array {
  const perm = Int32Array.from(values);
  for (let i = 0; i < take; i++) {
    const j = i + rng.int(perm.length - i);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm.subarray(0, take).sort();
}

/** Dense rows, row-major: x[i·d + j] is feature j of row i. */
export interface GbdtData {
  x: Float32Array;
  n: number;
  d: number;
  y: ArrayLike<number>;
}

/**
 * Upper edges of at most `maxBins` bins of one feature's values: one bin per distinct value when
 * there are few, otherwise cut points at equal row counts. An edge lies halfway between two
 * neighbouring values (as a float32), so a value nudged by rounding stays on its side. The last
 * bin has no edge (it holds everything above).
 */
export function binEdges(values: Float32Array, maxBins: number): Float32Array {
  const sorted = Float32Array.from(values).sort();
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) counts[counts.length - 1]!++;
    else {
      distinct.push(sorted[i]!);
      counts.push(1);
    }
  }
  const cut = (k: number): number => {
    const mid = Math.fround((distinct[k]! + distinct[k + 1]!) / 2);
    return mid < distinct[k + 1]! ? mid : distinct[k]!;
  };
  if (distinct.length <= maxBins) return Float32Array.from({ length: distinct.length - 1 }, (_, k) => cut(k));
  const edges: number[] = [];
  const step = sorted.length / maxBins;
  let seen = 0;
  let next = step;
  for (let k = 0; k < distinct.length - 1; k++) {
    seen += counts[k]!;
    if (seen >= next) {
      edges.push(cut(k));
      while (next <= seen) next += step;
    }
  }
  return Float32Array.from(edges);
}

function binOf(edges: Float32Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Nodes packed for scoring: node i at 3i holds its feature, its left child, and its threshold or value (float32 bits). */
interface PackedTrees {
  ints: Int32Array;
  floats: Float32Array;
  roots: Int32Array;
}

const packed = new WeakMap<GbdtModel, PackedTrees>();

function packedOf(model: GbdtModel): PackedTrees {
  let p = packed.get(model);
  if (!p) {
    const n = model.feature.length;
    const ints = new Int32Array(3 * n);
    const floats = new Float32Array(ints.buffer);
    for (let i = 0; i < n; i++) {
      ints[3 * i] = model.feature[i]!;
      ints[3 * i + 1] = 3 * model.left[i]!;
      floats[3 * i + 2] = model.value[i]!;
    }
    p = { ints, floats, roots: model.roots.map((r) => 3 * r) };
    packed.set(model, p);
  }
  return p;
}

/** Sets `out` (length numClasses) to the raw scores of `model` for the row at x[offset …], base included. */
export function gbdtScores(model: GbdtModel, x: Float32Array, offset: number, out: Float64Array): void {
  const K = model.numClasses;
  const { ints, floats, roots } = packedOf(model);
  for (let k = 0; k < K; k++) out[k] = model.base[k]!;
  for (let t = 0; t < roots.length; ) {
    for (let k = 0; k < K; k++, t++) {
      let i = roots[t]!;
      let f = ints[i]!;
      while (f >= 0) {
        i = x[offset + f]! <= floats[i + 2]! ? ints[i + 1]! : ints[i + 1]! + 3;
        f = ints[i]!;
      }
      out[k]! += floats[i + 2]!;
    }
  }
}

interface TreeBuilder {
  feature: number[];
  value: number[];
  left: number[];
}

/**
 * Trains a softmax GBDT on `data` (labels 0 … numClasses − 1).
 * @example const { model } = trainGbdt({ x, n, d, y }, 3, { rounds: 100, maxDepth: 4, seed: 1 })
 */
export function trainGbdt(data: GbdtData, numClasses: number, options: GbdtOptions = {}): { model: GbdtModel; bestRound: number; bestScore: number | undefined } {
  const { x, n, d, y } = data;
  const K = numClasses;
  const rounds = options.rounds ?? 200;
  const lr = options.learningRate ?? 0.1;
  const maxDepth = options.maxDepth ?? 5;
  const maxBins = Math.min(256, options.maxBins ?? 64);
  const minChild = options.minChildWeight ?? 1;
  const lambda = options.lambda ?? 1;
  const rowSample = options.rowSample ?? 1;
  const colSample = options.colSample ?? 1;
  const patience = options.patience ?? 20;
  const rng = createRng(options.seed ?? 1);
  const cw = options.classWeights ?? Array<number>(K).fill(1);
  const w = Float64Array.from({ length: n }, (_, i) => cw[y[i]!] ?? 1);

  // bin every feature once
  const edges: Float32Array[] = [];
  const bins = new Uint8Array(n * d);
  const column = new Float32Array(n);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) column[i] = x[i * d + j]!;
    const e = binEdges(column, maxBins);
    edges.push(e);
    for (let i = 0; i < n; i++) bins[i * d + j] = binOf(e, column[i]!);
  }
  const nb = edges.map((e) => e.length + 1);
  const B = Math.max(1, ...nb);

  // base scores: weighted log priors
  const prior = new Float64Array(K);
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    prior[y[i]!]! += w[i]!;
    wsum += w[i]!;
  }
  const base = Float32Array.from(prior, (p) => Math.log(Math.max(p / wsum, 1e-9)));
  const F = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) F[i * K + k] = base[k]!;
  const val = options.validation;
  const valScores = val ? new Float64Array(val.n * K) : undefined;
  if (val && valScores) for (let i = 0; i < val.n; i++) for (let k = 0; k < K; k++) valScores[i * K + k] = base[k]!;

  const tree: TreeBuilder = { feature: [], value: [], left: [] };
  const roots: number[] = [];
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const p = new Float64Array(K);
  const hist = new Float64Array(d * B * 2);
  const allRows = Int32Array.from({ length: n }, (_, i) => i);
  const featureOrder = Int32Array.from({ length: d }, (_, j) => j);
  const take = Math.max(1, Math.round(colSample * d));
  const rowTake = Math.max(1, Math.round(rowSample * n));
  let bestScore: number | undefined;
  let bestRound = 0;
  let sinceBest = 0;

  // fills node `slot` from rows[lo, hi) (partitioned in place); a split appends its two children side by side
  const grow = (rows: Int32Array, lo: number, hi: number, depth: number, feats: Int32Array, slot: number): void => {
    let G = 0;
    let H = 0;
    for (let r = lo; r < hi; r++) {
      G += g[rows[r]!]!;
      H += h[rows[r]!]!;
    }
    tree.feature[slot] = -1;
    tree.value[slot] = (-G / (H + lambda)) * lr;
    tree.left[slot] = -1;
    if (depth >= maxDepth || H < 2 * minChild) return;
    hist.fill(0);
    for (let r = lo; r < hi; r++) {
      const i = rows[r]!;
      const gi = g[i]!;
      const hi2 = h[i]!;
      const at = i * d;
      for (let q = 0; q < feats.length; q++) {
        const j = feats[q]!;
        const o = (j * B + bins[at + j]!) * 2;
        hist[o]! += gi;
        hist[o + 1]! += hi2;
      }
    }
    const parent = (G * G) / (H + lambda);
    let bestGain = 1e-9;
    let bestF = -1;
    let bestBin = -1;
    for (let q = 0; q < feats.length; q++) {
      const j = feats[q]!;
      let GL = 0;
      let HL = 0;
      for (let b = 0; b < nb[j]! - 1; b++) {
        const o = (j * B + b) * 2;
        GL += hist[o]!;
        HL += hist[o + 1]!;
        if (HL < minChild) continue;
        const HR = H - HL;
        if (HR < minChild) break;
        const GR = G - GL;
        const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestF = j;
          bestBin = b;
        }
      }
    }
    if (bestF < 0) return;
    // partition rows[lo, hi): bin ≤ bestBin to the front
    let a = lo;
    let z = hi - 1;
    while (a <= z) {
      if (bins[rows[a]! * d + bestF]! <= bestBin) a++;
      else {
        const tmp = rows[a]!;
        rows[a] = rows[z]!;
        rows[z] = tmp;
        z--;
      }
    }
    const l = tree.feature.length;
    tree.feature[slot] = bestF;
    tree.value[slot] = edges[bestF]![bestBin]!;
    tree.left[slot] = l;
    tree.feature.push(-1, -1);
    tree.value.push(0, 0);
    tree.left.push(-1, -1);
    grow(rows, lo, a, depth + 1, feats, l);
    grow(rows, a, hi, depth + 1, feats, l + 1);
  };

  const rows = new Int32Array(rowTake);
  for (let round = 0; round < rounds; round++) {
    // row sample for this round (a partial Fisher–Yates over all rows, then sorted for locality)
    rows.set(rowTake < n ? sampleSorted(allRows, rowTake, rng) : allRows);
    const sample = Int32Array.from(rows);
    for (let k = 0; k < K; k++) {
      for (let r = 0; r < sample.length; r++) {
        const i = sample[r]!;
        let max = -Infinity;
        for (let c = 0; c < K; c++) max = Math.max(max, F[i * K + c]!);
        let sum = 0;
        for (let c = 0; c < K; c++) {
          p[c] = Math.exp(F[i * K + c]! - max);
          sum += p[c]!;
        }
        const pk = p[k]! / sum;
        g[i] = w[i]! * (pk - (y[i] === k ? 1 : 0));
        h[i] = w[i]! * Math.max(pk * (1 - pk), 1e-12);
      }
      const feats = take < d ? sampleSorted(featureOrder, take, rng) : featureOrder;
      rows.set(sample);
      const root = tree.feature.length;
      tree.feature.push(-1);
      tree.value.push(0);
      tree.left.push(-1);
      grow(rows, 0, rows.length, 0, feats, root);
      roots.push(root);
    }
    // scores of the new trees (computed after all K trees so the gradients of this round share F)
    const model = snapshot(tree, roots.slice(-K), d, K, new Float32Array(K));
    const out = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      gbdtScores(model, x, i * d, out);
      for (let k = 0; k < K; k++) F[i * K + k]! += out[k]!;
    }
    let score: number | undefined;
    if (val && valScores && options.evaluate) {
      for (let i = 0; i < val.n; i++) {
        gbdtScores(model, val.x, i * d, out);
        for (let k = 0; k < K; k++) valScores[i * K + k]! += out[k]!;
      }
      score = options.evaluate(valScores);
      if (bestScore === undefined || score > bestScore) {
        bestScore = score;
        bestRound = round + 1;
        sinceBest = 0;
      } else if (++sinceBest >= patience) {
        options.onRound?.(round + 1, score);
        break;
      }
    } else bestRound = round + 1;
    options.onRound?.(round + 1, score);
  }
  return { model: compact(tree, roots.slice(0, bestRound * K), d, K, base), bestRound, bestScore };
}

function snapshot(tree: TreeBuilder, roots: number[], d: number, K: number, base: Float32Array): GbdtModel {
  return {
    numFeatures: d,
    numClasses: K,
    base,
    roots: Int32Array.from(roots),
    feature: Int32Array.from(tree.feature),
    value: Float32Array.from(tree.value),
    left: Int32Array.from(tree.left),
  };
}

/** Copies the reachable nodes of `roots` into fresh arrays, each tree's nodes contiguous. */
function compact(tree: TreeBuilder, roots: number[], d: number, K: number, base: Float32Array): GbdtModel {
  const feature: number[] = [];
  const value: number[] = [];
  const left: number[] = [];
  const newRoots: number[] = [];
  for (const r of roots) {
    const at = feature.length;
    newRoots.push(at);
    feature.push(0);
    value.push(0);
    left.push(-1);
    // breadth-first: a node's two children are appended together
    const queue: [number, number][] = [[r, at]];
    while (queue.length > 0) {
      const [src, dst] = queue.shift()!;
      feature[dst] = tree.feature[src]!;
      value[dst] = tree.value[src]!;
      if (tree.feature[src]! >= 0) {
        const l = feature.length;
        left[dst] = l;
        feature.push(0, 0);
        value.push(0, 0);
        left.push(-1, -1);
        queue.push([tree.left[src]!, l], [tree.left[src]! + 1, l + 1]);
      } else left[dst] = -1;
    }
  }
  return {
    numFeatures: d,
    numClasses: K,
    base,
    roots: Int32Array.from(newRoots),
    feature: Int32Array.from(feature),
    value: Float32Array.from(value),
    left: Int32Array.from(left),
  };
}

/**
 * One model averaging the scores of several (e.g. bagged seeds): their trees side by side, leaf
 * values and base scores divided by their number. All must have the same features and classes.
 */
export function averageGbdt(models: readonly GbdtModel[]): GbdtModel {
  const first = models[0];
  if (!first) throw new RangeError('averageGbdt needs at least one model');
  const K = first.numClasses;
  const share = 1 / models.length;
  const roots: number[] = [];
  const feature: number[] = [];
  const value: number[] = [];
  const left: number[] = [];
  const base = new Float32Array(K);
  for (const m of models) {
    if (m.numClasses !== K || m.numFeatures !== first.numFeatures) throw new RangeError('averageGbdt: models differ in shape');
    const off = feature.length;
    for (const r of m.roots) roots.push(r + off);
    for (let i = 0; i < m.feature.length; i++) {
      feature.push(m.feature[i]!);
      value.push(m.feature[i]! >= 0 ? m.value[i]! : m.value[i]! * share);
      left.push(m.left[i]! >= 0 ? m.left[i]! + off : -1);
    }
    for (let k = 0; k < K; k++) base[k]! += m.base[k]! * share;
  }
  return {
    numFeatures: first.numFeatures,
    numClasses: K,
    base,
    roots: Int32Array.from(roots),
    feature: Int32Array.from(feature),
    value: Float32Array.from(value),
    left: Int32Array.from(left),
  };
}

/** The tensors that store `model` in a weight file (node indices as exact float32 integers), named `prefix.*`. */
export function gbdtTensors(model: GbdtModel, prefix: string): Record<string, TensorInput> {
  const n = model.feature.length;
  return {
    [`${prefix}.base`]: { data: model.base, shape: [model.numClasses] },
    [`${prefix}.roots`]: { data: model.roots, shape: [model.roots.length] },
    [`${prefix}.feature`]: { data: model.feature, shape: [n] },
    [`${prefix}.value`]: { data: model.value, shape: [n] },
    [`${prefix}.left`]: { data: model.left, shape: [n] },
  };
}

/**
 * Rebuilds a model written by {@link gbdtTensors}, checking that every index is in range and that
 * children come after their parent (so scoring always ends at a leaf); `model-invalid` otherwise.
 */
export function gbdtFromFile(file: WeightFile, prefix: string, numFeatures: number, numClasses: number, source: string): GbdtModel {
  const get = (name: string): Float32Array => {
    const t = file.tensors.get(`${prefix}.${name}`);
    if (t?.shape.length !== 1) throw invalidModel(source, `tensor ${prefix}.${name} is missing or not a vector`);
    return t.data;
  };
  const base = requireTensor(file, `${prefix}.base`, [numClasses], source);
  const roots = get('roots');
  const feature = get('feature');
  const value = get('value');
  const left = get('left');
  const n = feature.length;
  if (value.length !== n || left.length !== n) throw invalidModel(source, `${prefix} node tensors differ in length`);
  if (roots.length % numClasses !== 0) throw invalidModel(source, `${prefix} holds ${roots.length} trees, not a multiple of ${numClasses}`);
  const isInt = (v: number): boolean => Number.isInteger(v);
  for (const r of roots) if (!isInt(r) || r < 0 || r >= n) throw invalidModel(source, `${prefix} has a tree root out of range`);
  for (let i = 0; i < n; i++) {
    const f = feature[i]!;
    if (!isInt(f) || f < -1 || f >= numFeatures) throw invalidModel(source, `${prefix} node ${i} tests no known feature`);
    const l = left[i]!;
    if (f >= 0 && (!isInt(l) || l <= i || l + 1 >= n)) throw invalidModel(source, `${prefix} node ${i} has children out of range`);
  }
  return {
    numFeatures,
    numClasses,
    base,
    roots: Int32Array.from(roots),
    feature: Int32Array.from(feature),
    value,
    left: Int32Array.from(left),
  };
}
