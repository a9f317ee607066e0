/**
 * The explicit, sorted registry of analyzers. Adding an analyzer = a folder + one line here.
 */
import type { AnyAnalyzer } from '../core/types.js';
import { attribution } from './attribution/index.js';
import { checkWorthy } from './check-worthy/index.js';
import { clickbait } from './clickbait/index.js';
import { evidence } from './evidence/index.js';
import { factCheckMatch } from './fact-check-match/index.js';
import { headlineSupport } from './headline-support/index.js';
import { hedging } from './hedging/index.js';
import { provenance } from './provenance/index.js';
import { source } from './source/index.js';
import { style } from './style/index.js';
import { trustBadge } from './trust-badge/index.js';

export const ANALYZERS: readonly AnyAnalyzer[] = [
  attribution,
  checkWorthy,
  clickbait,
  evidence,
  factCheckMatch,
  headlineSupport,
  hedging,
  provenance,
  source,
  style,
  trustBadge,
];
