/** The CLI as a user meets it: exit codes, formats, NO_COLOR, --fail-on, stdin, errors. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';
import { type CapturedIo, captureIo } from './capture-io.js';

const EXAMPLE = fileURLToPath(new URL('../examples/aegean-standoff.txt', import.meta.url));
const EMPTY_DIR = mkdtempSync(join(tmpdir(), 'factlens-cli-cwd-'));
const CLEAN = fileURLToPath(new URL('./fixtures/articles/clean-wire.txt', import.meta.url));

function io(env: Record<string, string> = {}, stdin = '', isTTY = false): CapturedIo {
  // an empty working directory: no ./factlens.db corpus is picked up
  return captureIo({ cwd: EMPTY_DIR, env, stdin, isTTY });
}

describe('factlens CLI', () => {
  it('--help lists commands and exits 0; no command exits 2', async () => {
    const a = io();
    assert.equal(await main(['--help'], a), 0);
    assert.match(a.out(), /check\s+analyze one article/);
    assert.equal(await main([], io()), 2);
  });
  it('check prints a text report and exits 0', async () => {
    const a = io();
    assert.equal(await main(['check', EXAMPLE], a), 0);
    assert.match(a.out(), /Credibility \d+\/100/);
    assert.match(a.out(), /«reports:»/);
    assert.doesNotMatch(a.out(), /\x1b\[/, 'no colour when stdout is not a terminal');
  });
  it('respects NO_COLOR even on a terminal, and colours otherwise', async () => {
    const plain = io({ NO_COLOR: '1' }, '', true);
    await main(['check', EXAMPLE], plain);
    assert.doesNotMatch(plain.out(), /\x1b\[/);
    const colour = io({}, '', true);
    await main(['check', EXAMPLE], colour);
    assert.match(colour.out(), /\x1b\[/);
  });
  it('--json emits a versioned report', async () => {
    const a = io();
    assert.equal(await main(['check', EXAMPLE, '--json', '--published', '2016-03-09'], a), 0);
    const r = JSON.parse(a.out());
    assert.equal(r.schemaVersion, '1.0.0');
    assert.equal(r.article.meta.publishedAt, '2016-03-09');
    assert.ok(r.findings.some((f: { code: string }) => f.code === 'unbacked-badge'));
  });
  it('--fail-on problem exits 1 on a flawed article and 0 on a clean one', async () => {
    assert.equal(await main(['check', EXAMPLE, '--fail-on', 'problem'], io()), 1);
    assert.equal(await main(['check', CLEAN, '--fail-on', 'problem'], io()), 0);
    assert.equal(await main(['check', CLEAN, '--fail-on', 'score:101'], io()), 1);
  });
  it('reads stdin with -', async () => {
    const a = io({}, 'Budget passes\n\nThe council approved the budget on Monday, officials said.');
    assert.equal(await main(['check', '-', '--json'], a), 0);
    assert.equal(JSON.parse(a.out()).article.headline, 'Budget passes');
  });
  it('bad usage and bad input exit 2 with a one-line typed error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'factlens-cli-'));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const cases: [string[], string][] = [
      [['check', empty], 'input-empty'],
      [['check', join(dir, 'missing.txt')], 'input-invalid'],
      [['check', EXAMPLE, '--format', 'pdf'], 'usage'],
      [['check', EXAMPLE, '--bogus'], 'usage'],
      [['check', EXAMPLE, '--fail-on', 'sometimes'], 'usage'],
      [['check', EXAMPLE, '--analyzers', 'nope'], 'config-invalid'],
      [['frobnicate'], 'usage'],
    ];
    for (const [args, code] of cases) {
      const a = io();
      assert.equal(await main(args, a), 2, args.join(' '));
      assert.match(a.err(), new RegExp(`^factlens: error \\[${code}\\] .+\\n$`), args.join(' '));
    }
  });
});
