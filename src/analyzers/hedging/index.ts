/**
 * hedging — distancing words ("allegedly", "so-called", "claimed", scare quotes), the actor each
 * applies to, and a one-sided-hedging finding when one side of a conflict gets them and the
 * other side's parallel claims are stated flatly. Follows Recasens et al. (2013) on epistemological
 * bias and the "balance" indicators of news-credibility coding schemes: doubt applied to one party
 * only frames the reader's judgement.
 */
import type { Analyzer, Entity, FindingDraft, Mention, ParsedArticle, Sentence, Span } from '../../core/types.js';
import { SPEECH_VERBS } from '../../nlp/gazetteer.js';
import { lowerBound, quotedTokens, tokensIn } from '../../nlp/spans.js';
import { lemma, STOPWORDS } from '../../nlp/words.js';
import { CLAIM_VERBS, DISTANCERS } from './lexicon.js';

export interface HedgingOptions {
  /** minimum mentions for a side to count as a party of the story */
  minSideMentions: number;
}

interface Hedge {
  span: Span;
  word: string;
  sentence: Sentence;
  actor?: Entity;
}

/**
 * Verbs and nouns that put the quoted words in someone's mouth or name them as words: "Gidley called
 * the records 'eye-opening'", "accusing Trump of proposing the 'most extreme version'", "the term
 * 'Negro'", "chanted 'Lock her up!'". A short quote after one of them in its sentence is a partial
 * quote or a mention, not the writer's scare quote.
 */
const ATTRIBUTING_WORDS = new Set(
  (
    'called calls calling call dubbed dubs labeled labelled labels branded brands termed terms described describes describing deemed ' +
    'referred refers nicknamed characterized characterised characterizes characterizing touted touting chanted chanting chant shouted shouting ' +
    'yelled yelling screamed accusing accused accuses saying says said tweeted wrote writes promised promising vowed pledged warned warning ' +
    'insisted insisting argued arguing claimed claiming praised praising slammed blasted mocked decried hailed urged urging ' +
    'term terms word words phrase phrases slogan motto known dubbed headline titled entitled'
  ).split(' '),
);

/** How far back in its sentence a short quote's attribution is looked for (characters). */
const SCARE_REACH = 200;

/**
 * Is a short quote the writer's own scare quote? Not when its sentence gives the words to someone
 * before it (an attributing verb or "the term"), a speech verb follows it, it sits in the title line,
 * or it reads as code or a value ("1100px", after "=").
 */
