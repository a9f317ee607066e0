/**
 * `npm run bench:queue`: the distributed batch measured against the local one, on this machine's
 * PostgreSQL (127.0.0.1:5432, database test, a schema of its own per pass, dropped afterwards).
 * Writes the "bench-queue" section of docs/BENCHMARKS.md.
 *
 * Articles: the bundled example and fixture articles, each copy given one sentence of its own so
 * that every item has its own content hash (--articles N, default 1,200).
 * 1. Local batch, one process: --workers 1 and --workers 2, in turn, twice (is a second analysis
 *    thread faster on this machine?).
 * 2. Queue: enqueue (batch --queue), then 1 and then 2 `factlens worker` processes (one analysis
 *    thread each) drain the run; export. Throughput from the moment the workers are ready until the
 *    last result is stored.
 * 3. Overhead of the queue and the result store per article as a share of the analysis: CPU time
 *    (user + system, from /proc) of the worker process and of the PostgreSQL backends serving it
 *    while the run drains, against the CPU time a local batch process (reading the same articles
 *    on stdin, after one warm-up article) spends on them; and the same in wall time. Storage per
 *    article from the tables' sizes.
 * Linux only (/proc). Options: --articles N, --no-write.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { writeBenchmarkSection } from '../src/eval/benchmarks-doc.js';
import { openQueue } from '../src/queue/connection.js';
import { runStatus } from '../src/queue/runs.js';

const { values: opts } = parseArgs({ options: { articles: { type: 'string', default: '1200' }, 'no-write': { type: 'boolean', default: false } } });
const N = Number(opts.articles);
const PG = process.env.FACTLENS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'test', 'run-cli.ts');
const TSX = import.meta.resolve('tsx');
const dir = mkdtempSync(join(tmpdir(), 'factlens-bench-queue-'));
const log = (s: string): void => void process.stderr.write(`${s}\n`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** CPU seconds (user + system) of a process so far, children and threads included. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime, stime are fields 14 and 15 (1-based) of the whole line: 12 and 13 after the name
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function articles(): string {
  const sources = ['examples/aegean-standoff.txt', 'test/fixtures/articles/all-defects.txt', 'test/fixtures/articles/clean-wire.txt', 'test/fixtures/articles/mixed.txt'].map((p) =>
    readFileSync(join(ROOT, p), 'utf8').trim(),
  );
  const lines = Array.from({ length: N }, (_, n) => {
    const text = `${sources[n % sources.length]}\n\nUpdate ${n}: the figures will be published on day ${1 + (n % 28)} of next month, a spokesman said.`;
    return JSON.stringify({ id: `b${n}`, text, published: '2016-03-09' });
  });
  const path = join(dir, 'articles.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Runs the CLI as a child process; resolves with wall seconds and the CPU seconds it used. */
function runCli(args: string[]): Promise<{ seconds: number; cpu: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd: dir, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let cpu = 0;
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
    });
    const sample = setInterval(() => (cpu = Math.max(cpu, cpuSeconds(child.pid!))), 50);
    child.on('exit', (code) => {
      clearInterval(sample);
      if (code !== 0) reject(new Error(`factlens ${args.join(' ')} exited ${code}: ${err}`));
      else resolve({ seconds: (performance.now() - started) / 1000, cpu, stderr: err });
    });
  });
}

/**
 * A local batch measured as the workers are: `factlens batch -` reading stdin, timed from its
 * first output line (one warm-up article: services loaded, thread started) to its last, with the
 * CPU time it used in between.
 */
function runLocal(input: string, workers: number): Promise<{ seconds: number; cpu: number }> {
  const lines = readFileSync(input, 'utf8').trim().split('\n');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, CLI, 'batch', '-', '--workers', String(workers), '--concurrency', String(workers)], {
      cwd: dir,
      env: { ...process.env, CI: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let seen = 0;
    let rest = '';
    let t0 = 0;
    let cpu0 = 0;
    child.stdout.on('data', (b: Buffer) => {
      rest += b.toString();
      const parts = rest.split('\n');
      rest = parts.pop()!;
      for (const _ of parts) {
        seen++;
        if (seen === 1) {
          t0 = performance.now();
          cpu0 = cpuSeconds(child.pid!);
          child.stdin.end(`${lines.join('\n')}\n`);
        } else if (seen === lines.length + workers) {
          resolve({ seconds: (performance.now() - t0) / 1000, cpu: cpuSeconds(child.pid!) - cpu0 });
        }
      }
    });
    child.on('exit', (code) => {
      if (seen !== lines.length + workers) reject(new Error(`local batch exited ${code} after ${seen} lines`));
    });
    // as many warm-up articles as the batch keeps in flight: its first line comes out after them
    for (let i = 0; i < workers; i++) child.stdin.write(`${lines[i]!.replace(`"id":"b${i}"`, `"id":"warm-up-${i}"`)}\n`);
  });
}

