import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cosine, normalizeL2, sparseDot, sparseFromMap } from './sparse.js';
import { buildVocabulary, featureTokens, fnv1a, hashedCounts, NgramIndex, tfidfVector, tfVector, vocabularyFrom, WordTable, wordNgrams } from './text-features.js';

test('featureTokens lower-cases words, keeps inner apostrophes and numbers', () => {
  assert.deepEqual(featureTokens('You Won’t Believe 17 Things, U.S.-style!'), ['you', "won't", 'believe', '17', 'things', 'u', 's', 'style']);
  assert.deepEqual(featureTokens('   '), []);
});

test('wordNgrams lists unigrams then bigrams', () => {
  assert.deepEqual(wordNgrams(['a', 'b', 'c'], 1, 2), ['a', 'b', 'c', 'a b', 'b c']);
  assert.deepEqual(wordNgrams(['a'], 2, 3), []);
});

test('buildVocabulary keeps frequent terms, sorted, with smoothed idf', () => {
  const docs = [
    ['the', 'cat', 'sat'],
    ['the', 'dog', 'sat'],
    ['the', 'cat'],
  ];
  const v = buildVocabulary(docs, { minDf: 2, withIdf: true });
  assert.deepEqual(v.terms, ['cat', 'sat', 'the']);
  // idf = ln((1+n)/(1+df)) + 1 with n = 3
  assert.ok(Math.abs(v.idf![2]! - (Math.log(4 / 4) + 1)) < 1e-6);
  assert.ok(Math.abs(v.idf![0]! - (Math.log(4 / 3) + 1)) < 1e-6);
  const capped = buildVocabulary(docs, { maxSize: 1 });
  assert.deepEqual(capped.terms, ['the']);
});

test('tf and tf-idf vectors are L2-normalized by hand-computed values', () => {
  const v = buildVocabulary([['a', 'b'], ['a']], { withIdf: true });
  const tf = tfVector(['a', 'a', 'b', 'zzz'], v);
  assert.deepEqual([...tf.indices], [0, 1]);
  assert.ok(Math.abs(tf.values[0]! - 2 / Math.sqrt(5)) < 1e-6);
  const raw = tfVector(['a', 'a', 'b'], v, { normalize: false });
  assert.deepEqual([...raw.values], [2, 1]);
  const idfB = Math.log(3 / 2) + 1;
  const tfidf = tfidfVector(['a', 'b'], v);
  const norm = Math.sqrt(1 + idfB * idfB);
  assert.ok(Math.abs(tfidf.values[1]! - idfB / norm) < 1e-6);
});

test('sparse dot, cosine and normalization', () => {
  const a = sparseFromMap(new Map([[1, 1], [3, 2]]));
  const b = sparseFromMap(new Map([[3, 4], [5, 1]]));
  assert.equal(sparseDot(a, b), 8);
  assert.ok(Math.abs(cosine(a, b) - 8 / (Math.sqrt(5) * Math.sqrt(17))) < 1e-6);
  assert.equal(cosine(a, sparseFromMap(new Map())), 0);
  const n = normalizeL2(a);
  assert.ok(Math.abs(sparseDot(n, n) - 1) < 1e-6);
});

test('hashing is deterministic and within range', () => {
  assert.equal(fnv1a('a'), 0xe40c292c);
  const c = hashedCounts(['x', 'y', 'x'], 16);
  for (const [i, v] of c) {
    assert.ok(i >= 0 && i < 16);
    assert.ok(Math.abs(v) <= 3);
  }
});

test('featureTokens: the ASCII fast path gives the same tokens as the Unicode path', () => {
  // the fast path relies on the General Punctuation block holding no letters or digits
  for (let c = 0x2000; c <= 0x206f; c++) assert.ok(!/[\p{L}\p{N}]/u.test(String.fromCharCode(c)), c.toString(16));
  const unicode = (t: string) => (t.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? []).map((w) => w.replace(/’/g, "'"));
  for (const t of [
    'The “Fact checked” badge — it’s 2015’s best… isn’t it? 40 percent',
    "rock'n'roll 3'4 o'clock ' 'quoted' ’",
    'Café naïve São Paulo 12ª ²',
    '',
  ]) {
    assert.deepEqual(featureTokens(t), unicode(t), t);
  }
});

test('WordTable finds every stored word and reports absent ones as -1', () => {
  const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
  const table = new WordTable(words.map((w, i): [string, number] => [w, i * 3]), words.length);
  assert.ok(words.every((w, i) => table.get(w) === i * 3));
  const absent = Array.from({ length: 5000 }, (_, i) => `a${i}`);
  assert.ok(absent.every((w) => table.get(w) === -1));
  assert.equal(new WordTable([], 0).get('anything'), -1);
});

test('NgramIndex lists exactly the in-vocabulary unigrams and bigrams of a text, repeats included', () => {
  const vocab = vocabularyFrom(['city', 'city council', 'council', 'harbour plan', 'plan', 'the city'].sort());
  const index = new NgramIndex(vocab);
  const tokens = featureTokens('The city council backed the harbour plan; the city council met.');
  const { ids, length } = index.termIds(tokens, 2);
  const got = Array.from(ids.subarray(0, length), (i) => vocab.terms[i]).sort();
  const expected = wordNgrams(tokens, 1, 2).filter((t) => vocab.index.has(t)).sort();
  assert.deepEqual(got, expected);
  assert.equal(got.filter((t) => t === 'city council').length, 2);
});
