/** The CLI as a user meets it: exit codes, formats, NO_COLOR, --fail-on, stdin, errors. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';
import { type CapturedIo, captureIo } from './capture-io.js';
import { failingOutputFs } from './failing-output.js';

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

describe('factlens CLI guides natural mistakes', () => {
  it('fetches a positional http(s) URL as --url would', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(readFileSync(CLEAN));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/story`;
      const a = io();
      assert.equal(await main(['check', url, '--json', '--allow-private-network'], a), 0, a.err());
      assert.equal(JSON.parse(a.out()).article.meta.url, url);
      const blocked = io();
      assert.equal(await main(['check', url], blocked), 2);
      assert.match(blocked.err(), /^factlens: error \[fetch-blocked\]/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
  it('says a missing file does not exist, without a raw ENOENT', async () => {
    const a = io();
    assert.equal(await main(['check', 'no-such-article.txt'], a), 2);
    assert.equal(a.err(), 'factlens: error [input-invalid] no-such-article.txt does not exist: check the path (or give --url for a web page).\n');
  });
  it('answers an unknown flag with a clean message and a did-you-mean', async () => {
    const cases: [string[], RegExp][] = [
      [['check', EXAMPLE, '--fromat', 'json'], /^factlens: error \[usage\] Unknown option --fromat for check: did you mean --format\? Run factlens check --help\.\n$/],
      [['check', EXAMPLE, '--publish', '2016-03-09'], /did you mean --published\?/],
      [['batch', 'x.jsonl', '--worker', '2'], /did you mean --workers\?/],
      [['check', EXAMPLE, '--zzzzzzzz'], /^factlens: error \[usage\] Unknown option --zzzzzzzz for check\. Run factlens check --help\.\n$/],
      [['check', EXAMPLE, '--format'], /^factlens: error \[usage\] --format needs a value\. Run factlens check --help\.\n$/],
    ];
    for (const [args, expected] of cases) {
      const a = io();
      assert.equal(await main(args, a), 2, args.join(' '));
      assert.match(a.err(), expected, args.join(' '));
      assert.doesNotMatch(a.err(), /positional argument/);
    }
  });
  it('accepts --format in any case and md for markdown; --json beside another format is a usage error', async () => {
    const upper = io();
    assert.equal(await main(['check', CLEAN, '--format', 'JSON'], upper), 0, upper.err());
    assert.equal(JSON.parse(upper.out()).schemaVersion, '1.0.0');
    const md = io();
    assert.equal(await main(['check', CLEAN, '--format', 'md'], md), 0, md.err());
    assert.match(md.out(), /^# /m);
    const both = io();
    assert.equal(await main(['check', CLEAN, '--json', '--format', 'markdown'], both), 2);
    assert.match(both.err(), /^factlens: error \[usage\] --json and --format markdown ask for two formats/);
    const same = io();
    assert.equal(await main(['check', CLEAN, '--json', '--format', 'json'], same), 0);
  });
});

describe('factlens check -o', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlens-cli-out-'));
  it('exits 2 with a clear message for a missing folder', async () => {
    const a = io();
    assert.equal(await main(['check', CLEAN, '-o', join(dir, 'missing', 'dir', 'r.html'), '--format', 'html'], a), 2);
    assert.match(a.err(), /^factlens: error \[output-failed\] Cannot write .*r\.html: folder .*dir does not exist: create it or choose another path; nothing was written there\.\n$/);
  });
  it('writes the report completely, relative to the working directory', async () => {
    const a = captureIo({ cwd: dir });
    assert.equal(await main(['check', CLEAN, '-o', 'r.json', '--json'], a), 0, a.err());
    assert.equal(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).schemaVersion, '1.0.0');
  });
  for (const [code, failOn] of [['ENOSPC', 'write'], ['EIO', 'sync'], ['EACCES', 'rename']] as const) {
    it(`${code} on ${failOn}: output-failed (exit 2), the previous report kept whole, no temporary file left`, async () => {
      const sub = mkdtempSync(join(dir, 'disk-'));
      writeFileSync(join(sub, 'report.html'), '<p>the good report</p>');
      const a = { ...io(), outputFs: failingOutputFs({ code, allowBytes: 1000, failOn }) };
      assert.equal(await main(['check', CLEAN, '--format', 'html', '-o', join(sub, 'report.html')], a), 2);
      assert.match(a.err(), /^factlens: error \[output-failed\] Cannot write .*report\.html: .+; nothing was written there\.\n$/);
      assert.equal(readFileSync(join(sub, 'report.html'), 'utf8'), '<p>the good report</p>');
      assert.deepEqual(readdirSync(sub), ['report.html']);
    });
  }
});


describe('factlens help', () => {
  it('train <task> --help and eval <task> --help print that task\'s own help', async () => {
    const { MODEL_TRAIN_TASKS, MODEL_EVAL_TASKS } = await import('../src/models/tasks.js');
    for (const [command, tasks] of [['train', MODEL_TRAIN_TASKS], ['eval', MODEL_EVAL_TASKS]] as const) {
      for (const task of tasks) {
        const a = io();
        assert.equal(await main([command, task.name, '--help'], a), 0);
        assert.equal(a.out(), task.usage, `${command} ${task.name} --help`);
      }
      const generic = io();
      assert.equal(await main([command, '--help'], generic), 0);
      assert.match(generic.out(), /Tasks:/);
    }
  });
  it('every file the check --help examples name exists', async () => {
    const a = io();
    assert.equal(await main(['check', '--help'], a), 0);
    const files = [...a.out().matchAll(/factlens check (examples\/\S+)/g)].map((m) => m[1]!);
    assert.ok(files.length > 0);
    for (const file of files) assert.ok(existsSync(fileURLToPath(new URL(`../${file}`, import.meta.url))), file);
  });
});

describe('factlens check language', () => {
  const SHORT = {
    de: 'Regierung beschließt neues Gesetz\n\nDie Bundesregierung hat am Montag ein neues Gesetz beschlossen. Der Minister sagte, dass die Kosten noch nicht feststehen.',
    fr: 'Le gouvernement adopte une loi\n\nLe gouvernement a adopté une nouvelle loi lundi. Le ministre a dit que les coûts ne sont pas encore connus.',
    es: 'El gobierno aprueba una ley\n\nEl gobierno aprobó el lunes una nueva ley. El ministro dijo que los costes no son conocidos.',
  };
  for (const [lang, text] of Object.entries(SHORT)) {
    it(`refuses a two-sentence ${lang} text like a longer one, unless --any-language`, async () => {
      const a = io({}, text);
      assert.equal(await main(['check', '-'], a), 2);
      assert.match(a.err(), /^factlens: error \[input-language\] The article does not look like English/);
      const b = io({}, text);
      assert.equal(await main(['check', '-', '--any-language', '--json'], b), 0, b.err());
    });
  }
  it('still takes short English texts full of foreign names', async () => {
    for (const text of ['Storms hit Los Angeles and Las Vegas\n\nEl Niño storms hit Los Angeles on Monday, officials said.', 'Bayern beat Dortmund\n\nBayern Munich beat Borussia Dortmund 3-1 on Saturday in der Klassiker.']) {
      const a = io({}, text);
      assert.equal(await main(['check', '-', '--json'], a), 0, a.err());
    }
  });
});
