/**
 * Golden reports: the full pipeline on fixture articles, compared finding by finding with the
 * stored expectation (test/golden/<name>.json). Regenerate deliberately with UPDATE_GOLDEN=1 and
 * review the diff.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyze } from '../src/analyze.js';
import type { Finding, Report } from '../src/core/types.js';

const FIXTURES = new URL('./fixtures/articles/', import.meta.url);
const GOLDEN = new URL('./golden/', import.meta.url);
const EXAMPLE = new URL('../examples/aegean-standoff.txt', import.meta.url);

interface Golden {
  verdict: { score: number | null; label: string };
  findings: string[];
  first: Partial<Finding> | null;
}

function line(f: Finding): string {
  return `${f.span ? `${f.span.start}-${f.span.end}` : 'doc'} ${f.severity} ${f.analyzer}/${f.code} «${(f.quote ?? '').slice(0, 60)}»`;
}

function snapshot(r: Report): Golden {
  const problem = r.findings.find((f) => f.severity === 'problem') ?? r.findings[0];
  return {
    verdict: { score: r.verdict.score, label: r.verdict.label },
    findings: r.findings.map(line),
    first: problem
      ? { code: problem.code, analyzer: problem.analyzer, severity: problem.severity, span: problem.span, message: problem.message, explanation: problem.explanation, confidence: problem.confidence }
      : null,
  };
}

const cases: [string, URL][] = [
  ['clean-wire', new URL('clean-wire.txt', FIXTURES)],
  ['mixed', new URL('mixed.txt', FIXTURES)],
  ['all-defects', new URL('all-defects.txt', FIXTURES)],
  ['aegean-standoff', EXAMPLE],
];

describe('golden reports', () => {
  for (const [name, file] of cases) {
    it(name, async () => {
      const report = await analyze({ text: readFileSync(file, 'utf8') }, { analyzers: ['attribution', 'check-worthy', 'headline-support', 'hedging', 'style', 'trust-badge'] });
      assert.deepEqual(report.failures, []);
      const actual = snapshot(report);
      const goldenFile = new URL(`${name}.json`, GOLDEN);
      if (process.env.UPDATE_GOLDEN || !existsSync(goldenFile)) writeFileSync(goldenFile, `${JSON.stringify(actual, null, 2)}\n`);
      const expected = JSON.parse(readFileSync(goldenFile, 'utf8')) as Golden;
      assert.deepEqual(actual.first, expected.first, 'first problem finding, serialized');
      const n = Math.max(actual.findings.length, expected.findings.length);
      for (let i = 0; i < n; i++) assert.equal(actual.findings[i], expected.findings[i], `finding #${i + 1}`);
      assert.deepEqual(actual.verdict, expected.verdict);
    });
  }

  it('the clean wire story has no problem-level findings', async () => {
    const report = await analyze({ text: readFileSync(new URL('clean-wire.txt', FIXTURES), 'utf8') });
    assert.deepEqual(report.findings.filter((f) => f.severity === 'problem').map(line), []);
    // without models or corpus nothing is known either way: the score stays in the middle and says so
    assert.equal(report.verdict.label, 'mixed');
    assert.match(report.verdict.drivenBy, /^Nothing moved the score/);
  });

  it('the all-defects story has a finding from every core analyzer', async () => {
    const report = await analyze({ text: readFileSync(new URL('all-defects.txt', FIXTURES), 'utf8') });
    const analyzers = new Set(report.findings.map((f) => f.analyzer));
    for (const id of ['attribution', 'check-worthy', 'headline-support', 'hedging', 'style', 'trust-badge']) assert.ok(analyzers.has(id), id);
  });
});
