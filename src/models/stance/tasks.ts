/**
 * `factlens train stance` and `factlens eval stance`: the FNC-1 stance model (see model.ts), scored
 * with the official FNC-1 scorer (weighted score, relative score, confusion matrix, accuracy) plus
 * class-wise F1 and macro-F1 (Hanselowski et al. 2018) and expected calibration error.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseCommandArgs } from '../../cli/args.js';
import type { CliIo } from '../../cli/io.js';
import { type Task, trainOutputPath } from '../../cli/task.js';
import { FactlensError } from '../../core/errors.js';
import { expectedCalibrationError } from '../metrics.js';
import { fmt, intOption, markdownTable, requireDataPath, shippedModelPath, writeBenchmark } from '../task-support.js';
import type { Stance } from '../types.js';
import { balanceUnrelated, loadStanceData, STANCES, type StanceData, type StancePair, splitStanceData } from './data.js';
import { type FncReport, fncReport, formatConfusion } from './fnc-score.js';
import { type InputBlock, loadStanceModel, type MlpStanceModel } from './model.js';
import { type PreparedCache, predictPairs, trainStance } from './train.js';

/** TF terms must occur in this many training stories (story-specific words do not generalize). */
const STANCE_MIN_STORIES = 30;
/** Loss weights of agree, disagree, discuss, unrelated: the rare classes count more (for macro-F1). */
const STANCE_CLASS_WEIGHTS = [1.5, 4, 1, 1];
/**
 * L2 weight decay. Stance labels are mostly a property of the body (a body agrees with, or
 * discusses, every headline of its story), so the ~1,100 training bodies are the effective sample
 * size; strong decay (1e-3 rather than 1e-6) gained about 1.5 relative points on dev.
 */
const STANCE_L2 = 1e-3;

/**
 * Members that read only the hand features (default of --hand-members). They err differently from
 * the members that also read the TF blocks (two gained about 0.3 relative points and 0.008 macro-F1
 * on dev over the full-view members alone), but boosted trees over the same features do that better
 * and cheaper, so by default there are none.
 */
const STANCE_HAND_MEMBERS = 0;
/** Seeds of boosted trees over the hand features (default of --tree-seeds); their scores are averaged. */
const STANCE_TREE_SEEDS = 1;
/**
 * The trees' settings: depth-5 trees on 64 quantile bins per feature, shrinkage 0.1, 80% of the
 * rows per round and of the features per tree, leaf L2 10, loss weights as the full-view members;
 * early stopping (patience 40 rounds) on the validation pairs with unrelated pairs added. Stances
 * hang on a body more than on a pair, so the trees overfit soon (best after 16–33 rounds).
 */
const STANCE_TREE_OPTIONS = { rounds: 400, learningRate: 0.1, maxDepth: 5, maxBins: 64, minChildWeight: 1, lambda: 10, rowSample: 0.8, colSample: 0.8, patience: 40 };
/** Hidden units of a hand-features-only member (as good as 100 on dev, and half the cost per pair). */
const STANCE_HAND_HIDDEN = 50;
/**
 * Loss weights of a hand-features-only member: agree counts more than for the full-view members,
 * whose errors lean towards discuss (two seed pairs: +0.2 relative, +0.005 macro-F1 on dev).
 */
const STANCE_HAND_CLASS_WEIGHTS = [2, 4, 1, 1];
/** The input blocks a hand-features-only member does without. */
const HAND_ONLY_DROPPED: readonly InputBlock[] = ['headline-tf', 'body-tf', 'context-tf', 'lead-tf'];

/** Salt of the deterministic unrelated pairs added to the dev split (see balanceUnrelated). */
const BALANCE_SALT = 'stance-dev-unrelated';

