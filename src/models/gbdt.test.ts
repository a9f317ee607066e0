import assert from 'node:assert/strict';
import { test } from 'node:test';
import { averageGbdt, binEdges, type GbdtModel, gbdtFromFile, gbdtScores, gbdtTensors, trainGbdt } from './gbdt.js';
import { createRng } from './random.js';
import { decodeWeightFile, encodeWeightFile } from './weight-file.js';
import { FactlensError } from '../core/errors.js';

/** Three classes in two features: 0 inside the unit disc, 1 on its right outside it, 2 on its left. */
function toy(n: number, seed: number): { x: Float32Array; y: Int32Array } {
  const rng = createRng(seed);
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.next() * 4 - 2;
    const b = rng.next() * 4 - 2;
    x[i * 2] = a;
    x[i * 2 + 1] = b;
    y[i] = a * a + b * b < 1 ? 0 : a > 0 ? 1 : 2;
  }
  return { x, y };
}

function predict(model: GbdtModel, x: Float32Array, n: number): number[] {
  const out = new Float64Array(model.numClasses);
  return Array.from({ length: n }, (_, i) => {
    gbdtScores(model, x, i * model.numFeatures, out);
    let best = 0;
    for (let k = 1; k < out.length; k++) if (out[k]! > out[best]!) best = k;
    return best;
  });
}

const accuracy = (pred: number[], y: Int32Array): number => pred.filter((p, i) => p === y[i]).length / y.length;

test('bin edges: halfway between distinct values when few, equal-count cut points when many', () => {
  assert.deepEqual([...binEdges(Float32Array.from([3, 1, 2, 2, 1]), 8)], [1.5, 2.5]);
  const many = Float32Array.from({ length: 1000 }, (_, i) => i);
  const edges = binEdges(many, 4);
  assert.equal(edges.length, 3);
  assert.deepEqual([...edges], [249.5, 499.5, 749.5]);
  // neighbouring float32 values: the edge is the lower one
  const a = Math.fround(0.1);
  const b = a + 2 ** -27;
  assert.equal(Math.fround(b), b);
  assert.deepEqual([...binEdges(Float32Array.from([a, b]), 4)], [a]);
  assert.deepEqual([...binEdges(Float32Array.from([5, 5, 5]), 4)], []);
});

test('boosted trees fit a non-linear three-class toy problem and generalize to fresh samples', () => {
  const train = toy(1500, 1);
  const test = toy(1000, 2);
  const { model, bestRound } = trainGbdt({ x: train.x, n: 1500, d: 2, y: train.y }, 3, { rounds: 60, maxDepth: 4, learningRate: 0.3, seed: 1 });
  assert.equal(bestRound, 60);
  assert.equal(model.roots.length, 60 * 3);
  assert.ok(accuracy(predict(model, train.x, 1500), train.y) > 0.97);
  assert.ok(accuracy(predict(model, test.x, 1000), test.y) > 0.93);
  // a single round of stumps cannot draw the disc
  const { model: stump } = trainGbdt({ x: train.x, n: 1500, d: 2, y: train.y }, 3, { rounds: 1, maxDepth: 1, seed: 1 });
  assert.ok(accuracy(predict(stump, test.x, 1000), test.y) < 0.85);
});

test('the same data, options and seed give the same trees; another seed gives others', () => {
  const { x, y } = toy(800, 3);
  const opts = { rounds: 15, maxDepth: 3, rowSample: 0.7, colSample: 0.5, seed: 7 };
  const a = trainGbdt({ x, n: 800, d: 2, y }, 3, opts).model;
  const b = trainGbdt({ x, n: 800, d: 2, y }, 3, opts).model;
  assert.deepEqual(a, b);
  const c = trainGbdt({ x, n: 800, d: 2, y }, 3, { ...opts, seed: 8 }).model;
  assert.notDeepEqual([...a.value], [...c.value]);
});

test('early stopping keeps the best validation round and drops the trees after it', () => {
  const { x, y } = toy(600, 4);
  const val = toy(300, 5);
  const seen: number[] = [];
  // a score that peaks at round 5
  const { model, bestRound, bestScore } = trainGbdt({ x, n: 600, d: 2, y }, 3, {
    rounds: 50,
    patience: 3,
    seed: 1,
    validation: { x: val.x, n: 300 },
    evaluate: () => 0 - Math.abs(seen.length + 1 - 5),
    onRound: (r) => seen.push(r),
  });
  assert.equal(bestRound, 5);
  assert.equal(bestScore, 0);
  assert.equal(seen.at(-1), 8, 'stops after 3 rounds without a better score');
  assert.equal(model.roots.length, 5 * 3);
});

test('class weights move the decision towards the weighted class', () => {
  const { x, y } = toy(1000, 6);
  // few shallow rounds: the rare class (a fifth of the rows) is underpredicted unless it weighs more
  const plain = trainGbdt({ x, n: 1000, d: 2, y }, 3, { rounds: 5, maxDepth: 2, seed: 1 }).model;
  const heavy = trainGbdt({ x, n: 1000, d: 2, y }, 3, { rounds: 5, maxDepth: 2, seed: 1, classWeights: [20, 1, 1] }).model;
  const count0 = (m: GbdtModel): number => predict(m, x, 1000).filter((p) => p === 0).length;
  assert.ok(count0(plain) < 100);
  assert.ok(count0(heavy) > 400);
});

test('averaging models averages their scores; the weight-file round trip keeps them', () => {
  const { x, y } = toy(500, 7);
  const a = trainGbdt({ x, n: 500, d: 2, y }, 3, { rounds: 8, maxDepth: 3, seed: 1, rowSample: 0.8 }).model;
  const b = trainGbdt({ x, n: 500, d: 2, y }, 3, { rounds: 5, maxDepth: 2, seed: 2, rowSample: 0.8 }).model;
  const avg = averageGbdt([a, b]);
  const sa = new Float64Array(3);
  const sb = new Float64Array(3);
  const s = new Float64Array(3);
  for (let i = 0; i < 50; i++) {
    gbdtScores(a, x, i * 2, sa);
    gbdtScores(b, x, i * 2, sb);
    gbdtScores(avg, x, i * 2, s);
    for (let k = 0; k < 3; k++) assert.ok(Math.abs(s[k]! - (sa[k]! + sb[k]!) / 2) < 1e-5);
  }
  const header = { name: 't', kind: 'gbdt', trainingDataSha256: 'x', config: {}, vocabularies: {}, metrics: {}, calibration: {} };
  const file = decodeWeightFile(encodeWeightFile(header, gbdtTensors(avg, 'g')), 't.flw');
  const back = gbdtFromFile(file, 'g', 2, 3, 't.flw');
  assert.deepEqual(back, avg);
  // a child index pointing backwards would loop: rejected
  const bad = decodeWeightFile(encodeWeightFile(header, gbdtTensors({ ...avg, left: avg.left.map((l) => Math.min(l, 0)) }, 'g')), 't.flw');
  assert.throws(
    () => gbdtFromFile(bad, 'g', 2, 3, 't.flw'),
    (e: unknown) => e instanceof FactlensError && e.code === 'model-invalid',
  );
  assert.throws(
    () => gbdtFromFile(file, 'g', 1, 3, 't.flw'),
    (e: unknown) => e instanceof FactlensError && e.code === 'model-invalid',
    'a feature index past the row is rejected',
  );
});
