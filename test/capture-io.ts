/** A CliIo that records what a command writes, for CLI tests. */
import { Readable } from 'node:stream';
import type { CliIo } from '../src/cli/io.js';

export type CapturedIo = CliIo & { out: () => string; err: () => string };

/**
 * Builds an in-memory CliIo.
 * @example const io = captureIo({ cwd: dir }); await main(['check', file], io); io.out()
 */
export function captureIo(options: { cwd: string; env?: Record<string, string>; stdin?: string; isTTY?: boolean }): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s), isTTY: options.isTTY ?? false },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    stdin: Object.assign(Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]), { isTTY: false }),
    env: options.env ?? {},
    cwd: options.cwd,
    out: () => out,
    err: () => err,
  };
}
