/**
 * Seeded hostile inputs for the fuzz harness (`npm run fuzz`, test/fuzz.test.ts): each input is a
 * pure function of (seed, index), so any one of them can be made again with `--only INDEX`. The
 * kinds follow what once stalled or broke a pass (issue 14): malformed HTML built from CDATA,
 * comment and DOCTYPE fragments, runs of quote marks, `"X," he said.` repeated, periods and
 * initials, random bytes and code points, mixed encodings, huge single paragraphs, deep nesting,
 * and mutated fixture articles. Generators in the style of QuickCheck's: a small random source
 * drives every choice.
 */
import type { ArticleInput } from '../ingest/index.js';

/** A random source: `next()` in [0, 1). */
export interface Rng {
  next(): number;
  /** an integer in [lo, hi] */
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  /** true with probability p */
  chance(p: number): boolean;
}

/** mulberry32, seeded from (seed, index) so each input has its own stream. */
export function makeRng(seed: number, index = 0): Rng {
  let a = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (xs) => xs[int(0, xs.length - 1)]!, chance: (p) => next() < p };
}

/** One generated input: which generator made it and what `analyze` is given. */
export interface FuzzCase {
  index: number;
  kind: FuzzKind;
  input: ArticleInput;
  /** UTF-8 size of the input (bytes for a bytes input) */
  bytes: number;
}

export interface FuzzOptions {
  /** upper bound on an input's size in bytes (default DEFAULT_FUZZ_MAX_BYTES) */
  maxBytes?: number;
  /** the fixture articles the `mutated-article` kind starts from */
  articles?: readonly string[];
}

/** Default upper bound on an input's size: 256 KB, a hundred times a news article. */
export const DEFAULT_FUZZ_MAX_BYTES = 256 * 1024;

const WORDS = ['the', 'council', 'said', 'on', 'Monday', 'that', 'officials', 'reported', 'a', 'new', 'bridge', 'would', 'open', 'in', 'May', 'and', 'Smith', 'told', 'reporters', 'according', 'to', 'sources', 'allegedly', 'claimed', 'percent', '2016', 'Oct.', 'last', 'week', 'President', 'Obama', 'Clinton', 'Trump', 'Mr.', 'Dr.', 'U.S.', 'so-called', 'BREAKING', 'you', "won't", 'believe', 'sources', 'say', 'he', 'she', 'they', 'it', 'was', 'not'];
const QUOTE_MARKS = ['"', "'", '“', '”', '‘', '’', '«', '»', '„', '‹', '›', '`', '´', '″', '＂'];
const HTML_FRAGMENTS = ['<![CDATA[', ']]>', '<!--', '-->', '--!>', '<!DOCTYPE h', '<!DOCTYPE html>', '<!doctype', '<n>', '</n>', '<p>', '</p>', '<div>', '</div>', '<article>', '</article>', '<h1>', '</h1>', '<script>', '</script>', '<style>', '</style>', '<svg>', '</svg>', '<math>', '<template>', '</template>', '<noscript>', '<textarea>', '<title>', '</title>', '<table><tr><td>', '<a href="javascript:alert(1)">', '<img src=x onerror=alert(1)>', '<meta charset="utf-16">', '<meta name="author" content="', '<?xml version="1.0"?>', '<![if !IE]>', '<![endif]>', '<br/>', '<p', '="', "='", '>', '<', '</', '&amp;', '&#x110000;', '&#0;', '&#xD800;', '&nbsp;', '&lt;', '&', '\u0000', '\r', '\n', '\n\n', ' '];
const TAGS = ['div', 'p', 'span', 'b', 'i', 'a', 'section', 'article', 'li', 'ul', 'blockquote', 'table', 'td', 'font', 'n', 'svg', 'em'];
const SPEAKERS = ['he', 'she', 'Smith', 'the senator', 'Ann Lee', 'they', 'officials', 'a spokesman'];
const INITIALS = ['A.', 'B.', 'J.R.R.', 'U.S.', 'U.S.A.', 'Sen.', 'Gov.', 'Mr.', 'Mrs.', 'Dr.', 'St.', 'Inc.', 'e.g.', 'i.e.', 'etc.', '...', '…', 'No.', 'Jan.', 'p.m.', '.', '. .', '3.5', 'v.'];
const DATES = ['Monday', 'last week', 'Oct. 5, 2016', '5 October', '2016-10-05', 'yesterday', 'on Tuesday night', 'in 1999', 'Sept. 31', '12/13/14', 'the 3rd', 'at 5 p.m.', 'next Friday', 'May', 'March 2017', '00:00', '32nd of Smarch'];

/** Words of news prose, `n` bytes or so. */
function prose(r: Rng, n: number, sentenceEnd = 0.1): string {
  const parts: string[] = [];
  let len = 0;
  let capital = true;
  while (len < n) {
    let w = r.chance(0.05) ? r.pick(DATES) : r.pick(WORDS);
    if (capital) w = w.charAt(0).toUpperCase() + w.slice(1);
    capital = false;
    if (r.chance(sentenceEnd)) {
      w += r.pick(['.', '.', '.', '?', '!', '."', '.”']);
      capital = true;
    } else if (r.chance(0.06)) w += ',';
    parts.push(w);
    len += w.length + 1;
  }
  return parts.join(' ');
}

