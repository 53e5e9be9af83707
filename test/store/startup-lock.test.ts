import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.js';
import {
  holdServingLock,
  lockSqliteFile,
  whileNotServing,
  withStartupLock,
} from '../../src/store/startup-lock.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { testDatabaseUrl } from '../setup/engines.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ENGINES)('the start-up lock on %s', (engine) => {
  let runtime: Awaited<ReturnType<typeof openTestRuntime>>;
  /** A second handle on the same database, as another process would have. */
  let other: Db;
  beforeAll(async () => {
    runtime = await openTestRuntime(engine);
    const db = runtime.ctx.db;
    other =
      engine === 'postgres'
        ? openDb({ databaseUrl: testDatabaseUrl(), schema: db.schema! })
        : openDb({ dataDir: runtime.ctx.config.dataDir });
  });
  afterAll(async () => {
    await other?.close();
    await runtime?.drop();
  });

  it('lets one holder in at a time; the second runs after the first is done', async () => {
    const order: string[] = [];
    let finishFirst!: () => void;
    const firstMayFinish = new Promise<void>((resolve) => (finishFirst = resolve));
    let firstIn!: () => void;
    const firstEntered = new Promise<void>((resolve) => (firstIn = resolve));
    const first = withStartupLock(runtime.ctx.db, async () => {
      order.push('first in');
      firstIn();
      await firstMayFinish;
      order.push('first out');
    });
    await firstEntered;
    const second = withStartupLock(other, async () => {
      order.push('second in');
    });
    await sleep(400);
    expect(order).toEqual(['first in']);
    finishFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
  });

  it('is released when the work throws', async () => {
    await expect(
      withStartupLock(runtime.ctx.db, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await withStartupLock(other, async () => 'next')).toBe('next');
  });
});

describe('telling whether a server uses the database', () => {
  it('on PostgreSQL: a serving lock is held shared, and whileNotServing refuses while it is', async () => {
    const runtime = await openTestRuntime('postgres');
    const other = openDb({ databaseUrl: testDatabaseUrl(), schema: runtime.ctx.db.schema! });
    try {
      const a = await holdServingLock(runtime.ctx.db);
      const b = await holdServingLock(other);
      expect(await whileNotServing(other, async () => 'restored')).toBeNull();
      await a.release();
      expect(await whileNotServing(other, async () => 'restored')).toBeNull();
      await b.release();
      expect(await whileNotServing(other, async () => 'restored')).toEqual({ value: 'restored' });
    } finally {
      await other.close();
      await runtime.drop();
    }
  });

  it('on SQLite: a file another connection has open cannot be locked', async () => {
    const runtime = await openTestRuntime('sqlite');
    try {
      const file = runtime.ctx.db.location;
      expect(lockSqliteFile(file)).toBeNull();
      await runtime.close();
      const lock = lockSqliteFile(file);
      expect(lock).not.toBeNull();
      // Held: a server starting now could not read it.
      const reader = new SQLite(file, { timeout: 0 });
      expect(() => reader.prepare('select count(*) from users').get()).toThrow(/locked/);
      reader.close();
      lock!.close();
    } finally {
      await runtime.drop().catch(() => undefined);
    }
  });
});
