/**
 * The resumable output of `factlens batch -o FILE --resume`: FILE is appended line by line, and a
 * journal beside it (`FILE.journal`) records each line's item id, content hash and outcome just
 * before the line itself. Both are fsync'ed at least every quarter second and at the end. After a
 * crash, a kill -9 or a power cut, the next `--resume` keeps the lines both files agree on (the
 * shorter of the two, a torn last line cut off), checks that the input still starts with the same
 * items, and appends the rest: no line lost, none written twice. A run that finished leaves a
 * final record in the journal, so running the same command again changes nothing.
 */
import { open, readFile, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { FactlensError } from '../core/errors.js';
import type { Severity } from '../core/types.js';
import { outputError } from './output.js';

/** What the journal knows of one output line. */
export interface JournalEntry {
  /** item id */
  id: string;
  /** item content hash (itemHash) */
  hash: string;
  /** the error code when the line is an error line */
  code?: string;
  /** the report's score (null when not judged), for --fail-on score:N on resumed lines */
  score?: number | null;
  /** the report's most severe finding, for --fail-on LEVEL on resumed lines */
  worst?: Severity;
}

/** An output being written resumably. */
export interface ResumableOutput {
  /** the lines kept from an interrupted run, in order */
  readonly done: readonly JournalEntry[];
  /** true when the journal says the run finished: nothing is left to write */
  readonly isComplete: boolean;
  /** appends one output line and its journal entry */
  append(entry: JournalEntry, line: string): Promise<void>;
  /** marks the run finished, fsyncs and closes */
  finish(): Promise<void>;
  /** fsyncs and closes without marking the run finished (interrupted; never throws) */
  close(): Promise<void>;
}

const JOURNAL_KIND = 'factlens-batch-journal';
const JOURNAL_VERSION = 1;
/** The longest an appended line waits for its fsync. */
const SYNC_EVERY_MS = 250;

/** The journal of an output file. */
export function journalPath(outputPath: string): string {
  return `${outputPath}.journal`;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    },
  );
}

/** Byte offset just past the `count`-th newline of the file (or the number of newlines when fewer). */
async function lineEnd(path: string, count: number): Promise<{ lines: number; offset: number }> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let lines = 0;
    let offset = 0;
    let position = 0;
    while (lines < count) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, position);
      if (bytesRead === 0) break;
      for (let i = 0; i < bytesRead && lines < count; i++) {
        if (buf[i] === 0x0a) {
          lines++;
          offset = position + i + 1;
        }
      }
      position += bytesRead;
    }
    return { lines, offset };
  } finally {
    await handle.close();
  }
}

interface ParsedJournal {
  fingerprint: string;
  entries: JournalEntry[];
  /** byte length of the header line and each entry line, for cutting the journal */
  lineBytes: number[];
  isDone: boolean;
}

function parseJournal(text: string, path: string): ParsedJournal {
  const lines = text.split('\n');
  // the part after the last newline is empty, or a line torn by the crash: dropped
  lines.pop();
  let header: { kind?: unknown; version?: unknown; fingerprint?: unknown } | undefined;
  try {
    header = lines.length > 0 ? (JSON.parse(lines[0]!) as typeof header) : undefined;
  } catch {
    header = undefined;
  }
  if (!header || header.kind !== JOURNAL_KIND || typeof header.fingerprint !== 'string') {
    throw new FactlensError('input-invalid', `${path} is not a factlens batch journal: remove it (and its output) to start afresh.`);
  }
  if (header.version !== JOURNAL_VERSION) {
    throw new FactlensError('input-invalid', `${path} was written by another factlens version (journal version ${String(header.version)}): finish that run with it, or start afresh.`);
  }
  const entries: JournalEntry[] = [];
  const lineBytes = [Buffer.byteLength(lines[0]!) + 1];
  let isDone = false;
  for (const line of lines.slice(1)) {
    let value: JournalEntry & { done?: boolean };
    try {
      value = JSON.parse(line) as JournalEntry & { done?: boolean };
    } catch {
      break;
    }
    if (value.done) {
      isDone = true;
      break;
    }
    if (typeof value.id !== 'string' || typeof value.hash !== 'string') break;
    entries.push(value);
    lineBytes.push(Buffer.byteLength(line) + 1);
  }
  return { fingerprint: header.fingerprint, entries, lineBytes, isDone };
}

