/**
 * Documents → what a store writes for them: each record checked and normalized (records.ts), repeats
 * of an id inside the batch screened out, its passages split (passages.ts), its shingles counted and
 * its text fingerprinted (shingles.ts), and the fingerprints of the whole batch put in hash order,
 * so that they go into the index's B-tree page after page. This is the CPU half of an import and
 * needs no database, so it runs on the preparation worker (prepare-pool.ts) while the store writes
 * the previous batch; every store implementation can write the same prepared batch.
 */
import type { Span } from '../core/types.js';
import { splitPassages } from '../text/passages.js';
import { type Checked, checkDocument, type NormalizedDocument } from './records.js';
import { countDistinct, fingerprintHashes, shingleText } from '../text/shingles.js';
import type { AddResult, DocumentRecord } from './types.js';

/** A batch of documents ready to write: accepted documents with their passages and fingerprints. */
export interface PreparedDocuments {
  /** the accepted documents, in input order */
  documents: NormalizedDocument[];
  /** the input index of each accepted document */
  indexes: number[];
  /** distinct shingles of each document */
  shingleCounts: Uint32Array;
  /** passages of each document */
  passageCounts: Uint32Array;
  /** start and end offset of every passage, document after document */
  passageSpans: Uint32Array;
  /** every document's distinct fingerprints, the batch in hash order */
  fingerprints: Float64Array;
  /** for each fingerprint, the index (into `documents`) of its document */
  fingerprintDocuments: Uint32Array;
  /** rejected records and in-batch repeats found while preparing */
  result: AddResult;
}

/**
 * Validates a batch of records and drops in-batch repeats of an id: the same content counts as
 * unchanged, different content is rejected. Returns the accepted values with their input indexes.
 */
export function screenBatch<R, V extends { id: string; contentHash: string }>(
  records: readonly R[],
  check: (r: R) => Checked<V>,
): { values: V[]; indexes: number[]; result: AddResult } {
  const result: AddResult = { added: 0, unchanged: 0, rejected: [] };
  const values: V[] = [];
  const indexes: number[] = [];
  const seen = new Map<string, string>();
  records.forEach((r, index) => {
    const c = check(r);
    if (!c.ok) {
      result.rejected.push({ index, message: c.message });
      return;
    }
    const prior = seen.get(c.value.id);
    if (prior !== undefined) {
      if (prior === c.value.contentHash) result.unchanged++;
      else result.rejected.push({ index, message: `duplicate id "${c.value.id}" with different content` });
      return;
    }
    seen.set(c.value.id, c.value.contentHash);
    values.push(c.value);
    indexes.push(index);
  });
  return { values, indexes, result };
}

/** Sort keys carry a fingerprint's position in their low 21 bits (see hashOrder). */
const POSITION_BITS = 2 ** 21;

/**
 * The order that sorts fingerprints by hash. Each key is the hash with its low 21 bits replaced by
 * the fingerprint's position, so one native sort of a Float64Array orders them by the upper 32
 * bits of the hash, then by position (document order) — close enough to hash order for B-tree
 * locality, which is all the order is for. Batches too large for 21 bits sort with a comparator.
 */
function hashOrder(hashes: Float64Array): Uint32Array {
  const n = hashes.length;
  const order = new Uint32Array(n);
  if (n >= POSITION_BITS) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((x, y) => hashes[x]! - hashes[y]! || x - y);
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Math.floor(hashes[i]! / POSITION_BITS) * POSITION_BITS + i;
  keys.sort();
  for (let i = 0; i < n; i++) order[i] = keys[i]! % POSITION_BITS;
  return order;
}

/**
 * Checks, splits and fingerprints a batch of documents.
 * @example const prepared = prepareDocuments([{ id: 'a', text: 'The bridge reopened on Monday.' }])
 */
export function prepareDocuments(records: readonly DocumentRecord[]): PreparedDocuments {
  return prepareScreened(screenBatch(records, checkDocument));
}

/**
 * Splits and fingerprints documents that passed screenBatch — a store that first drops the ones
 * it already holds prepares only the rest (a re-import then costs little more than the checks).
 */
export function prepareScreened(screened: { values: NormalizedDocument[]; indexes: number[]; result: AddResult }): PreparedDocuments {
  const { values: documents, indexes, result } = screened;
  const shingleCounts = new Uint32Array(documents.length);
  const passageCounts = new Uint32Array(documents.length);
  const spans: Span[][] = [];
  const hashes: number[][] = [];
  let passageTotal = 0;
  let fingerprintTotal = 0;
  documents.forEach((d, i) => {
    const shingled = shingleText(d.text);
    shingleCounts[i] = countDistinct(shingled.hashes);
    const fingerprints = fingerprintHashes(shingled);
    hashes.push(fingerprints);
    fingerprintTotal += fingerprints.length;
    const passages = splitPassages(d.text);
    spans.push(passages);
    passageCounts[i] = passages.length;
    passageTotal += passages.length;
  });
  const passageSpans = new Uint32Array(2 * passageTotal);
  let p = 0;
  for (const list of spans) {
    for (const s of list) {
      passageSpans[p++] = s.start;
      passageSpans[p++] = s.end;
    }
  }
  const flat = new Float64Array(fingerprintTotal);
  const owner = new Uint32Array(fingerprintTotal);
  let f = 0;
  hashes.forEach((list, i) => {
    for (const h of list) {
      flat[f] = h;
      owner[f++] = i;
    }
  });
  const order = hashOrder(flat);
  const fingerprints = new Float64Array(fingerprintTotal);
  const fingerprintDocuments = new Uint32Array(fingerprintTotal);
  for (let i = 0; i < order.length; i++) {
    fingerprints[i] = flat[order[i]!]!;
    fingerprintDocuments[i] = owner[order[i]!]!;
  }
  return { documents, indexes, shingleCounts, passageCounts, passageSpans, fingerprints, fingerprintDocuments, result };
}