async function readData(values: { data?: string; stances?: string; bodies?: string }, io: CliIo, command: string): Promise<StanceData> {
  if (values.stances) {
    if (!values.bodies) throw new FactlensError('usage', '--stances needs --bodies too.');
    return loadStanceData(resolve(io.cwd, values.stances), resolve(io.cwd, values.bodies));
  }
  return loadStanceData(requireDataPath(io, values.data, command), values.bodies && resolve(io.cwd, values.bodies));
}

function requireLabels(pairs: readonly StancePair[], what: string): Stance[] {
  return pairs.map((p, i) => {
    if (!p.stance) throw new FactlensError('input-invalid', `${what} row ${i + 2} has no Stance; scoring needs gold labels.`);
    return p.stance;
  });
}

/** Unrelated share of a labelled file (the class balance the balanced dev split copies). */
function unrelatedShare(pairs: readonly StancePair[]): number {
  return pairs.filter((p) => p.stance === 'unrelated').length / Math.max(1, pairs.length);
}

interface Evaluation {
  report: FncReport;
  ece: number;
  /** throughput with every body already prepared (cached), the steady state of a batch */
  pairsPerSecond: number;
  /** throughput of a cold run that prepares each body and headline once on first use */
  coldPairsPerSecond: number;
  predicted: Stance[];
}

function evaluate(model: MlpStanceModel, pairs: readonly StancePair[], bodies: ReadonlyMap<string, string>): Evaluation {
  const gold = requireLabels(pairs, 'the stances file');
  const cache: PreparedCache = { bodies: new Map(), headlines: new Map() };
  const started = performance.now();
  const { predicted, probabilities } = predictPairs(model, pairs, bodies, cache);
  const coldSeconds = (performance.now() - started) / 1000;
  let seconds = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    predictPairs(model, pairs, bodies, cache);
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  const report = fncReport(gold, predicted);
  const ece = expectedCalibrationError(
    probabilities,
    gold.map((s) => STANCES.indexOf(s)),
  );
  return {
    report,
    ece,
    pairsPerSecond: pairs.length / Math.max(seconds, 1e-9),
    coldPairsPerSecond: pairs.length / Math.max(coldSeconds, 1e-9),
    predicted,
  };
}

function reportLines(r: FncReport, ece: number): string[] {
  return [
    `  FNC score ${fmt(r.score, 2)} of ${fmt(r.maxScore, 2)} (null ${fmt(r.nullScore, 2)}) → relative ${fmt(r.relative, 2)}%`,
    `  accuracy  ${fmt(r.accuracy)}   macro-F1 ${fmt(r.macroF1)}   ECE ${fmt(ece)} (15 bins)`,
    `  F1        ${STANCES.map((s) => `${s} ${fmt(r.f1[s])}`).join('   ')}`,
    ...formatConfusion(r)
      .split('\n')
      .map((l) => `  ${l}`),
  ];
}

function reportRow(name: string, r: FncReport, ece: number): string[] {
  return [name, String(r.n), fmt(r.relative, 2), fmt(r.accuracy), fmt(r.macroF1), ...STANCES.map((s) => fmt(r.f1[s])), fmt(ece)];
}

const REPORT_HEADER = ['split', 'pairs', 'FNC relative %', 'accuracy', 'macro-F1', ...STANCES.map((s) => `F1 ${s}`), 'ECE'];

function cardPath(weightPath: string): string {
  return weightPath.endsWith('.flw') ? `${weightPath.slice(0, -4)}.md` : `${weightPath}.md`;
}

