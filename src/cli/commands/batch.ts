/**
 * `factlens batch`: many articles in, one JSON line out per article, in input order. Input is a
 * JSONL file (or `-` for stdin) with one `{id?, text?|html?|url?, title?, published?, source?}` per
 * line, or a folder whose files are each one article. A failing article becomes an
 * `{"id", "error": {"code", "message"}}` line and the batch goes on. Locally the articles run on
 * this machine (resumable with --resume); with --queue they are enqueued on PostgreSQL for
 * `factlens worker` processes anywhere (batch-queue.ts), and `batch status` / `batch export` follow
 * and collect such a run.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { FactlensError } from '../../core/errors.js';
import { tuneGarbageCollection } from '../../core/gc.js';
import type { ArticleMeta, Report, Severity } from '../../core/types.js';
import { DEFAULT_MAX_BYTES } from '../../ingest/decode.js';
import { DEFAULT_ANALYSIS_TIMEOUT_MS } from '../../runtime/deadline.js';
import { type AnalyzeResult, type BatchItem, itemHash, type JobOptions } from '../../runtime/job.js';
import { pipelineVersion } from '../../runtime/pipeline-version.js';
import { createJobRunner } from '../../runtime/run-job.js';
import { parseCommandArgs, parseTimeoutMs } from '../args.js';
import { fieldWarning, openBatchInput } from '../batch-items.js';
import { type JournalEntry, journalPath, openResumableOutput, type ResumableOutput } from '../batch-journal.js';
import type { Command } from '../command.js';
import { type CliIo, createProgress } from '../io.js';
import { loadStyleLexicons } from '../lexicons.js';
import { openAtomicFile } from '../output.js';
import { BATCH_EXPORT_USAGE, BATCH_STATUS_USAGE, batchExport, batchStatus, enqueueBatch, QUEUE_OPTIONS_USAGE } from './batch-queue.js';
import { parseFailOn, reachesFailOn } from './check.js';

const USAGE = `Usage: factlens batch <input.jsonl | folder | -> [options]
       factlens batch <input.jsonl | folder | -> --queue postgres://… --run NAME [options]
       factlens batch status NAME [--queue postgres://…] [--json]
       factlens batch export NAME -o out.jsonl [--queue postgres://…]

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
                           batch ends, or not at all (but see --resume)
  --resume                 write FILE as the batch goes (appends fsync'ed at least every 0.25 s, with
                           a journal FILE.journal of item ids and content hashes beside it), so that
                           an interrupted batch (Ctrl-C, a crash, kill -9, a power cut) continues
                           where it stopped when the same command is run again: no line lost, none
                           twice; the input must start with the same items. Needs -o
  --format FORMAT          jsonl (default; the only format)
  --concurrency N          keep N articles in flight (default 1); url records then fetch in parallel
  --workers N              analyze in N worker threads (default 1; 0: in this thread, where the time
                           budget cannot be enforced).
                           WORKERS_NOTE
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
${QUEUE_OPTIONS_USAGE}
A progress bar (count, total, rate, ETA) goes to stderr when it is a terminal; a summary line always
does. Ctrl-C (SIGINT) or SIGTERM stops reading, lets the articles in flight finish (a second
Ctrl-C drops them), writes what is done and prints the summary.
Exit codes: 0 the batch ran (even if some articles failed), 1 --fail-on reached, 2 bad usage, an
unreadable input, every article failed, or the output could not be written, 3 internal error,
130 stopped by SIGINT, 143 by SIGTERM.

Examples:
  factlens batch articles.jsonl -o reports.jsonl --concurrency 2
  factlens batch articles.jsonl -o reports.jsonl --resume      (again after an interruption)
  factlens batch articles.jsonl --queue postgres://db.example/factlens --run week-12
`;

/**
 * What --workers 2 does against --workers 1 on a machine like the development one (2 shared cores),
 * measured by npm run bench:queue (docs/BENCHMARKS.md, batch section).
 */
const WORKERS_NOTE =
  'Not faster on two shared cores: there --workers 2 ran at 0.73x the\n                           speed of 1 (docs/BENCHMARKS.md, queue section); a second thread pays\n                           only with a core free for it';

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

