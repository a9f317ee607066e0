/**
 * What the train/eval tasks share: where shipped weight files live, reading the common options,
 * formatting metric tables, timing, and writing a docs/BENCHMARKS.md section on `--write`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../cli/io.js';
import { FactlensError } from '../core/errors.js';
import { BENCHMARKS_PATH, writeBenchmarkSection } from '../eval/benchmarks-doc.js';

/** Extension of factlens weight files. */
export const WEIGHT_FILE_EXTENSION = '.flw';

/** Absolute path of a shipped weight file (`models/<name>.flw` at the package root). */
export function shippedModelPath(name: string): string {
  return fileURLToPath(new URL(`../../models/${name}${WEIGHT_FILE_EXTENSION}`, import.meta.url));
}

/** `--data` resolved against the working directory, or a `usage` error naming the task. */
export function requireDataPath(io: CliIo, data: string | undefined, command: string): string {
  if (!data) throw new FactlensError('usage', `${command} needs --data <path>. Run factlens ${command} --help.`);
  return resolve(io.cwd, data);
}

/** A positive integer option, or a `usage` error. */
export function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new FactlensError('usage', `--${name} must be a non-negative integer, not "${value}".`);
  return n;
}

/** Fixed-precision number for tables. */
export function fmt(n: number, digits = 4): string {
  return Number.isFinite(n) ? n.toFixed(digits) : String(n);
}

/** A two-column Markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Items per second of `fn` over `items` (best of `repeats` passes, so a busy core hurts less). */
export function measureThroughput<T>(items: readonly T[], fn: (item: T) => unknown, repeats = 3): number {
  if (items.length === 0) return 0;
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (const it of items) fn(it);
    best = Math.min(best, performance.now() - t0);
  }
  return items.length / Math.max(best / 1000, 1e-9);
}

/** Writes section `name` of docs/BENCHMARKS.md (under the working directory) and says so. */
export async function writeBenchmark(io: CliIo, name: string, title: string, body: string, command: string): Promise<void> {
  const path = resolve(io.cwd, BENCHMARKS_PATH);
  await writeBenchmarkSection(name, title, body, command, path);
  io.stderr.write(`wrote section ${name} of ${path}\n`);
}

/** Progress line for training epochs on stderr. */
export function epochLogger(io: CliIo, label: string): (epoch: number, loss: number, score: number | undefined) => void {
  return (epoch, loss, score) => {
    io.stderr.write(`${label} epoch ${epoch}: loss ${fmt(loss)}${score === undefined ? '' : `, validation ${fmt(score)}`}\n`);
  };
}

/** What a training run of a linear text model reports on its model card. */
export interface LinearTrainingRun {
  /** vocabulary size */
  terms: number;
  temperature: number;
  bestEpoch: number;
  seconds: number;
  /** weight-file size */
  bytes: number;
  /** scoring speed on one core */
  perSecond: number;
  /** SHA-256 of the training data */
  sha256: string;
}
