import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalAddress, isLocalHostname, vetAddress } from './address-policy.js';

describe('vetAddress', () => {
  const refused: [string, RegExp][] = [
    ['127.0.0.1', /loopback/],
    ['127.8.9.10', /loopback/],
    ['::1', /loopback/],
    ['10.0.0.1', /private/],
    ['172.16.5.4', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['fc00::1', /unique local/],
    ['fd12:3456::1', /unique local/],
    ['169.254.1.1', /link-local/],
    ['fe80::1', /link-local/],
    ['169.254.169.254', /metadata/],
    ['fd00:ec2::254', /metadata/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['100.127.255.254', /carrier-grade NAT/],
    ['0.0.0.0', /unspecified/],
    ['::', /unspecified/],
    ['224.0.0.1', /multicast/],
    ['ff02::1', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['::ffff:127.0.0.1', /IPv6 form of a loopback/],
    ['::ffff:10.0.0.1', /IPv6 form of a private/],
    ['::ffff:169.254.169.254', /IPv6 form of a cloud metadata/],
    ['::127.0.0.1', /IPv6 form of a loopback/],
    ['64:ff9b::a00:1', /IPv6 form of a private/],
    ['2002:c0a8:0101::1', /IPv6 form of a private/],
    ['2001:0:4136:e378::1', /Teredo/],
    ['192.0.2.10', /reserved/],
    ['not-an-ip', /not an IP/],
  ];
  for (const [address, reason] of refused) {
    it(`refuses ${address}`, () => {
      const verdict = vetAddress(address);
      assert.equal(verdict.isAllowed, false);
      assert.match((verdict as { reason: string }).reason, reason);
    });
  }

  for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.216.34', '172.32.0.1', '100.128.0.1']) {
    it(`allows the public address ${address}`, () => assert.deepEqual(vetAddress(address), { isAllowed: true }));
  }

  it('allowPrivateNetwork opens private ranges but never metadata, multicast or unspecified', () => {
    const policy = { allowPrivateNetwork: true };
    for (const a of ['127.0.0.1', '::1', '10.0.0.1', '192.168.1.1', 'fd12::1', '100.64.0.1', '::ffff:127.0.0.1']) {
      assert.deepEqual(vetAddress(a, policy), { isAllowed: true }, a);
    }
    for (const a of ['169.254.169.254', 'fd00:ec2::254', '0.0.0.0', '224.0.0.1', '255.255.255.255']) {
      assert.equal(vetAddress(a, policy).isAllowed, false, a);
    }
  });

  it('allowAddresses allows exactly the listed addresses, in any spelling', () => {
    const policy = { allowAddresses: ['127.0.0.1', '::1'] };
    assert.deepEqual(vetAddress('127.0.0.1', policy), { isAllowed: true });
    assert.deepEqual(vetAddress('0:0:0:0:0:0:0:1', policy), { isAllowed: true });
    assert.equal(vetAddress('127.0.0.2', policy).isAllowed, false);
    assert.equal(vetAddress('10.0.0.1', policy).isAllowed, false);
  });
});

describe('isLocalHostname / canonicalAddress', () => {
  it('recognises names of this machine', () => {
    for (const h of ['localhost', 'LOCALHOST', 'localhost.', 'api.localhost', 'localhost.localdomain', 'ip6-localhost']) {
      assert.equal(isLocalHostname(h), true, h);
    }
    for (const h of ['example.com', 'localhost.example.com', 'mylocalhost']) assert.equal(isLocalHostname(h), false, h);
  });
  it('canonicalises addresses and rejects names', () => {
    assert.equal(canonicalAddress('[::1]'), '::1');
    assert.equal(canonicalAddress('0:0:0:0:0:0:0:1'), '::1');
    assert.equal(canonicalAddress('example.com'), undefined);
  });
});
