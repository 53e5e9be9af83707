import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Db } from './db.js';

/*
 * Locks between Dabyl processes sharing one database (see docs/decisions/0010-operations.md).
 *
 * - The start-up lock: migrations, the first administrator and the demo load run in one process at
 *   a time; the others wait, then find the work done.
 * - The serving lock: a running server holds it shared, so `dabyl restore` can tell that a server
 *   uses the database and refuse.
 *
 * PostgreSQL: session advisory locks on a connection held for the purpose, keyed by the schema, so
 * test schemas on one server never wait for each other. A lock dies with its session, so a killed
 * process never leaves one behind. SQLite: the operating system's file lock on a small side file
 * (`dabyl.sqlite-startup`), taken with BEGIN EXCLUSIVE and released by the kernel if the process dies.
 */

/** First key of Dabyl's advisory locks ("DBYL"); the second is the schema's hash. */
const LOCK_CLASS = 0x4442594c;
const STARTUP = sql`${LOCK_CLASS}::int, hashtext('startup:' || current_schema())`;
const SERVING = sql`${LOCK_CLASS}::int, hashtext('serving:' || current_schema())`;

/** Runs `fn` on one connection of the pool kept for it, so a session lock lives exactly as long. */
async function onOwnConnection<T>(db: Db, fn: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.kysely.connection().execute(fn);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The side file whose lock stands for the SQLite database's start-up lock. */
export function sqliteLockFile(location: string): string {
  return `${location}-startup`;
}

/**
 * Runs `fn` holding the start-up lock; another process in the same place waits for it. What `fn`
 * does must be safe to repeat (it is: the next holder finds migrations applied, a user present and
 * the demo loaded, and does nothing).
 */
export async function withStartupLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (db.engine === 'postgres') {
    return onOwnConnection(db, async (conn) => {
      await sql`select pg_advisory_lock(${STARTUP})`.execute(conn);
      try {
        return await fn();
      } finally {
        await sql`select pg_advisory_unlock(${STARTUP})`.execute(conn);
      }
    });
  }
  if (db.location === ':memory:') return fn();
  const lock = new SQLite(sqliteLockFile(db.location));
  try {
    lock.pragma('busy_timeout = 0');
    // better-sqlite3 waits synchronously; polling keeps this process's event loop free meanwhile.
    for (;;) {
      try {
        lock.exec('BEGIN EXCLUSIVE');
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
        await sleep(100);
      }
    }
    return await fn();
  } finally {
    lock.close();
  }
}

/**
 * Marks this process as serving the database until `release()`: a shared lock, so any number of
 * servers hold it together and `dabyl restore` cannot take it exclusively. On SQLite an open
 * connection is the mark already (see {@link lockSqliteFile}).
 */
export async function holdServingLock(db: Db): Promise<{ release(): Promise<void> }> {
  if (db.engine !== 'postgres') return { release: async () => undefined };
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const held = new Promise<void>((resolve) => (locked = resolve));
  const done = onOwnConnection(db, async (conn) => {
    await sql`select pg_advisory_lock_shared(${SERVING})`.execute(conn);
    locked();
    await released;
    await sql`select pg_advisory_unlock_shared(${SERVING})`.execute(conn);
  });
  await Promise.race([held, done]);
  return {
    release: async () => {
      release();
      await done;
    },
  };
}

/**
 * Runs `fn` only if no server uses the database, keeping servers from starting until it returns;
 * returns `null` (and does not run `fn`) when one does. PostgreSQL only: see {@link lockSqliteFile}.
 */
export async function whileNotServing<T>(db: Db, fn: () => Promise<T>): Promise<{ value: T } | null> {
  if (db.engine !== 'postgres') throw new Error('whileNotServing is for PostgreSQL; see lockSqliteFile');
  return onOwnConnection(db, async (conn) => {
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${SERVING}) as ok`.execute(conn);
    if (!got.rows[0]?.ok) return null;
    try {
      return { value: await fn() };
    } finally {
      await sql`select pg_advisory_unlock(${SERVING})`.execute(conn);
    }
  });
}

/**
 * Whether another process has this SQLite file open: in WAL mode every open connection keeps a
 * shared lock, so an exclusive one is refused at once. Returns a connection holding the file
 * exclusively when it is free, for the caller to close after replacing the file.
 */
export function lockSqliteFile(file: string): SQLite.Database | null {
  const conn = new SQLite(file, { fileMustExist: true });
  try {
    conn.pragma('busy_timeout = 0');
    conn.pragma('locking_mode = EXCLUSIVE');
    conn.exec('BEGIN EXCLUSIVE');
    conn.exec('COMMIT');
    return conn;
  } catch (err) {
    conn.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw err;
  }
}
