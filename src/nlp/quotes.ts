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
import type { Mention, ParsedArticle, Quote, QuoteKind, Span, Speaker, Token } from '../core/types.js';
import { ANONYMOUS_SOURCE_NOUNS, ROLE_WORDS, SPEECH_VERBS } from './gazetteer.js';
import { lowerBound, mentionsIn, tokensIn } from './spans.js';

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

interface MarkPair {
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
  const inside = (i: number): boolean => pairs.some((p) => i > p.open && i < p.close);
  let sOpen = -1;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c !== '‘' && c !== '’' && c !== "'") continue;
    if (inside(i)) continue;
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


function pickSubject(p: ParsedArticle, from: number, to: number, quoteSpans: readonly Span[]): Speaker | undefined {
  const outside = (m: Mention): boolean => !quoteSpans.some((q) => m.span.start >= q.start && m.span.end <= q.end);
  const candidates = mentionsIn(p, { start: from, end: to }).filter(outside);
  const entityType = (m: Mention): string | undefined => p.entities.find((e) => e.id === m.entity)?.type;
  const person = [...candidates].reverse().find((m) => entityType(m) === 'person');
  const anonymous = anonymousSource(p, from, to);
  const lastAny = candidates[candidates.length - 1];
  const role = roleNoun(p, from, to);
  if (role && (!lastAny || role.span.start > lastAny.span.end)) {
    // "the governor said": the person the article has introduced with that title
    const holder = [...p.mentions]
      .reverse()
      .find((m) => m.span.end <= role.span.start && p.entities.find((e) => e.id === m.entity)?.roles.includes(role.word));
    if (holder) {
      const entity = p.entities.find((e) => e.id === holder.entity)!;
      return { entity: entity.id, name: entity.name, span: role.span, via: 'description' };
    }
  }
  if (anonymous && (!lastAny || anonymous.span.start > lastAny.span.end)) {
    const owner = lastAny && lastAny.span.end <= anonymous.span.start && anonymous.span.start - lastAny.span.end <= 1 ? lastAny : undefined;
    return { name: p.text.slice(anonymous.span.start, anonymous.span.end), span: anonymous.span, via: 'description', entity: owner?.entity };
  }
  const chosen = person ?? lastAny;
  if (!chosen) return undefined;
  const entity = p.entities.find((e) => e.id === chosen.entity);
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

function tokenRange(p: ParsedArticle, start: number, end: number): Token[] {
  return tokensIn(p, { start, end });
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

function classify(words: number, content: string, hasSpeaker: boolean, isWholeSentence: boolean, standsAlone: boolean): QuoteKind {
  const isCapitalized = /^[\p{Lu}]/u.test(content);
  if (isWholeSentence || (isCapitalized && (standsAlone || words >= 4))) return 'direct';
  if (hasSpeaker) return 'partial';
  return words <= 3 ? 'scare' : 'direct';
}

/**
 * Finds direct, partial, scare and indirect quotes and their speakers.
 * @example findQuotes(parsed).filter((q) => q.speaker?.name === 'Ash Carter').length
 */
export function findQuotes(p: ParsedArticle): Quote[] {
  const { text } = p;
  const quotes: Quote[] = [];
  const pairsByBlock = p.article.blocks.map((b) => pairQuoteMarks(text, b.span.start, b.span.end));
  const allQuoteSpans: Span[] = pairsByBlock.flat().map((q) => ({ start: q.open, end: Math.min(q.close + 1, text.length) }));
  let previous: { speaker?: Speaker; verb?: Quote['verb']; block: number } | undefined;
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
      const frame = tokenRange(p, frameStart, frameEnd).filter(
        (t) => !allQuoteSpans.some((q) => t.span.start >= q.start && t.span.end <= q.end),
      );
      const frameTokens = frame;
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
          const after = frameTokens.slice(cueIndex + 2);
          speaker = pickSubject(p, cue.span.end, after[Math.min(after.length - 1, 5)]?.span.end ?? cue.span.end, allQuoteSpans);
        } else if (cue.span.start >= spanEnd) {
          // “…,” Lavrov said  |  “…,” said Lavrov
          speaker = pickSubject(p, spanEnd, cue.span.start, allQuoteSpans);
          if (!speaker) {
            const tail = frameTokens.slice(cueIndex + 1, cueIndex + 6);
            const end = tail.find((t) => t.text === '.' || t.text === ',')?.span.start ?? tail[tail.length - 1]?.span.end ?? cue.span.end;
            speaker = pickSubject(p, cue.span.end, end, allQuoteSpans);
          }
        } else {
          // Carter said … “…”  — the subject precedes the cue; an earlier cue bounds the clause
          let e = cueIndex - 1;
          while (e >= 0 && !(INDIRECT_VERBS.has(frameTokens[e]!.lower) && isSpeechCue(frameTokens, e))) e--;
          const from = e >= 0 ? frameTokens[e]!.span.end : frameStart;
          speaker = pickSubject(p, from, cue.span.start, allQuoteSpans);
        }
      }
      if (cueIndex < 0 && spanEnd >= frameEnd - 1) {
        // “…!” Trump tweeted. — the splitter ended the sentence inside the quote: the cue opens the next one
        const tail = cueInNextSentence(p, lastSentence, blockIndex, allQuoteSpans);
        if (tail) ({ speaker, verb } = tail);
      }
      const outsideWords = frameTokens.filter((t) => t.kind === 'word').length;
      const isWholeSentence = outsideWords === 0;
      if (!speaker && isWholeSentence && previous?.speaker && blockIndex - previous.block <= 1) {
        speaker = { ...previous.speaker, via: 'continuation' };
        verb = undefined;
      }
      // a quote opening its sentence or introduced by "said," / ":" stands on its own (not mid-clause)
      let before = pair.open - 1;
      while (before >= frameStart && text[before] === ' ') before--;
      const standsAlone = before < frameStart || text[before] === ',' || text[before] === ':';
      const kind = classify(words, content, speaker !== undefined, isWholeSentence, standsAlone);
      const quote: Quote = {
        kind,
        span: { start: pair.open, end: spanEnd },
        contentSpan: { start: cs, end: ce },
        sentence: firstSentence,
        speaker: kind === 'scare' ? undefined : speaker,
        verb: kind === 'scare' ? undefined : verb,
      };
      quotes.push(quote);
      if (kind !== 'scare') previous = { speaker: quote.speaker, verb, block: blockIndex };
    }
  });
  quotes.push(...findIndirect(p, allQuoteSpans));
  return quotes.sort((a, b) => a.span.start - b.span.start);
}

