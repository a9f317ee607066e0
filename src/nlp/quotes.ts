/**
 * Quotations and their speakers, rule-based in the manner of quote-attribution systems for news
 * (Pouliquen et al. 2007; Pareti 2016's cue/source/content model): pair the quotation marks
 * (curly, straight, single), find the attribution cue (a speech verb or "according to") in the
 * text outside the quote, and take the source as the mention nearest the cue on the subject side —
 * a person before any other entity, pronouns and surnames already resolved by the entity pass,
 * apposition handled because the named person sits next to the verb ("Putin's spokesman, Dmitry
 * Peskov, also said"). A quote that is a sentence of its own with no cue continues the previous
 * speaker. Indirect speech ("X said that …") is found from the same cues in sentences without marks.
 */
import type { Entity, Mention, ParsedArticle, Quote, QuoteKind, Span, Speaker, Token } from '../core/types.js';
import { ANONYMOUS_SOURCE_NOUNS, ROLE_WORDS, SPEECH_VERBS } from './gazetteer.js';
import { lastStartingAtOrBefore, lowerBound, mentionsIn } from './spans.js';

/** Verbs that introduce reported (indirect) speech; a narrower list than the direct-quote cues. */
const INDIRECT_VERBS = new Set(
  (
    'said says told warned warns claimed claims stated states added insisted insists assured assures announced announces ' +
    'declared declares argued argues alleged alleges reported reports confirmed confirms denied denies admitted admits ' +
    'suggested suggests noted notes explained explains stressed stresses maintained maintains acknowledged revealed predicted vowed ' +
    'concluded joked countered cautioned remarked observed testified retorted tweeted wrote writes replied replies continued ' +
    'boasted complained demanded conceded asked asks'
  ).split(' '),
);

export interface MarkPair {
  open: number;
  close: number; // offset of the closing mark (exclusive end = close + 1), or block end when unclosed
  single: boolean;
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Pairs quotation marks inside one block. Double quotes first; single quotes only outside them. */
export function pairQuoteMarks(text: string, start: number, end: number): MarkPair[] {
  const pairs: MarkPair[] = [];
  let open = -1;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '“' || (c === '"' && open < 0)) {
      if (open >= 0 && c === '“') continue; // nested opener: keep the first
      open = i;
    } else if ((c === '”' || c === '"') && open >= 0) {
      pairs.push({ open, close: i, single: false });
      open = -1;
    }
  }
  if (open >= 0 && end - open > 20) pairs.push({ open, close: end, single: false }); // runs to the paragraph end
  const doubles = pairs.length;
  let d = 0; // the first double pair that does not end before i (pairs are in order and disjoint)
  let sOpen = -1;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c !== '‘' && c !== '’' && c !== "'") continue;
    while (d < doubles && pairs[d]!.close < i) d++;
    if (d < doubles && i > pairs[d]!.open && i < pairs[d]!.close) continue;
    const before = text[i - 1];
    const after = text[i + 1];
    const canOpen = (c === '‘' || c === "'") && !isLetter(before) && isLetter(after);
    const canClose = (c === '’' || c === "'") && !isLetter(after) && (isLetter(before) || /[.!?,]/.test(before ?? ''));
    if (sOpen >= 0 && canClose) {
      if (i - sOpen <= 300) pairs.push({ open: sOpen, close: i, single: true });
      sOpen = -1;
    } else if (canOpen) sOpen = i;
  }
  return pairs.sort((a, b) => a.open - b.open);
}

/** The quoted spans (marks included) of an article's mark pairs, in text order. */
export function quoteMarkSpans(text: string, pairsByBlock: readonly MarkPair[][]): Span[] {
  const out: Span[] = [];
  for (const pairs of pairsByBlock) for (const q of pairs) out.push({ start: q.open, end: Math.min(q.close + 1, text.length) });
  return out;
}

