/**
 * A calibrated linear text classifier: word n-grams plus a task's cue terms → sublinear,
 * L2-normalized term frequencies → logistic regression → temperature-scaled probability. Used for
 * clickbait and check-worthiness. Linear weights make each score explainable: the terms with the
 * largest weight × value are the cues named in findings.
 */
import { cueSet } from './cue-sets.js';
import { fitBinaryTemperature } from './calibration.js';
import { type LinearModel, linearLogit, sigmoid, trainLogistic } from './logistic.js';
import type { BinaryTextModel, ScoreCue } from './types.js';
import type { SparseVector } from './sparse.js';
import { buildVocabulary, featureTokens, NgramIndex, tfVector, type Vocabulary, vocabularyFrom, wordNgrams } from './text-features.js';
import {
  readWeightFile,
  requireNumber,
  requireTensor,
  requireVocabulary,
  type WeightFile,
  type WeightFileHeader,
  writeWeightFile,
} from './weight-file.js';

/** Feature configuration, stored in the weight file. */
export interface LinearTextConfig {
  /** longest word n-gram */
  ngramMax: number;
  /** keep terms seen in at least this many training texts */
  minDf: number;
  /** cap on the vocabulary size */
  maxVocab: number;
  /** name of the cue set (see cue-sets.ts) */
  cues: string;
}

/** Training options on top of the feature configuration. */
export interface LinearTextTrainOptions {
  epochs?: number;
  l2?: number;
  learningRate?: number;
  seed?: number;
  classWeight?: [number, number];
  /** validation score to maximize (early stopping), from the validation probabilities */
  validationScore?: (probs: Float64Array) => number;
  onEpoch?: (epoch: number, loss: number, score: number | undefined) => void;
}

/** The terms of a text under `config`: word n-grams and cue terms. */
export function linearTextTerms(text: string, config: LinearTextConfig): string[] {
  const tokens = featureTokens(text);
  return [...wordNgrams(tokens, 1, config.ngramMax), ...cueSet(config.cues).terms(text, tokens)];
}

/** A trained, calibrated linear text model. */
export class LinearTextModel implements BinaryTextModel {
  readonly name: string;
  readonly config: LinearTextConfig;
  readonly vocab: Vocabulary;
  readonly linear: LinearModel;
  readonly temperature: number;
  /** metrics recorded at training time (from the weight file) */
  readonly metrics: Record<string, unknown>;
  readonly trainingDataSha256: string;
  /** built on first use: scoring only */
  private ngramIndex: NgramIndex | undefined;

  constructor(init: {
    name: string;
    config: LinearTextConfig;
    vocab: Vocabulary;
    linear: LinearModel;
    temperature: number;
    metrics?: Record<string, unknown>;
    trainingDataSha256?: string;
  }) {
    this.name = init.name;
    this.config = init.config;
    this.vocab = init.vocab;
    this.linear = init.linear;
    this.temperature = init.temperature;
    this.metrics = init.metrics ?? {};
    this.trainingDataSha256 = init.trainingDataSha256 ?? '';
  }

  /** The sparse input row of a text. */
  vectorize(text: string): SparseVector {
    return tfVector(linearTextTerms(text, this.config), this.vocab, { sublinear: true });
  }

  /**
   * The uncalibrated logit: the same value as `linearLogit(linear, vectorize(text))`, computed
   * without building the sparse row, since the product scores every sentence of every article this
   * way: the text's term ids are listed, sorted (so that equal ids sit together and the weights are
   * read in order, which is the bulk of the time on large vocabularies), and summed run by run.
   */
  logit(text: string): number {
    const tokens = featureTokens(text);
    const { ids, length } = this.ngrams.termIds(tokens, this.config.ngramMax);
    const cues = cueSet(this.config.cues).terms(text, tokens);
    let n = length;
    let terms = ids;
    if (cues.length > 0) {
      terms = new Int32Array(length + cues.length);
      terms.set(ids.subarray(0, length));
      for (const t of cues) {
        const i = this.vocab.index.get(t);
        if (i !== undefined) terms[n++] = i;
      }
    }
    const sorted = terms.subarray(0, n).sort();
    const w = this.linear.weights;
    let dot = 0;
    let norm = 0;
    for (let k = 0; k < n; ) {
      const i = sorted[k]!;
      let c = 1;
      while (k + c < n && sorted[k + c] === i) c++;
      k += c;
      const v = 1 + Math.log(c);
      dot += w[i]! * v;
      norm += v * v;
    }
    return this.linear.bias + (norm > 0 ? dot / Math.sqrt(norm) : 0);
  }

  private get ngrams(): NgramIndex {
    this.ngramIndex ??= new NgramIndex(this.vocab);
    return this.ngramIndex;
  }

