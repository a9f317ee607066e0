/**
 * `factlens train checkworthy` and `factlens eval checkworthy`: the command-line side of the
 * check-worthiness model (model.ts), selected by leave-one-debate-out (train.ts) and scored with
 * the CLEF CheckThat! 2019 Task 1 measures: MAP (primary), R-precision, reciprocal rank and P@k.
 * These tasks read options and files and print; the training and the measures live elsewhere.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseCommandArgs } from '../../cli/args.js';
import type { CliIo } from '../../cli/io.js';
import { type Task, trainOutputPath } from '../../cli/task.js';
import { FactlensError } from '../../core/errors.js';
import { type BinaryReport, binaryReport, CHECKTHAT_K, type RankingReport, rankingReport } from '../metrics.js';
import { fmt, intOption, markdownTable, measureThroughput, requireDataPath, shippedModelPath, writeBenchmark } from '../task-support.js';
import { sha256Of } from '../weight-file.js';
import { checkworthyCard, lodoTable, perDebateTable, type RecordedLodo, recordLodo, spreadText, variantTable } from './card.js';
import { type CheckworthyData, loadCheckworthyData, type Transcript } from './data.js';
import { CheckworthyModel, CONTEXT_TERMS, type ContextTerms, loadCheckworthyModel } from './model.js';
import { ablationVariants, CHECKWORTHY_TRAINING, type CheckworthyTrainOptions, extraDocuments, trainCheckworthy } from './train.js';

function labelled(transcripts: readonly Transcript[], source: string): Transcript[] {
  const unlabelled = transcripts.filter((t) => t.lines.some((l) => l.label === undefined));
  if (unlabelled.length > 0) throw new FactlensError('input-invalid', `${source}: ${unlabelled[0]!.name} has lines without a label; training and scoring need gold labels.`);
  return [...transcripts];
}

/** Lines as the model reads them: with their speakers, or without (as a news article). */
function inputs(t: Transcript, withSpeakers: boolean): { text: string; speaker?: string }[] {
  return t.lines.map((l) => (withSpeakers && l.speaker !== undefined ? { text: l.text, speaker: l.speaker } : { text: l.text }));
}

function scoreTranscripts(model: CheckworthyModel, transcripts: readonly Transcript[], withSpeakers: boolean): number[][] {
  return transcripts.map((t) => model.scoreSequence(inputs(t, withSpeakers)));
}

function sentencesPerSecond(model: CheckworthyModel, transcripts: readonly Transcript[], withSpeakers: boolean): number {
  const docs = transcripts.map((t) => inputs(t, withSpeakers));
  const n = docs.reduce((a, d) => a + d.length, 0);
  return (measureThroughput(docs, (d) => model.scoreSequence(d)) * n) / Math.max(1, docs.length);
}

function contextOption(value: string | undefined): ContextTerms {
  if (value === undefined) return CHECKWORTHY_TRAINING.config.context;
  if (!CONTEXT_TERMS.includes(value as ContextTerms)) throw new FactlensError('usage', `--context must be one of ${CONTEXT_TERMS.join(', ')}, not "${value}".`);
  return value as ContextTerms;
}

