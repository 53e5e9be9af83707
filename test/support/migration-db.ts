import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../src/store/db.js';
import { migrateTo, migrateToLatest } from '../../src/store/migrate.js';
import { testDatabaseUrl } from '../setup/engines.js';
import type { EngineName } from './engines.js';
import { createTestSchema, dropTestSchema } from './postgres.js';

/** A database held at an older migration, so a test can write rows as the schema stood then. */
export interface DbAtMigration {
  readonly db: Db;
  /** The data directory the database lives in (SQLite's file; a config of the same database needs it). */
  readonly dataDir: string;
  /** Applies every migration after the one the database was opened at. */
  toLatest(): Promise<void>;
  /** Closes the database and throws away its schema and data directory. */
  drop(): Promise<void>;
}

/**
 * A fresh database on `engine` migrated up to and including `name`: a temporary data directory for
 * SQLite, a schema of its own on the test PostgreSQL server.
 */
export async function openAtMigration(engine: EngineName, name: string): Promise<DbAtMigration> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-mig-'));
  const schema = engine === 'postgres' ? await createTestSchema() : undefined;
  const db = openDb({ dataDir, ...(schema ? { databaseUrl: testDatabaseUrl(), schema } : {}) });
  const drop = async (): Promise<void> => {
    await db.close();
    if (schema) await dropTestSchema(schema);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await migrateTo(db, name);
  } catch (error) {
    // The caller never gets a handle to drop, so nothing may be left behind here.
    await drop();
    throw error;
  }
  return {
    db,
    dataDir,
    toLatest: async () => {
      await migrateToLatest(db);
    },
    drop,
  };
}
