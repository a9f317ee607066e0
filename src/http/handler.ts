/**
 * The HTTP API and the workbench's static files as one fetch-style handler, `(Request) → Response`,
 * so tests call it directly and any server (node:http here) can host it. Order of checks for every
 * request: Host (DNS-rebinding defence) → route → rate limit → token → origin and content type for
 * writes → body size → schema → work. Every failure goes through `errorResponse`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../analyze.js';
import { FactlensError } from '../core/errors.js';
import type { Report } from '../core/types.js';
import type { ArticleInput } from '../ingest/index.js';
import { buildClaimReviews, renderClaimReviewJsonLd, reviewUrlProblem } from '../report/claimreview.js';
import { reportCsp } from '../report/html.js';
import { FORMATS, renderReport } from '../report/index.js';
import type { CorpusStore } from '../store/types.js';
import { VERSION } from '../version.js';
import { errorResponse } from './errors.js';
import { analysisTimeoutError, DEFAULT_ANALYSIS_TIMEOUT_MS, jobBudgetMs } from '../runtime/deadline.js';
import type { ArticleAnalyzer } from '../runtime/job.js';
import { serializeReport } from '../runtime/report-digest.js';
import { createMetrics, type Metrics } from './metrics.js';
import { buildOpenApi } from './openapi.js';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';
import { compileRequestValidators, type RequestValidators } from './schemas.js';
import type { TokenInfo, WorkbenchDb } from './workbench-db.js';

/** Default request body limit: enough for a long article as HTML. */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Default rate limit per client: a burst of 60 requests, refilled at 20 per second. */
export const DEFAULT_RATE_LIMIT = { burst: 60, perSecond: 20 };

/** The CSP of the workbench and of every API answer. */
export const WORKBENCH_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const LOOPBACK_HOSTNAMES = ['127.0.0.1', 'localhost', '[::1]'];

export interface HandlerOptions {
  db: WorkbenchDb;
  /** true when the server listens beyond loopback: every write then needs a valid token */
  requireTokenForWrites: boolean;
  /** host names the server answers to; default: the loopback names when tokens are not required, any otherwise */
  allowedHostnames?: string[];
  maxBodyBytes?: number;
  /** token-bucket limit per client, or false to turn it off (load tests) */
  rateLimit?: { burst: number; perSecond: number } | false;
  /** services for the analyzers (corpus store, models) */
  services?: Record<string, unknown>;
  /** the corpus store, for the corpus search endpoints */
  corpus?: CorpusSearch;
  /** let URL checks reach loopback/private addresses (tests only) */
  allowPrivateNetwork?: boolean;
  /** an analysis's time budget (default DEFAULT_ANALYSIS_TIMEOUT_MS); enforced by the worker pool, in this thread only where the analysis checks its signal */
  analyzeTimeoutMs?: number;
  /** where analyses run (default: in this thread, with `services`) */
  analyzer?: ArticleAnalyzer;
  /** directory of the workbench's static files (default: web/ of the package) */
  webDir?: string;
  now?: () => Date;
  /** where internal errors are written (default: stderr) */
  log?: (line: string) => void;
}

/** The part of the corpus store the search endpoints use. */
export type CorpusSearch = Pick<CorpusStore, 'searchPassages' | 'searchFactChecks'>;

/** What the hosting server knows about the connection. */
export interface ConnectionInfo {
  clientAddress?: string;
  /** false when the request came without a usable `Host` header (empty, malformed, or HTTP/1.0 without one) */
  hasHost?: boolean;
  /**
   * The request body as the hosting server has already read it (up to its size limit); when given,
   * the handler reads this instead of streaming `request.body` a second time.
   */
  body?: Uint8Array;
}

/** Claim keys name a claim by its span: `span-START-END`, offsets without leading zeros, START < END. */
const CLAIM_KEY = /^span-(0|[1-9]\d{0,8})-([1-9]\d{0,8})$/;

/**
 * The span a claim key names, or `input-invalid` for a key that is not `span-START-END` with
 * START < END (`notaspan`, `span-10-5`, `span--1-5`).
 * @example parseClaimKey('span-0-33') // { start: 0, end: 33 }
 */
export function parseClaimKey(key: string): { start: number; end: number } {
  const m = CLAIM_KEY.exec(key);
  const start = m ? Number(m[1]) : Number.NaN;
  const end = m ? Number(m[2]) : Number.NaN;
  if (!(start < end)) {
    throw new FactlensError('input-invalid', `Invalid request: claim key "${key.slice(0, 100)}" is not span-START-END with START before END.`);
  }
  return { start, end };
}