function stanceCard(m: {
  rows: string[][];
  confusion: string;
  counts: Record<string, string>;
  members: number;
  handMembers: number;
  treeSeeds: number;
  treeRounds: number[];
  treeWeight: number;
  balanced: FncReport;
  hidden: number;
  terms: number;
  temperature: number;
  bestEpochs: number[];
  seconds: number;
  bytes: number;
  pairsPerSecond: number;
  coldPairsPerSecond: number;
  sha256: string;
  command: string;
}): string {
  return `# Model card: stance

_Generated by \`${m.command}\`; the numbers below are that run's._

**What it does.** Gives the probabilities that a body (or a passage) agrees with, disagrees with,
discusses, or is unrelated to a headline — the FNC-1 task. Exposed as \`services.models.stance\` for
the \`headline-support\` analyzer.

**Method.** ${m.members + m.handMembers} one-hidden-layer MLPs (${m.hidden} ReLU units, dropout 0.4, L2 ${STANCE_L2}, Adam, class-weighted
loss ${JSON.stringify(STANCE_CLASS_WEIGHTS)} for agree/disagree/discuss/unrelated, early stopping on validation;
UCL Machine Reading's architecture, Riedel et al. 2017) over: L2-normalized term frequencies of the
headline and of the body over the ${m.terms} most frequent non-stop-words used in at least
${STANCE_MIN_STORIES} training stories (story-specific words would only teach the network which story
it is reading); the FNC-1 baseline's hand features (overlap, refuting words, polarity, n-gram hits in
the body and its opening); open-vocabulary TF-IDF cosines of the headline with the body and with its
three closest sentences (unseen words get the highest IDF, so a new story's names count); refuting,
negating, hedging, confirming and reporting words inside those closest sentences, in the body's
first two sentences, and within six tokens of each headline word's occurrences in the body (Athene's
refutation and polarity near the claim, Hanselowski et al. 2018); overlap with the body's first 100
and 255 tokens and its lead sentences; questions and quotations in the body; where in the body the
closest sentence sits; the term frequencies of the three closest sentences over the same
vocabulary (how the body words the claim) and of its first two sentences (whether the story opens
by asserting or by reporting it). ${m.members} member(s) read all of these${
    m.handMembers > 0
      ? `; ${m.handMembers} read only the
hand features, with ${STANCE_HAND_HIDDEN} hidden units and loss weights ${JSON.stringify(STANCE_HAND_CLASS_WEIGHTS)} (they err differently, and the average of both views beats either)`
      : ''
  }. Best epochs: ${m.bestEpochs.join(', ')}.${
    m.treeSeeds > 0
      ? `

Beside them, gradient-boosted trees over the hand features (as SOLAT in the SWEN, FNC-1's winner,
ensembled boosted trees over hand features with a deep model): ${m.treeSeeds === 1 ? 'one softmax GBDT' : `${m.treeSeeds} softmax GBDTs (one seed each, scores averaged)`}
with depth-${STANCE_TREE_OPTIONS.maxDepth} trees split on ${STANCE_TREE_OPTIONS.maxBins} quantile bins per feature, shrinkage ${STANCE_TREE_OPTIONS.learningRate}, ${STANCE_TREE_OPTIONS.rowSample * 100}% of the rows per round and of the
features per tree, leaf L2 ${STANCE_TREE_OPTIONS.lambda}, the members' loss weights, early-stopped on the validation pairs with unrelated
pairs added (best after ${m.treeRounds.join(', ')} rounds of ${STANCE_TREE_OPTIONS.rounds}). Logits are (1 − w) × the members' mean + w × the trees' scores, with
w = ${m.treeWeight} fitted by log-loss on those validation pairs (the trees err differently: alone they score about as
well as the members, together better than either).`
      : ''
  } The logits are divided by a temperature fitted on validation (T = ${fmt(m.temperature, 3)}).

**Data and licence.** FNC-1 training data (Pomerleau & Rao 2017, from the Emergent corpus of Ferreira
& Vlachos 2016; licence not stated by the origin). Training-data SHA-256 \`${m.sha256.slice(0, 16)}…\`.

**Splits.** Component-disjoint, as the official test holds only new stories: a story is a connected
component of the related (agree/disagree/discuss) pairs; components ordered by a hash of their first
member go to dev until it holds 20% of the related pairs, then 10% of the rest to validation. A pair
is used only when its headline and body are on the same side, so no dev headline or body is trained
on. ${m.counts.split}

Because cross-side unrelated pairs are dropped, the dev split has far fewer unrelated pairs than
FNC-1 (which paired each headline with random bodies of other stories). *dev (balanced)* adds such
pairs — dev headlines with dev bodies of other dev stories, chosen by hash — until the unrelated
share equals the training file's; both are reported.

**Dev metrics** (official FNC-1 scorer; macro-F1 after Hanselowski et al. 2018):

${markdownTable(REPORT_HEADER, m.rows)}

Confusion matrix on dev (balanced), rows gold, columns predicted:

\`\`\`
${m.confusion}
\`\`\`

**Speed and size.** On one core over the balanced dev split: ${Math.round(m.pairsPerSecond)} headline–body pairs/s
with each body already prepared (tokenized, indexed, its hidden-layer share cached), ${Math.round(m.coldPairsPerSecond)} pairs/s
including preparing each body once; weight file ${(m.bytes / 1024 / 1024).toFixed(2)} MiB; training took ${m.seconds.toFixed(0)} s.

**Against the targets.** FNC-1's best systems scored about 82 (relative) on the official test; the
goal here was 87 with macro-F1 0.65 on a component-disjoint dev split. ${
    m.balanced.relative >= 87 && m.balanced.macroF1 >= 0.65
      ? `This model reaches it on dev (balanced),
${fmt(m.balanced.relative, 2)} / ${fmt(m.balanced.macroF1, 3)}, though with little margin against the seed-to-seed spread; most lost points are still
agree ↔ discuss confusions on stories it has never seen, and \`disagree\` stays weak.`
      : `This model does not reach it:
most lost points are agree ↔ discuss confusions on stories it has never seen.`
  }

