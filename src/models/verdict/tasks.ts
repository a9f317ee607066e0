/**
 * `factlens train verdict` / `factlens eval verdict`: calibrates the 0–100 verdict on labelled
 * articles. Every article of the labelled corpora (fake / real / satire, split by story exactly as
 * the credibility model was: `credibilityParts`) goes through the real pipeline — ingest, nlp, the
 * analyzers, the shipped credibility model — and becomes the feature vector of
 * report/verdict-features.ts. A logistic regression (finding weights constrained ≥ 0) is fitted on the validation part (never seen
 * by the credibility model's weights, so its outputs there are honest) and scored on the dev part,
 * beside the uncalibrated rule score and the credibility model alone. No domain or publisher
 * features: the corpus store is not loaded.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { analyzeArticle } from '../../analyze.js';
import { parseCommandArgs } from '../../cli/args.js';
import { createProgress } from '../../cli/io.js';
import { type Task, trainOutputPath } from '../../cli/task.js';
import { FactlensError } from '../../core/errors.js';
import type { Report } from '../../core/types.js';
import { ingestText } from '../../ingest/text.js';
import { calibratedRisk, GROUP_CAP, PRIOR_WEIGHTS, VERDICT_FEATURES, verdictFeatures } from '../../report/verdict-features.js';
import { credibilityParts, type LabelledArticle, loadArticles } from '../credibility/data.js';
import { binaryReport } from '../metrics.js';
import { loadShippedModels } from '../shipped.js';
import { fmt, markdownTable, writeBenchmark } from '../task-support.js';
import type { Models, VerdictCalibration } from '../types.js';
import { readCalibration } from './calibration.js';

const DEFAULT_OUT = 'models/verdict.json';

interface Row {
  label: number;
  part: string;
  corpus: string;
  orientation?: string;
  features: number[];
  ruleRisk: number;
  modelRisk: number;
}

async function featureRows(articles: readonly LabelledArticle[], parts: readonly string[], models: Models, io: Parameters<Task['run']>[1]): Promise<Row[]> {
  const rows: Row[] = [];
  const progress = createProgress(io, 'analyzing articles', articles.length);
  const services = { models: { ...models, verdict: undefined } };
  for (const [i, a] of articles.entries()) {
    progress.tick();
    if (parts[i] === 'train') continue;
    let report: Report;
    try {
      const article = ingestText(`${a.title || 'Untitled'}\n\n${a.text}`, { requireEnglish: false });
      report = await analyzeArticle(article, { services });
    } catch {
      continue; // an article the pipeline refuses (empty text) carries no verdict to learn from
    }
    const credibility = models.credibility?.score(
      `${report.article.headline ?? ''}\n\n${report.nlp.sentences.map((s) => report.article.text.slice(s.span.start, s.span.end)).join(' ')}`,
    );
    if (report.verdict.score === null) continue; // not judged in use (too short): nothing to calibrate
    rows.push({
      label: a.label,
      part: parts[i]!,
      corpus: a.corpus,
      ...(a.orientation ? { orientation: a.orientation } : {}),
      features: verdictFeatures(report.findings, credibility),
      ruleRisk: 1 - (report.verdict.score ?? 50) / 100,
      modelRisk: credibility ?? 0.5,
    });
  }
  progress.done();
  return rows;
}

/**
 * Full-batch logistic regression over the four evidence groups, with the constraints that make the
 * score say what it knows: the defects weight never falls below its prior (confirmed defects carry
 * weight even where the research corpora rarely show them), no weight is negative (evidence against
 * an article never raises its credibility), and a group the data never shows (source and
 * fact-check findings need a corpus store, which training does not load) keeps its prior.
 */
function fit(rows: readonly Row[]): { weights: number[]; bias: number; support: number[]; priorOnly: string[] } {
  const dims = VERDICT_FEATURES.length;
  const n = rows.length;
  const support = VERDICT_FEATURES.map((_, j) => rows.filter((r) => r.features[j] !== 0).length / n);
  const priorOnly = VERDICT_FEATURES.filter((_, j) => support[j]! < 0.02);
  const w = VERDICT_FEATURES.map((name) => PRIOR_WEIGHTS[name]);
  let b = 0;
  const l2 = 1e-3;
  for (let step = 0; step < 4000; step++) {
    const gw = new Array<number>(dims).fill(0);
    let gb = 0;
    for (const r of rows) {
      const g = calibratedRisk({ features: [...VERDICT_FEATURES], weights: w, bias: b, description: '' }, r.features) - r.label;
      gb += g / n;
      // through the cap: d/dw [cap·tanh(w·x/cap)] = x·(1 − tanh²)
      VERDICT_FEATURES.forEach((name, j) => {
        const t = Math.tanh((w[j]! * r.features[j]!) / GROUP_CAP[name]);
        gw[j]! += (g * r.features[j]! * (1 - t * t)) / n;
      });
    }
    VERDICT_FEATURES.forEach((name, j) => {
      if (priorOnly.includes(name)) return;
      // the style model's own log-odds are calibrated (ECE in its card): the verdict may trust them less, never more
      const max = name === 'style' ? 1 : Number.POSITIVE_INFINITY;
      w[j] = Math.min(max, Math.max(name === 'defects' ? PRIOR_WEIGHTS.defects : 0, w[j]! - 0.3 * (gw[j]! + l2 * w[j]!)));
    });
    b -= 0.3 * gb;
  }
  return { weights: w.map((x) => Math.round(x * 1e6) / 1e6), bias: Math.round(b * 1e6) / 1e6, support, priorOnly };
}

