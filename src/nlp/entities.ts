/**
 * Named entities with alias resolution, rule-based (gazetteer + capitalization + context cues, in
 * the spirit of classic rule-based NER such as GATE's ANNIE): the curated gazetteer merges aliases
 * (ISIS / ISIL / Daesh → Islamic State); capitalized runs become people when a role word, a known
 * first name, a known public figure or a speech verb says so; a lone surname links to the person
 * whose full name ends with it; he/she link to the most recent person. Body text is read before
 * Title-Case headlines, which only link to entities already known.
 */
import type { Entity, EntityType, Mention, MentionVia, ParsedArticle, Span, Token } from '../core/types.js';
import { FEMALE_FIRST_NAMES, FIRST_NAMES, MALE_FIRST_NAMES } from './first-names.js';
import { lastStartingAtOrBefore } from './spans.js';
import { ANONYMOUS_SOURCE_NOUNS, gazetteerEntries, type GazetteerEntry, KNOWN_PEOPLE, NOT_NAME_WORDS, ROLE_WORDS, SPEECH_VERBS } from './gazetteer.js';

interface AliasEntry {
  tokens: string[];
  entry: GazetteerEntry;
  via: MentionVia;
}

const TOKEN_SPLIT = /(?:\p{L}\.){2,}|\p{L}[\p{L}\p{M}\p{N}]*(?:['’-]\p{L}[\p{L}\p{M}\p{N}]*)*|\p{N}+|[^\s\p{L}\p{N}]/gu;

function aliasTokens(s: string): string[] {
  return s.match(TOKEN_SPLIT) ?? [];
}

/** Alias index keyed by first token (case-sensitive), longest alias first. Built once, read-only. */
const ALIAS_INDEX: ReadonlyMap<string, AliasEntry[]> = (() => {
  const index = new Map<string, AliasEntry[]>();
  const add = (surface: string, entry: GazetteerEntry, via: MentionVia): void => {
    const tokens = aliasTokens(surface);
    if (tokens.length === 0) return;
    const list = index.get(tokens[0]!) ?? [];
    list.push({ tokens, entry, via });
    index.set(tokens[0]!, list);
  };
  for (const entry of gazetteerEntries()) {
    add(entry.name, entry, 'name');
    if (entry.name.startsWith('The ')) add(entry.name.slice(4), entry, 'name');
    for (const a of entry.aliases) add(a, entry, 'alias');
    for (const d of entry.demonyms ?? []) if (d !== 'U.S.') add(d, entry, 'demonym');
  }
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return index;
})();

const ORG_SUFFIXES = new Set(
  'inc corp corporation company co ltd llc group party ministry department agency council university college institute committee army navy force forces news times post journal network foundation association union bank court commission office service guard police'.split(
    ' ',
  ),
);

const PRONOUNS = new Set(['he', 'she', 'him', 'his', 'her']);

/** Capitalized words for parties, faiths and peoples: groups, never a person's name. */
const GROUP_WORDS = new Set(
  (
    'republican republicans democrat democrats democratic gop libertarian libertarians conservative conservatives liberal liberals ' +
    'muslim muslims christian christians jewish jews catholic catholics evangelical evangelicals hispanic hispanics latino latinos ' +
    'black blacks white whites american americans african asian european arab arabs mexican mexicans'
  ).split(' '),
);
const PRONOUN_GENDER: Readonly<Record<string, Gender>> = { he: 'm', him: 'm', his: 'm', she: 'f', her: 'f' };

type Gender = 'm' | 'f';

/** Honorifics and titles that tell a person's gender. */
const TITLE_GENDER: Readonly<Record<string, Gender>> = {
  mr: 'm', mrs: 'f', ms: 'f', miss: 'f', sir: 'm', lady: 'f', king: 'm', queen: 'f', prince: 'm', princess: 'f',
  spokesman: 'm', spokeswoman: 'f', chairman: 'm', chairwoman: 'f', congressman: 'm', congresswoman: 'f',
};

/** How many recent people a pronoun may reach back to. */
const RECENT_PEOPLE = 8;

/** How many sentences back a sentence subject stays the preferred antecedent of a subject pronoun. */
const SUBJECT_SENTENCES = 2;

function stripPossessive(t: string): string {
  return t.endsWith('’s') || t.endsWith("'s") ? t.slice(0, -2) : t.endsWith('’') || t.endsWith("'") ? t.slice(0, -1) : t;
}

/** Lower-case name particles joined to a capitalized name: "al-Assad", "bin-Salman". */
const PARTICLE_NAME = /^(?:al|el|bin|ibn|abu|de|van|von|da|di|du|le|la)-\p{Lu}/u;

function isCapitalized(t: Token): boolean {
  if (t.kind !== 'word') return false;
  const code = t.text.charCodeAt(0);
  // ASCII fast paths: every token is asked, most of them plain lower-case words
  if (code >= 65 && code <= 90) return true;
  if (code >= 97 && code <= 122) return t.text.includes('-') && PARTICLE_NAME.test(t.text);
  const c = t.text[0]!;
  if (c !== c.toLowerCase() && c === c.toUpperCase()) return true;
  return PARTICLE_NAME.test(t.text);
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'entity'
  );
}

interface Builder {
  entities: Map<string, Entity>;
  mentions: Mention[];
  /** name → slug, memoized for this article (the same names recur) */
  slugs: Map<string, string>;
  /** people by full name, by last name part and by first name part, kept as names are added or grow */
  byName: Map<string, Entity>;
  byLast: Map<string, Entity[]>;
  /** creation order of entities, so indexed lookups return what a scan in order would */
  order: Map<string, number>;
  gender: Map<string, Gender>;
  /** people named outside quotations, most recent last (the antecedents pronouns may take) */
  recent: Entity[];
  /** sorted spans of quoted text: names inside them are not antecedents of pronouns outside */
  quoteSpans: readonly Span[];
  /** the person opening the latest sentence that opened with one (its grammatical subject, most likely), and that sentence */
  subject?: { e: Entity; sentence: number };
  /** where the sentence being scanned starts */
  sentenceStart: number;
}

function lastPart(name: string): string {
  return name.slice(name.lastIndexOf(' ') + 1);
}

function indexPerson(b: Builder, e: Entity): void {
  b.byName.set(e.name, e);
  const last = lastPart(e.name);
  const list = b.byLast.get(last);
  if (!list) b.byLast.set(last, [e]);
  else if (!list.includes(e)) list.push(e);
}

function genderFromName(name: string): Gender | undefined {
  const parts = name.split(' ');
  if (parts.length < 2) return undefined;
  const first = parts[0]!.toLowerCase();
  if (FEMALE_FIRST_NAMES.has(first)) return 'f';
  if (MALE_FIRST_NAMES.has(first)) return 'm';
  return undefined;
}

function notePerson(b: Builder, e: Entity, roles: readonly string[], insideQuote: boolean): void {
  if (!b.gender.has(e.id)) {
    let g = genderFromName(e.name);
    for (const r of roles) g ??= TITLE_GENDER[r.replace(/\.$/, '')];
    if (g) b.gender.set(e.id, g);
  }
  if (insideQuote) return;
  const i = b.recent.indexOf(e);
  if (i >= 0) b.recent.splice(i, 1);
  b.recent.push(e);
  if (b.recent.length > RECENT_PEOPLE) b.recent.shift();
}

/**
 * The person a pronoun refers to. A subject pronoun ("he", "she") opening its clause prefers the
 * subject of the sentence before (centering: the sentence's subject is its likeliest continuation,
 * Grosz et al. 1995) when it is compatible; otherwise the nearest preceding person of the same
 * gender, or of unknown gender.
 */
function antecedent(b: Builder, pronoun: string, sentence: number, isClauseSubject: boolean): Entity | undefined {
  const want = PRONOUN_GENDER[pronoun];
  const s = b.subject;
  if (isClauseSubject && s && sentence - s.sentence <= SUBJECT_SENTENCES && sentence > s.sentence) {
    const g = b.gender.get(s.e.id);
    if ((!g || !want || g === want) && b.recent.includes(s.e)) return s.e;
  }
  for (let i = b.recent.length - 1; i >= 0; i--) {
    const e = b.recent[i]!;
    const g = b.gender.get(e.id);
    if (!g || !want || g === want) return e;
  }
  return undefined;
}

function insideQuote(b: Builder, offset: number): boolean {
  const s = b.quoteSpans[lastStartingAtOrBefore(b.quoteSpans, offset)];
  return s !== undefined && offset > s.start && offset < s.end;
}

function slugOf(b: Builder, name: string): string {
  let id = b.slugs.get(name);
  if (id === undefined) b.slugs.set(name, (id = slug(name)));
  return id;
}

function upsert(b: Builder, name: string, type: EntityType, side?: string): Entity {
  const id = slugOf(b, name);
  let e = b.entities.get(id);
  if (!e) {
    e = { id, name, type, aliases: [], roles: [], mentionCount: 0, side };
    b.entities.set(id, e);
    b.order.set(id, b.order.size);
    if (type === 'person') indexPerson(b, e);
  } else if (!e.side && side) e.side = side;
  return e;
}

function addMention(b: Builder, e: Entity, start: number, end: number, text: string, via: MentionVia, sentence: number): void {
  b.mentions.push({ span: { start, end }, text, entity: e.id, via, sentence });
  // a person named (not a pronoun) within the first few words of the sentence, outside quotes: its subject
  if (e.type === 'person' && via !== 'pronoun' && start - b.sentenceStart <= 30 && b.subject?.sentence !== sentence && !insideQuote(b, start)) b.subject = { e, sentence };
  e.mentionCount += 1;
  if (via !== 'pronoun' && !e.aliases.includes(text)) e.aliases.push(text);
}

/** Finds a person entity whose name or last name equals `name` (single token) or that `name` extends. */
function findPerson(b: Builder, name: string): Entity | undefined {
  const space = name.indexOf(' ');
  const last = lastPart(name);
  const first = space < 0 ? name : name.slice(0, space);
  // the earliest-created person that matches, as a scan over the entities in order would give
  let best: Entity | undefined;
  const consider = (e: Entity | undefined): void => {
    if (e?.type !== 'person') return;
    if (!best || b.order.get(e.id)! < b.order.get(best.id)!) best = e;
  };
  const exact = b.byName.get(name);
  if (exact?.name === name) consider(exact);
  for (const e of b.byLast.get(last) ?? []) {
    if (lastPart(e.name) !== last) continue;
    const eSpace = e.name.indexOf(' ');
    if (space < 0 && eSpace >= 0) consider(e); // "Carter" → "Ash Carter"
    else if (space >= 0 && eSpace >= 0 && e.name.slice(0, eSpace) === first) consider(e); // "Brett Kavanaugh" → "Brett M. Kavanaugh"
    else if (eSpace < 0) consider(e); // "Ash Carter" extends "Carter"
  }
  return best;
}

/** Known public figures by surname ("Lavrov" → "Sergei Lavrov"). Built once, read-only. */
const KNOWN_BY_SURNAME: ReadonlyMap<string, string> = new Map([...KNOWN_PEOPLE.keys()].map((full) => [full.slice(full.lastIndexOf(' ') + 1), full]));

function knownPersonFor(name: string): string | undefined {
  if (KNOWN_PEOPLE.has(name)) return name;
  return name.includes(' ') ? undefined : KNOWN_BY_SURNAME.get(name);
}

function matchAlias(tokens: Token[], i: number, end: number): { alias: AliasEntry; length: number; possessive: boolean } | undefined {
  const first = tokens[i]!;
  let candidates = ALIAS_INDEX.get(first.text);
  if (!candidates) {
    const stripped = stripPossessive(first.text);
    if (stripped !== first.text) candidates = ALIAS_INDEX.get(stripped);
  }
  if (!candidates) return undefined;
  for (const alias of candidates) {
    const n = alias.tokens.length;
    if (i + n > end) continue;
    let ok = true;
    for (let k = 0; k < n; k++) {
      const t = tokens[i + k]!.text;
      const want = alias.tokens[k]!;
      if (t !== want && !(k === n - 1 && stripPossessive(t) === want)) {
        ok = false;
        break;
      }
    }
    if (ok) {
      const lastText = tokens[i + n - 1]!.text;
      return { alias, length: n, possessive: stripPossessive(lastText) !== lastText };
    }
  }
  return undefined;
}

function isTitleCaseBlock(p: ParsedArticle, sentence: number): boolean {
  const kind = p.article.blocks[p.sentences[sentence]!.block]?.kind;
  return kind === 'headline' || kind === 'badge' || kind === 'byline' || kind === 'dateline';
}

/** Processes one sentence: gazetteer matches, capitalized runs, pronouns. */
function scanSentence(p: ParsedArticle, b: Builder, s: number, linkOnly: boolean, lastPerson: { e?: Entity }): void {
  const { tokens, text } = p;
  const sentence = p.sentences[s]!;
  let i = sentence.tokenStart;
  const end = sentence.tokenEnd;
  let pendingSide: string | undefined; // side from an adjacent country/demonym ("Russian President …")
  let pendingOwner: Entity | undefined; // possessive owner ("Putin's spokesman, …")
  let pendingRoles: string[] = [];
  b.sentenceStart = sentence.span.start;
  while (i < end) {
    const t = tokens[i]!;
    const g = matchAlias(tokens, i, end);
    // "IS" and "US" are only aliases when written in capitals mid-sentence, never as a sentence start word.
    if (g && !(g.alias.tokens.length === 1 && (t.text === 'IS' || t.text === 'US') && linkOnly)) {
      const last = tokens[i + g.length - 1]!;
      const endOffset = g.possessive ? last.span.end - (last.text.endsWith('s') ? 2 : 1) : last.span.end;
      const e = upsert(b, g.alias.entry.name, g.alias.entry.type, g.alias.entry.side);
      addMention(b, e, t.span.start, endOffset, text.slice(t.span.start, endOffset), g.alias.via, s);
      pendingSide = g.alias.entry.side ?? g.alias.entry.name;
      pendingOwner = g.possessive ? e : undefined;
      pendingRoles = [];
      i += g.length;
      continue;
    }
    if (t.kind === 'word' && PRONOUNS.has(t.lower)) {
      // "he said", "She added": a subject pronoun at the clause start
      const prev = tokens[i - 1];
      const isClauseSubject = (t.lower === 'he' || t.lower === 'she') && (i === sentence.tokenStart || (prev !== undefined && prev.kind === 'punct'));
      const e = linkOnly ? lastPerson.e : antecedent(b, t.lower, s, isClauseSubject);
      if (e) addMention(b, e, t.span.start, t.span.end, t.text, 'pronoun', s);
      i++;
      continue;
    }
    if (t.kind === 'word' && ROLE_WORDS.has(t.lower) && !isCapitalized(t)) {
      pendingRoles.push(t.lower);
      i++;
      continue;
    }
    if (!isCapitalized(t)) {
      if (t.text !== ',' && t.kind !== 'word') {
        pendingSide = undefined;
        pendingRoles = [];
      }
      if (t.kind === 'word') {
        pendingSide = undefined;
        // "the governor of Indiana": a title before a preposition does not make the place a person
        if (!/^(?:the|a|an|former|then|acting|current|incoming|outgoing|new|top|senior|deputy|vice|state|foreign|federal|local)$/.test(t.lower)) pendingRoles = [];
      }
      i++;
      continue;
    }
    // a capitalized run
    let j = i;
    const roles: string[] = [...pendingRoles];
    while (j < end && isCapitalized(tokens[j]!) && ROLE_WORDS.has(stripPossessive(tokens[j]!.lower)) && !matchAlias(tokens, j, end)) {
      roles.push(tokens[j]!.lower);
      j++;
      if (tokens[j]?.text === '.' && tokens[j]!.span.start === tokens[j - 1]!.span.end) j++; // "Sen. Bill Nelson"
    }
    let k = j;
    let titleInside = false;
    const initials: number[] = [];
    while (k < end && isCapitalized(tokens[k]!) && !matchAlias(tokens, k, end)) {
      const tk = tokens[k]!;
      const after = tokens[k + 1];
      // a title inside the run ("Florida Sen. Bill Nelson", "New Jersey Rep. Bonnie Watson Coleman"):
      // the words before it describe the person, they are not part of the name
      if (k > j && ROLE_WORDS.has(tk.lower) && after && ((after.text === '.' && after.span.start === tk.span.end) || isCapitalized(after))) {
        titleInside = true;
        break;
      }
      // a middle initial: "Brett M. Kavanaugh", "George W. Bush"
      if (k > j && tk.text.length === 1 && after?.text === '.' && after.span.start === tk.span.end && tokens[k + 2] && isCapitalized(tokens[k + 2]!)) {
        initials.push(k);
        k += 2;
        continue;
      }
      k++;
      if (stripPossessive(tk.text) !== tk.text) break; // possessive ends a name
    }
    if (titleInside) {
      // the describing words become the side of the person named next; the title is read on the next turn
      pendingSide = text.slice(tokens[j]!.span.start, tokens[k - 1]!.span.end);
      pendingRoles = roles;
      i = k;
      continue;
    }
    // a sentence-opening word that is not a name: "The", "Despite", "Luckily Kim"
    const opener = (x: Token): boolean => NOT_NAME_WORDS.has(x.lower) || (x.lower.length > 4 && x.lower.endsWith('ly') && !FIRST_NAMES.has(x.lower));
    const nameTokens = tokens
      .slice(j, k)
      .filter((x, idx) => x.text !== '.' && !(idx === 0 && j === sentence.tokenStart && opener(x)));
    const single = nameTokens.length === 1 ? nameTokens[0]!.lower : undefined;
    if (nameTokens.length === 0 || (single && (NOT_NAME_WORDS.has(single) || ANONYMOUS_SOURCE_NOUNS.has(single) || ROLE_WORDS.has(single)))) {
      i = Math.max(k, i + 1);
      pendingRoles = roles;
      continue;
    }
    const firstTok = nameTokens[0]!;
    const lastTok = nameTokens[nameTokens.length - 1]!;
    const lastClean = stripPossessive(lastTok.text);
    const isPossessive = lastClean !== lastTok.text;
    const endOffset = isPossessive ? lastTok.span.end - (lastTok.text.length - lastClean.length) : lastTok.span.end;
    const surface = text.slice(firstTok.span.start, endOffset);
    const name = nameTokens
      .map((x, idx) => (idx === nameTokens.length - 1 ? lastClean : initials.length > 0 && x.text.length === 1 ? `${x.text}.` : x.text))
      .join(' ');
    const nextTok = tokens[k];
    const followsSpeech = nextTok !== undefined && SPEECH_VERBS.has(nextTok.lower);
    const prevTok = tokens[j - 1];
    const afterComma = prevTok?.text === ',' && tokens[j - 2] !== undefined && ROLE_WORDS.has(tokens[j - 2]!.lower);
    let entity = b.entities.get(slugOf(b, name)) ?? findPerson(b, name);
    const known = knownPersonFor(name);
    if (!entity && known) entity = findPerson(b, known) ?? upsert(b, known, 'person', KNOWN_PEOPLE.get(known));
    const hasRole = roles.length > 0 || afterComma;
    const hasFirstName = nameTokens.length >= 2 && FIRST_NAMES.has(firstTok.lower);
    let via: MentionVia = 'name';
    if (entity) {
      if (entity.type === 'person' && entity.name !== name) {
        if (name.split(' ').length > entity.name.split(' ').length && entity.name.split(' ').length === 1) {
          entity.name = name; // a fuller name for a person first seen by surname
          indexPerson(b, entity);
        } else via = 'surname';
      }
    } else if (!linkOnly) {
      const lastWord = lastClean.toLowerCase();
      let type: EntityType = 'other';
      if (ORG_SUFFIXES.has(lastWord)) type = 'organization';
      else if (nameTokens.length === 1 && GROUP_WORDS.has(lastWord)) type = 'group';
      // a lone word before "reported" ("Tass reported", "Closer reported") is an outlet more often than a person
      else if (hasRole || hasFirstName || (followsSpeech && nameTokens.length <= 3 && !(nameTokens.length === 1 && /^report/.test(nextTok!.lower)))) type = 'person';
      // A lone capitalized word opening a sentence, with no other cue, is usually just a capitalized word.
      const isSentenceStart = firstTok.span.start === sentence.span.start || /^["“‘'(]$/.test(tokens[j - 1]?.text ?? '');
      if (type === 'other' && nameTokens.length === 1 && isSentenceStart) {
        i = Math.max(k, i + 1);
        pendingRoles = [];
        continue;
      }
      entity = upsert(b, name, type, type === 'person' ? (pendingSide ?? pendingOwner?.side ?? pendingOwner?.name) : undefined);
    }
    if (entity) {
      if (afterComma) via = 'apposition';
      addMention(b, entity, firstTok.span.start, endOffset, surface, via, s);
      for (const r of roles) if (!entity.roles.includes(r)) entity.roles.push(r);
      if (entity.type === 'person') {
        if (!entity.side && (pendingSide || pendingOwner)) entity.side = pendingSide ?? pendingOwner?.side ?? pendingOwner?.name;
        lastPerson.e = entity;
        notePerson(b, entity, roles, insideQuote(b, firstTok.span.start));
      }
      pendingOwner = isPossessive ? entity : undefined;
    }
    pendingSide = undefined;
    pendingRoles = [];
    i = Math.max(k, i + 1);
  }
}

/**
 * Finds entities and their mentions in a parsed article.
 * @example findEntities(parsed).entities.find((e) => e.aliases.includes('Daesh'))?.name // 'Islamic State'
 */
export function findEntities(p: ParsedArticle, quoteSpans: readonly Span[] = []): { entities: Entity[]; mentions: Mention[] } {
  const b: Builder = {
    entities: new Map(),
    mentions: [],
    slugs: new Map(),
    byName: new Map(),
    byLast: new Map(),
    order: new Map(),
    gender: new Map(),
    recent: [],
    sentenceStart: 0,
    quoteSpans,
  };
  const lastPerson: { e?: Entity } = {};
  const order: number[] = [];
  const deferred: number[] = [];
  for (const s of p.sentences) (isTitleCaseBlock(p, s.index) ? deferred : order).push(s.index);
  for (const s of order) scanSentence(p, b, s, false, lastPerson);
  for (const s of deferred) scanSentence(p, b, s, true, {});
  b.mentions.sort((x, y) => x.span.start - y.span.start);
  const entities = [...b.entities.values()].filter((e) => e.mentionCount > 0);
  // a person whose title names an institution in the article acts for it ("Senator" → the Senate)
  const orgsByPrefix = new Map<string, { o: Entity; at: number }>();
  entities.forEach((o, at) => {
    if (o.type !== 'organization') return;
    const key = o.name.toLowerCase().slice(0, 5);
    if (key.length === 5 && !orgsByPrefix.has(key)) orgsByPrefix.set(key, { o, at });
  });
  for (const person of entities) {
    if (person.type !== 'person' || person.side) continue;
    let org: { o: Entity; at: number } | undefined;
    for (const r of person.roles) {
      const o = r.length >= 5 ? orgsByPrefix.get(r.slice(0, 5)) : undefined;
      if (o && (!org || o.at < org.at)) org = o;
    }
    if (org) person.side = org.o.side ?? org.o.name;
  }
  entities.sort((x, y) => y.mentionCount - x.mentionCount || x.name.localeCompare(y.name));
  return { entities, mentions: b.mentions };
}
