/**
 * A fixed pool of analysis worker threads. Jobs queue until a worker is free; each worker runs one
 * job at a time. A worker that dies mid-job fails that job with an `internal` error and is
 * replaced; a worker that dies before finishing any job means workers cannot start here, so the
 * pool stops and every pending and later job is rejected with that error.
 */
import { Worker } from 'node:worker_threads';
import { FactlensError } from '../core/errors.js';
import type { AnalyzeJob, AnalyzeResult, WorkerSetup } from './job.js';

/** A running pool: submit jobs, then close it. */
export interface WorkerPool {
  run(job: AnalyzeJob): Promise<AnalyzeResult>;
  close(): Promise<void>;
}

interface Pending {
  job: AnalyzeJob;
  resolve: (r: AnalyzeResult) => void;
  reject: (err: FactlensError) => void;
}

interface Slot {
  worker: Worker;
  current?: Pending;
  hasFinishedJob: boolean;
}

/** Starts one worker on the script beside this module (.js when built, .ts when run from source). */
function startWorker(setup: WorkerSetup): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./analyze-worker.js', import.meta.url), { workerData: setup });
  // From source, the worker registers the same TypeScript loader (tsx, a dev dependency) first:
  // loader flags in execArgv do not reach worker threads on Node 20.
  const url = JSON.stringify(new URL('./analyze-worker.ts', import.meta.url).href);
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${url}); })`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
}

/**
 * Starts `size` workers, each loading its own services from `setup`.
 * @example const pool = createWorkerPool(2, { env: process.env, cwd: process.cwd() })
 */
export function createWorkerPool(size: number, setup: WorkerSetup): WorkerPool {
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let isClosed = false;
  let broken: FactlensError | undefined;

  const dispatch = (slot: Slot): void => {
    if (slot.current || queue.length === 0 || broken) return;
    slot.current = queue.shift()!;
    slot.worker.postMessage(slot.current.job);
  };

  const breakPool = (err: FactlensError): void => {
    broken = err;
    for (const p of queue.splice(0)) p.reject(err);
    for (const s of slots) void s.worker.terminate();
  };

  const spawn = (): Slot => {
    const slot: Slot = {
      worker: startWorker(setup),
      hasFinishedJob: false,
    };
    slot.worker.on('message', (result: AnalyzeResult) => {
      const current = slot.current;
      slot.current = undefined;
      slot.hasFinishedJob = true;
      current?.resolve(result);
      dispatch(slot);
    });
    let hasFailed = false;
    const fail = (reason: string): void => {
      if (hasFailed || isClosed || broken) return;
      hasFailed = true;
      const current = slot.current;
      slot.current = undefined;
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      if (!slot.hasFinishedJob) {
        const err = new FactlensError('internal', `Analysis workers cannot start: ${reason}`);
        current?.reject(err);
        breakPool(err);
        return;
      }
      current?.resolve({ seq: current.job.seq, error: { code: 'internal', message: `Analysis worker failed: ${reason}` } });
      const next = spawn();
      slots.push(next);
      dispatch(next);
    };
    slot.worker.on('error', (err) => fail(err.message));
    slot.worker.on('exit', (code) => fail(`exited with code ${code}`));
    return slot;
  };

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    run(job) {
      return new Promise((resolve, reject) => {
        if (broken) {
          reject(broken);
          return;
        }
        queue.push({ job, resolve, reject });
        const idle = slots.find((s) => !s.current);
        if (idle) dispatch(idle);
      });
    },
    async close() {
      isClosed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
