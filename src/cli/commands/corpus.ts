/** `factlens corpus init|import|stats|search|demo`: build and query the corpus store. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FactlensError } from '../../core/errors.js';
import { buildDemoCorpus } from '../../store/demo.js';
import { type BadRow, createImporter, type ImportSummary } from '../../store/import/index.js';
import { isPostgresUrl, type OpenStoreOptions, openStore } from '../../store/open.js';
import type { CorpusStore } from '../../store/types.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { type CliIo, createProgress } from '../io.js';
import { defaultCorpusPath } from '../../services.js';

const USAGE = `Usage: factlens corpus <init|import|stats|search|demo> [options]

Build and query the corpus store: documents (split into passages), fact-checks and site ratings in
one SQLite file (the default) or a PostgreSQL database shared by several machines, used by the
source, provenance, fact-check-match and evidence analyzers.

  factlens corpus init                      create the database (or upgrade its schema)
  factlens corpus import PATH...            import files or folders (see formats below)
  factlens corpus stats [--json]            what the database holds
  factlens corpus search TEXT [--json]      best fact-checks and passages for a text
  factlens corpus search --source DOMAIN    what the site lists say about a domain
  factlens corpus demo [--data DIR]         build a demo corpus from the shared data folder

Import formats (recognised by extension, header and file name):
  .jsonl / .json   one record per line or an array: documents (text, title, url, source,
                   publishedAt, label), fact-checks (claim + rating, reviewer, url, …) or
                   ClaimReview JSON-LD (also DataFeed files and @graph); OpenSources sources.json
  .csv / .tsv      documents (a text column), fact-checks (claim + rating columns), site lists
                   (domain + label), the site lists and fact-check datasets of the shared data
                   folder by name, and LIAR's header-less TSV
  .txt / .html     one document per file (HTML through the article extractor; ClaimReview JSON-LD
                   in a page becomes fact-checks); a folder is walked recursively
Re-importing adds nothing new: records are keyed by id and content hash. A bad row is reported as
file:line and skipped.

Options:
  --db FILE|URL       corpus database: a SQLite file, or postgres://USER@HOST:PORT/DB[?schema=NAME]
                      (default $FACTLENS_DB, else $XDG_DATA_HOME/factlens/factlens.db or
                      ~/.local/share/factlens/factlens.db: the same file from every folder)
  --collection NAME   collection name for imported documents and fact-checks (default: file name)
  --id-prefix TEXT    prefix for imported record ids (keeps ids of different datasets apart)
  --data DIR          shared data folder for demo (default ../shared/data from here or from the package)
  --limit N           search results per kind (default 5)
  --json              machine-readable output (stats, search)

Example:
  factlens corpus demo && factlens check ../shared/examples/pentagon-isis-2015.txt --source yournewswire.com
`;

/** The most bad rows printed one by one; the rest are counted. */
const MAX_BAD_ROWS_SHOWN = 20;

/** The corpus database: --db, else $FACTLENS_DB, else the per-user file (the same from every folder). */
function dbPathFor(values: { db?: string }, io: CliIo): string {
  const named = values.db ?? io.env.FACTLENS_DB;
  if (named && isPostgresUrl(named)) return named.trim();
  if (named) return resolve(io.cwd, named);
  const fallback = defaultCorpusPath(io.env);
  if (!fallback) throw new FactlensError('usage', 'No home folder to keep the corpus in ($HOME and $XDG_DATA_HOME are unset): give --db FILE or set $FACTLENS_DB.');
  return fallback;
}

/** Creates the folder of a corpus file about to be created (the per-user folder on first use). */
function ensureFolder(path: string): void {
  if (!isPostgresUrl(path)) mkdirSync(dirname(path), { recursive: true });
}

/** The shared data folder: --data, else ../shared/data from the working directory or from the package. */
export function defaultDataDir(io: CliIo): string | undefined {
  const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  const candidates = [io.env.FACTLENS_DATA, resolve(io.cwd, '../shared/data'), resolve(packageRoot, '../shared/data')];
  return candidates.find((c): c is string => Boolean(c) && existsSync(resolve(c!, 'MANIFEST.md')));
}

function printSummary(io: CliIo, label: string, s: ImportSummary): void {
  const parts: string[] = [];
  const add = (what: string, c: { added: number; unchanged: number }): void => {
    if (c.added || c.unchanged) parts.push(`${c.added} ${what} added${c.unchanged ? ` (${c.unchanged} already there)` : ''}`);
  };
  add('documents', s.documents);
  add('fact-checks', s.factChecks);
  add('site ratings', s.sourceRatings);
  io.stdout.write(`${label}: ${parts.join(', ') || 'nothing new'}${s.bad.length ? `; ${s.bad.length} bad row(s) skipped` : ''}\n`);
}

function badRowPrinter(io: CliIo): { onBadRow(b: BadRow): void; finish(): void } {
  let shown = 0;
  let hidden = 0;
  return {
    onBadRow(b) {
      if (shown < MAX_BAD_ROWS_SHOWN) {
        shown++;
        io.stderr.write(`${b.file}:${b.at}: ${b.message} — skipped\n`);
      } else hidden++;
    },
    finish() {
      if (hidden > 0) io.stderr.write(`… and ${hidden} more bad row(s)\n`);
    },
  };
}

