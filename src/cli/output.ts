/**
 * Output files that are either complete or absent: every `-o FILE` is written to a temporary file
 * beside it, each write checked, fsync'ed, then renamed over FILE. A failed write (disk full, no
 * permission, I/O error) removes the temporary file, leaves whatever FILE held before, and becomes
 * a typed `output-failed` error.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FactlensError } from '../core/errors.js';

/** The file operations an output writer needs (injectable so tests can fail them). */
export interface OutputFs {
  open(path: string, flags: 'wx'): Promise<OutputHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

/** An open file, as node's FileHandle offers it. */
export interface OutputHandle {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The real file system. */
export const NODE_OUTPUT_FS: OutputFs = { open: (path, flags) => open(path, flags), rename, unlink };

/** Bytes gathered before one write call (batch lines are small; one syscall each would be wasteful). */
const FLUSH_BYTES = 64 * 1024;

/** Turns a failed file operation on `path` into an `output-failed` error that says what to do. */
export function outputError(err: unknown, path: string): FactlensError {
  if (err instanceof FactlensError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why: Record<string, string> = {
    ENOSPC: `no space left on the device: free some space or write elsewhere`,
    EDQUOT: `disk quota exceeded: free some space or write elsewhere`,
    EACCES: `permission denied: choose a folder you can write to`,
    EPERM: `permission denied: choose a folder you can write to`,
    EROFS: `the file system is read-only: write elsewhere`,
    ENOENT: `folder ${dirname(path)} does not exist: create it or choose another path`,
    ENOTDIR: `${dirname(path)} is not a folder: choose another path`,
    EISDIR: `it is a folder: name a file`,
    EIO: `an I/O error on the device: check the disk and try again`,
  };
  const reason = (code && why[code]) ?? `${code ?? (err as Error | undefined)?.message ?? 'unknown error'}`;
  return new FactlensError('output-failed', `Cannot write ${path}: ${reason}; nothing was written there.`, { cause: err });
}

/** A file being written: `write` as often as needed, then `commit` (or `abort` on failure). */
export interface AtomicFile {
  write(chunk: string | Uint8Array): Promise<void>;
  /** flushes, fsyncs and renames the temporary file over the target */
  commit(): Promise<void>;
  /** removes the temporary file; the target keeps its old content (never throws) */
  abort(): Promise<void>;
}

/**
 * Opens a temporary file beside `path`; nothing appears at `path` until `commit`.
 * @example const f = await openAtomicFile('out.jsonl'); await f.write(line); await f.commit()
 */
export async function openAtomicFile(path: string, fs: OutputFs = NODE_OUTPUT_FS): Promise<AtomicFile> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: OutputHandle;
  try {
    handle = await fs.open(temp, 'wx');
  } catch (err) {
    throw outputError(err, path);
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let state: 'open' | 'done' | 'failed' = 'open';
  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return;
    const buf = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    let offset = 0;
    while (offset < buf.length) {
      const { bytesWritten } = await handle.write(buf, offset, buf.length - offset);
      if (bytesWritten <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
      offset += bytesWritten;
    }
  };
  const fail = async (err: unknown): Promise<never> => {
    state = 'failed';
    await handle.close().catch(() => {});
    await fs.unlink(temp).catch(() => {});
    throw outputError(err, path);
  };
  return {
    async write(chunk) {
      if (state !== 'open') throw new FactlensError('output-failed', `Cannot write ${path}: the file was already closed.`);
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      pending.push(buf);
      pendingBytes += buf.length;
      if (pendingBytes >= FLUSH_BYTES) await flush().catch(fail);
    },
    async commit() {
      if (state !== 'open') throw new FactlensError('output-failed', `Cannot write ${path}: the file was already closed.`);
      try {
        await flush();
        await handle.sync();
        await handle.close();
      } catch (err) {
        await fail(err);
      }
      try {
        await fs.rename(temp, path);
      } catch (err) {
        state = 'failed';
        await fs.unlink(temp).catch(() => {});
        throw outputError(err, path);
      }
      state = 'done';
    },
    async abort() {
      if (state !== 'open') return;
      state = 'failed';
      await handle.close().catch(() => {});
      await fs.unlink(temp).catch(() => {});
    },
  };
}

/** Writes `data` to `path` completely or not at all. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, fs: OutputFs = NODE_OUTPUT_FS): Promise<void> {
  const file = await openAtomicFile(path, fs);
  try {
    await file.write(data);
  } catch (err) {
    await file.abort();
    throw err;
  }
  await file.commit();
}