/** `factlens train checkworthy`. */
export const trainCheckworthyTask: Task = {
  name: 'checkworthy',
  summary: 'check-worthiness ranker selected by leave-one-debate-out (CheckThat! 2019; ClaimBuster / CheckThat! 2020 as extra data)',
  usage: `Usage: factlens train checkworthy --data PATH [--extra PATH]... [options]

Trains the check-worthiness model and reports it by leave-one-debate-out (LODO): each transcript
of PATH is held out in turn, a model is trained on the others (plus the --extra data) and the
held-out transcript is ranked and scored with CheckThat! 2019's average precision; the mean is
the LODO MAP, given with its spread over transcripts, read with and without speaker features.
The epoch count is chosen by LODO MAP, the temperature fitted on the out-of-fold logits, and the
final model trained on every transcript. PATH holds CheckThat! 2019 Task 1 transcripts: the CSV
with a file_name column, a folder of per-debate TSV files (line_number, speaker, text, label), or
one such file. --extra adds training-only data in any format eval accepts (ClaimBuster JSON,
CheckThat! 2020 TSV); lines repeating a PATH sentence are dropped first.

Options:
  --data PATH          CheckThat! 2019-format transcripts
  --extra PATH         extra training data (repeatable)
  --context WHAT       what is read of neighbouring sentences: ${CONTEXT_TERMS.join(', ')} (default ${CHECKWORTHY_TRAINING.config.context})
  --without-speakers   no speaker-role and turn features
  --epochs N           most epochs to try (default ${CHECKWORTHY_TRAINING.epochs})
  --ablate             also run LODO for variants (each feature family out, neighbours read) and
                       put the comparison in the model card (several times slower)
  --out FILE           weight file to write (default ./trained-models/checkworthy.flw)
  --seed N             random seed (default ${CHECKWORTHY_TRAINING.seed})
`,
  async run(args, io) {
    const { values } = parseCommandArgs('train checkworthy', args, {
      data: { type: 'string' },
      extra: { type: 'string', multiple: true },
      context: { type: 'string' },
      'without-speakers': { type: 'boolean', default: false },
      epochs: { type: 'string' },
      ablate: { type: 'boolean', default: false },
      out: { type: 'string' },
      seed: { type: 'string' },
    });
    const started = performance.now();
    const dataPath = requireDataPath(io, values.data, 'train checkworthy');
    const options: CheckworthyTrainOptions = {
      ...CHECKWORTHY_TRAINING,
      config: { ...CHECKWORTHY_TRAINING.config, context: contextOption(values.context), structure: !values['without-speakers'] },
      epochs: Math.max(1, intOption(values.epochs, 'epochs', CHECKWORTHY_TRAINING.epochs)),
      seed: intOption(values.seed, 'seed', CHECKWORTHY_TRAINING.seed),
    };
    const data = await loadCheckworthyData(dataPath);
    const debates = labelled(data.transcripts, dataPath);
    if (debates.length < 3) throw new FactlensError('input-invalid', `${dataPath} has ${debates.length} transcripts; leave-one-debate-out needs at least 3.`);
    const extraPaths = values.extra ?? [];
    const extraSets: CheckworthyData[] = [];
    const extraCounts: { path: string; kept: number; dropped: number; positives: number }[] = [];
    const extras: Transcript[] = [];
    for (const path of extraPaths) {
      const d = await loadCheckworthyData(resolve(io.cwd, path));
      extraSets.push(d);
      const { documents, kept, dropped } = extraDocuments(labelled(d.transcripts, path), debates);
      extras.push(...documents);
      extraCounts.push({ path, kept, dropped, positives: documents.reduce((n, t) => n + t.lines.filter((l) => l.label === 1).length, 0) });
    }
    const sentences = debates.reduce((n, t) => n + t.lines.length, 0);
    io.stderr.write(
      `checkworthy: ${debates.length} transcripts (${sentences} sentences) for leave-one-debate-out; extra ${extraCounts.map((e) => `${e.path}: ${e.kept} kept, ${e.dropped} dropped as repeats`).join('; ') || 'none'}\n`,
    );
    const variants = values.ablate ? ablationVariants(options, extras.length > 0) : [];
    const run = trainCheckworthy(debates, extras, options, variants, (line) => io.stderr.write(`checkworthy ${line}\n`));
    const model = new CheckworthyModel({ name: 'checkworthy', config: options.config, vocab: run.vocab, weights: run.weights, temperature: run.temperature, trainingDataSha256: sha256Of([data.sha256, ...extraSets.map((e) => e.sha256)]) });
    const lodo = recordLodo(run.folds, run.selected, run.variants);
    const trainScores = scoreTranscripts(model, debates, true);
    // recorded so that a loaded weight file can be checked against the data it was trained on
    const inSample = rankingReport(debates.map((t, i) => ({ labels: t.lines.map((l) => l.label ?? 0), scores: trainScores[i]! })));
    const out = await trainOutputPath(values.out, 'checkworthy.flw', io.cwd);
    const bytes = await model.save(out, { lodo, inSampleMap: inSample.map, transcripts: debates.map((t) => t.name), epochs: run.options.epochs, extras: extraCounts });
    const perSecond = { withSpeakers: sentencesPerSecond(model, debates, true), withoutSpeakers: sentencesPerSecond(model, debates, false) };
    const seconds = (performance.now() - started) / 1000;
    const command = `factlens train checkworthy --data ${values.data}${extraPaths.map((e) => ` --extra ${e}`).join('')}${values.context ? ` --context ${values.context}` : ''}${values['without-speakers'] ? ' --without-speakers' : ''}${values.epochs ? ` --epochs ${values.epochs}` : ''}${values.ablate ? ' --ablate' : ''}`;
    const card = out.endsWith('.flw') ? `${out.slice(0, -4)}.md` : `${out}.md`;
    await writeFile(
      card,
      checkworthyCard({
        command,
        options: run.options,
        lodo,
        byEpoch: run.byEpoch,
        temperature: run.temperature,
        terms: run.vocab.terms.length,
        debates: { count: debates.length, sentences, positives: debates.reduce((n, t) => n + t.lines.filter((l) => l.label === 1).length, 0) },
        extras: extraCounts,
        sha256: model.trainingDataSha256,
        seconds,
        bytes,
        perSecond,
      }),
    );
    io.stdout.write(
      [
        `checkworthy: trained in ${seconds.toFixed(0)} s (${run.options.epochs} epochs chosen by LODO, ${run.vocab.terms.length} terms, temperature ${fmt(run.temperature, 3)})`,
        `leave-one-debate-out over ${lodo.debates} transcripts:`,
        `  MAP                  ${spreadText(lodo.map)}`,
        `  MAP without speakers ${spreadText(lodo.mapWithoutSpeakers)}`,
        ...run.variants.map((v) => `  ${v.name.padEnd(28)} ${spreadText(v.summary.map)}`),
        `wrote ${out} (${(bytes / 1024).toFixed(0)} KiB) and ${card}`,
        '',
      ].join('\n'),
    );
    return 0;
  },
};

