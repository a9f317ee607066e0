/**
 * Well-known news outlets whose names fake sites borrow, with the domains they really use and the
 * brand strings a lookalike domain would carry. Curated by hand; a brand shorter than five letters
 * only matches as a whole label or hyphen-separated part ("cnn-news.co"), never inside a word.
 */

/** A news outlet: its name, the domains it publishes on, and the brand strings of its domains. */
export interface Outlet {
  name: string;
  domains: readonly string[];
  brands: readonly string[];
}

/** The outlets lookalike detection compares against. */
export const OUTLETS: readonly Outlet[] = [
  { name: 'ABC News', domains: ['abcnews.go.com', 'abc.com', 'abcnews.com'], brands: ['abcnews', 'abc'] },
  { name: 'ABC (Australia)', domains: ['abc.net.au'], brands: [] },
  { name: 'CNN', domains: ['cnn.com', 'cnn.it'], brands: ['cnn'] },
  { name: 'NBC News', domains: ['nbcnews.com', 'nbc.com', 'nbcnews.to'], brands: ['nbcnews', 'nbc'] },
  { name: 'CBS News', domains: ['cbsnews.com', 'cbs.com'], brands: ['cbsnews', 'cbs'] },
  { name: 'Fox News', domains: ['foxnews.com', 'fox.com', 'foxbusiness.com'], brands: ['foxnews'] },
  { name: 'MSNBC', domains: ['msnbc.com'], brands: ['msnbc'] },
  { name: 'CNBC', domains: ['cnbc.com'], brands: ['cnbc'] },
  { name: 'NPR', domains: ['npr.org'], brands: ['npr'] },
  { name: 'Reuters', domains: ['reuters.com'], brands: ['reuters'] },
  { name: 'Associated Press', domains: ['apnews.com', 'ap.org'], brands: ['apnews'] },
  { name: 'Bloomberg', domains: ['bloomberg.com'], brands: ['bloomberg'] },
  { name: 'The New York Times', domains: ['nytimes.com', 'nyti.ms'], brands: ['nytimes', 'newyorktimes'] },
  { name: 'The Washington Post', domains: ['washingtonpost.com', 'wapo.st'], brands: ['washingtonpost'] },
  { name: 'The Wall Street Journal', domains: ['wsj.com'], brands: ['wsj', 'wallstreetjournal'] },
  { name: 'USA Today', domains: ['usatoday.com'], brands: ['usatoday'] },
  { name: 'Los Angeles Times', domains: ['latimes.com'], brands: ['latimes'] },
  { name: 'Chicago Tribune', domains: ['chicagotribune.com'], brands: ['chicagotribune'] },
  { name: 'The Boston Globe', domains: ['bostonglobe.com'], brands: ['bostonglobe'] },
  { name: 'Houston Chronicle', domains: ['houstonchronicle.com', 'chron.com'], brands: ['houstonchronicle'] },
  { name: 'San Francisco Chronicle', domains: ['sfchronicle.com', 'sfgate.com'], brands: ['sfchronicle'] },
  { name: 'The Dallas Morning News', domains: ['dallasnews.com'], brands: ['dallasnews'] },
  { name: 'The Denver Post', domains: ['denverpost.com'], brands: ['denverpost'] },
  { name: 'The Guardian', domains: ['theguardian.com', 'guardian.co.uk'], brands: ['theguardian'] },
  { name: 'BBC', domains: ['bbc.co.uk', 'bbc.com', 'bbc.in'], brands: ['bbc', 'bbcnews'] },
  { name: 'Daily Mail', domains: ['dailymail.co.uk'], brands: ['dailymail'] },
  { name: 'Sky News', domains: ['news.sky.com', 'sky.com'], brands: ['skynews'] },
  { name: 'Al Jazeera', domains: ['aljazeera.com', 'aljazeera.net'], brands: ['aljazeera'] },
  { name: 'Newsweek', domains: ['newsweek.com'], brands: ['newsweek'] },
  { name: 'The Economist', domains: ['economist.com'], brands: ['economist'] },
  { name: 'Politico', domains: ['politico.com', 'politico.eu'], brands: ['politico'] },
  { name: 'The Hill', domains: ['thehill.com'], brands: ['thehill'] },
  { name: 'Business Insider', domains: ['businessinsider.com', 'insider.com'], brands: ['businessinsider'] },
  { name: 'Forbes', domains: ['forbes.com'], brands: ['forbes'] },
  { name: 'HuffPost', domains: ['huffpost.com', 'huffingtonpost.com', 'huffingtonpost.co.uk'], brands: ['huffingtonpost', 'huffpost'] },
  { name: 'BuzzFeed News', domains: ['buzzfeednews.com', 'buzzfeed.com'], brands: ['buzzfeed'] },
  { name: 'The Atlantic', domains: ['theatlantic.com'], brands: ['theatlantic'] },
  { name: 'The New Yorker', domains: ['newyorker.com'], brands: ['newyorker'] },
  { name: 'Yahoo News', domains: ['yahoo.com'], brands: ['yahoo'] },
  { name: 'TMZ', domains: ['tmz.com'], brands: ['tmz'] },
  { name: 'ESPN', domains: ['espn.com', 'espn.go.com'], brands: ['espn'] },
  { name: 'Time', domains: ['time.com'], brands: [] },
  { name: 'CBC News', domains: ['cbc.ca'], brands: ['cbc'] },
  { name: 'Toronto Star', domains: ['thestar.com'], brands: [] },
  { name: 'The Globe and Mail', domains: ['theglobeandmail.com'], brands: ['theglobeandmail'] },
  { name: 'The Sydney Morning Herald', domains: ['smh.com.au'], brands: [] },
  { name: 'The Times of India', domains: ['timesofindia.indiatimes.com', 'indiatimes.com'], brands: ['timesofindia'] },
  { name: 'Deutsche Welle', domains: ['dw.com'], brands: [] },
  { name: 'France 24', domains: ['france24.com'], brands: ['france24'] },
  { name: 'Euronews', domains: ['euronews.com'], brands: ['euronews'] },
  { name: 'Le Monde', domains: ['lemonde.fr'], brands: ['lemonde'] },
  { name: 'Der Spiegel', domains: ['spiegel.de'], brands: [] },
  { name: 'The Independent', domains: ['independent.co.uk'], brands: [] },
  { name: 'The Telegraph', domains: ['telegraph.co.uk'], brands: [] },
  { name: 'Snopes', domains: ['snopes.com'], brands: ['snopes'] },
  { name: 'PolitiFact', domains: ['politifact.com'], brands: ['politifact'] },
  { name: 'FactCheck.org', domains: ['factcheck.org'], brands: ['factcheck'] },
];

/**
 * Words that fake sites add around a borrowed brand ("abcnews-us", "breaking-cnn",
 * "cnn-globalnews"): a label made only of a brand and these words is a lookalike.
 */
export const FILLER_WORDS: readonly string[] = [
  'news', 'breaking', 'live', 'daily', 'today', 'now', 'world', 'global', 'globalnews', 'international',
  'internationaledition', 'edition', 'us', 'usa', 'uk', 'tv', 'online', 'report', 'reports', 'media', 'post',
  'network', 'channel', 'hq', 'official', 'info', 'the', 'my', 'real', 'latest', 'update', 'updates', 'headlines',
  'politics', 'video', 'videos', 'watch', 'alert', 'alerts', 'press', 'wire', 'hub', 'feed', 'buzz', 'viral', 'com',
  'co', 'net', 'org', 'america', 'american', 'national', 'local', 'hd', 'top', 'hot', 'new', 'web', 'site', 'en',
  'español', 'espanol', 'mobile', 'm',
];
