/**
 * fetchArticle against servers on 127.0.0.1 only. Blocked targets use an injected request function
 * that fails the test if it is ever called, so these tests prove that no packet is sent to them.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { FactlensError } from '../core/errors.js';
import { ingest } from './index.js';
import { type FetchOptions, type FetchRequestOptions, fetchArticle, type ResolvedAddress } from './url.js';

const PAGE =
  '<!DOCTYPE html><html><head><title>Local page</title><link rel="canonical" href="/canonical"></head><body><h1>Local page</h1>' +
  '<p>The council said on Monday that the new bridge would open in May, and that the old one would close for repairs.</p></body></html>';

let server: http.Server;
let base = '';
const seenHosts: string[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    seenHosts.push(req.headers.host ?? '');
    const path = req.url ?? '/';
    if (path === '/ok') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else if (path === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=windows-1252' });
      res.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    } else if (path === '/untyped') {
      res.writeHead(200);
      res.end(PAGE);
    } else if (path === '/gzip') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(gzipSync(PAGE));
    } else if (path === '/gzip-bomb') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x61)));
    } else if (path === '/redirect-ok') {
      res.writeHead(302, { location: '/ok' });
      res.end();
    } else if (path === '/redirect-private') {
      res.writeHead(302, { location: 'http://10.0.0.1/' });
      res.end();
    } else if (path === '/redirect-name') {
      res.writeHead(301, { location: 'http://intranet.example/admin' });
      res.end();
    } else if (path === '/redirect-metadata') {
      res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    } else if (path === '/redirect-file') {
      res.writeHead(302, { location: 'file:///etc/passwd' });
      res.end();
    } else if (path.startsWith('/loop')) {
      const n = Number(path.slice(5) || '0');
      res.writeHead(302, { location: `/loop${n + 1}` });
      res.end();
    } else if (path === '/slow-head') {
      setTimeout(() => {
        if (!res.destroyed) res.end('late');
      }, 2000).unref();
    } else if (path === '/slow-body') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>start');
      const t = setTimeout(() => res.end('</p>'), 2000);
      t.unref();
      res.on('close', () => clearTimeout(t));
    } else if (path === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = (): void => {
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('error', () => {});
      pump();
    } else if (path === '/big-declared') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      res.end('<p>x</p>');
    } else if (path === '/png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    } else if (path === '/missing') {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('not found');
    } else {
      res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Options that allow only the local test server and record every request that is opened. */
function local(extra: Partial<FetchOptions> = {}): FetchOptions & { opened: FetchRequestOptions[] } {
  const opened: FetchRequestOptions[] = [];
  return {
    allowAddresses: ['127.0.0.1'],
    resolve: async (host: string): Promise<ResolvedAddress[]> => {
      if (host === 'intranet.example') return [{ address: '192.168.1.1', family: 4 }];
      throw new Error(`unexpected DNS lookup of ${host}`);
    },
    request: (options) => {
      opened.push(options);
      assert.equal(options.hostname, '127.0.0.1', `a request was opened to ${options.hostname}`);
      return http.request(options);
    },
    opened,
    ...extra,
  };
}

/** A request function that fails the test if anything tries to connect. */
const NEVER_CONNECT: FetchOptions['request'] = (options) => {
  assert.fail(`a connection was attempted to ${options.hostname}`);
};

async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<FactlensError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof FactlensError, `expected a FactlensError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.doesNotMatch(err.message, /\n/);
    if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected ${code}, but the fetch succeeded`);
}

