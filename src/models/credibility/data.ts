/**
 * Labelled article corpora for article-level credibility (JSONL, one {id, label, title, text, …}
 * per line, as in ../shared/data §7), mapped to a binary label: 1 = not credible (fake, satire,
 * mostly false, mixture of true and false), 0 = credible (legit, real, mostly true). Articles
 * labelled "no factual content" are left out.
 *
 * The development split keeps a story's copies on one side: articles sharing a normalized title,
 * the opening of their text, or a FakeNewsAMT/Celebrity pair id are joined (union–find) and the
 * group goes to dev or train by the hash of its first key.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FactlensError } from '../../core/errors.js';
import { isDirectory, nonEmptyLines, readTextFile } from '../data-files.js';
import { createDisjointSets, hashBucket } from '../split.js';
import { sha256Of } from '../weight-file.js';

/** One labelled article. */
export interface LabelledArticle {
  id: string;
  corpus: string;
  title: string;
  text: string;
  /** 1 not credible, 0 credible */
  label: number;
  /** the corpus's own label */
  sourceLabel: string;
  pairId?: string;
  /** the outlet's political orientation where the corpus gives it (BuzzFeed-Webis: mainstream, left, right) */
  orientation?: string;
}

const NOT_CREDIBLE = new Set(['fake', 'satire', 'mostly false', 'mixture of true and false', 'false', 'pants-fire']);
const CREDIBLE = new Set(['legit', 'real', 'mostly true', 'true']);

/** Parses one JSONL corpus; unknown labels are an `input-invalid` error, "no factual content" is skipped. */
export function parseArticlesJsonl(text: string, corpus: string): LabelledArticle[] {
  const out: LabelledArticle[] = [];
  nonEmptyLines(text).forEach((line, i) => {
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(line) as Record<string, unknown>;
    } catch (err) {
      throw new FactlensError('input-invalid', `${corpus} line ${i + 1} is not JSON.`, { cause: err });
    }
    const raw = String(r.label ?? '').toLowerCase().trim();
    if (raw === 'no factual content') return;
    if (!NOT_CREDIBLE.has(raw) && !CREDIBLE.has(raw)) throw new FactlensError('input-invalid', `${corpus} line ${i + 1}: unknown label "${raw}".`);
    if (typeof r.text !== 'string') throw new FactlensError('input-invalid', `${corpus} line ${i + 1} has no text.`);
    out.push({
      id: String(r.id ?? `${corpus}:${i + 1}`),
      corpus,
      title: typeof r.title === 'string' ? r.title : '',
      text: r.text,
      label: NOT_CREDIBLE.has(raw) ? 1 : 0,
      sourceLabel: raw,
      pairId: r.pair_id === undefined ? undefined : `${String(r.subset ?? '')}:${String(r.pair_id)}`,
      ...(typeof r.orientation === 'string' ? { orientation: r.orientation } : {}),
    });
  });
  return out;
}

/** Reads JSONL files; a directory contributes every `*.jsonl` in it and in its direct subdirectories. */
export async function loadArticles(paths: readonly string[]): Promise<{ articles: LabelledArticle[]; sha256: string }> {
  const files: string[] = [];
  for (const p of paths) {
    if (!(await isDirectory(p))) {
      files.push(p);
      continue;
    }
    for (const entry of (await readdir(p, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isFile() && entry.name.endsWith('.jsonl')) files.push(join(p, entry.name));
      else if (entry.isDirectory()) {
        for (const f of (await readdir(join(p, entry.name))).sort()) if (f.endsWith('.jsonl')) files.push(join(p, entry.name, f));
      }
    }
  }
  if (files.length === 0) throw new FactlensError('input-invalid', `No .jsonl files under ${paths.join(', ')}.`);
  const articles: LabelledArticle[] = [];
  const blobs: string[] = [];
  for (const f of files) {
    const text = await readTextFile(f);
    const corpus = basename(f) === 'articles.jsonl' ? basename(join(f, '..')) : basename(f, '.jsonl');
    articles.push(...parseArticlesJsonl(text, corpus));
    blobs.push(corpus, text);
  }
  return { articles, sha256: sha256Of(blobs) };
}

const normalize = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Story group of each article: copies (same title, same opening, same pair) share a group key. */
export function storyKeys(articles: readonly LabelledArticle[]): string[] {
  const keyIds = new Map<string, number>();
  const id = (k: string): number => {
    let v = keyIds.get(k);
    if (v === undefined) keyIds.set(k, (v = keyIds.size));
    return v;
  };
  const keysOf = articles.map((a) => {
    const keys: string[] = [];
    const t = normalize(a.title);
    if (t.length >= 12) keys.push(`t:${t}`);
    const opening = normalize(a.text).slice(0, 200);
    if (opening.length >= 80) keys.push(`o:${opening}`);
    if (a.pairId) keys.push(`p:${a.pairId}`);
    if (keys.length === 0) keys.push(`i:${a.corpus}:${a.id}`);
    return keys.map(id);
  });
  const sets = createDisjointSets(keyIds.size);
  for (const ks of keysOf) for (const k of ks.slice(1)) sets.union(ks[0]!, k);
  const names = [...keyIds.keys()];
  const groupName = new Map<number, string>();
  names.forEach((name, i) => {
    const root = sets.find(i);
    const cur = groupName.get(root);
    if (cur === undefined || name < cur) groupName.set(root, name);
  });
  return keysOf.map((ks) => groupName.get(sets.find(ks[0]!))!);
}

/** Part of each article: 20% dev, 8% validation, 72% train, by story group. */
export function credibilityParts(articles: readonly LabelledArticle[]): ('train' | 'validation' | 'dev')[] {
  return storyKeys(articles).map((k) => (hashBucket(k, 5, 'credibility-dev') === 0 ? 'dev' : hashBucket(k, 10, 'credibility-validation') === 0 ? 'validation' : 'train'));
}

/** The text the credibility model reads for an article: title, blank line, the first 20,000 characters of text. */
export function articleText(title: string, text: string): string {
  return `${title}\n\n${text.slice(0, 20000)}`;
}
