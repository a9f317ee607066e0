/**
 * Word shingles and winnowed fingerprints, the text-reuse method of the corpus store.
 *
 * Method: the text is cut into lower-cased word tokens; every run of `k` consecutive words (a
 * shingle) is hashed to a 53-bit integer; winnowing (Schleimer, Wilkerson & Aiken, "Winnowing:
 * local algorithms for document fingerprinting", SIGMOD 2003) keeps the smallest hash of every
 * window of `w` consecutive shingles. Two texts that share a run of at least `k + w − 1` words
 * are guaranteed to share a fingerprint, whatever surrounds it, so sentence shuffles, deletions,
 * added boilerplate and scattered word substitutions leave the unedited runs findable. The store
 * indexes fingerprints; candidates are then verified on all shingles, which gives exact shares and
 * the spans on both sides.
 */
import type { Span } from '../core/types.js';

/** Words per shingle. */
export const SHINGLE_WORDS = 5;
/**
 * Shingles per winnowing window: any shared run of SHINGLE_WORDS + WINNOW_WINDOW − 1 = 20 words
 * (about one sentence) is found; about 2 / (WINNOW_WINDOW + 1) of the shingles are kept.
 */
export const WINNOW_WINDOW = 16;

/** A text's words (offsets) and the 53-bit hash of every run of `k` consecutive words. */
export interface ShingledText {
  /** number of words */
  words: number;
  /** start offset of each word */
  starts: Uint32Array;
  /** end offset of each word */
  ends: Uint32Array;
  /** hash of the shingle that starts at each word (length words − k + 1, or 0) */
  hashes: Float64Array;
  k: number;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** True for the code units of letters and digits (ASCII fast path; surrogate pairs count as letters). */
function isWordUnit(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return LETTER_OR_DIGIT.test(String.fromCharCode(c));
}

/** murmur3's finalizer: spreads the bits of a 32-bit value. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const PRIME_A = 0x01000193;
const PRIME_B = 0x27d4eb2f;

function power(base: number, exp: number): number {
  let r = 1;
  for (let i = 0; i < exp; i++) r = Math.imul(r, base);
  return r;
}

/**
 * Cuts text into lower-cased words (runs of letters and digits; apostrophes split words, so quote
 * styles do not matter) and hashes every run of `k` words. One pass, no strings allocated: each
 * word gets two FNV-1a lanes; shingles roll a polynomial hash per lane, finished with murmur3's
 * mixer into 32 + 21 bits.
 */
export function shingleText(text: string, k = SHINGLE_WORDS): ShingledText {
  const lower = text.toLowerCase();
  // lower-casing can change the length (e.g. "İ"); then each word is lower-cased on its own
  const sameLength = lower.length === text.length;
  const n = text.length;
  let cap = 64;
  let starts = new Uint32Array(cap);
  let ends = new Uint32Array(cap);
  let laneA = new Uint32Array(cap);
  let laneB = new Uint32Array(cap);
  let words = 0;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordUnit(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && isWordUnit(text.charCodeAt(i))) i++;
    const word = sameLength ? lower : text.slice(start, i).toLowerCase();
    const from = sameLength ? start : 0;
    const to = sameLength ? i : word.length;
    let a = 0x811c9dc5;
    let b = 0x5bd1e995;
    for (let j = from; j < to; j++) {
      const c = word.charCodeAt(j);
      a = Math.imul(a ^ c, PRIME_A);
      b = Math.imul(b ^ c, PRIME_A) ^ (b >>> 15);
    }
    if (words === cap) {
      cap *= 2;
      const grow = (arr: Uint32Array): Uint32Array<ArrayBuffer> => {
        const next = new Uint32Array(cap);
        next.set(arr);
        return next;
      };
      starts = grow(starts);
      ends = grow(ends);
      laneA = grow(laneA);
      laneB = grow(laneB);
    }
    starts[words] = start;
    ends[words] = i;
    laneA[words] = fmix(a);
    laneB[words] = fmix(b);
    words++;
  }
  const count = Math.max(0, words - k + 1);
  const hashes = new Float64Array(count);
  if (count > 0) {
    const topA = power(PRIME_A, k - 1);
    const topB = power(PRIME_B, k - 1);
    let ha = 0;
    let hb = 0;
    for (let j = 0; j < k; j++) {
      ha = (Math.imul(ha, PRIME_A) + laneA[j]!) | 0;
      hb = (Math.imul(hb, PRIME_B) + laneB[j]!) | 0;
    }
    for (let s = 0; s < count; s++) {
      if (s > 0) {
        ha = (Math.imul(ha - Math.imul(laneA[s - 1]!, topA), PRIME_A) + laneA[s + k - 1]!) | 0;
        hb = (Math.imul(hb - Math.imul(laneB[s - 1]!, topB), PRIME_B) + laneB[s + k - 1]!) | 0;
      }
      hashes[s] = fmix(ha) * 2097152 + (fmix(hb ^ 0x5bd1e995) >>> 11);
    }
  }
  return { words, starts: starts.subarray(0, words), ends: ends.subarray(0, words), hashes, k };
}

