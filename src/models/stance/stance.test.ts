import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { balanceUnrelated, componentSplit, type StancePair } from './data.js';
import { FactlensError } from '../../core/errors.js';
import { readWeightFile } from '../weight-file.js';
import { buildIdfTable, contextTf, HAND_FEATURE_NAMES, handFeatures, prepareBody, prepareHeadline, stem } from './features.js';
import { blockRange, loadStanceModel, MlpStanceModel, stanceModelFromFile } from './model.js';
import type { MlpParams } from '../mlp.js';
import { fitMixWeight, predictPairs, trainStance } from './train.js';
import { createRng } from '../random.js';
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

test('cue words count as near a headline word only within a few tokens of it', () => {
  const docs = ['Rocket lands on comet', 'Markets rally on news'].map(featureTokens);
  const idf = buildIdfTable(docs, 1);
  const vocab = buildVocabulary(docs);
  const h = prepareHeadline('Rocket lands on comet', vocab, idf);
  const near = handFeatures(h, prepareBody('Officials deny the rocket landed on the comet.', vocab, idf));
  assert.ok(feature(near, 'near-refuting') > 0);
  assert.ok(feature(near, 'near-refuting-share') > 0 && feature(near, 'near-refuting-share') <= 1);
  const filler = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
  const far = handFeatures(h, prepareBody(`Officials deny ${filler} the rocket landed.`, vocab, idf));
  assert.equal(feature(far, 'near-refuting'), 0);
  assert.ok(feature(far, 'body-refuting') > 0);
  const question = handFeatures(h, prepareBody('Did the rocket land on the comet? Nobody knows.', vocab, idf));
  assert.equal(feature(question, 'top3-question'), 1);
  assert.equal(feature(question, 'lead-sentence-cosine'), feature(question, 'max-sentence-cosine'));
});

