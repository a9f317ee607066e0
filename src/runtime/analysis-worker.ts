/**
 * One analysis worker thread: loads services once, then answers each posted job with a report or
 * a typed error. Started by analysis-pool.ts; holds no logic of its own beyond `analyze`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyze } from '../analyze.js';
import { loadServices } from '../services.js';
import { FactlensError, toFactlensError } from '../core/errors.js';
import type { AnalysisJob, AnalysisResult, WorkerServiceOptions } from './analysis-pool.js';
import { analysisTimeoutError } from './deadline.js';
import { serializeReport } from './report-digest.js';

const port = parentPort!;

async function run(): Promise<void> {
  const loaded = await loadServices(workerData as WorkerServiceOptions);
  port.on('message', async (job: AnalysisJob) => {
    const { timeoutMs, nowIso, ...options } = job.options;
    const signal = AbortSignal.timeout(Math.max(1, timeoutMs));
    try {
      const report = await analyze(job.input, { ...options, services: loaded.services, signal, now: () => new Date(nowIso) });
      // A report finished past the budget may lack the analyzers the abort stopped: not a report.
      if (signal.aborted) throw analysisTimeoutError(timeoutMs);
      port.postMessage({ id: job.id, report: serializeReport(report) } satisfies AnalysisResult);
    } catch (err) {
      const e = signal.aborted && !(err instanceof FactlensError && err.code !== 'internal') ? analysisTimeoutError(timeoutMs) : toFactlensError(err);
      const stack = e.code === 'internal' && e.cause instanceof Error ? e.cause.stack : undefined;
      port.postMessage({ id: job.id, error: { code: e.code, message: e.message, ...(stack ? { stack } : {}) } } satisfies AnalysisResult);
    }
  });
  port.postMessage({ ready: true } satisfies AnalysisResult);
}

run().catch((err: unknown) => {
  const e = toFactlensError(err);
  port.postMessage({ ready: false, error: { code: e.code, message: e.message } } satisfies AnalysisResult);
});