function isScare(p: ParsedArticle, q: ParsedArticle['quotes'][number]): boolean {
  const { text } = p;
  if (p.headline && q.span.start < p.headline.span.end) return false;
  const content = text.slice(q.contentSpan.start, q.contentSpan.end);
  if (!/\p{Ll}{2}/u.test(content) || /^[#\d]/.test(content)) return false;
  if (/[=:]\s*$/.test(text.slice(Math.max(0, q.span.start - 3), q.span.start))) return false;
  const sentence = p.sentences[q.sentence];
  if (!sentence) return true;
  // the words before it in its sentence, at most SCARE_REACH characters back (linear time)
  for (const t of tokensIn(p, { start: Math.max(sentence.span.start, q.span.start - SCARE_REACH), end: q.span.start })) {
    if (t.kind === 'word' && ATTRIBUTING_WORDS.has(t.lower)) return false;
  }
  // "refer to him as 'Joe'": the words named as words
  if (/\bas\s*$/i.test(text.slice(Math.max(0, q.span.start - 4), q.span.start))) return false;
  const after = tokensIn(p, { start: q.span.end, end: Math.min(sentence.span.end, q.span.end + 40) }).filter((t) => t.kind === 'word').slice(0, 2);
  return !after.some((t) => ATTRIBUTING_WORDS.has(t.lower));
}

/**
 * The words that cast doubt on an actor's deed or standing ("allegedly", "so-called"); "claims",
 * "reportedly" and "apparently" also mark reported or uncertain information and stay plain hedges.
 */
const ONE_SIDED_WORDS = new Set(['allegedly', 'purportedly', 'supposedly', 'ostensibly', 'so-called', 'self-styled', 'self-proclaimed', 'alleged']);

/** Words of court and police reporting, where "allegedly" is routine caution. */
const LEGAL_WORDS = new Set(
  'charged charges charge indicted indictment trial jury jurors court prosecutor prosecutors prosecution pleaded plea convicted conviction sentenced arrested arrest lawsuit suit sued defendant defendants accused testified testimony investigation investigators police'.split(' '),
);

function sideOf(e: Entity | undefined): string | undefined {
  if (!e) return undefined;
  return e.side ?? e.name;
}

const ENTITY_INDEX = new WeakMap<ParsedArticle, Map<string, Entity>>();
const QUOTES_BY_SENTENCE = new WeakMap<ParsedArticle, Map<number, ParsedArticle['quotes']>>();

function entityById(p: ParsedArticle, id: string): Entity | undefined {
  let index = ENTITY_INDEX.get(p);
  if (!index) ENTITY_INDEX.set(p, (index = new Map(p.entities.map((e) => [e.id, e]))));
  return index.get(id);
}

function quotesOfSentence(p: ParsedArticle, sentence: number): ParsedArticle['quotes'] {
  let bySentence = QUOTES_BY_SENTENCE.get(p);
  if (!bySentence) {
    bySentence = new Map();
    for (const q of p.quotes) {
      const list = bySentence.get(q.sentence);
      if (list) list.push(q);
      else bySentence.set(q.sentence, [q]);
    }
    QUOTES_BY_SENTENCE.set(p, bySentence);
  }
  return bySentence.get(sentence) ?? [];
}

/** The actor a subject-targeting hedge applies to: the first non-prepositional mention of its clause. */
function clauseSubject(p: ParsedArticle, sentence: Sentence, before: number): Mention | undefined {
  // the mentions before the offset in its sentence, at most SUBJECT_REACH characters back (linear time)
  const from = Math.max(sentence.span.start, before - SUBJECT_REACH);
  let first: Mention | undefined;
  for (let i = lowerBound(p.mentions, from); i < p.mentions.length; i++) {
    const m = p.mentions[i]!;
    if (m.span.start >= before) break;
    first ??= m;
    const prev = p.text.slice(Math.max(sentence.span.start, m.span.start - 6), m.span.start).toLowerCase();
    if (/\b(?:in|into|on|at|from|over|across|inside|near|against|to|of)\s+(?:the\s+)?$/.test(prev)) continue;
    return m;
  }
  return first;
}

/** How far back a clause subject is looked for, and how far around a hedge court words are (characters). */
const SUBJECT_REACH = 300;
const LEGAL_REACH = 200;

/** Sentences in which a side acts or asserts, with no distancing word: its unhedged claims. */
function flatClaims(p: ParsedArticle, side: string, hedgedSentences: Set<number>): Span[] {
  const spans: Span[] = [];
  for (const s of p.bodySentences) {
    if (hedgedSentences.has(s.index)) continue;
    // the sentence's opening words: its subject, if a side opens it
    const subject = clauseSubject(p, s, Math.min(s.span.end, s.span.start + 40));
    // what a side says ("Moscow has repeatedly assured that …", its spokesman's quote) is attributed,
    // not stated as fact: only the writer's own statements about the side count
    if (quotesOfSentence(p, s.index).some((q) => q.kind !== 'scare' && q.kind !== 'title')) continue;
    if (tokensIn(p, s.span).some((t) => t.kind === 'word' && SPEECH_VERBS.has(t.lower))) continue;
    if (subject && subject.span.start - s.span.start < 40 && sideOf(entityById(p, subject.entity)) === side) spans.push(s.span);
  }
  return spans;
}

/** "Russia's", "United States'" */
function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

function contentWords(p: ParsedArticle, span: Span): Set<string> {
  const words = new Set<string>();
  for (const t of tokensIn(p, span)) if (t.kind === 'word' && !STOPWORDS.has(t.lower)) words.add(lemma(t.lower));
  return words;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

export const hedging: Analyzer<HedgingOptions> = {
  id: 'hedging',
  version: '1.0.0',
  description: 'Finds distancing words and scare quotes, the actor each applies to, and doubt applied to one side only.',
  codes: {
    hedge: '"{word}" distances the writer from {actor}',
    'scare-quote': 'Scare quotes around "{word}"',
    'one-sided-hedging': '"{word}" casts doubt on {actor} only; {other} gets no such hedge',
  },
  defaultOptions: { minSideMentions: 3 },
  analyze(p, { options }) {
    const out: FindingDraft[] = [];
    const hedges: Hedge[] = [];
    const { text, tokens } = p;
    const quoted = quotedTokens(p);
    for (const s of p.bodySentences) {
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        const t = tokens[i]!;
        const d = DISTANCERS.find((x) => x.word === t.lower);
        if (!d || quoted[i]) continue; // a distancing word inside a quotation is the speaker's, not the writer's
        if (CLAIM_VERBS.has(t.lower)) {
          const next = tokens[i + 1];
          if (!next || !(next.lower === 'that' || next.text === ',' || next.kind === 'word') || tokens[i - 1]?.lower === 'the') continue;
        }
        let actor: Entity | undefined;
        if (d.target === 'next') {
          const x = p.mentions[lowerBound(p.mentions, t.span.end + 1)];
          const m = x && x.span.start - t.span.end < 25 && x.sentence === s.index ? x : undefined;
          actor = m ? entityById(p, m.entity) : undefined;
        } else {
          const m = clauseSubject(p, s, t.span.start);
          actor = m ? entityById(p, m.entity) : undefined;
        }
        hedges.push({ span: t.span, word: t.text, sentence: s, actor });
      }
    }
    for (const h of hedges) {
      out.push({
        code: 'hedge',
        severity: 'info',
        span: h.span,
        data: { word: h.word, actor: h.actor?.name ?? 'an unnamed actor' },
        explanation: `"${h.word}" signals that the writer does not vouch for this statement about ${h.actor?.name ?? 'the actor'}.`,
        evidence: [{ kind: 'text', value: text.slice(h.sentence.span.start, h.sentence.span.end), source: 'article text' }],
        confidence: h.actor ? 0.8 : 0.5,
      });
    }
    for (const q of p.quotes) {
      if (q.kind !== 'scare' || !isScare(p, q)) continue;
      const word = text.slice(q.contentSpan.start, q.contentSpan.end);
      out.push({
        code: 'scare-quote',
        // info: on the blind-labelled real articles (tuning half) 14 of 127 were scare quotes a
        // fact-checker would object to — most quoted words are someone's term or a title
        severity: 'info',
        span: q.span,
        data: { word },
        explanation: `"${word}" is put in quotation marks without anyone being quoted — a way of signalling doubt or irony without saying why.`,
        evidence: [{ kind: 'text', value: text.slice(p.sentences[q.sentence]!.span.start, p.sentences[q.sentence]!.span.end), source: 'article text' }],
        confidence: 0.6,
      });
    }
    // one-sided: parties of the story are the sides with enough mentions
    const sideMentions = new Map<string, number>();
    for (const m of p.mentions) {
      const side = sideOf(entityById(p, m.entity));
      const e = entityById(p, m.entity);
      // a party is a country, body or group (or someone acting for one), not a lone person
      if (side && e && e.type !== 'other' && !(e.type === 'person' && !e.side)) sideMentions.set(side, (sideMentions.get(side) ?? 0) + 1);
    }
    const hedgedBySide = new Map<string, Hedge[]>();
    for (const h of hedges) {
      const side = sideOf(h.actor);
      if (!side || !ONE_SIDED_WORDS.has(h.word.toLowerCase())) continue;
      // "allegedly" in a court report is the routine caution of legal reporting, not a tilt
      const near = { start: Math.max(h.sentence.span.start, h.span.start - LEGAL_REACH), end: Math.min(h.sentence.span.end, h.span.end + LEGAL_REACH) };
      if (tokensIn(p, near).some((t) => LEGAL_WORDS.has(t.lower))) continue;
      const list = hedgedBySide.get(side);
      if (list) list.push(h);
      else hedgedBySide.set(side, [h]);
    }
    const hedgedSentences = new Set(hedges.map((h) => h.sentence.index));
    // sides of an opposition meet: both are named in at least one sentence
    const sidesBySentence = new Map<number, Set<string>>();
    for (const m of p.mentions) {
      const side = sideOf(entityById(p, m.entity));
      if (!side) continue;
      let set = sidesBySentence.get(m.sentence);
      if (!set) sidesBySentence.set(m.sentence, (set = new Set()));
      set.add(side);
    }
    // pairs of sides named in one sentence (a sentence naming more than 12 sides adds no pairs: a list, not an opposition)
    const meeting = new Set<string>();
    for (const set of sidesBySentence.values()) {
      if (set.size > 12) continue;
      for (const a of set) for (const b of set) if (a !== b) meeting.add(`${a}\u0000${b}`);
    }
    const meet = (a: string, b: string): boolean => meeting.has(`${a}\u0000${b}`);
    for (const [side, list] of hedgedBySide) {
      if ((sideMentions.get(side) ?? 0) < options.minSideMentions) continue;
      const rivals = [...sideMentions.entries()]
        .filter(([other, n]) => other !== side && n >= options.minSideMentions && !hedgedBySide.has(other) && meet(side, other))
        .sort((a, b) => b[1] - a[1]);
      for (const [other] of rivals) {
        const h = list[0]!;
        // the most parallel statements first: those sharing most content words with the hedged one
        const hedgedWords = contentWords(p, h.sentence.span);
        const flat = flatClaims(p, other, hedgedSentences)
          .map((span) => ({
            span,
            shared: overlap(hedgedWords, contentWords(p, span)) + (Math.abs(span.end - h.sentence.span.start) < 3 ? 2 : 0),
          }))
          .sort((a, b) => b.shared - a.shared || a.span.start - b.span.start)
          .map((x) => x.span);
        if (flat.length === 0) continue;
        out.push({
          code: 'one-sided-hedging',
          // info: right on 0 of 1 and 1 of 3 real articles (tuning / check half) after the fixes for
          // attributed sides, quotes, court reporting and sides that never meet; too few to earn more
          severity: 'info',
          span: h.span,
          related: flat.slice(0, 5).map((span) => ({ span, label: `${other}: stated without a hedge` })),
          data: { word: h.word, actor: side, other },
          explanation: `The article distances itself from ${possessive(side)} actions with "${h.word}", while ${flat.length} statement${flat.length > 1 ? 's' : ''} by or about ${other} ${flat.length > 1 ? 'are' : 'is'} given as plain fact. Applying doubt to one party only tilts the reader's judgement without evidence.`,
          evidence: flat.slice(0, 3).map((span) => ({ kind: 'text', value: text.slice(span.start, span.end), source: `${other}, unhedged`, span })),
          confidence: Math.min(0.9, 0.55 + 0.1 * flat.length),
        });
        break;
      }
    }
    return out;
  },
};
