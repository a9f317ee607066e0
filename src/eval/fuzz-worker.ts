/**
 * The fuzz harness's worker thread: makes input `index` of the run from its seed, runs it through
 * `analyze` (ingest → nlp → analyzers → verdict) and answers how it ended and how long it took.
 * The driver (fuzz-run.ts) stops this thread when an input runs past its hard limit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type AnalysisServices, analyze } from '../analyze.js';
import { FactlensError } from '../core/errors.js';
import type { ArticleInput } from '../ingest/index.js';
import { loadShippedModels } from '../models/index.js';
import { type FuzzOptions, fuzzCase, inputBytes } from './fuzz.js';
import type { FuzzJob, FuzzReply, FuzzWorkerData } from './fuzz-run.js';

const port = parentPort!;
const data = workerData as FuzzWorkerData;

/** The first half of an input, for the growth check. */
function halved(input: ArticleInput): ArticleInput {
  if (typeof input === 'string') return input.slice(0, input.length >> 1);
  if ('text' in input) return { text: input.text.slice(0, input.text.length >> 1) };
  if ('html' in input) return { ...input, html: input.html.slice(0, input.html.length >> 1) };
  if ('bytes' in input) return { ...input, bytes: input.bytes.subarray(0, input.bytes.length >> 1) };
  return input;
}

async function runJob(job: FuzzJob, services: AnalysisServices, options: FuzzOptions): Promise<FuzzReply> {
  const c = fuzzCase(data.seed, job.index, options);
  const input = job.isHalved ? halved(c.input) : c.input;
  const base = { index: c.index, kind: c.kind, bytes: inputBytes(input) };
  const t0 = performance.now();
  try {
    const report = await analyze(input, { services, requireEnglish: false });
    const ms = performance.now() - t0;
    const failure = report.failures[0];
    if (failure) return { ...base, ms, outcome: 'crash', message: `analyzer ${failure.analyzer} failed: [${failure.code}] ${failure.message}` };
    return { ...base, ms, outcome: 'ok' };
  } catch (err) {
    const ms = performance.now() - t0;
    if (err instanceof FactlensError && err.code !== 'internal') return { ...base, ms, outcome: 'error', code: err.code };
    const e = err instanceof Error ? err : new Error(String(err));
    const cause = err instanceof FactlensError && err.cause instanceof Error ? err.cause : e;
    return { ...base, ms, outcome: 'crash', message: `${e.name}: ${e.message}`, stack: cause.stack };
  }
}

async function main(): Promise<void> {
  const services: AnalysisServices = data.hasModels ? { models: await loadShippedModels() } : {};
  const options: FuzzOptions = { maxBytes: data.maxBytes, articles: data.articles };
  port.on('message', async (job: FuzzJob) => port.postMessage(await runJob(job, services, options)));
  port.postMessage({ ready: true });
}

void main();
