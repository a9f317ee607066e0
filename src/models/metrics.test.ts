import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyIsotonic, fitBinaryTemperature, fitIsotonic, fitTemperature } from './calibration.js';
import {
  accuracy,
  averagePrecision,
  binaryEce,
  classScores,
  expectedCalibrationError,
  precisionAtK,
  rankingReport,
  reciprocalRank,
  rocAuc,
  rPrecision,
} from './metrics.js';

const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) < eps, `${a} vs ${b}`);

test('accuracy and class scores by hand', () => {
  const gold = [1, 1, 0, 0, 1];
  const pred = [1, 0, 0, 1, 1];
  close(accuracy(gold, pred), 0.6);
  const c = classScores(gold, pred, 1);
  close(c.precision, 2 / 3);
  close(c.recall, 2 / 3);
  close(c.f1, 2 / 3);
  assert.equal(c.support, 3);
});

test('ROC-AUC counts pairs, ties as half', () => {
  close(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75);
  close(rocAuc([0, 1], [0.5, 0.5]), 0.5);
  close(rocAuc([1, 1], [0.2, 0.3]), 0.5);
});

test('CheckThat! average precision and P@k by hand', () => {
  // ranking by score: lines 2, 0, 3, 1, 4 → labels 1, 0, 1, 0, 0
  const labels = [0, 0, 1, 1, 0];
  const scores = [0.8, 0.3, 0.9, 0.5, 0.1];
  close(averagePrecision(labels, scores), (1 / 1 + 2 / 3) / 2);
  close(precisionAtK(labels, scores, 1), 1);
  close(precisionAtK(labels, scores, 3), 2 / 3);
  close(precisionAtK(labels, scores, 5), 2 / 5);
  assert.equal(precisionAtK(labels, scores, 10), 0); // fewer lines than k: the scorer leaves 0
  close(rPrecision(labels, scores), 0.5);
  close(reciprocalRank(labels, scores), 1);
  // ties keep file order: equal scores rank line 0 before line 1
  close(averagePrecision([0, 1], [0.5, 0.5]), 0.5);
  assert.equal(averagePrecision([0, 0], [0.2, 0.1]), 0);
  const r = rankingReport([
    { labels, scores },
    { labels: [1, 0], scores: [0.1, 0.9] },
  ]);
  close(r.map, ((1 + 2 / 3) / 2 + 0.5) / 2);
  close(r.precisionAt[1]!, 0.5);
  assert.equal(r.transcripts, 2);
});

test('expected calibration error by hand', () => {
  // two items at confidence 0.9 (one right), two at 0.6 (both right): |0.5-0.9|·2/4 + |1-0.6|·2/4
  const probs = [
    [0.9, 0.1],
    [0.9, 0.1],
    [0.4, 0.6],
    [0.4, 0.6],
  ];
  close(expectedCalibrationError(probs, [0, 1, 1, 1], 10), 0.4, 1e-9);
  close(binaryEce([1, 1], [1, 1]), 0);
});

test('temperature scaling softens over-confident logits and sharpens timid ones', () => {
  // logits say 95% but the truth is 75%: the fitted temperature must exceed 1
  const logits: number[][] = [];
  const gold: number[] = [];
  for (let i = 0; i < 400; i++) {
    logits.push([0, Math.log(19)]);
    gold.push(i % 4 === 0 ? 0 : 1);
  }
  const t = fitTemperature(logits, gold);
  close(1 / (1 + Math.exp(-Math.log(19) / t)), 0.75, 1e-4);
  const tb = fitBinaryTemperature(Array(400).fill(Math.log(19)), gold);
  close(tb, t, 1e-6);
});

test('isotonic regression pools violators into a monotone map', () => {
  const map = fitIsotonic([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1]);
  assert.deepEqual(map.values, [0, 0.5, 1]);
  assert.equal(applyIsotonic(map, 0.05), 0);
  assert.equal(applyIsotonic(map, 0.25), 0.5);
  assert.equal(applyIsotonic(map, 0.99), 1);
});
