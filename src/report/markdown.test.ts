import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostileReport, sampleReport } from '../../test/fixtures/reports/sample-report.js';
import { renderReport } from './index.js';
import { escapeMarkdown, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('lists findings by severity with the span in context and the evidence', async () => {
    const report = await sampleReport();
    const md = renderMarkdown(report);
    const lines = md.split('\n');
    assert.equal(lines[0], '# Ministers Clash Over Harbour Plan');
    assert.equal(lines[2], `**Credibility ${report.verdict.score}/100 — ${report.verdict.label}** (uncalibrated) · 4 findings`);
    assert.equal(lines[4], report.verdict.drivenBy);
    assert.match(md, /^- \*\*Writing style model\*\*: No style model loaded\.$/m);
    const headings = lines.filter((l) => l.startsWith('### '));
    assert.deepEqual(headings, [
      '### 1. problem: Self-declared "Verified" label with no ClaimReview behind it',
      '### 2. warning: Hedging applied to one side only',
      '### 3. warning: Anonymous sourcing: "Experts warned"',
      '### 4. info: Check-worthy claim (rank 1)',
    ]);
    assert.ok(lines.includes('> Ministers Clash Over Harbour Plan **Verified** Officials disagree about the cost of the new harbour Transport…'), 'context cut at a word boundary');
    assert.ok(lines.includes('- schema.org: <https://schema.org/ClaimReview>'));
    assert.ok(lines.includes('| Jane Holt | 2 |'));
    assert.ok(lines.includes('3 quotes in the body.'));
    assert.ok(lines.includes('- **Jane Holt** (person): Jane Holt, Holt'));
  });

  it('escapes hostile content so that no HTML, link or emphasis comes from the article', async () => {
    const md = renderMarkdown(await hostileReport());
    assert.doesNotMatch(md, /<(script|svg|img|iframe|b)[\s>]/i);
    assert.doesNotMatch(md, /javascript:/i);
    assert.doesNotMatch(md, /(?<!\\)\]\(/, 'no inline link syntax');
    const link = escapeMarkdown('[click](javascript:alert(1)) ![img](https://x.example/a.png)');
    assert.equal(link, '\\[click\\](javascript&#58;alert(1)) !\\[img\\](https://x.example/a.png)');
    // the only autolink is none: the hostile URL evidence is not http(s)
    assert.doesNotMatch(md, /<[a-z]+:/i);
    assert.match(md, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('is reachable through renderReport as the markdown format', async () => {
    const report = await sampleReport();
    assert.equal(renderReport(report, 'markdown'), renderMarkdown(report));
  });
});

describe('escapeMarkdown', () => {
  it('escapes emphasis, links, tables, markup and newlines', () => {
    assert.equal(escapeMarkdown('*a* [b](c) <d> & e|f\n# g ~~h~~ `i`'), '\\*a\\* \\[b\\](c) &lt;d&gt; &amp; e\\|f # g \\~\\~h\\~\\~ \\`i\\`');
  });

  it('escapes a start that could open a block', () => {
    assert.deepEqual(
      ['- item', '+ item', '# head', '12. item', '3) item', '= under', 'plain 2015-10-21'].map(escapeMarkdown),
      ['\\- item', '\\+ item', '\\# head', '12\\. item', '3\\) item', '\\= under', 'plain 2015-10-21'],
    );
  });
});
