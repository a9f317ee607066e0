/**
 * Word lists for the stance features. The refuting list is the FNC-1 baseline's (Pomerleau & Rao
 * 2017); the hedging and confirming lists follow the discuss/agree cues Hanselowski et al. (2018)
 * describe for Athene's features. The stop-word list is a common English list.
 */

/** Words that signal a body refutes or doubts a claim (the FNC-1 baseline list, plus inflections). */
export const REFUTING_WORDS: readonly string[] = [
  'fake',
  'fraud',
  'hoax',
  'false',
  'deny',
  'denies',
  'denied',
  'not',
  'despite',
  'nope',
  'doubt',
  'doubts',
  'bogus',
  'debunk',
  'debunked',
  'pranks',
  'prank',
  'retract',
  'retracted',
  'untrue',
  'refute',
  'refuted',
  'dismissed',
  'myth',
  'satire',
  'satirical',
];

/** Words that mark reporting without commitment (the discuss class). */
export const HEDGING_WORDS: ReadonlySet<string> = new Set(
  'reportedly allegedly alleged alleges claims claimed claim according rumor rumors rumour rumours unconfirmed unverified purportedly apparently supposedly speculation speculated may might could appears appear seems seem believed suggests suggested report reports reported possibly potential unclear'.split(
    ' ',
  ),
);

/** Words that mark confirmation (the agree class). */
export const CONFIRMING_WORDS: ReadonlySet<string> = new Set(
  'confirmed confirms confirm confirming announced announces official officially revealed verified true indeed statement proved proves evidence'.split(' '),
);

/** Reporting verbs and attributions (a body that relays a claim rather than asserting it). */
export const REPORTING_WORDS: ReadonlySet<string> = new Set(
  'said says told according reports reported reporting claims claimed claiming stated alleged purported sources source spokesman spokeswoman tweeted posted wrote'.split(' '),
);

/** Negations, for polarity against the headline. */
export const NEGATION_WORDS: ReadonlySet<string> = new Set("not no never n't nothing none nor neither without cannot isn't wasn't aren't weren't don't doesn't didn't won't wouldn't".split(' '));

/** English stop words left out of the term vocabulary. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    "it's he's she's that's there's i'm we're they're you're i've we've they've you've i'd we'd he'd she'd they'd i'll we'll he'll she'll they'll s t said says"
  ).split(' '),
);
