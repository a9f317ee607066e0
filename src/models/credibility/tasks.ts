/**
 * `factlens train credibility` and `factlens eval credibility`: an article-level probability that
 * a story is not credible (fake, satire, mostly false), from its words and style cues only — no
 * domain or publisher lists. A calibrated logistic regression over word 1–2-grams of title and text
 * (the linguistic-feature baselines of Horne & Adali 2017 and Pérez-Rosas et al. 2018), scored by
 * ROC-AUC, accuracy at 0.5 and expected calibration error.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseCommandArgs } from '../../cli/args.js';
import { type Task, trainOutputPath } from '../../cli/task.js';
import { FactlensError } from '../../core/errors.js';
import { type LinearTextConfig, loadLinearTextModel, trainLinearText } from '../linear-text-model.js';
import { type BinaryReport, binaryReport, rocAuc } from '../metrics.js';
import { epochLogger, fmt, intOption, type LinearTrainingRun, markdownTable, measureThroughput, shippedModelPath, writeBenchmark } from '../task-support.js';
import { articleText, credibilityParts, type LabelledArticle, loadArticles } from './data.js';

/** Feature configuration of the shipped credibility model. */
export const CREDIBILITY_CONFIG: LinearTextConfig = { ngramMax: 2, minDf: 3, maxVocab: 150000, cues: 'credibility' };

function rowsOf(articles: readonly LabelledArticle[]): { texts: string[]; labels: number[] } {
  return { texts: articles.map((a) => articleText(a.title, a.text)), labels: articles.map((a) => a.label) };
}

function reportLines(r: BinaryReport): string[] {
  return [`  ROC-AUC   ${fmt(r.rocAuc)}   accuracy ${fmt(r.accuracy)} (threshold 0.5)   ECE ${fmt(r.ece)} (15 bins)`, `  not-credible class: precision ${fmt(r.precision)}   recall ${fmt(r.recall)}   F1 ${fmt(r.f1)}`];
}

/** Mean ROC-AUC over the corpora that hold both classes: how well it ranks within a source collection. */
function withinCorpusAuc(articles: readonly LabelledArticle[], probs: readonly number[]): number {
  const aucs: number[] = [];
  for (const c of new Set(articles.map((a) => a.corpus))) {
    const idx = articles.map((a, i) => (a.corpus === c ? i : -1)).filter((i) => i >= 0);
    const labels = idx.map((i) => articles[i]!.label);
    if (labels.every((l) => l === labels[0])) continue;
    aucs.push(rocAuc(labels, idx.map((i) => probs[i]!)));
  }
  return aucs.length > 0 ? aucs.reduce((a, b) => a + b, 0) / aucs.length : Number.NaN;
}

function perCorpus(articles: readonly LabelledArticle[], probs: readonly number[]): string[][] {
  const corpora = [...new Set(articles.map((a) => a.corpus))].sort();
  return corpora.map((c) => {
    const idx = articles.map((a, i) => (a.corpus === c ? i : -1)).filter((i) => i >= 0);
    const labels = idx.map((i) => articles[i]!.label);
    const p = idx.map((i) => probs[i]!);
    const acc = idx.filter((i) => (probs[i]! >= 0.5 ? 1 : 0) === articles[i]!.label).length / Math.max(1, idx.length);
    return [c, String(idx.length), String(labels.filter((l) => l === 1).length), fmt(rocAuc(labels, p)), fmt(acc)];
  });
}

