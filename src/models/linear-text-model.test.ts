import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CUE_SETS } from './cue-sets.js';
import { linearTextTerms, loadLinearTextModel, trainLinearText } from './linear-text-model.js';
import { featureTokens } from './text-features.js';

test('cue terms: clickbait and check-worthiness cues by hand', () => {
  const cb = CUE_SETS.clickbait!;
  assert.deepEqual(cb.terms('17 Things You Missed!', featureTokens('17 Things You Missed!')), [
    '<len:4>',
    '<start:17>',
    '<start-number>',
    '<has-number>',
    '<exclamation>',
  ]);
  assert.equal(cb.describe('<start-number>'), 'opens with a number');
  const cw = CUE_SETS.checkworthy!;
  const text = 'In 2015 the Senate spent $4 billion, 12% more than Congress planned.';
  assert.deepEqual(cw.terms(text, featureTokens(text)), ['<len:≤15>', '<has-number>', '<several-numbers>', '<year>', '<percent>', '<money>', '<capitalized:≤3>']);
  assert.deepEqual(linearTextTerms('Why You Cry', { ngramMax: 2, minDf: 1, maxVocab: 10, cues: 'none' }), ['why', 'you', 'cry', 'why you', 'you cry']);
});

test('a linear text model learns a toy task, explains itself and survives a save/load round trip', async () => {
  const pos = ['you will love this', 'this is why you cry', 'you need to see this', 'why you should click'];
  const neg = ['senate passes budget', 'storm hits coast', 'markets fall sharply', 'council approves plan'];
  const train = { texts: [...pos, ...neg], labels: [1, 1, 1, 1, 0, 0, 0, 0] };
  const { model } = trainLinearText('toy', train, train, { ngramMax: 1, minDf: 1, maxVocab: 100, cues: 'clickbait' }, { epochs: 40, learningRate: 0.1, l2: 0 });
  for (const t of pos) assert.ok(model.score(t) > 0.5, t);
  for (const t of neg) assert.ok(model.score(t) < 0.5, t);
  const cues = model.explain('you will cry', 2);
  assert.equal(cues.length, 2);
  assert.ok(cues.some((c) => c.cue === '“you”'));
  assert.ok(cues[0]!.weight >= cues[1]!.weight);
  const dir = await mkdtemp(join(tmpdir(), 'factlens-ltm-'));
  try {
    await model.save(join(dir, 'toy.flw'), { dev: { accuracy: 1 } }, 'abc');
    const loaded = await loadLinearTextModel(join(dir, 'toy.flw'));
    assert.equal(loaded.score('you will cry'), model.score('you will cry'));
    assert.deepEqual(loaded.metrics, { dev: { accuracy: 1 } });
    assert.equal(loaded.trainingDataSha256, 'abc');
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('the one-pass logit equals the dot product of the sparse input row (bigrams, repeats, cues)', async () => {
  const { linearLogit } = await import('./logistic.js');
  const texts = ['the cat sat on the mat', 'the the the cat', 'a dog and a cat sat', 'In 2015 the mat cost $4 billion?', 'nothing known here'];
  const { model } = trainLinearText(
    'toy2',
    { texts, labels: [1, 0, 1, 0, 1] },
    { texts, labels: [1, 0, 1, 0, 1] },
    { ngramMax: 3, minDf: 1, maxVocab: 1000, cues: 'checkworthy' },
    { epochs: 5, learningRate: 0.1, l2: 0 },
  );
  for (const t of [...texts, 'the cat sat on the the mat mat', '']) {
    const reference = linearLogit(model.linear, model.vectorize(t));
    // the sparse row stores Float32 values; the one-pass sum keeps doubles
    assert.ok(Math.abs(model.logit(t) - reference) < 1e-6, `${t}: ${model.logit(t)} vs ${reference}`);
  }
});