/** A size drawn log-uniformly between lo and hi bytes. */
function size(r: Rng, lo: number, hi: number): number {
  return Math.round(Math.exp(Math.log(lo) + r.next() * (Math.log(Math.max(hi, lo + 1)) - Math.log(lo))));
}

function repeatTo(n: number, unit: () => string): string {
  const parts: string[] = [];
  let len = 0;
  while (len < n) {
    const u = unit();
    parts.push(u);
    len += u.length;
  }
  return parts.join('');
}

/** Text as HTML, text or bytes, as the input kinds of `analyze` allow. */
function deliver(r: Rng, text: string, isHtml = false): ArticleInput {
  if (isHtml) return r.chance(0.8) ? { html: text } : { bytes: new TextEncoder().encode(text), contentType: 'text/html' };
  const roll = r.next();
  if (roll < 0.6) return { text };
  if (roll < 0.8) return { html: `<html><body><article><h1>${text.slice(0, 60)}</h1><p>${text}</p></article></body></html>` };
  return { bytes: new TextEncoder().encode(text), contentType: r.pick(['text/plain', 'text/plain; charset=utf-8', 'application/octet-stream']) };
}

type Generator = (r: Rng, maxBytes: number, articles: readonly string[]) => ArticleInput;

const GENERATORS = {
  'hostile-html': (r, max) => {
    const n = size(r, 8, Math.min(max, 64 * 1024));
    const head = r.chance(0.5) ? r.pick(['<html><body>', '<!DOCTYPE html><html><head><title>T</title></head><body>', '']) : '';
    return deliver(r, head + repeatTo(n, () => (r.chance(0.3) ? ` ${prose(r, r.int(1, 120))} ` : r.pick(HTML_FRAGMENTS))), true);
  },
  'nested-tags': (r, max) => {
    const depth = r.int(10, 3000);
    const tags = Array.from({ length: depth }, () => r.pick(TAGS));
    const mid = prose(r, Math.min(max / 2, r.int(50, 4000)));
    const close = r.chance(0.5) ? tags.map((t) => `</${t}>`).reverse().join('') : '';
    return deliver(r, `<html><body>${tags.map((t) => `<${t}>`).join('')}${mid}${close}</body></html>`.slice(0, max), true);
  },
  'quote-runs': (r, max) => {
    const n = size(r, 16, Math.min(max, 128 * 1024));
    const marks = [r.pick(QUOTE_MARKS), r.pick(QUOTE_MARKS), r.pick(QUOTE_MARKS)];
    return deliver(r, repeatTo(n, () => (r.chance(0.7) ? r.pick(marks).repeat(r.int(1, 40)) : ` ${r.pick(WORDS)}${r.chance(0.3) ? "'s" : ''} `)));
  },
  'said-repeat': (r, max) => {
    const n = size(r, 32, Math.min(max, 256 * 1024));
    const [open, close] = r.pick([['"', '"'], ['“', '”'], ["'", "'"], ['‘', '’'], ['«', '»']] as const);
    const who = r.pick(SPEAKERS);
    const word = r.pick(['Yes', 'No', 'X', 'We will win', 'It is false']);
    const vary = r.chance(0.5);
    return deliver(r, repeatTo(n, () => `${open}${vary ? r.pick(WORDS) : word},${close} ${vary ? r.pick(SPEAKERS) : who} said. `));
  },
  'periods-initials': (r, max) => {
    const n = size(r, 16, Math.min(max, 128 * 1024));
    return deliver(r, repeatTo(n, () => `${r.pick(INITIALS)}${r.chance(0.3) ? ` ${r.pick(WORDS)}` : ''} `));
  },
  'random-bytes': (r, max) => {
    const bytes = new Uint8Array(size(r, 1, Math.min(max, 32 * 1024)));
    for (let i = 0; i < bytes.length; i++) bytes[i] = r.int(0, 255);
    return { bytes, contentType: r.chance(0.5) ? undefined : r.pick(['text/plain', 'text/html', 'text/html; charset=utf-16', 'text/plain; charset=shift_jis']) };
  },
  'random-unicode': (r, max) => {
    const n = size(r, 1, Math.min(max, 32 * 1024));
    let s = '';
    while (s.length < n) {
      const roll = r.next();
      if (roll < 0.3) s += `${r.pick(WORDS)} `;
      else if (roll < 0.4) s += String.fromCharCode(r.int(0xd800, 0xdfff)); // lone surrogate
      else if (roll < 0.5) s += r.pick(['\u200b', '\u200e', '\u202e', '\ufeff', '\u0301', '\u00ad', '\u2028', '\u0000', '\t', '\r\n', '\n\n\n']);
      else s += String.fromCodePoint(r.int(0, 0x10ffff - 0x800) >= 0xd800 ? r.int(0xe000, 0x10ffff) : r.int(0x20, 0xd7ff));
    }
    return deliver(r, s);
  },
  'mixed-encoding': (r, max) => {
    const n = size(r, 16, Math.min(max, 32 * 1024));
    const chunks: number[] = [];
    if (r.chance(0.3)) chunks.push(...r.pick([[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]]));
    while (chunks.length < n) {
      const roll = r.next();
      const text = ` ${prose(r, r.int(5, 80))}`;
      if (roll < 0.4) chunks.push(...new TextEncoder().encode(`${text} café “quoted” — naïve`));
      else if (roll < 0.7) chunks.push(...Array.from(text, (c) => c.charCodeAt(0) & 0xff), r.pick([0x93, 0x94, 0x91, 0x92, 0x96, 0x97, 0xe9, 0x80, 0x85]));
      else if (roll < 0.85) for (const c of text) chunks.push(c.charCodeAt(0) & 0xff, 0);
      else chunks.push(r.int(0x80, 0xff), r.int(0x80, 0xff));
    }
    const contentType = r.pick([undefined, 'text/plain', 'text/html', 'text/plain; charset=windows-1252', 'text/plain; charset=utf-8', 'text/plain; charset=utf-16le', 'text/html; charset=bogus']);
    return { bytes: Uint8Array.from(chunks), contentType };
  },
  'huge-paragraph': (r, max) => {
    const n = size(r, Math.min(max, 32 * 1024), max);
    return deliver(r, `Headline of a long page\n\n${prose(r, n, r.pick([0, 0.001, 0.05]))}`);
  },
  'token-soup': (r, max) => {
    const n = size(r, 32, Math.min(max, 64 * 1024));
    const pools = [WORDS, QUOTE_MARKS, INITIALS, DATES, SPEAKERS, ['said', 'told', 'according to', ':', '—', '(', ')', '\n', '\n\n', 'http://example.com/a?b', 'a@b.c', '100%', '$5bn', '#tag', '@user']];
    return deliver(r, repeatTo(n, () => `${r.pick(r.pick(pools))}${r.chance(0.8) ? ' ' : ''}`));
  },
  'mutated-article': (r, max, articles) => {
    let s = articles.length ? r.pick(articles) : prose(r, 3000);
    for (let m = r.int(1, 30); m > 0; m--) {
      const at = r.int(0, s.length);
      const roll = r.next();
      if (roll < 0.25) s = s.slice(0, at) + r.pick([...QUOTE_MARKS, ...HTML_FRAGMENTS, ...INITIALS]) + s.slice(at);
      else if (roll < 0.45) s = s.slice(0, at) + s.slice(at + r.int(1, 200));
      else if (roll < 0.6 && s.length < max / 2) s = s.slice(0, at) + s.slice(at, at + r.int(1, 2000)).repeat(r.int(2, 20)) + s.slice(at);
      else if (roll < 0.75) s = s.slice(0, at) + String.fromCharCode(r.int(0, 0xffff)) + s.slice(at + 1);
      else if (roll < 0.9) s = s.slice(0, at) + r.pick(['\n\n', '\n', '', ' ']).repeat(r.int(1, 50)) + s.slice(at);
      else s = s.slice(0, at).toUpperCase() + s.slice(at);
    }
    return deliver(r, s.slice(0, max));
  },
} satisfies Record<string, Generator>;

