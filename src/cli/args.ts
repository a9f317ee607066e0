/** Argument parsing shared by every command: node's parseArgs, with mistakes as `usage` errors. */
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
import { FactlensError } from '../core/errors.js';

/**
 * Parses a command's arguments; an unknown or malformed option becomes a `usage` error.
 * @example const { values, positionals } = parseCommandArgs('check', args, { json: { type: 'boolean' } })
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  args: string[],
  options: O,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new FactlensError('usage', `${(err as Error).message}. Run factlens ${command} --help.`);
  }
}