async function backendPids(schema: string, client: pg.Client): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name LIKE $1`, [`factlens-queue ${schema} q%`]);
  return rows.map((r) => r.pid);
}

interface QueuePass {
  workers: number;
  enqueueSeconds: number;
  drainSeconds: number;
  exportSeconds: number;
  workerCpu: number;
  pgCpu: number;
  bytesPerArticle: number;
}

async function queuePass(input: string, workers: number): Promise<QueuePass> {
  const schema = `factlens_bench_${process.pid}_${workers}_${Date.now() % 100000}`;
  const url = `${PG}?schema=${schema}`;
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  try {
    const enq = await runCli(['batch', input, '--queue', url, '--run', 'bench']);
    const children = Array.from({ length: workers }, (_, i) =>
      spawn(process.execPath, ['--import', TSX, CLI, 'worker', '--queue', url, '--name', `q${i}`], { cwd: dir, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'] }),
    );
    const errs = children.map(() => '');
    children.forEach((c, i) => {
      c.stderr.on('data', (b: Buffer) => {
        errs[i] += b.toString();
      });
    });
    while (!errs.every((e) => /analysis thread/.test(e))) await sleep(20);
    // the workers start on the run as soon as they are ready: count from then
    const started = performance.now();
    const cpu0 = children.map((c) => cpuSeconds(c.pid!));
    const q = await openQueue(url);
    let pids = await backendPids(schema, admin);
    const pg0 = new Map(pids.map((p) => [p, cpuSeconds(p)]));
    for (;;) {
      const s = await runStatus(q, 'bench');
      const seen = await backendPids(schema, admin);
      for (const p of seen) if (!pg0.has(p)) pg0.set(p, 0);
      pids = [...new Set([...pids, ...seen])];
      if (s.pending === 0) break;
      await sleep(100);
    }
    const drainSeconds = (performance.now() - started) / 1000;
    const workerCpu = children.reduce((sum, c, i) => sum + cpuSeconds(c.pid!) - cpu0[i]!, 0);
    const pgCpu = pids.reduce((sum, p) => sum + Math.max(0, cpuSeconds(p) - (pg0.get(p) ?? 0)), 0);
    const { rows } = await q.pool.query<{ bytes: string }>(
      `SELECT sum(pg_total_relation_size(c.oid)) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`,
      [schema],
    );
    await q.close();
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => c.on('exit', r))));
    const exp = await runCli(['batch', 'export', 'bench', '--queue', url, '-o', join(dir, `export-${workers}.jsonl`)]);
    return { workers, enqueueSeconds: enq.seconds, drainSeconds, exportSeconds: exp.seconds, workerCpu, pgCpu, bytesPerArticle: Number(rows[0]!.bytes) / N };
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await admin.end();
  }
}

async function main(): Promise<void> {
  const input = articles();
  const load = (): string => loadavg()[0]!.toFixed(1);
  log(`bench:queue: ${N} articles`);
  const local: Record<number, { seconds: number; cpu: number }[]> = { 1: [], 2: [] };
  const queue: Record<number, QueuePass[]> = { 1: [], 2: [] };
  const loads: string[] = [];
  for (let rep = 0; rep < 2; rep++) {
    for (const w of [1, 2]) {
      const r = await runLocal(input, w);
      local[w]!.push(r);
      log(`local --workers ${w}: ${r.seconds.toFixed(1)} s wall, ${r.cpu.toFixed(1)} s CPU (load ${load()})`);
    }
    for (const w of [1, 2]) {
      const p = await queuePass(input, w);
      queue[w]!.push(p);
      log(`queue, ${w} worker process(es): drain ${p.drainSeconds.toFixed(1)} s, worker CPU ${p.workerCpu.toFixed(1)} s, PostgreSQL CPU ${p.pgCpu.toFixed(1)} s (load ${load()})`);
    }
    loads.push(load());
  }
  const best = <T>(xs: T[], key: (x: T) => number): T => xs.reduce((a, b) => (key(b) < key(a) ? b : a));
  const l1 = best(local[1]!, (x) => x.seconds);
  const l2 = best(local[2]!, (x) => x.seconds);
  const q1 = best(queue[1]!, (x) => x.drainSeconds);
  const q2 = best(queue[2]!, (x) => x.drainSeconds);
  // the wall-time ratio from passes run back to back (local, then queue, in each round)
  const wallRatios = local[1]!.map((l, i) => queue[1]![i]!.drainSeconds / l.seconds - 1);
  const ms = (s: number): string => ((1000 * s) / N).toFixed(2);
  const analysisCpu = Math.min(...local[1]!.map((x) => x.cpu));
  const queueCpu = Math.min(...queue[1]!.map((x) => x.workerCpu + x.pgCpu));
  const cpuShare = (queueCpu - analysisCpu) / analysisCpu;
  const wallShare = Math.min(...wallRatios);
  const body = `${N} articles (the bundled example and fixture articles, 0.6–1.6 kB of text, each with a sentence of its own), full pipeline with the shipped models, no corpus. Two rounds of local --workers 1, 2, queue with 1, 2 worker processes; the faster pass of each is shown; times run from a warmed-up process (services loaded) to the last result. Load average after each round: ${loads.join(', ')} (the machine's 2 cores are shared).

| | wall per article | articles/s | CPU per article |
|---|---|---|---|
| local batch, --workers 1 | ${ms(l1.seconds)} ms | ${(N / l1.seconds).toFixed(0)} | ${ms(analysisCpu)} ms |
| local batch, --workers 2 | ${ms(l2.seconds)} ms | ${(N / l2.seconds).toFixed(0)} | ${ms(Math.min(...local[2]!.map((x) => x.cpu)))} ms |
| queue, 1 worker process | ${ms(q1.drainSeconds)} ms | ${(N / q1.drainSeconds).toFixed(0)} | ${ms(q1.workerCpu)} ms worker + ${ms(q1.pgCpu)} ms PostgreSQL |
| queue, 2 worker processes | ${ms(q2.drainSeconds)} ms | ${(N / q2.drainSeconds).toFixed(0)} | ${ms(q2.workerCpu)} ms workers + ${ms(q2.pgCpu)} ms PostgreSQL |

- **Queue and store overhead per article, as a share of the analysis:** ${(100 * cpuShare).toFixed(1)}% in CPU time (worker process + its PostgreSQL backends, ${ms(queueCpu)} ms, against the local batch's ${ms(analysisCpu)} ms for the same articles); ${(100 * wallShare).toFixed(1)}% in wall time (1 worker process against local --workers 1 in the same round; the rounds gave ${wallRatios.map((r) => `${(100 * r).toFixed(1)}%`).join(', ')}). Goal: ≤ 10%.
- Enqueueing: ${ms(q1.enqueueSeconds)} ms per article (whole command, start-up included); export: ${ms(q1.exportSeconds)} ms per article.
- PostgreSQL storage per article (results, items, jobs with their payload, indexes): ${(q1.bytesPerArticle / 1024).toFixed(1)} kB.
- A second analysis thread (local --workers 2) ${l2.seconds < l1.seconds ? `is ${(l1.seconds / l2.seconds).toFixed(2)}× as fast` : `is not faster (${(l1.seconds / l2.seconds).toFixed(2)}× the speed of one)`}; a second worker process gives ${(q1.drainSeconds / q2.drainSeconds).toFixed(2)}× the throughput of one.`;
  process.stdout.write(`${body}\n`);
  if (!opts['no-write']) await writeBenchmarkSection('bench-queue', 'Distributed batch on PostgreSQL (pg-boss)', body, 'npm run bench:queue');
}

main()
  .catch((err: unknown) => {
    log(`bench:queue failed: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => {
    rmSync(dir, { recursive: true, force: true });
  });
