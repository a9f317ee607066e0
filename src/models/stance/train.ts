/**
 * Training and batch prediction for the stance model: vocabulary and IDF from the training
 * headlines and bodies (the UCL recipe: the most frequent non-stop-words), one MLP per seed with
 * early stopping on a component-disjoint validation split, optionally boosted trees over the hand
 * features mixed in with a weight fitted on validation, and a temperature fitted there.
 */
import { fitTemperature } from '../calibration.js';
import { averageGbdt, type GbdtModel, type GbdtOptions, gbdtScores, trainGbdt } from '../gbdt.js';
import { type MlpParams, trainMlp } from '../mlp.js';
import type { SparseVector } from '../sparse.js';
import { buildVocabulary, featureTokens, type Vocabulary } from '../text-features.js';
import type { Stance } from '../types.js';
import { STANCES, type StancePair, storyOf } from './data.js';
import { type FncReport, fncReport } from './fnc-score.js';
import { blockRange, type InputBlock, inputSize, type ModelBody, MlpStanceModel, pairRow } from './model.js';
import { STOP_WORDS } from './lexicon.js';
import {
  buildIdfTable,
  HAND_FEATURE_NAMES,
  handFeatures,
  type IdfTable,
  type PreparedBody,
  type PreparedHeadline,
  prepareBody,
  prepareHeadline,
} from './features.js';

/** Options for {@link trainStance}. */
export interface StanceTrainOptions {
  vocabSize?: number;
  /** keep TF terms used in at least this many stories (default 1) */
  minStories?: number;
  hiddenSize?: number;
  /** number of ensemble members (seeds seed, seed+1, …) */
  members?: number;
  epochs?: number;
  seed?: number;
  learningRate?: number;
  l2?: number;
  dropout?: number;
  batchSize?: number;
  classWeights?: number[];
  patience?: number;
  /**
   * Input blocks (as named in the input layout of model.ts) each member does without, by member index: a
   * member trained without a block gets zero weights for it, so members can read different views
   * of a pair and still share one input layout.
   */
  memberDroppedBlocks?: readonly (readonly InputBlock[])[];
  /** loss weights by member index (default classWeights) */
  memberClassWeights?: readonly (readonly number[])[];
  /** hidden units by member index (default hiddenSize) */
  memberHiddenSizes?: readonly number[];
  /**
   * Boosted trees over the hand features: `seeds` ensembles (seeds seed, seed+1, …; their scores
   * averaged), each early-stopped on the tuning pairs, mixed with the members' mean logits by the
   * weight with the lowest log-loss on the tuning pairs.
   */
  gbdt?: { seeds: number; options?: Omit<GbdtOptions, 'seed' | 'evaluate' | 'validation' | 'onRound'> };
  /**
   * Pairs for the trees' early stopping and mixing weight (default: the validation pairs); the
   * validation pairs with unrelated pairs added give the benchmark's class balance.
   */
  tuning?: readonly StancePair[];
  log?: (line: string) => void;
}

/**
 * TF vocabulary and similarity IDF over the distinct headlines and bodies of `pairs`. The TF
 * vocabulary keeps only words used in at least `minStories` different stories, so the network
 * learns how stances are worded rather than which story a word belongs to (a story's stance mix
 * does not carry over to new stories).
 */
export function buildStanceVocabulary(
  pairs: readonly StancePair[],
  bodies: ReadonlyMap<string, string>,
  size: number,
  minStories = 1,
): { vocab: Vocabulary; idf: IdfTable } {
  const story = storyOf(pairs);
  const docs: string[][] = [];
  const storiesOf = new Map<string, Set<number>>();
  const add = (key: string, tokens: string[]): void => {
    docs.push(tokens);
    const s = story.get(key) ?? -1;
    for (const t of tokens) {
      let set = storiesOf.get(t);
      if (!set) storiesOf.set(t, (set = new Set()));
      set.add(s);
    }
  };
  for (const h of new Set(pairs.map((p) => p.headline))) add(`h:${h}`, featureTokens(h));
  for (const id of new Set(pairs.map((p) => p.bodyId))) add(`b:${id}`, featureTokens(bodies.get(id) ?? ''));
  const narrow = new Set([...storiesOf].filter(([, s]) => s.size < minStories).map(([t]) => t));
  const stopWords = new Set([...STOP_WORDS, ...narrow]);
  // IDF weights are stored as float32: rounding them here makes the trained model compute exactly
  // the features of the model loaded from its file (a tree threshold sees the same values)
  const idf = buildIdfTable(docs);
  for (const [t, w] of idf.weights) idf.weights.set(t, Math.fround(w));
  return { vocab: buildVocabulary(docs, { maxSize: size, stopWords }), idf };
}

