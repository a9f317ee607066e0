/**
 * Checks labels/judgement/*.jsonl against the articles they label: JSON shape, allowed values, and
 * every snippet an exact substring of the article text (quotes in the order listed). Prints each
 * problem with its file and line, then counts; exits 1 when a problem was found.
 *
 *   node --import tsx scripts/judgement-validate.ts [--labels labels/judgement] [--data ../shared/data] [--file part-1.jsonl]
 */
import { resolve } from 'node:path';
import { articlesOf, checkLabel, readLabels } from '../src/eval/judgement/labels.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const dir = resolve(opt('--labels', 'labels/judgement'));
const only = opt('--file', '');
const { map, labels } = readLabels(dir);
const articles = articlesOf(resolve(opt('--data', '../shared/data')), map);
let bad = 0;
const n = { articles: 0, quotes: 0, defects: 0, headlines: 0, claims: 0 };
for (const { file, line, label } of labels) {
  if (only && file !== only) continue;
  const article = articles.get(label.article);
  if (!article) {
    console.log(`${file}:${line}: unknown article ${label.article}`);
    bad++;
    continue;
  }
  const { problems } = checkLabel(label, article);
  for (const p of problems) console.log(`${file}:${line} (${label.article}): ${p}`);
  if (problems.length) bad++;
  n.articles++;
  n.quotes += label.quotes?.length ?? 0;
  n.defects += label.defects?.length ?? 0;
  n.headlines += label.headline ? 1 : 0;
  n.claims += label.claims?.length ?? 0;
}
console.log(`${n.articles} articles, ${n.quotes} quotes, ${n.headlines} headlines, ${n.defects} defects, ${n.claims} claims; ${bad} article(s) with problems`);
process.exit(bad ? 1 : 0);
