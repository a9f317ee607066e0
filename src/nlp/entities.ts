import type { Entity, Mention, ParsedArticle } from '../core/types.js';
export function findEntities(_p: ParsedArticle): { entities: Entity[]; mentions: Mention[] } {
  return { entities: [], mentions: [] };
}
