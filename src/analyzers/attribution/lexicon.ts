/**
 * Cues of missing or vague sourcing. All patterns are bounded and linear.
 */

/**
 * An attribution cue that ends a paragraph with a colon but names no source before it:
 * `… aggression”. reports:` — the outlet's name was stripped when the text was copied. The cue must
 * open its sentence: after a comma a name or an apposition comes before it ("Owens, said:",
 * "the president of the union, said:"); "Sources:" heads a list and is not a cue.
 * Group 1 is the cue.
 */
export const STRIPPED_COLON_CUE = /(?:^|[.;:!?”"’)\]]\s{0,3})((?:reports?|reported|writes|wrote|according to|said|says|via|as reported by|reported by)\s{0,2}:)\s{0,3}$/i;

/** "according to" / "reported by" followed by punctuation or nothing (not "Via: Daily Mail"): the name is missing. */
export const EMPTY_ACCORDING_TO = /\b(according to|as reported by|reported by|citing|via)(?=\s{0,3}[,.;)]|\s{0,3}:\s{0,3}$|\s{0,3}$)/gi;

/** Impersonal sourcing that hides who said it. Group 0 is the phrase. */
export const IMPERSONAL_SOURCING: RegExp[] = [
  /\bit (?:is|was|has been|had been) (?:being )?(?:reported|claimed|said|alleged|rumou?red|believed|understood) that\b/gi,
  /\b(?:many|some) (?:people )?(?:are saying|say|believe|claim)\b/gi,
  /\baccording to (?:reports|some|many)\b/gi,
  /\breportedly\b/gi,
  /\brumou?rs (?:have it|suggest|say)\b/gi,
];
