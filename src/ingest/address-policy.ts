/**
 * Which network addresses a URL fetch may reach (SSRF policy). Only global unicast addresses pass
 * by default. Loopback, private (RFC 1918, fc00::/7), link-local, carrier-grade NAT, unspecified,
 * multicast, broadcast, reserved and documentation ranges are refused, and so are IPv6 forms that
 * embed an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) when the embedded address is
 * refused. Cloud metadata endpoints are refused even when private networks are allowed.
 */
import ipaddr from 'ipaddr.js';

/** What the caller allows beyond the public internet. */
export interface AddressPolicy {
  /** allow loopback, private, link-local and CGNAT targets (never metadata, multicast, unspecified) */
  allowPrivateNetwork?: boolean;
  /** exact addresses that are allowed whatever their range (tests use 127.0.0.1) */
  allowAddresses?: readonly string[];
}

/** The verdict on one address: allowed, or refused with the range that refused it. */
export type AddressVerdict = { isAllowed: true } | { isAllowed: false; reason: string };

/** Cloud instance-metadata endpoints (AWS, GCP, Azure, OpenStack; AWS IPv6; Alibaba). */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '169.254.170.2']);

/** Ranges `allowPrivateNetwork` opens up. */
const PRIVATE_RANGES = new Set(['loopback', 'private', 'linkLocal', 'carrierGradeNat', 'uniqueLocal']);

const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private-network address',
  linkLocal: 'a link-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  uniqueLocal: 'a private-network (unique local) address',
  unspecified: 'the unspecified address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
};

/** Host names that always mean this machine, whatever DNS says. */
export function isLocalHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === 'localhost.localdomain' ||
    h === 'ip6-localhost' ||
    h === 'ip6-loopback'
  );
}

/** The canonical text of an IP address (lower-case, compressed IPv6), or undefined if it is not one. */
export function canonicalAddress(address: string): string | undefined {
  const raw = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(raw)) return undefined;
  try {
    return ipaddr.parse(raw).toString();
  } catch {
    // isValid accepts a few forms parse rejects; such a string is not an address we can vet.
    return undefined;
  }
}

/** The IPv4 address embedded in an IPv6 one (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(addr: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const range = addr.range();
  const parts = addr.parts;
  const fromWords = (hi: number, lo: number): ipaddr.IPv4 => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') return fromWords(parts[6]!, parts[7]!);
  if (range === '6to4') return fromWords(parts[1]!, parts[2]!);
  // IPv4-compatible ::a.b.c.d (deprecated, but still an IPv4 address in disguise).
  if (parts.slice(0, 6).every((p) => p === 0) && (parts[6]! !== 0 || parts[7]! > 1)) return fromWords(parts[6]!, parts[7]!);
  return undefined;
}

/**
 * Decides whether a fetch may connect to `address`.
 * @example vetAddress('10.0.0.1', {}) // { isAllowed: false, reason: 'a private-network address' }
 */
export function vetAddress(address: string, policy: AddressPolicy = {}): AddressVerdict {
  const canonical = canonicalAddress(address);
  if (!canonical) return { isAllowed: false, reason: 'not an IP address' };
  if (policy.allowAddresses?.some((a) => canonicalAddress(a) === canonical)) return { isAllowed: true };
  if (METADATA_ADDRESSES.has(canonical)) return { isAllowed: false, reason: 'a cloud metadata address' };
  let addr = ipaddr.parse(canonical);
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6;
    const range = v6.range();
    if (range === 'teredo') return { isAllowed: false, reason: 'a Teredo tunnel address' };
    const v4 = embeddedIpv4(v6);
    if (v4) {
      const inner = vetAddress(v4.toString(), policy);
      return inner.isAllowed ? inner : { isAllowed: false, reason: `an IPv6 form of ${inner.reason}` };
    }
    addr = v6;
  }
  const range = addr.range();
  if (range === 'unicast') return { isAllowed: true };
  if (policy.allowPrivateNetwork && PRIVATE_RANGES.has(range)) return { isAllowed: true };
  return { isAllowed: false, reason: RANGE_NAMES[range] ?? `a special-purpose address (${range})` };
}
