/** The CLI command registry, in the order `factlens --help` lists them. */
import type { Command } from '../command.js';
import { analyzersCommand } from './analyzers.js';
import { batchCommand } from './batch.js';
import { checkCommand } from './check.js';
import { corpusCommand } from './corpus.js';
import { evalCommand } from './eval.js';
import { serveCommand } from './serve.js';
import { tokenCommand } from './token.js';
import { trainCommand } from './train.js';
import { workerCommand } from './worker.js';

export const COMMANDS: readonly Command[] = [checkCommand, batchCommand, analyzersCommand, trainCommand, evalCommand, corpusCommand, serveCommand, workerCommand, tokenCommand];
