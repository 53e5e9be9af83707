/**
 * The README's scaled recipe started all at once on an empty PostgreSQL database and Redis: two
 * `dabyl serve --role api` and a `--role worker`, real processes. Every one comes up; migrations, the
 * first administrator and the demo load happen once, and exactly one process prints the
 * administrator's password.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteRedisPrefix, testPrefix } from '../../src/jobs/testing/redis.js';
import { AGENCIES } from '../../src/services/demo/agencies.js';
import { DEMO_EXERCISES } from '../../src/services/demo/scenario/programme.js';
import { testRedisUrl } from '../setup/engines.js';
import { createTestDatabase, dropTestDatabase } from '../support/database.js';
import { serveBin, type Served } from '../support/dabyl-bin.js';

describe('the scaled recipe started at once on an empty PostgreSQL database', () => {
  let database: { name: string; url: string };
  let dataDir: string;
  let prefix: string;
  const servers: Served[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('dabyl_scaled');
    dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-scaled-'));
    prefix = testPrefix();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    if (prefix) await deleteRedisPrefix(prefix);
    if (database) await dropTestDatabase(database.name);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('two api processes and a worker all come up; the schema, the administrator and the demo data are made once', async () => {
    const env = {
      DABYL_DATABASE_URL: database.url,
      DABYL_REDIS_URL: testRedisUrl(),
      DABYL_REDIS_PREFIX: prefix,
      DABYL_DATA_DIR: dataDir,
      DABYL_DEMO_DATA: 'true',
    };
    for (const role of ['api', 'worker', 'api']) servers.push(serveBin(env, ['--role', role]));
    const urls = await Promise.all(servers.map((s) => s.url));
    for (const url of urls) {
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status, url).toBe(200);
    }
    const printed = servers.filter((s) => /password: \S+/.test(s.stdout()));
    expect(printed).toHaveLength(1);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const count = async (query: string) => Number((await client.query<{ n: string }>(query)).rows[0]!.n);
      expect(await count(`select count(*) as n from users where username = 'admin'`)).toBe(1);
      expect(await count(`select count(*) as n from settings where key = 'demo.version'`)).toBe(1);
      expect(await count(`select count(*) as n from organisations`)).toBe(AGENCIES.length);
      expect(await count(`select count(*) as n from programmes`)).toBe(1);
      expect(await count(`select count(*) as n from exercises`)).toBe(DEMO_EXERCISES.length);
    } finally {
      await client.end();
    }
  }, 240_000);
});
