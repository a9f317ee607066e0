/**
 * `npm run fuzz -- --count N --seed S [--only I,J] [--max-kb K] [--no-models] [--write]`: runs N
 * seeded hostile inputs (src/eval/fuzz.ts) through `analyze` — ingest, NLP, every analyzer, the
 * verdict — on a worker thread, each held to a time budget (2 s + 4 ms per KB; past four budgets
 * the worker is stopped and the input counted as a hang). Prints the outcome counts, the slowest
 * inputs per KB, a growth check on those (an input at most 3× the time of its first half), and every
 * crash, hang or over-budget input with the command that makes it again. With --write, replaces
 * its section of docs/BENCHMARKS.md. Exits 1 when any input crashed, hung, went over budget or
 * grew super-linearly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { writeBenchmarkSection } from '../src/eval/benchmarks-doc.js';
import { countOutcomes, type FuzzResult, problems, runFuzz } from '../src/eval/fuzz-run.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    'max-kb': { type: 'string', default: '256' },
    'budget-ms': { type: 'string', default: '2000' },
    'budget-per-kb-ms': { type: 'string', default: '4' },
    'no-models': { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
  },
});

const seed = Number(values.seed);
const count = Number(values.count);
const only = values.only?.split(',').map(Number);
const maxBytes = Number(values['max-kb']) * 1024;
const budgetBaseMs = Number(values['budget-ms']);
const budgetPerKbMs = Number(values['budget-per-kb-ms']);
if (![seed, count, maxBytes, budgetBaseMs, budgetPerKbMs].every(Number.isFinite) || only?.some((i) => !Number.isInteger(i) || i < 0)) {
  console.error('usage: npm run fuzz -- --count N --seed S [--only I,J] [--max-kb K] [--budget-ms MS] [--budget-per-kb-ms MS] [--no-models] [--write]');
  process.exit(2);
}

const dir = new URL('../test/fixtures/articles/', import.meta.url);
const articles = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));

const loads: number[] = [loadavg()[0]!];
const sampler = setInterval(() => loads.push(loadavg()[0]!), 5000);
const summary = await runFuzz({
  seed,
  count,
  only,
  maxBytes,
  budgetBaseMs,
  budgetPerKbMs,
  articles,
  hasModels: !values['no-models'],
  onProgress: (done, total, last) => {
    if (last.outcome === 'crash' || last.outcome === 'hang' || last.outcome === 'over-budget') process.stderr.write(`\n${describe(last)}\n`);
    if (done % 50 === 0 || done === total) process.stderr.write(`\r${done}/${total}   `);
  },
});
clearInterval(sampler);
loads.push(loadavg()[0]!);
process.stderr.write('\n');

function describe(r: FuzzResult): string {
  const what = r.outcome === 'error' ? `error ${r.code}` : r.outcome;
  const detail = r.message ? `: ${r.message}` : '';
  return `#${r.index} ${r.kind} ${(r.bytes / 1024).toFixed(1)} KB ${what} in ${r.ms.toFixed(0)} ms (budget ${r.budgetMs.toFixed(0)} ms)${detail}\n  again: npm run fuzz -- --seed ${seed} --only ${r.index}${values['max-kb'] === '256' ? '' : ` --max-kb ${values['max-kb']}`}${values['no-models'] ? ' --no-models' : ''}`;
}

const counts = countOutcomes(summary.results);
const bad = problems(summary);
const superLinear = summary.growth.filter((g) => g.isSuperLinear);
const slowest = [...summary.results].filter((r) => r.bytes >= 1024).sort((a, b) => b.msPerKb - a.msPerKb).slice(0, 10);
const byKind = new Map<string, { n: number; bytes: number; ms: number; maxMs: number }>();
for (const r of summary.results) {
  const k = byKind.get(r.kind) ?? { n: 0, bytes: 0, ms: 0, maxMs: 0 };
  k.n++;
  k.bytes += r.bytes;
  k.ms += r.ms;
  k.maxMs = Math.max(k.maxMs, r.ms);
  byKind.set(r.kind, k);
}
const fmtLoad = `load average (1 min) ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} on this machine during the run`;

const body = `${summary.count} inputs, seed ${seed}, up to ${values['max-kb']} KB each, ${values['no-models'] ? 'rules only' : 'with the shipped models'}; ${(summary.wallMs / 1000).toFixed(0)} s; ${fmtLoad}. Each input runs through \`analyze\` on a worker thread; budget ${budgetBaseMs} ms + ${budgetPerKbMs} ms per KB (an input over it is timed three times, the fastest counts), a hang past four budgets (at least 10 s).

| outcome | inputs |
|---|---|
${[...counts].map(([k, n]) => `| ${k} | ${n} |`).join('\n')}

| kind | inputs | mean KB | mean ms | max ms |
|---|---|---|---|---|
${[...byKind]
  .sort((a, b) => a[0].localeCompare(b[0]))
  .map(([k, v]) => `| ${k} | ${v.n} | ${(v.bytes / v.n / 1024).toFixed(1)} | ${(v.ms / v.n).toFixed(1)} | ${v.maxMs.toFixed(0)} |`)
  .join('\n')}

Slowest inputs per KB (inputs of 1 KB or more):

| input | kind | KB | ms | ms per KB | outcome |
|---|---|---|---|---|---|
${slowest.map((r) => `| #${r.index} | ${r.kind} | ${(r.bytes / 1024).toFixed(1)} | ${r.ms.toFixed(0)} | ${r.msPerKb.toFixed(2)} | ${r.outcome === 'error' ? r.code : r.outcome} |`).join('\n')}

Growth check on the slowest per KB of 8 KB or more (fastest of three runs of the input and of its first half; linear work takes 2×, quadratic 4×, more than 3× is called super-linear):

| input | kind | KB | first half, ms | whole, ms | ratio |
|---|---|---|---|---|---|
${summary.growth.map((g) => `| #${g.index} | ${g.kind} | ${(g.bytes / 1024).toFixed(1)} | ${g.halfMs.toFixed(1)} | ${g.ms.toFixed(1)} | ${g.ratio.toFixed(2)}${g.isSuperLinear ? ' (super-linear)' : ''} |`).join('\n')}

Crashes, hangs and inputs over budget: ${bad.length === 0 ? 'none' : bad.map((r) => `#${r.index} (${r.kind}, ${r.outcome})`).join(', ')}. Super-linear: ${superLinear.length === 0 ? 'none' : superLinear.map((g) => `#${g.index}`).join(', ')}.`;

console.log(body);
for (const r of bad) console.log(`\n${describe(r)}${r.stack ? `\n${r.stack}` : ''}`);
if (values.write) await writeBenchmarkSection('fuzz', 'Fuzzing', body, `npm run fuzz -- --count ${count} --seed ${seed} --write`);
process.exitCode = bad.length > 0 || superLinear.length > 0 ? 1 : 0;
