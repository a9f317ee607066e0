/**
 * CSV and TSV reading (RFC 4180 quoting) that survives real files: CR, LF or CRLF row ends
 * (some lists use bare CR), a byte-order mark, blank lines, quoted fields spanning lines. Each row
 * carries the physical line it starts on, so a bad row can be reported as file:line.
 */

/** One parsed row and the 1-based line it starts on. */
export interface DelimitedRow {
  fields: string[];
  line: number;
}

/**
 * Parses delimited text into rows; blank rows are skipped.
 * @example [...parseDelimited('a,b\n1,"x, y"\n')].map((r) => r.fields) // [['a','b'], ['1','x, y']]
 */
export function* parseDelimited(text: string, delimiter = ','): Generator<DelimitedRow> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = src.length;
  const d = delimiter.charCodeAt(0);
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let rowDone = false;
    while (!rowDone) {
      if (i < n && src.charCodeAt(i) === 34 /* " */) {
        // quoted field: runs to the closing quote; "" is a literal quote
        i++;
        let chunkStart = i;
        for (;;) {
          if (i >= n) {
            field += src.slice(chunkStart, i);
            break;
          }
          const c = src.charCodeAt(i);
          if (c === 34) {
            field += src.slice(chunkStart, i);
            if (i + 1 < n && src.charCodeAt(i + 1) === 34) {
              field += '"';
              i += 2;
              chunkStart = i;
              continue;
            }
            i++;
            break;
          }
          if (c === 10 || (c === 13 && src.charCodeAt(i + 1) !== 10)) line++;
          i++;
        }
        // anything between the closing quote and the delimiter is kept, as most readers do
        const restStart = i;
        while (i < n && src.charCodeAt(i) !== d && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
        field += src.slice(restStart, i);
      } else {
        const start = i;
        while (i < n && src.charCodeAt(i) !== d && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
        field = src.slice(start, i);
      }
      fields.push(field);
      field = '';
      if (i >= n) rowDone = true;
      else if (src.charCodeAt(i) === d) i++;
      else {
        // CRLF, LF or a bare CR ends the row
        if (src.charCodeAt(i) === 13 && src.charCodeAt(i + 1) === 10) i++;
        i++;
        line++;
        rowDone = true;
      }
    }
    if (fields.length === 1 && fields[0]!.trim() === '') continue;
    yield { fields, line: startLine };
  }
}

/** A row keyed by the header's column names (trimmed), with the line it starts on. */
export interface HeaderRow {
  values: Record<string, string>;
  line: number;
}

/**
 * Parses delimited text with a header row; returns the header and the keyed rows.
 * Columns without a name are keyed by position (`#3`).
 */
export function readWithHeader(text: string, delimiter = ','): { header: string[]; rows: HeaderRow[] } {
  const rows = parseDelimited(text, delimiter);
  const first = rows.next();
  if (first.done) return { header: [], rows: [] };
  const header = first.value.fields.map((h, i) => h.trim() || `#${i}`);
  const out: HeaderRow[] = [];
  for (const r of rows) {
    const values: Record<string, string> = {};
    r.fields.forEach((f, i) => {
      values[header[i] ?? `#${i}`] = f;
    });
    out.push({ values, line: r.line });
  }
  return { header, rows: out };
}
