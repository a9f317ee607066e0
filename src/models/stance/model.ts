/**
 * The FNC-1 stance model: one or more one-hidden-layer MLPs (UCL Machine Reading's architecture,
 * Riedel et al. 2017) over headline TF, body TF, the hand features of features.ts and the TF of
 * the three body sentences closest to the headline (the words used around the claim) and the TF
 * of the body's first two sentences (how the story is introduced: asserted or reported); members'
 * logits are averaged (an ensemble of seeds, as SOLAT in the SWEN ensembled models), optionally
 * mixed with the scores of gradient-boosted trees over the hand features (SOLAT in the SWEN's
 * other half), divided by a temperature fitted on validation data, and soft-maxed.
 *
 * The first layer is linear, so each body's share of every member's hidden pre-activation is
 * computed once and cached with the prepared body; a pair then costs the headline's few terms,
 * the hand features, the closest sentences' terms and the small output layer. The members' rows
 * for those per-pair inputs are laid side by side in one matrix, so each input is one pass over
 * all members' hidden units.
 */
import { type GbdtModel, gbdtFromFile, gbdtScores, gbdtTensors } from '../gbdt.js';
import { softmaxInPlace, type MlpParams, accumulateHidden } from '../mlp.js';
import { type SparseVector, sparseFromDense } from '../sparse.js';
import { type Vocabulary, vocabularyFrom } from '../text-features.js';
import type { Stance, StanceModel } from '../types.js';
import {
  invalidModel,
  readWeightFile,
  requireNumber,
  requireTensor,
  requireVocabulary,
  type TensorDtype,
  type TensorInput,
  type WeightFile,
  writeWeightFile,
} from '../weight-file.js';
import { STANCES } from './data.js';
import {
  HAND_FEATURE_NAMES,
  contextTf,
  handFeatures,
  type IdfTable,
  type PreparedBody,
  type PreparedHeadline,
  prepareBody,
  prepareHeadline,
} from './features.js';

/** A body prepared for one model: its features and the members' cached hidden shares, side by side. */
export interface ModelBody {
  features: PreparedBody;
  hidden: Float32Array;
}

/** The order of the input blocks, recorded in the weight file and checked on load. */
export const INPUT_LAYOUT = 'headline-tf,body-tf,hand,context-tf,lead-tf';

/** One block of the input row, as named in {@link INPUT_LAYOUT}. */
export type InputBlock = 'headline-tf' | 'body-tf' | 'hand' | 'context-tf' | 'lead-tf';

const INPUT_BLOCKS: readonly InputBlock[] = ['headline-tf', 'body-tf', 'hand', 'context-tf', 'lead-tf'];

/** The half-open range of input indices of `block` for a TF vocabulary of `vocabSize` terms. */
export function blockRange(block: InputBlock, vocabSize: number): [number, number] {
  const V = vocabSize;
  const F = HAND_FEATURE_NAMES.length;
  const starts: Record<InputBlock, [number, number]> = {
    'headline-tf': [0, V],
    'body-tf': [V, 2 * V],
    hand: [2 * V, 2 * V + F],
    'context-tf': [2 * V + F, 3 * V + F],
    'lead-tf': [3 * V + F, 4 * V + F],
  };
  return starts[block];
}

/**
 * Input size; layout: headline TF at 0, body TF at V, hand features at 2V, the closest sentences'
 * TF at 2V + F, the TF of the body's first two sentences at 3V + F.
 */
export function inputSize(vocabSize: number): number {
  return 4 * vocabSize + HAND_FEATURE_NAMES.length;
}

