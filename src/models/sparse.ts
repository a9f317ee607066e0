/**
 * Sparse vectors for text features: parallel sorted index/value arrays, with the few operations
 * the models need (dot product, L2 normalization, cosine, concatenation at an offset).
 */

/** A sparse vector: `indices` strictly increasing, `values` the matching non-zero entries. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** The empty sparse vector. */
export function emptySparse(): SparseVector {
  return { indices: new Int32Array(0), values: new Float32Array(0) };
}

/** Builds a sorted sparse vector from an index → value map, dropping zeros. */
export function sparseFromMap(map: ReadonlyMap<number, number>): SparseVector {
  const keys = [...map.keys()].filter((k) => map.get(k) !== 0).sort((a, b) => a - b);
  const indices = new Int32Array(keys.length);
  const values = new Float32Array(keys.length);
  keys.forEach((k, i) => {
    indices[i] = k;
    values[i] = map.get(k)!;
  });
  return { indices, values };
}

/** Builds a sparse vector from a dense array, keeping the non-zero entries. */
export function sparseFromDense(dense: ArrayLike<number>): SparseVector {
  let n = 0;
  for (let i = 0; i < dense.length; i++) if (dense[i] !== 0) n++;
  const indices = new Int32Array(n);
  const values = new Float32Array(n);
  let j = 0;
  for (let i = 0; i < dense.length; i++) {
    const v = dense[i]!;
    if (v !== 0) {
      indices[j] = i;
      values[j] = v;
      j++;
    }
  }
  return { indices, values };
}

/** Dot product of two sparse vectors (merge of the sorted index lists). */
export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  const ai = a.indices;
  const bi = b.indices;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) {
      sum += a.values[i]! * b.values[j]!;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** Euclidean norm. */
export function sparseNorm(a: SparseVector): number {
  let s = 0;
  for (let i = 0; i < a.values.length; i++) s += a.values[i]! * a.values[i]!;
  return Math.sqrt(s);
}

/** A copy scaled to unit L2 norm (the zero vector stays zero). */
export function normalizeL2(a: SparseVector): SparseVector {
  const n = sparseNorm(a);
  const values = new Float32Array(a.values.length);
  if (n > 0) for (let i = 0; i < values.length; i++) values[i] = a.values[i]! / n;
  return { indices: a.indices, values };
}

/** Cosine similarity; 0 when either vector is zero. */
export function cosine(a: SparseVector, b: SparseVector): number {
  const na = sparseNorm(a);
  const nb = sparseNorm(b);
  return na > 0 && nb > 0 ? sparseDot(a, b) / (na * nb) : 0;
}

/**
 * Concatenates vectors into one input row: part k is shifted by `offsets[k]`. Offsets must be
 * increasing and each part must fit below the next offset.
 */
export function concatSparse(parts: readonly SparseVector[], offsets: readonly number[]): SparseVector {
  let n = 0;
  for (const p of parts) n += p.indices.length;
  const indices = new Int32Array(n);
  const values = new Float32Array(n);
  let j = 0;
  parts.forEach((p, k) => {
    const off = offsets[k]!;
    for (let i = 0; i < p.indices.length; i++) {
      indices[j] = p.indices[i]! + off;
      values[j] = p.values[i]!;
      j++;
    }
  });
  return { indices, values };
}
