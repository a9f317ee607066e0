/**
 * The one Node server file: hosts a fetch-style handler on node:http. It turns each request into a
 * `Request` (body streamed, never buffered here), passes the remote address for rate limiting, and
 * writes the `Response` back. Timeouts bound slow clients.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import ipaddr from 'ipaddr.js';
import { FactlensError } from '../core/errors.js';
import type { Handler } from './handler.js';

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
  /** close connections whose request takes longer than this */
  requestTimeoutMs?: number;
}

export interface RunningServer {
  /** base URL, e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, base: string): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const host = req.headers.host && /^[A-Za-z0-9.:[\]-]{1,300}$/.test(req.headers.host) ? req.headers.host : new URL(base).host;
  const url = `http://${host}${req.url?.startsWith('/') ? req.url : '/'}`;
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  if (body) headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * Starts serving `handler` on host:port.
 * @example const server = await startServer({ handler, host: '127.0.0.1', port: 8787 })
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const displayHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  let base = `http://${displayHost}:${options.port}`;
  const server = createServer((req, res) => {
    let request: Request;
    try {
      request = toRequest(req, base);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'input-invalid', message: 'Malformed request.' } }));
      return;
    }
    options
      .handler(request, { clientAddress: req.socket.remoteAddress })
      .then((response) => writeResponse(response, res))
      .catch((err: unknown) => {
        process.stderr.write(`factlens serve: ${(err as Error).stack ?? String(err)}\n`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'internal', message: 'Internal error: the server log has the details.' } }));
      });
  });
  server.requestTimeout = options.requestTimeoutMs ?? 60_000;
  server.headersTimeout = 15_000;
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