/** Pairs the quotation marks of every block (the input of findQuotes and of the entity pass). */
export function pairArticleQuotes(p: Pick<ParsedArticle, 'text' | 'article'>): MarkPair[][] {
  return p.article.blocks.map((b) => pairQuoteMarks(p.text, b.span.start, b.span.end));
}

function sentenceAt(p: ParsedArticle, offset: number): number {
  let lo = 0;
  let hi = p.sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.sentences[mid]!.span.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}


/** Per-article lookups the quote pass shares, so no step scans the whole article per quote. */
interface QuoteContext {
  p: ParsedArticle;
  /** quoted spans, marks included, sorted by start and disjoint */
  quoteSpans: readonly Span[];
  entityById: Map<string, Entity>;
}

/** True when `span` lies inside one of the (sorted, disjoint) quoted spans. */
function insideQuote(spans: readonly Span[], span: Span): boolean {
  const q = spans[lastStartingAtOrBefore(spans, span.start)];
  return q !== undefined && span.start >= q.start && span.end <= q.end;
}

/** How far before a cue the subject is looked for (characters). */
const SUBJECT_REACH = 300;

function pickSubject(c: QuoteContext, from: number, to: number): Speaker | undefined {
  const { p } = c;
  from = Math.max(from, to - SUBJECT_REACH);
  const candidates = mentionsIn(p, { start: from, end: to }).filter((m) => !insideQuote(c.quoteSpans, m.span));
  const entityType = (m: Mention): string | undefined => c.entityById.get(m.entity)?.type;
  const person = [...candidates].reverse().find((m) => entityType(m) === 'person');
  const anonymous = anonymousSource(p, from, to);
  const lastAny = candidates[candidates.length - 1];
  const role = roleNoun(p, from, to);
  if (role && (!lastAny || role.span.start > lastAny.span.end)) {
    // "the governor said": the person the article has introduced with that title (a bounded look back)
    const floor = Math.max(0, lowerBound(p.mentions, role.span.start) - 200);
    for (let i = lowerBound(p.mentions, role.span.start) - 1; i >= floor; i--) {
      const entity = c.entityById.get(p.mentions[i]!.entity);
      if (entity?.roles.includes(role.word)) return { entity: entity.id, name: entity.name, span: role.span, via: 'description' };
    }
  }
  if (anonymous && (!lastAny || anonymous.span.start > lastAny.span.end)) {
    const owner = lastAny && lastAny.span.end <= anonymous.span.start && anonymous.span.start - lastAny.span.end <= 1 ? lastAny : undefined;
    return { name: p.text.slice(anonymous.span.start, anonymous.span.end), span: anonymous.span, via: 'description', entity: owner?.entity };
  }
  const chosen = person ?? lastAny;
  if (!chosen) return undefined;
  const entity = c.entityById.get(chosen.entity);
  return { entity: chosen.entity, name: entity?.name ?? chosen.text, span: chosen.span, via: chosen.via };
}

/**
 * The subject of the clause before a quotation: the first person (or pronoun for one) named between
 * `from` and the quote outside other quotations, or an organization opening the sentence.
 */
function clauseSubject(c: QuoteContext, from: number, to: number): Speaker | undefined {
  const { p } = c;
  const candidates = mentionsIn(p, { start: from, end: to }).filter((m) => !insideQuote(c.quoteSpans, m.span));
  const first = candidates[0];
  if (!first) return undefined;
  const person = candidates.find((m) => c.entityById.get(m.entity)?.type === 'person');
  const chosen = person ?? (c.entityById.get(first.entity)?.type === 'organization' && lowerBound(p.tokens, first.span.start) - lowerBound(p.tokens, from) <= 3 ? first : undefined);
  if (!chosen) return undefined;
  const entity = c.entityById.get(chosen.entity);
  return { entity: chosen.entity, name: entity?.name ?? chosen.text, span: chosen.span, via: chosen.via };
}

