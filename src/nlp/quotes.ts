import type { ParsedArticle, Quote } from '../core/types.js';
export function findQuotes(_p: ParsedArticle): Quote[] {
  return [];
}
