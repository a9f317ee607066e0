import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Transcript } from './data.js';
import { type CheckworthyTrainOptions, extraDocuments, leaveOneDebateOut, lodoTemperature, prepareDocuments, spreadOf, summarizeLodo } from './train.js';

const OPTIONS: CheckworthyTrainOptions = {
  config: { ngramMax: 1, minDf: 1, maxVocab: 1000, context: 'none', structure: false },
  epochs: 4,
  l2: 0,
  learningRate: 0.1,
  classWeight: [1, 1],
  seed: 1,
  speakerDropout: 0,
};

/**
 * Debate k marks its positives and its negatives with words only it uses ("markerk", "fillerk");
 * with `shared`, its positives also carry a word every debate's positives use. A fold that saw its
 * held-out debate would rank it perfectly by the private words; one that did not sees ties.
 */
function debate(k: number, shared: boolean): Transcript {
  const lines = [];
  for (let i = 0; i < 12; i++) {
    const positive = i % 4 === 0;
    const text = positive ? `marker${k} ${shared ? 'billion' : 'plain'} said` : `filler${k} plain said`;
    lines.push({ id: String(i + 1), text, label: positive ? 1 : 0 });
  }
  return { name: `d${k}`, lines };
}

test('leave-one-debate-out never trains on the held-out debate', () => {
  const debates = [0, 1, 2, 3].map((k) => debate(k, false));
  const docs = prepareDocuments(debates, OPTIONS.config);
  const folds = leaveOneDebateOut(docs, [], OPTIONS);
  assert.deepEqual(
    folds.map((f) => [f.name, f.sentences, f.positives, f.ap.length]),
    debates.map((d) => [d.name, 12, 3, 4]),
  );
  // the private marker is unknown to each fold: the positives look like the negatives
  for (const f of folds) assert.ok(f.ap.at(-1)! < 0.9, `${f.name}: AP ${f.ap.at(-1)}`);
  // a word the other debates share does carry over
  const shared = leaveOneDebateOut(prepareDocuments([0, 1, 2, 3].map((k) => debate(k, true)), OPTIONS.config), [], OPTIONS);
  for (const f of shared) assert.ok(f.ap.at(-1)! > 0.9, `${f.name}: AP ${f.ap.at(-1)}`);
  const { byEpoch, best } = summarizeLodo(shared);
  assert.equal(byEpoch.length, 4);
  assert.ok(byEpoch.every((e) => e.map.mean <= best.map.mean));
  assert.ok(lodoTemperature(shared, prepareDocuments([0, 1, 2, 3].map((k) => debate(k, true)), OPTIONS.config), best.epoch) > 0);
});

test('extra data loses its repeats of the debates and is cut where they were', () => {
  const debates: Transcript[] = [{ name: 'd', lines: [{ id: '1', text: 'We have lost seventy thousand factories since then, folks.', label: 1 }] }];
  const extra: Transcript = {
    name: 'x',
    lines: [
      { id: 'a', text: 'The deficit doubled in four years.', label: 1 },
      { id: 'b', text: 'Well, we have lost seventy thousand factories since then.', label: 0 },
      { id: 'c', text: 'Thank you.', label: 0 },
      { id: 'd', text: 'We have LOST seventy thousand factories since then, folks!', label: 0 },
    ],
  };
  const { documents, kept, dropped } = extraDocuments([extra], debates);
  assert.equal(kept, 2);
  assert.equal(dropped, 2);
  assert.deepEqual(
    documents.map((d) => d.lines.map((l) => l.id)),
    [['a'], ['c']],
  );
  const list = extraDocuments([{ ...extra, lines: [extra.lines[0]!, extra.lines[2]!], unordered: true }], debates);
  assert.deepEqual(
    list.documents.map((d) => d.lines.map((l) => l.id)),
    [['a'], ['c']],
  );
});

test('spreadOf: mean, sample SD, SE, range', () => {
  const s = spreadOf([0.1, 0.2, 0.3, 0.4]);
  assert.ok(Math.abs(s.mean - 0.25) < 1e-12);
  assert.ok(Math.abs(s.sd - Math.sqrt(0.05 / 3)) < 1e-12);
  assert.ok(Math.abs(s.se - s.sd / 2) < 1e-12);
  assert.deepEqual([s.min, s.max], [0.1, 0.4]);
});
