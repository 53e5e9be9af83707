import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestSchema, dropTestSchema } from '../../../test/support/postgres.js';
import { testDatabaseUrl } from '../../../test/setup/engines.js';
import { openDb, type Db } from '../../store/db.js';
import { onOutboxWrite, outboxWritten } from './wake.js';

/*
 * Scaled mode: the process that writes an outbox row (an API process approving an alert) is not the
 * one whose workers send it. Each "process" here is a database handle of its own, with its own pool,
 * as two processes have.
 */
describe('a write to the outbox wakes the workers of every process on PostgreSQL', () => {
  let schema: string;
  let other: string;
  const handles: Db[] = [];
  const open = (s: string) => {
    const db = openDb({ databaseUrl: testDatabaseUrl(), schema: s, poolSize: 3 });
    handles.push(db);
    return db;
  };
  /** Connections listening on a schema's outbox channel, as the server sees them. */
  async function listening(s: string): Promise<number> {
    const r = await sql<{ n: string }>`
      select count(*) as n from pg_stat_activity
      where query = ${`LISTEN dabyl_outbox_${s}`} and state = 'idle'`.execute(handles[0]!.kysely);
    return Number(r.rows[0]!.n);
  }

  /** A worker's wakes counted, once its LISTEN connection is up (it opens in the background). */
  async function worker(db: Db, s: string) {
    const before = await listening(s);
    const wake = vi.fn();
    const undo = onOutboxWrite(db, wake);
    await vi.waitFor(async () => expect(await listening(s)).toBe(before + 1));
    return { wake, undo };
  }

  beforeAll(async () => {
    schema = await createTestSchema();
    other = await createTestSchema();
    open(schema); // the handle the server is asked through
  });
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    await dropTestSchema(schema);
    await dropTestSchema(other);
  });

  it('reaches another process at the commit of the writing transaction, and never for a rollback', async () => {
    const api = open(schema);
    const { wake } = await worker(open(schema), schema);

    await expect(
      api.kysely.transaction().execute(async (trx) => {
        await outboxWritten(api, trx);
        throw new Error('the approval failed');
      }),
    ).rejects.toThrow('the approval failed');

    await api.kysely.transaction().execute(async (trx) => {
      await outboxWritten(api, trx);
      // While this transaction is open, a write committed elsewhere arrives and this one does not.
      await outboxWritten(api);
      await vi.waitFor(() => expect(wake).toHaveBeenCalledTimes(1));
    });
    await vi.waitFor(() => expect(wake).toHaveBeenCalledTimes(2));
    // Notifications arrive in commit order on one connection: had the rollback sent one, it
    // would have come before the two counted.
    await outboxWritten(api);
    await vi.waitFor(() => expect(wake).toHaveBeenCalledTimes(3));
  });

  it('keeps databases sharing a server apart, and stops listening once no worker is left', async () => {
    const here = await worker(open(schema), schema);
    const elsewhere = await worker(open(other), other);
    const api = open(schema);
    await outboxWritten(api);
    await vi.waitFor(() => expect(here.wake).toHaveBeenCalledTimes(1));
    const otherApi = open(other);
    await outboxWritten(otherApi);
    await vi.waitFor(() => expect(elsewhere.wake).toHaveBeenCalledTimes(1));
    expect(here.wake).toHaveBeenCalledTimes(1);

    here.undo();
    // One of this schema's two listening handles is left (the first test's worker).
    await vi.waitFor(async () => expect(await listening(schema)).toBe(1));
  });

  it('calls the workers of its own process at once on SQLite, where there is no other process', async () => {
    const db = openDb({ dataDir: ':memory:' });
    handles.push(db);
    const wake = vi.fn();
    const undo = onOutboxWrite(db, wake);
    await outboxWritten(db);
    expect(wake).toHaveBeenCalledTimes(1);
    undo();
    await outboxWritten(db);
    expect(wake).toHaveBeenCalledTimes(1);
  });
});