const RANK: Record<Severity, number> = { info: 0, warning: 1, problem: 2 };

/** The journal entry of a finished article: enough to count it again on --resume. */
function journalEntry(item: BatchItem, hash: string, result: AnalyzeResult): JournalEntry {
  if ('error' in result) return { id: item.id, hash, code: result.error.code };
  let worst: Severity | undefined;
  for (const f of result.report.findings) if (!worst || RANK[f.severity] > RANK[worst]) worst = f.severity;
  return { id: item.id, hash, score: result.report.verdict.score, ...(worst ? { worst } : {}) };
}

/** --fail-on for a line kept from an interrupted run, from what its journal entry recorded. */
function entryReachesFailOn(entry: JournalEntry, failOn: ReturnType<typeof parseFailOn>): boolean {
  if (!failOn || entry.code !== undefined) return false;
  // compared as reachesFailOn compares the report's own score (null included)
  if ('score' in failOn) return (entry.score as number) < failOn.score;
  return entry.worst !== undefined && RANK[entry.worst] >= RANK[failOn.severity];
}

/** Line writers: stdout, a file complete or absent (atomic), or a resumable file. */
interface LineSink {
  write(item: BatchItem, hash: string, result: AnalyzeResult, line: string): Promise<void>;
  /** the batch finished: make the output whole */
  close(): Promise<void>;
  /** the batch stopped before its end */
  abort(): Promise<void>;
}

async function openSink(io: CliIo, path: string | undefined, resumable: ResumableOutput | undefined): Promise<LineSink> {
  if (resumable) {
    return {
      write: (item, hash, result, line) => resumable.append(journalEntry(item, hash, result), line),
      close: () => resumable.finish(),
      abort: () => resumable.close(),
    };
  }
  if (!path) return { write: async (_i, _h, _r, line) => void io.stdout.write(`${line}\n`), close: async () => {}, abort: async () => {} };
  const file = await openAtomicFile(path, io.outputFs);
  return { write: (_i, _h, _r, line) => file.write(`${line}\n`), close: () => file.commit(), abort: () => file.abort() };
}

const BATCH_OPTIONS = {
  output: { type: 'string', short: 'o' },
  resume: { type: 'boolean', default: false },
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
  queue: { type: 'string' },
  run: { type: 'string' },
  retries: { type: 'string' },
  'retry-delay': { type: 'string' },
  'stall-seconds': { type: 'string' },
} as const;

