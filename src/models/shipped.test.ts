/**
 * The shipped weight files load, and — when ../shared/data is present — reproduce the dev metrics
 * recorded in them at training time.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { checkworthyPart, loadCheckworthyData } from './checkworthy/data.js';
import { loadClickbaitData, selectPart } from './clickbait/data.js';
import { loadLinearTextModel } from './linear-text-model.js';
import { binaryReport, rankingReport } from './metrics.js';
import { loadShippedModels } from './shipped.js';
import { shippedModelPath } from './task-support.js';

const DATA = fileURLToPath(new URL('../../../shared/data', import.meta.url));
const hasData = existsSync(DATA);
const skipNoData = hasData ? false : `../shared/data not found at ${DATA}: skipping the dev-metric reproduction`;
if (!hasData) console.log(`# SKIP ${skipNoData}`);

test('loadShippedModels loads every shipped weight file present', async () => {
  const models = await loadShippedModels();
  for (const name of ['clickbait', 'checkworthy'] as const) {
    if (!existsSync(shippedModelPath(name))) continue;
    assert.ok(models[name], `${name} should load`);
    const p = models[name]!.score('You Will Never Guess What Happened Next');
    assert.ok(p >= 0 && p <= 1);
  }
});

test('loadShippedModels leaves out models whose file is absent', async () => {
  const models = await loadShippedModels({ dir: fileURLToPath(new URL('./no-such-dir', import.meta.url)) });
  assert.deepEqual(models, {});
});

test('clickbait weights reproduce their recorded dev metrics', { skip: skipNoData }, async () => {
  const model = await loadLinearTextModel(shippedModelPath('clickbait'));
  const recorded = (model.metrics.dev as { accuracy: number; rocAuc: number }) ?? assert.fail('no dev metrics recorded');
  const data = await loadClickbaitData(`${DATA}/clickbait-chakraborty2016`);
  assert.equal(data.sha256, model.trainingDataSha256, 'the data differ from the training data');
  const dev = selectPart(data, 'dev');
  const r = binaryReport(dev.labels, dev.texts.map((t) => model.score(t)));
  assert.ok(Math.abs(r.accuracy - recorded.accuracy) < 1e-3, `accuracy ${r.accuracy} vs recorded ${recorded.accuracy}`);
  assert.ok(Math.abs(r.rocAuc - recorded.rocAuc) < 1e-3);
  assert.ok(r.accuracy >= 0.97);
});

test('checkworthy weights reproduce their recorded dev MAP', { skip: skipNoData }, async () => {
  const model = await loadLinearTextModel(shippedModelPath('checkworthy'));
  const recorded = (model.metrics.dev as { map: number }) ?? assert.fail('no dev metrics recorded');
  const data = await loadCheckworthyData(`${DATA}/checkthat2019-task1-debates`);
  const dev = data.transcripts.filter((t) => checkworthyPart(t.name) === 'dev');
  const r = rankingReport(dev.map((t) => ({ labels: t.lines.map((l) => l.label ?? 0), scores: t.lines.map((l) => model.score(l.text)) })));
  assert.ok(Math.abs(r.map - recorded.map) < 1e-3, `MAP ${r.map} vs recorded ${recorded.map}`);
  assert.ok(r.map >= 0.2);
});
