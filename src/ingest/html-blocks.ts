/**
 * Extracted article DOM → paragraph-like text blocks, then boilerplate removal. The walk turns each
 * block-level element (and each `<br>`-separated line) into one block of whitespace-collapsed text;
 * script-like and embedded-object elements are skipped, so only text nodes ever reach the output.
 * The cleanup rules each target one kind of leftover that Readability keeps (captions, bylines,
 * share/newsletter/related lines, link lists); each can be switched off to measure its effect with
 * `factlens eval extraction --ablate`.
 */
import { BADGE_LINE } from './text.js';

/** One block of extracted body text and what the DOM said about it. */
export interface HtmlBlock {
  text: string;
  /** lower-case tag of the nearest block-level element */
  tag: string;
  /** lower-case tags of the block-level ancestors, nearest first */
  ancestors: string[];
  /** class and id words of the nearest few ancestors, lower-cased */
  hints: string;
  /** characters of `text` that sit inside links */
  linkChars: number;
}

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul', 'caption', 'center', 'menu',
]);

/** Elements whose content is never article text (and may be hostile: scripts, embedded SVG). */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'frame', 'frameset', 'object',
  'embed', 'applet', 'canvas', 'button', 'input', 'select', 'textarea', 'option', 'audio', 'video',
  'source', 'track', 'head', 'title', 'meta', 'link', 'base', 'img', 'picture', 'map', 'area', 'dialog',
]);

/** Names of the cleanup rules, in the order they run. */
export const CLEANUP_RULES = [
  'captions',
  'bylines',
  'author-bios',
  'datelines',
  'boilerplate',
  'newsletter',
  'contact-lines',
  'link-lists',
  'headline-repeat',
] as const;
/** One boilerplate-removal rule (see CLEANUP_RULES). */
export type CleanupRule = (typeof CLEANUP_RULES)[number];

function tagOf(el: Element): string {
  return (el.localName ?? el.tagName ?? '').toLowerCase();
}

function hintsOf(el: Element): string {
  const cls = el.getAttribute?.('class') ?? '';
  const id = el.getAttribute?.('id') ?? '';
  return `${cls} ${id}`.toLowerCase().slice(0, 300);
}

/**
 * Walks an element and returns its text as blocks, one per block-level element or `<br>` line.
 * @example collectBlocks(readabilityContent).map((b) => b.text)
 */
export function collectBlocks(root: Element): HtmlBlock[] {
  const blocks: HtmlBlock[] = [];
  let buffer = '';
  let linkChars = 0;
  const stack: { tag: string; hints: string }[] = [];

  const flush = (): void => {
    const text = buffer.replace(/\s+/g, ' ').trim();
    if (text.length > 0 && /[\p{L}\p{N}]/u.test(text)) {
      const near = stack[stack.length - 1];
      blocks.push({
        text,
        tag: near?.tag ?? 'div',
        ancestors: stack.map((s) => s.tag).reverse(),
        hints: stack
          .slice(-3)
          .map((s) => s.hints)
          .join(' ')
          .trim(),
        linkChars: Math.min(linkChars, text.length),
      });
    }
    buffer = '';
    linkChars = 0;
  };

  const walk = (node: Node, inLink: boolean, inPre: boolean, depth: number): void => {
    // Deeply nested markup is a hostile-input pattern; its text still arrives, flattened.
    if (depth > 200) {
      buffer += ` ${node.textContent ?? ''} `;
      return;
    }
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        const raw = child.nodeValue ?? '';
        const text = inPre ? raw : raw.replace(/\s+/g, ' ');
        buffer += text;
        if (inLink) linkChars += text.trim().length;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = tagOf(el);
      if (SKIP_TAGS.has(tag)) continue;
      if (tag === 'br') {
        flush();
        continue;
      }
      const isLink = inLink || tag === 'a';
      if (BLOCK_TAGS.has(tag)) {
        flush();
        stack.push({ tag, hints: hintsOf(el) });
        walk(el, isLink, inPre || tag === 'pre', depth + 1);
        flush();
        stack.pop();
      } else {
        walk(el, isLink, inPre, depth + 1);
      }
    }
  };
  walk(root, false, false, 0);
  flush();
  return blocks;
}

