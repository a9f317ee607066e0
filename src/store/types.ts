/**
 * The corpus store as analyzers and commands see it: an async interface over documents (split into
 * passages), fact-checks (ClaimReview fields) and source ratings (domain → label, per list). The
 * SQLite implementation lives in sqlite.ts; a server-backed one (PostgreSQL) implements the same
 * interface, so no analyzer changes when the store does. Analyzers receive it as
 * `ctx.services.store` and read it with `storeFrom(services)`.
 */
import type { Span } from '../core/types.js';
import type { PreparedDocuments } from './prepare.js';

/** A news article or other text to hold in the corpus. */
export interface DocumentRecord {
  /** caller's id, unique within the corpus (derived from the content hash when absent) */
  id?: string;
  text: string;
  title?: string;
  url?: string;
  /** registrable domain or source name (derived from `url` when absent) */
  source?: string;
  /** ISO 8601 date (YYYY-MM-DD or a full date-time) */
  publishedAt?: string;
  /** the label a dataset gave it ("fake", "mostly true"), kept as given */
  label?: string;
  /** where it came from (dataset or file name) */
  collection?: string;
}

/** A stored document without its text; its id is always set. */
export interface DocumentSummary extends Omit<DocumentRecord, 'id' | 'text'> {
  id: string;
}

/** A stored document with its text. */
export interface StoredDocument extends DocumentSummary {
  text: string;
}

/** A fact-checker's verdict mapped onto one scale; `rating` keeps the words the reviewer used. */
export type FactCheckVerdict = 'false' | 'mostly-false' | 'mixed' | 'mostly-true' | 'true' | 'unproven' | 'other';

/** The verdicts, from false to true, then the ones off the scale. */
export const FACT_CHECK_VERDICTS: readonly FactCheckVerdict[] = [
  'false',
  'mostly-false',
  'mixed',
  'mostly-true',
  'true',
  'unproven',
  'other',
];

/** One fact-check, with the fields of a schema.org ClaimReview. Needs a claim or an item URL. */
export interface FactCheckRecord {
  id?: string;
  /** the claim as reviewed (claimReviewed) */
  claim?: string;
  /** who made the claim (itemReviewed.author) */
  claimant?: string;
  /** when the claim was made (itemReviewed.datePublished) */
  claimDate?: string;
  /** the reviewer's rating, as written (reviewRating.alternateName) */
  rating: string;
  /** the rating mapped onto the common scale */
  verdict: FactCheckVerdict;
  /** who reviewed it (author of the ClaimReview) */
  reviewer?: string;
  reviewDate?: string;
  /** the fact-check article */
  url?: string;
  /** the reviewed item itself (a post or article URL), when the review is about one item */
  itemUrl?: string;
  collection?: string;
}

/** A stored fact-check. */
export interface StoredFactCheck extends FactCheckRecord {
  id: string;
}

/** What a list says about a site, mapped onto one vocabulary; `rawLabel` keeps the list's words. */
export type SourceLabel =
  | 'fake'
  | 'imposter'
  | 'satire'
  | 'conspiracy'
  | 'junk-science'
  | 'hate'
  | 'unreliable'
  | 'clickbait'
  | 'partisan'
  | 'state-media'
  | 'reliable';

/** Every source label, most serious first. */
export const SOURCE_LABELS: readonly SourceLabel[] = [
  'fake',
  'imposter',
  'conspiracy',
  'junk-science',
  'hate',
  'unreliable',
  'satire',
  'clickbait',
  'partisan',
  'state-media',
  'reliable',
];

/** One list's verdict on one domain. */
export interface SourceRatingRecord {
  /** lower-case host as the list gives it, without scheme, `www.` or path */
  domain: string;
  label: SourceLabel;
  /** the list's own words ("Imposter site", "bias") */
  rawLabel: string;
  /** the list's name ("BuzzFeed News fake-news sites 2017") */
  list: string;
  note?: string;
}

/** How an import of records went. */
export interface AddResult {
  added: number;
  /** already present with the same content (idempotent re-import) */
  unchanged: number;
  /** rejected records, each with its index in the input and why */
  rejected: { index: number; message: string }[];
}