async function writeSubmission(dir: string, data: CheckworthyData, transcripts: readonly Transcript[], scores: number[][]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const isTweets = data.formats.includes('checkthat2020-tweets');
  await Promise.all(
    transcripts.map((t, i) => {
      const lines = t.lines.map((l, j) => (isTweets ? `${t.name}\t${l.id}\t${scores[i]![j]!.toFixed(6)}\tfactlens` : `${l.id}\t${scores[i]![j]!.toFixed(6)}`));
      return writeFile(join(dir, `${t.name}.tsv`), `${lines.join('\n')}\n`);
    }),
  );
}

function rankingLines(r: RankingReport, lines: BinaryReport): string[] {
  return [
    `  MAP        ${fmt(r.map)}   (mean over ${r.transcripts} transcripts; the primary CheckThat! measure)`,
    `  R-Prec     ${fmt(r.rPrecision)}   MRR ${fmt(r.meanReciprocalRank)}`,
    `  P@k        ${CHECKTHAT_K.map((k) => `@${k} ${fmt(r.precisionAt[k]!)}`).join('  ')}`,
    `  per line   ROC-AUC ${fmt(lines.rocAuc)}   ECE ${fmt(lines.ece)} (15 bins)`,
  ];
}

function rankingTable(r: RankingReport, lines: BinaryReport, perSecond: number): string {
  return markdownTable(
    ['transcripts', 'MAP', 'R-Prec', 'MRR', ...CHECKTHAT_K.map((k) => `P@${k}`), 'ROC-AUC (lines)', 'ECE', 'sentences/s (1 core)'],
    [
      [
        String(r.transcripts),
        fmt(r.map),
        fmt(r.rPrecision),
        fmt(r.meanReciprocalRank),
        ...CHECKTHAT_K.map((k) => fmt(r.precisionAt[k]!)),
        fmt(lines.rocAuc),
        fmt(lines.ece),
        String(Math.round(perSecond)),
      ],
    ],
  );
}