/** What a kept block is, once cleanup has looked at it. */
export type BodyBlockKind = 'paragraph' | 'subheadline' | 'byline' | 'dateline' | 'badge';

/** A body block after cleanup: kept as a paragraph, or re-classified. */
export interface CleanBlock {
  text: string;
  kind: BodyBlockKind;
}

const CAPTION_HINT = /(?:^|[\s_-])(?:wp-caption-text|caption|figcaption|credit|photo-?credit|image-?credit|img-?credit|media-?credit)/;
const BYLINE_HINT = /(?:^|[\s_-])(?:byline|author|contributor|writer|dateline)(?:$|[\s_-])/;

/** A caption that ends with its picture credit: "… (Image: GETTY)", "… (Photo by X/Getty Images)". */
const CAPTION_CREDIT_END = /(?:\((?:image|photo|picture|pic|video|credit|image credit|photo credit|photograph|illustration|graphic)s?(?::|\sby\s|\scredit:|\scourtesy)[^()]{0,120}\)|\b(?:photo|photograph|image|picture)s?\s?©[^.()]{0,80})\.?$/i;
/** A line that is only a picture credit: "Natalie Naccache | Bloomberg | Getty Images". */
const CREDIT_ONLY = /(?:getty images|shutterstock|istock(?:photo)?|ap photo|afp|reuters|epa(?:-efe)?|alamy|pa images?|pa wire|bloomberg)(?:\s(?:via|for)\s[\p{L} .'-]{1,40})?\)?\.?$/iu;

/** A capitalised name word, and the small words names are joined with. */
const NAME = "[\\p{Lu}][\\p{L}.'’-]{0,30}";
const JOIN = '(?:and|&|de|da|del|van|von|der|den|la|le|al|bin|du|y)';
const NAMES = `${NAME}(?:(?:\\s|,\\s?|\\s?\\|\\s?)(?:${NAME}|${JOIN})){0,8}`;
const BY = '(?:[Bb][Yy]|[Ww]ritten by|[Ww]ords by|[Rr]eporting by|[Ss]tory by)';
/** "By Jane Doe", "By Jane Doe and John Roe, Reuters". Anchored; names must be capitalised. */
const BYLINE_TEXT = new RegExp(`^${BY}\\s{1,3}${NAMES}\\.?$`, 'u');
/** "By Justine Coleman - 11/18/19 11:04 PM EST", "By A, B on Monday, November 18th, 2019". */
const BYLINE_WITH_STAMP = new RegExp(`^${BY}\\s{1,3}${NAMES}\\s?(?:[-–—|•,]|\\son|\\sat)\\s?[\\p{L}\\p{N}:/.,\\s]{0,60}\\d[\\p{L}\\p{N}:/.,\\s]{0,30}$`, 'u');

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
/** A block that is only a date/time stamp, with an optional "Published/Updated" label. Anchored. */
const DATE_ONLY = new RegExp(
  `^(?:(?:published|posted|updated|last updated|first published|date)(?: on| at)?[:\\s]{1,3})?` +
    `(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}[,.]?\\s{1,3})?` +
    `(?:(?:${MONTHS})\\.?\\s{1,3}\\d{1,2}(?:st|nd|rd|th)?,?\\s{1,3}\\d{4}|\\d{1,2}\\s{1,3}(?:${MONTHS})\\.?,?\\s{1,3}\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4})` +
    `(?:[\\s,|•·-]{1,4}(?:at\\s)?\\d{1,2}[:.]\\d{2}(?::\\d{2})?\\s?(?:[ap]\\.?m\\.?)?(?:\\s[A-Z]{2,5})?)?[.]?$`,
  'i',
);
/** Time first, date after ("10:48, Tue, Nov 19, 2019"). Anchored. */
const TIME_THEN_DATE = new RegExp(
  `^(?:(?:published|posted|updated)[:\\s]{1,3})?\\d{1,2}[:.]\\d{2}\\s?(?:[ap]\\.?m\\.?)?(?:\\s[A-Z]{2,5})?[,\\s]{1,3}` +
    `(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}[,.]?\\s{1,3})?(?:(?:${MONTHS})\\.?\\s{1,3}\\d{1,2},?\\s{1,3}\\d{4}|\\d{1,2}\\s{1,3}(?:${MONTHS})\\.?\\s{1,3}\\d{4})$`,
  'i',
);
/** "Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM", "Updated at 1:23 p.m.": a labelled stamp. */
const LABELLED_STAMP = /^(?:published|posted|updated|last updated|first published|last modified)(?::|\s(?:at|on))?\s{0,3}(?:\p{L}{3,9}\.?,?\s{1,3})?\d/iu;

/**
 * Short lines that are page furniture rather than article text: share and follow prompts, sign-in
 * links, "related"/"read more" pointers, advertising labels, copyright lines, gallery counters.
 * Each alternative is anchored at the start and has no nested quantifier.
 */
const BOILERPLATE_LINE = new RegExp(
  [
    '^(?:share|tweet|email|print|pin|comment)(?: (?:this|the|on|via))?(?: (?:story|article|page|post|facebook|twitter|whatsapp|linkedin|email))?[:!.]?$',
    '^(?:share|follow)(?: us)? on (?:facebook|twitter|instagram|linkedin|whatsapp|youtube)',
    '^(?:related|related (?:stories|articles|content|coverage|links|posts|reading|topics|news)|more (?:on|from|about) (?:this|the|our)|read more|see more|recommended(?: for you)?|trending(?: now)?|most (?:read|popular|viewed)|you (?:may|might) also like|also read|see also|don\'t miss|more stories|top stories|latest|popular|watch|listen)(?:\\s?(?:[:»›>|…-]|\\.\\.\\.)\\s?|$)',
    '^(?:advertisement|advertising|advert|sponsored(?: content)?|ad|story continues below(?: advertisement)?|continue reading(?: below| the main story)?|scroll to continue(?: with content)?)[.:]?$',
    '^(?:copyright\\s?(?:©|\\(c\\)|\\d{4}|by\\b)|©\\s?(?:\\d{4}|\\p{Lu})|\\(c\\)\\s?\\d{4})',
    '^all rights reserved',
    '^(?:photo|image|picture|video|graphic|illustration|file photo)(?: credit)?s?\\s?(?::|by\\s|©)',
    '^\\(?(?:photo|image|picture)s? (?:by|courtesy|credit)\\b',
    '^(?:image|photo|picture|slide)s? \\d{1,3}(?: of|/) ?/? ?\\d{0,3}$',
    '^(?:enlarge(?: image| photo)?|caption|close|expand|hide caption|toggle caption|view gallery|open gallery|play video|watch video)$',
    '^(?:sign in|log in|login|sign up|register|subscribe|my account|menu|search|skip to (?:main )?content|back to top|view comments|view author archive|email the author|more articles from\\s.{1,60})$',
    '^(?:click|tap) here to',
    '^(?:topics|tags|filed under|categories|categorized as)\\s?:?$',
    '^(?:topics|tags|filed under|categories)\\s?:',
    '^(?:we (?:use|are using) cookies|this (?:site|website) uses cookies)',
    '^(?:loading|please wait)(?: content| comments)?\\s?(?:\\.{1,3}|…)?$',
    '^(?:citation|cite this article)\\s?:',
    '^this document is subject to copyright',
    '^(?:via syndigate|post (?:a )?comment)\\b',
    '^more (?:great |top |recent |popular )?(?:[\\p{L}]{2,20} )?stories$',
    '^(?:next|previous) (?:article|story|post)\\s?[:»›>]?',
    '^(?:join the conversation|leave a comment|\\d{1,5} comments?|comments?|tell us what you think\\W{0,5}|want more stories like this\\?)$',
  ].join('|'),
  'iu',
);

const SOCIAL_WORDS = new Set(
  'whatsapp facebook twitter pinterest pint pin linkedin email e-mail mail print share tweet reddit telegram messenger copy link sms flipboard pocket tumblr instagram youtube baixar download comment comments save'.split(
    ' ',
  ),
);

/** Newsletter pitches ("Sign up for our free daily newsletter", "delivered to your inbox"). */
const NEWSLETTER =
  /\b(?:sign(?:ing)? up|subscribe|subscribing|register|delivered|get (?:our|the)|receive)\b[^.!?]{0,80}\b(?:newsletters?|inbox|e-?mails?|alerts|briefing|bulletin)\b|\b(?:newsletters?|alerts|e-?mails?)\b[^.!?]{0,60}\b(?:inbox|sign up|subscribe)\b|\b(?:to|in|into|meet) your inbox\b|\bbreaking news (?:e-?mails|alerts)\b/i;
/** Reporter contact lines ("Follow him on Twitter @x", "may be reached at x@y.com"). */
const CONTACT = /\b(?:follow (?:him|her|them|us|me|@)|on twitter (?:at |@)|may be reached at|can be reached at|reach (?:the reporters?|him|her|them) (?:at|on)|e-?mail (?:him|her|them|the author|[\p{L}]{1,20} [\p{L}'-]{1,30} at))\b/iu;
/** Breadcrumb separators: at least two in a short line. */
const BREADCRUMB = /^[^»›]{1,60}\s[»›]\s[^»›]{1,60}\s[»›]\s/;

/** True for a line that is a byline, a picture credit or a caption ending with its credit. */
export function isBylineOrCredit(text: string): boolean {
  return (
    BYLINE_TEXT.test(text) ||
    BYLINE_WITH_STAMP.test(text) ||
    /^by\s/i.test(text) ||
    CAPTION_CREDIT_END.test(text) ||
    CREDIT_ONLY.test(text) ||
    /^(?:photo|photograph|image|picture|video|illustration|credit)s?\s?(?::|by\s|©)/i.test(text)
  );
}

function isBylineBlock(block: HtmlBlock, knownByline: string | undefined): boolean {
  if (block.text.length > 100) return false;
  if (BYLINE_TEXT.test(block.text) || BYLINE_WITH_STAMP.test(block.text)) return true;
  if (knownByline && sameText(block.text.replace(/^by\s+/i, ''), knownByline.replace(/^by\s+/i, ''))) return true;
  return BYLINE_HINT.test(block.hints) && block.text.length <= 60 && !/[.!?]["”’]?$/.test(block.text);
}

/** "Phil Helsel is a reporter for NBC News.", "Emiliano joined pv magazine in 2017." */
function isAuthorBio(block: HtmlBlock, byline: string | undefined, index: number, total: number): boolean {
  if (!byline || index < total - 4 || block.text.length > 400) return false;
  const names = byline
    .replace(/^by\s+/i, '')
    .split(/\s*(?:,|\band\b|\||&)\s*/)
    .map((n) => n.trim())
    .filter((n) => /^[\p{Lu}]/u.test(n));
  return names.some((name) => {
    const first = name.split(' ')[0]!;
    return (
      (block.text.startsWith(name) || block.text.startsWith(`${first} `)) &&
      /^[\p{L}.'’ -]{1,60}\s(?:is|was|has|joined|writes|covers|reports|lives|worked)\b/u.test(block.text)
    );
  });
}

function isCaptionBlock(block: HtmlBlock): boolean {
  if (block.tag === 'figcaption' || block.ancestors.includes('figcaption')) return true;
  if (block.ancestors.includes('figure') && block.text.length < 400) return true;
  if (block.text.length < 500 && CAPTION_CREDIT_END.test(block.text)) return true;
  if (block.text.length <= 120 && CREDIT_ONLY.test(block.text) && !/[.!?]["”’]?$/.test(block.text.replace(/\.$/, ''))) return true;
  return CAPTION_HINT.test(block.hints) && block.text.length < 400;
}

function isLinkList(block: HtmlBlock): boolean {
  if (/^(?:https?:\/\/|www\.)\S+$/i.test(block.text)) return false;
  const words = block.text.split(' ').length;
  return block.linkChars / block.text.length > 0.9 && words <= 20 && (block.tag === 'li' || block.ancestors.includes('li') || words <= 12);
}

function isSocialLine(text: string): boolean {
  const words = text.toLowerCase().split(/[\s|/•·,]+/).filter(Boolean);
  return words.length > 0 && words.length <= 12 && words.every((w) => SOCIAL_WORDS.has(w));
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return norm(a) === norm(b);
}

/**
 * Removes the leftovers Readability keeps and re-classifies bylines, date stamps and trust badges.
 * @param disabled rules to skip (for measuring each rule's effect)
 */
export function cleanBlocks(
  blocks: readonly HtmlBlock[],
  context: { title?: string; byline?: string; url?: string; canonicalUrl?: string },
  disabled: ReadonlySet<CleanupRule> = new Set(),
): CleanBlock[] {
  const on = (rule: CleanupRule): boolean => !disabled.has(rule);
  const out: CleanBlock[] = [];
  let afterTagsHeading = false;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const text = block.text;
    const stripped = text.replace(/^[\s|•·–—-]+/, '');
    const wasTags = afterTagsHeading;
    afterTagsHeading = false;
    if (text.length <= 80 && BADGE_LINE.test(text)) {
      out.push({ text, kind: 'badge' });
      continue;
    }
    if (on('headline-repeat') && context.title && sameText(text, context.title)) continue;
    if (on('bylines') && isBylineBlock(block, context.byline)) {
      out.push({ text, kind: 'byline' });
      continue;
    }
    if (on('captions') && isCaptionBlock(block)) continue;
    if (on('author-bios') && isAuthorBio(block, context.byline, i, blocks.length)) continue;
    if (
      on('datelines') &&
      stripped.length <= 80 &&
      (DATE_ONLY.test(stripped) || TIME_THEN_DATE.test(stripped) || LABELLED_STAMP.test(stripped))
    ) {
      out.push({ text, kind: 'dateline' });
      continue;
    }
    if (on('boilerplate')) {
      if (wasTags && text.length <= 400 && !/[.!?]["”’]?$/.test(text)) continue;
      if (text.length <= 160 && BOILERPLATE_LINE.test(stripped)) {
        afterTagsHeading = /^(?:topics|tags|filed under|categories|categorized as)\s?:?$/i.test(stripped);
        continue;
      }
      if (isSocialLine(text) || (text.length <= 160 && BREADCRUMB.test(text))) continue;
      // "Plane passengers quarantined after outbreak [NEWS]": a teaser link to another story.
      if (text.length <= 200 && /\[[A-Z]{3,12}\]\|?$/.test(text)) continue;
      if (text.length <= 200 && /©\s?(?:\d{4}|[\p{Lu}])/u.test(text) && !/["“”]/.test(text)) continue;
      if (context.url && /^(?:https?:\/\/)\S+$/.test(text) && (text === context.url || text === context.canonicalUrl)) continue;
    }
    if (on('newsletter') && text.length <= 250 && NEWSLETTER.test(text)) continue;
    if (on('contact-lines') && text.length <= 300 && CONTACT.test(text) && /@|\btwitter\b/i.test(text)) continue;
    if (on('link-lists') && isLinkList(block)) continue;
    out.push({ text, kind: 'paragraph' });
  }
  return out;
}
