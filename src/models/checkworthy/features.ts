/**
 * What the check-worthiness model reads of a sentence besides its own words, after the contextual
 * features of Gencheva et al. (2017, "A Context-Aware Approach for Detecting Worth-Checking Claims
 * in Political Debates") that CheckThat! systems built on:
 * - context: the previous and the next sentence of the same document (their words and claim cues,
 *   with weights of their own), available for debates and news articles alike;
 * - structure, for transcripts with speakers only: the speaker's role (a candidate or main
 *   speaker, a moderator or interviewer, the audience, a stage direction such as "(APPLAUSE)"),
 *   where the sentence sits in its speaker's turn, who spoke before the turn, an audience reaction
 *   right after, and the position in the transcript. A document without speakers (a news
 *   article) gets none of these terms: the model then scores from the words and the context alone.
 *
 * Roles are read from the transcript itself, not from a list of names: a line that is only a
 * bracketed stage direction, or a speaker label such as SYSTEM, is a stage direction; QUESTION,
 * AUDIENCE and UNIDENTIFIED speakers are the audience; the speaker with the most lines is a main
 * speaker; another speaker with at least 10 lines, 12% or more of them questions, is a moderator.
 */
import type { CheckworthyLineInput } from '../types.js';

/** The role of a transcript's speaker. */
export type SpeakerRole = 'main' | 'moderator' | 'audience' | 'stage' | 'other';

const STAGE_LABEL = /^(?:SYS\w*|STAGE|NARRATOR)$/;
const AUDIENCE_LABEL = /^(?:QUESTION|AUDIENCE|UNIDENTIFIED|UNKNOWN|Q|CROWD|PROTESTERS?)\b/;
const STAGE_TEXT = /^\s*[[(][^\])]*[\])]\s*$/;
/** A moderator asks: at least this share of their lines end with a question mark. */
const MODERATOR_QUESTION_SHARE = 0.12;
const MODERATOR_MIN_LINES = 10;

/**
 * One key per speaker: a leading "(APPLAUSE)" and a trailing description ("…, PRESIDENTIAL
 * CANDIDATE", "(D-VT)") removed, titles dropped, the last word kept, so "SEN. BERNIE SANDERS
 * (D-VT), PRESIDENTIAL CANDIDATE" and "SANDERS" are the same speaker.
 */
export function speakerKey(label: string): string {
  let s = label.toUpperCase().replace(/^\s*\([^)]*\)\s*/, '');
  s = s.split(/[,(]/)[0]!.trim();
  if (AUDIENCE_LABEL.test(s) || STAGE_LABEL.test(s)) return s.split(/\s+/)[0]!;
  const words = s.split(/\s+/).filter((w) => w.length > 0);
  return words[words.length - 1] ?? '';
}

/** The role of each line's speaker; undefined for every line when the document has no speakers. */
export function speakerRoles(lines: readonly CheckworthyLineInput[]): (SpeakerRole | undefined)[] {
  if (!lines.some((l) => l.speaker !== undefined && l.speaker.trim() !== '')) return lines.map(() => undefined);
  const keys = lines.map((l) => speakerKey(l.speaker ?? ''));
  const count = new Map<string, number>();
  const questions = new Map<string, number>();
  keys.forEach((k, i) => {
    if (k === '' || STAGE_LABEL.test(k) || AUDIENCE_LABEL.test(k) || STAGE_TEXT.test(lines[i]!.text)) return;
    count.set(k, (count.get(k) ?? 0) + 1);
    if (lines[i]!.text.trimEnd().endsWith('?')) questions.set(k, (questions.get(k) ?? 0) + 1);
  });
  let main = '';
  for (const [k, n] of count) if (n > (count.get(main) ?? 0) || (n === count.get(main) && k < main)) main = k;
  const roleOf = new Map<string, SpeakerRole>();
  for (const [k, n] of count) {
    if (k === main) roleOf.set(k, 'main');
    else if (n < MODERATOR_MIN_LINES) roleOf.set(k, 'other');
    else roleOf.set(k, (questions.get(k) ?? 0) / n >= MODERATOR_QUESTION_SHARE ? 'moderator' : 'main');
  }
  return keys.map((k, i): SpeakerRole => {
    if (STAGE_LABEL.test(k) || STAGE_TEXT.test(lines[i]!.text)) return 'stage';
    if (AUDIENCE_LABEL.test(k)) return 'audience';
    return roleOf.get(k) ?? 'other';
  });
}

