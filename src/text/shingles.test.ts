import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitPassages } from './passages.js';
import { compareTexts, countDistinct, fingerprintHashes, mergeSpans, SHINGLE_WORDS, shingleText, WINNOW_WINDOW, winnow } from './shingles.js';

function words(seed: number, n: number): string[] {
  let x = seed >>> 0;
  return Array.from({ length: n }, () => {
    x = (Math.imul(x ^ (x >>> 13), 0x5bd1e995) + 0x9e3779b9) >>> 0;
    return `w${x % 5000}`;
  });
}

describe('shingles', () => {
  it('tokenizes letters and digits, lower-cased, with offsets; apostrophes and quote styles do not matter', () => {
    const a = shingleText('Russia’s jets struck 12 targets, officials said.');
    const b = shingleText("RUSSIA'S jets struck 12 targets — officials said");
    assert.equal(a.words, 8);
    assert.deepEqual([a.starts[0], a.ends[0]], [0, 6]);
    assert.deepEqual([...a.hashes], [...b.hashes]);
    assert.equal(a.hashes.length, 8 - SHINGLE_WORDS + 1);
  });

  it('keeps the hash values stored corpora were fingerprinted with (ASCII and other letters)', () => {
    // values written by the first release; a change here makes old databases unfindable
    const mixed = 'The Council approved the new budget, Ζωή ΟΔΟΣ café naïve — İstanbul’s ferries resumed on Monday.';
    assert.deepEqual(
      [...shingleText(mixed).hashes],
      [
        7407635649768326, 1751356781602757, 4853432654508909, 193594740706129, 7629827501600690, 3262919194302046,
        4092071459931818, 2572387858686857, 3696789188416662, 7326264205298491, 4712157217740839, 2348742940743916,
      ],
    );
    const accented = 'Officials in Zürich said the café reopened on Monday after the storm.';
    assert.deepEqual(
      [...shingleText(accented).hashes],
      [2722299043705446, 7808482921213545, 7208757616610545, 1936071623042284, 8998300301908300, 3928731326509644, 5956377935767434, 5791385215307914],
    );
    assert.deepEqual(fingerprintHashes(accented), [1936071623042284]);
  });

  it('counts distinct hashes as a Set would', () => {
    assert.equal(countDistinct(new Float64Array(0)), 0);
    assert.equal(countDistinct(new Float64Array([5, 5, 2 ** 52 + 5, 5, 0, 2 ** 32 + 5])), 4);
    const { hashes } = shingleText(`${words(3, 300).join(' ')} ${words(3, 300).join(' ')}`);
    assert.equal(countDistinct(hashes), new Set(hashes).size);
  });

  it('handles text whose lower-case form changes length', () => {
    const t = shingleText('İstanbul officials said the ferry service resumed on Monday morning');
    assert.equal(t.words, 10);
    assert.equal(t.hashes.length, 6);
  });

  it('winnows: every window keeps its smallest hash, and short texts keep one', () => {
    const { hashes } = shingleText(words(1, 200).join(' '));
    const kept = new Set(winnow(hashes));
    for (let i = 0; i + WINNOW_WINDOW <= hashes.length; i++) {
      const window = [...hashes.slice(i, i + WINNOW_WINDOW)];
      const min = Math.min(...window);
      assert.ok([...kept].some((k) => k >= i && k < i + WINNOW_WINDOW && hashes[k] === min), `window ${i}`);
    }
    assert.equal(winnow(shingleText('only six words in this text').hashes).length, 1);
    assert.deepEqual(winnow(new Float64Array(0)), []);
  });

  it('guarantees a shared fingerprint for any shared run of k + w − 1 words, whatever surrounds it', () => {
    const run = SHINGLE_WORDS + WINNOW_WINDOW - 1;
    for (let trial = 0; trial < 50; trial++) {
      const shared = words(1000 + trial, run);
      const a = [...words(trial, 37 + trial), ...shared, ...words(500 + trial, 50)].join(' ');
      const b = [...words(9000 + trial, 11), ...shared, ...words(7000 + trial, 23)].join(' ');
      const fa = new Set(fingerprintHashes(a));
      assert.ok(fingerprintHashes(b).some((h) => fa.has(h)), `trial ${trial}`);
    }
  });

  it('compares texts: shares of each side and the shared spans on both sides', () => {
    const shared = 'the council approved the new budget for parks and libraries on monday evening';
    const a = `Opening words here. ${shared}. Closing remarks follow.`;
    const b = `${shared} after a long debate that lasted four hours and more`;
    const o = compareTexts(a, b);
    assert.equal(o.shared, 13 - SHINGLE_WORDS + 1);
    assert.equal(a.slice(o.aSpans[0]!.start, o.aSpans[0]!.end), shared);
    assert.equal(b.slice(o.bSpans[0]!.start, o.bSpans[0]!.end), shared);
    assert.ok(o.shared / o.bShingles > 0.4 && o.shared / o.aShingles > 0.5);
    assert.deepEqual(compareTexts(a, 'nothing in common at all here today').aSpans, []);
  });

  it('merges overlapping spans only', () => {
    assert.deepEqual(mergeSpans([{ start: 10, end: 20 }, { start: 0, end: 5 }, { start: 15, end: 30 }, { start: 31, end: 40 }]), [
      { start: 0, end: 5 },
      { start: 10, end: 30 },
      { start: 31, end: 40 },
    ]);
  });
});

describe('passages', () => {
  const para = (n: number, seed: number): string => `${words(seed, n).join(' ')}.`;
  it('keeps paragraphs of a sensible size as passages, with exact offsets', () => {
    const text = `${para(60, 1)}\n\n${para(70, 2)}\n${para(50, 3)}`;
    const spans = splitPassages(text);
    assert.equal(spans.length, 3);
    assert.equal(text.slice(spans[1]!.start, spans[1]!.end), para(70, 2));
  });
  it('joins short paragraphs and attaches a short tail', () => {
    const text = [para(10, 1), para(12, 2), para(25, 3), para(60, 4), para(5, 5)].join('\n\n');
    const spans = splitPassages(text);
    assert.equal(spans.length, 2);
    assert.equal(spans[0]!.start, 0);
    assert.equal(spans[1]!.end, text.length);
  });
  it('cuts a very long paragraph at sentence ends', () => {
    const long = Array.from({ length: 30 }, (_, i) => `${words(i + 10, 20).join(' ')}.`).join(' ');
    const spans = splitPassages(long);
    assert.ok(spans.length >= 3);
    for (const s of spans) assert.match(long.slice(s.start, s.end), /\.$/);
    assert.deepEqual(splitPassages('   \n\n  '), []);
  });
});
