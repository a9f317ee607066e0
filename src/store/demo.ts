/**
 * The demo corpus: everything usable in the shared data folder, in one command. Site lists become
 * source ratings; the fact-check datasets (BuzzFeed's Facebook ratings and 2018 fabricated-site
 * headlines, FakeNewsNet's PolitiFact titles, LIAR's PolitiFact statements) become fact-checks; the
 * full-text article corpora become documents, and two of them also give fact-checks — BuzzFeed's
 * rating of each BuzzFeed-Webis article, and the rebuttal URL Golbeck et al. give for each fake story.
 */
import { createReadStream, existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FactlensError } from '../core/errors.js';
import { type BadRow, type ImportOptions, type ImportSummary, importPath } from './import/index.js';
import { looseUrl } from './import/records-from.js';
import { registrableDomain } from '../text/domain.js';
import { verdictFromRating } from '../text/ratings.js';
import type { CorpusStore, FactCheckRecord } from './types.js';

/** One step of the demo build, for progress reporting. */
export interface DemoStep {
  label: string;
  summary: ImportSummary;
}

/** Paths under the data folder, relative, in import order. */
const SOURCE_LISTS = 'source-lists';
const FACT_CHECK_FILES = [
  'fact-checks',
  'fakenewsnet-politifact-csv',
  'liar/train.tsv',
  'liar/valid.tsv',
];
/** The §7 article corpora (articles.jsonl each). */
const ARTICLE_CORPORA = [
  'buzzfeed-webis-fake-news-2016',
  'fakenewsnet-v1-2017',
  'golbeck-fake-vs-satire-2018',
  'horne-this-just-in-2017',
  'perez-rosas-2018',
];

async function* jsonLines(file: string): AsyncGenerator<{ line: number; value: Record<string, unknown> }> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    try {
      yield { line: n, value: JSON.parse(line) as Record<string, unknown> };
    } catch {
      // the document import of the same file reports this line; nothing to add here
    }
  }
}

/** Fact-checks derived from article corpora whose records carry a rating or a rebuttal. */
async function derivedFactChecks(dataDir: string, corpus: string): Promise<FactCheckRecord[]> {
  const file = join(dataDir, corpus, 'articles.jsonl');
  const out: FactCheckRecord[] = [];
  for await (const { value: r } of jsonLines(file)) {
    const title = typeof r.title === 'string' ? r.title.trim() : '';
    if (!title) continue;
    if (corpus === 'buzzfeed-webis-fake-news-2016' && typeof r.label === 'string') {
      out.push({
        id: `${corpus}/rating/${String(r.id)}`,
        claim: title,
        claimant: typeof r.uri === 'string' ? registrableDomain(r.uri) : undefined,
        claimDate: '2016-09-19',
        rating: r.label,
        verdict: r.label === 'no factual content' ? 'other' : verdictFromRating(r.label),
        reviewer: 'BuzzFeed News',
        itemUrl: looseUrl(r.uri),
        collection: `${corpus} ratings`,
      });
    }
    if (corpus === 'golbeck-fake-vs-satire-2018' && typeof r.rebutting_url === 'string' && r.rebutting_url.trim()) {
      const rebuttal = looseUrl(r.rebutting_url);
      out.push({
        id: `${corpus}/rebuttal/${String(r.id)}`,
        claim: title,
        claimant: typeof r.url === 'string' ? registrableDomain(r.url) : undefined,
        rating: r.label === 'satire' ? 'satire' : 'fake',
        verdict: r.label === 'satire' ? 'other' : 'false',
        reviewer: rebuttal ? registrableDomain(rebuttal) : undefined,
        url: rebuttal,
        itemUrl: looseUrl(r.url),
        collection: `${corpus} rebuttals`,
      });
    }
  }
  return out;
}

/**
 * Builds the demo corpus from a shared data folder into `store`.
 * @example await buildDemoCorpus(store, '../shared/data', { onStep: (s) => console.log(s.label) })
 */
export async function buildDemoCorpus(
  store: CorpusStore,
  dataDir: string,
  options: ImportOptions & { onStep?(step: DemoStep): void } = {},
): Promise<DemoStep[]> {
  if (!existsSync(join(dataDir, SOURCE_LISTS))) {
    throw new FactlensError('not-found', `No shared data at ${dataDir}: give --data <folder> (the folder with MANIFEST.md).`);
  }
  const steps: DemoStep[] = [];
  const step = async (label: string, path: string, extra: ImportOptions = {}): Promise<void> => {
    if (!existsSync(path)) return;
    const summary = await importPath(store, path, { ...options, ...extra });
    const s = { label, summary };
    steps.push(s);
    options.onStep?.(s);
  };
  await step('source lists', join(dataDir, SOURCE_LISTS));
  for (const f of FACT_CHECK_FILES) await step(`fact-checks from ${f}`, join(dataDir, f));
  const corpora = new Set((await readdir(dataDir)).filter((d) => ARTICLE_CORPORA.includes(d)));
  for (const corpus of ARTICLE_CORPORA) {
    if (!corpora.has(corpus)) continue;
    await step(`articles from ${corpus}`, join(dataDir, corpus, 'articles.jsonl'), { collection: corpus, idPrefix: `${corpus}/` });
    const derived = await derivedFactChecks(dataDir, corpus);
    if (derived.length > 0) {
      const result = await store.addFactChecks(derived);
      const bad: BadRow[] = result.rejected.map((r) => ({ file: join(dataDir, corpus, 'articles.jsonl'), at: `record ${r.index + 1}`, message: r.message }));
      for (const b of bad) options.onBadRow?.(b);
      const s: DemoStep = {
        label: `fact-checks derived from ${corpus}`,
        summary: {
          files: 0,
          documents: { added: 0, unchanged: 0 },
          factChecks: { added: result.added, unchanged: result.unchanged },
          sourceRatings: { added: 0, unchanged: 0 },
          bad,
        },
      };
      steps.push(s);
      options.onStep?.(s);
    }
  }
  return steps;
}