/** `factlens train credibility`. */
export const trainCredibilityTask: Task = {
  name: 'credibility',
  summary: 'article credibility from labelled fake/real/satire corpora (JSONL)',
  usage: `Usage: factlens train credibility --data PATH [--data PATH]... [options]

Trains the article-level credibility model on JSONL corpora ({id, label, title, text} per line;
labels fake, satire, mostly false, mixture of true and false → not credible; legit, real, mostly
true → credible; "no factual content" skipped). A directory contributes the .jsonl files in it
and in its subdirectories. Split by story (shared title, opening text or pair id): 20% dev,
8% validation, 72% train. No domain or publisher features are used.

Options:
  --data PATH    a .jsonl file or a directory (repeatable)
  --out FILE     weight file to write (default ./trained-models/credibility.flw)
  --seed N       random seed (default 1)
`,
  async run(args, io) {
    const { values } = parseCommandArgs('train credibility', args, {
      data: { type: 'string', multiple: true },
      out: { type: 'string' },
      seed: { type: 'string' },
    });
    if (!values.data?.length) throw new FactlensError('usage', 'train credibility needs --data <path>. Run factlens train credibility --help.');
    const started = performance.now();
    const { articles, sha256 } = await loadArticles(values.data.map((d) => resolve(io.cwd, d)));
    const parts = credibilityParts(articles);
    const pick = (part: string): LabelledArticle[] => articles.filter((_, i) => parts[i] === part);
    const train = pick('train');
    const validation = pick('validation');
    const dev = pick('dev');
    io.stderr.write(`credibility: ${train.length} train, ${validation.length} validation, ${dev.length} dev articles\n`);
    const valRows = rowsOf(validation);
    const { model, bestEpoch } = trainLinearText('credibility', rowsOf(train), valRows, CREDIBILITY_CONFIG, {
      seed: intOption(values.seed, 'seed', 1),
      l2: 1e-5,
      epochs: 30,
      validationScore: (p) => rocAuc(valRows.labels, p),
      onEpoch: epochLogger(io, 'credibility'),
    });
    const devRows = rowsOf(dev);
    const probs = devRows.texts.map((t) => model.score(t));
    const report = binaryReport(devRows.labels, probs);
    const seconds = (performance.now() - started) / 1000;
    const perSecond = measureThroughput(devRows.texts, (t) => model.score(t), 1);
    const out = await trainOutputPath(values.out, 'credibility.flw', io.cwd);
    const corpora = perCorpus(dev, probs);
    const withinAuc = withinCorpusAuc(dev, probs);
    const bytes = await model.save(out, { dev: { ...report, withinCorpusRocAuc: withinAuc }, counts: { train: train.length, validation: validation.length, dev: dev.length }, bestEpoch, perCorpus: corpora }, sha256);
    const card = out.endsWith('.flw') ? `${out.slice(0, -4)}.md` : `${out}.md`;
    await writeFile(card, credibilityCard({ report, withinAuc, corpora, counts: [train.length, validation.length, dev.length], terms: model.vocab.terms.length, temperature: model.temperature, bestEpoch, seconds, bytes, perSecond, sha256 }));
    io.stdout.write(
      [
        `credibility: trained in ${seconds.toFixed(1)} s (best epoch ${bestEpoch}, ${model.vocab.terms.length} terms, temperature ${fmt(model.temperature, 3)})`,
        `dev split (${dev.length} articles):`,
        ...reportLines(report),
        `  mean ROC-AUC within corpora (those with both classes) ${fmt(withinAuc)}`,
        ...corpora.map(([c, n, pos, auc, acc]) => `    ${c!.padEnd(32)} n ${n!.padStart(4)}  not-credible ${pos!.padStart(4)}  ROC-AUC ${auc}  accuracy ${acc}`),
        `wrote ${out} (${(bytes / 1024).toFixed(0)} KiB) and ${card}`,
        '',
      ].join('\n'),
    );
    return 0;
  },
};

function credibilityCard(m: LinearTrainingRun & {
  report: BinaryReport;
  withinAuc: number;
  corpora: string[][];
  counts: [number, number, number];
}): string {
  const r = m.report;
  return `# Model card: credibility

_Generated by \`factlens train credibility --data ../shared/data/perez-rosas-2018 --data ../shared/data/horne-this-just-in-2017 --data ../shared/data/golbeck-fake-vs-satire-2018 --data ../shared/data/fakenewsnet-v1-2017 --data ../shared/data/buzzfeed-webis-fake-news-2016\`; the numbers below are that run's._

**What it does.** Gives the probability that an article (title + text) is not credible — fake,
satire, mostly false or mixed — from its wording alone. Meant to calibrate the report's verdict
score; it sees no URL, domain or publisher list.

**Method.** Logistic regression (L2 1e-5, Adam, early stopping on validation ROC-AUC) over sublinear,
L2-normalized term frequencies of lower-cased word 1–2-grams (in ≥ 3 training articles) of the title
and the first 20,000 characters, plus style cues (length, exclamation marks, all-caps words,
quotations). ${m.terms} terms. Temperature-scaled on validation (T = ${fmt(m.temperature, 3)}). Best epoch ${m.bestEpoch}.

**Data.** The article corpora of ../shared/data §7 (80% portions): Pérez-Rosas et al. 2018
(FakeNewsAMT, Celebrity), Horne & Adali 2017, Golbeck et al. 2018, FakeNewsNet v1 (Shu et al. 2017),
BuzzFeed-Webis 2016 (Potthast et al. 2018). Labels: fake, satire, mostly false, mixture → not
credible; legit, real, mostly true → credible; "no factual content" left out. Licences: mostly not
stated by the origins (see MANIFEST). Training-data SHA-256 \`${m.sha256.slice(0, 16)}…\`.

**Splits.** By story: articles sharing a normalized title, the first 200 normalized characters of
text, or a FakeNewsAMT/Celebrity pair id are grouped; groups go by hash to dev 20% (${m.counts[2]}),
validation 8% (${m.counts[1]}), train 72% (${m.counts[0]}).

**Dev metrics** (threshold 0.5):

${markdownTable(['ROC-AUC', 'accuracy', 'precision (not credible)', 'recall', 'F1', 'ECE (15 bins)'], [[fmt(r.rocAuc), fmt(r.accuracy), fmt(r.precision), fmt(r.recall), fmt(r.f1), fmt(r.ece)]])}

Mean ROC-AUC within the corpora that hold both classes: ${fmt(m.withinAuc)} (pooled ROC-AUC is helped by
corpus identity: Golbeck et al. holds only fake and satire).

Per corpus on dev:

${markdownTable(['corpus', 'articles', 'not credible', 'ROC-AUC', 'accuracy'], m.corpora)}

**Speed and size.** ${Math.round(m.perSecond)} articles/s on one core; weight file ${(m.bytes / 1024).toFixed(0)} KiB; training took ${m.seconds.toFixed(1)} s.

**Known limits.** The corpora differ in source and era, so words can identify a corpus (and a
publisher's boilerplate) rather than credibility: the model partly learns *where* a text comes from.
MANIFEST lists label noise (duplicates with opposite labels) and publisher leaks. Satire and fabricated
stories are pooled as "not credible". Treat the probability as one signal among the report's findings.
`;
}

