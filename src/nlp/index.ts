/**
 * Article → ParsedArticle: the shared enrichment every analyzer reads. Runs once per article:
 * sentences and tokens, entities with aliases, quotations with speakers, dates resolved against
 * the publication date.
 */
import type { Article, ParsedArticle } from '../core/types.js';
import { resolveDates } from './dates.js';
import { findEntities } from './entities.js';
import { findQuotes, pairArticleQuotes, quoteMarkSpans } from './quotes.js';
import { splitSentences } from './tokenize.js';

/**
 * Parses an article once for all analyzers.
 * @example const parsed = parseArticle(ingestText(text)); parsed.quotes[0].speaker?.name
 */
export function parseArticle(article: Article): ParsedArticle {
  const { text } = article;
  const { sentences, tokens } = splitSentences(text, article.blocks);
  const headlineBlock = article.blocks.findIndex((b) => b.kind === 'headline');
  const headline = headlineBlock >= 0 ? sentences.find((s) => s.block === headlineBlock) : undefined;
  const bodySentences = sentences.filter((s) => article.blocks[s.block]?.kind === 'paragraph');
  const base: ParsedArticle = {
    article,
    text,
    sentences,
    tokens,
    entities: [],
    mentions: [],
    quotes: [],
    dates: [],
    headline,
    bodySentences,
  };
  // quotation marks are paired first: names inside quotes are not antecedents of pronouns outside
  const pairs = pairArticleQuotes(base);
  const { entities, mentions } = findEntities(base, quoteMarkSpans(text, pairs));
  const withEntities = { ...base, entities, mentions };
  const quotes = findQuotes(withEntities, pairs);
  const dates = resolveDates(withEntities);
  return { ...withEntities, quotes, dates };
}
