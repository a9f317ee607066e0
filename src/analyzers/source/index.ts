/**
 * source: who published the article. The domain comes from the article URL, its canonical link or
 * `--source`, reduced to its registrable domain on the public suffix list. The analyzer reports
 * what published site lists say about it — the built-in table (BuzzFeed News 2016–2018, OpenSources
 * 2017) plus every list imported into the corpus store — each rating with the list that gave it;
 * flags lookalike domains that borrow a well-known outlet's brand (lookalike.ts); and says so
 * plainly when no list knows the site, since "unknown" is an honest answer, not a clean bill.
 */
import type { Analyzer, Evidence, FindingDraft, ParsedArticle } from '../../core/types.js';
import { hostChain, normalizeHost, registrableDomain } from '../../text/domain.js';
import { type SourceLabel, type SourceRatingRecord, storeFrom } from '../../store/types.js';
import { BUILTIN_LISTS, BUILTIN_RATINGS } from './builtin-ratings.js';
import { findLookalike, isKnownOutlet } from './lookalike.js';

export interface SourceOptions {
  /** check the domain against well-known outlets for lookalikes (default true) */
  detectLookalikes: boolean;
}

type ListedCode =
  | 'listed-fake'
  | 'listed-conspiracy'
  | 'listed-hate'
  | 'listed-unreliable'
  | 'listed-satire'
  | 'listed-partisan'
  | 'listed-state-media'
  | 'listed-reliable';

/** Which finding each label becomes, how serious it is, and the words for the message. */
const LABEL_FINDINGS: Record<SourceLabel, { code: ListedCode; severity: FindingDraft['severity']; words: string }> = {
  fake: { code: 'listed-fake', severity: 'problem', words: 'a fake-news site' },
  imposter: { code: 'listed-fake', severity: 'problem', words: 'an imposter site' },
  conspiracy: { code: 'listed-conspiracy', severity: 'problem', words: 'a conspiracy site' },
  'junk-science': { code: 'listed-conspiracy', severity: 'problem', words: 'a junk-science site' },
  hate: { code: 'listed-hate', severity: 'problem', words: 'a hate site' },
  unreliable: { code: 'listed-unreliable', severity: 'warning', words: 'an unreliable site' },
  clickbait: { code: 'listed-unreliable', severity: 'warning', words: 'a clickbait site' },
  satire: { code: 'listed-satire', severity: 'warning', words: 'a satire site' },
  partisan: { code: 'listed-partisan', severity: 'info', words: 'a hyperpartisan site' },
  'state-media': { code: 'listed-state-media', severity: 'info', words: 'a state-media outlet' },
  reliable: { code: 'listed-reliable', severity: 'info', words: 'a reliable source' },
};

const EXPLANATIONS: Record<ListedCode, string> = {
  'listed-fake':
    'Fact-checkers and researchers list this site as publishing fabricated stories or imitating real outlets. Check every claim against an independent source before trusting it.',
  'listed-conspiracy':
    'Published site lists classify this site as spreading conspiracy theories or pseudo-science. Its claims need independent confirmation.',
  'listed-hate': 'A published site list classifies this site as promoting hate. Treat its framing and claims with care.',
  'listed-unreliable':
    'Published site lists flag this site as unreliable or clickbait: it has published misleading or poorly sourced stories.',
  'listed-satire': 'Published site lists classify this site as satire. Its stories are not meant as news and should not be read as fact.',
  'listed-partisan':
    'Published site lists classify this site as hyperpartisan. That says nothing about a single claim, but expect one-sided framing.',
  'listed-state-media': 'Published site lists classify this site as state media: it speaks for a government.',
  'listed-reliable': 'Published site lists classify this site as a generally reliable source.',
};

/** Confidence from how many independent lists agree: 0.7 for one, 0.91 for two, 0.97 for three. */
function agreementConfidence(lists: number): number {
  return Math.round((1 - 0.3 ** lists) * 100) / 100;
}

/** The site the article comes from: URL, then canonical link, then the --source override. */
export function articleHost(parsed: ParsedArticle): { host: string; from: 'url' | 'canonical' | 'source' } | undefined {
  const meta = parsed.article.meta;
  const tries: [string | undefined, 'url' | 'canonical' | 'source'][] = [
    [meta.source, 'source'],
    [meta.url, 'url'],
    [meta.canonicalUrl, 'canonical'],
  ];
  // --source is an explicit override; then the URL the article was read from; then its canonical link
  for (const [value, from] of tries) {
    const host = value ? normalizeHost(value) : undefined;
    if (host) return { host, from };
  }
  return undefined;
}

