/**
 * The real articles of the judgement development set: which corpora they are drawn from, how each
 * record becomes the text a labeller reads and factlens analyzes (title line, blank line, body with
 * blank lines between paragraphs), and the seeded draw that picks them. Labellers and `eval
 * judgement` both read articles through `articleText`, so every labelled snippet is an exact
 * substring of what is analyzed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The article corpora of `../shared/data` the set is drawn from. */
export const JUDGEMENT_CORPORA = [
  'buzzfeed-webis-fake-news-2016',
  'perez-rosas-2018',
  'horne-this-just-in-2017',
  'fakenewsnet-v1-2017',
  'golbeck-fake-vs-satire-2018',
] as const;
export type JudgementCorpus = (typeof JUDGEMENT_CORPORA)[number];

/** One corpus record, as the corpora's JSONL files hold it (only the fields read here). */
export interface CorpusRecord {
  id: string;
  title?: string;
  text: string;
  label?: string;
  orientation?: string;
  portal?: string;
  subset?: string;
  paragraphs?: [number, number][];
}

/** A drawn article: where it comes from, what it is, and the text to label and analyze. */
export interface DevArticle {
  corpus: JudgementCorpus;
  id: string;
  /** corpus veracity label (BuzzFeed-Webis: "mostly true" …; others: real/legit/fake/satire) */
  label: string;
  /** mainstream outlet (BuzzFeed-Webis orientation) or a corpus' real/legit side */
  mainstream: boolean;
  /** "true" when the corpus rates the article mostly true / real / legit */
  mostlyTrue: boolean;
  /** tuning half or check half, fixed by a hash of corpus and id */
  split: 'tune' | 'check';
  title: string;
  /** title, blank line, body paragraphs separated by blank lines */
  text: string;
}

const UTF8_AS_LATIN1 = /[\u00c2-\u00df][\u0080-\u00bf]|[\u00e0-\u00ef][\u0080-\u00bf]{2}|[\u00f0-\u00f4][\u0080-\u00bf]{3}/g;

/** Repairs UTF-8 that was read as Latin-1 ("â\u0080\u0099" → "’"); other text is left as it is. */
export function repairMojibake(s: string): string {
  if (!/[\u00c2-\u00f4][\u0080-\u00bf]/.test(s)) return s;
  return s.replace(UTF8_AS_LATIN1, (m) => {
    const out = Buffer.from(m, 'latin1').toString('utf8');
    return out.includes('\ufffd') ? m : out;
  });
}

/** BuzzFeed-Webis joins paragraphs with one space; its paragraph spans are cut at word starts. */
function webisParagraphs(r: CorpusRecord): string[] {
  const { text } = r;
  const starts = [0];
  for (const [s] of r.paragraphs ?? []) {
    if (s <= 0 || s >= text.length) continue;
    let start = s;
    while (start > 0 && text[start - 1] !== ' ') start--;
    if (start > starts[starts.length - 1]!) starts.push(start);
  }
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length).trim());
}

/** The body paragraphs of a record, the title line (and a URL line) some corpora repeat left out. */
function bodyParagraphs(corpus: JudgementCorpus, r: CorpusRecord, title: string): string[] {
  if (corpus === 'buzzfeed-webis-fake-news-2016') return webisParagraphs(r);
  let lines = r.text.split(/\n\s*\n|\n/).map((l) => l.trim()).filter(Boolean);
  if (lines[0] && lines[0].replace(/\s+/g, ' ') === title) lines = lines.slice(1);
  if (lines[0] && /^https?:\/\/\S+$/.test(lines[0])) lines = lines.slice(1);
  return lines;
}

/** The text of a record as labelled and analyzed. */
export function articleText(corpus: JudgementCorpus, r: CorpusRecord): { title: string; text: string } {
  const title = repairMojibake(r.title ?? '').replace(/\s+/g, ' ').trim();
  const paras = bodyParagraphs(corpus, r, title)
    .map((p) => repairMojibake(p).replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean);
  return { title, text: `${title}\n\n${paras.join('\n\n')}\n` };
}

function isMainstream(corpus: JudgementCorpus, r: CorpusRecord): boolean {
  if (corpus === 'buzzfeed-webis-fake-news-2016') return r.orientation === 'mainstream';
  return r.label === 'real' || r.label === 'legit';
}