/** "the governor" right before the cue: a role word used in place of the name. */
function roleNoun(p: ParsedArticle, from: number, to: number): { span: Span; word: string } | undefined {
  const i = lowerBound(p.tokens, to) - 1;
  const t = p.tokens[i];
  const det = p.tokens[i - 1];
  if (!t || t.span.start < from || t.kind !== 'word' || !ROLE_WORDS.has(t.lower)) return undefined;
  if (!det || !/^(the|his|her|its|their)$/i.test(det.text)) return undefined;
  return { span: { start: det.span.start, end: t.span.end }, word: t.lower };
}

/** "Military experts", "reports", "some officials": an unnamed source heading a subject. */
function anonymousSource(p: ParsedArticle, from: number, to: number): { span: Span } | undefined {
  const tokens = p.tokens;
  for (let i = lowerBound(tokens, to) - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.span.end > to) continue;
    if (t.span.start < from) break;
    if (t.kind !== 'word') continue;
    if (ANONYMOUS_SOURCE_NOUNS.has(t.lower)) {
      let s = i;
      while (s > 0 && s > i - 2 && tokens[s - 1]!.kind === 'word' && tokens[s - 1]!.span.start >= from && !SPEECH_VERBS.has(tokens[s - 1]!.lower)) {
        const prev = tokens[s - 1]!;
        if (/^(the|a|an|and|but|while|as|that|when|if|,)$/i.test(prev.text)) break;
        s--;
      }
      return { span: { start: tokens[s]!.span.start, end: t.span.end } };
    }
    return undefined; // the word right before the verb is not an anonymous source noun
  }
  return undefined;
}

function isSpeechCue(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  // capitalized forms are names or headline words ("United States"), not cues
  if (t.kind !== 'word' || t.text !== t.lower || !SPEECH_VERBS.has(t.lower)) return false;
  // "reports" / "claims" as nouns after a determiner are not cues
  const prev = tokens[i - 1];
  if (prev && /^(the|a|an|these|those|his|her|its|their|such|recent|media|news)$/i.test(prev.text) && /s$/.test(t.lower)) return false;
  const next = tokens[i + 1];
  if ((t.lower === 'reports' || t.lower === 'report') && next?.text === ':') return false;
  // "in order to counter", "will warn": an infinitive or a modal's verb reports no speech here
  if (prev && /^(?:to|will|would|could|can|should|might|must|may)$/.test(prev.lower)) return false;
  // "reports said", "claims say": the first word is the subject noun, not a cue
  if (next && next.kind === 'word' && SPEECH_VERBS.has(next.lower) && /s$/.test(t.lower)) return false;
  return true;
}

/** Words right before a quotation that make it the name of a work, a programme or a slogan. */
const TITLE_CUES = new Set(
  (
    'titled entitled headlined book books film films movie movies show shows song songs album series documentary episode ' +
    'segment column op-ed editorial hashtag slogan slogans motto chant chants program programme operation initiative ' +
    'bill act play novel memoir podcast video poster banner sign signs t-shirt shirt shirts hat hats'
  ).split(' '),
);

/** Title Case: every word of four letters or more capitalized (small words may stay lower-case). */
function isTitleCase(content: string): boolean {
  const words = content.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const long = words.filter((w) => w.length >= 4);
  return words.length >= 2 && long.length > 0 && long.every((w) => /^\p{Lu}/u.test(w));
}

/**
 * The name of a work, a programme, a nickname or a slogan rather than someone's words: after a title
 * word ("the book"), or in Title Case (a lone capitalized word only with no speech verb near), not
 * shouted in capitals and not ending a sentence.
 */
function isTitleLike(content: string, words: number, titleCue: boolean, hasCue: boolean): boolean {
  if (words > 8) return false;
  if (titleCue) return true;
  const trimmed = content.replace(/[,;]$/, '');
  if (/[.!?]$/.test(trimmed) || trimmed === trimmed.toUpperCase()) return false;
  if (words === 1) return !hasCue && /^\p{Lu}/u.test(trimmed);
  return isTitleCase(trimmed);
}

