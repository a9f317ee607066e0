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

/** A duration in seconds as `45 s`, `12 min` or `3 h 20 min`, for an ETA. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  const h = Math.floor(seconds / 3600);
  return `${h} h ${Math.round((seconds - h * 3600) / 60)} min`;
}

/**
 * A one-line progress bar on stderr for long work: count, total and ETA when the total is known
 * (`start` items already done before this run, e.g. on --resume); silent when stderr is not a terminal.
 */
export function createProgress(io: CliIo, label: string, total?: number, start = 0): { tick(n?: number): void; done(): void } {
  const isTty = Boolean(io.stderr.isTTY) && !io.env.CI;
  let count = start;
  let last = 0;
  const started = Date.now();
  const draw = (final: boolean): void => {
    if (!isTty) return;
    const now = Date.now();
    if (!final && now - last < 100) return;
    last = now;
    const rate = (count - start) / Math.max(0.001, (now - started) / 1000);
    let bar = '';
    if (total && total > 0) {
      const width = 24;
      const filled = Math.round((Math.min(count, total) / total) * width);
      const eta = rate > 0 && count < total ? ` ETA ${formatDuration((total - count) / rate)}` : '';
      bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count}/${total} ${rate.toFixed(0)}/s${eta}`;
    } else bar = `${count} ${rate.toFixed(0)}/s`;
    io.stderr.write(`\r${label} ${bar}\x1b[K${final ? '\n' : ''}`);
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
