import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FactlensError } from '../core/errors.js';
import { decodeWeightFile, encodeWeightFile, readWeightFile, requireTensor, writeWeightFile } from './weight-file.js';

const header = {
  name: 'toy',
  kind: 'logistic',
  trainingDataSha256: 'abc',
  config: { ngrams: [1, 2] },
  vocabularies: { words: ['a', 'b', 'c'] },
  metrics: { dev: { accuracy: 0.9 } },
  calibration: { temperature: 1.5 },
};
const w = Float32Array.from([0.5, -1.25, 3, 0.001, -0.75, 2]);

test('weight file round trip keeps header and float32 tensors exactly', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'factlens-wf-'));
  try {
    const path = join(dir, 'toy.flw');
    await writeWeightFile(path, header, { w: { data: w, shape: [2, 3] }, b: { data: [0.25], shape: [1] } });
    const file = await readWeightFile(path);
    assert.deepEqual(file.header.vocabularies, header.vocabularies);
    assert.deepEqual(file.header.metrics, header.metrics);
    assert.deepEqual(requireTensor(file, 'w', [2, 3]), w);
    assert.deepEqual([...requireTensor(file, 'b', [1])], [0.25]);
    assert.throws(() => requireTensor(file, 'w', [3, 2]), (e: FactlensError) => e.code === 'model-invalid');
    assert.throws(() => requireTensor(file, 'nope', [1]), (e: FactlensError) => e.code === 'model-invalid');
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('int8 tensors round-trip within half a quantization step per row', () => {
  const bytes = encodeWeightFile(header, { w: { data: w, shape: [2, 3], dtype: 'i8' } });
  const got = decodeWeightFile(bytes, 'toy').tensors.get('w')!.data;
  const rowMax = [3, 2];
  for (let i = 0; i < w.length; i++) assert.ok(Math.abs(got[i]! - w[i]!) <= rowMax[Math.floor(i / 3)]! / 127 / 2 + 1e-7);
  assert.equal(got[2], 3);
});

test('encoding is byte-reproducible', () => {
  const a = encodeWeightFile(header, { w: { data: w, shape: [6] } });
  const b = encodeWeightFile(header, { w: { data: w, shape: [6] } });
  assert.deepEqual(a, b);
});

test('corrupted, truncated or foreign files fail with model-invalid', () => {
  const good = encodeWeightFile(header, { w: { data: w, shape: [6] } });
  const isInvalid = (e: unknown): boolean => e instanceof FactlensError && e.code === 'model-invalid';
  const flipped = good.slice();
  flipped[flipped.length - 3]! ^= 0xff;
  assert.throws(() => decodeWeightFile(flipped, 'x'), isInvalid);
  assert.throws(() => decodeWeightFile(good.subarray(0, good.length - 4), 'x'), isInvalid);
  assert.throws(() => decodeWeightFile(good.subarray(0, 20), 'x'), isInvalid);
  assert.throws(() => decodeWeightFile(new TextEncoder().encode('{"not":"a model"}'), 'x'), isInvalid);
  const badHeader = good.slice();
  badHeader[14] = 0x7b; // break the JSON
  assert.throws(() => decodeWeightFile(badHeader, 'x'), isInvalid);
  const badVersion = good.slice();
  badVersion[4] = 9;
  assert.throws(() => decodeWeightFile(badVersion, 'x'), isInvalid);
});

test('a missing file fails with model-missing', async () => {
  await assert.rejects(readWeightFile(join(tmpdir(), 'factlens-no-such-model.flw')), (e: FactlensError) => e.code === 'model-missing');
});
