/**
 * Markup the DOM builder mishandles, rewritten before parsing. linkedom (over htmlparser2) departs
 * from the HTML parsing algorithm in two places that together corrupt its tree:
 * - `<![CDATA[` in HTML content becomes a comment that runs to `]]>`, so its text can hold `-->`
 *   and any markup after it (the HTML standard ends such a "bogus comment" at the first `>`).
 * - a `<!DOCTYPE` met after the start of the page is not ignored: it is inserted as a new document
 *   type node, and when that happens inside an `innerHTML` assignment the node lands among an
 *   element's children and breaks the element's sibling links.
 * Mozilla Readability serializes the body and assigns it back (`page.innerHTML = pageCacheHtml`)
 * each time it retries; a comment holding `-->` then re-parses as live markup, a doctype among it
 * corrupts the body, and Readability's walk over the body never ends (`<n><![CDATA[--><!DOCTYPE h`,
 * 26 bytes, ran for minutes). Both rewrites keep the length of the page, so source offsets stay valid.
 */

const CDATA_OPEN = '<![CDATA[';

/**
 * Rewrites the page so the parser reads it as the HTML standard does: every `<![CDATA[` becomes a
 * comment that ends at the next `>`, and every `<!DOCTYPE` except one that opens the page becomes a
 * declaration the parser ignores. The result has the same length as the input.
 * @param options.keepLeadingDoctype keep a doctype that opens the page (default true; false when
 *   the page is wrapped in a document shell of its own)
 * @example parseHTML(neutralizeMarkup(html)).document
 */
export function neutralizeMarkup(html: string, options: { keepLeadingDoctype?: boolean } = {}): string {
  const hasCdata = html.includes(CDATA_OPEN);
  const doctypes = html.match(/<!doctype/gi)?.length ?? 0;
  const keepFirst = (options.keepLeadingDoctype ?? true) && /^[\s\uFEFF]{0,1000}<!doctype/i.test(html);
  if (!hasCdata && doctypes <= (keepFirst ? 1 : 0)) return html;

  let out = html;
  if (hasCdata) {
    const parts: string[] = [];
    let from = 0;
    for (let i = html.indexOf(CDATA_OPEN); i >= 0; i = html.indexOf(CDATA_OPEN, from)) {
      parts.push(html.slice(from, i));
      const close = html.indexOf('>', i + CDATA_OPEN.length);
      if (close < 0) {
        // An unclosed section is a comment to the end of the page; it cannot hold `-->` either.
        parts.push('<!--[CDAT', html.slice(i + CDATA_OPEN.length));
        from = html.length;
        break;
      }
      // `<![CDATA[` … `>` (9 + n + 1 characters) → `<!--[CD` … `-->` (7 + n + 3): the text between
      // holds no `>`, so no `-->` either.
      parts.push('<!--[CD', html.slice(i + CDATA_OPEN.length, close), '-->');
      from = close + 1;
    }
    parts.push(html.slice(from));
    out = parts.join('');
  }
  let seen = 0;
  // `<!-OCTYPE …>` is a declaration to the parser (after `<!-`, anything but `-` is one), and
  // declarations make no node.
  return out.replace(/<!doctype/gi, (m) => (seen++ === 0 && keepFirst ? m : `<!-${m.slice(3)}`));
}

/**
 * Makes the body serialize to markup that parses back to itself, for Readability's
 * `innerHTML` round trips. `<title>` and `<textarea>` text is entity-decoded when parsed but
 * written back verbatim, so `&lt;/title&gt;&lt;!DOCTYPE h&gt;` inside one would end the element
 * early and re-parse as a doctype; such text gets a space after its `<`.
 * @example defuseRawText(parseHTML(html).document)
 */
export function defuseRawText(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll('body title, body textarea'))) {
    const text = el.textContent ?? '';
    if (text.includes('</')) el.textContent = text.replaceAll('</', '< /');
  }
}