/** The full sparse input row of a pair (used in training). */
export function pairRow(h: PreparedHeadline, b: PreparedBody, vocabSize: number): SparseVector {
  const top = new Int32Array(3);
  const hand = sparseFromDense(handFeatures(h, b, undefined, top));
  const ctx = contextTf(b, top, new Float32Array(vocabSize));
  const lead = contextTf(b, [0, 1], new Float32Array(vocabSize));
  const n = h.tf.indices.length + b.tf.indices.length + hand.indices.length + ctx.indices.length + lead.indices.length;
  const indices = new Int32Array(n);
  const values = new Float32Array(n);
  let j = 0;
  for (const [v, off] of [
    [h.tf, 0],
    [b.tf, vocabSize],
    [hand, 2 * vocabSize],
    [ctx, 2 * vocabSize + HAND_FEATURE_NAMES.length],
    [lead, 3 * vocabSize + HAND_FEATURE_NAMES.length],
  ] as const) {
    for (let i = 0; i < v.indices.length; i++) {
      indices[j] = v.indices[i]! + off;
      values[j] = v.values[i]!;
      j++;
    }
  }
  return { indices, values };
}

/**
 * Prepared bodies and headlines kept for reuse, least recently used first out. A prepared body is
 * large (its n-gram tables and postings: about 150 MB of heap per 1,000 news bodies), and reuse is local:
 * the evidence analyzer pairs a few claims with the same passages, while a batch or a server almost
 * never sees the same article twice (headline-support asks for no reuse: keeping each article's body
 * for 32 more articles cost 0.3 ms of garbage collection per article).
 */
const BODY_CACHE_LIMIT = 32;
const HEADLINE_CACHE_LIMIT = 256;

/** `cache.get(key)` that also marks the entry as recently used. */
function touch<V>(cache: Map<string, V>, key: string): V | undefined {
  const value = cache.get(key);
  if (value !== undefined) {
    cache.delete(key);
    cache.set(key, value);
  }
  return value;
}

/** Adds an entry, dropping the least recently used one past `limit`. */
function remember<V>(cache: Map<string, V>, key: string, value: V, limit: number): void {
  cache.set(key, value);
  if (cache.size > limit) cache.delete(cache.keys().next().value as string);
}

/** A trained stance model (an ensemble of MLP members). */
export class MlpStanceModel implements StanceModel {
  readonly name = 'stance';
  readonly vocab: Vocabulary;
  readonly idf: IdfTable;
  readonly members: MlpParams[];
  /** per member, the input blocks it was trained without (their weights are zero and skipped) */
  readonly droppedBlocks: readonly (readonly InputBlock[])[];
  readonly temperature: number;
  /** boosted trees over the hand features, or undefined */
  readonly gbdt: GbdtModel | undefined;
  /** weight of the trees' scores: logits = (1 − w)·mean of the members + w·trees */
  readonly gbdtWeight: number;
  readonly metrics: Record<string, unknown>;
  readonly trainingDataSha256: string;
  /**
   * The per-pair input rows of all members side by side: headline TF rows at 0, hand rows at V,
   * closest-sentence TF rows at V + F; row r holds every member's weights (zeros for a member
   * without that block) over the members' hidden units one after another.
   */
  private readonly fused: Float32Array;
  private readonly fusedBias: Float32Array;
  /** first hidden unit of each member in the side-by-side layout, and the total */
  private readonly offsets: Int32Array;
  private readonly totalHidden: number;
  private readonly bodyCache = new Map<string, ModelBody>();
  private readonly headlineCache = new Map<string, PreparedHeadline>();
  // scratch buffers reused by logits() (single-threaded: never shared across an await)
  private readonly handScratch = new Float32Array(HAND_FEATURE_NAMES.length);
  private readonly topScratch = new Int32Array(3);
  private readonly countScratch: Float32Array;
  private readonly hiddenScratch: Float64Array;
  private readonly treeScratch = new Float64Array(STANCES.length);

