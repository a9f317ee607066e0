/**
 * The published site lists and fact-check datasets factlens knows by name, with how each row maps
 * to store records. A list is recognised by its file name and header; its name, licence and label
 * column (or the one label every row gets) are recorded here.
 */
import { registrableDomain } from '../../text/domain.js';
import { sourceLabelFrom, verdictFromRating } from '../../text/ratings.js';
import type { FactCheckRecord, SourceLabel, SourceRatingRecord } from '../types.js';
import { looseDate, looseUrl } from './records-from.js';

/** A site list: how to read a row of it into ratings. */
export interface KnownList {
  /** stable format name, usable with --format */
  format: string;
  /** list name as stored with each rating */
  list: (fileBase: string) => string;
  licence: string;
  /** recognises the file by its base name and header */
  matches(fileBase: string, header: readonly string[]): boolean;
  /** the ratings of one row; throws a one-line message for a bad row */
  ratings(row: Record<string, string>, fileBase: string): SourceRatingRecord[];
}

function ratingsFromLabels(domain: string | undefined, raws: readonly string[], list: string): SourceRatingRecord[] {
  const d = domain?.trim();
  if (!d) throw new Error('the row has no domain');
  const out: SourceRatingRecord[] = [];
  for (const raw of raws) {
    const r = raw.trim();
    if (!r) continue;
    const label = sourceLabelFrom(r);
    if (!label) throw new Error(`"${r}" is not a label factlens knows`);
    out.push({ domain: d, label, rawLabel: r, list });
  }
  if (out.length === 0) throw new Error('the row has no label');
  return out;
}

function fixed(domain: string | undefined, label: SourceLabel, rawLabel: string, list: string): SourceRatingRecord[] {
  const d = domain?.trim();
  if (!d) throw new Error('the row has no domain');
  return [{ domain: d, label, rawLabel, list }];
}

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Every site list factlens reads by name. */
export const KNOWN_LISTS: readonly KnownList[] = [
  {
    format: 'buzzfeed-fake-sites',
    list: (base) => `BuzzFeed News fake-news sites ${/(\d{4})/.exec(base)?.[1] ?? ''}`.trim(),
    licence: 'CC BY 4.0',
    matches: (base, header) => /^sites_\d{4}\.csv$/.test(base) && same(header, ['domain']),
    ratings: (row, base) => fixed(row.domain, 'fake', 'fake news site', `BuzzFeed News fake-news sites ${/(\d{4})/.exec(base)?.[1] ?? ''}`.trim()),
  },
  {
    format: 'buzzfeed-partisan-sites',
    list: () => 'BuzzFeed News hyperpartisan sites 2017',
    licence: 'not stated',
    matches: (_base, header) => header.includes('site') && header.includes('political_category'),
    ratings: (row) => fixed(row.site, 'partisan', `hyperpartisan (${row.political_category?.trim() || 'unknown side'})`, 'BuzzFeed News hyperpartisan sites 2017'),
  },
  {
    format: 'opensources',
    list: () => 'OpenSources 2017',
    licence: 'LGPL-3.0 ("free for public use")',
    matches: (_base, header) => header[1] === 'type' && header.includes('2nd type'),
    ratings: (row) => ratingsFromLabels(row['#0'] ?? row.domain, [row.type ?? '', row['2nd type'] ?? '', row['3rd type'] ?? ''], 'OpenSources 2017'),
  },
  {
    format: 'hearvox-buzzfeed',
    list: () => 'BuzzFeed News fake-news sites 2016-2018 (Golding compilation)',
    licence: 'GPL-3.0 compilation; list by BuzzFeed News',
    matches: (_base, header) => same(header.slice(0, 4), ['domain', '2018', '2017', '2016']),
    ratings: (row) => fixed(row.domain, 'fake', 'fake news site', 'BuzzFeed News fake-news sites 2016-2018 (Golding compilation)'),
  },
  {
    format: 'factcheck-org',
    list: () => 'FactCheck.org misinformation sites 2018',
    licence: 'GPL-3.0 compilation; list by FactCheck.org',
    matches: (base, header) => base.startsWith('factcheck-org') && header.includes('description'),
    ratings: (row) => fixed(row.domain, 'unreliable', 'posted deceptive content', 'FactCheck.org misinformation sites 2018'),
  },
  {
    format: 'fake-news-codex',
    list: () => 'Fake News Codex 2018',
    licence: 'GPL-3.0 compilation; list by Fake News Codex',
    matches: (_base, header) => header.includes('fake_news_codex_url'),
    ratings: (row) => ratingsFromLabels(row.domain, [row.type ?? ''], 'Fake News Codex 2018'),
  },
  {
    format: 'fake-news-watch',
    list: () => 'FakeNewsWatch 2016',
    licence: 'GPL-3.0 compilation; list by FakeNewsWatch',
    matches: (base, header) => base.startsWith('fake-news-watch') && same(header, ['domain', 'category']),
    ratings: (row) => ratingsFromLabels(row.domain, [row.category ?? ''], 'FakeNewsWatch 2016'),
  },
  {
    format: 'is-it-fake-news',
    list: () => 'IsItFakeNews 2018',
    licence: 'GPL-3.0 compilation; list by IsItFakeNews',
    matches: (_base, header) => header.includes('name-2') && header.includes('category'),
    ratings: (row) => ratingsFromLabels(row.domain, [row.category ?? ''], 'IsItFakeNews 2018'),
  },
  {
    format: 'junk-news-aggregator',
    list: () => 'Junk News Aggregator 2018 (Oxford Internet Institute)',
    licence: 'GPL-3.0 compilation; list by the Oxford Internet Institute',
    matches: (_base, header) => header.includes('criteria-1'),
    ratings: (row) =>
      fixed(
        row.domain,
        'unreliable',
        `junk news (${[row['criteria-1'], row['criteria-2'], row['criteria-3'], row['criteria-4']].filter((c) => c?.trim()).join(', ')})`,
        'Junk News Aggregator 2018 (Oxford Internet Institute)',
      ),
  },
  {
    format: 'politifact-sites',
    list: () => 'PolitiFact fake news almanac 2017',
    licence: 'GPL-3.0 compilation; list by PolitiFact',
    matches: (_base, header) => header.includes('type_of_site'),
    ratings: (row) => ratingsFromLabels(row.domain?.toLowerCase(), [row.type_of_site ?? ''], 'PolitiFact fake news almanac 2017'),
  },
  {
    format: 'snopes-sites',
    list: () => 'Snopes fake news sites 2017',
    licence: 'GPL-3.0 compilation; list by Snopes',
    matches: (base, header) => base.startsWith('snopes') && header[0] === 'domain',
    ratings: (row) => fixed(row.domain, 'fake', 'fake news site', 'Snopes fake news sites 2017'),
  },
  {
    format: 'wikipedia-fake-sites',
    list: () => 'Wikipedia list of fake news websites 2018',
    licence: 'GPL-3.0 compilation; list CC BY-SA (Wikipedia)',
    matches: (_base, header) => same(header, ['domain', 'name', 'notes', 'footnotes']),
    ratings: (row) => fixed(row.domain, 'fake', 'fake news website', 'Wikipedia list of fake news websites 2018'),
  },
];

