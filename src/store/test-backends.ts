/**
 * The store backends the store tests run on: SQLite (a file in a temp folder) and PostgreSQL (a
 * schema of its own, random, in the `test` database on 127.0.0.1:5432, dropped afterwards, so test
 * files running in parallel never meet). The PostgreSQL backend is marked skipped, with the
 * reason, only when no server answers there. Test support: imported by *.test.ts files only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type OpenStoreOptions, openStore } from './open.js';
import assert from 'node:assert/strict';
import { FactlensError } from '../core/errors.js';
import type { CorpusStore, DocumentRecord } from './types.js';

/** The PostgreSQL server of the tests: $FACTLENS_TEST_PG, else the local one with trust authentication. */
export const TEST_PG_URL = process.env.FACTLENS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One backend, with what the tests need to reach behind the store's back. */
export interface TestBackend {
  name: 'sqlite' | 'postgres';
  /** why this backend's tests are skipped (PostgreSQL unreachable); undefined when they run */
  skip?: string;
  /** a new, empty database location (`--db` value) */
  fresh(): string;
  open(db: string, options?: OpenStoreOptions): Promise<CorpusStore>;
  /** runs SQL on the database directly, for tampering; returns the rows of the last statement */
  sql(db: string, statement: string): Promise<Record<string, unknown>[]>;
  /** the corpus tables' names for schema-version and settings rows */
  tables: { version: string; meta: string };
  /** drops every database this backend made */
  cleanup(): Promise<void>;
}

let reachable: Promise<string | undefined> | undefined;

/** undefined when the test server answers, else why not (one line). */
export function postgresUnavailable(): Promise<string | undefined> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (err) {
      const e = err as { code?: string; message?: string; errors?: { code?: string }[] };
      const why = e.code ?? e.errors?.[0]?.code ?? e.message ?? String(err);
      return `PostgreSQL cannot be reached at ${TEST_PG_URL.replace(/:[^:@/]*@/, ':***@')} (${why}): its half of the store tests is skipped; start it as docs/scale.md says`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

/** A fresh random schema name for one test database. */
export function testSchemaName(): string {
  return `factlens_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Runs statements on the test server outside any store (schema set up, tampering, clean-up). */
export async function onTestServer<T>(fn: (client: pg.Client) => Promise<T>, schema?: string): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function sqliteBackend(): TestBackend {
  let dir: string | undefined;
  let n = 0;
  return {
    name: 'sqlite',
    fresh() {
      dir ??= mkdtempSync(join(tmpdir(), 'factlens-store-'));
      return join(dir, `c${++n}.db`);
    },
    open: (db, options) => openStore(db, options),
    async sql(db, statement) {
      const raw = new Database(db);
      try {
        const parts = statement.split(';').map((s) => s.trim()).filter(Boolean);
        let rows: Record<string, unknown>[] = [];
        for (const part of parts) {
          const st = raw.prepare(part);
          if (st.reader) rows = st.all() as Record<string, unknown>[];
          else st.run();
        }
        return rows;
      } finally {
        raw.close();
      }
    },
    tables: { version: 'schema_version', meta: 'meta' },
    async cleanup() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(skip: string | undefined): TestBackend {
  const schemas: string[] = [];
  const base = new URL(TEST_PG_URL);
  return {
    name: 'postgres',
    skip,
    fresh() {
      const schema = testSchemaName();
      schemas.push(schema);
      const u = new URL(base.toString());
      u.searchParams.set('schema', schema);
      return u.toString();
    },
    open: (db, options) => openStore(db, options),
    async sql(db, statement) {
      const schema = new URL(db).searchParams.get('schema') ?? undefined;
      return onTestServer(async (c) => {
        const r = await c.query(statement);
        const last = Array.isArray(r) ? r[r.length - 1] : r;
        return (last?.rows ?? []) as Record<string, unknown>[];
      }, schema);
    },
    tables: { version: 'corpus_schema_version', meta: 'corpus_meta' },
    async cleanup() {
      if (skip || schemas.length === 0) return;
      await onTestServer(async (c) => {
        for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      });
    },
  };
}

/**
 * Both backends; PostgreSQL carries `skip` when the server cannot be reached.
 * @example for (const backend of await storeBackends()) describe(backend.name, { skip: backend.skip }, () => { … })
 */
export async function storeBackends(): Promise<TestBackend[]> {
  return [sqliteBackend(), postgresBackend(await postgresUnavailable())];
}

const VOCABULARY = (
  'council budget river bridge school minister report election harbour storm market court police hospital farmer ' +
  'teacher village station train airport mayor senator vote tax price wage strike union factory mine port ship ' +
  'road tunnel park museum library church festival concert team match league coach player fans ticket season'
).split(' ');

/** 60 pseudo-random words: distinct seeds share no run of five words. */
export function paragraph(seed: number): string {
  let x = seed * 2654435761;
  return Array.from({ length: 60 }, () => {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    return VOCABULARY[(x >>> 0) % VOCABULARY.length];
  }).join(' ');
}

/** A small document with every field. */
export const DOC: DocumentRecord = {
  id: 'd1',
  title: 'Bridge reopens',
  text: 'The river bridge reopened on Monday after two years of repairs, the council said.\n\nTraffic was light in the morning.',
  url: 'https://www.example.com/bridge',
  publishedAt: '2020-03-02T10:00:00Z',
};

/** An assertion for `assert.rejects`/`throws`: a one-line FactlensError with this code. */
export function expectCode(code: string): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof FactlensError, `a FactlensError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  };
}
