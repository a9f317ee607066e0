import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { hostileReport, sampleReport } from '../../test/fixtures/reports/sample-report.js';
import { SPEAKER_COLOR_COUNT, escapeHtml, renderHtml, segmentText } from './html.js';
import { renderReport } from './index.js';

const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'header', 'footer', 'section', 'article', 'div', 'span',
  'h1', 'h2', 'h3', 'p', 'mark', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'details', 'summary', 'a', 'strong',
]);

function parse(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

describe('renderHtml', () => {
  it('highlights each finding span as a link to its finding, with a tip that explains it', async () => {
    const report = await sampleReport();
    const doc = parse(renderHtml(report));
    const marks = Array.from(doc.querySelectorAll('mark.hl'));
    const badge = marks.find((m) => m.textContent === 'Verified');
    assert.ok(badge, 'the trust badge is highlighted');
    assert.equal(badge.getAttribute('class'), 'hl hl-problem');
    assert.match(badge.getAttribute('data-tip') ?? '', /^problem: Self-declared "Verified" label/);
    const link = badge.parentElement!;
    assert.equal(link.tagName.toLowerCase(), 'a');
    assert.equal(link.getAttribute('href'), '#finding-1', 'a click opens its finding');
    assert.equal(link.getAttribute('tabindex'), null, 'a tab stop');
    assert.equal(link.getAttribute('aria-describedby'), 'finding-1');
    assert.equal(link.getAttribute('id'), 'at-finding-1');
    assert.ok(doc.getElementById('finding-1'), 'the finding card it points to exists');
    assert.ok(doc.querySelector('#finding-1 a[href="#at-finding-1"]'), 'and the card links back to the article');
    const hedge = marks.find((m) => m.textContent === 'allegedly');
    assert.equal(hedge?.getAttribute('class'), 'hl hl-warning');
  });

  it('colours quotes by speaker: the same speaker keeps its colour', async () => {
    const doc = parse(renderHtml(await sampleReport()));
    const classOf = (t: string) => Array.from(doc.querySelectorAll('mark.hl')).find((m) => m.textContent === t)?.getAttribute('class');
    assert.equal(classOf('"a fantasy"'), 'hl q-spk1');
    assert.equal(classOf('"We have the money,"'), 'hl q-spk0');
    // Holt's first quote sits inside a check-worthy finding: both show.
    assert.equal(classOf('"less than 40 million euros"'), 'hl hl-info q-spk0');
  });

  it('keeps the article text intact: the article section reads exactly as the blocks', async () => {
    const report = await sampleReport();
    const doc = parse(renderHtml(report));
    const blocks = Array.from(doc.querySelectorAll('section.article > *')).map((e) => e.textContent);
    assert.deepEqual(
      blocks,
      report.article.blocks.map((b) => report.article.text.slice(b.span.start, b.span.end)),
    );
  });

  it('ships a strict CSP that allows exactly its own stylesheet and no script', async () => {
    const html = renderHtml(await sampleReport());
    const doc = parse(html);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    const css = doc.querySelector('style')?.textContent ?? '';
    const hash = createHash('sha256').update(css).digest('base64');
    assert.equal(csp, `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`);
    assert.doesNotMatch(html, /<script/i);
  });

  it('renders hostile title, byline, body, messages and evidence as inert text', async () => {
    const report = await hostileReport();
    const html = renderHtml(report);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /javascript:/i);
    assert.doesNotMatch(html, /<(svg|img|iframe|b)[\s>]/i);
    const doc = parse(html);
    for (const el of Array.from(doc.querySelectorAll("*"))) {
      assert.ok(ALLOWED_TAGS.has(el.tagName.toLowerCase()), `unexpected element <${el.tagName}>`);
      for (const attr of Array.from(el.attributes)) {
        assert.ok(!/^on/i.test(attr.name), `event handler attribute ${attr.name}`);
        // data-tip is shown by CSS `content: attr()`, which never navigates; every other value must be clean.
        if (attr.name !== 'data-tip') assert.ok(!/script:/i.test(attr.value), `script URL in ${attr.name}`);
      }
      // links go to http(s) pages or to a place in the page itself
      if (el.tagName.toLowerCase() === 'a') assert.match(el.getAttribute('href') ?? '', /^(https?:\/\/|#[a-z0-9-]+$)/);
    }
    // The payloads are still visible, as text, where they belong.
    assert.match(doc.querySelector('title')?.textContent ?? '', /<script>alert\(1\)<\/script>/);
    assert.match(doc.querySelector('dl.meta')?.textContent ?? '', /<svg onload=alert\(9\)>Eve<\/svg>/);
    assert.match(doc.querySelector('section.article')?.textContent ?? '', /<b onmouseover="alert\(5\)">works<\/b>/);
    assert.match(doc.body.textContent ?? '', /Explanation with <img src=x onerror=alert\(12\)> inside\./);
  });

  it('gives each finding and quote one tab stop, never on a lone quotation mark', async () => {
    const report = await sampleReport();
    const text = report.article.text;
    // a finding that ends on the opening quotation mark of Holt's quote: that mark is a segment of its own
    const at = text.indexOf('"We have the money,"');
    const f = { ...report.findings[0]!, id: 'x/y#9', span: { start: at - 'March. '.length, end: at + 1 }, message: 'Ends on a quotation mark', code: 'y', analyzer: 'x' };
    const doc = parse(renderHtml({ ...report, findings: [...report.findings, f] }));
    const stops = Array.from(doc.querySelectorAll('section.article a.hl-link:not([tabindex="-1"]), section.article mark[tabindex="0"]'));
    for (const el of stops) assert.match(el.textContent ?? '', /[\p{L}\p{N}]/u, `tab stop on "${el.textContent}"`);
    const lone = Array.from(doc.querySelectorAll('section.article a.hl-link')).filter((a) => a.textContent === '"');
    assert.ok(lone.length > 0, 'the lone quotation mark is still a link to its finding');
    for (const a of lone) assert.equal(a.getAttribute('tabindex'), '-1');
    // one stop per finding and per quote at most, however many segments overlapping spans make
    const spanned = report.findings.filter((x) => x.span).length + 1;
    assert.ok(stops.length <= spanned + report.nlp.quotes.length, `${stops.length} stops`);
  });

  it('puts the speaker legend above the article, with a colour no other speaker has', async () => {
    const report = await sampleReport();
    const text = report.article.text;
    // eleven more speakers than the sample has: the ones beyond the palette share the "other" mark
    const extra = Array.from({ length: 11 }, (_, i) => ({ ...report.nlp.quotes[1]!, speaker: { name: `Speaker ${i}`, via: 'name' as const } }));
    const doc = parse(renderHtml({ ...report, nlp: { ...report.nlp, quotes: [...report.nlp.quotes, ...extra] } }));
    const legend = doc.querySelector('section.legend')!;
    assert.ok(legend, 'a legend');
    assert.equal(legend.nextElementSibling?.getAttribute('class'), 'article', 'right above the article');
    const swatches = Array.from(legend.querySelectorAll('.swatch')).map((s) => s.getAttribute('class')!.replace('swatch ', ''));
    const colored = swatches.filter((c) => c.startsWith('q-spk'));
    assert.equal(colored.length, SPEAKER_COLOR_COUNT);
    assert.equal(new Set(colored).size, colored.length, 'no colour twice');
    assert.ok(swatches.includes('q-other'));
    assert.match(legend.textContent ?? '', /Jane Holt \(2\)/);
    assert.ok(text.length > 0);
  });

  it('opens with a skip link to the findings', async () => {
    const doc = parse(renderHtml(await sampleReport()));
    const first = doc.body.firstElementChild!;
    assert.equal(first.getAttribute('href'), '#findings');
    assert.ok(doc.getElementById('findings')?.querySelector('.finding'));
  });

  it('is reachable through renderReport as the html format', async () => {
    const report = await sampleReport();
    assert.equal(renderReport(report, 'html'), renderHtml(report));
  });
});

describe('escapeHtml', () => {
  it('escapes markup characters, quotes and script URLs', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    assert.equal(escapeHtml('JavaScript:go()'), 'JavaScript&#58;go()');
  });
});

describe('segmentText', () => {
  it('splits overlapping highlights at every boundary', () => {
    const a = { span: { start: 2, end: 6 }, kind: 'finding' as const, className: 'hl-info', tip: 'a' };
    const b = { span: { start: 4, end: 8 }, kind: 'quote' as const, className: 'q-spk0', tip: 'b' };
    const segs = segmentText(0, 10, [a, b]).map((s) => `${s.start}-${s.end}:${s.highlights.map((h) => h.tip).join('')}`);
    assert.deepEqual(segs, ['0-2:', '2-4:a', '4-6:ab', '6-8:b', '8-10:']);
  });
});