describe('fetchArticle: blocked targets never see a packet', () => {
  const noDns = async (host: string): Promise<ResolvedAddress[]> => assert.fail(`DNS lookup of ${host}`);
  const cases: [string, RegExp][] = [
    ['http://127.0.0.1/', /loopback/],
    ['http://[::1]/', /loopback/],
    ['http://localhost/', /names this machine/],
    ['http://LOCALHOST./x', /names this machine/],
    ['http://api.localhost:8080/', /names this machine/],
    ['http://169.254.169.254/latest/meta-data/', /metadata/],
    ['http://10.0.0.1/', /private/],
    ['http://192.168.1.1/', /private/],
    ['http://172.16.0.1/', /private/],
    ['http://100.64.0.1/', /carrier-grade/],
    ['http://0.0.0.0/', /unspecified/],
    ['http://[::ffff:127.0.0.1]/', /loopback/],
    ['http://[::ffff:a9fe:a9fe]/', /metadata/],
    ['http://[fd00:ec2::254]/', /metadata/],
    ['http://[fe80::1]/', /link-local/],
    ['http://2130706433/', /loopback/],
    ['http://0x7f.0.0.1/', /loopback/],
    ['http://017700000001/', /loopback/],
    ['file:///etc/passwd', /only http and https/],
    ['ftp://example.com/', /only http and https/],
  ];
  for (const [url, reason] of cases) {
    it(`refuses ${url}`, async () => {
      await rejectsWith(fetchArticle(url, { request: NEVER_CONNECT, resolve: noDns }), 'fetch-blocked', reason);
    });
  }

  it('refuses a name that resolves to a private address, and one with any private answer', async () => {
    const resolve = async (host: string): Promise<ResolvedAddress[]> =>
      host === 'internal.example'
        ? [{ address: '10.1.2.3', family: 4 }]
        : [
            { address: '93.184.216.34', family: 4 },
            { address: '127.0.0.1', family: 4 },
          ];
    await rejectsWith(fetchArticle('http://internal.example/', { request: NEVER_CONNECT, resolve }), 'fetch-blocked', /resolves to 10\.1\.2\.3/);
    await rejectsWith(fetchArticle('http://mixed.example/', { request: NEVER_CONNECT, resolve }), 'fetch-blocked', /127\.0\.0\.1/);
  });

  it('rejects a malformed URL as input-invalid', async () => {
    await rejectsWith(fetchArticle('not a url', { request: NEVER_CONNECT }), 'input-invalid');
  });
});

describe('fetchArticle: redirects are vetted hop by hop', () => {
  it('refuses a redirect to http://10.0.0.1/ after one request to the allowed server', async () => {
    const options = local();
    await rejectsWith(fetchArticle(`${base}/redirect-private`, options), 'fetch-blocked', /10\.0\.0\.1 is a private/);
    assert.equal(options.opened.length, 1);
  });

  it('refuses a redirect to a name that resolves to 192.168.1.1', async () => {
    const options = local();
    await rejectsWith(fetchArticle(`${base}/redirect-name`, options), 'fetch-blocked', /intranet\.example resolves to 192\.168\.1\.1/);
    assert.equal(options.opened.length, 1);
  });

  it('refuses redirects to the metadata address and to file: URLs', async () => {
    await rejectsWith(fetchArticle(`${base}/redirect-metadata`, local()), 'fetch-blocked', /metadata/);
    await rejectsWith(fetchArticle(`${base}/redirect-file`, local()), 'fetch-blocked', /only http and https/);
  });

  it('follows an allowed relative redirect and reports the final URL', async () => {
    const doc = await fetchArticle(`${base}/redirect-ok`, local());
    assert.equal(doc.finalUrl, `${base}/ok`);
    assert.equal(new TextDecoder().decode(doc.bytes), PAGE);
  });

  it('gives up after 5 redirects', async () => {
    const options = local();
    await rejectsWith(fetchArticle(`${base}/loop`, options), 'fetch-failed', /Too many redirects \(more than 5\)/);
    assert.equal(options.opened.length, 6);
  });
});

