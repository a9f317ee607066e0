/**
 * Linear time on pathological inputs: for each repetitive pattern that once made a pass
 * super-linear (quote pairing, speaker look-backs, per-sentence scans over every quote) and for
 * seeded random texts, four times the input may cost at most eight times the time (a quadratic pass costs sixteen) of the NLP layer and
 * the rule analyzers. Times are the fastest of several runs, so a busy machine slows both sizes alike.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeArticle } from '../analyze.js';
import { ingestText } from '../ingest/text.js';

const PATTERNS: Record<string, (n: number) => string> = {
  'curly quotes': (n) => '“quote” '.repeat(n / 8),
  'straight quotes': (n) => '"quote" '.repeat(n / 8),
  '"Yes," he said.': (n) => '"Yes," he said. '.repeat(n / 16),
  'names and speech verbs': (n) => 'Bob Smith said Anna Lee told Tom. '.repeat(n / 34),
  'single quotes and apostrophes': (n) => "‘it’s’ 'don't' ‘x ".repeat(n / 18),
  'periods and initials': (n) => 'A. B. C. U.S. Sen. ... '.repeat(n / 24),
};

function random(seed: number): (n: number) => string {
  const words = ['the', 'Smith', 'said', '“', '”', '"', "'", 'he', 'she', 'Mr.', 'U.S.', 'officials', 'reports', 'told', '.', ',', 'Ann', 'Lee', '!', '?', 'claimed', 'so-called'];
  return (n) => {
    let s = seed;
    let out = '';
    while (out.length < n) {
      s = (s * 1103515245 + 12345) % 2147483648;
      out += `${words[s % words.length]} `;
    }
    return out;
  };
}

async function fastest(text: string, runs = 3): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const article = ingestText(`Headline\n\n${text}`, { requireEnglish: false });
    const t = performance.now();
    await analyzeArticle(article, { analyzers: ['attribution', 'check-worthy', 'headline-support', 'hedging', 'style', 'trust-badge', 'clickbait'] });
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

describe('linear time on pathological inputs', () => {
  const cases = [...Object.entries(PATTERNS), ['random text (seed 7)', random(7)] as const, ['random text (seed 42)', random(42)] as const];
  for (const [name, make] of cases) {
    // two doublings: linear work takes 4× (garbage collection on a shared machine adds up to about
    // 2× on top); a quadratic pass takes 16× and fails clearly
    it(`${name}: four times the text takes at most eight times the time`, async () => {
      await fastest(make(4000), 1); // warm up
      const small = await fastest(make(30_000), 5);
      const large = await fastest(make(120_000), 5);
      assert.ok(large <= 8 * small + 30, `${name}: 30 KB ${small.toFixed(0)} ms, 120 KB ${large.toFixed(0)} ms`);
    });
  }
});
