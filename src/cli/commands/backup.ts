import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { sql } from 'kysely';
import { loadConfig } from '../../config/config.js';
import { BackupError, type BackupProblem, type BackupResult } from '../../store/backup/backup-file.js';
import { backupPostgres, restorePostgres } from '../../store/backup/postgres.backup.js';
import { backupSqlite, restoreSqlite } from '../../store/backup/sqlite.backup.js';
import { openDb, type Db } from '../../store/db.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { CLI_WORDS } from '../cli.texts.js';
import { CliFailure, cliLanguage, EXIT, filled, printJson } from '../output.js';
import { progressBar } from '../progress.js';
import { BACKUP_REFUSALS, BACKUP_WORDS } from './backup.texts.js';

const EXIT_FOR: Record<BackupProblem, number> = {
  'not-a-backup': EXIT.usage,
  'engine-differs': EXIT.usage,
  newer: EXIT.usage,
  exists: EXIT.conflict,
  'in-use': EXIT.conflict,
  tools: EXIT.unavailable,
  failed: EXIT.failed,
};

/**
 * A refusal in the operator's language: English as the backup code wrote it; Kazakh and Russian
 * from its sentence's key, its values (paths, tool names, a tool's own error text) as they are.
 */
function refusalText(err: BackupError): string {
  const lang = cliLanguage(process.env);
  if (!lang || lang === 'en' || !err.words) return err.message;
  return filled(BACKUP_REFUSALS[lang][err.words.key], err.words.params);
}

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
        CLI_WORDS[cliLanguage(process.env) ?? 'en'].unreachable(db.location, (err as Error).message),
        EXIT.unavailable,
      );
    }
    return await fn({ engine: 'postgres', db, url: config.databaseUrl! });
  } catch (err) {
    if (err instanceof BackupError) throw new CliFailure(refusalText(err), EXIT_FOR[err.problem]);
    throw err;
  } finally {
    await db?.close();
  }
}

function report(result: BackupResult, sentence: (r: BackupResult) => string, json: boolean | undefined) {
  if (json) printJson(result);
  else process.stdout.write(`${sentence(result)}\n`);
}

export function registerBackupCommands(program: Command, lang: MessageLang): void {
  const w = BACKUP_WORDS[lang];
  program
    .command('backup')
    .description(w.backup)
    .argument('<file>', w.backupFile)
    .option('--force', w.force)
    .option('--json', CLI_WORDS[lang].json)
    .action(async (file: string, opts: { force?: boolean; json?: boolean }) => {
      const target = path.resolve(file);
      if (existsSync(target) && !opts.force) throw new CliFailure(w.exists(target), EXIT.conflict);
      await withTarget(async (db) => {
        if (db.engine === 'sqlite' && !existsSync(db.file))
          throw new CliFailure(w.nothingToBackUp(db.dataDir), EXIT.notFound);
        const bar = progressBar(w.backupBar, !opts.json);
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
        report(result, w.backedUp, opts.json);
      });
    });

  program
    .command('restore')
    .description(w.restore)
    .argument('<file>', w.restoreFile)
    .option('--json', CLI_WORDS[lang].json)
    .action(async (file: string, opts: { json?: boolean }) => {
      const source = path.resolve(file);
      if (!existsSync(source)) throw new CliFailure(w.absent(source), EXIT.notFound);
      await withTarget(async (db) => {
        const bar = progressBar(w.restoreBar, !opts.json);
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
        report(result, w.restored, opts.json);
      });
    });
}
