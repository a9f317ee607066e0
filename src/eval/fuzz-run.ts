/**
 * The fuzz harness's driver: runs inputs 0…count-1 of a seed (fuzz.ts) one at a time on a worker
 * thread (fuzz-worker.ts), stops and replaces the worker when an input runs past its hard limit,
 * re-times inputs over their budget before calling them so (a busy machine slows one run, not
 * three), and checks the inputs slowest per KB for growth: an input may take at most
 * `growthLimit` times as long as its first half.
 */
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../core/worker-thread.js';
import { DEFAULT_FUZZ_MAX_BYTES, type FuzzKind, FUZZ_KINDS, fuzzCase } from './fuzz.js';

/** What the driver hands its worker thread. */
export interface FuzzWorkerData {
  seed: number;
  maxBytes: number;
  articles: readonly string[];
  hasModels: boolean;
}

/** One input to run: `isHalved` runs its first half only (the growth check). */
export interface FuzzJob {
  index: number;
  isHalved?: boolean;
}

/** How one input ended. `crash` is anything but a typed FactlensError (an analyzer failure too). */
export interface FuzzReply {
  index: number;
  kind: FuzzKind;
  bytes: number;
  ms: number;
  outcome: 'ok' | 'error' | 'crash';
  code?: string;
  message?: string;
  stack?: string;
}

export interface FuzzResult extends Omit<FuzzReply, 'outcome'> {
  outcome: FuzzReply['outcome'] | 'over-budget' | 'hang';
  /** the budget this input was held to */
  budgetMs: number;
  /** ms per KB of input */
  msPerKb: number;
}

export interface GrowthCheck {
  index: number;
  kind: FuzzKind;
  bytes: number;
  /** fastest time of the whole input and of its first half */
  ms: number;
  halfMs: number;
  /** ms / halfMs: 2 for linear work, 4 for quadratic */
  ratio: number;
  isSuperLinear: boolean;
}

export interface FuzzRunOptions {
  seed: number;
  /** inputs 0…count-1, unless `only` names some */
  count: number;
  only?: readonly number[];
  /** budget of an input: `budgetBaseMs` + `budgetPerKbMs` per KB (defaults 2,000 ms + 4 ms/KB) */
  budgetBaseMs?: number;
  budgetPerKbMs?: number;
  /** upper bound on an input's size (default DEFAULT_FUZZ_MAX_BYTES) */
  maxBytes?: number;
  /** fixture articles for the mutated-article kind */
  articles?: readonly string[];
  /** run with the shipped models loaded (default true) */
  hasModels?: boolean;
  /** how many of the slowest inputs per KB (of 8 KB or more) get the growth check (default 5) */
  growthChecks?: number;
  /** largest allowed time ratio of an input to its first half (default 3: linear is 2, quadratic 4) */
  growthLimit?: number;
  onProgress?: (done: number, total: number, last: FuzzResult) => void;
}

export interface FuzzSummary {
  seed: number;
  count: number;
  results: FuzzResult[];
  growth: GrowthCheck[];
  wallMs: number;
}

const READY_TIMEOUT_MS = 60_000;

/** A worker thread that answers one job at a time, with a limit per job. */
class FuzzWorkerHandle {
  private worker?: Worker;
  constructor(private readonly data: FuzzWorkerData) {}

  private async start(): Promise<Worker> {
    const worker = spawnWorker('fuzz-worker', import.meta.url, { workerData: this.data });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the fuzz worker did not start')), READY_TIMEOUT_MS);
      worker.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    return worker;
  }

