/**
 * Training and model selection for the check-worthiness model by leave-one-debate-out (LODO): each
 * CheckThat! 2019 training transcript is held out in turn, a model is trained on the others (plus
 * the extra corpora), and the held-out transcript is ranked and scored with CheckThat!'s average
 * precision. The mean over transcripts is the LODO MAP; its spread over transcripts says how much
 * one debate can move it. The number of epochs is chosen by LODO MAP, the temperature is fitted on
 * the pooled out-of-fold logits, and the shipped model is then trained on every transcript.
 */
import { fitBinaryTemperature } from '../calibration.js';
import { type LinearModel, linearLogit, trainLogistic } from '../logistic.js';
import { averagePrecision } from '../metrics.js';
import { createRng } from '../random.js';
import type { SparseVector } from '../sparse.js';
import { buildVocabulary, tfVector, type Vocabulary } from '../text-features.js';
import { repeatsOf, runsWithoutHeldOut, type Transcript } from './data.js';
import { STRUCTURE_TERMS, structureTerms } from './features.js';
import { blockOffsets, type CheckworthyConfig, type CheckworthyWeights, checkworthyTerms, documentRows } from './model.js';

/** How a model is trained (one LODO fold, or the final model). */
export interface CheckworthyTrainOptions {
  config: CheckworthyConfig;
  epochs: number;
  l2: number;
  learningRate: number;
  /** loss weight of negatives and positives */
  classWeight: [number, number];
  seed: number;
  /**
   * Share of the training lines of transcripts with speakers given without their structure terms,
   * so that the word weights also learn to rank without speakers, as in news articles.
   */
  speakerDropout: number;
}

/** The configuration the shipped model is trained with. */
export const CHECKWORTHY_TRAINING: CheckworthyTrainOptions = {
  config: { ngramMax: 2, minDf: 2, maxVocab: 100000, context: 'none', structure: true },
  epochs: 8,
  l2: 1e-5,
  learningRate: 0.01,
  classWeight: [1, 1],
  seed: 1,
  speakerDropout: 0.5,
};

/** A document ready for training: texts, labels, their terms and structure terms. */
export interface PreparedDocument {
  name: string;
  labels: number[];
  terms: string[][];
  structure: string[][];
}

/** Computes each line's terms and structure terms once (they do not depend on the fold). */
export function prepareDocuments(transcripts: readonly Transcript[], config: CheckworthyConfig): PreparedDocument[] {
  return transcripts.map((t) => ({
    name: t.name,
    labels: t.lines.map((l) => l.label ?? 0),
    terms: t.lines.map((l) => checkworthyTerms(l.text, config)),
    structure: structureTerms(t.lines),
  }));
}

/**
 * The extra corpora as training documents: lines that repeat any CheckThat! 2019 training
 * sentence are dropped (the 2019 labels stand, and no fold can see its held-out debate through
 * them), and each document is cut at the dropped lines so no context crosses a gap; the lines of
 * an unordered list each stand alone.
 */
export function extraDocuments(extras: readonly Transcript[], debates: readonly Transcript[]): { documents: Transcript[]; kept: number; dropped: number } {
  const repeats = repeatsOf(debates.flatMap((t) => t.lines));
  const documents: Transcript[] = [];
  let dropped = 0;
  for (const t of extras) {
    const r = runsWithoutHeldOut(t, repeats);
    // independent items (ClaimBuster's shuffled sentences, tweets) have no neighbours
    documents.push(...(t.unordered ? r.runs.flatMap((run) => run.lines.map((l, i) => ({ name: `${run.name}.${i + 1}`, lines: [l] }))) : r.runs));
    dropped += r.dropped;
  }
  return { documents, kept: documents.reduce((n, d) => n + d.lines.length, 0), dropped };
}

function vocabularyOf(docs: readonly PreparedDocument[], config: CheckworthyConfig): Vocabulary {
  return buildVocabulary(
    docs.flatMap((d) => d.terms),
    { minDf: config.minDf, maxSize: config.maxVocab },
  );
}

function rowsOf(doc: PreparedDocument, vocab: Vocabulary, config: CheckworthyConfig, withStructure: (i: number) => boolean): SparseVector[] {
  const vectors = doc.terms.map((t) => tfVector(t, vocab, { sublinear: true }));
  return documentRows(vectors, doc.structure, vocab, config, withStructure);
}

/** The blocks of a trained linear model over vocabulary size `v`. */
function weightsOf(linear: LinearModel, v: number): CheckworthyWeights {
  const o = blockOffsets(v);
  const w = linear.weights;
  return {
    self: w.slice(o.self, o.previous),
    previous: w.slice(o.previous, o.next),
    next: w.slice(o.next, o.structure),
    structure: w.slice(o.structure, o.structure + STRUCTURE_TERMS.length),
    // as the weight file stores it, so a loaded model scores exactly as the trained one
    bias: Math.fround(linear.bias),
  };
}

