/**
 * URL → bytes, safe against server-side request forgery. Every hop (the first URL and each
 * redirect) is checked before any packet is sent: the scheme must be http(s), the host must not be
 * a local name, and every address it resolves to must pass the address policy (address-policy.ts).
 * The connection is then pinned to the vetted address (a `lookup` that returns only it), so a DNS
 * answer that changes between check and connect (rebinding) cannot redirect it. Downloads stream
 * under a byte cap (decompressed size included), an overall deadline, a redirect cap and a
 * content-type check.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { CLI_HINTS, FactlensError, withCliHint } from '../core/errors.js';
import { VERSION } from '../version.js';
import { type AddressPolicy, canonicalAddress, isLocalHostname, vetAddress } from './address-policy.js';
import { DEFAULT_MAX_BYTES } from './decode.js';

/** One resolved address of a host name. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Options for an outgoing HTTP request, as Node's http.request takes them, plus the protocol. */
export type FetchRequestOptions = http.RequestOptions & { protocol: 'http:' | 'https:' };

export interface FetchOptions extends AddressPolicy {
  /** download cap in bytes, after decompression (default 5 MiB) */
  maxBytes?: number;
  /** overall deadline for all hops and the download (default 10 s) */
  timeoutMs?: number;
  /** redirects followed before giving up (default 5) */
  maxRedirects?: number;
  /** cancels the fetch */
  signal?: AbortSignal;
  /** host name → addresses (default: the system resolver); injectable for tests */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** opens the HTTP request (default: node:http / node:https request); injectable for tests */
  request?: (options: FetchRequestOptions) => http.ClientRequest;
}

export interface FetchedDocument {
  bytes: Uint8Array;
  /** media type with parameters, lower-cased (e.g. "text/html; charset=utf-8") */
  contentType: string;
  /** the URL after redirects */
  finalUrl: string;
}

/** Media types an article may come as. */
const ACCEPTED_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain']);

/** How long a fetch may take by default, redirects included. */
export const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_REDIRECTS = 5;

