/** The train/eval tasks end to end on small fixture files written here, with the shipped weights. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import type { CliIo } from '../cli/io.js';
import { FactlensError } from '../core/errors.js';
import { evalCheckworthyTask } from './checkworthy/tasks.js';
import { evalClickbaitTask, trainClickbaitTask } from './clickbait/tasks.js';
import { evalStanceTask } from './stance/tasks.js';
import { shippedModelPath } from './task-support.js';
import { MODEL_TRAIN_TASKS } from './tasks.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'factlens-tasks-'));
});
after(async () => {
  await rm(dir, { recursive: true });
});

function fakeIo(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    stdin: new PassThrough(),
    env: {},
    cwd: dir,
  };
  return { io, out: () => out, err: () => err };
}

test('eval clickbait scores any pair of headline files and prints JSON', { skip: !existsSync(shippedModelPath('clickbait')) && 'no shipped clickbait model' }, async () => {
  await writeFile(join(dir, 'cb.txt'), "You Won't Believe What This Dog Did Next\n21 Things Only 90s Kids Will Understand\n");
  await writeFile(join(dir, 'ncb.txt'), 'Senate passes budget bill after long debate\nFlooding closes roads in northern England\n');
  const { io, out } = fakeIo();
  assert.equal(await evalClickbaitTask.run(['--clickbait', 'cb.txt', '--non-clickbait', 'ncb.txt', '--json'], io), 0);
  const r = JSON.parse(out());
  assert.equal(r.n, 4);
  assert.equal(r.accuracy, 1);
});

test('eval checkworthy ranks per-debate TSVs and writes one submission file per transcript', { skip: !existsSync(shippedModelPath('checkworthy')) && 'no shipped checkworthy model' }, async () => {
  const data = join(dir, 'debates');
  await mkdir(data);
  await writeFile(join(data, 'd1.tsv'), '1\tA\tGood evening and welcome.\t0\n2\tB\tUnemployment fell from 10% to 4.5% in eight years.\t1\n3\tA\tThank you.\t0\n');
  await writeFile(join(data, 'd2.tsv'), '1\tC\tWe cut taxes by $2 trillion for 150 million people.\t1\n2\tD\tHello.\t0\n');
  const { io, out } = fakeIo();
  assert.equal(await evalCheckworthyTask.run(['--data', 'debates', '--predictions', 'sub', '--json'], io), 0);
  const r = JSON.parse(out());
  assert.equal(r.transcripts, 2);
  assert.equal(r.map, 1);
  assert.deepEqual((await readdir(join(dir, 'sub'))).sort(), ['d1.tsv', 'd2.tsv']);
  const lines = (await readFile(join(dir, 'sub', 'd1.tsv'), 'utf8')).trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[1]!, /^2\t0\.\d{6}$/);
});

test('eval stance writes the submission CSV in input order for unlabelled pairs', { skip: !existsSync(shippedModelPath('stance')) && 'no shipped stance model' }, async () => {
  await writeFile(join(dir, 'stances.csv'), 'Headline,Body ID\n"Bridge collapses, officials say",7\nCat elected mayor,8\n');
  await writeFile(join(dir, 'bodies.csv'), 'Body ID,articleBody\n7,"The bridge collapsed on Monday, officials confirmed."\n8,"Stocks rose on Tuesday."\n');
  const { io, out } = fakeIo();
  assert.equal(await evalStanceTask.run(['--stances', 'stances.csv', '--bodies', 'bodies.csv', '--predictions', 'pred.csv'], io), 0);
  assert.match(out(), /predicted 2 unlabelled pairs/);
  const rows = (await readFile(join(dir, 'pred.csv'), 'utf8')).trim().split('\n');
  assert.equal(rows[0], 'Headline,Body ID,Stance');
  assert.match(rows[1]!, /^"Bridge collapses, officials say",7,(agree|disagree|discuss|unrelated)$/);
  assert.match(rows[2]!, /^Cat elected mayor,8,unrelated$/);
});

test('train writes under trained-models/ by default, never over the shipped models/ files', async () => {
  const cb = Array.from({ length: 60 }, (_, i) => `You Won't Believe What Happened To Dog Number ${i}`).join('\n');
  const ncb = Array.from({ length: 60 }, (_, i) => `Senate passes budget bill ${i} after a long debate`).join('\n');
  await writeFile(join(dir, 'train-cb.txt'), `${cb}\n`);
  await writeFile(join(dir, 'train-ncb.txt'), `${ncb}\n`);
  await mkdir(join(dir, 'models'));
  await writeFile(join(dir, 'models', 'clickbait.flw'), 'shipped');
  const { io, out } = fakeIo();
  assert.equal(await trainClickbaitTask.run(['--clickbait', 'train-cb.txt', '--non-clickbait', 'train-ncb.txt'], io), 0);
  assert.match(out(), /wrote .*trained-models\/clickbait\.flw/);
  assert.ok(existsSync(join(dir, 'trained-models', 'clickbait.flw')));
  assert.ok(existsSync(join(dir, 'trained-models', 'clickbait.md')));
  assert.equal(await readFile(join(dir, 'models', 'clickbait.flw'), 'utf8'), 'shipped');
  for (const task of [...MODEL_TRAIN_TASKS]) assert.doesNotMatch(task.usage, /default \.\/models\//, task.name);
});

test('tasks refuse missing data and bad options with usage errors', async () => {
  const { io } = fakeIo();
  const isUsage = (e: unknown): boolean => e instanceof FactlensError && e.code === 'usage';
  await assert.rejects(evalCheckworthyTask.run([], io), isUsage);
  await assert.rejects(evalClickbaitTask.run(['--data', '.', '--split', 'train'], io), isUsage);
  await assert.rejects(evalStanceTask.run(['--stances', 'x.csv'], io), (e: unknown) => e instanceof FactlensError);
});
