/** HTML → Article (placeholder until the Readability-based extractor lands). */
import { FactlensError } from '../core/errors.js';
import type { Article } from '../core/types.js';

export interface HtmlIngestOptions {
  url?: string;
  requireEnglish?: boolean;
}

export function ingestHtml(_html: string, _options: HtmlIngestOptions = {}): Article {
  throw new FactlensError('unsupported-content-type', 'HTML input is not supported yet.');
}
