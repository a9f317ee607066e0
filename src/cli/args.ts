/** Argument parsing shared by every command: node's parseArgs, with mistakes as `usage` errors. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { FactlensError } from '../core/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Edit distance between two short strings (option names), for did-you-mean hints. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The known option closest to `given` (a typo or a prefix), when one is close enough to suggest. */
export function suggestOption(given: string, known: readonly string[]): string | undefined {
  if (/^-[^-]$/.test(given)) return undefined; // a one-letter flag: too short to guess from
  const name = given.replace(/^-+/, '').split('=')[0]!.toLowerCase();
  if (!name) return undefined;
  let best: { option: string; distance: number } | undefined;
  for (const option of known) {
    const distance = option.startsWith(name) && name.length >= 2 ? 0.5 : editDistance(name, option);
    if (!best || distance < best.distance) best = { option, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(name.length / 3)) ? best.option : undefined;
}

/**
 * Parses a command's arguments; an unknown or malformed option becomes a `usage` error with a
 * did-you-mean hint when a known option is close.
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
    const e = err as NodeJS.ErrnoException;
    const help = `Run factlens ${command} --help.`;
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const given = /'([^']{1,80})'/.exec(e.message)?.[1] ?? 'option';
      const suggestion = suggestOption(given, Object.keys(options));
      throw new FactlensError('usage', `Unknown option ${given} for ${command}${suggestion ? `: did you mean --${suggestion}?` : '.'} ${help}`);
    }
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = /'(-{1,2}[\w-]{1,80})/.exec(e.message)?.[1];
      const option = name ? Object.entries(options).find(([long, o]) => `--${long}` === name || `-${o.short}` === name) : undefined;
      if (option && option[1].type === 'string') throw new FactlensError('usage', `--${option[0]} needs a value. ${help}`);
      if (option) throw new FactlensError('usage', `--${option[0]} takes no value. ${help}`);
    }
    throw new FactlensError('usage', `${e.message.split('. ')[0]}. ${help}`);
  }
}

/**
 * Parses `--timeout-ms`: an article's analysis budget in milliseconds, `0` for none (analysis then
 * runs on the command's own thread, where only a cooperative abort can stop it).
 * @example parseTimeoutMs(values['timeout-ms'], DEFAULT_ANALYSIS_TIMEOUT_MS) // 5000
 */
export function parseTimeoutMs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d{1,9}$/.test(value.trim()) || !Number.isInteger(n)) {
    throw new FactlensError('usage', `--timeout-ms must be a whole number of milliseconds (0 for no limit), not "${value}".`);
  }
  return n;
}