function shortUrl(url: URL | string): string {
  const s = typeof url === 'string' ? url : url.href;
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

function defaultRequest(options: FetchRequestOptions): http.ClientRequest {
  return options.protocol === 'https:' ? https.request(options) : http.request(options);
}

/** A `lookup` that answers only with the vetted address, whatever name it is asked about. */
function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as unknown as LookupFunction;
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (DNS lookups cannot be cancelled). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/** Checks one hop and returns the address to connect to. Sends nothing. */
async function vetHop(url: URL, options: FetchOptions, signal: AbortSignal): Promise<ResolvedAddress> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FactlensError('fetch-blocked', `Refusing ${shortUrl(url)}: only http and https URLs can be fetched.`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = canonicalAddress(host);
  if (literal) {
    const verdict = vetAddress(literal, options);
    if (!verdict.isAllowed) throw new FactlensError('fetch-blocked', withCliHint(`Refusing ${shortUrl(url)}: ${literal} is ${verdict.reason}.`, CLI_HINTS.allowPrivateNetwork));
    return { address: literal, family: literal.includes(':') ? 6 : 4 };
  }
  if (isLocalHostname(host) && !options.allowPrivateNetwork) {
    throw new FactlensError('fetch-blocked', withCliHint(`Refusing ${shortUrl(url)}: ${host} names this machine.`, CLI_HINTS.allowPrivateNetwork));
  }
  let answers: ResolvedAddress[];
  try {
    answers = await abortable((options.resolve ?? systemResolve)(host), signal);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new FactlensError('fetch-failed', `Cannot resolve ${host}: ${code}. Check the URL and the network.`, { cause: err });
  }
  if (signal.aborted) throw new Error('aborted');
  if (answers.length === 0) throw new FactlensError('fetch-failed', `Cannot resolve ${host}: no addresses. Check the URL.`);
  // Every answer must pass: a name that resolves to a public and a private address is refused, so
  // no choice of answer by the connecting code can reach the private one.
  for (const answer of answers) {
    const verdict = vetAddress(answer.address, options);
    if (!verdict.isAllowed) {
      throw new FactlensError('fetch-blocked', withCliHint(`Refusing ${shortUrl(url)}: ${host} resolves to ${answer.address}, ${verdict.reason}.`, CLI_HINTS.allowPrivateNetwork));
    }
  }
  const first = answers[0]!;
  return { address: canonicalAddress(first.address) ?? first.address, family: first.family };
}

/** Sends one GET to the pinned address and resolves with the response head. */
function sendRequest(url: URL, target: ResolvedAddress, options: FetchOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const isLiteral = canonicalAddress(host) !== undefined;
    const requestOptions: FetchRequestOptions = {
      protocol: url.protocol as 'http:' | 'https:',
      hostname: host,
      port: url.port ? Number(url.port) : undefined,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      family: target.family,
      lookup: pinnedLookup(target),
      agent: false,
      signal,
      headers: {
        'user-agent': `factlens/${VERSION} (article fetch for offline verification)`,
        accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1',
        'accept-encoding': 'gzip, deflate, br',
        'accept-language': 'en',
      },
      ...(url.protocol === 'https:' && !isLiteral ? { servername: host } : {}),
    };
    let req: http.ClientRequest;
    try {
      req = (options.request ?? defaultRequest)(requestOptions);
    } catch (err) {
      reject(err);
      return;
    }
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

function decompressor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

/** Reads a body under the byte cap; throws input-too-large as soon as it is passed. */
async function readCapped(response: http.IncomingMessage, url: URL, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new FactlensError('input-too-large', withCliHint(`${shortUrl(url)} is ${declared} bytes, over the ${maxBytes}-byte limit.`, CLI_HINTS.maxBytes));
  }
  const inflate = decompressor(response.headers['content-encoding']);
  const stream: Readable = inflate ? response.pipe(inflate) : response;
  if (inflate) response.once('error', (err) => inflate.destroy(err));
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      total += b.length;
      if (total > maxBytes) {
        throw new FactlensError('input-too-large', withCliHint(`${shortUrl(url)} is over the ${maxBytes}-byte limit.`, CLI_HINTS.maxBytes));
      }
      chunks.push(b);
    }
  } catch (err) {
    response.destroy();
    inflate?.destroy();
    if (err instanceof FactlensError) throw err;
    if ((err as NodeJS.ErrnoException).code?.startsWith('Z_') || (err as Error).message.includes('incorrect header')) {
      throw new FactlensError('fetch-failed', `${shortUrl(url)} sent a body that does not decompress: the server is misconfigured.`, { cause: err });
    }
    throw err;
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Fetches an article page, refusing private and local targets on every hop.
 * @example const { bytes, contentType, finalUrl } = await fetchArticle('https://example.com/story')
 */
export async function fetchArticle(url: string, options: FetchOptions = {}): Promise<FetchedDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new FactlensError('input-invalid', `"${shortUrl(url)}" is not a URL: give an absolute http(s) URL.`);
  }
  const controller = new AbortController();
  let isTimedOut = false;
  const timer = setTimeout(() => {
    isTimedOut = true;
    controller.abort();
  }, timeoutMs);
  const onOuterAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const start = url;
  try {
    for (let hop = 0; ; hop++) {
      const target = await vetHop(current, options, controller.signal);
      if (controller.signal.aborted) throw new Error('aborted');
      const response = await sendRequest(current, target, options, controller.signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && status !== 304) {
        response.resume();
        const location = response.headers.location;
        if (!location) throw new FactlensError('fetch-failed', `${shortUrl(current)} answered HTTP ${status} without a Location header.`);
        if (hop >= maxRedirects) {
          throw new FactlensError('fetch-failed', `Too many redirects (more than ${maxRedirects}) starting at ${shortUrl(start)}.`);
        }
        try {
          current = new URL(location, current);
        } catch {
          throw new FactlensError('fetch-failed', `${shortUrl(current)} redirected to an invalid URL.`);
        }
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new FactlensError('fetch-failed', `${shortUrl(current)} answered HTTP ${status}: check the URL.`);
      }
      const rawType = response.headers['content-type'];
      const type = mediaType(rawType);
      if (type && !ACCEPTED_TYPES.has(type)) {
        response.destroy();
        throw new FactlensError('unsupported-content-type', `${shortUrl(current)} is ${type}, not an article page (HTML or plain text).`);
      }
      const bytes = await readCapped(response, current, maxBytes);
      const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).trimStart().toLowerCase();
      // No Content-Type at all: tell HTML from text by its first bytes; binary is refused later.
      const contentType = type ? (rawType ?? type).toLowerCase() : /^<(?:!doctype html|html|head|body)/.test(head) ? 'text/html' : 'text/plain';
      return { bytes, contentType, finalUrl: current.href };
    }
  } catch (err) {
    if (err instanceof FactlensError) throw err;
    if (isTimedOut) {
      throw new FactlensError('fetch-timeout', `Fetching ${shortUrl(current)} took longer than ${timeoutMs} ms: try again or raise the timeout.`, {
        cause: err,
      });
    }
    if (options.signal?.aborted) throw new FactlensError('fetch-failed', `Fetching ${shortUrl(current)} was cancelled.`, { cause: err });
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new FactlensError('fetch-failed', `Cannot fetch ${shortUrl(current)}: ${code}.`, { cause: err });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}
