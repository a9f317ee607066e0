/**
 * The FNC-1 scorer (FakeNewsChallenge/fnc-1 scorer.py), re-implemented: a correct label earns 0.25;
 * a correct related label (agree/disagree/discuss) a further 0.50; any related-for-related
 * prediction, right or wrong, 0.25. The relative score is TEST / MAX in percent, MAX being the
 * score of the gold labels themselves. Plus the class-wise F1 and macro-F1 Hanselowski et al. (2018)
 * recommend, since the FNC score rewards the majority classes.
 */
import { classScores } from '../metrics.js';
import type { Stance } from '../types.js';
import { STANCES } from './data.js';

const RELATED: ReadonlySet<Stance> = new Set<Stance>(['agree', 'disagree', 'discuss']);

/** The FNC-1 evaluation of a prediction list against gold labels (same order). */
export interface FncReport {
  n: number;
  score: number;
  maxScore: number;
  nullScore: number;
  /** score / maxScore × 100 */
  relative: number;
  accuracy: number;
  /** confusion[gold][predicted], rows and columns in {@link STANCES} order */
  confusion: number[][];
  f1: Record<Stance, number>;
  macroF1: number;
}

function pairScore(gold: Stance, predicted: Stance): number {
  let s = 0;
  if (gold === predicted) {
    s += 0.25;
    if (gold !== 'unrelated') s += 0.5;
  }
  if (RELATED.has(gold) && RELATED.has(predicted)) s += 0.25;
  return s;
}

/**
 * Scores predictions exactly as the FNC-1 scorer does.
 * @example fncReport(['agree', 'unrelated'], ['discuss', 'unrelated']).score // 0.5
 */
export function fncReport(gold: readonly Stance[], predicted: readonly Stance[]): FncReport {
  const confusion = STANCES.map(() => STANCES.map(() => 0));
  let score = 0;
  let maxScore = 0;
  let nullScore = 0;
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!;
    const p = predicted[i]!;
    score += pairScore(g, p);
    maxScore += pairScore(g, g);
    nullScore += pairScore(g, 'unrelated');
    confusion[STANCES.indexOf(g)]![STANCES.indexOf(p)]!++;
    if (g === p) correct++;
  }
  const f1 = Object.fromEntries(STANCES.map((s) => [s, classScores(gold, predicted, s).f1])) as Record<Stance, number>;
  return {
    n: gold.length,
    score,
    maxScore,
    nullScore,
    relative: maxScore > 0 ? (100 * score) / maxScore : 0,
    accuracy: gold.length > 0 ? correct / gold.length : 0,
    confusion,
    f1,
    macroF1: STANCES.reduce((a, s) => a + f1[s], 0) / STANCES.length,
  };
}

/** The confusion matrix as the FNC scorer prints it. */
export function formatConfusion(r: FncReport): string {
  const w = 11;
  const head = `|${''.padStart(w)}|${STANCES.map((s) => s.padStart(w)).join('|')}|`;
  const rule = '-'.repeat(head.length);
  const rows = STANCES.map((s, i) => `|${s.padStart(w)}|${r.confusion[i]!.map((c) => String(c).padStart(w)).join('|')}|`);
  return [rule, head, rule, ...rows, rule].join('\n');
}
