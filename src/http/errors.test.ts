import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ERROR_CODES, FactlensError } from '../core/errors.js';
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
});
