/** `factlens token create|list|revoke`: API tokens for writes to a server bound beyond loopback. */
import { FactlensError } from '../../core/errors.js';
import { openWorkbench, workbenchLocation } from '../../http/workbench.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { DEFAULT_WORKBENCH_DB } from './serve.js';

const USAGE = `Usage: factlens token <create|list|revoke> [options]

Manage API tokens. Only a SHA-256 hash of each token is stored; the token itself is printed once.

  factlens token create --name NAME   print a new token (send it as Authorization: Bearer <token>)
  factlens token list [--json]        list tokens (id, name, created, last used, revoked)
  factlens token revoke ID            revoke a token at once

Options:
  --workbench-db FILE|URL  token database: a SQLite file or postgres://… (default $FACTLENS_WORKBENCH_DB,
                           else $FACTLENS_DB when it is PostgreSQL, else ./${DEFAULT_WORKBENCH_DB})
`;

export const tokenCommand: Command = {
  name: 'token',
  summary: 'create, list or revoke API tokens for the HTTP API',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('token', args, {
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
      'workbench-db': { type: 'string' },
    });
    const [action, ...rest] = positionals;
    if (!action || !['create', 'list', 'revoke'].includes(action)) {
      throw new FactlensError('usage', 'Say what to do: factlens token create --name NAME, token list, or token revoke ID.');
    }
    const db = await openWorkbench(workbenchLocation(values['workbench-db'], io.env, undefined, DEFAULT_WORKBENCH_DB));
    try {
      const now = new Date().toISOString();
      if (action === 'create') {
        const name = values.name?.trim();
        if (!name || name.length > 100 || rest.length) throw new FactlensError('usage', 'token create needs --name NAME (up to 100 characters).');
        const { token, info } = await db.createToken(name, now);
        io.stdout.write(`${token}\n`);
        io.stderr.write(`Created token ${info.id} for "${info.name}". It is shown only this once.\n`);
        return 0;
      }
      if (action === 'list') {
        const tokens = await db.listTokens();
        if (values.json) {
          io.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
          return 0;
        }
        if (tokens.length === 0) io.stdout.write('No tokens. Create one with factlens token create --name NAME.\n');
        for (const t of tokens) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : t.lastUsedAt ? `last used ${t.lastUsedAt}` : 'never used';
          io.stdout.write(`${t.id}  ${t.name}  created ${t.createdAt}  ${state}\n`);
        }
        return 0;
      }
      const id = rest[0];
      if (!id || rest.length > 1) throw new FactlensError('usage', 'token revoke needs one token id (see factlens token list).');
      if (!(await db.revokeToken(id, now))) throw new FactlensError('not-found', `No active token with id "${id}".`);
      io.stdout.write(`Revoked token ${id}.\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
