import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testDatabaseUrl } from '../setup/engines.js';

async function run(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A schema of its own for one test file, so parallel runs on one server never collide. */
export async function createTestSchema(): Promise<string> {
  const name = `dabyl_t_${randomBytes(6).toString('hex')}`;
  await run(`create schema ${name}`);
  return name;
}

export async function dropTestSchema(name: string): Promise<void> {
  await run(`drop schema if exists ${name} cascade`);
}