  constructor(init: {
    vocab: Vocabulary;
    idf: IdfTable;
    members: MlpParams[];
    droppedBlocks?: readonly (readonly InputBlock[])[];
    temperature: number;
    gbdt?: GbdtModel;
    gbdtWeight?: number;
    metrics?: Record<string, unknown>;
    trainingDataSha256?: string;
  }) {
    if (init.gbdt && (init.gbdt.numFeatures !== HAND_FEATURE_NAMES.length || init.gbdt.numClasses !== STANCES.length)) {
      throw new RangeError('the stance trees must read the hand features and score the four stances');
    }
    this.vocab = init.vocab;
    this.idf = init.idf;
    this.members = init.members;
    this.droppedBlocks = init.members.map((_, k) => init.droppedBlocks?.[k] ?? []);
    const offsets = new Int32Array(init.members.length + 1);
    init.members.forEach((m, k) => {
      offsets[k + 1] = offsets[k]! + m.hiddenSize;
    });
    this.offsets = offsets;
    const T = offsets[init.members.length]!;
    this.totalHidden = T;
    const V = init.vocab.terms.length;
    const F = HAND_FEATURE_NAMES.length;
    const rows: [number, number][] = [
      [0, 0],
      [2 * V, V],
      [2 * V + F, V + F],
    ];
    const sizes = [V, F, V];
    this.fused = new Float32Array((2 * V + F) * T);
    this.fusedBias = new Float32Array(T);
    init.members.forEach((m, k) => {
      const H = m.hiddenSize;
      const off = offsets[k]!;
      this.fusedBias.set(m.b1, off);
      rows.forEach(([from, to], block) => {
        for (let r = 0; r < sizes[block]!; r++) this.fused.set(m.w1.subarray((from + r) * H, (from + r + 1) * H), (to + r) * T + off);
      });
    });
    this.temperature = init.temperature;
    this.gbdt = init.gbdt;
    this.gbdtWeight = init.gbdt ? (init.gbdtWeight ?? 0.5) : 0;
    this.metrics = init.metrics ?? {};
    this.trainingDataSha256 = init.trainingDataSha256 ?? '';
    this.countScratch = new Float32Array(init.vocab.terms.length);
    this.hiddenScratch = new Float64Array(T);
  }

  /** Prepares a body once: features plus each member's hidden share from the body and lead TF blocks. */
  prepareBody(body: string): ModelBody {
    const features = prepareBody(body, this.vocab, this.idf);
    const V = this.vocab.terms.length;
    const shifted: SparseVector = { indices: features.tf.indices.map((i) => i + V), values: features.tf.values };
    const leadTf = contextTf(features, [0, 1], new Float32Array(V));
    const lead: SparseVector = { indices: leadTf.indices.map((i) => i + 3 * V + HAND_FEATURE_NAMES.length), values: leadTf.values };
    const hidden = new Float32Array(this.totalHidden);
    this.members.forEach((m, k) => {
      const pre = hidden.subarray(this.offsets[k]!, this.offsets[k + 1]!);
      const dropped = this.droppedBlocks[k]!;
      if (!dropped.includes('body-tf')) accumulateHidden(m, shifted, pre);
      if (!dropped.includes('lead-tf')) accumulateHidden(m, lead, pre);
    });
    return { features, hidden };
  }

  /** Prepares a headline once. */
  prepareHeadline(headline: string): PreparedHeadline {
    return prepareHeadline(headline, this.vocab, this.idf);
  }

  /** Averaged member logits (mixed with the trees' scores, before temperature) for a prepared pair. */
  logits(h: PreparedHeadline, b: ModelBody): Float64Array {
    const K = STANCES.length;
    const V = this.vocab.terms.length;
    const T = this.totalHidden;
    const hand = handFeatures(h, b.features, this.handScratch, this.topScratch);
    const avg = new Float64Array(K);
    if (T > 0) {
      const ctx = contextTf(b.features, this.topScratch, this.countScratch);
      const pre = this.hiddenScratch;
      const w = this.fused;
      const cached = b.hidden;
      const bias = this.fusedBias;
      for (let j = 0; j < T; j++) pre[j] = bias[j]! + cached[j]!;
      const hi = h.tf.indices;
      const hv = h.tf.values;
      for (let i = 0; i < hi.length; i++) {
        const row = hi[i]! * T;
        const v = hv[i]!;
        for (let j = 0; j < T; j++) pre[j]! += w[row + j]! * v;
      }
      for (let f = 0; f < hand.length; f++) {
        const v = hand[f]!;
        if (v === 0) continue;
        const row = (V + f) * T;
        for (let j = 0; j < T; j++) pre[j]! += w[row + j]! * v;
      }
      const ctxRow = V + HAND_FEATURE_NAMES.length;
      for (let i = 0; i < ctx.indices.length; i++) {
        const row = (ctxRow + ctx.indices[i]!) * T;
        const v = ctx.values[i]!;
        for (let j = 0; j < T; j++) pre[j]! += w[row + j]! * v;
      }
      // each member's output layer over its own hidden units (ReLU)
      const share = (1 - this.gbdtWeight) / this.members.length;
      for (let k = 0; k < this.members.length; k++) {
        const m = this.members[k]!;
        const off = this.offsets[k]!;
        const w2 = m.w2;
        for (let c = 0; c < K; c++) avg[c]! += m.b2[c]! * share;
        for (let j = 0; j < m.hiddenSize; j++) {
          const a = pre[off + j]!;
          if (a <= 0) continue;
          const as = a * share;
          for (let c = 0; c < K; c++) avg[c]! += as * w2[j * K + c]!;
        }
      }
    }
    if (this.gbdt) {
      const trees = this.treeScratch;
      gbdtScores(this.gbdt, hand, 0, trees);
      for (let c = 0; c < K; c++) avg[c]! += trees[c]! * this.gbdtWeight;
    }
    return avg;
  }

