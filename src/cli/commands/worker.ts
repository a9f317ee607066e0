/** `factlens worker`: analyzes the batch runs enqueued on a PostgreSQL queue, until stopped. */
import { FactlensError } from '../../core/errors.js';
import { tuneGarbageCollection } from '../../core/gc.js';
import { openQueue } from '../../queue/connection.js';
import { startQueueWorker } from '../../queue/worker.js';
import { DEFAULT_ANALYSIS_TIMEOUT_MS } from '../../runtime/deadline.js';
import { createJobRunner } from '../../runtime/run-job.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { queueUrl } from './batch-queue.js';

const USAGE = `Usage: factlens worker [--queue postgres://…] [options]

Analyze the articles of batch runs enqueued with factlens batch FILE --queue URL --run NAME. Start
as many workers as you like, on as many machines as reach the PostgreSQL server: each takes jobs,
analyzes them and stores each result with its job's completion in one transaction. A worker that
dies loses nothing: its jobs go back to the queue after the run's --stall-seconds. Workers take only
jobs of their own pipeline version (factlens version, analyzers and models): upgrade the enqueuing
machine and the workers together. A worker keeps going while PostgreSQL is away (restart, failover)
and stores its results when it answers again.

Options:
  --queue URL              postgres://USER@HOST:PORT/DATABASE[?schema=NAME] (default: $FACTLENS_QUEUE)
  --workers N              analysis threads in this process (default 1; one per core you give it; 0
                           analyzes on this thread, where a run's time budget cannot be enforced)
  --batch-size N           jobs taken per fetch, per lane (default 16)
  --db FILE                corpus for source, provenance and fact-check findings (default: $FACTLENS_DB,
                           else the per-user corpus); give every worker the same one (a postgres://
                           corpus is shared)
  --name NAME              this worker's name in results and pg_stat_activity (default host:pid)
  --check-stalled-every S  how often this worker looks for stalled jobs to take back (default 30; one
                           worker at a time does)

Ctrl-C (SIGINT) or SIGTERM: stop taking jobs, finish and store the ones in hand, exit 0 (a second
one exits at once; those jobs go back to the queue after the stall time).
Exit codes: 0 stopped, 2 bad usage, 3 PostgreSQL unreachable at start or internal error.

Example (two machines, one PostgreSQL):
  factlens worker --queue postgres://factlens@db.example:5432/factlens        (on each machine)
  factlens batch week-12.jsonl --queue postgres://factlens@db.example:5432/factlens --run week-12
`;

function parseCount(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d{1,4}$/.test(value.trim()) || n < 1 || n > max) throw new FactlensError('usage', `${name} must be a whole number from 1 to ${max}, not "${value}".`);
  return n;
}

export const workerCommand: Command = {
  name: 'worker',
  summary: 'analyze batch runs from a PostgreSQL queue (run any number, on any machines)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('worker', args, {
      queue: { type: 'string' },
      workers: { type: 'string' },
      'batch-size': { type: 'string' },
      db: { type: 'string' },
      name: { type: 'string' },
      'check-stalled-every': { type: 'string' },
    });
    if (positionals.length > 0) throw new FactlensError('usage', 'worker takes no positional arguments. Run factlens worker --help.');
    const url = queueUrl(values.queue, io);
    const threads = values.workers?.trim() === '0' ? 0 : parseCount(values.workers, '--workers', 1, 64);
    const batchSize = parseCount(values['batch-size'], '--batch-size', 16, 1000);
    const maintenanceSeconds = parseCount(values['check-stalled-every'], '--check-stalled-every', 30, 3600);
    if (values.name !== undefined && !/^[\w.:@-]{1,40}$/.test(values.name)) throw new FactlensError('usage', '--name must be 1 to 40 letters, digits or . : @ _ -');
    const log = (line: string): void => {
      io.stderr.write(`${line}\n`);
    };
    tuneGarbageCollection();
    const queue = await openQueue(url, { isSupervisor: true, maintenanceSeconds, workerName: values.name, log });
    let runner: Awaited<ReturnType<typeof createJobRunner>>;
    try {
      // each run carries its own budget; this one stands for runs that give none
      runner = await createJobRunner({ threads, timeoutMs: DEFAULT_ANALYSIS_TIMEOUT_MS, services: { db: values.db, env: io.env, cwd: io.cwd }, log });
    } catch (err) {
      await queue.close();
      throw err;
    }
    const worker = startQueueWorker(queue, runner, { batchSize, log });
    io.stderr.write(`factlens worker ${queue.workerName}: ${threads === 0 ? 'analysis on the main thread (no time budget)' : `${threads} analysis thread${threads === 1 ? '' : 's'}`} on ${queue.target.location} (queue ${queue.queue})\n`);
    let signals = 0;
    const onSignal = (): void => {
      signals++;
      if (signals === 1) {
        io.stderr.write(`factlens worker: stopping: finishing the jobs in hand (again to stop at once)\n`);
        worker.stop();
      } else void runner.close().then(() => queue.close());
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const stats = await worker.done;
      io.stderr.write(`factlens worker: stopped: ${stats.stored} results stored, ${stats.redelivered} re-delivered jobs found done, ${stats.retried} retries, ${stats.dead} dead letters\n`);
      return 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await runner.close();
      await queue.close();
    }
  },
};