/** Prepared bodies (by Body ID) and headlines, reusable across calls with the same model. */
export interface PreparedCache {
  bodies: Map<string, ModelBody>;
  headlines: Map<string, PreparedHeadline>;
}

/** Predictions for many pairs, preparing each distinct body and headline once (kept in `cache`). */
export function predictPairs(
  model: MlpStanceModel,
  pairs: readonly StancePair[],
  bodies: ReadonlyMap<string, string>,
  cache: PreparedCache = { bodies: new Map(), headlines: new Map() },
): { predicted: Stance[]; probabilities: Float64Array[]; logits: Float64Array[] } {
  const bodyCache = cache.bodies;
  const headlineCache = cache.headlines;
  const logits: Float64Array[] = [];
  const probabilities: Float64Array[] = [];
  const predicted: Stance[] = [];
  for (const p of pairs) {
    let b = bodyCache.get(p.bodyId);
    if (!b) {
      b = model.prepareBody(bodies.get(p.bodyId) ?? '');
      bodyCache.set(p.bodyId, b);
    }
    let h = headlineCache.get(p.headline);
    if (!h) {
      h = model.prepareHeadline(p.headline);
      headlineCache.set(p.headline, h);
    }
    const z = model.logits(h, b);
    logits.push(z);
    const prob = Float64Array.from(z);
    for (let k = 0; k < prob.length; k++) prob[k] = prob[k]! / model.temperature;
    const max = Math.max(...prob);
    let sum = 0;
    for (let k = 0; k < prob.length; k++) {
      prob[k] = Math.exp(prob[k]! - max);
      sum += prob[k]!;
    }
    for (let k = 0; k < prob.length; k++) prob[k] = prob[k]! / sum;
    probabilities.push(prob);
    let best = 0;
    for (let k = 1; k < z.length; k++) if (z[k]! > z[best]!) best = k;
    predicted.push(STANCES[best]!);
  }
  return { predicted, probabilities, logits };
}

/** Calls `visit` with each pair's prepared headline and body, each prepared once however often it recurs. */
function forEachPrepared(
  pairs: readonly StancePair[],
  bodies: ReadonlyMap<string, string>,
  vocab: Vocabulary,
  idf: IdfTable,
  visit: (h: PreparedHeadline, b: PreparedBody, i: number) => void,
): void {
  const bodyCache = new Map<string, PreparedBody>();
  const headlineCache = new Map<string, PreparedHeadline>();
  pairs.forEach((p, i) => {
    let b = bodyCache.get(p.bodyId);
    if (!b) {
      b = prepareBody(bodies.get(p.bodyId) ?? '', vocab, idf);
      bodyCache.set(p.bodyId, b);
    }
    let h = headlineCache.get(p.headline);
    if (!h) {
      h = prepareHeadline(p.headline, vocab, idf);
      headlineCache.set(p.headline, h);
    }
    visit(h, b, i);
  });
}

function rows(
  pairs: readonly StancePair[],
  bodies: ReadonlyMap<string, string>,
  vocab: Vocabulary,
  idf: IdfTable,
): { xs: SparseVector[]; ys: number[] } {
  const xs: SparseVector[] = [];
  const ys: number[] = [];
  forEachPrepared(pairs, bodies, vocab, idf, (h, b, i) => {
    xs.push(pairRow(h, b, vocab.terms.length));
    ys.push(STANCES.indexOf(pairs[i]!.stance ?? 'unrelated'));
  });
  return { xs, ys };
}