/** Verbs that put a short quoted phrase in the subject's mouth: "called it a 'disaster'". */
const NAMING_VERBS = new Set(
  (
    'called calls calling dubbed dubs labeled labelled labels branded brands termed terms described describes describing deemed referred nicknamed ' +
    'characterized characterised characterizes characterizing touted touting accused accusing accuses chanted chanting shouted shouting ' +
    'slammed blasted praised hailed decried mocked dismissed promised vowed pledged urged insisted argued'
  ).split(' '),
);

/** How many words before a short quote are read for a naming verb ("calling the former host of the show a 'slob'"). */
const NAMING_REACH = 8;

function classify(words: number, content: string, hasSpeaker: boolean, isWholeSentence: boolean, standsAlone: boolean): QuoteKind {
  const isCapitalized = /^[\p{Lu}]/u.test(content);
  if (isWholeSentence || (isCapitalized && (standsAlone || words >= 4))) return 'direct';
  if (hasSpeaker) return 'partial';
  return words <= 3 ? 'scare' : 'direct';
}

/** How many tokens on either side of a quotation are read for its cue. */
const FRAME_REACH = 40;

/** A person named (or a pronoun) as the subject of a speech verb between two offsets: a new speaker. */
function speakerBetween(c: QuoteContext, from: number, to: number, previous: Speaker | undefined): boolean {
  const { p } = c;
  for (let i = lowerBound(p.mentions, from); i < p.mentions.length; i++) {
    const m = p.mentions[i]!;
    if (m.span.start >= to) break;
    if (m.entity === previous?.entity || insideQuote(c.quoteSpans, m.span)) continue;
    if (c.entityById.get(m.entity)?.type !== 'person') continue;
    const k = lowerBound(p.tokens, m.span.end);
    for (let j = k; j < Math.min(k + 4, p.tokens.length); j++) {
      const t = p.tokens[j]!;
      if (t.span.start >= to) break;
      if (t.kind === 'word' && INDIRECT_VERBS.has(t.lower) && t.text === t.lower) return true;
    }
  }
  return false;
}

/**
 * Finds direct, partial, scare, title and indirect quotes and their speakers. Every step reads a
 * bounded window around its quotation, so the pass is linear in the text.
 * @example findQuotes(parsed).filter((q) => q.speaker?.name === 'Ash Carter').length
 */
