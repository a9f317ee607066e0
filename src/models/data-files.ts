/**
 * Reading benchmark files for training and evaluation: whole text files, one-item-per-line files,
 * RFC 4180 CSV / TSV (quoted fields may hold delimiters, doubled quotes and newlines). The parser is
 * a single linear pass over the characters — no regular expressions.
 */
import { readFile, stat } from 'node:fs/promises';
import { FactlensError } from '../core/errors.js';

/** Reads a UTF-8 text file; a missing or unreadable file is an `input-invalid` error. */
export async function readTextFile(path: string): Promise<string> {
  try {
    const text = await readFile(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new FactlensError('input-invalid', `Cannot read ${path} (${code}): check the --data path.`, { cause: err });
  }
}

/** True when `path` is a directory. */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new FactlensError('input-invalid', `Cannot read ${path} (${code}): check the --data path.`, { cause: err });
  }
}

/** Non-empty lines of a text (CRLF, LF or CR endings), trimmed. */
export function nonEmptyLines(text: string): string[] {
  return text
    .split(/\r\n|\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/**
 * Parses CSV (or TSV with `delimiter: '\t'`) into rows of fields. Quoted fields follow RFC 4180;
 * with `quotes: false` quotes are ordinary characters (for TSV files that never quote).
 * @example parseDelimited('a,"b,c"\n1,2\n') // [['a', 'b,c'], ['1', '2']]
 */
export function parseDelimited(text: string, options: { delimiter?: string; quotes?: boolean } = {}): string[][] {
  const delim = options.delimiter ?? ',';
  const useQuotes = options.quotes ?? true;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
      continue;
    }
    if (c === '"' && useQuotes && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (c === delim) {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new FactlensError('input-invalid', 'The CSV ends inside a quoted field: the file is truncated or malformed.');
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Parses a delimited file with a header row into records keyed by column name; checks that the
 * `required` columns exist (`input-invalid` naming the file otherwise).
 */
export function parseTable(
  text: string,
  source: string,
  required: readonly string[],
  options: { delimiter?: string; quotes?: boolean } = {},
): Record<string, string>[] {
  const rows = parseDelimited(text, options);
  const header = rows[0]?.map((h) => h.trim());
  if (!header) throw new FactlensError('input-invalid', `${source} is empty.`);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new FactlensError('input-invalid', `${source} lacks column(s) ${missing.join(', ')}; its header is: ${header.join(', ')}.`);
  }
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
