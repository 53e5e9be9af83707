import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, SqliteDialect } from 'kysely';
import { DabylPostgresDialect } from './postgres-introspector.js';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.js';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly engine: Engine;
  /** Where the data lives, for people: a file path or a URL without its password. */
  readonly location: string;
  /** The PostgreSQL schema in use when not the default one. */
  readonly schema?: string | undefined;
  /**
   * PostgreSQL only: calls `onNotify` on every NOTIFY on `channel` (sent at commit, never for a
   * rollback), on a connection of its own; `onLost` when that connection fails. Resolves to the undo.
   */
  readonly listen?: (
    channel: string,
    onNotify: () => void,
    onLost: (err: unknown) => void,
  ) => Promise<() => Promise<void>>;
  /** SQLite file only: the thread that copies the WAL back, whose counts /metrics shows. */
  readonly checkpoints?: Checkpointer | undefined;
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
  // 64 MB of pages kept in the process (the default is 2 MB): a Cancel's page of 5,000 earlier
  // recipients looks up as many subscribers and contacts, each a walk down two B-trees.
  sqlite.pragma('cache_size = -65536');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const checkpoints =
    file === ':memory:'
      ? null
      : startCheckpointer(sqlite, file, {
          // The one connection, taken between statements and transactions, as any other user does.
          hold: (work) => kysely.connection().execute(() => work()),
        });
  const close = async () => {
    await checkpoints?.close();
    await kysely.destroy();
  };
  return { kysely, engine: 'sqlite', location: file, checkpoints: checkpoints ?? undefined, close };
}

function openPostgres(url: string, schema: string | undefined, poolSize = 10): Db {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`bad schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // The server ending an idle pooled connection (a restart, a DBA's pg_terminate_backend) is
  // reported on the pool, which has already dropped that connection; unheard, it would end the process.
  pool.on('error', () => undefined);
  const kysely = new Kysely<Database>({ dialect: new DabylPostgresDialect({ pool }) });
  const shown = new URL(url);
  shown.password = '';
  const listen = async (channel: string, onNotify: () => void, onLost: (err: unknown) => void) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    const client = await pool.connect();
    let released = false;
    const release = (err?: Error) => {
      if (released) return;
      released = true;
      client.release(err);
    };
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    client.on('error', (err) => {
      release(err);
      onLost(err);
    });
    await client.query(`LISTEN ${channel}`);
    return async () => {
      if (released) return;
      try {
        await client.query(`UNLISTEN ${channel}`);
        release();
      } catch (err) {
        release(err as Error);
      }
    };
  };
  return {
    kysely,
    engine: 'postgres',
    location: shown.toString(),
    schema,
    listen,
    close: () => kysely.destroy(),
  };
}
