/**
 * Worker-thread entry: loads its own services once, then answers each AnalyzeJob message with an
 * AnalyzeResult. It holds no analysis logic of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadServices } from '../services.js';
import { toFactlensError } from '../core/errors.js';
import type { AnalyzeJob, WorkerSetup } from './job.js';
import { runJob } from './run-job.js';

const port = parentPort;
if (port) {
  const setup = workerData as WorkerSetup;
  const ready = loadServices(setup);
  port.on('message', (job: AnalyzeJob) => {
    ready.then(
      async (loaded) => port.postMessage(await runJob(job, loaded.services)),
      (err: unknown) => {
        const e = toFactlensError(err);
        port.postMessage({ seq: job.seq, error: { code: e.code, message: e.message } });
      },
    );
  });
}
