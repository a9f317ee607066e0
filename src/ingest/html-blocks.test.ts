import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { CLEANUP_RULES, type CleanupRule, cleanBlocks, collectBlocks, type HtmlBlock } from './html-blocks.js';

function block(text: string, extra: Partial<HtmlBlock> = {}): HtmlBlock {
  return { text, tag: 'p', ancestors: ['p', 'div'], hints: '', linkChars: 0, ...extra };
}

/** "kind: text" for the kept blocks. */
function clean(blocks: HtmlBlock[], context: { title?: string; byline?: string } = {}, disabled: CleanupRule[] = []): string[] {
  return cleanBlocks(blocks, context, new Set(disabled)).map((b) => `${b.kind}: ${b.text}`);
}

describe('collectBlocks', () => {
  it('makes one block per block element and <br> line, skipping scripts and embedded objects', () => {
    const { document } = parseHTML(
      '<html><body><div id="root"><h2>Sub  head</h2><p>One <b>bold</b>\n word.<br>Second line</p><ul><li><a href="/a">Link item</a></li></ul><script>alert(1)</script><svg><text>svg</text></svg><p>Tail</p></div></body></html>',
    );
    const blocks = collectBlocks(document.querySelector('#root') as unknown as Element);
    assert.deepEqual(
      blocks.map((b) => [b.tag, b.text, b.linkChars]),
      [
        ['h2', 'Sub head', 0],
        ['p', 'One bold word.', 0],
        ['p', 'Second line', 0],
        ['li', 'Link item', 9],
        ['p', 'Tail', 0],
      ],
    );
    assert.deepEqual(blocks[3]!.ancestors, ['li', 'ul']);
  });
});

describe('cleanBlocks', () => {
  const body = block('The council voted on Monday to approve the bridge, ending a decade of debate about the crossing.');

  it('drops captions, credits and furniture, and re-classifies bylines, date stamps and badges', () => {
    const input = [
      block('Bridge plans unveiled'),
      block('By Maria Lopez and John Roe, Reuters'),
      block('| UPDATED: 11:05, Tue, Nov 19, 2019'),
      block('Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM'),
      block('✓ Fact checked'),
      body,
      block('An artist’s impression of the bridge', { tag: 'figcaption', ancestors: ['figcaption', 'figure'] }),
      block('The bridge will open in 2022 (Image: GETTY)'),
      block('Natalie Naccache | Bloomberg | Getty Images'),
      block('Share this article'),
      block('Whatsapp Facebook Pint Baixar'),
      block('READ MORE: Council tax to rise again next year'),
      block('Plane passengers quarantined after outbreak [NEWS]'),
      block('Sign up for our free daily newsletter to get the top stories in your inbox.'),
      block('Follow her on Twitter @mlopez.'),
      block('Council tax to rise', { tag: 'li', ancestors: ['li', 'ul'], linkChars: 19 }),
      block('Advertisement'),
      block('Image 1 of 5'),
      block('© 2019 Riverside Gazette. All rights reserved.'),
      block('Home » News » Local » Bridge'),
    ];
    assert.deepEqual(clean(input, { title: 'Bridge plans unveiled' }), [
      'byline: By Maria Lopez and John Roe, Reuters',
      'dateline: | UPDATED: 11:05, Tue, Nov 19, 2019',
      'dateline: Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM',
      'badge: ✓ Fact checked',
      `paragraph: ${body.text}`,
    ]);
  });

  it('keeps article sentences that merely start like furniture', () => {
    const sentences = [
      'By the end of the year, the council said on Monday, 2020 budgets would be cut.',
      'Share prices fell 3% on Monday after the announcement.',
      'Related research published in 2018 found the same effect.',
      'Watch manufacturers have been hit hardest by the tariffs.',
      'Updated guidance was published on 3 March 2020.',
      'Copyright law was changed in 2019 after a long campaign.',
      'The council’s newsletter said the bridge would open in May.',
      'Residents can email the council at any time, the mayor said.',
      'Photographers gathered outside the court on Tuesday.',
      'Advertising revenue rose by a fifth last year.',
      'https://www.example.com/report.pdf',
      'ABOUT THE STUDY',
    ];
    const input = sentences.map((s) => block(s));
    assert.deepEqual(clean(input, { title: 'Something else', byline: 'Maria Lopez' }), sentences.map((s) => `paragraph: ${s}`));
  });

  it('drops a closing author bio and a repeated headline', () => {
    const input = [body, block('Bridge plans unveiled'), block('Maria Lopez is a reporter for the Gazette covering transport.')];
    assert.deepEqual(clean(input, { title: 'Bridge plans unveiled', byline: 'By Maria Lopez' }), [`paragraph: ${body.text}`]);
  });

  it('lets each rule be switched off', () => {
    const input = [body, block('Share this article')];
    assert.equal(clean(input, {}, ['boilerplate']).length, 2);
    assert.equal(clean(input, {}, [...CLEANUP_RULES]).length, 2);
    assert.equal(clean(input).length, 1);
  });
});
