import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linearLogit, logisticLossAndGradient, trainLogistic } from './logistic.js';
import { initMlp, mlpLossAndGradient, mlpPredict, trainMlp } from './mlp.js';
import { createRng } from './random.js';
import { type SparseVector, sparseFromDense } from './sparse.js';

function toyProblem(n: number, dims: number, seed: number, classes: number): { xs: SparseVector[]; ys: number[] } {
  // class c lights up features c·2 and c·2+1 strongly, plus noise elsewhere: linearly separable
  const rng = createRng(seed);
  const xs: SparseVector[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = i % classes;
    const dense = new Float32Array(dims);
    dense[y * 2] = 1 + rng.next();
    dense[y * 2 + 1] = 0.5 + rng.next();
    for (let j = classes * 2; j < dims; j++) if (rng.next() < 0.3) dense[j] = rng.next();
    xs.push(sparseFromDense(dense));
    ys.push(y);
  }
  return { xs, ys };
}

test('logistic regression gradient matches finite differences', () => {
  const { xs, ys } = toyProblem(12, 6, 3, 2);
  const rng = createRng(9);
  const model = { weights: Float32Array.from({ length: 6 }, () => rng.normal() * 0.3), bias: 0.1 };
  const l2 = 0.05;
  const cw: [number, number] = [1, 2];
  const { gradWeights, gradBias } = logisticLossAndGradient(model, xs, ys, l2, cw);
  const h = 1e-3;
  for (let j = 0; j < 6; j++) {
    const keep = model.weights[j]!;
    model.weights[j] = keep + h;
    const up = logisticLossAndGradient(model, xs, ys, l2, cw).loss;
    model.weights[j] = keep - h;
    const down = logisticLossAndGradient(model, xs, ys, l2, cw).loss;
    model.weights[j] = keep;
    assert.ok(Math.abs((up - down) / (2 * h) - gradWeights[j]!) < 1e-3, `weight ${j}`);
  }
  model.bias += h;
  const up = logisticLossAndGradient(model, xs, ys, l2, cw).loss;
  model.bias -= 2 * h;
  const down = logisticLossAndGradient(model, xs, ys, l2, cw).loss;
  assert.ok(Math.abs((up - down) / (2 * h) - gradBias) < 1e-3);
});

test('logistic regression reaches 100% on a separable toy set', () => {
  const { xs, ys } = toyProblem(200, 10, 1, 2);
  const { model } = trainLogistic(xs, ys, 10, { epochs: 30, learningRate: 0.05, seed: 4 });
  const correct = xs.filter((x, i) => (linearLogit(model, x) > 0 ? 1 : 0) === ys[i]).length;
  assert.equal(correct, xs.length);
});

test('MLP gradient matches finite differences (every parameter block)', () => {
  const { xs, ys } = toyProblem(8, 7, 5, 3);
  const params = initMlp(7, 4, 3, createRng(11));
  for (let h = 0; h < 4; h++) params.b1[h] = 0.1; // keep units active so ReLU kinks are not hit
  const l2 = 0.01;
  const cw = [1, 2, 0.5];
  const { grad } = mlpLossAndGradient(params, xs, ys, l2, cw);
  const eps = 1e-3;
  let checked = 0;
  for (const key of ['w1', 'b1', 'w2', 'b2'] as const) {
    const w = params[key];
    for (let j = 0; j < w.length; j++) {
      const keep = w[j]!;
      w[j] = keep + eps;
      const up = mlpLossAndGradient(params, xs, ys, l2, cw).loss;
      w[j] = keep - eps;
      const down = mlpLossAndGradient(params, xs, ys, l2, cw).loss;
      w[j] = keep;
      const numeric = (up - down) / (2 * eps);
      assert.ok(Math.abs(numeric - grad[key][j]!) < 2e-3, `${key}[${j}]: numeric ${numeric} vs ${grad[key][j]}`);
      checked++;
    }
  }
  assert.equal(checked, 7 * 4 + 4 + 4 * 3 + 3);
});

test('MLP reaches 100% on a separable toy set and is reproducible from its seed', () => {
  const { xs, ys } = toyProblem(300, 12, 2, 3);
  const opts = { hiddenSize: 16, epochs: 40, batchSize: 32, learningRate: 0.01, dropout: 0.2, seed: 7 };
  const a = trainMlp(xs, ys, 12, 3, opts).params;
  const argmax = (p: Float64Array): number => p.indexOf(Math.max(...p));
  const correct = xs.filter((x, i) => argmax(mlpPredict(a, x)) === ys[i]).length;
  assert.equal(correct, xs.length);
  const b = trainMlp(xs, ys, 12, 3, opts).params;
  assert.deepEqual(b.w1, a.w1);
  assert.deepEqual(b.w2, a.w2);
});

test('MLP early stopping keeps the best epoch', () => {
  const { xs, ys } = toyProblem(60, 8, 6, 2);
  const scores = [0.5, 0.9, 0.7, 0.6, 0.6, 0.6];
  let epoch = 0;
  const r = trainMlp(xs, ys, 8, 2, { hiddenSize: 4, epochs: 6, patience: 2, evaluate: () => scores[epoch++]! });
  assert.equal(r.bestEpoch, 2);
  assert.equal(r.bestScore, 0.9);
  assert.equal(epoch, 4);
});
