/**
 * Starting a worker thread from a module of this package, whether it runs from dist/ (compiled
 * .js) or from source under tsx (.ts files, which node cannot load alone in a worker: the worker
 * then loads its module through tsx's API).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker module `name` (without extension) that sits beside the module at `callerUrl`.
 * @example spawnWorker('analysis-worker', import.meta.url, { workerData })
 */
export function spawnWorker(name: string, callerUrl: string, options: WorkerOptions = {}): Worker {
  const isSource = callerUrl.endsWith('.ts');
  const file = new URL(`./${name}.${isSource ? 'ts' : 'js'}`, callerUrl);
  if (!isSource) return new Worker(file, options);
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((api) => api.tsImport(${JSON.stringify(file.href)}, ${JSON.stringify(callerUrl)}))`;
  return new Worker(code, { ...options, eval: true });
}
