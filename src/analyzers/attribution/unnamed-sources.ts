/**
 * Unnamed sources as a reader meets them: a noun phrase that stands for a person without naming
 * them ("the official", "two US officials", "a friend of the comedian", "an unidentified source")
 * next to a speech verb ("… said", "told CNN", "added the insider", "according to …"). A phrase
 * followed by a name ("spokesman Brian Fallon", "an aide, Jane Doe,") is named and passes.
 *
 * Each hit is graded as journalists grade anonymity (AP's and Reuters' sourcing rules): `minor` for
 * routine wire style — an official or spokesperson of a named body, a claim on the side — and
 * `significant` for the sourcing gossip and rumour rest on (sources, insiders, friends, pals, people
 * close to someone, granted anonymity) or an unnamed source the headline paragraph leans on.
 * One pass over the tokens with windows of a few tokens: linear in the text.
 */
import type { ParsedArticle, Span, Token } from '../../core/types.js';

/** Heads of a noun phrase that names a role instead of a person; value: the grade they carry. */
const HEADS: ReadonlyMap<string, 'minor' | 'significant'> = new Map([
  ...'official officials spokesman spokeswoman spokesperson spokespeople aide aides adviser advisers advisor advisors expert experts investigator investigators diplomat diplomats analyst analysts witness witnesses eyewitness eyewitnesses staffer staffers officer officers commenters reports'
    .split(' ')
    .map((w) => [w, 'minor'] as const),
  ...'source sources insider insiders friend friends pal pals confidant confidants rumors rumours'.split(' ').map((w) => [w, 'significant'] as const),
]);

/** Words that may open the phrase. */
const DETERMINERS = new Set('a an the one two three four several some many other another his her their its one-time'.split(' '));

/** Verbs that attribute words or a belief to the phrase. */
const VERBS = new Set(
  (
    'said says say told tells tell added adds claimed claims claim revealed reveals explained explains shared shares ' +
    'confirmed confirms described describes insisted insists noted notes think thinks believe believes warned warns ' +
    'stated states admitted admits disclosed disclosed suggested suggests acknowledged indicated indicates ' +
    'summed dished dishes spilled gushed continued continues passed'
  ).split(' '),
);

/** Words that end the phrase on its left: conjunctions and prepositions, not modifiers. */
const CLAUSE_WORDS = new Set('to according while when as after before but and or if because although though since that which who where than of for in on at by with from'.split(' '));

/** Auxiliaries between the phrase and its verb ("officials have said"). */
const AUX = new Set('have has had had also later previously then would will'.split(' '));

/** Words in the sentence that mark granted anonymity. */
const ANONYMITY = /\b(?:anonymity|not authori[sz]ed|unidentified|unnamed|declined to be (?:named|identified)|asked not to be (?:named|identified))\b/i;

export interface UnnamedSource {
  /** from the phrase's first word to the verb (or from "according to" to the head) */
  span: Span;
  /** the phrase as written: "the official", "a friend of the comedian" */
  phrase: string;
  grade: 'minor' | 'significant';
}

const isWord = (t: Token | undefined): t is Token => t !== undefined && (t.kind === 'word' || t.kind === 'number');
const isCapitalized = (t: Token | undefined): boolean => isWord(t) && /^\p{Lu}/u.test(t.text);

