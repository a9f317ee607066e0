/**
 * factlens library entry: `analyze(input, options) → Report`, plus the types and building blocks.
 * @example
 * import { analyze } from 'factlens'
 * const report = await analyze('Headline\n\nBody text…', { meta: { publishedAt: '2015-10-21' } })
 */
export { analyze, analyzeArticle, type AnalysisServices, type AnalyzeOptions } from './analyze.js';
export { ANALYZERS } from './analyzers/index.js';
export { FactlensError, ERROR_CODES, type ErrorCode } from './core/errors.js';
export { tuneGarbageCollection } from './core/gc.js';
export * from './core/types.js';
export { ingest, type ArticleInput, type IngestOptions } from './ingest/index.js';
export { parseArticle } from './nlp/index.js';
export { VERSION } from './version.js';
export { loadShippedModels } from './models/shipped.js';
export type { Models, StanceModel, BinaryTextModel } from './models/types.js';
export { renderReport, FORMATS } from './report/index.js';
export { openCorpus, defaultCorpusPath } from './services.js';
export type { CorpusStore } from './store/types.js';
