/**
 * `factlens eval judgement`: runs the whole pipeline (shipped models, no corpus) on the blind-labelled
 * real articles of labels/judgement and scores it with src/eval/judgement/score.ts, for the tuning
 * half and the check half apart. `--errors` lists the mismatches of the tuning half only, so rules
 * are never tuned by looking at the check half.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../analyze.js';
import { parseCommandArgs } from '../../cli/args.js';
import { createProgress } from '../../cli/io.js';
import type { Task } from '../../cli/task.js';
import { FactlensError } from '../../core/errors.js';
import type { Report } from '../../core/types.js';
import { loadShippedModels } from '../../models/shipped.js';
import { writeBenchmarkSection } from '../benchmarks-doc.js';
import { articlesOf, type ArticleLabel, readLabels } from './labels.js';
import { CODES_FOR_DEFECT, type Counts, emptyScore, type JudgementScore, sameSpeaker, scoreArticle } from './score.js';

const ratio = (n: number, d: number): number => (d === 0 ? Number.NaN : n / d);
const f3 = (x: number): string => (Number.isNaN(x) ? '–' : x.toFixed(2));
const f1 = (p: number, r: number): number => (p + r === 0 || Number.isNaN(p) || Number.isNaN(r) ? Number.NaN : (2 * p * r) / (p + r));

/** Summary numbers of a score, the ones the issues set targets on. */
export function headlineNumbers(s: JudgementScore) {
  const sp = Object.entries(s.speakers).filter(([cue]) => !cue.includes('no speaker'));
  const spN = sp.reduce((n, [, v]) => n + v.n, 0);
  const spC = sp.reduce((n, [, v]) => n + v.correct, 0);
  const pron = s.speakers.pronoun ?? { n: 0, correct: 0 };
  const qp = ratio(s.quotes.matched, s.quotes.detected);
  const qr = ratio(s.quotes.matched, s.quotes.gold);
  const dp = ratio(s.quotes.directMatched, s.quotes.directDetected);
  const dr = ratio(s.quotes.directMatched, s.quotes.directGold);
  let emitted = 0;
  let correct = 0;
  let raised = 0;
  let correctRaised = 0;
  for (const [key, c] of Object.entries(s.codes)) {
    if (key.startsWith('headline-support/')) continue;
    emitted += c.emitted;
    correct += c.correct;
    raised += c.problem + c.warning;
    correctRaised += c.correctRaised;
  }
  const foundRaised = Object.values(s.defects).reduce((n, d) => n + d.foundRaised, 0);
  const gold = Object.values(s.defects).reduce((n, d) => n + d.gold, 0);
  const found = Object.values(s.defects).reduce((n, d) => n + d.found, 0);
  return {
    speakerAccuracy: ratio(spC, spN),
    speakerN: spN,
    pronounAccuracy: ratio(pron.correct, pron.n),
    pronounN: pron.n,
    speakerEndToEnd: ratio(s.speakersEndToEnd.correct, s.speakersEndToEnd.n),
    quoteP: qp,
    quoteR: qr,
    quoteF1: f1(qp, qr),
    directP: dp,
    directR: dr,
    directF1: f1(dp, dr),
    defectPrecision: ratio(correct, emitted),
    defectRecall: ratio(found, gold),
    raisedPrecision: ratio(correctRaised, raised),
    raisedRecall: ratio(foundRaised, gold),
    unsupportedP: ratio(s.headlines.unsupported.correct, s.headlines.unsupported.flagged),
    unsupportedR: ratio(s.headlines.unsupported.correct, s.headlines.unsupported.gold),
    cutShort: s.headlines.cutShort.length,
    cleanProblemRate: ratio(s.clean.withProblem, s.clean.articles),
    checkWorthyTop3: ratio(s.checkWorthy.hits, s.checkWorthy.top3),
  };
}

