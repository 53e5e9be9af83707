import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { testDatabaseUrl } from '../setup/engines.js';
import { createTestSchema, dropTestSchema } from './postgres.js';

export const ENGINES = ['sqlite', 'postgres'] as const;
export type EngineName = (typeof ENGINES)[number];

/** A migrated, empty database on the named engine, and how to throw it away. */
export async function openTestRuntime(engine: EngineName): Promise<Runtime & { drop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-db-'));
  const schema = engine === 'postgres' ? await createTestSchema() : undefined;
  const config = loadConfig({
    DABYL_DATA_DIR: dataDir,
    DABYL_LOG_LEVEL: 'silent',
    // Two test files run at once against one PostgreSQL of 100 connections: each runtime keeps few.
    DABYL_DATABASE_POOL_SIZE: '5',
    // Every answer checked against its declared schema: a drifting contract fails the test that meets it.
    DABYL_CHECK_RESPONSES: 'true',
    ...(engine === 'postgres' ? { DABYL_DATABASE_URL: testDatabaseUrl() } : {}),
  });
  const runtime = await openRuntime(config, schema ? { schema } : {});
  return {
    ...runtime,
    drop: async () => {
      await runtime.close();
      if (schema) await dropTestSchema(schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
