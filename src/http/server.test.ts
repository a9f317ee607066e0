import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createHandler } from './handler.js';
import { isLoopbackHost, type RunningServer, startServer } from './server.js';
import { openWorkbenchDb, type WorkbenchDb } from './workbench-db.js';

/** Sends one raw request and returns status, headers and body. */
function send(url: string, options: { method: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body) req.end(options.body);
    else req.end();
  });
}

describe('node server on 127.0.0.1', () => {
  let server: RunningServer;
  let db: WorkbenchDb;
  before(async () => {
    db = openWorkbenchDb(':memory:');
    server = await startServer({ handler: createHandler({ db, requireTokenForWrites: false, maxBodyBytes: 10_000 }), host: '127.0.0.1', port: 0, maxBodyBytes: 10_000 });
  });
  after(async () => {
    await server.close();
    db.close();
  });

  it('serves the handler and passes the client address for rate limiting', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await send(`${server.url}/healthz`, { method: 'GET' });
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.body).status, 'ok');
    const head = await send(`${server.url}/healthz`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });

  it('checks an article sent over a real socket', async () => {
    const res = await send(`${server.url}/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Bridge Opens in Spring\n\nThe city said on Monday that the bridge would open in April.\n' }),
    });
    assert.equal(res.status, 201);
    assert.match(String(res.headers.location), /^\/v1\/reports\/[A-Za-z0-9_-]+$/);
  });

  it('answers 413 to oversized bodies, declared or chunked, and closes the connection', async () => {
    const big = JSON.stringify({ text: `Headline\n\n${'word '.repeat(5000)}` });
    const declared = await send(`${server.url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) }, body: big });
    assert.equal(declared.status, 413);
    assert.equal(JSON.parse(declared.body).error.code, 'input-too-large');
    assert.equal(declared.headers.connection, 'close');
    const chunked = await send(`${server.url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: big });
    assert.equal(chunked.status, 413);
    assert.equal(JSON.parse(chunked.body).error.code, 'input-too-large');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await send(`${server.url}/v1/reports`, { method: 'GET', headers: { host: 'attacker.example' } });
    assert.equal(res.status, 401);
    assert.equal(JSON.parse(res.body).error.code, 'unauthorized');
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback from the rest', () => {
    assert.deepEqual(
      ['127.0.0.1', '127.8.9.1', '::1', '[::1]', 'localhost', '0.0.0.0', '::', '192.168.1.5', 'example.org'].map(isLoopbackHost),
      [true, true, true, true, true, false, false, false, false],
    );
  });
});
