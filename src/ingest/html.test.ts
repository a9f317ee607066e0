import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FactlensError } from '../core/errors.js';
import type { Article } from '../core/types.js';
import { readabilityText } from '../eval/extraction.js';
import { ingestHtml, sniffHtmlCharset, sourceNesting } from './html.js';
import { ingest } from './index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');

/** "kind: text" for every block, the compact form the tests compare. */
function blockList(article: Article): string[] {
  return article.blocks.map((b) => `${b.kind}: ${article.text.slice(b.span.start, b.span.end)}`);
}

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (err: unknown) => err instanceof FactlensError && err.code === code && !err.message.includes('\n'));
}

describe('ingestHtml on a news page', () => {
  const html = fixture('html/story.html');
  const article = ingestHtml(html, { url: 'https://gazette.example/news/2019/bridge-approved?utm_source=x' });

  it('reads the metadata, including an embedded ClaimReview', () => {
    assert.deepEqual(article.meta, {
      inputKind: 'html',
      title: 'Council approves new bridge over the river',
      byline: 'Maria Lopez',
      siteName: 'Riverside Gazette',
      publishedAt: '2019-11-18T09:30:00.000Z',
      url: 'https://gazette.example/news/2019/bridge-approved?utm_source=x',
      canonicalUrl: 'https://gazette.example/news/2019/bridge-approved',
      source: 'gazette.example',
      language: 'en',
      claimReviews: [
        {
          claimReviewed: 'The bridge will cost nothing',
          reviewRating: 'False',
          author: 'Gazette Fact Desk',
          url: 'https://gazette.example/fact/1',
        },
      ],
    });
  });

  it('lays out headline, sub-headline, badge and byline blocks, then the cleaned paragraphs', () => {
    assert.deepEqual(blockList(article), [
      'headline: Council approves new bridge over the river',
      'subheadline: The crossing will link the two halves of town by 2022, officials say',
      'badge: Fact checked',
      'byline: By Maria Lopez',
      'paragraph: The city council voted 7 to 2 on Monday to approve a new bridge across the Riverside, ending a debate that has lasted more than a decade. The project is expected to cost £40 million and will be paid for with regional and national funds.',
      'paragraph: “This is a historic day for our town,” said the council leader, Ann Briggs. “People have waited far too long for a second crossing.” Opponents said the money would be better spent on bus services and road repairs.',
      'paragraph: Construction is due to begin next spring. The council said traffic on the old bridge, which carries more than 30,000 vehicles a day, would be reduced by half once the new crossing opens to the public.',
      'paragraph: Local businesses have welcomed the decision. The chamber of commerce said the bridge would bring new shoppers to the town centre, which has lost a third of its shops in ten years.',
    ]);
    assert.equal(article.text.split('\n\n').length, article.blocks.length);
  });

  it('maps text back to the source: every segment is verbatim source text', () => {
    const map = article.sourceMap ?? [];
    assert.ok(map.length >= article.blocks.length);
    for (const seg of map) {
      const text = article.text.slice(seg.textStart, seg.textStart + seg.length);
      const source = html.slice(seg.sourceStart, seg.sourceStart + seg.length).replace(/\s/g, ' ');
      assert.equal(text, source);
    }
    const covered = map.reduce((n, s) => n + s.length, 0);
    const blockChars = article.blocks.reduce((n, b) => n + b.span.end - b.span.start, 0);
    // Only entity-decoded characters (£, curly quotes) are left unmapped.
    assert.ok(covered / blockChars > 0.97, `covered ${covered} of ${blockChars}`);
    const para = article.blocks[4]!;
    const first = map.find((s) => s.textStart === para.span.start)!;
    assert.equal(html.slice(first.sourceStart, first.sourceStart + 20), 'The city council vot');
  });

  it('skips the source map when asked', () => {
    assert.equal(ingestHtml(html, { sourceMap: false }).sourceMap, undefined);
  });
});

describe('ingestHtml recovers what Readability drops', () => {
  const para = (n: number): string =>
    `<p>Paragraph ${n} of the story explains, at some length and with several clauses, what the council decided and why it matters to the people of the town.</p>`;
  const html = `<!DOCTYPE html><html><head><title>Storm closes schools across the county - County News</title>
    <meta property="og:site_name" content="County News"></head><body>
    <div class="top"><div class="headline-wrap"><h1>Storm closes schools across the county</h1>
    <h2>More than 40 schools shut as winds reach 90 mph</h2></div></div>
    <div class="content"><div class="story-body">${[1, 2, 3, 4, 5].map(para).join('')}</div></div></body></html>`;

  it('adds the <h2> sub-headline and strips the site name from the title', () => {
    assert.ok(!readabilityText(html).includes('More than 40 schools'), 'plain Readability keeps the h2; the fixture no longer tests recovery');
    const article = ingestHtml(html);
    assert.deepEqual(blockList(article).slice(0, 3), [
      'headline: Storm closes schools across the county',
      'subheadline: More than 40 schools shut as winds reach 90 mph',
      `paragraph: ${para(1).slice(3, -4)}`,
    ]);
  });

  it('never takes a photo credit for a sub-headline', () => {
    const withCredit = html.replace('<h2>More than 40 schools shut as winds reach 90 mph</h2>', '<h2>Photograph: Jane Roe/Getty Images</h2>');
    assert.equal(ingestHtml(withCredit).blocks[1]!.kind, 'paragraph');
  });
});

