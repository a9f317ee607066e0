import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCheckworthyFile, sentenceKey, withoutHeldOut } from './data.js';

test('CheckThat! 2019 per-debate TSV (no header) is one transcript', () => {
  const { transcripts, format } = parseCheckworthyFile('/x/20160926_1pres.tsv', '1\tHOLT\tGood evening.\t0\n2\tTRUMP\tWe lost 70,000 factories.\t1\n');
  assert.equal(format, 'checkthat2019-tsv');
  assert.deepEqual(transcripts, [
    {
      name: '20160926_1pres',
      lines: [
        { id: '1', speaker: 'HOLT', text: 'Good evening.', label: 0 },
        { id: '2', speaker: 'TRUMP', text: 'We lost 70,000 factories.', label: 1 },
      ],
    },
  ]);
});

test('unlabelled TSV lines have no label', () => {
  const { transcripts } = parseCheckworthyFile('t.tsv', '1\tA\tHello.\n');
  assert.equal(transcripts[0]!.lines[0]!.label, undefined);
});

test('the CSV rendering groups by file_name', () => {
  const csv = 'line_number,speaker,text,label,file_name\n1,A,"Hi, all.",0,d1.tsv\n2,B,Taxes rose 5%.,1,d1.tsv\n1,C,Next.,0,d2.tsv\n';
  const { transcripts, format } = parseCheckworthyFile('x.csv', csv);
  assert.equal(format, 'checkthat2019-csv');
  assert.deepEqual(
    transcripts.map((t) => [t.name, t.lines.length]),
    [
      ['d1', 2],
      ['d2', 1],
    ],
  );
  assert.equal(transcripts[0]!.lines[0]!.text, 'Hi, all.');
});

test('CheckThat! 2020 debates TSV, tweets TSV and ClaimBuster JSON', () => {
  const t5 = parseCheckworthyFile('train.tsv', 'text\tlabel\nAnd welcome back.\t0\nUnemployment fell to 4%.\t1\n');
  assert.equal(t5.format, 'checkthat2020-debates');
  assert.deepEqual(t5.transcripts[0]!.lines.map((l) => [l.id, l.label]), [
    ['1', 0],
    ['2', 1],
  ]);
  const tw = parseCheckworthyFile('dev.tsv', 'topic_id\ttweet_id\ttweet_url\ttweet_text\tclaim\tcheck_worthiness\ncovid-19\t42\thttp://t\tMasks "work".\t1\t1\n');
  assert.equal(tw.format, 'checkthat2020-tweets');
  assert.deepEqual(tw.transcripts[0], { name: 'covid-19', lines: [{ id: '42', text: 'Masks "work".', label: 1 }], unordered: true });
  const cb = parseCheckworthyFile('train.json', '[{"sentence_id": 7, "label": 1, "text": "GDP grew 3%."}]');
  assert.equal(cb.format, 'claimbuster-json');
  assert.deepEqual(cb.transcripts[0]!.lines, [{ id: '7', text: 'GDP grew 3%.', label: 1 }]);
  assert.equal(cb.transcripts[0]!.unordered, true);
});

test('bad labels and bad JSON are input-invalid', () => {
  assert.throws(() => parseCheckworthyFile('t.tsv', '1\tA\tHi.\tyes\n'), /neither 0 nor 1/);
  assert.throws(() => parseCheckworthyFile('t.json', '{'), /not valid JSON/);
});

test('withoutHeldOut drops exact and near repeats of held-out sentences', () => {
  const held = [{ id: '1', text: 'We have lost seventy thousand factories since then, folks.' }];
  const lines = [
    { id: 'a', text: 'We have LOST seventy thousand factories since then, folks!' },
    { id: 'b', text: 'Well, we have lost seventy thousand factories since then.' },
    { id: 'c', text: 'The economy is growing faster than ever before in history.' },
  ];
  assert.deepEqual(
    withoutHeldOut(lines, held).map((l) => l.id),
    ['c'],
  );
  assert.equal(sentenceKey('  Hello,   World! '), 'hello world');
});
