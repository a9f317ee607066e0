/**
 * Runs analyses on worker threads so that the HTTP thread stays free for I/O and several cores
 * share the load. Each worker loads its own services (models, corpus store) once, then analyzes one
 * article at a time; the pool hands each job to an idle worker or queues it. A worker that dies
 * fails its job with `internal` and is replaced.
 *
 * Every job has a time budget (`timeoutMs`, counted from the moment a worker takes it; a URL's fetch
 * gets its own timeout on top). The analysis sees it as an abort signal, but rule-based passes run
 * synchronously and cannot be interrupted from inside: a watchdog on this thread terminates the
 * worker a little after the budget, the job fails with `analysis-timeout`, and a fresh worker takes
 * the dead one's place. The thread that owns the pool never runs analysis code, so it stays free.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { FactlensError, type ErrorCode } from '../core/errors.js';
import { tuneGarbageCollection } from '../core/gc.js';
import { spawnWorker } from '../core/worker-thread.js';
import type { ArticleInput } from '../ingest/index.js';
import { analysisTimeoutError, DEFAULT_WATCHDOG_GRACE_MS, jobBudgetMs } from './deadline.js';
import type { AnalysisOptions, ArticleAnalyzer } from './job.js';
import type { SerializedReport } from './report-digest.js';

/** What a worker needs to build its services (same meaning as for `loadServices`). */
export interface WorkerServiceOptions {
  db?: string;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A job as posted to a worker. */
export interface AnalysisJob {
  id: number;
  input: ArticleInput;
  options: AnalysisOptions;
}

/** A worker's answer. */
export type AnalysisResult =
  | { id: number; report: SerializedReport }
  | { id: number; error: { code: ErrorCode; message: string; stack?: string } }
  | { ready: true }
  | { ready: false; error: { code: ErrorCode; message: string } };

export interface AnalysisPool {
  readonly size: number;
  /** analyzes on the next idle worker */
  analyze: ArticleAnalyzer;
  close(): Promise<void>;
}

/**
 * Default number of workers: one per core, at most four. The HTTP thread (or the batch reader) does
 * little besides passing work on, so it shares a core rather than keeping one to itself: on two cores
 * two workers answered 454 checks/s against 342 with one (npm run bench:http, docs/BENCHMARKS.md).
 */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * Young-generation size of an analysis worker: twice V8's default semi-space (32 MB instead of 16).
 * An analysis allocates a few MB, and each scavenge copies the analysis in flight; with half as
 * many scavenges, garbage collection took half as long (about 0.16 ms less per 600-word article,
 * --trace-gc over 3,000 analyses).
 */
const WORKER_YOUNG_GENERATION_MB = 96;

function spawn(services: WorkerServiceOptions): Worker {
  tuneGarbageCollection();
  return spawnWorker('analysis-worker', import.meta.url, {
    workerData: services,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
}

interface Pending {
  job: AnalysisJob;
  resolve(report: SerializedReport): void;
  reject(err: unknown): void;
}

interface Slot {
  worker: Worker;
  busy?: Pending;
  /** stops a job that overran its time (a runaway analysis cannot be interrupted otherwise) */
  watchdog?: NodeJS.Timeout;
  isTimedOut?: boolean;
}

export interface AnalysisPoolOptions {
  /** where worker failures are reported */
  log?: (line: string) => void;
  /** how long past a job's timeout its worker is stopped */
  watchdogGraceMs?: number;
}

/**
 * Starts `size` workers and waits until each has loaded its services.
 * @example const pool = await createAnalysisPool(2, { env: process.env, cwd: process.cwd() }, { log: console.error })
 */
export async function createAnalysisPool(size: number, services: WorkerServiceOptions, options: AnalysisPoolOptions = {}): Promise<AnalysisPool> {
  const log = options.log ?? (() => {});
  const graceMs = options.watchdogGraceMs ?? DEFAULT_WATCHDOG_GRACE_MS;
  if (!Number.isInteger(size) || size < 1) throw new FactlensError('usage', 'The analysis pool needs at least one worker.');
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  /** workers started to replace dead ones, not ready yet (stopped too when the pool closes) */
  const starting = new Set<Worker>();
  let nextId = 1;
  let isClosing = false;

  function dispatch(): void {
    for (const slot of slots) {
      if (slot.busy || queue.length === 0) continue;
      const pending = queue.shift()!;
      slot.busy = pending;
      slot.isTimedOut = false;
      const budgetMs = jobBudgetMs(pending.job.input, pending.job.options.timeoutMs);
      slot.watchdog = setTimeout(() => {
        slot.isTimedOut = true;
        log(`factlens: analysis ${pending.job.id} ran past ${budgetMs} ms: stopping its worker and starting another`);
        void slot.worker.terminate();
      }, budgetMs + graceMs);
      // The worker aborts at the budget itself when the analysis gives it a chance to.
      slot.worker.postMessage({ ...pending.job, options: { ...pending.job.options, timeoutMs: budgetMs } } satisfies AnalysisJob);
    }
  }

  function start(): Promise<Slot> {
    const slot: Slot = { worker: spawn(services) };
    starting.add(slot.worker);
    return new Promise((resolve, reject) => {
      let isReady = false;
      slot.worker.on('message', (msg: AnalysisResult) => {
        if ('ready' in msg) {
          starting.delete(slot.worker);
          if (msg.ready) {
            isReady = true;
            resolve(slot);
          } else reject(new FactlensError(msg.error.code, msg.error.message));
          return;
        }
        const pending = slot.busy;
        slot.busy = undefined;
        clearTimeout(slot.watchdog);
        if (pending && pending.job.id === msg.id) {
          if ('report' in msg) pending.resolve(msg.report);
          else {
            if (msg.error.code === 'internal' && msg.error.stack) log(`factlens: analysis worker: ${msg.error.stack}`);
            pending.reject(new FactlensError(msg.error.code, msg.error.message));
          }
        }
        dispatch();
      });
      slot.worker.on('error', (err) => {
        if (!isReady) reject(err);
        else log(`factlens: analysis worker failed: ${err.stack ?? err.message}`);
      });
      slot.worker.on('exit', (code) => {
        starting.delete(slot.worker);
        const pending = slot.busy;
        slot.busy = undefined;
        clearTimeout(slot.watchdog);
        if (pending) {
          pending.reject(
            slot.isTimedOut
              ? analysisTimeoutError(pending.job.options.timeoutMs)
              : new FactlensError('internal', `The analysis worker stopped (exit code ${code}).`),
          );
        }
        const i = slots.indexOf(slot);
        if (i >= 0) slots.splice(i, 1);
        if (!isReady || isClosing) return;
        const replacement = start();
        replacement
          .then((fresh) => {
            if (isClosing) {
              void fresh.worker.terminate();
              return;
            }
            slots.push(fresh);
            dispatch();
          })
          .catch((err: unknown) => log(`factlens: cannot restart an analysis worker: ${(err as Error).message}`));
      });
    });
  }

  try {
    slots.push(...(await Promise.all(Array.from({ length: size }, start))));
  } catch (err) {
    isClosing = true;
    await Promise.all([...slots.map((s) => s.worker.terminate()), ...[...starting].map((w) => w.terminate())]);
    throw err;
  }

  return {
    size,
    analyze(input, options) {
      if (isClosing) return Promise.reject(new FactlensError('internal', 'The analysis pool is shutting down.'));
      return new Promise<SerializedReport>((resolve, reject) => {
        queue.push({ job: { id: nextId++, input, options }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      isClosing = true;
      for (const slot of slots) clearTimeout(slot.watchdog);
      for (const p of queue.splice(0)) p.reject(new FactlensError('internal', 'The analysis pool is shutting down.'));
      await Promise.all([...slots.map((s) => s.worker.terminate()), ...[...starting].map((w) => w.terminate())]);
    },
  };
}