function fit(
  docs: readonly PreparedDocument[],
  options: CheckworthyTrainOptions,
  evaluate?: (model: LinearModel, vocab: Vocabulary) => void,
  onEpoch?: (epoch: number, loss: number) => void,
): { vocab: Vocabulary; weights: CheckworthyWeights } {
  const vocab = vocabularyOf(docs, options.config);
  const rng = createRng(options.seed + 1013);
  const xs: SparseVector[] = [];
  const ys: number[] = [];
  for (const d of docs) {
    xs.push(...rowsOf(d, vocab, options.config, () => rng.next() >= options.speakerDropout));
    ys.push(...d.labels);
  }
  let epoch = 0;
  const { model } = trainLogistic(xs, ys, blockOffsets(vocab.terms.length).dims, {
    epochs: options.epochs,
    l2: options.l2,
    learningRate: options.learningRate,
    seed: options.seed,
    classWeight: options.classWeight,
    // no early stopping: every fold trains for the same epochs and LODO picks the count; the
    // increasing "score" makes trainLogistic keep the last epoch's weights
    patience: options.epochs + 1,
    evaluate: (m) => {
      evaluate?.(m, vocab);
      return ++epoch;
    },
    onEpoch: onEpoch ? (e, loss) => onEpoch(e, loss) : undefined,
  });
  return { vocab, weights: weightsOf(model, vocab.terms.length) };
}

/** One held-out transcript of a LODO run. */
export interface LodoFold {
  name: string;
  sentences: number;
  positives: number;
  /** average precision after each epoch, read with speakers (when the transcript has them) */
  ap: number[];
  /** the same with the speakers removed, as a news article is read */
  apWithoutSpeakers: number[];
  /** held-out logits after each epoch (with speakers), for calibration */
  logits: Float64Array[];
}

function heldOutLogits(model: LinearModel, rows: readonly SparseVector[]): Float64Array {
  return Float64Array.from(rows, (x) => linearLogit(model, x));
}

/**
 * Leave-one-debate-out: for each debate, trains on the other debates and `extras` for
 * `options.epochs` epochs and records the held-out average precision after every epoch.
 * @example const folds = leaveOneDebateOut(prepareDocuments(debates, c), prepareDocuments(extra, c), CHECKWORTHY_TRAINING)
 */
export function leaveOneDebateOut(
  debates: readonly PreparedDocument[],
  extras: readonly PreparedDocument[],
  options: CheckworthyTrainOptions,
  onFold?: (fold: LodoFold, index: number) => void,
): LodoFold[] {
  const folds: LodoFold[] = [];
  debates.forEach((held, k) => {
    const train = [...debates.filter((_, j) => j !== k), ...extras];
    const fold: LodoFold = {
      name: held.name,
      sentences: held.labels.length,
      positives: held.labels.filter((y) => y === 1).length,
      ap: [],
      apWithoutSpeakers: [],
      logits: [],
    };
    let rows: { withSpeakers: SparseVector[]; without: SparseVector[] } | undefined;
    fit(train, options, (model, vocab) => {
      rows ??= { withSpeakers: rowsOf(held, vocab, options.config, () => true), without: rowsOf(held, vocab, options.config, () => false) };
      const z = heldOutLogits(model, rows.withSpeakers);
      fold.logits.push(z);
      fold.ap.push(averagePrecision(held.labels, z));
      fold.apWithoutSpeakers.push(averagePrecision(held.labels, heldOutLogits(model, rows.without)));
    });
    folds.push(fold);
    onFold?.(fold, k);
  });
  return folds;
}

/** Mean, sample standard deviation, standard error, minimum and maximum of per-debate values. */
export interface Spread {
  mean: number;
  sd: number;
  se: number;
  min: number;
  max: number;
}

/** The spread of `values` (one per debate). */
export function spreadOf(values: readonly number[]): Spread {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, se: n > 0 ? sd / Math.sqrt(n) : 0, min: Math.min(...values), max: Math.max(...values) };
}

/** A LODO run summarized at one epoch count. */
export interface LodoSummary {
  epoch: number;
  map: Spread;
  mapWithoutSpeakers: Spread;
}

/** LODO MAP after each epoch, and the epoch count with the best MAP (with speakers; ties: fewer epochs). */
export function summarizeLodo(folds: readonly LodoFold[]): { byEpoch: LodoSummary[]; best: LodoSummary } {
  const epochs = Math.min(...folds.map((f) => f.ap.length));
  const byEpoch: LodoSummary[] = [];
  for (let e = 0; e < epochs; e++) {
    byEpoch.push({ epoch: e + 1, map: spreadOf(folds.map((f) => f.ap[e]!)), mapWithoutSpeakers: spreadOf(folds.map((f) => f.apWithoutSpeakers[e]!)) });
  }
  const best = byEpoch.reduce((a, b) => (b.map.mean > a.map.mean ? b : a));
  return { byEpoch, best };
}

