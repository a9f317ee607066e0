/**
 * Text → sparse features: lower-cased word tokens, word n-grams, a document-frequency vocabulary
 * (or the hashing trick), term-frequency and TF-IDF vectors with scikit-learn's smoothed IDF
 * (idf = ln((1 + n) / (1 + df)) + 1), as used by the UCL FNC-1 system and most text baselines.
 *
 * The NLP layer's tokenizer keeps spans and token objects for analyzers; features only need the
 * lower-cased word strings, thousands of times per second, so this module has its own flat
 * tokenizer. Its regex is linear: one character class, then apostrophe-led groups.
 */
import { FactlensError } from '../core/errors.js';
import { needsUnicodeClasses } from '../nlp/tokenize.js';
import { type SparseVector, sparseFromMap } from './sparse.js';

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** The same tokens for lower-cased text whose letters and digits are all ASCII, three times faster. */
const ASCII_WORD_RE = /[a-z0-9]+(?:['’][a-z]+)*/g;

/**
 * Lower-cased word tokens (letters and digits; inner apostrophes kept, curly ones made straight).
 * @example featureTokens("You Won't Believe 17 Things") // ['you', "won't", 'believe', '17', 'things']
 */
export function featureTokens(text: string): string[] {
  const lower = text.toLowerCase();
  const words = lower.match(needsUnicodeClasses(lower) ? WORD_RE : ASCII_WORD_RE) ?? [];
  if (!text.includes('’')) return words;
  return words.map((w) => w.replace(/’/g, "'"));
}

/** Word n-grams for n in [minN, maxN], joined by a space; unigrams are the tokens themselves. */
export function wordNgrams(tokens: readonly string[], minN: number, maxN: number): string[] {
  const out: string[] = [];
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.push(n === 1 ? tokens[i]! : tokens.slice(i, i + n).join(' '));
  }
  return out;
}

/** A fixed term list with its lookup index and (optionally) smoothed IDF weights. */
export interface Vocabulary {
  terms: string[];
  index: Map<string, number>;
  idf?: Float32Array;
}

/** Options for {@link buildVocabulary}. */
export interface VocabularyOptions {
  /** keep terms seen in at least this many documents (default 1) */
  minDf?: number;
  /** keep at most this many terms, the most frequent by total count (ties: alphabetical) */
  maxSize?: number;
  /** terms never to keep */
  stopWords?: ReadonlySet<string>;
  /** also compute IDF weights from the same documents */
  withIdf?: boolean;
}

/**
 * Builds a vocabulary from tokenized documents, deterministically.
 * @example const vocab = buildVocabulary(docs.map(featureTokens), { maxSize: 5000, withIdf: true })
 */
export function buildVocabulary(docs: Iterable<readonly string[]>, options: VocabularyOptions = {}): Vocabulary {
  const df = new Map<string, number>();
  const tf = new Map<string, number>();
  let n = 0;
  for (const doc of docs) {
    n++;
    const seen = new Set<string>();
    for (const t of doc) {
      if (options.stopWords?.has(t)) continue;
      tf.set(t, (tf.get(t) ?? 0) + 1);
      if (!seen.has(t)) {
        seen.add(t);
        df.set(t, (df.get(t) ?? 0) + 1);
      }
    }
  }
  const minDf = options.minDf ?? 1;
  let terms = [...df.keys()].filter((t) => df.get(t)! >= minDf);
  terms.sort((a, b) => tf.get(b)! - tf.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  if (options.maxSize !== undefined) terms = terms.slice(0, options.maxSize);
  terms.sort();
  const vocab: Vocabulary = { terms, index: new Map(terms.map((t, i) => [t, i])) };
  if (options.withIdf) vocab.idf = Float32Array.from(terms, (t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1);
  return vocab;
}

/** Rebuilds the lookup index of a vocabulary read from a weight file. */
export function vocabularyFrom(terms: string[], idf?: Float32Array): Vocabulary {
  return { terms, index: new Map(terms.map((t, i) => [t, i])), idf };
}

/** Counts of the in-vocabulary terms of a document, as index → count. */
export function termCounts(terms: readonly string[], vocab: Vocabulary): Map<number, number> {
  const counts = new Map<number, number>();
  for (const t of terms) {
    const i = vocab.index.get(t);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  return counts;
}

/** Options shared by the TF and TF-IDF vectorizers. */
export interface TfOptions {
  /** use 1 + ln(count) instead of the raw count */
  sublinear?: boolean;
  /** scale the vector to unit L2 norm (default true) */
  normalize?: boolean;
}

function weighted(counts: Map<number, number>, idf: Float32Array | undefined, options: TfOptions): SparseVector {
  const out = new Map<number, number>();
  let norm = 0;
  for (const [i, c] of counts) {
    const w = (options.sublinear ? 1 + Math.log(c) : c) * (idf ? idf[i]! : 1);
    out.set(i, w);
    norm += w * w;
  }
  if (options.normalize !== false && norm > 0) {
    const s = 1 / Math.sqrt(norm);
    for (const [i, w] of out) out.set(i, w * s);
  }
  return sparseFromMap(out);
}

/** Term-frequency vector of a tokenized document over `vocab`. */
export function tfVector(terms: readonly string[], vocab: Vocabulary, options: TfOptions = {}): SparseVector {
  return weighted(termCounts(terms, vocab), undefined, options);
}

/** TF-IDF vector of a tokenized document; `vocab` must carry IDF weights. */
export function tfidfVector(terms: readonly string[], vocab: Vocabulary, options: TfOptions = {}): SparseVector {
  if (!vocab.idf) throw new FactlensError('internal', 'tfidfVector needs a vocabulary built with withIdf');
  return weighted(termCounts(terms, vocab), vocab.idf, options);
}

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The hashing trick: each term adds ±1 at fnv1a(term) mod `dims` (the sign from a second hash,
 * so collisions cancel on average). No vocabulary to store.
 */
export function hashedCounts(terms: readonly string[], dims: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const t of terms) {
    const h = fnv1a(t);
    const i = h % dims;
    const sign = fnv1a(t, 0x9747b28c) & 1 ? 1 : -1;
    counts.set(i, (counts.get(i) ?? 0) + sign);
  }
  return counts;
}

/**
 * A vocabulary of word n-grams keyed by word ids, for scoring many texts fast: each token is looked
 * up once, and a bigram is found by the pair of its word ids instead of a freshly joined string
 * (hashing those strings was the largest cost of scoring a sentence). Longer n-grams fall back to
 * joined strings. Holds the same terms as the vocabulary; `forEachNgram` visits exactly the
 * in-vocabulary terms that `wordNgrams(tokens, 1, maxN)` would produce, in an unspecified order.
 */
export class NgramIndex {
  private readonly words = new Map<string, number>();
  private readonly unigrams: Int32Array;
  private readonly bigrams = new Map<number, number>();
  private readonly longer = new Map<string, number>();
  private readonly wordCount: number;

  constructor(vocab: Vocabulary) {
    const parts = vocab.terms.map((t) => t.split(' '));
    for (const p of parts) for (const w of p) if (!this.words.has(w)) this.words.set(w, this.words.size);
    this.wordCount = this.words.size;
    this.unigrams = new Int32Array(this.wordCount).fill(-1);
    parts.forEach((p, i) => {
      if (p.length === 1) this.unigrams[this.words.get(p[0]!)!] = i;
      else if (p.length === 2) this.bigrams.set(this.words.get(p[0]!)! * this.wordCount + this.words.get(p[1]!)!, i);
      else this.longer.set(vocab.terms[i]!, i);
    });
  }

  /** Calls `visit` with the vocabulary index of each in-vocabulary word n-gram (n ≤ maxN) of `tokens`. */
  forEachNgram(tokens: readonly string[], maxN: number, visit: (index: number) => void): void {
    const ids = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const id = this.words.get(tokens[i]!) ?? -1;
      ids[i] = id;
      if (id >= 0 && this.unigrams[id]! >= 0) visit(this.unigrams[id]!);
    }
    if (maxN >= 2) {
      for (let i = 0; i + 1 < ids.length; i++) {
        if (ids[i]! < 0 || ids[i + 1]! < 0) continue;
        const j = this.bigrams.get(ids[i]! * this.wordCount + ids[i + 1]!);
        if (j !== undefined) visit(j);
      }
    }
    if (this.longer.size === 0) return;
    for (let n = 3; n <= maxN; n++) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const j = this.longer.get(tokens.slice(i, i + n).join(' '));
        if (j !== undefined) visit(j);
      }
    }
  }
}
