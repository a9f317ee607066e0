import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openWorkbenchDb } from '../../http/workbench-db.js';
import { main } from '../main.js';
import { parseRateLimit } from './serve.js';
import { type CapturedIo, captureIo } from '../../../test/capture-io.js';

const dir = mkdtempSync(join(tmpdir(), 'factlens-token-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function io(env: Record<string, string> = {}): CapturedIo {
  return captureIo({ cwd: dir, env });
}

describe('factlens token', () => {
  it('creates, lists and revokes tokens in the workbench database', async () => {
    const db = join(dir, 'wb.db');
    const created = io();
    assert.equal(await main(['token', 'create', '--name', 'news desk', '--workbench-db', db], created), 0);
    const token = created.out().trim();
    assert.match(token, /^flk_[0-9a-f]{12}_/);
    const id = token.split('_')[1]!;
    const listed = io({ FACTLENS_WORKBENCH_DB: db });
    assert.equal(await main(['token', 'list', '--json'], listed), 0);
    assert.deepEqual(
      (JSON.parse(listed.out()) as { id: string; name: string }[]).map((t) => [t.id, t.name]),
      [[id, 'news desk']],
    );
    assert.ok(!listed.out().includes(token.split('_')[2]!), 'list never shows the secret');
    assert.equal(await main(['token', 'revoke', id, '--workbench-db', db], io()), 0);
    const again = io();
    assert.equal(await main(['token', 'revoke', id, '--workbench-db', db], again), 2);
    assert.match(again.err(), /\[not-found\]/);
    const wb = openWorkbenchDb(db);
    assert.equal(await wb.verifyToken(token, new Date().toISOString()), undefined);
    wb.close();
  });

  it('reports usage errors with exit code 2', async () => {
    const db = join(dir, 'wb2.db');
    for (const args of [['token'], ['token', 'create', '--workbench-db', db], ['token', 'frobnicate']]) {
      const out = io();
      assert.equal(await main(args, out), 2, args.join(' '));
      assert.match(out.err(), /\[usage\]/);
    }
  });
});

describe('serve --rate-limit', () => {
  it('parses BURST/RATE and off', () => {
    assert.deepEqual(parseRateLimit('10/2.5'), { burst: 10, perSecond: 2.5 });
    assert.equal(parseRateLimit('off'), false);
    assert.throws(() => parseRateLimit('fast'), /--rate-limit/);
  });
});
