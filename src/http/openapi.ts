/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the JSON Schemas that validate requests
 * (schemas.ts) and from schema/report.schema.json, whose `$defs` become components.
 */
import {
  CHECK_REQUEST_SCHEMA,
  CORPUS_QUERY_SCHEMA,
  REPORT_QUERY_SCHEMA,
  RESPONSE_SCHEMAS,
  REVIEW_REQUEST_SCHEMA,
  loadReportSchema,
} from './schemas.js';

type Json = Record<string, unknown>;

/** Rewrites `#/$defs/X` references to `#/components/schemas/X`, recursively. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === '$ref' && typeof v === 'string' ? v.replace(/^#\/\$defs\//, '#/components/schemas/') : rewriteRefs(v);
    }
    return out;
  }
  return value;
}

function ref(name: string): Json {
  return { $ref: `#/components/schemas/${name}` };
}

function json(name: string, description: string): Json {
  return { description, content: { 'application/json': { schema: ref(name) } } };
}

/** Query parameters documented from a query schema's properties. */
function queryParameters(schema: Json): Json[] {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(schema.properties as Record<string, Json>).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(s.description ? { description: s.description } : {}),
    schema: Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'description')),
  }));
}

const ERRORS: Record<string, string> = {
  '400': 'Malformed JSON or a body/query that breaks the schema (`input-invalid`, `input-empty`).',
  '401': 'Missing, invalid or revoked token, or a cross-origin write (`unauthorized`).',
  '404': 'No such report or route (`not-found`).',
  '413': 'Body over the size limit (`input-too-large`).',
  '415': 'Body is not `application/json`, or the article is not text (`unsupported-content-type`, `input-not-text`).',
  '422': 'Article not analyzable: language, encoding, or a URL to a refused address (`input-language`, `fetch-blocked`).',
  '429': 'Over the rate limit; see `Retry-After` (`rate-limited`).',
};

function errors(...statuses: string[]): Record<string, Json> {
  return Object.fromEntries(statuses.map((s) => [s, json('Error', ERRORS[s] ?? 'Error')]));
}

const ID_PARAM = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } };
const WRITE_SECURITY = [{ bearerAuth: [] }, {}];

/**
 * Builds the OpenAPI 3.1 document.
 * @example const doc = buildOpenApi({ version: VERSION })
 */
export function buildOpenApi(options: { version: string }): Json {
  const report = loadReportSchema();
  const { $defs, $schema: _schema, $id: _id, ...reportRoot } = report as Json & { $defs: Json };
  const schemas: Json = {
    CheckRequest: CHECK_REQUEST_SCHEMA,
    ReviewRequest: REVIEW_REQUEST_SCHEMA,
    ...RESPONSE_SCHEMAS,
    Report: rewriteRefs(reportRoot),
    ...(rewriteRefs($defs) as Json),
  };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'factlens API',
      version: options.version,
      description:
        'Check news articles and review their claims. Writes need a bearer token when the server listens on a non-loopback address; every error answers `{ "error": { "code", "message" } }`.',
    },
    servers: [{ url: '/' }],
    components: {
      schemas,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A token from `factlens token create`.' } },
    },
    paths: {
      '/healthz': { get: { summary: 'Liveness and stored report count', responses: { '200': json('Health', 'Server is up') } } },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics (text exposition format 0.0.4)',
          responses: { '200': { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
      '/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } },
      },
      '/v1/check': {
        post: {
          summary: 'Check an article (text, HTML or URL) and store its report',
          security: WRITE_SECURITY,
          requestBody: { required: true, content: { 'application/json': { schema: ref('CheckRequest') } } },
          responses: { '201': json('CheckResponse', 'The stored report'), ...errors('400', '401', '413', '415', '422', '429') },
        },
      },
      '/v1/reports': {
        get: {
          summary: 'List stored reports, newest first, with search and filters',
          parameters: queryParameters(REPORT_QUERY_SCHEMA),
          responses: { '200': json('ReportList', 'A page of report summaries'), ...errors('400', '429') },
        },
      },
      '/v1/reports/{id}': {
        get: {
          summary: 'A stored report with its reviews',
          parameters: [ID_PARAM],
          responses: { '200': json('StoredReport', 'The report'), ...errors('404', '429') },
        },
      },
      '/v1/reports/{id}/reviews/{claimKey}': {
        put: {
          summary: 'Rate a claim of a report and/or write a note on it',
          security: WRITE_SECURITY,
          parameters: [ID_PARAM, { name: 'claimKey', in: 'path', required: true, description: 'span-START-END: the claim\'s offsets in the article text, START before END', schema: { type: 'string', pattern: '^span-(0|[1-9][0-9]{0,8})-([1-9][0-9]{0,8})$' } }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReviewRequest') } } },
          responses: { '200': json('Review', 'The saved review'), ...errors('400', '401', '404', '413', '415', '429') },
        },
      },
      '/v1/reports/{id}/claimreview': {
        get: {
          summary: 'schema.org ClaimReview JSON-LD for the rated claims of a report',
          parameters: [
            ID_PARAM,
            { name: 'author', in: 'query', required: false, description: 'Publishing organisation (default: the reviewer names).', schema: { type: 'string', maxLength: 200 } },
            { name: 'reviewUrl', in: 'query', required: true, description: 'The public http(s) page where the review is published (not localhost or a private address).', schema: { type: 'string', maxLength: 2048 } },
          ],
          responses: {
            '200': { description: 'ClaimReview JSON-LD', content: { 'application/ld+json': { schema: ref('ClaimReviewDocument') } } },
            ...errors('400', '404', '429'),
          },
        },
      },
      '/v1/reports/{id}/render': {
        get: {
          summary: 'The report in another format (standalone HTML page, Markdown, text or JSON)',
          parameters: [ID_PARAM, { name: 'format', in: 'query', required: true, schema: { enum: ['html', 'markdown', 'text', 'json'] } }],
          responses: {
            '200': {
              description: 'The rendered report',
              content: { 'text/html': { schema: { type: 'string' } }, 'text/markdown': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } } },
            },
            ...errors('400', '404', '429'),
          },
        },
      },
      '/v1/corpus/passages': {
        get: {
          summary: 'Search the corpus store for passages (when a corpus is configured)',
          parameters: queryParameters(CORPUS_QUERY_SCHEMA),
          responses: { '200': json('PassageHits', 'Best passages first'), ...errors('400', '404', '429') },
        },
      },
      '/v1/corpus/fact-checks': {
        get: {
          summary: 'Search the corpus store for fact-checks of a claim (when a corpus is configured)',
          parameters: queryParameters(CORPUS_QUERY_SCHEMA),
          responses: { '200': json('PassageHits', 'Best fact-checks first'), ...errors('400', '404', '429') },
        },
      },
    },
  };
}
