/**
 * Stance features for a headline–body pair. Three groups, concatenated into one sparse row:
 * 1. UCL Machine Reading (Riedel et al. 2017): L2-normalized term frequencies of the headline and
 *    of the body over a shared vocabulary (the most frequent non-stop-words of the training text);
 * 2. the FNC-1 baseline's hand features (Pomerleau & Rao 2017): word overlap, refuting words,
 *    polarity, n-gram hits in the body and in its opening;
 * 3. features for what those miss (Hanselowski et al. 2018 on Athene): TF-IDF cosine of the whole
 *    body and of its sentences most similar to the headline, and refuting, negating, hedging and
 *    confirming words *inside those sentences* — refutation near the headline's subject rather than
 *    anywhere in the body.
 *
 * Bodies and headlines are prepared once ({@link prepareBody}, {@link prepareHeadline}); a pair's
 * features then cost a few hundred map lookups.
 */
import { type SparseVector, sparseDot } from '../sparse.js';
import { featureTokens, tfidfVector, tfVector, type Vocabulary } from '../text-features.js';
import { CONFIRMING_WORDS, HEDGING_WORDS, NEGATION_WORDS, REFUTING_WORDS, STOP_WORDS } from './lexicon.js';

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
  ...REFUTING_WORDS.map((w) => `headline-has-${w}`),
];

/** A prepared sentence of a body. */
interface PreparedSentence {
  tfidf: SparseVector;
  refuting: number;
  negation: number;
  hedging: number;
  confirming: number;
  hasQuote: boolean;
}

/** What a headline contributes, computed once. */
export interface PreparedHeadline {
  tokens: string[];
  content: Set<string>;
  bigrams: string[];
  trigrams: string[];
  tf: SparseVector;
  tfidf: SparseVector;
  tfidfMap: Map<number, number>;
  refuting: number;
  negation: number;
  isQuestion: boolean;
}

/** What a body contributes, computed once and reused for every headline. */
export interface PreparedBody {
  tokenCount: number;
  content: Set<string>;
  introContent: Set<string>;
  bigrams: Set<string>;
  trigrams: Set<string>;
  introBigrams: Set<string>;
  tf: SparseVector;
  tfidf: SparseVector;
  sentences: PreparedSentence[];
  refuting: number;
  hedging: number;
}

