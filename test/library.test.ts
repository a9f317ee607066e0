/** The library as a program meets it: typed services, openCorpus, findings in report order. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { analyze, FactlensError, openCorpus, type Severity } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'factlens-library-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const EXAMPLE = readFileSync(new URL('../examples/aegean-standoff.txt', import.meta.url), 'utf8');

describe('library', () => {
  it('types services: a misspelt member does not compile (checked by npm run typecheck)', async () => {
    const models = {};
    // @ts-expect-error `modles` is not a service: the typo must fail to compile
    const report = await analyze({ text: EXAMPLE }, { services: { modles: models } });
    assert.equal(report.verdict.isCalibrated, false);
  });

  it('opens a corpus by path, file: or sqlite: URL, and the report says which one it read', async () => {
    const path = join(dir, 'lib.db');
    const writable = openCorpus(path, { create: true });
    await writable.addSourceRatings([{ domain: 'badnews.example', label: 'fake', rawLabel: 'fake', list: 'test list' }]);
    await writable.close();
    for (const url of [path, pathToFileURL(path).href, `sqlite:${path}`]) {
      const store = openCorpus(url);
      try {
        const report = await analyze({ text: EXAMPLE }, { meta: { source: 'badnews.example' }, services: { store }, analyzers: ['source'] });
        assert.deepEqual(report.corpus, { isUsed: true, location: store.location }, url);
        assert.ok(report.findings.some((f) => f.code === 'listed-fake'), url);
      } finally {
        await store.close();
      }
    }
    const none = await analyze({ text: EXAMPLE }, { analyzers: ['source'] });
    assert.deepEqual(none.corpus, { isUsed: false });
    assert.throws(() => openCorpus('mysql://db.example/factlens'), (e: unknown) => e instanceof FactlensError && e.code === 'config-invalid');
    assert.throws(() => openCorpus(join(dir, 'missing.db')), (e: unknown) => e instanceof FactlensError && e.code === 'not-found');
  });

  it('lists findings by severity (problem, warning, info), then by position', async () => {
    const report = await analyze({ text: EXAMPLE });
    const rank: Record<Severity, number> = { problem: 0, warning: 1, info: 2 };
    const keys = report.findings.map((f) => [rank[f.severity], f.span?.start ?? -1] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.deepEqual(keys, sorted);
    assert.equal(report.findings[0]!.severity, 'problem');
    assert.equal(report.findings.at(-1)!.severity, 'info');
  });
});
