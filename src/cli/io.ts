/**
 * The CLI's view of the outside world, injectable so commands can be tested without a terminal.
 */
import type { OutputFs } from './output.js';

export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** file operations for `-o FILE` outputs (default: the real file system; tests inject failures) */
  outputFs?: OutputFs;
}

/** The real process streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

/** True when colour output is wanted: a TTY, no NO_COLOR, or FORCE_COLOR set. */
export function useColor(io: CliIo, stream: { isTTY?: boolean } = io.stdout): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** A one-line progress bar on stderr for long work; silent when stderr is not a terminal. */
export function createProgress(io: CliIo, label: string, total?: number): { tick(n?: number): void; done(): void } {
  const isTty = Boolean(io.stderr.isTTY) && !io.env.CI;
  let count = 0;
  let last = 0;
  const started = Date.now();
  const draw = (final: boolean): void => {
    if (!isTty) return;
    const now = Date.now();
    if (!final && now - last < 100) return;
    last = now;
    const rate = count / Math.max(0.001, (now - started) / 1000);
    let bar = '';
    if (total && total > 0) {
      const width = 24;
      const filled = Math.round((Math.min(count, total) / total) * width);
      bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count}/${total}`;
    } else bar = `${count}`;
    io.stderr.write(`\r${label} ${bar} ${rate.toFixed(0)}/s${final ? '\n' : ''}`);
  };
  return {
    tick(n = 1) {
      count += n;
      draw(false);
    },
    done() {
      draw(true);
    },
  };
}
