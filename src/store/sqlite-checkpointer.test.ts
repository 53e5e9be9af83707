import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from './db.js';
import { CHECKPOINT_BYTES, startCheckpointer } from './sqlite-checkpointer.js';

describe('SQLite checkpoints off the event loop', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-ckpt-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** Six commits of a megabyte each, written without letting the event loop turn. */
  const writeMegabytes = (db: SQLite.Database, n: number) => {
    const insert = db.prepare('insert into t (b) values (?)');
    for (let i = 0; i < n; i++) db.transaction(() => insert.run(Buffer.alloc(1024 * 1024, i)))();
  };

  it('the connection never copies its WAL back itself; a thread of its own does, once it has grown', async () => {
    const file = path.join(folder(), 'db.sqlite');
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.exec('create table t (b blob)');
    const checkpoints = startCheckpointer(db, file, { quietMs: 1_000 });
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      writeMegabytes(db, 6);
      // Past the 1,000 pages at which a connection would have checkpointed inside its commit, and
      // still all in the WAL: the commits paid no copy.
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(CHECKPOINT_BYTES);
      expect(statSync(file).size).toBeLessThan(1024 * 1024);
      await expect.poll(() => statSync(file).size, { timeout: 10_000 }).toBeGreaterThan(6 * 1024 * 1024);
      await expect.poll(() => checkpoints.taken).toBeGreaterThan(0);
      // All of it copied and left alone a while: the thread cut the file back, with no commit of the
      // connection doing it (a commit would have paid for freeing the burst's megabytes).
      await expect.poll(() => statSync(`${file}-wal`).size, { timeout: 10_000 }).toBe(0);
      // The thread says so once it has cut it: its message may come after the file is seen empty.
      await expect.poll(() => checkpoints.truncated).toBe(1);
      // Nothing written since: no more checkpoints.
      const taken = checkpoints.taken;
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(checkpoints.taken).toBe(taken);
      // The next writer starts the WAL from its beginning: the file holds that commit alone.
      writeMegabytes(db, 1);
      expect(statSync(`${file}-wal`).size).toBeLessThan(1024 * 1024 + 128 * 1024);
    } finally {
      await checkpoints.close();
      db.close();
    }
    // Closed cleanly: the last connection's close took what was left and removed the WAL.
    const again = new SQLite(file, { readonly: true });
    expect(again.prepare('select count(*) as n from t').get()).toEqual({ n: 7 });
    again.close();
  });

  it('keeps the WAL file from growing without end under a steady stream of commits', async () => {
    const file = path.join(folder(), 'db.sqlite');
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.exec('create table t (b blob)');
    // The connection taken in turns, as Kysely's driver does: a restart waits for the commit under
    // way, and the next commit waits for the restart, neither blocking the event loop.
    let turn: Promise<unknown> = Promise.resolve();
    const inTurn = <T>(work: () => T | Promise<T>): Promise<T> => {
      const done = turn.then(work);
      turn = done.catch(() => undefined);
      return done;
    };
    const checkpoints = startCheckpointer(db, file, { restartBytes: 2 * 1024 * 1024, hold: inTurn });
    try {
      const insert = db.prepare('insert into t (b) values (?)');
      // 128 MB in commits of 256 KB, a few milliseconds apart as a large fan-out writes them: the
      // writer never waits for a copy to finish.
      for (let i = 0; i < 512; i++) {
        await inTurn(() => db.transaction(() => insert.run(Buffer.alloc(256 * 1024, i)))());
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      // Without a restart, a WAL that is always being written to is never begun again from its
      // start, and its file grows by every commit: here to 128 MB (a million-recipient alert left
      // 38 GB behind). With them it stays near what is written between two of the thread's looks.
      expect(checkpoints.restarted).toBeGreaterThan(0);
      expect(statSync(`${file}-wal`).size).toBeLessThan(64 * 1024 * 1024);
      // Each restart held the connection, and says for how long (shown on /metrics).
      expect(checkpoints.holds.count).toBeGreaterThanOrEqual(checkpoints.restarted);
      expect(checkpoints.holds.seconds).toBeGreaterThan(0);
      expect(checkpoints.holds.longestSeconds).toBeLessThanOrEqual(checkpoints.holds.seconds);
      expect(await checkpoints.walBytes()).toBe(statSync(`${file}-wal`).size);
      expect((db.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(512);
    } finally {
      await checkpoints.close();
      db.close();
    }
  });

  it('leaves a database whose WAL stays small alone', async () => {
    const file = path.join(folder(), 'db.sqlite');
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.exec('create table t (b blob)');
    const checkpoints = startCheckpointer(db, file);
    db.prepare('insert into t (b) values (?)').run(Buffer.alloc(1000));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(checkpoints.taken).toBe(0);
    await checkpoints.close();
    db.close();
  });

  it('is what a Dabyl database file opens with, and its close stops it', async () => {
    const dir = folder();
    const db = openDb({ dataDir: dir });
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db.kysely);
    expect(rows[0]?.wal_autocheckpoint).toBe(0);
    // And with a page cache large enough for a fan-out's lookups (64 MB, not SQLite's 2 MB).
    const cache = await sql<{ cache_size: number }>`pragma cache_size`.execute(db.kysely);
    expect(cache.rows[0]?.cache_size).toBe(-65536);
    expect(db.checkpoints?.running).toBe(true);
    await db.close();
    expect(db.checkpoints?.running).toBe(false);
  });
});
