import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor, summaryFor } from '../../../test/analyzer-harness.js';
import { style } from './index.js';

describe('style', () => {
  it('flags a sensational headline word, exactly', async () => {
    const [f] = await findingsFor(style, 'Shocking report on budget\n\nThe council met on Monday.');
    assert.deepEqual(
      { code: f?.code, severity: f?.severity, span: f?.span, message: f?.message, confidence: f?.confidence },
      { code: 'sensational-language', severity: 'warning', span: { start: 0, end: 8 }, message: 'Sensational word "Shocking"', confidence: 0.7 },
    );
  });
  const cases: [string, string, string[]][] = [
    ['neutral news', 'Council approves budget\n\nThe council approved the budget on Monday by seven votes to two.', []],
    ['shouting capitals', 'Budget\n\nThey WILL NOT STOP the vote.', ['13-26 style/shouting-caps «WILL NOT STOP»']],
    ['acronyms are not shouting', 'Budget\n\nThe NATO and UN envoys met.', []],
    ['exclamation marks', 'Budget passes!\n\nThe vote passed?! Nobody expected it.', ['13-14 style/excessive-punctuation «!»', '31-33 style/excessive-punctuation «?!»']],
    ['loaded words', 'Budget\n\nThe regime passed its budget.', ['12-18 style/loaded-language «regime»']],
    ['words inside quotes are the speaker’s', 'Budget\n\n“This regime is shocking!!”, the mayor said.', []],
  ];
  for (const [name, text, expected] of cases) it(name, async () => assert.deepEqual(await summaryFor(style, text), expected));
  it('accepts extra lexicons through options', async () => {
    assert.deepEqual(await summaryFor(style, 'Budget\n\nA jaw-clenching vote.', { analyzerOptions: { extraSensational: ['jaw-clenching'] } }), [
      '10-23 style/sensational-language «jaw-clenching»',
    ]);
  });
  it('flags high subjectivity over a long enough text', async () => {
    const body = Array.from({ length: 12 }, () => 'The terrible and absurd plan was clearly a disaster for everyone.').join(' ');
    const f = (await findingsFor(style, `Plan\n\n${body}`)).find((x) => x.code === 'high-subjectivity');
    assert.equal(f?.severity, 'info');
    assert.equal(f?.span, undefined);
  });
});