test('context TF: the closest sentences\' vocabulary terms, L2-normalized, scratch left zeroed', () => {
  const docs = ['the cat sat', 'a dog sat down'].map(featureTokens);
  const idf = buildIdfTable(docs, 1);
  const vocab = buildVocabulary(docs);
  const b = prepareBody('The cat sat. The dog sat down. Nothing else.', vocab, idf);
  const counts = new Float32Array(vocab.terms.length);
  const v = contextTf(b, [0, 1, -1], counts);
  const byTerm = new Map([...v.indices].map((i, j) => [vocab.terms[i]!, v.values[j]!]));
  // "the" ×2, "sat" ×2, cat, dog, down ×1: norm √11
  assert.ok(Math.abs(byTerm.get('sat')! - 2 / Math.sqrt(11)) < 1e-6);
  assert.ok(Math.abs(byTerm.get('dog')! - 1 / Math.sqrt(11)) < 1e-6);
  assert.ok(counts.every((c) => c === 0));
  assert.equal(contextTf(b, [-1, -1, -1], counts).indices.length, 0);
  assert.equal(contextTf(b, [7], counts).indices.length, 0, 'a sentence past the end counts as none');
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

/** Four bodies (agree, disagree, discuss, unrelated) and six headlines paired with each. */
function bridgeStories(): { bodies: Map<string, string>; train: StancePair[] } {
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
  return { bodies, train };
}

test('prepared bodies are reused up to a bound, and never kept when asked not to', () => {
  const { bodies, train } = bridgeStories();
  const { model } = trainStance(train, train.slice(0, 8), bodies, { vocabSize: 50, hiddenSize: 8, epochs: 5, batchSize: 8, learningRate: 0.01, dropout: 0, patience: 5 });
  const body = bodies.get('2')!;
  const once = model.predict('Bridge collapsed in town 0', body, { reuse: false });
  assert.equal(model.cachedBodies, 0);
  assert.deepEqual(model.predict('Bridge collapsed in town 0', body), once);
  assert.equal(model.cachedBodies, 1);
  for (let i = 0; i < 40; i++) model.predict('Bridge collapsed', `${body} Update ${i}.`);
  assert.equal(model.cachedBodies, 32);
});

test('a tiny stance model trains, saves, loads and predicts the same', async () => {
  const { bodies, train } = bridgeStories();
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
    const file = await readWeightFile(join(dir, 's.flw'));
    file.header.config.inputLayout = 'headline-tf,body-tf,hand';
    assert.throws(
      () => stanceModelFromFile(file, 's.flw'),
      (e: unknown) => e instanceof FactlensError && e.code === 'model-invalid',
    );
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('members may differ in size and skip input blocks (zero weights there); the file keeps both', async () => {
  const bodies = new Map([
    ['1', 'Officials confirmed the bridge collapsed on Monday.'],
    ['2', 'The claim that the bridge collapsed is a hoax, engineers said.'],
    ['3', 'A new cafe opened downtown serving coffee and cake.'],
  ]);
  const train: StancePair[] = [];
  for (let i = 0; i < 4; i++) {
    const h = `Bridge collapsed in town ${i}`;
    train.push({ headline: h, bodyId: '1', stance: 'agree' }, { headline: h, bodyId: '2', stance: 'disagree' }, { headline: h, bodyId: '3', stance: 'unrelated' });
  }
  const handOnly = ['headline-tf', 'body-tf', 'context-tf', 'lead-tf'] as const;
  const { model } = trainStance(train, train.slice(0, 6), bodies, {
    vocabSize: 30,
    hiddenSize: 4,
    epochs: 3,
    batchSize: 4,
    members: 2,
    memberDroppedBlocks: [[], handOnly],
    memberHiddenSizes: [4, 3],
  });
  const V = model.vocab.terms.length;
  const [full, hand] = model.members as [MlpParams, MlpParams];
  for (const b of handOnly) {
    const [lo, hi] = blockRange(b, V);
    assert.ok(hand.w1.subarray(lo * 3, hi * 3).every((w) => w === 0), `${b} weights are zero`);
  }
  const [lo, hi] = blockRange('hand', V);
  assert.ok(hand.w1.subarray(lo * 3, hi * 3).some((w) => w !== 0));
  assert.ok(full.w1.subarray(0, V * 4).some((w) => w !== 0));
  const dir = await mkdtemp(join(tmpdir(), 'factlens-stance-'));
  try {
    await model.save(join(dir, 's.flw'), {}, 'x');
    const loaded = await loadStanceModel(join(dir, 's.flw'));
    assert.deepEqual(loaded.droppedBlocks, [[], [...handOnly]]);
    assert.deepEqual(loaded.members.map((m) => m.hiddenSize), [4, 3]);
    const a = model.predict('Bridge collapsed in town 1', bodies.get('1')!);
    const b = loaded.predict('Bridge collapsed in town 1', bodies.get('1')!);
    for (const k of ['agree', 'disagree', 'discuss', 'unrelated'] as const) assert.ok(Math.abs(a[k] - b[k]) < 1e-6);
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('fitMixWeight picks the informative side of a mix', () => {
  const gold = Array.from({ length: 200 }, (_, i) => i % 4);
  const rng = createRng(3);
  const informative = gold.map((g) => Float64Array.from({ length: 4 }, (_, k) => (k === g ? 2 : 0) + rng.normal() * 0.5));
  const noise = gold.map(() => Float64Array.from({ length: 4 }, () => rng.normal()));
  assert.ok(fitMixWeight(informative, noise, gold) <= 0.2, 'noise gets little weight');
  assert.ok(fitMixWeight(noise, informative, gold) >= 0.8, 'the informative side gets most weight');
  const half = fitMixWeight(informative, informative, gold);
  assert.ok(half >= 0 && half <= 1, `weight ${half}`);
});

test('boosted trees over the hand features join the members; the file keeps them and old files still load', async () => {
  const { bodies, train } = bridgeStories();
  const trees = { seeds: 2, options: { rounds: 20, maxDepth: 3, minChildWeight: 0.01, lambda: 0.1, learningRate: 0.3, patience: 20 } };
  // trees alone (no members) separate the four bodies through the hand features
  const alone = trainStance(train, train, bodies, { vocabSize: 50, members: 0, gbdt: trees });
  assert.equal(alone.model.gbdtWeight, 1);
  assert.equal(alone.gbdtRounds.length, 2);
  assert.deepEqual(predictPairs(alone.model, train, bodies).predicted, train.map((p) => p.stance));
  const { model } = trainStance(train, train.slice(0, 8), bodies, { vocabSize: 50, hiddenSize: 4, epochs: 3, batchSize: 8, gbdt: trees, tuning: train });
  assert.ok(model.gbdt && model.gbdtWeight >= 0 && model.gbdtWeight <= 1, `weight ${model.gbdtWeight}`);
  const dir = await mkdtemp(join(tmpdir(), 'factlens-stance-'));
  try {
    await model.save(join(dir, 's.flw'), {}, 'x');
    const loaded = await loadStanceModel(join(dir, 's.flw'));
    assert.equal(loaded.gbdtWeight, model.gbdtWeight);
    assert.equal(loaded.gbdt?.roots.length, model.gbdt.roots.length);
    for (const p of train.slice(0, 4)) {
      const a = model.predict(p.headline, bodies.get(p.bodyId)!);
      const b = loaded.predict(p.headline, bodies.get(p.bodyId)!);
      for (const k of ['agree', 'disagree', 'discuss', 'unrelated'] as const) assert.ok(Math.abs(a[k] - b[k]) < 1e-6, `${k}: ${a[k]} vs ${b[k]}`);
    }
    // a file written before the trees (no gbdtWeight, no tree tensors) loads as members only
    const file = await readWeightFile(join(dir, 's.flw'));
    delete file.header.config.gbdtWeight;
    for (const name of [...file.tensors.keys()]) if (name.startsWith('gbdt.')) file.tensors.delete(name);
    const old = stanceModelFromFile(file, 's.flw');
    assert.equal(old.gbdt, undefined);
    assert.equal(old.gbdtWeight, 0);
    const members = new MlpStanceModel({ vocab: model.vocab, idf: model.idf, members: model.members, temperature: model.temperature });
    const h = old.prepareHeadline(train[0]!.headline);
    assert.deepEqual(old.logits(h, old.prepareBody(bodies.get('1')!)), members.logits(h, members.prepareBody(bodies.get('1')!)));
  } finally {
    await rm(dir, { recursive: true });
  }
});
