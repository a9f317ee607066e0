/**
 * The explicit, sorted registry of analyzers. Adding an analyzer = a folder + one line here.
 */
import type { Analyzer } from '../core/types.js';

export const ANALYZERS: readonly Analyzer<never>[] = [];
