import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor, summaryFor } from '../../../test/analyzer-harness.js';
import type { StanceModel } from '../../models/types.js';
import { headlineSupport } from './index.js';

const ATTRIBUTED =
  "Pentagon Threatens To Thwart Russia's Attempt To Destroy ISIS\n\n" +
  'U.S. Defence Secretary Ash Carter said on Wednesday that the U.S. would “take all necessary steps to deter Russia’s malign influence”. ' +
  'He further said, “we will not cooperate with Russia.”';

describe('headline-support', () => {
  it('an attributed headline claim not found in the actor side’s quotes is unsupported, exactly', async () => {
    const [f] = await findingsFor(headlineSupport, ATTRIBUTED);
    assert.equal(f?.code, 'unsupported-headline');
    assert.equal(f?.severity, 'problem');
    assert.deepEqual(f?.span, { start: 0, end: 61 });
    assert.match(f!.explanation, /None of the 2 quotes from Pentagon or others speaking for United States mentions Islamic State or says "attempt", "destroy"/);
    assert.equal(f?.related?.length, 2);
  });
  const cases: [string, string, string[]][] = [
    [
      'a supported attributed headline',
      'Mayor vows to cut bus fares\n\nMayor Ann Lee said on Monday, “We will cut bus fares by half next year.”',
      ['0-27 headline-support/supported-headline «Mayor vows to cut bus fares»'],
    ],
    [
      'a body about something else',
      'Aliens land in Texas desert\n\nThe city council approved a new parking budget on Monday after a long debate.',
      ['0-27 headline-support/unsupported-headline «Aliens land in Texas desert»'],
    ],
    [
      'a body that covers the headline',
      'Council approves parking budget\n\nThe council approved the parking budget on Monday.',
      ['0-31 headline-support/supported-headline «Council approves parking budget»'],
    ],
    [
      'a word quoted in the sub-headline that no body quote contains',
      "Mayor slams council\nThe mayor called the plan 'reckless' on Monday\n\n“The plan is expensive,” Mayor Ann Lee said.",
      ['0-19 headline-support/unsupported-headline «Mayor slams council»', "46-56 headline-support/quoted-word-not-in-body «'reckless'»"],
    ],
  ];
  for (const [name, text, expected] of cases) it(name, async () => assert.deepEqual(await summaryFor(headlineSupport, text), expected));

  it('adds the stance model’s reading when one is loaded', async () => {
    const stance: StanceModel = { name: 'test-stance', predict: () => ({ agree: 0.1, disagree: 0.7, discuss: 0.1, unrelated: 0.1 }) };
    const f = (await findingsFor(headlineSupport, ATTRIBUTED, { services: { models: { stance } } })).find((x) => x.code === 'headline-stance');
    assert.equal(f?.severity, 'warning');
    assert.equal(f?.message, 'Stance model: the body disagrees with the headline (70%)');
  });
});
