/**
 * Word lists for headline support. Headline verbs that report what someone said or threatened
 * (the claim then needs a quote behind it), and small synonym sets so that a quote saying "deter"
 * counts as partial support for a headline saying "thwart". Lemmas, lower-case.
 */
export const ATTRIBUTION_VERBS = new Set(
  'threaten warn vow say claim admit confirm reveal slam blast deny call demand accuse pledge promise insist announce declare urge tell brand dismiss reject'.split(
    ' ',
  ),
);

const SYNONYM_SETS: string[][] = [
  ['thwart', 'deter', 'counter', 'block', 'stop', 'prevent', 'foil', 'hinder', 'obstruct', 'undermine', 'oppose', 'resist'],
  ['destroy', 'defeat', 'eliminate', 'wipe', 'crush', 'annihilate', 'eradicate', 'fight', 'target', 'strike', 'attack', 'bomb'],
  ['attempt', 'effort', 'bid', 'try', 'mission', 'campaign', 'operation', 'drive', 'push'],
  ['threaten', 'warn', 'vow', 'menace'],
  ['kill', 'slay', 'murder', 'execute', 'die', 'death', 'dead'],
  ['ban', 'prohibit', 'outlaw', 'forbid', 'bar'],
  ['win', 'victory', 'triumph', 'beat'],
  ['lose', 'loss', 'defeat'],
  ['increase', 'rise', 'raise', 'grow', 'surge', 'soar', 'jump'],
  ['decrease', 'fall', 'drop', 'cut', 'decline', 'plunge', 'slash'],
  ['arrest', 'detain', 'capture', 'seize'],
  ['refuse', 'reject', 'rebuff', 'decline', 'deny'],
  ['cooperate', 'collaborate', 'work', 'partner', 'ally'],
  ['investigate', 'probe', 'inquiry', 'examine'],
];

/** lemma → the set of lemmas that count as the same predicate */
export const SYNONYMS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const m = new Map<string, Set<string>>();
  for (const set of SYNONYM_SETS) {
    for (const w of set) {
      const s = m.get(w) ?? new Set<string>();
      for (const x of set) s.add(x);
      m.set(w, s);
    }
  }
  return m;
})();
