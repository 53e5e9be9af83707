import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.js';
import { migrateToLatest, pendingMigrations } from '../../src/store/migrate.js';
import { testDatabaseUrl } from '../setup/engines.js';
import { createTestSchema, dropTestSchema } from '../support/postgres.js';

/**
 * Many Dabyl databases may share one PostgreSQL server as schemas (tests, staging beside
 * training). Starting up in one must not depend on what the others do at that moment.
 */
describe('migrating one schema while others on the server come and go', () => {
  let ours: string;
  let db: Db;
  let other: pg.Client;

  beforeAll(async () => {
    ours = await createTestSchema();
    other = new pg.Client({ connectionString: testDatabaseUrl() });
    await other.connect();
    db = openDb({ databaseUrl: testDatabaseUrl(), schema: ours, poolSize: 2 });
  });
  afterAll(async () => {
    await other.end();
    await db.close();
    await dropTestSchema(ours);
  });

  it('never fails for a table in another schema dropped meanwhile', async () => {
    await migrateToLatest(db);
    let stop = false;
    let churns = 0;
    // Another database on the server being set up and thrown away, as fast as it can.
    const churn = (async () => {
      while (!stop) {
        const theirs = `${ours}_x${churns++}`;
        const tables = Array.from(
          { length: 40 },
          (_, i) => `create table ${theirs}.t${i} (id serial, a text, b text);`,
        );
        await other.query(`create schema ${theirs}; ${tables.join(' ')}`);
        await other.query(`drop schema ${theirs} cascade`);
      }
    })();
    const failures: string[] = [];
    try {
      for (let i = 0; i < 150; i++) {
        const pending = await pendingMigrations(db).catch((err: Error) => {
          failures.push(err.message);
          return [];
        });
        expect(pending).toEqual([]);
      }
    } finally {
      stop = true;
      await churn;
    }
    expect(churns).toBeGreaterThan(1);
    expect(failures).toEqual([]);
  });
});
