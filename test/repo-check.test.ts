/**
 * Repository rules (like ESLint's rule-file check): every analyzer folder has code, tests and a
 * README; every folder is registered under its own id; the README documents exactly the codes the
 * analyzer declares; the registry is sorted.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ANALYZERS } from '../src/analyzers/index.js';

const DIR = new URL('../src/analyzers/', import.meta.url);
const folders = readdirSync(DIR).filter((f) => statSync(new URL(f, DIR)).isDirectory());

describe('analyzer folders', () => {
  it('the registry is sorted by id and lists every folder exactly once', () => {
    const ids = ANALYZERS.map((a) => a.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.deepEqual([...ids].sort(), [...folders].sort());
  });
  for (const folder of folders) {
    describe(folder, () => {
      const files = readdirSync(new URL(`${folder}/`, DIR));
      it('has index.ts, a README and tests', () => {
        assert.ok(files.includes('index.ts'), 'index.ts');
        assert.ok(files.includes('README.md'), 'README.md');
        assert.ok(files.some((f) => f.endsWith('.test.ts')), 'a *.test.ts file');
      });
      it('README documents exactly the declared codes, with the required sections', () => {
        const analyzer = ANALYZERS.find((a) => a.id === folder);
        assert.ok(analyzer, `analyzer ${folder} registered`);
        const readme = readFileSync(new URL(`${folder}/README.md`, DIR), 'utf8');
        for (const section of ['## What it checks', '## Findings', '## Options', '## Limitations', '## Measured quality']) {
          assert.ok(readme.includes(section), `README section "${section}"`);
        }
        const findings = readme.slice(readme.indexOf('## Findings'), readme.indexOf('\n## ', readme.indexOf('## Findings') + 3));
        const documented = [...findings.matchAll(/^\|\s*`([a-z0-9-]+)`/gm)].map((m) => m[1]).sort();
        assert.deepEqual(documented, Object.keys(analyzer!.codes).sort());
      });
      it('id, codes and version are well-formed', () => {
        const analyzer = ANALYZERS.find((a) => a.id === folder)!;
        assert.match(analyzer.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        assert.match(analyzer.version, /^\d+\.\d+\.\d+$/);
        for (const code of Object.keys(analyzer.codes)) assert.match(code, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        assert.ok(existsSync(new URL(`${folder}/index.ts`, DIR)));
      });
    });
  }
});
