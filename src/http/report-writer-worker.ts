/**
 * The report writer thread (report-writer.ts): opens its own connection to the workbench database
 * and stores the reports posted to it, each turn's reports in one transaction.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { groupCommit, prepareReportWrites, type ReportToSave, type WriterReply, type WriterRequest } from './report-writer.js';

const port = parentPort!;
const { path } = workerData as { path: string };

try {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  const write = prepareReportWrites(db);
  const add = groupCommit<{ seq: number; entry: ReportToSave }>((batch) => {
    const seqs = batch.map((b) => b.seq);
    try {
      write(batch.map((b) => b.entry));
      port.postMessage({ done: seqs } satisfies WriterReply);
    } catch (err) {
      port.postMessage({ failed: seqs, message: (err as Error).message } satisfies WriterReply);
    }
  });
  port.on('message', (msg: WriterRequest) => {
    if ('close' in msg) {
      // saves already posted are written first: they were queued by setImmediate before this close
      setImmediate(() => {
        db.close();
        port.close();
      });
      return;
    }
    add(msg);
  });
  port.postMessage({ ready: true } satisfies WriterReply);
} catch (err) {
  port.postMessage({ ready: false, message: (err as Error).message } satisfies WriterReply);
}