function builtinRatings(host: string): SourceRatingRecord[] {
  for (const key of hostChain(host)) {
    const rows = BUILTIN_RATINGS.filter((r) => r[0] === key);
    if (rows.length > 0) {
      return rows.map(([domain, label, rawLabel, list]) => ({ domain, label, rawLabel, list: BUILTIN_LISTS[list]!.name }));
    }
  }
  return [];
}

export const source: Analyzer<SourceOptions> = {
  id: 'source',
  version: '1.0.0',
  description: 'What published site lists say about the article’s domain, lookalikes of well-known outlets, and unknown sources.',
  codes: {
    'listed-fake': '{domain} is listed as {label} by {listCount} list(s): {lists}',
    'listed-conspiracy': '{domain} is listed as {label} by {listCount} list(s): {lists}',
    'listed-hate': '{domain} is listed as {label} by {listCount} list(s): {lists}',
    'listed-unreliable': '{domain} is listed as {label} by {listCount} list(s): {lists}',
    'listed-satire': '{domain} is listed as {label} by {listCount} list(s): {lists}',
    'listed-partisan': '{domain} is listed as {label} by {listCount} list(s): {lists}',
    'listed-state-media': '{domain} is listed as {label} by {listCount} list(s): {lists}',
    'listed-reliable': '{domain} is listed as {label} by {listCount} list(s): {lists}',
    'lookalike-domain': '{domain} looks like {outlet} ({outletDomain}) but is not one of its domains',
    'unknown-source': '{domain} is on none of the site lists factlens has: its reputation is unknown',
    'no-source': 'The article names no site (no URL, canonical link or source name), so its source cannot be checked',
  },
  defaultOptions: { detectLookalikes: true },
  async analyze(parsed, ctx) {
    const found = articleHost(parsed);
    if (!found) {
      return [
        {
          code: 'no-source',
          severity: 'info',
          explanation: 'Give the article URL, or name its site (--source on the command line, "source" in the API), so the site can be looked up in the source lists.',
          evidence: [],
          confidence: 1,
        },
      ];
    }
    const { host } = found;
    const domain = registrableDomain(host) ?? host;
    const store = storeFrom(ctx.services);
    const ratings = [...builtinRatings(host), ...(store ? await store.sourceRatings(host) : [])];
    const out: FindingDraft[] = [];

    const byCode = new Map<ListedCode, { labels: Set<string>; lists: Map<string, SourceRatingRecord[]> }>();
    for (const r of ratings) {
      const f = LABEL_FINDINGS[r.label];
      let entry = byCode.get(f.code);
      if (!entry) {
        entry = { labels: new Set(), lists: new Map() };
        byCode.set(f.code, entry);
      }
      entry.labels.add(f.words);
      const forList = entry.lists.get(r.list) ?? [];
      if (!forList.some((x) => x.label === r.label)) forList.push(r);
      entry.lists.set(r.list, forList);
    }
    for (const [code, entry] of byCode) {
      const severity = LABEL_FINDINGS[entry.lists.values().next().value![0]!.label].severity;
      const lists = [...entry.lists.keys()].sort();
      const evidence: Evidence[] = lists.map((list) => ({
        kind: 'record',
        value: `${entry.lists.get(list)![0]!.domain}: ${entry.lists.get(list)!.map((r) => r.rawLabel).join(', ')}`,
        source: list,
      }));
      out.push({
        code,
        severity,
        data: { domain, label: [...entry.labels].join(' / '), listCount: lists.length, lists: lists.join('; ') },
        explanation: EXPLANATIONS[code],
        evidence,
        confidence: agreementConfidence(lists.length),
      });
    }

    const lookalike = ctx.options.detectLookalikes && !byCode.has('listed-reliable') ? findLookalike(host) : undefined;
    if (lookalike) {
      out.push({
        code: 'lookalike-domain',
        severity: 'problem',
        data: { domain: host, outlet: lookalike.outlet.name, outletDomain: lookalike.outlet.domains[0]!, pattern: lookalike.kind },
        explanation:
          'Fake sites borrow the names of real outlets so that shared links look trustworthy. This domain carries the brand of a well-known outlet but is not one of its addresses.',
        evidence: [{ kind: 'record', value: `${lookalike.kind}: "${lookalike.brand}" in ${host}`, source: 'factlens outlet list' }],
        confidence: lookalike.kind === 'misspelled-brand' ? 0.6 : 0.9,
      });
    }

    if (out.length === 0 && !isKnownOutlet(host)) {
      out.push({
        code: 'unknown-source',
        severity: 'info',
        data: { domain },
        explanation:
          'No list factlens has rates this site. That is not a sign of reliability: new and small sites are unlisted too. Import more lists with factlens corpus import.',
        evidence: [],
        confidence: 1,
      });
    }
    return out;
  },
};
