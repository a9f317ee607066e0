import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { HOSTILE_TEXT, SAMPLE_TEXT, hostileReport, sampleReport } from '../../test/fixtures/reports/sample-report.js';
import { analyze } from '../analyze.js';
import { REPORT_SCHEMA_VERSION } from '../core/types.js';
import { renderJson } from './json.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

function check(value: unknown): string {
  return validate(value) ? '' : JSON.stringify(validate.errors?.slice(0, 5));
}

describe('schema/report.schema.json', () => {
  it('is the schema of the current report version', () => {
    assert.equal(schema.properties.schemaVersion.const, REPORT_SCHEMA_VERSION);
    assert.ok(String(schema.$id).endsWith(`:${REPORT_SCHEMA_VERSION}`));
  });

  it('validates real JSON output of analyze() on fixture articles', async () => {
    for (const text of [SAMPLE_TEXT, HOSTILE_TEXT]) {
      const report = await analyze({ text }, { meta: { publishedAt: '2024-05-08', source: 'example.org' } });
      assert.equal(check(JSON.parse(renderJson(report))), '');
    }
    const fromHtml = await analyze(
      { html: `<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1><p>${SAMPLE_TEXT.replace(/\n\n/g, '</p><p>')}</p></article></body></html>`, url: 'https://example.org/a' },
    );
    assert.equal(check(JSON.parse(renderJson(fromHtml))), '');
  });

  it('validates reports that carry findings, quotes, entities and failures', async () => {
    assert.equal(check(JSON.parse(renderJson(await sampleReport()))), '');
    assert.equal(check(JSON.parse(renderJson(await hostileReport()))), '');
  });

  it('rejects reports that drift from the shape', async () => {
    const good = JSON.parse(renderJson(await sampleReport()));
    // biome-ignore lint/suspicious/noExplicitAny: mutating arbitrary parts of a parsed report
    type Loose = Record<string, any>;
    const cases: [string, (r: Loose) => void][] = [
      ['missing verdict', (r) => delete r.verdict],
      ['other version', (r) => (r.schemaVersion = '0.9.0')],
      ['unknown severity', (r) => (r.findings[0].severity = 'fatal')],
      ['span without end', (r) => delete r.findings[0].span.end],
      ['unknown top-level field', (r) => (r.extra = 1)],
      ['confidence above 1', (r) => (r.findings[0].confidence = 1.5)],
    ];
    for (const [name, mutate] of cases) {
      const bad = structuredClone(good);
      mutate(bad);
      assert.notEqual(check(bad), '', name);
    }
  });
});
