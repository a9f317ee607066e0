/**
 * Draws the judgement development set (seeded, src/eval/judgement/articles.ts) and writes each
 * article's text to a folder outside the repository for labelling, under an opaque name (a001.txt
 * …) so a labeller sees the article alone — not its corpus or veracity label. The name → corpus/id
 * map goes to labels/judgement/articles.json (ids only, no text).
 *
 *   node --import tsx scripts/judgement-sample.ts [--data ../shared/data] [--out /tmp/factlens-judgement] [--parts 6]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { drawArticles } from '../src/eval/judgement/articles.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const dataDir = resolve(opt('--data', '../shared/data'));
const out = resolve(opt('--out', '/tmp/factlens-judgement'));
const parts = Number(opt('--parts', '6'));

const articles = drawArticles(dataDir);
if (articles.length === 0) {
  console.error(`no articles found under ${dataDir}`);
  process.exit(2);
}
mkdirSync(join(out, 'articles'), { recursive: true });
const map: Record<string, { corpus: string; id: string }> = {};
const order = articles.map((a, i) => ({ a, i })).sort((x, y) => (x.a.id < y.a.id ? -1 : 1)); // mix the strata
const lists: string[][] = Array.from({ length: parts }, () => []);
order.forEach(({ a }, k) => {
  const name = `a${String(k + 1).padStart(3, '0')}`;
  map[name] = { corpus: a.corpus, id: a.id };
  writeFileSync(join(out, 'articles', `${name}.txt`), a.text);
  lists[k % parts]!.push(name);
});
lists.forEach((l, k) => {
  writeFileSync(join(out, `part-${k + 1}.txt`), `${l.join('\n')}\n`);
});
writeFileSync(resolve('labels/judgement/articles.json'), `${JSON.stringify(map, null, 1)}\n`);
console.log(`${articles.length} articles → ${out}/articles, ${parts} parts; map in labels/judgement/articles.json`);
