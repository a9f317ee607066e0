/**
 * The canonical case (../shared/examples/pentagon-isis-2015.txt): the report must say what a
 * fact-checker would. Skips, saying so, when ../shared is not beside the checkout.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/analyze.js';
import { loadShippedModels } from '../src/models/shipped.js';
import type { Report } from '../src/core/types.js';

const CANONICAL = fileURLToPath(new URL('../../shared/examples/pentagon-isis-2015.txt', import.meta.url));
const skip = existsSync(CANONICAL) ? false : `canonical article not found at ${CANONICAL} (../shared is absent)`;
if (skip) console.log(`# SKIP canonical case: ${skip}`);

describe('canonical case: pentagon-isis-2015', { skip }, () => {
  let report: Report;
  const load = async (): Promise<Report> => {
    report ??= await analyze({ text: readFileSync(CANONICAL, 'utf8') }, { meta: { publishedAt: '2015-10-08' } });
    return report;
  };
  const quoted = (r: Report, code: string): string[] => r.findings.filter((f) => f.code === code).map((f) => f.quote ?? '');

  it('flags the "Fact checked" badge', async () => {
    assert.deepEqual(quoted(await load(), 'unbacked-badge'), ['Fact checked']);
  });
  it('flags the stripped "reports:" attribution', async () => {
    assert.deepEqual(quoted(await load(), 'stripped-attribution'), ['reports:']);
  });
  it('attributes quotes to Ash Carter (3), Sergei Lavrov (2) and Dmitry Peskov (1)', async () => {
    const r = await load();
    const count = (name: string): number => r.nlp.quotes.filter((q) => q.kind !== 'indirect' && q.speaker?.name === name).length;
    assert.ok(count('Ash Carter') >= 3, `Ash Carter: ${count('Ash Carter')}`);
    assert.equal(count('Sergei Lavrov'), 2);
    assert.equal(count('Dmitry Peskov'), 1);
    const carterVia = r.nlp.quotes.filter((q) => q.speaker?.name === 'Ash Carter').map((q) => q.speaker?.via);
    assert.ok(carterVia.includes('pronoun'), '"He further said" resolves through the pronoun');
  });
  it('merges ISIS, ISIL and Daesh into one entity', async () => {
    const r = await load();
    const isis = r.nlp.entities.filter((e) => ['ISIS', 'ISIL', 'Daesh'].some((a) => e.aliases.includes(a)));
    assert.equal(isis.length, 1);
    assert.deepEqual([...isis[0]!.aliases].sort(), ['Daesh', 'ISIL', 'ISIS']);
  });
  it('finds one-sided hedging on "allegedly"', async () => {
    const r = await load();
    const f = r.findings.find((x) => x.code === 'one-sided-hedging');
    assert.equal(f?.quote, 'allegedly');
    assert.equal(f?.data?.actor, 'United States');
    assert.equal(f?.data?.other, 'Russia');
  });
  it('reports the headline as unsupported by the body', async () => {
    const r = await load();
    assert.ok(r.findings.some((f) => f.code === 'unsupported-headline' && f.span?.start === 0));
    assert.ok(r.findings.some((f) => f.code === 'quoted-word-not-in-body' && f.quote === "'thwart'"));
  });
  it('ranks "Russia launched its air campaign …" among the three most check-worthy sentences', async () => {
    const r = await load();
    const top = r.findings.filter((f) => f.code === 'check-worthy-claim').sort((a, b) => Number(a.data?.rank) - Number(b.data?.rank)).slice(0, 3);
    assert.ok(top.some((f) => f.quote === 'Russia launched its air campaign against terrorists in Syria on September 30.'), JSON.stringify(top.map((f) => f.quote)));
  });
  it('keeps "Russia launched …" in the top three with the shipped models loaded', async () => {
    const r = await analyze({ text: readFileSync(CANONICAL, 'utf8') }, { services: { models: await loadShippedModels() } });
    const top = r.findings.filter((f) => f.code === 'check-worthy-claim' && Number(f.data?.rank) <= 3).map((f) => f.quote);
    assert.ok(top.includes('Russia launched its air campaign against terrorists in Syria on September 30.'), JSON.stringify(top));
    assert.ok(r.findings.some((f) => f.code === 'unsupported-headline'));
  });
  it('resolves relative dates against the publication date', async () => {
    const r = await load();
    const d = Object.fromEntries(r.nlp.dates.map((x) => [x.text, x.resolved]));
    assert.equal(d['on Wednesday'], '2015-10-07');
    assert.equal(d['on Tuesday'], '2015-10-06');
    assert.equal(d['September 30'], '2015-09-30');
  });
});
