/**
 * The one Node server file: hosts a fetch-style handler on node:http. It turns each request into a
 * `Request` and hands over beside it the body (read up to the size limit, so not streamed again)
 * and the remote address (for rate limiting), then writes the `Response` back — a `TextResponse`
 * straight from its text. Timeouts bound slow clients.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import ipaddr from 'ipaddr.js';
import { FactlensError } from '../core/errors.js';
import { type Handler, TextResponse } from './handler.js';

/** True for `localhost` and loopback IP addresses (127.0.0.0/8, ::1). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (!ipaddr.isValid(h)) return false;
  const addr = ipaddr.process(h);
  return addr.range() === 'loopback';
}

export interface ServeOptions {
  handler: Handler;
  host: string;
  /** 0 picks a free port */
  port: number;
  /** close connections whose request (headers and body) takes longer than this; default 60 s */
  requestTimeoutMs?: number;
  /** bodies are read up to this size (plus one byte, so the handler can refuse them); default 2 MiB */
  maxBodyBytes?: number;
}

export interface RunningServer {
  /** base URL, e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * Reads a request body into memory, stopping once it passes `maxBytes`: the handler then sees a
 * body one byte over the limit and answers 413 without the rest ever being read.
 */
function readBody(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<{ bytes: Buffer; isTruncated: boolean }> {
  return new Promise((resolve, reject) => {
    // Node checks its own requestTimeout only every few seconds and not once the handler reads
    // the body; a client that trickles its body is dropped here when the time is up.
    const timer = setTimeout(() => {
      req.socket.destroy();
      reject(new FactlensError('input-invalid', `The request body took longer than ${timeoutMs} ms to arrive; the connection was closed.`));
    }, timeoutMs);
    timer.unref();
    req.once('close', () => clearTimeout(timer));
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > maxBytes) {
      resolve({ bytes: Buffer.alloc(0), isTruncated: true });
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      chunks.push(chunk);
      if (total > maxBytes) {
        req.off('data', onData);
        req.pause();
        clearTimeout(timer);
        resolve({ bytes: Buffer.concat(chunks).subarray(0, maxBytes + 1), isTruncated: true });
      }
    };
    req.on('data', onData);
    req.once('end', () => {
      clearTimeout(timer);
      resolve({ bytes: Buffer.concat(chunks), isTruncated: false });
    });
    req.once('error', reject);
  });
}

/** A `Host` header the request URL can be built from (absent, empty and malformed ones are not). */
function usableHost(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  return host && /^[A-Za-z0-9.:[\]-]{1,300}$/.test(host) ? host : undefined;
}

/** The request without its body: the handler gets the bytes already read (ConnectionInfo.body). */
function toRequest(req: IncomingMessage, base: string): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  // Without a usable Host the URL names the listening address; ConnectionInfo.hasHost tells the
  // handler, which refuses such requests where it answers only to loopback names.
  const host = usableHost(req) ?? new URL(base).host;
  const url = `http://${host}${req.url?.startsWith('/') ? req.url : '/'}`;
  return new Request(url, { method: req.method, headers });
}

async function writeResponse(response: Response, res: ServerResponse, isClosing: boolean): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const body =
    response instanceof TextResponse ? Buffer.from(response.bodyText) : response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  if (body) headers['content-length'] = String(body.length);
  if (isClosing) headers.connection = 'close';
  res.writeHead(response.status, headers);
  res.end(body, () => {
    if (isClosing) res.socket?.destroy();
  });
}

/**
 * Starts serving `handler` on host:port.
 * @example const server = await startServer({ handler, host: '127.0.0.1', port: 8787 })
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const displayHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  let base = `http://${displayHost}:${options.port}`;
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024;
  const fail = (res: ServerResponse, err: unknown): void => {
    if (err instanceof FactlensError && err.code !== 'internal') {
      // the client's doing (a body that never finished): one line, and no answer on a closed socket
      process.stderr.write(`factlens serve: ${err.message}\n`);
      if (res.socket?.destroyed !== false) return;
    }
    process.stderr.write(`factlens serve: ${(err as Error).stack ?? String(err)}\n`);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'internal', message: 'Internal error: the server log has the details.' } }));
  };
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  // Node's own header and request timeouts are checked on this interval (30 s by default).
  const server = createServer({ connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs) }, (req, res) => {
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const body = hasBody ? readBody(req, maxBodyBytes, requestTimeoutMs) : Promise.resolve(undefined);
    body
      .then(async (read) => {
        let request: Request;
        try {
          request = toRequest(req, base);
        } catch {
          res.writeHead(400, { 'content-type': 'application/json', connection: 'close' });
          res.end(JSON.stringify({ error: { code: 'input-invalid', message: 'Malformed request.' } }));
          return;
        }
        const info = { clientAddress: req.socket.remoteAddress, hasHost: usableHost(req) !== undefined, ...(read ? { body: read.bytes } : {}) };
        const response = await options.handler(request, info);
        // The rest of an oversized body is never read: answer, then drop the connection.
        await writeResponse(response, res, Boolean(read?.isTruncated));
      })
      .catch((err: unknown) => fail(res, err));
  });
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(15_000, requestTimeoutMs);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'the port is in use' : err.code === 'EACCES' ? 'permission denied' : err.message;
      reject(new FactlensError('config-invalid', `Cannot listen on ${displayHost}:${options.port}: ${why}.`, { cause: err }));
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://${displayHost}:${port}`;
  return {
    url: base,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
