import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_TEXT } from '../../test/fixtures/reports/sample-report.js';
import { analyze } from '../analyze.js';
import { loadServices } from '../services.js';
import { FactlensError } from '../core/errors.js';
import { type AnalysisPool, createAnalysisPool } from './analysis-pool.js';
import { jobBudgetMs } from './deadline.js';
import type { AnalysisOptions } from './job.js';

const OPTIONS: AnalysisOptions = {
  maxBytes: 100_000,
  requireEnglish: true,
  meta: { publishedAt: '2024-05-08' },
  fetch: { allowPrivateNetwork: false, maxBytes: 100_000 },
  timeoutMs: 10_000,
  nowIso: '2024-05-09T10:00:00.000Z',
};

describe('analysis pool (worker threads)', () => {
  let pool: AnalysisPool;
  before(async () => {
    // No grace past a job's timeout, so that one test can make a job overrun on purpose.
    pool = await createAnalysisPool(1, { env: {}, cwd: process.cwd() }, { watchdogGraceMs: 0 });
  });
  after(() => pool.close());

  it('gives the same report as analyzing in-process', async () => {
    const services = await loadServices({ env: {}, cwd: process.cwd() });
    const local = await analyze({ text: SAMPLE_TEXT }, { ...OPTIONS, services: services.services, now: () => new Date(OPTIONS.nowIso) });
    const answers = await Promise.all([pool.analyze({ text: SAMPLE_TEXT }, OPTIONS), pool.analyze({ text: SAMPLE_TEXT }, OPTIONS)]);
    for (const { json, digest } of answers) {
      const remote = JSON.parse(json) as typeof local;
      assert.equal(digest.score, local.verdict.score);
      assert.equal(digest.title, 'Ministers Clash Over Harbour Plan');
      assert.equal(remote.generatedAt, OPTIONS.nowIso);
      assert.deepEqual({ ...remote, timingsMs: {} }, { ...JSON.parse(JSON.stringify(local)), timingsMs: {} });
    }
    services.close();
  });

  it('passes typed errors back', async () => {
    await assert.rejects(pool.analyze({ text: '   ' }, OPTIONS), (e) => e instanceof FactlensError && e.code === 'input-empty');
    await assert.rejects(
      pool.analyze({ url: 'http://127.0.0.1:9/x' }, OPTIONS),
      (e) => e instanceof FactlensError && e.code === 'fetch-blocked',
    );
  });

  it('stops a job that overruns its time, replaces the worker, and goes on', async () => {
    // ~40 times the sample story takes far longer than the 1 ms allowed here.
    const long = `${SAMPLE_TEXT}\n${SAMPLE_TEXT.split('\n\n').slice(1).join('\n\n').repeat(40)}`;
    await assert.rejects(
      pool.analyze({ text: long }, { ...OPTIONS, timeoutMs: 1 }),
      (e) => e instanceof FactlensError && e.code === 'analysis-timeout' && /longer than 1 ms/.test(e.message),
    );
    const next = await pool.analyze({ text: SAMPLE_TEXT }, OPTIONS);
    assert.equal(next.digest.title, 'Ministers Clash Over Harbour Plan');
  });

  it('closes without leaving a replacement worker running', async () => {
    const own = await createAnalysisPool(1, { env: {}, cwd: process.cwd() }, { watchdogGraceMs: 0 });
    const long = `${SAMPLE_TEXT}\n${SAMPLE_TEXT.split('\n\n').slice(1).join('\n\n').repeat(40)}`;
    await assert.rejects(own.analyze({ text: long }, { ...OPTIONS, timeoutMs: 1 }), (e) => e instanceof FactlensError && e.code === 'analysis-timeout');
    // The replacement is still loading its services here; close must stop it too (else the process would not exit).
    await own.close();
  });

  it('gives a URL job its fetch time on top of the budget', () => {
    assert.equal(jobBudgetMs({ text: 'x' }, 500), 500);
    assert.equal(jobBudgetMs({ html: '<p>x</p>', url: 'https://example.com/' }, 500), 500);
    assert.ok(jobBudgetMs({ url: 'https://example.com/' }, 500) > 500);
  });

  it('queues more jobs than workers and answers them all', async () => {
    const reports = await Promise.all(Array.from({ length: 6 }, () => pool.analyze({ text: SAMPLE_TEXT }, OPTIONS)));
    assert.equal(new Set(reports.map((r) => JSON.stringify((JSON.parse(r.json) as { findings: unknown }).findings))).size, 1);
    assert.equal(reports.length, 6);
  });
});
