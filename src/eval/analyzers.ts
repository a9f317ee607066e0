/**
 * `factlens eval analyzers`: precision and recall of each analyzer's findings against hand labels.
 * A labels file names an article and the findings a careful reviewer expects on it (code plus the
 * beginning of the flagged text); an emitted finding is correct when a label has its code and its
 * quoted text starts with the label's quote. Only codes that appear in the labels or are emitted
 * at warning/problem level (or are check-worthy claims) are scored — other info findings are
 * context, not claims.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyze } from '../analyze.js';
import { ANALYZERS } from '../analyzers/index.js';
import { FactlensError } from '../core/errors.js';
import type { Finding } from '../core/types.js';
import { parseCommandArgs } from '../cli/args.js';
import type { Task } from '../cli/task.js';
import { writeBenchmarkSection } from './benchmarks-doc.js';

interface LabelFile {
  article: string;
  notes?: string;
  expected: { code: string; quote: string }[];
}

export interface AnalyzerScore {
  analyzer: string;
  emitted: number;
  correct: number;
  expected: number;
  found: number;
}

function matches(f: Finding, label: { code: string; quote: string }): boolean {
  return f.code === label.code && (f.quote ?? '').startsWith(label.quote);
}

function isScored(f: Finding, labelled: Set<string>): boolean {
  return labelled.has(f.code) || f.severity !== 'info' || f.code === 'check-worthy-claim';
}

/** Scores the core analyzers on every `*.json` labels file in `dir`; missing articles are skipped. */
export async function scoreAnalyzers(dir: string): Promise<{ scores: AnalyzerScore[]; articles: string[]; skipped: string[] }> {
  if (!existsSync(dir)) throw new FactlensError('input-invalid', `Labels folder ${dir} does not exist.`);
  const byAnalyzer = new Map<string, AnalyzerScore>();
  const get = (id: string): AnalyzerScore => {
    let s = byAnalyzer.get(id);
    if (!s) byAnalyzer.set(id, (s = { analyzer: id, emitted: 0, correct: 0, expected: 0, found: 0 }));
    return s;
  };
  const articles: string[] = [];
  const skipped: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const labels = JSON.parse(readFileSync(join(dir, file), 'utf8')) as LabelFile;
    const articlePath = resolve(dirname(join(dir, file)), labels.article);
    if (!existsSync(articlePath)) {
      skipped.push(file);
      continue;
    }
    articles.push(file);
    const report = await analyze({ text: readFileSync(articlePath, 'utf8') }, { analyzers: ['attribution', 'check-worthy', 'headline-support', 'hedging', 'style', 'trust-badge'] });
    const labelled = new Set(labels.expected.map((l) => l.code));
    const used = new Set<number>();
    for (const f of report.findings) {
      if (!isScored(f, labelled)) continue;
      const s = get(f.analyzer);
      s.emitted++;
      const i = labels.expected.findIndex((l, k) => !used.has(k) && matches(f, l));
      if (i >= 0) {
        used.add(i);
        s.correct++;
      }
    }
    labels.expected.forEach((l, k) => {
      const s = get(ownerOf(l.code));
      s.expected++;
      if (used.has(k)) s.found++;
    });
  }
  return { scores: [...byAnalyzer.values()].sort((a, b) => a.analyzer.localeCompare(b.analyzer)), articles, skipped };
}

/** The analyzer that declares `code`. */
function ownerOf(code: string): string {
  return ANALYZERS.find((a) => code in a.codes)?.id ?? 'unknown';
}

function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(0)}% (${n}/${d})`;
}

/** Renders the scores as a Markdown table. */
export function scoresTable(scores: AnalyzerScore[]): string {
  const rows = scores.map((s) => `| ${s.analyzer} | ${pct(s.correct, s.emitted)} | ${pct(s.found, s.expected)} |`);
  const total = scores.reduce((a, s) => ({ c: a.c + s.correct, e: a.e + s.emitted, f: a.f + s.found, x: a.x + s.expected }), { c: 0, e: 0, f: 0, x: 0 });
  return ['| analyzer | precision | recall |', '|---|---|---|', ...rows, `| **all** | ${pct(total.c, total.e)} | ${pct(total.f, total.x)} |`].join('\n');
}

export const analyzersEvalTask: Task = {
  name: 'analyzers',
  summary: 'precision/recall of the core analyzers against hand-labelled articles',
  usage: `Usage: factlens eval analyzers [--data <labels-dir>] [--json] [--write]

Scores the core analyzers' findings against hand labels (default: test/fixtures/labels).
  --write   replace the "analyzers" section of docs/BENCHMARKS.md
  --json    print the scores as JSON
`,
  async run(args, io) {
    const { values } = parseCommandArgs('eval analyzers', args, {
      data: { type: 'string', default: 'test/fixtures/labels' },
      json: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
    });
    const { scores, articles, skipped } = await scoreAnalyzers(resolve(io.cwd, values.data!));
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ articles, skipped, scores }, null, 2)}\n`);
    } else {
      io.stdout.write(`${scoresTable(scores)}\n\n${articles.length} labelled articles${skipped.length ? `; skipped (article absent): ${skipped.join(', ')}` : ''}\n`);
    }
    if (values.write) {
      await writeBenchmarkSection(
        'analyzers',
        'Core analyzers: precision and recall on hand-labelled articles',
        `${scoresTable(scores)}\n\nLabelled articles: ${articles.join(', ')}${skipped.length ? ` (skipped: ${skipped.join(', ')})` : ''}. A small set written and labelled for this project — it measures the rules, it does not prove them on the wild web.`,
        'factlens eval analyzers --write',
      );
    }
    return 0;
  },
};
