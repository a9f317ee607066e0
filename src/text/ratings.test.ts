import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourceLabelFrom, verdictFromRating } from './ratings.js';

describe('ratings', () => {
  it('maps fact-checkers’ ratings onto one scale', () => {
    const cases: [string, string][] = [
      ['Pants on Fire!', 'false'],
      ['pants-fire', 'false'],
      ['FALSE', 'false'],
      ['Mostly False', 'mostly-false'],
      ['barely true', 'mostly-false'],
      ['Half True', 'mixed'],
      ['mixture of true and false', 'mixed'],
      ['Mostly true', 'mostly-true'],
      ['True', 'true'],
      ['Unproven', 'unproven'],
      ['Satire', 'other'],
    ];
    for (const [rating, verdict] of cases) assert.equal(verdictFromRating(rating), verdict, rating);
  });
  it('maps site-list words onto labels, and refuses words it does not know', () => {
    assert.equal(sourceLabelFrom('Fake News'), 'fake');
    assert.equal(sourceLabelFrom('Imposter site'), 'imposter');
    assert.equal(sourceLabelFrom('Some fake stories'), 'unreliable');
    assert.equal(sourceLabelFrom('junksci'), 'junk-science');
    assert.equal(sourceLabelFrom('Parody site'), 'satire');
    assert.equal(sourceLabelFrom('bias'), 'partisan');
    assert.equal(sourceLabelFrom('blog'), undefined);
  });
});