/** The temperature fitted on the pooled out-of-fold logits after `epoch` epochs. */
export function lodoTemperature(folds: readonly LodoFold[], debates: readonly PreparedDocument[], epoch: number): number {
  const logits: number[] = [];
  const labels: number[] = [];
  folds.forEach((f, k) => {
    logits.push(...f.logits[epoch - 1]!);
    labels.push(...debates[k]!.labels);
  });
  return fitBinaryTemperature(logits, labels);
}

/** Trains the final model on every debate and the extras (vocabulary and weights). */
export function fitCheckworthy(
  docs: readonly PreparedDocument[],
  options: CheckworthyTrainOptions,
  onEpoch?: (epoch: number, loss: number) => void,
): { vocab: Vocabulary; weights: CheckworthyWeights } {
  return fit(docs, options, undefined, onEpoch);
}

/** One variant of a LODO comparison: a name and how it differs from the selected options. */
export interface CheckworthyVariant {
  name: string;
  options: CheckworthyTrainOptions;
  /** train without the extra corpora */
  withoutExtras?: boolean;
}

/** The result of one LODO run of a variant. */
export interface VariantResult {
  name: string;
  /** at the selected options' epoch count, so that the variant differs in one thing only */
  summary: LodoSummary;
  /** at the variant's own best epoch count */
  best: LodoSummary;
  folds: LodoFold[];
}

/**
 * The comparison `factlens train checkworthy --ablate` runs beside the selected options: each
 * feature family taken out, or a neighbour reading added.
 */
export function ablationVariants(options: CheckworthyTrainOptions, hasExtras: boolean): CheckworthyVariant[] {
  const c = options.config;
  const variants: CheckworthyVariant[] = [];
  if (c.structure) variants.push({ name: 'without speaker features', options: { ...options, config: { ...c, structure: false } } });
  if (hasExtras) variants.push({ name: 'without extra data', options, withoutExtras: true });
  for (const context of ['cues', 'words'] as const) {
    if (c.context !== context) variants.push({ name: `neighbours read as ${context}`, options: { ...options, config: { ...c, context } } });
  }
  if (c.context !== 'none') variants.push({ name: 'without neighbours', options: { ...options, config: { ...c, context: 'none' } } });
  return variants;
}

/** Everything a training run produces besides the weights: LODO folds, the chosen epoch, counts. */
export interface CheckworthyTrainingRun {
  folds: LodoFold[];
  byEpoch: LodoSummary[];
  selected: LodoSummary;
  temperature: number;
  variants: VariantResult[];
  vocab: Vocabulary;
  weights: CheckworthyWeights;
  options: CheckworthyTrainOptions;
}

/**
 * Runs LODO for `options` (and for each of `variants`), picks the epoch count by LODO MAP, fits
 * the temperature on the out-of-fold logits and trains the final model on every debate.
 * `log` receives one line per fold and per final epoch.
 */
export function trainCheckworthy(
  debates: readonly Transcript[],
  extras: readonly Transcript[],
  options: CheckworthyTrainOptions,
  variants: readonly CheckworthyVariant[],
  log: (line: string) => void = () => {},
): CheckworthyTrainingRun {
  const lodo = (name: string, o: CheckworthyTrainOptions, withExtras: boolean): { folds: LodoFold[]; docs: PreparedDocument[]; all: PreparedDocument[] } => {
    const docs = prepareDocuments(debates, o.config);
    const extraDocs = withExtras ? prepareDocuments(extras, o.config) : [];
    const started = performance.now();
    const folds = leaveOneDebateOut(docs, extraDocs, o, (f, k) =>
      log(`${name}: held out ${f.name} (${k + 1}/${docs.length}): AP ${f.ap.map((a) => a.toFixed(3)).join(' ')}; ${((performance.now() - started) / 1000).toFixed(0)} s`),
    );
    return { folds, docs, all: [...docs, ...extraDocs] };
  };
  const main = lodo('selected', options, true);
  const { byEpoch, best } = summarizeLodo(main.folds);
  const temperature = lodoTemperature(main.folds, main.docs, best.epoch);
  const variantResults = variants.map((v): VariantResult => {
    const r = lodo(v.name, v.options, !v.withoutExtras);
    const s = summarizeLodo(r.folds);
    return { name: v.name, summary: s.byEpoch[best.epoch - 1]!, best: s.best, folds: r.folds };
  });
  const finalOptions = { ...options, epochs: best.epoch };
  const { vocab, weights } = fitCheckworthy(main.all, finalOptions, (e, loss) => log(`final model: epoch ${e}, loss ${loss.toFixed(4)}`));
  return { folds: main.folds, byEpoch, selected: best, temperature, variants: variantResults, vocab, weights, options: finalOptions };
}
