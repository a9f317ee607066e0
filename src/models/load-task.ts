/**
 * `factlens eval model-load`: loads every shipped model and reports weight-file sizes, load time and
 * the process's resident memory before and after, so the "all models together" footprint is measured
 * rather than claimed.
 */
import { stat } from 'node:fs/promises';
import { parseCommandArgs } from '../cli/args.js';
import type { Task } from '../cli/task.js';
import { loadShippedModels } from './shipped.js';
import { markdownTable, shippedModelPath, writeBenchmark } from './task-support.js';

const NAMES = ['clickbait', 'checkworthy', 'stance', 'credibility'] as const;

/** `factlens eval model-load`. */
export const evalModelLoadTask: Task = {
  name: 'model-load',
  summary: 'size, load time and memory of the shipped models',
  usage: `Usage: factlens eval model-load [--write]

Loads every shipped weight file (models/*.flw) and prints each file's size, the total load time and
the resident memory of the process before and after loading.

Options:
  --write    write the "model-load" section of docs/BENCHMARKS.md
`,
  async run(args, io) {
    const { values } = parseCommandArgs('eval model-load', args, { write: { type: 'boolean', default: false } });
    const sizes: string[][] = [];
    for (const name of NAMES) {
      try {
        sizes.push([name, `${((await stat(shippedModelPath(name))).size / 1024 / 1024).toFixed(2)} MiB`]);
      } catch {
        sizes.push([name, 'not shipped']);
      }
    }
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const models = await loadShippedModels();
    const ms = performance.now() - t0;
    const rssAfter = process.memoryUsage().rss;
    const loaded = Object.keys(models).sort();
    const mib = (b: number): string => (b / 1024 / 1024).toFixed(0);
    const lines = [
      ...sizes.map(([n, s]) => `  ${n!.padEnd(12)} ${s}`),
      `  loaded ${loaded.join(', ') || 'none'} in ${ms.toFixed(0)} ms`,
      `  resident memory ${mib(rssBefore)} MiB before, ${mib(rssAfter)} MiB after (+${mib(rssAfter - rssBefore)} MiB)`,
    ];
    io.stdout.write(`shipped models:\n${lines.join('\n')}\n`);
    if (values.write) {
      const body = [
        `All shipped models loaded together in one process (\`loadShippedModels()\`): ${loaded.join(', ')}; load time ${ms.toFixed(0)} ms; resident memory ${mib(rssBefore)} MiB before and ${mib(rssAfter)} MiB after.`,
        '',
        markdownTable(['model', 'weight file'], sizes),
      ].join('\n');
      await writeBenchmark(io, 'model-load', 'Shipped models: size and memory', body, 'factlens eval model-load --write');
    }
    return 0;
  },
};