/**
 * Winnows shingle hashes: the position of the rightmost smallest hash of every window of `w`
 * shingles, each position once. A text with fewer than `w` shingles keeps its smallest one.
 */
export function winnow(hashes: Float64Array, w = WINNOW_WINDOW): number[] {
  const out: number[] = [];
  if (hashes.length === 0) return out;
  const windows = Math.max(1, hashes.length - w + 1);
  let best = -1;
  for (let i = 0; i < windows; i++) {
    const end = Math.min(hashes.length, i + w);
    if (best < i) {
      // the previous minimum left the window: scan the whole window
      best = i;
      for (let j = i + 1; j < end; j++) if (hashes[j]! <= hashes[best]!) best = j;
      out.push(best);
    } else if (hashes[end - 1]! <= hashes[best]!) {
      // only the shingle that just entered can replace the minimum
      best = end - 1;
      out.push(best);
    }
  }
  return out;
}

/** The distinct fingerprint hashes of a text, as the store indexes them. */
export function fingerprintHashes(text: string | ShingledText): number[] {
  const { hashes } = typeof text === 'string' ? shingleText(text) : text;
  return [...new Set(winnow(hashes).map((i) => hashes[i]!))];
}

/** Sorts spans and merges the ones that overlap (or lie within `gap` characters of each other). */
export function mergeSpans(spans: Span[], gap = 0): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end + gap) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Shared shingles between two texts, with shares of each side and merged spans on both sides. */
export interface ShingleOverlap {
  shared: number;
  aShingles: number;
  bShingles: number;
  aSpans: Span[];
  bSpans: Span[];
}

function sharedSpans(t: ShingledText, other: ReadonlySet<number>): Span[] {
  const spans: Span[] = [];
  for (let s = 0; s < t.hashes.length; s++) {
    if (other.has(t.hashes[s]!)) spans.push({ start: t.starts[s]!, end: t.ends[s + t.k - 1]! });
  }
  return mergeSpans(spans);
}

/**
 * Compares two texts on all their shingles (the verification after a fingerprint lookup).
 * @example compareTexts(article, stored).shared
 */
export function compareTexts(a: string | ShingledText, b: string | ShingledText): ShingleOverlap {
  const ta = typeof a === 'string' ? shingleText(a) : a;
  const tb = typeof b === 'string' ? shingleText(b) : b;
  const aSet = new Set(ta.hashes);
  const bSet = new Set(tb.hashes);
  let shared = 0;
  for (const h of aSet) if (bSet.has(h)) shared++;
  return {
    shared,
    aShingles: aSet.size,
    bShingles: bSet.size,
    aSpans: shared > 0 ? sharedSpans(ta, bSet) : [],
    bSpans: shared > 0 ? sharedSpans(tb, aSet) : [],
  };
}
