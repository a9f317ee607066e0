/** `factlens check`: one article in, one report out. */
import { resolve } from 'node:path';
import { FactlensError } from '../../core/errors.js';
import type { Report, Severity } from '../../core/types.js';
import { DEFAULT_MAX_BYTES } from '../../ingest/decode.js';
import { FORMATS, renderReport } from '../../report/index.js';
import { DEFAULT_ANALYSIS_TIMEOUT_MS } from '../../runtime/deadline.js';
import { createJobRunner } from '../../runtime/run-job.js';
import { parseCommandArgs, parseTimeoutMs } from '../args.js';
import type { Command } from '../command.js';
import { useColor } from '../io.js';
import { type AtomicFile, openAtomicFile } from '../output.js';
import { loadStyleLexicons } from '../lexicons.js';
import { readArticleInput } from '../read-input.js';
import { type ClaimReviewRequest, parseClaimReviewRequest, renderCheckClaimReview } from './check-claimreview.js';

/** What `--format` accepts: the report formats, and ClaimReview JSON-LD of the reviewer's ratings. */
const CHECK_FORMATS = [...FORMATS, 'claimreview'] as const;

const USAGE = `Usage: factlens check [file | -] [options]

Analyze one news article (plain text or HTML file, stdin with -, or --url) and print its report.

Options:
  --url URL              fetch the article (public addresses only); a positional http(s) URL works too
  --format FORMAT        ${CHECK_FORMATS.join(' | ')} (default: text; md for markdown)
  --json                 same as --format json
  -o, --output FILE      write the report to FILE instead of stdout (complete or not at all)
  --published DATE       publication date (YYYY-MM-DD) used to resolve "on Wednesday", "last week"
  --source NAME          source name or domain, overriding what the input says
  --analyzers LIST       comma-separated analyzer ids to run (default: all; see factlens analyzers)
  --fail-on LEVEL        exit 1 when a finding of this severity or worse exists (problem | warning | info),
                         or when the score is below N (score:N)
  --lexicons DIR         load research lexicons for the style analyzer (layout of ../shared/data/lexicons)
  --any-language         analyze text that does not look like English
  --max-bytes N          input size limit (default ${DEFAULT_MAX_BYTES})
  --db FILE              corpus database for source, provenance and fact-check findings
                         (default: $FACTLENS_DB, else the per-user corpus of factlens corpus)
  --allow-private-network  allow --url to reach loopback/private addresses (never on a shared server)
  --timeout-ms N         time budget of the analysis (default ${DEFAULT_ANALYSIS_TIMEOUT_MS}; a URL's fetch has its own);
                         past it the analysis is stopped: exit 2, analysis-timeout. 0: no limit, and
                         the analysis runs on the main thread instead of a worker thread

ClaimReview (--format claimreview): schema.org JSON-LD of your ratings, for publishing. factlens
never rates a claim itself, so each rating is yours:
  --rate CLAIM=RATING    CLAIM: headline, a check-worthy rank (1, 2, … as in the text report) or
                         span-START-END; RATING: 1-5 or false | mostly-false | mixture | mostly-true | true
                         (repeat for several claims)
  --note CLAIM=TEXT      what you found, as the review body of a rated claim
  --author NAME          the organisation publishing the review (required)
  --review-url URL       the public page where the review is published (required; not localhost
                         or a private address)

Examples:
  factlens check examples/aegean-standoff.txt --published 2016-03-09
  factlens check https://example.com/story --format md
  factlens check examples/aegean-standoff.txt --format claimreview --rate headline=false \\
    --author "Harbour Fact Desk" --review-url https://factdesk.example/reviews/aegean
  curl -s https://example.com/story.html | factlens check - --format html -o report.html
`;

/** Other spellings `--format` accepts for a format (any letter case). */
const FORMAT_ALIASES: Record<string, string> = { md: 'markdown', htm: 'html', txt: 'text', jsonld: 'claimreview', 'json-ld': 'claimreview' };

/**
 * The output format from `--format` (case-insensitive, with aliases such as `md`) and `--json`;
 * `--json` beside another format is a usage error rather than a silent choice.
 */
export function checkFormat(format: string | undefined, json: boolean | undefined): string {
  const given = format?.trim().toLowerCase();
  const named = given === undefined ? undefined : (FORMAT_ALIASES[given] ?? given);
  if (named !== undefined && !(CHECK_FORMATS as readonly string[]).includes(named)) {
    throw new FactlensError('usage', `Unknown format "${format}": use one of ${CHECK_FORMATS.join(', ')}.`);
  }
  if (json && named !== undefined && named !== 'json') {
    throw new FactlensError('usage', `--json and --format ${format} ask for two formats: give one of them.`);
  }
  return json ? 'json' : (named ?? 'text');
}

/** True for an http(s) URL given where a file was expected (`factlens check https://…`). */
export function isWebUrl(value: string): boolean {
  return /^https?:\/\/[^\s/]/i.test(value);
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, problem: 2 };

type FailOn = { score: number } | { severity: Severity };

