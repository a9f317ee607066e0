/**
 * What analyzers see of the learned models. Analyzers receive these through
 * `ctx.services.models` (never load files themselves); each member is optional so an analyzer
 * falls back to its documented heuristic when a model is absent.
 */

/** The four FNC-1 stances. */
export type Stance = 'agree' | 'disagree' | 'discuss' | 'unrelated';

/** A headline–text stance classifier (FNC-1 classes). */
export interface StanceModel {
  readonly name: string;
  /**
   * Calibrated class probabilities for a headline against a body (or a single passage). With
   * `reuse: false` the prepared body is not kept for a later call (a body seen once, as an article's
   * own: keeping it only feeds the garbage collector).
   */
  predict(headline: string, body: string, options?: { reuse?: boolean }): Record<Stance, number>;
}

/** A text scorer giving the probability of one class. */
export interface BinaryTextModel {
  readonly name: string;
  /** calibrated probability of the positive class (clickbait; check-worthy) */
  score(text: string): number;
  /**
   * The cues that pushed the score up most, strongest first, as readable phrases ("starts with a
   * number", "“you won't”"); models that cannot explain themselves leave this out.
   */
  explain?(text: string, max?: number): ScoreCue[];
}

/** One line of a document given to a check-worthiness scorer: its text and, in transcripts, its speaker. */
export interface CheckworthyLineInput {
  text: string;
  speaker?: string;
}

/** A check-worthiness scorer; one that reads context also scores a document's sentences together. */
export interface CheckworthyScorer extends BinaryTextModel {
  /**
   * Calibrated probabilities of consecutive sentences of one document, each read with its
   * neighbours (and its speaker's role and turn, when the lines carry speakers).
   */
  scoreSequence?(lines: readonly CheckworthyLineInput[]): number[];
}

/** One reason behind a text score: a readable cue and its contribution to the logit. */
export interface ScoreCue {
  cue: string;
  weight: number;
}

/** The loaded models, each optional (see loadShippedModels). */
export interface Models {
  stance?: StanceModel;
  clickbait?: BinaryTextModel;
  checkworthy?: CheckworthyScorer;
  /** probability that an article (title, blank line, text) is not credible, from its wording alone */
  credibility?: BinaryTextModel;
  /** the verdict's calibration over findings and the credibility model */
  verdict?: VerdictCalibration;
}

/** Reads the models service out of an analyzer context's services, if present. */
export function modelsFrom(services: Record<string, unknown>): Models {
  const m = services.models;
  return m && typeof m === 'object' ? (m as Models) : {};
}

/**
 * The verdict's learned calibration: P(not credible) = sigmoid(bias + Σ weights·features), over the
 * features of report/verdict-features.ts, fitted by `factlens train verdict`.
 */
export interface VerdictCalibration {
  features: readonly string[];
  weights: number[];
  bias: number;
  /** one line for `verdict.method`: what it was trained on and its dev metrics */
  description: string;
}
