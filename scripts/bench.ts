/**
 * `npm run bench`: articles per second of the full `check` pipeline (ingest → nlp → analyzers →
 * verdict, in one process = one core) over ≥ 1,000 articles, against a floor of a bare regex
 * sentence split + tokenize over the same articles, and the CPU time per article: of the main
 * thread (process.threadCpuUsage where Node has it, else /proc/thread-self/stat on Linux) and of
 * the whole process (process.cpuUsage: the collector's and other threads' work too). CPU time, not
 * wall time, is the cost on a shared machine: other processes slow the clock, not the CPU count.
 * Min / median / max of several runs (at least three, BENCH_RUNS), with the load average sampled
 * during the run. Writes its section of docs/BENCHMARKS.md.
 *
 * Articles: the BuzzFeed-Webis corpus in ../shared/data when present (real news, median ≈ 2.4 KB —
 * the size of the canonical case); otherwise the fixture articles, varied, repeated to 1,000.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/analyze.js';
import { loadShippedModels } from '../src/models/index.js';
import { writeBenchmarkSection } from '../src/eval/benchmarks-doc.js';

const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 5));
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

/** CPU microseconds so far: the whole process, and the calling thread (undefined where it cannot be read). */
interface CpuReading {
  processUs: number;
  threadUs?: number;
}

type ThreadCpuUsage = () => { user: number; system: number };
const threadCpuUsage = (process as unknown as { threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage;
/** Linux reports thread times in clock ticks, 100 a second on every mainstream kernel configuration. */
const CLOCK_TICKS_PER_S = 100;
const THREAD_STAT = '/proc/thread-self/stat';
const threadCpuSource = threadCpuUsage ? 'process.threadCpuUsage' : existsSync(THREAD_STAT) ? '/proc/thread-self/stat' : undefined;

function readCpu(): CpuReading {
  const p = process.cpuUsage();
  const processUs = p.user + p.system;
  if (threadCpuUsage) {
    const t = threadCpuUsage();
    return { processUs, threadUs: t.user + t.system };
  }
  if (!threadCpuSource) return { processUs };
  // fields after the ")" of the command name: state is field 3, utime 14 and stime 15
  const stat = readFileSync(THREAD_STAT, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { processUs, threadUs: (ticks * 1e6) / CLOCK_TICKS_PER_S };
}

/** One timed pass: wall-clock rate and CPU milliseconds per article. */
interface Pass {
  rate: number;
  processMs: number;
  threadMs?: number;
}

function measure(count: number, t0: number, c0: CpuReading): Pass {
  const wallS = (performance.now() - t0) / 1000;
  const c1 = readCpu();
  return {
    rate: count / wallS,
    processMs: (c1.processUs - c0.processUs) / 1000 / count,
    threadMs: c0.threadUs === undefined || c1.threadUs === undefined ? undefined : (c1.threadUs - c0.threadUs) / 1000 / count,
  };
}

/** min / median / max of one measure over the passes. */
function spread(passes: Pass[], pick: (p: Pass) => number | undefined, digits: number): string {
  const xs = passes.map(pick).filter((x): x is number => x !== undefined);
  if (xs.length === 0) return 'n/a';
  return [Math.min(...xs), median(xs), Math.max(...xs)].map((x) => x.toFixed(digits)).join(' / ');
}

function medianOf(passes: Pass[], pick: (p: Pass) => number | undefined): number | undefined {
  const xs = passes.map(pick).filter((x): x is number => x !== undefined);
  return xs.length ? median(xs) : undefined;
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
  // the load average after every pass (a timer would not fire during the synchronous work)
  const loads: number[] = [loadavg()[0]!];
  const results: { name: string; passes: Pass[] }[] = [];
  const floorPasses: Pass[] = [];
  // the floor repeated to about a second a pass, so that 10 ms CPU ticks stay under 1% of it
  const t = performance.now();
  floorPass(texts);
  const floorReps = Math.max(1, Math.ceil(1000 / Math.max(1, performance.now() - t)));
  for (let r = 0; r < RUNS; r++) {
    const c0 = readCpu();
    const t0 = performance.now();
    for (let k = 0; k < floorReps; k++) floorPass(texts);
    floorPasses.push(measure(texts.length * floorReps, t0, c0));
    loads.push(loadavg()[0]!);
  }
  let failures = 0;
  for (const mode of modes) {
    // one untimed pass so the JIT has compiled the hot paths before measuring
    for (const text of texts.slice(0, 200)) await analyze({ text }, { services: mode.services, requireEnglish: false }).catch(() => undefined);
    const passes: Pass[] = [];
    for (let r = 0; r < RUNS; r++) {
      const c0 = readCpu();
      const t0 = performance.now();
      for (const text of texts) {
        try {
          await analyze({ text }, { services: mode.services, requireEnglish: false });
        } catch {
          failures++;
        }
      }
      passes.push(measure(texts.length, t0, c0));
      loads.push(loadavg()[0]!);
      process.stderr.write(`\r${mode.name}: run ${r + 1}/${RUNS} ${passes[r]!.rate.toFixed(0)} articles/s, ${(passes[r]!.threadMs ?? passes[r]!.processMs).toFixed(2)} ms CPU/article   `);
    }
    process.stderr.write('\n');
    results.push({ name: mode.name, passes });
  }
  // the ratio to the floor in CPU time: main-thread CPU where it can be read, else process CPU
  const cpuOf = (p: Pass): number => p.threadMs ?? p.processMs;
  const floorRate = medianOf(floorPasses, (p) => p.rate)!;
  const floorCpu = medianOf(floorPasses, cpuOf)!;
  const row = (name: string, passes: Pass[]): string =>
    `| ${name} | ${spread(passes, (p) => p.rate, 0)} | ${spread(passes, (p) => p.threadMs, 3)} | ${spread(passes, (p) => p.processMs, 3)} | ${(floorRate / medianOf(passes, (p) => p.rate)!).toFixed(1)} | ${(medianOf(passes, cpuOf)! / floorCpu).toFixed(1)} |`;
  const table = [
    `| pass | articles/s | main-thread CPU ms/article | process CPU ms/article | × floor, wall | × floor, CPU |`,
    '|---|---|---|---|---|---|',
    row('floor: regex sentence split + tokenize', floorPasses),
    ...results.map((r) => row(r.name, r.passes)),
  ].join('\n');
  const body = `${table}

Each cell is min / median / max of ${RUNS} passes over all the articles; the ratios are of medians. Main-thread CPU is read from ${threadCpuSource ?? 'nowhere on this platform (n/a)'}${threadCpuSource === '/proc/thread-self/stat' ? ' (10 ms ticks, summed over a pass of seconds)' : ''}; process CPU (process.cpuUsage) adds the garbage collector's and the module loader's threads. Load average (1 min) after each pass: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} on ${cpus().length} cores — articles/s is wall-clock and suffers from other processes, CPU time much less.

Articles: ${source}; ${texts.length} articles, ${(bytes / texts.length / 1024).toFixed(1)} KB mean. One process (one core), \`analyze()\` on each article in turn, all analyzers${failures ? `; ${failures / (RUNS * modes.length)} articles per run failed ingest` : ''}. Targets: ≥ 500 articles/s and within 10× of the floor.`;
  console.log(body);
  await writeBenchmarkSection('bench-pipeline', 'Pipeline throughput', body, 'npm run bench');
}

await main();
