/**
 * The README's scaled recipe started all at once on an empty PostgreSQL database: three real
 * `dabyl serve` processes. Every one comes up; migrations, the first administrator and the demo load
 * happen once, and exactly one process prints the administrator's password.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCIES } from '../../src/services/demo/agencies.js';
import { DEMO_EXERCISES } from '../../src/services/demo/scenario/programme.js';
import { createTestDatabase, dropTestDatabase } from '../support/database.js';

const BIN = fileURLToPath(new URL('../../bin/dabyl.js', import.meta.url));

interface Served {
  child: ChildProcess;
  url: Promise<string>;
  stdout: () => string;
}

function serve(env: Record<string, string>): Served {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('DABYL_'),
    ),
  );
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...clean, ...env, DABYL_LOG_LEVEL: 'silent', DABYL_PORT: '0', DABYL_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const found = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`dabyl serve exited with ${code}: ${stderr}`)));
  });
  return { child, url, stdout: () => stdout };
}

describe('three dabyl serve processes started at once on an empty PostgreSQL database', () => {
  let database: { name: string; url: string };
  let dataDir: string;
  const servers: Served[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('dabyl_scaled');
    dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-scaled-'));
  });
  afterAll(async () => {
    await Promise.all(
      servers.map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }),
    );
    if (database) await dropTestDatabase(database.name);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('all come up; the schema, the administrator and the demo data are made once', async () => {
    for (let i = 0; i < 3; i++)
      servers.push(
        serve({ DABYL_DATABASE_URL: database.url, DABYL_DATA_DIR: dataDir, DABYL_DEMO_DATA: 'true' }),
      );
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
