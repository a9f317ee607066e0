/**
 * FNC-1 data (Pomerleau & Rao 2017): a stances CSV (Headline, Body ID[, Stance]) and a bodies CSV
 * (Body ID, articleBody), and the component-disjoint development split.
 *
 * The split follows the benchmark's own construction: a story is a connected component of the
 * graph whose edges are the *related* pairs (agree / disagree / discuss); FNC's unrelated pairs
 * join a headline to a body of another story. Components are ordered by a hash of their smallest
 * member and taken into dev until dev holds `devShare` of the related pairs; a pair belongs to a
 * side only when its headline and its body both do (cross-side unrelated pairs are dropped), so
 * no dev headline or body is ever trained on.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FactlensError } from '../../core/errors.js';
import { isDirectory, parseTable, readTextFile } from '../data-files.js';
import { createDisjointSets, hashBucket } from '../split.js';
import type { Stance } from '../types.js';
import { sha256Of } from '../weight-file.js';

/** The four FNC-1 classes in the scorer's order. */
export const STANCES: readonly Stance[] = ['agree', 'disagree', 'discuss', 'unrelated'];

/** One headline–body pair; `stance` is absent in unlabelled files. */
export interface StancePair {
  headline: string;
  bodyId: string;
  stance?: Stance;
}

/** A stances file with its bodies. */
export interface StanceData {
  pairs: StancePair[];
  bodies: Map<string, string>;
  sha256: string;
  /** the header the stances file used, kept for writing submissions */
  stancesFile: string;
}

function isStance(s: string): s is Stance {
  return (STANCES as readonly string[]).includes(s);
}

/**
 * Reads a stances CSV and a bodies CSV. `path` is either a directory holding one `*stances*.csv`
 * and one `*bodies*.csv` (train_… or competition_test_…), or the stances file with `bodiesPath`.
 * @example const data = await loadStanceData('../shared/data/fnc1')
 */
export async function loadStanceData(path: string, bodiesPath?: string): Promise<StanceData> {
  let stancesPath = path;
  let bodies = bodiesPath;
  if (await isDirectory(path)) {
    const files = (await readdir(path)).filter((f) => f.toLowerCase().endsWith('.csv')).sort();
    const stances = files.filter((f) => /stances/i.test(f) && !/unlabel/i.test(f));
    const stancesAny = stances.length > 0 ? stances : files.filter((f) => /stances/i.test(f));
    const bodyFiles = files.filter((f) => /bodies/i.test(f));
    if (stancesAny.length !== 1 || bodyFiles.length !== 1) {
      throw new FactlensError('usage', `${path} must hold exactly one *stances*.csv and one *bodies*.csv; give --stances and --bodies instead.`);
    }
    stancesPath = join(path, stancesAny[0]!);
    bodies ??= join(path, bodyFiles[0]!);
  }
  if (!bodies) throw new FactlensError('usage', 'Give the bodies file with --bodies (or a --data directory holding both files).');
  const [stancesText, bodiesText] = await Promise.all([readTextFile(stancesPath), readTextFile(bodies)]);
  const bodyRows = parseTable(bodiesText, bodies, ['Body ID', 'articleBody']);
  const bodyMap = new Map(bodyRows.map((r) => [r['Body ID']!.trim(), r.articleBody!]));
  const rows = parseTable(stancesText, stancesPath, ['Headline', 'Body ID']);
  const pairs = rows.map((r, i): StancePair => {
    const bodyId = r['Body ID']!.trim();
    if (!bodyMap.has(bodyId)) throw new FactlensError('input-invalid', `${stancesPath} row ${i + 2}: Body ID ${bodyId} is not in ${bodies}.`);
    const raw = (r.Stance ?? '').trim();
    if (raw !== '' && !isStance(raw)) throw new FactlensError('input-invalid', `${stancesPath} row ${i + 2}: unknown stance "${raw}".`);
    return { headline: r.Headline!, bodyId, stance: raw === '' ? undefined : (raw as Stance) };
  });
  return {
    pairs,
    bodies: bodyMap,
    sha256: sha256Of([basename(stancesPath), stancesText, basename(bodies), bodiesText]),
    stancesFile: stancesPath,
  };
}

/** The story graph: node ids of each pair's headline and body, and the components of related edges. */
function storyGraph(pairs: readonly StancePair[]): {
  ids: Map<string, number>;
  ends: (readonly [number, number])[];
  sets: ReturnType<typeof createDisjointSets>;
} {
  const ids = new Map<string, number>();
  const node = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  const ends = pairs.map((p) => [node(`h:${p.headline}`), node(`b:${p.bodyId}`)] as const);
  const sets = createDisjointSets(ids.size);
  pairs.forEach((p, i) => {
    if (p.stance && p.stance !== 'unrelated') sets.union(ends[i]![0], ends[i]![1]);
  });
  return { ids, ends, sets };
}

