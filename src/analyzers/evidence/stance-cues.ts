/**
 * The interim stance method, used until a trained stance model is loaded: a passage that uses
 * refutation words in a sentence about the claim (two or more of its content words) disagrees with
 * it; one that covers most of the claim's content words without hedging agrees; anything else
 * discusses it. In the spirit of the cue-word features of
 * Ferreira & Vlachos (NAACL 2016, the Emergent dataset behind FNC-1). Its measured quality on
 * FNC-1 is in README.md (written by `npm run bench:store`).
 */
import type { Stance } from '../../models/types.js';
import { queryWords } from '../../text/query-words.js';

/** Words that deny or debunk what they report. Alternations of fixed words: no backtracking. */
export const REFUTING =
  /\b(?:false|fake|hoax|hoaxes|debunk|debunked|debunks|untrue|not true|no evidence|baseless|unfounded|fabricated|fabrication|denied|denies|deny|refuted|refutes|dismissed|rejected|misleading|never happened|never said|satire|satirical|myth|no such|not real|did not happen)\b/i;

/** Words that report without vouching. */
export const HEDGING =
  /\b(?:reportedly|allegedly|alleged|claim|claims|claimed|rumor|rumors|rumour|rumours|rumored|unconfirmed|unverified|purportedly|apparently|appears|could|may|might|according to|speculation|speculated|suggests)\b/i;

/** Share of the claim's content words covered before a plain passage counts as agreeing. */
export const AGREE_COVERAGE = 0.6;

/** A stance with how sure the method is and the cue that decided it. */
export interface CueStance {
  stance: Exclude<Stance, 'unrelated'>;
  confidence: number;
  cue?: string;
}

// five-letter prefixes stand in for stems ("threatened" meets "threatens")
const key = (w: string): string => w.slice(0, 5);

/** Share of the claim's content words that the passage contains. */
export function claimCoverage(claim: string, passage: string): number {
  const inPassage = new Set(queryWords(passage, 2000).map(key));
  const words = queryWords(claim, 64);
  if (words.length === 0) return 0;
  return words.filter((w) => inPassage.has(key(w))).length / words.length;
}

/** The passage's sentences that use at least two of the claim's content words. */
function sentencesAbout(claim: string, passage: string): string {
  const claimWords = new Set(queryWords(claim, 64).map(key));
  return passage
    .split(/(?<=[.!?])\s+/)
    .filter((s) => queryWords(s, 200).filter((w) => claimWords.has(key(w))).length >= 2)
    .join(' ');
}

/**
 * The interim stance of a passage towards a claim.
 * @example cueStance('The Pentagon threatened Russia', 'The Pentagon denied it threatened Russia').stance // 'disagree'
 */
export function cueStance(claim: string, passage: string): CueStance {
  const refute = REFUTING.exec(sentencesAbout(claim, passage));
  if (refute) return { stance: 'disagree', confidence: 0.55, cue: refute[0] };
  const coverage = claimCoverage(claim, passage);
  const hedge = HEDGING.exec(passage);
  if (coverage >= AGREE_COVERAGE && !hedge) return { stance: 'agree', confidence: 0.5 };
  return { stance: 'discuss', confidence: 0.5, cue: hedge?.[0] };
}