/** The unnamed sources of an article's body, in text order, at most one per head token. */
export function findUnnamedSources(p: ParsedArticle, leadEnd: number): UnnamedSource[] {
  const { tokens, text } = p;
  const out: UnnamedSource[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const head = tokens[i]!;
    if (head.kind !== 'word') continue;
    const base = HEADS.get(head.lower);
    if (!base) continue;
    // named right after: "spokesman Brian Fallon", "an aide, Jane Doe, said", "the source's name"
    const next = tokens[i + 1];
    if (isCapitalized(next) && next!.span.start === head.span.end + 1) continue;
    if (next?.text === ',' && isCapitalized(tokens[i + 2]) && isCapitalized(tokens[i + 3])) continue;
    if (next?.text === "'s" || next?.text === '’s') continue;
    // the phrase's start: back over modifiers to a determiner (at most 5 words, same sentence)
    let start = i;
    let hasDeterminer = false;
    for (let j = i - 1; j >= 0 && j >= i - 5; j--) {
      const t = tokens[j]!;
      if (t.sentence !== head.sentence || !isWord(t)) break;
      if (DETERMINERS.has(t.lower)) {
        start = j;
        hasDeterminer = true;
        // "one of the officials": take "one of" too
        if (j >= 2 && tokens[j - 1]!.lower === 'of' && DETERMINERS.has(tokens[j - 2]!.lower)) start = j - 2;
        break;
      }
      if (VERBS.has(t.lower) || CLAUSE_WORDS.has(t.lower)) break;
      start = j;
    }
    // a bare plural ("officials said") is a phrase of its own; a bare singular needs its determiner
    if (!hasDeterminer && !/s$/.test(head.lower)) continue;
    // a name inside the phrase ("Trump spokesman", "White House official") is a body, not a person:
    // fine; but a possessive person before the head ("Clinton's spokesman Brian Fallon") was handled above
    // "of the comedian", "for the agency": keep the phrase going over a short complement
    let end = i;
    if ((tokens[i + 1]?.lower === 'of' || tokens[i + 1]?.lower === 'for' || tokens[i + 1]?.lower === 'close') && tokens[i + 1]!.sentence === head.sentence) {
      let k = i + 2;
      while (k < tokens.length && k <= i + 6 && isWord(tokens[k]) && !VERBS.has(tokens[k]!.lower)) k++;
      end = k - 1;
    }
    // the verb: right after the phrase (over auxiliaries) or right before it ("added the insider")
    let verbEnd = -1;
    let k = end + 1;
    while (k < tokens.length && k <= end + 3 && AUX.has(tokens[k]!.lower)) k++;
    if (k < tokens.length && VERBS.has(tokens[k]!.lower) && tokens[k]!.sentence === head.sentence) verbEnd = tokens[k]!.span.end;
    let spanStart = tokens[start]!.span.start;
    let spanEnd = tokens[end]!.span.end;
    if (verbEnd >= 0) spanEnd = verbEnd;
    else {
      const before = tokens[start - 1];
      const before2 = tokens[start - 2];
      const particle = before && (before.lower === 'up' || before.lower === 'out') ? before2 : before;
      const after = tokens[end + 1];
      // a post-posed attribution closes its clause: '"…," added the insider.' — not 'suggested that officials'
      const closesClause = after === undefined || after.sentence !== head.sentence || /^[.,;:!?)”"’]$/.test(after.text) || after.lower === 'that' || after.lower === 'in';
      const particleAt = particle ? tokens.indexOf(particle, Math.max(0, start - 3)) : -1;
      const opensAfterQuote = particleAt > 0 && /^[,”"’]$/.test(tokens[particleAt - 1]!.text);
      if (particle && VERBS.has(particle.lower) && closesClause && opensAfterQuote) spanStart = particle.span.start;
      else if (before?.lower === 'to' && before2?.lower === 'according') spanStart = before2.span.start;
      else continue;
    }
    // granted anonymity is said near the phrase: read at most 200 characters either side (linear time)
    const sentence = p.sentences[head.sentence];
    const sentenceText = sentence ? text.slice(Math.max(sentence.span.start, head.span.start - 200), Math.min(sentence.span.end, head.span.end + 200)) : '';
    const grade = base === 'significant' || ANONYMITY.test(sentenceText) || head.span.start < leadEnd ? 'significant' : 'minor';
    out.push({ span: { start: spanStart, end: spanEnd }, phrase: text.slice(tokens[start]!.span.start, tokens[end]!.span.end), grade });
  }
  return out;
}
