/** The README's sample output is what its quick-start command prints now (npm run readme:sample rewrites it). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { README, readmeSample, SAMPLE_COMMAND, withSample } from '../scripts/readme-sample.js';

describe('README sample output', () => {
  const readme = readFileSync(README, 'utf8');

  it('belongs to the command the quick start gives', () => {
    assert.ok(readme.includes(`node bin/factlens.js ${SAMPLE_COMMAND.join(' ')}\n`), 'the quick start runs the sampled command');
  });

  it('is the output of a real run today (run npm run readme:sample when this fails)', { timeout: 60_000 }, async () => {
    const sample = await readmeSample();
    assert.match(sample, /^Credibility /m, 'the run printed a report');
    const expected = withSample(readme, sample);
    const block = (s: string): string => s.slice(s.indexOf('<!-- readme-sample: start'), s.indexOf('<!-- readme-sample: end'));
    assert.equal(block(readme), block(expected), 'README.md sample output is stale: run npm run readme:sample');
  });

  it('is replaced between its markers only', () => {
    const doc = 'intro\n<!-- readme-sample: start (written by npm run readme:sample from a real run; do not edit) -->\n```\nold\n```\n<!-- readme-sample: end -->\nrest\n';
    assert.equal(withSample(doc, 'new\nlines'), doc.replace('old', 'new\nlines'));
    assert.throws(() => withSample('no block here', 'x'), /no sample block/);
  });
});
