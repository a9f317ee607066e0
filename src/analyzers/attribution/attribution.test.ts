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
      ['13-36 attribution/anonymous-source «Military experts warned»'],
    ],
    ['reports said', 'Deal near\n\nWhile reports said the two sides are close to a deal, nothing was signed.', ['17-29 attribution/anonymous-source «reports said»']],
    ['impersonal passive', 'Deal near\n\nIt is claimed that the deal was signed in secret.', ['11-29 attribution/anonymous-source «It is claimed that»']],
    ['according to with no name', 'Deal near\n\nThe deal was signed, according to . Nobody knows more.', ['32-44 attribution/stripped-attribution «according to»']],
    ['named speakers are fine', 'Deal near\n\n“We signed it today,” Mayor Jane Smith said. The council agreed.', []],
    [
      'a long quote with no speaker',
      'Deal near\n\nThe mood was tense. “This deal will ruin every family in the country for decades.” Nobody knew why.',
      ['31-93 attribution/unattributed-quote «“This deal will ruin every family in the country for decades.”»'],
    ],
    // patterns of real articles (blind-labelled development set)
    [
      'a quote after an unnamed source is attributed, not unattributed; the source is graded',
      'Chef quits\n\nThe chef left on Monday.\n\n“It’s borderline creepy,” the staffer said. “The first thing he does with his chicken is pick off the skin.”',
      ['64-80 attribution/anonymous-source «the staffer said»'],
    ],
    [
      'a post-posed unnamed source ("added the insider") and a named spokesman',
      'Feud grows\n\nThe feud started in May.\n\nThe two singers “hate each other,” added the insider. “We are done with this inquiry,” Clinton spokesman Brian Fallon said.',
      ['73-90 attribution/anonymous-source «added the insider»'],
    ],
    [
      'a routine wire-style official after the lead is a note',
      'Chief to step down\n\nThe chief of the division will leave his post next month.\n\nHe will be replaced by his deputy, officials said.',
      ['114-128 attribution/anonymous-source «officials said»'],
    ],
    [
      'words after "suggested that" are not an attribution to officials',
      'Trump on profiling\n\nThe candidate spoke on Monday.\n\nTrump suggested that law enforcement officials should profile visitors.',
      [],
    ],
    ['a name before "said:" is a source, not a stripped one', 'Union speaks\n\nJohn Smith, the president of the union, said:\n\n“We will strike on Monday if nothing changes.”', []],
    ['"Via: Daily Mail" names its source', 'Story\n\nHe waited for his chance. Via: Daily Mail', []],
    ['a "Sources:" list heading is not a stripped attribution', 'Story\n\nThe plan failed.\n\nSources:\n\nExample.com', []],
    ['a hard-wrapped "according to" goes on in the next line', 'Story\n\nThe documents were released according to\n\nwhich the base was in Frankfurt.', []],
    [
      'an interview answer after its question is not unattributed',
      'Voters speak\n\nWhat does Clinton need to do at the debate?\n\n"She needs to continue being herself and stay calm on the stage."',
      [],
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(name, async () => assert.deepEqual(await summaryFor(attribution, text), expected));
  }
  it('grades unnamed sources: routine officials are info, a friend the story rests on a warning', async () => {
    const f = await findingsFor(attribution, 'Star retires\n\nShe is closing up shop, a friend says.\n\nThe move follows a long career, officials said.');
    assert.deepEqual(f.map((x) => [x.quote, x.severity, x.data?.grade]), [['a friend says', 'warning', 'significant'], ['officials said', 'info', 'minor']]);
  });
});