  /** Calibrated class probabilities (in STANCES order) for a prepared pair. */
  probabilities(h: PreparedHeadline, b: ModelBody): Float64Array {
    const p = this.logits(h, b);
    softmaxInPlace(p, this.temperature);
    return p;
  }

  /** Prepared bodies held for reuse (at most 32: least recently used ones go first). */
  get cachedBodies(): number {
    return this.bodyCache.size;
  }

  /** Calibrated probabilities of the four stances of `body` towards `headline`. */
  predict(headline: string, body: string, options: { reuse?: boolean } = {}): Record<Stance, number> {
    let b = touch(this.bodyCache, body);
    if (!b) {
      b = this.prepareBody(body);
      if (options.reuse !== false) remember(this.bodyCache, body, b, BODY_CACHE_LIMIT);
    }
    let h = touch(this.headlineCache, headline);
    if (!h) {
      h = this.prepareHeadline(headline);
      remember(this.headlineCache, headline, h, HEADLINE_CACHE_LIMIT);
    }
    const p = this.probabilities(h, b);
    return { agree: p[0]!, disagree: p[1]!, discuss: p[2]!, unrelated: p[3]! };
  }

  /** Writes the model as a weight file; returns its size in bytes. */
  save(path: string, metrics: Record<string, unknown>, trainingDataSha256: string, dtype: TensorDtype = 'f32'): Promise<number> {
    const idfTerms = [...this.idf.weights.keys()].sort();
    const tensors: Record<string, TensorInput> = { idf: { data: idfTerms.map((t) => this.idf.weights.get(t)!), shape: [idfTerms.length] } };
    this.members.forEach((m, k) => {
      tensors[`m${k}.w1`] = { data: m.w1, shape: [m.inputSize, m.hiddenSize], dtype };
      tensors[`m${k}.b1`] = { data: m.b1, shape: [m.hiddenSize] };
      tensors[`m${k}.w2`] = { data: m.w2, shape: [m.hiddenSize, m.outputSize] };
      tensors[`m${k}.b2`] = { data: m.b2, shape: [m.outputSize] };
    });
    if (this.gbdt) Object.assign(tensors, gbdtTensors(this.gbdt, 'gbdt'));
    const hiddenSize = this.members[0]?.hiddenSize ?? 0;
    return writeWeightFile(
      path,
      {
        name: 'stance',
        kind: 'mlp-ensemble',
        trainingDataSha256,
        config: {
          vocabSize: this.vocab.terms.length,
          hiddenSize,
          memberHiddenSizes: this.members.map((m) => m.hiddenSize),
          members: this.members.length,
          idfUnseen: this.idf.unseen,
          inputLayout: INPUT_LAYOUT,
          memberDroppedBlocks: this.droppedBlocks.map((d) => [...d]),
          handFeatures: [...HAND_FEATURE_NAMES],
          labels: [...STANCES],
          ...(this.gbdt ? { gbdtWeight: this.gbdtWeight, gbdtTrees: this.gbdt.roots.length } : {}),
        },
        vocabularies: { terms: this.vocab.terms, idfTerms },
        metrics,
        calibration: { temperature: this.temperature },
      },
      tensors,
    );
  }
}

