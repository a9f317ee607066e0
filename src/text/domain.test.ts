import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostChain, normalizeHost, registrableDomain, urlKey } from './domain.js';

describe('domain', () => {
  it('reduces URLs to hosts, registrable domains and comparison keys', () => {
    assert.equal(normalizeHost('HTTPS://WWW.Example.co.uk/a?b'), 'example.co.uk');
    assert.equal(normalizeHost('Reuters'), undefined);
    assert.equal(registrableDomain('https://news.bbc.co.uk/x'), 'bbc.co.uk');
    assert.equal(registrableDomain('foo.blogspot.com'), 'foo.blogspot.com');
    assert.deepEqual(hostChain('https://a.b.example.com/x'), ['a.b.example.com', 'b.example.com', 'example.com']);
    assert.equal(urlKey('https://www.example.com/a/B/?utm=1#top'), 'example.com/a/b');
  });
});