/** A fact-check dataset: how to read a row of it. */
export interface KnownFactChecks {
  format: string;
  licence: string;
  matches(fileBase: string, header: readonly string[]): boolean;
  factCheck(row: Record<string, string>, fileBase: string): FactCheckRecord;
}

function required(v: string | undefined, what: string): string {
  const t = v?.trim();
  if (!t) throw new Error(`the row has no ${what}`);
  return t;
}

/** Every fact-check dataset factlens reads by name. */
export const KNOWN_FACT_CHECKS: readonly KnownFactChecks[] = [
  {
    format: 'buzzfeed-facebook-fact-check',
    licence: 'not stated',
    matches: (_base, header) => header.includes('Post URL') && header.includes('Rating'),
    factCheck: (row, base) => {
      const rating = required(row.Rating, 'rating');
      return {
        id: `buzzfeed-facebook:${required(row.post_id, 'post_id')}`,
        claimant: row.Page?.trim(),
        claimDate: row['Date Published']?.trim(),
        rating,
        // "no factual content" is a finding about the post, not a verdict on a claim
        verdict: rating.toLowerCase() === 'no factual content' ? 'other' : verdictFromRating(rating),
        reviewer: 'BuzzFeed News',
        itemUrl: looseUrl(required(row['Post URL'], 'post URL')),
        collection: base.replace(/\.[a-z]+$/, ''),
      };
    },
  },
  {
    format: 'buzzfeed-fake-news-top',
    licence: 'CC BY 4.0',
    matches: (_base, header) => header.includes('fb_engagement') && header.includes('url') && header.includes('title'),
    factCheck: (row, base) => {
      const url = looseUrl(required(row.url, 'url'));
      return {
        claim: required(row.title, 'title'),
        claimant: url ? registrableDomain(url) : undefined,
        claimDate: looseDate(row.published_date),
        rating: 'published by a site on BuzzFeed News’ 2018 list of fabricated-news sites',
        verdict: 'other',
        reviewer: 'BuzzFeed News',
        itemUrl: url,
        collection: base.replace(/\.[a-z]+$/, ''),
      };
    },
  },
  {
    format: 'fakenewsnet-politifact',
    licence: 'not stated (FakeNewsNet)',
    matches: (base, header) => /politifact_(fake|real)/.test(base) && header.includes('news_url') && header.includes('title'),
    factCheck: (row, base) => {
      const isFake = base.includes('fake');
      return {
        id: `fakenewsnet:${required(row.id, 'id')}`,
        claim: required(row.title, 'title'),
        rating: isFake ? 'fake (PolitiFact, via FakeNewsNet)' : 'real (PolitiFact, via FakeNewsNet)',
        verdict: isFake ? 'false' : 'true',
        reviewer: 'PolitiFact',
        itemUrl: looseUrl(row.news_url),
        collection: base.replace(/\.[a-z]+$/, ''),
      };
    },
  },
];

/** LIAR's six PolitiFact labels, which identify its header-less TSV files. */
export const LIAR_LABELS: ReadonlySet<string> = new Set(['pants-fire', 'false', 'barely-true', 'half-true', 'mostly-true', 'true']);

/** A fact-check from one LIAR row (Wang 2017: id, label, statement, subject, speaker, …, context). */
export function liarFactCheck(fields: readonly string[], fileBase: string): FactCheckRecord {
  if (fields.length < 3) throw new Error(`a LIAR row has 14 tab-separated columns, this one ${fields.length}`);
  const label = required(fields[1], 'label');
  if (!LIAR_LABELS.has(label)) throw new Error(`"${label}" is not a LIAR label`);
  const speaker = fields[4]?.trim().replace(/-/g, ' ');
  return {
    id: `liar:${required(fields[0], 'id')}`,
    claim: required(fields[2], 'statement'),
    claimant: speaker || undefined,
    rating: label,
    verdict: verdictFromRating(label.replace(/-/g, ' ')),
    reviewer: 'PolitiFact',
    collection: `liar-${fileBase.replace(/\.[a-z]+$/, '')}`,
  };
}