/** Rebuilds a stance model from a decoded weight file, validating it. */
export function stanceModelFromFile(file: WeightFile, source: string): MlpStanceModel {
  const c = file.header.config;
  const V = requireNumber(c, 'vocabSize', source);
  const H = requireNumber(c, 'hiddenSize', source);
  const count = requireNumber(c, 'members', source);
  const names = c.handFeatures;
  if (!Array.isArray(names) || names.join() !== HAND_FEATURE_NAMES.join()) {
    throw invalidModel(source, 'its hand features differ from the ones this version computes');
  }
  if (c.inputLayout !== INPUT_LAYOUT) throw invalidModel(source, `its input layout is not "${INPUT_LAYOUT}" (retrain it with this version)`);
  const terms = requireVocabulary(file, 'terms', source);
  if (terms.length !== V) throw invalidModel(source, 'vocabSize does not match the vocabulary');
  const idfTerms = requireVocabulary(file, 'idfTerms', source);
  const idfValues = requireTensor(file, 'idf', [idfTerms.length], source);
  const idf: IdfTable = { weights: new Map(idfTerms.map((t, i) => [t, idfValues[i]!])), unseen: requireNumber(c, 'idfUnseen', source) };
  // absent in files written before members could do without input blocks: every member reads all
  const dropped = c.memberDroppedBlocks ?? [];
  if (
    !Array.isArray(dropped) ||
    dropped.length > count ||
    !dropped.every((d) => Array.isArray(d) && d.every((b) => INPUT_BLOCKS.includes(b as InputBlock)))
  ) {
    throw invalidModel(source, `memberDroppedBlocks must list, per member, blocks among ${INPUT_BLOCKS.join(', ')}`);
  }
  // absent in files written before members could differ in size: all have hiddenSize units
  const sizes = c.memberHiddenSizes ?? Array<number>(count).fill(H);
  if (!Array.isArray(sizes) || sizes.length !== count || !sizes.every((n) => Number.isInteger(n) && n > 0)) {
    throw invalidModel(source, 'memberHiddenSizes must give a positive hidden size per member');
  }
  const D = inputSize(V);
  const K = STANCES.length;
  const members: MlpParams[] = [];
  for (let k = 0; k < count; k++) {
    const units = sizes[k] as number;
    members.push({
      inputSize: D,
      hiddenSize: units,
      outputSize: K,
      w1: requireTensor(file, `m${k}.w1`, [D, units], source),
      b1: requireTensor(file, `m${k}.b1`, [units], source),
      w2: requireTensor(file, `m${k}.w2`, [units, K], source),
      b2: requireTensor(file, `m${k}.b2`, [K], source),
    });
  }
  // absent in files written before the stance model had boosted trees
  const gbdtWeight = c.gbdtWeight === undefined ? undefined : requireNumber(c, 'gbdtWeight', source);
  if (gbdtWeight !== undefined && (gbdtWeight < 0 || gbdtWeight > 1)) throw invalidModel(source, 'gbdtWeight must lie in [0, 1]');
  const gbdt = gbdtWeight === undefined ? undefined : gbdtFromFile(file, 'gbdt', HAND_FEATURE_NAMES.length, K, source);
  return new MlpStanceModel({
    vocab: vocabularyFrom(terms),
    idf,
    members,
    gbdt,
    gbdtWeight,
    droppedBlocks: dropped as InputBlock[][],
    temperature: requireNumber(file.header.calibration, 'temperature', source),
    metrics: file.header.metrics,
    trainingDataSha256: file.header.trainingDataSha256,
  });
}

/** Loads the stance model from a weight file (`model-missing` / `model-invalid` on failure). */
export async function loadStanceModel(path: string): Promise<MlpStanceModel> {
  return stanceModelFromFile(await readWeightFile(path), path);
}
