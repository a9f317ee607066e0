/**
 * A short fuzz run (src/eval/fuzz.ts, the harness behind `npm run fuzz`): a few hundred seeded
 * hostile inputs of up to 16 KB through `analyze` on a worker thread. Any crash (anything but a
 * typed FactlensError, an analyzer failure included), any hang, and any input over a generous
 * budget (3 s + 50 ms per KB, timed up to three times, the fastest counting) fails the test and
 * names the command that makes the input again.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fuzzCase, FUZZ_KINDS } from '../src/eval/fuzz.js';
import { countOutcomes, problems, runFuzz } from '../src/eval/fuzz-run.js';

const SEED = 20_240_601;
const COUNT = 300;
const MAX_KB = 16;
const dir = new URL('./fixtures/articles/', import.meta.url);
const articles = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));

describe('fuzz harness', () => {
  it('makes the same input again from the same seed and index, and another from another', () => {
    assert.deepEqual(fuzzCase(3, 17, { articles }), fuzzCase(3, 17, { articles }));
    assert.notDeepEqual(fuzzCase(3, 17, { articles }).input, fuzzCase(3, 18, { articles }).input);
    assert.notDeepEqual(fuzzCase(3, 17, { articles }).input, fuzzCase(4, 17, { articles }).input);
  });

  it('draws every kind of input in a short run', () => {
    const kinds = new Set(Array.from({ length: COUNT }, (_, i) => fuzzCase(SEED, i, { maxBytes: MAX_KB * 1024, articles }).kind));
    assert.deepEqual([...kinds].sort(), [...FUZZ_KINDS].sort());
  });

  it(`${COUNT} hostile inputs: no crash, no hang, none over budget`, { timeout: 120_000 }, async () => {
    const summary = await runFuzz({ seed: SEED, count: COUNT, maxBytes: MAX_KB * 1024, articles, budgetBaseMs: 3000, budgetPerKbMs: 50, growthChecks: 0 });
    assert.equal(summary.results.length, COUNT);
    const bad = problems(summary).map((r) => `#${r.index} ${r.kind} ${r.outcome}${r.message ? `: ${r.message}` : ''} (npm run fuzz -- --seed ${SEED} --only ${r.index} --max-kb ${MAX_KB})`);
    assert.deepEqual(bad, [], `outcomes: ${JSON.stringify([...countOutcomes(summary.results)])}`);
    // the run reached the analyzers: most inputs end in a report, not a refusal
    assert.ok(summary.results.filter((r) => r.outcome === 'ok').length > COUNT / 2, JSON.stringify([...countOutcomes(summary.results)]));
  });
});
