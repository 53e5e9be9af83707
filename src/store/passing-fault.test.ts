import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../test/setup/engines.js';
import { isPassingStoreFault } from './passing-fault.js';

/** The error a call makes, from the real driver against the real server. */
async function failureOf(call: () => Promise<unknown> | unknown): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  throw new Error('the call did not fail');
}

/** The same, of a synchronous call (SQLite's driver answers in the call). */
function failureOfNow(call: () => unknown): unknown {
  try {
    call();
  } catch (err) {
    return err;
  }
  throw new Error('the call did not fail');
}

describe('a database failure that passes by itself, told from an answer', () => {
  const clients: pg.Client[] = [];
  const connect = async () => {
    const c = new pg.Client({ connectionString: testDatabaseUrl() });
    c.on('error', () => undefined);
    await c.connect();
    clients.push(c);
    return c;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  });

  it('passes: PostgreSQL refused, its connection ended by the server, a statement or lock timed out', async () => {
    const refused = await failureOf(() =>
      new pg.Client({ host: '127.0.0.1', port: 1, user: 'postgres', database: 'test' }).connect(),
    );
    expect(isPassingStoreFault(refused)).toBe(true);

    const victim = await connect();
    const { rows } = await victim.query<{ pid: number }>('select pg_backend_pid() as pid');
    const admin = await connect();
    await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    const ended = await failureOf(() => victim.query('select 1'));
    expect(isPassingStoreFault(ended)).toBe(true);

    const slow = await connect();
    await slow.query(`set statement_timeout = '20ms'`);
    const timedOut = await failureOf(() => slow.query('select pg_sleep(1)'));
    expect((timedOut as { code?: string }).code).toBe('57014');
    expect(isPassingStoreFault(timedOut)).toBe(true);

    const holder = await connect();
    const waiter = await connect();
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock(4242999)');
    await waiter.query(`set lock_timeout = '20ms'`);
    const locked = await failureOf(() => waiter.query('select pg_advisory_lock(4242999)'));
    await holder.query('rollback');
    expect((locked as { code?: string }).code).toBe('55P03');
    expect(isPassingStoreFault(locked)).toBe(true);
  });

  it('answers: a syntax error, a broken unique key, a bug', async () => {
    const c = await connect();
    expect(isPassingStoreFault(await failureOf(() => c.query('selec 1')))).toBe(false);
    await c.query('create temporary table t (id int primary key)');
    await c.query('insert into t values (1)');
    const twice = await failureOf(() => c.query('insert into t values (1)'));
    expect((twice as { code?: string }).code).toBe('23505');
    expect(isPassingStoreFault(twice)).toBe(false);
    expect(isPassingStoreFault(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isPassingStoreFault('a string')).toBe(false);
  });

  it('passes on SQLite when another connection holds the write lock, and answers a broken key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-fault-'));
    const file = path.join(dir, 'db.sqlite');
    const a = new SQLite(file);
    const b = new SQLite(file, { timeout: 0 });
    try {
      a.pragma('journal_mode = WAL');
      a.exec('create table t (id integer primary key)');
      a.exec('begin immediate');
      const busy = failureOfNow(() => b.exec('begin immediate'));
      a.exec('rollback');
      expect((busy as { code?: string }).code).toBe('SQLITE_BUSY');
      expect(isPassingStoreFault(busy)).toBe(true);
      a.exec('insert into t values (1)');
      const twice = failureOfNow(() => a.exec('insert into t values (1)'));
      expect(isPassingStoreFault(twice)).toBe(false);
    } finally {
      a.close();
      b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
