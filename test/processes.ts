/**
 * Spawning the CLI as child processes for fault tests (kill -9, signals, several workers), and the
 * small articles those tests feed it. Test support.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('./run-cli.ts', import.meta.url));
/** tsx by its full address, so that a child working in another folder finds it */
const TSX = import.meta.resolve('tsx');

/** A CLI process and everything it wrote to stderr so far. */
export interface CliProcess {
  child: ChildProcess;
  stderr(): string;
  /** resolves with the exit code (or the signal's name) */
  exited: Promise<number | string>;
}

/**
 * Starts `factlens ARGS` from source as a child process.
 * @example const p = startCli(['worker', '--queue', url]); p.child.kill('SIGKILL'); await p.exited
 */
export function startCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, CI: '1', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => {
    err += b.toString();
    if (err.length > 200_000) err = err.slice(-100_000);
  });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, stderr: () => err, exited };
}

/** A small article: a headline and two sentences, one of them a quote, different for each n. */
export function smallArticle(n: number): string {
  const topics = ['harbour', 'bridge', 'library', 'rail link', 'school', 'clinic', 'tram line'];
  const topic = topics[n % topics.length]!;
  return (
    `Council approves ${topic} plan number ${n}\n\n` +
    `The city council voted on Monday to approve ${topic} plan number ${n}, officials said. ` +
    `The project is expected to cost ${10 + (n % 90)} million pounds, according to the council leader, Jane Smith. ` +
    `"We have waited long enough," Smith said.`
  );
}

/** Writes `count` small articles as JSONL (ids a0, a1, …) and returns the path. */
export function writeArticles(path: string, count: number, extra: string[] = []): string {
  const lines = Array.from({ length: count }, (_, n) => JSON.stringify({ id: `a${n}`, text: smallArticle(n), published: '2024-05-08' }));
  writeFileSync(path, `${[...lines, ...extra].join('\n')}\n`);
  return path;
}

/** A report line without what differs between two runs of the same article (time stamps, timings). */
export function stableLine(line: string): string {
  const { generatedAt: _g, timingsMs: _t, ...rest } = JSON.parse(line) as Record<string, unknown>;
  return JSON.stringify(rest);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
