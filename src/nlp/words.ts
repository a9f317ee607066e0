/**
 * Small word-level helpers shared by analyzers: English stopwords and a crude suffix-stripping
 * lemmatizer (with an irregular-verb table) good enough to match "threatened" with "threaten".
 */

/** Function words that carry no claim content. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then else of to in on at by for from with without into onto over under about against between ' +
    'during through after before above below up down out off again further once here there when where why how all any both ' +
    'each few more most other some such no nor not only own same so than too very can will just should now is are was were ' +
    'be been being have has had having do does did doing would could might must shall may i me my we our you your he him his ' +
    'she her it its they them their what which who whom this that these those am as until while also its s t don'
  ).split(' '),
);

const IRREGULAR_TABLE: Record<string, string> = {
  said: 'say', says: 'say', told: 'tell', went: 'go', gone: 'go', took: 'take', taken: 'take', made: 'make', gave: 'give',
  given: 'give', got: 'get', found: 'find', thought: 'think', brought: 'bring', began: 'begin', begun: 'begin', held: 'hold',
  led: 'lead', left: 'leave', met: 'meet', ran: 'run', saw: 'see', seen: 'see', sent: 'send', shot: 'shoot', spoke: 'speak',
  struck: 'strike', won: 'win', wrote: 'write', written: 'write', fought: 'fight', fell: 'fall', knew: 'know', known: 'know',
  killed: 'kill', destroyed: 'destroy', attempts: 'attempt', efforts: 'effort', threatens: 'threaten', threatened: 'threaten',
  bombing: 'bomb', strikes: 'strike', airstrikes: 'airstrike', children: 'child', people: 'person', men: 'man', women: 'woman',
};

const IRREGULAR = new Map(Object.entries(IRREGULAR_TABLE));

/** Lemmas already computed; analyzers ask for the same words again and again. Cleared when full. */
const LEMMA_CACHE = new Map<string, string>();
const LEMMA_CACHE_MAX = 50_000;

/** A crude lemma: irregular table, then -ies/-ied/-ing/-ed/-es/-s stripping. */
export function lemma(word: string): string {
  let cached = LEMMA_CACHE.get(word);
  if (cached === undefined) {
    if (LEMMA_CACHE.size >= LEMMA_CACHE_MAX) LEMMA_CACHE.clear();
    cached = computeLemma(word);
    LEMMA_CACHE.set(word, cached);
  }
  return cached;
}

function computeLemma(word: string): string {
  let w = word.toLowerCase();
  if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
  const irregular = IRREGULAR.get(w);
  if (irregular) return irregular;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') || w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && w.length > 5) return undouble(w.slice(0, -3));
  if (w.endsWith('ed') && w.length > 4) return undouble(w.slice(0, -2));
  if (w.endsWith('sses') || w.endsWith('shes') || w.endsWith('ches') || w.endsWith('xes')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

function undouble(stem: string): string {
  return /([bdgklmnprt])\1$/.test(stem) ? stem.slice(0, -1) : stem;
}
