import type { DateMention, ParsedArticle } from '../core/types.js';
export function resolveDates(_p: ParsedArticle): DateMention[] {
  return [];
}
