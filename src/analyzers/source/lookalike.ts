/**
 * Lookalike and typosquat domains (in the sense of Agten et al., "Seven months' worth of
 * mistakes", NDSS 2015, and Kintis et al., "Hiding in plain sight: combosquatting", CCS 2017):
 * a site that carries a well-known outlet's brand on a domain the outlet does not own. Four
 * patterns: the outlet's own domain used as a prefix (cnn.com.de, abcnews.go.com.co); the bare
 * brand on another suffix (abcnews.com.co, msnbc.website); the brand plus filler words
 * (abcnews-us.com, cnn-globalnews.com, usatodaynews.net); and a one-edit misspelling of a long
 * brand that keeps or adds letters, without digits (nytimess.com, politicot.com). Registrable domains come from the public suffix list.
 */
import { getDomainWithoutSuffix } from 'tldts';
import { normalizeHost, registrableDomain } from '../../text/domain.js';
import { FILLER_WORDS, OUTLETS, type Outlet } from './outlets.js';

/** How a domain imitates an outlet. */
export type LookalikeKind = 'outlet-domain-prefix' | 'brand-on-other-domain' | 'brand-with-filler' | 'misspelled-brand';

/** A lookalike verdict: the outlet imitated and how. */
export interface Lookalike {
  outlet: Outlet;
  kind: LookalikeKind;
  /** the brand string found in the domain */
  brand: string;
}

/** Brands shorter than this only match whole labels or hyphen-separated parts. */
const MIN_SUBSTRING_BRAND = 5;
/** Brands at least this long are checked for one-edit misspellings. */
const MIN_TYPO_BRAND = 7;

const FILLER = new Set(FILLER_WORDS);

/** True when `s` splits entirely into filler words and digit runs (e.g. "globalnews24"). */
export function isFillerRun(s: string): boolean {
  if (s === '') return true;
  const ok: boolean[] = new Array(s.length + 1).fill(false);
  ok[0] = true;
  for (let i = 0; i < s.length; i++) {
    if (!ok[i]) continue;
    let j = i;
    while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    if (j > i) ok[j] = true;
    for (let k = i + 1; k <= Math.min(s.length, i + 22); k++) if (FILLER.has(s.slice(i, k))) ok[k] = true;
  }
  return ok[s.length]!;
}

/** Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** True when the host is one of the outlet domains or under one. */
export function isKnownOutlet(host: string): Outlet | undefined {
  const h = normalizeHost(host);
  if (!h) return undefined;
  return OUTLETS.find((o) => o.domains.some((d) => h === d || h.endsWith(`.${d}`)));
}

/**
 * The outlet a domain imitates, if it imitates one.
 * @example findLookalike('abcnews.com.co')?.outlet.name // 'ABC News'
 */
export function findLookalike(host: string): Lookalike | undefined {
  const h = normalizeHost(host);
  if (!h || isKnownOutlet(h)) return undefined;
  for (const outlet of OUTLETS) {
    for (const d of outlet.domains) {
      if (h.startsWith(`${d}.`) || h.startsWith(`${d}-`)) return { outlet, kind: 'outlet-domain-prefix', brand: d };
    }
  }
  const domain = registrableDomain(h) ?? h;
  const label = (getDomainWithoutSuffix(domain, { allowPrivateDomains: true }) ?? domain.split('.')[0] ?? '').toLowerCase();
  if (!label) return undefined;
  const parts = label.split(/[-_]+/).filter(Boolean);
  for (const outlet of OUTLETS) {
    for (const brand of outlet.brands) {
      if (label === brand) return { outlet, kind: 'brand-on-other-domain', brand };
      if (parts.length > 1 && parts.includes(brand) && parts.every((p) => p === brand || isFillerRun(p))) {
        return { outlet, kind: 'brand-with-filler', brand };
      }
      if (brand.length >= MIN_SUBSTRING_BRAND) {
        for (const part of parts) {
          const at = part.indexOf(brand);
          if (at < 0 || part === brand) continue;
          const rest = part.slice(0, at) + part.slice(at + brand.length);
          if (isFillerRun(rest) && parts.every((p) => p === part || isFillerRun(p))) return { outlet, kind: 'brand-with-filler', brand };
        }
      }
    }
  }
  // digits mark local affiliates (abc7news.com) more often than typos
  if (parts.length === 1 && !/\d/.test(label)) {
    for (const outlet of OUTLETS) {
      for (const brand of outlet.brands) {
        // a dropped letter ("atimes" for "latimes") is more often another name than a typo
        if (brand.length < MIN_TYPO_BRAND || label.length < brand.length || label.length > brand.length + 1) continue;
        if (editDistance(label, brand) === 1) return { outlet, kind: 'misspelled-brand', brand };
      }
    }
  }
  return undefined;
}
