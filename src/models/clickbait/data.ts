/**
 * The clickbait corpus format of Chakraborty et al. (2016): two UTF-8 files, one headline per
 * line — `clickbait.txt` (positives) and `non_clickbait.txt` (negatives). Any pair of files in that
 * format can be evaluated. The development split is a hash of the headline text, so it does not
 * depend on file order.
 */
import { basename, join } from 'node:path';
import { FactlensError } from '../../core/errors.js';
import { isDirectory, nonEmptyLines, readTextFile } from '../data-files.js';
import { hashBucket } from '../split.js';
import { sha256Of } from '../weight-file.js';

/** Labelled headlines and the hash of the files they came from. */
export interface ClickbaitData {
  texts: string[];
  labels: number[];
  sha256: string;
  sources: string[];
}

/**
 * Reads the positive and negative files; `dataPath` is a directory holding clickbait.txt and
 * non_clickbait.txt unless both files are given explicitly.
 */
export async function loadClickbaitData(dataPath: string, files?: { positive?: string; negative?: string }): Promise<ClickbaitData> {
  let positive = files?.positive;
  let negative = files?.negative;
  if (!positive || !negative) {
    if (!(await isDirectory(dataPath))) {
      throw new FactlensError('usage', `--data must be a directory with clickbait.txt and non_clickbait.txt (or give --clickbait and --non-clickbait).`);
    }
    positive ??= join(dataPath, 'clickbait.txt');
    negative ??= join(dataPath, 'non_clickbait.txt');
  }
  const [pos, neg] = await Promise.all([readTextFile(positive), readTextFile(negative)]);
  const p = nonEmptyLines(pos);
  const n = nonEmptyLines(neg);
  if (p.length === 0 || n.length === 0) throw new FactlensError('input-empty', `${p.length === 0 ? positive : negative} has no headlines.`);
  return {
    texts: [...p, ...n],
    labels: [...p.map(() => 1), ...n.map(() => 0)],
    sha256: sha256Of([basename(positive), pos, basename(negative), neg]),
    sources: [positive, negative],
  };
}

/** Which part of the data a headline belongs to: 20% dev, 8% validation, 72% train. */
export function clickbaitPart(text: string): 'train' | 'validation' | 'dev' {
  if (hashBucket(text, 5, 'clickbait-dev') === 0) return 'dev';
  return hashBucket(text, 10, 'clickbait-validation') === 0 ? 'validation' : 'train';
}

/** The rows of one part. */
export function selectPart(data: ClickbaitData, part: 'train' | 'validation' | 'dev'): { texts: string[]; labels: number[] } {
  const texts: string[] = [];
  const labels: number[] = [];
  data.texts.forEach((t, i) => {
    if (clickbaitPart(t) === part) {
      texts.push(t);
      labels.push(data.labels[i]!);
    }
  });
  return { texts, labels };
}
