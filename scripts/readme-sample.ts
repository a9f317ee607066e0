/**
 * `npm run readme:sample`: writes the README's sample output from a real run of its quick-start
 * command (`factlens check examples/aegean-standoff.txt`) as a fresh clone runs it — no colour, no
 * corpus (an empty per-user data folder), the shipped models — keeping the verdict, the counts and
 * the problems, then "…". `--check` writes nothing and exits 1 when the README differs;
 * test/readme-sample.test.ts does the same check in the test suite.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';
import { captureIo } from '../test/capture-io.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const README = join(ROOT, 'README.md');

/** The command the README's quick start runs, as arguments of `factlens`. */
export const SAMPLE_COMMAND = ['check', 'examples/aegean-standoff.txt'];

const START = '<!-- readme-sample: start (written by npm run readme:sample from a real run; do not edit) -->';
const END = '<!-- readme-sample: end -->';

/** Lines kept from the output: everything up to the end of the problems, at most this many. */
const MAX_LINES = 40;

/** Runs the quick-start command as a fresh clone would and returns the README's excerpt of its output. */
export async function readmeSample(): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'factlens-readme-'));
  try {
    const io = captureIo({ cwd: ROOT, env: { HOME: home, XDG_DATA_HOME: join(home, 'data'), NO_COLOR: '1' } });
    const code = await main(SAMPLE_COMMAND, io);
    if (code !== 0) throw new Error(`factlens ${SAMPLE_COMMAND.join(' ')} exited ${code}: ${io.err()}`);
    const lines = io.out().trimEnd().split('\n');
    // the problems section ends at the next blank line after its heading
    const problems = lines.indexOf('Problems');
    const blank = problems < 0 ? -1 : lines.indexOf('', problems);
    const end = Math.min(MAX_LINES, blank < 0 ? lines.length : blank);
    return [...lines.slice(0, end), ...(end < lines.length ? ['…'] : [])].join('\n');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The README with its sample block holding `sample`; an error when the README has no such block. */
export function withSample(readme: string, sample: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no sample block (${START} … ${END})`);
  return `${readme.slice(0, start)}${START}\n\`\`\`\n${sample}\n\`\`\`\n${readme.slice(end)}`;
}

async function run(): Promise<number> {
  const readme = readFileSync(README, 'utf8');
  const updated = withSample(readme, await readmeSample());
  if (process.argv.includes('--check')) {
    if (updated === readme) return 0;
    process.stderr.write('README.md sample output is stale: run npm run readme:sample\n');
    return 1;
  }
  if (updated !== readme) writeFileSync(README, updated);
  process.stdout.write(updated === readme ? 'README.md sample output is current\n' : 'README.md sample output rewritten\n');
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`readme-sample: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
