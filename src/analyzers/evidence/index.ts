/**
 * evidence: what other reporting in the corpus says about the article's top claims. For each
 * claim the corpus store returns the best passages by BM25, within a date window around the
 * article and from other sources; passages from sites a list rates reliable come first, then
 * unrated sites, then sites lists rate unreliable; copies of the article itself are dropped. Each
 * passage is labelled agree / disagree / discuss by the stance model when one is loaded
 * (`ctx.services.models.stance`), otherwise by the interim cue-word method (stance-cues.ts).
 * Without a corpus store the analyzer reports nothing.
 */
import type { Analyzer, Evidence, FindingDraft } from '../../core/types.js';
import { mentionsIn } from '../../nlp/spans.js';
import { modelsFrom, type Stance } from '../../models/types.js';
import { pickClaimQueries } from '../../text/claim-queries.js';
import { normalizeHost, registrableDomain } from '../../text/domain.js';
import { compareTexts, shingleText } from '../../text/shingles.js';
import { type PassageHit, storeFrom } from '../../store/types.js';
import { claimCoverage, cueStance } from './stance-cues.js';

export interface EvidenceOptions {
  /** claims looked up per article (default 3) */
  maxClaims: number;
  /** passages reported per claim (default 3) */
  passagesPerClaim: number;
  /** BM25 candidates fetched per claim before re-ranking (default 30) */
  candidates: number;
  /** days before and after the article's date that evidence may come from (default 30) */
  windowDays: number;
  /** least share of the claim's content words a passage must contain to be about it (default 0.4) */
  minCoverage: number;
}

/** Reliability tier of a passage's source: 0 rated reliable, 1 unrated, 2 rated unreliable. */
type Tier = 0 | 1 | 2;

const TIER_WORDS = ['rated reliable', 'unrated', 'rated unreliable'] as const;

interface Labelled {
  hit: PassageHit;
  tier: Tier;
  stance: Exclude<Stance, 'unrelated'>;
  confidence: number;
  method: string;
}

