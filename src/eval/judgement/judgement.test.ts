import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyze } from '../../analyze.js';
import { articleText, devArticle, repairMojibake } from './articles.js';
import { articlesOf, checkLabel, readLabels } from './labels.js';
import { emptyScore, sameSpeaker, scoreArticle } from './score.js';

const DATA = '../shared/data';

describe('judgement set', () => {
  it('rebuilds BuzzFeed-Webis paragraphs and repairs UTF-8 read as Latin-1', () => {
    const r = { id: 'x', title: 'A Title', text: 'First para here. Second para hereâ\u0080\u0099s end.', paragraphs: [[0, 16], [18, 48]] as [number, number][] };
    assert.equal(articleText('buzzfeed-webis-fake-news-2016', r).text, 'A Title\n\nFirst para here.\n\nSecond para here’s end.\n');
    assert.equal(repairMojibake('plain – text'), 'plain – text');
  });
  it('matches speakers by last name, not across different given names or organisations', () => {
    assert.ok(sameSpeaker('Barack Obama', ['Obama']));
    assert.ok(sameSpeaker('Sen. Bill Nelson', ['Bill Nelson']));
    assert.ok(!sameSpeaker('Ron Johnson', ['Jeh Johnson']));
    assert.ok(!sameSpeaker('the Trump campaign', ['Donald Trump']));
  });
  it('scores a hand-made article: a right speaker, a missed defect, a clean headline', async () => {
    const record = { id: 'h1', title: 'Mayor Defends Budget', text: 'Mayor Ann Lee spoke. “The budget is fine,” she said. Sources say it is not.', label: 'real' };
    const article = devArticle('horne-this-just-in-2017', record);
    const label = {
      article: 'h1',
      headline: { support: 'supported' as const, reason: 'she defends it', quoted: [] },
      quotes: [{ quote: 'The budget is fine,', speaker: 'Ann Lee', kind: 'speech' as const, cue: 'pronoun' as const, antecedent: 'Ann Lee' }],
      defects: [{ type: 'anonymous-source' as const, grade: 'significant' as const, snippet: 'Sources say' }],
      claims: [],
    };
    assert.deepEqual(checkLabel(label, article).problems, []);
    const report = await analyze({ text: article.text });
    const score = emptyScore();
    scoreArticle(score, article, label, report);
    assert.equal(score.quotes.gold, 1);
    assert.deepEqual(score.speakers.pronoun, { n: 1, correct: 1 });
    assert.equal(score.headlines.cutShort.length, 0);
    assert.equal(score.defects['anonymous-source']?.gold, 1);
    assert.equal(score.clean.articles, 1);
  });
  it('every committed label is an exact substring of its article', { skip: existsSync(DATA) ? false : `${DATA} is absent: the labelled articles cannot be rebuilt` }, () => {
    const { map, labels } = readLabels('labels/judgement');
    const articles = articlesOf(DATA, map);
    assert.equal(articles.size, Object.keys(map).length);
    const problems = labels.flatMap(({ label }) => checkLabel(label, articles.get(label.article)!).problems.map((p) => `${label.article}: ${p}`));
    assert.deepEqual(problems, []);
    assert.ok(labels.reduce((n, l) => n + l.label.quotes.length, 0) >= 400);
  });
});
