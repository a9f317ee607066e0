/**
 * The import worker: reads the files it is given and answers with import chunks (chunks.ts) —
 * parsing, checking, passage splitting and fingerprinting happen here, on a second core, while the
 * main thread writes the previous chunk into the store. Chunks wait for credit from the main
 * thread, so a slow store bounds how far reading runs ahead (and how much memory it holds).
 */
import { parentPort } from 'node:worker_threads';
import { FactlensError } from '../../core/errors.js';
import { type ChunkOptions, readChunks } from './chunks.js';

/** Messages the worker takes. */
export type ImportWorkerRequest =
  | { read: { id: number; files: string[]; root: string; options: ChunkOptions; credit: number } }
  | { credit: number };

/** Messages the worker sends. */
export type ImportWorkerReply =
  | { id: number; chunk: import('./chunks.js').ImportChunk }
  | { id: number; done: true }
  | { id: number; error: { code?: string; message: string } };

const port = parentPort;
if (!port) throw new Error('import-worker.ts runs as a worker thread, started by the importer');

let credit = 0;
let wake: (() => void) | undefined;
/** the request being read; a new one supersedes it (the main thread stopped reading the old one) */
let current = 0;

async function read(request: Extract<ImportWorkerRequest, { read: unknown }>['read']): Promise<void> {
  current = request.id;
  credit = request.credit;
  wake?.();
  try {
    for await (const chunk of readChunks(request.files, request.root, { ...request.options, isPreparing: true })) {
      while (credit <= 0 && current === request.id) await new Promise<void>((resolve) => (wake = resolve));
      if (current !== request.id) return;
      credit--;
      const p = chunk.documents?.prepared;
      const buffers = p ? [p.shingleCounts.buffer, p.passageCounts.buffer, p.passageSpans.buffer, p.fingerprints.buffer, p.fingerprintDocuments.buffer] : [];
      port!.postMessage({ id: request.id, chunk } satisfies ImportWorkerReply, buffers as ArrayBuffer[]);
    }
    port!.postMessage({ id: request.id, done: true } satisfies ImportWorkerReply);
  } catch (err) {
    const code = err instanceof FactlensError ? err.code : undefined;
    port!.postMessage({ id: request.id, error: { code, message: err instanceof Error ? err.message : String(err) } } satisfies ImportWorkerReply);
  }
}

port.on('message', (message: ImportWorkerRequest) => {
  if ('read' in message) void read(message.read);
  else {
    credit += message.credit;
    wake?.();
    wake = undefined;
  }
});
