/**
 * Best-effort alignment of extracted text back to the HTML source. The source is scanned once into
 * its visible text (tags dropped, script/style bodies skipped, entities decoded, whitespace runs
 * collapsed), remembering the source offset of every visible character. Each block of the article
 * text is then searched for in that stream, in order; a hit yields segments wherever consecutive
 * characters are also consecutive in the source (a tag, an entity or a collapsed whitespace run
 * starts a new segment). Blocks that cannot be found (text Readability rewrote, or a title built
 * from metadata) get no segment rather than a wrong one.
 */
import type { OffsetSegment } from '../core/types.js';

/** The visible text of an HTML source and, for each of its characters, the source offset. */
export interface VisibleText {
  text: string;
  offsets: Int32Array;
}

const RAW_TEXT_TAGS = new Set(['script', 'style', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'template', 'svg', 'math']);
const BREAK_TAGS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'tr', 'table',
  'section', 'article', 'header', 'footer', 'aside', 'nav', 'blockquote', 'figure', 'figcaption', 'dd',
  'dt', 'dl', 'pre', 'hr', 'title', 'main', 'form', 'address', 'caption',
]);

/** What normalizeText does to one UTF-16 code unit here: -1 drops it, 32 makes it a space. */
function normalizeCode(code: number): number {
  if (code > 0x20 && code < 0x7f) return code;
  if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d || code === 0xa0) return 32;
  if ((code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000) return 32;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x200b && code <= 0x200d) || code === 0x2028 || code === 0x2029 || code === 0xfeff) {
    return -1;
  }
  return code;
}

function isTagNameCode(code: number, first: boolean): boolean {
  const isLetter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return first ? isLetter : isLetter || (code >= 0x30 && code <= 0x39) || code === 0x3a || code === 0x2d;
}

/**
 * Scans HTML source into its visible text with a source offset per character.
 * @param decodeEntity turns one `&…;` reference into its text (undefined: keep it literally)
 */
export function scanVisibleText(html: string, decodeEntity: (ref: string) => string | undefined): VisibleText {
  const n = html.length;
  // Decoded text is never longer than its source: entities shrink, tags and comments vanish.
  const codes = new Uint16Array(n + 1);
  const offsets = new Int32Array(n + 1);
  let len = 0;
  let lastSpace = true;
  // Characters decoded from an entity get a negative offset (-1 - source offset): they do not
  // appear verbatim in the source, so no segment covers them.
  const emit = (raw: number, at: number): void => {
    const code = normalizeCode(raw);
    if (code < 0) return;
    if (code === 32) {
      if (lastSpace) return;
      lastSpace = true;
    } else lastSpace = false;
    codes[len] = code;
    offsets[len] = at;
    len++;
  };
  const lower = html.toLowerCase();
  let i = 0;
  while (i < n) {
    const code = html.charCodeAt(i);
    if (code === 0x3c) {
      if (html.startsWith('<!--', i)) {
        const end = html.indexOf('-->', i + 4);
        i = end < 0 ? n : end + 3;
        continue;
      }
      const isClose = html.charCodeAt(i + 1) === 0x2f;
      let j = i + (isClose ? 2 : 1);
      if (!isTagNameCode(html.charCodeAt(j), true)) {
        const next = html.charCodeAt(i + 1);
        if (next === 0x21 || next === 0x3f) {
          const end = html.indexOf('>', i);
          i = end < 0 ? n : end + 1;
          continue;
        }
        emit(code, i);
        i++;
        continue;
      }
      const nameStart = j;
      while (j < n && j - nameStart < 32 && isTagNameCode(html.charCodeAt(j), false)) j++;
      const tag = lower.slice(nameStart, j);
      let quote = 0;
      while (j < n) {
        const c = html.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e) break;
        j++;
      }
      i = j + 1;
      if (BREAK_TAGS.has(tag)) emit(32, j);
      if (!isClose && RAW_TEXT_TAGS.has(tag) && html.charCodeAt(j - 1) !== 0x2f) {
        const close = lower.indexOf(`</${tag}`, i);
        i = close < 0 ? n : close;
      }
      continue;
    }
    if (code === 0x26) {
      const m = /^&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)/.exec(html.slice(i, i + 40));
      const decoded = m ? decodeEntity(m[0]) : undefined;
      if (m && decoded !== undefined) {
        for (let k = 0; k < decoded.length; k++) emit(decoded.charCodeAt(k), -1 - i);
        i += m[0].length;
        continue;
      }
    }
    emit(code, i);
    i++;
  }
  return { text: new TextDecoder('utf-16le').decode(codes.subarray(0, len)), offsets: offsets.subarray(0, len) };
}

/**
 * Maps each block of `text` to the source, searching the visible text in reading order.
 * @param blocks spans of `text` to align (each one is searched as a whole)
 */
export function alignBlocks(text: string, blocks: readonly { start: number; end: number }[], visible: VisibleText): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let cursor = 0;
  for (const block of blocks) {
    const needle = text.slice(block.start, block.end);
    if (needle.length === 0) continue;
    let at = visible.text.indexOf(needle, cursor);
    if (at < 0) at = visible.text.indexOf(needle);
    if (at < 0) continue;
    if (at >= cursor) cursor = at + needle.length;
    let runStart = -1;
    for (let k = 0; k <= needle.length; k++) {
      const offset = k < needle.length ? visible.offsets[at + k]! : -1;
      const continues = runStart >= 0 && offset >= 0 && offset === visible.offsets[at + k - 1]! + 1;
      if (continues) continue;
      if (runStart >= 0) {
        segments.push({ textStart: block.start + runStart, sourceStart: visible.offsets[at + runStart]!, length: k - runStart });
      }
      runStart = offset >= 0 ? k : -1;
    }
  }
  return segments;
}
