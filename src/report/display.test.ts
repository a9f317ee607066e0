import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { repetitiveReport, SAMPLE_TEXT, sampleReport } from '../../test/fixtures/reports/sample-report.js';
import type { Report } from '../core/types.js';
import { agreeNumbers, displayFindings, evidenceText, excerpt, quoteSummary } from './display.js';

describe('displayFindings', () => {
  it('shows one entry per defect: one site’s list findings together, a hedge with its one-sided reading', async () => {
    const report = await repetitiveReport();
    const { entries, checkWorthy, groupedCount } = displayFindings(report);
    assert.deepEqual(
      entries.map((e) => [e.severity, e.lead.code, e.message, e.also.map((a) => a.code)]),
      [
        ['problem', 'listed-fake', 'example.org is on 4 published site lists, as a fake-news site (2 lists), a junk-science site (1 list) and a clickbait site (2 lists)', []],
        ['warning', 'one-sided-hedging', '"allegedly" casts doubt on Tom Reyes only', ['hedge']],
        ['info', 'headline-stance', 'Stance model: the body discusses the headline (40%)', []],
      ],
    );
    assert.equal(groupedCount, 3);
    assert.deepEqual(entries[0]!.evidence.map((e) => e.source), ['List A', 'List B', 'List C', 'List A', 'List D']);
    assert.equal(entries[0]!.confidence, 0.73);
    assert.deepEqual(entries[1]!.evidence.map((e) => e.source), ['Jane Holt, unhedged', 'article text'], 'the lead’s evidence first');
    assert.deepEqual(checkWorthy.map((c) => [c.rank, c.score, c.cues]), [[1, '0.93', ['a number', '1 named actor']], [2, '0.41', ['a date']]]);
  });

  it('keeps a single site-list finding as it is, with its number agreeing', async () => {
    const report = await repetitiveReport();
    const one = { ...report, findings: report.findings.filter((f) => f.code === 'listed-conspiracy') };
    assert.deepEqual(displayFindings(one).entries.map((e) => e.message), ['example.org is listed as a junk-science site by 1 list: List C']);
  });
});

describe('agreeNumbers', () => {
  it('makes word(s) agree with the number before it', () => {
    assert.equal(agreeNumbers('listed by 1 list(s): A'), 'listed by 1 list: A');
    assert.equal(agreeNumbers('listed by 7 list(s)'), 'listed by 7 lists');
    assert.equal(agreeNumbers('0 passage(s) and 1 passage(s)'), '0 passages and 1 passage');
    assert.equal(agreeNumbers('list(s) of 2'), 'list(s) of 2');
  });
});

describe('evidenceText', () => {
  it('reads a model’s probabilities as words and percentages', () => {
    assert.equal(evidenceText({ value: '{"agree":0.6190849802600691,"disagree":0.0976,"discuss":0.2107,"unrelated":0.0725}' }), 'agree 62%, disagree 10%, discuss 21%, unrelated 7%');
    assert.equal(evidenceText({ value: '{"rating":"False","count":3}' }), 'rating: False, count: 3');
    assert.equal(evidenceText({ value: '{not json' }), '{not json');
    assert.equal(evidenceText({ value: 'plain words' }), 'plain words');
  });
});

describe('excerpt', () => {
  const text = 'Opposition leader Tom Reyes allegedly called the figure "a fantasy" yesterday.';
  const span = { start: text.indexOf('allegedly'), end: text.indexOf('allegedly') + 'allegedly'.length };

  it('never cuts a word in two', () => {
    for (let radius = 1; radius < 40; radius++) {
      const x = excerpt(text, span, { radius });
      assert.ok(text.includes(`${x.before}allegedly${x.after}`), `radius ${radius}: ${x.before}|${x.after}`);
      const words = new Set(text.split(/\s+/));
      for (const w of `${x.before} ${x.after}`.trim().split(/\s+/).filter(Boolean)) assert.ok(words.has(w), `radius ${radius}: "${w}" is a whole word`);
    }
    assert.deepEqual(excerpt(text, span, { radius: 14 }), { isCutBefore: true, before: 'Tom Reyes ', inside: 'allegedly', isInsideCut: false, after: ' called the', isCutAfter: true });
  });

  it('shortens a long span at a word boundary and stops at line breaks when asked', () => {
    const long = excerpt(text, { start: 0, end: text.length }, { maxInside: 30 });
    assert.deepEqual([long.inside, long.isInsideCut, long.after], ['Opposition leader Tom Reyes', true, '']);
    const lines = 'First line here\nSecond line with the span\nThird line';
    const s = lines.indexOf('span');
    const x = excerpt(lines, { start: s, end: s + 4 }, { radius: 100, withinLine: true });
    assert.deepEqual([x.isCutBefore, x.before, x.after, x.isCutAfter], [false, 'Second line with the ', '', false]);
  });
});

describe('quoteSummary', () => {
  it('counts the body’s quotes as the analyzers do, and the headline’s apart', async () => {
    const report = await sampleReport();
    const text = report.article.text;
    const inHeadline = text.indexOf('Harbour Plan');
    const withHeadlineQuote: Report = {
      ...report,
      nlp: {
        ...report.nlp,
        quotes: [
          ...report.nlp.quotes,
          { kind: 'partial', span: { start: inHeadline, end: inHeadline + 7 }, contentSpan: { start: inHeadline, end: inHeadline + 7 }, sentence: 0, speaker: { entity: 'e1', name: 'Jane Holt', via: 'name' } },
          { kind: 'scare', span: { start: text.indexOf('fantasy'), end: text.indexOf('fantasy') + 7 }, contentSpan: { start: 0, end: 1 }, sentence: 3 },
        ],
      },
    };
    assert.ok(SAMPLE_TEXT.startsWith('Ministers Clash Over Harbour Plan'));
    assert.deepEqual(quoteSummary(withHeadlineQuote), {
      bodyCount: 3,
      bySpeaker: [{ key: 'e1', name: 'Jane Holt', count: 2 }, { key: 'e2', name: 'Tom Reyes', count: 1 }],
      unattributed: 0,
      titles: 0,
      outsideBody: 1,
    });
  });
});
