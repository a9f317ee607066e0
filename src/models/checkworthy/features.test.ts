import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeStructureTerm, speakerKey, speakerRoles, STRUCTURE_TERMS, structureTerms } from './features.js';

const moderatorLines = (n: number, questions: number): { text: string; speaker: string }[] =>
  Array.from({ length: n }, (_, i) => ({ speaker: 'HOLT', text: i < questions ? `Question number ${i}?` : `Thank you, number ${i}.` }));

test('speaker labels with titles, descriptions and a leading reaction are one speaker', () => {
  assert.equal(speakerKey('SEN. BERNIE SANDERS (D-VT), PRESIDENTIAL CANDIDATE'), 'SANDERS');
  assert.equal(speakerKey('(APPLAUSE) SANDERS'), 'SANDERS');
  assert.equal(speakerKey('MR. SCHWAB'), 'SCHWAB');
  assert.equal(speakerKey('AUDIENCE MEMBERS'), 'AUDIENCE');
  assert.equal(speakerKey('SYSTEM'), 'SYSTEM');
});

test('roles are read from the transcript: most lines main, a questioner moderator, stage directions and audience', () => {
  const lines = [
    ...moderatorLines(10, 2),
    ...Array.from({ length: 20 }, (_, i) => ({ speaker: 'TRUMP', text: `We built ${i} walls.` })),
    ...Array.from({ length: 12 }, (_, i) => ({ speaker: 'CLINTON', text: `My plan has ${i} parts.` })),
    { speaker: 'SYSTEM', text: '(APPLAUSE)' },
    { speaker: 'QUESTION', text: 'What about jobs?' },
    { speaker: 'PENCE', text: 'Briefly, no.' },
    { speaker: 'TRUMP', text: '[crosstalk]' },
  ];
  const roles = speakerRoles(lines);
  assert.equal(roles[0], 'moderator'); // 2 of 10 lines are questions
  assert.equal(roles[10], 'main');
  assert.equal(roles[30], 'main'); // CLINTON: ≥ 10 lines, no questions
  assert.deepEqual(roles.slice(-4), ['stage', 'audience', 'other', 'stage']);
  // one question in ten is not enough to be a moderator
  assert.equal(speakerRoles([...moderatorLines(10, 1), ...lines.slice(10)])[0], 'main');
});

test('a document without speakers gets no roles and no structure terms', () => {
  const lines = [{ text: 'Taxes rose 5% in 2019.' }, { text: 'The mayor resigned.' }];
  assert.deepEqual(speakerRoles(lines), [undefined, undefined]);
  assert.deepEqual(structureTerms(lines), [[], []]);
});

test('structure terms: turn position and length, who spoke before, a reaction after', () => {
  const lines = [
    { speaker: 'HOLT', text: 'Your answer?' },
    { speaker: 'TRUMP', text: 'We lost 70,000 factories.' },
    { speaker: 'TRUMP', text: 'Terrible.' },
    { speaker: 'SYSTEM', text: '(APPLAUSE)' },
    { speaker: 'TRUMP', text: 'Thank you.' },
    { speaker: 'HOLT', text: 'Thank you.' },
  ];
  const terms = structureTerms(lines);
  // HOLT has too few lines here to be told a moderator: "other"
  assert.deepEqual(terms[1], ['<role:main>', '<doc-position:0>', '<turn-position:≤1>', '<turn-length:≤3>', '<after:other>']);
  // the stage direction does not end the turn: "Thank you." is its third sentence
  assert.deepEqual(terms[2], ['<role:main>', '<doc-position:1>', '<turn-position:≤2>', '<turn-length:≤3>', '<after:other>', '<reaction-next>']);
  assert.deepEqual(terms[3], ['<role:stage>', '<doc-position:2>']);
  assert.ok(terms[4]!.includes('<turn-last>'));
  assert.ok(terms[4]!.includes('<turn-position:≤5>'));
  for (const t of terms.flat()) assert.ok(STRUCTURE_TERMS.includes(t), t);
  assert.equal(describeStructureTerm('<reaction-next>'), 'followed by an audience reaction');
});
