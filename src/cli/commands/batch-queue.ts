/**
 * The queue half of `factlens batch`: `batch FILE --queue URL --run NAME` enqueues a run,
 * `batch status NAME` shows where it stands, `batch export NAME -o FILE` writes its lines in input
 * order. The analysis itself happens in `factlens worker` processes (worker.ts).
 */
import { resolve } from 'node:path';
import { FactlensError } from '../../core/errors.js';
import { openQueue, type QueueConnection } from '../../queue/connection.js';
import { checkRunName, DEFAULT_RETRY_POLICY, enqueueRun, exportRun, type RunStatus, runStatus } from '../../queue/runs.js';
import type { JobOptions } from '../../runtime/job.js';
import { parseCommandArgs } from '../args.js';
import { fieldWarning, openBatchInput } from '../batch-items.js';
import { type CliIo, createProgress, formatDuration } from '../io.js';
import { openAtomicFile } from '../output.js';

/** The queue options, as `factlens batch --help` lists them. */
export const QUEUE_OPTIONS_USAGE = `
On a queue (PostgreSQL; any number of factlens worker processes, on any machines, analyze):
  --queue URL              postgres://USER@HOST:PORT/DATABASE[?schema=NAME] (default: $FACTLENS_QUEUE;
                           schema factlens_queue): enqueue every item, each recorded in the same
                           transaction as its job, and return; run again after an interruption to
                           enqueue the rest
  --run NAME               the run's name, for batch status and batch export (required)
  --retries N              retries of an item that failed in a way that may pass (a timeout, a
                           crashed worker, a failed fetch) before it is dead-lettered with its error
                           code (default ${DEFAULT_RETRY_POLICY.retries})
  --retry-delay SECONDS    wait before the first retry, doubled for each next one (default ${DEFAULT_RETRY_POLICY.retryDelaySeconds})
  --stall-seconds N        a job a worker took but did not finish within N s goes back to the queue
                           (the worker died; default ${DEFAULT_RETRY_POLICY.stallSeconds})
  (--timeout-ms, --published, --source, --analyzers, --lexicons, --any-language, --max-bytes and
  --allow-private-network apply to the run; the workers' --db names the corpus)
`;

export const BATCH_STATUS_USAGE = `Usage: factlens batch status NAME [--queue URL] [--json]

Where a run on the queue stands: items done of the total, reports, error lines and dead letters by
error code, retries waiting, jobs being analyzed, the rate over the last minute and the ETA.

Options:
  --queue URL   postgres://USER@HOST:PORT/DATABASE[?schema=NAME] (default: $FACTLENS_QUEUE)
  --json        print the status as one JSON object

Exit codes: 0 shown, 2 no such run or bad usage, 3 PostgreSQL unreachable or internal error.
`;

export const BATCH_EXPORT_USAGE = `Usage: factlens batch export NAME -o FILE [--queue URL] [--partial]

Write a finished run's results as JSONL, one line per input line in input order, exactly as a local
factlens batch writes them (a report with its "id", or {"id", "error"} for an item that failed or was
dead-lettered). The file appears complete or not at all.

Options:
  -o, --output FILE  where to write (default: stdout)
  --queue URL        postgres://USER@HOST:PORT/DATABASE[?schema=NAME] (default: $FACTLENS_QUEUE)
  --partial          export a run that is not finished: the lines done so far, in order

Exit codes: 0 written, 2 no such run, run not finished, bad usage or unwritable output, 3 PostgreSQL
unreachable or internal error.
`;

/** The queue URL from --queue or $FACTLENS_QUEUE, or a usage error. */
export function queueUrl(value: string | undefined, io: CliIo): string {
  const url = value ?? io.env.FACTLENS_QUEUE;
  if (!url) throw new FactlensError('usage', 'Name the queue: --queue postgres://USER@HOST:PORT/DATABASE (or set $FACTLENS_QUEUE).');
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new FactlensError('usage', `--queue takes a postgres:// URL, not "${url.slice(0, 60)}".`);
  return url;
}

function parseWhole(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d{1,7}$/.test(value.trim()) || n < min) throw new FactlensError('usage', `${name} must be a whole number of at least ${min}, not "${value}".`);
  return n;
}

export interface EnqueueArgs {
  target: string;
  queueUrl: string | undefined;
  run: string | undefined;
  options: JobOptions;
  timeoutMs: number;
  retries?: string;
  retryDelay?: string;
  stallSeconds?: string;
}

