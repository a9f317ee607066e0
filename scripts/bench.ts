/**
 * `npm run bench`: articles per second of the full `check` pipeline (ingest → nlp → analyzers →
 * verdict, in one process = one core) over ≥ 1,000 articles, against a floor of a bare regex
 * sentence split + tokenize over the same articles. Median of several runs. Writes its section of
 * docs/BENCHMARKS.md.
 *
 * Articles: the BuzzFeed-Webis corpus in ../shared/data when present (real news, median ≈ 2.4 KB —
 * the size of the canonical case); otherwise the fixture articles, varied, repeated to 1,000.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/analyze.js';
import { loadShippedModels } from '../src/models/index.js';
import { writeBenchmarkSection } from '../src/eval/benchmarks-doc.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MIN_ARTICLES = 1000;

function loadArticles(): { texts: string[]; source: string } {
  const corpus = fileURLToPath(new URL('../../shared/data/buzzfeed-webis-fake-news-2016/articles.jsonl', import.meta.url));
  if (existsSync(corpus)) {
    const texts = readFileSync(corpus, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { title: string; text: string })
      .map((r) => `${r.title}\n\n${r.text}`);
    return { texts, source: `BuzzFeed-Webis Fake News Corpus 2016 (../shared/data, ${texts.length} articles)` };
  }
  const dir = new URL('../test/fixtures/articles/', import.meta.url);
  const base = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));
  const texts: string[] = [];
  for (let i = 0; texts.length < MIN_ARTICLES; i++) texts.push(base[i % base.length]!.replace(/\d+/g, (d) => String(Number(d) + i)));
  console.log('# ../shared/data absent: benchmarking on varied fixture articles');
  return { texts, source: `fixture articles, varied and repeated to ${texts.length}` };
}

function floorPass(texts: string[]): number {
  let n = 0;
  for (const t of texts) {
    for (const s of t.split(/(?<=[.!?])\s+/)) n += (s.match(/\w+|[^\w\s]/g) ?? []).length;
  }
  return n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const { texts, source } = loadArticles();
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const models = await loadShippedModels();
  const withModels = { models };
  const modes: { name: string; services: Record<string, unknown> }[] = [
    { name: 'full pipeline, rules only', services: {} },
    { name: 'full pipeline + shipped models', services: withModels },
  ];
  const results: { name: string; rate: number }[] = [];
  const floorRates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    floorPass(texts);
    floorRates.push(texts.length / ((performance.now() - t0) / 1000));
  }
  const floor = median(floorRates);
  let failures = 0;
  for (const mode of modes) {
    // one untimed pass so the JIT has compiled the hot paths before measuring
    for (const text of texts.slice(0, 200)) await analyze({ text }, { services: mode.services, requireEnglish: false }).catch(() => undefined);
    const rates: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      for (const text of texts) {
        try {
          await analyze({ text }, { services: mode.services, requireEnglish: false });
        } catch {
          failures++;
        }
      }
      rates.push(texts.length / ((performance.now() - t0) / 1000));
      process.stderr.write(`\r${mode.name}: run ${r + 1}/${RUNS} ${rates[r]!.toFixed(0)} articles/s   `);
    }
    process.stderr.write('\n');
    results.push({ name: mode.name, rate: median(rates) });
  }
  const table = [
    '| pass | articles/s (median of ' + RUNS + ') | × slower than floor |',
    '|---|---|---|',
    `| floor: regex sentence split + tokenize | ${floor.toFixed(0)} | 1.0 |`,
    ...results.map((r) => `| ${r.name} | ${r.rate.toFixed(0)} | ${(floor / r.rate).toFixed(1)} |`),
  ].join('\n');
  const body = `${table}

Articles: ${source}; ${texts.length} articles, ${(bytes / texts.length / 1024).toFixed(1)} KB mean. One process (one core), \`analyze()\` on each article in turn, all analyzers${failures ? `; ${failures / (RUNS * modes.length)} articles per run failed ingest` : ''}. Targets: ≥ 500 articles/s and within 10× of the floor.`;
  console.log(body);
  await writeBenchmarkSection('bench-pipeline', 'Pipeline throughput', body, 'npm run bench');
}

await main();
