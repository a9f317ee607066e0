/**
 * headline-support — is each claim of the headline supported by the body? Headline claims are
 * decomposed into actor, predicate words and object entities (a shallow version of the
 * claim–evidence alignment used in FEVER-style verification). When the headline reports what an
 * actor said or threatened, the support must come from that actor's side's quotes; otherwise from
 * the body. Words shown in quotation marks in the headline or sub-headline must occur in a body
 * quote. When a stance model is loaded (services.models.stance, trained on FNC-1), its
 * headline/body and headline/quote stances are added as evidence and can flag contradiction.
 */
import type { Analyzer, Entity, FindingDraft, ParsedArticle, Quote, Span } from '../../core/types.js';
import { modelsFrom } from '../../models/types.js';
import { mentionsIn, tokensIn } from '../../nlp/spans.js';
import { lemma, STOPWORDS } from '../../nlp/words.js';
import { ATTRIBUTION_VERBS, SYNONYMS } from './lexicon.js';

export interface HeadlineSupportOptions {
  /** best-quote support below this is "unsupported" */
  unsupportedBelow: number;
  /** body coverage below this is "weakly supported" (headlines without an attributed claim) */
  weakBelow: number;
}

interface HeadlineClaim {
  actor?: Entity;
  verb?: string;
  objects: Entity[];
  terms: string[]; // predicate lemmas
  /** lemma → the headline's own word, for explanations */
  surface: Map<string, string>;
}

function entity(p: ParsedArticle, id: string): Entity | undefined {
  return p.entities.find((e) => e.id === id);
}

function sideOf(e: Entity | undefined): string | undefined {
  return e ? (e.side ?? e.name) : undefined;
}

function readHeadline(p: ParsedArticle, span: Span): HeadlineClaim {
  const mentions = mentionsIn(p, span);
  const claim: HeadlineClaim = { objects: [], terms: [], surface: new Map() };
  const tokens = tokensIn(p, span);
  for (const t of tokens) {
    if (t.kind !== 'word' || STOPWORDS.has(t.lower)) continue;
    if (mentions.some((m) => t.span.start < m.span.end && t.span.end > m.span.start)) continue;
    const l = lemma(t.lower);
    if (!claim.verb && ATTRIBUTION_VERBS.has(l)) {
      const before = mentions.filter((m) => m.span.end <= t.span.start);
      const actor = before[before.length - 1];
      if (actor) {
        claim.actor = entity(p, actor.entity);
        claim.verb = t.text.toLowerCase();
        continue;
      }
    }
    claim.terms.push(l);
    claim.surface.set(l, t.lower);
  }
  for (const m of mentions) {
    const e = entity(p, m.entity);
    if (e && e !== claim.actor && !claim.objects.includes(e)) claim.objects.push(e);
  }
  return claim;
}

interface Support {
  score: number;
  entitiesFound: Entity[];
  termsFound: string[];
  span: Span;
}

function supportIn(p: ParsedArticle, claim: HeadlineClaim, span: Span): Support {
  const words = new Set<string>();
  for (const t of tokensIn(p, span)) if (t.kind === 'word') words.add(lemma(t.lower));
  const ids = new Set(mentionsIn(p, span).map((m) => m.entity));
  const entitiesFound = claim.objects.filter((e) => ids.has(e.id));
  const termsFound = claim.terms.filter((term) => words.has(term) || [...(SYNONYMS.get(term) ?? [])].some((s) => words.has(s)));
  const e = claim.objects.length ? entitiesFound.length / claim.objects.length : undefined;
  const w = claim.terms.length ? termsFound.length / claim.terms.length : undefined;
  // average only what the headline has: a headline naming no object is judged on its words alone
  const score = e === undefined ? (w ?? 1) : w === undefined ? e : 0.5 * e + 0.5 * w;
  return { score, entitiesFound, termsFound, span };
}

function shorten(s: string, n = 110): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function listWords(words: string[], surface?: Map<string, string>): string {
  return words.map((w) => `"${surface?.get(w) ?? w}"`).join(', ');
}

function isBodyQuote(p: ParsedArticle, q: Quote): boolean {
  return p.article.blocks[p.sentences[q.sentence]!.block]?.kind === 'paragraph';
}

