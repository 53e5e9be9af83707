import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testDatabaseUrl } from '../setup/engines.js';

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A whole PostgreSQL database of its own, for what cannot be pointed at a schema (the `dabyl`
 * binary takes only DABYL_DATABASE_URL). Same server and credentials as testDatabaseUrl().
 */
export async function createTestDatabase(prefix = 'dabyl_cli'): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Drops it even if a connection was left open (PostgreSQL 13+). */
export async function dropTestDatabase(name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  await onServer(`drop database if exists ${name} with (force)`);
}
