/**
 * Distancing words: they signal the writer does not vouch for what follows (Recasens et al. 2013
 * list such "epistemological bias" markers; these are the ones that attach to an actor's deeds
 * or words). `target` says whom the word applies to: the clause's subject, or the next noun.
 */
export const DISTANCERS: { word: string; target: 'subject' | 'next' }[] = [
  { word: 'allegedly', target: 'subject' },
  { word: 'purportedly', target: 'subject' },
  { word: 'supposedly', target: 'subject' },
  { word: 'ostensibly', target: 'subject' },
  { word: 'reportedly', target: 'subject' },
  { word: 'apparently', target: 'subject' },
  { word: 'so-called', target: 'next' },
  { word: 'self-styled', target: 'next' },
  { word: 'self-proclaimed', target: 'next' },
  { word: 'alleged', target: 'next' },
  { word: 'claimed', target: 'subject' },
  { word: 'claims', target: 'subject' },
];

/** "claimed"/"claims" distance only as a speech verb ("Russia claimed that …"), not "claims of fraud". */
export const CLAIM_VERBS = new Set(['claimed', 'claims']);
