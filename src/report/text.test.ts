import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { repetitiveReport, sampleReport } from '../../test/fixtures/reports/sample-report.js';
import { renderReport } from './index.js';
import { contextLine, renderText } from './text.js';

describe('renderText', () => {
  it('opens with the verdict and its top reasons, before any finding', async () => {
    const report = await sampleReport();
    const lines = renderText(report).split('\n');
    assert.deepEqual(lines.slice(0, 8), [
      'Ministers Clash Over Harbour Plan',
      'example.org · published 2024-05-08',
      '',
      `Credibility ${report.verdict.score}/100 ${report.verdict.label} (uncalibrated)`,
      'Top reasons',
      ...report.verdict.reasons.map((r, i) => `  ${i + 1}. ${r.message}`),
    ].slice(0, 8));
    assert.ok(lines.indexOf('Top reasons') < lines.indexOf('Problems'));
  });

  it('shows one entry per defect, check-worthy claims by rank with one score, and evidence in words', async () => {
    const out = renderText(await repetitiveReport());
    // one site, three list findings: one entry
    assert.equal(out.match(/example\.org is/g)?.length, 1);
    assert.match(out, /^problem document {2}example\.org is on 4 published site lists, as a fake-news site \(2 lists\), a junk-science site \(1 list\) and a clickbait site \(2 lists\) \[source\/listed-fake\] 73%$/m);
    // the hedge and its one-sided reading of the same word: one entry, the other named under it
    assert.equal(out.match(/^\S+\s+\d+-\d+\s+"allegedly"/gm)?.length, 1);
    assert.match(out, /^warning \d+-\d+ +"allegedly" casts doubt on Tom Reyes only \[hedging\/one-sided-hedging\]/m);
    assert.match(out, /^ {10}also: "allegedly" distances the writer from Tom Reyes \[hedging\/hedge\]$/m);
    // counts agree with the entries shown
    assert.match(out, /^5 findings: 1 problem, 1 warning, 3 info \(8 in the report; findings about the same words are shown together\)$/m);
    // check-worthy claims: rank order, one score each, no model percentage or confidence beside it
    const claims = out.slice(out.indexOf('Check-worthy claims'));
    assert.match(claims, /^ {2}#1 {2}0\.93 {2}\d+-\d+ +the harbour would cost "less than 40 million euros"\n {10}a number, 1 named actor\n {2}#2 {2}0\.41 {2}\d+-\d+ +Holt said the work would start in March\.\n {10}a date$/m);
    assert.doesNotMatch(out, /Check-worthy claim #\d \(score/);
    assert.doesNotMatch(out, /22%|95%/);
    // a model's output in words, not raw JSON
    assert.match(out, /· stance: agree 18%, disagree 30%, discuss 40%, unrelated 11%/);
    assert.doesNotMatch(out, /\{"agree"/);
  });

  it('counts quotes by speaker as the body’s quotes', async () => {
    const out = renderText(await sampleReport());
    assert.match(out, /^Quotes by speaker \(3 quotes in the body\)\n {2}Jane Holt: 2\n {2}Tom Reyes: 1$/m);
  });

  it('colours only when asked', async () => {
    const report = await sampleReport();
    assert.doesNotMatch(renderText(report), /\x1b\[/);
    assert.match(renderText(report, { color: true }), /\x1b\[1m/);
    assert.equal(renderReport(report, 'text'), renderText(report));
  });
});

describe('contextLine', () => {
  it('cuts the context at word boundaries and marks the span', () => {
    const text = 'NATO has also been patrolling the area with its own ships, allegedly shadowing Turkish vessels near the islands.';
    const start = text.indexOf('allegedly');
    const line = contextLine(text, { start, end: start + 9 }, false, 30);
    assert.equal(line, '…the area with its own ships, «allegedly» shadowing Turkish vessels…');
  });
});
