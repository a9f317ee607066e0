/**
 * The data model every layer shares: the ingested Article, the enriched ParsedArticle, the analyzer
 * contract, and the Report. This file imports nothing, so any layer may depend on it.
 */

/** A half-open range [start, end) of UTF-16 offsets into `Article.text`. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'info' | 'warning' | 'problem';

/** What a block of the normalized article text is. */
export type BlockKind = 'headline' | 'subheadline' | 'dateline' | 'byline' | 'badge' | 'paragraph';

/** One paragraph-like unit of the article text. */
export interface Block {
  kind: BlockKind;
  span: Span;
}

/** A schema.org ClaimReview found in the page itself (JSON-LD). */
export interface EmbeddedClaimReview {
  claimReviewed?: string;
  reviewRating?: string;
  author?: string;
  url?: string;
}

/** Maps a range of `Article.text` back to the original input (HTML source offsets). */
export interface OffsetSegment {
  /** start offset in Article.text */
  textStart: number;
  /** start offset in the original source string */
  sourceStart: number;
  length: number;
}

export interface ArticleMeta {
  /** Where the article came from. */
  inputKind: 'text' | 'html' | 'url';
  title?: string;
  byline?: string;
  siteName?: string;
  /** ISO 8601 date or date-time, from metadata or a `--published` override. */
  publishedAt?: string;
  url?: string;
  canonicalUrl?: string;
  /** Registrable domain or a source name given with `--source`. */
  source?: string;
  /** BCP-47 guess of the body language ('en' when the text is English enough). */
  language?: string;
  /** Character set the bytes were decoded from, when they were bytes. */
  charset?: string;
  claimReviews?: EmbeddedClaimReview[];
  /** Extra key/value pairs from the caller (batch ids and the like). */
  extra?: Record<string, string>;
}

/**
 * The ingested article: normalized text (LF line endings, NFC, no control characters) that every
 * span points into, its blocks, and metadata.
 */
export interface Article {
  text: string;
  blocks: Block[];
  meta: ArticleMeta;
  /** For HTML input: segments mapping text offsets back to source offsets. */
  sourceMap?: OffsetSegment[];
}

// ---------------------------------------------------------------- NLP layer

export type TokenKind = 'word' | 'number' | 'punct' | 'symbol';

export interface Token {
  span: Span;
  text: string;
  lower: string;
  kind: TokenKind;
  /** index of the sentence holding the token */
  sentence: number;
}

export interface Sentence {
  index: number;
  span: Span;
  /** index into Article.blocks */
  block: number;
  /** tokens[tokenStart, tokenEnd) belong to this sentence */
  tokenStart: number;
  tokenEnd: number;
}

export type EntityType = 'person' | 'organization' | 'place' | 'group' | 'other';

/** How a mention was linked to its entity. */
export type MentionVia = 'name' | 'surname' | 'alias' | 'pronoun' | 'apposition' | 'possessive' | 'demonym';

export interface Mention {
  span: Span;
  text: string;
  entity: string;
  via: MentionVia;
  sentence: number;
}

/** One real-world referent with all the names the article uses for it. */
export interface Entity {
  id: string;
  /** the fullest name used, or the canonical name from the alias table */
  name: string;
  type: EntityType;
  /** every distinct surface form seen in the article */
  aliases: string[];
  /** the country or body the entity acts for, when known (e.g. Ash Carter → United States) */
  side?: string;
  /** role words seen next to the name ("Defence Secretary", "spokesman") */
  roles: string[];
  mentionCount: number;
}

/** direct and partial quotes are someone's words; scare quotes and titles (of works, slogans) have no speaker */
export type QuoteKind = 'direct' | 'partial' | 'indirect' | 'scare' | 'title';

export interface Speaker {
  /** entity id when the speaker resolved to an entity */
  entity?: string;
  /** display name: the entity name, or the words used ("reports", "experts") */
  name: string;
  /** where the speaker is named (or referred to by pronoun) */
  span?: Span;
  via: MentionVia | 'continuation' | 'description';
}

export interface Quote {
  kind: QuoteKind;
  /** the quoted words including the quotation marks (for indirect speech: the reported clause) */
  span: Span;
  /** the quoted words without the marks */
  contentSpan: Span;
  sentence: number;
  speaker?: Speaker;
  /** attribution verb ("said", "warned", "according to") */
  verb?: { text: string; span: Span };
}