/** The generator names, in the order the mix draws from. */
export type FuzzKind = keyof typeof GENERATORS;
export const FUZZ_KINDS = Object.keys(GENERATORS) as FuzzKind[];

/** How often each kind is drawn, against 1 for the others: a huge input costs a hundred small ones. */
const WEIGHTS: Partial<Record<FuzzKind, number>> = { 'huge-paragraph': 0.25 };
const TOTAL_WEIGHT = FUZZ_KINDS.reduce((n, k) => n + (WEIGHTS[k] ?? 1), 0);

function pickKind(r: Rng): FuzzKind {
  let x = r.next() * TOTAL_WEIGHT;
  for (const k of FUZZ_KINDS) {
    x -= WEIGHTS[k] ?? 1;
    if (x < 0) return k;
  }
  return FUZZ_KINDS[FUZZ_KINDS.length - 1]!;
}

/** UTF-8 size of an input. */
export function inputBytes(input: ArticleInput): number {
  if (typeof input === 'string') return Buffer.byteLength(input);
  if ('bytes' in input) return input.bytes.length;
  if ('text' in input) return Buffer.byteLength(input.text);
  if ('html' in input) return Buffer.byteLength(input.html);
  return 0;
}

/**
 * The input number `index` of the run seeded `seed`.
 * @example const c = fuzzCase(1, 42); await analyze(c.input, { requireEnglish: false })
 */
export function fuzzCase(seed: number, index: number, options: FuzzOptions = {}): FuzzCase {
  const r = makeRng(seed, index);
  const kind = pickKind(r);
  const input = GENERATORS[kind](r, options.maxBytes ?? DEFAULT_FUZZ_MAX_BYTES, options.articles ?? []);
  return { index, kind, input, bytes: inputBytes(input) };
}
