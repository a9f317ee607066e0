/**
 * check-worthy — ranks body sentences that make checkable factual claims. Scores come from the
 * transparent ClaimBuster-style features in nlp/claims.ts (numbers, dates, named actors, action
 * verbs; minus questions, opinion words, modals); when a learned model is loaded
 * (services.models.checkworthy, trained on CheckThat!/ClaimBuster data) its probability is blended
 * in with weight `modelWeight`.
 */
import type { Analyzer, FindingDraft } from '../../core/types.js';
import { modelsFrom } from '../../models/types.js';
import { rankClaims } from '../../nlp/claims.js';

export interface CheckWorthyOptions {
  /** how many sentences to report */
  top: number;
  /** minimum blended score to report */
  minScore: number;
  /** weight of the learned model's probability in the blend (0 = heuristic only) */
  modelWeight: number;
}

export const checkWorthy: Analyzer<CheckWorthyOptions> = {
  id: 'check-worthy',
  version: '1.0.0',
  description: 'Ranks body sentences that make checkable factual claims (numbers, dates, named actors doing things).',
  codes: {
    'check-worthy-claim': 'Check-worthy claim #{rank} (score {score})',
  },
  defaultOptions: { top: 5, minScore: 0.4, modelWeight: 0.5 },
  analyze(p, { options, services }) {
    const model = modelsFrom(services).checkworthy;
    const ranked = rankClaims(p).map((c) => {
      const sentenceText = p.text.slice(c.sentence.span.start, c.sentence.span.end);
      const modelScore = model ? model.score(sentenceText) : undefined;
      const score = modelScore === undefined ? c.score : (1 - options.modelWeight) * c.score + options.modelWeight * modelScore;
      return { ...c, score, modelScore };
    });
    ranked.sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index);
    const out: FindingDraft[] = [];
    for (const [i, c] of ranked.slice(0, options.top).entries()) {
      if (c.score < options.minScore) break;
      const cues = c.reasons.filter((r) => !r.endsWith('(−)'));
      out.push({
        code: 'check-worthy-claim',
        severity: 'info',
        span: c.sentence.span,
        data: { rank: i + 1, score: c.score.toFixed(2) },
        explanation: `A factual claim a reader could verify: it has ${cues.join(', ') || 'factual cues'}.${c.modelScore !== undefined ? ` The check-worthiness model gives it ${Math.round(c.modelScore * 100)}%.` : ''}`,
        evidence: c.reasons.map((r) => ({ kind: 'text' as const, value: r, source: 'check-worthiness cue' })),
        confidence: Math.round(c.score * 100) / 100,
      });
    }
    return out;
  },
};
