/**
 * A rule-based clickbait scorer for when no trained model is loaded: weighted cue patterns after
 * the "forward-referencing" and listicle devices described by Blom & Hansen (2015, "Click bait:
 * Forward-reference as lure in online news headlines") and the cue families of Chakraborty et al.
 * (2016): listicle numbers, second-person address, teaser phrases, hyperbole. Independent cues
 * combine as 1 − Π(1 − w). Every pattern is a literal alternation or a bounded class: linear time.
 * Its precision is measured by `factlens eval clickbait --heuristic`.
 */
import type { BinaryTextModel, ScoreCue } from '../types.js';

interface Cue {
  cue: string;
  weight: number;
  re: RegExp;
}

const LISTICLE_NOUNS =
  'things|reasons|ways|times|signs|facts|photos|pictures|pics|people|questions|tweets|moments|struggles|gifs|secrets|tricks|tips|hacks|celebrities|dogs|cats|animals|products|problems|foods|words|books|songs|movies|shows|quotes|lessons|rules|habits|mistakes';

/** The cue table (lower-cased headline text is matched). */
export const CLICKBAIT_CUES: readonly Cue[] = [
  { cue: 'listicle number', weight: 0.8, re: new RegExp(`^\\d{1,3} (?:[a-z'-]{1,20} ){0,3}(?:${LISTICLE_NOUNS})\\b`) },
  {
    cue: 'teaser phrase',
    weight: 0.8,
    re: /\b(?:you won't believe|you will never believe|you'll never believe|what happens next|what happened next|will blow your mind|will make you|this is why|this is what|here's why|here's what|here's how|the reason why|you need to|you have to see|can you guess|guess what|will restore your faith|is everything|are everything|we can't even|i can't even)\b/,
  },
  { cue: 'quiz question', weight: 0.85, re: /^(?:which|what|how) [^?]{0,60}\b(?:are you|should you|do you)\b/ },
  { cue: '"only … will understand"', weight: 0.7, re: /\bonly [^.?!]{0,40}\bwill (?:understand|get|know|relate)\b/ },
  { cue: 'second-person address', weight: 0.35, re: /\b(?:you|your|you're|you'll|yourself)\b/ },
  { cue: '"this"/"these" opener', weight: 0.35, re: /^(?:this|these|here's|here are|here is)\b/ },
  {
    cue: 'hyperbole',
    weight: 0.3,
    re: /\b(?:amazing|incredible|unbelievable|shocking|epic|insane|adorable|hilarious|awesome|literally|totally|perfect|ever|wtf|omg|lol|cutest|weirdest|craziest|best|worst|mind-blowing|jaw-dropping)\b/,
  },
  { cue: 'question headline', weight: 0.2, re: /\?\s*$/ },
];

function matches(text: string): Cue[] {
  const lower = text.toLowerCase().replace(/’/g, "'").trim();
  return CLICKBAIT_CUES.filter((c) => c.re.test(lower));
}

/** The rule-based scorer as a BinaryTextModel (probability = 1 − Π(1 − w) over matched cues). */
export const CLICKBAIT_HEURISTIC: BinaryTextModel = {
  name: 'clickbait-heuristic',
  score(text: string): number {
    return 1 - matches(text).reduce((p, c) => p * (1 - c.weight), 1);
  },
  explain(text: string, max = 3): ScoreCue[] {
    return matches(text)
      .map((c) => ({ cue: c.cue, weight: c.weight }))
      .sort((a, b) => b.weight - a.weight)
      .slice(0, max);
  },
};
