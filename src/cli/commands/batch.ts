/**
 * `factlens batch`: many articles in, one JSON line out per article, in input order. Input is a
 * JSONL file (or `-` for stdin) with one `{id?, text?|html?|url?, title?, published?, source?}` per
 * line, or a folder whose files are each one article. A failing article becomes an
 * `{"id", "error": {"code", "message"}}` line and the batch goes on.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type ErrorCode, FactlensError, toFactlensError } from '../../core/errors.js';
import { tuneGarbageCollection } from '../../core/gc.js';
import type { ArticleMeta } from '../../core/types.js';
import { DEFAULT_MAX_BYTES } from '../../ingest/decode.js';
import type { ArticleInput } from '../../ingest/index.js';
import { readJsonl, recordToInput } from '../../ingest/jsonl.js';
import { DEFAULT_ANALYSIS_TIMEOUT_MS } from '../../runtime/deadline.js';
import type { AnalyzeResult, JobOptions } from '../../runtime/job.js';
import { createJobRunner } from '../../runtime/run-job.js';
import { parseCommandArgs, parseTimeoutMs } from '../args.js';
import type { Command } from '../command.js';
import { type CliIo, createProgress } from '../io.js';
import { loadStyleLexicons } from '../lexicons.js';
import { openAtomicFile } from '../output.js';
import { inputFileError, readArticleInput } from '../read-input.js';
import { parseFailOn, reachesFailOn } from './check.js';

const USAGE = `Usage: factlens batch <input.jsonl | folder | -> [options]

Analyze many articles. Input is a JSONL file (- for stdin), one article per line:
  {"id": "a1", "text": "Headline\\n\\nBody…", "published": "2015-10-21", "source": "example.com"}
  {"id": "a2", "html": "<html>…</html>", "url": "https://example.com/story"}
  {"id": "a3", "url": "https://example.com/story"}
(fields: id, text | html | url, title, published, source; other short text fields, such as a
dataset's labels, are kept in article.meta.extra, and one warning names the fields not analyzed),
or a folder whose files (text or HTML)
are one article each, taken in name order. Output is one JSON line per article, in input order: the
report with an "id" field, or {"id", "error": {"code", "message"}} when that article failed.

Options:
  -o, --output FILE        write the JSONL here (default: stdout); the file appears complete when the
                           batch ends, or not at all
  --format FORMAT          jsonl (default; the only format)
  --concurrency N          keep N articles in flight (default 1); url records then fetch in parallel
  --workers N              analyze in N worker threads (default 1; 0: in this thread, where the time
                           budget cannot be enforced)
  --timeout-ms N           time budget of one article (default ${DEFAULT_ANALYSIS_TIMEOUT_MS}; a URL's fetch has its own):
                           past it the worker is stopped and replaced, the article gets an
                           analysis-timeout error line and the batch goes on; 0: no limit (and
                           analysis in this thread unless --workers is given)
  --fail-on LEVEL          exit 1 when any report reaches LEVEL (problem | warning | info | score:N)
  --published DATE         default publication date for records without one
  --source NAME            default source for records without one
  --analyzers LIST         comma-separated analyzer ids to run (default: all)
  --lexicons DIR           research lexicons for the style analyzer
  --any-language           analyze text that does not look like English
  --max-bytes N            per-article (and per-line) size limit (default ${DEFAULT_MAX_BYTES})
  --db FILE                corpus database (default: $FACTLENS_DB, else the per-user corpus of factlens corpus)
  --allow-private-network  allow url records to reach loopback/private addresses

A progress bar goes to stderr when it is a terminal; a summary line always does.
Exit codes: 0 the batch ran (even if some articles failed), 1 --fail-on reached, 2 bad usage, an
unreadable input, every article failed, or the output could not be written, 3 internal error.

Example:
  factlens batch articles.jsonl -o reports.jsonl --concurrency 2
`;

/** One unit of batch work: an input to analyze, or an item that already failed. */
type BatchItem =
  | { id: string; input: ArticleInput; meta: Partial<ArticleMeta> }
  | { id: string; error: { code: ErrorCode; message: string } };

/** Fields of the input that were not analyzed: kept as metadata, or ignored (too long, not text). */
interface FieldNotes {
  kept: Set<string>;
  ignored: Set<string>;
}