describe('fetchArticle: limits and content', () => {
  it('fetches a page with its content type', async () => {
    const doc = await fetchArticle(`${base}/ok`, local());
    assert.equal(doc.contentType, 'text/html; charset=utf-8');
    assert.equal(doc.bytes.length, Buffer.byteLength(PAGE));
  });

  it('pins the connection to the vetted address while keeping the host name', async () => {
    const opened: FetchRequestOptions[] = [];
    const doc = await fetchArticle(`http://news.example:${new URL(base).port}/ok`, {
      allowAddresses: ['127.0.0.1'],
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      request: (options) => {
        opened.push(options);
        return http.request(options);
      },
    });
    assert.equal(doc.finalUrl, `http://news.example:${new URL(base).port}/ok`);
    assert.equal(opened[0]!.hostname, 'news.example');
    assert.equal(seenHosts.at(-1), `news.example:${new URL(base).port}`);
    // Whatever name the socket layer asks about, the pinned lookup answers with the vetted address.
    const lookup = opened[0]!.lookup as unknown as (h: string, o: object, cb: (e: unknown, a: unknown, f?: number) => void) => void;
    lookup('evil.example', {}, (_e, address, family) => assert.deepEqual([address, family], ['127.0.0.1', 4]));
    lookup('evil.example', { all: true }, (_e, list) => assert.deepEqual(list, [{ address: '127.0.0.1', family: 4 }]));
  });

  it('vets a public address and connects only to it', async () => {
    const opened: FetchRequestOptions[] = [];
    await fetchArticle('http://public.example/ok', {
      resolve: async () => [{ address: '93.184.216.34', family: 4 }],
      request: (options) => {
        opened.push(options);
        const lookup = options.lookup as unknown as (h: string, o: object, cb: (e: unknown, a: unknown) => void) => void;
        lookup('public.example', {}, (_e, address) => assert.equal(address, '93.184.216.34'));
        // Hand the request to the loopback test server instead of the network.
        return http.request({ ...options, hostname: '127.0.0.1', port: Number(new URL(base).port), lookup: undefined });
      },
    });
    assert.equal(opened.length, 1);
  });

  it('times out with fetch-timeout when the head is slow', async () => {
    const t0 = Date.now();
    await rejectsWith(fetchArticle(`${base}/slow-head`, local({ timeoutMs: 200 })), 'fetch-timeout', /200 ms/);
    assert.ok(Date.now() - t0 < 1500);
  });

  it('times out with fetch-timeout when the body stalls', async () => {
    await rejectsWith(fetchArticle(`${base}/slow-body`, local({ timeoutMs: 200 })), 'fetch-timeout');
  });

  it('stops a streamed body past maxBytes with input-too-large', async () => {
    await rejectsWith(fetchArticle(`${base}/big`, local({ maxBytes: 256 * 1024 })), 'input-too-large', /262144-byte limit/);
  });

  it('refuses a declared Content-Length over maxBytes before reading', async () => {
    await rejectsWith(fetchArticle(`${base}/big-declared`, local({ maxBytes: 1024 })), 'input-too-large', /52428800 bytes/);
  });

  it('decompresses gzip and caps the decompressed size', async () => {
    const doc = await fetchArticle(`${base}/gzip`, local());
    assert.equal(new TextDecoder().decode(doc.bytes), PAGE);
    await rejectsWith(fetchArticle(`${base}/gzip-bomb`, local({ maxBytes: 1024 * 1024 })), 'input-too-large');
  });

  it('refuses a non-article content type', async () => {
    await rejectsWith(fetchArticle(`${base}/png`, local()), 'unsupported-content-type', /image\/png/);
  });

  it('accepts text/plain with its charset and guesses a missing type from the bytes', async () => {
    const text = await fetchArticle(`${base}/text`, local());
    assert.equal(text.contentType, 'text/plain; charset=windows-1252');
    const untyped = await fetchArticle(`${base}/untyped`, local());
    assert.equal(untyped.contentType, 'text/html');
  });

  it('reports HTTP errors as fetch-failed', async () => {
    await rejectsWith(fetchArticle(`${base}/missing`, local()), 'fetch-failed', /HTTP 404/);
  });

  it('reports a refused connection as fetch-failed', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await rejectsWith(fetchArticle(`http://127.0.0.1:${port}/`, local()), 'fetch-failed', /ECONNREFUSED/);
  });
});

describe('ingest({ url })', () => {
  it('fetches, decodes and extracts a page, recording where it came from', async () => {
    const article = await ingest({ url: `${base}/redirect-ok` }, { fetch: { allowAddresses: ['127.0.0.1'] } });
    assert.equal(article.meta.inputKind, 'url');
    assert.equal(article.meta.url, `${base}/ok`);
    assert.equal(article.meta.canonicalUrl, `${base}/canonical`);
    assert.equal(article.meta.charset, 'utf-8');
    assert.deepEqual(
      article.blocks.map((b) => b.kind),
      ['headline', 'paragraph'],
    );
  });

  it('is refused for loopback without an explicit allowance', async () => {
    await rejectsWith(ingest({ url: `${base}/ok` }), 'fetch-blocked');
  });
});