/** Parses a `--fail-on` value (problem | warning | info | score:N), refusing anything else up front. */
export function parseFailOn(failOn: string | undefined): FailOn | undefined {
  if (!failOn) return undefined;
  const score = /^score:(\d{1,3})$/.exec(failOn);
  if (score) return { score: Number(score[1]) };
  if (!(failOn in SEVERITY_RANK)) {
    throw new FactlensError('usage', `--fail-on must be problem, warning, info or score:N, not "${failOn}".`);
  }
  return { severity: failOn as Severity };
}

/** True when the report reaches the parsed `--fail-on` threshold. */
export function reachesFailOn(report: Report, failOn: FailOn | undefined): boolean {
  if (!failOn) return false;
  if ('score' in failOn) return report.verdict.score !== null && report.verdict.score < failOn.score; // a text not judged has no score to fall below
  const min = SEVERITY_RANK[failOn.severity];
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= min);
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'analyze one article (file, stdin or URL) and print its credibility report',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('check', args, {
      url: { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean', default: false },
      output: { type: 'string', short: 'o' },
      published: { type: 'string' },
      source: { type: 'string' },
      analyzers: { type: 'string' },
      'fail-on': { type: 'string' },
      'any-language': { type: 'boolean', default: false },
      lexicons: { type: 'string' },
      'max-bytes': { type: 'string' },
      db: { type: 'string' },
      'allow-private-network': { type: 'boolean', default: false },
      'timeout-ms': { type: 'string' },
      rate: { type: 'string', multiple: true },
      note: { type: 'string', multiple: true },
      author: { type: 'string' },
      'review-url': { type: 'string' },
    });
    if (positionals.length > 1) throw new FactlensError('usage', 'check takes one article; use factlens batch for many.');
    const timeoutMs = parseTimeoutMs(values['timeout-ms'], DEFAULT_ANALYSIS_TIMEOUT_MS);
    const format = checkFormat(values.format, values.json);
    const claimReview: ClaimReviewRequest | undefined = format === 'claimreview' ? parseClaimReviewRequest(values) : undefined;
    const stray = claimReview ? undefined : (['rate', 'note', 'author', 'review-url'] as const).find((k) => values[k] !== undefined);
    if (stray) throw new FactlensError('usage', `--${stray} is for --format claimreview: add that, or leave --${stray} out.`);
    if (values.published !== undefined && Number.isNaN(Date.parse(values.published))) {
      throw new FactlensError('usage', `--published "${values.published}" is not a date: use YYYY-MM-DD.`);
    }
    const maxBytes = values['max-bytes'] ? Number(values['max-bytes']) : DEFAULT_MAX_BYTES;
    if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new FactlensError('usage', '--max-bytes must be a positive integer.');
    const failOn = parseFailOn(values['fail-on']);
    const target = positionals[0];
    if (values.url && target !== undefined) throw new FactlensError('usage', 'Give one article: a file, - for stdin, or --url URL, not two.');
    const url = values.url ?? (target !== undefined && isWebUrl(target) ? target : undefined);
    const outputPath = values.output === undefined ? undefined : resolve(io.cwd, values.output);
    const input = url ? { url } : await readArticleInput(target, io, maxBytes);
    // With a budget the analysis runs on a worker thread that can be stopped when it overruns (a
    // synchronous pass cannot be interrupted otherwise); the worker loads the services itself.
    const runner = await createJobRunner({ threads: timeoutMs > 0 ? 1 : 0, timeoutMs, services: { db: values.db, env: io.env, cwd: io.cwd } });
    // opened before the analysis, so a missing folder or a read-only disk fails at once
    let output: AtomicFile | undefined;
    try {
      output = outputPath ? await openAtomicFile(outputPath, io.outputFs) : undefined;
      const meta = Object.fromEntries(Object.entries({ publishedAt: values.published, source: values.source }).filter(([, v]) => v !== undefined));
      const result = await runner.run({
        seq: 0,
        input,
        options: {
          maxBytes,
          requireEnglish: !values['any-language'],
          meta,
          analyzers: values.analyzers?.split(',').map((s) => s.trim()).filter(Boolean),
          analyzerOptions: values.lexicons ? { style: loadStyleLexicons(values.lexicons) } : undefined,
          allowPrivateNetwork: values['allow-private-network'],
        },
      });
      if ('error' in result) throw new FactlensError(result.error.code, result.error.message);
      const report: Report = result.report;
      // An analyzer that could not read the corpus would leave its findings out without a word.
      const storeFailure = report.failures.find((f) => f.code === 'store-corrupt' || f.code === 'store-failed');
      if (storeFailure) {
        throw new FactlensError(storeFailure.code as 'store-corrupt' | 'store-failed', `The corpus could not be read (${storeFailure.analyzer}): ${storeFailure.message}`);
      }
      const rendered = claimReview
        ? renderCheckClaimReview(report, claimReview)
        : renderReport(report, format, {
            color: !values.output && format === 'text' && useColor(io),
            width: io.stdout.columns,
          });
      if (output) {
        await output.write(rendered);
        await output.commit();
      } else io.stdout.write(rendered);
      return reachesFailOn(report, failOn) ? 1 : 0;
    } finally {
      await output?.abort();
      await runner.close();
    }
  },
};
