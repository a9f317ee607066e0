/**
 * The pipeline version: one short digest of everything that decides a report for a given input —
 * the factlens version, every analyzer's id and version, and the shipped model files. Two
 * processes with the same pipeline version give the same report for the same article (timings and
 * generatedAt aside), so a result stored under it can stand in for a re-analysis.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ANALYZERS } from '../analyzers/index.js';
import { shippedModelPath } from '../models/task-support.js';
import { VERSION } from '../version.js';

let cached: string | undefined;

/**
 * The pipeline version of this installation (16 hex digits), computed once per process.
 * @example pipelineVersion() // '0.1.0-9f2c4e1a7b3d5c60'
 */
export function pipelineVersion(): string {
  if (cached) return cached;
  const hash = createHash('sha256').update(VERSION);
  for (const a of [...ANALYZERS].sort((x, y) => x.id.localeCompare(y.id))) hash.update(`\n${a.id}@${a.version}`);
  const dir = dirname(shippedModelPath('verdict'));
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.flw') || f.endsWith('.json')).sort();
  } catch {
    // no models folder: the rules alone decide, and the digest says so by covering no file
  }
  for (const f of files) hash.update(`\n${f}\n`).update(readFileSync(join(dir, f)));
  cached = `${VERSION}-${hash.digest('hex').slice(0, 16)}`;
  return cached;
}
