import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor, summaryFor } from '../../../test/analyzer-harness.js';
import { hedging } from './index.js';

const TWO_SIDES =
  'Troops clash at border\n\nRussia launched its campaign in Syria on September 30. Moscow said its jets hit terrorists. ' +
  'Russian officials met in Moscow. The US has been carrying out its own airstrikes in Syria, allegedly pounding Daesh positions. ' +
  'The US sent more planes. Washington denied any losses.';

describe('hedging', () => {
  it('finds one-sided hedging, exactly', async () => {
    const f = (await findingsFor(hedging, TWO_SIDES)).find((x) => x.code === 'one-sided-hedging');
    assert.deepEqual(
      { quote: f?.quote, severity: f?.severity, message: f?.message, data: f?.data },
      {
        quote: 'allegedly',
        severity: 'problem',
        message: '"allegedly" casts doubt on United States only; Russia gets no such hedge',
        data: { word: 'allegedly', actor: 'United States', other: 'Russia' },
      },
    );
    assert.ok((f?.related?.length ?? 0) >= 1);
  });
  const cases: [string, string, string[]][] = [
    ['no hedges, no findings', 'Council meets\n\nThe council met on Monday. The mayor said the budget was balanced.', []],
    ['so-called applies to the next name', 'Group grows\n\nThe so-called Islamic State grew in 2014.', ['17-26 hedging/hedge «so-called»']],
    [
      'hedges on both sides are balanced',
      'Talks\n\nRussia allegedly moved troops. Moscow met Washington. Russia spoke. The US allegedly sent ships. The US spoke again. Washington agreed.',
      ['14-23 hedging/hedge «allegedly»', '82-91 hedging/hedge «allegedly»'],
    ],
    ['a scare quote', 'Plan\n\nThe mayor unveiled his ‘plan’ to the press today.', ['29-35 hedging/scare-quote «‘plan’»']],
    ['"claims of" is a noun, not a hedge', 'Fraud\n\nThe claims of fraud were dismissed by the court on Monday.', []],
  ];
  for (const [name, text, expected] of cases) it(name, async () => assert.deepEqual(await summaryFor(hedging, text), expected));
});
