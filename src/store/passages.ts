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

const LINE_RE = /[^\n]+/g;
// a sentence end: terminal mark, optional closing quote or bracket, then whitespace
const SENTENCE_END_RE = /[.!?]["'”’)\]]?\s/g;

/** Whitespace-separated words: close enough to size passages, and cheap. */
function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isSpace = c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
    if (!isSpace && !inWord) n++;
    inWord = !isSpace;
  }
  return n;
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
    words += countWords(slice.slice(prev, end));
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
  for (const m of text.matchAll(LINE_RE)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const span = { start: m.index! + lead, end: m.index! + lead + trimmed.length };
    const words = countWords(trimmed);
    if (words === 0) continue;
    if (words > maxWords * 1.5) {
      for (const piece of cutLong(text, span, maxWords)) {
        paragraphs.push({ span: piece, words: countWords(text.slice(piece.start, piece.end)) });
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
    if (last && current.words < minWords / 2 && countWords(text.slice(last.start, last.end)) + current.words <= maxWords * 1.5) {
      last.end = current.span.end;
    } else out.push(current.span);
  }
  return out;
}
