/**
 * A small seeded pseudo-random generator (mulberry32) so that initialization, shuffling and
 * dropout — and therefore the trained weights — are reproducible from a seed.
 */

/** A seeded random source; every trainer takes one instead of calling Math.random. */
export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform integer in [0, n) */
  int(n: number): number;
  /** standard normal (Box–Muller) */
  normal(): number;
  /** shuffles `items` in place (Fisher–Yates) */
  shuffle<T>(items: T[] | Int32Array): void;
}

/**
 * Creates a seeded generator; the same seed always gives the same sequence.
 * @example const rng = createRng(42); rng.next()
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal() {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i]!;
        items[i] = items[j]!;
        items[j] = tmp;
      }
    },
  };
}
