import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor, summarize } from '../../../test/analyzer-harness.js';
import { openSqliteStore } from '../../store/sqlite.js';
import type { CorpusStore } from '../../store/types.js';
import { provenance } from './index.js';

const P1 =
  'The defence secretary said on Wednesday that the country would take all necessary steps to deter malign influence, coercion and aggression in the region.';
const P2 = 'He said that as long as the other side pursued a misguided strategy, the two governments would not agree to cooperate on the air campaign.';
const P3 =
  'Officials from both capitals have been trying to reach an agreement over military flights to avoid any clash over the crowded airspace, according to diplomats familiar with the talks.';
const P4 = 'A spokesman for the ministry said on Tuesday that a delegation led by the prime minister had been ready to travel to the capital for high-level consultations.';
const HOAX =
  'Scientists at a secret laboratory confirmed that drinking three cups of lemon water every morning cures every known form of cancer within a single week, the leaked memo claims.';

async function storeWith(): Promise<CorpusStore> {
  const store = openSqliteStore(':memory:', { create: true });
  await store.addDocuments([
    { id: 'wire-1', title: 'Defence chief warns of steps', text: `${P1}\n\n${P2}\n\n${P3}\n\n${P4}`, url: 'https://wire.example.com/a1', publishedAt: '2015-10-21' },
    { id: 'hoax-1', title: 'Lemon water cures cancer', text: `${HOAX}\n\nShare this before it gets deleted by the big companies who profit from illness.`, url: 'https://hoaxes.example.net/lemon', label: 'fake', collection: 'test-fakes' },
    { id: 'self', title: 'The article itself', text: `${P1}\n\n${P2}`, url: 'https://copycat.example.org/story' },
  ]);
  return store;
}

describe('provenance', () => {
  it('reports an earlier near-duplicate from another source, with the shared span, and the earliest version', async () => {
    const store = await storeWith();
    // sentences reordered and a boilerplate line added: still a copy
    const text = `Defence chief threatens to thwart mission\n\n${P3}\n\n${P1}\n\n${P4}\n\n${P2}\n\nShare this story with your friends!`;
    const findings = await findingsFor(provenance, text, {
      meta: { source: 'copycat.example.org', publishedAt: '2015-10-23' },
      services: { store },
    });
    // the undated stored copy from the same site is a republication, not an earlier copy
    assert.deepEqual(findings.map((f) => `${f.code} ${f.severity} ${f.data?.documentId ?? ''}`), [
      'predated-copy warning wire-1',
      'earliest-version info ',
      'near-duplicate info self',
    ]);
    const copy = findings.find((f) => f.code === 'predated-copy')!;
    assert.equal(copy.data?.documentId, 'wire-1');
    assert.equal(copy.data?.date, '2015-10-21');
    assert.ok(Number(copy.data?.share) >= 70, `share ${copy.data?.share}`);
    // spans run from the first to the last shared word
    assert.equal(copy.quote, P3.slice(0, -1));
    assert.equal(copy.related?.length, 3);
    assert.ok(copy.evidence.some((e) => e.kind === 'url' && e.value === 'https://wire.example.com/a1'));
    assert.equal(copy.message, `Text of this article appeared earlier, on 2015-10-21, at wire.example.com: "Defence chief warns of steps" (${copy.data?.share}% of the article)`);
    await store.close();
  });

  it('calls out text shared with a story its dataset labels fake', async () => {
    const store = await storeWith();
    const text = `Health news roundup\n\n${HOAX}\n\nIn other news, the city council approved a new budget for parks and libraries on Monday evening after a long debate.\n\nThe mayor thanked volunteers who cleaned the river banks over the weekend and promised more bins along the walking paths.`;
    const findings = await findingsFor(provenance, text, { meta: { source: 'daily.example.org' }, services: { store } });
    const at = text.indexOf(HOAX);
    assert.deepEqual(findings.map(summarize), [`${at}-${at + HOAX.length - 1} provenance/matches-false-story «${HOAX.slice(0, -1)}»`]);
    // most of the stored story is repeated: a near-duplicate of it
    assert.equal(findings[0]!.severity, 'problem');
    assert.match(findings[0]!.message, /which test-fakes labels "fake"$/);
    await store.close();
  });

  it('skips the stored copy of the article itself and unrelated text', async () => {
    const store = await storeWith();
    const self = await findingsFor(provenance, `Headline\n\n${P1}\n\n${P2}`, {
      meta: { url: 'https://copycat.example.org/story' },
      services: { store },
    });
    assert.ok(self.every((f) => f.data?.documentId !== 'self'));
    const unrelated = await findingsFor(provenance, 'A quiet day\n\nNothing in this short note was written anywhere else before today, as far as anyone knows.', {
      services: { store },
    });
    assert.deepEqual(unrelated, []);
    await store.close();
  });

  it('reports nothing without a corpus store', async () => {
    assert.deepEqual(await findingsFor(provenance, `Headline\n\n${P1}`), []);
  });
});
