import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articleText, credibilityParts, type LabelledArticle, parseArticlesJsonl, storyKeys } from './data.js';

test('JSONL labels map to not credible (1) / credible (0); "no factual content" is skipped', () => {
  const text = [
    '{"id": "a", "label": "fake", "title": "T1", "text": "x"}',
    '{"id": "b", "label": "legit", "title": "T2", "text": "y"}',
    '{"id": "c", "label": "no factual content", "title": "T3", "text": "z"}',
    '{"id": "d", "label": "mostly true", "title": "T4", "text": "w", "pair_id": 4, "subset": "amt"}',
  ].join('\n');
  const rows = parseArticlesJsonl(text, 'toy');
  assert.deepEqual(
    rows.map((r) => [r.id, r.label, r.pairId]),
    [
      ['a', 1, undefined],
      ['b', 0, undefined],
      ['d', 0, 'amt:4'],
    ],
  );
  assert.throws(() => parseArticlesJsonl('{"label": "maybe", "text": "x"}', 'toy'), /unknown label/);
  assert.throws(() => parseArticlesJsonl('{', 'toy'), /not JSON/);
});

test("a story's copies share a group and therefore a split part", () => {
  const base = { corpus: 'c', label: 1, sourceLabel: 'fake' };
  const opening = 'Breaking: the mayor of a small town has announced that all cats must now wear hats in public places, officials said on Monday, adding that the rule would be enforced by a new team of feline fashion inspectors from next week onwards.';
  const articles: LabelledArticle[] = [
    { ...base, id: '1', title: 'Mayor orders hats for cats', text: opening },
    { ...base, id: '2', title: 'MAYOR ORDERS HATS FOR CATS!', text: 'Different text entirely, long enough to count as an opening of a story here.' },
    { ...base, id: '3', title: 'Another headline about hats', text: `${opening} More.` },
    { ...base, id: '4', title: 'Fake', text: 'Pair member one, a fabricated version of some legit story', pairId: 'amt:9' },
    { ...base, id: '5', title: 'Legit', text: 'Pair member two, the legit version of that same story', pairId: 'amt:9', label: 0 },
    { ...base, id: '6', title: 'Unrelated story on the weather', text: 'Rain is expected tomorrow across the region, with strong winds along the coast.' },
  ];
  const keys = storyKeys(articles);
  assert.equal(keys[0], keys[1]);
  assert.equal(keys[0], keys[2]);
  assert.equal(keys[3], keys[4]);
  assert.notEqual(keys[0], keys[5]);
  const parts = credibilityParts(articles);
  assert.equal(parts[0], parts[2]);
  assert.equal(parts[3], parts[4]);
  assert.equal(articleText('T', 'body'), 'T\n\nbody');
});
