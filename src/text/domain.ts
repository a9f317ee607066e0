/**
 * Hosts, registrable domains and URL keys, on the public suffix list (tldts, with private suffixes
 * such as blogspot.com so that each blog is its own site).
 */
import { getDomain, getHostname } from 'tldts';

const PSL = { allowPrivateDomains: true } as const;

/**
 * The lower-case host of a URL, a bare host or a "host/path" string, without `www.` and without a
 * trailing dot; undefined when there is none.
 * @example normalizeHost('https://WWW.Example.co.uk/a') // 'example.co.uk'
 */
export function normalizeHost(input: string): string | undefined {
  const trimmed = input.trim().toLowerCase();
  if (!trimmed) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `http://${trimmed}`;
  const host = getHostname(withScheme);
  if (!host?.includes('.')) return undefined;
  return host.replace(/^www\d{0,2}\./, '').replace(/\.$/, '');
}

/**
 * The registrable domain (public suffix + one label) of a URL or host.
 * @example registrableDomain('https://news.bbc.co.uk/x') // 'bbc.co.uk'
 */
export function registrableDomain(input: string): string | undefined {
  const host = normalizeHost(input);
  if (!host) return undefined;
  return getDomain(host, PSL) ?? host;
}

/**
 * The host and each parent domain down to the registrable one, most specific first — the keys a
 * source list may use for a site (lists rate `70news.wordpress.com`, not all of wordpress.com).
 */
export function hostChain(input: string): string[] {
  const host = normalizeHost(input);
  if (!host) return [];
  const domain = getDomain(host, PSL) ?? host;
  const out = [host];
  let h = host;
  while (h !== domain && h.includes('.')) {
    h = h.slice(h.indexOf('.') + 1);
    out.push(h);
    if (h === domain) break;
  }
  return [...new Set(out)];
}

/**
 * A URL reduced for comparison: host without `www.`, path without trailing slash, no scheme,
 * query or fragment.
 * @example urlKey('https://www.example.com/a/?utm=1#top') // 'example.com/a'
 */
export function urlKey(url: string): string | undefined {
  const host = normalizeHost(url);
  if (!host) return undefined;
  const rest = url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = rest.indexOf('/');
  const path = slash >= 0 ? rest.slice(slash).replace(/[?#].*$/, '').replace(/\/+$/, '') : '';
  return `${host}${path.toLowerCase()}`;
}
