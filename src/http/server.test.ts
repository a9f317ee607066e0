import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
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

/** Writes raw bytes to the server and collects what comes back until the server closes (or `waitMs` passes). */
function raw(port: number, bytes: string, waitMs = 3000): Promise<{ reply: string; closedAfterMs: number | undefined }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ reply, closedAfterMs: undefined });
    }, waitMs);
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (reply += c));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ reply, closedAfterMs: performance.now() - started });
    });
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

  it('refuses requests without a Host header: HTTP/1.0 without one, and an empty one', async () => {
    const old = await raw(server.port, 'GET /v1/reports HTTP/1.0\r\n\r\n');
    assert.match(old.reply, /^HTTP\/1\.1 401 /);
    assert.match(old.reply, /"code":"unauthorized"/);
    const empty = await raw(server.port, 'GET /healthz HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n');
    assert.match(empty.reply, /^HTTP\/1\.1 (401|400) /);
    assert.doesNotMatch(empty.reply, /"status":"ok"/);
    const named = await raw(server.port, 'GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n');
    assert.match(named.reply, /^HTTP\/1\.1 200 /);
  });

  it('closes a connection whose body does not arrive within the request timeout', async () => {
    const slow = await startServer({ handler: createHandler({ db, requireTokenForWrites: false }), host: '127.0.0.1', port: 0, requestTimeoutMs: 300 });
    try {
      const head = 'POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"text": "';
      const result = await raw(slow.port, head, 5000);
      assert.ok(result.closedAfterMs !== undefined, 'the connection was still open after 5 s');
      assert.ok(result.closedAfterMs < 2500, `closed after ${result.closedAfterMs.toFixed(0)} ms`);
    } finally {
      await slow.close();
    }
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
