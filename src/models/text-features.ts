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
 * A string → id table in one typed array, for lookups that miss the CPU cache: a slot holds a
 * second hash of its word and the word's id, side by side, so a lookup touches one cache line
 * where a Map with 100,000 string keys touches three (bucket, entry, key string). A word absent
 * from the table is reported present only if it shares both 32-bit hashes with a word in the
 * table's probe run: about once in 10^9 lookups of absent words for a full table, and then it
 * scores as that word.
 */
export class WordTable {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(words: Iterable<[string, number]>, count: number) {
    let size = 16;
    while (size < count * 2) size *= 2; // load factor ≤ 1/2: short probe runs
    this.slots = new Int32Array(size * 2).fill(-1);
    this.mask = size - 1;
    for (const [w, id] of words) {
      const { h1, h2 } = hashPair(w);
      let s = h1 & this.mask;
      while (this.slots[s * 2 + 1] !== -1) s = (s + 1) & this.mask;
      this.slots[s * 2] = h2;
      this.slots[s * 2 + 1] = id;
    }
  }

  /** The id of `word`, or -1. */
  get(word: string): number {
    const { h1, h2 } = hashPair(word);
    for (let s = h1 & this.mask; ; s = (s + 1) & this.mask) {
      const id = this.slots[s * 2 + 1]!;
      if (id === -1) return -1;
      if (this.slots[s * 2] === h2) return id;
    }
  }
}

const pair = { h1: 0, h2: 0 };

/** Two independent 32-bit hashes of a string's UTF-16 code units (FNV-1a and a multiply-xorshift). */
function hashPair(text: string): { h1: number; h2: number } {
  let h1 = 0x811c9dc5;
  let h2 = text.length ^ 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  pair.h1 = h1 >>> 0;
  pair.h2 = (h2 ^ (h2 >>> 15)) | 0;
  return pair;
}

/**
 * A vocabulary of word n-grams keyed by word ids, for scoring many texts fast. Scoring is bound by
 * memory lookups in large tables, so each token costs as few as possible: one {@link WordTable}
 * lookup gives its word id, which for a word that is itself a term *is* the term's index (other
 * words of bigrams get ids past the vocabulary); a bigram is found by the pair of word ids in an
 * open-addressing table whose slot holds both ids and the term side by side (a joined string to
 * hash, or a Map keyed by the pair's number, cost far more). Longer n-grams fall back to joined
 * strings. `termIds` lists exactly the in-vocabulary terms that `wordNgrams(tokens, 1, maxN)`
 * would produce (barring a {@link WordTable} false match), in an unspecified order.
 */
export class NgramIndex {
  private readonly words: WordTable;
  private readonly termCount: number;
  /** bigram table, four ints per slot: first word id (-1 = empty), second word id, term index */
  private readonly bigrams: Int32Array;
  private readonly bigramMask: number;
  private readonly longer = new Map<string, number>();
  private ids = new Int32Array(64);
  private out = new Int32Array(128);

  constructor(vocab: Vocabulary) {
    const parts = vocab.terms.map((t) => t.split(' '));
    this.termCount = vocab.terms.length;
    const wordIds = new Map<string, number>();
    parts.forEach((p, i) => {
      if (p.length === 1) wordIds.set(p[0]!, i);
    });
    let next = this.termCount;
    for (const p of parts) if (p.length > 1) for (const w of p) if (!wordIds.has(w)) wordIds.set(w, next++);
    this.words = new WordTable(wordIds, wordIds.size);
    const bigramCount = parts.reduce((n, p) => n + (p.length === 2 ? 1 : 0), 0);
    let size = 16;
    while (size < bigramCount * 2) size *= 2;
    this.bigrams = new Int32Array(size * 4).fill(-1);
    this.bigramMask = size - 1;
    parts.forEach((p, i) => {
      if (p.length === 2) this.addBigram(wordIds.get(p[0]!)!, wordIds.get(p[1]!)!, i);
      else if (p.length > 2) this.longer.set(vocab.terms[i]!, i);
    });
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    return h & this.bigramMask;
  }

  private addBigram(a: number, b: number, term: number): void {
    let s = this.slot(a, b);
    while (this.bigrams[s * 4] !== -1) s = (s + 1) & this.bigramMask;
    this.bigrams[s * 4] = a;
    this.bigrams[s * 4 + 1] = b;
    this.bigrams[s * 4 + 2] = term;
  }

  /** The term index of the bigram of word ids a, b, or -1. */
  private bigram(a: number, b: number): number {
    const t = this.bigrams;
    for (let s = this.slot(a, b); ; s = (s + 1) & this.bigramMask) {
      const f = t[s * 4]!;
      if (f === -1) return -1;
      if (f === a && t[s * 4 + 1] === b) return t[s * 4 + 2]!;
    }
  }

  /**
   * The vocabulary index of each in-vocabulary word n-gram (n ≤ maxN) of `tokens`, once per
   * occurrence, in `ids[0, length)`. The array is reused by the next call.
   */
  termIds(tokens: readonly string[], maxN: number): { ids: Int32Array; length: number } {
    const n = tokens.length;
    if (this.ids.length < n) this.ids = new Int32Array(n * 2);
    if (this.out.length < n * maxN) this.out = new Int32Array(n * maxN * 2);
    const ids = this.ids;
    const out = this.out;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const id = this.words.get(tokens[i]!);
      ids[i] = id;
      if (id >= 0 && id < this.termCount) out[k++] = id;
    }
    if (maxN >= 2) {
      for (let i = 0; i + 1 < n; i++) {
        if (ids[i]! < 0 || ids[i + 1]! < 0) continue;
        const j = this.bigram(ids[i]!, ids[i + 1]!);
        if (j >= 0) out[k++] = j;
      }
    }
    if (this.longer.size > 0) {
      for (let m = 3; m <= maxN; m++) {
        for (let i = 0; i + m <= n; i++) {
          const j = this.longer.get(tokens.slice(i, i + m).join(' '));
          if (j !== undefined) out[k++] = j;
        }
      }
    }
    return { ids: out, length: k };
  }
}
