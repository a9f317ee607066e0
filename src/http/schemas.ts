/**
 * JSON Schemas (2020-12) of the HTTP API: request bodies, validated with ajv, and responses. The
 * OpenAPI document (openapi.ts) is generated from these same objects, so what is documented is
 * what is enforced.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { FactlensError } from '../core/errors.js';

type Schema = Record<string, unknown>;

const SPAN: Schema = {
  type: 'object',
  required: ['start', 'end'],
  additionalProperties: false,
  properties: { start: { type: 'integer', minimum: 0 }, end: { type: 'integer', minimum: 0 } },
};

/** Body of POST /v1/check: exactly one of `text`, `html` or `url`. */
export const CHECK_REQUEST_SCHEMA: Schema = {
  title: 'CheckRequest',
  description: 'An article to check: plain text, an HTML document, or a public http(s) URL to fetch.',
  type: 'object',
  additionalProperties: false,
  properties: {
    text: { type: 'string', minLength: 1, description: 'Plain-text article (first line is the headline).' },
    html: { type: 'string', minLength: 1, description: 'HTML document of the article.' },
    url: { type: 'string', minLength: 8, maxLength: 2048, pattern: '^https?://', description: 'Public http(s) URL to fetch.' },
    filename: { type: 'string', maxLength: 255, description: 'Name of the uploaded file, if any.' },
    published: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}', description: 'Publication date (YYYY-MM-DD) for relative dates.' },
    source: { type: 'string', minLength: 1, maxLength: 200, description: 'Source name or domain, overriding what the input says.' },
    analyzers: {
      type: 'array',
      maxItems: 50,
      items: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
      description: 'Analyzer ids to run (default: all).',
    },
    anyLanguage: { type: 'boolean', description: 'Analyze text that does not look like English.' },
  },
  oneOf: [{ required: ['text'] }, { required: ['html'] }, { required: ['url'] }],
};

/** Body of PUT /v1/reports/{id}/reviews/{claimKey}. */
export const REVIEW_REQUEST_SCHEMA: Schema = {
  title: 'ReviewRequest',
  description: "A reviewer's rating and note on one claim of a report.",
  type: 'object',
  required: ['claim'],
  additionalProperties: false,
  properties: {
    claim: { type: 'string', minLength: 1, maxLength: 2000, description: 'The claim as it appears in the article.' },
    span: { ...SPAN, description: 'Where the claim is in the article text.' },
    rating: {
      anyOf: [{ type: 'integer', minimum: 1, maximum: 5 }, { type: 'null' }],
      description: '1 False, 2 Mostly false, 3 Mixture, 4 Mostly true, 5 True; null clears the rating.',
    },
    note: { type: 'string', maxLength: 5000 },
    reviewer: { type: 'string', maxLength: 200 },
  },
};

/** Query of GET /v1/reports (values arrive as strings and are coerced). */
export const REPORT_QUERY_SCHEMA: Schema = {
  title: 'ReportQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 500, description: 'Words to find in the title, text or source (all must match).' },
    label: { enum: ['credible', 'mixed', 'doubtful', 'not-credible', 'not-judged'], description: 'Verdict label (not-judged: too short to score).' },
    minScore: { type: 'integer', minimum: 0, maximum: 100 },
    maxScore: { type: 'integer', minimum: 0, maximum: 100 },
    source: { type: 'string', maxLength: 200, description: 'Exact source name or domain.' },
    severity: { enum: ['problem', 'warning', 'info'], description: 'Only reports with a finding of this severity.' },
    reviewed: { type: 'boolean', description: 'Only reviewed (true) or unreviewed (false) reports.' },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    offset: { type: 'integer', minimum: 0, maximum: 100000, default: 0 },
  },
};

/** Query of the corpus search endpoints. */
export const CORPUS_QUERY_SCHEMA: Schema = {
  title: 'CorpusQuery',
  type: 'object',
  required: ['q'],
  additionalProperties: false,
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 500, description: 'Free-text query.' },
    limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
  },
};

const SEVERITY_COUNTS: Schema = {
  type: 'object',
  required: ['problem', 'warning', 'info'],
  additionalProperties: false,
  properties: { problem: { type: 'integer' }, warning: { type: 'integer' }, info: { type: 'integer' } },
};