/** ROC-AUC on a subset, or "–" when it holds one class only. */
function aucOf(rows: readonly Row[], risk: (r: Row) => number): string {
  const labels = rows.map((r) => r.label);
  if (!labels.includes(0) || !labels.includes(1)) return '–';
  return fmt(binaryReport(labels, rows.map(risk)).rocAuc, 3);
}

function reportTable(dev: readonly Row[], calibration: VerdictCalibration): { table: string; combined: ReturnType<typeof binaryReport> } {
  const labels = dev.map((r) => r.label);
  const rule = binaryReport(labels, dev.map((r) => r.ruleRisk));
  const model = binaryReport(labels, dev.map((r) => r.modelRisk));
  const combined = binaryReport(labels, dev.map((r) => calibratedRisk(calibration, r.features)));
  const row = (name: string, r: ReturnType<typeof binaryReport>): string[] => [name, fmt(r.rocAuc, 3), fmt(r.accuracy, 3), fmt(r.ece, 3)];
  const table = markdownTable(
    ['verdict', 'ROC-AUC', 'accuracy at 50', 'ECE'],
    [row('prior weights (uncalibrated)', rule), row('style model alone', model), row('calibrated verdict (four groups)', combined)],
  );
  const calibrated = (r: Row): number => calibratedRisk(calibration, r.features);
  const styleOnly = (r: Row): number => r.modelRisk;
  const findingsOnly = (r: Row): number => calibratedRisk({ ...calibration, weights: calibration.weights.map((w, j) => (calibration.features[j] === 'style' ? 0 : w)) }, r.features);
  const subsets: [string, Row[]][] = [
    ...[...new Set(dev.map((r) => r.corpus))].sort().map((c): [string, Row[]] => [c, dev.filter((r) => r.corpus === c)]),
    ['hyperpartisan only (left and right outlets), true vs false', dev.filter((r) => r.orientation === 'left' || r.orientation === 'right')],
    ['mainstream outlets only, true vs false', dev.filter((r) => r.orientation === 'mainstream')],
  ];
  const bySubset = markdownTable(
    ['dev subset', 'n', 'verdict ROC-AUC', 'style model alone', 'findings alone'],
    subsets.map(([name, rs]) => [name, String(rs.length), aucOf(rs, calibrated), aucOf(rs, styleOnly), aucOf(rs, findingsOnly)]),
  );
  return { table: `${table}\n\nBy corpus and within one orientation:\n\n${bySubset}`, combined };
}

async function prepare(args: string[], io: Parameters<Task['run']>[1], command: string): Promise<{ rows: Row[]; sha256: string; out: string | undefined; values: { json?: boolean; write?: boolean } }> {
  const { values } = parseCommandArgs(command, args, {
    data: { type: 'string', multiple: true },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
  });
  if (!values.data?.length) throw new FactlensError('usage', `${command} needs --data <path> (the labelled article corpora). Run factlens ${command} --help.`);
  const { articles, sha256 } = await loadArticles(values.data.map((d) => resolve(io.cwd, d)));
  const models = await loadShippedModels();
  if (!models.credibility) throw new FactlensError('model-missing', 'The credibility model (models/credibility.flw) is needed: run factlens train credibility first.');
  const rows = await featureRows(articles, credibilityParts(articles), models, io);
  return { rows, sha256, out: values.out, values };
}

const USAGE = (verb: string): string => `Usage: factlens ${verb} verdict --data PATH [--data PATH]... [options]

${verb === 'train' ? 'Fits' : 'Scores'} the verdict's calibration on labelled article corpora (the JSONL format of
\`factlens train credibility\`): every article runs through the full pipeline with the shipped
models; a logistic regression over the findings and the credibility model is fitted on the
validation part and scored on the dev part (story-disjoint).

Options:
  --data PATH   a .jsonl file or a directory (repeatable)
  --out FILE    calibration file (default ${verb === 'train' ? './trained-models/verdict.json' : DEFAULT_OUT})
  --json        print metrics as JSON
  --write       write the dev metrics to docs/BENCHMARKS.md
`;

