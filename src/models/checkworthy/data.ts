/**
 * Check-worthiness data in the formats the benchmarks publish, read into transcripts (the unit
 * CheckThat! ranks and averages over):
 * - CheckThat! 2019 Task 1, per-debate TSV: line_number, speaker, text, label (no header) — a
 *   directory of them, or one file;
 * - the CSV rendering with a header line_number,speaker,text,label,file_name (one transcript per
 *   file_name);
 * - CheckThat! 2020 Task 5 TSV with header text,label (one transcript per file);
 * - CheckThat! 2020 Task 1 tweets TSV (topic_id, tweet_id, tweet_url, tweet_text, claim,
 *   check_worthiness; one "transcript" per topic);
 * - ClaimBuster JSON: a list of {sentence_id, label, text} (one group per file).
 */
import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { FactlensError } from '../../core/errors.js';
import { isDirectory, nonEmptyLines, parseDelimited, parseTable, readTextFile } from '../data-files.js';
import { sha256Of } from '../weight-file.js';

/** One sentence (or tweet) of a transcript. */
export interface CheckworthyLine {
  /** the id written in submissions (line_number, sentence_id or tweet_id) */
  id: string;
  speaker?: string;
  text: string;
  /** 1 check-worthy, 0 not; undefined when the file has no gold labels */
  label?: number;
}

/** A transcript (debate, speech) or other group ranked as a whole. */
export interface Transcript {
  name: string;
  lines: CheckworthyLine[];
  /** the lines are independent items (a shuffled sentence list, tweets), not a document in order */
  unordered?: boolean;
}

/** Transcripts read from a path, with the hash of the bytes read. */
export interface CheckworthyData {
  transcripts: Transcript[];
  sha256: string;
  /** format of each file read */
  formats: string[];
}

function parseLabel(raw: string | undefined, source: string): number | undefined {
  const v = raw?.trim();
  if (v === undefined || v === '') return undefined;
  if (v === '1' || v === '1.0') return 1;
  if (v === '0' || v === '0.0') return 0;
  throw new FactlensError('input-invalid', `${source}: label "${v}" is neither 0 nor 1.`);
}

const stem = (path: string): string => basename(path).replace(/\.(tsv|csv|json|txt)$/i, '');

/** Parses one file's text; `path` gives its name and format (by extension and header). */
export function parseCheckworthyFile(path: string, text: string): { transcripts: Transcript[]; format: string } {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') {
    let rows: unknown;
    try {
      rows = JSON.parse(text);
    } catch (err) {
      throw new FactlensError('input-invalid', `${path} is not valid JSON.`, { cause: err });
    }
    if (!Array.isArray(rows)) throw new FactlensError('input-invalid', `${path}: expected a JSON list of {sentence_id, label, text}.`);
    const lines = rows.map((r, i): CheckworthyLine => {
      const o = r as Record<string, unknown>;
      if (typeof o?.text !== 'string') throw new FactlensError('input-invalid', `${path}: item ${i} has no text.`);
      return { id: String(o.sentence_id ?? i + 1), text: o.text, label: parseLabel(o.label === undefined ? undefined : String(o.label), path) };
    });
    return { transcripts: [{ name: stem(path), lines, unordered: true }], format: 'claimbuster-json' };
  }
  const firstLine = nonEmptyLines(text.slice(0, 4096))[0] ?? '';
  if (ext === '.csv' || firstLine.includes('file_name')) {
    const rows = parseTable(text, path, ['line_number', 'text', 'label', 'file_name']);
    const groups = new Map<string, CheckworthyLine[]>();
    for (const r of rows) {
      const name = r.file_name!.replace(/\.tsv$/i, '');
      if (!groups.has(name)) groups.set(name, []);
      groups.get(name)!.push({ id: r.line_number!, speaker: r.speaker, text: r.text!, label: parseLabel(r.label, path) });
    }
    return { transcripts: [...groups].map(([name, lines]) => ({ name, lines })), format: 'checkthat2019-csv' };
  }
  const header = firstLine.split('\t').map((h) => h.trim());
  if (header.includes('tweet_text')) {
    const rows = parseTable(text, path, ['tweet_id', 'tweet_text', 'check_worthiness'], { delimiter: '\t', quotes: false });
    const groups = new Map<string, CheckworthyLine[]>();
    for (const r of rows) {
      const name = r.topic_id || stem(path);
      if (!groups.has(name)) groups.set(name, []);
      groups.get(name)!.push({ id: r.tweet_id!, text: r.tweet_text!, label: parseLabel(r.check_worthiness, path) });
    }
    return { transcripts: [...groups].map(([name, lines]) => ({ name, lines, unordered: true })), format: 'checkthat2020-tweets' };
  }
  if (header[0] === 'text') {
    const rows = parseTable(text, path, ['text', 'label'], { delimiter: '\t', quotes: false });
    const lines = rows.map((r, i) => ({ id: String(i + 1), text: r.text!, label: parseLabel(r.label, path) }));
    return { transcripts: [{ name: stem(path), lines }], format: 'checkthat2020-debates' };
  }
  // the official per-debate TSV: line_number, speaker, text[, label]
  const rows = parseDelimited(text, { delimiter: '\t', quotes: false });
  const lines = rows.map((r, i): CheckworthyLine => {
    if (r.length < 3) throw new FactlensError('input-invalid', `${path} line ${i + 1}: expected line_number, speaker, text[, label] separated by tabs.`);
    return { id: r[0]!.trim(), speaker: r[1], text: r[2]!, label: parseLabel(r[3], path) };
  });
  if (lines[0] && !/^\d+$/.test(lines[0].id)) lines.shift(); // a header row
  return { transcripts: [{ name: stem(path), lines }], format: 'checkthat2019-tsv' };
}

