/** Reads the article a CLI command was pointed at: a file path, `-` for stdin, or `--url`. */
import { readFile, stat } from 'node:fs/promises';
import { FactlensError } from '../core/errors.js';
import { DEFAULT_MAX_BYTES } from '../ingest/decode.js';
import type { ArticleInput } from '../ingest/index.js';
import type { CliIo } from './io.js';

async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += b.length;
    if (total > maxBytes) throw new FactlensError('input-too-large', `Standard input is over the ${maxBytes}-byte limit: raise --max-bytes.`);
    chunks.push(b);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** A file that cannot be opened, as an `input-invalid` error in plain words (no bare ENOENT). */
export function inputFileError(err: unknown, path: string): FactlensError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT' ? 'does not exist: check the path (or give --url for a web page)'
    : code === 'EACCES' || code === 'EPERM' ? 'cannot be read: permission denied'
    : code === 'ENOTDIR' ? 'does not exist: a part of the path is not a folder'
    : code === 'ENAMETOOLONG' ? 'is not a usable path: the name is too long'
    : `cannot be read (${code ?? 'error'})`;
  return new FactlensError('input-invalid', `${path} ${reason}.`, { cause: err });
}

/** Turns a path (or `-`) into an ArticleInput, checking size before reading the whole file. */
export async function readArticleInput(path: string | undefined, io: CliIo, maxBytes = DEFAULT_MAX_BYTES): Promise<ArticleInput> {
  if (!path || path === '-') {
    if (!path && io.stdin.isTTY) throw new FactlensError('usage', 'Give an article: a file path, - for stdin, or --url URL.');
    return { bytes: await readStream(io.stdin, maxBytes) };
  }
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new FactlensError('input-invalid', `${path} is not a file.`);
    size = s.size;
  } catch (err) {
    if (err instanceof FactlensError) throw err;
    throw inputFileError(err, path);
  }
  if (size > maxBytes) throw new FactlensError('input-too-large', `${path} is ${size} bytes, over the ${maxBytes}-byte limit: raise --max-bytes.`);
  try {
    return { bytes: new Uint8Array(await readFile(path)), filename: path };
  } catch (err) {
    throw inputFileError(err, path);
  }
}
