/**
 * Bytes → text: size cap, binary sniffing (magic numbers and control-byte ratio), BOM and charset
 * handling (UTF-8 first; Windows-1252 when the bytes are not valid UTF-8), and text normalization
 * (LF line endings, NFC, control characters removed) so every later span indexes a clean string.
 */
import { CLI_HINTS, FactlensError, withCliHint } from '../core/errors.js';
import { needsUnicodeClasses } from '../nlp/tokenize.js';

/** Default cap on input size: generous for any news article, small enough to refuse dumps. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

const MAGIC: { name: string; bytes: number[] }[] = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'WebP/RIFF file', bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
];

function sniffBinary(bytes: Uint8Array): string | undefined {
  for (const m of MAGIC) {
    if (m.bytes.every((b, i) => bytes[i] === b)) return m.name;
  }
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return 'binary data (NUL bytes)';
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return n > 0 && control / n > 0.05 ? 'binary data (control bytes)' : undefined;
}

/** Returns the charset named in an HTTP Content-Type or `<meta charset>`, lower-cased. */
export function charsetFromContentType(contentType: string | undefined | null): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]{1,40})/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

/**
 * Windows-1252's 0x80–0x9F block (curly quotes, dashes, €). Node's TextDecoder without full ICU
 * decodes 'windows-1252' as Latin-1 and turns these bytes into C1 control characters, so they are
 * mapped here; 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in the code page and stay as they are.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decodes Windows-1252 bytes (never fails: every byte has a character). */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    const chars = new Array<string>(chunk.length);
    for (let k = 0; k < chunk.length; k++) {
      const b = chunk[k]!;
      chars[k] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
    }
    out += chars.join('');
  }
  return out;
}

function decodeWith(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export interface DecodedText {
  text: string;
  charset: string;
}

/**
 * Decodes article bytes into a string, refusing empty, oversized or binary input.
 * @param declared a charset declared by the transport or document, tried first
 * @example decodeBytes(await readFile('a.txt')).text
 */
export function decodeBytes(bytes: Uint8Array, options: { maxBytes?: number; declared?: string } = {}): DecodedText {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new FactlensError('input-empty', 'The input is empty: give an article with some text.');
  if (bytes.length > maxBytes) {
    throw new FactlensError(
      'input-too-large',
      withCliHint(`The input is ${bytes.length} bytes, over the ${maxBytes}-byte limit: split it.`, CLI_HINTS.maxBytes),
    );
  }
  const binary = sniffBinary(bytes);
  if (binary) throw new FactlensError('input-not-text', `The input looks like ${binary}, not text: give an article as text or HTML.`);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeWith('utf-8', bytes.subarray(3)) ?? new TextDecoder('utf-8').decode(bytes.subarray(3)), charset: 'utf-8' };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { text: new TextDecoder(label).decode(bytes.subarray(2)), charset: label };
  }
  const declared = options.declared;
  if (declared && /^(?:windows-1252|cp1252|iso-8859-1|latin1|us-ascii)$/.test(declared) && decodeWith('utf-8', bytes) === undefined) {
    return { text: decodeWindows1252(bytes), charset: 'windows-1252' };
  }
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    const text = decodeWith(declared, bytes);
    if (text !== undefined) return { text, charset: declared };
  }
  const utf8 = decodeWith('utf-8', bytes);
  if (utf8 !== undefined) return { text: utf8, charset: 'utf-8' };
  // Not valid UTF-8: Windows-1252 is by far the most common legacy encoding of English news text.
  return { text: decodeWindows1252(bytes), charset: 'windows-1252' };
}

/** LF line endings, NFC, no control characters other than newline; tabs and NBSP become spaces. */
export function normalizeText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200d\u2028\u2029\ufeff]/g, '')
    .replace(/[ ]+\n/g, '\n');
}

/**
 * Function words of German, French, Spanish, Italian, Dutch and Portuguese that are not English
 * words: on a text too short for the English share to mean much, several of them and few English
 * ones mark it as another language.
 */
const FOREIGN_FUNCTION_WORDS = new Set(
  (
    'der das und ist nicht mit sich auf eine einen zu von für wird werden sind auch im nach bei aus wie über hat haben dass noch nur oder aber wurde vor ich sie wir ihr sein seine zum zur gegen ein des ' +
    'le la les que ne est une pas dans pour qui sur avec sont mais ou par aux du ce cette il elle nous vous leur été ont ' +
    'el los las del por con una es su para como pero más lo sus fue ha muy también sobre entre ' +
    'il della di che sono gli nel alla dei delle anche questo ' +
    'het een voor niet met zijn dat aan ook wordt werd maar naar bij ' +
    'os uma não com seu sua mais foi pelo pela'
  ).split(' '),
);

const ENGLISH_FUNCTION_WORDS = new Set(
  'the of and to a in is that for it on was with as he be by at are this have from or an they which but not his had has were their will been would there its we who more said also'.split(
    ' ',
  ),
);

/**
 * A cheap English check on the body: the share of very common English function words. Real English
 * prose sits around 0.3–0.5; other languages written in Latin script sit near zero.
 */
export function englishShare(text: string): { share: number; words: number; foreign: number } {
  const lower = text.toLowerCase();
  // letters-only words; ASCII text takes the same words by a cheaper regex
  const words = lower.match(needsUnicodeClasses(lower) ? /\p{L}+/gu : /[a-z]+/g) ?? [];
  let hits = 0;
  let foreign = 0;
  for (const w of words) {
    if (ENGLISH_FUNCTION_WORDS.has(w)) hits++;
    else if (FOREIGN_FUNCTION_WORDS.has(w)) foreign++;
  }
  return { share: words.length === 0 ? 0 : hits / words.length, words: words.length, foreign };
}