/** A passage (paragraph-sized piece of a document) returned by a search. */
export interface PassageHit {
  document: DocumentSummary;
  /** passage position in its document */
  index: number;
  text: string;
  /** where the passage sits in the document text */
  span: Span;
  /** relevance, higher is better (BM25 for the SQLite store) */
  score: number;
}

/** A fact-check returned by a search. */
export interface FactCheckHit {
  factCheck: StoredFactCheck;
  /** relevance, higher is better (BM25 for the SQLite store) */
  score: number;
}

/** Text shared between a query text and one stored document. */
export interface ReuseMatch {
  document: DocumentSummary;
  /** distinct word shingles the two texts share */
  sharedShingles: number;
  /** share of the query's shingles found in the document (0..1) */
  queryShare: number;
  /** share of the document's shingles found in the query (0..1) */
  documentShare: number;
  /** shared stretches in the query text, merged and sorted */
  querySpans: Span[];
  /** shared stretches in the document text, merged and sorted */
  documentSpans: Span[];
}

export interface PassageSearchOptions {
  limit?: number;
  /** only documents published on or after this ISO date */
  publishedFrom?: string;
  /** only documents published on or before this ISO date */
  publishedTo?: string;
  /** leave out documents from these sources (registrable domains) */
  excludeSources?: string[];
}

export interface ReuseOptions {
  /** at most this many documents, best first (default 10) */
  limit?: number;
  /** least share of either side that counts (default 0: any verified shared shingle run) */
  minShare?: number;
}

/** Counts of what the store holds. */
export interface CorpusStats {
  documents: number;
  passages: number;
  factChecks: number;
  sourceRatings: number;
  sourceDomains: number;
  lists: { list: string; domains: number }[];
  collections: { collection: string; documents: number; factChecks: number }[];
  /** schema version of the database */
  schemaVersion: number;
  /** bytes on disk, when the store is a file */
  sizeBytes?: number;
}

/**
 * The corpus store. Every method is async so a server-backed implementation fits behind it.
 * Writes are atomic per call: a failing call leaves nothing of its records behind.
 */
export interface CorpusStore {
  /** a short description for messages ("sqlite:factlens.db") */
  readonly location: string;
  addDocuments(records: readonly DocumentRecord[]): Promise<AddResult>;
  /**
   * adds documents already checked, split and fingerprinted by prepareDocuments (prepare.ts), as
   * an import's worker thread prepares them; the same result as addDocuments on their records
   */
  addPreparedDocuments(batch: PreparedDocuments): Promise<AddResult>;
  addFactChecks(records: readonly FactCheckRecord[]): Promise<AddResult>;
  addSourceRatings(records: readonly SourceRatingRecord[]): Promise<AddResult>;
  getDocument(id: string): Promise<StoredDocument | undefined>;
  /** ratings for a host: exact host first, then each parent domain up to the registrable one */
  sourceRatings(host: string): Promise<SourceRatingRecord[]>;
  /** best passages for a free-text query (BM25), optionally within a date window */
  searchPassages(query: string, options?: PassageSearchOptions): Promise<PassageHit[]>;
  /** best fact-checks for a free-text claim (BM25 over the claim text) */
  searchFactChecks(query: string, options?: { limit?: number }): Promise<FactCheckHit[]>;
  /** fact-checks whose reviewed item is this URL (compared without scheme, `www.`, query or fragment) */
  factChecksForUrl(url: string): Promise<StoredFactCheck[]>;
  /** documents sharing text with `text` (shingle fingerprints), with spans on both sides */
  findReuse(text: string, options?: ReuseOptions): Promise<ReuseMatch[]>;
  stats(): Promise<CorpusStats>;
  close(): Promise<void>;
}

/** Reads the corpus store out of an analyzer context's services, if one is configured. */
export function storeFrom(services: Record<string, unknown>): CorpusStore | undefined {
  const s = services.store;
  return s && typeof s === 'object' && typeof (s as CorpusStore).findReuse === 'function' ? (s as CorpusStore) : undefined;
}