/** Markdown tables for the halves side by side. */
export function renderTables(halves: [string, JudgementScore][]): string {
  const nums = halves.map(([, s]) => headlineNumbers(s));
  const head = `| | ${halves.map(([name, s]) => `${name} (${s.articles} articles)`).join(' | ')} |\n|---|${halves.map(() => '---').join('|')}|`;
  const row = (label: string, f: (i: number) => string): string => `| ${label} | ${halves.map((_, i) => f(i)).join(' | ')} |`;
  const lines = [
    head,
    row('speaker accuracy (detected quotes)', (i) => `${f3(nums[i]!.speakerAccuracy)} (${nums[i]!.speakerN})`),
    row('— pronoun-attributed', (i) => `${f3(nums[i]!.pronounAccuracy)} (${nums[i]!.pronounN})`),
    row('speaker accuracy end to end (gold named speakers)', (i) => f3(nums[i]!.speakerEndToEnd)),
    row('quote detection P / R / F1 (every quotation)', (i) => `${f3(nums[i]!.quoteP)} / ${f3(nums[i]!.quoteR)} / ${f3(nums[i]!.quoteF1)}`),
    row('direct-quote detection P / R / F1', (i) => `${f3(nums[i]!.directP)} / ${f3(nums[i]!.directR)} / ${f3(nums[i]!.directF1)}`),
    row('headlines cut short', (i) => String(nums[i]!.cutShort)),
    row('unsupported-headline P / R', (i) => `${f3(nums[i]!.unsupportedP)} / ${f3(nums[i]!.unsupportedR)}`),
    row('defect findings P / R (all codes, every severity)', (i) => `${f3(nums[i]!.defectPrecision)} / ${f3(nums[i]!.defectRecall)}`),
    row('defect findings raised as problem or warning: P / R', (i) => `${f3(nums[i]!.raisedPrecision)} / ${f3(nums[i]!.raisedRecall)}`),
    row('clean mainstream articles with a problem finding', (i) => `${f3(nums[i]!.cleanProblemRate)} (${halves[i]![1].clean.withProblem} of ${halves[i]![1].clean.articles})`),
    row('check-worthy top 3 that are labelled claims', (i) => `${f3(nums[i]!.checkWorthyTop3)} (${halves[i]![1].checkWorthy.top3})`),
  ];
  const cues = [...new Set(halves.flatMap(([, s]) => Object.keys(s.speakers)))].sort();
  const cueLines = [
    `\nSpeaker accuracy by gold cue:\n\n| cue | ${halves.map(([n]) => n).join(' | ')} |\n|---|${halves.map(() => '---').join('|')}|`,
    ...cues.map((c) => row(c, (i) => {
      const v = halves[i]![1].speakers[c];
      return v ? `${f3(ratio(v.correct, v.n))} (${v.n})` : '–';
    })),
  ];
  const codes = [...new Set(halves.flatMap(([, s]) => Object.keys(s.codes)))].sort();
  const codeLines = [
    `\nFinding codes (span-matched; severities as emitted):\n\n| code | ${halves.map(([n]) => `${n}: emitted (problem/warning/info), precision, precision of problem+warning`).join(' | ')} |\n|---|${halves.map(() => '---').join('|')}|`,
    ...codes.map((code) => row(code, (i) => {
      const c = halves[i]![1].codes[code];
      return c ? `${c.emitted} (${c.problem}/${c.warning}/${c.info}), ${f3(ratio(c.correct, c.emitted))}, ${c.problem + c.warning ? f3(ratio(c.correctRaised, c.problem + c.warning)) : '–'}` : '–';
    })),
  ];
  const types = Object.keys(CODES_FOR_DEFECT);
  const recallLines = [
    `\nRecall of labelled defects:\n\n| defect | ${halves.map(([n]) => `${n}: found of gold`).join(' | ')} |\n|---|${halves.map(() => '---').join('|')}|`,
    ...types.map((t) => row(t, (i) => {
      const d = halves[i]![1].defects[t];
      return d ? `${d.found} of ${d.gold} (${f3(ratio(d.found, d.gold))})` : '0 of 0';
    })),
  ];
  return [...lines, ...cueLines, ...codeLines, ...recallLines].join('\n');
}

/**
 * The "Measured on real articles" section of an analyzer's README: its codes' counts and precision
 * on both halves, and recall of the defects they report. Replaced in place between markers.
 */