export function findQuotes(p: ParsedArticle, pairsByBlock: MarkPair[][] = pairArticleQuotes(p)): Quote[] {
  const { text, tokens } = p;
  const quotes: Quote[] = [];
  const allQuoteSpans = quoteMarkSpans(text, pairsByBlock);
  const c: QuoteContext = { p, quoteSpans: allQuoteSpans, entityById: new Map(p.entities.map((e) => [e.id, e])) };
  // tokens inside any quotation, marked once
  const quoted = new Uint8Array(tokens.length);
  for (const q of allQuoteSpans) {
    for (let i = lowerBound(tokens, q.start); i < tokens.length && tokens[i]!.span.end <= q.end; i++) quoted[i] = 1;
  }
  let previous: { speaker?: Speaker; verb?: Quote['verb']; block: number; end: number } | undefined;
  pairsByBlock.forEach((pairs, blockIndex) => {
    for (const pair of pairs) {
      const spanEnd = Math.min(pair.close + 1, p.article.blocks[blockIndex]!.span.end);
      let cs = pair.open + 1;
      let ce = pair.close;
      while (cs < ce && text[cs] === ' ') cs++;
      while (ce > cs && text[ce - 1] === ' ') ce--;
      if (ce <= cs) continue;
      const content = text.slice(cs, ce);
      const words = (content.match(/\p{L}+/gu) ?? []).length;
      if (words === 0) continue;
      const firstSentence = sentenceAt(p, pair.open);
      const lastSentence = sentenceAt(p, Math.max(pair.open, spanEnd - 1));
      const frameStart = p.sentences[firstSentence]!.span.start;
      const frameEnd = p.sentences[lastSentence]!.span.end;
      // the unquoted tokens of the quote's sentences, at most FRAME_REACH on either side of it
      const lo = Math.max(p.sentences[firstSentence]!.tokenStart, lowerBound(tokens, pair.open) - FRAME_REACH);
      const hi = Math.min(p.sentences[lastSentence]!.tokenEnd, lowerBound(tokens, spanEnd) + FRAME_REACH);
      const frameTokens: Token[] = [];
      for (let i = lo; i < hi; i++) if (!quoted[i]) frameTokens.push(tokens[i]!);
      let cueIndex = -1;
      let bestDistance = Number.POSITIVE_INFINITY;
      frameTokens.forEach((t, i) => {
        let isCue = isSpeechCue(frameTokens, i);
        if (!isCue && t.lower === 'according' && frameTokens[i + 1]?.lower === 'to') isCue = true;
        if (!isCue) return;
        const distance = t.span.start >= spanEnd ? t.span.start - spanEnd : pair.open - t.span.end;
        if (distance >= 0 && distance < bestDistance) {
          bestDistance = distance;
          cueIndex = i;
        }
      });
      let speaker: Speaker | undefined;
      let verb: Quote['verb'];
      if (cueIndex >= 0) {
        const cue = frameTokens[cueIndex]!;
        verb = { text: cue.text, span: cue.span };
        if (cue.lower === 'according') {
          const after = frameTokens.slice(cueIndex + 2, cueIndex + 8);
          speaker = pickSubject(c, cue.span.end, after[after.length - 1]?.span.end ?? cue.span.end);
        } else if (cue.span.start >= spanEnd) {
          // “…,” Lavrov said  |  “…,” said Lavrov
          speaker = pickSubject(c, spanEnd, cue.span.start);
          if (!speaker) {
            const tail = frameTokens.slice(cueIndex + 1, cueIndex + 6);
            const end = tail.find((t) => t.text === '.' || t.text === ',')?.span.start ?? tail[tail.length - 1]?.span.end ?? cue.span.end;
            speaker = pickSubject(c, cue.span.end, end);
          }
        } else {
          // Carter said … “…”  — the subject precedes the cue; an earlier cue bounds the clause
          let e = cueIndex - 1;
          while (e >= 0 && !(INDIRECT_VERBS.has(frameTokens[e]!.lower) && isSpeechCue(frameTokens, e))) e--;
          const from = e >= 0 ? frameTokens[e]!.span.end : frameStart;
          speaker = pickSubject(c, from, cue.span.start);
        }
      }
      if (cueIndex < 0 && spanEnd >= frameEnd - 1) {
        // “…!” Trump tweeted. — the splitter ended the sentence inside the quote: the cue opens the next one
        const tail = cueInNextSentence(c, lastSentence, blockIndex);
        if (tail) ({ speaker, verb } = tail);
      }
      const outsideWords = frameTokens.filter((t) => t.kind === 'word').length;
      const isWholeSentence = outsideWords === 0;
      if (
        !speaker &&
        isWholeSentence &&
        previous?.speaker &&
        blockIndex - previous.block <= 1 &&
        !speakerBetween(c, previous.end, pair.open, previous.speaker)
      ) {
        speaker = { ...previous.speaker, via: 'continuation' };
        verb = undefined;
      }
      // a quote opening its sentence or introduced by "said," / ":" stands on its own (not mid-clause)
      let before = pair.open - 1;
      while (before >= frameStart && text[before] === ' ') before--;
      const standsAlone = before < frameStart || text[before] === ',' || text[before] === ':';
      const wordsBefore = frameTokens.filter((t) => t.span.end <= pair.open && t.kind === 'word').slice(-NAMING_REACH);
      const prevWord = wordsBefore[wordsBefore.length - 1];
      const titleCue = prevWord !== undefined && pair.open - prevWord.span.end <= 2 && TITLE_CUES.has(prevWord.lower);
      if (!speaker && isWholeSentence && pair.open === p.article.blocks[blockIndex]!.span.start) {
        // a paragraph that is a quotation, introduced by the paragraph before: "Conway said of the ruckus:"
        const intro = introducedBy(c, blockIndex);
        if (intro) ({ speaker, verb } = intro);
      }
      const isTitle = !isWholeSentence && isTitleLike(content, words, titleCue, cueIndex >= 0);
      if (!speaker && !isWholeSentence && !isTitle && (words >= 4 || wordsBefore.some((t) => NAMING_VERBS.has(t.lower)))) {
        // no speech verb: the quoted words belong to the subject of their clause ("Obama, quipping that
        // 'mosquitoes don't respect walls'"); a short phrase only after a naming verb ("called it 'a disaster'")
        const subject = clauseSubject(c, Math.max(frameStart, pair.open - SUBJECT_REACH), pair.open);
        if (subject) speaker = subject;
      }
      const kind = isTitle ? 'title' : classify(words, content, speaker !== undefined, isWholeSentence, standsAlone);
      const noSpeaker = kind === 'scare' || kind === 'title';
      const quote: Quote = {
        kind,
        span: { start: pair.open, end: spanEnd },
        contentSpan: { start: cs, end: ce },
        sentence: firstSentence,
        speaker: noSpeaker ? undefined : speaker,
        verb: noSpeaker ? undefined : verb,
      };
      quotes.push(quote);
      if (!noSpeaker) previous = { speaker: quote.speaker, verb, block: blockIndex, end: spanEnd };
    }
  });
  quotes.push(...findIndirect(c));
  return quotes.sort((a, b) => a.span.start - b.span.start);
}

