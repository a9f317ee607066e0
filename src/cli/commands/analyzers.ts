/** `factlens analyzers`: lists analyzers, their versions and finding codes. */
import { ANALYZERS } from '../../analyzers/index.js';
import type { Command } from '../command.js';

export const analyzersCommand: Command = {
  name: 'analyzers',
  summary: 'list analyzers and the finding codes each can emit',
  usage: 'Usage: factlens analyzers [--json]\n\nLists every analyzer with its version, description and finding codes.\n',
  async run(args, io) {
    if (args.includes('--json')) {
      const list = ANALYZERS.map((a) => ({ id: a.id, version: a.version, description: a.description, codes: a.codes }));
      io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    for (const a of ANALYZERS) {
      io.stdout.write(`${a.id} ${a.version}\n  ${a.description}\n`);
      for (const [code, message] of Object.entries(a.codes)) io.stdout.write(`    ${code.padEnd(24)} ${message}\n`);
    }
    return 0;
  },
};
