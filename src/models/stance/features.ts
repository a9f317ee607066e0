/**
 * Stance features for a headline–body pair. Three groups, concatenated into one sparse row:
 * 1. UCL Machine Reading (Riedel et al. 2017): L2-normalized term frequencies of the headline and
 *    of the body over a shared vocabulary (the most frequent non-stop-words of the training text);
 * 2. the FNC-1 baseline's hand features (Pomerleau & Rao 2017): word overlap, refuting words,
 *    polarity, n-gram hits in the body and in its opening;
 * 3. features for what those miss (Hanselowski et al. 2018 on Athene): TF-IDF cosine of the whole
 *    body and of its sentences most similar to the headline, and refuting, negating, hedging and
 *    confirming words *inside those sentences* — refutation near the headline's subject rather than
 *    anywhere in the body; the same cue kinds within a few tokens of each headline word's
 *    occurrences in the body; overlap with the body's first 100 and 255 tokens and with its lead
 *    sentences; questions and quotations in the body;
 * 4. the TF of the three closest sentences ({@link contextTf}): how the body words the claim; and
 *    the TF of its first two sentences: whether the story opens by asserting or by reporting it.
 *
 * Similarities use an open vocabulary: every non-stop word, lightly stemmed, weighted by its IDF
 * from the training text, and a word never seen in training by the highest IDF — a new story's
 * names are its most telling words, and a training-only vocabulary would miss them.
 *
 * Bodies and headlines are prepared once ({@link prepareBody}, {@link prepareHeadline}); a pair's
 * features then cost a few hundred map lookups.
 */
import type { SparseVector } from '../sparse.js';
import { featureTokens, tfVector, type Vocabulary } from '../text-features.js';
import { CONFIRMING_WORDS, HEDGING_WORDS, NEGATION_WORDS, REFUTING_WORDS, REPORTING_WORDS, STOP_WORDS } from './lexicon.js';

const REFUTING = new Set(REFUTING_WORDS);

/** Number of dense hand features appended after the two TF blocks. */
export const HAND_FEATURE_NAMES: readonly string[] = [
  'cosine',
  'jaccard',
  'headline-coverage',
  'intro-coverage',
  'max-sentence-cosine',
  'top3-sentence-cosine',
  'bigram-hits',
  'trigram-hits',
  'intro-bigram-hits',
  'headline-refuting',
  'body-refuting',
  'top3-refuting',
  'top3-negation',
  'body-hedging',
  'top3-hedging',
  'top3-confirming',
  'best-sentence-refuting',
  'headline-polarity',
  'body-polarity',
  'headline-question',
  'headline-length',
  'body-length',
  'best-sentence-negation-mismatch',
  'top3-quote',
  'lead-hedging',
  'lead-reporting',
  'top3-reporting',
  'best-sentence-position',
  'headline-hedging',
  'headline-reporting',
  'near-refuting-share',
  'near-negation-share',
  'near-hedging-share',
  'near-reporting-share',
  'near-confirming-share',
  'near-refuting',
  'near-negation',
  'near-hedging',
  'near-reporting',
  'near-confirming',
  'lead-sentence-cosine',
  'lead3-max-cosine',
  'coverage-100',
  'coverage-255',
  'body-question',
  'top3-question',
  'body-hedging-density',
  'body-quote-density',
  'best-sentence-coverage',
  ...REFUTING_WORDS.map((w) => `headline-has-${w}`),
];

/** IDF weights by stemmed word, and the weight of an unseen word. */
export interface IdfTable {
  weights: Map<string, number>;
  unseen: number;
}

/** A light suffix stripper (Harman's S-stemmer plus -ed / -ing on long words). */
export function stem(word: string): string {
  const n = word.length;
  if (n > 4 && word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) return `${word.slice(0, -3)}y`;
  if (n > 3 && word.endsWith('es')) {
    const c = word[n - 3];
    if (c !== 'a' && c !== 'e' && c !== 'o') return word.slice(0, -1);
  }
  if (n > 3 && word.endsWith('s') && !word.endsWith('us') && !word.endsWith('ss')) return word.slice(0, -1);
  if (n > 6 && word.endsWith('ing')) return word.slice(0, -3);
  if (n > 5 && word.endsWith('ed')) return word.slice(0, -2);
  return word;
}

