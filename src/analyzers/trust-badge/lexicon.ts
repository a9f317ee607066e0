/**
 * Self-declared verification labels. Each pattern is anchored or bounded; none nests quantifiers.
 * `line` patterns match a whole short line (a badge); `inline` patterns match inside a paragraph.
 */
export const BADGE_LINE_PATTERNS: RegExp[] = [
  /^[\s\u2713\u2714\u2611]{0,4}fact[- ]?check(?:ed)?(?: by [\w .'-]{1,40})?[\s.!\u2713\u2714]{0,4}$/i,
  /^[\s\u2713\u2714\u2611]{0,4}(?:verified|confirmed|authentic|legit)(?: (?:news|story|report|source|true|real|by [\w .'-]{1,40}))?[\s.!\u2713\u2714]{0,4}$/i,
  /^[\s\u2713\u2714\u2611]{0,4}100 ?% (?:true|verified|fact[- ]?checked|real|confirmed|accurate)[\s.!\u2713\u2714]{0,4}$/i,
  /^[\s\u2713\u2714\u2611]{0,4}(?:true story|truth verified|certified (?:true|accurate)|real news|this is real)[\s.!\u2713\u2714]{0,4}$/i,
];

export const BADGE_INLINE_PATTERNS: RegExp[] = [
  /\bthis (?:story|article|report|news|post) (?:is|has been|was) (?:100 ?% )?(?:fact[- ]?checked|verified|confirmed(?: true)?|true)\b/i,
  /\b(?:fact[- ]?checked|verified) (?:and|&) (?:confirmed|verified|true)\b/i,
  /\b100 ?% (?:true|verified|confirmed|fact[- ]?checked)\b/i,
];
