import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { sql } from 'kysely';
import { loadConfig } from '../../config/config.js';
import { BackupError, type BackupProblem, type BackupResult } from '../../store/backup/backup-file.js';
import { backupPostgres, restorePostgres } from '../../store/backup/postgres.backup.js';
import { backupSqlite, restoreSqlite } from '../../store/backup/sqlite.backup.js';
import { openDb, type Db } from '../../store/db.js';
import { CliFailure, EXIT, printJson } from '../output.js';
import { progressBar } from '../progress.js';

const EXIT_FOR: Record<BackupProblem, number> = {
  'not-a-backup': EXIT.usage,
  'engine-differs': EXIT.usage,
  newer: EXIT.usage,
  exists: EXIT.conflict,
  'in-use': EXIT.conflict,
  tools: EXIT.unavailable,
  failed: EXIT.failed,
};

/** The SQLite file, or the opened PostgreSQL database, the configuration names. */
type Target =
  { engine: 'sqlite'; file: string; dataDir: string } | { engine: 'postgres'; db: Db; url: string };

/**
 * Runs `fn` on the configured database as it is: nothing is migrated (a backup copies what is
 * there) and a SQLite file is not opened here (the backup and the restore open it themselves).
 */
async function withTarget<T>(fn: (target: Target) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = config.databaseUrl
    ? openDb({ databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize })
    : null;
  try {
    if (!db)
      return await fn({
        engine: 'sqlite',
        file: path.join(config.dataDir, 'dabyl.sqlite'),
        dataDir: config.dataDir,
      });
    try {
      await sql`select 1`.execute(db.kysely);
    } catch (err) {
      throw new CliFailure(
        `cannot reach the database at ${db.location}: ${(err as Error).message}`,
        EXIT.unavailable,
      );
    }
    return await fn({ engine: 'postgres', db, url: config.databaseUrl! });
  } catch (err) {
    if (err instanceof BackupError) throw new CliFailure(err.message, EXIT_FOR[err.problem]);
    throw err;
  } finally {
    await db?.close();
  }
}

function report(result: BackupResult, verb: string, json: boolean | undefined): void {
  if (json) printJson(result);
  else
    process.stdout.write(
      `${verb} ${result.source} ${verb === 'backed up' ? 'to' : 'from'} ${result.file} (${result.engine}, ${result.bytes} bytes)\n`,
    );
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'copy the configured database to FILE while it runs (SQLite: online backup; PostgreSQL: pg_dump of its schema)',
    )
    .argument('<file>', 'where to write the backup')
    .option('--force', 'replace FILE if it exists')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { force?: boolean; json?: boolean }) => {
      const target = path.resolve(file);
      if (existsSync(target) && !opts.force)
        throw new CliFailure(`${target} exists; pass --force to replace it`, EXIT.conflict);
      await withTarget(async (db) => {
        if (db.engine === 'sqlite' && !existsSync(db.file))
          throw new CliFailure(`there is no database to back up in ${db.dataDir}`, EXIT.notFound);
        const bar = progressBar('backup', !opts.json);
        const update = (done: number, total: number) => bar.update(done, total);
        let result: BackupResult;
        try {
          result =
            db.engine === 'postgres'
              ? await backupPostgres(db.db, db.url, target, update)
              : await backupSqlite(db.file, target, update);
        } finally {
          bar.stop();
        }
        report(result, 'backed up', opts.json);
      });
    });

  program
    .command('restore')
    .description(
      'replace the configured database with a backup made by dabyl backup; every server must be stopped first',
    )
    .argument('<file>', 'the backup to restore')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean }) => {
      const source = path.resolve(file);
      if (!existsSync(source)) throw new CliFailure(`${source} does not exist`, EXIT.notFound);
      await withTarget(async (db) => {
        const bar = progressBar('restore', !opts.json);
        const update = (done: number, total: number) => bar.update(done, total);
        let result: BackupResult;
        try {
          result =
            db.engine === 'postgres'
              ? await restorePostgres(db.db, db.url, source, update)
              : await restoreSqlite(source, db.file, update);
        } finally {
          bar.stop();
        }
        report(result, 'restored', opts.json);
      });
    });
}