/** Unit-length TF-IDF weights of a token list's stemmed non-stop words (`stems` caches stemming). */
export function idfWeights(tokens: readonly string[], idf: IdfTable, stems?: Map<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) {
    if (STOP_WORDS.has(t)) continue;
    let s = stems?.get(t);
    if (s === undefined) {
      s = stem(t);
      stems?.set(t, s);
    }
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  let norm = 0;
  for (const [w, c] of counts) {
    const v = c * (idf.weights.get(w) ?? idf.unseen);
    counts.set(w, v);
    norm += v * v;
  }
  if (norm > 0) for (const [w, v] of counts) counts.set(w, v / Math.sqrt(norm));
  return counts;
}

/** Builds the IDF table from tokenized training documents (words in at least `minDf` documents). */
export function buildIdfTable(docs: readonly (readonly string[])[], minDf = 2): IdfTable {
  const df = new Map<string, number>();
  for (const doc of docs) {
    for (const w of new Set(doc.filter((t) => !STOP_WORDS.has(t)).map(stem))) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const n = docs.length;
  const weights = new Map<string, number>();
  for (const [w, d] of df) if (d >= minDf) weights.set(w, Math.log((1 + n) / (1 + d)) + 1);
  return { weights, unseen: Math.log((1 + n) / 2) + 1 };
}

function mapDot(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  let s = 0;
  for (const [w, v] of small) {
    const u = large.get(w);
    if (u !== undefined) s += v * u;
  }
  return s;
}

/** A prepared sentence of a body. */
interface PreparedSentence {
  refuting: number;
  negation: number;
  hedging: number;
  confirming: number;
  reporting: number;
  hasQuote: boolean;
  isQuestion: boolean;
  /** TF-vocabulary indices of the sentence's tokens (repeated per occurrence) */
  terms: Int32Array;
}

/** What a headline contributes, computed once. */
export interface PreparedHeadline {
  tokens: string[];
  content: Set<string>;
  tf: SparseVector;
  weights: Map<string, number>;
  refuting: number;
  negation: number;
  hedging: number;
  reporting: number;
  isQuestion: boolean;
  /** 1 where the headline contains the REFUTING_WORDS word of the same index, else 0 */
  refutingFlags: Uint8Array;
}

/** What a body contributes, computed once and reused for every headline. */
export interface PreparedBody {
  tokenCount: number;
  /** the stems of the body's content words (stop words left out), numbered in order of first use */
  stemIds: Map<string, number>;
  /** by stem id: the index of the token where the stem is first used */
  firstUse: Int32Array;
  /** the body's n-grams, over body-local word ids: see {@link BodyGrams} */
  grams: BodyGrams;
  tf: SparseVector;
  weights: Map<string, number>;
  sentences: PreparedSentence[];
  /** by stem id: [sentence index, weight, sentence index, weight, …] of the sentences' TF-IDF weights */
  postings: (number[] | undefined)[];
  refuting: number;
  hedging: number;
  /** hedging and reporting words in the first two sentences */
  leadHedging: number;
  leadReporting: number;
  /**
   * by stem id, NEAR_KINDS + 1 values from `id · (NEAR_KINDS + 1)`: occurrences, then those with
   * refuting / negation / hedging / reporting / confirming words within NEAR_WINDOW tokens
   */
  near: Float32Array;
  questions: number;
  quoteSentences: number;
}

/** Tokens on each side of a headline word within which a cue word counts as near it. */
const NEAR_WINDOW = 6;

/** The cue kinds, in the order of the `near` counts: refuting, negation, hedging, reporting, confirming. */
const CUE_SETS: readonly ReadonlySet<string>[] = [REFUTING, NEGATION_WORDS, HEDGING_WORDS, REPORTING_WORDS, CONFIRMING_WORDS];
const REFUTING_BIT = 1;
const NEGATION_BIT = 2;
const HEDGING_BIT = 4;
const REPORTING_BIT = 8;
const CONFIRMING_BIT = 16;

/** What the features need of a word, which depends on the word alone. */
interface WordInfo {
  /** the stem; '' for a stop word */
  stem: string;
  /** one bit per cue kind (CUE_SETS order) */
  cues: number;
  /** the stem's IDF in the table `idfOf` (looked up on first use: the table is large) */
  idf: number;
  idfOf: IdfTable | undefined;
}

/** The IDF of a content word's stem in `idf`, remembered with the word. */
function idfOfWord(info: WordInfo, idf: IdfTable): number {
  if (info.idfOf !== idf) {
    info.idf = idf.weights.get(info.stem) ?? idf.unseen;
    info.idfOf = idf;
  }
  return info.idf;
}

/**
 * WordInfo by word, shared by all bodies (news reuses its words): a bounded cache, emptied when it
 * fills up, so a stream of rare words cannot grow it without end.
 */
const WORD_INFO = new Map<string, WordInfo>();
const WORD_INFO_LIMIT = 50_000;

function wordInfo(word: string): WordInfo {
  let info = WORD_INFO.get(word);
  if (info === undefined) {
    let cues = 0;
    for (let c = 0; c < CUE_SETS.length; c++) if (CUE_SETS[c]!.has(word)) cues |= 1 << c;
    info = { stem: STOP_WORDS.has(word) ? '' : stem(word), cues, idf: 0, idfOf: undefined };
    if (WORD_INFO.size >= WORD_INFO_LIMIT) WORD_INFO.clear();
    WORD_INFO.set(word, info);
  }
  return info;
}

/**
 * A body's word n-grams over body-local word ids (the id of a word is its rank of first
 * appearance), so that no n-gram string is ever built: a bigram is `a · 2^26 + b`; a trigram is
 * its leading bigram's index in `bigrams` times 2^26 plus the third id — all exact in a double.
 */
export interface BodyGrams {
  /** word → body-local id */
  ids: Map<string, number>;
  /** bigram key → index of first appearance */
  bigrams: Map<number, number>;
  trigrams: Set<number>;
  /** bigram keys of the first 50 tokens */
  introBigrams: Set<number>;
}

const ID_SPAN = 2 ** 26;

function bodyGrams(ids: Map<string, number>, wordIds: Int32Array, n: number, introLength: number): BodyGrams {
  const bigrams = new Map<number, number>();
  const trigrams = new Set<number>();
  const introBigrams = new Set<number>();
  for (let i = 0; i + 1 < n; i++) {
    const key = wordIds[i]! * ID_SPAN + wordIds[i + 1]!;
    if (!bigrams.has(key)) bigrams.set(key, bigrams.size);
    if (i + 1 < introLength) introBigrams.add(key);
    if (i + 2 < n) trigrams.add(bigrams.get(key)! * ID_SPAN + wordIds[i + 2]!);
  }
  return { ids, bigrams, trigrams, introBigrams };
}

/** Share of the headline's n-grams (n = 2 or 3, each occurrence counted) found in the body's `set`. */
function gramShare(tokens: readonly string[], n: 2 | 3, g: BodyGrams, set: ReadonlySet<number> | ReadonlyMap<number, number>): number {
  const grams = tokens.length - n + 1;
  if (grams <= 0) return 0;
  let hits = 0;
  for (let i = 0; i < grams; i++) {
    const a = g.ids.get(tokens[i]!);
    const b = g.ids.get(tokens[i + 1]!);
    if (a === undefined || b === undefined) continue;
    let key = a * ID_SPAN + b;
    if (n === 3) {
      const c = g.ids.get(tokens[i + 2]!);
      const lead = g.bigrams.get(key);
      if (c === undefined || lead === undefined) continue;
      key = lead * ID_SPAN + c;
    }
    if (set.has(key)) hits++;
  }
  return hits / grams;
}

/** Cue kinds counted near each content word. */
const NEAR_KINDS = 5;

/**
 * For every content stem of a body (by stem id): its occurrences and how many of them have each
 * cue kind within NEAR_WINDOW tokens (not counting the word itself).
 */
function nearCues(wordIds: Int32Array, infos: readonly WordInfo[], stemOfWord: readonly number[], stems: number): Float32Array {
  const n = wordIds.length;
  const kinds = NEAR_KINDS;
  // prefix[c * (n + 1) + i] = cue words of kind c among the first i tokens
  const prefix = new Int32Array(kinds * (n + 1));
  for (let c = 0; c < kinds; c++) {
    const base = c * (n + 1);
    const bit = 1 << c;
    for (let i = 0; i < n; i++) prefix[base + i + 1] = prefix[base + i]! + (infos[wordIds[i]!]!.cues & bit ? 1 : 0);
  }
  const out = new Float32Array(stems * (kinds + 1));
  for (let i = 0; i < n; i++) {
    const sid = stemOfWord[wordIds[i]!]!;
    if (sid < 0) continue;
    const e = sid * (kinds + 1);
    out[e]! += 1;
    const lo = Math.max(0, i - NEAR_WINDOW);
    const hi = Math.min(n, i + NEAR_WINDOW + 1);
    const cues = infos[wordIds[i]!]!.cues;
    for (let c = 0; c < kinds; c++) {
      const base = c * (n + 1);
      const own = cues & (1 << c) ? 1 : 0;
      if (prefix[base + hi]! - prefix[base + lo]! - own > 0) out[e + c + 1]! += 1;
    }
  }
  return out;
}

const SENTENCE_SPLIT = /(?<=[.!?]["'”’)]?)\s+|\n+/;

function contentWords(tokens: readonly string[]): Set<string> {
  return new Set(tokens.filter((t) => !STOP_WORDS.has(t)).map(stem));
}

function count(tokens: readonly string[], set: ReadonlySet<string>): number {
  let c = 0;
  for (const t of tokens) if (set.has(t)) c++;
  return c;
}

/** Prepares a headline's features: TF over `vocab`, similarity weights from `idf`. */
export function prepareHeadline(headline: string, vocab: Vocabulary, idf: IdfTable): PreparedHeadline {
  const tokens = featureTokens(headline);
  return {
    tokens,
    content: contentWords(tokens),
    tf: tfVector(tokens, vocab),
    weights: idfWeights(tokens, idf),
    refuting: count(tokens, REFUTING),
    negation: count(tokens, NEGATION_WORDS),
    hedging: count(tokens, HEDGING_WORDS),
    reporting: count(tokens, REPORTING_WORDS),
    isQuestion: headline.trimEnd().endsWith('?'),
    refutingFlags: Uint8Array.from(REFUTING_WORDS, (w) => (tokens.includes(w) ? 1 : 0)),
  };
}

/**
 * Prepares a body's features: TF over `vocab`, similarity weights from `idf`. Each distinct word is
 * looked at once (its stem and cue kinds, then a body-local id); sentences, n-grams and the cues
 * near each word are then read from per-token arrays.
 */
export function prepareBody(body: string, vocab: Vocabulary, idf: IdfTable): PreparedBody {
  const sentenceTexts = body.split(SENTENCE_SPLIT).filter((s) => s.trim().length > 0);
  const tokens: string[] = [];
  const sentenceEnds: number[] = [];
  for (const text of sentenceTexts) {
    for (const t of featureTokens(text)) tokens.push(t);
    sentenceEnds.push(tokens.length);
  }
  const n = tokens.length;
  // distinct words get body-local ids; distinct stems of content words get stem ids
  const ids = new Map<string, number>();
  const wordIds = new Int32Array(n);
  const infos: WordInfo[] = [];
  const stemOfWord: number[] = [];
  const vocabOfWord: number[] = [];
  const stemIds = new Map<string, number>();
  const stemNames: string[] = [];
  const stemIdf: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    let id = ids.get(t);
    if (id === undefined) {
      id = infos.length;
      ids.set(t, id);
      const info = wordInfo(t);
      infos.push(info);
      vocabOfWord.push(vocab.index.get(t) ?? -1);
      let sid = -1;
      if (info.stem !== '') {
        sid = stemIds.get(info.stem) ?? -1;
        if (sid < 0) {
          sid = stemNames.length;
          stemIds.set(info.stem, sid);
          stemNames.push(info.stem);
          stemIdf.push(idfOfWord(info, idf));
        }
      }
      stemOfWord.push(sid);
    }
    wordIds[i] = id;
  }
  // unit-length TF-IDF weights of tokens [start, end) by stem id, in order of first use (as idfWeights)
  const scratch = new Float64Array(stemNames.length);
  const touched: number[] = [];
  const tfidf = (start: number, end: number, visit: (sid: number, weight: number) => void): void => {
    touched.length = 0;
    for (let k = start; k < end; k++) {
      const sid = stemOfWord[wordIds[k]!]!;
      if (sid < 0) continue;
      if (scratch[sid] === 0) touched.push(sid);
      scratch[sid]! += 1;
    }
    let norm = 0;
    for (const sid of touched) {
      const v = scratch[sid]! * stemIdf[sid]!;
      scratch[sid] = v;
      norm += v * v;
    }
    for (const sid of touched) {
      visit(sid, norm > 0 ? scratch[sid]! / Math.sqrt(norm) : scratch[sid]!);
      scratch[sid] = 0;
    }
  };
  const introLength = Math.min(50, n);
  const postingsById: number[][] = [];
  const sentences: PreparedSentence[] = [];
  for (let i = 0, start = 0; i < Math.min(200, sentenceTexts.length); start = sentenceEnds[i]!, i++) {
    const end = sentenceEnds[i]!;
    tfidf(start, end, (sid, weight) => {
      const list = postingsById[sid];
      if (list) list.push(i, weight);
      else postingsById[sid] = [i, weight];
    });
    let refuting = 0;
    let negation = 0;
    let hedging = 0;
    let confirming = 0;
    let reporting = 0;
    const terms: number[] = [];
    for (let k = start; k < end; k++) {
      const id = wordIds[k]!;
      const cues = infos[id]!.cues;
      if (cues & REFUTING_BIT) refuting++;
      if (cues & NEGATION_BIT) negation++;
      if (cues & HEDGING_BIT) hedging++;
      if (cues & CONFIRMING_BIT) confirming++;
      if (cues & REPORTING_BIT) reporting++;
      if (vocabOfWord[id]! >= 0) terms.push(vocabOfWord[id]!);
    }
    const text = sentenceTexts[i]!;
    sentences.push({
      refuting,
      negation,
      hedging,
      confirming,
      reporting,
      hasQuote: /["“”]/.test(text),
      isQuestion: text.trimEnd().endsWith('?'),
      terms: Int32Array.from(terms),
    });
  }
  const weights = new Map<string, number>();
  tfidf(0, n, (sid, weight) => {
    weights.set(stemNames[sid]!, weight);
  });
  const firstUse = new Int32Array(stemNames.length).fill(-1);
  let refuting = 0;
  let hedging = 0;
  for (let i = 0; i < n; i++) {
    const sid = stemOfWord[wordIds[i]!]!;
    if (sid >= 0 && firstUse[sid]! < 0) firstUse[sid] = i;
    const cues = infos[wordIds[i]!]!.cues;
    if (cues & REFUTING_BIT) refuting++;
    if (cues & HEDGING_BIT) hedging++;
  }
  const lead = sentences.slice(0, 2);
  return {
    tokenCount: n,
    stemIds,
    firstUse,
    grams: bodyGrams(ids, wordIds, n, introLength),
    tf: tfVector(tokens, vocab),
    weights,
    sentences,
    postings: postingsById,
    refuting,
    hedging,
    leadHedging: lead.reduce((a, s) => a + s.hedging, 0),
    leadReporting: lead.reduce((a, s) => a + s.reporting, 0),
    near: nearCues(wordIds, infos, stemOfWord, stemNames.length),
    questions: sentences.filter((s) => s.isQuestion).length,
    quoteSentences: sentences.filter((s) => s.hasQuote).length,
  };
}

/**
 * L2-normalized TF (over the TF vocabulary) of the body sentences listed in `top` (indices; -1 or
 * past the last sentence for none): the words the body uses around the headline's claim. Writes into `counts` (length V, left
 * zeroed) and returns the touched indices and values.
 */
export function contextTf(b: PreparedBody, top: ArrayLike<number>, counts: Float32Array): SparseVector {
  const touched: number[] = [];
  for (let k = 0; k < top.length; k++) {
    const i = top[k]!;
    if (i < 0 || i >= b.sentences.length) continue;
    for (const t of b.sentences[i]!.terms) {
      if (counts[t] === 0) touched.push(t);
      counts[t]! += 1;
    }
  }
  touched.sort((x, y) => x - y);
  let norm = 0;
  for (const t of touched) norm += counts[t]! * counts[t]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const indices = Int32Array.from(touched);
  const values = new Float32Array(touched.length);
  touched.forEach((t, j) => {
    values[j] = counts[t]! * scale;
    counts[t] = 0;
  });
  return { indices, values };
}

const squash = (x: number): number => Math.log1p(x) / Math.LN10;

// scratch of handFeatures (synchronous, so never shared between two calls)
let simsScratch = new Float64Array(64);
const nearScratch = new Float64Array(6);

/** The dense hand features of a pair, in {@link HAND_FEATURE_NAMES} order, each roughly in [0, 1]. */
export function handFeatures(
  h: PreparedHeadline,
  b: PreparedBody,
  out = new Float32Array(HAND_FEATURE_NAMES.length),
  top?: Int32Array,
): Float32Array {
  // the body's content stems are b.stemIds; those first used within the first k tokens are its
  // first-k-token content (intro: 50)
  let inter = 0;
  let introInter = 0;
  let c100 = 0;
  let c255 = 0;
  for (const w of h.content) {
    const sid = b.stemIds.get(w);
    if (sid === undefined) continue;
    inter++;
    const first = b.firstUse[sid]!;
    if (first < 50) introInter++;
    if (first < 100) c100++;
    if (first < 255) c255++;
  }
  const union = h.content.size + b.stemIds.size - inter;
  // the three body sentences closest to the headline, through the body's inverted index
  if (simsScratch.length < b.sentences.length) simsScratch = new Float64Array(b.sentences.length * 2);
  const sims = simsScratch.subarray(0, b.sentences.length);
  sims.fill(0);
  for (const [w, hv] of h.weights) {
    const sid = b.stemIds.get(w);
    const list = sid === undefined ? undefined : b.postings[sid];
    if (!list) continue;
    for (let j = 0; j < list.length; j += 2) sims[list[j]!]! += hv * list[j + 1]!;
  }
  let s1 = -1;
  let s2 = -1;
  let s3 = -1;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  for (let i = 0; i < sims.length; i++) {
    const c = sims[i]!;
    if (c > c1) {
      c3 = c2;
      s3 = s2;
      c2 = c1;
      s2 = s1;
      c1 = c;
      s1 = i;
    } else if (c > c2) {
      c3 = c2;
      s3 = s2;
      c2 = c;
      s2 = i;
    } else if (c > c3) {
      c3 = c;
      s3 = i;
    }
  }
  let topRefuting = 0;
  let topNegation = 0;
  let topHedging = 0;
  let topConfirming = 0;
  let topReporting = 0;
  let topQuote = false;
  let topQuestion = 0;
  for (let t = 0; t < 3; t++) {
    const i = t === 0 ? s1 : t === 1 ? s2 : s3;
    if (i < 0) continue;
    const s = b.sentences[i]!;
    topRefuting += s.refuting;
    topNegation += s.negation;
    topHedging += s.hedging;
    topConfirming += s.confirming;
    topReporting += s.reporting;
    topQuote ||= s.hasQuote;
    if (s.isQuestion) topQuestion = 1;
  }
  if (top) {
    top[0] = s1;
    top[1] = s2;
    top[2] = s3;
  }
  const best = s1 >= 0 ? b.sentences[s1]! : undefined;
  let k = 0;
  out[k++] = mapDot(h.weights, b.weights);
  out[k++] = union > 0 ? inter / union : 0;
  out[k++] = h.content.size > 0 ? inter / h.content.size : 0;
  out[k++] = h.content.size > 0 ? introInter / h.content.size : 0;
  out[k++] = c1;
  out[k++] = (c1 + c2 + c3) / 3;
  out[k++] = gramShare(h.tokens, 2, b.grams, b.grams.bigrams);
  out[k++] = gramShare(h.tokens, 3, b.grams, b.grams.trigrams);
  out[k++] = gramShare(h.tokens, 2, b.grams, b.grams.introBigrams);
  out[k++] = Math.min(h.refuting, 3) / 3;
  out[k++] = squash(b.refuting);
  out[k++] = squash(topRefuting);
  out[k++] = squash(topNegation);
  out[k++] = squash(b.hedging);
  out[k++] = squash(topHedging);
  out[k++] = squash(topConfirming);
  out[k++] = best ? Math.min(best.refuting, 2) * c1 : 0;
  out[k++] = h.refuting % 2;
  out[k++] = b.refuting % 2;
  out[k++] = h.isQuestion ? 1 : 0;
  out[k++] = Math.min(h.tokens.length, 30) / 30;
  out[k++] = Math.log1p(b.tokenCount) / Math.log(2000);
  out[k++] = best && (best.negation > 0) !== (h.negation > 0) ? c1 : 0;
  out[k++] = topQuote ? 1 : 0;
  out[k++] = squash(b.leadHedging);
  out[k++] = squash(b.leadReporting);
  out[k++] = squash(topReporting);
  out[k++] = s1 >= 0 ? s1 / Math.max(1, b.sentences.length - 1) : 1;
  out[k++] = Math.min(h.hedging, 2) / 2;
  out[k++] = Math.min(h.reporting, 2) / 2;
  const near = nearScratch;
  near.fill(0);
  for (const w of h.content) {
    const sid = b.stemIds.get(w);
    if (sid === undefined) continue;
    const e = sid * (NEAR_KINDS + 1);
    for (let c = 0; c <= NEAR_KINDS; c++) near[c]! += b.near[e + c]!;
  }
  for (let c = 1; c < 6; c++) out[k++] = near[0]! > 0 ? near[c]! / near[0]! : 0;
  for (let c = 1; c < 6; c++) out[k++] = squash(near[c]!);
  let lead3 = 0;
  for (let i = 0; i < Math.min(3, sims.length); i++) lead3 = Math.max(lead3, sims[i]!);
  out[k++] = sims.length > 0 ? sims[0]! : 0;
  out[k++] = lead3;
  // headline stems used in the closest sentence: those with a posting for it
  let cBest = 0;
  if (best) {
    for (const w of h.content) {
      const sid = b.stemIds.get(w);
      const list = sid === undefined ? undefined : b.postings[sid];
      if (!list) continue;
      for (let j = 0; j < list.length; j += 2) {
        if (list[j] === s1) {
          cBest++;
          break;
        }
      }
    }
  }
  const hn = Math.max(1, h.content.size);
  out[k++] = c100 / hn;
  out[k++] = c255 / hn;
  out[k++] = squash(b.questions);
  out[k++] = topQuestion;
  const ns = Math.max(1, b.sentences.length);
  out[k++] = Math.min(1, b.hedging / ns);
  out[k++] = b.quoteSentences / ns;
  out[k++] = cBest / hn;
  for (let w = 0; w < REFUTING_WORDS.length; w++) out[k++] = h.refutingFlags[w]!;
  return out;
}
