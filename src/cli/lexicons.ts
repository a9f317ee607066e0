/**
 * Loads research lexicons from a folder laid out like ../shared/data/lexicons into style-analyzer
 * options (the analyzer itself reads no files). Missing files are skipped; a folder with none of
 * them is a config error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FactlensError } from '../core/errors.js';

const FILES = {
  extraSensational: 'clickbait-hyperbolic-chakraborty2016/hyperbolic.txt',
  extraLoaded: 'recasens2013-neutralizing-bias/npov_lexicon.txt',
  subjectiveWords: 'recasens2013-neutralizing-bias/strong_subjectives_riloff2003.txt',
} as const;

function readWords(path: string): string[] {
  return readFileSync(path, 'latin1')
    .split(/\r?\n/)
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith(';') && !l.startsWith('#') && /^[\p{L}'-]+$/u.test(l));
}

/** Reads the lexicons under `dir` into `{ extraSensational, extraLoaded, subjectiveWords }`. */
export function loadStyleLexicons(dir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [option, rel] of Object.entries(FILES)) {
    const path = join(dir, rel);
    if (existsSync(path)) out[option] = readWords(path);
  }
  if (Object.keys(out).length === 0) {
    throw new FactlensError('config-invalid', `No known lexicon files under ${dir}: expected e.g. ${FILES.extraSensational}.`);
  }
  return out;
}
