import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SAMPLE_TEXT } from '../../test/fixtures/reports/sample-report.js';
import { missingClaimReviewFields } from '../report/claimreview.js';
import { openSqliteStore } from '../store/sqlite.js';
import { type CorpusSearch, createHandler, type HandlerOptions, WORKBENCH_CSP } from './handler.js';
import { CHECK_REQUEST_SCHEMA, REVIEW_REQUEST_SCHEMA } from './schemas.js';
import { openWorkbenchDb } from './workbench-db.js';

const BASE = 'http://127.0.0.1:8787';
const webDir = mkdtempSync(join(tmpdir(), 'factlens-web-'));
writeFileSync(join(webDir, 'index.html'), '<!DOCTYPE html><title>workbench</title>');
writeFileSync(join(webDir, 'app.js'), 'export {};');

function setup(overrides: Partial<HandlerOptions> = {}) {
  const db = openWorkbenchDb(':memory:');
  const logs: string[] = [];
  const handler = createHandler({ db, requireTokenForWrites: false, webDir, log: (l) => logs.push(l), ...overrides });
  const call = (path: string, init: RequestInit & { json?: unknown; client?: string } = {}) => {
    const { json, client, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return handler(new Request(`${BASE}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) }), {
      clientAddress: client ?? '127.0.0.1',
    });
  };
  return { db, handler, call, logs };
}

async function errorOf(res: Response): Promise<[number, string]> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0 && !body.error.message.includes('\n'), 'one-line message');
  return [res.status, body.error.code];
}

/** ajv over the served OpenAPI document, to validate answers against what it documents. */
async function openApiValidator(call: ReturnType<typeof setup>['call']) {
  const doc = (await (await call('/openapi.json')).json()) as Record<string, unknown>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'urn:test:openapi', ...doc });
  return (name: string, value: unknown): string => {
    const validate = ajv.getSchema(`urn:test:openapi#/components/schemas/${name}`)!;
    return validate(value) ? '' : JSON.stringify(validate.errors?.slice(0, 3));
  };
}

describe('http handler: checks, reports, reviews', () => {
  let env: ReturnType<typeof setup>;
  before(() => {
    env = setup();
  });
  after(() => env.db.close());

  it('answers /healthz with security headers and the strict CSP', async () => {
    const res = await env.call('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok', version: (await import('../version.js')).VERSION, reports: 0, corpus: false });
    assert.equal(res.headers.get('content-security-policy'), WORKBENCH_CSP);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('set-cookie'), null);
  });

  it('checks an article, stores it, and returns a report valid against the documented schema', async () => {
    const validate = await openApiValidator(env.call);
    const res = await env.call('/v1/check', { method: 'POST', json: { text: SAMPLE_TEXT, published: '2024-05-08', source: 'example.org' } });
    assert.equal(res.status, 201);
    const body = (await res.json()) as { id: string; report: { article: { meta: { source: string } } } };
    assert.equal(res.headers.get('location'), `/v1/reports/${body.id}`);
    assert.equal(validate('CheckResponse', body), '');
    assert.equal(body.report.article.meta.source, 'example.org');
    const got = await env.call(`/v1/reports/${body.id}`);
    assert.equal(got.status, 200);
    const stored = await got.json();
    assert.equal(validate('StoredReport', stored), '');
    assert.deepEqual((stored as { report: unknown }).report, body.report);
  });

  it('lists reports with search and filters', async () => {
    await env.call('/v1/check', { method: 'POST', json: { text: 'Bridge Opens in Spring\n\nThe city said the bridge would open in April after two years of work.\n' } });
    const all = (await (await env.call('/v1/reports')).json()) as { items: { title: string }[]; total: number };
    assert.equal(all.total, 2);
    assert.deepEqual(all.items.map((i) => i.title), ['Bridge Opens in Spring', 'Ministers Clash Over Harbour Plan']);
    const search = async (q: string) => ((await (await env.call(`/v1/reports?${q}`)).json()) as { items: { title: string }[] }).items.map((i) => i.title);
    assert.deepEqual(await search('q=harbour'), ['Ministers Clash Over Harbour Plan']);
    assert.deepEqual(await search('q=harb'), ['Ministers Clash Over Harbour Plan'], 'prefix search on the last word');
    assert.deepEqual(await search('q=bridge+april'), ['Bridge Opens in Spring']);
    assert.deepEqual(await search('q=bridge+harbour'), []);
    assert.deepEqual(await search('q=%22)(*+NEAR+zzqx'), [], 'FTS syntax in the query is inert');
    assert.deepEqual(await search('source=example.org'), ['Ministers Clash Over Harbour Plan']);
    // both texts are too short to judge (no score): score filters leave them out (workbench-db.test.ts covers the ranges)
    assert.deepEqual(await search('minScore=0&maxScore=100&limit=1'), []);
    assert.deepEqual(await search('label=not-judged'), ['Bridge Opens in Spring', 'Ministers Clash Over Harbour Plan']);
    assert.deepEqual(await search('reviewed=true'), []);
    assert.deepEqual(await errorOf(await env.call('/v1/reports?limit=500')), [400, 'input-invalid']);
    assert.deepEqual(await errorOf(await env.call('/v1/reports?sort=evil')), [400, 'input-invalid']);
  });

  it('saves a rating and note per claim and exports ClaimReview JSON-LD with the required fields', async () => {
    const { items } = (await (await env.call('/v1/reports?q=harbour')).json()) as { items: { id: string }[] };
    const id = items[0]!.id;
    const { report } = (await (await env.call(`/v1/reports/${id}`)).json()) as { report: { article: { text: string } } };
    const claim = 'the harbour would cost "less than 40 million euros"';
    const start = report.article.text.indexOf(claim);
    const key = `span-${start}-${start + claim.length}`;
    assert.deepEqual(await errorOf(await env.call(`/v1/reports/${id}/claimreview`)), [404, 'not-found'], 'nothing rated yet');
    const put = await env.call(`/v1/reports/${id}/reviews/${key}`, {
      method: 'PUT',
      json: { claim, span: { start, end: start + claim.length }, rating: 2, note: 'Budget papers say 62 million.', reviewer: 'A. Reviewer' },
    });
    assert.equal(put.status, 200);
    const stored = (await (await env.call(`/v1/reports/${id}`)).json()) as { reviews: { claimKey: string; rating: number; note: string }[] };
    assert.deepEqual(
      stored.reviews.map((r) => [r.claimKey, r.rating, r.note]),
      [[key, 2, 'Budget papers say 62 million.']],
    );
    const reviewed = (await (await env.call('/v1/reports?reviewed=true')).json()) as { items: { id: string; reviewCount: number }[] };
    assert.deepEqual(reviewed.items.map((i) => [i.id, i.reviewCount]), [[id, 1]]);
    // Published markup points at the public review page, never at the workbench's own address.
    assert.deepEqual(await errorOf(await env.call(`/v1/reports/${id}/claimreview?author=Harbour%20Desk`)), [400, 'input-invalid'], 'no reviewUrl');
    for (const local of [`${BASE}/#/reports/${id}`, 'http://localhost:8787/r', 'http://[::1]/r', 'http://10.0.0.7/r', 'ftp://desk.example/r']) {
      const res = await env.call(`/v1/reports/${id}/claimreview?${new URLSearchParams({ author: 'Harbour Desk', reviewUrl: local })}`);
      assert.deepEqual(await errorOf(res), [400, 'input-invalid'], local);
    }
    const reviewUrl = 'https://desk.example/reviews/harbour';
    const exported = await env.call(`/v1/reports/${id}/claimreview?${new URLSearchParams({ author: 'Harbour Desk', reviewUrl })}`);
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get('content-type') ?? '', /^application\/ld\+json/);
    const jsonld = (await exported.json()) as Record<string, unknown>;
    assert.deepEqual(missingClaimReviewFields(jsonld), []);
    assert.equal(jsonld.claimReviewed, claim);
    assert.deepEqual(jsonld.author, { '@type': 'Organization', name: 'Harbour Desk' });
    assert.equal(jsonld.url, reviewUrl);
    assert.deepEqual(jsonld.reviewRating, { '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Mostly false' });
    const defaultAuthor = (await (await env.call(`/v1/reports/${id}/claimreview?${new URLSearchParams({ reviewUrl })}`)).json()) as { author: unknown };
    assert.deepEqual(defaultAuthor.author, { '@type': 'Person', name: 'A. Reviewer' });
  });

  it('refuses reviews off the scale, outside the article or for unknown reports', async () => {
    const { items } = (await (await env.call('/v1/reports?q=harbour')).json()) as { items: { id: string }[] };
    const id = items[0]!.id;
    assert.deepEqual(await errorOf(await env.call(`/v1/reports/${id}/reviews/span-1-2`, { method: 'PUT', json: { claim: 'x', rating: 6 } })), [400, 'input-invalid']);
    assert.deepEqual(
      await errorOf(await env.call(`/v1/reports/${id}/reviews/span-1-2`, { method: 'PUT', json: { claim: 'x', span: { start: 5, end: 99999 } } })),
      [400, 'input-invalid'],
    );
    assert.deepEqual(await errorOf(await env.call('/v1/reports/nope/reviews/span-1-2', { method: 'PUT', json: { claim: 'x' } })), [404, 'not-found']);
    for (const key of ['notaspan', 'span-10-5', 'span--1-5', 'span-5-5', 'span-01-5', 'span-1-99999', 'span-1.5-9', 'headline']) {
      assert.deepEqual(await errorOf(await env.call(`/v1/reports/${id}/reviews/${key}`, { method: 'PUT', json: { claim: 'x' } })), [400, 'input-invalid'], key);
    }
    assert.deepEqual(
      await errorOf(await env.call(`/v1/reports/${id}/reviews/span-1-2`, { method: 'PUT', json: { claim: 'x', span: { start: 1, end: 3 } } })),
      [400, 'input-invalid'],
      'a span other than the key says',
    );
    assert.deepEqual(await errorOf(await env.call('/v1/reports/nope')), [404, 'not-found']);
  });

  it('renders stored reports as a standalone HTML page under its own CSP', async () => {
    const { items } = (await (await env.call('/v1/reports?q=harbour')).json()) as { items: { id: string }[] };
    const res = await env.call(`/v1/reports/${items[0]!.id}/render?format=html`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    const html = await res.text();
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /Ministers Clash Over Harbour Plan/);
    assert.deepEqual(await errorOf(await env.call(`/v1/reports/${items[0]!.id}/render?format=pdf`)), [400, 'input-invalid']);
  });

  it('serves the workbench files and the OpenAPI document built from the request schemas', async () => {
    const page = await env.call('/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('content-security-policy'), WORKBENCH_CSP);
    const doc = (await (await env.call('/openapi.json')).json()) as {
      openapi: string;
      components: { schemas: Record<string, unknown> };
      paths: Record<string, unknown>;
    };
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.components.schemas.CheckRequest, CHECK_REQUEST_SCHEMA);
    assert.deepEqual(doc.components.schemas.ReviewRequest, REVIEW_REQUEST_SCHEMA);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    assert.ok(refs.length > 10);
    for (const r of refs) {
      const name = /#\/components\/schemas\/([A-Za-z]+)"$/.exec(r)?.[1];
      assert.ok(name && name in doc.components.schemas, `dangling ${r}`);
    }
    for (const path of ['/v1/check', '/v1/reports', '/v1/reports/{id}', '/v1/reports/{id}/reviews/{claimKey}', '/v1/reports/{id}/claimreview', '/healthz', '/metrics']) {
      assert.ok(path in doc.paths, path);
    }
  });

  it('ships workbench messages that never ask a browser user for a command-line flag', () => {
    const web = new URL('../../web/', import.meta.url);
    const flag = /(^|[\s(])--[a-z]/;
    for (const f of readdirSync(web).filter((name) => /\.(js|html)$/.test(name))) {
      const code = readFileSync(new URL(f, web), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      // what a user can read: string literals in the scripts, text between tags in the page
      const strings = f.endsWith('.js') ? (code.match(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g) ?? []) : (code.match(/>[^<]+</g) ?? []);
      assert.deepEqual(strings.filter((t) => flag.test(t)), [], f);
    }
  });

  it('ships workbench code that never parses HTML strings into the page', () => {
    const web = new URL('../../web/', import.meta.url);
    const files = readdirSync(web).filter((f) => f.endsWith('.js'));
    assert.ok(files.includes('app.js') && files.includes('dom.js'));
    for (const f of files) {
      const code = readFileSync(new URL(f, web), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      assert.doesNotMatch(code, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(\s*['"]on/, f);
    }
    const html = readFileSync(new URL('index.html', web), 'utf8');
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc="\/app\.js")/, 'no inline script');
    assert.doesNotMatch(html, /https?:\/\//, 'no external assets');
    assert.doesNotMatch(readFileSync(new URL('app.css', web), 'utf8'), /url\(|@import/, 'the stylesheet loads nothing');
  });

  it('counts requests in Prometheus text format', async () => {
    await env.call('/v1/reports', { method: 'BREW' });
    const text = await (await env.call('/metrics')).text();
    assert.match(text, /^factlens_http_requests_total\{route="unmatched",method="OTHER",status="404"\} 1$/m, 'odd methods share one label');
    assert.match(text, /^# TYPE factlens_http_requests_total counter$/m);
    assert.match(text, /^factlens_http_requests_total\{route="\/v1\/check",method="POST",status="201"\} 2$/m);
    assert.match(text, /^factlens_analysis_duration_seconds_count 2$/m);
    assert.match(text, /^factlens_reports_stored 2$/m);
    assert.match(text, /^factlens_http_request_duration_seconds_bucket\{route="\/v1\/reports",le="\+Inf"\} \d+$/m);
    const cpu = Number(/^process_cpu_seconds_total ([\d.e-]+)$/m.exec(text)?.[1]);
    assert.ok(cpu > 0 && cpu < process.uptime() * 64, `process CPU seconds ${cpu}`);
    assert.match(text, /^# TYPE process_cpu_seconds_total counter$/m);
  });
});

describe('http handler: refusals', () => {
  it('refuses writes without a token when bound beyond loopback, and accepts a valid one', async () => {
    const env = setup({ requireTokenForWrites: true });
    const article = { text: SAMPLE_TEXT };
    assert.deepEqual(await errorOf(await env.call('/v1/check', { method: 'POST', json: article })), [401, 'unauthorized']);
    const res = await env.call('/v1/check', { method: 'POST', json: article, headers: { authorization: 'Bearer flk_000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' } });
    assert.deepEqual(await errorOf(res), [401, 'unauthorized']);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
    const { token, info } = await env.db.createToken('desk', new Date().toISOString());
    const ok = await env.call('/v1/check', { method: 'POST', json: article, headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 201);
    const { id } = (await ok.json()) as { id: string };
    const review = { claim: 'Ministers Clash Over Harbour Plan', rating: 3 };
    assert.deepEqual(await errorOf(await env.call(`/v1/reports/${id}/reviews/span-0-33`, { method: 'PUT', json: review })), [401, 'unauthorized']);
    const put = await env.call(`/v1/reports/${id}/reviews/span-0-33`, { method: 'PUT', json: review, headers: { authorization: `Bearer ${token}` } });
    assert.equal(put.status, 200);
    assert.equal(((await put.json()) as { reviewer: string }).reviewer, 'desk', 'the token names the reviewer');
    assert.equal(typeof (await env.db.listTokens())[0]!.lastUsedAt, 'string');
    assert.equal((await env.call('/v1/reports')).status, 200, 'reads stay open');
    await env.db.revokeToken(info.id, new Date().toISOString());
    assert.deepEqual(await errorOf(await env.call('/v1/check', { method: 'POST', json: article, headers: { authorization: `Bearer ${token}` } })), [401, 'unauthorized']);
    env.db.close();
  });

  it('refuses a bad token even on loopback, cross-origin writes and foreign Host names', async () => {
    const env = setup();
    assert.deepEqual(await errorOf(await env.call('/v1/check', { method: 'POST', json: { text: SAMPLE_TEXT }, headers: { authorization: 'Bearer nope' } })), [401, 'unauthorized']);
    assert.deepEqual(
      await errorOf(await env.call('/v1/check', { method: 'POST', json: { text: SAMPLE_TEXT }, headers: { origin: 'https://evil.example' } })),
      [401, 'unauthorized'],
    );
    const rebound = await env.handler(new Request('http://evil.example:8787/v1/reports'), { clientAddress: '127.0.0.1' });
    assert.deepEqual(await errorOf(rebound), [401, 'unauthorized']);
    env.db.close();
  });

  it('refuses oversized bodies, declared or streamed, with 413 input-too-large', async () => {
    const env = setup({ maxBodyBytes: 4096 });
    const big = JSON.stringify({ text: `Headline\n\n${'word '.repeat(2000)}` });
    assert.deepEqual(await errorOf(await env.call('/v1/check', { method: 'POST', body: big, headers: { 'content-type': 'application/json' } })), [413, 'input-too-large']);
    const chunk = new TextEncoder().encode(big.slice(0, 1000));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 20) controller.close();
        else {
          sent += 1;
          controller.enqueue(chunk);
        }
      },
    });
    const req = new Request(`${BASE}/v1/check`, { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    assert.equal(req.headers.get('content-length'), null);
    assert.deepEqual(await errorOf(await env.handler(req, { clientAddress: '127.0.0.1' })), [413, 'input-too-large']);
    assert.ok(sent < 20, 'stops reading once over the limit');
    env.db.close();
  });

  it('refuses malformed JSON, other content types and schema violations', async () => {
    const env = setup();
    const post = (body: string, type = 'application/json') => env.call('/v1/check', { method: 'POST', body, headers: { 'content-type': type } });
    assert.deepEqual(await errorOf(await post('{"text": "abc",')), [400, 'input-invalid']);
    assert.deepEqual(await errorOf(await post('')), [400, 'input-invalid']);
    assert.deepEqual(await errorOf(await post('text=abc', 'application/x-www-form-urlencoded')), [415, 'unsupported-content-type']);
    assert.deepEqual(await errorOf(await post('{"text":"abc"}', 'text/plain')), [415, 'unsupported-content-type']);
    assert.deepEqual(await errorOf(await post('{"text":"a","url":"https://example.org/"}')), [400, 'input-invalid']);
    assert.deepEqual(await errorOf(await post('{"text":"a","extra":1}')), [400, 'input-invalid']);
    assert.deepEqual(await errorOf(await post('{"text":"   \\n  "}')), [400, 'input-empty']);
    const bad = new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    assert.deepEqual(
      await errorOf(await env.handler(new Request(`${BASE}/v1/check`, { method: 'POST', body: bad, headers: { 'content-type': 'application/json' } }))),
      [422, 'input-encoding'],
    );
    assert.deepEqual(await errorOf(await env.call('/v1/nothing')), [404, 'not-found']);
    assert.deepEqual(await errorOf(await env.call('/v1/check')), [404, 'not-found'], 'GET on a POST route');
    env.db.close();
  });

  it('refuses URL checks of loopback addresses, and fetches them only when allowed', async () => {
    const env = setup();
    for (const url of ['http://127.0.0.1:9/article', 'http://[::1]:9/article', 'http://localhost:9/article']) {
      assert.deepEqual(await errorOf(await env.call('/v1/check', { method: 'POST', json: { url } })), [422, 'fetch-blocked'], url);
    }
    env.db.close();
    const site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<html><head><title>Harbour</title></head><body><article><h1>Ministers Clash Over Harbour Plan</h1>${SAMPLE_TEXT.split('\n\n').slice(1).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const trusted = setup({ allowPrivateNetwork: true });
    try {
      const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/story`;
      const res = await trusted.call('/v1/check', { method: 'POST', json: { url } });
      assert.equal(res.status, 201);
      const body = (await res.json()) as { report: { article: { meta: { inputKind: string; url: string } } } };
      assert.equal(body.report.article.meta.inputKind, 'url');
      assert.equal(body.report.article.meta.url, url);
    } finally {
      trusted.db.close();
      site.close();
    }
  });

  it('limits bursts per client with 429 rate-limited and Retry-After, separately per client', async () => {
    const env = setup({ rateLimit: { burst: 5, perSecond: 0.5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await env.call('/v1/reports', { client: '10.0.0.7' })).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
    const limited = await env.call('/v1/reports', { client: '10.0.0.7' });
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.deepEqual(await errorOf(limited), [429, 'rate-limited']);
    assert.equal((await env.call('/v1/reports', { client: '10.0.0.8' })).status, 200, 'another client has its own bucket');
    assert.equal((await env.call('/healthz', { client: '10.0.0.7' })).status, 200, 'health checks are not limited');
    env.db.close();
  });

  it('searches the corpus when one is configured, and says so when not', async () => {
    const calls: string[] = [];
    const corpus = {
      searchPassages: async (q: string, o?: { limit?: number }) => {
        calls.push(`p:${q}:${o?.limit}`);
        return [{ text: 'passage' }];
      },
      searchFactChecks: async (q: string, o?: { limit?: number }) => {
        calls.push(`f:${q}:${o?.limit}`);
        return [];
      },
    };
    const env = setup({ corpus: corpus as unknown as CorpusSearch });
    assert.deepEqual(await (await env.call('/v1/corpus/passages?q=air+campaign&limit=3')).json(), { items: [{ text: 'passage' }] });
    assert.deepEqual(await (await env.call('/v1/corpus/fact-checks?q=airstrikes')).json(), { items: [] });
    assert.deepEqual(calls, ['p:air campaign:3', 'f:airstrikes:10']);
    assert.deepEqual(await errorOf(await env.call('/v1/corpus/passages')), [400, 'input-invalid']);
    const none = setup();
    assert.deepEqual(await errorOf(await none.call('/v1/corpus/passages?q=x')), [404, 'not-found']);
    env.db.close();
    none.db.close();
  });

  it('searches a real corpus store and feeds its findings into checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'factlens-corpus-'));
    const store = openSqliteStore(join(dir, 'corpus.db'), { create: true });
    try {
      await store.addDocuments([{ id: 'harbour-1', title: 'Harbour costs', text: 'The harbour expansion will cost 62 million euros, the audit office said in a report on Friday.', url: 'https://news.example.org/harbour' }]);
      await store.addFactChecks([{ claim: 'The harbour will cost less than 40 million euros', rating: 'False', verdict: 'false', reviewer: 'Example Checks', url: 'https://checks.example.org/harbour' }]);
      const env = setup({ corpus: store, services: { store } });
      const passages = (await (await env.call('/v1/corpus/passages?q=harbour+audit')).json()) as { items: { document: { id: string } }[] };
      assert.deepEqual(passages.items.map((h) => h.document.id), ['harbour-1']);
      const checks = (await (await env.call('/v1/corpus/fact-checks?q=harbour+cost+million')).json()) as { items: { factCheck: { reviewer: string } }[] };
      assert.deepEqual(checks.items.map((h) => h.factCheck.reviewer), ['Example Checks']);
      assert.equal(((await (await env.call('/healthz')).json()) as { corpus: boolean }).corpus, true);
      env.db.close();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers internal failures with a generic message and logs the details', async () => {
    const env = setup();
    env.db.close();
    const res = await env.call('/v1/reports');
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(res.status, 500);
    assert.deepEqual(body.error, { code: 'internal', message: 'Internal error: the server log has the details.' });
    assert.equal(env.logs.length, 1);
  });
});

after(() => rmSync(webDir, { recursive: true, force: true }));
