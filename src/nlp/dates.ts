/**
 * Date expressions, resolved against the publication date when one is known (chrono-node's
 * casual English parser trimmed to the parsers and refiners that find dates in news text, with the
 * article date as reference). News convention decides weekday-only
 * mentions: "on Wednesday" is the most recent Wednesday on or before publication, and is marked
 * uncertain because the writer may mean another week. Without a publication date only fully
 * specified dates resolve; the rest are listed unresolved.
 */
import * as chrono from 'chrono-node';
import type { DateMention, ParsedArticle } from '../core/types.js';

const RELATIVE_WORDS = /\b(?:today|yesterday|tomorrow|tonight|ago|last|next|this|past|coming|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/i;

/**
 * A cheap pre-filter: sentences without any of these cannot hold a date chrono would find (it
 * parses no bare years: "in 2016" is not a date to it, "March 2016" is caught by the month).
 */
const DATE_CUE =
  /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow|ago|(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming)\s+(?:week|month|year|night|morning|evening|weekend|few|several|couple))\b|\b\d{1,2}\/\d{1,2}\b|\b\d{4}-\d{2}-\d{2}\b/;

/** Characters of context kept on each side of a date cue: the longest date phrases fit. */
const CUE_CONTEXT = 48;
const DATE_CUE_ALL = new RegExp(DATE_CUE.source, 'g');

/**
 * The parts of text[start, end) within CUE_CONTEXT characters of a date cue, widened to word
 * boundaries and merged where they overlap ("the 30th of September, 2015 at noon" stays whole).
 */
export function cueWindows(text: string, start: number, end: number): { start: number; end: number }[] {
  const sentence = text.slice(start, end);
  const windows: { start: number; end: number }[] = [];
  DATE_CUE_ALL.lastIndex = 0;
  for (let m = DATE_CUE_ALL.exec(sentence); m !== null; m = DATE_CUE_ALL.exec(sentence)) {
    let a = Math.max(0, m.index - CUE_CONTEXT);
    let b = Math.min(sentence.length, m.index + m[0].length + CUE_CONTEXT);
    // to a word boundary, but never far: a hostile run without spaces must not make this quadratic
    const aMin = Math.max(0, a - 24);
    const bMax = Math.min(sentence.length, b + 24);
    while (a > aMin && !/\s/.test(sentence[a - 1]!)) a--;
    while (b < bMax && !/\s/.test(sentence[b]!)) b++;
    const last = windows[windows.length - 1];
    if (last && a <= last.end - start) last.end = Math.max(last.end, start + b);
    else windows.push({ start: start + a, end: start + b });
  }
  return windows;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The publication date as a UTC noon Date (noon avoids time-zone day shifts), or undefined. */
export function referenceDate(publishedAt: string | undefined): Date | undefined {
  if (!publishedAt) return undefined;
  const t = Date.parse(publishedAt.length === 10 ? `${publishedAt}T12:00:00Z` : publishedAt);
  if (Number.isNaN(t)) return undefined;
  const d = new Date(t);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12));
}

/** Most recent `weekday` (0 = Sunday) on or before `ref`. */
function previousWeekday(ref: Date, weekday: number): Date {
  const diff = (ref.getUTCDay() - weekday + 7) % 7;
  return new Date(ref.getTime() - diff * 86_400_000);
}

/**
 * Between two windows in the one text chrono reads: no parser or merging refiner reads across it
 * (they join results over spaces, commas, dots, dashes, "to", "at" and the like, never semicolons),
 * and it starts with no space, which some parsers take into a result ending a window.
 */
const WINDOW_SEPARATOR = ';;;';

/**
 * chrono's casual English configuration without the refiners that never change a result in the cue
 * windows: the merges of a relative phrase written after a date and of a bare year suffix, the
 * forward-date refiner (dates here are never read forward), numeric time-zone offsets, and two of
 * its three overlap removals. Every parser stays: each one finds dates of its own in news text or
 * in the test phrases (nlp.test.ts), "end of the month" included. On the
 * 12,096 results chrono gives in the cue windows of the 1,314 BuzzFeed-Webis articles (with two
 * reference dates) the results are identical to the full configuration, component by component;
 * the date pass takes a fifth less time (src/nlp/README.md).
 */
const DROPPED_REFINERS = new Set(['ENMergeRelativeAfterDateRefiner', 'ENExtractYearSuffixRefiner', 'ForwardDateRefiner', 'ExtractTimezoneOffsetRefiner']);

