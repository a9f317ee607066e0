import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding, Severity } from '../core/types.js';
import { readCalibration } from '../models/verdict/calibration.js';
import { computeVerdict, labelFor } from './verdict.js';
import { VERDICT_FEATURES, type VerdictCalibration, verdictFeatures } from './verdict-features.js';

function finding(analyzer: string, code: string, severity: Severity, confidence = 1): Finding {
  return { id: `${analyzer}/${code}#1`, analyzer, analyzerVersion: '1', code, severity, confidence, message: code, explanation: '', evidence: [] };
}

const calibration: VerdictCalibration = {
  features: [...VERDICT_FEATURES],
  weights: VERDICT_FEATURES.map((f) => (f === 'credibility-model-logit' ? 1 : f === 'trust-badge-problems' ? 0.9 : 0)),
  bias: 0,
  description: 'test calibration',
};

describe('verdict', () => {
  it('uncalibrated: 100 × Π(1 − w·confidence) with w = 0.18 / 0.07 / 0', () => {
    const v = computeVerdict([finding('a', 'x', 'problem'), finding('a', 'y', 'warning', 0.5), finding('a', 'z', 'info')]);
    assert.equal(v.score, Math.round(100 * 0.82 * (1 - 0.035)));
    assert.equal(v.isCalibrated, false);
    assert.deepEqual(v.reasons.map((r) => r.findingId), ['a/x#1', 'a/y#1']);
  });
  it('labels by threshold', () => {
    assert.deepEqual([100, 75, 74, 55, 54, 35, 34, 0].map(labelFor), ['credible', 'credible', 'mixed', 'mixed', 'doubtful', 'doubtful', 'not-credible', 'not-credible']);
  });
  it('calibrated: 100 × P(credible) from the logistic over features', () => {
    const v = computeVerdict([finding('trust-badge', 'unbacked-badge', 'problem')], [], { calibration, credibility: 0.5 });
    assert.equal(v.isCalibrated, true);
    assert.equal(v.score, Math.round(100 * (1 - 1 / (1 + Math.exp(-0.9)))));
    assert.equal(v.method, 'test calibration');
  });
  it('needs the credibility model the calibration was fitted with', () => {
    assert.equal(computeVerdict([], [], { calibration }).isCalibrated, false);
  });
  it('features count problems per analyzer and confidence mass per severity', () => {
    const x = verdictFeatures([finding('hedging', 'one-sided-hedging', 'problem', 0.5), finding('attribution', 'anonymous-source', 'warning', 0.8)], 0.5);
    const get = (name: string): number => x[VERDICT_FEATURES.indexOf(name as (typeof VERDICT_FEATURES)[number])]!;
    assert.equal(get('credibility-model-logit'), 0);
    assert.equal(get('problem-confidence'), 0.5);
    assert.equal(get('warning-confidence'), 0.8);
    assert.equal(get('hedging-problems'), 1);
    assert.equal(get('anonymous-sources'), 1);
  });
  it('reads a calibration file, refusing damaged ones with model-invalid and absent ones with model-missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'factlens-verdict-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ format: 'factlens-verdict-calibration', version: 1, ...calibration }));
    assert.deepEqual((await readCalibration(good)).weights, calibration.weights);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format":"factlens-verdict-calibration","weights":[1]');
    await assert.rejects(readCalibration(bad), { code: 'model-invalid' });
    await assert.rejects(readCalibration(join(dir, 'none.json')), { code: 'model-missing' });
  });
});
