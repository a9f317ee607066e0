import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor, summarize } from '../../../test/analyzer-harness.js';
import { openSqliteStore } from '../../store/sqlite.js';
import { source } from './index.js';
import { editDistance, findLookalike, isFillerRun } from './lookalike.js';

const TEXT = 'Senate passes the budget bill\n\nThe Senate passed the budget bill on Tuesday by a vote of 60 to 40.';

async function codes(meta: Record<string, string>, services: Record<string, unknown> = {}): Promise<string[]> {
  return (await findingsFor(source, TEXT, { meta, services })).map((f) => `${f.code} ${f.severity} ${f.confidence}`).sort();
}

describe('source', () => {
  it('reports every built-in list that rates the site, with the list names as evidence', async () => {
    const findings = await findingsFor(source, TEXT, { meta: { source: 'yournewswire.com' } });
    assert.deepEqual(findings.map(summarize).sort(), [
      'doc source/listed-conspiracy',
      'doc source/listed-fake',
      'doc source/listed-unreliable',
    ]);
    const fake = findings.find((f) => f.code === 'listed-fake')!;
    assert.deepEqual(
      { severity: fake.severity, confidence: fake.confidence, message: fake.message, evidence: fake.evidence },
      {
        severity: 'problem',
        confidence: 0.91,
        message: 'yournewswire.com is listed as a fake-news site by 2 lists: BuzzFeed News fake-news sites 2017; BuzzFeed News fake-news sites 2018',
        evidence: [
          { kind: 'record', value: 'yournewswire.com: fake news site', source: 'BuzzFeed News fake-news sites 2017' },
          { kind: 'record', value: 'yournewswire.com: fake news site', source: 'BuzzFeed News fake-news sites 2018' },
        ],
      },
    );
  });

  it('takes the domain from the URL when there is no --source, and reduces it to the registrable domain', async () => {
    const findings = await findingsFor(source, TEXT, { meta: { url: 'https://www.yournewswire.com/2015/10/pentagon/' } });
    assert.ok(findings.some((f) => f.code === 'listed-fake' && f.data?.domain === 'yournewswire.com'));
  });

  it('flags lookalikes of well-known outlets, listed or not', async () => {
    assert.deepEqual(await codes({ url: 'http://abcnews.com.co/story' }), ['listed-fake problem 0.99', 'lookalike-domain problem 0.9']);
    assert.deepEqual(await codes({ source: 'cnn-news.co' }), ['lookalike-domain problem 0.9']);
  });

  it('says "unknown" for a site no list rates, and nothing for a well-known outlet', async () => {
    assert.deepEqual(await codes({ source: 'riverside-gazette.org' }), ['unknown-source info 1']);
    assert.deepEqual(await codes({ url: 'https://edition.cnn.com/2015/10/21/politics/x' }), []);
  });

  it('says when the article names no site', async () => {
    assert.deepEqual(await codes({}), ['no-source info 1']);
  });

  it('adds the ratings of lists imported into the corpus store, host first', async () => {
    const store = openSqliteStore(':memory:', { create: true });
    await store.addSourceRatings([
      { domain: 'riverside-gazette.org', label: 'satire', rawLabel: 'Parody site', list: 'Test list' },
      { domain: 'madeup-news.wordpress.com', label: 'fake', rawLabel: 'fake', list: 'Test list' },
    ]);
    assert.deepEqual(await codes({ source: 'riverside-gazette.org' }, { store }), ['listed-satire warning 0.7']);
    assert.deepEqual(await codes({ url: 'https://madeup-news.wordpress.com/2016/11/12/final-results/' }, { store }), ['listed-fake problem 0.7']);
    assert.deepEqual(await codes({ url: 'https://otherblog.wordpress.com/post' }, { store }), ['unknown-source info 1']);
    await store.close();
  });
});

describe('lookalike', () => {
  const cases: [string, string | undefined][] = [
    ['abcnews.com.co', 'outlet-domain-prefix'],
    ['cnn.com.de', 'outlet-domain-prefix'],
    ['msnbc.website', 'brand-on-other-domain'],
    ['bloomberg.ma', 'brand-on-other-domain'],
    ['abcnews-us.com', 'brand-with-filler'],
    ['cnn-globalnews.com', 'brand-with-filler'],
    ['usatodaynews.me', 'brand-with-filler'],
    ['breaking-cnn.com', 'brand-with-filler'],
    ['politicot.com', 'misspelled-brand'],
    ['nytimess.com', 'misspelled-brand'],
    ['abcnews.go.com', undefined],
    ['www.bbc.co.uk', undefined],
    ['money.cnn.com', undefined],
    ['abc7news.com', undefined],
    ['atimes.com', undefined],
    ['cnnamerica.org.br', undefined],
    ['riverside-gazette.org', undefined],
  ];
  for (const [domain, kind] of cases) {
    it(`${domain} → ${kind ?? 'not a lookalike'}`, () => {
      assert.equal(findLookalike(domain)?.kind, kind);
    });
  }
  it('splits filler runs and counts edits', () => {
    assert.equal(isFillerRun('globalnews24'), true);
    assert.equal(isFillerRun('gazette'), false);
    assert.equal(editDistance('nytimes', 'nytimse'), 1);
    assert.equal(editDistance('politico', 'politics'), 1);
    assert.equal(editDistance('cnn', 'cbc'), 2);
  });
});