/** Whether the scored transcripts were trained on: all, none, or some of them (by name). */
function overlapWithTraining(model: CheckworthyModel, transcripts: readonly Transcript[]): 'all' | 'none' | 'some' {
  const trained = new Set(Array.isArray(model.metrics.transcripts) ? (model.metrics.transcripts as string[]) : []);
  const seen = transcripts.filter((t) => trained.has(t.name)).length;
  return seen === 0 ? 'none' : seen === transcripts.length ? 'all' : 'some';
}

function recordedLodo(model: CheckworthyModel): RecordedLodo | undefined {
  const r = model.metrics.lodo as RecordedLodo | undefined;
  return r && typeof r.map?.mean === 'number' ? r : undefined;
}

/** `factlens eval checkworthy`. */
export const evalCheckworthyTask: Task = {
  name: 'checkworthy',
  summary: 'check-worthiness MAP, R-Prec, MRR and P@k per transcript (CheckThat! 2019 measures), with the model’s LODO MAP',
  usage: `Usage: factlens eval checkworthy --data PATH [options]

Ranks each transcript's sentences with the check-worthiness model and scores the ranking as the
CheckThat! 2019 Task 1 scorer does: average precision per transcript, then the mean (MAP, primary),
R-precision, reciprocal rank and precision at 1, 3, 5, 10, 20, 50. PATH may be a folder of
per-debate TSV files (line_number, speaker, text[, label]) such as the official test debates, the
CSV with a file_name column, a CheckThat! 2020 Task 5 TSV (text, label), a CheckThat! 2020 Task 1
tweets TSV, or a ClaimBuster JSON list; each file (or file_name, or topic) is one ranked group.
Transcripts the model was trained on are named as such: only held-out ones measure it. The model's
own leave-one-debate-out MAP (recorded at training) is printed beside.

Options:
  --data PATH          data to score
  --model FILE         weight file (default: the shipped models/checkworthy.flw)
  --without-speakers   score every line without its speaker, as a news article is read
  --predictions DIR    write one submission file per transcript (line_number<TAB>score; for tweets
                       topic_id<TAB>tweet_id<TAB>score<TAB>run_id)
  --json               print the metrics as JSON
  --write              write the "eval-checkworthy" section of docs/BENCHMARKS.md
`,
  async run(args, io) {
    const { values } = parseCommandArgs('eval checkworthy', args, {
      data: { type: 'string' },
      model: { type: 'string' },
      'without-speakers': { type: 'boolean', default: false },
      predictions: { type: 'string' },
      json: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
    });
    const dataPath = requireDataPath(io, values.data, 'eval checkworthy');
    const model = await loadCheckworthyModel(values.model ? resolve(io.cwd, values.model) : shippedModelPath('checkworthy'));
    const data = await loadCheckworthyData(dataPath);
    const transcripts = data.transcripts;
    if (transcripts.length === 0) throw new FactlensError('input-invalid', `${dataPath}: no transcripts to score.`);
    const withSpeakers = !values['without-speakers'];
    const scores = scoreTranscripts(model, transcripts, withSpeakers);
    if (values.predictions) await writeSubmission(resolve(io.cwd, values.predictions), data, transcripts, scores);
    const hasLabels = transcripts.every((t) => t.lines.every((l) => l.label !== undefined));
    if (!hasLabels) {
      io.stdout.write(`checkworthy: scored ${transcripts.length} transcripts without gold labels${values.predictions ? `; wrote ${values.predictions}` : ' (give --predictions DIR to save the rankings)'}\n`);
      return 0;
    }
    const ranking = rankingReport(transcripts.map((t, i) => ({ labels: t.lines.map((l) => l.label ?? 0), scores: scores[i]! })));
    const lines = binaryReport(
      transcripts.flatMap((t) => t.lines.map((l) => l.label ?? 0)),
      scores.flat(),
    );
    const perSecond = sentencesPerSecond(model, transcripts, withSpeakers);
    const overlap = overlapWithTraining(model, transcripts);
    const lodo = recordedLodo(model);
    const n = scores.reduce((a, s) => a + s.length, 0);
    const nature = { all: 'training transcripts: in-sample, not a held-out measure', none: 'not trained on: held out', some: 'partly trained on: not a clean held-out measure' }[overlap];
    const what = `checkworthy on ${n} sentences in ${transcripts.length} transcripts of ${basename(dataPath)} (${nature}; ${withSpeakers ? 'with speakers' : 'without speakers'}; ${data.formats.join(', ')})`;
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ task: 'checkworthy', heldOut: overlap === 'none', withSpeakers, ...ranking, rocAuc: lines.rocAuc, ece: lines.ece, sentencesPerSecond: perSecond, lodo: lodo ? { map: lodo.map, mapWithoutSpeakers: lodo.mapWithoutSpeakers } : undefined }, null, 2)}\n`);
    } else {
      io.stdout.write(
        [
          `${what}:`,
          ...rankingLines(ranking, lines),
          `  speed      ${Math.round(perSecond)} sentences/s (one core)`,
          ...(lodo ? [`model's leave-one-debate-out MAP (recorded at training): ${spreadText(lodo.map)}; without speakers ${spreadText(lodo.mapWithoutSpeakers)}`] : []),
          '',
        ].join('\n'),
      );
    }
    if (values.write) {
      const command = `factlens eval checkworthy --data ${values.data}${values['without-speakers'] ? ' --without-speakers' : ''} --write`;
      await writeCheckworthyBenchmark(io, command, { ranking, lines, perSecond, n, nature, overlap, lodo, names: transcripts.map((t) => t.name), withSpeakers });
    }
    return 0;
  },
};