const bucket = (n: number, edges: readonly number[]): string => {
  for (const e of edges) if (n <= e) return `≤${e}`;
  return `>${edges[edges.length - 1]}`;
};

const ROLES: readonly SpeakerRole[] = ['main', 'moderator', 'audience', 'stage', 'other'];
const TURN_POSITIONS = ['≤1', '≤2', '≤5', '>5'];
const TURN_LENGTHS = ['≤1', '≤3', '≤8', '>8'];
const DOC_POSITIONS = ['0', '1', '2', '3', '4'];

/** Every structure term the model can produce, in a fixed order (the weight file's list). */
export const STRUCTURE_TERMS: readonly string[] = [
  ...ROLES.map((r) => `<role:${r}>`),
  ...TURN_POSITIONS.map((b) => `<turn-position:${b}>`),
  ...TURN_LENGTHS.map((b) => `<turn-length:${b}>`),
  ...ROLES.map((r) => `<after:${r}>`),
  '<turn-last>',
  '<reaction-next>',
  ...DOC_POSITIONS.map((q) => `<doc-position:${q}>`),
];

/** A readable phrase for a structure term (for explanations). */
export function describeStructureTerm(term: string): string | undefined {
  const m = /^<([a-z-]+):?([^>]*)>$/.exec(term);
  if (!m) return undefined;
  const [, kind, value] = m;
  if (kind === 'role') return `spoken by ${value === 'main' ? 'a main speaker' : value === 'stage' ? 'a stage direction' : `the ${value}`}`;
  if (kind === 'turn-position') return `sentence ${value} of its speaker's turn`;
  if (kind === 'turn-length') return `a turn of ${value} sentences`;
  if (kind === 'after') return `answers ${value === 'main' ? 'a main speaker' : `the ${value}`}`;
  if (kind === 'turn-last') return 'ends its turn';
  if (kind === 'reaction-next') return 'followed by an audience reaction';
  if (kind === 'doc-position') return `in fifth ${Number(value) + 1} of the transcript`;
  return undefined;
}

/**
 * The structure terms of each line of a transcript (all empty for a document without speakers).
 * A turn is a run of consecutive lines of one speaker, stage directions left out.
 */
export function structureTerms(lines: readonly CheckworthyLineInput[]): string[][] {
  const roles = speakerRoles(lines);
  if (roles.every((r) => r === undefined)) return lines.map(() => []);
  const keys = lines.map((l) => speakerKey(l.speaker ?? ''));
  // turn boundaries over the non-stage lines
  const turnStart = new Int32Array(lines.length);
  const turnEnd = new Int32Array(lines.length);
  const previousRole: (SpeakerRole | undefined)[] = new Array(lines.length).fill(undefined);
  let start = -1;
  let lastKey: string | undefined;
  let lastRole: SpeakerRole | undefined;
  let roleBefore: SpeakerRole | undefined;
  const spoken: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (roles[i] === 'stage') continue;
    if (keys[i] !== lastKey) {
      roleBefore = lastRole;
      start = i;
      lastKey = keys[i];
    }
    turnStart[i] = start;
    previousRole[i] = roleBefore;
    lastRole = roles[i];
    spoken.push(i);
  }
  for (let k = spoken.length - 1, end = -1; k >= 0; k--) {
    const i = spoken[k]!;
    const next = spoken[k + 1];
    end = next === undefined || turnStart[next] !== turnStart[i] ? i : end;
    turnEnd[i] = end;
  }
  const turnLength = new Map<number, number>();
  for (const i of spoken) turnLength.set(turnStart[i]!, (turnLength.get(turnStart[i]!) ?? 0) + 1);
  const positionInTurn = new Map<number, number>();
  return lines.map((_, i) => {
    const role = roles[i]!;
    const out = [`<role:${role}>`, `<doc-position:${Math.min(4, Math.floor((5 * i) / lines.length))}>`];
    if (role === 'stage') return out;
    const s = turnStart[i]!;
    const p = (positionInTurn.get(s) ?? 0) + 1;
    positionInTurn.set(s, p);
    out.push(`<turn-position:${bucket(p, [1, 2, 5])}>`, `<turn-length:${bucket(turnLength.get(s)!, [1, 3, 8])}>`);
    if (previousRole[i]) out.push(`<after:${previousRole[i]}>`);
    if (turnEnd[i] === i) out.push('<turn-last>');
    if (roles[i + 1] === 'stage') out.push('<reaction-next>');
    return out;
  });
}
