import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { testDatabaseUrl } from '../setup/engines.js';

describe('PostgreSQL ending an idle pooled connection', () => {
  const db = openDb({ databaseUrl: testDatabaseUrl(), poolSize: 2 });
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  afterAll(async () => {
    await db.close();
    await admin.end();
  });

  it('goes on answering with a new connection, without an uncaught error ending the process', async () => {
    const uncaught = vi.fn();
    process.on('uncaughtException', uncaught);
    try {
      const pid = async () =>
        Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db.kysely)).rows[0]!.pid);
      const before = await pid();
      await admin.connect();
      // The connection is back in the pool, idle, when the server ends it (as a restart does).
      await admin.query('select pg_terminate_backend($1)', [before]);
      // The first query may still meet the dying connection; once the pool has dropped it, a new one answers.
      const after = await vi.waitFor(async () => pid(), { timeout: 5000, interval: 50 });
      expect(after).not.toBe(before);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).not.toHaveBeenCalled();
    } finally {
      process.off('uncaughtException', uncaught);
    }
  });
});
