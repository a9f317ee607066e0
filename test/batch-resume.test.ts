/**
 * Local batch --resume under fire: a batch of small articles is killed with SIGKILL 20 times at
 * random moments (some while it starts, most while it writes), stopped once with Ctrl-C (SIGINT),
 * and resumed each time; the finished output must equal an uninterrupted run's line for line
 * (time stamps and timings aside): no line lost, none doubled, none torn.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../src/cli/main.js';
import { captureIo } from './capture-io.js';
import { sleep, stableLine, startCli, writeArticles } from './processes.js';

const dir = mkdtempSync(join(tmpdir(), 'factlens-resume-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const KILLS = 20;
const size = (path: string): number => (existsSync(path) ? statSync(path).size : 0);
const lines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter(Boolean);

describe('factlens batch --resume', () => {
  it(`after kill -9 × ${KILLS} and a Ctrl-C, gives the output of an uninterrupted run`, { timeout: 240_000 }, async () => {
    // a bad line and an empty article among them: error lines must survive resuming too
    const input = writeArticles(join(dir, 'in.jsonl'), 3000, ['{"id": "broken",', JSON.stringify({ id: 'empty', text: '  ' }), JSON.stringify({ id: 'last', text: 'Last one\n\nThe council met, officials said.' })]);
    const out = join(dir, 'out.jsonl');
    const reference = join(dir, 'reference.jsonl');
    // the uninterrupted run, alongside (analysis on its own worker thread, so this thread stays free)
    const refIo = captureIo({ cwd: dir });
    const uninterrupted = main(['batch', input, '-o', reference], refIo);

    const args = ['batch', input, '-o', out, '--resume', '--workers', '0'];
    let kills = 0;
    let torn = 0;
    let random = 12345;
    const next = (): number => {
      random = (Math.imul(random, 1103515245) + 12345) >>> 0;
      return random / 2 ** 32;
    };
    for (let cycle = 0; kills < KILLS; cycle++) {
      const p = startCli(args, { cwd: dir });
      const before = size(out);
      const isEarly = cycle % 5 === 0;
      if (isEarly) await sleep(200 + next() * 1500);
      else {
        const started = Date.now();
        while (size(out) <= before && Date.now() - started < 30_000) await sleep(20);
        await sleep(next() * 250);
      }
      const isCtrlC = cycle === 7;
      p.child.kill(isCtrlC ? 'SIGINT' : 'SIGKILL');
      const code = await p.exited;
      if (isCtrlC) {
        assert.equal(code, 130, p.stderr());
        assert.match(p.stderr(), /factlens batch: \d+ articles, .* stopped by SIGINT after \d+ of 3003: run the same command again to continue\n/);
        continue;
      }
      assert.equal(code, 'SIGKILL', `cycle ${cycle} ended by itself: ${p.stderr()}`);
      kills++;
      if (size(out) > 0 && !readFileSync(out, 'utf8').endsWith('\n')) torn++;
    }
    const last = startCli(args, { cwd: dir });
    assert.equal(await last.exited, 0, last.stderr());
    assert.match(last.stderr(), /factlens batch: 3003 articles, 3001 reports, 2 failed \(input-invalid 1, input-empty 1\), \d+ kept from the interrupted run/);
    assert.equal(await uninterrupted, 0, refIo.err());
    const got = lines(out);
    const want = lines(reference);
    assert.equal(got.length, 3003);
    assert.deepEqual(
      got.map((l) => (JSON.parse(l) as { id: string }).id),
      want.map((l) => (JSON.parse(l) as { id: string }).id),
    );
    assert.deepEqual(got.map(stableLine), want.map(stableLine));
    // run again: nothing to do, nothing changed
    const again = captureIo({ cwd: dir });
    const bytes = readFileSync(out);
    assert.equal(await main(args, again), 0, again.err());
    assert.match(again.err(), /already complete/);
    assert.deepEqual(readFileSync(out), bytes);
    process.stderr.write(`# ${kills} kills, ${torn} of them left a torn last line\n`);
  });

  it('cuts a torn last line (output and journal) and writes it again', async () => {
    const input = writeArticles(join(dir, 'torn.jsonl'), 4);
    const out = join(dir, 'torn-out.jsonl');
    const first = captureIo({ cwd: dir });
    assert.equal(await main(['batch', input, '-o', out, '--resume', '--workers', '0'], first), 0, first.err());
    const whole = lines(out);
    const { writeFileSync } = await import('node:fs');
    // as a power cut may leave them: the last output line half written, the journal's last entry too
    const text = readFileSync(out, 'utf8');
    writeFileSync(out, text.slice(0, text.length - Math.floor(whole[3]!.length / 2)));
    const journal = readFileSync(`${out}.journal`, 'utf8').split('\n').filter(Boolean);
    writeFileSync(`${out}.journal`, `${journal.slice(0, 4).join('\n')}\n${journal[4]!.slice(0, 10)}`);
    const again = captureIo({ cwd: dir });
    assert.equal(await main(['batch', input, '-o', out, '--resume', '--workers', '0'], again), 0, again.err());
    assert.match(again.err(), /4 articles, 4 reports, 0 failed, 3 kept from the interrupted run/);
    assert.deepEqual(lines(out).map(stableLine), whole.map(stableLine));
  });

  it('refuses to resume onto another input or other options', async () => {
    const input = writeArticles(join(dir, 'small.jsonl'), 3);
    const out = join(dir, 'small-out.jsonl');
    const first = captureIo({ cwd: dir });
    assert.equal(await main(['batch', input, '-o', out, '--resume', '--workers', '0'], first), 0, first.err());
    // an unfinished journal to resume from: drop its final record
    const journal = `${out}.journal`;
    const text = readFileSync(journal, 'utf8').split('\n').filter(Boolean);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(journal, `${text.slice(0, -2).join('\n')}\n`);
    const other = captureIo({ cwd: dir });
    assert.equal(await main(['batch', input, '-o', out, '--resume', '--workers', '0', '--analyzers', 'style'], other), 2);
    assert.match(other.err(), /\[usage\] .*was begun with other options/);
    writeArticles(input, 3, []);
    writeFileSync(input, readFileSync(input, 'utf8').replace('"a0"', '"b0"'));
    const changed = captureIo({ cwd: dir });
    assert.equal(await main(['batch', input, '-o', out, '--resume', '--workers', '0'], changed), 2);
    assert.match(changed.err(), /\[input-invalid\] Item 1 of the input \(id "b0"\) is not the one/);
    const plain = captureIo({ cwd: dir });
    assert.equal(await main(['batch', input, '--resume'], plain), 2);
    assert.match(plain.err(), /--resume needs -o FILE/);
  });

  it('every batch and worker command has its own --help', async () => {
    for (const [args, usage] of [
      [['batch', '--help'], /^Usage: factlens batch <input/],
      [['batch', 'status', '--help'], /^Usage: factlens batch status NAME/],
      [['batch', 'export', '-h'], /^Usage: factlens batch export NAME/],
      [['worker', '--help'], /^Usage: factlens worker/],
    ] as const) {
      const io = captureIo({ cwd: dir });
      assert.equal(await main([...args], io), 0, args.join(' '));
      assert.match(io.out(), usage);
    }
    const bad = captureIo({ cwd: dir });
    assert.equal(await main(['batch', 'status', 'week-1'], bad), 2);
    assert.match(bad.err(), /\[usage\] Name the queue: --queue postgres:/);
  });
});
