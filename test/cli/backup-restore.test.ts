/**
 * `dabyl backup` and `dabyl restore` as an operator runs them, on both engines: a backup taken
 * while a server runs, restored into an empty store, verifies its audit chain to the same head and
 * serves the same public site; and every refusal (a running server, a file that is no Dabyl backup,
 * the other engine's backup, a damaged backup) leaves the target as it was. The backup of the
 * running server and the refusals beside it go through the spawned binary (its exit codes and
 * streams); the other calls run the same `main` in this process (docs/testing.md).
 */
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/database.js';
import { dabyl, dabylInProcess, serveBin, type Run } from '../support/dabyl-bin.js';
import { ENGINES, type EngineName } from '../support/engines.js';

interface Store {
  env: Record<string, string>;
  drop(): Promise<void>;
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-backup-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function createStore(engine: EngineName): Promise<Store> {
  const dataDir = tempDir();
  const database = engine === 'postgres' ? await createTestDatabase('dabyl_backup') : undefined;
  return {
    env: {
      DABYL_DATA_DIR: dataDir,
      DABYL_PUBLIC_URL: 'https://drills.example.kz',
      ...(database ? { DABYL_DATABASE_URL: database.url } : {}),
    },
    drop: async () => {
      if (database) await dropTestDatabase(database.name);
    },
  };
}

function ok(run: Run): Run {
  expect(run.stderr, run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run;
}

async function auditHead(store: Store): Promise<{ entries: number; head: { seq: number; hash: string } }> {
  const run = ok(await dabylInProcess(['audit', 'verify', '--json'], store.env));
  const result = JSON.parse(run.stdout) as {
    ok: boolean;
    entries: number;
    head: { seq: number; hash: string };
  };
  expect(result.ok).toBe(true);
  return result;
}

/** The public home page, in every language, byte for byte. */
async function publicSite(url: string): Promise<string[]> {
  return Promise.all(
    ['/kk/', '/ru/', '/en/'].map(async (p) => {
      const res = await fetch(`${url}${p}`);
      expect(res.status, p).toBe(200);
      return res.text();
    }),
  );
}

describe.each(ENGINES)('dabyl backup and restore on %s', (engine) => {
  const other: EngineName = engine === 'sqlite' ? 'postgres' : 'sqlite';
  let source: Store;
  let target: Store;
  let files: string;
  let backup: string;
  let sourceHead: Awaited<ReturnType<typeof auditHead>>;
  let sourceSite: string[];

  beforeAll(async () => {
    source = await createStore(engine);
    target = await createStore(engine);
    files = tempDir();
    backup = path.join(files, engine === 'sqlite' ? 'dabyl.backup.sqlite' : 'dabyl.backup.dump');
  });
  afterAll(async () => {
    await source?.drop();
    await target?.drop();
  });

  it('backs up a running server; the restored copy has the same audit head and public site', async () => {
    const server = serveBin({ ...source.env, DABYL_DEMO_DATA: 'true' });
    try {
      const url = await server.url;
      sourceHead = await auditHead(source);
      expect(sourceHead.entries).toBeGreaterThan(100);
      sourceSite = await publicSite(url);
      expect(sourceSite[2]).toContain('<html');

      const made = ok(await dabyl(['backup', backup, '--json'], source.env));
      expect(JSON.parse(made.stdout)).toMatchObject({ engine, file: backup });
      expect(statSync(backup).size).toBeGreaterThan(10_000);
      // The same file again is refused unless asked for.
      const again = await dabyl(['backup', backup], source.env);
      expect(again.code).toBe(5);
      expect(again.stderr).toContain('--force');

      // Restoring onto the store a server is using is refused, and changes nothing.
      const busy = await dabyl(['restore', backup], source.env);
      expect(busy.code).toBe(5);
      expect(busy.stderr).toMatch(/in use/);
      expect(await auditHead(source)).toEqual(sourceHead);
    } finally {
      await server.close();
    }

    ok(await dabylInProcess(['restore', backup], target.env));
    expect(await auditHead(target)).toEqual(sourceHead);
    const copy = serveBin({ ...target.env, DABYL_DEMO_DATA: 'true' });
    try {
      const url = await copy.url;
      // No first administrator was made and no demo loaded: the restored data was all there.
      expect(copy.stdout()).not.toMatch(/password:/);
      expect(await publicSite(url)).toEqual(sourceSite);
    } finally {
      await copy.close();
    }
  }, 300_000);

  it('refuses a file that is not a Dabyl backup, and leaves the database as it was', async () => {
    const text = path.join(files, 'notes.txt');
    writeFileSync(text, 'not a backup\n');
    const plain = await dabylInProcess(['restore', text], target.env);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('is not a Dabyl backup');

    const missing = await dabylInProcess(['restore', path.join(files, 'nothing-here')], target.env);
    expect(missing.code).toBe(4);

    if (engine === 'sqlite') {
      const foreign = path.join(files, 'other-app.sqlite');
      const db = new SQLite(foreign);
      db.exec('create table notes (body text)');
      db.close();
      const run = await dabylInProcess(['restore', foreign], target.env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('not a Dabyl one');
    }
  }, 60_000);

  it("refuses the other engine's backup, naming both engines", async () => {
    const foreignStore = await createStore(other);
    try {
      ok(await dabylInProcess(['migrate'], foreignStore.env));
      const foreign = path.join(files, `from-${other}.backup`);
      ok(await dabylInProcess(['backup', foreign], foreignStore.env));
      const run = await dabylInProcess(['restore', foreign], target.env);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        engine === 'sqlite'
          ? /is a PostgreSQL backup, but the configured database is SQLite/
          : /is a SQLite backup, but the configured database is PostgreSQL/,
      );
    } finally {
      await foreignStore.drop();
    }
  }, 120_000);

  it('a damaged backup fails the restore; after every refusal the database is whole', async () => {
    const damaged = path.join(files, `damaged-${path.basename(backup)}`);
    copyFileSync(backup, damaged);
    // Cut the data off: the header and (for pg_dump) the table of contents must still read, so a
    // pg_dump archive loses its last tenth only (its contents list grows with every table).
    const size = statSync(damaged).size;
    truncateSync(damaged, Math.floor(engine === 'postgres' ? size * 0.9 : size / 2));
    const run = await dabylInProcess(['restore', damaged], target.env);
    expect(run.code).toBe(1);
    // PostgreSQL: the table of contents still reads, so the script ran and was rolled back.
    expect(run.stderr).toMatch(engine === 'postgres' ? /rolled back/ : /damaged|failed/);
    expect(await auditHead(target)).toEqual(sourceHead);
    expect(readFileSync(damaged).length).toBeGreaterThan(0);
  }, 120_000);
});
