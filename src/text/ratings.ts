/**
 * Rating words onto the common scales: a fact-checker's rating onto the verdict scale, and the
 * words site lists use onto the source labels. Pure functions, shared by the importers and the
 * analyzers that read stored labels.
 */
import type { FactCheckVerdict, SourceLabel } from '../store/types.js';

/**
 * Maps a fact-checker's rating words onto the common verdict scale.
 * @example verdictFromRating('Pants on Fire!') // 'false'
 */
export function verdictFromRating(rating: string): FactCheckVerdict {
  const r = rating.toLowerCase().replace(/[^a-z]+/g, ' ').trim();
  if (/^(pants on fire|pants fire|false|fake|fabricated|four pinocchios|incorrect|wrong|hoax|scam|not true|untrue|debunked|fiction)\b/.test(r)) return 'false';
  if (/^(mostly false|barely true|three pinocchios|misleading|largely false|mostly fake)\b/.test(r)) return 'mostly-false';
  if (/^(half true|mixture|mixed|mixture of true and false|partly true|partly false|half truth|two pinocchios|exaggerat)/.test(r)) return 'mixed';
  if (/^(mostly true|largely true|one pinocchio|mostly correct|mostly accurate)\b/.test(r)) return 'mostly-true';
  if (/^(true|correct|accurate|real|geppetto checkmark|legit)\b/.test(r)) return 'true';
  if (/^(unproven|unverified|unsupported|no evidence|lacks context|no factual content|research in progress|undetermined)\b/.test(r)) return 'unproven';
  return 'other';
}

/** Words lists use for a site, mapped onto the common labels; undefined when a word is not a rating. */
export function sourceLabelFrom(raw: string): SourceLabel | undefined {
  const r = raw.toLowerCase().replace(/[^a-z]+/g, ' ').trim();
  if (!r) return undefined;
  if (/^(fake|fake news|fake hoax|hoax|fabricated|fake site|some fake stories)$/.test(r)) return r === 'some fake stories' ? 'unreliable' : 'fake';
  if (/^(imposter|imposter site|impostor|counterfeit)$/.test(r)) return 'imposter';
  if (/^(satire|satirical|parody|parody site)$/.test(r)) return 'satire';
  if (/^(conspiracy|conspiracy theory)$/.test(r)) return 'conspiracy';
  if (/^(junksci|junk science|pseudoscience)$/.test(r)) return 'junk-science';
  if (/^(hate|hate group)$/.test(r)) return 'hate';
  if (/^(unreliable|unrealiable|rumor|rumour|warning|misleading|credibility|junk news)$/.test(r)) return 'unreliable';
  if (/^(clickbait|click bait)$/.test(r)) return 'clickbait';
  if (/^(bias|extreme bias|political|partisan|left|right|hyperpartisan|right wing bias|left wing bias)$/.test(r)) return 'partisan';
  if (/^(state|state media)$/.test(r)) return 'state-media';
  if (/^(reliable|credible)$/.test(r)) return 'reliable';
  return undefined;
}
