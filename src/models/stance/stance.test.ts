import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { balanceUnrelated, componentSplit, type StancePair } from './data.js';
import { buildIdfTable, HAND_FEATURE_NAMES, handFeatures, prepareBody, prepareHeadline, stem } from './features.js';
import { loadStanceModel } from './model.js';
import { predictPairs, trainStance } from './train.js';
import { buildVocabulary, featureTokens } from '../text-features.js';

const feature = (f: Float32Array, name: string): number => f[HAND_FEATURE_NAMES.indexOf(name)]!;

test('stemming folds plurals and -ed/-ing forms', () => {
  assert.deepEqual(['drones', 'ceasefires', 'flies', 'killed', 'reporting', 'bus', 'press'].map(stem), ['drone', 'ceasefire', 'fly', 'kill', 'report', 'bus', 'press']);
});

test('hand features by hand: overlap, cosine, refuting words near the headline subject', () => {
  const docs = ['The cat sat on the mat', 'Dogs bark loudly at night'].map(featureTokens);
  const idf = buildIdfTable(docs, 1);
  const vocab = buildVocabulary(docs);
  const h = prepareHeadline('Cat found on Mars', vocab, idf);
  const b = prepareBody('A cat was found on Mars, officials said. Experts deny the Mars cat story: a hoax. Dogs bark.', vocab, idf);
  const f = handFeatures(h, b);
  // headline content words {cat, found, mars} all occur in the body
  assert.equal(feature(f, 'headline-coverage'), 1);
  assert.ok(feature(f, 'cosine') > 0.5 && feature(f, 'cosine') <= 1);
  // the closest sentence is the first; "deny" and "hoax" sit in the second closest
  assert.ok(feature(f, 'max-sentence-cosine') > 0.8);
  assert.ok(feature(f, 'top3-refuting') > 0);
  const far = handFeatures(h, prepareBody('A cat was found on Mars, officials said. Experts deny it all: a hoax. Dogs bark.', vocab, idf));
  assert.equal(feature(far, 'top3-refuting'), 0, 'refutation in a sentence unrelated to the headline does not count');
  assert.ok(feature(far, 'body-refuting') > 0);
  assert.equal(feature(f, 'headline-refuting'), 0);
  assert.equal(feature(f, 'headline-has-hoax'), 0);
  const unrelated = handFeatures(prepareHeadline('Stocks fall sharply', vocab, idf), b);
  assert.equal(feature(unrelated, 'cosine'), 0);
  assert.equal(feature(unrelated, 'headline-coverage'), 0);
});

const pairs: StancePair[] = [
  { headline: 'h1', bodyId: '1', stance: 'agree' },
  { headline: 'h1', bodyId: '2', stance: 'discuss' },
  { headline: 'h2', bodyId: '2', stance: 'disagree' },
  { headline: 'h3', bodyId: '3', stance: 'agree' },
  { headline: 'h1', bodyId: '3', stance: 'unrelated' },
  { headline: 'h3', bodyId: '1', stance: 'unrelated' },
];

test('component split keeps each story on one side and drops cross pairs', () => {
  const sides = componentSplit(pairs, 0.25, 'x');
  // story A = {h1, h2, b1, b2} (3 related pairs), story B = {h3, b3} (1)
  assert.equal(sides[0], sides[1]);
  assert.equal(sides[1], sides[2]);
  assert.notEqual(sides[0], sides[3]);
  assert.equal(sides[4], undefined);
  assert.equal(sides[5], undefined);
});

test('balanceUnrelated pairs headlines with bodies of other stories only', () => {
  const related = pairs.slice(0, 4);
  const out = balanceUnrelated(related, 0.5, 's');
  const added = out.slice(4);
  assert.equal(added.length, 4);
  for (const p of added) {
    assert.equal(p.stance, 'unrelated');
    const storyA = ['h1', 'h2', '1', '2'];
    assert.notEqual(storyA.includes(p.headline), storyA.includes(p.bodyId));
  }
});

test('a tiny stance model trains, saves, loads and predicts the same', async () => {
  const bodies = new Map([
    ['1', 'Officials confirmed the bridge collapsed on Monday. The bridge collapse was confirmed by police.'],
    ['2', 'The claim that the bridge collapsed is a hoax, engineers said. They deny any damage to the bridge.'],
    ['3', 'Reports say the bridge may have collapsed, but this is unconfirmed.'],
    ['4', 'A new cafe opened downtown serving coffee and cake.'],
  ]);
  const train: StancePair[] = [];
  for (let i = 0; i < 6; i++) {
    const h = `Bridge collapsed in town ${i}`;
    train.push({ headline: h, bodyId: '1', stance: 'agree' }, { headline: h, bodyId: '2', stance: 'disagree' });
    train.push({ headline: h, bodyId: '3', stance: 'discuss' }, { headline: h, bodyId: '4', stance: 'unrelated' });
  }
  const { model } = trainStance(train, train.slice(0, 8), bodies, { vocabSize: 50, hiddenSize: 8, epochs: 60, batchSize: 8, learningRate: 0.01, dropout: 0, patience: 60 });
  const { predicted } = predictPairs(model, train, bodies);
  assert.deepEqual(predicted, train.map((p) => p.stance));
  const dir = await mkdtemp(join(tmpdir(), 'factlens-stance-'));
  try {
    await model.save(join(dir, 's.flw'), {}, 'x');
    const loaded = await loadStanceModel(join(dir, 's.flw'));
    const a = model.predict('Bridge collapsed in town 0', bodies.get('2')!);
    const b = loaded.predict('Bridge collapsed in town 0', bodies.get('2')!);
    for (const k of ['agree', 'disagree', 'discuss', 'unrelated'] as const) assert.ok(Math.abs(a[k] - b[k]) < 1e-6);
    assert.ok(Math.abs(a.agree + a.disagree + a.discuss + a.unrelated - 1) < 1e-9);
  } finally {
    await rm(dir, { recursive: true });
  }
});