/** `factlens batch FILE --queue URL --run NAME`: records and enqueues every item, then returns. */
export async function enqueueBatch(io: CliIo, a: EnqueueArgs): Promise<number> {
  if (a.run === undefined) throw new FactlensError('usage', 'Name the run: --run NAME (it names the run for factlens batch status and export).');
  const run = checkRunName(a.run);
  const url = queueUrl(a.queueUrl, io);
  const retries = parseWhole(a.retries, '--retries', DEFAULT_RETRY_POLICY.retries, 0);
  const retryDelaySeconds = parseWhole(a.retryDelay, '--retry-delay', DEFAULT_RETRY_POLICY.retryDelaySeconds, 1);
  const stallSeconds = parseWhole(a.stallSeconds, '--stall-seconds', DEFAULT_RETRY_POLICY.stallSeconds, 2);
  if (a.timeoutMs > 0 && stallSeconds * 1000 < a.timeoutMs * 2) {
    throw new FactlensError('usage', `--stall-seconds ${stallSeconds} is too short for --timeout-ms ${a.timeoutMs}: a job would be taken back while its worker is still on it; give at least ${Math.ceil((a.timeoutMs * 2) / 1000)}.`);
  }
  const input = await openBatchInput(a.target, io, a.options.maxBytes ?? Number.MAX_SAFE_INTEGER);
  const q = await openQueue(url, { log: (line) => io.stderr.write(`${line}\n`) });
  const progress = createProgress(io, `enqueueing ${run}`, input.total);
  let recorded = 0;
  let signal: NodeJS.Signals | undefined;
  const onSignal = (s: NodeJS.Signals): void => {
    signal ??= s;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const started = Date.now();
  try {
    const result = await enqueueRun(q, {
      run,
      items: input.items,
      options: a.options,
      timeoutMs: a.timeoutMs,
      retries,
      retryDelaySeconds,
      stallSeconds,
      onProgress: (n) => {
        progress.tick(n - recorded);
        recorded = n;
      },
      isStopping: () => signal !== undefined,
    });
    progress.done();
    const warning = fieldWarning(input.notes);
    if (warning) io.stderr.write(warning);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const again = result.existing > 0 ? ` (${result.existing} were already queued)` : '';
    if (!result.isComplete) {
      io.stderr.write(`factlens batch: stopped by ${signal} after enqueueing ${result.added + result.existing} items of run ${run}${again} in ${seconds} s: run the same command again to enqueue the rest\n`);
      return signal === 'SIGTERM' ? 143 : 130;
    }
    io.stderr.write(
      `factlens batch: run ${run}: ${result.total} items, ${result.added} enqueued${again} in ${seconds} s on ${q.target.location} (pipeline ${q.pipelineVersion}).\n` +
        `  analyze: factlens worker --queue URL (on any number of machines); follow: factlens batch status ${run}; collect: factlens batch export ${run} -o out.jsonl\n`,
    );
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await q.close();
  }
}

function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((x, y) => y[1] - x[1])
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
}

/** The status as a few lines of text. */
export function renderStatus(s: RunStatus): string {
  const pct = s.distinctItems > 0 ? ((100 * s.done) / s.distinctItems).toFixed(1) : '0.0';
  const errors = Object.values(s.errors).reduce((a, b) => a + b, 0);
  const dead = Object.values(s.deadLetters).reduce((a, b) => a + b, 0);
  const eta = s.pending === 0 && s.isEnqueued ? 'finished' : s.etaSeconds !== undefined ? `ETA ${formatDuration(s.etaSeconds)}` : 'ETA unknown (no result in the last minute: is a factlens worker running?)';
  return [
    `run ${s.run} (pipeline ${s.pipelineVersion}, created ${s.createdAt})${s.isEnqueued ? '' : ' — still being enqueued'}`,
    `  progress  ${s.done}/${s.distinctItems} items (${pct}%)${s.items !== s.distinctItems ? `, ${s.items} input lines` : ''}; ${s.pending} pending, ${s.active} being analyzed, ${s.retrying} waiting for a retry`,
    `  results   ${s.reports} reports, ${errors} error lines${errors ? ` (${countsText(s.errors)})` : ''}, ${dead} dead letters${dead ? ` (${countsText(s.deadLetters)})` : ''}`,
    `  rate      ${s.ratePerSecond.toFixed(1)}/s over the last minute, ${s.averagePerSecond.toFixed(1)}/s on average; ${eta}`,
    '',
  ].join('\n');
}

async function withQueue<T>(url: string, io: CliIo, fn: (q: QueueConnection) => Promise<T>): Promise<T> {
  const q = await openQueue(url, { log: (line) => io.stderr.write(`${line}\n`) });
  try {
    return await fn(q);
  } finally {
    await q.close();
  }
}

/** `factlens batch status NAME`. */
export async function batchStatus(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('batch status', args, { queue: { type: 'string' }, json: { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new FactlensError('usage', 'Give the run name: factlens batch status NAME.');
  const run = checkRunName(positionals[0]!);
  const status = await withQueue(queueUrl(values.queue, io), io, (q) => runStatus(q, run));
  io.stdout.write(values.json ? `${JSON.stringify(status)}\n` : renderStatus(status));
  return 0;
}

/** `factlens batch export NAME -o FILE`. */
export async function batchExport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('batch export', args, {
    queue: { type: 'string' },
    output: { type: 'string', short: 'o' },
    partial: { type: 'boolean', default: false },
  });
  if (positionals.length !== 1) throw new FactlensError('usage', 'Give the run name: factlens batch export NAME -o FILE.');
  const run = checkRunName(positionals[0]!);
  const url = queueUrl(values.queue, io);
  return withQueue(url, io, async (q) => {
    const file = values.output ? await openAtomicFile(resolve(io.cwd, values.output), io.outputFs) : undefined;
    let lines = 0;
    try {
      for await (const line of exportRun(q, run, { partial: values.partial })) {
        if (file) await file.write(`${line}\n`);
        else io.stdout.write(`${line}\n`);
        lines++;
      }
      await file?.commit();
    } finally {
      await file?.abort();
    }
    io.stderr.write(`factlens batch export: run ${run}: ${lines} lines${values.output ? ` written to ${values.output}` : ''}\n`);
    return 0;
  });
}
