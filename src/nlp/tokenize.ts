/**
 * Rule-based sentence splitting and tokenization (in the tradition of Punkt-style abbreviation
 * handling, without training): a boundary is a terminal mark, optional closing quotes/brackets,
 * whitespace and an upper-case start — unless the word before the mark is a known abbreviation.
 * Every regex here is linear: no nested quantifiers over overlapping classes.
 */
import type { Block, Sentence, Span, Token, TokenKind } from '../core/types.js';

/** Abbreviations whose period does not end a sentence (lower-cased, without the final period). */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sen rep gov gen lt col maj capt sgt adm cmdr st jr sr rev hon pres supt insp ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'inc corp co ltd llc plc dept univ assn bros no nos vol vs etc approx est fig al ft mt ave blvd rd ' +
    'fmr sens reps gens govs atty rtd ret cpl pvt msgt spc mssrs messrs sec supt amb dem repub'
  ).split(' '),
);

/**
 * Capitalized abbreviations that only end a sentence rarely: AP-style state names ("R-Calif.",
 * "Fla. Gov."), party letters. Matched case-sensitively, so "fell ill." still ends one.
 */
const CAPITALIZED_ABBREVIATIONS = new Set(
  (
    'Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev ' +
    'Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wyo Gen Sen Rep Gov Lt Col Maj Capt Sgt Adm'
  ).split(' '),
);

/** Words that start sentences so often that an acronym before them ("… the U.S. The …") ends one. */
const SENTENCE_STARTERS = new Set(
  'the he she it they we i but and in on at this that these those there his her its their a an if when while after as for so yet however meanwhile'.split(
    ' ',
  ),
);

const TOKEN_RE =
  /(?:\p{L}\.){2,}|\p{L}[\p{L}\p{M}\p{N}]*(?:['’-]\p{L}[\p{L}\p{M}\p{N}]*)*|\p{N}[\p{N}]*(?:[.,]\p{N}+)*%?|[^\s\p{L}\p{N}]/gu;

/**
 * TOKEN_RE for text whose letters, marks and digits are all ASCII: the same tokens, several times
 * faster (no Unicode property lookups). NEEDS_UNICODE rules it out: anything beyond ASCII except
 * the General Punctuation block (U+2000–U+206F: spaces, dashes, curly quotes — no letters, marks
 * or digits).
 */
const ASCII_TOKEN_RE = /(?:[A-Za-z]\.){2,}|[A-Za-z][A-Za-z0-9]*(?:['’-][A-Za-z][A-Za-z0-9]*)*|[0-9]+(?:[.,][0-9]+)*%?|[^\sA-Za-z0-9]/g;
const NEEDS_UNICODE = /[^\u0000-\u007f\u2000-\u206f]/;

/**
 * True when `text` may hold letters, marks or digits beyond ASCII (see NEEDS_UNICODE); text without
 * them can be tokenized with ASCII character classes and give the same tokens.
 */
export function needsUnicodeClasses(text: string): boolean {
  return NEEDS_UNICODE.test(text);
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
const PUNCT = /\p{P}/u;

function kindOf(text: string): TokenKind {
  const c = text.charCodeAt(0);
  // ASCII fast path; the regexes handle the rest of Unicode
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return 'word';
  if (c >= 48 && c <= 57) return 'number';
  const first = text[0]!;
  if (c > 127 && LETTER.test(first)) return 'word';
  if (c > 127 && DIGIT.test(first)) return 'number';
  return PUNCT.test(first) ? 'punct' : 'symbol';
}

/** Tokenizes `text[span]`, giving offsets in the full text. */
export function tokenizeSpan(text: string, span: Span, sentence: number, out: Token[]): void {
  const slice = text.slice(span.start, span.end);
  const re = needsUnicodeClasses(slice) ? TOKEN_RE : ASCII_TOKEN_RE;
  re.lastIndex = 0;
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
    const t = m[0];
    const start = span.start + m.index;
    out.push({ span: { start, end: start + t.length }, text: t, lower: t.toLowerCase(), kind: kindOf(t), sentence });
  }
}

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);
const OPENERS_OR_UPPER = /[\p{Lu}\p{N}"“‘'(\[«]/u;

function isBoundary(text: string, markAt: number, blockEnd: number): number {
  // returns the offset where the sentence ends (after closers), or -1
  const mark = text[markAt]!;
  // every look-around is bounded, so a run of marks or letters costs linear time
  const reach = Math.min(blockEnd, markAt + 16);
  let end = markAt + 1;
  while (end < reach && (text[end] === '.' || text[end] === '!' || text[end] === '?')) end++;
  while (end < reach && CLOSERS.has(text[end]!)) end++;
  if (end >= blockEnd) return blockEnd;
  if (text[end] !== ' ') return -1;
  let next = end;
  while (next < blockEnd && text[next] === ' ') next++;
  if (next >= blockEnd) return end;
  if (!OPENERS_OR_UPPER.test(text[next]!)) return -1;
  if (mark === '.') {
    // the word before the period
    let ws = markAt;
    const floor = Math.max(0, markAt - 24);
    while (ws > floor && /[\p{L}.]/u.test(text[ws - 1]!)) ws--;
    const word = text.slice(ws, markAt);
    const lower = word.toLowerCase();
    if (ABBREVIATIONS.has(lower) || CAPITALIZED_ABBREVIATIONS.has(word)) return -1;
    if (/^\p{Lu}$/u.test(word)) return -1; // an initial: "John F. Kennedy"
    if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) {
      // an acronym like U.S.: a boundary only before a typical sentence starter
      let we = next;
      const wordReach = Math.min(blockEnd, next + 24);
      while (we < wordReach && /\p{L}/u.test(text[we]!)) we++;
      if (!SENTENCE_STARTERS.has(text.slice(next, we).toLowerCase())) return -1;
    }
  }
  return end;
}

/** Splits each block into sentences and tokens. */
export function splitSentences(text: string, blocks: readonly Block[]): { sentences: Sentence[]; tokens: Token[] } {
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  const push = (block: number, start: number, end: number): void => {
    while (start < end && text[start] === ' ') start++;
    while (end > start && text[end - 1] === ' ') end--;
    if (end <= start) return;
    const index = sentences.length;
    const tokenStart = tokens.length;
    tokenizeSpan(text, { start, end }, index, tokens);
    sentences.push({ index, span: { start, end }, block, tokenStart, tokenEnd: tokens.length });
  };
  blocks.forEach((block, b) => {
    const { start, end } = block.span;
    // a headline is one unit, never cut at "Fmr." or "BOOM!"
    if (block.kind === 'headline') {
      push(b, start, end);
      return;
    }
    let sentenceStart = start;
    for (let i = start; i < end; i++) {
      const c = text[i];
      if (c !== '.' && c !== '!' && c !== '?') continue;
      const at = isBoundary(text, i, end);
      if (at > 0) {
        push(b, sentenceStart, at);
        sentenceStart = at;
        i = at - 1;
      }
    }
    push(b, sentenceStart, end);
  });
  return { sentences, tokens };
}
