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

/** ASCII code units: 0 not part of a word, 1 upper-case letter, 2 lower-case letter or digit. */
const ASCII_CLASS = ((): Uint8Array => {
  const t = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) t[c] = 2;
  for (let c = 97; c <= 122; c++) t[c] = 2;
  for (let c = 65; c <= 90; c++) t[c] = 1;
  return t;
})();

/** True for non-ASCII code units of letters and digits (surrogate pairs count as letters). */
function isWideWordUnit(c: number): boolean {
  if (c >= 0xd800 && c <= 0xdfff) return true;
  // General Punctuation (curly quotes, dashes, spaces) holds no letter or digit: skip the regex
  if (c >= 0x2000 && c <= 0x206f) return false;
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
const SEED_A = 0x811c9dc5;
const SEED_B = 0x5bd1e995;

function power(base: number, exp: number): number {
  let r = 1;
  for (let i = 0; i < exp; i++) r = Math.imul(r, base);
  return r;
}

/**
 * Cuts text into lower-cased words (runs of letters and digits; apostrophes split words, so quote
 * styles do not matter) and hashes every run of `k` words. One pass, no strings allocated for
 * ASCII words: each word gets two FNV-1a lanes over its lower-cased code units; shingles roll a
 * polynomial hash per lane, finished with murmur3's mixer into 32 + 21 bits. A word with other
 * letters is hashed from the lower-cased text (the whole text lower-cased once, on the first such
 * word, or the word alone when lower-casing changes the text's length, as with "İ"), so the
 * hashes do not depend on which path a word took.
 */
export function shingleText(text: string, k = SHINGLE_WORDS): ShingledText {
  const n = text.length;
  let lower: string | undefined;
  let sameLength = true;
  // a word takes at least two code units (itself and a separator): the arrays never grow past
  // a quarter of the text's length in prose, so most texts allocate them once
  let cap = Math.max(64, (n >>> 2) + 16);
  let starts = new Uint32Array(cap);
  let ends = new Uint32Array(cap);
  let laneA = new Uint32Array(cap);
  let laneB = new Uint32Array(cap);
  let words = 0;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    while (c < 128 ? ASCII_CLASS[c] === 0 : !isWideWordUnit(c)) {
      if (++i >= n) break;
      c = text.charCodeAt(i);
    }
    if (i >= n) break;
    const start = i;
    let a = SEED_A;
    let b = SEED_B;
    let isAscii = true;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c < 128) {
        const cls = ASCII_CLASS[c]!;
        if (cls === 0) break;
        const l = cls === 1 ? c + 32 : c;
        a = Math.imul(a ^ l, PRIME_A);
        b = Math.imul(b ^ l, PRIME_A) ^ (b >>> 15);
      } else if (isWideWordUnit(c)) isAscii = false;
      else break;
    }
    if (!isAscii) {
      if (lower === undefined) {
        lower = text.toLowerCase();
        sameLength = lower.length === n;
      }
      const word = sameLength ? lower : text.slice(start, i).toLowerCase();
      const from = sameLength ? start : 0;
      const to = sameLength ? i : word.length;
      a = SEED_A;
      b = SEED_B;
      for (let j = from; j < to; j++) {
        const u = word.charCodeAt(j);
        a = Math.imul(a ^ u, PRIME_A);
        b = Math.imul(b ^ u, PRIME_A) ^ (b >>> 15);
      }
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
  // winnowed positions rise, and a value repeats only when the text repeats a run of words
  const out: number[] = [];
  const seen = new Set<number>();
  for (const i of winnow(hashes)) {
    const h = hashes[i]!;
    if (!seen.has(h)) {
      seen.add(h);
      out.push(h);
    }
  }
  return out;
}

/**
 * The number of distinct values among shingle hashes (what `new Set(hashes).size` gives), with an
 * open-addressing table of floats instead of a Set of boxed numbers.
 */
export function countDistinct(hashes: Float64Array): number {
  if (hashes.length === 0) return 0;
  let size = 16;
  while (size < hashes.length * 2) size *= 2;
  const mask = size - 1;
  // hashes are non-negative integers below 2^53, so -1 marks an empty slot
  const table = new Float64Array(size).fill(-1);
  let distinct = 0;
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i]!;
    // the low 32 bits of the hash pick the slot (>>> 0 takes them exactly, also above 2^32)
    let slot = (h >>> 0) & mask;
    while (table[slot] !== -1 && table[slot] !== h) slot = (slot + 1) & mask;
    if (table[slot] === -1) {
      table[slot] = h;
      distinct++;
    }
  }
  return distinct;
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
