/**
 * The distributed batch under faults, on the real PostgreSQL (127.0.0.1:5432, database test; each
 * test in a schema of its own, dropped afterwards): worker processes are killed with SIGKILL at
 * random moments, their connections are cut by the server, a poison article keeps failing — and the
 * run still completes with every item once, equal to an uninterrupted local run. Skipped, with the
 * reason, only when PostgreSQL cannot be reached.
 *
 * The server is not restarted here: it is shared with every other test and developer on the
 * machine, and restarting it needs root. Instead every backend connection of the workers is
 * terminated with pg_terminate_backend, which a worker sees exactly as it sees a restart (its
 * connections drop; new ones succeed once the server answers) — docs/scale.md says so.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../src/cli/main.js';
import { openQueue, type QueueConnection } from '../src/queue/connection.js';
import { type RunStatus, runStatus } from '../src/queue/runs.js';
import { onTestServer, postgresUnavailable, TEST_PG_URL, testSchemaName } from '../src/store/test-backends.js';
import { captureIo } from './capture-io.js';
import { type CliProcess, sleep, smallArticle, stableLine, startCli, writeArticles } from './processes.js';

const unavailable = await postgresUnavailable();
if (unavailable) process.stderr.write(`# queue fault tests skipped: ${unavailable}\n`);

const dir = mkdtempSync(join(tmpdir(), 'factlens-queue-'));
const schemas: string[] = [];
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!unavailable) await onTestServer(async (c) => {
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  });
});

/** A queue URL in a fresh schema. */
function freshQueue(): { url: string; schema: string } {
  const schema = testSchemaName();
  schemas.push(schema);
  return { url: `${TEST_PG_URL}?schema=${schema}`, schema };
}

const lines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter(Boolean);

async function enqueue(url: string, input: string, run: string, extra: string[]): Promise<void> {
  const io = captureIo({ cwd: dir });
  assert.equal(await main(['batch', input, '--queue', url, '--run', run, ...extra], io), 0, io.err());
}

/** A worker process; `inThread` skips the analysis thread (a faster start, no time budget). */
function startWorker(url: string, name: string, inThread = false): CliProcess {
  return startCli(['worker', '--queue', url, '--check-stalled-every', '1', '--name', name, ...(inThread ? ['--workers', '0'] : [])], { cwd: dir });
}

async function waitReady(p: CliProcess): Promise<void> {
  const started = Date.now();
  while (!/analysis (thread|on the main thread)/.test(p.stderr())) {
    if (Date.now() - started > 60_000 || p.child.exitCode !== null) throw new Error(`worker did not start: ${p.stderr()}`);
    await sleep(25);
  }
}

async function waitFinished(q: QueueConnection, run: string, limitMs: number, workers: CliProcess[] = []): Promise<RunStatus> {
  const started = Date.now();
  for (;;) {
    const status = await runStatus(q, run);
    if (status.isEnqueued && status.pending === 0) return status;
    if (Date.now() - started > limitMs) {
      const { rows } = await q.pool.query(
        `SELECT j.data->>'id' AS id, j.state, j.retry_count, j.started_on, j.completed_on, j.output FROM ${q.schema}.job j
         WHERE j.data->>'run' = $1 AND NOT EXISTS (SELECT 1 FROM batch_result r WHERE r.run = $1 AND r.item_id = j.data->>'id') LIMIT 20`,
        [run],
      );
      const logs = workers.map((w) => `[exit ${w.child.exitCode ?? w.child.signalCode}] ${w.stderr().slice(-1500)}`).join('\n');
      throw new Error(`run ${run} not finished after ${limitMs} ms: ${JSON.stringify(status)}; jobs ${JSON.stringify(rows)}\n${logs}`);
    }
    await sleep(300);
  }
}

async function stopAll(workers: CliProcess[]): Promise<void> {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  await Promise.all(
    workers.map(async (w) => {
      const t = setTimeout(() => w.child.kill('SIGKILL'), 15_000);
      await w.exited;
      clearTimeout(t);
    }),
  );
}

async function exportRun(url: string, run: string): Promise<string[]> {
  const out = join(dir, `${run}-export.jsonl`);
  const io = captureIo({ cwd: dir });
  assert.equal(await main(['batch', 'export', run, '--queue', url, '-o', out], io), 0, io.err());
  return lines(out);
}

