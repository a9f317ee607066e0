import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Stance } from '../types.js';
import { fncReport } from './fnc-score.js';

test('FNC score by hand: each gold/prediction case', () => {
  const gold: Stance[] = ['agree', 'agree', 'unrelated', 'unrelated', 'discuss', 'disagree'];
  const pred: Stance[] = ['agree', 'discuss', 'unrelated', 'agree', 'unrelated', 'disagree'];
  // 1.0 + 0.25 + 0.25 + 0 + 0 + 1.0
  const r = fncReport(gold, pred);
  assert.equal(r.score, 2.5);
  // MAX: 1 + 1 + 0.25 + 0.25 + 1 + 1; NULL: 0.25 · 2 unrelated
  assert.equal(r.maxScore, 4.5);
  assert.equal(r.nullScore, 0.5);
  assert.ok(Math.abs(r.relative - (100 * 2.5) / 4.5) < 1e-9);
  assert.ok(Math.abs(r.accuracy - 3 / 6) < 1e-9);
  assert.deepEqual(r.confusion, [
    [1, 0, 1, 0],
    [0, 1, 0, 0],
    [0, 0, 0, 1],
    [1, 0, 0, 1],
  ]);
  // agree: P 1/2, R 1/2; disagree 1; discuss: P 0 (1 predicted wrong), R 0; unrelated: P 1/2, R 1/2
  assert.ok(Math.abs(r.f1.agree - 0.5) < 1e-9);
  assert.equal(r.f1.disagree, 1);
  assert.equal(r.f1.discuss, 0);
  assert.ok(Math.abs(r.macroF1 - (0.5 + 1 + 0 + 0.5) / 4) < 1e-9);
});

test('perfect predictions score 100%', () => {
  const gold: Stance[] = ['agree', 'unrelated', 'discuss'];
  assert.equal(fncReport(gold, gold).relative, 100);
});