/** The articles of a JSONL stream, in order; unknown fields are noted in `notes`. */
async function* jsonlItems(stream: AsyncIterable<Uint8Array | string>, maxBytes: number, notes: FieldNotes): AsyncGenerator<BatchItem> {
  for await (const item of readJsonl(stream, { maxLineBytes: maxBytes })) {
    if ('error' in item) yield { id: item.id, error: item.error };
    else {
      for (const key of Object.keys(item.record.extra ?? {})) notes.kept.add(key);
      for (const key of item.ignored ?? []) notes.ignored.add(key);
      yield { id: item.id, ...recordToInput(item.record) };
    }
  }
}

/** One line naming the fields a batch did not analyze, or undefined when there were none. */
function fieldWarning(notes: FieldNotes): string | undefined {
  const list = (names: Set<string>): string => {
    const all = [...names];
    return all.length > 12 ? `${all.slice(0, 12).join(', ')} and ${all.length - 12} more` : all.join(', ');
  };
  const parts: string[] = [];
  if (notes.kept.size > 0) parts.push(`kept field${notes.kept.size === 1 ? '' : 's'} ${list(notes.kept)} as metadata (article.meta.extra)`);
  if (notes.ignored.size > 0) parts.push(`ignored field${notes.ignored.size === 1 ? '' : 's'} ${list(notes.ignored)} (not short text)`);
  return parts.length > 0 ? `factlens batch: warning: ${parts.join('; ')}\n` : undefined;
}

/** The files of a folder, in name order, one article each. */
async function* folderItems(dir: string, io: CliIo, maxBytes: number): AsyncGenerator<BatchItem> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isFile() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
  for (const name of names) {
    try {
      yield { id: name, input: await readArticleInput(join(dir, name), io, maxBytes), meta: { extra: { id: name } } };
    } catch (err) {
      const e = toFactlensError(err);
      yield { id: name, error: { code: e.code, message: e.message } };
    }
  }
}

/** Writes lines to stdout, or to a file that appears complete only when the batch finishes. */
async function lineWriter(io: CliIo, path: string | undefined): Promise<{ write(line: string): Promise<void>; close(): Promise<void>; abort(): Promise<void> }> {
  if (!path) return { write: async (line) => void io.stdout.write(`${line}\n`), close: async () => {}, abort: async () => {} };
  const file = await openAtomicFile(path, io.outputFs);
  return { write: (line) => file.write(`${line}\n`), close: () => file.commit(), abort: () => file.abort() };
}

function parsePositiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new FactlensError('usage', `${name} must be a positive integer.`);
  return n;
}

/** One output line for a finished article. */
function outputLine(id: string, result: AnalyzeResult): string {
  return 'report' in result ? JSON.stringify({ id, ...result.report }) : JSON.stringify({ id, error: result.error });
}

