/**
 * The real `dabyl` binary, spawned as a person or a script would run it (`node bin/dabyl.js …`),
 * against a store of its own: a temporary SQLite folder, and a fresh PostgreSQL database for the
 * main flows. What the CLI writes is checked through `dabyl serve` on the same store, so "the
 * password works" means it signs in over HTTP.
 *
 * Each spawned process pays Node.js start-up and the loading of every module, seconds on a busy
 * machine, so every command family is spawned at least once (`dabyl`) and the further calls of a
 * family go through the same `main` in this process (`run`); see docs/testing.md.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../src/cli/main.js';
import { testDatabaseUrl } from '../setup/engines.js';
import { dabylInProcess as inProcess } from '../support/dabyl-bin.js';
import { ENGINES, type EngineName } from '../support/engines.js';
import { createTestDatabase, dropTestDatabase } from '../support/database.js';

const BIN = fileURLToPath(new URL('../../bin/dabyl.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The developer's own DABYL_* settings must not leak into the binary under test. */
function cleanEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('DABYL_'),
    ),
  );
}

function dabyl(args: string[], env: Record<string, string>, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...cleanEnv(), DABYL_LOG_LEVEL: 'silent', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** A store the CLI and a server can share: the env that names it, and how to throw it away. */
interface Store {
  env: Record<string, string>;
  dataDir: string;
  drop(): Promise<void>;
}

async function createStore(engine: EngineName): Promise<Store> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-cli-'));
  // The CLI has no schema option, so PostgreSQL runs get a whole database of their own.
  const database = engine === 'postgres' ? await createTestDatabase() : undefined;
  return {
    dataDir,
    env: { DABYL_DATA_DIR: dataDir, ...(database ? { DABYL_DATABASE_URL: database.url } : {}) },
    drop: async () => {
      if (database) await dropTestDatabase(database.name);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `dabyl serve` on the same store, spawned too: it runs the sources as they are when it starts. */
interface Served {
  url: string;
  close(): Promise<void>;
}

function serve(store: Store): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...cleanEnv(),
      ...store.env,
      DABYL_LOG_LEVEL: 'silent',
      DABYL_PORT: '0',
      DABYL_HOST: '127.0.0.1',
      DABYL_DEMO_DATA: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url)
        resolve({
          url,
          close: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
    });
    child.once('exit', (code) => reject(new Error(`dabyl serve exited with ${code}: ${stderr}`)));
  });
}

async function signIn(
  server: Served,
  username: string,
  password: string,
): Promise<{ status: number; code?: string }> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { code?: string };
  return { status: res.status, ...(body.code ? { code: body.code } : {}) };
}

function parseJson<T>(run: Run): T {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

interface ListedUser {
  username: string;
  displayName: string;
  disabled: boolean;
  grants: { role: string; organisationId: string | null }[];
}

describe('dabyl --help', () => {
  /** Every command path in the tree the binary builds, root first, so a new command is covered too. */
  function commandPaths(cmd: Command, prefix: string[] = []): { path: string[]; subcommands: string[] }[] {
    const here = { path: prefix, subcommands: cmd.commands.map((c) => c.name()) };
    return [here, ...cmd.commands.flatMap((c) => commandPaths(c, [...prefix, c.name()]))];
  }

  it('exits 0 at every level and lists the subcommands of that level', async () => {
    const paths = commandPaths(buildCli());
    expect(paths.map((p) => p.path.join(' '))).toEqual(
      expect.arrayContaining([
        '',
        'migrate',
        'demo load',
        'user add',
        'token revoke',
        'audit verify',
        'doctor',
        'lessons search',
      ]),
    );
    const env = { DABYL_DATA_DIR: path.join(tmpdir(), 'dabyl-cli-help-never-created') };
    // The binary itself at the root and at one nested level; every level through the same `main`.
    const spawned = new Set(['', 'user add']);
    for (const p of paths) {
      const usage = ['dabyl', ...p.path].join(' ');
      const args = [...p.path, '--help'];
      const help = spawned.has(p.path.join(' ')) ? await dabyl(args, env) : await inProcess(args, env);
      expect(help.code, `${usage} --help`).toBe(0);
      expect(help.stdout).toContain(`Usage: ${usage}`);
      for (const sub of p.subcommands) expect(help.stdout, usage).toMatch(new RegExp(`^ {2}${sub}\\b`, 'm'));
    }
  }, 180_000);
});

describe('dabyl exit codes', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore('sqlite');
  });
  afterAll(() => store.drop());

  it('an unknown command or option is a usage error, exit 2', async () => {
    const command = await dabyl(['frobnicate'], store.env);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("unknown command 'frobnicate'");
    const option = await inProcess(['user', 'list', '--colour'], store.env);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--colour'");
  });

  it('a bad DABYL_PORT stops with exit 3 naming the variable', async () => {
    const bad = await inProcess(['user', 'list'], { ...store.env, DABYL_PORT: 'eighty' });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/DABYL_PORT: must be a whole number, got "eighty"/);
    expect(bad.stdout).toBe('');
  });
});