export interface DateMention {
  span: Span;
  text: string;
  /** ISO date (YYYY-MM-DD) when resolved */
  resolved?: string;
  /** false when only a weekday or a vague expression anchored the date */
  isCertain: boolean;
  /** true when resolution needed the publication date */
  isRelative: boolean;
}

/** The article plus the shared NLP enrichment every analyzer may read. */
export interface ParsedArticle {
  article: Article;
  text: string;
  sentences: Sentence[];
  tokens: Token[];
  entities: Entity[];
  mentions: Mention[];
  quotes: Quote[];
  dates: DateMention[];
  /** sentence index ranges of the headline/subheadline blocks, and of the body */
  headline?: Sentence;
  bodySentences: Sentence[];
}

// ---------------------------------------------------------------- analyzer contract

export interface Evidence {
  kind: 'text' | 'url' | 'record';
  value: string;
  source?: string;
  span?: Span;
}

/** What an analyzer returns; the engine stamps ids, renders the message and quotes the span. */
export interface FindingDraft {
  code: string;
  severity: Severity;
  span?: Span;
  /** extra spans that belong to the same finding (e.g. each quote that fails to support a headline) */
  related?: { span: Span; label: string }[];
  data?: Record<string, string | number>;
  explanation: string;
  evidence: Evidence[];
  /** 0..1; calibrated where a model produced it */
  confidence: number;
}

/** Services an analyzer may use; it never reaches the network or the file system itself. */
export interface AnalyzerContext<Options> {
  options: Options;
  signal: AbortSignal;
  /** other services (corpus store, models) keyed by name */
  services: Record<string, unknown>;
}

export interface Analyzer<Options = Record<string, unknown>> {
  id: string;
  version: string;
  description: string;
  codes: Record<string, string>;
  defaultOptions: Options;
  analyze(article: ParsedArticle, ctx: AnalyzerContext<Options>): Promise<FindingDraft[]> | FindingDraft[];
}

/** Any analyzer, whatever its options type (for registries and the engine). */
export type AnyAnalyzer = Analyzer<object>;

// ---------------------------------------------------------------- report

export interface Finding extends FindingDraft {
  id: string;
  analyzer: string;
  analyzerVersion: string;
  message: string;
  /** the article text under `span` */
  quote?: string;
}

export interface AnalyzerFailure {
  analyzer: string;
  code: string;
  message: string;
}

/** `not-judged`: too short, or no news sentences (a line, a list, a table) — no score is given. */
export type VerdictLabel = 'credible' | 'mixed' | 'doubtful' | 'not-credible' | 'not-judged';

/** One group of the evidence the verdict weighs, kept apart so a reviewer sees what drove it. */
export interface VerdictEvidence {
  group: 'defects' | 'source' | 'fact-checks' | 'style';
  /** "Defects found in this text", "Source reputation", "Published fact-checks and corroboration", "Writing style model" */
  title: string;
  /** what the group found, in plain words */
  summary: string;
  /** its pull on the score in log-odds: negative lowers credibility, positive raises it */
  effect: number;
  /** the findings behind it */
  findingIds: string[];
}

export interface Verdict {
  /** 0–100; null when the text is not judged (see `label`) */
  score: number | null;
  label: VerdictLabel;
  /** true when a fitted calibration (models/verdict.json) set the weights */
  isCalibrated: boolean;
  method: string;
  reasons: { findingId: string; message: string; weight: number }[];
  /** the four groups of evidence, in a fixed order (defects, source, fact-checks, style) */
  evidence: VerdictEvidence[];
  /** one sentence naming what drove the score, or why there is none */
  drivenBy: string;
}

export const REPORT_SCHEMA_VERSION = '1.0.0';

export interface Report {
  schemaVersion: string;
  tool: { name: 'factlens'; version: string };
  generatedAt: string;
  article: {
    text: string;
    blocks: Block[];
    meta: ArticleMeta;
    headline?: string;
  };
  nlp: {
    sentences: { span: Span }[];
    entities: Entity[];
    mentions: Mention[];
    quotes: Quote[];
    dates: DateMention[];
  };
  findings: Finding[];
  failures: AnalyzerFailure[];
  verdict: Verdict;
  /**
   * The corpus store the source, provenance, fact-check-match and evidence analyzers read; with
   * `isUsed: false` they ran on built-in lists only (no corpus was configured).
   */
  corpus?: { isUsed: boolean; location?: string };
  timingsMs: Record<string, number>;
}