/** A fetch-style handler. */
export type Handler = (request: Request, info?: ConnectionInfo) => Promise<Response>;

/** A handler with its metrics registry exposed (for the server and tests). */
export interface WorkbenchHandler extends Handler {
  metrics: Metrics;
}

interface Context {
  request: Request;
  /** the body read by the hosting server, if it gave one */
  body?: Uint8Array;
  url: URL;
  params: string[];
  token?: TokenInfo;
}

interface Route {
  method: 'GET' | 'POST' | 'PUT';
  pattern: RegExp;
  name: string;
  /** rate limited and (for writes) authenticated */
  isApi: boolean;
  run(ctx: Context): Promise<Response> | Response;
}

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

function loadStatic(dir: string): Map<string, { body: ArrayBuffer; type: string }> {
  const files = new Map<string, { body: ArrayBuffer; type: string }>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir)) {
    const type = STATIC_TYPES[extname(name)];
    if (!type || !/^[a-z0-9][a-z0-9.-]*$/.test(name)) continue;
    const bytes = readFileSync(join(dir, name));
    files.set(`/${name}`, { body: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, type });
  }
  const index = files.get('/index.html');
  if (index) files.set('/', index);
  return files;
}

/**
 * A Response whose body is a string known up front, kept as `bodyText` so that the hosting server
 * can write it without reading the body stream back (that read cost more than the rest of sending a
 * 20 KB report). Consumers that do read the body see the same text.
 */
export class TextResponse extends Response {
  readonly bodyText: string;

  constructor(text: string, init: ResponseInit) {
    super(text, init);
    this.bodyText = text;
  }
}