/**
 * Opens `path` for a resumable batch: continues an interrupted run whose journal matches
 * `fingerprint` (the options and pipeline version), or starts a new one.
 * @example const out = await openResumableOutput('reports.jsonl', fingerprint); out.done.length // lines kept
 */
export async function openResumableOutput(path: string, fingerprint: string): Promise<ResumableOutput> {
  const journal = journalPath(path);
  let done: JournalEntry[] = [];
  let isComplete = false;
  let journalHandle: FileHandle | undefined;
  let outputHandle: FileHandle | undefined;
  try {
    if (await exists(journal)) {
      const parsed = parseJournal(await readFile(journal, 'utf8'), journal);
      if (parsed.fingerprint !== fingerprint) {
        throw new FactlensError(
          'usage',
          `${path} was begun with other options or another pipeline version: resume it with the options it was begun with, or remove ${path} and ${journal} to start afresh.`,
        );
      }
      const kept = (await exists(path)) ? await lineEnd(path, parsed.entries.length) : { lines: 0, offset: 0 };
      done = parsed.entries.slice(0, kept.lines);
      isComplete = parsed.isDone && kept.lines === parsed.entries.length;
      outputHandle = await open(path, kept.offset === 0 && !(await exists(path)) ? 'w' : 'r+');
      await outputHandle.truncate(kept.offset);
      journalHandle = await open(journal, 'r+');
      if (!isComplete) await journalHandle.truncate(parsed.lineBytes.slice(0, done.length + 1).reduce((a, b) => a + b, 0));
    } else {
      if (await exists(path)) {
        throw new FactlensError('usage', `${path} exists but has no journal (${journal}): it was not written with --resume. Remove it or choose another -o.`);
      }
      journalHandle = await open(journal, 'wx');
      await journalHandle.write(`${JSON.stringify({ kind: JOURNAL_KIND, version: JOURNAL_VERSION, fingerprint })}\n`);
      await journalHandle.sync();
      outputHandle = await open(path, 'wx');
    }
  } catch (err) {
    await journalHandle?.close().catch(() => {});
    await outputHandle?.close().catch(() => {});
    throw err instanceof FactlensError ? err : outputError(err, path);
  }
  const jh = journalHandle;
  const oh = outputHandle;
  let journalAt = (await jh.stat()).size;
  let outputAt = (await oh.stat()).size;
  let lastSync = Date.now();
  let isClosed = false;

  const write = async (handle: FileHandle, text: string, at: number): Promise<number> => {
    const buf = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < buf.length) {
      const { bytesWritten } = await handle.write(buf, offset, buf.length - offset, at + offset);
      if (bytesWritten <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
      offset += bytesWritten;
    }
    return at + buf.length;
  };
  const sync = async (): Promise<void> => {
    await jh.sync();
    await oh.sync();
    lastSync = Date.now();
  };
  return {
    done,
    isComplete,
    async append(entry, line) {
      try {
        // journal first: a line the journal does not know is cut off on resume and written again
        journalAt = await write(jh, `${JSON.stringify(entry)}\n`, journalAt);
        outputAt = await write(oh, `${line}\n`, outputAt);
        if (Date.now() - lastSync >= SYNC_EVERY_MS) await sync();
      } catch (err) {
        throw outputError(err, path);
      }
    },
    async finish() {
      try {
        await sync();
        journalAt = await write(jh, `${JSON.stringify({ done: true })}\n`, journalAt);
        await jh.sync();
        isClosed = true;
        await jh.close();
        await oh.close();
      } catch (err) {
        throw outputError(err, path);
      }
    },
    async close() {
      if (isClosed) return;
      isClosed = true;
      await sync().catch(() => {});
      await jh.close().catch(() => {});
      await oh.close().catch(() => {});
    },
  };
}
