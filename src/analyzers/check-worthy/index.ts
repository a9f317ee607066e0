/**
 * check-worthy — ranks body sentences that make checkable factual claims. Scores come from the
 * transparent ClaimBuster-style features in nlp/claims.ts (numbers, dates, named actors, action
 * verbs; minus questions, opinion words, modals); when a learned model is loaded
 * (services.models.checkworthy, trained on CheckThat!/ClaimBuster data and selected by
 * leave-one-debate-out) its within-article rank is blended in with weight `modelWeight`.
 */
import type { Analyzer, FindingDraft, Sentence } from '../../core/types.js';
import { modelsFrom } from '../../models/types.js';
import { rankClaims } from '../../nlp/claims.js';

export interface CheckWorthyOptions {
  /** how many sentences to report */
  top: number;
  /** minimum cue score (nlp/claims.ts) to report */
  minScore: number;
  /** weight of the learned model's within-article rank in the ordering (0 = cues only) */
  modelWeight: number;
}

export const checkWorthy: Analyzer<CheckWorthyOptions> = {
  id: 'check-worthy',
  version: '1.1.0',
  description: 'Ranks body sentences that make checkable factual claims (numbers, dates, named actors doing things).',
  codes: {
    'check-worthy-claim': 'Check-worthy claim #{rank} (score {score})',
  },
  defaultOptions: { top: 5, minScore: 0.4, modelWeight: 0.5 },
  analyze(p, { options, services }) {
    const model = modelsFrom(services).checkworthy;
    const textOf = (s: Sentence): string => p.text.slice(s.span.start, s.span.end);
    const qualifying = rankClaims(p).filter((c) => c.score >= options.minScore);
    // A model that reads context scores the body in order, each sentence beside its neighbours;
    // an article has no speakers, so the model's speaker features stay off. The model orders the
    // qualifying sentences; it does not admit them.
    let modelScoreOf: ((s: Sentence) => number) | undefined;
    if (model?.scoreSequence && qualifying.length > 0) {
      const scores = model.scoreSequence(p.bodySentences.map((s) => ({ text: textOf(s) })));
      const byIndex = new Map(p.bodySentences.map((s, i) => [s.index, scores[i]!]));
      modelScoreOf = (s) => byIndex.get(s.index) ?? model.score(textOf(s));
    } else if (model) modelScoreOf = (s) => model.score(textOf(s));
    const claims = qualifying.map((c) => ({ ...c, modelScore: modelScoreOf?.(c.sentence) }));
    // The model's probabilities sit near its training base rate (a few percent check-worthy), so
    // they are blended by rank within the article, not by value; the threshold stays on the cues.
    const byModel = [...claims].sort((a, b) => (b.modelScore ?? 0) - (a.modelScore ?? 0));
    const n = Math.max(1, claims.length - 1);
    const ranked = claims
      .map((c) => {
        const modelRank = c.modelScore === undefined ? undefined : 1 - byModel.indexOf(c) / n;
        const blended = modelRank === undefined ? c.score : (1 - options.modelWeight) * c.score + options.modelWeight * modelRank;
        return { ...c, blended };
      })
      .sort((a, b) => b.blended - a.blended || a.sentence.index - b.sentence.index);
    const out: FindingDraft[] = [];
    for (const [i, c] of ranked.slice(0, options.top).entries()) {
      const cues = c.reasons.filter((r) => !r.endsWith('(−)'));
      out.push({
        code: 'check-worthy-claim',
        severity: 'info',
        span: c.sentence.span,
        data: { rank: i + 1, score: c.blended.toFixed(2) },
        explanation: `A factual claim a reader could verify: it has ${cues.join(', ') || 'factual cues'}.${c.modelScore !== undefined ? ` The check-worthiness model gives it ${Math.round(c.modelScore * 100)}%.` : ''}`,
        evidence: c.reasons.map((r) => ({ kind: 'text' as const, value: r, source: 'check-worthiness cue' })),
        confidence: Math.round(c.blended * 100) / 100,
      });
    }
    return out;
  },
};