export const trainVerdictTask: Task = {
  name: 'verdict',
  summary: 'calibrate the 0–100 verdict on labelled articles (findings + credibility model)',
  usage: USAGE('train'),
  async run(args, io) {
    const { rows, sha256, out: outGiven, values } = await prepare(args, io, 'train verdict');
    const out = await trainOutputPath(outGiven, 'verdict.json', io.cwd);
    const validation = rows.filter((r) => r.part === 'validation');
    const dev = rows.filter((r) => r.part === 'dev');
    const { weights, bias, support, priorOnly } = fit(validation);
    const draft: VerdictCalibration = { features: [...VERDICT_FEATURES], weights, bias, description: '' };
    const { table, combined } = reportTable(dev, draft);
    const calibration: VerdictCalibration = {
      ...draft,
      description: `four evidence groups (defects, source, fact-checks, style capped at 1.5 log-odds), logistic calibration fitted on ${validation.length} labelled articles (dev ROC-AUC ${fmt(combined.rocAuc, 3)}, ECE ${fmt(combined.ece, 3)}, n=${dev.length}); prior weights kept for groups absent from that data: ${priorOnly.join(', ') || 'none'}`,
    };
    const supportTable = markdownTable(
      ['feature', 'weight', 'share of articles where present', 'source of weight'],
      VERDICT_FEATURES.map((name, j) => [name, fmt(weights[j]!, 3), `${(100 * support[j]!).toFixed(1)}%`, priorOnly.includes(name) ? 'prior' : 'fitted']),
    );
    await writeFile(resolve(out, '..', 'verdict.md'), verdictCard(table, supportTable, validation.length, dev.length, sha256));
    await writeFile(out, `${JSON.stringify({ format: 'factlens-verdict-calibration', version: 1, trainingDataSha256: sha256, ...calibration }, null, 2)}\n`);
    io.stdout.write(values.json ? `${JSON.stringify({ dev: combined, calibration }, null, 2)}\n` : `${table}\n\n${supportTable}\n\nwrote ${out}\n`);
    return 0;
  },
};

export const evalVerdictTask: Task = {
  name: 'verdict',
  summary: 'ROC-AUC, accuracy and ECE of the verdict on the dev part of labelled articles',
  usage: USAGE('eval'),
  async run(args, io) {
    const { rows, out, values } = await prepare(args, io, 'eval verdict');
    const calibration = await readCalibration(resolve(io.cwd, out ?? DEFAULT_OUT));
    const dev = rows.filter((r) => r.part === 'dev');
    const { table, combined } = reportTable(dev, calibration);
    io.stdout.write(values.json ? `${JSON.stringify(combined, null, 2)}\n` : `${table}\n`);
    if (values.write) {
      await writeBenchmark(
        io,
        'eval-verdict',
        'Verdict calibration (labelled fake/real/satire articles, story-disjoint dev part)',
        `${table}\n\nDev part: ${dev.length} articles of the article corpora in ../shared/data (§7 of its MANIFEST), split by story as for the credibility model; the calibration was fitted on the ${rows.length - dev.length} validation articles. No domain or publisher features. The corpora's labels are noisy and partly publisher-correlated; see models/verdict.md.`,
        'factlens eval verdict --data <corpora> --write',
      );
    }
    return 0;
  },
};

function verdictCard(devTable: string, weights: string, nValidation: number, nDev: number, sha256: string): string {
  return `# Model card: verdict calibration

_Generated by \`factlens train verdict\`; the numbers below are that run's._

**What it is.** The 0–100 credibility score: P(credible) = 1 − sigmoid(bias + Σ wᵍ·xᵍ), capped per
group, over four groups of evidence kept apart in the report (\`src/report/verdict-features.ts\`,
docs/verdict.md): defects found in the text (raised findings, weighted by severity and confidence),
source reputation, published fact-checks and corroboration, and the writing-style model's
log-odds (its pull capped at 1.5). A text too short to judge gets no score.

**Data.** The labelled article corpora of ../shared/data (MANIFEST §7: Pérez-Rosas 2018, Horne &
Adali 2017, Golbeck 2018, FakeNewsNet v1, BuzzFeed-Webis 2016), fake/satire/mostly-false as not
credible, split by story exactly as for the credibility model. Fitted on the ${nValidation}
validation articles (the credibility model never trained on them), scored on the ${nDev} dev
articles. Training-data SHA-256 \`${sha256.slice(0, 16)}…\`.

**Method.** Full-batch logistic regression over the four group values. Constraints: no weight is
negative; the defects weight never falls below its prior (1 log-odds per full-confidence problem);
source and fact-check findings never occur in training (no corpus store is loaded), so those groups
keep their prior weights.

**Dev metrics.**

${devTable}

**Weights.**

${weights}

**Known limits.** These research corpora rarely contain the defects the rule analyzers look for,
and their labels partly follow the publisher (see MANIFEST): the style model learns how an outlet
writes, which is why its pull is capped and why the verdict reports it as style, not veracity.
Within one orientation (hyperpartisan outlets only) it separates true from false much less well —
the table above gives that number. The score is calibrated on that distribution, not the open web.
`;
}