export const batchCommand: Command = {
  name: 'batch',
  summary: 'analyze a JSONL file or a folder of articles, one JSON report per line',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('batch', args, {
      output: { type: 'string', short: 'o' },
      format: { type: 'string', default: 'jsonl' },
      concurrency: { type: 'string' },
      workers: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'fail-on': { type: 'string' },
      published: { type: 'string' },
      source: { type: 'string' },
      analyzers: { type: 'string' },
      lexicons: { type: 'string' },
      'any-language': { type: 'boolean', default: false },
      'max-bytes': { type: 'string' },
      db: { type: 'string' },
      'allow-private-network': { type: 'boolean', default: false },
    });
    if (positionals.length !== 1) throw new FactlensError('usage', 'Give one input: a JSONL file, a folder, or - for stdin.');
    if (values.format !== 'jsonl') throw new FactlensError('usage', `Unknown format "${values.format}": batch writes jsonl.`);
    if (values.published !== undefined && Number.isNaN(Date.parse(values.published))) {
      throw new FactlensError('usage', `--published "${values.published}" is not a date: use YYYY-MM-DD.`);
    }
    const timeoutMs = parseTimeoutMs(values['timeout-ms'], DEFAULT_ANALYSIS_TIMEOUT_MS);
    // A worker thread by default, so that an article past its budget can be stopped.
    const workers = values.workers === '0' ? 0 : parsePositiveInt(values.workers, '--workers', timeoutMs > 0 ? 1 : 0);
    const concurrency = Math.max(parsePositiveInt(values.concurrency, '--concurrency', 1), workers);
    const maxBytes = parsePositiveInt(values['max-bytes'], '--max-bytes', DEFAULT_MAX_BYTES);
    const failOn = values['fail-on'];
    const failOnThreshold = parseFailOn(failOn);

    const target = positionals[0]!;
    let items: AsyncGenerator<BatchItem>;
    let total: number | undefined;
    const notes: FieldNotes = { kept: new Set(), ignored: new Set() };
    if (target === '-') items = jsonlItems(io.stdin as AsyncIterable<Uint8Array | string>, maxBytes, notes);
    else {
      const path = resolve(io.cwd, target);
      const info = await stat(path).catch((err: unknown) => {
        throw inputFileError(err, target);
      });
      if (info.isDirectory()) {
        total = (await readdir(path, { withFileTypes: true })).filter((d) => d.isFile() && !d.name.startsWith('.')).length;
        items = folderItems(path, io, maxBytes);
      } else items = jsonlItems(createReadStream(path), maxBytes, notes);
    }

    const baseOptions: JobOptions = {
      maxBytes,
      requireEnglish: !values['any-language'],
      analyzers: values.analyzers
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      analyzerOptions: values.lexicons ? { style: loadStyleLexicons(values.lexicons) } : undefined,
      allowPrivateNetwork: values['allow-private-network'],
    };
    const defaults: Partial<ArticleMeta> = {};
    if (values.published) defaults.publishedAt = values.published;
    if (values.source) defaults.source = values.source;

    const setup = { db: values.db, env: io.env, cwd: io.cwd };
    tuneGarbageCollection();
    const runner = await createJobRunner({ threads: workers, timeoutMs, services: setup });
    let writer: Awaited<ReturnType<typeof lineWriter>>;
    try {
      writer = await lineWriter(io, values.output ? resolve(io.cwd, values.output) : undefined);
    } catch (err) {
      await runner.close();
      throw err;
    }
    const progress = createProgress(io, 'batch', total);
    const started = Date.now();
    const counts = { items: 0, reports: 0, reachedFailOn: 0 };
    const failures = new Map<string, number>();
    let seq = 0;

    const handle = async (item: BatchItem): Promise<string> => {
      const n = seq++;
      let result: AnalyzeResult;
      if ('error' in item) result = { seq: n, error: item.error };
      else {
        const job = { seq: n, input: item.input, options: { ...baseOptions, meta: { ...defaults, ...item.meta } } };
        result = await runner.run(job);
      }
      if ('report' in result) {
        counts.reports++;
        if (reachesFailOn(result.report, failOnThreshold)) counts.reachedFailOn++;
      } else failures.set(result.error.code, (failures.get(result.error.code) ?? 0) + 1);
      progress.tick();
      return outputLine(item.id, result);
    };

    // The summary is printed whatever happens; a failed write stops the batch and removes its
    // unfinished output, so no truncated file stands where a complete one was expected.
    let failure: unknown;
    try {
      // A window of in-flight articles; lines are written strictly in input order.
      const window: Promise<string>[] = [];
      for await (const item of items) {
        counts.items++;
        window.push(handle(item));
        if (window.length >= concurrency) await writer.write(await window.shift()!);
      }
      while (window.length > 0) await writer.write(await window.shift()!);
      await writer.close();
    } catch (err) {
      failure = err;
      await writer.abort();
    } finally {
      progress.done();
      await runner.close();
    }
    const warning = fieldWarning(notes);
    if (warning) io.stderr.write(warning);
    const failed = [...failures.values()].reduce((a, b) => a + b, 0);
    const detail = failed > 0 ? ` (${[...failures].map(([code, n]) => `${code} ${n}`).join(', ')})` : '';
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const failNote = failOn ? `, ${counts.reachedFailOn} reached --fail-on ${failOn}` : '';
    const outputNote = failure !== undefined && values.output ? `; ${values.output} not written` : '';
    io.stderr.write(`factlens batch: ${counts.items} articles, ${counts.reports} reports, ${failed} failed${detail}${failNote} in ${seconds} s${outputNote}\n`);
    if (failure !== undefined) throw failure;
    // every article failed: the batch produced nothing usable, which a script must be able to see
    if (counts.items > 0 && counts.reports === 0) {
      throw new FactlensError('input-invalid', `All ${counts.items} articles failed${detail}: see the error lines in the output.`);
    }
    return counts.reachedFailOn > 0 ? 1 : 0;
  },
};
