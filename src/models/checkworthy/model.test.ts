import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FactlensError } from '../../core/errors.js';
import { linearLogit } from '../logistic.js';
import { buildVocabulary, tfVector } from '../text-features.js';
import { readWeightFile, writeWeightFile } from '../weight-file.js';
import { structureTerms } from './features.js';
import { blockOffsets, type CheckworthyConfig, CheckworthyModel, checkworthyTerms, contextMask, documentRows, loadCheckworthyModel } from './model.js';
import { fitCheckworthy, prepareDocuments } from './train.js';

const LINES = [
  { speaker: 'HOLT', text: 'Good evening, and welcome to the debate tonight?' },
  { speaker: 'TRUMP', text: 'We lost 70,000 factories to China since 2001.' },
  { speaker: 'TRUMP', text: 'Our jobs are fleeing the country.' },
  { speaker: 'SYSTEM', text: '(APPLAUSE)' },
  { speaker: 'CLINTON', text: 'Unemployment fell to 4.9% and wages rose.' },
  { speaker: 'CLINTON', text: 'Thank you, thank you.' },
];
const LABELS = [0, 1, 0, 0, 1, 0];

function toyModel(config: CheckworthyConfig): CheckworthyModel {
  const docs = prepareDocuments([{ name: 'd', lines: LINES.map((l, i) => ({ id: String(i + 1), ...l, label: LABELS[i] })) }], config);
  const { vocab, weights } = fitCheckworthy(docs, { config, epochs: 30, l2: 0, learningRate: 0.1, classWeight: [1, 1], seed: 3, speakerDropout: 0 });
  return new CheckworthyModel({ name: 'toy', config, vocab, weights, temperature: 0.8, trainingDataSha256: 'abc' });
}

test('the one-pass document logits equal the dot products of the training rows (context and structure)', () => {
  for (const context of ['none', 'cues', 'words', 'all'] as const) {
    const config: CheckworthyConfig = { ngramMax: 2, minDf: 1, maxVocab: 1000, context, structure: true };
    const model = toyModel(config);
    const vectors = LINES.map((l) => tfVector(checkworthyTerms(l.text, config), model.vocab, { sublinear: true }));
    const rows = documentRows(vectors, structureTerms(LINES), model.vocab, config);
    const o = blockOffsets(model.vocab.terms.length);
    const flat = new Float32Array(o.dims);
    flat.set(model.weights.self, o.self);
    flat.set(model.weights.previous, o.previous);
    flat.set(model.weights.next, o.next);
    flat.set(model.weights.structure, o.structure);
    const logits = model.logits(LINES);
    rows.forEach((x, i) => {
      const reference = linearLogit({ weights: flat, bias: model.weights.bias }, x);
      assert.ok(Math.abs(logits[i]! - reference) < 1e-5, `${context} line ${i}: ${logits[i]} vs ${reference}`);
    });
  }
});

test('the toy model ranks its positives first; without speakers the structure weights are not read', () => {
  const model = toyModel({ ngramMax: 2, minDf: 1, maxVocab: 1000, context: 'cues', structure: true });
  const p = model.scoreSequence(LINES);
  const order = [...p.keys()].sort((a, b) => p[b]! - p[a]!);
  assert.deepEqual(order.slice(0, 2).sort(), [1, 4]);
  assert.ok(model.weights.structure.some((w) => w !== 0));
  const plain = model.logits(LINES.map((l) => ({ text: l.text })));
  const bare = new CheckworthyModel({ ...model, weights: { ...model.weights, structure: new Float32Array(model.weights.structure.length) } });
  assert.deepEqual(plain, bare.logits(LINES));
  // one sentence alone has no neighbours
  assert.equal(model.score(LINES[1]!.text), model.scoreSequence([{ text: LINES[1]!.text }])[0]);
  assert.ok(model.explain(LINES[1]!.text).length > 0);
});

test('contextMask keeps cue terms, words or all terms of a neighbour', () => {
  const vocab = buildVocabulary([['lost', 'lost jobs', '<has-number>']]);
  const pick = (c: 'none' | 'cues' | 'words' | 'all'): string[] => vocab.terms.filter((_, i) => contextMask(vocab, c)[i] === 1);
  assert.deepEqual(pick('none'), []);
  assert.deepEqual(pick('cues'), ['<has-number>']);
  assert.deepEqual(pick('words'), ['<has-number>', 'lost']);
  assert.deepEqual(pick('all'), ['<has-number>', 'lost', 'lost jobs']);
});

test('a saved model loads with the same scores; a weight file of another kind is model-invalid', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'factlens-cw-'));
  try {
    for (const context of ['none', 'words'] as const) {
      const model = toyModel({ ngramMax: 2, minDf: 1, maxVocab: 1000, context, structure: true });
      await model.save(join(dir, `${context}.flw`), { lodo: { epoch: 3 } });
      const loaded = await loadCheckworthyModel(join(dir, `${context}.flw`));
      assert.deepEqual(loaded.scoreSequence(LINES), model.scoreSequence(LINES));
      assert.deepEqual(loaded.config, model.config);
      assert.deepEqual(loaded.metrics, { lodo: { epoch: 3 } });
      assert.equal(loaded.trainingDataSha256, 'abc');
      // no neighbour weights stored for a model that reads no neighbours
      const tensors = (await readWeightFile(join(dir, `${context}.flw`))).header.tensors.map((t) => t.name);
      assert.deepEqual(tensors, context === 'none' ? ['self', 'structure', 'bias'] : ['self', 'previous', 'next', 'structure', 'bias']);
    }
    await writeWeightFile(join(dir, 'other.flw'), { name: 'x', kind: 'linear-text', trainingDataSha256: '', config: {}, vocabularies: {}, metrics: {}, calibration: {} }, {});
    await assert.rejects(loadCheckworthyModel(join(dir, 'other.flw')), (e: unknown) => e instanceof FactlensError && e.code === 'model-invalid');
  } finally {
    await rm(dir, { recursive: true });
  }
});
