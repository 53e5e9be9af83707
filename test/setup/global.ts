/**
 * Runs once before the whole suite: the real engines the tests talk to must answer, or the run
 * stops here naming what is missing and how to provide it. Nothing is ever skipped silently.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { Redis } from 'ioredis';
import { testDatabaseUrl, testRedisUrl } from './engines.js';

async function checkPostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(
      `PostgreSQL does not answer at DABYL_TEST_DATABASE_URL=${testDatabaseUrl()} (${(err as Error).message}). ` +
        `Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(): Promise<void> {
  const redis = new Redis(testRedisUrl(), {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 3000,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `Redis does not answer at DABYL_TEST_REDIS_URL=${testRedisUrl()} (${(err as Error).message}). ` +
        `Start it: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
    );
  } finally {
    redis.disconnect();
  }
}

function checkTool(bin: string, args: string[], pkg: string): void {
  try {
    execFileSync(bin, args, { stdio: 'ignore' });
  } catch {
    throw new Error(`${bin} is missing: install it with  apt-get install -y ${pkg}`);
  }
}

export default async function setup(): Promise<void> {
  await checkPostgres();
  await checkRedis();
  checkTool('xmllint', ['--version'], 'libxml2-utils');
  if (!existsSync('/usr/bin/chromium'))
    throw new Error('/usr/bin/chromium is missing: apt-get install -y chromium');
}