function shiftDate(iso: string, days: number): string | undefined {
  const t = Date.parse(iso.slice(0, 10));
  if (Number.isNaN(t)) return undefined;
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Does a passage report the same event as the claim? Word overlap is not enough ("Putin's party has
 * won national parliamentary elections" shares words with a claim about a delegation to the US):
 * the passage must name the claim's actors (all of them, or two when the claim names more) and
 * carry its predicate — the claim's words other than the names, at least a third of them.
 */
export function sameEvent(actors: readonly string[][], predicateWords: readonly string[], passage: string): boolean {
  const named = actors.filter((names) => names.some((n) => new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(passage)));
  if (actors.length > 0 && named.length < Math.min(2, actors.length)) return false;
  if (predicateWords.length === 0) return actors.length > 0;
  return claimCoverage(predicateWords.join(' '), passage) >= 1 / 3;
}

function excerpt(text: string, max = 280): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export const evidence: Analyzer<EvidenceOptions> = {
  id: 'evidence',
  version: '1.0.0',
  description: 'Finds corpus passages about the article’s top claims (rated sources first, near its date) and labels their stance.',
  codes: {
    'contradicting-evidence': '{count} passage(s) from other sources dispute this claim, e.g. {source} ({date})',
    'supporting-evidence': '{count} passage(s) from other sources report the same, e.g. {source} ({date})',
    'related-coverage': '{count} passage(s) from other sources discuss this claim, e.g. {source} ({date})',
    'no-corroboration': 'No other source in the corpus reports this claim{window}',
  },
  defaultOptions: { maxClaims: 3, passagesPerClaim: 3, candidates: 30, windowDays: 30, minCoverage: 0.4 },
  async analyze(parsed, ctx) {
    const store = storeFrom(ctx.services);
    if (!store) return [];
    const { options } = ctx;
    const stanceModel = modelsFrom(ctx.services).stance;
    const meta = parsed.article.meta;
    const ownHost = normalizeHost(meta.source ?? meta.url ?? meta.canonicalUrl ?? '');
    const ownSources = ownHost ? [...new Set([ownHost, registrableDomain(ownHost) ?? ownHost])] : [];
    const date = meta.publishedAt;
    const publishedFrom = date ? shiftDate(date, -options.windowDays) : undefined;
    const publishedTo = date ? shiftDate(date, options.windowDays) : undefined;
    const article = shingleText(parsed.text);
    const tiers = new Map<string, Tier>();
    const tierOf = async (source: string | undefined): Promise<Tier> => {
      if (!source) return 1;
      let tier = tiers.get(source);
      if (tier === undefined) {
        const ratings = await store.sourceRatings(source);
        tier = ratings.length === 0 ? 1 : ratings.some((r) => r.label === 'reliable') && ratings.every((r) => r.label === 'reliable' || r.label === 'partisan') ? 0 : 2;
        tiers.set(source, tier);
      }
      return tier;
    };
    const out: FindingDraft[] = [];
    // "within 30 days of 2015-10-08" only when both dates are known; "around the same time" never
    const when = (c: Labelled): string =>
      date && c.hit.document.publishedAt ? ` (${c.hit.document.publishedAt.slice(0, 10)}, within ${options.windowDays} days of the article)` : c.hit.document.publishedAt ? ` (${c.hit.document.publishedAt.slice(0, 10)}; the article is undated)` : ' (undated)';
    for (const claim of pickClaimQueries(parsed, options.maxClaims)) {
      if (ctx.signal.aborted) break;
      // the claim's actors (each with the names the article uses for it) and its other words
      const ids = [...new Set(mentionsIn(parsed, claim.span).map((m) => m.entity))];
      const actors = ids
        .map((id) => parsed.entities.find((e) => e.id === id))
        .filter((e) => e !== undefined && e.type !== 'other')
        .map((e) => [...new Set([e!.name, ...e!.aliases])].filter((n) => n.length >= 2));
      const actorWords = new Set(actors.flat().flatMap((n) => n.toLowerCase().split(/\s+/)));
      const predicateWords = claim.text.split(/[^\p{L}\p{N}'’-]+/u).filter((w) => w && !actorWords.has(w.toLowerCase()));
      const hits = await store.searchPassages(claim.text, {
        limit: options.candidates,
        publishedFrom,
        publishedTo,
        excludeSources: ownSources,
      });
      const candidates: Labelled[] = [];
      for (const hit of hits) {
        // a passage that is mostly the article's own text is a copy, not independent evidence
        const overlap = compareTexts(article, hit.text);
        if (overlap.bShingles > 0 && overlap.shared / overlap.bShingles >= 0.5) continue;
        // BM25 ranks by the rarest words; a passage must also cover enough of the claim to be about it
        if (claimCoverage(claim.text, hit.text) < options.minCoverage) continue;
        // and report the same event: its actors and predicate, not just shared words
        const isSameEvent = sameEvent(actors, predicateWords, hit.text);
        let stance: Labelled['stance'];
        let confidence: number;
        let method: string;
        if (stanceModel) {
          const p = stanceModel.predict(claim.text, hit.text);
          const best = (['agree', 'disagree', 'discuss', 'unrelated'] as const).reduce((a, b) => (p[b] > p[a] ? b : a));
          if (best === 'unrelated') continue;
          stance = best;
          confidence = p[best];
          method = stanceModel.name;
        } else {
          const cue = cueStance(claim.text, hit.text);
          stance = cue.stance;
          confidence = cue.confidence;
          method = cue.cue ? `interim cue words ("${cue.cue}")` : 'interim cue words';
        }
        // an undated passage cannot be placed in the article's time: never a confirmation or a dispute
        const isDated = !date || !!hit.document.publishedAt;
        if ((!isSameEvent || !isDated) && stance !== 'discuss') {
          method = `${method}; read as coverage: ${!isSameEvent ? 'not the same actors and predicate' : 'the passage is undated'}`;
          stance = 'discuss';
        }
        candidates.push({ hit, tier: await tierOf(hit.document.source), stance, confidence, method });
      }
      const chosen = candidates.sort((a, b) => a.tier - b.tier || b.hit.score - a.hit.score).slice(0, options.passagesPerClaim);
      const window = date ? ` within ${options.windowDays} days of ${date.slice(0, 10)}` : '';
      if (chosen.length === 0) {
        out.push({
          code: 'no-corroboration',
          severity: 'info',
          span: claim.span,
          data: { window },
          explanation: 'No passage from another source in the corpus matches this claim. The corpus may simply not cover the story.',
          evidence: [],
          confidence: 1,
        });
        continue;
      }
      const disputing = chosen.filter((c) => c.stance === 'disagree' && c.tier < 2);
      const agreeing = chosen.filter((c) => c.stance === 'agree');
      const [code, group, severity] =
        disputing.length > 0
          ? (['contradicting-evidence', disputing, 'warning'] as const)
          : agreeing.length > 0
            ? (['supporting-evidence', agreeing, 'info'] as const)
            : (['related-coverage', chosen, 'info'] as const);
      const lead = group[0]!;
      const items: Evidence[] = [];
      for (const c of chosen) {
        items.push({
          kind: 'text',
          value: `[${c.stance}; ${TIER_WORDS[c.tier]}; ${c.method}] ${excerpt(c.hit.text)}`,
          source: `${c.hit.document.source ?? 'unknown source'}, ${c.hit.document.publishedAt ?? 'undated'}`,
        });
        if (c.hit.document.url) items.push({ kind: 'url', value: c.hit.document.url, source: c.hit.document.source });
      }
      out.push({
        code,
        severity,
        span: claim.span,
        data: {
          count: group.length,
          source: lead.hit.document.source ?? lead.hit.document.title ?? lead.hit.document.id,
          date: lead.hit.document.publishedAt ?? 'undated',
          stanceMethod: lead.method,
        },
        explanation:
          code === 'contradicting-evidence'
            ? `Reporting from other sources${when(lead)} names the same actors and contradicts or debunks this claim. Compare the accounts before trusting it.`
            : code === 'supporting-evidence'
              ? `Reporting from other sources${when(lead)} names the same actors and says the same thing.`
              : 'Other sources use the words of this claim without clearly reporting the same event, confirming or denying it.',
        evidence: items,
        confidence: Math.round(Math.max(...group.map((g) => g.confidence)) * 100) / 100,
      });
    }
    return out;
  },
};
