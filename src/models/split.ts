/**
 * Deterministic data splits: hash buckets of a key (so a split never depends on file order or a
 * random state), and union–find for splitting by connected component.
 */
import { createHash } from 'node:crypto';

/** Bucket in [0, buckets) of `key`: the first 6 bytes of SHA-1(salt + key) modulo `buckets`. */
export function hashBucket(key: string, buckets: number, salt = ''): number {
  const h = createHash('sha1').update(salt + key).digest();
  return h.readUIntBE(0, 6) % buckets;
}

/** Union–find over integer ids 0..n−1 with path halving and union by size. */
export interface DisjointSets {
  find(x: number): number;
  union(a: number, b: number): void;
}

/** Creates disjoint sets over `n` elements. */
export function createDisjointSets(n: number): DisjointSets {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const size = new Int32Array(n).fill(1);
  const find = (x: number): number => {
    let y = x;
    while (parent[y] !== y) {
      parent[y] = parent[parent[y]!]!;
      y = parent[y]!;
    }
    return y;
  };
  return {
    find,
    union(a, b) {
      let ra = find(a);
      let rb = find(b);
      if (ra === rb) return;
      if (size[ra]! < size[rb]!) [ra, rb] = [rb, ra];
      parent[rb] = ra;
      size[ra]! += size[rb]!;
    },
  };
}
