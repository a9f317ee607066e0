import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor, summaryFor } from '../../../test/analyzer-harness.js';
import { attribution } from './index.js';

describe('attribution', () => {
  it('flags a stripped "reports:" attribution, exactly', async () => {
    const text = 'Minister resigns\n\nThe minister said he would “step down at once”. reports:\n\nHe left the building.';
    const [f] = await findingsFor(attribution, text);
    assert.deepEqual(
      { code: f?.code, severity: f?.severity, quote: f?.quote, message: f?.message },
      { code: 'stripped-attribution', severity: 'problem', quote: 'reports:', message: 'Attribution "reports:" names no source' },
    );
    assert.equal(text.slice(f!.span!.start, f!.span!.end), 'reports:');
  });
  const cases: [string, string, string[]][] = [
    ['a named source before "reports:" is fine', 'Minister resigns\n\nThe Guardian reports:\n\nThe minister left.', []],
    [
      'anonymous experts',
      'Storm nears\n\nMilitary experts warned over the last few weeks that a major conflict could be triggered.',
      ['13-29 attribution/anonymous-source «Military experts»'],
    ],
    ['reports said', 'Deal near\n\nWhile reports said the two sides are close to a deal, nothing was signed.', ['17-24 attribution/anonymous-source «reports»']],
    ['impersonal passive', 'Deal near\n\nIt is claimed that the deal was signed in secret.', ['11-29 attribution/anonymous-source «It is claimed that»']],
    ['according to with no name', 'Deal near\n\nThe deal was signed, according to . Nobody knows more.', ['32-44 attribution/stripped-attribution «according to»']],
    ['named speakers are fine', 'Deal near\n\n“We signed it today,” Mayor Jane Smith said. The council agreed.', []],
    [
      'a long quote with no speaker',
      'Deal near\n\nThe mood was tense. “This deal will ruin every family in the country for decades.” Nobody replied.',
      ['31-93 attribution/unattributed-quote «“This deal will ruin every family in the country for decades.”»'],
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(name, async () => assert.deepEqual(await summaryFor(attribution, text), expected));
  }
});
