/**
 * Documents → passages: paragraph-sized pieces that evidence search ranks. Lines are paragraphs;
 * short ones are joined until a passage has MIN_PASSAGE_WORDS words, long ones are cut at sentence
 * ends near MAX_PASSAGE_WORDS, so every passage is a readable stretch of the original text.
 */
import type { Span } from '../core/types.js';

/** Passages shorter than this absorb the next paragraph. */
export const MIN_PASSAGE_WORDS = 40;
/** Paragraphs longer than this are cut at sentence ends. */
export const MAX_PASSAGE_WORDS = 160;

// a sentence end: terminal mark, optional closing quote or bracket, then whitespace
const SENTENCE_END_RE = /[.!?]["'”’)\]]?\s/g;

/** Whitespace-separated words of text[from, to): close enough to size passages, and cheap. */
function countWords(text: string, from = 0, to = text.length): number {
  let n = 0;
  let inWord = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const isSpace = c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
    if (!isSpace && !inWord) n++;
    inWord = !isSpace;
  }
  return n;
}

/** True for the code units String.prototype.trim removes (white space and line terminators). */
function isTrimmed(c: number): boolean {
  if (c > 32 && c < 127) return false;
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Cuts one long paragraph at sentence ends into pieces of at most about `maxWords` words. */
function cutLong(text: string, span: Span, maxWords: number): Span[] {
  const slice = text.slice(span.start, span.end);
  const ends: number[] = [];
  for (const m of slice.matchAll(SENTENCE_END_RE)) ends.push(m.index! + m[0].length - 1);
  ends.push(slice.length);
  const out: Span[] = [];
  let start = 0;
  let words = 0;
  let prev = 0;
  for (const end of ends) {
    words += countWords(slice, prev, end);
    prev = end;
    if (words >= maxWords || end === slice.length) {
      const piece = slice.slice(start, end).trim();
      if (piece) {
        const offset = slice.indexOf(piece, start);
        out.push({ start: span.start + offset, end: span.start + offset + piece.length });
      }
      start = end;
      words = 0;
    }
  }
  return out;
}

/**
 * Splits a document into passage spans (offsets into `text`).
 * @example splitPassages(doc.text).map((s) => doc.text.slice(s.start, s.end))
 */
export function splitPassages(text: string, minWords = MIN_PASSAGE_WORDS, maxWords = MAX_PASSAGE_WORDS): Span[] {
  const paragraphs: { span: Span; words: number }[] = [];
  // lines are paragraphs; offsets are found by scanning, so no line or trimmed copy is made
  for (let lineStart = 0; lineStart < text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let start = lineStart;
    let end = lineEnd;
    lineStart = lineEnd + 1;
    while (start < end && isTrimmed(text.charCodeAt(start))) start++;
    while (end > start && isTrimmed(text.charCodeAt(end - 1))) end--;
    if (start === end) continue;
    const span = { start, end };
    const words = countWords(text, start, end);
    if (words === 0) continue;
    if (words > maxWords * 1.5) {
      for (const piece of cutLong(text, span, maxWords)) {
        paragraphs.push({ span: piece, words: countWords(text, piece.start, piece.end) });
      }
    } else paragraphs.push({ span, words });
  }
  const out: Span[] = [];
  let current: { span: Span; words: number } | undefined;
  for (const p of paragraphs) {
    if (!current) current = { span: { ...p.span }, words: p.words };
    else if (current.words < minWords && current.words + p.words <= maxWords * 1.5) {
      current.span.end = p.span.end;
      current.words += p.words;
    } else {
      out.push(current.span);
      current = { span: { ...p.span }, words: p.words };
    }
    if (current.words >= minWords) {
      out.push(current.span);
      current = undefined;
    }
  }
  if (current) {
    const last = out[out.length - 1];
    // a short tail joins the passage before it when that keeps the passage a sensible size
    if (last && current.words < minWords / 2 && countWords(text, last.start, last.end) + current.words <= maxWords * 1.5) {
      last.end = current.span.end;
    } else out.push(current.span);
  }
  return out;
}