export const headlineSupport: Analyzer<HeadlineSupportOptions> = {
  id: 'headline-support',
  version: '1.0.0',
  description: "Checks whether the headline's actor, predicate and objects are supported by the body and its quotes.",
  codes: {
    'unsupported-headline': 'The headline is not supported by the body',
    'weakly-supported-headline': 'The headline is only partly supported by the body',
    'supported-headline': 'The headline is supported by the body',
    'quoted-word-not-in-body': '"{word}" is shown as a quotation, but no quote in the body contains it',
    'headline-stance': 'Stance model: the body {stance} the headline ({probability})',
  },
  defaultOptions: { unsupportedBelow: 0.5, weakBelow: 0.6 },
  analyze(p, { options, services }) {
    const out: FindingDraft[] = [];
    const headline = p.headline;
    if (!headline || p.bodySentences.length === 0) return out;
    const { text } = p;
    const headlineText = text.slice(headline.span.start, headline.span.end);
    const claim = readHeadline(p, headline.span);
    const bodyQuotes = p.quotes.filter((q) => isBodyQuote(p, q) && q.kind !== 'scare');

    if (claim.actor && claim.verb) {
      const side = sideOf(claim.actor);
      const pool = bodyQuotes.filter((q) => {
        const speaker = q.speaker?.entity ? entity(p, q.speaker.entity) : undefined;
        // the actor itself, its side, or people whose title names it (a senator speaks for the Senate)
        const stem = claim.actor!.name.toLowerCase().slice(0, 5);
        return speaker && (speaker === claim.actor || sideOf(speaker) === side || speaker.roles.some((r) => r.length >= 5 && r.startsWith(stem)));
      });
      const supports = pool.map((q) => supportIn(p, claim, q.contentSpan)).sort((a, b) => b.score - a.score);
      const best = supports[0];
      const missingEntities = claim.objects.filter((e) => !supports.some((s) => s.entitiesFound.includes(e))).map((e) => e.name);
      const missingTerms = claim.terms.filter((t) => !supports.some((s) => s.termsFound.includes(t)));
      const who = side && side !== claim.actor.name ? `${claim.actor.name} or others speaking for ${side}` : claim.actor.name;
      const closest = best ? `The closest quote says: “${shorten(text.slice(best.span.start, best.span.end))}”.` : '';
      if (!best || best.score < options.unsupportedBelow) {
        out.push({
          code: 'unsupported-headline',
          severity: 'problem',
          span: headline.span,
          related: supports.slice(0, 4).map((s) => ({ span: s.span, label: `quote from ${side ?? claim.actor!.name}: support ${Math.round(s.score * 100)}%` })),
          data: {},
          explanation: `The headline attributes to ${claim.actor.name} a claim ("${claim.verb}" … ${listWords(claim.terms, claim.surface)}) involving ${claim.objects.map((e) => e.name).join(' and ') || 'its subject'}. ${
            pool.length === 0
              ? `The body quotes nobody from ${side ?? claim.actor.name}.`
              : `None of the ${pool.length} quote${pool.length > 1 ? 's' : ''} from ${who} ${missingEntities.length ? `mentions ${missingEntities.join(' or ')}` : ''}${missingEntities.length && missingTerms.length ? ' or says ' : missingTerms.length ? 'says ' : ''}${missingTerms.length ? listWords(missingTerms, claim.surface) : ''}. ${closest}`
          }`.trim(),
          evidence: supports.slice(0, 3).map((s) => ({ kind: 'text', value: text.slice(s.span.start, s.span.end), source: 'quote in body', span: s.span })),
          confidence: pool.length === 0 ? 0.6 : 0.75,
        });
      } else {
        out.push({
          code: best.score < options.weakBelow ? 'weakly-supported-headline' : 'supported-headline',
          severity: best.score < options.weakBelow ? 'warning' : 'info',
          span: headline.span,
          related: [{ span: best.span, label: 'supporting quote' }],
          explanation: `A quote from ${who} covers ${Math.round(best.score * 100)}% of the headline's claim. ${closest}`,
          evidence: [{ kind: 'text', value: text.slice(best.span.start, best.span.end), source: 'quote in body', span: best.span }],
          confidence: 0.6,
        });
      }
    } else {
      const bodySpan = { start: p.bodySentences[0]!.span.start, end: p.bodySentences[p.bodySentences.length - 1]!.span.end };
      const support = supportIn(p, claim, bodySpan);
      const missing = [
        ...claim.objects.filter((e) => !support.entitiesFound.includes(e)).map((e) => e.name),
        ...claim.terms.filter((t) => !support.termsFound.includes(t)).map((t) => claim.surface.get(t) ?? t),
      ];
      const code = support.score < 0.4 ? 'unsupported-headline' : support.score < options.weakBelow ? 'weakly-supported-headline' : 'supported-headline';
      if (claim.terms.length + claim.objects.length >= 2) {
        out.push({
          code,
          severity: code === 'unsupported-headline' ? 'problem' : code === 'weakly-supported-headline' ? 'warning' : 'info',
          span: headline.span,
          explanation:
            code === 'supported-headline'
              ? `The body mentions ${Math.round(support.score * 100)}% of the headline's names and key words.`
              : `The body never mentions ${listWords(missing)} from the headline; only ${Math.round(support.score * 100)}% of the headline's names and key words appear in the article.`,
          evidence: [{ kind: 'text', value: headlineText, source: 'headline' }],
          confidence: code === 'supported-headline' ? 0.5 : 0.6,
        });
      }
    }

    // words the headline or sub-headline puts in quotation marks must occur in a body quote
    let bodyQuoteWords: Set<string> | undefined; // built only when the headline quotes something
    for (const q of p.quotes) {
      const kind = p.article.blocks[p.sentences[q.sentence]!.block]?.kind;
      if (kind !== 'headline' && kind !== 'subheadline') continue;
      if (!bodyQuoteWords) {
        bodyQuoteWords = new Set<string>();
        for (const b of bodyQuotes) for (const w of text.slice(b.contentSpan.start, b.contentSpan.end).toLowerCase().match(/\p{L}+/gu) ?? []) bodyQuoteWords.add(lemma(w));
      }
      const quoteWords = bodyQuoteWords;
      const word = text.slice(q.contentSpan.start, q.contentSpan.end);
      const lemmas = (word.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => !STOPWORDS.has(w)).map(lemma);
      if (lemmas.length === 0 || lemmas.length > 6) continue;
      if (lemmas.every((l) => quoteWords.has(l))) continue;
      out.push({
        code: 'quoted-word-not-in-body',
        severity: 'problem',
        span: q.span,
        data: { word },
        explanation: `The ${kind === 'subheadline' ? 'sub-headline' : 'headline'} puts "${word}" in quotation marks, as if someone said it, but none of the ${bodyQuotes.length} quotes in the body contains it — the word is the writer's, not the speaker's.`,
        evidence: bodyQuotes.slice(0, 3).map((b) => ({ kind: 'text', value: text.slice(b.span.start, b.span.end), source: b.speaker?.name ?? 'unattributed quote', span: b.span })),
        confidence: 0.8,
      });
    }

    const stance = modelsFrom(services).stance;
    if (stance) {
      const body = p.bodySentences.map((s) => text.slice(s.span.start, s.span.end)).join(' ');
      const probs = stance.predict(headlineText, body, { reuse: false });
      const [label, probability] = Object.entries(probs).sort((a, b) => b[1] - a[1])[0]!;
      const verb = { agree: 'agrees with', disagree: 'disagrees with', discuss: 'discusses without taking a side on', unrelated: 'is unrelated to' }[label] ?? label;
      out.push({
        code: 'headline-stance',
        severity: label === 'disagree' || label === 'unrelated' ? 'warning' : 'info',
        span: headline.span,
        data: { stance: verb, probability: `${Math.round(probability * 100)}%` },
        explanation: `A stance model trained on FNC-1 reads the body as ${label} toward the headline (agree ${Math.round(probs.agree * 100)}%, disagree ${Math.round(probs.disagree * 100)}%, discuss ${Math.round(probs.discuss * 100)}%, unrelated ${Math.round(probs.unrelated * 100)}%).`,
        evidence: [{ kind: 'record', value: JSON.stringify(probs), source: stance.name }],
        confidence: probability,
      });
    }
    return out;
  },
};
