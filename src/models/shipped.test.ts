/**
 * The shipped weight files load, and — when ../shared/data is present — reproduce the dev metrics
 * recorded in them at training time.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { loadCheckworthyData } from './checkworthy/data.js';
import { loadCheckworthyModel } from './checkworthy/model.js';
import { loadClickbaitData, selectPart } from './clickbait/data.js';
import { articleText, credibilityParts, loadArticles } from './credibility/data.js';
import { loadLinearTextModel } from './linear-text-model.js';
import { binaryReport, rankingReport } from './metrics.js';
import { loadShippedModels } from './shipped.js';
import { balanceUnrelated, loadStanceData, splitStanceData } from './stance/data.js';
import { fncReport } from './stance/fnc-score.js';
import { loadStanceModel } from './stance/model.js';
import { predictPairs } from './stance/train.js';
import { shippedModelPath } from './task-support.js';

const DATA = fileURLToPath(new URL('../../../shared/data', import.meta.url));
const hasData = existsSync(DATA);
const skipNoData = hasData ? false : `../shared/data not found at ${DATA}: skipping the dev-metric reproduction`;
if (!hasData) console.log(`# SKIP ${skipNoData}`);

test('loadShippedModels loads every shipped weight file present', async () => {
  const models = await loadShippedModels();
  for (const name of ['clickbait', 'checkworthy', 'stance', 'credibility'] as const) {
    if (!existsSync(shippedModelPath(name))) continue;
    assert.ok(models[name], `${name} should load`);
    const model = models[name]!;
    if ('score' in model) {
      const p = model.score('You Will Never Guess What Happened Next');
      assert.ok(p >= 0 && p <= 1);
    } else {
      const p = model.predict('Bridge collapses', 'The bridge collapsed on Monday, police confirmed.');
      assert.ok(Math.abs(p.agree + p.disagree + p.discuss + p.unrelated - 1) < 1e-9);
    }
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

test('checkworthy weights reproduce their recorded in-sample MAP and carry their LODO record', { skip: skipNoData }, async () => {
  const model = await loadCheckworthyModel(shippedModelPath('checkworthy'));
  const recorded = (model.metrics.inSampleMap as number) ?? assert.fail('no in-sample MAP recorded');
  const data = await loadCheckworthyData(`${DATA}/checkthat2019-task1-debates`);
  assert.deepEqual(
    data.transcripts.map((t) => t.name),
    model.metrics.transcripts,
  );
  const r = rankingReport(data.transcripts.map((t) => ({ labels: t.lines.map((l) => l.label ?? 0), scores: model.scoreSequence(t.lines) })));
  assert.ok(Math.abs(r.map - recorded) < 1e-3, `MAP ${r.map} vs recorded ${recorded}`);
  const lodo = model.metrics.lodo as { debates: number; map: { mean: number }; perDebate: { ap: number }[] };
  assert.equal(lodo.debates, data.transcripts.length);
  const mean = lodo.perDebate.reduce((a, d) => a + d.ap, 0) / lodo.perDebate.length;
  assert.ok(Math.abs(mean - lodo.map.mean) < 1e-9, 'the LODO mean is the mean of its per-debate APs');
});

test('stance weights reproduce their recorded dev FNC score', { skip: skipNoData || (existsSync(shippedModelPath('stance')) ? false : 'models/stance.flw is not shipped') }, async () => {
  const model = await loadStanceModel(shippedModelPath('stance'));
  const recorded = (model.metrics.devBalanced as { relative: number; macroF1: number }) ?? assert.fail('no dev metrics recorded');
  const data = await loadStanceData(`${DATA}/fnc1`);
  assert.equal(data.sha256, model.trainingDataSha256);
  const share = data.pairs.filter((p) => p.stance === 'unrelated').length / data.pairs.length;
  const dev = balanceUnrelated(splitStanceData(data.pairs).dev, share, 'stance-dev-unrelated');
  const r = fncReport(
    dev.map((p) => p.stance!),
    predictPairs(model, dev, data.bodies).predicted,
  );
  assert.ok(Math.abs(r.relative - recorded.relative) < 0.05, `relative ${r.relative} vs recorded ${recorded.relative}`);
  assert.ok(Math.abs(r.macroF1 - recorded.macroF1) < 1e-3);
});

test('credibility weights reproduce their recorded dev ROC-AUC', { skip: skipNoData }, async () => {
  const model = await loadLinearTextModel(shippedModelPath('credibility'));
  const recorded = (model.metrics.dev as { rocAuc: number }) ?? assert.fail('no dev metrics recorded');
  const corpora = ['perez-rosas-2018', 'horne-this-just-in-2017', 'golbeck-fake-vs-satire-2018', 'fakenewsnet-v1-2017', 'buzzfeed-webis-fake-news-2016'];
  const { articles, sha256 } = await loadArticles(corpora.map((c) => `${DATA}/${c}`));
  assert.equal(sha256, model.trainingDataSha256);
  const parts = credibilityParts(articles);
  const dev = articles.filter((_, i) => parts[i] === 'dev');
  const r = binaryReport(
    dev.map((a) => a.label),
    dev.map((a) => model.score(articleText(a.title, a.text))),
  );
  assert.ok(Math.abs(r.rocAuc - recorded.rocAuc) < 1e-3, `ROC-AUC ${r.rocAuc} vs recorded ${recorded.rocAuc}`);
  assert.ok(r.rocAuc >= 0.85);
});