/**
 * Reads a file, or every .tsv/.csv/.json file of a directory (sorted by name).
 * @example const { transcripts } = await loadCheckworthyData('../shared/data/checkthat2019-task1-debates')
 */
export async function loadCheckworthyData(path: string): Promise<CheckworthyData> {
  let files: string[];
  if (await isDirectory(path)) {
    files = (await readdir(path))
      .filter((f) => /\.(tsv|csv|json)$/i.test(f))
      .sort()
      .map((f) => join(path, f));
    if (files.length === 0) throw new FactlensError('input-invalid', `${path} holds no .tsv, .csv or .json files.`);
  } else files = [path];
  const transcripts: Transcript[] = [];
  const formats: string[] = [];
  const blobs: string[] = [];
  for (const file of files) {
    const text = await readTextFile(file);
    const parsed = parseCheckworthyFile(file, text);
    transcripts.push(...parsed.transcripts.filter((t) => t.lines.length > 0));
    formats.push(parsed.format);
    blobs.push(basename(file), text);
  }
  return { transcripts, sha256: sha256Of(blobs), formats };
}

/** Normalized text used to find the same sentence across corpora (lower-cased letters and digits). */
export function sentenceKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function fiveGrams(text: string): string[] {
  const w = sentenceKey(text).split(' ');
  const out: string[] = [];
  for (let i = 0; i + 5 <= w.length; i++) out.push(w.slice(i, i + 5).join(' '));
  return out;
}

/**
 * A test for lines that repeat a held-out sentence: the same normalized text, or half or more of
 * their word 5-grams found in held-out text. Extra corpora (ClaimBuster, CheckThat! 2020) reuse
 * the CheckThat! 2019 debates, sometimes with other labels, so their repeats are left out of training.
 */
export function repeatsOf(heldOut: readonly CheckworthyLine[]): (line: CheckworthyLine) => boolean {
  const keys = new Set(heldOut.map((l) => sentenceKey(l.text)));
  const grams = new Set(heldOut.flatMap((l) => fiveGrams(l.text)));
  return (l) => {
    if (keys.has(sentenceKey(l.text))) return true;
    const g = fiveGrams(l.text);
    if (g.length === 0) return false;
    let hits = 0;
    for (const x of g) if (grams.has(x)) hits++;
    return hits / g.length >= 0.5;
  };
}

/** The lines that do not repeat a held-out sentence (see {@link repeatsOf}). */
export function withoutHeldOut(lines: readonly CheckworthyLine[], heldOut: readonly CheckworthyLine[]): CheckworthyLine[] {
  const repeats = repeatsOf(heldOut);
  return lines.filter((l) => !repeats(l));
}

/**
 * Splits a transcript into runs of lines that do not repeat a held-out sentence, so that no kept
 * line reads a removed one as its neighbour.
 */
export function runsWithoutHeldOut(t: Transcript, repeats: (line: CheckworthyLine) => boolean): { runs: Transcript[]; dropped: number } {
  const runs: Transcript[] = [];
  let current: CheckworthyLine[] = [];
  let dropped = 0;
  for (const l of t.lines) {
    if (repeats(l)) {
      dropped++;
      if (current.length > 0) runs.push({ name: `${t.name}#${runs.length + 1}`, lines: current });
      current = [];
    } else current.push(l);
  }
  if (current.length > 0) runs.push({ name: `${t.name}#${runs.length + 1}`, lines: current });
  return { runs, dropped };
}