describe('distributed batch on PostgreSQL under faults', { skip: unavailable }, () => {
  it('5,000 articles, 2 workers, kill -9 of a worker 20 times: none lost, none doubled, reports equal an uninterrupted run', { timeout: 300_000 }, async () => {
    const { url } = freshQueue();
    const input = writeArticles(join(dir, 'five-thousand.jsonl'), 5000);
    const reference = join(dir, 'reference.jsonl');
    const refIo = captureIo({ cwd: dir });
    const uninterrupted = main(['batch', input, '-o', reference], refIo);
    await enqueue(url, input, 'kills', ['--stall-seconds', '5', '--timeout-ms', '2000', '--retries', '10', '--retry-delay', '1']);
    const q = await openQueue(url);
    const all: CliProcess[] = [];
    try {
      // analysis on the workers' main threads: they start in half the time, and the time budget is not under test here
      const started = Date.now();
      const slots = [0, 1].map((i) => startWorker(url, `w${i}-0`, true));
      all.push(...slots);
      let random = 4242;
      const next = (): number => {
        random = (Math.imul(random, 1103515245) + 12345) >>> 0;
        return random / 2 ** 32;
      };
      for (let kill = 0; kill < 20; kill++) {
        const slot = kill % 2;
        await waitReady(slots[slot]!);
        await sleep(100 + next() * 1100);
        slots[slot]!.child.kill('SIGKILL');
        assert.equal(await slots[slot]!.exited, 'SIGKILL');
        slots[slot] = startWorker(url, `w${slot}-${kill + 1}`, true);
        all.push(slots[slot]!);
      }
      const killedAt = Date.now();
      const status = await waitFinished(q, 'kills', 120_000, slots);
      process.stderr.write(`# 20 kills in ${((killedAt - started) / 1000).toFixed(1)} s, run finished ${((Date.now() - killedAt) / 1000).toFixed(1)} s later\n`);
      assert.equal(status.done, 5000);
      assert.equal(status.reports, 5000, JSON.stringify(status));
      const { rows } = await q.pool.query<{ n: string; retried: string }>(`SELECT count(*) AS n, count(*) FILTER (WHERE attempts > 1) AS retried FROM batch_result WHERE run = 'kills'`);
      assert.equal(Number(rows[0]!.n), 5000);
      // the kills did hit jobs in flight: some items needed a second attempt
      assert.ok(Number(rows[0]!.retried) > 0, 'no item was ever taken back from a killed worker');
      process.stderr.write(`# ${rows[0]!.retried} items analyzed again after a kill\n`);
    } finally {
      await stopAll(all);
      await q.close();
    }
    assert.equal(await uninterrupted, 0, refIo.err());
    const got = await exportRun(url, 'kills');
    const want = lines(reference);
    assert.equal(got.length, 5000);
    assert.deepEqual(got.map(stableLine), want.map(stableLine));
  });

  it('the workers lose every PostgreSQL connection mid-run (pg_terminate_backend, three times), reconnect and finish the run', { timeout: 180_000 }, async () => {
    const { url, schema } = freshQueue();
    const input = writeArticles(join(dir, 'reconnect.jsonl'), 1500);
    await enqueue(url, input, 'cuts', ['--stall-seconds', '10', '--timeout-ms', '2000', '--retry-delay', '1']);
    const q = await openQueue(url);
    const workers = [startWorker(url, 'c0'), startWorker(url, 'c1')];
    try {
      await Promise.all(workers.map(waitReady));
      let cut = 0;
      for (let round = 0; round < 3; round++) {
        const waitStarted = Date.now();
        while ((await runStatus(q, 'cuts')).done < 200 * (round + 1)) {
          if (Date.now() - waitStarted > 60_000) throw new Error(`no progress before cut ${round + 1}: ${workers.map((w) => w.stderr()).join('\n')}`);
          await sleep(100);
        }
        const { rows } = await onTestServer((c) =>
          c.query<{ n: string }>(`SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name LIKE $1`, [`factlens-queue ${schema} c%`]),
        );
        cut += Number(rows[0]!.n);
        await sleep(500);
      }
      assert.ok(cut >= 6, `only ${cut} worker connections were cut`);
      const status = await waitFinished(q, 'cuts', 120_000);
      assert.equal(status.reports, 1500, JSON.stringify(status));
      for (const w of workers) assert.equal(w.child.exitCode, null, `a worker exited: ${w.stderr()}`);
      assert.ok(workers.some((w) => /lost PostgreSQL|PostgreSQL unreachable/.test(w.stderr())), 'no worker noticed the cut');
    } finally {
      await stopAll(workers);
      await q.close();
    }
    const got = await exportRun(url, 'cuts');
    assert.deepEqual(
      got.map((l) => (JSON.parse(l) as { id: string }).id),
      Array.from({ length: 1500 }, (_, n) => `a${n}`),
    );
  });

  it('a poison article is dead-lettered with its error code after its retries, and the others finish', { timeout: 120_000 }, async () => {
    const { url } = freshQueue();
    // about 600 kB of text: far past a 300 ms budget on every attempt
    const poison = JSON.stringify({ id: 'poison', text: `${smallArticle(0)}\n\n${smallArticle(1).split('\n\n')[1]!.repeat(2500)}` });
    const input = writeArticles(join(dir, 'poison.jsonl'), 60, [poison, JSON.stringify({ id: 'after', text: smallArticle(99) })]);
    await enqueue(url, input, 'poison', ['--stall-seconds', '5', '--timeout-ms', '300', '--retries', '2', '--retry-delay', '1']);
    const q = await openQueue(url);
    const worker = startWorker(url, 'p0');
    try {
      const status = await waitFinished(q, 'poison', 90_000);
      assert.deepEqual(status.deadLetters, { 'analysis-timeout': 1 });
      assert.equal(status.reports, 61);
      const { rows } = await q.pool.query<{ status: string; error_code: string; attempts: number }>(`SELECT status, error_code, attempts FROM batch_result WHERE run = 'poison' AND item_id = 'poison'`);
      assert.deepEqual(rows, [{ status: 'dead', error_code: 'analysis-timeout', attempts: 3 }]);
      assert.match(worker.stderr(), /1 item dead-lettered \(analysis-timeout\)/);
    } finally {
      await stopAll([worker]);
      await q.close();
    }
    const got = await exportRun(url, 'poison');
    assert.equal(got.length, 62);
    const dead = JSON.parse(got[60]!) as { id: string; error: { code: string; message: string } };
    assert.equal(dead.id, 'poison');
    assert.equal(dead.error.code, 'analysis-timeout');
    assert.match(dead.error.message, /longer than 300 ms/);
    assert.equal((JSON.parse(got[61]!) as { id: string }).id, 'after');
  });
});