export function readmeSection(analyzer: string, halves: [string, JudgementScore][], stamp: string): string | undefined {
  const codes = [...new Set(halves.flatMap(([, s]) => Object.keys(s.codes)))].filter((c) => c.startsWith(`${analyzer}/`)).sort();
  if (!codes.length) return undefined;
  const cell = (c: Counts | undefined): string =>
    c ? `${c.emitted} (${c.problem}/${c.warning}/${c.info}) · P ${f3(ratio(c.correct, c.emitted))}${c.problem + c.warning ? ` · raised P ${f3(ratio(c.correctRaised, c.problem + c.warning))}` : ''}` : '–';
  const lines = [
    `<!-- judgement -->`,
    `## Measured on real articles`,
    '',
    `_Written by \`factlens eval judgement --write\` (${stamp}); the blind-labelled development set of 170 real articles, labels/judgement. "raised P" is the precision of the problem and warning findings; severities are set from the check half (problem ≥ 0.9, warning ≥ 0.7)._`,
    '',
    `| code | ${halves.map(([n]) => `${n}: emitted (problem/warning/info) · precision`).join(' | ')} |`,
    `|---|${halves.map(() => '---').join('|')}|`,
    ...codes.map((code) => `| \`${code.slice(analyzer.length + 1)}\` | ${halves.map(([, s]) => cell(s.codes[code])).join(' | ')} |`),
  ];
  const types = Object.entries(CODES_FOR_DEFECT).filter(([, cs]) => cs.some((c) => c.startsWith(`${analyzer}/`))).map(([t]) => t);
  if (types.length) {
    lines.push('', `| labelled defect | ${halves.map(([n]) => `${n}: found of gold (recall)`).join(' | ')} |`, `|---|${halves.map(() => '---').join('|')}|`);
    for (const t of types) lines.push(`| ${t} | ${halves.map(([, s]) => { const d = s.defects[t]; return d ? `${d.found} of ${d.gold} (${f3(ratio(d.found, d.gold))})` : '0 of 0'; }).join(' | ')} |`);
  }
  lines.push(`<!-- /judgement -->`);
  return lines.join('\n');
}

/** Replaces the judgement section of a README (or appends it). */
export function withReadmeSection(readme: string, section: string): string {
  const begin = readme.indexOf('<!-- judgement -->');
  const end = readme.indexOf('<!-- /judgement -->');
  if (begin >= 0 && end > begin) return `${readme.slice(0, begin)}${section}${readme.slice(end + '<!-- /judgement -->'.length)}`;
  return `${readme.trimEnd()}\n\n${section}\n`;
}

/** What went wrong on the tuning half, for the one reading the rules. */
function errorsOf(kind: string, name: string, label: ArticleLabel, report: Report): string[] {
  const out: string[] = [];
  const text = report.article.text;
  if (kind === 'speakers' || kind === 'quotes') {
    const entities = new Map(report.nlp.entities.map((e) => [e.id, e]));
    const detected = report.nlp.quotes.filter((q) => q.kind !== 'indirect');
    let from = 0;
    for (const q of label.quotes) {
      const at = text.indexOf(q.quote.trim(), from);
      if (at < 0) continue;
      from = at + 1;
      const d = detected.find((x) => x.contentSpan.start < at + q.quote.length && at < x.contentSpan.end);
      if (!d) {
        if (kind === 'quotes') out.push(`${name} MISSED [${q.kind}] «${q.quote.slice(0, 70)}»`);
        continue;
      }
      if (kind !== 'speakers') continue;
      const e = d.speaker?.entity ? entities.get(d.speaker.entity) : undefined;
      const names = e ? [e.name, ...e.aliases] : [];
      const ok = q.speaker ? names.length > 0 && sameSpeaker(q.speaker, names) : names.length === 0;
      if (!ok) out.push(`${name} [${q.cue}${q.antecedent ? `→${q.antecedent}` : ''}] gold=${q.speaker} got=${e?.name ?? d.speaker?.name ?? '-'} (${d.kind}, ${d.speaker?.via ?? ''}) «${q.quote.slice(0, 60)}»`);
    }
    if (kind === 'quotes') {
      for (const d of detected) {
        const content = text.slice(d.contentSpan.start, d.contentSpan.end);
        if (!label.quotes.some((q) => content.includes(q.quote.trim().slice(0, 20)) || q.quote.includes(content.slice(0, 20)))) {
          out.push(`${name} EXTRA [${d.kind}] «${content.slice(0, 70)}»`);
        }
      }
    }
  } else {
    for (const f of report.findings) {
      if (f.severity === 'info' && kind !== 'all') continue;
      out.push(`${name} ${f.severity} ${f.analyzer}/${f.code} «${(f.quote ?? '').slice(0, 60)}» ${f.message.slice(0, 80)}`);
    }
    for (const d of label.defects) out.push(`${name}   gold ${d.type}${d.grade ? `/${d.grade}` : ''} «${d.snippet.slice(0, 60)}»`);
    out.push(`${name}   gold headline ${label.headline.support}`);
  }
  return out;
}