/**
 * The speaker announced at the end of the paragraph before a quotation paragraph: its last sentence
 * ends with a colon and holds a speech verb with a subject ("Tulsi stated a few things …:").
 */
function introducedBy(c: QuoteContext, block: number): { speaker: Speaker; verb: Quote['verb'] } | undefined {
  const { p } = c;
  const prev = p.article.blocks[block - 1];
  if (prev?.kind !== 'paragraph' || !/:\s*$/.test(p.text.slice(Math.max(prev.span.start, prev.span.end - 3), prev.span.end))) return undefined;
  const s = p.sentences[sentenceAt(p, prev.span.end - 1)];
  if (!s) return undefined;
  const tokens = p.tokens.slice(Math.max(s.tokenStart, s.tokenEnd - FRAME_REACH), s.tokenEnd);
  const i = tokens.findIndex((_, k) => isSpeechCue(tokens, k));
  if (i < 0) return undefined;
  const cue = tokens[i]!;
  const speaker = pickSubject(c, Math.max(s.span.start, tokens[0]!.span.start), cue.span.start);
  return speaker ? { speaker, verb: { text: cue.text, span: cue.span } } : undefined;
}

/** Words that may follow a trailing cue ("Chen said in an interview", "Trump tweeted, before …"). */
const AFTER_CUE = new Set(['in', 'on', 'at', 'during', 'before', 'after', 'to', 'from', 'via', 'later', 'yesterday', 'today', 'recently', 'last', 'this']);

/**
 * A speech cue at the start of the sentence after a quote that closed its own sentence:
 * `“…?” Chen said.`, `“…” NRA's lawyer Paul Clement argued in court briefs.`, `“…” said Chen.`
 */
function cueInNextSentence(c: QuoteContext, sentence: number, block: number): { speaker: Speaker; verb: Quote['verb'] } | undefined {
  const { p } = c;
  const next = p.sentences[sentence + 1];
  if (!next || next.block !== p.sentences[sentence]!.block || p.sentences[sentence]!.block !== block) return undefined;
  const tokens = p.tokens.slice(next.tokenStart, Math.min(next.tokenEnd, next.tokenStart + 10));
  const i = tokens.findIndex((t, k) => isSpeechCue(tokens, k) && INDIRECT_VERBS.has(t.lower));
  if (i < 0) return undefined;
  const after = p.tokens[next.tokenStart + i + 1];
  const isTrailing = !after || after.kind === 'punct' || AFTER_CUE.has(after.lower) || (i === 0 && after.kind === 'word');
  if (!isTrailing) return undefined;
  const cue = tokens[i]!;
  const speaker =
    i === 0
      ? pickSubject(c, cue.span.end, p.tokens[Math.min(next.tokenEnd, next.tokenStart + 5) - 1]!.span.end)
      : pickSubject(c, next.span.start, cue.span.start);
  return speaker ? { speaker, verb: { text: cue.text, span: cue.span } } : undefined;
}