export const batchCommand: Command = {
  name: 'batch',
  summary: 'analyze a JSONL file or a folder of articles, locally or on a PostgreSQL queue',
  usage: USAGE.replace('WORKERS_NOTE', WORKERS_NOTE),
  helpFor(args) {
    if (args[0] === 'status') return BATCH_STATUS_USAGE;
    if (args[0] === 'export') return BATCH_EXPORT_USAGE;
    return undefined;
  },
  async run(args, io) {
    if (args[0] === 'status') return batchStatus(args.slice(1), io);
    if (args[0] === 'export') return batchExport(args.slice(1), io);
    const { values, positionals } = parseCommandArgs('batch', args, BATCH_OPTIONS);
    if (positionals.length !== 1) throw new FactlensError('usage', 'Give one input: a JSONL file, a folder, or - for stdin.');
    if (values.format !== 'jsonl') throw new FactlensError('usage', `Unknown format "${values.format}": batch writes jsonl.`);
    if (values.published !== undefined && Number.isNaN(Date.parse(values.published))) {
      throw new FactlensError('usage', `--published "${values.published}" is not a date: use YYYY-MM-DD.`);
    }
    if (values.resume && !values.output) throw new FactlensError('usage', '--resume needs -o FILE: the output file is where the batch resumes.');
    const timeoutMs = parseTimeoutMs(values['timeout-ms'], DEFAULT_ANALYSIS_TIMEOUT_MS);
    const maxBytes = parsePositiveInt(values['max-bytes'], '--max-bytes', DEFAULT_MAX_BYTES);
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

    const queueUrl = values.queue ?? (values.run !== undefined ? io.env.FACTLENS_QUEUE : undefined);
    if (queueUrl !== undefined || values.run !== undefined) {
      for (const local of ['output', 'resume', 'concurrency', 'workers', 'fail-on', 'db'] as const) {
        if (values[local] !== undefined && values[local] !== false) {
          throw new FactlensError('usage', `--${local} is for a local batch; with --queue, the workers analyze (factlens worker) and factlens batch export writes the output.`);
        }
      }
      return enqueueBatch(io, {
        target: positionals[0]!,
        queueUrl,
        run: values.run,
        options: { ...baseOptions, meta: defaults },
        timeoutMs,
        retries: values.retries,
        retryDelay: values['retry-delay'],
        stallSeconds: values['stall-seconds'],
      });
    }
    for (const queued of ['retries', 'retry-delay', 'stall-seconds'] as const) {
      if (values[queued] !== undefined) throw new FactlensError('usage', `--${queued} is for a batch on a queue (--queue URL --run NAME).`);
    }

    // A worker thread by default, so that an article past its budget can be stopped.
    const workers = values.workers === '0' ? 0 : parsePositiveInt(values.workers, '--workers', timeoutMs > 0 ? 1 : 0);
    const concurrency = Math.max(parsePositiveInt(values.concurrency, '--concurrency', 1), workers);
    const failOn = values['fail-on'];
    const failOnThreshold = parseFailOn(failOn);
    const input = await openBatchInput(positionals[0]!, io, maxBytes);
    const outputPath = values.output ? resolve(io.cwd, values.output) : undefined;

    let resumable: ResumableOutput | undefined;
    if (values.resume) {
      // everything that can change an output line; not how fast it is made
      const fingerprint = createHash('sha256')
        .update(JSON.stringify({ pipeline: pipelineVersion(), baseOptions, defaults, timeoutMs, db: values.db ?? io.env.FACTLENS_DB ?? null }))
        .digest('hex')
        .slice(0, 32);
      resumable = await openResumableOutput(outputPath!, fingerprint);
    }
    const resumed = resumable?.done ?? [];
    const counts = { items: 0, reports: 0, reachedFailOn: 0, resumed: resumed.length };
    const failures = new Map<string, number>();
    const count = (code: string | undefined, isFailOn: boolean): void => {
      if (code === undefined) {
        counts.reports++;
        if (isFailOn) counts.reachedFailOn++;
      } else failures.set(code, (failures.get(code) ?? 0) + 1);
    };
    const started = Date.now();

    const summary = (extra: string): void => {
      const warning = fieldWarning(input.notes);
      if (warning) io.stderr.write(warning);
      const failed = [...failures.values()].reduce((a, b) => a + b, 0);
      const detail = failed > 0 ? ` (${[...failures].map(([code, n]) => `${code} ${n}`).join(', ')})` : '';
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const failNote = failOn ? `, ${counts.reachedFailOn} reached --fail-on ${failOn}` : '';
      const resumeNote = counts.resumed > 0 ? `, ${counts.resumed} kept from the interrupted run` : '';
      io.stderr.write(`factlens batch: ${counts.items} articles, ${counts.reports} reports, ${failed} failed${detail}${failNote}${resumeNote} in ${seconds} s${extra}\n`);
    };

    if (resumable?.isComplete) {
      for (const entry of resumed) {
        counts.items++;
        count(entry.code, entryReachesFailOn(entry, failOnThreshold));
      }
      await resumable.close();
      summary(`; ${values.output} was already complete`);
      return counts.reachedFailOn > 0 ? 1 : 0;
    }

    const setup = { db: values.db, env: io.env, cwd: io.cwd };
    tuneGarbageCollection();
    let sink: LineSink;
    const runner = await createJobRunner({ threads: workers, timeoutMs, services: setup }).catch(async (err: unknown) => {
      await resumable?.close();
      throw err;
    });
    try {
      sink = await openSink(io, outputPath, resumable);
    } catch (err) {
      await runner.close();
      throw err;
    }
    const progress = createProgress(io, 'batch', input.total, resumed.length);

    // Ctrl-C or SIGTERM: stop reading, finish what is in flight; a second one drops it.
    let stopSignal: NodeJS.Signals | undefined;
    let isAborted = false;
    let wake: () => void = () => {};
    const stopped = new Promise<undefined>((r) => {
      wake = () => r(undefined);
    });
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopSignal === undefined) {
        stopSignal = signal;
        io.stderr.write(`\nfactlens batch: ${signal}: finishing the articles in flight (again to drop them)\n`);
        wake();
      } else {
        isAborted = true;
        void runner.close();
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    let seq = 0;
    const handle = async (item: BatchItem, hash: string): Promise<{ item: BatchItem; hash: string; result: AnalyzeResult }> => {
      const n = seq++;
      const result: AnalyzeResult =
        'error' in item ? { seq: n, error: item.error } : await runner.run({ seq: n, input: item.input, options: { ...baseOptions, meta: { ...defaults, ...item.meta } } });
      return { item, hash, result };
    };
    const emit = async ({ item, hash, result }: Awaited<ReturnType<typeof handle>>): Promise<void> => {
      const line = outputLine(item.id, result);
      await sink.write(item, hash, result, line);
      count('error' in result ? result.error.code : undefined, 'report' in result && reachesFailOn(result.report as Report, failOnThreshold));
      progress.tick();
    };

    // The summary is printed whatever happens; a failed write stops the batch and removes its
    // unfinished output (or, with --resume, keeps what was written for the next run).
    let failure: unknown;
    try {
      const items = input.items[Symbol.asyncIterator]();
      // A window of in-flight articles; lines are written strictly in input order.
      const window: Promise<Awaited<ReturnType<typeof handle>>>[] = [];
      let index = 0;
      while (stopSignal === undefined) {
        const next = await Promise.race([items.next(), stopped]);
        if (!next || next.done) break;
        const item = next.value;
        const hash = itemHash(item);
        counts.items++;
        if (index < resumed.length) {
          const kept = resumed[index]!;
          if (kept.id !== item.id || kept.hash !== hash) {
            throw new FactlensError(
              'input-invalid',
              `Item ${index + 1} of the input (id "${item.id.slice(0, 80)}") is not the one ${values.output} was begun with ("${kept.id.slice(0, 80)}"): resume with the same input, or remove ${values.output} and ${journalPath(values.output!)} to start afresh.`,
            );
          }
          count(kept.code, entryReachesFailOn(kept, failOnThreshold));
          index++;
          seq++;
          continue;
        }
        index++;
        window.push(handle(item, hash));
        if (window.length >= concurrency) await emit(await window.shift()!);
      }
      while (window.length > 0 && !isAborted) await emit(await window.shift()!);
      if (stopSignal === undefined) await sink.close();
      else {
        // counted but never written: the articles read when the signal came and dropped since
        counts.items = counts.reports + [...failures.values()].reduce((a, b) => a + b, 0);
        await sink.abort();
      }
    } catch (err) {
      failure = err;
      await sink.abort();
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      progress.done();
      await runner.close();
    }
    let note = '';
    if (stopSignal !== undefined) {
      const of = input.total !== undefined ? ` of ${input.total}` : '';
      note = resumable
        ? `; stopped by ${stopSignal} after ${counts.items}${of}: run the same command again to continue`
        : `; stopped by ${stopSignal} after ${counts.items}${of}${values.output ? `, ${values.output} not written (use --resume to keep partial work)` : ''}`;
    } else if (failure !== undefined && values.output) note = resumable ? `; ${values.output} kept up to the last whole line: fix the cause and run again` : `; ${values.output} not written`;
    summary(note);
    if (failure !== undefined) throw failure;
    if (stopSignal !== undefined) return stopSignal === 'SIGTERM' ? 143 : 130;
    // every article failed: the batch produced nothing usable, which a script must be able to see
    if (counts.items > 0 && counts.reports === 0) {
      const detail = [...failures].map(([code, n]) => `${code} ${n}`).join(', ');
      throw new FactlensError('input-invalid', `All ${counts.items} articles failed (${detail}): see the error lines in the output.`);
    }
    return counts.reachedFailOn > 0 ? 1 : 0;
  },
};