function isMostlyTrue(r: CorpusRecord): boolean {
  return r.label === 'mostly true' || r.label === 'real' || r.label === 'legit';
}

/** Tuning or check half: by the parity of the first byte of sha1("corpus/id"). */
export function splitOf(corpus: string, id: string): 'tune' | 'check' {
  const b = createHash('sha1').update(`${corpus}/${id}`).digest()[0]!;
  return b % 2 === 0 ? 'tune' : 'check';
}

/** Reads one corpus' records (`<dataDir>/<corpus>/articles.jsonl`). */
export function readCorpus(dataDir: string, corpus: JudgementCorpus): CorpusRecord[] {
  const file = join(dataDir, corpus, 'articles.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusRecord);
}

/** Makes a DevArticle from a record. */
export function devArticle(corpus: JudgementCorpus, r: CorpusRecord): DevArticle {
  const { title, text } = articleText(corpus, r);
  return {
    corpus,
    id: r.id,
    label: r.label ?? '',
    mainstream: isMainstream(corpus, r),
    mostlyTrue: isMostlyTrue(r),
    split: splitOf(corpus, r.id),
    title,
    text,
  };
}

/** How many articles of each stratum the draw takes. */
export const DRAW: { corpus: JudgementCorpus; stratum: string; count: number; where: (r: CorpusRecord) => boolean }[] = [
  { corpus: 'buzzfeed-webis-fake-news-2016', stratum: 'mainstream', count: 56, where: (r) => r.orientation === 'mainstream' && r.label === 'mostly true' },
  { corpus: 'buzzfeed-webis-fake-news-2016', stratum: 'left', count: 14, where: (r) => r.orientation === 'left' },
  { corpus: 'buzzfeed-webis-fake-news-2016', stratum: 'right', count: 20, where: (r) => r.orientation === 'right' },
  { corpus: 'horne-this-just-in-2017', stratum: 'real', count: 12, where: (r) => r.label === 'real' },
  { corpus: 'horne-this-just-in-2017', stratum: 'fake', count: 10, where: (r) => r.label === 'fake' },
  { corpus: 'fakenewsnet-v1-2017', stratum: 'real', count: 12, where: (r) => r.label === 'real' },
  { corpus: 'fakenewsnet-v1-2017', stratum: 'fake', count: 12, where: (r) => r.label === 'fake' },
  { corpus: 'perez-rosas-2018', stratum: 'legit', count: 10, where: (r) => r.label === 'legit' },
  { corpus: 'perez-rosas-2018', stratum: 'fake', count: 10, where: (r) => r.label === 'fake' },
  { corpus: 'golbeck-fake-vs-satire-2018', stratum: 'fake', count: 14, where: (r) => r.label === 'fake' },
];

/** The seed of the draw; changing it draws a different set. */
export const DRAW_SEED = 'factlens-judgement-2026';

function rank(seed: string, corpus: string, id: string): string {
  return createHash('sha1').update(`${seed}/${corpus}/${id}`).digest('hex');
}

/** Articles a labeller can read: a real title, a body of 800–6,000 characters, distinct titles. */
function usable(a: DevArticle): boolean {
  const body = a.text.length - a.title.length;
  return a.title.length >= 15 && body >= 800 && body <= 6000 && !/maintenance|page not found|404/i.test(a.title);
}

/**
 * The seeded draw: per stratum, the usable records ordered by a hash of seed, corpus and id, the
 * first `count` taken (a title seen in an earlier stratum is skipped, so re-posted stories appear once).
 */
export function drawArticles(dataDir: string, seed = DRAW_SEED): DevArticle[] {
  const out: DevArticle[] = [];
  const titles = new Set<string>();
  const byCorpus = new Map<JudgementCorpus, CorpusRecord[]>();
  for (const d of DRAW) {
    let records = byCorpus.get(d.corpus);
    if (!records) byCorpus.set(d.corpus, (records = readCorpus(dataDir, d.corpus)));
    const candidates = records
      .filter(d.where)
      .map((r) => ({ r, key: rank(seed, d.corpus, r.id) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    let taken = 0;
    for (const { r } of candidates) {
      if (taken >= d.count) break;
      const a = devArticle(d.corpus, r);
      const key = a.title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
      if (!usable(a) || titles.has(key)) continue;
      titles.add(key);
      out.push(a);
      taken++;
    }
  }
  return out;
}
