/** URL → bytes (placeholder until the SSRF-safe fetcher lands). */
import { FactlensError } from '../core/errors.js';

export interface FetchOptions {
  maxBytes?: number;
  /** allow loopback/private/link-local targets (tests, trusted local use only) */
  allowPrivateNetwork?: boolean;
}

export interface FetchedDocument {
  bytes: Uint8Array;
  contentType: string;
  finalUrl: string;
}

export async function fetchArticle(_url: string, _options: FetchOptions = {}): Promise<FetchedDocument> {
  throw new FactlensError('fetch-failed', 'URL input is not supported yet.');
}
