/**
 * The factlens weight-file format: a small binary container for trained models.
 *
 *   bytes 0–3   magic "FLWT"
 *   bytes 4–7   format version (uint32 LE), currently 1
 *   bytes 8–11  header length N (uint32 LE)
 *   N bytes     JSON header (UTF-8): model name and kind, feature config, vocabularies,
 *               SHA-256 of the training data, dev metrics, calibration, the tensor table and the
 *               SHA-256 of the body
 *   padding     zeros up to a multiple of 8
 *   body        tensors, each 8-byte aligned: float32 little-endian, or int8 with one float32
 *               scale per row (symmetric quantization: value = int8 · scale[row])
 *
 * The loader checks every field and the body hash, so a truncated or altered file fails with
 * `model-invalid`; an absent one with `model-missing`. No timestamps: the same weights always give
 * the same bytes.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { FactlensError } from '../core/errors.js';

const MAGIC = 'FLWT';
/** The format version this code writes and reads. */
export const WEIGHT_FORMAT_VERSION = 1;

/** How a tensor is stored in the body. */
export type TensorDtype = 'f32' | 'i8';

/** One entry of the header's tensor table. */
export interface TensorEntry {
  name: string;
  dtype: TensorDtype;
  shape: number[];
  /** byte offset from the start of the body */
  offset: number;
  byteLength: number;
}

/** The JSON header of a weight file. */
export interface WeightFileHeader {
  /** model name, e.g. "clickbait" */
  name: string;
  /** model family, e.g. "logistic" or "mlp" */
  kind: string;
  /** SHA-256 (hex) of the training data files */
  trainingDataSha256: string;
  /** everything needed to rebuild features at inference (model-specific) */
  config: Record<string, unknown>;
  /** named term lists (model-specific) */
  vocabularies: Record<string, string[]>;
  /** held-out metrics recorded at training time */
  metrics: Record<string, unknown>;
  /** calibration parameters (model-specific) */
  calibration: Record<string, unknown>;
  tensors: TensorEntry[];
  bodySha256: string;
}

/** A tensor to write: float data plus its shape and storage type. */
export interface TensorInput {
  data: ArrayLike<number>;
  shape: number[];
  dtype?: TensorDtype;
}

/** A decoded tensor (always float32 in memory). */
export interface Tensor {
  shape: number[];
  data: Float32Array;
}

/** A decoded weight file. */
export interface WeightFile {
  header: WeightFileHeader;
  tensors: Map<string, Tensor>;
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;
const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function encodeTensor(t: TensorInput): Uint8Array {
  const n = sizeOf(t.shape);
  if (t.data.length !== n) throw new FactlensError('internal', `tensor data has ${t.data.length} values, shape needs ${n}`);
  if ((t.dtype ?? 'f32') === 'f32') {
    const buf = new Uint8Array(align8(n * 4));
    const view = new DataView(buf.buffer);
    for (let i = 0; i < n; i++) view.setFloat32(i * 4, t.data[i]!, true);
    return buf;
  }
  const rows = t.shape[0] ?? 1;
  const cols = rows > 0 ? n / rows : 0;
  const buf = new Uint8Array(align8(rows * 4 + n));
  const view = new DataView(buf.buffer);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(t.data[r * cols + c]!));
    const scale = max > 0 ? max / 127 : 1;
    view.setFloat32(r * 4, scale, true);
    for (let c = 0; c < cols; c++) view.setInt8(rows * 4 + r * cols + c, Math.round(t.data[r * cols + c]! / scale));
  }
  return buf;
}

/**
 * Serializes a model to the weight-file format.
 * @example const bytes = encodeWeightFile({ name: 'clickbait', kind: 'logistic', … }, { w: { data, shape: [n] } })
 */
