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
    assert.equal(f?.severity, 'info'); // earned on real articles: see the README
    assert.equal(f?.data?.basis, 'quotes');
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
      ["46-56 headline-support/quoted-word-not-in-body «'reckless'»", '0-19 headline-support/unsupported-headline «Mayor slams council»'],
    ],
  ];
  for (const [name, text, expected] of cases) it(name, async () => assert.deepEqual(await summaryFor(headlineSupport, text), expected));

  it('gives one finding with the stance model’s reading inside it, not a second verdict beside it', async () => {
    const stance: StanceModel = { name: 'test-stance', predict: () => ({ agree: 0.62, disagree: 0.1, discuss: 0.2, unrelated: 0.08 }) };
    const f = await findingsFor(headlineSupport, ATTRIBUTED, { services: { models: { stance } } });
    assert.deepEqual(f.map((x) => x.code), ['unsupported-headline']);
    assert.match(f[0]!.explanation, /stance model trained on FNC-1 reads the body against the headline: it agrees 62%, disagrees 10%/);
    assert.ok(f[0]!.evidence.some((e) => e.source === 'stance model test-stance' && !e.value.startsWith('{')));
  });
  it('a body that words the headline differently but a stance model finds related is not unsupported', async () => {
    const stance: StanceModel = { name: 'test-stance', predict: () => ({ agree: 0.7, disagree: 0.05, discuss: 0.2, unrelated: 0.05 }) };
    const text = 'Aliens land in Texas desert\n\nThe city council approved a new parking budget on Monday after a long debate.';
    const f = await findingsFor(headlineSupport, text, { services: { models: { stance } } });
    assert.notEqual(f[0]?.code, 'unsupported-headline');
  });
  // pattern of a real article: "Kerry: Russia 'is warned'" with the body quoting "Russia is warned"
  it('headline words the body quotes, even as a short phrase, are found', async () => {
    const text = "Kerry: Russia 'is warned'\n\nKerry spoke in Geneva on Monday. He said Russia \"is warned\" about the strikes.";
    assert.deepEqual((await findingsFor(headlineSupport, text)).filter((x) => x.code === 'quoted-word-not-in-body'), []);
  });
  it('an unnamed aide in the headline is judged on the body, not on the named person’s quotes', async () => {
    const text =
      'Kasich aide slams Priebus over remark\n\nJohn Weaver, an aide to John Kasich, slammed Reince Priebus over his remark on Monday. ' +
      'Kasich said, “I am running my own race.”';
    const f = (await findingsFor(headlineSupport, text)).find((x) => /headline$/.test(x.code));
    assert.equal(f?.data?.basis, 'body');
  });
});