/** Words that may follow a trailing cue ("Chen said in an interview", "Trump tweeted, before …"). */
const AFTER_CUE = new Set(['in', 'on', 'at', 'during', 'before', 'after', 'to', 'from', 'via', 'later', 'yesterday', 'today', 'recently', 'last', 'this']);

/**
 * A speech cue at the start of the sentence after a quote that closed its own sentence:
 * `“…?” Chen said.`, `“…” NRA's lawyer Paul Clement argued in court briefs.`, `“…” said Chen.`
 */
function cueInNextSentence(p: ParsedArticle, sentence: number, block: number, quoteSpans: readonly Span[]): { speaker: Speaker; verb: Quote['verb'] } | undefined {
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
      ? pickSubject(p, cue.span.end, p.tokens[Math.min(next.tokenEnd, next.tokenStart + 5) - 1]!.span.end, quoteSpans)
      : pickSubject(p, next.span.start, cue.span.start, quoteSpans);
  return speaker ? { speaker, verb: { text: cue.text, span: cue.span } } : undefined;
}

/** Reported speech in body sentences: SUBJECT said (that) CLAUSE. */
function findIndirect(p: ParsedArticle, quoteSpans: readonly Span[]): Quote[] {
  const out: Quote[] = [];
  for (const s of p.bodySentences) {
    const hasMarks = quoteSpans.some((q) => q.start >= s.span.start && q.start < s.span.end);
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
        const nextMark = quoteSpans.find((q) => q.start > cue.span.end && q.start < s.span.end);
        const nextCue = cues[n + 1] !== undefined ? tokens[cues[n + 1]!]!.span.start : s.span.end;
        if (nextMark && nextMark.start < nextCue) return;
        if (quoteSpans.some((q) => q.end <= cue.span.start && q.end >= s.span.start && cue.span.start - q.end < 30)) return;
      }
      const prevCue = n > 0 ? tokens[cues[n - 1]!]! : undefined;
      const speaker = pickSubject(p, prevCue ? prevCue.span.end : s.span.start, cue.span.start, quoteSpans);
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