describe('dabyl without its database', () => {
  it('exits 69 with one line naming a PostgreSQL database that does not exist', async () => {
    const url = new URL(testDatabaseUrl());
    url.pathname = `/dabyl_cli_absent_${randomBytes(6).toString('hex')}`;
    const run = await dabyl(['user', 'list'], { DABYL_DATABASE_URL: url.toString() });
    expect(run.code).toBe(69);
    expect(run.stderr).toMatch(
      /^dabyl: cannot reach the database at postgres:\/\/\S+dabyl_cli_absent_\w+: .*does not exist\n$/,
    );
    expect(run.stdout).toBe('');
  });
});

// Some steps spawn Node.js processes: a generous limit, never a timing claim.
describe.each(ENGINES)('dabyl on %s', { timeout: 120_000 }, (engine) => {
  let store: Store;
  let server: Served | undefined;
  const pw = 'correct horse battery staple';
  let patrolPassword = '';
  /** The first call of each command family: the spawned binary on SQLite, the same `main` on PostgreSQL. */
  const bin = engine === 'sqlite' ? dabyl : inProcess;

  /** A server on the same store, started once the schema exists. */
  const api = async (): Promise<Served> => (server ??= await serve(store));

  beforeAll(async () => {
    store = await createStore(engine);
  });
  afterAll(async () => {
    await server?.close();
    await store.drop();
  });

  it('migrate brings a fresh database up to date, and a second run applies nothing', async () => {
    const first = parseJson<{ applied: string[] }>(await dabyl(['migrate', '--json'], store.env));
    expect(first.applied).toContain('0001-people-and-audit');
    const second = parseJson<{ applied: string[] }>(await inProcess(['migrate', '--json'], store.env));
    expect(second.applied).toEqual([]);
    const text = await inProcess(['migrate'], store.env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/is up to date/);
  });

  it('demo load adds the seed scenario once; running it again adds nothing', async () => {
    const first = parseJson<Record<string, unknown>>(await bin(['demo', 'load', '--json'], store.env));
    expect(first).toMatchObject({ alreadyLoaded: false });
    expect(first.organisations).toBeGreaterThan(0);
    expect(first.users).toBeGreaterThan(0);
    const second = parseJson<Record<string, unknown>>(await inProcess(['demo', 'load', '--json'], store.env));
    expect(second).toMatchObject({ organisations: 0, units: 0, users: 0, alreadyLoaded: true });
    // Whatever the demo set grows to hold, a second load adds none of it.
    for (const [what, added] of Object.entries(second))
      if (typeof added === 'number') expect(added, `${what} added again`).toBe(0);
  });

  it('user add --password-stdin stores that password, and it signs in over the API', async () => {
    const run = await bin(
      ['user', 'add', 'ops.duty', '--name', 'Duty officer', '--role', 'admin', '--password-stdin'],
      store.env,
      `${pw}\n`,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('created ops.duty\n');
    const server = await api();
    expect(await signIn(server, 'ops.duty', pw)).toEqual({ status: 200 });
    expect(await signIn(server, 'ops.duty', `${pw}\n`)).toMatchObject({ status: 401 });
  });

  it('user add without --password-stdin prints a random password once, and it signs in', async () => {
    const run = await inProcess(
      ['user', 'add', 'patrol.two', '--name', 'Patrol two', '--role', 'player', '--org', 'Astana Police'],
      store.env,
    );
    expect(run.code).toBe(0);
    patrolPassword = /password \(shown once\): (\S+)$/m.exec(run.stdout)?.[1] ?? '';
    expect(patrolPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await signIn(await api(), 'patrol.two', patrolPassword)).toEqual({ status: 200 });
  });

  it('user list --json is JSON with every user and their roles', async () => {
    const users = parseJson<ListedUser[]>(await inProcess(['user', 'list', '--json'], store.env));
    const byName = new Map(users.map((u) => [u.username, u]));
    expect(byName.get('ops.duty')).toMatchObject({ displayName: 'Duty officer', disabled: false });
    expect(byName.get('ops.duty')!.grants).toEqual([
      expect.objectContaining({ role: 'admin', organisationId: null }),
    ]);
    expect(byName.get('patrol.two')!.grants).toEqual([
      expect.objectContaining({ role: 'player', organisationId: expect.any(String) }),
    ]);
    expect(byName.has('director.astana')).toBe(true);
  });

  it('user disable stops sign-in, and user enable lets the user back in', async () => {
    const disabled = await inProcess(['user', 'disable', 'patrol.two'], store.env);
    expect(disabled).toMatchObject({ code: 0, stdout: 'patrol.two disabled\n' });
    const server = await api();
    // The same answer as a wrong password: a disabled account does not tell that it exists.
    expect(await signIn(server, 'patrol.two', patrolPassword)).toEqual({
      status: 401,
      code: 'wrong_credentials',
    });
    const listed = parseJson<ListedUser[]>(await inProcess(['user', 'list', '--json'], store.env));
    expect(listed.find((u) => u.username === 'patrol.two')?.disabled).toBe(true);

    const enabled = await inProcess(['user', 'enable', 'patrol.two'], store.env);
    expect(enabled).toMatchObject({ code: 0, stdout: 'patrol.two enabled\n' });
    expect(await signIn(server, 'patrol.two', patrolPassword)).toEqual({ status: 200 });
  });

  it('user disable refuses the last active administrator with exit 5', async () => {
    const run = await inProcess(['user', 'disable', 'ops.duty'], store.env);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/last active administrator/);
    expect(await signIn(await api(), 'ops.duty', pw)).toEqual({ status: 200 });
  });

  it('user passwd --password-stdin replaces the password: the old one fails, the new one signs in', async () => {
    const fresh = 'a new passphrase for the duty shift';
    const run = await inProcess(['user', 'passwd', 'ops.duty', '--password-stdin'], store.env, fresh);
    expect(run).toMatchObject({
      code: 0,
      stdout: 'password of ops.duty changed\ntheir sessions ended and 0 API token(s) revoked\n',
    });
    const server = await api();
    expect(await signIn(server, 'ops.duty', pw)).toEqual({ status: 401, code: 'wrong_credentials' });
    expect(await signIn(server, 'ops.duty', fresh)).toEqual({ status: 200 });
    // Put the known password back for the tests below.
    expect((await inProcess(['user', 'passwd', 'ops.duty', '--password-stdin'], store.env, pw)).code).toBe(0);
  });

  it('org add creates an agency that org list --json shows', async () => {
    const created = parseJson<{ id: string; name: string; shortName: string; kind: string }>(
      await bin(
        ['org', 'add', 'Baikonur City Akimat', '--kind', 'local-government', '--short', 'Baikonur', '--json'],
        store.env,
      ),
    );
    expect(created).toMatchObject({
      name: 'Baikonur City Akimat',
      shortName: 'Baikonur',
      kind: 'local-government',
    });
    const orgs = parseJson<{ id: string; name: string }[]>(
      await inProcess(['org', 'list', '--json'], store.env),
    );
    expect(orgs).toContainEqual(expect.objectContaining({ id: created.id, name: 'Baikonur City Akimat' }));
  });

  it('token create prints a bearer token the API accepts; token revoke makes it 401', async () => {
    const run = await bin(
      ['token', 'create', 'ops.duty', '--name', 'roster sync', '--scope', 'users:read', '--days', '7'],
      store.env,
    );
    expect(run.code).toBe(0);
    const [, id, token] =
      /^token (\S+) for ops\.duty, expires \S+\. Shown once:\n(dabyl_\S+)\n$/.exec(run.stdout) ?? [];
    expect(token).toBeDefined();
    const server = await api();
    const users = () =>
      fetch(`${server.url}/api/v1/users`, { headers: { authorization: `Bearer ${token}` } });
    const allowed = await users();
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    // The scope limits it: users:read does not reach the audit log.
    const outOfScope = await fetch(`${server.url}/api/v1/audit`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(outOfScope.status).toBe(403);

    expect(await inProcess(['token', 'revoke', id!], store.env)).toMatchObject({
      code: 0,
      stdout: `token ${id} revoked\n`,
    });
    const refused = await users();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      code: 'token_revoked',
      detail: expect.stringMatching(/revoked/),
    });
  });

  it('audit verify exits 0 on the intact log and says how many entries it checked', async () => {
    const run = await bin(['audit', 'verify'], store.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^audit log intact: \d+ entries\nhead: \d+:[0-9a-f]{64} /);
    const json = parseJson<{
      ok: boolean;
      entries: number;
      firstBad: null;
      head: { seq: number; hash: string };
    }>(await inProcess(['audit', 'verify', '--json'], store.env));
    expect(json.ok).toBe(true);
    expect(json.firstBad).toBeNull();
    expect(json.entries).toBeGreaterThan(20);
    const anchored = await inProcess(
      ['audit', 'verify', '--anchor', `${json.head.seq}:${json.head.hash}`],
      store.env,
    );
    expect(anchored.code).toBe(0);
    const cut = await inProcess(
      ['audit', 'verify', '--anchor', `${json.head.seq + 9}:${json.head.hash}`],
      store.env,
    );
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/cut off the end/);
  });

  it('doctor --json reports the database, migrations, clock, time zones, Redis and disk as ok', async () => {
    const checks = parseJson<{ name: string; ok: boolean; detail: string }[]>(
      await bin(['doctor', '--json'], store.env),
    );
    expect(checks.map((c) => c.name)).toEqual([
      'database',
      'migrations',
      'clock',
      'time zones',
      'redis',
      'disk',
    ]);
    for (const c of checks) expect(c, c.name).toMatchObject({ ok: true });
    expect(checks[0]!.detail).toContain(engine);
  });

  it.runIf(engine === 'postgres')(
    'doctor passes on PostgreSQL before anything has created the data folder',
    async () => {
      const env = { ...store.env, DABYL_DATA_DIR: path.join(store.dataDir, 'not', 'made', 'yet') };
      const checks = parseJson<{ name: string; ok: boolean; detail: string }[]>(
        await inProcess(['doctor', '--json'], env),
      );
      expect(checks.find((c) => c.name === 'disk')).toMatchObject({ ok: true, detail: /is not created yet/ });
      expect(checks.every((c) => c.ok)).toBe(true);
    },
  );

  it('an unknown user is exit 4 naming the user, for every command that takes one', async () => {
    for (const args of [
      ['user', 'disable', 'nobody.here'],
      ['user', 'enable', 'nobody.here'],
      ['user', 'passwd', 'nobody.here'],
      ['token', 'create', 'nobody.here', '--name', 'x', '--scope', 'users:read'],
    ]) {
      const run = await inProcess(args, store.env);
      expect(run.code, args.join(' ')).toBe(4);
      expect(run.stderr, args.join(' ')).toMatch(/nobody\.here/);
      expect(run.stdout).toBe('');
    }
  });

  it('a duplicate username or organisation is exit 5 and changes nothing', async () => {
    const before = await inProcess(['user', 'list', '--json'], store.env);
    const user = await inProcess(
      ['user', 'add', 'OPS.DUTY', '--name', 'Impostor', '--password-stdin'],
      store.env,
      pw,
    );
    expect(user.code).toBe(5);
    expect(user.stderr).toMatch(/username "ops\.duty" is taken/);
    const org = await inProcess(['org', 'add', 'Baikonur City Akimat', '--kind', 'other'], store.env);
    expect(org.code).toBe(5);
    expect(org.stderr).toMatch(/Baikonur City Akimat/);
    expect((await inProcess(['user', 'list', '--json'], store.env)).stdout).toBe(before.stdout);
  });
});

