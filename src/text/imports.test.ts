/**
 * The layout this folder exists for: analyzers reach the corpus only through the CorpusStore they
 * are given (src/store/types.ts) and take their text utilities from here, so a store backend needs
 * no analyzer change; and these utilities depend on no store (type imports of store/types aside).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every `from '…'` of a file, with whether it is a type-only import. */
function imports(file: string): { path: string; isTypeOnly: boolean }[] {
  return [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)].map((m) => ({ path: m[2]!, isTypeOnly: Boolean(m[1]) }));
}

describe('text utilities and the store boundary', () => {
  it('analyzers import nothing from src/store but the interface (types.ts)', () => {
    const offending = sources(join(SRC, 'analyzers')).flatMap((file) =>
      imports(file)
        .filter((i) => /\/store\//.test(i.path) && !/\/store\/types\.js$/.test(i.path))
        .map((i) => `${relative(SRC, file)} → ${i.path}`),
    );
    assert.deepEqual(offending, []);
  });

  it('src/text imports no store code (type imports of store/types.ts aside)', () => {
    const offending = sources(join(SRC, 'text')).flatMap((file) =>
      imports(file)
        .filter((i) => /\/store\//.test(i.path) && !(i.isTypeOnly && /\/store\/types\.js$/.test(i.path)))
        .map((i) => `${relative(SRC, file)} → ${i.path}`),
    );
    assert.deepEqual(offending, []);
  });
});