/** Side of each pair under the component-disjoint split: 'a' (held out), 'b' (kept), or undefined (dropped). */
export function componentSplit(pairs: readonly StancePair[], share: number, salt: string): ('a' | 'b' | undefined)[] {
  const { ids, ends, sets } = storyGraph(pairs);
  const members = new Map<number, string[]>();
  for (const [key, id] of ids) {
    const root = sets.find(id);
    if (!members.has(root)) members.set(root, []);
    members.get(root)!.push(key);
  }
  const related = new Map<number, number>();
  pairs.forEach((p, i) => {
    if (p.stance && p.stance !== 'unrelated') {
      const root = sets.find(ends[i]![0]);
      related.set(root, (related.get(root) ?? 0) + 1);
    }
  });
  const totalRelated = [...related.values()].reduce((a, b) => a + b, 0);
  const order = [...members.entries()]
    .map(([root, keys]) => {
      const first = [...keys].sort()[0]!;
      return { root, first, rank: hashBucket(first, 2 ** 40, salt) };
    })
    .sort((x, y) => x.rank - y.rank || (x.first < y.first ? -1 : 1));
  const held = new Set<number>();
  let taken = 0;
  for (const c of order) {
    if (taken >= share * totalRelated) break;
    held.add(c.root);
    taken += related.get(c.root) ?? 0;
  }
  return ends.map(([h, b]) => {
    const hs = held.has(sets.find(h));
    const bs = held.has(sets.find(b));
    return hs && bs ? 'a' : !hs && !bs ? 'b' : undefined;
  });
}

/** The parts of labelled FNC-1 data: dev (20% of related pairs), validation (10% of the rest), train. */
export interface StanceSplit {
  train: StancePair[];
  validation: StancePair[];
  dev: StancePair[];
}

/** Splits labelled pairs into train / validation / dev, all component-disjoint. */
export function splitStanceData(pairs: readonly StancePair[]): StanceSplit {
  const first = componentSplit(pairs, 0.2, 'stance-dev');
  const dev = pairs.filter((_, i) => first[i] === 'a');
  const rest = pairs.filter((_, i) => first[i] === 'b');
  const second = componentSplit(rest, 0.1, 'stance-validation');
  return {
    dev,
    validation: rest.filter((_, i) => second[i] === 'a'),
    train: rest.filter((_, i) => second[i] === 'b'),
  };
}

/**
 * Adds unrelated pairs (a headline with a body of another story) until `unrelatedShare` of the
 * pairs are unrelated — the way FNC-1 built its unrelated class — so that a component-disjoint
 * split has the benchmark's class balance. Deterministic: candidates are ranked by hash.
 */
export function balanceUnrelated(pairs: readonly StancePair[], unrelatedShare: number, salt: string): StancePair[] {
  const relatedCount = pairs.filter((p) => p.stance !== 'unrelated').length;
  const unrelatedNow = pairs.length - relatedCount;
  const target = Math.round((unrelatedShare * relatedCount) / (1 - unrelatedShare));
  if (target <= unrelatedNow) return [...pairs];
  const story = storyOf(pairs);
  const headlines = [...new Set(pairs.map((p) => p.headline))].sort();
  const bodies = [...new Set(pairs.map((p) => p.bodyId))].sort();
  const existing = new Set(pairs.map((p) => `${p.headline}\u0000${p.bodyId}`));
  const candidates: { pair: StancePair; rank: number }[] = [];
  for (const h of headlines) {
    for (const b of bodies) {
      if (story.get(`h:${h}`) === story.get(`b:${b}`) || existing.has(`${h}\u0000${b}`)) continue;
      candidates.push({ pair: { headline: h, bodyId: b, stance: 'unrelated' }, rank: hashBucket(`${h}\u0000${b}`, 2 ** 40, salt) });
    }
  }
  candidates.sort((a, b) => a.rank - b.rank);
  return [...pairs, ...candidates.slice(0, target - unrelatedNow).map((c) => c.pair)];
}

/** Story (component) id of every headline (`h:<text>`) and body (`b:<id>`) of labelled pairs. */
export function storyOf(pairs: readonly StancePair[]): Map<string, number> {
  const { ids, sets } = storyGraph(pairs);
  return new Map([...ids].map(([k, id]) => [k, sets.find(id)]));
}
