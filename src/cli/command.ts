/** The shape every CLI command has; the registry lives in commands/index.ts. */
import type { CliIo } from './io.js';

export interface Command {
  name: string;
  /** one line for `factlens --help` */
  summary: string;
  /** full `--help` text for the command */
  usage: string;
  /** the help for these arguments when it is more specific than `usage` (a sub-task's own help) */
  helpFor?(args: string[]): string | undefined;
  /** returns the exit code: 0 ok, 1 --fail-on reached, 2 bad input/usage/config, 3 internal */
  run(args: string[], io: CliIo): Promise<number>;
}
