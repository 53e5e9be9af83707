import { spawn, spawnSync } from 'node:child_process';
import { renameSync, rmSync, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { sql } from 'kysely';
import type { Db } from '../db.js';
import { whileNotServing } from '../startup-lock.js';
import { BackupError, checkBackupEngine, type BackupResult, type Progress } from './backup-file.js';

/*
 * PostgreSQL: a backup is `pg_dump --format=custom` of the schema Dabyl uses; a restore turns the
 * archive into SQL with pg_restore and runs it with psql in ONE transaction that first drops the
 * schema: if anything fails, PostgreSQL rolls it all back and the old data is untouched. The client
 * tools must be of the server's major version (pg_dump refuses newer servers, and an archive from a
 * newer pg_dump is unreadable to an older pg_restore).
 */

/** The URL without its password, and the environment that passes the password instead. */
function connection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    url: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}), PGAPPNAME: 'dabyl backup' },
  };
}

const majorOf = (version: string) => Number(/(\d+)(?:\.\d+)?/.exec(version)?.[1] ?? NaN);

/** Refuses, naming both versions, when a client tool's major version is not the server's. */
async function checkTools(db: Db, tools: string[]): Promise<void> {
  const row = await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(db.kysely);
  const server = Math.floor(Number(row.rows[0]!.v) / 10000);
  for (const tool of tools) {
    const run = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (run.error || run.status !== 0)
      throw new BackupError(
        'tools',
        `${tool} is needed and was not found: install the PostgreSQL ${server} client tools (Debian: apt-get install postgresql-client-${server})`,
        { key: 'tool-missing', params: { tool, server } },
      );
    const major = majorOf(run.stdout.replace(/^\D+/, ''));
    if (major !== server)
      throw new BackupError(
        'tools',
        `${tool} is version ${major}, the server is PostgreSQL ${server}: use the PostgreSQL ${server} client tools (Debian: postgresql-client-${server}; or put their bin folder first in PATH)`,
        { key: 'tool-version', params: { tool, version: major, server } },
      );
  }
}

/** The schema Dabyl's tables live in on this connection (its search_path). */
async function currentSchema(db: Db): Promise<string> {
  const row = await sql<{ s: string | null }>`select current_schema() as s`.execute(db.kysely);
  const schema = row.rows[0]?.s;
  if (!schema)
    throw new BackupError('failed', `the schema named by the search path does not exist`, {
      key: 'no-schema',
    });
  return schema;
}

/** Runs a tool; resolves with its stderr, rejects with its last lines when it fails. */
function run(
  tool: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onStderrLine?: (line: string) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let partial = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onStderrLine?.(line);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stderr) : reject(new Error(`${tool} exited with ${code}: ${lastLines(stderr)}`)),
    );
  });
}

const lastLines = (text: string) =>
  text
    .split('\n')
    .filter(
      (l) =>
        l.trim() && !/^pg_dump: (reading|dumping|saving|last built-in|identifying|finding|flagging)/.test(l),
    )
    .slice(-5)
    .join(' | ');

/** `pg_dump --format=custom` of the configured schema into `file` (written whole, then renamed). */
export async function backupPostgres(
  db: Db,
  url: string,
  file: string,
  onProgress: Progress,
): Promise<BackupResult> {
  await checkTools(db, ['pg_dump']);
  const schema = await currentSchema(db);
  const tables = await sql<{
    n: string;
  }>`select count(*) as n from pg_tables where schemaname = ${schema}`.execute(db.kysely);
  const total = Number(tables.rows[0]!.n);
  if (total === 0)
    throw new BackupError('failed', `schema ${schema} at ${db.location} has no tables to back up`, {
      key: 'no-tables',
      params: { schema, location: db.location },
    });
  const conn = connection(url);
  const partial = `${file}.partial`;
  let done = 0;
  try {
    await run(
      'pg_dump',
      ['--format=custom', '--schema', schema, '--verbose', '--file', partial, '--dbname', conn.url],
      conn.env,
      (line) => {
        if (/dumping contents of table/.test(line)) onProgress(++done, total);
      },
    );
  } catch (err) {
    rmSync(partial, { force: true });
    const error = (err as Error).message;
    throw new BackupError('failed', `pg_dump failed: ${error}`, { key: 'dump-failed', params: { error } });
  }
  renameSync(partial, file);
  return { engine: 'postgres', file, bytes: statSync(file).size, source: `${db.location} schema ${schema}` };
}

