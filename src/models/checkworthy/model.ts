/**
 * The check-worthiness model: a logistic regression whose input row for a sentence concatenates
 * four blocks (Gencheva et al. 2017's sentence + context + structure features, in a linear model):
 * - the sentence's own word 1–2-grams and ClaimBuster claim cues (Hassan et al. 2017), as sublinear,
 *   L2-normalized term frequencies;
 * - the same terms of the previous sentence, and of the next one, with weights of their own;
 * - structure indicators of transcripts with speakers (features.ts), absent for news articles.
 * Each sentence's term vector is built once and dotted with the three weight vectors, so scoring
 * a document with context costs about what scoring its sentences alone costs. The probability is
 * temperature-scaled on leave-one-debate-out predictions.
 */
import { cueSet } from '../cue-sets.js';
import { linearTextTerms } from '../linear-text-model.js';
import { sigmoid } from '../logistic.js';
import { concatSparse, emptySparse, type SparseVector, sparseFromMap } from '../sparse.js';
import { featureTokens, NgramIndex, tfVector, type Vocabulary, vocabularyFrom } from '../text-features.js';
import type { CheckworthyLineInput, CheckworthyScorer, ScoreCue } from '../types.js';
import {
  invalidModel,
  readWeightFile,
  requireNumber,
  requireTensor,
  requireVocabulary,
  type TensorInput,
  type WeightFile,
  writeWeightFile,
} from '../weight-file.js';
import { describeStructureTerm, STRUCTURE_TERMS, structureTerms } from './features.js';

/** Feature configuration, stored in the weight file. */
export interface CheckworthyConfig {
  /** longest word n-gram of the sentence block */
  ngramMax: number;
  /** keep terms seen in at least this many training sentences */
  minDf: number;
  /** cap on the vocabulary size */
  maxVocab: number;
  /**
   * what is read of the previous and next sentence: nothing, their claim cues (a number, a
   * question, length…), or also their words (1-grams) or all their terms
   */
  context: ContextTerms;
  /** read speaker roles and turns when a transcript has speakers */
  structure: boolean;
}

/** What the model reads of a sentence's neighbours. */
export type ContextTerms = 'none' | 'cues' | 'words' | 'all';

/** The context settings, for the command line and the weight file. */
export const CONTEXT_TERMS: readonly ContextTerms[] = ['none', 'cues', 'words', 'all'];

/**
 * Which vocabulary terms a neighbour contributes under `context`: 1 for a term read, 0 otherwise
 * (a neighbour's vector keeps its own normalization, so the weights of the other terms are zero).
 */
export function contextMask(vocab: Vocabulary, context: ContextTerms): Uint8Array {
  return Uint8Array.from(vocab.terms, (t) => {
    if (context === 'all') return 1;
    if (context === 'none') return 0;
    if (t.startsWith('<')) return 1;
    return context === 'words' && !t.includes(' ') ? 1 : 0;
  });
}

function masked(x: SparseVector, mask: Uint8Array): SparseVector {
  let n = 0;
  for (let i = 0; i < x.indices.length; i++) if (mask[x.indices[i]!]) n++;
  const indices = new Int32Array(n);
  const values = new Float32Array(n);
  for (let i = 0, j = 0; i < x.indices.length; i++) {
    if (!mask[x.indices[i]!]) continue;
    indices[j] = x.indices[i]!;
    values[j++] = x.values[i]!;
  }
  return { indices, values };
}

/** The weight file's kind for this model. */
export const CHECKWORTHY_KIND = 'checkworthy-context';

const CUES = 'checkworthy';

/** The terms of one sentence (n-grams and claim cues), as the model's vocabulary holds them. */
export function checkworthyTerms(text: string, config: CheckworthyConfig): string[] {
  return linearTextTerms(text, { ngramMax: config.ngramMax, minDf: config.minDf, maxVocab: config.maxVocab, cues: CUES });
}

/** The weights of the four blocks. */
export interface CheckworthyWeights {
  self: Float32Array;
  previous: Float32Array;
  next: Float32Array;
  structure: Float32Array;
  bias: number;
}

/** Offsets of the blocks in a training row over vocabulary size `v`. */
export function blockOffsets(v: number): { self: number; previous: number; next: number; structure: number; dims: number } {
  return { self: 0, previous: v, next: 2 * v, structure: 3 * v, dims: 3 * v + STRUCTURE_TERMS.length };
}

const STRUCTURE_INDEX = new Map(STRUCTURE_TERMS.map((t, i) => [t, i]));

/** The structure block of one line's terms (value 1 per term). */
export function structureVector(terms: readonly string[]): SparseVector {
  const m = new Map<number, number>();
  for (const t of terms) {
    const i = STRUCTURE_INDEX.get(t);
    if (i !== undefined) m.set(i, 1);
  }
  return sparseFromMap(m);
}