describe('dabyl audit verify on a tampered SQLite file', () => {
  let intact: Store;

  beforeAll(async () => {
    intact = await createStore('sqlite');
    expect((await inProcess(['demo', 'load', '--json'], intact.env)).code).toBe(0);
    expect((await inProcess(['audit', 'verify'], intact.env)).code).toBe(0);
  }, 120_000);
  afterAll(() => intact.drop());

  /** A copy of the intact store, changed behind Dabyl's back with the append-only triggers dropped. */
  async function tampered(change: (db: SQLite.Database) => void): Promise<Store> {
    const copy = await createStore('sqlite');
    cpSync(intact.dataDir, copy.dataDir, { recursive: true });
    const db = new SQLite(path.join(copy.dataDir, 'dabyl.sqlite'));
    try {
      // The database refuses the rewrite first; only someone who drops the triggers gets through.
      expect(() => db.prepare('update audit_log set action = ? where seq = 1').run('x')).toThrow(
        /append-only/,
      );
      db.exec('drop trigger audit_log_no_update; drop trigger audit_log_no_delete');
      change(db);
    } finally {
      db.close();
    }
    return copy;
  }

  it('exits 1 naming the entry whose content was edited', async () => {
    const store = await tampered((db) =>
      db.prepare('update audit_log set detail = ? where seq = 3').run('{"username":"nobody"}'),
    );
    try {
      const run = await dabyl(['audit', 'verify'], store.env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/audit log broken at entry 3: content does not match its hash/);
      const json = await inProcess(['audit', 'verify', '--json'], store.env);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, entries: 2, firstBad: { seq: 3 } });
    } finally {
      await store.drop();
    }
  });

  it('exits 1 naming the gap where an entry was deleted', async () => {
    const store = await tampered((db) => db.prepare('delete from audit_log where seq = 4').run());
    try {
      const run = await inProcess(['audit', 'verify'], store.env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/audit log broken at entry 5: expected entry 4 here, found 5/);
    } finally {
      await store.drop();
    }
  });

  it('exits 1 naming the first of two entries that were swapped', async () => {
    const store = await tampered((db) =>
      db.transaction(() => {
        db.prepare('update audit_log set seq = -1 where seq = 3').run();
        db.prepare('update audit_log set seq = 3 where seq = 4').run();
        db.prepare('update audit_log set seq = 4 where seq = -1').run();
      })(),
    );
    try {
      const run = await inProcess(['audit', 'verify'], store.env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/audit log broken at entry 3: does not link to the entry before it/);
    } finally {
      await store.drop();
    }
  });
});

describe('dabyl audit verify on a tampered PostgreSQL database', () => {
  it('exits 1 naming the entry edited behind the append-only trigger', async () => {
    const store = await createStore('postgres');
    try {
      expect((await inProcess(['demo', 'load', '--json'], store.env)).code).toBe(0);
      const client = new pg.Client({ connectionString: store.env.DABYL_DATABASE_URL });
      await client.connect();
      try {
        await expect(client.query(`update audit_log set detail = '{}' where seq = 2`)).rejects.toThrow(
          /append-only/,
        );
        await client.query('drop trigger audit_log_no_rewrite on audit_log');
        await client.query(`update audit_log set at = '2024-10-21T00:00:00.000Z' where seq = 2`);
      } finally {
        await client.end();
      }
      const run = await dabyl(['audit', 'verify'], store.env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/audit log broken at entry 2: content does not match its hash/);
    } finally {
      await store.drop();
    }
  }, 120_000);
});