/** The hand features of `pairs`, row-major (one row of HAND_FEATURE_NAMES.length values per pair). */
function handRows(pairs: readonly StancePair[], bodies: ReadonlyMap<string, string>, vocab: Vocabulary, idf: IdfTable): Float32Array {
  const F = HAND_FEATURE_NAMES.length;
  const x = new Float32Array(pairs.length * F);
  forEachPrepared(pairs, bodies, vocab, idf, (h, b, i) => handFeatures(h, b, x.subarray(i * F, (i + 1) * F)));
  return x;
}

/** Mean negative log-likelihood of softmax(logits / temperature). */
function meanNll(logits: readonly Float64Array[], gold: readonly number[], temperature: number): number {
  let nll = 0;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i]!;
    let max = -Infinity;
    for (let k = 0; k < z.length; k++) max = Math.max(max, z[k]! / temperature);
    let sum = 0;
    for (let k = 0; k < z.length; k++) sum += Math.exp(z[k]! / temperature - max);
    nll += Math.log(sum) + max - z[gold[i]!]! / temperature;
  }
  return nll / Math.max(1, logits.length);
}

/**
 * The weight w in {0, 0.05, …, 1} whose mix (1 − w)·a + w·b has the lowest log-likelihood loss on
 * `gold` (each mix at its own fitted temperature, so the scale of either side does not matter).
 */
export function fitMixWeight(a: readonly Float64Array[], b: readonly Float64Array[], gold: readonly number[]): number {
  let best = Infinity;
  let bestW = 0;
  for (let step = 0; step <= 20; step++) {
    const w = step / 20;
    const mixed = a.map((z, i) => z.map((v, k) => (1 - w) * v + w * b[i]![k]!));
    const nll = meanNll(mixed, gold, fitTemperature(mixed, gold));
    if (nll < best - 1e-12) {
      best = nll;
      bestW = w;
    }
  }
  return bestW;
}

function withoutInputs(x: SparseVector, dropped: (i: number) => boolean): SparseVector {
  const keep: number[] = [];
  for (let i = 0; i < x.indices.length; i++) if (!dropped(x.indices[i]!)) keep.push(i);
  return { indices: Int32Array.from(keep, (i) => x.indices[i]!), values: Float32Array.from(keep, (i) => x.values[i]!) };
}

/** The early-stopping criterion: mean of the relative FNC score (as a fraction) and macro-F1. */
export function selectionScore(r: FncReport): number {
  return (r.relative / 100 + r.macroF1) / 2;
}

/**
 * Trains the stance ensemble on `train`, early-stopping and calibrating on `validation`.
 * @example const { model } = trainStance(split.train, split.validation, data.bodies, { members: 2 })
 */