/**
 * The training rows of one document: for each line, its own terms, its neighbours' terms (when
 * `config.context` reads them) and its structure terms (when `config.structure` and
 * `withStructure(i)`). The first line has no previous neighbour, the last no next one.
 */
export function documentRows(
  termVectors: readonly SparseVector[],
  structure: readonly (readonly string[])[],
  vocab: Vocabulary,
  config: CheckworthyConfig,
  withStructure: (i: number) => boolean = () => true,
): SparseVector[] {
  const o = blockOffsets(vocab.terms.length);
  const empty = emptySparse();
  const mask = contextMask(vocab, config.context);
  const neighbours = config.context === 'none' ? termVectors.map(() => empty) : termVectors.map((x) => masked(x, mask));
  return termVectors.map((x, i) => {
    const prev = neighbours[i - 1] ?? empty;
    const next = neighbours[i + 1] ?? empty;
    const s = config.structure && withStructure(i) ? structureVector(structure[i] ?? []) : empty;
    return concatSparse([x, prev, next, s], [o.self, o.previous, o.next, o.structure]);
  });
}

/** The sublinear, L2-normalized term-frequency vector of a sentence over `vocab`. */
export function termVector(text: string, vocab: Vocabulary, config: CheckworthyConfig): SparseVector {
  return tfVector(checkworthyTerms(text, config), vocab, { sublinear: true });
}

/** A trained check-worthiness model. */
export class CheckworthyModel implements CheckworthyScorer {
  readonly name: string;
  readonly config: CheckworthyConfig;
  readonly vocab: Vocabulary;
  readonly weights: CheckworthyWeights;
  readonly temperature: number;
  /** metrics recorded at training time (from the weight file) */
  readonly metrics: Record<string, unknown>;
  readonly trainingDataSha256: string;
  private ngramIndex: NgramIndex | undefined;

  constructor(init: {
    name: string;
    config: CheckworthyConfig;
    vocab: Vocabulary;
    weights: CheckworthyWeights;
    temperature: number;
    metrics?: Record<string, unknown>;
    trainingDataSha256?: string;
  }) {
    this.name = init.name;
    this.config = init.config;
    this.vocab = init.vocab;
    this.weights = init.weights;
    this.temperature = init.temperature;
    this.metrics = init.metrics ?? {};
    this.trainingDataSha256 = init.trainingDataSha256 ?? '';
  }

  private get ngrams(): NgramIndex {
    this.ngramIndex ??= new NgramIndex(this.vocab);
    return this.ngramIndex;
  }

  /**
   * The sentence's dot products with the self, previous and next weights (the same normalized term
   * vector as {@link termVector}, built without a sparse row: the term ids are listed, sorted and
   * summed run by run, as LinearTextModel.logit does).
   */
  private blockDots(text: string): [number, number, number] {
    const tokens = featureTokens(text);
    const { ids, length } = this.ngrams.termIds(tokens, this.config.ngramMax);
    const cues = cueSet(CUES).terms(text, tokens);
    const terms = new Int32Array(length + cues.length);
    terms.set(ids.subarray(0, length));
    let n = length;
    for (const t of cues) {
      const i = this.vocab.index.get(t);
      if (i !== undefined) terms[n++] = i;
    }
    const sorted = terms.subarray(0, n).sort();
    const { self, previous, next } = this.weights;
    if (this.config.context === 'none') {
      let a = 0;
      let norm = 0;
      for (let k = 0; k < n; ) {
        const i = sorted[k]!;
        let count = 1;
        while (k + count < n && sorted[k + count] === i) count++;
        k += count;
        const v = 1 + Math.log(count);
        a += self[i]! * v;
        norm += v * v;
      }
      return [norm > 0 ? a / Math.sqrt(norm) : 0, 0, 0];
    }
    let a = 0;
    let b = 0;
    let c = 0;
    let norm = 0;
    for (let k = 0; k < n; ) {
      const i = sorted[k]!;
      let count = 1;
      while (k + count < n && sorted[k + count] === i) count++;
      k += count;
      const v = 1 + Math.log(count);
      a += self[i]! * v;
      b += previous[i]! * v;
      c += next[i]! * v;
      norm += v * v;
    }
    const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return [a * s, b * s, c * s];
  }

