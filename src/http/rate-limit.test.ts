import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRateLimiter } from './rate-limit.js';

describe('createRateLimiter', () => {
  it('allows a burst, then refills at the given rate', () => {
    let t = 0;
    const limiter = createRateLimiter({ burst: 3, perSecond: 2, nowMs: () => t });
    assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a').isAllowed), [true, true, true, false]);
    assert.equal(limiter.take('a').retryAfterMs, 500);
    t = 499;
    assert.equal(limiter.take('a').isAllowed, false);
    t = 1000;
    assert.equal(limiter.take('a').isAllowed, true, 'refilled after half a second per token');
    t = 100_000;
    assert.equal(limiter.take('a').remaining, 2, 'never above the burst');
  });

  it('keeps clients apart and forgets the least recently seen beyond maxClients', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.001, maxClients: 2, nowMs: () => 0 });
    assert.equal(limiter.take('a').isAllowed, true);
    assert.equal(limiter.take('b').isAllowed, true);
    assert.equal(limiter.take('a').isAllowed, false);
    limiter.take('c');
    assert.equal(limiter.take('b').isAllowed, true, 'b was dropped and starts afresh');
  });
});
