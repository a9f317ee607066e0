import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CLI_HINTS, ERROR_CODES, FactlensError, withCliHint, withoutCliHints } from '../core/errors.js';
import { ingestText } from '../ingest/text.js';
import { errorResponse, STATUS_BY_CODE } from './errors.js';

describe('HTTP error mapping', () => {
  it('gives every error code a status, and docs/http.md documents exactly these', () => {
    assert.deepEqual(Object.keys(STATUS_BY_CODE).sort(), [...ERROR_CODES].sort());
    const doc = readFileSync(new URL('../../docs/http.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z-]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    assert.deepEqual(Object.fromEntries(rows), STATUS_BY_CODE);
  });

  it('answers the documented body, hides internal details, and sets Retry-After and WWW-Authenticate', async () => {
    const { response } = errorResponse(new FactlensError('rate-limited', 'Slow down.', { details: { retryAfterMs: 1500 } }));
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '2');
    assert.deepEqual(await response.json(), { error: { code: 'rate-limited', message: 'Slow down.' } });
    const internal = errorResponse(new Error('secret path /etc/x'));
    assert.equal(internal.response.status, 500);
    assert.deepEqual(await internal.response.json(), { error: { code: 'internal', message: 'Internal error: the server log has the details.' } });
    assert.match(errorResponse(new FactlensError('unauthorized', 'No.')).response.headers.get('www-authenticate') ?? '', /^Bearer/);
  });

  it('leaves out hints that name a command-line option: a browser user has none', async () => {
    let refused: unknown;
    try {
      ingestText('Die Regierung hat am Montag beschlossen\n\nDie Minister sagten, dass sie mit der Entscheidung nicht zufrieden sind und dass die Kosten zu hoch seien.');
    } catch (err) {
      refused = err;
    }
    assert.ok(refused instanceof FactlensError && refused.code === 'input-language');
    assert.match(refused.message, /\(pass --any-language to try anyway\)\.$/, 'the CLI names its option');
    const { response } = errorResponse(refused);
    const { error } = (await response.json()) as { error: { message: string } };
    assert.equal(error.message, 'The article does not look like English; factlens analyzes English news.');
    for (const hint of Object.values(CLI_HINTS)) {
      const message = withCliHint('Refusing http://10.0.0.1/: 10.0.0.1 is a private-network address.', hint);
      assert.match(message, /address \(.+--[a-z-]+.*\)\.$/);
      assert.equal(withoutCliHints(message), 'Refusing http://10.0.0.1/: 10.0.0.1 is a private-network address.');
    }
  });
});