  /** Uncalibrated logits of consecutive lines of one document, each read with its context. */
  logits(lines: readonly CheckworthyLineInput[]): Float64Array {
    const dots = lines.map((l) => this.blockDots(l.text));
    const structure = this.config.structure ? structureTerms(lines) : undefined;
    const out = new Float64Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
      let z = this.weights.bias + dots[i]![0];
      z += (dots[i - 1]?.[1] ?? 0) + (dots[i + 1]?.[2] ?? 0);
      if (structure) for (const t of structure[i]!) z += this.weights.structure[STRUCTURE_INDEX.get(t)!]!;
      out[i] = z;
    }
    return out;
  }

  /**
   * Calibrated probabilities of consecutive lines of one document (a transcript, or an article's
   * body sentences), each scored with its neighbours; speaker roles and turns are read only when
   * the lines carry speakers.
   * @example model.scoreSequence([{ text: 'Good evening.', speaker: 'HOLT' }, { text: 'We lost 70,000 factories.', speaker: 'TRUMP' }])
   */
  scoreSequence(lines: readonly CheckworthyLineInput[]): number[] {
    return Array.from(this.logits(lines), (z) => sigmoid(z / this.temperature));
  }

  /** Calibrated probability of one sentence read alone (no neighbours, no speaker). */
  score(text: string): number {
    return this.scoreSequence([{ text }])[0]!;
  }

  /** The sentence's own terms with the largest positive contributions, as readable cues. */
  explain(text: string, max = 3): ScoreCue[] {
    const x = termVector(text, this.vocab, this.config);
    const set = cueSet(CUES);
    const cues: ScoreCue[] = [];
    for (let i = 0; i < x.indices.length; i++) {
      const j = x.indices[i]!;
      const weight = this.weights.self[j]! * x.values[i]!;
      if (weight <= 0) continue;
      const term = this.vocab.terms[j]!;
      cues.push({ cue: set.describe(term) ?? describeStructureTerm(term) ?? `“${term}”`, weight });
    }
    cues.sort((a, b) => b.weight - a.weight);
    return cues.slice(0, max);
  }

  /** Writes the model as a weight file; returns its size in bytes. */
  save(path: string, metrics: Record<string, unknown>): Promise<number> {
    const v = this.vocab.terms.length;
    // a model that reads no neighbours has all-zero neighbour weights: they are not stored
    const tensors: Record<string, TensorInput> = {
      self: { data: this.weights.self, shape: [v] },
      ...(this.config.context === 'none'
        ? {}
        : { previous: { data: this.weights.previous, shape: [v] }, next: { data: this.weights.next, shape: [v] } }),
      structure: { data: this.weights.structure, shape: [STRUCTURE_TERMS.length] },
      bias: { data: [this.weights.bias], shape: [1] },
    };
    return writeWeightFile(
      path,
      {
        name: this.name,
        kind: CHECKWORTHY_KIND,
        trainingDataSha256: this.trainingDataSha256,
        config: { ...this.config, cues: CUES },
        vocabularies: { terms: this.vocab.terms, structure: [...STRUCTURE_TERMS] },
        metrics,
        calibration: { temperature: this.temperature },
      },
      tensors,
    );
  }
}

/** Rebuilds a check-worthiness model from a decoded weight file, validating its fields. */
export function checkworthyModelFromFile(file: WeightFile, source: string): CheckworthyModel {
  const { header } = file;
  if (header.kind !== CHECKWORTHY_KIND) throw invalidModel(source, `kind "${header.kind}", expected ${CHECKWORTHY_KIND}`);
  const c = header.config;
  const config: CheckworthyConfig = {
    ngramMax: requireNumber(c, 'ngramMax', source),
    minDf: requireNumber(c, 'minDf', source),
    maxVocab: requireNumber(c, 'maxVocab', source),
    context: CONTEXT_TERMS.includes(c.context as ContextTerms) ? (c.context as ContextTerms) : 'none',
    structure: c.structure === true,
  };
  const terms = requireVocabulary(file, 'terms', source);
  const structure = requireVocabulary(file, 'structure', source);
  if (structure.join('\n') !== STRUCTURE_TERMS.join('\n')) throw invalidModel(source, 'its structure terms differ from this version’s');
  const v = terms.length;
  return new CheckworthyModel({
    name: header.name,
    config,
    vocab: vocabularyFrom(terms),
    weights: {
      self: requireTensor(file, 'self', [v], source),
      previous: config.context === 'none' ? new Float32Array(v) : requireTensor(file, 'previous', [v], source),
      next: config.context === 'none' ? new Float32Array(v) : requireTensor(file, 'next', [v], source),
      structure: requireTensor(file, 'structure', [STRUCTURE_TERMS.length], source),
      bias: requireTensor(file, 'bias', [1], source)[0]!,
    },
    temperature: requireNumber(header.calibration, 'temperature', source),
    metrics: header.metrics,
    trainingDataSha256: header.trainingDataSha256,
  });
}

/** Loads a check-worthiness model (`model-missing` / `model-invalid` on failure). */
export async function loadCheckworthyModel(path: string): Promise<CheckworthyModel> {
  return checkworthyModelFromFile(await readWeightFile(path), path);
}
