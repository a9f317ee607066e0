/**
 * Words worth searching for: lower-cased letters-and-digits runs without English function words.
 * Full-text searches and the claim similarity share this list so both ignore the same words.
 */

/** English function words and reporting filler that carry no topic. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing down during each few for from further had has have having he her here hers herself ' +
    'him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these ' +
    'they this those through to too under until up very was we were what when where which while who whom why will with would ' +
    'you your yours yourself yourselves s t d ll m re ve don doesn didn isn wasn weren aren won wouldn shouldn couldn ' +
    'said says say told according also us one two new via per may might must shall us mr mrs ms'
  ).split(' '),
);

const WORD_RE = /[\p{L}\p{N}]+/gu;

/**
 * The distinct content words of a text in order of first use, at most `max`.
 * @example queryWords('The Pentagon has threatened Russia') // ['pentagon', 'threatened', 'russia']
 */
export function queryWords(text: string, max = 48): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(WORD_RE)) {
    const w = m[0].toLowerCase();
    // single letters carry nothing, single digits do ("4 percent")
    if ((w.length < 2 && !/\d/.test(w)) || STOPWORDS.has(w) || seen.has(w)) continue;
    seen.add(w);
    out.push(w);
    if (out.length >= max) break;
  }
  return out;
}
