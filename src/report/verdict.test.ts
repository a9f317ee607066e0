import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding, Severity } from '../core/types.js';
import { readCalibration } from '../models/verdict/calibration.js';
import { computeVerdict, labelFor } from './verdict.js';
import { cappedPull, VERDICT_FEATURES, type VerdictCalibration, verdictFeatures } from './verdict-features.js';

function finding(analyzer: string, code: string, severity: Severity, confidence = 1, n = 1): Finding {
  return { id: `${analyzer}/${code}#${n}`, analyzer, analyzerVersion: '1', code, severity, confidence, message: code, explanation: '', evidence: [] };
}

const calibration: VerdictCalibration = { features: [...VERDICT_FEATURES], weights: [1, 1, 1, 1], bias: -0.5, description: 'test calibration' };
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const ARTICLE = { bodyWords: 400, newsSentences: 20 };

describe('verdict', () => {
  it('uncalibrated: the groups pull with prior weights; info findings are notes and pull nothing', () => {
    const v = computeVerdict([finding('trust-badge', 'unbacked-badge', 'problem'), finding('attribution', 'anonymous-source', 'warning', 0.4), finding('style', 'loaded-language', 'info')], [], {}, ARTICLE);
    assert.equal(v.score, Math.round(100 * (1 - sigmoid(cappedPull('defects', 1, 1 + 0.35 * 0.4)))));
    assert.equal(v.isCalibrated, false);
    assert.deepEqual(v.reasons.map((r) => r.findingId), ['trust-badge/unbacked-badge#1', 'attribution/anonymous-source#1']);
    assert.deepEqual(v.evidence.map((e) => e.group), ['defects', 'source', 'fact-checks', 'style']);
    assert.equal(v.evidence[0]!.effect, -Math.round(100 * cappedPull('defects', 1, 1.14)) / 100);
    assert.match(v.drivenBy, /^Driven by defects found in this text \(-1\.0\d\)/);
  });
  it('labels by threshold', () => {
    assert.deepEqual([100, 70, 69, 45, 44, 25, 24, 0].map(labelFor), ['credible', 'credible', 'mixed', 'mixed', 'doubtful', 'doubtful', 'not-credible', 'not-credible']);
  });
  it('calibrated: 100 × P(credible) over the group pulls', () => {
    const v = computeVerdict([finding('trust-badge', 'unbacked-badge', 'problem')], [], { calibration, credibility: 0.5 }, ARTICLE);
    assert.equal(v.isCalibrated, true);
    assert.equal(v.score, Math.round(100 * (1 - sigmoid(-0.5 + cappedPull('defects', 1, 1)))));
    assert.equal(v.method, 'test calibration');
  });
  it('the style model alone moves the score at most 1.5 log-odds, and says it is style', () => {
    const v = computeVerdict([], [], { credibility: 0.999999 }, ARTICLE);
    const style = v.evidence.find((e) => e.group === 'style')!;
    assert.ok(style.effect < -1.2 && style.effect >= -1.5, String(style.effect));
    assert.ok(v.score! >= 18, String(v.score));
    assert.match(style.summary, /resembles that of sites on fake-news lists .* not a check of the facts/);
    assert.match(v.drivenBy, /style model led/);
  });
  it('a group never pulls past its cap', () => {
    assert.ok(Math.abs(cappedPull('defects', 1, 100)) <= 3);
    assert.ok(Math.abs(cappedPull('style', 1, -100)) <= 1.5);
    assert.ok(Math.abs(cappedPull('defects', 1, 0.1) - 0.1) < 0.01, 'small pulls are nearly linear');
  });
  it('one site on three lists counts once', () => {
    const one = verdictFeatures([finding('source', 'listed-fake', 'problem')], undefined);
    const three = verdictFeatures([finding('source', 'listed-fake', 'problem', 1, 1), finding('source', 'listed-fake', 'problem', 1, 2), finding('source', 'listed-unreliable', 'warning')], undefined);
    assert.deepEqual(three, one);
  });
  it('a text too short or without news sentences gets no score', () => {
    const short = computeVerdict([finding('clickbait', 'clickbait-headline', 'warning')], [], {}, { bodyWords: 5, newsSentences: 0 });
    assert.equal(short.score, null);
    assert.equal(short.label, 'not-judged');
    assert.match(short.drivenBy, /Not judged: the text has 5 words of body/);
    const list = computeVerdict([], [], {}, { bodyWords: 80, newsSentences: 1 });
    assert.equal(list.score, null);
    assert.match(list.drivenBy, /1 sentence of news prose/);
  });
  it('needs the credibility model the calibration was fitted with', () => {
    assert.equal(computeVerdict([], [], { calibration }, ARTICLE).isCalibrated, false);
  });
  it('reads a calibration file, refusing damaged ones with model-invalid and absent ones with model-missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'factlens-verdict-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ format: 'factlens-verdict-calibration', version: 1, ...calibration }));
    assert.deepEqual((await readCalibration(good)).weights, calibration.weights);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format":"factlens-verdict-calibration","weights":[1]');
    await assert.rejects(readCalibration(bad), { code: 'model-invalid' });
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify({ format: 'factlens-verdict-calibration', version: 1, features: ['credibility-model-logit'], weights: [1], bias: 0, description: '' }));
    await assert.rejects(readCalibration(old), { code: 'model-invalid' });
    await assert.rejects(readCalibration(join(dir, 'none.json')), { code: 'model-missing' });
  });
});