/** Response schemas, referring to each other and to the Report schema by component name. */
export const RESPONSE_SCHEMAS: Record<string, Schema> = {
  Error: {
    type: 'object',
    required: ['error'],
    additionalProperties: false,
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        additionalProperties: false,
        properties: { code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
  Review: {
    type: 'object',
    required: ['reportId', 'claimKey', 'claim', 'note', 'updatedAt'],
    additionalProperties: false,
    properties: {
      reportId: { type: 'string' },
      claimKey: { type: 'string' },
      claim: { type: 'string' },
      span: SPAN,
      rating: { type: 'integer', minimum: 1, maximum: 5 },
      note: { type: 'string' },
      reviewer: { type: 'string' },
      updatedAt: { type: 'string' },
    },
  },
  ReportSummary: {
    type: 'object',
    required: ['id', 'createdAt', 'title', 'inputKind', 'score', 'label', 'findings', 'reviewCount'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      createdAt: { type: 'string' },
      title: { type: 'string' },
      source: { type: 'string' },
      url: { type: 'string' },
      inputKind: { type: 'string' },
      score: { type: ['number', 'null'], description: 'null when the text was not judged' },
      label: { type: 'string' },
      findings: SEVERITY_COUNTS,
      reviewCount: { type: 'integer' },
    },
  },
  ReportList: {
    type: 'object',
    required: ['items', 'total'],
    additionalProperties: false,
    properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ReportSummary' } }, total: { type: 'integer' } },
  },
  CheckResponse: {
    type: 'object',
    required: ['id', 'createdAt', 'report'],
    additionalProperties: false,
    properties: { id: { type: 'string' }, createdAt: { type: 'string' }, report: { $ref: '#/components/schemas/Report' } },
  },
  StoredReport: {
    type: 'object',
    required: ['id', 'createdAt', 'report', 'reviews'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      createdAt: { type: 'string' },
      report: { $ref: '#/components/schemas/Report' },
      reviews: { type: 'array', items: { $ref: '#/components/schemas/Review' } },
    },
  },
  Health: {
    type: 'object',
    required: ['status', 'version', 'reports'],
    additionalProperties: false,
    properties: { status: { const: 'ok' }, version: { type: 'string' }, reports: { type: 'integer' }, corpus: { type: 'boolean' } },
  },
  ClaimReviewDocument: {
    description: 'schema.org ClaimReview JSON-LD: one object, or an array when several claims are rated.',
    anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }],
  },
  PassageHits: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { type: 'object' } } } },
};

/** Reads schema/report.schema.json (shipped beside src/ and dist/). */
export function loadReportSchema(): Schema {
  return JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')) as Schema;
}

/** A compiled request validator that throws `input-invalid` with the first problem spelled out. */
export type BodyValidator<T> = (body: unknown) => T;

function describe(errors: ErrorObject[] | null | undefined): string {
  const unknown = errors?.find((x) => x.keyword === 'additionalProperties');
  if (unknown) return `unknown field "${String(unknown.params.additionalProperty)}"`;
  if (errors?.some((x) => x.keyword === 'type' && x.instancePath === '')) return 'the body must be a JSON object';
  const e = errors?.[0];
  if (!e) return 'the body does not match the schema';
  const where = e.instancePath ? `${e.instancePath.slice(1).replace(/\//g, '.')} ` : 'body ';
  if (e.keyword === 'oneOf' || (e.keyword === 'required' && !e.instancePath && errors?.some((x) => x.keyword === 'oneOf'))) {
    return 'give exactly one of text, html or url';
  }
  return `${where}${e.message ?? 'is invalid'}`;
}

/** The compiled validators of one server. */
export interface RequestValidators {
  check: BodyValidator<CheckRequest>;
  review: BodyValidator<ReviewRequest>;
  /** validates and coerces a query string (values become numbers/booleans per the schema) */
  reportQuery: (params: URLSearchParams) => ReportQueryParams;
  corpusQuery: (params: URLSearchParams) => { q: string; limit: number };
}

/** Compiles the request validators (one ajv instance per server). */
export function compileRequestValidators(): RequestValidators {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  const coercing = new Ajv2020({ allErrors: true, strict: true, coerceTypes: true, useDefaults: true });
  const wrap = <T>(schema: Schema): BodyValidator<T> => {
    const validate = ajv.compile(schema);
    return (body) => {
      if (!validate(body)) throw new FactlensError('input-invalid', `Invalid request: ${describe(validate.errors)}.`);
      return body as T;
    };
  };
  const wrapQuery = <T>(schema: Schema) => {
    const validate = coercing.compile(schema);
    return (params: URLSearchParams): T => {
      const value: Record<string, string> = {};
      for (const [k, v] of params) {
        if (k in value) throw new FactlensError('input-invalid', `Invalid query: "${k}" is given twice.`);
        value[k] = v;
      }
      if (!validate(value)) throw new FactlensError('input-invalid', `Invalid query: ${describe(validate.errors).replace('field', 'parameter')}.`);
      return value as T;
    };
  };
  return {
    check: wrap<CheckRequest>(CHECK_REQUEST_SCHEMA),
    review: wrap<ReviewRequest>(REVIEW_REQUEST_SCHEMA),
    reportQuery: wrapQuery<ReportQueryParams>(REPORT_QUERY_SCHEMA),
    corpusQuery: wrapQuery<{ q: string; limit: number }>(CORPUS_QUERY_SCHEMA),
  };
}

/** GET /v1/reports query, as validated and coerced. */
export interface ReportQueryParams {
  q?: string;
  label?: 'credible' | 'mixed' | 'doubtful' | 'not-credible' | 'not-judged';
  minScore?: number;
  maxScore?: number;
  source?: string;
  severity?: 'problem' | 'warning' | 'info';
  reviewed?: boolean;
  limit: number;
  offset: number;
}

/** POST /v1/check body, as validated. */
export interface CheckRequest {
  text?: string;
  html?: string;
  url?: string;
  filename?: string;
  published?: string;
  source?: string;
  analyzers?: string[];
  anyLanguage?: boolean;
}

/** PUT review body, as validated. */
export interface ReviewRequest {
  claim: string;
  span?: { start: number; end: number };
  rating?: number | null;
  note?: string;
  reviewer?: string;
}
