/**
 * Token-bucket rate limiting per client: each client (API token id, or remote address) has a bucket
 * of `burst` requests that refills at `perSecond`; a request takes one token or is refused with the
 * time until the next one. Buckets live in the limiter instance, bounded in number.
 */

export interface RateLimitOptions {
  /** bucket size: requests a client may make at once */
  burst: number;
  /** refill rate in requests per second */
  perSecond: number;
  /** most clients tracked at once; the least recently seen are dropped first */
  maxClients?: number;
  /** clock in milliseconds (tests pin it) */
  nowMs?: () => number;
}

export interface RateLimitDecision {
  isAllowed: boolean;
  /** tokens left after this request */
  remaining: number;
  /** when refused: milliseconds until one token is back */
  retryAfterMs: number;
}

export interface RateLimiter {
  take(client: string): RateLimitDecision;
}

/**
 * Creates a limiter.
 * @example const limiter = createRateLimiter({ burst: 60, perSecond: 20 }); limiter.take('127.0.0.1')
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { burst, perSecond } = options;
  const maxClients = options.maxClients ?? 10_000;
  const now = options.nowMs ?? (() => performance.now());
  // Map iteration order is insertion order; re-inserting on use keeps it least-recently-seen first.
  const buckets = new Map<string, { tokens: number; atMs: number }>();
  return {
    take(client) {
      const t = now();
      const bucket = buckets.get(client) ?? { tokens: burst, atMs: t };
      buckets.delete(client);
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.atMs) / 1000) * perSecond);
      bucket.atMs = t;
      buckets.set(client, bucket);
      if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { isAllowed: true, remaining: Math.floor(bucket.tokens), retryAfterMs: 0 };
      }
      return { isAllowed: false, remaining: 0, retryAfterMs: Math.ceil(((1 - bucket.tokens) / perSecond) * 1000) };
    },
  };
}