export function encodeWeightFile(
  header: Omit<WeightFileHeader, 'tensors' | 'bodySha256'>,
  tensors: Record<string, TensorInput>,
): Uint8Array {
  const entries: TensorEntry[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const bytes = encodeTensor(t);
    entries.push({ name, dtype: t.dtype ?? 'f32', shape: [...t.shape], offset, byteLength: bytes.length });
    parts.push(bytes);
    offset += bytes.length;
  }
  const body = new Uint8Array(offset);
  let at = 0;
  for (const p of parts) {
    body.set(p, at);
    at += p.length;
  }
  const bodySha256 = createHash('sha256').update(body).digest('hex');
  const json = new TextEncoder().encode(JSON.stringify({ ...header, tensors: entries, bodySha256 }));
  const headerEnd = align8(12 + json.length);
  const out = new Uint8Array(headerEnd + body.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, WEIGHT_FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(body, headerEnd);
  return out;
}

/** The `model-invalid` error for a weight file that fails a check. */
export function invalidModel(source: string, why: string): FactlensError {
  return new FactlensError('model-invalid', `${source} is not a valid factlens weight file (${why}): retrain it with factlens train.`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function checkHeader(h: unknown, source: string): WeightFileHeader {
  if (!isRecord(h)) throw invalidModel(source, 'header is not an object');
  for (const key of ['name', 'kind', 'trainingDataSha256', 'bodySha256'] as const) {
    if (typeof h[key] !== 'string') throw invalidModel(source, `header.${key} is missing`);
  }
  for (const key of ['config', 'vocabularies', 'metrics', 'calibration'] as const) {
    if (!isRecord(h[key])) throw invalidModel(source, `header.${key} is missing`);
  }
  for (const [name, terms] of Object.entries(h.vocabularies as Record<string, unknown>)) {
    if (!Array.isArray(terms) || !terms.every((t) => typeof t === 'string')) throw invalidModel(source, `vocabulary ${name} is not a list of strings`);
  }
  if (!Array.isArray(h.tensors)) throw invalidModel(source, 'header.tensors is missing');
  for (const t of h.tensors as unknown[]) {
    if (
      !isRecord(t) ||
      typeof t.name !== 'string' ||
      (t.dtype !== 'f32' && t.dtype !== 'i8') ||
      !Array.isArray(t.shape) ||
      !t.shape.every(isCount) ||
      !isCount(t.offset) ||
      !isCount(t.byteLength)
    ) {
      throw invalidModel(source, 'a tensor entry is malformed');
    }
  }
  return h as unknown as WeightFileHeader;
}

/**
 * Parses and validates weight-file bytes; `source` names the file in error messages.
 * @example const { header, tensors } = decodeWeightFile(bytes, 'models/clickbait.flw')
 */
export function decodeWeightFile(bytes: Uint8Array, source: string): WeightFile {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw invalidModel(source, 'bad magic');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== WEIGHT_FORMAT_VERSION) throw invalidModel(source, `format version ${version}, expected ${WEIGHT_FORMAT_VERSION}`);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) throw invalidModel(source, 'truncated header');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLength)));
  } catch (err) {
    throw new FactlensError('model-invalid', `${source} has an unreadable header: retrain it with factlens train.`, { cause: err });
  }
  const header = checkHeader(parsed, source);
  const bodyStart = align8(12 + headerLength);
  const body = bytes.subarray(bodyStart);
  if (createHash('sha256').update(body).digest('hex') !== header.bodySha256) throw invalidModel(source, 'body checksum mismatch');
  const bodyView = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const tensors = new Map<string, Tensor>();
  for (const t of header.tensors) {
    const n = sizeOf(t.shape);
    const rows = t.shape[0] ?? 1;
    const need = t.dtype === 'f32' ? n * 4 : rows * 4 + n;
    if (t.byteLength < need || t.offset + t.byteLength > body.length || t.offset % 8 !== 0) {
      throw invalidModel(source, `tensor ${t.name} does not fit its shape`);
    }
    const data = new Float32Array(n);
    if (t.dtype === 'f32') {
      for (let i = 0; i < n; i++) data[i] = bodyView.getFloat32(t.offset + i * 4, true);
    } else {
      const cols = rows > 0 ? n / rows : 0;
      for (let r = 0; r < rows; r++) {
        const scale = bodyView.getFloat32(t.offset + r * 4, true);
        for (let c = 0; c < cols; c++) data[r * cols + c] = bodyView.getInt8(t.offset + rows * 4 + r * cols + c) * scale;
      }
    }
    for (let i = 0; i < n; i++) if (!Number.isFinite(data[i]!)) throw invalidModel(source, `tensor ${t.name} holds a non-finite value`);
    tensors.set(t.name, { shape: t.shape, data });
  }
  return { header, tensors };
}

/** Writes a weight file (see {@link encodeWeightFile}); returns its size in bytes. */
export async function writeWeightFile(
  path: string,
  header: Omit<WeightFileHeader, 'tensors' | 'bodySha256'>,
  tensors: Record<string, TensorInput>,
): Promise<number> {
  const bytes = encodeWeightFile(header, tensors);
  await writeFile(path, bytes);
  return bytes.length;
}

/** Reads and validates a weight file: `model-missing` when absent, `model-invalid` when damaged. */
export async function readWeightFile(path: string): Promise<WeightFile> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new FactlensError('model-missing', `No model at ${path}: train one with factlens train, or reinstall factlens.`, { cause: err });
    }
    throw new FactlensError('model-invalid', `Cannot read model ${path} (${code ?? 'error'}).`, { cause: err });
  }
  return decodeWeightFile(bytes, path);
}

/** A tensor by name with the expected shape, or `model-invalid`. */
export function requireTensor(file: WeightFile, name: string, shape: readonly number[], source = file.header.name): Float32Array {
  const t = file.tensors.get(name);
  if (!t) throw invalidModel(source, `tensor ${name} is missing`);
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw invalidModel(source, `tensor ${name} has shape [${t.shape.join(',')}], expected [${shape.join(',')}]`);
  }
  return t.data;
}

/** A vocabulary by name, or `model-invalid`. */
export function requireVocabulary(file: WeightFile, name: string, source = file.header.name): string[] {
  const v = file.header.vocabularies[name];
  if (!v) throw invalidModel(source, `vocabulary ${name} is missing`);
  return v;
}

/** A numeric config value, or `model-invalid`. */
export function requireNumber(record: Record<string, unknown>, key: string, source: string): number {
  const v = record[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidModel(source, `${key} is missing or not a number`);
  return v;
}

/** SHA-256 (hex) over several byte blobs, each prefixed by its length (for training-data hashes). */
export function sha256Of(blobs: readonly (Uint8Array | string)[]): string {
  const h = createHash('sha256');
  for (const b of blobs) {
    const bytes = typeof b === 'string' ? new TextEncoder().encode(b) : b;
    h.update(`${bytes.length}:`);
    h.update(bytes);
  }
  return h.digest('hex');
}
