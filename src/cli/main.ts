/**
 * argv → command → exit code. The only module that decides exit codes; bin/factlens.js sets them.
 */
import { FactlensError, toFactlensError } from '../core/errors.js';
import { COMMANDS } from './commands/index.js';
import { type CliIo, processIo } from './io.js';
import { VERSION } from '../version.js';

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `factlens ${VERSION} — offline, explainable news verification`,
    '',
    'Usage: factlens <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `factlens <command> --help` for a command\'s options.',
    'Exit codes: 0 ok, 1 --fail-on reached, 2 bad input/usage/config, 3 internal error.',
    '',
  ].join('\n');
}

/** Maps an error to the documented exit code and prints its one-line message. */
export function reportError(err: unknown, io: CliIo): number {
  const e = toFactlensError(err);
  io.stderr.write(`factlens: error [${e.code}] ${e.message}\n`);
  if (e.code === 'internal' && io.env.FACTLENS_DEBUG && e.cause instanceof Error) io.stderr.write(`${e.cause.stack}\n`);
  return e.isUserError ? 2 : 3;
}

/**
 * Runs the CLI with the given arguments.
 * @example process.exitCode = await main(['check', 'article.txt'])
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    return reportError(new FactlensError('usage', `Unknown command "${name}": run factlens --help to list commands.`), io);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    const usage = command.helpFor?.(rest) ?? command.usage;
    io.stdout.write(usage.endsWith('\n') ? usage : `${usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    return reportError(err, io);
  }
}
