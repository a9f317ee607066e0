/**
 * trust-badge — self-declared verification labels ("Fact checked", "Verified", "100% true") that
 * no machine-readable fact-check backs. Real fact-checks publish a schema.org ClaimReview naming
 * the reviewer, the claim and the rating (the format Google Fact Check Explorer indexes); a bare
 * label is a persuasion device, listed among misinformation cues by Zhang et al. (2018,
 * "A Structured Response to Misinformation", W3C Credibility Signals).
 */
import type { Analyzer, FindingDraft, ParsedArticle } from '../../core/types.js';
import { BADGE_INLINE_PATTERNS, BADGE_LINE_PATTERNS } from './lexicon.js';

export interface TrustBadgeOptions {
  /** how many leading/trailing blocks to search for inline badge phrases */
  edgeBlocks: number;
}

function backing(p: ParsedArticle): string | undefined {
  const reviews = p.article.meta.claimReviews ?? [];
  const r = reviews.find((x) => x.author || x.url);
  return r ? `${r.author ?? 'a reviewer'}${r.reviewRating ? ` rated it "${r.reviewRating}"` : ''}${r.url ? ` (${r.url})` : ''}` : undefined;
}

export const trustBadge: Analyzer<TrustBadgeOptions> = {
  id: 'trust-badge',
  version: '1.0.0',
  description: 'Flags self-declared trust labels ("Fact checked", "100% true") with no machine-readable ClaimReview behind them.',
  codes: {
    'unbacked-badge': 'Self-declared trust label "{label}" with nothing behind it',
    'backed-badge': 'Trust label "{label}" is backed by an embedded ClaimReview',
  },
  defaultOptions: { edgeBlocks: 3 },
  analyze(p, { options }) {
    const out: FindingDraft[] = [];
    const reviewedBy = backing(p);
    const emit = (start: number, end: number, confidence: number, where: string): void => {
      const label = p.text.slice(start, end).trim();
      out.push(
        reviewedBy
          ? {
              code: 'backed-badge',
              severity: 'info',
              span: { start, end },
              data: { label },
              explanation: `The page carries a schema.org ClaimReview: ${reviewedBy}.`,
              evidence: [{ kind: 'record', value: reviewedBy, source: 'embedded ClaimReview' }],
              confidence,
            }
          : {
              code: 'unbacked-badge',
              severity: 'problem',
              span: { start, end },
              data: { label },
              explanation: `The article labels itself "${label}" ${where}, but names no fact-checker, claim or rating, and carries no ClaimReview markup. Genuine fact-checks say who checked what and how it was rated; a bare label only borrows their authority.`,
              evidence: [{ kind: 'text', value: label, source: 'article text' }],
              confidence,
            },
      );
    };
    const blocks = p.article.blocks;
    blocks.forEach((block, i) => {
      const line = p.text.slice(block.span.start, block.span.end);
      if (line.length <= 80 && (block.kind === 'badge' || BADGE_LINE_PATTERNS.some((re) => re.test(line)))) {
        emit(block.span.start, block.span.end, 0.95, 'as a stand-alone badge line');
        return;
      }
      const isEdge = i < options.edgeBlocks || i >= blocks.length - options.edgeBlocks;
      if (!isEdge) return;
      for (const re of BADGE_INLINE_PATTERNS) {
        const m = re.exec(line);
        if (m) {
          emit(block.span.start + m.index, block.span.start + m.index + m[0].length, 0.8, 'in its text');
          break;
        }
      }
    });
    return out;
  },
};