export const judgementEvalTask: Task = {
  name: 'judgement',
  summary: 'findings, quotes, speakers and headlines against blind labels of real articles',
  usage: `Usage: factlens eval judgement [--data <labels dir>] [--corpora <data dir>] [--json] [--write] [--errors speakers|quotes|findings]

Runs factlens (shipped models, no corpus) on the real articles of the judgement development set
(labels/judgement: 170 articles from five corpora, labelled blind; see its GUIDELINES.md) and reports,
for the tuning half and the check half apart: per finding code precision and span-matched recall,
speaker accuracy by cue, quote detection, headline support, headlines cut short, the check-worthy top
three, and the share of mainstream "mostly true" articles given a problem finding.
  --data <dir>      the labels folder (default labels/judgement)
  --corpora <dir>   the article corpora (default ../shared/data)
  --errors <kind>   list the mismatches of the TUNING half (never the check half)
  --write           replace the "judgement" section of docs/BENCHMARKS.md
  --json            print the scores as JSON
`,
  async run(args, io) {
    const { values } = parseCommandArgs('eval judgement', args, {
      data: { type: 'string', default: 'labels/judgement' },
      corpora: { type: 'string', default: '../shared/data' },
      errors: { type: 'string' },
      json: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
    });
    const dir = resolve(values.data);
    if (!existsSync(dir)) throw new FactlensError('input-invalid', `Labels folder ${values.data} does not exist.`);
    const corpora = resolve(values.corpora);
    if (!existsSync(corpora)) throw new FactlensError('input-invalid', `Corpora folder ${values.corpora} does not exist (the judgement articles are read from it).`);
    const { map, labels } = readLabels(dir);
    const articles = articlesOf(corpora, map);
    const models = await loadShippedModels();
    const halves = { tune: emptyScore(), check: emptyScore() };
    const errors: string[] = [];
    const progress = createProgress(io, 'eval judgement', labels.length);
    for (const { label } of labels) {
      const article = articles.get(label.article);
      progress.tick();
      if (!article) continue;
      const score = halves[article.split];
      let report: Report;
      try {
        report = await analyze({ text: article.text }, { services: { models } });
      } catch (err) {
        score.refused.push(`${label.article}: ${(err as Error).message}`);
        continue;
      }
      scoreArticle(score, article, label, report);
      if (values.errors && article.split === 'tune') errors.push(...errorsOf(values.errors, label.article, label, report));
    }
    progress.done();
    const tables = renderTables([
      ['tuning half', halves.tune],
      ['check half', halves.check],
    ]);
    if (values.json) io.stdout.write(`${JSON.stringify({ tune: { ...halves.tune, summary: headlineNumbers(halves.tune) }, check: { ...halves.check, summary: headlineNumbers(halves.check) } }, null, 2)}\n`);
    else io.stdout.write(`${tables}\n`);
    if (errors.length) io.stdout.write(`\nMismatches on the tuning half (${values.errors}):\n${errors.join('\n')}\n`);
    const refused = [...halves.tune.refused, ...halves.check.refused];
    if (refused.length && !values.json) io.stdout.write(`\nRefused: ${refused.join('; ')}\n`);
    if (values.write) {
      const problemList = halves.check.clean.problemFindings.slice(0, 12).map((p) => `- ${p}`).join('\n');
      await writeBenchmarkSection(
        'judgement',
        'Judgement on real articles (blind-labelled development set)',
        `${tables}\n\nThe set: ${labels.length} real articles drawn (seeded) from BuzzFeed-Webis, Pérez-Rosas, Horne, FakeNewsNet and Golbeck, ${Object.values(halves).reduce((n, s) => n + s.clean.articles, 0)} of them mainstream or real and rated true, each labelled by reading it alone before factlens was run on it (\`labels/judgement/GUIDELINES.md\`). Rules were tuned on the tuning half only; the check half is measured, never read. Full pipeline with the shipped models, no corpus (so source, provenance, evidence and fact-check findings do not occur). A finding is correct when its span overlaps a labelled defect of its type; speakers match on the last name (titles dropped; different given names differ); an unnamed source counts as no speaker.${refused.length ? ` Refused: ${refused.join('; ')}.` : ''}${problemList ? `\n\nProblem findings on clean mainstream articles of the check half:\n${problemList}` : ''}`,
        'factlens eval judgement --write',
      );
      // each analyzer's README shows its own rows
      const stamp = new Date().toISOString().slice(0, 10);
      const pairs: [string, JudgementScore][] = [
        ['tuning half', halves.tune],
        ['check half', halves.check],
      ];
      for (const analyzer of new Set(Object.keys({ ...halves.tune.codes, ...halves.check.codes }).map((c) => c.split('/')[0]!))) {
        const readme = join('src', 'analyzers', analyzer, 'README.md');
        const section = readmeSection(analyzer, pairs, stamp);
        if (section && existsSync(readme)) writeFileSync(readme, withReadmeSection(readFileSync(readme, 'utf8'), section));
      }
    }
    return 0;
  },
};
