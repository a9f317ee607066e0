/** `factlens serve`: the HTTP API and the reviewer workbench on one port. */
import { FactlensError } from '../../core/errors.js';
import { tuneGarbageCollection } from '../../core/gc.js';
import { type AnalysisPool, createAnalysisPool, defaultWorkerCount } from '../../runtime/analysis-pool.js';
import { DEFAULT_ANALYSIS_TIMEOUT_MS } from '../../runtime/deadline.js';
import { createHandler, DEFAULT_MAX_BODY_BYTES, DEFAULT_RATE_LIMIT } from '../../http/handler.js';
import { isLoopbackHost, startServer } from '../../http/server.js';
import { openWorkbench, workbenchLocation } from '../../http/workbench.js';
import { storeFrom } from '../../store/types.js';
import { parseCommandArgs, parseTimeoutMs } from '../args.js';
import type { Command } from '../command.js';
import { loadServices } from '../../services.js';

/** Default workbench database file (reports, reviews, API tokens). */
export const DEFAULT_WORKBENCH_DB = 'factlens-workbench.db';

const USAGE = `Usage: factlens serve [options]

Serve the HTTP API (POST /v1/check, /v1/reports, /openapi.json, /metrics) and the reviewer workbench.

Options:
  --host HOST              address to listen on (default 127.0.0.1); beyond loopback, every write
                           needs a token from factlens token create
  --port N                 port (default 8787; 0 picks a free one)
  --workbench-db FILE|URL  reports, reviews and tokens: a SQLite file or postgres://… (default
                           $FACTLENS_WORKBENCH_DB, else the --db database when it is PostgreSQL, so
                           servers sharing a corpus share their reports, else ./${DEFAULT_WORKBENCH_DB})
  --db FILE|URL            corpus database for source, provenance and fact-check findings and corpus search:
                           a SQLite file or postgres://USER@HOST:PORT/DB[?schema=NAME]
                           (default: $FACTLENS_DB, else the per-user corpus of factlens corpus)
  --max-body-bytes N       request body limit (default ${DEFAULT_MAX_BODY_BYTES})
  --rate-limit BURST/RATE  per-client token bucket, e.g. 60/20 (default ${DEFAULT_RATE_LIMIT.burst}/${DEFAULT_RATE_LIMIT.perSecond}); off to disable
  --workers N              analysis worker threads (default ${defaultWorkerCount()} here: one per core, 1 to 4; 0 analyzes
                           on the HTTP thread, for tests only: a slow article then holds every request,
                           /healthz included, and the time budget cannot be enforced)
  --timeout-ms N           time budget of one analysis (default ${DEFAULT_ANALYSIS_TIMEOUT_MS}); past it the worker is stopped
                           and replaced and the check answers 422 analysis-timeout
  --allow-private-network  let URL checks reach loopback/private addresses (loopback binding only)

Example:
  factlens serve --port 8787    then open http://127.0.0.1:8787/
`;

/** Parses `--rate-limit`: `off` or `BURST/PER_SECOND`. */
export function parseRateLimit(value: string | undefined): { burst: number; perSecond: number } | false {
  if (value === undefined) return DEFAULT_RATE_LIMIT;
  if (value === 'off') return false;
  const m = /^(\d{1,6})\/(\d{1,6}(?:\.\d{1,3})?)$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) throw new FactlensError('usage', `--rate-limit must be off or BURST/RATE such as 60/20, not "${value}".`);
  return { burst: Number(m[1]), perSecond: Number(m[2]) };
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the HTTP API and the reviewer workbench (127.0.0.1:8787)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('serve', args, {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8787' },
      'workbench-db': { type: 'string' },
      db: { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'rate-limit': { type: 'string' },
      workers: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'allow-private-network': { type: 'boolean', default: false },
    });
    if (positionals.length) throw new FactlensError('usage', 'serve takes no positional arguments. Run factlens serve --help.');
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new FactlensError('usage', '--port must be an integer from 0 to 65535.');
    const maxBodyBytes = values['max-body-bytes'] ? Number(values['max-body-bytes']) : DEFAULT_MAX_BODY_BYTES;
    if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024) throw new FactlensError('usage', '--max-body-bytes must be an integer of at least 1024.');
    const rateLimit = parseRateLimit(values['rate-limit']);
    const workers = values.workers === undefined ? defaultWorkerCount() : Number(values.workers);
    if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new FactlensError('usage', '--workers must be an integer from 0 to 64.');
    const timeoutMs = parseTimeoutMs(values['timeout-ms'], DEFAULT_ANALYSIS_TIMEOUT_MS);
    if (timeoutMs < 1) throw new FactlensError('usage', '--timeout-ms must be at least 1 for serve: every check needs a deadline.');
    const host = values.host!;
    const isLoopback = isLoopbackHost(host);
    if (values['allow-private-network'] && !isLoopback) {
      throw new FactlensError('usage', '--allow-private-network is only allowed when serving on a loopback address.');
    }
    const dbPath = workbenchLocation(values['workbench-db'], io.env, values.db, DEFAULT_WORKBENCH_DB);
    const db = await openWorkbench(dbPath, { writerThread: true });
    tuneGarbageCollection();
    const services = await loadServices({ db: values.db, env: io.env, cwd: io.cwd });
    const log = (line: string): void => {
      io.stderr.write(`${line}\n`);
    };
    let server: Awaited<ReturnType<typeof startServer>>;
    let pool: AnalysisPool | undefined;
    try {
      if (workers > 0) pool = await createAnalysisPool(workers, { db: values.db, env: io.env, cwd: io.cwd }, { log });
      const handler = createHandler({
        db,
        requireTokenForWrites: !isLoopback,
        maxBodyBytes,
        rateLimit,
        analyzeTimeoutMs: timeoutMs,
        services: services.services,
        corpus: storeFrom(services.services),
        ...(pool ? { analyzer: pool.analyze } : {}),
        allowPrivateNetwork: values['allow-private-network'],
        log,
      });
      server = await startServer({ handler, host, port, maxBodyBytes });
    } catch (err) {
      await pool?.close();
      services.close();
      await db.close();
      throw err;
    }
    io.stdout.write(
      `factlens workbench on ${server.url}/ (API: ${server.url}/openapi.json; data: ${db.path}; ${pool ? `${pool.size} analysis worker${pool.size === 1 ? '' : 's'}` : 'analysis on the HTTP thread'})\n`,
    );
    if (!pool) {
      io.stderr.write('factlens serve: warning: --workers 0 analyzes on the HTTP thread: a slow article holds every request, /healthz included, and its time budget is not enforced; use it for tests only.\n');
    }
    if (!isLoopback) {
      const active = (await db.listTokens()).filter((t) => !t.revokedAt).length;
      io.stderr.write(`factlens serve: listening beyond loopback: writes need a bearer token (${active} active; factlens token create).\n`);
    }
    return new Promise<number>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        server
          .close()
          .catch((err: unknown) => io.stderr.write(`factlens serve: closing: ${(err as Error).message}\n`))
          .then(() => pool?.close())
          .finally(async () => {
            services.close();
            await db.close().catch((err: unknown) => io.stderr.write(`factlens serve: closing the workbench database: ${(err as Error).message}\n`));
            resolve(0);
          });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  },
};
