/**
 * Writing checked reports to the workbench database: each report's row and its full-text row in
 * one transaction, with every report saved in the same turn of the event loop (group commit).
 *
 * Two writers share that code. The inline writer runs it on the calling thread. The thread writer
 * runs it on a worker thread of its own with its own connection, so that inserting a 20 KB report,
 * indexing its text and the WAL checkpoints that follow never hold up the thread serving requests
 * (`factlens serve` uses it for file databases: under load, indexing a quarter second's reports at
 * once stalled every waiting request by tens of milliseconds).
 */
import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { FactlensError } from '../core/errors.js';
import { spawnWorker } from '../core/worker-thread.js';
import { NOT_JUDGED_SCORE, type SerializedReport } from './workbench-db.js';

/** One report to store. */
export interface ReportToSave {
  id: string;
  report: SerializedReport;
  createdAt: string;
}

/** Stores reports; `save` resolves once the report is committed (readable by any connection). */
export interface ReportWriter {
  save(entry: ReportToSave): Promise<void>;
  close(): void;
}

/** The transaction that stores a batch of reports with their full-text rows, on `db`. */
export function prepareReportWrites(db: Database.Database): (batch: readonly ReportToSave[]) => void {
  const insertReport = db.prepare(`INSERT INTO workbench_report
    (id, created_at, title, source, url, input_kind, score, label, problems, warnings, infos, report_json)
    VALUES (@id, @createdAt, @title, @source, @url, @inputKind, @score, @label, @problems, @warnings, @infos, @json)`);
  const insertFts = db.prepare('INSERT INTO workbench_report_fts (rowid, title, body, source) VALUES (?, ?, ?, ?)');
  return db.transaction((batch: readonly ReportToSave[]) => {
    for (const { id, report, createdAt } of batch) {
      const d = report.digest;
      const info = insertReport.run({
        id,
        createdAt,
        title: d.title,
        source: d.source ?? null,
        url: d.url ?? null,
        inputKind: d.inputKind,
        score: d.score ?? NOT_JUDGED_SCORE,
        label: d.label,
        problems: d.findings.problem,
        warnings: d.findings.warning,
        infos: d.findings.info,
        json: report.json,
      });
      insertFts.run(info.lastInsertRowid, d.title, d.text, d.source ?? '');
    }
  });
}

/** The error a failed batch gives each of its reports. */
export function saveFailed(path: string, message: string, cause?: unknown): FactlensError {
  return new FactlensError('store-failed', `Cannot save reports to ${path}: ${message}.`, { cause });
}

/** Collects entries until the next turn of the event loop, then hands them over as one batch. */
export function groupCommit<T>(write: (batch: T[]) => void): (entry: T) => void {
  let pending: T[] = [];
  return (entry) => {
    if (pending.length === 0) {
      setImmediate(() => {
        const batch = pending;
        pending = [];
        write(batch);
      });
    }
    pending.push(entry);
  };
}

/** Writes on the calling thread, through `db`. */
export function inlineReportWriter(db: Database.Database, path: string): ReportWriter {
  const write = prepareReportWrites(db);
  const add = groupCommit<ReportToSave & { resolve(): void; reject(err: unknown): void }>((batch) => {
    try {
      write(batch);
      for (const b of batch) b.resolve();
    } catch (err) {
      const e = saveFailed(path, (err as Error).message, err);
      for (const b of batch) b.reject(e);
    }
  });
  return {
    save: (entry) => new Promise<void>((resolve, reject) => add({ ...entry, resolve, reject })),
    close() {},
  };
}

/** Messages of the writer thread. */
export type WriterRequest = { seq: number; entry: ReportToSave } | { close: true };
export type WriterReply = { ready: true } | { ready: false; message: string } | { done: number[] } | { failed: number[]; message: string };

/**
 * Writes on a worker thread with its own connection to the file at `path` (not `:memory:`).
 * Resolves once the thread has opened the database.
 */
export async function threadReportWriter(path: string): Promise<ReportWriter> {
  const worker: Worker = spawnWorker('report-writer-worker', import.meta.url, { workerData: { path } });
  const waiting = new Map<number, { resolve(): void; reject(err: unknown): void }>();
  let seq = 0;
  let isClosed = false;
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (msg: WriterReply) => {
      if ('ready' in msg && msg.ready) resolve();
      else reject(new FactlensError('store-failed', `Cannot open ${path} for writing reports: ${'message' in msg ? msg.message : 'no answer'}.`));
    });
    worker.once('error', reject);
  });
  const failAll = (err: FactlensError): void => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (msg: WriterReply) => {
    if ('done' in msg) {
      for (const s of msg.done) {
        waiting.get(s)?.resolve();
        waiting.delete(s);
      }
    } else if ('failed' in msg) {
      const e = saveFailed(path, msg.message);
      for (const s of msg.failed) {
        waiting.get(s)?.reject(e);
        waiting.delete(s);
      }
    }
  });
  worker.on('error', (err) => failAll(saveFailed(path, `the report writer failed (${err.message})`, err)));
  worker.on('exit', () => {
    isClosed = true;
    failAll(saveFailed(path, 'the report writer stopped'));
  });
  return {
    save(entry) {
      if (isClosed) return Promise.reject(saveFailed(path, 'the report writer is closed'));
      const s = ++seq;
      return new Promise<void>((resolve, reject) => {
        waiting.set(s, { resolve, reject });
        worker.postMessage({ seq: s, entry } satisfies WriterRequest);
      });
    },
    close() {
      if (isClosed) return;
      isClosed = true;
      worker.postMessage({ close: true } satisfies WriterRequest);
    },
  };
}
