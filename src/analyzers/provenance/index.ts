/**
 * provenance: where the article's text has been before. The corpus store finds documents that
 * share word shingles with the article (winnowed fingerprints, Schleimer et al. 2003; see
 * src/text/shingles.ts) and verifies each on all shingles, giving the share of each side that is
 * shared and the shared spans on both sides. The analyzer reports each such document — as a
 * near-duplicate when a large share of either text is shared, as shared passages otherwise — says
 * when the shared text appeared earlier at another source, when it matches a story a dataset
 * labels false, and which dated version is the earliest. Without a corpus store it reports nothing.
 */
import type { Analyzer, Evidence, FindingDraft, ParsedArticle, Span } from '../../core/types.js';
import { registrableDomain, urlKey } from '../../text/domain.js';
import { verdictFromRating } from '../../text/ratings.js';
import { type ReuseMatch, storeFrom } from '../../store/types.js';

export interface ProvenanceOptions {
  /** share of either text from which two texts are near-duplicates (default 0.3, tuned by npm run bench:store) */
  nearDuplicateShare: number;
  /** least shared words (in merged spans) for shared passages to be reported (default 25) */
  minSharedWords: number;
  /** documents reported at most (default 5) */
  maxDocuments: number;
}

const WORD_RE = /[\p{L}\p{N}]+/gu;

function wordsIn(text: string, spans: readonly Span[]): number {
  let n = 0;
  for (const s of spans) for (const _ of text.slice(s.start, s.end).matchAll(WORD_RE)) n++;
  return n;
}

function excerpt(text: string, max = 240): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function percent(x: number): number {
  return Math.round(x * 100);
}

/** True when the stored document is the article itself (same URL). */
function isSameItem(parsed: ParsedArticle, m: ReuseMatch): boolean {
  const meta = parsed.article.meta;
  if (!m.document.url) return false;
  const key = urlKey(m.document.url);
  return [meta.url, meta.canonicalUrl].some((u) => u && urlKey(u) === key);
}

export const provenance: Analyzer<ProvenanceOptions> = {
  id: 'provenance',
  version: '1.0.0',
  description: 'Finds corpus documents that share passages with the article (shingle fingerprints), with spans on both sides and the earliest version.',
  codes: {
    'near-duplicate': '{share}% of the article also appears in "{title}" ({source}, {date})',
    'shared-passages': 'The article shares {words} words ({share}%) with "{title}" ({source}, {date})',
    'predated-copy': 'Text of this article appeared earlier, on {date}, at {source}: "{title}" ({share}% of the article)',
    'matches-false-story': 'The article repeats {share}% of "{title}" ({source}), which {collection} labels "{label}"',
    'earliest-version': 'The earliest dated version of this text in the corpus is "{title}" ({source}, {date})',
  },
  defaultOptions: { nearDuplicateShare: 0.3, minSharedWords: 25, maxDocuments: 5 },
  async analyze(parsed, ctx) {
    const store = storeFrom(ctx.services);
    if (!store) return [];
    const { options } = ctx;
    const meta = parsed.article.meta;
    const articleDate = meta.publishedAt?.slice(0, 10);
    const articleSource = registrableDomain(meta.source ?? meta.url ?? meta.canonicalUrl ?? '');
    const matches = (await store.findReuse(parsed.text, { limit: options.maxDocuments + 3 }))
      .filter((m) => !isSameItem(parsed, m))
      .filter((m) => wordsIn(parsed.text, m.querySpans) >= options.minSharedWords)
      .slice(0, options.maxDocuments);
    const out: FindingDraft[] = [];
    for (const m of matches) {
      const doc = m.document;
      const share = Math.max(m.queryShare, m.documentShare);
      const isNearDuplicate = share >= options.nearDuplicateShare;
      const otherSource = doc.source !== undefined && registrableDomain(doc.source) !== articleSource;
      const isEarlier = doc.publishedAt !== undefined && articleDate !== undefined && doc.publishedAt < articleDate;
      const labelVerdict = doc.label ? verdictFromRating(doc.label) : undefined;
      const isFalseStory = labelVerdict === 'false' || labelVerdict === 'mostly-false';
      const spans = [...m.querySpans].sort((a, b) => b.end - b.start - (a.end - a.start));
      const main = spans[0]!;
      const stored = await store.getDocument(doc.id);
      const evidence: Evidence[] = [
        { kind: 'record', value: `${doc.title ?? doc.id} — ${doc.source ?? 'unknown source'}, ${doc.publishedAt ?? 'undated'}`, source: doc.collection },
      ];
      if (doc.url) evidence.push({ kind: 'url', value: doc.url, source: doc.source });
      if (stored) {
        for (const s of m.documentSpans.slice(0, 3)) evidence.push({ kind: 'text', value: excerpt(stored.text.slice(s.start, s.end)), source: `${doc.id} @${s.start}-${s.end}` });
      }
      const data = {
        share: percent(m.queryShare),
        documentShare: percent(m.documentShare),
        words: wordsIn(parsed.text, m.querySpans),
        title: doc.title ?? doc.id,
        source: doc.source ?? 'an unknown source',
        date: doc.publishedAt ?? 'undated',
        documentId: doc.id,
        collection: doc.collection ?? 'the corpus',
        label: doc.label ?? '',
      };
      const related = spans.slice(1, 12).map((span) => ({ span, label: 'also shared' }));
      let draft: FindingDraft;
      if (isFalseStory) {
        draft = {
          code: 'matches-false-story',
          severity: isNearDuplicate ? 'problem' : 'warning',
          span: main,
          related,
          data,
          explanation: 'The shared text comes from a story that a labelled dataset in the corpus marks as false. Repeating it does not make it true.',
          evidence,
          confidence: Math.min(1, 0.5 + share),
        };
      } else if (isEarlier && otherSource) {
        draft = {
          code: 'predated-copy',
          severity: isNearDuplicate ? 'warning' : 'info',
          span: main,
          related,
          data,
          explanation:
            'The same words were published earlier by another source. Copied text without credit is common on sites that launder stories; check whether the article names where it came from.',
          evidence,
          confidence: Math.min(1, 0.4 + share),
        };
      } else {
        draft = {
          code: isNearDuplicate ? 'near-duplicate' : 'shared-passages',
          severity: 'info',
          span: main,
          related,
          data,
          explanation: isNearDuplicate
            ? 'Most of the text also appears in another document: the article is a copy, a republication or a source of it.'
            : 'Some passages also appear in another document: quoted material, a press release, or copied paragraphs.',
          evidence,
          confidence: Math.min(1, 0.4 + share),
        };
      }
      out.push(draft);
    }
    const dated = matches.filter((m) => m.document.publishedAt);
    if (dated.length > 0) {
      const earliest = dated.reduce((a, b) => (b.document.publishedAt! < a.document.publishedAt! ? b : a));
      if (!articleDate || earliest.document.publishedAt! < articleDate) {
        out.push({
          code: 'earliest-version',
          severity: 'info',
          data: {
            title: earliest.document.title ?? earliest.document.id,
            source: earliest.document.source ?? 'an unknown source',
            date: earliest.document.publishedAt!,
          },
          explanation: 'Of the documents that share text with this article, this is the first one published.',
          evidence: earliest.document.url ? [{ kind: 'url', value: earliest.document.url, source: earliest.document.source }] : [],
          confidence: 1,
        });
      }
    }
    return out;
  },
};
