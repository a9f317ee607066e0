/**
 * The items of a batch, read from a JSONL file, stdin or a folder, in input order; shared by the
 * local batch and the queue's enqueueing. Unknown JSONL fields are noted for one warning.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { toFactlensError } from '../core/errors.js';
import { readJsonl, recordToInput } from '../ingest/jsonl.js';
import type { BatchItem } from '../runtime/job.js';
import type { CliIo } from './io.js';
import { inputFileError, readArticleInput } from './read-input.js';

/** Fields of the input that were not analyzed: kept as metadata, or ignored (too long, not text). */
export interface FieldNotes {
  kept: Set<string>;
  ignored: Set<string>;
}

/** A batch input opened for reading. */
export interface BatchInput {
  items: AsyncGenerator<BatchItem>;
  /** how many items it holds, when that is known before reading (a file or a folder, not stdin) */
  total?: number;
  notes: FieldNotes;
}

/** The articles of a JSONL stream, in order; unknown fields are noted in `notes`. */
async function* jsonlItems(stream: AsyncIterable<Uint8Array | string>, maxBytes: number, notes: FieldNotes): AsyncGenerator<BatchItem> {
  for await (const item of readJsonl(stream, { maxLineBytes: maxBytes })) {
    if ('error' in item) yield { id: item.id, error: item.error };
    else {
      for (const key of Object.keys(item.record.extra ?? {})) notes.kept.add(key);
      for (const key of item.ignored ?? []) notes.ignored.add(key);
      yield { id: item.id, ...recordToInput(item.record) };
    }
  }
}

/** The files of a folder, in name order, one article each. */
async function* folderItems(dir: string, names: string[], io: CliIo, maxBytes: number): AsyncGenerator<BatchItem> {
  for (const name of names) {
    try {
      yield { id: name, input: await readArticleInput(join(dir, name), io, maxBytes), meta: { extra: { id: name } } };
    } catch (err) {
      const e = toFactlensError(err);
      yield { id: name, error: { code: e.code, message: e.message } };
    }
  }
}

/**
 * Counts the items of a JSONL file as the reader will yield them: lines holding anything but
 * white space (one pass over the bytes, no parsing).
 */
export async function countJsonlItems(path: string): Promise<number> {
  let count = 0;
  let hasContent = false;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 0x0a) {
        if (hasContent) count++;
        hasContent = false;
      } else if (!hasContent && b !== 0x20 && b !== 0x09 && b !== 0x0d) hasContent = true;
    }
  }
  return hasContent ? count + 1 : count;
}

/**
 * Opens a batch input: `-` (JSONL on stdin), a JSONL file, or a folder of article files.
 * @example const { items, total } = await openBatchInput('in.jsonl', io, 2_000_000)
 */
export async function openBatchInput(target: string, io: CliIo, maxBytes: number, options: { count?: boolean } = {}): Promise<BatchInput> {
  const notes: FieldNotes = { kept: new Set(), ignored: new Set() };
  if (target === '-') return { items: jsonlItems(io.stdin as AsyncIterable<Uint8Array | string>, maxBytes, notes), notes };
  const path = resolve(io.cwd, target);
  const info = await stat(path).catch((err: unknown) => {
    throw inputFileError(err, target);
  });
  if (info.isDirectory()) {
    const names = (await readdir(path, { withFileTypes: true }))
      .filter((d) => d.isFile() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
    return { items: folderItems(path, names, io, maxBytes), total: names.length, notes };
  }
  const total = options.count === false ? undefined : await countJsonlItems(path);
  return { items: jsonlItems(createReadStream(path), maxBytes, notes), total, notes };
}

/** One line naming the fields a batch did not analyze, or undefined when there were none. */
export function fieldWarning(notes: FieldNotes): string | undefined {
  const list = (names: Set<string>): string => {
    const all = [...names];
    return all.length > 12 ? `${all.slice(0, 12).join(', ')} and ${all.length - 12} more` : all.join(', ');
  };
  const parts: string[] = [];
  if (notes.kept.size > 0) parts.push(`kept field${notes.kept.size === 1 ? '' : 's'} ${list(notes.kept)} as metadata (article.meta.extra)`);
  if (notes.ignored.size > 0) parts.push(`ignored field${notes.ignored.size === 1 ? '' : 's'} ${list(notes.ignored)} (not short text)`);
  return parts.length > 0 ? `factlens batch: warning: ${parts.join('; ')}\n` : undefined;
}
