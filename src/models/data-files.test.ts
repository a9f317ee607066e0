import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FactlensError } from '../core/errors.js';
import { nonEmptyLines, parseDelimited, parseTable } from './data-files.js';
import { createDisjointSets, hashBucket } from './split.js';

test('CSV: quotes, doubled quotes, embedded delimiters and newlines, CRLF', () => {
  const rows = parseDelimited('a,b,c\r\n1,"x, ""y""\nz",3\n\n4,,6');
  assert.deepEqual(rows, [
    ['a', 'b', 'c'],
    ['1', 'x, "y"\nz', '3'],
    ['4', '', '6'],
  ]);
  assert.throws(() => parseDelimited('a,"open'), (e: FactlensError) => e.code === 'input-invalid');
});

test('TSV without quoting keeps quote characters', () => {
  assert.deepEqual(parseDelimited('1\tSPK\t"Hi," he said\t0\n', { delimiter: '\t', quotes: false }), [['1', 'SPK', '"Hi," he said', '0']]);
});

test('parseTable names columns and reports missing ones', () => {
  assert.deepEqual(parseTable('x,y\n1,2\n', 'f.csv', ['x']), [{ x: '1', y: '2' }]);
  assert.throws(() => parseTable('x,y\n1,2\n', 'f.csv', ['z']), /lacks column\(s\) z/);
});

test('nonEmptyLines handles every line ending', () => {
  assert.deepEqual(nonEmptyLines('a\r\nb\rc\n\n d \n'), ['a', 'b', 'c', 'd']);
});

test('hash buckets are stable and disjoint sets merge', () => {
  assert.equal(hashBucket('x', 5, 'salt'), hashBucket('x', 5, 'salt'));
  const s = createDisjointSets(5);
  s.union(0, 1);
  s.union(3, 4);
  s.union(1, 4);
  assert.equal(s.find(0), s.find(3));
  assert.notEqual(s.find(2), s.find(0));
});
