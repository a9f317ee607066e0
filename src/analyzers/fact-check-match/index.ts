/**
 * fact-check-match: the article's check-worthy claims matched against published fact-checks in
 * the corpus store. Candidates come from a BM25 search over fact-check claims; each candidate gets
 * a match probability from a small logistic model over an offline similarity (stems, numbers and
 * character 4-grams), relative BM25 and word coverage (similarity.ts); matches at or above the
 * tuned threshold are reported with the reviewer's rating, date and URL. A fact-check about the
 * article's own URL is reported as such. Without a corpus store the analyzer reports nothing.
 */
import type { Analyzer, FindingDraft, Severity } from '../../core/types.js';
import { pickClaimQueries } from '../../text/claim-queries.js';
import { type FactCheckVerdict, type StoredFactCheck, storeFrom } from '../../store/types.js';
import { matchFeatures, matchProbability, prepareClaim } from './similarity.js';

export interface FactCheckMatchOptions {
  /** claims looked up per article (default 5) */
  maxClaims: number;
  /** BM25 candidates scored per claim (default 10) */
  candidates: number;
  /** least match probability reported (default 0.5: the lowest with ≥ 90% precision on the training half of the paraphrase benchmark) */
  minProbability: number;
  /** matches reported per claim (default 3) */
  maxMatchesPerClaim: number;
}

type MatchCode = 'matches-false-claim' | 'matches-disputed-claim' | 'matches-true-claim';

const BY_VERDICT: Record<FactCheckVerdict, { code: MatchCode; severity: Severity }> = {
  false: { code: 'matches-false-claim', severity: 'problem' },
  'mostly-false': { code: 'matches-false-claim', severity: 'problem' },
  mixed: { code: 'matches-disputed-claim', severity: 'warning' },
  unproven: { code: 'matches-disputed-claim', severity: 'warning' },
  other: { code: 'matches-disputed-claim', severity: 'warning' },
  'mostly-true': { code: 'matches-true-claim', severity: 'info' },
  true: { code: 'matches-true-claim', severity: 'info' },
};

const EXPLANATIONS: Record<MatchCode, string> = {
  'matches-false-claim':
    'A fact-checker reviewed a claim like this one and found it false or mostly false. Read the fact-check before trusting the sentence.',
  'matches-disputed-claim':
    'A fact-checker reviewed a claim like this one and found it mixed, unproven, or published by a site known for fabricated stories.',
  'matches-true-claim': 'A fact-checker reviewed a claim like this one and found it true or mostly true.',
};

function factCheckData(f: StoredFactCheck): Record<string, string> {
  return {
    rating: f.rating,
    verdict: f.verdict,
    reviewer: f.reviewer ?? 'an unnamed reviewer',
    date: f.reviewDate ?? f.claimDate ?? 'undated',
    claim: f.claim ?? f.itemUrl ?? '',
    url: f.url ?? f.itemUrl ?? '',
  };
}

function factCheckEvidence(f: StoredFactCheck): FindingDraft['evidence'] {
  const evidence: FindingDraft['evidence'] = [
    { kind: 'record', value: `${f.reviewer ?? 'unnamed reviewer'}: "${f.rating}" — ${f.claim ?? f.itemUrl ?? ''}`, source: f.collection },
  ];
  if (f.url) evidence.push({ kind: 'url', value: f.url, source: f.reviewer });
  if (f.itemUrl && f.itemUrl !== f.url) evidence.push({ kind: 'url', value: f.itemUrl, source: 'reviewed item' });
  return evidence;
}

export const factCheckMatch: Analyzer<FactCheckMatchOptions> = {
  id: 'fact-check-match',
  version: '1.0.0',
  description: 'Matches the article’s check-worthy claims to published fact-checks in the corpus (BM25 + offline similarity).',
  codes: {
    'article-rated': 'A fact-check rated this very article "{rating}" ({reviewer}, {date})',
    'matches-false-claim': '{reviewer} rated a matching claim "{rating}" ({date}): "{claim}"',
    'matches-disputed-claim': '{reviewer} rated a matching claim "{rating}" ({date}): "{claim}"',
    'matches-true-claim': '{reviewer} rated a matching claim "{rating}" ({date}): "{claim}"',
  },
  defaultOptions: { maxClaims: 5, candidates: 10, minProbability: 0.5, maxMatchesPerClaim: 3 },
  async analyze(parsed, ctx) {
    const store = storeFrom(ctx.services);
    if (!store) return [];
    const { options } = ctx;
    const out: FindingDraft[] = [];
    const meta = parsed.article.meta;
    const seenUrls = new Set<string>();
    for (const url of [meta.url, meta.canonicalUrl]) {
      if (!url) continue;
      for (const f of await store.factChecksForUrl(url)) {
        if (seenUrls.has(f.id)) continue;
        seenUrls.add(f.id);
        out.push({
          code: 'article-rated',
          severity: BY_VERDICT[f.verdict].severity,
          data: factCheckData(f),
          explanation: 'This article’s own address appears in a fact-check dataset: the rating applies to this very item.',
          evidence: factCheckEvidence(f),
          confidence: 1,
        });
      }
    }
    const best = new Map<string, FindingDraft & { probability: number }>();
    for (const claim of pickClaimQueries(parsed, options.maxClaims)) {
      if (ctx.signal.aborted) break;
      const hits = await store.searchFactChecks(claim.text, { limit: options.candidates });
      const top = hits[0]?.score ?? 0;
      const prepared = prepareClaim(claim.text);
      const scored = hits
        .filter((h) => h.factCheck.claim)
        .map((h) => ({ f: h.factCheck, p: matchProbability(matchFeatures(prepared, h.factCheck.claim!, h.score, top)) }))
        .filter((x) => x.p >= options.minProbability)
        .sort((a, b) => b.p - a.p)
        .slice(0, options.maxMatchesPerClaim);
      for (const { f, p } of scored) {
        const prior = best.get(f.id);
        if (prior && prior.probability >= p) continue;
        const { code, severity } = BY_VERDICT[f.verdict];
        best.set(f.id, {
          code,
          severity,
          span: claim.span,
          data: { ...factCheckData(f), similarity: Math.round(p * 100) / 100 },
          explanation: EXPLANATIONS[code],
          evidence: factCheckEvidence(f),
          confidence: Math.round(p * 100) / 100,
          probability: p,
        });
      }
    }
    for (const { probability: _p, ...draft } of best.values()) out.push(draft);
    return out;
  },
};
