/** `factlens check`: one article in, one report out. */
import { writeFile } from 'node:fs/promises';
import { analyze } from '../../analyze.js';
import { FactlensError } from '../../core/errors.js';
import type { Report, Severity } from '../../core/types.js';
import { DEFAULT_MAX_BYTES } from '../../ingest/decode.js';
import { FORMATS, renderReport } from '../../report/index.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { useColor } from '../io.js';
import { loadStyleLexicons } from '../lexicons.js';
import { readArticleInput } from '../read-input.js';
import { loadServices } from '../../services.js';

const USAGE = `Usage: factlens check [file | -] [options]

Analyze one news article (plain text or HTML file, stdin with -, or --url) and print its report.

Options:
  --url URL              fetch the article (public addresses only)
  --format FORMAT        ${FORMATS.join(' | ')} (default: text)
  --json                 same as --format json
  -o, --output FILE      write the report to FILE instead of stdout
  --published DATE       publication date (YYYY-MM-DD) used to resolve "on Wednesday", "last week"
  --source NAME          source name or domain, overriding what the input says
  --analyzers LIST       comma-separated analyzer ids to run (default: all; see factlens analyzers)
  --fail-on LEVEL        exit 1 when a finding of this severity or worse exists (problem | warning | info),
                         or when the score is below N (score:N)
  --lexicons DIR         load research lexicons for the style analyzer (layout of ../shared/data/lexicons)
  --any-language         analyze text that does not look like English
  --max-bytes N          input size limit (default ${DEFAULT_MAX_BYTES})
  --db FILE              corpus database for source, provenance and fact-check findings
                         (default: $FACTLENS_DB or ./factlens.db when present)
  --allow-private-network  allow --url to reach loopback/private addresses (never on a shared server)

Examples:
  factlens check examples/kremlin-airstrikes.txt --published 2015-10-21
  curl -s https://example.com/story.html | factlens check - --format html -o report.html
`;

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
  if ('score' in failOn) return report.verdict.score < failOn.score;
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
      format: { type: 'string', default: 'text' },
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
    });
    if (positionals.length > 1) throw new FactlensError('usage', 'check takes one article; use factlens batch for many.');
    const format = values.json ? 'json' : values.format!;
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new FactlensError('usage', `Unknown format "${format}": use one of ${FORMATS.join(', ')}.`);
    }
    if (values.published !== undefined && Number.isNaN(Date.parse(values.published))) {
      throw new FactlensError('usage', `--published "${values.published}" is not a date: use YYYY-MM-DD.`);
    }
    const maxBytes = values['max-bytes'] ? Number(values['max-bytes']) : DEFAULT_MAX_BYTES;
    if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new FactlensError('usage', '--max-bytes must be a positive integer.');
    const failOn = parseFailOn(values['fail-on']);
    const input = values.url ? { url: values.url } : await readArticleInput(positionals[0], io, maxBytes);
    const services = await loadServices({ db: values.db, env: io.env, cwd: io.cwd });
    try {
      const report = await analyze(input, {
        maxBytes,
        requireEnglish: !values['any-language'],
        meta: { publishedAt: values.published, source: values.source },
        analyzers: values.analyzers?.split(',').map((s) => s.trim()).filter(Boolean),
        analyzerOptions: values.lexicons ? { style: loadStyleLexicons(values.lexicons) } : undefined,
        services: services.services,
        fetch: { allowPrivateNetwork: values['allow-private-network'] },
      });
      const rendered = renderReport(report, format, {
        color: !values.output && format === 'text' && useColor(io),
        width: io.stdout.columns,
      });
      if (values.output) await writeFile(values.output, rendered);
      else io.stdout.write(rendered);
      return reachesFailOn(report, failOn) ? 1 : 0;
    } finally {
      services.close();
    }
  },
};
