import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly engine: Engine;
  /** Where the data lives, for people: a file path or a URL without its password. */
  readonly location: string;
  /** The PostgreSQL schema in use when not the default one. */
  readonly schema?: string | undefined;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** `postgres://…`; unset opens the SQLite file. */
  databaseUrl?: string | undefined;
  /** Folder of the SQLite file (`dabyl.sqlite`); `:memory:` for a throw-away database. */
  dataDir?: string;
  /** PostgreSQL schema to use (tests give each run its own). */
  schema?: string;
  poolSize?: number;
}

/** Opens the database the configuration names: PostgreSQL when a URL is given, else the SQLite file. */
export function openDb(options: OpenOptions): Db {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.schema, options.poolSize);
  return openSqlite(options.dataDir ?? './data');
}

function openSqlite(dataDir: string): Db {
  const file = dataDir === ':memory:' ? ':memory:' : path.join(dataDir, 'dabyl.sqlite');
  if (file !== ':memory:') mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // WAL makes NORMAL durable across application crashes; only an OS crash can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { kysely, engine: 'sqlite', location: file, close: () => kysely.destroy() };
}

function openPostgres(url: string, schema: string | undefined, poolSize = 10): Db {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`bad schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const shown = new URL(url);
  shown.password = '';
  return { kysely, engine: 'postgres', location: shown.toString(), schema, close: () => kysely.destroy() };
}