const SENTENCE_SPLIT = /(?<=[.!?]["'”’)]?)\s+|\n+/;

function contentWords(tokens: readonly string[]): Set<string> {
  return new Set(tokens.filter((t) => !STOP_WORDS.has(t)));
}

function ngramList(tokens: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

function count(tokens: readonly string[], set: ReadonlySet<string>): number {
  let c = 0;
  for (const t of tokens) if (set.has(t)) c++;
  return c;
}

/** Prepares a headline's features against `vocab` (which must carry IDF). */
export function prepareHeadline(headline: string, vocab: Vocabulary): PreparedHeadline {
  const tokens = featureTokens(headline);
  const tfidf = tfidfVector(tokens, vocab);
  const tfidfMap = new Map<number, number>();
  for (let i = 0; i < tfidf.indices.length; i++) tfidfMap.set(tfidf.indices[i]!, tfidf.values[i]!);
  return {
    tokens,
    content: contentWords(tokens),
    bigrams: ngramList(tokens, 2),
    trigrams: ngramList(tokens, 3),
    tf: tfVector(tokens, vocab),
    tfidf,
    tfidfMap,
    refuting: count(tokens, REFUTING),
    negation: count(tokens, NEGATION_WORDS),
    isQuestion: headline.trimEnd().endsWith('?'),
  };
}

/** Prepares a body's features against `vocab`. */
export function prepareBody(body: string, vocab: Vocabulary): PreparedBody {
  const tokens = featureTokens(body);
  const intro = tokens.slice(0, 50);
  const sentences = body
    .split(SENTENCE_SPLIT)
    .filter((s) => s.trim().length > 0)
    .slice(0, 200)
    .map((s): PreparedSentence => {
      const st = featureTokens(s);
      return {
        tfidf: tfidfVector(st, vocab),
        refuting: count(st, REFUTING),
        negation: count(st, NEGATION_WORDS),
        hedging: count(st, HEDGING_WORDS),
        confirming: count(st, CONFIRMING_WORDS),
        hasQuote: /["“”]/.test(s),
      };
    });
  return {
    tokenCount: tokens.length,
    content: contentWords(tokens),
    introContent: contentWords(intro),
    bigrams: new Set(ngramList(tokens, 2)),
    trigrams: new Set(ngramList(tokens, 3)),
    introBigrams: new Set(ngramList(intro, 2)),
    tf: tfVector(tokens, vocab),
    tfidf: tfidfVector(tokens, vocab),
    sentences,
    refuting: count(tokens, REFUTING),
    hedging: count(tokens, HEDGING_WORDS),
  };
}

function hitShare(grams: readonly string[], set: ReadonlySet<string>): number {
  if (grams.length === 0) return 0;
  let h = 0;
  for (const g of grams) if (set.has(g)) h++;
  return h / grams.length;
}

function cosineWithMap(map: ReadonlyMap<number, number>, v: SparseVector): number {
  let s = 0;
  for (let i = 0; i < v.indices.length; i++) {
    const w = map.get(v.indices[i]!);
    if (w !== undefined) s += w * v.values[i]!;
  }
  return s;
}

/** The dense hand features of a pair, in {@link HAND_FEATURE_NAMES} order, each roughly in [0, 1]. */
export function handFeatures(h: PreparedHeadline, b: PreparedBody, out = new Float32Array(HAND_FEATURE_NAMES.length)): Float32Array {
  let inter = 0;
  for (const w of h.content) if (b.content.has(w)) inter++;
  let introInter = 0;
  for (const w of h.content) if (b.introContent.has(w)) introInter++;
  const union = h.content.size + b.content.size - inter;
  // the three body sentences closest to the headline
  let s1 = -1;
  let s2 = -1;
  let s3 = -1;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  b.sentences.forEach((s, i) => {
    const c = cosineWithMap(h.tfidfMap, s.tfidf);
    if (c > c1) {
      [c3, s3, c2, s2] = [c2, s2, c1, s1];
      c1 = c;
      s1 = i;
    } else if (c > c2) {
      [c3, s3] = [c2, s2];
      c2 = c;
      s2 = i;
    } else if (c > c3) {
      c3 = c;
      s3 = i;
    }
  });
  const top = [s1, s2, s3].filter((i) => i >= 0).map((i) => b.sentences[i]!);
  const sum = (f: (s: PreparedSentence) => number): number => top.reduce((a, s) => a + f(s), 0);
  const squash = (x: number): number => Math.log1p(x) / Math.log(10);
  const best = s1 >= 0 ? b.sentences[s1]! : undefined;
  let k = 0;
  out[k++] = sparseDot(h.tfidf, b.tfidf);
  out[k++] = union > 0 ? inter / union : 0;
  out[k++] = h.content.size > 0 ? inter / h.content.size : 0;
  out[k++] = h.content.size > 0 ? introInter / h.content.size : 0;
  out[k++] = c1;
  out[k++] = (c1 + c2 + c3) / 3;
  out[k++] = hitShare(h.bigrams, b.bigrams);
  out[k++] = hitShare(h.trigrams, b.trigrams);
  out[k++] = hitShare(h.bigrams, b.introBigrams);
  out[k++] = Math.min(h.refuting, 3) / 3;
  out[k++] = squash(b.refuting);
  out[k++] = squash(sum((s) => s.refuting));
  out[k++] = squash(sum((s) => s.negation));
  out[k++] = squash(b.hedging);
  out[k++] = squash(sum((s) => s.hedging));
  out[k++] = squash(sum((s) => s.confirming));
  out[k++] = best ? Math.min(best.refuting, 2) * c1 : 0;
  out[k++] = h.refuting % 2;
  out[k++] = b.refuting % 2;
  out[k++] = h.isQuestion ? 1 : 0;
  out[k++] = Math.min(h.tokens.length, 30) / 30;
  out[k++] = Math.log1p(b.tokenCount) / Math.log(2000);
  out[k++] = best && (best.negation > 0) !== (h.negation > 0) ? c1 : 0;
  out[k++] = top.some((s) => s.hasQuote) ? 1 : 0;
  for (const w of REFUTING_WORDS) out[k++] = h.tokens.includes(w) ? 1 : 0;
  return out;
}
