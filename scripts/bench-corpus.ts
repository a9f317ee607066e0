/**
 * What the store benchmarks share (bench-store.ts for SQLite, bench-pg-store.ts for PostgreSQL):
 * the real article corpora of ../shared/data, a word-bigram model of them that generates a large
 * corpus with realistic vocabulary and shingles, the edits applied to real articles for
 * near-duplicate queries, and the small statistics helpers. Read-only use of the data folder;
 * nothing generated is kept.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DATA = resolve(repoRoot, '../shared/data');
export const CORPORA = ['buzzfeed-webis-fake-news-2016', 'fakenewsnet-v1-2017', 'golbeck-fake-vs-satire-2018', 'horne-this-just-in-2017', 'perez-rosas-2018'];

/** mulberry32: a small seeded PRNG, so every run draws the same corpus and edits. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(xs: T[], random: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}


/** A progress line on stderr, stamped with the time. */
export function log(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

export interface Article {
  id: string;
  title: string;
  text: string;
  label?: string;
}

export function loadArticles(): Article[] {
  const out: Article[] = [];
  const seen = new Set<string>();
  for (const corpus of CORPORA) {
    const file = join(DATA, corpus, 'articles.jsonl');
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id: string; title?: string; text?: string; label?: string };
      const text = (r.text ?? '').trim();
      // exact duplicates inside the corpora would blur the near-duplicate ground truth
      if (text.split(/\s+/).length < 80 || seen.has(text)) continue;
      seen.add(text);
      out.push({ id: `${corpus}/${r.id}`, title: r.title ?? '', text, label: r.label });
    }
  }
  return out;
}

export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((p) => p.split(/(?<=[.!?]["”’)]?)\s+(?=[A-Z"“])/))
    .map((s) => s.trim())
    .filter(Boolean);
}


/** A word-bigram model of the real articles, to generate text with realistic vocabulary and shingles. */
export function bigramModel(articles: Article[]): { starts: string[]; next: Map<string, string[]> } {
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  for (const a of articles) {
    for (const sentence of sentencesOf(a.text)) {
      const words = sentence.split(/\s+/).filter(Boolean);
      if (words.length < 4) continue;
      starts.push(words[0]!);
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        const following = i + 1 < words.length ? words[i + 1]! : '\n';
        let list = next.get(w);
        if (!list) {
          list = [];
          next.set(w, list);
        }
        list.push(following);
      }
    }
  }
  return { starts, next };
}

export function generateParagraph(model: ReturnType<typeof bigramModel>, random: () => number, targetWords: number): string {
  const words: string[] = [];
  let w = model.starts[Math.floor(random() * model.starts.length)]!;
  while (words.length < targetWords) {
    words.push(w);
    const list = model.next.get(w);
    const following = list ? list[Math.floor(random() * list.length)]! : '\n';
    w = following === '\n' ? model.starts[Math.floor(random() * model.starts.length)]! : following;
  }
  return words.join(' ');
}


const BOILERPLATE = [
  'Share this article on Facebook and Twitter.',
  'Sign up for our newsletter to get the latest news delivered to your inbox every morning.',
  'Advertisement',
  'Click here to read more stories like this one.',
  'All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  'Follow us on social media for breaking updates.',
  'Related: The stories everyone is talking about this week.',
  'Comments are closed for this article.',
];

export type Edit = 'shuffle' | 'delete' | 'substitute' | 'boilerplate' | 'all four';
export const EDITS: Edit[] = ['shuffle', 'delete', 'substitute', 'boilerplate', 'all four'];

export function applyEdit(text: string, edit: Edit, random: () => number, vocabulary: string[]): string {
  let sentences = sentencesOf(text);
  const shuffleAll = (): void => {
    sentences = shuffle(sentences, random);
  };
  const deleteSome = (share: number): void => {
    sentences = sentences.filter(() => random() >= share);
  };
  const substitute = (share: number): void => {
    sentences = sentences.map((s) =>
      s
        .split(' ')
        .map((w) => (random() < share ? vocabulary[Math.floor(random() * vocabulary.length)]! : w))
        .join(' '),
    );
  };
  const addBoilerplate = (share: number): void => {
    const words = sentences.join(' ').split(/\s+/).length;
    const extra: string[] = [];
    while (extra.join(' ').split(/\s+/).length < words * share) extra.push(BOILERPLATE[Math.floor(random() * BOILERPLATE.length)]!);
    const half = Math.ceil(extra.length / 2);
    sentences = [...extra.slice(0, half), ...sentences, ...extra.slice(half)];
  };
  if (edit === 'shuffle') shuffleAll();
  if (edit === 'delete') deleteSome(0.3);
  if (edit === 'substitute') substitute(0.1);
  if (edit === 'boilerplate') addBoilerplate(0.5);
  if (edit === 'all four') {
    shuffleAll();
    deleteSome(0.2);
    substitute(0.05);
    addBoilerplate(0.3);
  }
  return sentences.join('\n\n');
}
