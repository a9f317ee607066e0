import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../main.js';
import { type CapturedIo, captureIo } from '../../../test/capture-io.js';

const dir = mkdtempSync(join(tmpdir(), 'factlens-serve-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function io(): CapturedIo {
  return captureIo({ cwd: dir });
}

describe('factlens serve', () => {
  it('serves on 127.0.0.1 until SIGTERM, then exits 0', async () => {
    const cli = io();
    const running = main(['serve', '--port', '0', '--workers', '0', '--workbench-db', join(dir, 'wb.db')], cli);
    let url = '';
    for (let i = 0; i < 200 && !url; i++) {
      await new Promise((r) => setTimeout(r, 25));
      url = /http:\/\/127\.0\.0\.1:\d+/.exec(cli.out())?.[0] ?? '';
    }
    assert.ok(url, `no address printed: ${cli.out()}${cli.err()}`);
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string };
    assert.equal(health.status, 'ok');
    process.emit('SIGTERM');
    assert.equal(await running, 0);
  });

  it('refuses bad options with exit code 2 before listening', async () => {
    for (const args of [
      ['serve', '--port', 'abc'],
      ['serve', '--workers', '-1'],
      ['serve', '--rate-limit', 'fast'],
      ['serve', '--host', '0.0.0.0', '--allow-private-network'],
      ['serve', 'extra'],
    ]) {
      const cli = io();
      assert.equal(await main(args, cli), 2, args.join(' '));
      assert.match(cli.err(), /\[usage\]/);
      assert.equal(cli.out(), '');
    }
  });
});