**What was tried** (one member, seed 1, dev (balanced) relative % / macro-F1; seed-to-seed spread
about ±0.4 / ±0.01). The previous recipe (L2 1e-6, no context block): 82.82 / 0.593. Kept: the
near-claim cue, lead, 100/255-token coverage and question/quote features, 83.06 / 0.588; L2 1e-4 /
1e-3 / 3e-3 / 1e-2: 83.66 / 0.599, 84.53 / 0.613, 84.92 / 0.604, 84.10 / 0.587 (1e-3 kept for
macro-F1); the closest sentences' TF, 84.83 / 0.626 (3 members: 84.88 / 0.624 against 84.52 /
0.616 without it); the first two sentences' TF, 85.04 / 0.614 (seed 2: 85.22 / 0.604; 3 members:
85.53 / 0.616 against 84.88 / 0.624 without it — kept for the FNC score and accuracy, at the cost
of \`disagree\`: 11 of its 126 dev pairs right instead of 20, F1 0.13 instead of 0.17). Not
kept: fitting per-class logit offsets on validation (+0.6 agree, +1.0 disagree), 83.11 / 0.616
against 84.83 / 0.626 without; class weights [1.5,5,1,1] with 3 members, 85.03 / 0.607; L2 2e-3
with 3 members, 85.08 / 0.612; a body style block of words and bigrams with stop words (751
terms used in ≥ 30 stories), 83.76 / 0.617; class weights [1.5,8,1,1], 83.16 / 0.605; TF terms
from ≥ 20 or ≥ 45 stories instead of 30, 83.65 / 0.610 and 82.71 / 0.596; 50 hidden units,
84.66 / 0.618; dropout 0.6, 84.72 / 0.612.

Later round (ensembles compared by averaging the saved members' dev logits; the three full-view
members alone: 85.53 / 0.616). Kept: members over the hand features only — one alone scores
82.0–82.9 / 0.60, but added to the three full-view members one gives 85.83 / 0.616 and two give
85.79–85.93 / 0.623–0.628 over three seed pairs (three: 85.79 / 0.626); seeds 4 and 5 with 100
units, 85.74 / 0.625 but a fifth slower than the three alone; with 50 units, 85.78 / 0.622 (seeds 6
and 7: 85.71 / 0.621); with 50 units and loss weights [2,4,1,1] (shipped), 86.04 / 0.629 (seeds 6 and
7: 85.89 / 0.624); with [1.5,6,1,1], 85.65 / 0.623.
Not kept: LSI topic cosines (64-dimensional randomized SVD of the training TF-IDF matrix; cosines of the headline with the body, its closest sentences and
its lead), one member 79.74 / 0.572 over all words — topics fitted to the training stories' own
names place training pairs confidently and new ones poorly, unrelated F1 falls to 0.968 — and 84.75
/ 0.606 over the words of ≥ 30 stories (85.04 / 0.614 without); adding to the three full-view
members two members without the lead TF block, 85.12 / 0.621, a member with class weights
[1.5,8,1,1], 85.47 / 0.615, three 50-unit members, 85.27 / 0.606, a member over hand features and
closest-sentence TF, 85.40 / 0.620; patience 10 and 45 epochs, two members 85.35 / 0.620;
hand-only members with L2 1e-4 or dropout 0.2, 82.39 / 0.596 and 82.94 / 0.596 alone.

Third round: boosted trees over the hand features, their scores mixed with the members' mean logits
(measured against the previous five shipped members, whose dev logits were saved; one tree seed
unless said). Trees alone score 86.18 / 0.637 — as much as those five members together; mixed with
them at w 0.4, 87.14 / 0.657, but the weight chosen by the validation FNC score wandered from 0.3 to
0.8 between seeds (86.5–87.1 on dev), so w is fitted by validation log-loss instead (0.5–0.65
every time). Kept: trees in place of the two hand-only members, beside the three full-view members —
leaf L2 1, three seeds averaged, 87.41 / 0.658 (with the hand-only members kept too: 87.06 / 0.657);
leaf L2 10 (shipped), 87.44 / 0.659 (seeds 2 and 3: 87.20 / 0.652 and 87.20 / 0.656; seeds 1–2
averaged 87.45 / 0.656, 1–3 87.31 / 0.657). One seed is shipped: each further seed costs about 3 µs a
pair, and three took the speed below 20,000 pairs/s. Not kept: depth 4, 87.42 / 0.659 (seed 2: 87.10 /
0.659); depth 6, 87.40 / 0.630 (three seeds, leaf L2 1: 87.41 / 0.642; \`disagree\` F1 falls to
0.09–0.15); 32 bins, 87.38 / 0.648 (seed 2: 87.25 / 0.660); half the rows per round, 87.14 / 0.642
(seed 2: 87.20 / 0.653); \`disagree\` weighted 6 in the trees' loss (three seeds), 87.17 / 0.647; with
the five members at w 0.4 and leaf L2 1: \`agree\` weighted 2, 86.93 / 0.646; minimum child hessian 5
or 20, 87.12 / 0.649 and 87.19 / 0.655; half the features per tree, 87.08 / 0.639; shrinkage 0.05,
86.79 / 0.639. Without early stopping the trees overfit (stances hang on ~1,100 training bodies):
alone they fall from 86.29 / 0.634 after 50 rounds to 85.55 / 0.603 after 200.

**Known limits.** \`disagree\` is rare (under 2% of pairs) and its F1 stays low: refutation phrased
without refuting words is missed. Stories unlike the 2014–2015 Emergent rumours (other topics,
languages, long-form text) will score less reliably. Probabilities are calibrated on the validation
stories only.
`;
}