/** The archive's table of contents: entries, and the schema its kysely_migration table is in. */
function listArchive(file: string): {
  entries: number;
  schema: string | null;
  createsSchema: (s: string) => boolean;
} {
  const list = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (list.status !== 0)
    throw new BackupError(
      'not-a-backup',
      `${file} is not a readable pg_dump archive: ${lastLines(list.stderr)}`,
      { key: 'unreadable-archive', params: { file, error: lastLines(list.stderr) } },
    );
  const lines = list.stdout.split('\n').filter((l) => /^\d+;/.test(l));
  const schema = /^\d+; \d+ \d+ TABLE (\S+) kysely_migration /m.exec(list.stdout)?.[1] ?? null;
  return {
    entries: lines.length,
    schema,
    createsSchema: (s) => lines.some((l) => new RegExp(`^\\d+; \\d+ \\d+ SCHEMA - ${s} `).test(l)),
  };
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Replaces the configured schema with the archive's contents, in one transaction. Refuses while a
 * server uses the schema, and keeps servers from starting until it is done.
 */
export async function restorePostgres(
  db: Db,
  url: string,
  file: string,
  onProgress: Progress,
): Promise<BackupResult> {
  checkBackupEngine(file, 'postgres');
  await checkTools(db, ['pg_restore', 'psql']);
  const archive = listArchive(file);
  if (!archive.schema)
    throw new BackupError('not-a-backup', `${file} is a pg_dump archive, but not of a Dabyl database`, {
      key: 'not-dabyl-archive',
      params: { file },
    });
  const schema = await currentSchema(db).catch(() => archive.schema!);
  if (schema !== archive.schema)
    throw new BackupError(
      'not-a-backup',
      `${file} holds schema ${archive.schema}; the configured database uses schema ${schema}`,
      { key: 'schema-differs', params: { file, schema: archive.schema, configured: schema } },
    );
  const conn = connection(url);
  const restored = await whileNotServing(db, async () => {
    // One transaction, opened here and committed only after pg_restore has written the whole
    // script: a script cut short (a damaged archive) is still valid SQL up to the cut, so psql
    // must not commit just because its input ended. ON_ERROR_STOP makes psql quit on the first
    // failing statement, and its open transaction dies with it.
    const prelude = `set client_min_messages = warning;\nbegin;\ndrop schema if exists ${quoteIdent(schema)} cascade;\n${
      archive.createsSchema(schema) ? '' : `create schema ${quoteIdent(schema)};\n`
    }`;
    const restore = spawn('pg_restore', ['--no-owner', '--no-acl', '--file', '-', file], {
      env: conn.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const psql = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', '-', '--dbname', conn.url], {
      env: conn.env,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const exit = (child: typeof restore | typeof psql) =>
      new Promise<number | null>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', resolve);
      });
    const restoreExit = exit(restore);
    const psqlExit = exit(psql);
    // psql gone early (a failed statement): stop pg_restore rather than let it block on a full pipe.
    void psqlExit.then(() => restore.exitCode === null && restore.kill('SIGTERM'));
    psql.stdin.on('error', () => undefined);
    let done = 0;
    let partial = '';
    const counter = new Transform({
      transform(chunk: Buffer, _enc, callback) {
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines)
          if (line.startsWith('-- Name: ') || line.startsWith('-- Data for Name: '))
            onProgress(Math.min(++done, archive.entries), archive.entries);
        callback(null, chunk);
      },
    });
    const scriptWritten = new Promise<void>((resolve) => counter.once('end', resolve));
    psql.stdin.write(prelude);
    restore.stdout.pipe(counter).pipe(psql.stdin, { end: false });
    let errors = '';
    restore.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    psql.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    const restoreCode = await restoreExit;
    if (restoreCode === 0) await scriptWritten;
    // Cut short: end psql's session without a commit, and PostgreSQL rolls the transaction back.
    if (restoreCode === 0) psql.stdin.end('commit;\n');
    else psql.kill('SIGTERM');
    const psqlCode = await psqlExit;
    if (restoreCode !== 0 || psqlCode !== 0) {
      const error = lastLines(errors) || `pg_restore ${restoreCode}, psql ${psqlCode}`;
      throw new BackupError('failed', `the restore was rolled back, the database is as it was: ${error}`, {
        key: 'rolled-back',
        params: { error },
      });
    }
    onProgress(archive.entries, archive.entries);
  });
  if (!restored)
    throw new BackupError(
      'in-use',
      `schema ${schema} at ${db.location} is in use by a running dabyl serve; stop every server, then restore`,
      { key: 'schema-in-use', params: { schema, location: db.location } },
    );
  return { engine: 'postgres', file, bytes: statSync(file).size, source: `${db.location} schema ${schema}` };
}
