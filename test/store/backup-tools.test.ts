/**
 * PostgreSQL backups need pg_dump, pg_restore and psql of the server's major version: another
 * version, or none at all, is refused before anything is written, naming the versions and the fix.
 * The versions are made to differ by putting a stand-in `pg_dump` that prints another version first
 * on PATH (the only way to have two majors on one machine without installing a second server).
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError } from '../../src/store/backup/backup-file.js';
import { backupPostgres } from '../../src/store/backup/postgres.backup.js';
import { testDatabaseUrl } from '../setup/engines.js';
import { openTestRuntime } from '../support/engines.js';

let runtime: Awaited<ReturnType<typeof openTestRuntime>>;
let dir: string;
const realPath = process.env.PATH;

beforeAll(async () => {
  runtime = await openTestRuntime('postgres');
  dir = mkdtempSync(path.join(tmpdir(), 'dabyl-tools-'));
});
afterAll(async () => {
  process.env.PATH = realPath;
  await runtime?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(pathVariable: string): Promise<BackupError> {
  process.env.PATH = pathVariable;
  try {
    await backupPostgres(runtime.ctx.db, testDatabaseUrl(), path.join(dir, 'out.dump'), () => undefined);
  } catch (err) {
    return err as BackupError;
  } finally {
    process.env.PATH = realPath;
  }
  throw new Error('the backup was not refused');
}

describe('the PostgreSQL client tools', () => {
  it('refuses a pg_dump of another major version than the server, naming both', async () => {
    writeFileSync(path.join(dir, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n');
    chmodSync(path.join(dir, 'pg_dump'), 0o755);
    const err = await refusal(`${dir}:${realPath}`);
    expect(err).toBeInstanceOf(BackupError);
    expect(err.problem).toBe('tools');
    expect(err.message).toMatch(
      /pg_dump is version 9, the server is PostgreSQL \d+: use the PostgreSQL \d+ client tools/,
    );
    expect(existsSync(path.join(dir, 'out.dump'))).toBe(false);
  });

  it('says which package to install when pg_dump is missing', async () => {
    const empty = mkdtempSync(path.join(dir, 'empty-'));
    const err = await refusal(empty);
    expect(err.problem).toBe('tools');
    expect(err.message).toMatch(
      /pg_dump is needed and was not found: install the PostgreSQL \d+ client tools/,
    );
  });
});