/** `factlens train stance`. */
export const trainStanceTask: Task = {
  name: 'stance',
  summary: 'FNC-1 headline–body stance model (stances CSV + bodies CSV)',
  usage: `Usage: factlens train stance --data DIR [options]

Trains the stance model on FNC-1 data: DIR holds one *stances*.csv (Headline, Body ID, Stance)
and one *bodies*.csv (Body ID, articleBody). The split is component-disjoint (see models/stance.md):
20% of related pairs to dev (reported, never trained on), 10% of the rest to validation (early
stopping, calibration).

Options:
  --data DIR          FNC-1 directory
  --stances FILE      stances CSV (instead of --data)
  --bodies FILE       bodies CSV
  --out FILE          weight file to write (default ./trained-models/stance.flw)
  --members N         ensemble members reading every input block, one seed each (default 3)
  --hand-members N    further members reading only the hand features (default ${STANCE_HAND_MEMBERS})
  --tree-seeds N      boosted-tree ensembles over the hand features, one seed each, scores averaged
                      and mixed with the members' (default ${STANCE_TREE_SEEDS}; 0 for none)
  --epochs N          maximum epochs per member (default 30)
  --seed N            first seed (default 1)
  --int8              store the first-layer weights as int8 (4× smaller)
`,
  async run(args, io) {
    const { values } = parseCommandArgs('train stance', args, {
      data: { type: 'string' },
      stances: { type: 'string' },
      bodies: { type: 'string' },
      out: { type: 'string' },
      members: { type: 'string' },
      'hand-members': { type: 'string' },
      'tree-seeds': { type: 'string' },
      epochs: { type: 'string' },
      seed: { type: 'string' },
      int8: { type: 'boolean', default: false },
    });
    const started = performance.now();
    const data = await readData(values, io, 'train stance');
    requireLabels(data.pairs, data.stancesFile);
    const split = splitStanceData(data.pairs);
    const devBalanced = balanceUnrelated(split.dev, unrelatedShare(data.pairs), BALANCE_SALT);
    const members = intOption(values.members, 'members', 3);
    const handMembers = intOption(values['hand-members'], 'hand-members', STANCE_HAND_MEMBERS);
    const treeSeeds = intOption(values['tree-seeds'], 'tree-seeds', STANCE_TREE_SEEDS);
    if (members + handMembers + treeSeeds === 0) throw new FactlensError('usage', 'the stance model needs at least one member or tree seed.');
    const { model, validation, bestEpochs, gbdtRounds } = trainStance(split.train, split.validation, data.bodies, {
      members: members + handMembers,
      memberDroppedBlocks: [...Array<readonly InputBlock[]>(members).fill([]), ...Array<readonly InputBlock[]>(handMembers).fill(HAND_ONLY_DROPPED)],
      memberClassWeights: [...Array<number[]>(members).fill(STANCE_CLASS_WEIGHTS), ...Array<number[]>(handMembers).fill(STANCE_HAND_CLASS_WEIGHTS)],
      memberHiddenSizes: [...Array<number>(members).fill(100), ...Array<number>(handMembers).fill(STANCE_HAND_HIDDEN)],
      gbdt: { seeds: treeSeeds, options: STANCE_TREE_OPTIONS },
      tuning: balanceUnrelated(split.validation, unrelatedShare(data.pairs), BALANCE_SALT),
      minStories: STANCE_MIN_STORIES,
      classWeights: STANCE_CLASS_WEIGHTS,
      l2: STANCE_L2,
      epochs: intOption(values.epochs, 'epochs', 30),
      seed: intOption(values.seed, 'seed', 1),
      log: (line) => io.stderr.write(`${line}\n`),
    });
    const seconds = (performance.now() - started) / 1000;
    const dev = evaluate(model, split.dev, data.bodies);
    const balanced = evaluate(model, devBalanced, data.bodies);
    const out = await trainOutputPath(values.out, 'stance.flw', io.cwd);
    const lite = (r: FncReport, ece: number) => ({ relative: r.relative, score: r.score, maxScore: r.maxScore, accuracy: r.accuracy, macroF1: r.macroF1, f1: r.f1, confusion: r.confusion, ece, n: r.n });
    const counts = { train: split.train.length, validation: split.validation.length, dev: split.dev.length, devBalanced: devBalanced.length };
    const bytes = await model.save(
      out,
      { dev: lite(dev.report, dev.ece), devBalanced: lite(balanced.report, balanced.ece), validation: lite(validation, 0), counts, bestEpochs, treeRounds: gbdtRounds },
      data.sha256,
      values.int8 ? 'i8' : 'f32',
    );
    const rows = [reportRow('dev (balanced)', balanced.report, balanced.ece), reportRow('dev (gold pairs only)', dev.report, dev.ece)];
    const command = `factlens train stance --data ../shared/data/fnc1 --members ${members} --hand-members ${handMembers} --tree-seeds ${treeSeeds}${values.epochs ? ` --epochs ${values.epochs}` : ''}${values.int8 ? ' --int8' : ''}`;
    const card = cardPath(out);
    await writeFile(
      card,
      stanceCard({
        rows,
        confusion: formatConfusion(balanced.report),
        counts: { split: `Pairs: train ${counts.train}, validation ${counts.validation}, dev ${counts.dev} (balanced: ${counts.devBalanced}).` },
        members,
        handMembers,
        treeSeeds,
        treeRounds: gbdtRounds,
        treeWeight: model.gbdtWeight,
        balanced: balanced.report,
        hidden: model.members[0]?.hiddenSize ?? 0,
        terms: model.vocab.terms.length,
        temperature: model.temperature,
        bestEpochs,
        seconds,
        bytes,
        pairsPerSecond: balanced.pairsPerSecond,
        coldPairsPerSecond: balanced.coldPairsPerSecond,
        sha256: data.sha256,
        command,
      }),
    );
    io.stdout.write(
      [
        `stance: trained ${members} + ${handMembers} hand-features-only member(s)${treeSeeds > 0 ? ` and ${treeSeeds} tree seed(s) (${gbdtRounds.join(', ')} rounds, weight ${model.gbdtWeight})` : ''} in ${seconds.toFixed(0)} s (best epochs ${bestEpochs.join(', ')}, temperature ${fmt(model.temperature, 3)})`,
        `dev, balanced (${devBalanced.length} pairs):`,
        ...reportLines(balanced.report, balanced.ece),
        `dev, gold pairs only (${split.dev.length} pairs):`,
        ...reportLines(dev.report, dev.ece),
        `speed ${Math.round(balanced.pairsPerSecond)} pairs/s with bodies prepared, ${Math.round(balanced.coldPairsPerSecond)} including preparation; wrote ${out} (${(bytes / 1024 / 1024).toFixed(2)} MiB) and ${card}`,
        '',
      ].join('\n'),
    );
    return 0;
  },
};

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `factlens eval stance`. */
export const evalStanceTask: Task = {
  name: 'stance',
  summary: 'FNC-1 score, relative score, confusion matrix, macro-F1 and per-class F1',
  usage: `Usage: factlens eval stance --data DIR [options]

Scores the stance model with the official FNC-1 scorer (0.25 for a correct unrelated, 1.0 for a
correct related stance, 0.25 for a related pair given another related stance; relative score =
score / max score), the confusion matrix and accuracy, plus per-class F1, macro-F1 and ECE. DIR
holds one *stances*.csv and one *bodies*.csv (e.g. competition_test_stances.csv and
competition_test_bodies.csv), or give --stances and --bodies.

Options:
  --data DIR            FNC-1-format directory
  --stances FILE        stances CSV (Headline, Body ID[, Stance])
  --bodies FILE         bodies CSV (Body ID, articleBody)
  --split SPLIT         all (default) | dev | dev-balanced: the training run's component-disjoint dev
                        split, without or with the added unrelated pairs
  --model FILE          weight file (default: the shipped models/stance.flw)
  --predictions FILE    write Headline,Body ID,Stance in the input order (the scorer's submission format)
  --json                print the metrics as JSON
  --write               write the "eval-stance" section of docs/BENCHMARKS.md
`,
  async run(args, io) {
    const { values } = parseCommandArgs('eval stance', args, {
      data: { type: 'string' },
      stances: { type: 'string' },
      bodies: { type: 'string' },
      split: { type: 'string', default: 'all' },
      model: { type: 'string' },
      predictions: { type: 'string' },
      json: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
    });
    const split = values.split!;
    if (!['all', 'dev', 'dev-balanced'].includes(split)) throw new FactlensError('usage', `--split must be all, dev or dev-balanced, not "${split}".`);
    const model = await loadStanceModel(values.model ? resolve(io.cwd, values.model) : shippedModelPath('stance'));
    const data = await readData(values, io, 'eval stance');
    let pairs = data.pairs;
    if (split !== 'all') {
      requireLabels(pairs, data.stancesFile);
      const dev = splitStanceData(pairs).dev;
      pairs = split === 'dev' ? dev : balanceUnrelated(dev, unrelatedShare(data.pairs), BALANCE_SALT);
    } else if (data.sha256 === model.trainingDataSha256) {
      io.stderr.write('note: this is the file the model was trained on; use --split dev-balanced for a held-out score\n');
    }
    const labelled = pairs.every((p) => p.stance);
    const { predicted } = labelled ? { predicted: [] as Stance[] } : predictPairs(model, pairs, data.bodies);
    const result = labelled ? evaluate(model, pairs, data.bodies) : undefined;
    if (values.predictions) {
      const stances = result?.predicted ?? predicted;
      const lines = pairs.map((p, i) => `${csvField(p.headline)},${p.bodyId},${stances[i]}`);
      await writeFile(resolve(io.cwd, values.predictions), `Headline,Body ID,Stance\n${lines.join('\n')}\n`);
    }
    if (!result) {
      io.stdout.write(`stance: predicted ${pairs.length} unlabelled pairs${values.predictions ? `; wrote ${values.predictions}` : ' (give --predictions FILE to save them)'}\n`);
      return 0;
    }
    const { report, ece, pairsPerSecond, coldPairsPerSecond } = result;
    const bodyCount = new Set(pairs.map((p) => p.bodyId)).size;
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ task: 'stance', split, ...report, ece, pairsPerSecond, coldPairsPerSecond }, null, 2)}\n`);
    } else {
      io.stdout.write(
        [
          `stance on ${report.n} pairs (${split}):`,
          ...reportLines(report, ece),
          `  speed     ${Math.round(pairsPerSecond)} pairs/s with bodies prepared; ${Math.round(coldPairsPerSecond)} pairs/s including preparing ${bodyCount} bodies once (one core)`,
          '',
        ].join('\n'),
      );
    }
    if (values.write) {
      const body = [
        `Model \`models/stance.flw\` (MLP ensemble over headline/body TF and hand features${model.gbdt ? ', mixed with boosted trees over the hand features' : ''}, temperature-calibrated; see models/stance.md). ` +
          `Data: FNC-1 training file as shipped in ../shared/data, ${split === 'all' ? 'all pairs' : `the component-disjoint dev split${split === 'dev-balanced' ? ' with unrelated pairs added to the training file’s unrelated share' : ' (gold pairs only)'}`}. Official FNC-1 scorer; macro-F1 after Hanselowski et al. 2018.`,
        '',
        markdownTable(
          [...REPORT_HEADER, 'pairs/s, bodies prepared (1 core)', 'pairs/s incl. body preparation'],
          [[...reportRow(split, report, ece), String(Math.round(pairsPerSecond)), String(Math.round(coldPairsPerSecond))]],
        ),
        '',
        '```',
        formatConfusion(report),
        '```',
      ].join('\n');
      await writeBenchmark(io, `eval-stance-${split}`, `FNC-1 stance (${split})`, body, `factlens eval stance --data ../shared/data/fnc1 --split ${split} --write`);
    }
    return 0;
  },
};