  /** Calibrated probability of the positive class. */
  score(text: string): number {
    return sigmoid(this.logit(text) / this.temperature);
  }

  /** The in-text terms with the largest positive contributions, as readable cues. */
  explain(text: string, max = 3): ScoreCue[] {
    const x = this.vectorize(text);
    const set = cueSet(this.config.cues);
    const cues: ScoreCue[] = [];
    for (let i = 0; i < x.indices.length; i++) {
      const j = x.indices[i]!;
      const weight = this.linear.weights[j]! * x.values[i]!;
      if (weight <= 0) continue;
      const term = this.vocab.terms[j]!;
      cues.push({ cue: set.describe(term) ?? `“${term}”`, weight });
    }
    cues.sort((a, b) => b.weight - a.weight);
    return cues.slice(0, max);
  }

  /** Writes the model as a weight file; returns its size in bytes. */
  save(path: string, metrics: Record<string, unknown>, trainingDataSha256: string): Promise<number> {
    const header: Omit<WeightFileHeader, 'tensors' | 'bodySha256'> = {
      name: this.name,
      kind: 'linear-text',
      trainingDataSha256,
      config: { ...this.config },
      vocabularies: { terms: this.vocab.terms },
      metrics,
      calibration: { temperature: this.temperature },
    };
    return writeWeightFile(path, header, {
      weights: { data: this.linear.weights, shape: [this.linear.weights.length] },
      bias: { data: [this.linear.bias], shape: [1] },
    });
  }
}

/** Rebuilds a linear text model from a decoded weight file, validating its fields. */
export function linearTextModelFromFile(file: WeightFile, source: string): LinearTextModel {
  const { header } = file;
  const c = header.config;
  const config: LinearTextConfig = {
    ngramMax: requireNumber(c, 'ngramMax', source),
    minDf: requireNumber(c, 'minDf', source),
    maxVocab: requireNumber(c, 'maxVocab', source),
    cues: typeof c.cues === 'string' ? c.cues : 'none',
  };
  cueSet(config.cues);
  const terms = requireVocabulary(file, 'terms', source);
  const weights = requireTensor(file, 'weights', [terms.length], source);
  const bias = requireTensor(file, 'bias', [1], source)[0]!;
  const temperature = requireNumber(header.calibration, 'temperature', source);
  return new LinearTextModel({
    name: header.name,
    config,
    vocab: vocabularyFrom(terms),
    linear: { weights, bias },
    temperature,
    metrics: header.metrics,
    trainingDataSha256: header.trainingDataSha256,
  });
}

/** Loads a linear text model from a weight file (`model-missing` / `model-invalid` on failure). */
export async function loadLinearTextModel(path: string): Promise<LinearTextModel> {
  return linearTextModelFromFile(await readWeightFile(path), path);
}

/**
 * Trains on `train`, stops early on `validation`, then fits the temperature on `validation`.
 * @example const model = trainLinearText('clickbait', train, val, { ngramMax: 2, minDf: 2, maxVocab: 60000, cues: 'clickbait' })
 */
export function trainLinearText(
  name: string,
  train: { texts: readonly string[]; labels: ArrayLike<number> },
  validation: { texts: readonly string[]; labels: ArrayLike<number> },
  config: LinearTextConfig,
  options: LinearTextTrainOptions = {},
): { model: LinearTextModel; bestEpoch: number } {
  const trainTerms = train.texts.map((t) => linearTextTerms(t, config));
  const vocab = buildVocabulary(trainTerms, { minDf: config.minDf, maxSize: config.maxVocab });
  const xs = trainTerms.map((terms) => tfVector(terms, vocab, { sublinear: true }));
  const vx = validation.texts.map((t) => tfVector(linearTextTerms(t, config), vocab, { sublinear: true }));
  const score =
    options.validationScore ??
    ((p: Float64Array) => {
      let ok = 0;
      for (let i = 0; i < p.length; i++) if ((p[i]! >= 0.5 ? 1 : 0) === validation.labels[i]) ok++;
      return ok / Math.max(1, p.length);
    });
  const probsOf = (m: LinearModel): Float64Array => Float64Array.from(vx, (x) => sigmoid(linearLogit(m, x)));
  const { model: linear, bestEpoch } = trainLogistic(xs, train.labels, vocab.terms.length, {
    epochs: options.epochs ?? 15,
    l2: options.l2 ?? 1e-6,
    learningRate: options.learningRate ?? 0.01,
    seed: options.seed ?? 1,
    classWeight: options.classWeight,
    patience: 3,
    evaluate: (m) => score(probsOf(m)),
    onEpoch: options.onEpoch,
  });
  const temperature = fitBinaryTemperature(
    vx.map((x) => linearLogit(linear, x)),
    validation.labels,
  );
  return { model: new LinearTextModel({ name, config, vocab, linear, temperature }), bestEpoch };
}
