import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lemma } from './words.js';

test('lemma: irregular table, suffix stripping, possessives', () => {
  assert.equal(lemma('threatened'), 'threaten');
  assert.equal(lemma('Said'), 'say');
  assert.equal(lemma('studies'), 'study');
  assert.equal(lemma('running'), 'run');
  assert.equal(lemma('stopped'), 'stop');
  assert.equal(lemma('watches'), 'watch');
  assert.equal(lemma('Russia’s'), 'russia');
  assert.equal(lemma('virus'), 'virus');
  // the same answer from the cache
  assert.equal(lemma('threatened'), 'threaten');
});

test('lemma: words that are also Object.prototype keys stay words', () => {
  assert.equal(lemma('constructor'), 'constructor');
  assert.equal(lemma('hasOwnProperty'), 'hasownproperty');
  assert.equal(lemma('__proto__'), '__proto__');
});
