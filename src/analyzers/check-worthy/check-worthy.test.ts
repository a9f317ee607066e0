import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor } from '../../../test/analyzer-harness.js';
import type { BinaryTextModel, CheckworthyLineInput, CheckworthyScorer } from '../../models/types.js';
import { checkWorthy } from './index.js';

const TEXT =
  'Budget news\n\nWhat do you think about it? The council voted 7-2 on Tuesday to approve a $48 million budget. ' +
  'I believe this is wonderful. Mayor Ann Lee said the plant would open in 2022. It was sunny.';

function ranked(findings: Awaited<ReturnType<typeof findingsFor>>): string[] {
  return findings.sort((a, b) => Number(a.data?.rank) - Number(b.data?.rank)).map((f) => f.quote ?? '');
}

describe('check-worthy', () => {
  it('ranks factual sentences with numbers, dates and actors first; skips questions and opinions', async () => {
    const findings = await findingsFor(checkWorthy, TEXT);
    assert.deepEqual(ranked(findings), [
      'The council voted 7-2 on Tuesday to approve a $48 million budget.',
      'Mayor Ann Lee said the plant would open in 2022.',
    ]);
    const [first] = findings;
    assert.equal(first?.code, 'check-worthy-claim');
    assert.equal(first?.severity, 'info');
    assert.match(first!.explanation, /a number, a date/);
  });
  it('respects top and minScore', async () => {
    assert.equal((await findingsFor(checkWorthy, TEXT, { analyzerOptions: { top: 1 } })).length, 1);
    assert.equal((await findingsFor(checkWorthy, TEXT, { analyzerOptions: { minScore: 0.99 } })).length, 0);
  });
  it('blends a loaded model’s probability into the ranking', async () => {
    const checkworthy: BinaryTextModel = { name: 'test', score: (s) => (s.includes('sunny') ? 1 : 0) };
    const findings = await findingsFor(checkWorthy, TEXT, { services: { models: { checkworthy } }, analyzerOptions: { modelWeight: 0.9, minScore: 0 } });
    assert.equal(ranked(findings)[0], 'It was sunny.');
  });
  it('gives a context-reading model the body sentences in order, without speakers', async () => {
    const seen: CheckworthyLineInput[][] = [];
    const checkworthy: CheckworthyScorer = {
      name: 'test',
      score: () => assert.fail('a sequence model scores the body as a whole'),
      scoreSequence: (lines) => {
        seen.push([...lines]);
        // the sentence after the council vote ranks first
        return lines.map((_, i) => (i > 0 && lines[i - 1]!.text.includes('council') ? 1 : 0));
      },
    };
    const findings = await findingsFor(checkWorthy, TEXT, { services: { models: { checkworthy } }, analyzerOptions: { modelWeight: 0.9, minScore: 0 } });
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0]!.map((l) => Object.keys(l)), seen[0]!.map(() => ['text']));
    assert.equal(seen[0]![1]!.text, 'The council voted 7-2 on Tuesday to approve a $48 million budget.');
    assert.equal(ranked(findings)[0], 'I believe this is wonderful.');
  });
});