async function writeCheckworthyBenchmark(
  io: CliIo,
  command: string,
  m: { ranking: RankingReport; lines: BinaryReport; perSecond: number; n: number; nature: string; overlap: string; lodo: RecordedLodo | undefined; names: string[]; withSpeakers: boolean },
): Promise<void> {
  const parts = [
    'Model `models/checkworthy.flw` (logistic regression over word 1–2-grams, claim cues and speaker-turn features; see models/checkworthy.md). Measures as the CheckThat! 2019 Task 1 scorer defines them: average precision per transcript, MAP = their mean (primary).',
    '',
  ];
  if (m.lodo) {
    parts.push(
      `**Leave-one-debate-out** over the ${m.lodo.debates} CheckThat! 2019 training transcripts (recorded when the model was trained; each debate held out in turn, mean ± SD over debates):`,
      '',
      lodoTable(m.lodo),
      '',
    );
    const variants = variantTable(m.lodo);
    if (variants) parts.push('Variants on the same folds:', '', variants, '');
    parts.push('Per held-out debate:', '', perDebateTable(m.lodo), '');
  }
  const official = m.overlap === 'none';
  parts.push(
    `**${official ? 'Held-out transcripts' : 'Scored transcripts'}** (${m.names.length}, ${m.n} sentences; ${m.nature}; ${m.withSpeakers ? 'with speakers' : 'without speakers'}):`,
    '',
    rankingTable(m.ranking, m.lines, m.perSecond),
    '',
  );
  if (!official) {
    parts.push(
      'The official CheckThat! 2019 test debates are not part of the data this was run on, so no official-test MAP is given here (the best 2019 primary run scored 0.166 there). With those files, `factlens eval checkworthy --data <folder of the test TSV files> --write` replaces this table with theirs.',
    );
  }
  await writeBenchmark(io, 'eval-checkworthy', 'Check-worthiness (CheckThat! 2019 Task 1)', parts.join('\n'), command);
}