function jsonResponse(value: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new TextResponse(JSON.stringify(value), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/** Reads a JSON body within `maxBytes`, refusing other content types, bad UTF-8 and bad JSON. */
export async function readJsonBody(request: Request, maxBytes: number, alreadyRead?: Uint8Array): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new FactlensError('unsupported-content-type', 'Send the body as application/json.');
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new FactlensError('input-too-large', `The request body is over the ${maxBytes}-byte limit.`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (alreadyRead) {
    if (alreadyRead.byteLength > maxBytes) throw new FactlensError('input-too-large', `The request body is over the ${maxBytes}-byte limit.`);
    chunks.push(alreadyRead);
  } else if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new FactlensError('input-too-large', `The request body is over the ${maxBytes}-byte limit.`);
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch (err) {
    throw new FactlensError('input-encoding', 'The request body is not valid UTF-8.', { cause: err });
  }
  if (!text.trim()) throw new FactlensError('input-invalid', 'The request body is empty: send a JSON object.');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FactlensError('input-invalid', `Malformed JSON: ${(err as Error).message}.`, { cause: err });
  }
}

/**
 * `{ id, createdAt, report, …extra }` with the report's stored JSON text spliced in as it is: a
 * report is serialized once, where it was made, and never parsed again just to be sent.
 */
function reportResponse(id: string, createdAt: string, json: string, status: number, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  const tail = Object.entries(extra).map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`).join('');
  return new TextResponse(`{"id":${JSON.stringify(id)},"createdAt":${JSON.stringify(createdAt)},"report":${json}${tail}}`, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

function newReportId(): string {
  return randomBytes(9).toString('base64url');
}

const RENDER_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * Creates the handler.
 * @example
 * const handler = createHandler({ db: openWorkbenchDb(':memory:'), requireTokenForWrites: false })
 * const res = await handler(new Request('http://127.0.0.1/healthz'))
 */
export function createHandler(options: HandlerOptions): WorkbenchHandler {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const limiter: RateLimiter | undefined =
    options.rateLimit === false ? undefined : createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const allowedHostnames = options.allowedHostnames ?? (options.requireTokenForWrites ? undefined : LOOPBACK_HOSTNAMES);
  const services = options.services ?? {};
  const analyzer: ArticleAnalyzer =
    options.analyzer ??
    ((input, o) => {
      const { timeoutMs, nowIso, ...rest } = o;
      const signal = AbortSignal.timeout(jobBudgetMs(input, timeoutMs));
      return analyze(input, { ...rest, services, signal, now: () => new Date(nowIso) }).then((report) => {
        if (signal.aborted) throw analysisTimeoutError(timeoutMs);
        return serializeReport(report);
      });
    });
  const validators: RequestValidators = compileRequestValidators();
  const metrics = createMetrics();
  const staticFiles = loadStatic(options.webDir ?? fileURLToPath(new URL('../../web/', import.meta.url)));
  const openapi = JSON.stringify(buildOpenApi({ version: VERSION }));

  async function stored(id: string): Promise<{ id: string; createdAt: string; report: Report }> {
    const row = await db.getReport(id);
    if (!row) throw new FactlensError('not-found', `No report with id "${id}".`);
    return row;
  }

  async function check(ctx: Context): Promise<Response> {
    const body = validators.check(await readJsonBody(ctx.request, maxBodyBytes, ctx.body));
    const input: ArticleInput =
      body.text !== undefined
        ? { text: body.text }
        : body.html !== undefined
          ? { html: body.html }
          : { url: body.url! };
    if (body.published !== undefined && Number.isNaN(Date.parse(body.published))) {
      throw new FactlensError('input-invalid', `Invalid request: published "${body.published}" is not a date.`);
    }
    const started = performance.now();
    const serialized = await analyzer(input, {
      maxBytes: maxBodyBytes,
      requireEnglish: !body.anyLanguage,
      meta: { ...(body.published ? { publishedAt: body.published } : {}), ...(body.source ? { source: body.source } : {}) },
      ...(body.analyzers ? { analyzers: body.analyzers } : {}),
      fetch: { allowPrivateNetwork: options.allowPrivateNetwork ?? false, maxBytes: maxBodyBytes },
      timeoutMs: options.analyzeTimeoutMs ?? DEFAULT_ANALYSIS_TIMEOUT_MS,
      nowIso: now().toISOString(),
    });
    metrics.observeAnalysis(performance.now() - started);
    const id = newReportId();
    const createdAt = now().toISOString();
    await db.saveReportBatched(id, serialized, createdAt);
    return reportResponse(id, createdAt, serialized.json, 201, {}, { location: `/v1/reports/${id}` });
  }

  async function getReport(ctx: Context): Promise<Response> {
    const id = ctx.params[0]!;
    const row = await db.getReportJson(id);
    if (!row) throw new FactlensError('not-found', `No report with id "${id}".`);
    return reportResponse(row.id, row.createdAt, row.json, 200, { reviews: await db.listReviews(row.id) });
  }

  async function listReports(ctx: Context): Promise<Response> {
    const q = validators.reportQuery(ctx.url.searchParams);
    const { reviewed, ...rest } = q;
    return jsonResponse(await db.listReports({ ...rest, ...(reviewed === undefined ? {} : { isReviewed: reviewed }) }));
  }

  async function putReview(ctx: Context): Promise<Response> {
    const [id, claimKey] = ctx.params as [string, string];
    const keySpan = parseClaimKey(claimKey);
    const body = validators.review(await readJsonBody(ctx.request, maxBodyBytes, ctx.body));
    const { report } = await stored(id);
    if (keySpan.end > report.article.text.length) {
      throw new FactlensError('input-invalid', `Invalid request: claim key ${claimKey} is not inside the article (${report.article.text.length} characters).`);
    }
    if (body.span && (body.span.end <= body.span.start || body.span.end > report.article.text.length)) {
      throw new FactlensError('input-invalid', `Invalid request: span ${body.span.start}-${body.span.end} is not inside the article.`);
    }
    if (body.span && (body.span.start !== keySpan.start || body.span.end !== keySpan.end)) {
      throw new FactlensError('input-invalid', `Invalid request: span ${body.span.start}-${body.span.end} is not the claim key's span (${claimKey}).`);
    }
    const reviewer = body.reviewer?.trim() || ctx.token?.name;
    const review = await db.saveReview({
      reportId: id,
      claimKey,
      claim: body.claim,
      ...(body.span ? { span: body.span } : {}),
      ...(typeof body.rating === 'number' ? { rating: body.rating } : {}),
      note: body.note ?? '',
      ...(reviewer ? { reviewer } : {}),
      updatedAt: now().toISOString(),
    });
    return jsonResponse(review);
  }

  async function claimReview(ctx: Context): Promise<Response> {
    const { id, report } = await stored(ctx.params[0]!);
    const rated = (await db.listReviews(id)).filter((r) => r.rating !== undefined);
    if (rated.length === 0) throw new FactlensError('not-found', 'No claim of this report is rated yet: rate a claim first.');
    const authorParam = ctx.url.searchParams.get('author')?.trim();
    const names = [...new Set(rated.map((r) => r.reviewer).filter((n): n is string => Boolean(n)))];
    const author = authorParam || names.join(', ');
    if (!author) throw new FactlensError('input-invalid', 'A ClaimReview needs an author: pass author=… or set a reviewer name on the reviews.');
    if (author.length > 200) throw new FactlensError('input-invalid', 'The author name is over 200 characters.');
    // Published markup must point at the public review page, never at this server's own address.
    const reviewUrl = ctx.url.searchParams.get('reviewUrl')?.trim();
    if (!reviewUrl) throw new FactlensError('input-invalid', 'A ClaimReview needs reviewUrl=…: the public page where the review is published.');
    const urlProblem = reviewUrlProblem(reviewUrl);
    if (urlProblem) throw new FactlensError('input-invalid', `reviewUrl cannot be published: ${urlProblem}.`);
    const reviews = buildClaimReviews(
      report,
      rated.map((r) => ({ claim: r.claim, span: r.span, rating: r.rating!, note: r.note, reviewedAt: r.updatedAt })),
      { author: { name: author, ...(authorParam ? { type: 'Organization' as const } : { type: 'Person' as const }) }, reviewUrl },
    );
    return new Response(renderClaimReviewJsonLd(reviews), {
      headers: { 'content-type': 'application/ld+json; charset=utf-8', 'content-disposition': `attachment; filename="claimreview-${id}.jsonld"` },
    });
  }

  async function render(ctx: Context): Promise<Response> {
    const { report } = await stored(ctx.params[0]!);
    const format = ctx.url.searchParams.get('format') ?? '';
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new FactlensError('input-invalid', `Invalid query: format must be one of ${FORMATS.join(', ')}.`);
    }
    const headers: Record<string, string> = { 'content-type': RENDER_TYPES[format]! };
    if (format === 'html') headers['content-security-policy'] = `${reportCsp()}; frame-ancestors 'none'`;
    return new Response(renderReport(report, format), { headers });
  }

  async function corpus(ctx: Context, kind: 'passages' | 'fact-checks'): Promise<Response> {
    const { q, limit } = validators.corpusQuery(ctx.url.searchParams);
    const store = options.corpus;
    if (!store) throw new FactlensError('not-found', 'No corpus store is configured: start factlens serve with --db FILE.');
    const items = kind === 'passages' ? await store.searchPassages(q, { limit }) : await store.searchFactChecks(q, { limit });
    return jsonResponse({ items });
  }

  const routes: Route[] = [
    { method: 'GET', pattern: /^\/healthz$/, name: '/healthz', isApi: false, run: async () => jsonResponse({ status: 'ok', version: VERSION, reports: await db.countReports(), corpus: Boolean(options.corpus) }) },
    {
      method: 'GET',
      pattern: /^\/metrics$/,
      name: '/metrics',
      isApi: false,
      run: async () =>
        new Response(metrics.render({ factlens_reports_stored: { help: 'Reports stored in the workbench database.', value: await db.countReports() } }), {
          headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
        }),
    },
    { method: 'GET', pattern: /^\/openapi\.json$/, name: '/openapi.json', isApi: false, run: () => new Response(openapi, { headers: { 'content-type': 'application/json; charset=utf-8' } }) },
    { method: 'POST', pattern: /^\/v1\/check$/, name: '/v1/check', isApi: true, run: check },
    { method: 'GET', pattern: /^\/v1\/reports$/, name: '/v1/reports', isApi: true, run: listReports },
    { method: 'GET', pattern: /^\/v1\/reports\/([A-Za-z0-9_-]{1,64})$/, name: '/v1/reports/{id}', isApi: true, run: getReport },
    {
      method: 'PUT',
      pattern: /^\/v1\/reports\/([A-Za-z0-9_-]{1,64})\/reviews\/([a-z0-9][a-z0-9._-]{0,99})$/,
      name: '/v1/reports/{id}/reviews/{claimKey}',
      isApi: true,
      run: putReview,
    },
    { method: 'GET', pattern: /^\/v1\/reports\/([A-Za-z0-9_-]{1,64})\/claimreview$/, name: '/v1/reports/{id}/claimreview', isApi: true, run: claimReview },
    { method: 'GET', pattern: /^\/v1\/reports\/([A-Za-z0-9_-]{1,64})\/render$/, name: '/v1/reports/{id}/render', isApi: true, run: render },
    { method: 'GET', pattern: /^\/v1\/corpus\/passages$/, name: '/v1/corpus/passages', isApi: true, run: (ctx) => corpus(ctx, 'passages') },
    { method: 'GET', pattern: /^\/v1\/corpus\/fact-checks$/, name: '/v1/corpus/fact-checks', isApi: true, run: (ctx) => corpus(ctx, 'fact-checks') },
  ];

  async function authenticate(request: Request): Promise<TokenInfo | undefined> {
    const header = request.headers.get('authorization');
    if (!header) return undefined;
    const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header.trim());
    const token = m ? await db.verifyToken(m[1]!, now().toISOString()) : undefined;
    if (!token) throw new FactlensError('unauthorized', 'The API token is invalid or revoked: create one with factlens token create.');
    return token;
  }

  function checkWriteOrigin(request: Request, url: URL): void {
    const origin = request.headers.get('origin');
    if (origin && origin !== url.origin) throw new FactlensError('unauthorized', `Cross-origin writes are refused (origin ${origin}).`);
    if (request.headers.get('sec-fetch-site') === 'cross-site') throw new FactlensError('unauthorized', 'Cross-site writes are refused.');
  }

  async function route(request: Request, url: URL, info: ConnectionInfo | undefined, setRoute: (name: string) => void): Promise<Response> {
    if (allowedHostnames && info?.hasHost === false) {
      throw new FactlensError('unauthorized', `A request without a Host header is refused: this server answers only to ${allowedHostnames.join(', ')}.`);
    }
    if (allowedHostnames && !allowedHostnames.includes(url.hostname)) {
      throw new FactlensError('unauthorized', `This server answers only to ${allowedHostnames.join(', ')}, not "${url.hostname}".`);
    }
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const path = url.pathname;
    if (method === 'GET' && !path.startsWith('/v1/')) {
      const file = staticFiles.get(path);
      if (file) {
        setRoute('static');
        return new Response(file.body, { headers: { 'content-type': file.type, 'cache-control': 'no-cache' } });
      }
    }
    for (const r of routes) {
      const m = r.pattern.exec(path);
      if (!m || r.method !== method) continue;
      setRoute(r.name);
      const ctx: Context = { request, url, params: m.slice(1), ...(info?.body ? { body: info.body } : {}) };
      if (!r.isApi) return r.run(ctx);
      let token: TokenInfo | undefined;
      let authError: unknown;
      try {
        token = await authenticate(request);
      } catch (err) {
        authError = err;
      }
      if (limiter) {
        const decision = limiter.take(token ? `token:${token.id}` : `addr:${info?.clientAddress ?? 'unknown'}`);
        if (!decision.isAllowed) {
          throw new FactlensError('rate-limited', 'Too many requests: slow down and retry after the Retry-After delay.', {
            details: { retryAfterMs: decision.retryAfterMs },
          });
        }
      }
      if (authError) throw authError;
      if (r.method !== 'GET') {
        checkWriteOrigin(request, url);
        if (options.requireTokenForWrites && !token) {
          throw new FactlensError('unauthorized', 'Writes need an API token: create one with factlens token create and send Authorization: Bearer <token>.');
        }
      }
      return r.run({ ...ctx, ...(token ? { token } : {}) });
    }
    setRoute('unmatched');
    throw new FactlensError('not-found', `No route for ${request.method} ${path}.`);
  }

  const handler = (async (request: Request, info?: ConnectionInfo): Promise<Response> => {
    const started = performance.now();
    let routeName = 'unmatched';
    let response: Response;
    const url = new URL(request.url);
    try {
      response = await route(request, url, info, (name) => {
        routeName = name;
      });
    } catch (err) {
      const { error, response: r } = errorResponse(err);
      if (error.code === 'internal') log(`factlens serve: ${request.method} ${url.pathname}: ${(error.cause as Error | undefined)?.stack ?? error.message}`);
      response = r;
    }
    // Every response here is built by this handler, so its headers are mutable.
    const { headers } = response;
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) headers.set(k, v);
    if (!headers.has('content-security-policy')) headers.set('content-security-policy', WORKBENCH_CSP);
    if (routeName !== 'static' && !headers.has('cache-control')) headers.set('cache-control', 'no-store');
    metrics.observeRequest(routeName, request.method, response.status, performance.now() - started);
    return request.method === 'HEAD' ? new Response(null, { status: response.status, headers }) : response;
  }) as WorkbenchHandler;
  handler.metrics = metrics;
  return handler;
}
