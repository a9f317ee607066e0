import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor } from '../../../test/analyzer-harness.js';
import type { StanceModel } from '../../models/types.js';
import { openSqliteStore } from '../../store/sqlite.js';
import type { CorpusStore } from '../../store/types.js';
import { evidence, sameEvent } from './index.js';
import { claimCoverage, cueStance } from './stance-cues.js';

const CLAIM = 'The mayor of Springfield banned bicycles from all city parks on Monday.';
const TEXT = `Springfield mayor bans bicycles from parks\n\n${CLAIM} Residents reacted angrily on social media.`;

async function storeWith(): Promise<CorpusStore> {
  const store = openSqliteStore(':memory:', { create: true });
  await store.addDocuments([
    {
      id: 'denial',
      title: 'Mayor denies bike ban',
      text: 'The mayor of Springfield denied on Tuesday that bicycles had been banned from city parks, calling the reports false. Cyclists may keep using the park paths.',
      url: 'https://news.example.com/denial',
      publishedAt: '2020-05-05',
    },
    {
      id: 'echo',
      title: 'Bikes banned',
      text: 'Bicycles are now banned from all city parks in Springfield after the mayor signed the order on Monday.',
      url: 'https://blog.example.net/echo',
      publishedAt: '2020-05-04',
    },
    {
      id: 'old',
      title: 'Old story',
      text: 'Years ago the mayor of Springfield banned bicycles from city parks for a summer festival, then lifted the order.',
      url: 'https://archive.example.org/old',
      publishedAt: '2011-07-01',
    },
  ]);
  await store.addSourceRatings([{ domain: 'news.example.com', label: 'reliable', rawLabel: 'Reliable', list: 'Test list' }]);
  return store;
}

describe('evidence', () => {
  it('puts a rated-reliable passage that disputes the claim first, within the date window', async () => {
    const store = await storeWith();
    const findings = await findingsFor(evidence, TEXT, { meta: { publishedAt: '2020-05-04' }, services: { store } });
    const claimAt = TEXT.indexOf(CLAIM);
    const forClaim = findings.find((f) => f.span?.start === claimAt)!;
    assert.equal(forClaim.code, 'contradicting-evidence');
    assert.equal(forClaim.severity, 'warning');
    assert.equal(forClaim.message, '1 passage from other sources dispute this claim, e.g. news.example.com (2020-05-05)');
    assert.match(forClaim.evidence[0]!.value, /^\[disagree; rated reliable; interim cue words \("denied"\)\] The mayor of Springfield denied/);
    // the 2011 story is outside the 30-day window
    assert.ok(findings.every((f) => f.evidence.every((e) => !e.value.includes('archive.example.org') && !e.value.includes('Years ago'))));
    await store.close();
  });

  it('uses the stance model when one is loaded, and drops passages it calls unrelated', async () => {
    const store = await storeWith();
    const stance: StanceModel = {
      name: 'test-stance',
      predict: (_h, body) =>
        body.includes('denied') ? { agree: 0, disagree: 0, discuss: 0, unrelated: 1 } : { agree: 0.8, disagree: 0.1, discuss: 0.1, unrelated: 0 },
    };
    const findings = await findingsFor(evidence, TEXT, { meta: { publishedAt: '2020-05-04' }, services: { store, models: { stance } } });
    const forClaim = findings.find((f) => f.span?.start === TEXT.indexOf(CLAIM))!;
    assert.equal(forClaim.code, 'supporting-evidence');
    assert.equal(forClaim.confidence, 0.8);
    assert.match(forClaim.evidence[0]!.value, /^\[agree; unrated; test-stance\]/);
    await store.close();
  });

  it('says when no other source reports a claim, and reports nothing without a store', async () => {
    const store = await storeWith();
    const text = 'Harbour news\n\nThe harbour master of Kingsport ordered three fishing trawlers to leave the port on Friday.';
    const findings = await findingsFor(evidence, text, { services: { store } });
    assert.ok(findings.length > 0 && findings.every((f) => f.code === 'no-corroboration' && f.severity === 'info'));
    assert.deepEqual(await findingsFor(evidence, TEXT), []);
    await store.close();
  });
});

describe('interim stance cues', () => {
  const cases: [string, string][] = [
    ['Officials denied that the bridge had collapsed.', 'disagree'],
    ['The story of the bridge collapse is a hoax spread on social media.', 'disagree'],
    ['Another story was a hoax. The bridge over the river collapsed on Monday.', 'agree'],
    ['The bridge over the river collapsed on Monday, officials said.', 'agree'],
    ['The bridge reportedly collapsed on Monday.', 'discuss'],
    ['Traffic was slow across town.', 'discuss'],
  ];
  for (const [passage, expected] of cases) {
    it(`${expected}: ${passage}`, () => {
      assert.equal(cueStance('The bridge over the river collapsed on Monday.', passage).stance, expected);
    });
  }
  it('measures how much of the claim a passage covers', () => {
    assert.equal(claimCoverage('bridge collapsed Monday', 'The bridge collapsed on Monday'), 1);
    assert.equal(claimCoverage('bridge collapsed Monday', 'Traffic was slow'), 0);
  });
  // pattern of a real report: a claim about a delegation "corroborated" by an unrelated passage
  it('word overlap without the same actors is coverage, never corroboration, and undated is never "around the same time"', async () => {
    const store = openSqliteStore(':memory:', { create: true });
    await store.addDocuments([
      {
        id: 'party',
        title: 'Election',
        text: "Putin's party has won national parliamentary elections in Russia, officials said, with a delegation of observers present.",
        url: 'https://news.example.com/party',
      },
    ]);
    const text = 'Delegation visits\n\nA Russian delegation led by Sergei Lavrov will travel to the United States next week for talks on Syria.';
    const findings = await findingsFor(evidence, text, { meta: { publishedAt: '2016-09-20' }, services: { store } });
    assert.ok(!findings.some((f) => f.code === 'supporting-evidence' || f.code === 'contradicting-evidence'), JSON.stringify(findings.map((f) => f.code)));
    assert.ok(!findings.some((f) => /around the same time/.test(f.explanation)));
  });
  it('same event: the actors named and a third of the predicate', () => {
    const actors = [['Sergei Lavrov', 'Lavrov'], ['United States', 'US']];
    assert.equal(sameEvent(actors, ['delegation', 'travel', 'talks'], 'Lavrov will travel to the US for talks.'), true);
    assert.equal(sameEvent(actors, ['delegation', 'travel', 'talks'], 'Lavrov spoke in Moscow about talks.'), false);
    assert.equal(sameEvent(actors, ['delegation', 'travel', 'talks'], 'The US and Lavrov met at the UN.'), false);
  });
});