export function trainStance(
  train: readonly StancePair[],
  validation: readonly StancePair[],
  bodies: ReadonlyMap<string, string>,
  options: StanceTrainOptions = {},
): { model: MlpStanceModel; validation: FncReport; bestEpochs: number[]; gbdtRounds: number[] } {
  const log = options.log ?? (() => {});
  const { vocab, idf } = buildStanceVocabulary(train, bodies, options.vocabSize ?? 5000, options.minStories ?? 1);
  const V = vocab.terms.length;
  const t = rows(train, bodies, vocab, idf);
  const v = rows(validation, bodies, vocab, idf);
  log(`stance: ${t.xs.length} train pairs, ${v.xs.length} validation pairs, ${V} terms`);
  const members: MlpParams[] = [];
  const bestEpochs: number[] = [];
  const seed = options.seed ?? 1;
  const gold = validation.map((p) => p.stance ?? 'unrelated');
  const droppedBlocks = options.memberDroppedBlocks ?? [];
  const evaluate = (params: MlpParams[], dropped: readonly (readonly InputBlock[])[]): FncReport => {
    const m = new MlpStanceModel({ vocab, idf, members: params, droppedBlocks: dropped, temperature: 1 });
    return fncReport(gold, predictPairs(m, validation, bodies).predicted);
  };
  for (let k = 0; k < (options.members ?? 1); k++) {
    const ranges = (options.memberDroppedBlocks?.[k] ?? []).map((b) => blockRange(b, V));
    const dropped = (i: number): boolean => ranges.some(([lo, hi]) => i >= lo && i < hi);
    const xs = ranges.length === 0 ? t.xs : t.xs.map((x) => withoutInputs(x, dropped));
    // inputs of a dropped block are always zero in training; zeroing their weights keeps them out at inference
    const clear = (p: MlpParams): MlpParams => {
      for (const [lo, hi] of ranges) p.w1.fill(0, lo * p.hiddenSize, hi * p.hiddenSize);
      return p;
    };
    const { params, bestEpoch } = trainMlp(xs, t.ys, inputSize(V), STANCES.length, {
      hiddenSize: options.memberHiddenSizes?.[k] ?? options.hiddenSize ?? 100,
      epochs: options.epochs ?? 30,
      batchSize: options.batchSize ?? 500,
      learningRate: options.learningRate ?? 0.001,
      l2: options.l2 ?? 1e-6,
      dropout: options.dropout ?? 0.4,
      seed: seed + k,
      classWeights: options.memberClassWeights?.[k] ?? options.classWeights,
      patience: options.patience ?? 5,
      evaluate: (p) => selectionScore(evaluate([clear(p)], [droppedBlocks[k] ?? []])),
      onEpoch: (epoch, loss, score) => log(`stance member ${k + 1} epoch ${epoch}: loss ${loss.toFixed(4)}, validation ${score?.toFixed(4)}`),
    });
    members.push(clear(params));
    bestEpochs.push(bestEpoch);
  }
  let gbdt: GbdtModel | undefined;
  let gbdtWeight = 0;
  const gbdtRounds: number[] = [];
  if (options.gbdt && options.gbdt.seeds > 0) {
    const F = HAND_FEATURE_NAMES.length;
    const tuning = options.tuning ?? validation;
    const tuningGold = tuning.map((p) => p.stance ?? 'unrelated');
    const tx = handRows(train, bodies, vocab, idf);
    const vx = handRows(tuning, bodies, vocab, idf);
    const K = STANCES.length;
    const predicted = (scores: Float64Array): Stance[] =>
      tuningGold.map((_, i) => {
        let best = 0;
        for (let k = 1; k < K; k++) if (scores[i * K + k]! > scores[i * K + best]!) best = k;
        return STANCES[best]!;
      });
    const bag: GbdtModel[] = [];
    for (let s = 0; s < options.gbdt.seeds; s++) {
      const { model: trees, bestRound } = trainGbdt({ x: tx, n: train.length, d: F, y: t.ys }, K, {
        classWeights: options.classWeights,
        ...options.gbdt.options,
        seed: seed + s,
        validation: { x: vx, n: tuning.length },
        evaluate: (scores) => selectionScore(fncReport(tuningGold, predicted(scores))),
      });
      log(`stance trees, seed ${seed + s}: ${bestRound} rounds`);
      bag.push(trees);
      gbdtRounds.push(bestRound);
    }
    gbdt = averageGbdt(bag);
    if (members.length === 0) gbdtWeight = 1;
    else {
      const mlp = predictPairs(new MlpStanceModel({ vocab, idf, members, droppedBlocks, temperature: 1 }), tuning, bodies).logits;
      const out = new Float64Array(K);
      const trees = tuning.map((_, i) => {
        gbdtScores(gbdt!, vx, i * F, out);
        return Float64Array.from(out);
      });
      gbdtWeight = fitMixWeight(
        mlp,
        trees,
        tuningGold.map((s) => STANCES.indexOf(s)),
      );
    }
    log(`stance trees: weight ${gbdtWeight}`);
  }
  const uncalibrated = new MlpStanceModel({ vocab, idf, members, droppedBlocks, temperature: 1, gbdt, gbdtWeight });
  const { logits, predicted } = predictPairs(uncalibrated, validation, bodies);
  const temperature = fitTemperature(
    logits,
    gold.map((s) => STANCES.indexOf(s)),
  );
  const model = new MlpStanceModel({ vocab, idf, members, droppedBlocks, temperature, gbdt, gbdtWeight });
  return { model, validation: fncReport(gold, predicted), bestEpochs, gbdtRounds };
}