/** `factlens eval credibility`. */
export const evalCredibilityTask: Task = {
  name: 'credibility',
  summary: 'article credibility ROC-AUC, accuracy and calibration on labelled JSONL',
  usage: `Usage: factlens eval credibility --data PATH [options]

Scores the credibility model on labelled JSONL articles (same format as train credibility):
ROC-AUC, accuracy at the default threshold 0.5, precision/recall/F1 of the not-credible class,
expected calibration error (15 bins), and per corpus.

Options:
  --data PATH       a .jsonl file or a directory (repeatable)
  --split all|dev   every article (default) or only the story-disjoint dev split of training
  --model FILE      weight file (default: the shipped models/credibility.flw)
  --json            print the metrics as JSON
  --write           write the "eval-credibility" section of docs/BENCHMARKS.md
`,
  async run(args, io) {
    const { values } = parseCommandArgs('eval credibility', args, {
      data: { type: 'string', multiple: true },
      split: { type: 'string', default: 'all' },
      model: { type: 'string' },
      json: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
    });
    if (!values.data?.length) throw new FactlensError('usage', 'eval credibility needs --data <path>. Run factlens eval credibility --help.');
    if (values.split !== 'all' && values.split !== 'dev') throw new FactlensError('usage', `--split must be all or dev, not "${values.split}".`);
    const model = await loadLinearTextModel(values.model ? resolve(io.cwd, values.model) : shippedModelPath('credibility'));
    const { articles: all } = await loadArticles(values.data.map((d) => resolve(io.cwd, d)));
    const parts = credibilityParts(all);
    const articles = values.split === 'dev' ? all.filter((_, i) => parts[i] === 'dev') : all;
    const rows = rowsOf(articles);
    const probs = rows.texts.map((t) => model.score(t));
    const report = binaryReport(rows.labels, probs);
    const corpora = perCorpus(articles, probs);
    const withinAuc = withinCorpusAuc(articles, probs);
    const perSecond = measureThroughput(rows.texts, (t) => model.score(t), 1);
    if (values.json) io.stdout.write(`${JSON.stringify({ task: 'credibility', split: values.split, ...report, withinCorpusRocAuc: withinAuc, perCorpus: corpora, articlesPerSecond: perSecond }, null, 2)}\n`);
    else {
      io.stdout.write(
        [
          `credibility on ${report.n} articles (${values.split}):`,
          ...reportLines(report),
          `  mean ROC-AUC within corpora (those with both classes) ${fmt(withinAuc)}`,
          ...corpora.map(([c, n, pos, auc, acc]) => `    ${c!.padEnd(32)} n ${n!.padStart(4)}  not-credible ${pos!.padStart(4)}  ROC-AUC ${auc}  accuracy ${acc}`),
          `  speed     ${Math.round(perSecond)} articles/s (one core)`,
          '',
        ].join('\n'),
      );
    }
    if (values.write) {
      const body = [
        `Model \`models/credibility.flw\` (logistic regression over title/text word 1–2-grams and style cues, temperature-calibrated; no domain features). Data: the labelled article corpora of ../shared/data §7, ${values.split === 'dev' ? 'story-disjoint dev split (never trained on)' : 'all articles'}, ${report.n} articles.`,
        '',
        markdownTable(['ROC-AUC', 'mean ROC-AUC within corpora', 'accuracy (0.5)', 'precision', 'recall', 'F1', 'ECE (15 bins)', 'articles/s (1 core)'], [[fmt(report.rocAuc), fmt(withinAuc), fmt(report.accuracy), fmt(report.precision), fmt(report.recall), fmt(report.f1), fmt(report.ece), String(Math.round(perSecond))]]),
        '',
        markdownTable(['corpus', 'articles', 'not credible', 'ROC-AUC', 'accuracy'], corpora),
      ].join('\n');
      await writeBenchmark(io, 'eval-credibility', 'Article credibility', body, `factlens eval credibility --data ../shared/data --split ${values.split} --write`);
    }
    return 0;
  },
};
