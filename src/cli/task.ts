/** A sub-task of `factlens train` or `factlens eval` (stance, clickbait, extraction, …). */
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { FactlensError } from '../core/errors.js';
import type { Command } from './command.js';
import type { CliIo } from './io.js';

/**
 * Where `factlens train` writes when `--out` is not given: a folder of its own in the working
 * directory, so a training run never replaces the shipped weights in models/ unless `--out`
 * names them.
 */
export const TRAINED_MODELS_DIR = 'trained-models';

/**
 * The weight file a training task writes: `--out`, else trained-models/<file> under `cwd`; its
 * folder is created.
 * @example const out = await trainOutputPath(values.out, 'stance.flw', io.cwd)
 */
export async function trainOutputPath(out: string | undefined, file: string, cwd: string): Promise<string> {
  const path = resolve(cwd, out ?? join(TRAINED_MODELS_DIR, file));
  await mkdir(dirname(path), { recursive: true });
  return path;
}

export interface Task {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Builds a command that dispatches `factlens <name> <task> …` to one of `tasks`. */
export function taskCommand(name: string, summary: string, tasks: readonly Task[]): Command {
  const usage = (): string =>
    `Usage: factlens ${name} <task> --data <path> [options]\n\nTasks:\n${tasks
      .map((t) => `  ${t.name.padEnd(14)} ${t.summary}`)
      .join('\n')}\n\nRun factlens ${name} <task> --help for a task's options.\n`;
  return {
    name,
    summary,
    get usage() {
      return usage();
    },
    helpFor(args) {
      return tasks.find((t) => t.name === args[0])?.usage;
    },
    async run(args, io) {
      const [taskName, ...rest] = args;
      const task = tasks.find((t) => t.name === taskName);
      if (!task) {
        const known = tasks.map((t) => t.name).join(', ') || '(none yet)';
        throw new FactlensError('usage', `Unknown ${name} task "${taskName ?? ''}": use one of ${known}.`);
      }
      if (rest.includes('--help') || rest.includes('-h')) {
        io.stdout.write(task.usage);
        return 0;
      }
      return task.run(rest, io);
    },
  };
}
