import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor, summaryFor } from '../../../test/analyzer-harness.js';
import { hedging } from './index.js';

const TWO_SIDES =
  'Troops clash at border\n\nRussia launched its campaign in Syria on September 30. Moscow said its jets hit terrorists. ' +
  'Russian officials met in Moscow. The US has been carrying out its own airstrikes in Syria, allegedly pounding Daesh positions. ' +
  'The US sent more planes. Washington denied any losses. Russia and the US traded blame over the strikes.';

describe('hedging', () => {
  it('finds one-sided hedging, exactly', async () => {
    const f = (await findingsFor(hedging, TWO_SIDES)).find((x) => x.code === 'one-sided-hedging');
    assert.deepEqual(
      { quote: f?.quote, severity: f?.severity, message: f?.message, data: f?.data },
      {
        quote: 'allegedly',
        severity: 'info',
        message: '"allegedly" casts doubt on United States only; Russia gets no such hedge',
        data: { word: 'allegedly', actor: 'United States', other: 'Russia' },
      },
    );
    assert.ok((f?.related?.length ?? 0) >= 1);
    // what a side says is attributed, not plain fact: "Moscow said …" is not listed
    const listed = (f?.related ?? []).map((r) => TWO_SIDES.slice(r.span.start, r.span.end));
    assert.ok(listed.length > 0 && !listed.some((x) => x.includes('Moscow said')), JSON.stringify(listed));
  });
  // patterns of real articles (blind-labelled development set)
  it('a hedge inside a quotation is the speaker\'s, not the writer\'s', async () => {
    const f = await findingsFor(hedging, 'Convoy hit\n\nBan Ki-moon called the attack "sickening, savage and apparently deliberate." Russia denied it.');
    assert.deepEqual(f.filter((x) => x.code === 'hedge'), []);
  });
  it('"allegedly" in court reporting is not one-sided doubt', async () => {
    const text =
      'Trial opens\n\nNew Jersey officials allegedly closed the lanes, prosecutors told the jury. New Jersey denied it. The United States attorney said New Jersey lied. ' +
      'The United States filed the charges. The United States won. New Jersey and the United States met in court.';
    assert.deepEqual((await findingsFor(hedging, text)).filter((x) => x.code === 'one-sided-hedging'), []);
  });
  it('parties that never meet in a sentence are not sides of one opposition', async () => {
    const text =
      'Week in review\n\nThe United Nations allegedly delayed the report. The United Nations met. The United Nations spoke. ' +
      'Separately, France opened a museum. France built roads. France grew.';
    assert.deepEqual((await findingsFor(hedging, text)).filter((x) => x.code === 'one-sided-hedging'), []);
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
    ['a partial quote given to its speaker is not a scare quote', 'Records\n\nGidley called the records "eye-opening" on Friday.', []],
    ['words named as words are not scare quotes', 'Words\n\nShe was asked whether the term "Negro" was proper.', []],
    ['a value in code is not a scare quote', 'Theme\n\n{% set headerType = "fixed" %} sets the header.', []],
  ];
  for (const [name, text, expected] of cases) it(name, async () => assert.deepEqual(await summaryFor(hedging, text), expected));
});