describe('ingestHtml on hostile HTML', () => {
  const html = fixture('hostile/script-payloads.html');
  const article = ingestHtml(html);
  const everything = JSON.stringify(article);

  it('yields only inert text: no script, handler, javascript: or embedded-object payload survives', () => {
    const payloads = [
      'title-script', 'title-img', 'byline-script', 'byline-handler', 'site-svg', 'head-script', 'written by script',
      'style-content', 'body-onload', 'h1-onclick', 'byline-inline', 'body-inline', 'body-img', 'link-href',
      'link-onclick', 'svg-script', 'svg-text-payload', 'svg-foreign', 'iframe-src', 'iframe-body', 'css-url',
      'noscript-body', 'template-body', 'object-data', 'object-body', 'math-text', 'form-action', 'button',
      'input-value', 'textarea-text', 'javascript:', 'onerror', 'onclick', 'onload',
    ];
    for (const p of payloads) assert.ok(!everything.includes(p), `payload ${p} leaked into the article`);
    // The one tag-like string left is the escaped text of the last paragraph.
    assert.doesNotMatch(article.text.replace("<script>alert('escaped-text')</script>", ''), /<[a-z!/]/i);
  });

  it('keeps escaped markup as the literal text it is', () => {
    assert.deepEqual(blockList(article), [
      'headline: Mayor resigns after audit',
      'byline: By Jo Smith',
      'paragraph: The mayor resigned on Tuesday after an audit found that more than two million pounds had been spent without the approval of the council. The audit was ordered last year after complaints from residents. It covered the years from 2015 to 2019.',
      'paragraph: The audit report was published by the council on its website, and the mayor said in a statement that she accepted its findings in full and would not stand again.',
      'paragraph: Residents said they were relieved that the council had acted, and several councillors called for the audit to be extended to other departments of the town hall.',
      "paragraph: The report quoted the string <script>alert('escaped-text')</script> as an example of the attacks the council website had suffered.",
    ]);
    assert.deepEqual([article.meta.title, article.meta.byline, article.meta.siteName], ['Mayor resigns after audit', 'Jo Smith', 'Town Crier']);
  });
});

describe('ingestHtml input checks', () => {
  it('accepts a fragment without <html> or <body>', () => {
    const article = ingestHtml(
      '<h1>Water prices to rise</h1><p>Water bills in the region will rise by four per cent from April, the regulator said on Thursday, the third rise in three years.</p>',
    );
    assert.deepEqual(blockList(article), [
      'headline: Water prices to rise',
      'paragraph: Water bills in the region will rise by four per cent from April, the regulator said on Thursday, the third rise in three years.',
    ]);
  });

  it('refuses pages without article text', () => {
    throwsCode(() => ingestHtml(''), 'input-empty');
    throwsCode(() => ingestHtml('<html><body>   </body></html>'), 'input-empty');
    throwsCode(() => ingestHtml('<html><head><title>Only a title</title></head><body><script>var x = 1;</script></body></html>'), 'input-empty');
  });

  it('refuses non-English pages unless asked, and then keeps the page language', () => {
    const german =
      '<html lang="de"><head><title>Die Stadt baut eine neue Brücke</title></head><body><article><p>Der Stadtrat hat am Montag mit sieben zu zwei Stimmen den Bau einer neuen Brücke über den Fluss beschlossen. Die Kosten liegen bei vierzig Millionen Euro und werden von Land und Bund getragen, sagte die Bürgermeisterin.</p></article></body></html>';
    throwsCode(() => ingestHtml(german), 'input-language');
    assert.equal(ingestHtml(german, { requireEnglish: false }).meta.language, 'de');
  });

  it('refuses an invalid base URL', () => {
    throwsCode(() => ingestHtml('<p>Some text of an article that is long enough.</p>', { url: 'not a url' }), 'input-invalid');
  });
});

describe('charset', () => {
  it('sniffs <meta charset> and http-equiv declarations', () => {
    const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
    assert.equal(sniffHtmlCharset(bytes('<html><head><meta charset="ISO-8859-15">')), 'iso-8859-15');
    assert.equal(sniffHtmlCharset(bytes('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')), 'windows-1251');
    assert.equal(sniffHtmlCharset(bytes('<meta charset="utf-16">')), 'utf-8');
    assert.equal(sniffHtmlCharset(bytes('<meta charset="no-such-charset">')), undefined);
    assert.equal(sniffHtmlCharset(bytes('<p>no declaration</p>')), undefined);
  });

  it('decodes HTML bytes with the charset the page declares', async () => {
    // 0xA4 is "€" in ISO-8859-15 but "¤" in the Windows-1252 fallback: only the declaration gets it right.
    const head = '<html><head><meta charset="iso-8859-15"><title>Ticket prices</title></head><body><article><p>';
    const body =
      'A day ticket for the new tram line will cost 5 \xa4 for adults and 2 \xa4 for children, the transport authority said on Monday when it opened the line.';
    const bytes = Uint8Array.from([...head, ...body, ...'</p></article></body></html>'].map((c) => c.charCodeAt(0)));
    const article = await ingest({ bytes, filename: 'page.html' });
    assert.equal(article.meta.charset, 'iso-8859-15');
    assert.match(article.text, /cost 5 € for adults and 2 € for children/);
  });
});

describe('sourceNesting', () => {
  it('counts open non-void elements, ignoring comments, raw text and elements the parser closes itself', () => {
    assert.equal(sourceNesting('<div><span><b>x</b></span></div><div></div>'), 3);
    assert.equal(sourceNesting('<p>a<p>b<li>c<br><img src=x><div/>'), 0);
    assert.equal(sourceNesting('<script>"<div><div><div>"</script><!-- <div><div> --><div>x</div>'), 1);
    assert.equal(sourceNesting('<div>'.repeat(10_000), 50), 51);
  });
});
