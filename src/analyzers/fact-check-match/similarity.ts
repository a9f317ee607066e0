/**
 * Offline claim similarity: cosine between sparse vectors of a claim's content-word stems, its
 * numbers and the character 4-grams of its content words (the char-n-gram side catches inflection
 * and spelling variants that stems miss: "Obamacare"/"Obama care", "ISIS"/"ISIL"). No network and
 * no model file. Weights and the match threshold were tuned on paraphrased headlines (FNC-1
 * headline groups); `npm run bench:store` measures recall@5 and precision at the threshold.
 */
import { queryWords } from '../../text/query-words.js';

/** Weight of the char-4-gram block relative to the stem block (each block is unit-normalized). */
export const CHAR_GRAM_WEIGHT = 0.6;
/** Weight of a number relative to a content word. */
export const NUMBER_WEIGHT = 1.5;

/** A claim as a unit-length sparse vector. */
export type ClaimVector = Map<string, number>;

// crude English suffix stripping: enough to meet "threatens"/"threatened"/"threatening"
const SUFFIXES = ['ingly', 'edly', 'ing', 'ers', 'ies', 'ied', 'ed', 'es', 'er', 'ly', 's'];

/** A rough stem of a lower-case word. */
export function stem(word: string): string {
  if (word.length <= 4 || /^\d/.test(word)) return word;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      const base = word.slice(0, -suffix.length);
      return suffix === 'ies' || suffix === 'ied' ? `${base}y` : base;
    }
  }
  return word;
}

function normalize(v: Map<string, number>): Map<string, number> {
  let sum = 0;
  for (const x of v.values()) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm === 0) return v;
  for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

/**
 * The vector of a claim: stems (and numbers, weighted up) in one block, char 4-grams in another,
 * each block unit-normalized, then weighted and normalized together.
 */
export function claimVector(text: string): ClaimVector {
  const words = queryWords(text, 96);
  const stems = new Map<string, number>();
  const grams = new Map<string, number>();
  for (const w of words) {
    const isNumber = /^\d/.test(w);
    const key = isNumber ? `#${w}` : stem(w);
    stems.set(key, (stems.get(key) ?? 0) + (isNumber ? NUMBER_WEIGHT : 1));
    if (isNumber) continue;
    const padded = `_${w}_`;
    for (let i = 0; i + 4 <= padded.length; i++) {
      const g = padded.slice(i, i + 4);
      grams.set(g, (grams.get(g) ?? 0) + 1);
    }
  }
  const out = new Map<string, number>();
  for (const [k, x] of normalize(stems)) out.set(`w:${k}`, x);
  for (const [k, x] of normalize(grams)) out.set(`g:${k}`, x * CHAR_GRAM_WEIGHT);
  return normalize(out);
}

/** Cosine of two claim vectors (0..1). */
export function cosine(a: ClaimVector, b: ClaimVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) dot += x * y;
  }
  return Math.max(0, Math.min(1, dot));
}

/**
 * Similarity of two claims, 0..1.
 * @example claimSimilarity('Pentagon threatens Russia', 'Russia threatened by the Pentagon') // ≈ 0.8
 */
export function claimSimilarity(a: string, b: string): number {
  return cosine(claimVector(a), claimVector(b));
}

/** The features of one claim ↔ fact-check pair that the match probability weighs. */
export interface MatchFeatures {
  /** claimSimilarity (stems, numbers, char 4-grams) */
  similarity: number;
  /** the candidate's BM25 score over the best candidate's for the same claim */
  bm25Relative: number;
  /** share of the claim's content stems found in the fact-check */
  claimCovered: number;
  /** share of the fact-check's content stems found in the claim */
  factCheckCovered: number;
  /** +1 when both mention a same number, −1 when both mention numbers and share none, else 0 */
  numbers: number;
}

function stemSet(text: string): Set<string> {
  return new Set(queryWords(text, 96).map((w) => (/^\d/.test(w) ? `#${w}` : stem(w))));
}

/** A claim prepared once for scoring against many fact-checks. */
export interface PreparedClaim {
  vector: ClaimVector;
  stems: Set<string>;
}

/** Prepares a claim (or a fact-check) for matchFeatures. */
export function prepareClaim(text: string): PreparedClaim {
  return { vector: claimVector(text), stems: stemSet(text) };
}

/** Computes the match features of a claim and a fact-check found by a BM25 search. */
export function matchFeatures(
  claim: string | PreparedClaim,
  factCheck: string | PreparedClaim,
  bm25: number,
  bm25Best: number,
): MatchFeatures {
  const a = typeof claim === 'string' ? prepareClaim(claim) : claim;
  const b = typeof factCheck === 'string' ? prepareClaim(factCheck) : factCheck;
  let shared = 0;
  for (const x of a.stems) if (b.stems.has(x)) shared++;
  const numsA = [...a.stems].filter((x) => x.startsWith('#'));
  const numsB = new Set([...b.stems].filter((x) => x.startsWith('#')));
  const numbers = numsA.length === 0 || numsB.size === 0 ? 0 : numsA.some((n) => numsB.has(n)) ? 1 : -1;
  return {
    similarity: cosine(a.vector, b.vector),
    bm25Relative: bm25Best > 0 ? Math.max(0, Math.min(1, bm25 / bm25Best)) : 0,
    claimCovered: a.stems.size === 0 ? 0 : shared / a.stems.size,
    factCheckCovered: b.stems.size === 0 ? 0 : shared / b.stems.size,
    numbers,
  };
}

/**
 * Logistic weights over [bias, similarity, bm25Relative, claimCovered, factCheckCovered, numbers],
 * trained by `npm run bench:store` on the even-numbered FNC-1 headline groups (see README).
 */
export const MATCH_WEIGHTS: readonly number[] = [-6.52, 2.339, 3.375, 2.141, 1.862, -0.2];

/** Probability that a fact-check is about the claim, from the pair's match features. */
export function matchProbability(f: MatchFeatures, weights: readonly number[] = MATCH_WEIGHTS): number {
  const x = [1, f.similarity, f.bm25Relative, f.claimCovered, f.factCheckCovered, f.numbers];
  let z = 0;
  for (let i = 0; i < x.length; i++) z += x[i]! * (weights[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}
