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
import { type SparseVector, sparseFromMap } from './sparse.js';

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Lower-cased word tokens (letters and digits; inner apostrophes kept, curly ones made straight).
 * @example featureTokens("You Won't Believe 17 Things") // ['you', "won't", 'believe', '17', 'things']
 */
export function featureTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD_RE)) out.push(m[0].replace(/’/g, "'"));
  return out;
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
