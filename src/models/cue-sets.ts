/**
 * Hand-written cue features for the linear text models, expressed as extra named terms (so they
 * live in the same vocabulary as the n-grams, get learned weights, and can be named in an
 * explanation). Each set follows the features its task's literature found useful:
 * - clickbait (Chakraborty et al. 2016): headline length, a leading number, the opening word,
 *   question and exclamation marks;
 * - checkworthy (ClaimBuster, Hassan et al. 2017; CheckThat! 2019 systems): numbers, percentages,
 *   money, years, named things (capitalized words inside the sentence), length, questions.
 * - credibility (Horne & Adali 2017; Pérez-Rosas et al. 2018): length, exclamation marks, all-caps
 *   words, quotations.
 * All regexes are single character classes or literals: linear time.
 */
import { FactlensError } from '../core/errors.js';

/** A cue set: extra terms for a text, and a readable phrase for each term it can produce. */
export interface CueSet {
  terms(text: string, tokens: readonly string[]): string[];
  describe(term: string): string | undefined;
}

const bucket = (n: number, edges: readonly number[]): string => {
  for (const e of edges) if (n <= e) return `≤${e}`;
  return `>${edges[edges.length - 1]}`;
};

const IS_NUMBER = /^\p{N}/u;

const clickbait: CueSet = {
  terms(text, tokens) {
    const out = [`<len:${Math.min(tokens.length, 20)}>`];
    if (tokens[0]) out.push(`<start:${tokens[0]}>`);
    if (tokens[0] && IS_NUMBER.test(tokens[0])) out.push('<start-number>');
    if (tokens.some((t) => IS_NUMBER.test(t))) out.push('<has-number>');
    const trimmed = text.trimEnd();
    if (trimmed.endsWith('?')) out.push('<question>');
    if (trimmed.includes('!')) out.push('<exclamation>');
    return out;
  },
  describe(term) {
    if (term === '<start-number>') return 'opens with a number';
    if (term === '<has-number>') return 'contains a number';
    if (term === '<question>') return 'ends with a question';
    if (term === '<exclamation>') return 'exclamation mark';
    if (term.startsWith('<start:')) return `opens with “${term.slice(7, -1)}”`;
    if (term.startsWith('<len:')) return `${term.slice(5, -1)} words long`;
    return undefined;
  },
};

const YEAR = /^(?:1[89]|20)\d\d$/;
const CAPITALIZED = /\s[\p{Lu}][\p{Ll}]/gu;

const checkworthy: CueSet = {
  terms(text, tokens) {
    const out = [`<len:${bucket(tokens.length, [3, 6, 10, 15, 20, 30, 45])}>`];
    const numbers = tokens.filter((t) => IS_NUMBER.test(t));
    if (numbers.length > 0) out.push('<has-number>');
    if (numbers.length > 1) out.push('<several-numbers>');
    if (numbers.some((t) => YEAR.test(t))) out.push('<year>');
    if (text.includes('%') || tokens.includes('percent')) out.push('<percent>');
    if (text.includes('$') || tokens.some((t) => t === 'million' || t === 'billion' || t === 'trillion' || t === 'dollars')) {
      out.push('<money>');
    }
    const caps = text.match(CAPITALIZED)?.length ?? 0;
    out.push(`<capitalized:${bucket(caps, [0, 1, 3])}>`);
    if (text.trimEnd().endsWith('?')) out.push('<question>');
    return out;
  },
  describe(term) {
    if (term === '<has-number>') return 'states a number';
    if (term === '<several-numbers>') return 'states several numbers';
    if (term === '<year>') return 'names a year';
    if (term === '<percent>') return 'gives a percentage';
    if (term === '<money>') return 'names an amount of money';
    if (term === '<question>') return 'is a question';
    if (term.startsWith('<capitalized:')) return `names ${term.slice(13, -1)} capitalized words`;
    if (term.startsWith('<len:')) return `${term.slice(5, -1)} words long`;
    return undefined;
  },
};

const ALL_CAPS_WORD = /\b\p{Lu}{4,}\b/gu;

const credibility: CueSet = {
  terms(text, tokens) {
    const exclamations = text.split('!').length - 1;
    const caps = text.match(ALL_CAPS_WORD)?.length ?? 0;
    const quotes = (text.match(/["“”]/g)?.length ?? 0) / 2;
    return [
      `<len:${bucket(tokens.length, [100, 300, 800, 2000])}>`,
      `<exclamations:${bucket(exclamations, [0, 1, 3])}>`,
      `<caps-words:${bucket(caps, [0, 2, 6])}>`,
      `<quotes:${bucket(quotes, [0, 2, 6])}>`,
    ];
  },
  describe(term) {
    if (term.startsWith('<exclamations:')) return `${term.slice(14, -1)} exclamation marks`;
    if (term.startsWith('<caps-words:')) return `${term.slice(12, -1)} all-caps words`;
    if (term.startsWith('<quotes:')) return `${term.slice(8, -1)} quotations`;
    if (term.startsWith('<len:')) return `${term.slice(5, -1)} words long`;
    return undefined;
  },
};

const none: CueSet = { terms: () => [], describe: () => undefined };

/** The cue sets by name, as recorded in a weight file's config. */
export const CUE_SETS: Readonly<Record<string, CueSet>> = { clickbait, checkworthy, credibility, none };

/** Looks up a cue set; an unknown name means the weight file came from another version. */
export function cueSet(name: string): CueSet {
  const set = CUE_SETS[name];
  if (!set) throw new FactlensError('model-invalid', `Unknown cue set "${name}" in a weight file: retrain the model with this version.`);
  return set;
}