  /** The worker's reply, or 'hang' when it did not answer within `limitMs` (the worker is then replaced). */
  async run(job: FuzzJob, limitMs: number): Promise<FuzzReply | 'hang'> {
    this.worker ??= await this.start();
    const worker = this.worker;
    return new Promise((resolve) => {
      const done = (reply: FuzzReply | 'hang'): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(reply);
      };
      const onMessage = (reply: FuzzReply): void => done(reply);
      const onError = (err: Error): void => {
        this.worker = undefined;
        done({ index: job.index, kind: FUZZ_KINDS[0]!, bytes: 0, ms: 0, outcome: 'crash', message: `worker died: ${err.message}`, stack: err.stack });
      };
      const timer = setTimeout(() => {
        this.worker = undefined;
        void worker.terminate();
        done('hang');
      }, limitMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

/**
 * Runs a fuzz campaign and returns every input's outcome and the growth checks.
 * @example const s = await runFuzz({ seed: 1, count: 300 }); console.log(countOutcomes(s.results))
 */
export async function runFuzz(options: FuzzRunOptions): Promise<FuzzSummary> {
  const started = performance.now();
  const baseMs = options.budgetBaseMs ?? 2000;
  const perKbMs = options.budgetPerKbMs ?? 4;
  const maxBytes = options.maxBytes ?? DEFAULT_FUZZ_MAX_BYTES;
  const budget = (bytes: number): number => baseMs + (perKbMs * bytes) / 1024;
  // past four budgets (and never under 10 s) an input is taken to hang, and its worker is replaced
  const hardLimit = (bytes: number): number => Math.max(10_000, 4 * budget(bytes));
  const worker = new FuzzWorkerHandle({ seed: options.seed, maxBytes, articles: options.articles ?? [], hasModels: options.hasModels ?? true });
  const indexes = options.only ?? Array.from({ length: options.count }, (_, i) => i);
  const results: FuzzResult[] = [];
  const growth: GrowthCheck[] = [];
  try {
    for (const index of indexes) {
      let reply = await worker.run({ index }, hardLimit(maxBytes));
      // over budget once may be the machine: the fastest of three runs decides
      for (let retry = 0; retry < 2 && reply !== 'hang' && reply.ms > budget(reply.bytes); retry++) {
        const again = await worker.run({ index }, hardLimit(reply.bytes));
        reply = again === 'hang' || again.ms >= reply.ms ? reply : again;
      }
      const result: FuzzResult =
        reply === 'hang'
          ? hangResult(fuzzCase(options.seed, index, { maxBytes, articles: options.articles }), hardLimit(maxBytes), budget)
          : {
              ...reply,
              outcome: reply.outcome !== 'crash' && reply.ms > budget(reply.bytes) ? 'over-budget' : reply.outcome,
              budgetMs: budget(reply.bytes),
              msPerKb: reply.ms / Math.max(1, reply.bytes / 1024),
            };
      results.push(result);
      options.onProgress?.(results.length, indexes.length, result);
    }
    const candidates = results
      .filter((r) => (r.outcome === 'ok' || r.outcome === 'over-budget') && r.bytes >= 8 * 1024)
      .sort((a, b) => b.msPerKb - a.msPerKb)
      .slice(0, options.growthChecks ?? 5);
    for (const c of candidates) {
      const half = await fastest(worker, { index: c.index, isHalved: true }, hardLimit(c.bytes));
      const whole = await fastest(worker, { index: c.index }, hardLimit(c.bytes));
      const ratio = whole / half;
      // a few milliseconds either way is the clock and the collector, not growth
      const isSuperLinear = !Number.isFinite(whole) || (ratio > (options.growthLimit ?? 3) && whole - half > 20);
      growth.push({ index: c.index, kind: c.kind, bytes: c.bytes, ms: whole, halfMs: half, ratio, isSuperLinear });
    }
  } finally {
    await worker.close();
  }
  return { seed: options.seed, count: indexes.length, results, growth, wallMs: performance.now() - started };
}

/** A hang, named by the input made again here (the generator is pure and cheap). */
function hangResult(c: ReturnType<typeof fuzzCase>, limitMs: number, budget: (bytes: number) => number): FuzzResult {
  return { index: c.index, kind: c.kind, bytes: c.bytes, ms: limitMs, outcome: 'hang', budgetMs: budget(c.bytes), msPerKb: limitMs / Math.max(1, c.bytes / 1024) };
}

async function fastest(worker: FuzzWorkerHandle, job: FuzzJob, limitMs: number, runs = 3): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const reply = await worker.run(job, limitMs);
    if (reply === 'hang') return Number.POSITIVE_INFINITY;
    best = Math.min(best, reply.ms);
  }
  return best;
}

/** Outcome counts: `ok`, `over-budget`, `hang`, `crash`, and one `error:CODE` per typed error code. */
export function countOutcomes(results: readonly FuzzResult[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of results) {
    const key = r.outcome === 'error' ? `error:${r.code}` : r.outcome;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Map([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/** Inputs that need a look: crashes, hangs and inputs over budget. */
export function problems(summary: FuzzSummary): FuzzResult[] {
  return summary.results.filter((r) => r.outcome === 'crash' || r.outcome === 'hang' || r.outcome === 'over-budget');
}
