/** Docs that must not drift from the code: every error code documented with its HTTP status. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ERROR_CODES } from '../src/core/errors.js';
import { STATUS_BY_CODE } from '../src/http/errors.js';

describe('docs/errors.md', () => {
  const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  for (const code of ERROR_CODES) {
    it(`documents ${code} with HTTP ${STATUS_BY_CODE[code]}`, () => {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
      assert.ok(row, `a row for ${code}`);
      assert.ok(row!.trimEnd().endsWith(`| ${STATUS_BY_CODE[code]} |`), row);
    });
  }
});

describe('docs/analyzers.md', () => {
  it('is the current output of factlens analyzers --markdown (regenerate it when analyzers change)', async () => {
    const { analyzersMarkdown } = await import('../src/cli/commands/analyzers.js');
    assert.equal(readFileSync(new URL('../docs/analyzers.md', import.meta.url), 'utf8'), analyzersMarkdown());
  });
});