/**
 * The trimmed configuration (see DROPPED_REFINERS). chrono exports no refiner classes, so they are
 * told apart by class name; a chrono release that renames one keeps it, which changes nothing but
 * the speed (and the count checked in nlp.test.ts).
 */
export function trimmedChronoConfiguration(): ConstructorParameters<typeof chrono.Chrono>[0] & object {
  const config = chrono.en.configuration.createCasualConfiguration(false);
  let overlapRemovals = 0;
  return {
    parsers: config.parsers,
    // the first overlap removal (before the merges) is the one that matters; the later two find nothing left
    refiners: config.refiners.filter((x) => !DROPPED_REFINERS.has(x.constructor.name) && (x.constructor.name !== 'OverlapRemovalRefiner' || overlapRemovals++ === 0)),
  };
}

const DATE_PARSER = new chrono.Chrono(trimmedChronoConfiguration());

/**
 * chrono's results in the words around date cues, with indexes into the article text. chrono is the
 * costliest step of the nlp layer, so it reads only those windows, all of them in one call (each
 * call runs every parser and refiner over its text: one call per window cost twice as much).
 */
function parseCueWindows(p: ParsedArticle, ref: Date | undefined): { index: number; text: string; start: chrono.ParsedComponents }[] {
  const windows = p.sentences.flatMap((s) => cueWindows(p.text, s.span.start, s.span.end));
  if (windows.length === 0) return [];
  const offsets: number[] = [];
  let joined = '';
  for (const w of windows) {
    if (joined) joined += WINDOW_SEPARATOR;
    offsets.push(joined.length);
    joined += p.text.slice(w.start, w.end);
  }
  const out: { index: number; text: string; start: chrono.ParsedComponents }[] = [];
  for (const r of DATE_PARSER.parse(joined, ref ?? new Date(Date.UTC(2000, 0, 1, 12)), { forwardDate: false })) {
    let k = 0; // the last window starting at or before the result
    for (let lo = 1, hi = offsets.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid]! <= r.index) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // a result reaching into the separator would span two windows: not a date of the text
    if (r.index + r.text.length > offsets[k]! + windows[k]!.end - windows[k]!.start) continue;
    out.push({ index: windows[k]!.start + r.index - offsets[k]!, text: r.text, start: r.start });
  }
  return out;
}

/**
 * Finds and resolves date mentions in the article text.
 * @example resolveDates(parsed).map((d) => [d.text, d.resolved])
 */
export function resolveDates(p: ParsedArticle): DateMention[] {
  const ref = referenceDate(p.article.meta.publishedAt);
  const out: DateMention[] = [];
  for (const r of parseCueWindows(p, ref)) {
    const text = r.text;
    if (!/\d|day|week|month|year|yesterday|today|tomorrow|tonight|ago|last|next/i.test(text)) continue;
    if (/^(?:may|march|sat|sun|mon)$/i.test(text.trim())) continue; // month/day words used as plain words
    const span = { start: r.index, end: r.index + text.length };
    const start = r.start;
    const hasYear = start.isCertain('year');
    const hasDay = start.isCertain('day');
    const hasMonth = start.isCertain('month');
    const weekdayOnly = start.isCertain('weekday') && !hasDay && !hasMonth;
    const isRelative = !hasYear || RELATIVE_WORDS.test(text);
    let resolved: string | undefined;
    let isCertain = hasYear && hasMonth && hasDay;
    if (ref) {
      if (weekdayOnly) {
        const wd = WEEKDAYS.findIndex((w) => text.toLowerCase().includes(w));
        resolved = isoDay(wd >= 0 ? previousWeekday(ref, wd) : start.date());
        isCertain = false;
      } else {
        let d = start.date();
        // "September 30" with no year: the year of publication, or the year before if that lands after it
        if (!hasYear && hasMonth && hasDay && d.getTime() > ref.getTime() + 31 * 86_400_000) {
          d = new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate(), 12));
        }
        resolved = isoDay(new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), 12)));
        isCertain = (hasDay || /yesterday|today|tomorrow|tonight|ago/i.test(text)) && !/few|several|couple|some/i.test(text);
      }
    } else if (!isRelative && hasMonth && hasDay) {
      const d = start.date();
      resolved = isoDay(new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), 12)));
    }
    out.push({ span, text, resolved, isCertain: resolved !== undefined && isCertain, isRelative });
  }
  return out;
}