/** Reported speech in body sentences: SUBJECT said (that) CLAUSE. */
function findIndirect(c: QuoteContext): Quote[] {
  const { p, quoteSpans } = c;
  const out: Quote[] = [];
  /** the first quoted span starting after `offset` */
  const nextQuote = (offset: number): Span | undefined => quoteSpans[lastStartingAtOrBefore(quoteSpans, offset) + 1];
  for (const s of p.bodySentences) {
    const first = nextQuote(s.span.start - 1);
    const hasMarks = first !== undefined && first.start < s.span.end;
    const tokens = p.tokens.slice(s.tokenStart, s.tokenEnd);
    const cues: number[] = [];
    tokens.forEach((t, i) => {
      if (INDIRECT_VERBS.has(t.lower) && isSpeechCue(tokens, i)) cues.push(i);
    });
    if (cues.length === 0) continue;
    cues.forEach((ci, n) => {
      const cue = tokens[ci]!;
      if (hasMarks) {
        // a cue that introduces marked quotes in this sentence is direct speech, already handled
        const after = nextQuote(cue.span.end);
        const nextMark = after && after.start < s.span.end ? after : undefined;
        const nextCue = cues[n + 1] !== undefined ? tokens[cues[n + 1]!]!.span.start : s.span.end;
        if (nextMark && nextMark.start < nextCue) return;
        // a quote that ended just before the cue: the spans before it end earlier still, so the nearest few suffice
        for (let k = lastStartingAtOrBefore(quoteSpans, cue.span.start), seen = 0; k >= 0 && seen < 4; k--, seen++) {
          const q = quoteSpans[k]!;
          if (q.end <= cue.span.start && q.end >= s.span.start && cue.span.start - q.end < 30) return;
          if (q.end < s.span.start) break;
        }
      }
      const prevCue = n > 0 ? tokens[cues[n - 1]!]! : undefined;
      const speaker = pickSubject(c, prevCue ? prevCue.span.end : s.span.start, cue.span.start);
      if (!speaker) return;
      let k = ci + 1;
      // skip a short adverbial before "that": "said on Tuesday that …"
      for (let look = k; look < Math.min(k + 5, tokens.length); look++) {
        if (tokens[look]!.text === ',' || tokens[look]!.text === '.') break;
        if (tokens[look]!.lower === 'that') {
          k = look;
          break;
        }
      }
      if (tokens[k]?.lower === 'that' || tokens[k]?.text === ',') k++;
      const nextCueIndex = cues[n + 1];
      let endTok = nextCueIndex !== undefined ? nextCueIndex - 1 : tokens.length - 1;
      if (nextCueIndex !== undefined) {
        // stop before the next clause's subject: back up to the comma that opens it
        let c = nextCueIndex - 1;
        while (c > k && tokens[c]!.text !== ',') c--;
        if (c > k) endTok = c - 1;
      }
      while (endTok > k && tokens[endTok]!.kind === 'punct') endTok--;
      const first = tokens[k];
      const last = tokens[endTok];
      if (!first || !last || last.span.end <= first.span.start) return;
      if (endTok - k < 3) return; // "he said." on its own reports nothing
      const span = { start: first.span.start, end: last.span.end };
      out.push({ kind: 'indirect', span, contentSpan: span, sentence: s.index, speaker, verb: { text: cue.text, span: cue.span } });
    });
  }
  return out;
}
