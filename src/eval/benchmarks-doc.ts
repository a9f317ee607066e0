/**
 * docs/BENCHMARKS.md is written only by commands (`npm run bench`, `factlens eval … --write`): each
 * command owns one named section and replaces it in place, stamped with machine and date, leaving
 * the other sections as they were.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';

/** Default location, relative to the working directory (the repo root for npm scripts). */
export const BENCHMARKS_PATH = 'docs/BENCHMARKS.md';

const HEADER = `# Benchmarks

Every section below is written by the command named in it; none is edited by hand. Numbers are from
the machine and date stated in each section.
`;

/** One line naming the machine and the date, for the top of each section. */
export function machineStamp(now = new Date()): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `Measured ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`;
}

/**
 * Replaces (or appends) the section `name` of BENCHMARKS.md with `body`.
 * @example await writeBenchmarkSection('bench-pipeline', 'Full pipeline', table, 'npm run bench')
 */
export async function writeBenchmarkSection(
  name: string,
  title: string,
  body: string,
  command: string,
  path = BENCHMARKS_PATH,
): Promise<void> {
  const current = existsSync(path) ? await readFile(path, 'utf8') : HEADER;
  const begin = `<!-- section:${name} -->`;
  const end = `<!-- /section:${name} -->`;
  const section = `${begin}\n## ${title}\n\n_Written by \`${command}\`. ${machineStamp()}_\n\n${body.trim()}\n${end}`;
  const i = current.indexOf(begin);
  const j = current.indexOf(end);
  const next = i >= 0 && j > i ? current.slice(0, i) + section + current.slice(j + end.length) : `${current.trimEnd()}\n\n${section}\n`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, next);
}
