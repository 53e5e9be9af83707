import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { knownMigrations } from '../migrate.js';
import { lockSqliteFile } from '../startup-lock.js';
import { BackupError, checkBackupEngine, type BackupResult, type Progress } from './backup-file.js';

/*
 * SQLite: a backup is a copy of the database made with SQLite's online backup API, page by page
 * while servers keep writing; a restore copies the backup beside the live file, checks it, and swaps
 * it in with a rename, so the live file is either the old one or the whole new one.
 */

const sidecars = (file: string) => [`${file}-wal`, `${file}-shm`, `${file}-journal`];
const removeWithSidecars = (file: string) =>
  [file, ...sidecars(file)].forEach((f) => rmSync(f, { force: true }));

/** Copies the live database at `location` to `file` (written whole, then renamed into place). */
export async function backupSqlite(
  location: string,
  file: string,
  onProgress: Progress,
): Promise<BackupResult> {
  if (location === ':memory:')
    throw new BackupError('failed', 'an in-memory database cannot be backed up', { key: 'in-memory' });
  const partial = `${file}.partial`;
  removeWithSidecars(partial);
  const source = new SQLite(location, { fileMustExist: true });
  try {
    await source.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress(totalPages - remainingPages, totalPages);
        return 256;
      },
    });
  } catch (err) {
    removeWithSidecars(partial);
    const error = (err as Error).message;
    throw new BackupError('failed', `backup of ${location} failed: ${error}`, {
      key: 'backup-failed',
      params: { file: location, error },
    });
  } finally {
    source.close();
  }
  renameSync(partial, file);
  return { engine: 'sqlite', file, bytes: statSync(file).size, source: location };
}

/** Refuses a SQLite file without Dabyl's tables, or one made by a newer Dabyl; the file is not changed. */
function checkDabylFile(file: string): void {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    const error = (err as Error).message;
    throw new BackupError('not-a-backup', `${file} cannot be opened: ${error}`, {
      key: 'unopenable',
      params: { file, error },
    });
  }
  try {
    let names: string[];
    try {
      names = db
        .prepare('select name from kysely_migration order by name')
        .all()
        .map((r) => (r as { name: string }).name);
    } catch (err) {
      // No such table: some other SQLite file. Anything else: a Dabyl backup that is damaged.
      const error = (err as Error).message;
      if (!/no such table/.test(error))
        throw new BackupError('failed', `${file} is damaged: ${error}`, {
          key: 'damaged',
          params: { file, error },
        });
      names = [];
    }
    if (!names.includes(knownMigrations()[0]!) || !tableExists(db, 'audit_log'))
      throw new BackupError('not-a-backup', `${file} is a SQLite database, but not a Dabyl one`, {
        key: 'not-dabyl-sqlite',
        params: { file },
      });
    const unknown = names.filter((n) => !knownMigrations().includes(n));
    if (unknown.length)
      throw new BackupError(
        'newer',
        `${file} comes from a newer Dabyl (migration ${unknown.join(', ')} is unknown here); upgrade Dabyl, then restore`,
        { key: 'newer', params: { file, migrations: unknown.join(', ') } },
      );
  } finally {
    db.close();
  }
}

const tableExists = (db: SQLite.Database, name: string) =>
  db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined;

/**
 * Replaces the database at `target` with the backup in `file`. Refuses while anything has `target`
 * open (a running server); keeps the database it replaced as `target.before-restore`.
 */
export async function restoreSqlite(
  file: string,
  target: string,
  onProgress: Progress,
): Promise<BackupResult> {
  checkBackupEngine(file, 'sqlite');
  checkDabylFile(file);
  mkdirSync(path.dirname(target), { recursive: true });
  const incoming = `${target}.restoring`;
  removeWithSidecars(incoming);
  const backup = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await backup.backup(incoming, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress(totalPages - remainingPages, totalPages);
        return 256;
      },
    });
  } catch (err) {
    removeWithSidecars(incoming);
    const error = (err as Error).message;
    throw new BackupError('failed', `copying ${file} failed: ${error}`, {
      key: 'copy-failed',
      params: { file, error },
    });
  } finally {
    backup.close();
  }
  const check = new SQLite(incoming);
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok')
      throw new BackupError('failed', `${file} is damaged: ${String(result)}`, {
        key: 'damaged',
        params: { file, error: String(result) },
      });
    check.pragma('journal_mode = WAL');
  } catch (err) {
    check.close();
    removeWithSidecars(incoming);
    throw err;
  }
  check.close();

  if (existsSync(target)) {
    const lock = lockSqliteFile(target);
    if (!lock) {
      removeWithSidecars(incoming);
      throw new BackupError(
        'in-use',
        `${target} is in use (a running dabyl serve, or another process); stop it, then restore`,
        { key: 'file-in-use', params: { file: target } },
      );
    }
    // Fold the write-ahead log into the file, so the copy kept aside is whole by itself.
    lock.pragma('wal_checkpoint(TRUNCATE)');
    lock.close();
    // Closing the last connection removes the log; one still there means another process opened
    // the file meanwhile, and a log left beside the path would be replayed onto the new file.
    if (sidecars(target).some((f) => existsSync(f))) {
      removeWithSidecars(incoming);
      throw new BackupError(
        'in-use',
        `${target} was opened by another process during the restore; try again`,
        { key: 'opened-meanwhile', params: { file: target } },
      );
    }
    removeWithSidecars(`${target}.before-restore`);
    renameSync(target, `${target}.before-restore`);
  }
  renameSync(incoming, target);
  return { engine: 'sqlite', file, bytes: statSync(target).size, source: target };
}
