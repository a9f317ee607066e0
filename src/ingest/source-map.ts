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

/** Same per-character mapping as decode.ts normalizeText, for characters that map one to one. */
function normalizeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code > 0x20 && code < 0x7f) return ch;
  if (/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000\n\r\f\v ]/.test(ch)) return ' ';
  if (/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2028\u2029\ufeff]/.test(ch)) return '';
  return ch;
}

/**
 * Scans HTML source into its visible text with a source offset per character.
 * @param decodeEntity turns one `&…;` reference into its text (undefined: keep it literally)
 */
export function scanVisibleText(html: string, decodeEntity: (ref: string) => string | undefined): VisibleText {
  const chars: string[] = [];
  const offsets: number[] = [];
  let lastSpace = true;
  // Characters decoded from an entity get a negative offset (-1 - source offset): they do not
  // appear verbatim in the source, so no segment covers them.
  const emit = (ch: string, at: number): void => {
    const c = normalizeChar(ch);
    if (c === '') return;
    if (c === ' ') {
      if (lastSpace) return;
      lastSpace = true;
    } else lastSpace = false;
    chars.push(c);
    offsets.push(at);
  };
  const n = html.length;
  const lower = html.toLowerCase();
  let i = 0;
  while (i < n) {
    const ch = html[i]!;
    if (ch === '<') {
      if (html.startsWith('<!--', i)) {
        const end = html.indexOf('-->', i + 4);
        i = end < 0 ? n : end + 3;
        continue;
      }
      const m = /^<(\/?)([A-Za-z][A-Za-z0-9:-]{0,30})/.exec(html.slice(i, i + 34));
      if (!m) {
        if (html[i + 1] === '!' || html[i + 1] === '?') {
          const end = html.indexOf('>', i);
          i = end < 0 ? n : end + 1;
          continue;
        }
        emit(ch, i);
        i++;
        continue;
      }
      const tag = m[2]!.toLowerCase();
      let j = i + m[0].length;
      let quote = '';
      while (j < n) {
        const c = html[j]!;
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
        j++;
      }
      i = j + 1;
      if (BREAK_TAGS.has(tag)) emit(' ', j);
      if (!m[1] && RAW_TEXT_TAGS.has(tag) && html[j - 1] !== '/') {
        const close = lower.indexOf(`</${tag}`, i);
        i = close < 0 ? n : close;
      }
      continue;
    }
    if (ch === '&') {
      const m = /^&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)/.exec(html.slice(i, i + 40));
      const decoded = m ? decodeEntity(m[0]) : undefined;
      if (m && decoded !== undefined) {
        for (const c of decoded) emit(c, -1 - i);
        i += m[0].length;
        continue;
      }
    }
    const code = html.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      // Keep surrogate pairs whole so offsets stay on UTF-16 boundaries.
      chars.push(html.slice(i, i + 2));
      offsets.push(i, i + 1);
      lastSpace = false;
      i += 2;
      continue;
    }
    emit(ch, i);
    i++;
  }
  return { text: chars.join(''), offsets: Int32Array.from(offsets) };
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