async function withStore<T>(path: string, options: OpenStoreOptions, fn: (store: CorpusStore) => Promise<T>): Promise<T> {
  const store = await openStore(path, options);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export const corpusCommand: Command = {
  name: 'corpus',
  summary: 'build and query the corpus store (documents, fact-checks, site ratings)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('corpus', args, {
      db: { type: 'string' },
      collection: { type: 'string' },
      'id-prefix': { type: 'string' },
      data: { type: 'string' },
      source: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const [action, ...rest] = positionals;
    const path = ['init', 'import', 'stats', 'search', 'demo'].includes(action ?? '') ? dbPathFor(values, io) : '';
    switch (action) {
      case 'init': {
        ensureFolder(path);
        const existed = !isPostgresUrl(path) && existsSync(path);
        // init is the one command that may turn an empty file into a corpus
        await withStore(path, { create: true, initEmptyFile: true }, async (store) => {
          const stats = await store.stats();
          const where = isPostgresUrl(path) ? store.location : path;
          io.stdout.write(`${existed ? 'Opened' : isPostgresUrl(path) ? 'Ready:' : 'Created'} ${where} (schema ${stats.schemaVersion}).\n`);
        });
        return 0;
      }
      case 'import': {
        if (rest.length === 0) throw new FactlensError('usage', 'corpus import needs at least one file or folder.');
        ensureFolder(path);
        const bad = badRowPrinter(io);
        await withStore(path, { create: true }, async (store) => {
          // one importer for every target: an import worker, when used, starts once
          const importer = createImporter(store);
          try {
            for (const target of rest) {
              const progress = createProgress(io, `importing ${target}`);
              let seen = 0;
              const summary = await importer.importPath(resolve(io.cwd, target), {
                collection: values.collection,
                idPrefix: values['id-prefix'],
                onBadRow: bad.onBadRow,
                onProgress: (rows) => {
                  progress.tick(rows - seen);
                  seen = rows;
                },
              });
              progress.done();
              printSummary(io, target, summary);
            }
          } finally {
            await importer.close();
          }
        });
        bad.finish();
        return 0;
      }
      case 'stats': {
        await withStore(path, { readonly: true }, async (store) => {
          const stats = await store.stats();
          if (values.json) {
            io.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
            return;
          }
          const lines = [
            `${isPostgresUrl(path) ? store.location : path} (schema ${stats.schemaVersion}, ${((stats.sizeBytes ?? 0) / 2 ** 20).toFixed(1)} MiB)`,
            `  documents     ${stats.documents} (${stats.passages} passages)`,
            `  fact-checks   ${stats.factChecks}`,
            `  site ratings  ${stats.sourceRatings} of ${stats.sourceDomains} domains from ${stats.lists.length} lists`,
            ...stats.lists.map((l) => `    ${l.list}: ${l.domains} domains`),
            '  collections',
            ...stats.collections.map((c) => `    ${c.collection || '(none)'}: ${c.documents} documents, ${c.factChecks} fact-checks`),
          ];
          io.stdout.write(`${lines.join('\n')}\n`);
        });
        return 0;
      }
      case 'search': {
        const limit = values.limit ? Number(values.limit) : 5;
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new FactlensError('usage', '--limit must be an integer from 1 to 100.');
        const query = rest.join(' ').trim();
        if (!query && !values.source) throw new FactlensError('usage', 'corpus search needs a text or --source DOMAIN.');
        await withStore(path, { readonly: true }, async (store) => {
          const ratings = values.source ? await store.sourceRatings(values.source) : undefined;
          const factChecks = query ? await store.searchFactChecks(query, { limit }) : [];
          const passages = query ? await store.searchPassages(query, { limit }) : [];
          if (values.json) {
            io.stdout.write(`${JSON.stringify({ ratings, factChecks, passages }, null, 2)}\n`);
            return;
          }
          const out: string[] = [];
          if (ratings) {
            out.push(ratings.length ? `Site lists on ${values.source}:` : `No list rates ${values.source}.`);
            for (const r of ratings) out.push(`  ${r.label.padEnd(12)} ${r.list} ("${r.rawLabel}")`);
          }
          if (query) {
            out.push(factChecks.length ? 'Fact-checks:' : 'No fact-check matches.');
            for (const h of factChecks) {
              const f = h.factCheck;
              out.push(`  [${h.score.toFixed(1)}] "${f.rating}" (${f.reviewer ?? 'unnamed reviewer'}${f.reviewDate ? `, ${f.reviewDate}` : ''}) ${f.claim ?? f.itemUrl ?? ''}`);
            }
            out.push(passages.length ? 'Passages:' : 'No passage matches.');
            for (const p of passages) {
              const d = p.document;
              const text = p.text.replace(/\s+/g, ' ');
              out.push(`  [${p.score.toFixed(1)}] ${d.source ?? d.collection ?? ''} ${d.publishedAt ?? ''} ${d.title ?? d.id}`);
              out.push(`      ${text.length > 160 ? `${text.slice(0, 159)}…` : text}`);
            }
          }
          io.stdout.write(`${out.join('\n')}\n`);
        });
        return 0;
      }
      case 'demo': {
        const dataDir = values.data ? resolve(io.cwd, values.data) : defaultDataDir(io);
        if (!dataDir) throw new FactlensError('not-found', 'No shared data folder found: give --data <folder> (the folder with MANIFEST.md).');
        ensureFolder(path);
        const bad = badRowPrinter(io);
        const started = Date.now();
        await withStore(path, { create: true }, async (store) => {
          await buildDemoCorpus(store, dataDir, {
            onBadRow: bad.onBadRow,
            onStep: (step) => printSummary(io, step.label, step.summary),
          });
          const stats = await store.stats();
          io.stdout.write(
            `Demo corpus in ${isPostgresUrl(path) ? store.location : path}: ${stats.documents} documents (${stats.passages} passages), ${stats.factChecks} fact-checks, ` +
              `${stats.sourceRatings} site ratings (${((Date.now() - started) / 1000).toFixed(1)} s).\n`,
          );
        });
        bad.finish();
        return 0;
      }
      default:
        throw new FactlensError('usage', 'Say what to do: factlens corpus init, import PATH, stats, search TEXT or demo.');
    }
  },
};
